"""`escalate companies --state`: which companies serve a state, by the id to type."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from escalate.cli.main import app

runner = CliRunner()


def ids(*args: str) -> list[str]:
    result = runner.invoke(app, ["companies", "--json", *args])
    assert result.exit_code == 0, result.output
    return [row["id"] for row in json.loads(result.stdout)["companies"]]


@pytest.mark.parametrize(
    ("state", "present", "absent"),
    [
        # A group gives the unit of the state, by the unit's own id; a national operator is
        # everywhere; a company of other states is not listed.
        ("PA", {"equatorial-pa", "claro"}, {"equatorial", "elektro", "cemig"}),
        ("SP", {"elektro", "claro"}, {"cemig", "equatorial-pa"}),
        ("MG", {"cemig", "claro"}, {"elektro"}),
        ("ms", {"elektro", "claro"}, {"cemig"}),  # any case
    ],
)
def test_the_companies_that_serve_a_state(
    home: Path, state: str, present: set[str], absent: set[str]
) -> None:
    found = set(ids("--state", state))
    assert present <= found
    assert not (absent & found)


def test_every_company_without_a_state() -> None:
    assert {"claro", "elektro", "cemig", "equatorial"} <= set(ids())


def test_a_bad_state_is_one_line_and_exit_2(home: Path) -> None:
    result = runner.invoke(app, ["companies", "--state", "XX", "--lang", "pt"])
    assert result.exit_code == 2
    assert result.stderr.startswith("escalate: erro: não é uma sigla de estado: 'XX'")


def test_the_interview_asks_the_state_and_offers_its_companies(home: Path) -> None:
    """Someone who does not know the company's id: the state first, then the companies that
    serve it, picked by number; the advice is for that company."""
    answers = ["n", "", "BA", "neoenergia-coelba", "2", "1", "n"]  # billing, start
    result = runner.invoke(app, ["advise", "-i", "--lang", "pt"], input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "Em que estado você está? Vamos listar as empresas" in result.stdout
    assert "Neoenergia Coelba [neoenergia-coelba]" in result.stdout
    assert "Qual destas é a sua empresa?" in result.stdout
    assert "0800 071 0800" in result.stdout  # Coelba's SAC
    assert "É energia (luz) ou telecomunicações" not in result.stdout  # the sector is known


def test_the_interview_goes_on_without_a_company_when_the_state_is_skipped(home: Path) -> None:
    answers = ["n", "", "", "1", "1", "1", "n"]  # no state: the sector question, energy
    result = runner.invoke(app, ["advise", "-i", "--lang", "pt"], input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "É energia (luz) ou telecomunicações" in result.stdout
