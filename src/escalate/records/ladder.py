"""The escalation ladder's records: stages, steps, deadlines (data/ladder.yaml)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from escalate.records.cited import Applies, Cited
from escalate.records.models import Sector, Text, normalize
from escalate.records.value import Validated

if TYPE_CHECKING:  # constrained types, named in annotations; see escalate.records.schema
    from typing import Annotated

    from pydantic import Field, StringConstraints

    from escalate.records.schema import Id


class Deadline(Cited, kw_only=True):
    id: Id
    who: Text  # who must answer: "the SAC", "the operator"
    days: Annotated[int, Field(gt=0, le=366)]
    business_days: bool = False  # weekends and holidays of the company's state not counted
    counted: Text  # how the days are counted, in words
    act: Text | None = None  # what ``who`` must do by then; None: answer
    contacts: tuple[Id, ...] = ()  # the journal's channels whose contact starts it
    beside: bool = False  # shown beside a contact's official answer deadline, never deciding
    applies: Applies = Applies()
    after: Text | None = None  # what the person may do once it has passed or been answered


ANSWER = Text(pt="responder", en="answer")  # what a deadline asks for unless it says


class Target(Validated, kw_only=True):
    """Where a step sends the person: the company's channels of a tier, its regulator, a body."""

    company_tier: Annotated[str, StringConstraints(pattern=r"^(first-line|ouvidoria)$")] | None = (
        None
    )
    regulator: bool = False
    body: Id | None = None

    def _check(self) -> None:
        given = [self.company_tier is not None, self.regulator, self.body is not None]
        if sum(given) != 1:
            raise ValueError("a target is exactly one of company_tier, regulator or body")


class Step(Validated, kw_only=True):
    """One rung of the ladder."""

    id: Id
    target: Target
    channels: tuple[Id, ...] = ()  # the journal's channels whose contacts are this step
    checklist: Id | None = None  # checklist channel; None: the regulator's id by sector
    title: Text  # the next action, imperative
    # The title for one sector, where it can name the body ("Reclame na ANEEL"): for_sector.
    sector_titles: dict[Sector, Text] = {}  # noqa: RUF012 (never changed: records are read-only)
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


class Stage(Validated, kw_only=True):
    id: Id
    summary: Text
    aliases: tuple[str, ...] = ()  # what people type ("sac-falhou"), matched like an id
    do: Id | None = None  # the step to take now
    wait: Id | None = None  # the step being waited on

    def _check(self) -> None:
        if (self.do is None) == (self.wait is None):
            raise ValueError("a stage either does a step ('do') or waits on one ('wait')")


class OptionNote(Cited, kw_only=True):
    """A rule about a public body offered as an option, where it applies: consumidor.gov.br is
    mandatory for energy distributors. It replaces the "only if the company joined" caveat."""

    body: Id
    applies: Applies = Applies()
    text: Text


class Ladder(Validated, kw_only=True):
    verified_on: dt.date
    start: Id
    stages: tuple[Stage, ...]
    steps: tuple[Step, ...]
    deadlines: tuple[Deadline, ...]
    protocol_right: Cited  # the right to a protocol number
    disclaimer: Text
    option_notes: tuple[OptionNote, ...] = ()

    def for_sector(self, sector: Sector | None) -> Ladder:
        """This ladder with each step's title for ``sector`` where the data gives one."""
        if sector is None or not any(sector in s.sector_titles for s in self.steps):
            return self
        steps = tuple(
            s.replace(title=s.sector_titles[sector]) if sector in s.sector_titles else s
            for s in self.steps
        )
        return self.replace(steps=steps)

    def stage(self, stage_id: str) -> Stage:
        return next(s for s in self.stages if s.id == stage_id)

    def stage_named(self, name: str) -> Stage | None:
        """The stage an id or alias means ('sac-falhou', 'Ouvidoria aberta'), or None."""
        key = normalize(name)
        found = next((s for s in self.stages if s.id == key), None)  # an id: no alias folded
        if found is None:
            found = next((s for s in self.stages if key in map(normalize, s.aliases)), None)
        return found

    def step(self, step_id: str) -> Step:
        return next(s for s in self.steps if s.id == step_id)

    def deadline(self, deadline_id: str) -> Deadline:
        return next(d for d in self.deadlines if d.id == deadline_id)

    # --- a case's place on the ladder, from the data alone ----------------------------------

    def step_of_channel(self, channel: str) -> Step | None:
        """The step a contact on this journal channel belongs to (None: not a rung, e.g.
        Reclame Aqui, public pressure only)."""
        return next((s for s in self.steps if channel in s.channels), None)

    def deadlines_of_channel(self, channel: str) -> tuple[Deadline, ...]:
        """The deadlines a contact on this channel may start: its official answer deadline
        candidates first, in file order, then those shown beside it."""
        started = [d for d in self.deadlines if channel in d.contacts]
        return tuple(d for d in started if not d.beside) + tuple(d for d in started if d.beside)

    def case_stages(self, step: Step) -> tuple[str, str]:
        """(the stage of a case waiting on ``step``, the stage once it failed): its own open
        and failed stages, else the stage that acts on it (Procon, the Juizado have no
        waiting stage of their own)."""
        acting = next((s.id for s in self.stages if s.do == step.id), self.start)
        return step.open_stage or acting, step.failed_stage or acting


# --- integrity checks beyond the schema ------------------------------------------------------


def check_names(kind: str, named: list[tuple[str, tuple[str, ...]]]) -> list[str]:
    """Ids and aliases, folded as they are matched (``normalize``), lead to one record each:
    an alias that folds to another record's id or alias, or to nothing, is reported (one
    record may list the same word twice: 'religação' and 'religacao')."""
    found: list[str] = []
    owner: dict[str, str] = {}
    for record_id, aliases in named:
        for name in (record_id, *aliases):
            key = normalize(name)
            if not key:
                found.append(f"{kind} {record_id}: alias '{name}' has no letters or digits")
                continue
            other = owner.setdefault(key, record_id)
            if other != record_id:
                found.append(
                    f"duplicate {kind} alias '{name}': it means both {other} and {record_id}"
                )
    return found


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
    # Names apart: a duplicate alias does not stop the checks of the ladder's shape.
    names = check_names("stage", [(s.id, s.aliases) for s in ladder.stages])
    if problems:
        return problems + names

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
    return problems + names
