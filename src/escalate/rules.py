"""The records of the escalation rules: the ladder, deadlines, problems, law and checklists.

Data, not code: ``data/ladder.yaml``, ``data/problems.yaml``, ``data/law.yaml`` and
``data/checklists.yaml``. Each is validated here (``extra="forbid"``); ``check_*`` functions
verify what a schema cannot: every reference resolves, every stage is reachable, no cycles.
"""

# No "from __future__ import annotations": pydantic would eval() every field's string
# annotation when the classes are created, on every run.
import datetime as dt
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from escalate.models import Id, Sector, Status, Text

_CONFIG = ConfigDict(frozen=True, extra="forbid", defer_build=True, str_strip_whitespace=True)


class Cited(BaseModel):
    """A rule with where it comes from."""

    model_config = _CONFIG
    rule: str  # "Decreto 11.034/2022, art. 13" — shown as is in both languages
    sources: tuple[Id, ...] = Field(min_length=1)
    status: Status


class Applies(BaseModel):
    """Where something applies; an empty list means everywhere."""

    model_config = _CONFIG
    sectors: tuple[Sector, ...] = ()
    companies: tuple[Id, ...] = ()
    problems: tuple[Id, ...] = ()

    def matches(self, *, sector: Sector | None, company: str | None, problem: str | None) -> bool:
        """An unknown sector matches every sector (both sets of items are shown); an unknown
        company or problem matches only what is not specific to one."""
        if self.sectors and sector is not None and sector not in self.sectors:
            return False
        if self.companies and company not in self.companies:
            return False
        return not (self.problems and problem not in self.problems)


class Deadline(Cited):
    id: Id
    who: Text  # who must answer: "the SAC", "the operator"
    days: int = Field(gt=0, le=366)
    counted: Text  # how the days are counted, in words
    applies: Applies = Field(default_factory=Applies)
    after: Text | None = None  # what the person may do once it has passed or been answered


class Target(BaseModel):
    """Where a step sends the person: the company's channels of a tier, its regulator, a body."""

    model_config = _CONFIG
    company_tier: Annotated[str, StringConstraints(pattern=r"^(first-line|ouvidoria)$")] | None = (
        None
    )
    regulator: bool = False
    body: Id | None = None

    @model_validator(mode="after")
    def _one(self) -> "Target":
        given = [self.company_tier is not None, self.regulator, self.body is not None]
        if sum(given) != 1:
            raise ValueError("a target is exactly one of company_tier, regulator or body")
        return self


class Step(BaseModel):
    """One rung of the ladder."""

    model_config = _CONFIG
    id: Id
    target: Target
    checklist: Id | None = None  # checklist channel; None: the regulator's id by sector
    title: Text  # the next action, imperative
    what_happens: Text
    if_missing: Text | None = None  # when the company has no such channel in the catalogue
    deadlines: tuple[Id, ...] = ()  # the first that applies; none: the deadline is unknown
    unknown_deadline: Text | None = None
    needs_protocol_from: Id | None = None  # the earlier step whose protocol this one asks for
    alternatives: tuple[Id, ...] = ()  # bodies that may be used instead
    pressure: tuple[Id, ...] = ()  # bodies for public pressure, no legal force
    open_stage: Id | None = None
    failed_stage: Id | None = None
    meanwhile: tuple[Text, ...] = ()  # what to do while waiting on this step


class Stage(BaseModel):
    model_config = _CONFIG
    id: Id
    summary: Text
    do: Id | None = None  # the step to take now
    wait: Id | None = None  # the step being waited on

    @model_validator(mode="after")
    def _one(self) -> "Stage":
        if (self.do is None) == (self.wait is None):
            raise ValueError("a stage either does a step ('do') or waits on one ('wait')")
        return self


class Ladder(BaseModel):
    model_config = _CONFIG
    verified_on: dt.date
    start: Id
    stages: tuple[Stage, ...]
    steps: tuple[Step, ...]
    deadlines: tuple[Deadline, ...]
    protocol_right: Cited  # the right to a protocol number
    disclaimer: Text

    def stage(self, stage_id: str) -> Stage:
        return next(s for s in self.stages if s.id == stage_id)

    def step(self, step_id: str) -> Step:
        return next(s for s in self.steps if s.id == step_id)

    def deadline(self, deadline_id: str) -> Deadline:
        return next(d for d in self.deadlines if d.id == deadline_id)


class Problem(BaseModel):
    model_config = _CONFIG
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
    model_config = _CONFIG
    verified_on: dt.date
    problems: tuple[Problem, ...]
    facts: tuple[Fact, ...]


class Wage(BaseModel):
    model_config = _CONFIG
    since: dt.date
    value: Decimal = Field(gt=0)
    sources: tuple[Id, ...] = Field(min_length=1)


class SmallClaims(Cited):
    without_lawyer_wages: int = Field(gt=0)
    ceiling_wages: int = Field(gt=0)


class Law(BaseModel):
    model_config = _CONFIG
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


class ChecklistItem(BaseModel):
    model_config = _CONFIG
    id: Id
    what: Text
    why: Text
    required: bool
    applies: Applies = Field(default_factory=Applies)


class Checklist(BaseModel):
    model_config = _CONFIG
    channel: Id
    aliases: tuple[str, ...] = ()
    title: Text
    sectors: tuple[Sector, ...] = (Sector.ENERGY, Sector.TELECOM)
    intro: Text | None = None
    items: tuple[ChecklistItem, ...] = Field(min_length=1)


class Checklists(BaseModel):
    model_config = _CONFIG
    verified_on: dt.date
    checklists: tuple[Checklist, ...]

    def get(self, channel: str) -> Checklist:
        return next(c for c in self.checklists if c.channel == channel)


# --- integrity checks beyond the schema ------------------------------------------------------


def check_ladder(ladder: Ladder, *, body_ids: set[str], checklist_ids: set[str]) -> list[str]:
    """Every reference resolves, every stage is reachable from the start, no cycles."""
    problems: list[str] = []
    stages = {s.id: s for s in ladder.stages}
    steps = {s.id: s for s in ladder.steps}
    deadlines = {d.id for d in ladder.deadlines}
    for name, ids in (("stage", [s.id for s in ladder.stages]), ("step", list(steps))):
        dup = sorted({i for i in ids if ids.count(i) > 1})
        if dup:
            problems.append(f"duplicate {name} ids: {', '.join(dup)}")
    if ladder.start not in stages:
        problems.append(f"start: no stage '{ladder.start}'")
    for stage in ladder.stages:
        ref = stage.do or stage.wait
        if ref not in steps:
            problems.append(f"stage {stage.id}: no step '{ref}'")
    for step in ladder.steps:
        for field, ref in (("open_stage", step.open_stage), ("failed_stage", step.failed_stage)):
            if ref is not None and ref not in stages:
                problems.append(f"step {step.id}: {field}: no stage '{ref}'")
        if step.needs_protocol_from is not None and step.needs_protocol_from not in steps:
            problems.append(
                f"step {step.id}: needs_protocol_from: no step '{step.needs_protocol_from}'"
            )
        for ref in step.deadlines:
            if ref not in deadlines:
                problems.append(f"step {step.id}: no deadline '{ref}'")
        for ref in (*step.alternatives, *step.pressure):
            if ref not in body_ids:
                problems.append(f"step {step.id}: no public body '{ref}' in the catalogue")
        if step.target.body is not None and step.target.body not in body_ids:
            problems.append(f"step {step.id}: target: no public body '{step.target.body}'")
        if step.checklist is not None and step.checklist not in checklist_ids:
            problems.append(f"step {step.id}: no checklist '{step.checklist}'")
        if step.target.regulator:
            for regulator in ("aneel", "anatel"):
                if regulator not in body_ids:
                    problems.append(
                        f"step {step.id}: regulator '{regulator}' is not in the catalogue"
                    )
        if step.deadlines == () and step.unknown_deadline is None and step.failed_stage:
            problems.append(f"step {step.id}: no deadline and no 'unknown_deadline' text")
    if problems:
        return problems

    # Reachability and cycles over stage → step → next stage.
    def successors(stage_id: str) -> list[str]:
        stage = stages[stage_id]
        step = steps[stage.do or stage.wait or ""]
        nxt = [step.failed_stage] if stage.wait else [step.open_stage, step.failed_stage]
        return [n for n in nxt if n and n != stage_id]

    seen: set[str] = set()
    order: list[str] = [ladder.start]
    while order:
        current = order.pop()
        if current in seen:
            continue
        seen.add(current)
        order.extend(successors(current))
    for stage_id in stages:
        if stage_id not in seen:
            problems.append(f"stage {stage_id} cannot be reached from '{ladder.start}'")

    state: dict[str, int] = {}

    def visit(stage_id: str, path: list[str]) -> None:
        state[stage_id] = 1
        for nxt in successors(stage_id):
            if state.get(nxt) == 1:
                problems.append("cycle: " + " → ".join([*path, stage_id, nxt]))
            elif nxt not in state:
                visit(nxt, [*path, stage_id])
        state[stage_id] = 2

    visit(ladder.start, [])
    return problems


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


def check_problems(problems_data: Problems) -> list[str]:
    found: list[str] = []
    ids = {p.id for p in problems_data.problems}
    for fact in problems_data.facts:
        for problem in fact.applies.problems:
            if problem not in ids:
                found.append(f"fact {fact.id}: no problem '{problem}'")
    return found


def cited_sources(ladder: Ladder, problems: Problems, law: Law) -> set[str]:
    """Every source id the rule files cite."""
    found: set[str] = set(ladder.protocol_right.sources)
    for deadline in ladder.deadlines:
        found.update(deadline.sources)
    for fact in problems.facts:
        found.update(fact.sources)
    for wage in law.minimum_wage:
        found.update(wage.sources)
    found.update(law.juizado.sources)
    return found
