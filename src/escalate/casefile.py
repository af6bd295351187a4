"""A case as a timeline: each contact with the deadline it started and whether it has passed.

Pure: the case, the company's record, the ladder and ``today`` in; the timeline out.
Deadlines count calendar or business days, as each rule in data/ladder.yaml says; business
days skip the national holidays and those of the company's state (its unit's, or its only one).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, ClassVar

from escalate.deadlines import due_date, holiday_state
from escalate.value import Value

if TYPE_CHECKING:
    from escalate.journal import Case, Contact
    from escalate.ladder import Deadline, Ladder
    from escalate.models import Record

# Which ladder deadlines a contact on each channel starts (the first that applies).
CHANNEL_DEADLINES = {
    "sac": ("telecom-cancellation", "sac"),
    "ouvidoria": ("claro-ouvidoria",),
    "anatel": ("anatel",),
    "consumidor-gov": ("consumidor-gov",),
}


class Entry(Value):
    __slots__ = ("contact", "deadline", "due", "passed")
    _defaults: ClassVar[dict[str, Any]] = {"deadline": None, "due": None, "passed": None}
    contact: Contact
    deadline: Deadline | None
    due: dt.date | None
    passed: bool | None


def timeline(case: Case, *, ladder: Ladder, company: Record | None, today: dt.date) -> list[Entry]:
    entries = []
    sector = company.sector if company else None
    unit = next((u for u in company.units if u.id == case.unit), None) if company else None
    state = holiday_state(company, unit)
    for contact in case.contacts:
        found = None
        for deadline_id in CHANNEL_DEADLINES.get(contact.channel, ()):
            deadline = ladder.deadline(deadline_id)
            if deadline.applies.matches(sector=sector, company=case.company, problem=case.problem):
                found = deadline
                break
        if found is None:
            entries.append(Entry(contact))
            continue
        due = due_date(contact.date, found.days, business=found.business_days, state=state)
        answered = contact.outcome in ("solved", "failed")
        entries.append(Entry(contact, found, due, None if answered else today > due))
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
