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


# --- business days in a case's timeline -------------------------------------------------------


def _ladder_and(name: str):
    from conftest import DATA
    from escalate import catalog

    cat = catalog.load(shipped=DATA, user_companies=None, cache_file=None)
    return cat.rules("ladder"), cat.record(cat.resolve(name)[0].id)


def _one_contact(company: str, unit: str | None, problem: str | None, day: dt.date) -> Case:
    contact = Contact(1, "c1", "sac", "9", day, "open", None)
    return Case(1, "u", company, unit, problem, "t", "open", day, None, (contact,))


@pytest.mark.parametrize(
    ("day", "today", "due", "passed"),
    [
        (dt.date(2026, 11, 19), dt.date(2026, 11, 25), dt.date(2026, 11, 24), True),
        (dt.date(2026, 11, 24), dt.date(2026, 11, 25), dt.date(2026, 11, 26), False),
        (dt.date(2026, 12, 30), dt.date(2027, 1, 4), dt.date(2027, 1, 4), False),
    ],
)
def test_a_cancellation_case_counts_business_days(day, today, due, passed) -> None:
    from escalate.casefile import timeline

    ladder, claro = _ladder_and("claro")
    entries = timeline(
        _one_contact("claro", None, "cancellation", day), ladder=ladder, company=claro, today=today
    )
    assert entries[0].deadline.id == "telecom-cancellation"
    assert (entries[0].due, entries[0].passed) == (due, passed)


@pytest.mark.parametrize(
    ("unit", "due"),
    [
        # 30 Nov 2026 (Monday) is Evangelical Day in Alagoas only.
        ("equatorial-al", dt.date(2026, 12, 2)),
        ("equatorial-pa", dt.date(2026, 12, 1)),
    ],
)
def test_business_days_skip_the_holidays_of_the_units_state(unit, due) -> None:
    from escalate.casefile import timeline

    ladder, equatorial = _ladder_and("equatorial")
    # No energy deadline in the shipped ladder counts business days: a SAC one that did.
    sac = ladder.deadline("sac").model_copy(update={"business_days": True, "days": 2})
    others = tuple(d for d in ladder.deadlines if d.id != "sac")
    ladder = ladder.model_copy(update={"deadlines": (*others, sac)})
    case = _one_contact("equatorial", unit, "billing", dt.date(2026, 11, 27))
    entries = timeline(case, ladder=ladder, company=equatorial, today=dt.date(2026, 11, 27))
    assert entries[0].due == due


def test_case_show_gives_the_business_day_deadline(home) -> None:
    runner = CliRunner()
    runner.invoke(
        app, ["case", "new", "--company", "claro", "--title", "Plano", "--problem", "cancellation"]
    )
    runner.invoke(
        app, ["case", "log", "1", "--channel", "sac", "--protocol", "55", "--date", "2026-11-19"]
    )
    shown = runner.invoke(app, ["case", "show", "1", "--lang", "en"])
    assert shown.exit_code == 0, shown.stderr
    assert "2026-11-24" in shown.stdout and "RGC Anatel (Res. 632/2014)" in shown.stdout
    advice = runner.invoke(app, ["advise", "--case", "1", "--lang", "en"])
    assert "0800 701 0180" in advice.stdout  # two business days passed: the ouvidoria is next
