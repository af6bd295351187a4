"""CPF check digits, against python-stdnum as the oracle; masking; the journal migration."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest
from stdnum.br import cpf as oracle
from typer.testing import CliRunner

from escalate.cases import cpf, journal
from escalate.cli.main import app


def test_agrees_with_stdnum_on_many_numbers() -> None:
    rng = random.Random(2026)
    numbers = [f"{rng.randrange(10**11):011d}" for _ in range(3000)]
    numbers += [oracle.format(n[:9] + oracle._calc_check_digits(n[:9])) for n in numbers[:500]]
    for number in numbers:
        assert cpf.is_valid(number) == oracle.is_valid(number), number


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("123.456.789-09", True),
        ("12345678909", True),
        ("123.456.789-00", False),
        ("111.111.111-11", False),  # all digits equal: never a real CPF
        ("1234567890", False),
        ("abc.def.ghi-jk", False),
        ("", False),
    ],
)
def test_examples(text: str, valid: bool) -> None:
    assert cpf.is_valid(text) is valid


def test_mask_and_format() -> None:
    assert cpf.formatted("12345678909") == "123.456.789-09"
    assert cpf.masked("12345678909") == "***.***.*89-09"


def test_migration_from_the_first_schema_keeps_the_data(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    old = sqlite3.connect(path, isolation_level=None)
    old.executescript(journal.MIGRATIONS[0])
    old.execute(f"PRAGMA application_id = {journal.APPLICATION_ID}")
    old.execute("PRAGMA user_version = 1")
    old.execute(
        "INSERT INTO cases (uid, company, title, created)"
        " VALUES ('u1', 'elektro', 'old', '2026-01-05')"
    )
    old.close()
    conn = journal.connect(path)
    # Every migration ran in order: 2 added the CPF, 3 the state, 4 the event and the story.
    assert conn.execute("PRAGMA user_version").fetchone()[0] == journal.SCHEMA_VERSION == 4
    case = journal.get_case(conn, 1)
    assert case.title == "old" and case.cpf is None and case.state is None
    assert (case.event_date, case.account, case.want, case.story) == (None, None, (), None)
    journal.new_case(conn, company="claro", title="new", cpf="123.456.789-09", state="RJ")
    assert (journal.get_case(conn, 2).cpf, journal.get_case(conn, 2).state) == (
        "12345678909",
        "RJ",
    )


def test_migration_from_schema_2_adds_the_state_and_keeps_the_cpf(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    old = sqlite3.connect(path, isolation_level=None)
    old.executescript(journal.MIGRATIONS[0] + journal.MIGRATIONS[1])
    old.execute(f"PRAGMA application_id = {journal.APPLICATION_ID}")
    old.execute("PRAGMA user_version = 2")
    old.execute(
        "INSERT INTO cases (uid, company, title, created, cpf)"
        " VALUES ('u1', 'elektro', 'old', '2026-01-05', '12345678909')"
    )
    old.close()
    conn = journal.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == journal.SCHEMA_VERSION
    case = journal.get_case(conn, 1)
    assert (case.title, case.cpf, case.state) == ("old", "12345678909", None)


def test_case_cpf_is_validated_and_masked(home: Path) -> None:
    runner = CliRunner()
    bad = runner.invoke(
        app,
        [
            "case",
            "new",
            "--company",
            "elektro",
            "--title",
            "x",
            "--cpf",
            "123.456.789-00",
            "--lang",
            "en",
        ],
    )
    assert bad.exit_code == 2 and "not a valid CPF" in bad.stderr
    ok = runner.invoke(
        app, ["case", "new", "--company", "elektro", "--title", "x", "--cpf", "123.456.789-09"]
    )
    assert ok.exit_code == 0
    shown = runner.invoke(app, ["case", "show", "1"]).stdout
    assert "***.***.*89-09" in shown and "123.456" not in shown
    full = runner.invoke(app, ["case", "show", "1", "--show-cpf"]).stdout
    assert "123.456.789-09" in full
