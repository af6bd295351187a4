"""`escalate case due`: the deadlines of the open cases that end today or have passed, each with
the next step `case show` gives. The clock is fixed at 2026-11-25 (a Wednesday) 10:00."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import typer
from typer.testing import CliRunner

from escalate.cases import casefile, reminders
from escalate.cases.journal import Case, LoggedContact
from escalate.cli.case_due import case_due
from escalate.cli.main import app as escalate_app
from escalate.output import due as due_output
from escalate.output import registry
from escalate.output.advice import say

TODAY = dt.date(2026, 11, 25)
NOW = dt.datetime(2026, 11, 25, 10, 0)  # the company's wall-clock time, as case show gives it
CLARO = "Claro (NET / Claro residencial)"  # the record's name, as case show gives it

RENDERERS = {
    ("due", "text"): "escalate.output.due:render_text",
    ("due", "json"): "escalate.output.due:render_json",
}


@pytest.fixture(autouse=True)
def _registered(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command renders through the registry; these are the lines RENDERERS lists."""
    for key, target in RENDERERS.items():
        monkeypatch.setitem(registry.RENDERERS, key, target)


# --- the core: reminders.due over CaseAdvice ----------------------------------------------------

Contact = tuple[str, str | None, dt.date, str]  # channel, protocol, date, outcome


def make_case(
    company: str,
    *contacts: Contact,
    problem: str | None = None,
    status: str = "open",
    state: str | None = None,
    case_id: int = 1,
) -> Case:
    return Case(
        id=case_id,
        uid=f"u{case_id}",
        company=company,
        unit=None,
        problem=problem,
        title="t",
        status=status,
        created=dt.date(2026, 11, 1),
        closed=dt.date(2026, 11, 24) if status == "closed" else None,
        contacts=tuple(
            LoggedContact(i, f"c{case_id}-{i}", channel, protocol, day, outcome, None)
            for i, (channel, protocol, day, outcome) in enumerate(contacts, start=1)
        ),
        state=state,
    )


def advise_case(case: Case, cat: Any, rules: Any) -> casefile.CaseAdvice:
    """The CaseAdvice `case show` works out (the same call, with the fixed clock)."""
    from escalate import entry

    return casefile.case_advice(
        case, company=entry.case_company(cat, case), rules=rules, today=TODAY, now=NOW
    )


def summary(found: list[reminders.Reminder]) -> list[tuple[Any, ...]]:
    out = []
    for r in found:
        rule = r.clock.clock.id if r.clock is not None else r.deadline.id  # type: ignore[union-attr]
        out.append((r.kind, rule, r.due, r.passed, r.maybe))
    return out


D = dt.date
P, B, C = reminders.DEADLINE, reminders.BESIDE, reminders.CLOCK


@pytest.mark.parametrize(
    ("company", "problem", "state", "contacts", "status", "expected"),
    [
        pytest.param(  # 7 calendar days from 18 Nov: the 25th, today
            "claro", "billing", None, [("sac", "123", D(2026, 11, 18), "open")], "open",
            [(P, "sac", D(2026, 11, 25), False, False)], id="sac-ends-today",
        ),
        pytest.param(
            "elektro", "billing", None, [("sac", "123", D(2026, 11, 17), "open")], "open",
            [(P, "sac", D(2026, 11, 24), True, False)], id="sac-passed-yesterday",
        ),
        pytest.param(
            "elektro", None, None, [("sac", None, D(2026, 11, 17), "no-answer")], "open",
            [(P, "sac", D(2026, 11, 24), True, False)], id="no-answer-passed",
        ),
        pytest.param(
            "elektro", "billing", None, [("sac", "1", D(2026, 11, 19), "open")], "open",
            [], id="not-yet-due",
        ),
        pytest.param(
            "elektro", "billing", None, [("sac", "1", D(2026, 11, 2), "solved")], "open",
            [], id="solved-contact",
        ),
        pytest.param(
            "elektro", "billing", None, [("sac", "1", D(2026, 11, 2), "failed")], "open",
            [], id="failed-contact-was-answered",
        ),
        pytest.param(
            "elektro", "billing", None, [("sac", "1", D(2026, 11, 2), "open")], "closed",
            [], id="closed-case",
        ),
        pytest.param(  # the SAC's passed deadline no longer matters: the ouvidoria's does
            "claro", "billing", None,
            [
                ("sac", "1", D(2026, 11, 2), "no-answer"),
                ("ouvidoria", "2", D(2026, 11, 10), "open"),
            ],
            "open", [(P, "claro-ouvidoria", D(2026, 11, 20), True, False)], id="moved-on",
        ),
        pytest.param(  # the SAC's 7 days count whoever the company was
            "luz-extinta", None, None, [("sac", "9", D(2026, 11, 17), "open")], "open",
            [(P, "sac", D(2026, 11, 24), True, False)], id="company-not-in-catalogue",
        ),
        pytest.param(  # 2 business days from Thu 19 Nov: 20 Nov (national), Sat, Sun → Tue 24
            # beside the SAC's 7 calendar days (26 Nov, not yet); the cancellation clock,
            # taken as asked from an agent, ran out at once and decided the advice
            "claro", "cancellation", "RJ", [("sac", "55", D(2026, 11, 19), "open")], "open",
            [
                (C, "cancellation-agent", D(2026, 11, 19), True, False),
                (B, "telecom-cancellation", D(2026, 11, 24), True, False),
            ],
            id="business-days-across-holiday-and-weekend",
        ),
        pytest.param(  # Mon 23 Nov + 2 business days: today
            "claro", "cancellation", None, [("sac", "56", D(2026, 11, 23), "open")], "open",
            [
                (C, "cancellation-agent", D(2026, 11, 23), True, False),
                (B, "telecom-cancellation", D(2026, 11, 25), False, False),
            ],
            id="business-days-ending-today",
        ),
        pytest.param(  # 24 h from a report on 24 Nov, hour not given: ends between 25 Nov 8h
            # and 26 Nov 8h, and it is 25 Nov 10h: it may be over
            "elektro", "reconnection", None, [("sac", "7", D(2026, 11, 24), "open")], "open",
            [(C, "reconnection-normal-urban", D(2026, 11, 25), False, True)],
            id="reconnection-clock-may-be-over",
        ),
    ],
)  # fmt: skip
def test_what_is_due(cat, rules, company, problem, state, contacts, status, expected) -> None:
    case = make_case(company, *contacts, problem=problem, status=status, state=state)
    view = advise_case(case, cat, rules)
    found = reminders.due([view], today=TODAY)
    assert summary(found) == expected
    for r in found:  # the next step is the case's own advice, as case show says it
        assert r.view is view
        assert r.next == (view.advice.headline if view.advice is not None else None)


def test_a_company_the_catalogue_no_longer_has_has_no_next_step(cat, rules) -> None:
    case = make_case("luz-extinta", ("sac", "9", D(2026, 11, 17), "open"))
    [found] = reminders.due([advise_case(case, cat, rules)], today=TODAY)
    assert found.next is None and found.view.company is None
    text = due_output.line_text(found, "pt")
    assert text.startswith("Caso 1 (luz-extinta): o prazo do SAC para responder venceu em 24/11")
    assert text.endswith(
        "luz-extinta não está mais no catálogo do escalate: veja escalate case show 1"
    )


@pytest.mark.parametrize(
    ("day", "due", "passed"),
    [
        (D(2026, 11, 19), D(2026, 11, 24), True),  # Fri 20 Nov (national holiday) and a weekend
        (D(2026, 11, 23), D(2026, 11, 25), False),  # Mon → Wed: today
        (D(2026, 11, 24), None, None),  # Tue → Thu: not yet
    ],
)
def test_a_business_day_deadline_of_the_ladder(cat, rules, day, due, passed) -> None:
    """An energy SAC deadline counted in business days (no shipped one is, so the ladder's is
    changed here, as test_casefile does): 2 days skip the weekend and 20 November."""
    from escalate.advice.advisor import Rules

    ladder = rules.ladder
    sac = ladder.deadline("sac").replace(business_days=True, days=2)
    ladder = ladder.replace(deadlines=(*(d for d in ladder.deadlines if d.id != "sac"), sac))
    changed = Rules(ladder, rules.problems, rules.law, rules.checklists, rules.bodies)
    case = make_case("elektro", ("sac", "1", day, "open"), problem="billing")
    found = reminders.due([advise_case(case, cat, changed)], today=TODAY)
    expected = [] if due is None else [(P, "sac", due, passed, False)]
    assert summary(found) == expected


def test_reminders_are_sorted_oldest_first_across_cases(cat, rules) -> None:
    days = {"claro": D(2026, 11, 18), "elektro": D(2026, 11, 10), "cemig": D(2026, 11, 18)}
    days["equatorial"] = D(2026, 11, 30)  # not yet due
    views = [
        advise_case(make_case(name, ("sac", "p", day, "open"), case_id=i), cat, rules)
        for i, (name, day) in enumerate(days.items(), start=1)
    ]
    found = reminders.due(reversed(views), today=TODAY)
    assert [(r.view.case.id, r.due) for r in found] == [
        (2, D(2026, 11, 17)),
        (1, D(2026, 11, 25)),
        (3, D(2026, 11, 25)),
    ]
    assert reminders.due([], today=TODAY) == []


def test_the_line_gives_the_deadline_and_the_next_step_of_case_show(cat, rules) -> None:
    case = make_case("claro", ("sac", "123", D(2026, 11, 17), "open"), problem="billing")
    view = advise_case(case, cat, rules)
    [found] = reminders.due([view], today=TODAY)
    assert view.advice is not None
    next_pt, next_en = say(view.advice.headline, "pt"), say(view.advice.headline, "en")
    assert due_output.line_text(found, "pt") == (
        f"Caso 1 ({CLARO}): o prazo do SAC para responder venceu em 24/11/2026"
        " (protocolo 123 de 17/11/2026; Decreto 11.034/2022, art. 13) — " + next_pt
    )
    assert due_output.line_text(found, "en") == (
        f"Case 1 ({CLARO}): the deadline for the SAC to answer passed on 2026-11-24"
        " (protocol 123 of 2026-11-17; Decreto 11.034/2022, art. 13) — " + next_en
    )
    assert view.advice.mode == "act" and view.advice.step.id == "ouvidoria"


def test_a_reported_rule_is_marked_and_a_clock_line_is_its_headline(cat, rules) -> None:
    case = make_case("claro", ("sac", None, D(2026, 11, 19), "open"), problem="cancellation")
    view = advise_case(case, cat, rules)
    found = reminders.due([view], today=TODAY)
    lines = due_output.render_text(due_output.DueView(
        reminders=tuple(found), today=TODAY, cases=1, open_cases=1
    ), "pt")  # fmt: skip
    texts = ["".join(text for text, _ in line) for line in lines]
    assert view.advice is not None
    assert texts[0] == f"Caso 1 ({CLARO}): " + say(view.advice.headline, "pt") + " *"
    assert texts[1].startswith(
        f"Caso 1 ({CLARO}): o prazo da operadora para efetivar o cancelamento pedido pela internet"
    )
    assert "(contato por sac em 19/11/2026; RGC Anatel (Res. 632/2014))" in texts[1]
    assert texts[1].endswith(" *")  # reported: checked under the old RGC only


# --- the command ------------------------------------------------------------------------------


def _app() -> typer.Typer:
    """The command in an app with escalate's error handling (errors → one line, exit codes),
    the way `case_app.command("due")(case_due)` registers it."""
    from escalate.cli.main import _Group

    scratch = typer.Typer(cls=_Group, pretty_exceptions_enable=False)

    @scratch.callback()
    def _root() -> None:
        """escalate case"""

    scratch.command("due")(case_due)
    return scratch


runner = CliRunner()


def due(*args: str) -> Any:
    return runner.invoke(_app(), ["due", *args])


def escalate(*args: str) -> Any:
    result = runner.invoke(escalate_app, list(args))
    assert result.exit_code == 0, result.stderr
    return result


def _cases() -> None:
    """1: Claro, SAC passed yesterday; 2: Elektro, SAC running; 3: closed with a passed SAC;
    4: Claro, the SAC's 7 days end today."""
    escalate("case", "new", "-c", "claro", "--title", "Internet", "-p", "billing")
    escalate("case", "log", "1", "--channel", "sac", "--protocol", "123", "--date", "2026-11-17")
    escalate("case", "new", "-c", "elektro", "--title", "Conta", "-p", "billing")
    escalate("case", "log", "2", "--channel", "sac", "--protocol", "9", "--date", "2026-11-20")
    escalate("case", "new", "-c", "cemig", "--title", "Velho")
    escalate("case", "log", "3", "--channel", "sac", "--protocol", "8", "--date", "2026-11-01")
    escalate("case", "close", "3")
    escalate("case", "new", "-c", "claro", "--title", "Fatura", "-p", "billing")
    escalate("case", "log", "4", "--channel", "sac", "--protocol", "456", "--date", "2026-11-18")


def _next_of_case_show(case: int, lang: str) -> str:
    shown = escalate("case", "show", str(case), "--lang", lang).stdout
    word = {"pt": "Próximo passo: ", "en": "Next: "}[lang]
    return next(line for line in shown.splitlines() if line.startswith(word))[len(word) :]


def test_the_command_lists_what_is_due_with_case_shows_next_step(home: Path) -> None:
    _cases()
    result = due("--lang", "pt")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines == [
        f"Caso 1 ({CLARO}): o prazo do SAC para responder venceu em 24/11/2026"
        " (protocolo 123 de 17/11/2026; Decreto 11.034/2022, art. 13) — "
        + _next_of_case_show(1, "pt"),
        f"Caso 4 ({CLARO}): o prazo do SAC para responder vence hoje, 25/11/2026"
        " (protocolo 456 de 18/11/2026; Decreto 11.034/2022, art. 13) — "
        + _next_of_case_show(4, "pt"),
    ]
    assert lines[1].endswith("Aguarde a resposta até 25/11/2026 (qua.).")
    english = due("--lang", "en").stdout.splitlines()
    assert english[0].startswith(f"Case 1 ({CLARO}): the deadline for the SAC to answer passed")
    assert english[0].endswith(" — " + _next_of_case_show(1, "en"))
    assert english[1].startswith(f"Case 4 ({CLARO}): the deadline for the SAC to answer ends")
    assert result.stderr == ""


DUE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["schema_version", "kind", "today", "cases", "open_cases", "reminders"],
    "additionalProperties": False,
    "properties": {
        "schema_version": {"const": 1},
        "kind": {"const": "due"},
        "today": {"type": "string", "format": "date"},
        "cases": {"type": "integer", "minimum": 0},
        "open_cases": {"type": "integer", "minimum": 0},
        "reminders": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": [
                    "case", "title", "company", "kind", "channel", "protocol", "contact_date",
                    "deadline", "rule", "status", "due", "due_at", "latest", "passed", "maybe",
                    "next",
                ],
                "properties": {
                    "case": {"type": "integer", "minimum": 1},
                    "title": {"type": "string"},
                    "company": {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["id", "name", "known"],
                        "properties": {
                            "id": {"type": "string"},
                            "name": {"type": "string"},
                            "known": {"type": "boolean"},
                        },
                    },
                    "kind": {"enum": ["deadline", "beside", "clock"]},
                    "channel": {"type": ["string", "null"]},
                    "protocol": {"type": ["string", "null"]},
                    "contact_date": {"type": ["string", "null"], "format": "date"},
                    "deadline": {"type": "string"},
                    "rule": {"type": "string"},
                    "status": {"enum": ["official", "reported", "disputed"]},
                    "due": {"type": "string", "format": "date"},
                    "due_at": {"type": ["string", "null"]},
                    "latest": {"type": ["string", "null"]},
                    "passed": {"type": "boolean"},
                    "maybe": {"type": "boolean"},
                    "next": {
                        "oneOf": [
                            {"type": "null"},
                            {
                                "type": "object",
                                "additionalProperties": False,
                                "required": ["stage", "mode", "step", "next_action"],
                                "properties": {
                                    "stage": {"type": "string"},
                                    "mode": {"enum": ["act", "wait", "hazard"]},
                                    "step": {"type": ["string", "null"]},
                                    "next_action": {
                                        "type": "object",
                                        "additionalProperties": False,
                                        "required": ["pt", "en"],
                                        "properties": {
                                            "pt": {"type": "string"},
                                            "en": {"type": "string"},
                                        },
                                    },
                                },
                            },
                        ]
                    },
                },
            },
        },
    },
}  # fmt: skip


def _valid(document: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator.check_schema(DUE_SCHEMA)
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    validator = jsonschema.Draft202012Validator(DUE_SCHEMA, format_checker=checker)
    assert sorted(map(str, validator.iter_errors(document))) == []


def test_json(home: Path) -> None:
    _cases()
    result = due("--json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    _valid(document)
    assert (document["today"], document["cases"], document["open_cases"]) == ("2026-11-25", 4, 3)
    first, second = document["reminders"]
    assert first == {
        "case": 1,
        "title": "Internet",
        "company": {"id": "claro", "name": CLARO, "known": True},
        "kind": "deadline",
        "channel": "sac",
        "protocol": "123",
        "contact_date": "2026-11-17",
        "deadline": "sac",
        "rule": "Decreto 11.034/2022, art. 13",
        "status": "official",
        "due": "2026-11-24",
        "due_at": None,
        "latest": None,
        "passed": True,
        "maybe": False,
        "next": {
            "stage": "sac-failed",
            "mode": "act",
            "step": "ouvidoria",
            "next_action": {"pt": _next_of_case_show(1, "pt"), "en": _next_of_case_show(1, "en")},
        },
    }
    assert (second["case"], second["due"], second["passed"]) == (4, "2026-11-25", False)
    # the same next step as case show --json
    shown = json.loads(escalate("case", "show", "1", "--json").stdout)
    assert shown["case"]["next"]["next_action"] == first["next"]["next_action"]


def test_json_of_a_clock_and_of_a_company_no_longer_known(home: Path) -> None:
    from escalate.cases import journal

    escalate("case", "new", "-c", "elektro", "--title", "Sem luz", "-p", "reconnection")
    escalate("case", "log", "1", "--channel", "sac", "--protocol", "7", "--date", "2026-11-24")
    conn = journal.connect(home / "journal.sqlite3")
    gone = journal.new_case(conn, company="luz-extinta", title="Antiga", created=D(2026, 11, 1))
    journal.log_contact(conn, gone, channel="sac", date=D(2026, 11, 17), protocol="5")
    conn.close()
    document = json.loads(due("--json").stdout)
    _valid(document)
    gone_one, clock = document["reminders"]  # 24 Nov before 25 Nov
    assert gone_one["company"] == {"id": "luz-extinta", "name": "luz-extinta", "known": False}
    assert gone_one["next"] is None and gone_one["passed"] is True
    assert (clock["kind"], clock["deadline"], clock["channel"]) == (
        "clock",
        "reconnection-normal-urban",
        None,
    )
    assert (clock["due"], clock["due_at"], clock["latest"]) == (
        "2026-11-25",
        "2026-11-25T08:00:00",
        "2026-11-26T08:00:00",
    )
    assert (clock["passed"], clock["maybe"]) == (False, True)
    lines = due("--lang", "pt").stdout.splitlines()
    assert lines[0].endswith("luz-extinta não está mais no catálogo do escalate: veja escalate"
                             " case show 2")  # fmt: skip
    assert lines[1] == "Caso 1 (Neoenergia Elektro): " + _next_of_case_show(1, "pt")


def test_nothing_due_says_so_in_one_line_and_quiet_says_nothing(home: Path) -> None:
    escalate("case", "new", "-c", "elektro", "--title", "Conta")
    escalate("case", "log", "1", "--channel", "sac", "--protocol", "9", "--date", "2026-11-20")
    result = due("--lang", "pt")
    assert (result.exit_code, result.stdout) == (
        0,
        "Nada vence hoje nem está vencido nos seus 1 caso aberto.\n",
    )
    english = due("--lang", "en").stdout
    assert english == "Nothing is due today or overdue in your 1 open case.\n"
    assert (due("--quiet").exit_code, due("--quiet").stdout) == (0, "")
    escalate("case", "close", "1")
    assert due("--lang", "en").stdout == "No open cases: nothing is due.\n"
    assert json.loads(due("--json").stdout)["reminders"] == []


def test_quiet_still_prints_what_is_due(home: Path) -> None:
    _cases()
    assert len(due("-q", "--lang", "en").stdout.splitlines()) == 2


def test_no_journal_one_line_exit_0_and_no_journal_made(home: Path) -> None:
    result = due("--lang", "pt")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Nenhum caso ainda. Abra um: escalate case new --company NOME --title TEXTO"
    ]
    assert result.stderr == ""
    document = json.loads(due("--json").stdout)
    _valid(document)
    assert (document["cases"], document["reminders"]) == (0, [])
    assert due("--quiet").stdout == ""
    assert not (home / "journal.sqlite3").exists()
    assert not home.exists() or not any(home.glob("journal*"))


def test_a_foreign_file_at_the_journal_path_is_one_line_and_left_alone(home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    path = home / "journal.sqlite3"
    path.write_text("my notes, not a database\n")
    result = due()
    assert result.exit_code == 1
    assert "not an escalate journal" in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 2  # the error and its hint
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert path.read_text() == "my notes, not a database\n"


def test_a_damaged_case_is_the_usual_one_line_error(home: Path) -> None:
    _cases()
    conn = sqlite3.connect(home / "journal.sqlite3")
    conn.execute("UPDATE contacts SET date = 'someday' WHERE case_id = 2")
    conn.commit()
    conn.close()
    result = due()
    assert result.exit_code == 1
    assert "holds a value escalate cannot read" in result.stderr
    assert "Traceback" not in result.stderr
