"""The records of the escalation rules: the ladder, deadlines, problems, law and checklists.

Data, not code: ``data/ladder.yaml``, ``data/problems.yaml``, ``data/law.yaml`` and
``data/checklists.yaml``. Each is validated here (``extra="forbid"``); ``check_*`` functions
verify what a schema cannot: every reference resolves, every stage is reachable, no cycles.
"""

# No "from __future__ import annotations": pydantic would eval() every field's string
# annotation when the classes are created, on every run.
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from escalate.records.models import Id, Sector, Status
from escalate.records.value import Plain

if TYPE_CHECKING:
    from escalate.records.checklist_items import Checklists
    from escalate.records.ladder import Ladder
    from escalate.records.law import Law
    from escalate.records.problem_facts import Problems

CONFIG = ConfigDict(frozen=True, extra="forbid", defer_build=True, str_strip_whitespace=True)


class Cited(BaseModel):
    """A rule with where it comes from."""

    model_config = CONFIG
    rule: str  # "Decreto 11.034/2022, art. 13" — shown as is in both languages
    sources: tuple[Id, ...] = Field(min_length=1)
    status: Status


class Applies(Plain):
    """Where something applies; an empty list means everywhere."""

    __slots__ = ("sectors", "companies", "problems", "stages")
    _defaults: ClassVar[dict[str, Any]] = {
        "sectors": (),
        "companies": (),
        "problems": (),
        "stages": (),
    }
    sectors: "tuple[Sector, ...]"
    companies: "tuple[Id, ...]"
    problems: "tuple[Id, ...]"
    stages: "tuple[Id, ...]"  # the stages of the ladder where it is said; () everywhere

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


_HOMES = {
    "Deadline": "ladder",
    "Target": "ladder",
    "Step": "ladder",
    "Stage": "ladder",
    "Ladder": "ladder",
    "Problem": "problem_facts",
    "Fact": "problem_facts",
    "Problems": "problem_facts",
    "Wage": "law",
    "SmallClaims": "law",
    "Law": "law",
    "ChecklistItem": "checklist_items",
    "Checklist": "checklist_items",
    "Checklists": "checklist_items",
}


def __getattr__(name: str) -> Any:
    """The rule records live in one module per data file, imported only when used: a command
    that reads no checklist never pays for creating the checklist classes."""
    if name in _HOMES:
        import importlib

        return getattr(importlib.import_module(f"escalate.records.{_HOMES[name]}"), name)
    raise AttributeError(name)


# --- integrity checks beyond the schema ------------------------------------------------------


def check_ladder(ladder: "Ladder", *, body_ids: set[str], checklist_ids: set[str]) -> list[str]:
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
        for other in ladder.steps:
            shared = set(step.channels) & set(other.channels)
            if other.id != step.id and shared and step.id < other.id:
                problems.append(
                    f"steps {step.id} and {other.id} both claim channel(s) {sorted(shared)}"
                )
        for channel in step.channels:
            if channel not in checklist_ids:
                problems.append(f"step {step.id}: channels: no checklist channel '{channel}'")
        if step.deadlines == () and step.unknown_deadline is None and step.failed_stage:
            problems.append(f"step {step.id}: no deadline and no 'unknown_deadline' text")
    for deadline in ladder.deadlines:
        for channel in deadline.contacts:
            if channel not in checklist_ids:
                problems.append(f"deadline {deadline.id}: contacts: no channel '{channel}'")
    for note in ladder.option_notes:
        if note.body not in body_ids:
            problems.append(f"option_notes: no public body '{note.body}' in the catalogue")
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


def check_checklists(checklists: "Checklists", *, problem_ids: set[str]) -> list[str]:
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


def check_problems(
    problems_data: "Problems",
    *,
    stage_ids: set[str] | None = None,
    body_ids: set[str] | None = None,
) -> list[str]:
    """Every problem, question and stage a fact or clock names exists; every clock names a
    problem; the circumstances a clock depends on are questions with that choice."""
    found: list[str] = []
    ids = {p.id for p in problems_data.problems}
    questions = {q.id: {c.id for c in q.choices} for q in problems_data.questions}
    for kind, items in (("fact", problems_data.facts), ("clock", problems_data.clocks)):
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
        for question, choice in clock.when.items():
            if question not in questions:
                found.append(f"clock {clock.id}: when: no question '{question}'")
            elif choice not in questions[question]:
                found.append(f"clock {clock.id}: when: question '{question}' has no '{choice}'")
        for stage in clock.decides:
            if stage_ids is not None and stage not in stage_ids:
                found.append(f"clock {clock.id}: decides: no stage '{stage}'")
        for body in clock.passed_options:
            if body_ids is not None and body not in body_ids:
                found.append(f"clock {clock.id}: passed_options: no public body '{body}'")
    for kind, all_ids in (
        ("fact", [f.id for f in problems_data.facts]),
        ("clock", [c.id for c in problems_data.clocks]),
        ("question", list(questions)),
    ):
        dup = sorted({i for i in all_ids if all_ids.count(i) > 1})
        if dup:
            found.append(f"duplicate {kind} ids: {', '.join(dup)}")
    return found


def cited_sources(ladder: "Ladder", problems: "Problems", law: "Law") -> set[str]:
    """Every source id the rule files cite."""
    found: set[str] = set(ladder.protocol_right.sources)
    for deadline in ladder.deadlines:
        found.update(deadline.sources)
    for note in ladder.option_notes:
        found.update(note.sources)
    for fact in problems.facts:
        found.update(fact.sources)
    for clock in problems.clocks:
        found.update(clock.sources)
    for wage in law.minimum_wage:
        found.update(wage.sources)
    found.update(law.juizado.sources)
    return found
