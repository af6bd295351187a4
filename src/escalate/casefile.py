"""A case as a timeline: each contact with the deadline it started and whether it has passed.

Pure: the case, the company's record, the ladder and ``today`` in; the timeline out.
Deadlines are calendar days, as the rules in data/ladder.yaml state them.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, ClassVar

from escalate.value import Value

if TYPE_CHECKING:
    from escalate.journal import Case, Contact
    from escalate.ladder import Deadline, Ladder
    from escalate.models import Record

# Which ladder deadlines a contact on each channel starts (the first that applies).
CHANNEL_DEADLINES = {
    "sac": ("sac",),
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
        due = contact.date + dt.timedelta(days=found.days)
        answered = contact.outcome in ("solved", "failed")
        entries.append(Entry(contact, found, due, None if answered else today > due))
    return entries
