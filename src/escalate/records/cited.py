"""What the rule files share: their models' configuration, a rule with its sources, and where
something applies."""

from __future__ import annotations

from typing import TYPE_CHECKING

from escalate.records.models import Sector, Status
from escalate.records.value import Validated

if TYPE_CHECKING:  # constrained types, named in annotations; see escalate.records.schema
    from typing import Annotated

    from pydantic import Field

    from escalate.records.schema import Id


class Cited(Validated, kw_only=True):
    """A rule with where it comes from."""

    rule: str  # "Decreto 11.034/2022, art. 13" — shown as is in both languages
    sources: Annotated[tuple[Id, ...], Field(min_length=1)]
    status: Status


class Applies(Validated):
    """Where something applies; an empty list means everywhere."""

    sectors: tuple[Sector, ...] = ()
    companies: tuple[Id, ...] = ()
    problems: tuple[Id, ...] = ()
    stages: tuple[Id, ...] = ()  # the stages of the ladder where it is said; () everywhere

    def matches(
        self,
        *,
        sector: Sector | None,
        company: str | None,
        problem: str | None,
        stage: str | None = None,
    ) -> bool:
        """An unknown sector matches every sector (both sets of items are shown); an unknown
        company, problem or stage matches only what is not specific to one."""
        if self.sectors and sector is not None and sector not in self.sectors:
            return False
        if self.companies and company not in self.companies:
            return False
        if self.stages and stage not in self.stages:
            return False
        return not (self.problems and problem not in self.problems)
