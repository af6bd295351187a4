"""What happened and what is wanted: `case new --event-date/--account/--want/--story`, `case
edit`, the interview's offer to open a case, and the dossier a person can file."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from escalate.cli.main import app

runner = CliRunner()


def run(*args: str, input: str | None = None) -> Any:
    return runner.invoke(app, list(args), input=input)


def unescape(markdown: str) -> str:
    """Markdown text without its backslash escapes."""
    return re.sub(r"\\(.)", r"\1", markdown)


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
        (("--event-date", "ontem à noite"), "not a time of day: 'noite'"),
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
    assert "Caso 1 aberto contra Neoenergia Elektro" in result.stdout
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
    assert "aberto contra" not in result.stdout
    assert not (home / "journal.sqlite3").exists()


def test_the_dossier_holds_the_story_the_notes_the_request_and_a_signature(
    home: Path, rules: Any
) -> None:
    from escalate.records.models import Sector

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
        "CPF: \\[CPF\\]\n",  # no CPF in the journal: a blank to fill
        "Endereço: \\[ENDEREÇO\\]",
        "Data do ocorrido: 23/11/2026 às 19:00",
        "## O que aconteceu\n\nPaguei a conta no dia 23 às 18h.",
        "| O que foi dito |",
        "Prometeram religar em 24 horas",
        "## O que peço",
        "REN ANEEL 1.000/2021, art. 362",
        "\\[CIDADE\\], 25/11/2026",
        "Assinatura:",
    ):
        assert part in page, part
    assert "Minuta" not in page and "\n> " not in page  # no draft: the letter is the text
    assert "--letter" not in page  # a document to file holds no command line
    show = run("case", "show", "1", "--lang", "pt").stdout
    assert "O texto para esse canal: escalate case export 1 --letter ouvidoria" in show
    # "O que peço": each remedy the person wants, with its rule.
    (wanted,) = [
        r
        for r in rules.problems.remedies_for("reconnection", Sector("energy"))
        if r.id == "reconnect"
    ]
    asked = unescape(page.split("\n## O que peço\n\n")[1].split("\n## ")[0])
    assert asked.startswith("- ") and asked.count("\n- ") == 0  # one request
    assert wanted.ask.pt.rstrip(".") in asked
    # The rule once: this request names it already ("do art. 362 da REN ANEEL 1.000/2021").
    assert "art. 362" in asked and f"({wanted.rule})" not in asked
    # The letter says what the person wants, not a request for "a solution".
    letter = run("case", "export", "1", "--letter", "ouvidoria").stdout
    assert wanted.ask.pt.rstrip(".") in letter
    assert "Peço a solução do problema" not in letter
    assert "Paguei a conta no dia 23 às 18h." in letter and "(protocolo 555)" in letter


def test_without_a_request_the_letter_asks_for_a_solution(home: Path) -> None:
    new_reconnection()
    page = run("case", "export", "1", "--format", "markdown").stdout
    assert "## O que peço" not in page and "Minuta" not in page
    # The next step is the SAC, a call or a chat: no letter to name.
    assert "Reclame no SAC" in page and "--letter" not in page
    letter = run("case", "export", "1", "--letter", "ouvidoria")
    assert letter.exit_code == 0, letter.stderr
    assert "\nPeço a solução do problema.\n" in letter.stdout


def test_a_passed_reconnection_clock_is_in_the_dossier_and_the_letters(home: Path) -> None:
    new_reconnection("--want", "reconnect")
    run("case", "log", "1", "--channel", "sac", "--protocol", "9", "--date", "2026-11-23")
    page = run("case", "export", "1", "--format", "markdown").stdout
    missed = page[page.index("## Prazos vencidos") : page.index("## O que peço")]
    # The version for an urban area and a normal reconnection, assumed: said so. The hour of
    # the request is unknown: the latest moment the clock could end (a request after 18h on
    # the 23rd starts it at 8h on the 24th).
    assert "Religação normal em área urbana (se for o seu caso)" in missed
    assert "até 25/11/2026 às 08:00 no máximo; o prazo venceu (REN ANEEL 1.000/2021" in missed
    for letter in ("ouvidoria", "aneel", "procon", "juizado"):
        text = run("case", "export", "1", "--letter", letter).stdout
        assert "religação normal em área urbana, REN ANEEL 1.000/2021, art. 362" in text, letter
        assert "o prazo terminou o mais tardar em 25/11/2026 às 08:00" in text, letter


def test_a_clock_still_running_is_not_called_missed(home: Path) -> None:
    new_reconnection("--want", "reconnect")
    run("case", "log", "1", "--channel", "sac", "--protocol", "9", "--date", "2026-11-25")
    page = run("case", "export", "1", "--format", "markdown").stdout
    assert "Religação normal" not in page
    assert "o prazo terminou" not in run("case", "export", "1", "--letter", "ouvidoria").stdout


def test_case_show_json_is_the_view_model_the_documents_are_written_from(home: Path) -> None:
    new_reconnection("--want", "reconnect", "--cpf", "123.456.789-09")
    run("case", "log", "1", "--channel", "sac", "--protocol", "9", "--date", "2026-11-23")
    case = shown()
    (remedy,) = case["remedies"]
    assert remedy["id"] == "reconnect" and remedy["rule"] == "REN ANEEL 1.000/2021, art. 362"
    assert remedy["status"] == "official" and remedy["sources"]
    following = case["next"]
    assert following["mode"] == "act" and following["letter"] == "ouvidoria"
    assert [c["kind"] for c in following["contacts"]] and following["bring"]
    assert any(b["required"] for b in following["bring"])
    assert [c["id"] for c in following["clocks_passed"]] == ["reconnection-normal-urban"]
    assert case["cpf"] == "***.***.*89-09"
    full = json.loads(run("case", "show", "1", "--json", "--show-cpf").stdout)["case"]
    assert full["cpf"] == "123.456.789-09"
