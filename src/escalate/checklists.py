"""`escalate checklist`: what to bring to a channel, tailored to the company and the problem.

The same data and the same selection feed `escalate advise`, so both always agree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from escalate.errors import UnknownName
from escalate.value import Value

if TYPE_CHECKING:
    from escalate.catalog import ChecklistBook
    from escalate.checklist_items import Checklist, ChecklistItem
    from escalate.models import Record, Sector
    from escalate.problem_facts import Problem


class ChecklistResult(Value):
    __slots__ = ("checklist", "items", "company", "sector", "problem")
    _defaults: ClassVar[dict[str, Any]] = {"company": None, "sector": None, "problem": None}
    checklist: Checklist
    items: tuple[ChecklistItem, ...]
    company: Record | None
    sector: Sector | None
    problem: Problem | None

    def to_json(self, *, schema_version: int, verified_on: str) -> dict[str, Any]:
        return {
            "schema_version": schema_version,
            "kind": "checklist",
            "channel": self.checklist.channel,
            "title": self.checklist.title.model_dump(),
            "intro": self.checklist.intro.model_dump() if self.checklist.intro else None,
            "company": self.company.id if self.company else None,
            "sector": self.sector.value if self.sector else None,
            "problem": self.problem.id if self.problem else None,
            "verified_on": verified_on,
            "items": [
                {
                    "id": item.id,
                    "what": item.what.model_dump(),
                    "why": item.why.model_dump(),
                    "required": item.required,
                }
                for item in self.items
            ],
        }


def resolve(book: ChecklistBook, name: str) -> str:
    """The channel a name means ('jec', 'consumidor.gov.br', 'ANEEL'), or UnknownName."""
    import difflib

    from escalate.models import normalize

    key = normalize(name)[:200]
    if key in book.names:
        return book.names[key]
    close = difflib.get_close_matches(key, list(book.names), n=6, cutoff=0.6)
    suggestions: list[str] = []
    for found in close:
        channel = book.names[found]
        if channel not in suggestions:
            suggestions.append(channel)
    from escalate.printable import printable

    shown = printable(name, 60)
    raise UnknownName(f"unknown channel: '{shown}'", name=name, suggestions=suggestions[:3])


def build(
    book: ChecklistBook,
    name: str,
    *,
    company: Record | None = None,
    sector: Sector | None = None,
    problem: Problem | None = None,
) -> ChecklistResult:
    checklist = book.get(resolve(book, name))
    if company is not None and company.sector is not None:
        sector = company.sector
    company_id = company.id if company else None
    problem_id = problem.id if problem else None
    items = tuple(
        item
        for item in checklist.items
        if item.applies.matches(sector=sector, company=company_id, problem=problem_id)
    )
    return ChecklistResult(checklist, items, company, sector, problem)
