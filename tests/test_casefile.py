"""Where a case stands, read from its contacts; `advise --case`."""

from __future__ import annotations

import datetime as dt

import pytest
from typer.testing import CliRunner

from escalate.casefile import position
from escalate.cli import app
from escalate.journal import Case, Contact

D = dt.date(2026, 11, 2)


def case_with(*contacts: tuple[str, str | None, str]) -> Case:
    return Case(
        1,
        "u",
        "elektro",
        None,
        None,
        "t",
        "open",
        D,
        None,
        tuple(
            Contact(i, f"c{i}", ch, proto, D + dt.timedelta(days=i), outcome, None)
            for i, (ch, proto, outcome) in enumerate(contacts)
        ),
    )


@pytest.mark.parametrize(
    ("contacts", "stage", "has_protocol", "solved"),
    [
        ((), "start", None, False),
        ((("sac", "1", "open"),), "sac-open", True, False),
        ((("sac", None, "failed"),), "sac-failed", False, False),
        ((("sac", "1", "no-answer"),), "sac-failed", True, False),
        ((("sac", "1", "failed"), ("ouvidoria", "2", "open")), "ouvidoria-open", True, False),
        ((("sac", "1", "failed"), ("ouvidoria", "2", "failed")), "ouvidoria-failed", True, False),
        ((("ouvidoria", "2", "failed"), ("anatel", "3", "open")), "regulator-open", True, False),
        ((("aneel", "3", "failed"),), "regulator-failed", True, False),
        ((("procon", "4", "failed"),), "procon-failed", True, False),
        ((("reclame-aqui", None, "open"),), "start", None, False),  # pressure is not a rung
        ((("sac", "1", "solved"),), "sac-open", True, True),
        # The highest rung reached decides, whatever the order the contacts were logged in.
        ((("ouvidoria", "2", "failed"), ("sac", "1", "open")), "ouvidoria-failed", True, False),
    ],
)
def test_position(contacts, stage: str, has_protocol: bool | None, solved: bool) -> None:
    where = position(case_with(*contacts))
    assert (where.stage, where.has_protocol, where.solved) == (stage, has_protocol, solved)
    assert [c.protocol for c in where.protocols] == [c[1] for c in contacts if c[1]]


def test_advise_from_a_case_quotes_the_protocols(home) -> None:
    runner = CliRunner()
    runner.invoke(
        app, ["case", "new", "--company", "claro", "--title", "Internet", "--problem", "outage"]
    )
    runner.invoke(
        app,
        [
            "case",
            "log",
            "1",
            "--channel",
            "sac",
            "--protocol",
            "111",
            "--date",
            "2026-11-10",
            "--outcome",
            "failed",
        ],
    )
    result = runner.invoke(app, ["advise", "--case", "1", "--lang", "en"])
    assert result.exit_code == 0, result.stderr
    assert "Quote these protocols: sac 111 (2026-11-10)" in result.stdout
    assert "0800 701 0180" in result.stdout  # Claro's ouvidoria is next
    runner.invoke(
        app,
        ["case", "log", "1", "--channel", "ouvidoria", "--protocol", "222", "--date", "2026-11-20"],
    )
    waiting = runner.invoke(app, ["advise", "--case", "1", "--json"]).stdout
    import json

    data = json.loads(waiting)
    assert data["mode"] == "wait" and data["deadline"]["due"] == "2026-11-30"
    assert [p["protocol"] for p in data["request"]["protocols"]] == ["111", "222"]
    runner.invoke(app, ["case", "log", "1", "--channel", "ouvidoria", "--outcome", "solved"])
    done = runner.invoke(app, ["advise", "--case", "1", "--lang", "en"])
    assert "your last contact solved it" in done.stdout


def test_advise_from_an_unknown_case() -> None:
    result = CliRunner().invoke(app, ["advise", "--case", "7"])
    assert result.exit_code == 1
    assert "no case 7" in result.stderr
