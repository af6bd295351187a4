"""A case of the journal with everything said about it, for every front and every document
(the documents' view model: output.dossier.case_document)."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from escalate.cases.casefile import CaseAdvice
    from escalate.catalog.store import Catalog


def case_view(conn: sqlite3.Connection | None, case_id: int, catalog: Catalog) -> CaseAdvice:
    """The case (casefile.case_advice): its company's record (or None), timeline, position and
    advice, worked out once for every output, on escalate.clock's time."""
    from escalate import clock
    from escalate.advice import advisor
    from escalate.cases import casefile, journal
    from escalate.entry.advising import case_company

    if conn is None:  # no journal yet
        raise journal.no_case(case_id)
    found = journal.get_case(conn, case_id)
    record = case_company(catalog, found)
    unit = next((u for u in record.units if u.id == found.unit), None) if record else None
    return casefile.case_advice(
        found,
        company=record,
        rules=advisor.rules_from(catalog),
        today=clock.today(),
        now=clock.local_now(record, unit),
    )
