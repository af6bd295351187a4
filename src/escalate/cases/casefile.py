"""A case as a timeline: each contact with the deadline it started and whether it has passed.

Pure: the case, the company's record, the ladder and ``today`` in; the timeline out.
Deadlines count calendar or business days, as each rule in data/ladder.yaml says; business
days skip the national holidays and those of the company's state (its unit's, or its only one).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from escalate.advice.deadlines import due_date, holiday_state
from escalate.records.value import Value

if TYPE_CHECKING:
    from escalate.advice.advisor import Advice, Request, Rules
    from escalate.cases.journal import Case, LoggedContact
    from escalate.records.ladder import Deadline, Ladder
    from escalate.records.models import Record, Unit


class Due(Value):
    """A deadline a contact started: when it ends and whether it has passed (None: answered)."""

    deadline: Deadline
    due: dt.date
    passed: bool | None


class TimelineEntry(Value):
    contact: LoggedContact
    deadline: Deadline | None = None
    due: dt.date | None = None
    passed: bool | None = None
    also: tuple[Due, ...] = ()  # other deadlines the contact started


def timeline(
    case: Case, *, ladder: Ladder, company: Record | None, today: dt.date
) -> list[TimelineEntry]:
    sector = company.sector if company else None
    unit = next((u for u in company.units if u.id == case.unit), None) if company else None
    state = holiday_state(company, unit, case.state)

    def dues(contact: LoggedContact, ids: tuple[str, ...]) -> list[Due]:
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
        started = ladder.deadlines_of_channel(contact.channel)
        main = dues(contact, tuple(d.id for d in started if not d.beside))[:1]
        also = tuple(dues(contact, tuple(d.id for d in started if d.beside)))
        if main:
            entries.append(
                TimelineEntry(contact, main[0].deadline, main[0].due, main[0].passed, also)
            )
        else:
            entries.append(TimelineEntry(contact, also=also))
    return entries


class Position(Value):
    """Where a case stands on the ladder, read from its contacts."""

    stage: str
    since: dt.date | None
    has_protocol: bool | None
    protocols: tuple[LoggedContact, ...]  # every contact with a protocol, in order: to quote
    solved: bool


def position(case: Case, *, ladder: Ladder) -> Position:
    """Where a case stands: the furthest step of the ladder its contacts reached (the data's
    step order and channels), waiting on it or past it by the latest contact's outcome. The
    one place a case's stage is worked out: advise --case, case show and the dossier call it."""
    protocols = tuple(c for c in case.contacts if c.protocol)
    order = [s.id for s in ladder.steps]
    on_ladder = [(c, ladder.step_of_channel(c.channel)) for c in case.contacts]
    reached = [(c, s) for c, s in on_ladder if s is not None]
    if not reached:
        return Position(ladder.start, None, None, protocols, False)
    step = max((s for _, s in reached), key=lambda s: order.index(s.id))
    mine = [c for c, s in reached if s.id == step.id]
    latest = mine[-1]
    waiting, failed = ladder.case_stages(step)
    if latest.outcome == "solved":
        return Position(waiting, latest.date, True, protocols, True)
    stage = waiting if latest.outcome == "open" else failed
    return Position(stage, latest.date, any(c.protocol for c in mine), protocols, False)


class CaseAdvice(Value):
    """Everything said about a case, worked out once: its timeline, where it stands, the
    request that position makes and the advice for it (None when it is solved or the
    catalogue no longer knows its company). ``advise --case``, ``case show``, the dossier and
    the calendar all read this one result, so they cannot disagree."""

    case: Case
    company: Record | None
    unit: Unit | None
    entries: tuple[TimelineEntry, ...]
    position: Position
    request: Request | None
    advice: Advice | None


def case_advice(
    case: Case, *, company: Record | None, rules: Rules, today: dt.date, now: dt.datetime | None
) -> CaseAdvice:
    from escalate.advice import advisor
    from escalate.records.models import Sector

    unit = next((u for u in company.units if u.id == case.unit), None) if company else None
    entries = tuple(timeline(case, ladder=rules.ladder, company=company, today=today))
    where = position(case, ladder=rules.ladder)
    request = advice = None
    if company is not None and not where.solved:
        request = advisor.Request(
            stage=where.stage,
            today=today,
            problem=case.problem,
            company=company,
            unit=unit,
            state=case.state,
            sector=Sector(company.sector) if company.sector else None,
            since=where.since,
            has_protocol=where.has_protocol,
            event=case.event_date,
            now=now,
        )
        advice = advisor.advise(request, rules)
    return CaseAdvice(case, company, unit, entries, where, request, advice)
