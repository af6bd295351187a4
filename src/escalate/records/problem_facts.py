"""Problems, the facts a good advisor tells about them, the clocks that run for them and the
remedies a person may ask for (data/problems.yaml).

A clock is a problem's own deadline (reconnection in 24 h, an appliance claim answered in 15
days …): its length and unit, what starts it, who must do what, and the rule. Clocks can differ
by a circumstance (urban or rural, how a cancellation was asked): those are ``questions``, asked
only when a clock of the person's problem depends on them.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal

from escalate.records.cited import Applies, Cited
from escalate.records.models import Sector, Text, normalize
from escalate.records.value import Validated

if TYPE_CHECKING:  # constrained types, named in annotations; see escalate.records.schema
    from typing import Annotated

    from pydantic import Field

    from escalate.records.schema import Id


class Problem(Validated, kw_only=True):
    id: Id
    label: Text
    # What people type for it ("religação", "sem-luz"), matched like an id: without case,
    # accents, spaces or hyphens (escalate.records.models.normalize).
    aliases: tuple[str, ...] = ()
    sectors: tuple[Sector, ...] = (Sector.ENERGY, Sector.TELECOM)
    # A wording for one sector: "internet down", not "power cut".
    sector_labels: dict[Sector, Text] = {}  # noqa: RUF012 (never changed: records are read-only)

    def label_for(self, sector: Sector | None) -> Text:
        if sector is not None and sector in self.sector_labels:
            return self.sector_labels[sector]
        return self.label


class Fact(Cited, kw_only=True):
    """Something a good advisor tells about a problem, with its rule."""

    id: Id
    applies: Applies
    text: Text
    note: Text | None = None
    gather: tuple[Text, ...] = ()  # what to collect because of this fact


class Choice(Validated):
    id: Id
    label: Text


class Question(Validated, kw_only=True):
    """A circumstance a clock depends on: urban or rural, how the cut happened …"""

    id: Id
    ask: Text | None = None  # None: never asked, worked out from dates (claim within 90 days)
    choices: Annotated[tuple[Choice, ...], Field(min_length=2)]


# What starts a clock:
# - report: the person's report or request to the company (the protocol: --since), any hour;
# - report-business-hours: the same, but a report outside business days 8h-18h starts the clock
#   at 8h of the next business day (REN ANEEL 1.000/2021, art. 362);
# - event: the day the problem happened (--event-date);
# - approval: the company's approval of a claim, a date the person is told later.
Start = Literal["report", "report-business-hours", "event", "approval"]
Unit = Literal["hours", "days", "business-days", "years"]


class Clock(Cited, kw_only=True):
    """A problem's own deadline."""

    id: Id
    group: Id | None = None  # clocks of one group: one deadline's versions by circumstance
    kind: Literal["deadline", "not-before"] = "deadline"  # by when, or not before when
    applies: Applies  # the problems (and sectors) it runs for
    when: dict[Id, Id] = {}  # noqa: RUF012 question id → choice id it is for (read-only)
    label: Text  # "normal reconnection"
    who: Text  # "the distributor", "you"
    act: Text  # "reconnect the power": who must do what by the end
    amount: Annotated[int, Field(ge=0, le=1000)]  # 0: at once
    unit: Unit
    starts: Start
    decides: tuple[Id, ...] = ()  # waiting stages where it, not the step's deadline, decides
    after: Text | None = None  # what to do once it has passed
    passed_options: tuple[Id, ...] = ()  # public bodies to name first once it has passed
    note: Text | None = None


class Remedy(Cited, kw_only=True):
    """What a person may ask the company for, and the rule that gives it."""

    id: Id  # "reconnect", "refund-double" …; twice only for disjoint sectors
    label: Text  # short, for `case new --want` help and lists: "reconnect the power"
    ask: Text  # the request as written in a complaint, first person, one sentence ("Peço …")
    applies: Applies  # the problems (and sectors) it is offered for; applies.problems required
    note: Text | None = None  # a caveat the person must know ("unless the error was justifiable")


class Problems(Validated, kw_only=True):
    verified_on: dt.date
    problems: tuple[Problem, ...]
    facts: tuple[Fact, ...]
    questions: tuple[Question, ...] = ()
    clocks: tuple[Clock, ...] = ()
    remedies: tuple[Remedy, ...] = ()

    def problem_named(self, name: str) -> Problem | None:
        """The problem an id or alias means ('religação', 'Sem luz'), or None."""
        key = normalize(name)
        found = next((p for p in self.problems if p.id == key), None)  # an id: nothing folded
        if found is None:
            found = next((p for p in self.problems if key in map(normalize, p.aliases)), None)
        return found

    def remedies_for(self, problem: str | None, sector: Sector | None) -> tuple[Remedy, ...]:
        """The remedies offered for a problem in a sector, in file order."""
        if problem is None:
            return ()
        return tuple(
            r
            for r in self.remedies
            if problem in r.applies.problems
            and r.applies.matches(sector=sector, company=None, problem=problem)
        )


# --- integrity checks beyond the schema ------------------------------------------------------


def check_problems(
    problems_data: Problems,
    *,
    stage_ids: set[str] | None = None,
    body_ids: set[str] | None = None,
) -> list[str]:
    """Every problem, question and stage a fact, clock or remedy names exists; every clock and
    remedy names a problem; the circumstances a clock depends on are questions with that
    choice; a remedy id used twice is for disjoint sectors."""
    found: list[str] = []
    ids = {p.id for p in problems_data.problems}
    questions = {q.id: {c.id for c in q.choices} for q in problems_data.questions}
    named: tuple[tuple[str, tuple[Fact | Clock | Remedy, ...]], ...] = (
        ("fact", problems_data.facts),
        ("clock", problems_data.clocks),
        ("remedy", problems_data.remedies),
    )
    for kind, items in named:
        for item in items:
            for problem in item.applies.problems:
                if problem not in ids:
                    found.append(f"{kind} {item.id}: no problem '{problem}'")
            for stage in item.applies.stages:
                if stage_ids is not None and stage not in stage_ids:
                    found.append(f"{kind} {item.id}: no stage '{stage}'")
    for question in problems_data.questions:
        choices = [c.id for c in question.choices]
        if len(set(choices)) != len(choices):
            found.append(f"question {question.id}: a choice id is used twice")
    for clock in problems_data.clocks:
        if not clock.applies.problems:
            found.append(f"clock {clock.id}: a clock runs for named problems (applies.problems)")
        if clock.applies.stages:
            found.append(f"clock {clock.id}: applies.stages is for facts; a clock has 'decides'")
        for asked, choice in clock.when.items():
            if asked not in questions:
                found.append(f"clock {clock.id}: when: no question '{asked}'")
            elif choice not in questions[asked]:
                found.append(f"clock {clock.id}: when: question '{asked}' has no '{choice}'")
        for stage in clock.decides:
            if stage_ids is not None and stage not in stage_ids:
                found.append(f"clock {clock.id}: decides: no stage '{stage}'")
        for body in clock.passed_options:
            if body_ids is not None and body not in body_ids:
                found.append(f"clock {clock.id}: passed_options: no public body '{body}'")
    found.extend(_check_remedies(problems_data.remedies))
    from escalate.records.ladder import check_names

    found.extend(check_names("problem", [(p.id, p.aliases) for p in problems_data.problems]))
    for kind, all_ids in (
        ("fact", [f.id for f in problems_data.facts]),
        ("clock", [c.id for c in problems_data.clocks]),
        ("question", list(questions)),
    ):
        dup = sorted({i for i in all_ids if all_ids.count(i) > 1})
        if dup:
            found.append(f"duplicate {kind} ids: {', '.join(dup)}")
    return found


def _check_remedies(remedies: tuple[Remedy, ...]) -> list[str]:
    """A remedy names its problems and is offered at every stage; an id used twice is for
    disjoint sectors (no sectors: every sector)."""
    found: list[str] = []
    every = frozenset(Sector)
    seen: dict[str, list[frozenset[Sector]]] = {}
    for remedy in remedies:
        if not remedy.applies.problems:
            found.append(f"remedy {remedy.id}: a remedy is for named problems (applies.problems)")
        if remedy.applies.stages:
            found.append(f"remedy {remedy.id}: applies.stages is for facts; a remedy has none")
        sectors = frozenset(remedy.applies.sectors) or every
        earlier = seen.setdefault(remedy.id, [])
        if any(sectors & other for other in earlier):
            found.append(
                f"remedy {remedy.id}: the id is used twice for the same sector; "
                "use it again only for another sector"
            )
        earlier.append(sectors)
    return found
