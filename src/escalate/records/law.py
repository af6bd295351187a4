"""Amounts that change by date: the minimum wage, the Juizado's limits (data/law.yaml)."""

# No "from __future__ import annotations": pydantic would eval() every field's string
# annotation when the classes are created, on every run.
import datetime as dt
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, Field

from escalate.records.cited import CONFIG, Cited
from escalate.records.models import Id
from escalate.records.value import Plain


class Wage(Plain):
    since: "dt.date"
    value: "Annotated[Decimal, Field(gt=0)]"
    sources: "Annotated[tuple[Id, ...], Field(min_length=1)]"


class SmallClaims(Cited):
    without_lawyer_wages: int = Field(gt=0)
    ceiling_wages: int = Field(gt=0)


class Law(BaseModel):
    model_config = CONFIG
    verified_on: dt.date
    minimum_wage: tuple[Wage, ...] = Field(min_length=1)
    juizado: SmallClaims

    def wage_on(self, day: dt.date) -> Wage:
        """The minimum wage in force on ``day`` (the latest known, if ``day`` is later)."""
        known = sorted(self.minimum_wage, key=lambda w: w.since)
        current = known[0]
        for wage in known:
            if wage.since <= day:
                current = wage
        return current
