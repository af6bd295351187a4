"""A case of the journal with everything said about it, for every front and every document
(the documents' view model: output.dossier.case_document)."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from escalate.advice.advisor import Rules
    from escalate.cases.casefile import CaseAdvice
    from escalate.catalog.store import Catalog


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
