"""What is due across a person's open cases: the deadlines that end today or have passed and
still matter, each with the case's next step.

Pure: each case's ``CaseAdvice`` (casefile.case_advice, worked out once per case, the same
result ``case show`` and the dossier read) and ``today`` in; reminders out, oldest first.
Nothing here computes a deadline or a stage: the dates come from the case's timeline and the
problem clock that decided its advice, the next step from that advice.

A deadline still matters while the case has not moved on: the case is open and not solved,
the contact that started it is unanswered (open or no answer), and no contact on a later
rung of the ladder followed it (its date is not before the one the case's position stands
on). A problem clock matters when it is the one that decided the case's advice.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from escalate.records.value import Value

if TYPE_CHECKING:
    from collections.abc import Iterable

    from escalate.advice.advisor import Say
    from escalate.advice.clocks import ClockView
    from escalate.cases.casefile import CaseAdvice
    from escalate.cases.journal import LoggedContact
    from escalate.records.ladder import Deadline

# What a reminder is about: a contact's answer deadline, a rule shown beside it (a telecom
# cancellation's business days), or the problem's own clock that decided the advice.
DEADLINE, BESIDE, CLOCK = "deadline", "beside", "clock"


class Reminder(Value, kw_only=True):
    """A deadline of an open case that ends today or has passed."""

    view: CaseAdvice  # everything said about the case: its company, position and advice
    kind: str  # DEADLINE, BESIDE or CLOCK
    due: dt.date  # the day it ends (an hour clock known by the day only: the earliest day)
    passed: bool  # over (before today; a clock: before now); False: it ends today
    maybe: bool = False  # an hour clock known by the day only that may be over already
    contact: LoggedContact | None = None  # the contact that started it (DEADLINE, BESIDE)
    deadline: Deadline | None = None  # the ladder's rule (DEADLINE, BESIDE)
    clock: ClockView | None = None  # the problem clock (CLOCK)

    @property
    def next(self) -> Say | None:
        """The case's next step, as ``case show`` says it; None when the catalogue no longer
        knows the company (there is no advice then)."""
        advice = self.view.advice
        return advice.headline if advice is not None else None

    @property
    def rule(self) -> str:
        if self.clock is not None:
            return self.clock.clock.rule
        assert self.deadline is not None
        return self.deadline.rule


def due(views: Iterable[CaseAdvice], *, today: dt.date) -> list[Reminder]:
    """The deadlines of the open cases in ``views`` that end on or before ``today`` and still
    matter, oldest first (then by case number, then in the case's own order)."""
    found: list[Reminder] = []
    for view in views:
        found += _of_case(view, today=today)
    found.sort(key=lambda r: (r.due, r.view.case.id))
    return found


def _of_case(view: CaseAdvice, *, today: dt.date) -> list[Reminder]:
    if view.case.status != "open" or view.position.solved:
        return []
    since = view.position.since  # the latest contact on the furthest rung reached
    found: list[Reminder] = []
    for entry in view.entries:
        contact = entry.contact
        if since is not None and contact.date < since:
            continue  # the case moved on from this contact
        # passed None: the contact was answered (solved or failed), nothing runs any more.
        if (
            entry.deadline is not None
            and entry.due is not None
            and entry.passed is not None
            and entry.due <= today
        ):
            found.append(
                Reminder(
                    view=view,
                    kind=DEADLINE,
                    due=entry.due,
                    passed=entry.passed,
                    contact=contact,
                    deadline=entry.deadline,
                )
            )
        for also in entry.also:
            if also.passed is not None and also.due <= today:
                found.append(
                    Reminder(
                        view=view,
                        kind=BESIDE,
                        due=also.due,
                        passed=also.passed,
                        contact=contact,
                        deadline=also.deadline,
                    )
                )
    clock = _deciding_clock(view, today=today)
    if clock is not None:
        found.append(clock)
    return found


def _deciding_clock(view: CaseAdvice, *, today: dt.date) -> Reminder | None:
    """The problem clock that decided the case's advice, when it ends today or is over."""
    from escalate.advice import clocks

    advice = view.advice
    clock = advice.clock if advice is not None else None
    if clock is None or clock.due is None or clock.clock.kind != "deadline":
        return None
    day = clock.due.date() if isinstance(clock.due, dt.datetime) else clock.due
    if clock.standing == clocks.PASSED:
        passed, maybe = True, False
    elif clock.standing == clocks.MAYBE:
        passed, maybe = False, True
    elif clock.standing == clocks.RUNNING and day == today:
        passed, maybe = False, False
    else:  # still running after today, or with no start known
        return None
    return Reminder(view=view, kind=CLOCK, due=day, passed=passed, maybe=maybe, clock=clock)
