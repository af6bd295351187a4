"""What to bring to each channel, and why (data/checklists.yaml)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from escalate.records.cited import Applies
from escalate.records.models import Sector, Text
from escalate.records.value import Validated

if TYPE_CHECKING:  # constrained types, named in annotations; see escalate.records.schema
    from typing import Annotated

    from pydantic import Field

    from escalate.records.schema import Id


class ChecklistItem(Validated, kw_only=True):
    id: Id
    what: Text
    why: Text
    required: bool
    applies: Applies = Applies()


class Checklist(Validated, kw_only=True):
    channel: Id
    aliases: tuple[str, ...] = ()
    title: Text
    sectors: tuple[Sector, ...] = (Sector.ENERGY, Sector.TELECOM)
    intro: Text | None = None
    items: Annotated[tuple[ChecklistItem, ...], Field(min_length=1)]


class Checklists(Validated):
    verified_on: dt.date
    checklists: tuple[Checklist, ...]

    def get(self, channel: str) -> Checklist:
        return next(c for c in self.checklists if c.channel == channel)


# --- integrity checks beyond the schema ------------------------------------------------------


def check_checklists(checklists: Checklists, *, problem_ids: set[str]) -> list[str]:
    problems: list[str] = []
    channels = [c.channel for c in checklists.checklists]
    dup = sorted({c for c in channels if channels.count(c) > 1})
    if dup:
        problems.append(f"duplicate checklist channels: {', '.join(dup)}")
    for checklist in checklists.checklists:
        ids = [i.id for i in checklist.items]
        dup = sorted({i for i in ids if ids.count(i) > 1})
        if dup:
            problems.append(f"checklist {checklist.channel}: duplicate item ids: {', '.join(dup)}")
        for item in checklist.items:
            for problem in item.applies.problems:
                if problem not in problem_ids:
                    problems.append(
                        f"checklist {checklist.channel}: {item.id}: no problem '{problem}'"
                    )
    return problems
