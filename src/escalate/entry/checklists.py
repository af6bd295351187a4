"""`checklist_for`: what to bring to a channel, as `escalate checklist` gives it.

Errors are typed: the company's (``UnknownCompany``, ``NotACompany``, ``BadState``,
``StateNotServed``), ``BadSector``, ``UnknownChannel``, ``UnknownProblem``,
``ChannelNotForSector`` (an ANEEL checklist for a telecom company) and
``ProblemNotForSector``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from escalate.errors import UsageError

if TYPE_CHECKING:
    from escalate.advice.checklists import ChecklistResult
    from escalate.catalog.store import Catalog
    from escalate.records.checklist_items import Checklist
    from escalate.records.models import Record


class ChannelNotForSector(UsageError):
    """A channel of one sector (ANEEL, Anatel) asked for a company of the other."""

    def __init__(self, checklist: Checklist, record: Record) -> None:
        super().__init__(f"{checklist.channel} is not for {record.name}'s sector")
        self.checklist = checklist
        self.record = record


def checklist_for(
    *,
    catalog: Catalog,
    channel: str,
    company: str | None = None,
    sector: str | None = None,
    problem: str | None = None,
    state: str | None = None,
) -> ChecklistResult:
    """The checklist of ``channel`` (an id or a name people type: 'jec', 'ANEEL') for the
    company, sector, problem (an id or an alias) and state, with the body's channels for
    that state."""
    from escalate.advice import checklists as core
    from escalate.entry.advising import (
        find_company,
        for_sector_of,
        known_sector,
        named_problem,
        serving,
        state_code,
    )
    from escalate.records.models import Sector

    sector = known_sector(sector)
    record = unit = None
    unit_id = None
    if company is not None:
        record, unit_id = find_company(catalog, company)
    found = named_problem(catalog, problem) if problem else None
    code = None
    if record is not None:
        record, unit = serving(catalog, record, unit_id, state)
    if state is not None:
        code = state_code(state)
    if record is not None:  # its unit's or its only state's holidays (no company: the state's)
        from escalate.advice.deadlines import holiday_state

        code = holiday_state(record, unit, code)
    result = core.build(
        catalog.rules("checklists"),
        channel,
        company=record,
        sector=Sector(sector) if sector else None,
        problem=found,
        state=code,
        bodies={e.id: catalog.record(e.id) for e in catalog.bodies()},
    )
    if record is not None and record.sector not in result.checklist.sectors:
        raise ChannelNotForSector(result.checklist, record)
    if record is not None and found is not None:
        for_sector_of(found, record)
    return result
