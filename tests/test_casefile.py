"""Where a case stands, read from its contacts; `advise --case`."""

from __future__ import annotations

import datetime as dt

import pytest
from typer.testing import CliRunner

from escalate.cases.casefile import position
from escalate.cases.journal import Case, LoggedContact
from escalate.cli.main import app

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
            LoggedContact(i, f"c{i}", ch, proto, D + dt.timedelta(days=i), outcome, None)
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
    where = position(case_with(*contacts), ladder=_ladder_and("claro")[0])
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


# --- business days in a case's timeline -------------------------------------------------------


def _ladder_and(name: str):
    from conftest import DATA
    from escalate.catalog import store as catalog

    cat = catalog.load(shipped=DATA, user_companies=None, cache_file=None)
    return cat.rules("ladder"), cat.record(cat.resolve(name)[0].id)


def _one_contact(company: str, unit: str | None, problem: str | None, day: dt.date) -> Case:
    contact = LoggedContact(1, "c1", "sac", "9", day, "open", None)
    return Case(1, "u", company, unit, problem, "t", "open", day, None, (contact,))


@pytest.mark.parametrize(
    ("day", "state", "due"),
    [
        (dt.date(2026, 11, 24), None, dt.date(2026, 11, 26)),  # Tue → Thu
        (dt.date(2026, 11, 19), None, dt.date(2026, 11, 24)),  # 20 Nov (national), a weekend
        (dt.date(2026, 12, 30), None, dt.date(2027, 1, 4)),  # across the year end and 1 Jan
        (dt.date(2027, 2, 5), "SP", dt.date(2027, 2, 9)),  # Carnival: a working day in SP
        (dt.date(2027, 2, 5), "RJ", dt.date(2027, 2, 10)),  # and a holiday in RJ
        (dt.date(2027, 3, 25), None, dt.date(2027, 3, 30)),  # Good Friday
        (dt.date(2026, 4, 22), "RJ", dt.date(2026, 4, 27)),  # 23 April, Rio de Janeiro only
        (dt.date(2026, 4, 22), None, dt.date(2026, 4, 24)),
        (dt.date(2026, 7, 8), "SP", dt.date(2026, 7, 13)),  # 9 July, São Paulo only
    ],
)
def test_a_cancellation_case_counts_business_days_beside_the_sac_deadline(day, state, due) -> None:
    from escalate.cases.casefile import timeline

    ladder, claro = _ladder_and("claro")
    case = _one_contact("claro", None, "cancellation", day).replace(state=state)
    entry = timeline(case, ladder=ladder, company=claro, today=day)[0]
    assert (entry.deadline.id, entry.due) == ("sac", day + dt.timedelta(days=7))  # official
    [also] = entry.also
    assert (also.deadline.id, also.deadline.status, also.due) == (
        "telecom-cancellation",
        "reported",
        due,
    )
    assert also.passed is False
    later = timeline(case, ladder=ladder, company=claro, today=due + dt.timedelta(days=1))[0]
    assert later.also[0].passed is True


def test_other_problems_have_no_cancellation_deadline() -> None:
    from escalate.cases.casefile import timeline

    ladder, claro = _ladder_and("claro")
    case = _one_contact("claro", None, "billing", dt.date(2026, 11, 19))
    assert timeline(case, ladder=ladder, company=claro, today=dt.date(2026, 11, 25))[0].also == ()


@pytest.mark.parametrize(
    ("unit", "due"),
    [
        # 30 Nov 2026 (Monday) is Evangelical Day in Alagoas only.
        ("equatorial-al", dt.date(2026, 12, 2)),
        ("equatorial-pa", dt.date(2026, 12, 1)),
    ],
)
def test_business_days_skip_the_holidays_of_the_units_state(unit, due) -> None:
    from escalate.cases.casefile import timeline

    ladder, equatorial = _ladder_and("equatorial")
    # No energy deadline in the shipped ladder counts business days: a SAC one that did.
    sac = ladder.deadline("sac").replace(business_days=True, days=2)
    others = tuple(d for d in ladder.deadlines if d.id != "sac")
    ladder = ladder.replace(deadlines=(*others, sac))
    case = _one_contact("equatorial", unit, "billing", dt.date(2026, 11, 27))
    entries = timeline(case, ladder=ladder, company=equatorial, today=dt.date(2026, 11, 27))
    assert entries[0].due == due


def test_case_show_gives_the_business_day_deadline_in_the_cases_state(home) -> None:
    import json

    runner = CliRunner()
    runner.invoke(
        app,
        ["case", "new", "-c", "claro", "-s", "RJ", "--title", "Plano", "-p", "cancellation"],
    )
    runner.invoke(
        app, ["case", "log", "1", "--channel", "sac", "--protocol", "55", "--date", "2026-04-22"]
    )
    shown = runner.invoke(app, ["case", "show", "1", "--lang", "en"])
    assert shown.exit_code == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert "DEADLINE PASSED on 2026-04-29 (Decreto 11.034/2022, art. 13)" in lines[1]
    assert lines[2].strip().startswith("also: the operator had to carry out a cancellation")
    assert "by 2026-04-27, and that date PASSED (RGC Anatel (Res. 632/2014)) *" in lines[2]
    data = json.loads(runner.invoke(app, ["case", "show", "1", "--json"]).stdout)
    assert data["case"]["state"] == "RJ"
    advice = json.loads(runner.invoke(app, ["advise", "--case", "1", "--json"]).stdout)
    assert advice["stage"] == "sac-failed"  # by the SAC's 7 days, not the reported rule


def test_every_deadline_a_channel_starts_is_in_the_ladder() -> None:
    ladder, _claro = _ladder_and("claro")
    # Every journal channel on a rung belongs to exactly one step, in the data.
    assert ladder.step_of_channel("sac").id == "sac"
    assert ladder.step_of_channel("anatel").id == ladder.step_of_channel("aneel").id
    assert ladder.step_of_channel("reclame-aqui") is None  # pressure, not a rung
    # A channel's official deadline is one of the deadlines of its ladder step, or of the
    # alternatives (consumidor.gov.br) that step offers.
    for step in ladder.steps:
        for channel in step.channels:
            official = [d.id for d in ladder.deadlines_of_channel(channel) if not d.beside]
            offered = set(step.deadlines) | ({"consumidor-gov"} if step.alternatives else set())
            assert set(official) <= offered, channel
    assert [d.id for d in ladder.deadlines_of_channel("sac")] == ["sac", "telecom-cancellation"]


@pytest.mark.parametrize(
    ("step", "stages"),
    [
        ("sac", ("sac-open", "sac-failed")),
        ("ouvidoria", ("ouvidoria-open", "ouvidoria-failed")),
        ("regulator", ("regulator-open", "regulator-failed")),
        ("procon", ("regulator-failed", "procon-failed")),  # no waiting stage of its own
        ("juizado", ("procon-failed", "procon-failed")),
    ],
)
def test_case_stages_come_from_the_ladder(step: str, stages: tuple[str, str]) -> None:
    ladder, _claro = _ladder_and("claro")
    assert ladder.case_stages(ladder.step(step)) == stages
