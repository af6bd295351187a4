"""What happened and what is wanted: `case new --event-date/--account/--want/--story`, `case
edit`, the interview's offer to open a case, and the dossier a person can file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from escalate.cli.main import app

runner = CliRunner()


def run(*args: str, input: str | None = None) -> Any:
    return runner.invoke(app, list(args), input=input)


def shown(case_id: int = 1) -> dict[str, Any]:
    result = run("case", "show", str(case_id), "--json")
    assert result.exit_code == 0, result.stderr
    case: dict[str, Any] = json.loads(result.stdout)["case"]
    return case


def new_reconnection(*extra: str, input: str | None = None) -> Any:
    return run(
        "case",
        "new",
        "--company",
        "elektro",
        "--title",
        "Sem luz depois de pagar",
        "--problem",
        "reconnection",
        *extra,
        input=input,
    )


def test_case_new_keeps_what_happened_and_what_is_wanted(home: Path) -> None:
    result = new_reconnection(
        "--event-date",
        "2026-11-23 19h00",
        "--account",
        " 0012345678 ",
        "--want",
        "reconnect",
        "--story",
        "Paguei a conta atrasada no dia 23.\n\nA luz não voltou.",
    )
    assert result.exit_code == 0, result.stderr
    case = shown()
    assert case["event_date"] == "2026-11-23" and case["event_time"] == "19:00"
    assert case["account"] == "0012345678"
    assert case["want"] == ["reconnect"]
    assert case["story"] == "Paguei a conta atrasada no dia 23.\n\nA luz não voltou."


def test_the_story_can_come_from_the_input(home: Path) -> None:
    result = new_reconnection("--story", "-", input="Liguei três vezes.\nNinguém veio.\n")
    assert result.exit_code == 0, result.stderr
    assert shown()["story"] == "Liguei três vezes.\nNinguém veio."


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--event-date", "2026-12-01"), "is in the future"),
        (("--event-date", "ontem à noite"), "use YYYY-MM-DD"),
        (("--want", "fly"), "'fly' is not something the data offers for reconnection"),
        # A remedy of another sector: refund-double is offered, cancel-no-fine is telecom only.
        (("--want", "cancel-no-fine"), "for this problem: reconnect, reconnect-wrongful"),
    ],
)
def test_bad_story_options_are_one_line_and_exit_2(
    home: Path, args: tuple[str, ...], message: str
) -> None:
    result = new_reconnection(*args, "--lang", "en")
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert run("case", "list", "--json").stdout.count('"id"') == 0  # nothing was opened


def test_want_needs_the_problem(home: Path) -> None:
    result = run(
        "case", "new", "-c", "claro", "--title", "x", "--want", "refund-double", "--lang", "en"
    )
    assert result.exit_code == 2
    assert "--want needs the problem (--problem)" in result.stderr


def test_case_edit_changes_clears_and_keeps(home: Path) -> None:
    assert new_reconnection("--account", "123", "--want", "reconnect").exit_code == 0
    edited = run(
        "case",
        "edit",
        "1",
        "--story",
        "A luz voltou só no dia 26.",
        "--account",
        "",
        "--want",
        "reconnect-wrongful",
        "--event-date",
        "2026-11-23",
        "--lang",
        "en",
    )
    assert edited.exit_code == 0, edited.stderr
    assert "Case 1 changed: account, event_date, event_time, story, want." in edited.stdout
    case = shown()
    assert case["story"] == "A luz voltou só no dia 26." and case["account"] is None
    assert case["want"] == ["reconnect-wrongful"] and case["event_date"] == "2026-11-23"
    assert case["title"] == "Sem luz depois de pagar" and case["problem"] == "reconnection"
    retitled = run("case", "edit", "1", "--title", "Religação atrasada")
    assert retitled.exit_code == 0 and shown()["title"] == "Religação atrasada"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("1",), 2, "nothing to change"),
        (("1", "--title", "  "), 2, "a case needs a title"),
        (("7", "--story", "x"), 1, "no case 7"),
        (("1", "--want", "refund-double"), 2, "for this problem: reconnect"),
    ],
)
def test_case_edit_refuses_in_one_line(
    home: Path, args: tuple[str, ...], code: int, message: str
) -> None:
    assert new_reconnection("--story", "antes").exit_code == 0
    result = run("case", "edit", *args, "--lang", "en")
    assert result.exit_code == code
    assert message in result.stderr and "Traceback" not in result.stderr
    assert shown()["story"] == "antes"  # nothing changed


INTERVIEW = ["n", "elektro", "3", "1", "SP"]  # no risk; Elektro; reconnection; start; SP


def test_the_interview_opens_a_case_with_its_answers(home: Path) -> None:
    answers = [*INTERVIEW, "", "", "s", "", "1", "Paguei e a luz não voltou."]
    result = run("advise", "-i", "--lang", "pt", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stderr
    assert "Abrir um caso com estas respostas" in result.stdout
    assert "Caso 1 aberto para Neoenergia Elektro" in result.stdout
    case = shown()
    assert case["company"] == "elektro" and case["problem"] == "reconnection"
    assert case["state"] == "SP" and case["want"] == ["reconnect"]
    assert case["story"] == "Paguei e a luz não voltou."
    assert case["title"].startswith("Falta de energia") or case["title"].endswith("Elektro")


@pytest.mark.parametrize("ending", ["n\n", ""], ids=["says-no", "input-ends"])
def test_no_case_unless_the_person_says_yes(home: Path, ending: str) -> None:
    answers = "\n".join([*INTERVIEW, "", ""]) + "\n" + ending
    result = run("advise", "-i", "--lang", "pt", input=answers)
    assert result.exit_code == 0, result.stderr
    assert "O QUE FAZER AGORA" in result.stdout
    assert "aberto para" not in result.stdout
    assert not (home / "journal.sqlite3").exists()


def test_the_dossier_holds_the_story_the_notes_the_request_and_a_signature(home: Path) -> None:
    new_reconnection(
        "--event-date",
        "2026-11-23 19:00",
        "--want",
        "reconnect",
        "--story",
        "Paguei a conta no dia 23 às 18h.",
    )
    run(
        "case",
        "log",
        "1",
        "--channel",
        "sac",
        "--protocol",
        "555",
        "--date",
        "2026-11-23",
        "--note",
        "Prometeram religar em 24 horas",
    )
    page = run("case", "export", "1", "--format", "markdown").stdout
    for part in (
        "Consumidor: \\[NOME\\]",
        "CPF: \\[CPF\\]",  # no CPF in the journal: a blank to fill
        "Endereço: \\[ENDEREÇO\\]",
        "Data do ocorrido: 23/11/2026 às 19:00",
        "## O que aconteceu\n\nPaguei a conta no dia 23 às 18h.",
        "| O que foi dito |",
        "Prometeram religar em 24 horas",
        "## O que peço",
        "REN ANEEL 1.000/2021, art. 362",
        "\\[CIDADE\\], 25/11/2026",
        "Assinatura:",
        "Anexo os protocolos",
    ):
        assert part in page, part
    assert "Peço a solução do problema" not in page  # the person said what they want


def test_no_attachment_line_under_nothing_to_attach(home: Path) -> None:
    new_reconnection()
    page = run("case", "export", "1", "--format", "markdown").stdout
    assert "Anexo" not in page
    assert "Peço a solução do problema e a resposta por escrito." in page
