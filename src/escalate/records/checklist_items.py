"""What to bring to each channel, and why (data/checklists.yaml)."""

# No "from __future__ import annotations": pydantic would eval() every field's string
# annotation when the classes are created, on every run.
import datetime as dt

from pydantic import BaseModel, Field

from escalate.records.models import Id, Sector, Text
from escalate.records.rules import CONFIG, Applies


class ChecklistItem(BaseModel):
    model_config = CONFIG
    id: Id
    what: Text
    why: Text
    required: bool
    applies: Applies = Field(default_factory=Applies)


class Checklist(BaseModel):
    model_config = CONFIG
    channel: Id
    aliases: tuple[str, ...] = ()
    title: Text
    sectors: tuple[Sector, ...] = (Sector.ENERGY, Sector.TELECOM)
    intro: Text | None = None
    items: tuple[ChecklistItem, ...] = Field(min_length=1)


class Checklists(BaseModel):
    model_config = CONFIG
    verified_on: dt.date
    checklists: tuple[Checklist, ...]

    def get(self, channel: str) -> Checklist:
        return next(c for c in self.checklists if c.channel == channel)
