"""A case of the journal with everything said about it, for every front and every document
(the documents' view model: output.dossier.case_document)."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from escalate.advice.advisor import Rules
    from escalate.cases.casefile import CaseAdvice
    from escalate.catalog.store import Catalog
    from escalate.records.models import Record, Unit


class CaseSubject(NamedTuple):
    """What a new case is about, as the journal stores it."""

    record: Record  # the company (a group's member serving the state)
    unit: Unit | None
    state: str | None  # the state code, when no unit says it
    problem: str | None  # the problem's id


def case_subject(
    catalog: Catalog, *, company: str, state: str | None = None, problem: str | None = None
) -> CaseSubject:
    """The company, unit, state and problem a new case names, checked as `escalate case new`
    and the web's form check them: typed errors as entry.advise_for's."""
    from escalate.entry.advising import (
        find_company,
        for_sector_of,
        named_problem,
        serving,
        state_code,
    )

    found, unit_id = find_company(catalog, company)
    record, unit = serving(catalog, found, unit_id, state)
    problem_id = for_sector_of(named_problem(catalog, problem), record).id if problem else None
    code = state_code(state) if state and unit is None else None
    return CaseSubject(record, unit, code, problem_id)


def case_view(
    conn: sqlite3.Connection | None, case_id: int, catalog: Catalog, *, rules: Rules | None = None
) -> CaseAdvice:
    """The case (casefile.case_advice): its company's record (or None), timeline, position and
    advice, worked out once for every output, on escalate.clock's time. ``rules``: the
    catalogue's, when the caller already has them."""
    from escalate import clock
    from escalate.advice import advisor
    from escalate.cases import journal
    from escalate.entry.advising import case_view_of

    if conn is None:  # no journal yet
        raise journal.no_case(case_id)
    return case_view_of(
        journal.get_case(conn, case_id),
        catalog=catalog,
        rules=rules if rules is not None else advisor.rules_from(catalog),
        today=clock.today(),
        now_at=clock.local_now,
    )
