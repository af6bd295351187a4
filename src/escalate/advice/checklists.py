"""`escalate checklist`: what to bring to a channel, tailored to the company and the problem.

The same data and the same selection feed `escalate advise`, so both always agree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from escalate.errors import UnknownName
from escalate.records.value import Value

if TYPE_CHECKING:
    from collections.abc import Iterable

    from escalate.catalog.store import ChecklistBook
    from escalate.records.checklist_items import Checklist, ChecklistItem
    from escalate.records.models import Channel, Record, Sector
    from escalate.records.problem_facts import Problem


class ChecklistResult(Value):
    checklist: Checklist
    items: tuple[ChecklistItem, ...]
    company: Record | None = None
    sector: Sector | None = None
    problem: Problem | None = None
    state: str | None = None  # the person's state: a state's Procon serves only its own
    body: Record | None = None  # the public body the checklist is for, when it is one
    where: tuple[Channel, ...] = ()  # the body's channels the person can use

    @property
    def local_note(self) -> bool:
        """A body of each state (Procon) with no channel of the person's state known."""
        return (
            self.body is not None
            and self.body.local
            and not any(self.state in c.states for c in self.body.channels)
        )

    def body_json(self, *, verified_on: str) -> dict[str, Any]:
        """The checklist document's body (the envelope is the renderer's)."""
        return {
            "channel": self.checklist.channel,
            "title": self.checklist.title.as_json(),
            "intro": self.checklist.intro.as_json() if self.checklist.intro else None,
            "company": self.company.id if self.company else None,
            "sector": self.sector.value if self.sector else None,
            "problem": self.problem.id if self.problem else None,
            "verified_on": verified_on,
            "state": self.state,
            "where": [c.as_json(exclude_none=True) for c in self.where],
            "where_origin": self.body.origin if self.body is not None else None,
            "local_body": self.local_note,
            "items": [
                {
                    "id": item.id,
                    "what": item.what.as_json(),
                    "why": item.why.as_json(),
                    "required": item.required,
                }
                for item in self.items
            ],
        }


class UnknownChannel(UnknownName):
    """A name no checklist answers to; ``channels``: those there are."""

    def __init__(self, name: str, suggestions: list[str], channels: Iterable[str]) -> None:
        from escalate.printable import printable

        shown = printable(name, 60)
        super().__init__(f"unknown channel: '{shown}'", name=name, suggestions=suggestions)
        self.channels = tuple(channels)


def resolve(book: ChecklistBook, name: str) -> str:
    """The channel a name means ('jec', 'consumidor.gov.br', 'ANEEL'), or UnknownName."""
    import difflib

    from escalate.records.models import normalize

    key = normalize(name)[:200]
    if key in book.names:
        return book.names[key]
    close = difflib.get_close_matches(key, list(book.names), n=6, cutoff=0.6)
    suggestions: list[str] = []
    for found in close:
        channel = book.names[found]
        if channel not in suggestions:
            suggestions.append(channel)
    raise UnknownChannel(name, suggestions[:3], book.channels)


def build(
    book: ChecklistBook,
    name: str,
    *,
    company: Record | None = None,
    sector: Sector | None = None,
    problem: Problem | None = None,
    state: str | None = None,
    bodies: dict[str, Record] | None = None,
) -> ChecklistResult:
    """``bodies``: the public bodies by id, to say where the checklist's body is reached."""
    checklist = book.get(resolve(book, name))
    if company is not None and company.sector is not None:
        sector = company.sector
    if sector is None and problem is not None and len(problem.sectors) == 1:
        sector = problem.sectors[0]  # an energy-only problem: no telecom items
    company_id = company.id if company else None
    problem_id = problem.id if problem else None
    items = tuple(
        item
        for item in checklist.items
        if item.applies.matches(sector=sector, company=company_id, problem=problem_id)
    )
    body = (bodies or {}).get(checklist.channel)
    where = tuple(c for c in body.channels if c.serves(state)) if body is not None else ()
    return ChecklistResult(checklist, items, company, sector, problem, state, body, where)
