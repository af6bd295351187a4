"""The escalation ladder's records: stages, steps, deadlines (data/ladder.yaml)."""

# No "from __future__ import annotations": pydantic would eval() every field's string
# annotation when the classes are created, on every run.
import datetime as dt
from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints, model_validator

from escalate.records.models import Id, Text
from escalate.records.rules import CONFIG, Applies, Cited


class Deadline(Cited):
    id: Id
    who: Text  # who must answer: "the SAC", "the operator"
    days: int = Field(gt=0, le=366)
    business_days: bool = False  # weekends and holidays of the company's state not counted
    counted: Text  # how the days are counted, in words
    act: Text | None = None  # what ``who`` must do by then; None: answer
    contacts: tuple[Id, ...] = ()  # the journal's channels whose contact starts it
    beside: bool = False  # shown beside a contact's official answer deadline, never deciding
    applies: Applies = Field(default_factory=Applies)
    after: Text | None = None  # what the person may do once it has passed or been answered


ANSWER = Text(pt="responder", en="answer")  # what a deadline asks for unless it says


class Target(BaseModel):
    """Where a step sends the person: the company's channels of a tier, its regulator, a body."""

    model_config = CONFIG
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

    model_config = CONFIG
    id: Id
    target: Target
    channels: tuple[Id, ...] = ()  # the journal's channels whose contacts are this step
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
    model_config = CONFIG
    id: Id
    summary: Text
    do: Id | None = None  # the step to take now
    wait: Id | None = None  # the step being waited on

    @model_validator(mode="after")
    def _one(self) -> "Stage":
        if (self.do is None) == (self.wait is None):
            raise ValueError("a stage either does a step ('do') or waits on one ('wait')")
        return self


class OptionNote(Cited):
    """A rule about a public body offered as an option, where it applies: consumidor.gov.br is
    mandatory for energy distributors. It replaces the "only if the company joined" caveat."""

    body: Id
    applies: Applies = Field(default_factory=Applies)
    text: Text


class Ladder(BaseModel):
    model_config = CONFIG
    verified_on: dt.date
    start: Id
    stages: tuple[Stage, ...]
    steps: tuple[Step, ...]
    deadlines: tuple[Deadline, ...]
    protocol_right: Cited  # the right to a protocol number
    disclaimer: Text
    option_notes: tuple[OptionNote, ...] = ()

    def stage(self, stage_id: str) -> Stage:
        return next(s for s in self.stages if s.id == stage_id)

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
