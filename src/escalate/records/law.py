"""Amounts that change by date: the minimum wage, the Juizado's limits (data/law.yaml)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from escalate.records.cited import Cited
from escalate.records.value import Validated

if TYPE_CHECKING:  # constrained types, named in annotations; see escalate.records.schema
    from typing import Annotated

    from pydantic import Field

    from escalate.records.schema import Id


class Wage(Validated):
    since: dt.date
    value: Annotated[Decimal, Field(gt=0)]
    sources: Annotated[tuple[Id, ...], Field(min_length=1)]


class SmallClaims(Cited, kw_only=True):
    without_lawyer_wages: Annotated[int, Field(gt=0)]
    ceiling_wages: Annotated[int, Field(gt=0)]


class Law(Validated):
    verified_on: dt.date
    minimum_wage: Annotated[tuple[Wage, ...], Field(min_length=1)]
    juizado: SmallClaims

    def wage_on(self, day: dt.date) -> Wage:
        """The minimum wage in force on ``day`` (the latest known, if ``day`` is later)."""
        known = sorted(self.minimum_wage, key=lambda w: w.since)
        current = known[0]
        for wage in known:
            if wage.since <= day:
                current = wage
        return current
