"""Problem clocks as moments: when each one started, when it ends, whether it has passed.

Pure, like the advisor: the report, the event, the circumstances and ``now`` arrive as values.
A clock counts hours, calendar days, business days or years from what starts it (the person's
report, the event, the company's approval). An hour clock needs the hour of the report; with
the day alone it ends somewhere between two moments, and the view says both.

Clocks of one ``group`` are the versions of one deadline for different circumstances (urban
or rural, normal or urgent). The view takes the version the circumstances given select; a
circumstance not given is assumed to be the first version's (the data lists the common case
first), and the other versions are kept beside it so the person sees what changes if the
assumption is wrong.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, NamedTuple

from escalate.advice.deadlines import add_business_days, is_business_day, next_business_day
from escalate.records.value import Value

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from escalate.records.problem_facts import Clock, Problems

BUSINESS_OPENS = dt.time(8)  # REN ANEEL 1.000/2021, art. 362: business days, 8h to 18h
BUSINESS_CLOSES = dt.time(18)
SIMPLIFIED_DAYS = 90  # an appliance claim within 90 days of the event: the simplified procedure

# How a view stands: the clock is running, has passed, may have passed (an hour clock known
# only by the day), has no start yet (no date given: the rule alone), or counts from now (the
# report is still to be made).
RUNNING, PASSED, MAYBE, UNKNOWN, FROM_NOW = "running", "passed", "maybe", "unknown", "from-now"


class Report(Value):
    """When the person reported the problem or asked the company (the protocol)."""

    day: dt.date
    time: dt.time | None  # None: the hour was not given


class Length(NamedTuple):
    """How long a clock runs, for a sentence: 24 h, 10 dias, 1 dia útil; 0 is at once."""

    amount: int
    unit: str


class ClockView(Value):
    clock: Clock
    start: dt.datetime | dt.date | None  # when it started (None: unknown)
    due: dt.datetime | dt.date | None  # when it ends; by the day only: the earliest end
    latest: dt.datetime | None  # an hour clock known by the day only: the latest end
    standing: str  # RUNNING, PASSED, MAYBE, UNKNOWN or FROM_NOW
    assumed: tuple[tuple[str, str], ...]  # (question, choice) taken without an answer
    others: tuple[ClockView, ...]  # the versions for the circumstances not taken

    @property
    def hours(self) -> bool:
        return self.clock.unit == "hours"


def derived_answers(
    answers: Mapping[str, str], *, report: Report | None, event: dt.date | None
) -> dict[str, str]:
    """The circumstances dates tell: an appliance claim made within 90 days of the event."""
    found = dict(answers)
    if "claim" not in found and report is not None and event is not None:
        found["claim"] = "early" if (report.day - event).days <= SIMPLIFIED_DAYS else "late"
    return found


def views(
    problems: Problems,
    *,
    applies: Any,
    answers: Mapping[str, str],
    report: Report | None,
    event: dt.date | None,
    now: dt.datetime,
    state: str | None,
    from_now: bool,
) -> tuple[ClockView, ...]:
    """Every clock of the problem, one version per group, in data order.

    ``applies(clock)`` says whether a clock is for this person's problem and sector;
    ``from_now``: nothing was reported yet, so report-started clocks count from now.
    """
    # Nothing reported yet: a claim made now is what the dates are measured against.
    claim = Report(now.date(), now.time()) if from_now and report is None else report
    given = derived_answers(answers, report=claim, event=event)
    groups: dict[str, list[Clock]] = {}
    for clock in problems.clocks:
        if applies(clock) and _consistent(clock, given):
            groups.setdefault(_group(clock), []).append(clock)
    found = []
    for versions in groups.values():
        measure = [
            _view(c, given, report=report, event=event, now=now, state=state, from_now=from_now)
            for c in versions
        ]
        found.append(measure[0].replace(others=tuple(measure[1:])))
    return tuple(found)


def _group(clock: Clock) -> str:
    return clock.group or clock.id


def _consistent(clock: Clock, given: Mapping[str, str]) -> bool:
    return all(given.get(question, choice) == choice for question, choice in clock.when.items())


def _view(
    clock: Clock,
    given: Mapping[str, str],
    *,
    report: Report | None,
    event: dt.date | None,
    now: dt.datetime,
    state: str | None,
    from_now: bool,
) -> ClockView:
    assumed = tuple((q, c) for q, c in clock.when.items() if q not in given)
    today = now.date()

    def made(start: Any, due: Any, standing: str, latest: dt.datetime | None = None) -> ClockView:
        return ClockView(clock, start, due, latest, standing, assumed, ())

    if clock.starts == "approval":
        return made(None, None, UNKNOWN)
    if clock.starts == "event":
        if event is None:
            return made(None, None, UNKNOWN)
        due_day = end_of_days(clock, event, state=state)
        return made(event, due_day, PASSED if today > due_day else RUNNING)

    # Started by the person's report.
    if from_now:
        start_moment = _opened(clock, now, state=state)
        if clock.unit == "hours":
            return made(start_moment, start_moment + dt.timedelta(hours=clock.amount), FROM_NOW)
        return made(today, end_of_days(clock, today, state=state), FROM_NOW)
    if clock.amount == 0:  # at once: it has passed as soon as the request was made
        start = None if report is None else _moment(report, dt.time.min)
        return made(start, start, PASSED)
    if report is None:
        return made(None, None, UNKNOWN)
    if clock.unit != "hours":
        due_day = end_of_days(clock, report.day, state=state)
        return made(report.day, due_day, PASSED if today > due_day else RUNNING)
    length = dt.timedelta(hours=clock.amount)
    if report.time is not None:
        start_moment = _opened(clock, _moment(report, report.time), state=state)
        due = start_moment + length
        return made(start_moment, due, PASSED if now > due else RUNNING)
    # The day without the hour: the clock ends between these two moments.
    earliest = _opened(clock, _moment(report, dt.time.min), state=state) + length
    latest = _opened(clock, _moment(report, dt.time(23, 59)), state=state) + length
    if latest == earliest:  # a day outside business hours: the clock starts at a known moment
        opened = earliest - length
        return made(opened, earliest, PASSED if now > earliest else RUNNING)
    if now > latest:
        standing = PASSED
    elif now <= earliest:
        standing = RUNNING
    else:
        standing = MAYBE
    return made(report.day, earliest, standing, latest)


def _moment(report: Report, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(report.day, time)


def _opened(clock: Clock, moment: dt.datetime, *, state: str | None) -> dt.datetime:
    """When the clock starts for a report made at ``moment``: at once, or, for a clock counted
    from business hours, at 8h of the next business day when made outside them."""
    if clock.starts != "report-business-hours":
        return moment
    day = moment.date()
    if is_business_day(day, state=state) and moment.time() < BUSINESS_CLOSES:
        return max(moment, dt.datetime.combine(day, BUSINESS_OPENS))
    following = next_business_day(day + dt.timedelta(days=1), state=state)
    return dt.datetime.combine(following, BUSINESS_OPENS)


def end_of_days(clock: Clock, start: dt.date, *, state: str | None) -> dt.date:
    """The last day of a clock counted in days, business days or years."""
    if clock.unit == "business-days":
        return add_business_days(start, clock.amount, state=state)
    if clock.unit == "years":
        try:
            return start.replace(year=start.year + clock.amount)
        except ValueError:  # 29 February
            return start.replace(year=start.year + clock.amount, day=28)
    if clock.unit == "hours":  # an hour clock asked for a day: the day it ends on
        return (dt.datetime.combine(start, dt.time.min) + dt.timedelta(hours=clock.amount)).date()
    return start + dt.timedelta(days=clock.amount)


def deciding(views_: Iterable[ClockView], stage: str) -> ClockView | None:
    """The clock that decides wait or act at a waiting stage: the first that names it."""
    return next((v for v in views_ if stage in v.clock.decides), None)
