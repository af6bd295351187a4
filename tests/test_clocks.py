"""The problems' own clocks, as tables of cases: the request in, wait or act and the dates out.

Every request passes ``today`` and ``now`` (a naive local wall time) explicitly: the engine is
pure. Dates are in November and December 2026; 2026-11-20 (a Friday) is a national holiday
(Consciência Negra) and 2026-07-09 a São Paulo one, which the holiday checks below confirm.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import holidays
import pytest

from conftest import company
from escalate.advice.advisor import Request, UnknownChoice, advise

D = dt.date
T = dt.datetime
TODAY = D(2026, 11, 25)  # a Wednesday
NOW = T(2026, 11, 25, 10, 0)
STAGES = [
    "start",
    "sac-open",
    "sac-failed",
    "ouvidoria-open",
    "ouvidoria-failed",
    "regulator-open",
    "regulator-failed",
    "procon-failed",
]
RECONNECTION_VERSIONS = {
    "reconnection-normal-urban",
    "reconnection-normal-rural",
    "reconnection-urgent-urban",
    "reconnection-urgent-rural",
    "reconnection-wrongful",
}


def req(cat, stage: str, name: str | None = None, *, now: dt.datetime = NOW, **kw) -> Request:
    """A request at ``now``; ``today`` is now's date unless given."""
    record = company(cat, name) if name else None
    return Request(stage=stage, today=kw.pop("today", now.date()), now=now, company=record, **kw)


def phones(contacts) -> set[str]:
    return {c.channel.contact.phone for c in contacts if c.channel.contact.phone}


def view(advice, clock_id: str):
    """The view of a clock among the advice's clocks (the chosen version of its group)."""
    return next(v for v in advice.clocks if v.clock.id == clock_id)


def business_day(day: dt.date, state: str | None = None) -> bool:
    return day.weekday() < 5 and day not in holidays.country_holidays("BR", subdiv=state)


def test_the_calendar_the_cases_rely_on() -> None:
    """The dates chosen below: which days are business days in MG, in SP, nationally."""
    assert D(2026, 11, 27).weekday() == 4 and D(2026, 11, 28).weekday() == 5  # Fri, Sat
    for state in ("MG", "SP", None):
        assert business_day(D(2026, 11, 30), state)  # the Monday after
        assert business_day(D(2026, 12, 1), state)
        assert business_day(D(2026, 11, 25), state)  # TODAY
        assert not business_day(D(2026, 11, 20), state)  # Consciência Negra, a Friday
    assert not business_day(D(2026, 7, 9), "SP") and business_day(D(2026, 7, 9), None)


# --- 1. reconnection --------------------------------------------------------------------------

# company, answers, report day and hour, the clock taken (reconnection-…), its start and end.
RECONNECTION_TIMES = [
    # Normal urban, 24 h counted from business hours (8h-18h on business days).
    ("cemig", {}, T(2026, 11, 27, 19), "normal-urban",
     T(2026, 11, 30, 8), T(2026, 12, 1, 8)),
    ("elektro", {}, T(2026, 11, 27, 19), "normal-urban",
     T(2026, 11, 30, 8), T(2026, 12, 1, 8)),
    ("cemig", {}, T(2026, 11, 28, 10), "normal-urban",
     T(2026, 11, 30, 8), T(2026, 12, 1, 8)),
    ("cemig", {}, T(2026, 11, 25, 7), "normal-urban",
     T(2026, 11, 25, 8), T(2026, 11, 26, 8)),
    ("elektro", {}, T(2026, 11, 25, 7), "normal-urban",
     T(2026, 11, 25, 8), T(2026, 11, 26, 8)),
    ("cemig", {}, T(2026, 11, 25, 10), "normal-urban",
     T(2026, 11, 25, 10), T(2026, 11, 26, 10)),
    ("cemig", {}, T(2026, 11, 25, 17, 59), "normal-urban",
     T(2026, 11, 25, 17, 59), T(2026, 11, 26, 17, 59)),
    ("cemig", {}, T(2026, 11, 25, 18), "normal-urban",
     T(2026, 11, 26, 8), T(2026, 11, 27, 8)),
    # Thursday evening before the Friday holiday: the clock starts on Monday.
    ("cemig", {}, T(2026, 11, 19, 19), "normal-urban",
     T(2026, 11, 23, 8), T(2026, 11, 24, 8)),
    # A São Paulo holiday counts with the state given, not without it (Elektro serves SP and MS).
    ("elektro", {}, T(2026, 7, 8, 19), "normal-urban",
     T(2026, 7, 10, 8), T(2026, 7, 11, 8)),
    # Rural: 48 h.
    ("cemig", {"area": "rural"}, T(2026, 11, 25, 10), "normal-rural",
     T(2026, 11, 25, 10), T(2026, 11, 27, 10)),
    ("elektro", {"area": "rural"}, T(2026, 11, 27, 19), "normal-rural",
     T(2026, 11, 30, 8), T(2026, 12, 2, 8)),
    # Urgent: 4 h urban, 8 h rural, also from business hours.
    ("cemig", {"cut": "urgent"}, T(2026, 11, 25, 10), "urgent-urban",
     T(2026, 11, 25, 10), T(2026, 11, 25, 14)),
    ("elektro", {"cut": "urgent"}, T(2026, 11, 27, 19), "urgent-urban",
     T(2026, 11, 30, 8), T(2026, 11, 30, 12)),
    ("cemig", {"cut": "urgent", "area": "rural"}, T(2026, 11, 25, 10), "urgent-rural",
     T(2026, 11, 25, 10), T(2026, 11, 25, 18)),
    ("elektro", {"cut": "urgent", "area": "rural"}, T(2026, 11, 25, 7), "urgent-rural",
     T(2026, 11, 25, 8), T(2026, 11, 25, 16)),
    # Wrongful cut: 4 h from the report, any day and hour, urban or rural.
    ("cemig", {"cut": "wrongful"}, T(2026, 11, 28, 22), "wrongful",
     T(2026, 11, 28, 22), T(2026, 11, 29, 2)),
    ("elektro", {"cut": "wrongful"}, T(2026, 11, 28, 22), "wrongful",
     T(2026, 11, 28, 22), T(2026, 11, 29, 2)),
    ("elektro", {"cut": "wrongful", "area": "rural"}, T(2026, 11, 27, 19), "wrongful",
     T(2026, 11, 27, 19), T(2026, 11, 27, 23)),
    ("cemig", {"cut": "wrongful"}, T(2026, 11, 25, 3), "wrongful",
     T(2026, 11, 25, 3), T(2026, 11, 25, 7)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "answers", "reported", "clock_id", "start", "due"), RECONNECTION_TIMES
)
def test_reconnection_with_the_hour_waits_until_the_exact_moment_then_acts(
    cat, rules, name, answers, reported, clock_id, start, due
) -> None:
    clock_id = "reconnection-" + clock_id
    state = "SP" if reported.month == 7 else None  # the São Paulo holiday case
    base = {
        "problem": "reconnection",
        "since": reported.date(),
        "since_time": reported.time(),
        "answers": answers,
        "state": state,
    }
    # Within the clock, up to its last minute: wait until the exact moment.
    for now in (max(reported, start), due - dt.timedelta(hours=1), due):
        advice = advise(req(cat, "sac-open", name, now=now, **base), rules)
        assert advice.mode == "wait", now
        assert advice.step.id == "sac"
        assert advice.headline.key == "wait.clock"
        assert advice.clock.clock.id == clock_id
        assert advice.clock.start == start
        assert advice.clock.due == due
        assert advice.clock.latest is None
        assert advice.headline.values["due"] == due
        assert advice.deadline is None  # never the SAC's 7 days
    # A minute after: act, at the ouvidoria, with ANEEL and the Juizado named first.
    advice = advise(req(cat, "sac-open", name, now=due + dt.timedelta(minutes=1), **base), rules)
    assert advice.mode == "act"
    assert advice.stage == "sac-failed"
    assert advice.step.id == "ouvidoria"
    assert advice.headline.key == "act.clock_passed"
    assert advice.clock.clock.id == clock_id
    assert advice.clock.due == due
    assert [o.body.id for o in advice.alternatives][:2] == ["aneel", "juizado"]
    assert "167" in phones(advice.alternatives[0].contacts)
    assert any(r.key == "reason.clock_passed" for r in advice.reasons)


def test_a_state_holiday_moves_the_start_only_in_that_state(cat, rules) -> None:
    base = {
        "problem": "reconnection",
        "since": D(2026, 7, 8),
        "since_time": dt.time(19),
        "now": T(2026, 7, 8, 20),
    }
    in_sp = advise(req(cat, "sac-open", "elektro", state="SP", **base), rules)
    nationally = advise(req(cat, "sac-open", "elektro", **base), rules)
    assert in_sp.clock.start == T(2026, 7, 10, 8)
    assert nationally.clock.start == T(2026, 7, 9, 8)


@pytest.mark.parametrize("name", ["elektro", "cemig"])
@pytest.mark.parametrize(
    ("answers", "clock_id", "assumed"),
    [
        ({}, "reconnection-normal-urban", (("cut", "normal"), ("area", "urban"))),
        ({"area": "rural"}, "reconnection-normal-rural", (("cut", "normal"),)),
        ({"cut": "urgent"}, "reconnection-urgent-urban", (("area", "urban"),)),
        ({"cut": "normal", "area": "urban"}, "reconnection-normal-urban", ()),
        ({"cut": "wrongful"}, "reconnection-wrongful", ()),
    ],
)
def test_reconnection_says_what_it_assumed_and_keeps_the_other_versions(
    cat, rules, name, answers, clock_id, assumed
) -> None:
    advice = advise(
        req(cat, "sac-open", name, problem="reconnection", since=TODAY, since_time=dt.time(9),
            answers=answers),
        rules,
    )  # fmt: skip
    assert [v.clock.id for v in advice.clocks] == [clock_id]  # one version per group
    taken = advice.clocks[0]
    assert taken.assumed == assumed
    others = {o.clock.id for o in taken.others}
    assert clock_id not in others
    assert others <= RECONNECTION_VERSIONS
    if not answers:  # nothing answered: every other version is shown beside
        assert others == RECONNECTION_VERSIONS - {clock_id}
    if not assumed:  # nothing assumed: no other version applies
        assert others == set()


# The day of the report without its hour: the clock ends between two moments.
# company, answers, report day, earliest end, latest end.
DAY_ONLY = [
    # Monday: from Monday 8h at the earliest, from Tuesday 8h (a report at 23:59) at the latest.
    ("cemig", {}, D(2026, 11, 23), T(2026, 11, 24, 8), T(2026, 11, 25, 8)),
    ("elektro", {}, D(2026, 11, 23), T(2026, 11, 24, 8), T(2026, 11, 25, 8)),
    ("elektro", {"area": "rural"}, D(2026, 11, 23), T(2026, 11, 25, 8), T(2026, 11, 26, 8)),
    ("cemig", {"cut": "urgent"}, D(2026, 11, 23), T(2026, 11, 23, 12), T(2026, 11, 24, 12)),
    ("cemig", {"cut": "wrongful"}, D(2026, 11, 28), T(2026, 11, 28, 4), T(2026, 11, 29, 3, 59)),
]


@pytest.mark.parametrize(("name", "answers", "day", "earliest", "latest"), DAY_ONLY)
def test_reconnection_by_the_day_alone_is_running_maybe_or_passed(
    cat, rules, name, answers, day, earliest, latest
) -> None:
    def at(now: dt.datetime):
        return advise(
            req(cat, "sac-open", name, problem="reconnection", since=day, answers=answers,
                now=now),
            rules,
        )  # fmt: skip

    # Before the earliest end (and at it): running, wait with the range.
    for now in (earliest - dt.timedelta(hours=1), earliest):
        advice = at(now)
        assert advice.mode == "wait"
        assert advice.headline.key == "wait.clock_range"
        assert advice.clock.standing == "running"
        assert advice.clock.due == earliest
        assert advice.clock.latest == latest
        assert advice.headline.values["latest"] == latest
        assert any(r.key == "reason.clock_hour" for r in advice.reasons)
    # Between the two: it may have passed. Act, and say so.
    for now in (earliest + dt.timedelta(minutes=1), latest):
        advice = at(now)
        assert advice.mode == "act"
        assert advice.headline.key == "act.clock_maybe"
        assert advice.clock.standing == "maybe"
        assert advice.step.id == "ouvidoria"
    # After the latest: passed.
    advice = at(latest + dt.timedelta(minutes=1))
    assert advice.mode == "act"
    assert advice.headline.key == "act.clock_passed"
    assert advice.clock.standing == "passed"
    assert advice.step.id == "ouvidoria"
    assert [o.body.id for o in advice.alternatives][:2] == ["aneel", "juizado"]


@pytest.mark.parametrize("day", [D(2026, 11, 28), D(2026, 11, 29)])  # Saturday, Sunday
def test_a_weekend_report_by_the_day_alone_ends_at_one_known_moment(cat, rules, day) -> None:
    """Any hour of a weekend day starts the business-hours clock on Monday at 8h."""
    due = T(2026, 12, 1, 8)

    def at(now: dt.datetime):
        return advise(
            req(cat, "sac-open", "cemig", problem="reconnection", since=day, now=now), rules
        )

    running = at(due)
    assert running.mode == "wait"
    assert running.clock.due == due
    assert running.clock.standing == "running"
    passed = at(due + dt.timedelta(minutes=1))
    assert passed.mode == "act"
    assert passed.clock.standing == "passed"  # never "maybe": the hour does not matter
    assert passed.headline.key == "act.clock_passed"


@pytest.mark.parametrize("name", ["elektro", "cemig"])
@pytest.mark.parametrize(
    ("answers", "length"),
    [({}, (24, "hours")), ({"area": "rural"}, (48, "hours")), ({"cut": "wrongful"}, (4, "hours"))],
)
def test_reconnection_without_a_date_gives_the_clock_never_the_sac_days(
    cat, rules, name, answers, length
) -> None:
    advice = advise(req(cat, "sac-open", name, problem="reconnection", answers=answers), rules)
    assert advice.mode == "wait"
    assert advice.headline.key == "wait.clock_no_date"
    assert advice.headline.values["length"] == length
    assert advice.clock.standing == "unknown"
    assert advice.clock.due is None
    assert advice.deadline is None
    assert all(r.values.get("days") != 7 for r in advice.reasons)


# stage waited on, the stage the passed clock moves to, the step taken there.
LADDER = [
    ("sac-open", "sac-failed", "ouvidoria"),
    ("ouvidoria-open", "ouvidoria-failed", "regulator"),
    ("regulator-open", "regulator-failed", "procon"),
]


@pytest.mark.parametrize("name", ["elektro", "cemig"])
@pytest.mark.parametrize(("stage", "moved_to", "step"), LADDER)
def test_a_passed_reconnection_clock_moves_every_waiting_stage_on(
    cat, rules, name, stage, moved_to, step
) -> None:
    advice = advise(
        req(cat, stage, name, problem="reconnection", since=D(2026, 11, 23),
            since_time=dt.time(9)),
        rules,
    )  # fmt: skip
    assert advice.mode == "act"
    assert advice.stage == moved_to
    assert advice.step.id == step
    assert advice.headline.key == "act.clock_passed"
    assert advice.clock.clock.id == "reconnection-normal-urban"
    assert advice.clock.due == T(2026, 11, 24, 9)
    named = [o.body.id for o in advice.alternatives]
    assert "juizado" in named
    if step == "regulator":  # ANEEL is this step already: not named again beside it
        assert "aneel" not in named
        assert named[0] == "juizado"
        assert "167" in phones(advice.contacts)
    if step == "procon":  # ANEEL was the body just waited on: not offered again
        assert {c.owner for c in advice.contacts} == {"Procon"}
        assert "aneel" not in named


@pytest.mark.parametrize("stage", ["ouvidoria-open", "regulator-open"])
def test_reconnection_within_the_clock_waits_at_later_stages_too(cat, rules, stage) -> None:
    advice = advise(
        req(cat, stage, "cemig", problem="reconnection", since=TODAY, since_time=dt.time(9)),
        rules,
    )
    assert advice.mode == "wait"
    assert advice.headline.key == "wait.clock"
    assert advice.clock.due == T(2026, 11, 26, 9)


@pytest.mark.parametrize(
    ("since", "since_time"), [(D(2026, 11, 23), dt.time(9)), (D(2026, 11, 23), None), (None, None)]
)
def test_a_telecom_reconnection_has_no_clock_the_sac_days_decide(
    cat, rules, since, since_time
) -> None:
    advice = advise(
        req(cat, "sac-open", "claro", problem="reconnection", since=since, since_time=since_time),
        rules,
    )
    assert advice.clocks == ()
    assert advice.clock is None
    assert advice.mode == "wait"
    assert advice.deadline.deadline.id == "sac"
    if since is None:
        assert advice.headline.key == "wait.no_date"
    else:
        assert advice.headline.key == "wait.until"
        assert advice.deadline.due == D(2026, 11, 30)


# --- 2. cancellation (telecom) ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("stage", "step"), [("sac-open", "ouvidoria"), ("ouvidoria-open", "regulator")]
)
@pytest.mark.parametrize("answers", [{}, {"request": "agent"}])
@pytest.mark.parametrize("since", [None, TODAY, D(2026, 11, 1)])
def test_a_cancellation_asked_from_an_agent_never_waits(
    cat, rules, stage, step, answers, since
) -> None:
    advice = advise(
        req(cat, stage, "claro", problem="cancellation", answers=answers, since=since), rules
    )
    assert advice.mode == "act"
    assert advice.step.id == step
    assert advice.headline.key == "act.clock_at_once"
    assert advice.clock.clock.id == "cancellation-agent"
    assert any(r.key == "reason.clock_at_once" for r in advice.reasons)
    # Without an answer, asked from an agent is assumed and the online version shown beside.
    assert advice.clock.assumed == (() if answers else (("request", "agent"),))
    others = [o.clock.id for o in advice.clock.others]
    assert others == ([] if answers else ["cancellation-online"])


# request day, now, mode, the day it ends (at most 2 business days after the request).
ONLINE = [
    (D(2026, 11, 25), T(2026, 11, 25, 10), "wait", D(2026, 11, 27)),
    (D(2026, 11, 25), T(2026, 11, 27, 23, 59), "wait", D(2026, 11, 27)),
    (D(2026, 11, 25), T(2026, 11, 28, 0, 1), "act", D(2026, 11, 27)),
    (D(2026, 11, 27), T(2026, 11, 30, 10), "wait", D(2026, 12, 1)),  # Friday: over the weekend
    (D(2026, 11, 19), T(2026, 11, 24, 10), "wait", D(2026, 11, 24)),  # over the Friday holiday
    (D(2026, 11, 19), T(2026, 11, 25, 10), "act", D(2026, 11, 24)),
]


@pytest.mark.parametrize(("since", "now", "mode", "due"), ONLINE)
def test_a_cancellation_asked_online_waits_two_business_days(
    cat, rules, since, now, mode, due
) -> None:
    advice = advise(
        req(cat, "sac-open", "claro", problem="cancellation", answers={"request": "online"},
            since=since, now=now),
        rules,
    )  # fmt: skip
    assert advice.clock.clock.id == "cancellation-online"
    assert advice.clock.due == due
    business = [since + dt.timedelta(days=n) for n in range(1, (due - since).days + 1)]
    assert sum(business_day(d) for d in business) == 2  # exactly 2 business days after
    assert advice.mode == mode
    if mode == "wait":
        assert advice.headline.key == "wait.clock"
        assert advice.headline.values["due"] == due
        assert advice.step.id == "sac"
        assert advice.deadline is None
    else:
        assert advice.headline.key == "act.clock_passed"
        assert advice.step.id == "ouvidoria"
    assert advice.clock.assumed == ()  # answered: nothing assumed, no other version
    assert advice.clock.others == ()


@pytest.mark.parametrize("name", ["elektro", "cemig"])
def test_an_energy_cancellation_has_no_cancellation_clock(cat, rules, name) -> None:
    advice = advise(req(cat, "sac-open", name, problem="cancellation", since=TODAY), rules)
    assert advice.clocks == ()
    assert advice.clock is None
    assert advice.mode == "wait"
    assert advice.headline.key == "wait.until"
    assert advice.deadline.due == D(2026, 12, 2)


# --- 3. damaged appliance ---------------------------------------------------------------------

# claim day, event, answer clock, its due day.
APPLIANCE_ANSWER = [
    (D(2026, 11, 20), None, "appliance-answer-early", D(2026, 12, 5)),
    (D(2026, 11, 20), D(2026, 11, 10), "appliance-answer-early", D(2026, 12, 5)),
    (D(2026, 11, 20), D(2026, 8, 22), "appliance-answer-early", D(2026, 12, 5)),  # day 90
    (D(2026, 11, 20), D(2026, 8, 21), "appliance-answer-late", D(2026, 12, 20)),  # day 91
    (D(2026, 11, 20), D(2026, 1, 5), "appliance-answer-late", D(2026, 12, 20)),
]


@pytest.mark.parametrize(("since", "event", "clock_id", "due"), APPLIANCE_ANSWER)
def test_an_appliance_claim_waits_15_days_or_30_after_90_days(
    cat, rules, since, event, clock_id, due
) -> None:
    advice = advise(
        req(cat, "sac-open", "elektro", problem="damaged-appliance", since=since, event=event),
        rules,
    )
    assert advice.mode == "wait"
    assert advice.headline.key == "wait.clock"
    assert advice.clock.clock.id == clock_id
    assert advice.clock.due == due
    assert advice.clock.standing == "running"
    # The claim's timing is worked out from the dates; only without the event is it assumed.
    assert advice.clock.assumed == ((("claim", "early"),) if event is None else ())


@pytest.mark.parametrize(
    ("since", "event", "due"),
    [(D(2026, 11, 1), None, D(2026, 11, 16)), (D(2026, 10, 1), D(2026, 5, 1), D(2026, 10, 31))],
)
def test_a_passed_appliance_answer_moves_on_to_the_ouvidoria(cat, rules, since, event, due) -> None:
    advice = advise(
        req(cat, "sac-open", "elektro", problem="damaged-appliance", since=since, event=event),
        rules,
    )
    assert advice.mode == "act"
    assert advice.step.id == "ouvidoria"
    assert advice.headline.key == "act.clock_passed"
    assert advice.clock.due == due


# answers, claim day, inspection clock, its due day.
PERISHABLE = {"appliance": "perishable"}
INSPECTION = [
    ({}, D(2026, 11, 27), "appliance-inspection", D(2026, 12, 7)),
    (PERISHABLE, D(2026, 11, 27), "appliance-inspection-perishable", D(2026, 11, 30)),  # Fri
    (PERISHABLE, D(2026, 11, 25), "appliance-inspection-perishable", D(2026, 11, 26)),
    (PERISHABLE, D(2026, 11, 19), "appliance-inspection-perishable", D(2026, 11, 23)),  # holiday
]


@pytest.mark.parametrize(("answers", "since", "clock_id", "due"), INSPECTION)
def test_a_perishable_appliance_is_inspected_in_one_business_day(
    cat, rules, answers, since, clock_id, due
) -> None:
    advice = advise(
        req(cat, "sac-open", "elektro", problem="damaged-appliance", since=since,
            answers=answers, now=T(2026, 11, 19, 10)),
        rules,
    )  # fmt: skip
    inspection = view(advice, clock_id)
    assert inspection.due == due
    assert inspection.start == since
    if clock_id == "appliance-inspection-perishable":
        assert business_day(due)
        between = [since + dt.timedelta(days=n) for n in range(1, (due - since).days)]
        assert not any(business_day(d) for d in between)
    # The inspection does not decide the wait: the answer clock does.
    assert advice.clock.clock.id == "appliance-answer-early"


# event, today, (simplified due, standing), (limit due, standing).
APPLIANCE_EVENT = [
    (D(2026, 9, 1), TODAY, (D(2026, 11, 30), "running"), (D(2031, 9, 1), "running")),
    # The 90th day is today: still running.
    (D(2026, 8, 27), TODAY, (D(2026, 11, 25), "running"), (D(2031, 8, 27), "running")),
    (D(2026, 8, 26), TODAY, (D(2026, 11, 24), "passed"), (D(2031, 8, 26), "running")),
    (D(2021, 11, 25), TODAY, (D(2022, 2, 23), "passed"), (D(2026, 11, 25), "running")),
    (D(2021, 11, 24), TODAY, (D(2022, 2, 22), "passed"), (D(2026, 11, 24), "passed")),
    (D(2024, 2, 29), TODAY, (D(2024, 5, 29), "passed"), (D(2029, 2, 28), "running")),
]


@pytest.mark.parametrize("stage", ["start", "sac-open", "sac-failed"])
@pytest.mark.parametrize(("event", "today", "simplified", "limit"), APPLIANCE_EVENT)
def test_appliance_clocks_from_the_event(
    cat, rules, stage, event, today, simplified, limit
) -> None:
    advice = advise(
        req(cat, stage, "elektro", problem="damaged-appliance", event=event, since=D(2026, 11, 20),
            now=dt.datetime.combine(today, dt.time(10))),
        rules,
    )  # fmt: skip
    for clock_id, (due, standing) in (
        ("appliance-simplified", simplified),
        ("appliance-limit", limit),
    ):
        found = view(advice, clock_id)
        assert found.start == event
        assert (found.due, found.standing) == (due, standing), clock_id


@pytest.mark.parametrize("stage", ["start", "sac-open", "ouvidoria-failed"])
def test_appliance_event_clocks_without_the_event_are_unknown(cat, rules, stage) -> None:
    advice = advise(req(cat, stage, "elektro", problem="damaged-appliance"), rules)
    for clock_id in ("appliance-simplified", "appliance-limit", "appliance-payment"):
        found = view(advice, clock_id)
        assert (found.start, found.due, found.standing) == (None, None, "unknown")


def test_at_the_start_the_report_clocks_count_from_now(cat, rules) -> None:
    now = T(2026, 11, 27, 19)  # a Friday evening
    advice = advise(
        req(cat, "start", "elektro", problem="damaged-appliance", now=now,
            answers={"appliance": "perishable"}),
        rules,
    )  # fmt: skip
    assert advice.mode == "act" and advice.step.id == "sac"
    answer = view(advice, "appliance-answer-early")
    assert (answer.standing, answer.start, answer.due) == ("from-now", now.date(), D(2026, 12, 12))
    inspection = view(advice, "appliance-inspection-perishable")
    assert (inspection.standing, inspection.due) == ("from-now", D(2026, 11, 30))
    assert view(advice, "appliance-payment").standing == "unknown"  # from the approval


def test_reconnection_at_the_start_counts_from_now_in_business_hours(cat, rules) -> None:
    advice = advise(
        req(cat, "start", "cemig", problem="reconnection", now=T(2026, 11, 27, 19)), rules
    )
    found = view(advice, "reconnection-normal-urban")
    assert found.standing == "from-now"
    assert (found.start, found.due) == (T(2026, 11, 30, 8), T(2026, 12, 1, 8))


def test_at_the_start_an_old_event_gives_the_30_day_answer(cat, rules) -> None:
    advice = advise(
        req(cat, "start", "elektro", problem="damaged-appliance", event=D(2026, 7, 1)), rules
    )
    assert view(advice, "appliance-simplified").standing == "passed"  # 90 days are over
    answers = [v for v in advice.clocks if v.clock.group == "appliance-answer"]
    assert [(v.clock.id, v.due) for v in answers] == [("appliance-answer-late", D(2026, 12, 25))]


# --- 4. telecom billing -----------------------------------------------------------------------


def test_the_telecom_bill_contest_clock_is_listed_but_the_sac_days_decide(cat, rules) -> None:
    advice = advise(req(cat, "sac-open", "claro", problem="billing", since=D(2026, 11, 20)), rules)
    contest = view(advice, "telecom-bill-contest")
    assert (contest.start, contest.due, contest.standing) == (
        D(2026, 11, 20),
        D(2026, 12, 20),
        "running",
    )
    assert advice.clock is None
    assert advice.mode == "wait"
    assert advice.headline.key == "wait.until"
    assert advice.deadline.deadline.id == "sac"
    assert advice.deadline.due == D(2026, 11, 27)
    # Past the SAC's days the ladder moves on, though the 30 days still run.
    later = advise(req(cat, "sac-open", "claro", problem="billing", since=D(2026, 11, 10)), rules)
    assert view(later, "telecom-bill-contest").standing == "running"
    assert later.mode == "act" and later.step.id == "ouvidoria"
    assert later.headline.key == "act.title"


# --- 5. new connection ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "since", "clock_id", "due", "mode"),
    [
        ({}, D(2026, 11, 23), "new-connection-urban", D(2026, 11, 30), "wait"),
        ({"area": "urban"}, D(2026, 11, 23), "new-connection-urban", D(2026, 11, 30), "wait"),
        ({"area": "rural"}, D(2026, 11, 23), "new-connection-rural", D(2026, 12, 7), "wait"),
        ({}, D(2026, 11, 16), "new-connection-urban", D(2026, 11, 24), "act"),  # over the 20th
        ({"area": "rural"}, D(2026, 11, 9), "new-connection-rural", D(2026, 11, 24), "act"),
    ],
)
def test_a_new_connection_waits_5_or_10_business_days(
    cat, rules, answers, since, clock_id, due, mode
) -> None:
    advice = advise(
        req(cat, "sac-open", "elektro", problem="new-connection", answers=answers, since=since),
        rules,
    )
    assert advice.clock.clock.id == clock_id
    assert advice.clock.due == due
    amount = 10 if clock_id.endswith("rural") else 5
    days = [since + dt.timedelta(days=n) for n in range(1, (due - since).days + 1)]
    assert sum(business_day(d) for d in days) == amount
    assert advice.mode == mode
    if mode == "wait":
        assert advice.headline.key == "wait.clock"
        assert advice.step.id == "sac"
    else:
        assert advice.headline.key == "act.clock_passed"
        assert advice.step.id == "ouvidoria"


# --- 6. disconnection notice ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("event", "due", "standing"),
    [
        (D(2026, 11, 10), D(2026, 11, 25), "running"),  # the cut may come from tomorrow on
        (D(2026, 11, 20), D(2026, 12, 5), "running"),
        (D(2026, 11, 1), D(2026, 11, 16), "passed"),
        (None, None, "unknown"),
    ],
)
def test_a_disconnection_notice_gives_the_day_before_which_no_cut(
    cat, rules, event, due, standing
) -> None:
    advice = advise(
        req(cat, "sac-open", "elektro", problem="disconnection-notice", event=event,
            since=D(2026, 11, 24)),
        rules,
    )  # fmt: skip
    notice = view(advice, "disconnection-notice-15")
    assert notice.clock.kind == "not-before"
    assert (notice.start, notice.due, notice.standing) == (event, due, standing)
    assert advice.clock is None  # it decides no wait: the SAC's days do
    assert advice.headline.key == "wait.until"


# --- 7. hazard --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "owners", "expected"),
    [
        ("elektro", {"Neoenergia Elektro"}, {"0800 701 01 02"}),
        ("cemig", {"Cemig"}, {"116"}),
    ],
)
@pytest.mark.parametrize("how", ["flag", "problem"])
def test_hazard_with_an_energy_company_gives_its_own_lines(
    cat, rules, name, owners, expected, how
) -> None:
    kw = {"hazard": True} if how == "flag" else {"problem": "hazard"}
    advice = advise(req(cat, "sac-open", name, **kw), rules)
    assert advice.mode == "hazard"
    assert advice.headline.key == "hazard.headline"
    assert advice.contacts
    assert {c.owner for c in advice.contacts} == owners
    assert expected <= phones(advice.contacts)
    assert all(c.channel.contact.phone for c in advice.contacts)
    assert advice.later == () and advice.alternatives == ()


@pytest.mark.parametrize("name", [None, "claro"])
@pytest.mark.parametrize("how", ["flag", "problem"])
def test_hazard_without_an_energy_company_gives_every_emergency_line(cat, rules, name, how) -> None:
    kw = {"hazard": True} if how == "flag" else {"problem": "hazard"}
    advice = advise(req(cat, "start", name, **kw), rules)
    assert advice.mode == "hazard"
    assert advice.headline.key == "hazard.headline.any"
    numbers = phones(advice.contacts)
    assert {"0800 091 0196", "116", "0800 701 01 02"} <= numbers  # Equatorial Pará, Cemig, Elektro
    assert all(c.channel.contact.phone for c in advice.contacts)
    assert "Claro" not in " ".join(c.owner for c in advice.contacts)
    assert {"Equatorial Pará", "Cemig", "Neoenergia Elektro"} <= {c.owner for c in advice.contacts}
    assert [f.id for f in advice.facts] == ["hazard-safety"]


# --- 8. Juizado above 40 minimum wages --------------------------------------------------------


@pytest.mark.parametrize("name", ["elektro", "claro"])
@pytest.mark.parametrize("amount", ["64840.01", "100000"])
def test_above_the_ceiling_the_juizado_still_takes_it_if_the_excess_is_waived(
    cat, rules, name, amount
) -> None:
    advice = advise(
        req(cat, "procon-failed", name, amount=Decimal(amount), problem="billing"), rules
    )
    assert advice.mode == "act"
    assert advice.step.id == "juizado"
    assert advice.headline.key == "act.juizado_waiver"
    assert advice.headline.values["ceiling"] == Decimal("64840.00")
    assert advice.headline.values["amount"] == Decimal(amount)
    assert advice.alternatives[0].body.id == "justica-comum"
    assert advice.contacts
    assert {c.owner for c in advice.contacts} == {"Juizado Especial Cível"}


def test_at_the_ceiling_there_is_no_waiver(cat, rules) -> None:
    advice = advise(req(cat, "procon-failed", "elektro", amount=Decimal("64840.00")), rules)
    assert advice.headline.key != "act.juizado_waiver"
    assert "justica-comum" not in [o.body.id for o in advice.alternatives]


# --- 9. Procon by state -----------------------------------------------------------------------

SP_CHANNELS = {"procon-sp-digital", "procon-sp-poupatempo"}

# company, state given, Procon channels expected, whether the "your state's Procon" note shows.
PROCON = [
    ("cemig", None, {"phone-151"}, True),  # Cemig is in MG: no MG channel known
    ("elektro", "SP", {"phone-151"} | SP_CHANNELS, False),
    ("elektro", "MS", {"phone-151"}, True),
    ("elektro", None, {"phone-151"}, True),  # SP or MS: not known which
    ("claro", None, {"phone-151"}, True),
    ("claro", "XX", {"phone-151"}, True),
    ("claro", "TO", {"phone-151"}, True),
    ("claro", "SP", {"phone-151"} | SP_CHANNELS, False),
    ("claro", "AM", {"phone-151", "procon-am-phone"}, False),
]


@pytest.mark.parametrize(("name", "state", "channels", "noted"), PROCON)
def test_procon_channels_follow_the_persons_state(cat, rules, name, state, channels, noted) -> None:
    advice = advise(req(cat, "regulator-failed", name, state=state), rules)
    assert advice.step.id == "procon"
    assert {c.channel.id for c in advice.contacts} == channels
    assert "151" in phones(advice.contacts)
    if noted:
        assert advice.where_note is not None
        assert advice.where_note.key == "cond.local_body"
    else:
        assert advice.where_note is None
    if state == "AM":
        assert "0800 092 1512" in phones(advice.contacts)
    # The same Procon channels when Procon is only named as a later step or an alternative.
    before = advise(req(cat, "ouvidoria-failed", name, state=state), rules)
    procon = next(o for o in before.alternatives if o.body.id == "procon")
    assert {c.channel.id for c in procon.contacts} == channels
    assert (procon.condition is not None) == noted


# --- 10. consumidor.gov.br --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "noted", "condition"),
    [("elektro", True, None), ("cemig", True, None), ("claro", False, "cond.consumidor_gov")],
)
@pytest.mark.parametrize("stage", ["ouvidoria-failed", "regulator-failed"])
def test_consumidor_gov_is_mandatory_for_energy_and_conditional_for_claro(
    cat, rules, name, noted, condition, stage
) -> None:
    advice = advise(req(cat, stage, name), rules)
    option = next(o for o in advice.alternatives if o.body.id == "consumidor-gov")
    if noted:
        assert option.note is not None
        assert option.note.rule == "REN ANEEL 1.000/2021, art. 371, V"
        assert option.note.values["text"].en == "mandatory for energy distributors"
    else:
        assert option.note is None
    assert (option.condition.key if option.condition else None) == condition


# --- 11. facts --------------------------------------------------------------------------------

# company, problem, stage, facts that must appear, facts that must not.
FACTS = [
    ("elektro", "billing", "start", {"refund-energy", "double-refund-good-faith"},
     {"complaint-window", "refund-telecom"}),
    ("cemig", "billing", "sac-failed", {"refund-energy", "double-refund-good-faith"},
     {"complaint-window"}),
    ("claro", "billing", "start", {"refund-telecom", "double-refund-good-faith"},
     {"refund-energy", "complaint-window"}),
    ("elektro", "outage", "start", set(), {"complaint-window"}),
    ("claro", "outage", "sac-failed", set(), {"complaint-window"}),
    ("elektro", "service-quality", "start", {"complaint-window"}, set()),
    ("claro", None, "sac-failed", {"anatel-ouvidoria-protocol"}, set()),
    ("claro", "billing", "sac-failed", {"anatel-ouvidoria-protocol"}, set()),
    ("claro", "billing", "ouvidoria-open", {"anatel-ouvidoria-protocol"}, set()),
    ("claro", "billing", "start", set(), {"anatel-ouvidoria-protocol"}),
    ("claro", None, "start", set(), {"anatel-ouvidoria-protocol"}),
    ("elektro", "billing", "sac-failed", set(), {"anatel-ouvidoria-protocol"}),
]  # fmt: skip


@pytest.mark.parametrize(("name", "problem", "stage", "present", "absent"), FACTS)
def test_facts_appear_where_they_apply(cat, rules, name, problem, stage, present, absent) -> None:
    advice = advise(req(cat, stage, name, problem=problem), rules)
    ids = {f.id for f in advice.facts}
    assert present <= ids
    assert not (absent & ids)
    for fact in advice.facts:
        assert fact.rule and fact.sources


def _problems(rules) -> list[str]:
    return [p.id for p in rules.problems.problems]


@pytest.mark.parametrize("stage", ["start", "sac-failed", "procon-failed"])
@pytest.mark.parametrize("name", ["elektro", "claro"])
def test_the_court_is_open_at_every_stage_of_every_problem(cat, rules, stage, name) -> None:
    for problem in _problems(rules):
        advice = advise(req(cat, stage, name, problem=problem), rules)
        ids = {f.id for f in advice.facts}
        assert ("court-any-stage" in ids) == (problem != "hazard"), problem


# --- 12. the new problems at every stage ------------------------------------------------------

NEW_PROBLEMS = ["meter-fraud", "credit-listing", "disconnection-notice", "new-connection"]


@pytest.mark.parametrize("problem", NEW_PROBLEMS)
@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize("name", ["elektro", "cemig", "claro", None])
@pytest.mark.parametrize("since", [None, D(2026, 11, 20)])
def test_every_new_problem_gives_advice_at_every_stage(
    cat, rules, problem, stage, name, since
) -> None:
    advice = advise(req(cat, stage, name, problem=problem, since=since), rules)
    assert advice.mode in ("act", "wait")
    assert advice.step is not None
    assert advice.headline.key
    if name == "claro":  # energy-only problems: refused at the CLI; here, no energy facts
        ids = {f.id for f in advice.facts}
        assert not ids & {"refund-energy", "disconnection-notice", "lei-14015", "cut-window"}
        assert advice.clocks == ()


@pytest.mark.parametrize(
    ("problem", "present"),
    [
        ("meter-fraud", {"toi-copy", "meter-expert-test", "stj-699", "refund-energy"}),
        ("credit-listing", {"listing-notice", "listing-correction", "listing-urgent-order"}),
        ("disconnection-notice", {"disconnection-notice", "lei-14015", "cut-window"}),
        ("new-connection", {"court-any-stage"}),
    ],
)
def test_the_new_problems_bring_their_facts(cat, rules, problem, present) -> None:
    advice = advise(req(cat, "start", "elektro", problem=problem), rules)
    assert present <= {f.id for f in advice.facts}


# --- 13. bad circumstances --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "question"),
    [
        ({"area": "beach"}, "area"),
        ({"cut": "sometimes"}, "cut"),
        ({"weather": "rain"}, "weather"),
        ({"area": "rural", "request": "fax"}, "request"),
    ],
)
def test_an_unknown_circumstance_is_refused(cat, rules, answers, question) -> None:
    with pytest.raises(UnknownChoice) as info:
        advise(req(cat, "sac-open", "elektro", problem="reconnection", answers=answers), rules)
    assert info.value.question == question
    assert info.value.value == answers[question]
    if question == "area":
        assert info.value.valid == ["urban", "rural"]


def test_a_weekend_report_without_the_hour_is_an_exact_moment(cat, rules) -> None:
    """Saturday, any hour: the clock starts at 8h on Monday, so the end is known exactly."""
    advice = advise(
        req(cat, "sac-open", "elektro", problem="reconnection", since=D(2026, 11, 28),
            now=T(2026, 11, 30, 9)),
        rules,
    )  # fmt: skip
    assert advice.headline.key == "wait.clock"
    assert advice.clock.start == T(2026, 11, 30, 8)
    assert advice.clock.due == T(2026, 12, 1, 8)
    assert advice.clock.latest is None
