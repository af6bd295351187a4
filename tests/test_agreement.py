"""One case, one answer: `advise --case`, `case show`, the dossier and the calendar all read
`casefile.case_advice`, so for any journal they give the same stage, next step and deadlines.

Generated journals (company, problem, any contacts on any channel with any outcome) are
written through the journal's own functions, then every output is read back through the
command line and compared with the core's result.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from escalate.cases import casefile, journal
from escalate.cli import app
from escalate.output import letters
from escalate.output.dossier import CaseDocument

TODAY = dt.date(2026, 11, 25)
COMPANIES = ("elektro", "claro", "cemig", "equatorial-pa")
CHANNELS = (
    "sac",
    "ouvidoria",
    "aneel",
    "anatel",
    "procon",
    "consumidor-gov",
    "reclame-aqui",
    "juizado",
)
OUTCOMES = journal.OUTCOMES
# The letter for each step of the ladder the advice can name (None: the SAC, a call or chat).
STEP_LETTERS = {"sac": None, "ouvidoria": "ouvidoria", "procon": "procon", "juizado": "juizado"}
runner = CliRunner()

contacts = st.lists(
    st.tuples(
        st.sampled_from(CHANNELS),
        st.one_of(st.none(), st.from_regex(r"[0-9]{3,8}", fullmatch=True)),
        st.sampled_from(OUTCOMES),
        st.integers(min_value=0, max_value=40),  # days before today
    ),
    max_size=5,
)


def _problems_for(rules: Any, company: Any) -> list[str | None]:
    return [None] + [
        p.id for p in rules.problems.problems if company.sector in p.sectors and p.id != "hazard"
    ]


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(company_name=st.sampled_from(COMPANIES), logged=contacts, pick=st.integers(0, 50))
def test_every_output_of_a_case_says_the_same(
    cat: Any, rules: Any, home: Any, company_name: str, logged: list[Any], pick: int
) -> None:
    from escalate.cli.common import _local_now

    record, unit_id = cat.resolve(company_name)
    company = cat.record(record.id)
    problems = _problems_for(rules, company)
    problem = problems[pick % len(problems)]
    # One user folder for every example, so that the catalogue cache stays warm; a new
    # journal each time.
    path = home / "journal.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    conn = journal.connect(path)
    case_id = journal.new_case(
        conn, company=company.id, unit=unit_id, problem=problem, title="t", created=TODAY
    )
    for channel, protocol, outcome, ago in logged:
        journal.log_contact(
            conn,
            case_id,
            channel=channel,
            date=TODAY - dt.timedelta(days=ago),
            protocol=protocol,
            outcome=outcome,
        )
    found = journal.get_case(conn, case_id)
    conn.close()
    unit = next((u for u in company.units if u.id == unit_id), None)
    now = _local_now(company, unit)
    core = casefile.case_advice(found, company=company, rules=rules, today=TODAY, now=now)

    advised = runner.invoke(app, ["advise", "--case", str(case_id), "--json"])
    shown = runner.invoke(app, ["case", "show", str(case_id), "--json"])
    dossier = runner.invoke(app, ["case", "export", str(case_id), "--format", "markdown"])
    calendar = runner.invoke(app, ["case", "export", str(case_id), "--ics", str(home / "p.ics")])
    assert shown.exit_code == 0, shown.output
    assert dossier.exit_code == 0, dossier.output
    assert calendar.exit_code == 0, calendar.output
    following = json.loads(shown.stdout)["case"]["next"]
    doc = CaseDocument(
        core, None, None, TODAY, dt.datetime(2026, 11, 25, 13, tzinfo=dt.UTC), (), rules.law
    )
    if core.advice is None:  # solved
        assert core.position.solved
        assert following is None
        assert letters.next_letter(doc) is None
        assert "solved" in advised.stdout or "resolvido" in advised.stdout
        return
    assert advised.exit_code == 0, advised.output
    said = json.loads(advised.stdout)
    advice = core.advice
    step = advice.step.id if advice.step else None
    assert (said["stage"], said["mode"], said["step"]) == (advice.stage, advice.mode, step)
    assert (following["stage"], following["mode"], following["step"]) == (
        advice.stage,
        advice.mode,
        step,
    )
    assert following["next_action"]["en"] == said["next_action"]["text"]["en"]
    if advice.mode == "wait":
        assert "## Agora: aguarde a resposta" in dossier.stdout
    elif advice.step is not None:
        assert f"## Próximo passo\n\n{advice.step.title.pt}\n" in dossier.stdout
    # The next letter is the one for the step advise --case and case show name, when it is
    # to be taken now; the dossier names that step.
    expected = None
    if said["mode"] == "act" and said["step"] is not None:
        regulator = company.regulator
        expected = regulator if said["step"] == "regulator" else STEP_LETTERS[said["step"]]
    assert following["mode"] == said["mode"] and following["step"] == said["step"]
    letter = letters.next_letter(doc)
    event(f"next letter: {letter}")
    assert letter == expected
    # case show names that letter, and no other; the dossier (a document to file) does not.
    assert following["letter"] == letter
    text = runner.invoke(app, ["case", "show", str(case_id), "--lang", "pt"]).stdout
    pointer = f"O texto para esse canal: escalate case export {case_id} --letter {letter}"
    assert (pointer in text) == (letter is not None)
    assert text.count("--letter") == (letter is not None)
    assert "--letter" not in dossier.stdout
    if letter is not None:
        assert letter in letters.letters_for(doc)
        assert f"## Próximo passo\n\n{advice.step.title.pt}\n" in dossier.stdout
        written = letters.render_text(letters.LetterDocument(doc, letter), "pt")
        for contact in found.contacts:
            assert contact.date.strftime("%d/%m/%Y") in written
    running = sum(1 for e in core.entries if e.due is not None and e.passed is False)
    assert f": {running} deadline" in calendar.stdout
    assert unit is None or said["request"]["unit"] == unit.id


@pytest.mark.parametrize(
    ("logged", "stage"),
    [
        # João: Claro, two SAC protocols, then the ouvidoria without one.
        ([("sac", "111", "failed", 15), ("sac", "222", "no-answer", 13)], "sac-failed"),
        (
            [
                ("sac", "111", "failed", 15),
                ("sac", "222", "no-answer", 13),
                ("ouvidoria", None, "open", 5),
            ],
            "ouvidoria-open",
        ),
    ],
)
def test_joaos_case_has_one_next_step(
    cat: Any, rules: Any, home: Any, logged: list[Any], stage: str
) -> None:
    conn = journal.connect(home / "journal.sqlite3")
    case_id = journal.new_case(conn, company="claro", problem="outage", title="Internet")
    for channel, protocol, outcome, ago in logged:
        journal.log_contact(
            conn,
            case_id,
            channel=channel,
            date=TODAY - dt.timedelta(days=ago),
            protocol=protocol,
            outcome=outcome,
        )
    advised = json.loads(runner.invoke(app, ["advise", "--case", "1", "--json"]).stdout)
    shown = json.loads(runner.invoke(app, ["case", "show", "1", "--json"]).stdout)["case"]
    assert advised["stage"] == shown["next"]["stage"] == stage
    assert advised["step"] == shown["next"]["step"]
    # Two SAC protocols in hand: never "first get a protocol number from the SAC".
    assert "protocol number from the SAC" not in advised["next_action"]["text"]["en"]


@pytest.mark.parametrize(
    ("company", "logged", "letter"),
    [
        ("cemig", [], None),  # first the SAC: a call, not a letter
        ("cemig", [("sac", "1", "open", 2)], None),  # waiting for the SAC's 7 days
        ("elektro", [("sac", "1", "failed", 9)], "ouvidoria"),
        ("elektro", [("sac", "1", "failed", 9), ("ouvidoria", "2", "failed", 3)], "aneel"),
        ("claro", [("sac", "1", "failed", 9), ("ouvidoria", "2", "failed", 3)], "anatel"),
        ("equatorial-pa", [("sac", "1", "failed", 9), ("ouvidoria", "2", "failed", 3)], "aneel"),
        ("claro", [("anatel", "3", "failed", 3)], "procon"),
        ("cemig", [("procon", "4", "failed", 1)], "juizado"),
    ],
)
def test_the_next_letter_is_for_the_step_every_output_names(
    cat: Any, rules: Any, home: Any, company: str, logged: list[Any], letter: str | None
) -> None:
    from escalate.cli.common import _local_now

    record, unit_id = cat.resolve(company)
    record = cat.record(record.id)
    conn = journal.connect(home / "journal.sqlite3")
    case_id = journal.new_case(conn, company=record.id, unit=unit_id, title="t", created=TODAY)
    for channel, protocol, outcome, ago in logged:
        journal.log_contact(
            conn,
            case_id,
            channel=channel,
            date=TODAY - dt.timedelta(days=ago),
            protocol=protocol,
            outcome=outcome,
        )
    found = journal.get_case(conn, case_id)
    conn.close()
    unit = next((u for u in record.units if u.id == unit_id), None)
    core = casefile.case_advice(
        found, company=record, rules=rules, today=TODAY, now=_local_now(record, unit)
    )
    doc = CaseDocument(
        core, None, None, TODAY, dt.datetime(2026, 11, 25, 13, tzinfo=dt.UTC), (), rules.law
    )
    advised = json.loads(runner.invoke(app, ["advise", "--case", str(case_id), "--json"]).stdout)
    shown = json.loads(runner.invoke(app, ["case", "show", str(case_id), "--json"]).stdout)
    dossier = runner.invoke(app, ["case", "export", str(case_id), "--format", "markdown"]).stdout
    assert letters.next_letter(doc) == letter
    assert advised["step"] == shown["case"]["next"]["step"]
    assert shown["case"]["next"]["letter"] == letter
    if letter is None:
        return
    assert advised["mode"] == "act"
    assert (advised["step"], letter) in {
        ("ouvidoria", "ouvidoria"),
        ("regulator", record.regulator),
        ("procon", "procon"),
        ("juizado", "juizado"),
    }
    assert core.advice is not None and core.advice.step is not None
    assert f"## Próximo passo\n\n{core.advice.step.title.pt}\n" in dossier
