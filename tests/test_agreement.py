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
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from escalate.cases import casefile, journal
from escalate.cli import app

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
    if core.advice is None:  # solved
        assert core.position.solved
        assert following is None
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
        assert f"## Próximo passo: {advice.step.title.pt}" in dossier.stdout
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
