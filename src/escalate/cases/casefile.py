"""A case as a timeline: each contact with the deadline it started and whether it has passed.

Pure: the case, the company's record, the ladder and ``today`` in; the timeline out.
Deadlines count calendar or business days, as each rule in data/ladder.yaml says; business
days skip the national holidays and those of the company's state (its unit's, or its only one).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, ClassVar

from escalate.advice.deadlines import due_date, holiday_state
from escalate.records.value import Value

if TYPE_CHECKING:
    from escalate.cases.journal import Case, Contact
    from escalate.records.ladder import Deadline, Ladder
    from escalate.records.models import Record

# Which ladder deadline a contact on each channel starts (the first that applies): the
# official answer deadline, which moves the case on when it passes.
CHANNEL_DEADLINES = {
    "sac": ("sac",),
    "ouvidoria": ("claro-ouvidoria",),
    "anatel": ("anatel",),
    "consumidor-gov": ("consumidor-gov",),
}
# Deadlines shown beside it when they apply (a reported rule never replaces an official one).
CHANNEL_ALSO = {"sac": ("telecom-cancellation",)}


class Due(Value):
    """A deadline a contact started: when it ends and whether it has passed (None: answered)."""

    __slots__ = ("deadline", "due", "passed")
    deadline: Deadline
    due: dt.date
    passed: bool | None


class Entry(Value):
    __slots__ = ("contact", "deadline", "due", "passed", "also")
    _defaults: ClassVar[dict[str, Any]] = {
        "deadline": None,
        "due": None,
        "passed": None,
        "also": (),
    }
    contact: Contact
    deadline: Deadline | None
    due: dt.date | None
    passed: bool | None
    also: tuple[Due, ...]  # other deadlines the contact started


def timeline(case: Case, *, ladder: Ladder, company: Record | None, today: dt.date) -> list[Entry]:
    sector = company.sector if company else None
    unit = next((u for u in company.units if u.id == case.unit), None) if company else None
    state = holiday_state(company, unit, case.state)

    def dues(contact: Contact, ids: tuple[str, ...]) -> list[Due]:
        found = []
        for deadline_id in ids:
            deadline = ladder.deadline(deadline_id)
            if deadline.applies.matches(sector=sector, company=case.company, problem=case.problem):
                due = due_date(
                    contact.date, deadline.days, business=deadline.business_days, state=state
                )
                answered = contact.outcome in ("solved", "failed")
                found.append(Due(deadline, due, None if answered else today > due))
        return found

    entries = []
    for contact in case.contacts:
        main = dues(contact, CHANNEL_DEADLINES.get(contact.channel, ()))[:1]
        also = tuple(dues(contact, CHANNEL_ALSO.get(contact.channel, ())))
        if main:
            entries.append(Entry(contact, main[0].deadline, main[0].due, main[0].passed, also))
        else:
            entries.append(Entry(contact, also=also))
    return entries


# The ladder step a contact on each channel belongs to, in ladder order.
CHANNEL_STEPS = {
    "sac": "sac",
    "ouvidoria": "ouvidoria",
    "aneel": "regulator",
    "anatel": "regulator",
    "consumidor-gov": "procon",
    "procon": "procon",
    "reclame-aqui": None,  # public pressure: not a rung of the ladder
    "juizado": "juizado",
    "justica-comum": "juizado",
}
STEP_ORDER = ("sac", "ouvidoria", "regulator", "procon", "juizado")
# (stage while waiting on the step, stage once it failed)
STEP_STAGES = {
    "sac": ("sac-open", "sac-failed"),
    "ouvidoria": ("ouvidoria-open", "ouvidoria-failed"),
    "regulator": ("regulator-open", "regulator-failed"),
    "procon": ("regulator-failed", "procon-failed"),
    "juizado": ("procon-failed", "procon-failed"),
}


class Position(Value):
    """Where a case stands on the ladder, read from its contacts."""

    __slots__ = ("stage", "since", "has_protocol", "protocols", "solved")
    stage: str
    since: dt.date | None
    has_protocol: bool | None
    protocols: tuple[Contact, ...]  # every contact with a protocol, in order: to quote
    solved: bool


def position(case: Case) -> Position:
    protocols = tuple(c for c in case.contacts if c.protocol)
    on_ladder = [c for c in case.contacts if CHANNEL_STEPS.get(c.channel)]
    if not on_ladder:
        return Position("start", None, None, protocols, False)
    step = max((CHANNEL_STEPS[c.channel] for c in on_ladder), key=STEP_ORDER.index)
    latest = [c for c in on_ladder if CHANNEL_STEPS[c.channel] == step][-1]
    waiting, failed = STEP_STAGES[step]
    if latest.outcome == "solved":
        return Position(waiting, latest.date, True, protocols, True)
    stage = waiting if latest.outcome == "open" else failed
    has_protocol = any(c.protocol for c in on_ladder if CHANNEL_STEPS[c.channel] == step)
    return Position(stage, latest.date, has_protocol, protocols, False)
