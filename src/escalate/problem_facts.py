"""Problems and the facts a good advisor tells about them (data/problems.yaml)."""

# No "from __future__ import annotations": pydantic would eval() every field's string
# annotation when the classes are created, on every run.
import datetime as dt

from pydantic import BaseModel

from escalate.models import Id, Sector, Text
from escalate.rules import CONFIG, Applies, Cited


class Problem(BaseModel):
    model_config = CONFIG
    id: Id
    label: Text
    sectors: tuple[Sector, ...] = (Sector.ENERGY, Sector.TELECOM)


class Fact(Cited):
    """Something a good advisor tells about a problem, with its rule."""

    id: Id
    applies: Applies
    text: Text
    note: Text | None = None
    gather: tuple[Text, ...] = ()  # what to collect because of this fact


class Problems(BaseModel):
    model_config = CONFIG
    verified_on: dt.date
    problems: tuple[Problem, ...]
    facts: tuple[Fact, ...]
