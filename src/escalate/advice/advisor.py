"""The decision engine: where the person stands in, the next action out.

Pure: no I/O, no clock, no environment. Everything it needs arrives as plain values (the
records, the rules, ``today``), so a table of cases tests it. Sentences are returned as
message keys with values (``Say``); the renderer puts them into the person's language.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from escalate.advice import clocks as clockwork
from escalate.advice.deadlines import due_date, holiday_state
from escalate.errors import UsageError
from escalate.records.models import (
    REGULATORS,
    ChannelKind,
    Membership,
    Sector,
    Status,
    Tier,
)
from escalate.records.value import Value

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from escalate.advice.clocks import ClockView
    from escalate.catalog.store import ChecklistBook as ChecklistData
    from escalate.records.checklist_items import Checklist, ChecklistItem
    from escalate.records.ladder import Deadline, Ladder, Step
    from escalate.records.law import Law
    from escalate.records.models import Channel, Record, Text, Unit
    from escalate.records.problem_facts import Fact, Problems

FIRST_LINE_KINDS = (
    ChannelKind.SAC,
    ChannelKind.EMERGENCY,
    ChannelKind.PHONE,
    ChannelKind.WHATSAPP,
    ChannelKind.CHAT,
    ChannelKind.SMS,
)


class Say(Value):
    """A sentence to be said in the person's language: an i18n key and its values."""

    key: str
    values: Mapping[str, Any] = {}
    rule: str | None = None
    sources: tuple[str, ...] = ()
    status: Status = Status.OFFICIAL


class Request(Value):
    stage: str
    today: dt.date
    problem: str | None = None
    company: Record | None = None
    unit: Unit | None = None
    state: str | None = None  # for the holidays of business-day deadlines when there is no unit
    sector: Sector | None = None
    since: dt.date | None = None  # date of the last protocol
    amount: Decimal | None = None
    hazard: bool = False
    has_protocol: bool | None = None  # None: not asked
    since_time: dt.time | None = None  # the hour of the last protocol, for clocks counted in hours
    event: dt.date | None = None  # when the problem happened (the surge, the notice)
    answers: Mapping[str, str] = {}  # circumstances a clock depends on: {"area": "rural"}
    now: dt.datetime | None = None  # local wall time where the person is; None: noon of ``today``

    @property
    def moment(self) -> dt.datetime:
        return self.now if self.now is not None else dt.datetime.combine(self.today, dt.time(12))

    @property
    def report(self) -> clockwork.Report | None:
        return None if self.since is None else clockwork.Report(self.since, self.since_time)

    @property
    def where(self) -> str | None:
        """The person's state: the unit's, the one given, or the company's only state."""
        return holiday_state(self.company, self.unit, self.state)


class Rules:
    """Everything the engine reads besides the request. The problems are loaded on first use:
    most runs name no problem, and their records cost start-up time."""

    def __init__(
        self,
        ladder: Ladder,
        problems: Problems | Callable[[], Problems],
        law: Law,
        checklists: ChecklistData,
        bodies: dict[str, Record],
        emergency: Callable[[], tuple[Reach, ...]] | None = None,
    ) -> None:
        self.ladder = ladder
        self._problems = problems
        self.law = law
        self.checklists = checklists
        self.bodies = bodies
        self._emergency = emergency

    def emergency_lines(self) -> tuple[Reach, ...]:
        """Every emergency line of the catalogue, for a risk to life with no company named."""
        return self._emergency() if self._emergency is not None else ()

    @property
    def problems(self) -> Problems:
        if callable(self._problems):
            self._problems = self._problems()
        return self._problems

    def for_sector(self, sector: Sector | None) -> Rules:
        """The same rules with the ladder's wording for one sector ("Reclame na ANEEL")."""
        ladder = self.ladder.for_sector(sector)
        if ladder is self.ladder:
            return self
        rules = Rules(ladder, self._problems, self.law, self.checklists, self.bodies)
        rules._emergency = self._emergency
        return rules


class Reach(Value):
    """A way to reach someone: a channel with the company, unit or body it belongs to."""

    owner: str  # the company, unit or body the channel belongs to
    channel: Channel
    origin: str = "shipped"  # "user" when the record comes from the person's own data folder

    @property
    def from_user(self) -> bool:
        return self.origin == "user"


class DeadlineView(Value):
    deadline: Deadline | None  # None: unknown
    due: dt.date | None  # the date it falls on, when a start date is known
    passed: bool | None
    unknown: Text | None  # what to do when the deadline is not known


class Option(Value):
    body: Record
    contacts: tuple[Reach, ...]
    condition: Say | None  # e.g. only if the company joined consumidor.gov.br
    deadline: DeadlineView | None
    note: Say | None = None  # e.g. mandatory for energy distributors, with the rule


class Later(Value):
    """A step that comes after this one if it fails."""

    step: Step
    contacts: tuple[Reach, ...]
    alternatives: tuple[Option, ...]
    pressure: tuple[Option, ...]


class Money(Value):
    wage: Decimal
    wage_since: dt.date
    without_lawyer: Decimal
    ceiling: Decimal
    amount: Decimal | None
    verdict: str | None  # "no-lawyer", "lawyer", "justica-comum"
    rule: str
    sources: tuple[str, ...]


class Advice(Value):
    mode: str  # "hazard", "act" or "wait"
    asked_stage: str
    stage: str  # the stage the advice is for (a passed deadline moves it on)
    step: Step | None
    headline: Say
    contacts: tuple[Reach, ...]
    missing: Text | None  # the company has no such channel in the catalogue
    checklist: Checklist | None
    bring: tuple[ChecklistItem, ...]
    deadline: DeadlineView | None
    meanwhile: tuple[Text, ...]
    later: tuple[Later, ...]
    alternatives: tuple[Option, ...]
    pressure: tuple[Option, ...]
    reasons: tuple[Say, ...]
    facts: tuple[Fact, ...]
    money: Money | None
    disclaimer: Text
    sector: Sector | None
    company: Record | None
    clocks: tuple[ClockView, ...]  # the problem's own clocks, in data order
    clock: ClockView | None  # the clock that decided wait or act, when one did
    where_note: Say | None  # e.g. "the Procon of your state or city"


class UnknownStage(UsageError):
    def __init__(self, stage: str, valid: list[str]) -> None:
        super().__init__(f"unknown stage: '{stage[:40]}'", hint="valid stages: " + ", ".join(valid))
        self.stage = stage
        self.valid = valid


class UnknownProblem(UsageError):
    def __init__(self, problem: str, valid: list[str]) -> None:
        super().__init__(
            f"unknown problem: '{problem[:40]}'", hint="valid problems: " + ", ".join(valid)
        )
        self.problem = problem
        self.valid = valid


class UnknownChoice(UsageError):
    def __init__(self, question: str, value: str, valid: list[str]) -> None:
        super().__init__(
            f"--{question}: not a valid answer: '{value[:40]}'",
            hint="valid answers: " + ", ".join(valid),
        )
        self.question = question
        self.value = value
        self.valid = valid


# --- helpers ---------------------------------------------------------------------------------


def _sector(req: Request) -> Sector | None:
    if req.company is not None and req.company.sector is not None:
        return req.company.sector
    return req.sector


def _company_channels(req: Request) -> list[tuple[str, Channel]]:
    return _channels_of(req.company, req.unit)


def _channels_of(company: Record | None, unit: Unit | None) -> list[tuple[str, Channel]]:
    """(owner, channel) of a company and its unit, or of all its units when none is given."""
    if company is None:
        return []
    found = [(company.name, c) for c in company.channels]
    for each in (unit,) if unit else company.units:
        found += [(each.name, c) for c in each.channels]
    return found


def _contacts_for(step: Step, req: Request, rules: Rules) -> tuple[Reach, ...]:
    target = step.target
    origin = req.company.origin if req.company is not None else "shipped"
    if target.company_tier == Tier.FIRST_LINE.value:
        return tuple(
            Reach(owner, c, origin)
            for owner, c in _company_channels(req)
            if c.effective_tier in (Tier.FIRST_LINE, Tier.EMERGENCY) and c.kind in FIRST_LINE_KINDS
        )
    if target.company_tier == Tier.OUVIDORIA.value:
        return tuple(
            Reach(owner, c, origin)
            for owner, c in _company_channels(req)
            if c.effective_tier is Tier.OUVIDORIA and not c.contact.is_empty()
        )
    if target.regulator:
        sector = _sector(req)
        ids = [_regulator(req)] if sector else list(REGULATORS.values())
        return tuple(c for body_id in ids for c in _body_contacts(rules.bodies[body_id], req))
    assert target.body is not None
    return _body_contacts(rules.bodies[target.body], req)


def _body_contacts(body: Record, req: Request) -> tuple[Reach, ...]:
    """A body's channels the person can use: a state's Procon only in that state."""
    state = req.where
    return tuple(Reach(body.name, c, body.origin) for c in body.channels if c.serves(state))


def _local_note(body: Record, req: Request) -> Say | None:
    """For a body of each state (Procon) with no channel of the person's own state known."""
    if not body.local:
        return None
    state = req.where
    if any(state in c.states for c in body.channels):
        return None
    return Say("cond.local_body", {"name": body.name})


def _applies(applies: Any, req: Request, stage: str | None = None) -> bool:
    company_id = req.company.id if req.company else None
    return bool(
        applies.matches(sector=_sector(req), company=company_id, problem=req.problem, stage=stage)
    )


def deadline_for(step: Step, req: Request, rules: Rules, *, start: dt.date | None) -> DeadlineView:
    for deadline_id in step.deadlines:
        deadline = rules.ladder.deadline(deadline_id)
        if _applies(deadline.applies, req):
            due = None
            if start:
                state = holiday_state(req.company, req.unit, req.state)
                due = due_date(start, deadline.days, business=deadline.business_days, state=state)
            passed = (req.today > due) if due else None
            return DeadlineView(deadline, due, passed, None)
    return DeadlineView(None, None, None, step.unknown_deadline)


def _regulator(req: Request) -> str:
    """The regulator the company's record names, else its sector's (ANEEL, Anatel)."""
    if req.company is not None and req.company.regulator:
        return req.company.regulator
    sector = _sector(req)
    assert sector is not None
    return REGULATORS[sector]


def _checklist_id(step: Step, req: Request) -> str | None:
    if step.checklist:
        return step.checklist
    if step.target.regulator:
        return _regulator(req) if _sector(req) else None
    return None


def select_items(checklist: Checklist, req: Request) -> tuple[ChecklistItem, ...]:
    return tuple(item for item in checklist.items if _applies(item.applies, req))


def _option(body_id: str, req: Request, rules: Rules) -> Option | None:
    body = rules.bodies[body_id]
    condition = _local_note(body, req)
    note = next(
        (
            Say("note.text", {"text": n.text}, n.rule, n.sources, n.status)
            for n in rules.ladder.option_notes
            if n.body == body_id and _applies(n.applies, req)
        ),
        None,
    )
    if body_id == "consumidor-gov" and note is None:  # a rule that binds the sector wins
        membership = req.company.consumidor_gov if req.company else Membership.UNKNOWN
        if membership is Membership.NOT_JOINED:
            return None
        if membership is Membership.UNKNOWN:
            condition = Say("cond.consumidor_gov")
    deadline = None
    if any(d.id == body_id for d in rules.ladder.deadlines):
        found = rules.ladder.deadline(body_id)
        deadline = DeadlineView(found, None, None, None)
    return Option(body, _body_contacts(body, req), condition, deadline, note)


def _options(ids: tuple[str, ...], req: Request, rules: Rules) -> tuple[Option, ...]:
    return tuple(o for o in (_option(i, req, rules) for i in ids) if o is not None)


def _later(step: Step, req: Request, rules: Rules) -> tuple[Later, ...]:
    """The steps that follow if this one fails, to the end of the ladder."""
    chain: list[Later] = []
    seen = {step.id}
    current = step
    while current.failed_stage:
        stage = rules.ladder.stage(current.failed_stage)
        if stage.do is None or stage.do in seen:
            break
        current = rules.ladder.step(stage.do)
        seen.add(current.id)
        chain.append(
            Later(
                current,
                _contacts_for(current, req, rules),
                _options(current.alternatives, req, rules),
                _options(current.pressure, req, rules),
            )
        )
    return tuple(chain)


def money(law: Law, *, today: dt.date, amount: Decimal | None) -> Money:
    wage = law.wage_on(today)
    without = wage.value * law.juizado.without_lawyer_wages
    ceiling = wage.value * law.juizado.ceiling_wages
    verdict = None
    if amount is not None:
        if amount > ceiling:
            verdict = "justica-comum"
        elif amount > without:
            verdict = "lawyer"
        else:
            verdict = "no-lawyer"
    return Money(
        wage.value,
        wage.since,
        without,
        ceiling,
        amount,
        verdict,
        law.juizado.rule,
        (*law.juizado.sources, *wage.sources),
    )


def _deadline_say(key: str, deadline: Deadline, **values: Any) -> Say:
    """A sentence about a deadline: who must do what, in how many days, and the rule."""
    from escalate.records.ladder import ANSWER

    return Say(
        key,
        {
            "who": deadline.who,
            "act": deadline.act or ANSWER,
            "days": deadline.days,
            "counted": deadline.counted,
            **values,
        },
        deadline.rule,
        deadline.sources,
        deadline.status,
    )


def _facts(req: Request, rules: Rules, stage: str) -> tuple[Fact, ...]:
    """The facts for the person's problem at this stage; with no problem, only general ones."""
    return tuple(
        f
        for f in rules.problems.facts
        if (req.problem is not None or not f.applies.problems) and _applies(f.applies, req, stage)
    )


def clock_views(req: Request, rules: Rules, *, from_now: bool) -> tuple[ClockView, ...]:
    """The problem's own clocks for this request; ``from_now``: nothing reported yet."""
    if req.problem is None:
        return ()
    return clockwork.views(
        rules.problems,
        applies=lambda clock: _applies(clock.applies, req),
        answers=req.answers,
        report=req.report,
        event=req.event,
        now=req.moment,
        state=req.where,
        from_now=from_now,
    )


# --- the engine ------------------------------------------------------------------------------


def check_request(req: Request, rules: Rules) -> None:
    stages = [s.id for s in rules.ladder.stages]
    if req.stage not in stages:
        raise UnknownStage(req.stage, stages)
    if req.problem is not None:
        problems = [p.id for p in rules.problems.problems]
        if req.problem not in problems:
            raise UnknownProblem(req.problem, problems)
    if req.answers:
        questions = {q.id: [c.id for c in q.choices] for q in rules.problems.questions}
        for question, value in req.answers.items():
            valid = questions.get(question, [])
            if value not in valid:
                raise UnknownChoice(question, value, valid)


def advise(req: Request, rules: Rules) -> Advice:
    check_request(req, rules)
    rules = rules.for_sector(req.sector or (req.company.sector if req.company else None))
    if req.hazard or req.problem == "hazard":
        return _hazard(req, rules)

    ladder = rules.ladder
    stage = ladder.stage(req.stage)
    reasons: list[Say] = []
    views = clock_views(req, rules, from_now=stage.id == ladder.start)
    if stage.wait:
        step = ladder.step(stage.wait)
        clock = clockwork.deciding(views, stage.id)
        if clock is not None:  # the problem's own clock decides, not the step's deadline
            if clock.standing in (clockwork.RUNNING, clockwork.UNKNOWN):
                return _wait(req, rules, step, None, views, clock)
            at_once = clock.clock.amount == 0
            reasons.append(
                _clock_say("reason.clock_at_once" if at_once else "reason.clock_passed", clock)
            )
            assert step.failed_stage is not None
            stage = ladder.stage(step.failed_stage)
            assert stage.do is not None
            # The body just waited on is not offered again (ANEEL after ANEEL).
            done = tuple(REGULATORS.values()) if step.target.regulator else (step.target.body,)
            return _act(
                req, rules, ladder.step(stage.do), stage.id, reasons, views, clock, done=done
            )
        view = deadline_for(step, req, rules, start=req.since)
        if view.deadline is None or view.due is None or not view.passed:
            return _wait(req, rules, step, view, views, None)
        reasons.append(
            _deadline_say("reason.deadline_passed", view.deadline, since=req.since, due=view.due)
        )
        assert step.failed_stage is not None
        stage = ladder.stage(step.failed_stage)

    assert stage.do is not None
    step = ladder.step(stage.do)
    return _act(req, rules, step, stage.id, reasons, views, None)


def _clock_say(key: str, view: ClockView, **values: Any) -> Say:
    """A sentence about a problem clock: which clock, who must do what, by when, the rule."""
    clock = view.clock
    return Say(
        key,
        {
            "label": clock.label,
            "who": clock.who,
            "act": clock.act,
            "length": clockwork.Length(clock.amount, clock.unit),
            "start": view.start,
            "due": view.due,
            "latest": view.latest,
            **values,
        },
        clock.rule,
        clock.sources,
        clock.status,
    )


def _base(req: Request, rules: Rules, **fields: Any) -> Advice:
    defaults: dict[str, Any] = {
        "asked_stage": req.stage,
        "stage": req.stage,
        "step": None,
        "contacts": (),
        "missing": None,
        "checklist": None,
        "bring": (),
        "deadline": None,
        "meanwhile": (),
        "later": (),
        "alternatives": (),
        "pressure": (),
        "reasons": (),
        "facts": (),
        "money": None,
        "disclaimer": rules.ladder.disclaimer,
        "sector": _sector(req),
        "company": req.company,
        "clocks": (),
        "clock": None,
        "where_note": None,
    }
    defaults.update(fields)
    return Advice(**defaults)


def emergency_contacts(company: Record | None, unit: Unit | None = None) -> tuple[Reach, ...]:
    """The company's emergency lines, else its 24-hour SAC lines."""
    channels = _channels_of(company, unit)
    origin = company.origin if company is not None else "shipped"
    found = [
        Reach(owner, c, origin)
        for owner, c in channels
        if c.kind is ChannelKind.EMERGENCY and c.contact.phone
    ]
    if not found:
        found = [
            Reach(owner, c, origin)
            for owner, c in channels
            if c.kind is ChannelKind.SAC and c.hours == "24/7" and c.contact.phone
        ]
    return tuple(found)


def _hazard(req: Request, rules: Rules) -> Advice:
    """Risk to life: the emergency lines, 193 (and 192 for someone hurt), nothing else.

    With the company known, its emergency lines (else its 24-hour SAC); with none named, every
    emergency line of the catalogue, so that a number is always said."""
    every_line = req.company is None or req.company.sector is not Sector.ENERGY
    # No company, or a telecom one: every power distributor's line.
    emergency = rules.emergency_lines() if every_line else emergency_contacts(req.company, req.unit)
    facts = tuple(f for f in rules.problems.facts if "hazard" in f.applies.problems)
    key = "hazard.headline" if req.company is not None and not every_line else "hazard.headline.any"
    return _base(
        req,
        rules,
        mode="hazard",
        headline=Say(key, {}, None, ("safety-advice",), Status.REPORTED),
        contacts=tuple(emergency),
        facts=facts,
        reasons=(Say("hazard.reason", {}, None, ("safety-advice",), Status.REPORTED),),
    )


def _wait(
    req: Request,
    rules: Rules,
    step: Step,
    view: DeadlineView | None,
    views: tuple[ClockView, ...],
    clock: ClockView | None,
) -> Advice:
    assert step.failed_stage is not None
    failed = rules.ladder.stage(step.failed_stage)
    assert failed.do is not None
    next_step = rules.ladder.step(failed.do)
    reasons: list[Say] = []
    if clock is not None:
        if clock.standing == clockwork.UNKNOWN:
            headline = _clock_say("wait.clock_no_date", clock)
            reasons.append(_clock_say("reason.clock_rule", clock))
        elif clock.latest is not None:
            headline = _clock_say("wait.clock_range", clock)
            reasons.append(_clock_say("reason.clock_running", clock))
            reasons.append(Say("reason.clock_hour"))
        else:
            headline = _clock_say("wait.clock", clock)
            reasons.append(_clock_say("reason.clock_running", clock))
    elif view is not None and view.deadline is not None and view.due is not None:
        headline = Say("wait.until", {"due": view.due})
        reasons.append(
            _deadline_say("reason.deadline_running", view.deadline, since=req.since, due=view.due)
        )
    elif view is not None and view.deadline is not None:
        headline = Say("wait.no_date", _deadline_say("", view.deadline).values)
        reasons.append(_deadline_say("reason.deadline_rule", view.deadline))
    else:
        headline = Say("wait.unknown")
    later = (
        Later(
            next_step,
            _contacts_for(next_step, req, rules),
            _options(next_step.alternatives, req, rules),
            _options(next_step.pressure, req, rules),
        ),
        *_later(next_step, req, rules),
    )
    contacts = _contacts_for(step, req, rules)
    return _base(
        req,
        rules,
        mode="wait",
        step=step,
        headline=headline,
        contacts=contacts,
        missing=step.if_missing if not contacts else None,
        deadline=view if clock is None else None,
        meanwhile=step.meanwhile,
        later=later,
        reasons=tuple(reasons),
        facts=_facts(req, rules, req.stage),
        money=money(rules.law, today=req.today, amount=req.amount),
        clocks=views,
        clock=clock,
    )


def _act(
    req: Request,
    rules: Rules,
    step: Step,
    stage_id: str,
    reasons: list[Say],
    views: tuple[ClockView, ...],
    clock: ClockView | None,
    *,
    done: tuple[str | None, ...] = (),
) -> Advice:
    ladder = rules.ladder
    # No protocol from the step before: get one first, the next channel will ask for it. Not
    # when a problem clock has passed: then the next channel is owed an answer at once.
    if step.needs_protocol_from and req.has_protocol is False and clock is None:
        earlier = ladder.step(step.needs_protocol_from)
        reasons.append(
            Say(
                "reason.protocol_first",
                {},
                ladder.protocol_right.rule,
                ladder.protocol_right.sources,
                ladder.protocol_right.status,
            )
        )
        contacts = _contacts_for(earlier, req, rules)
        return _base(
            req,
            rules,
            mode="act",
            stage=stage_id,
            step=earlier,
            headline=Say("act.protocol_first", {"then": step.title}),
            contacts=contacts,
            missing=earlier.if_missing if not contacts else None,
            later=(Later(step, _contacts_for(step, req, rules), (), ()),),
            reasons=tuple(reasons),
            facts=_facts(req, rules, stage_id),
            money=money(rules.law, today=req.today, amount=req.amount),
            clocks=views,
        )

    contacts = _contacts_for(step, req, rules)
    checklist_id = _checklist_id(step, req)
    checklist = rules.checklists.get(checklist_id) if checklist_id else None
    bring = select_items(checklist, req) if checklist else ()
    start = req.today  # deadlines of a step taken now run from today's registration
    view = (
        deadline_for(step, req, rules, start=start)
        if step.deadlines or step.unknown_deadline
        else None
    )
    cash = money(rules.law, today=req.today, amount=req.amount)
    headline = Say("act.title", {"title": step.title})
    alternatives = _options(step.alternatives, req, rules)
    if clock is not None:
        key = "act.clock_passed"
        if clock.standing == clockwork.MAYBE:
            key = "act.clock_maybe"
        elif clock.clock.amount == 0:
            key = "act.clock_at_once"
        headline = _clock_say(key, clock, title=step.title)
        first = [i for i in clock.clock.passed_options if i != step.target.body and i not in done]
        if step.target.regulator:  # the regulator is this step already
            first = [i for i in first if i not in REGULATORS.values()]
        named = _options(tuple(first), req, rules)
        alternatives = (*named, *(o for o in alternatives if o.body.id not in first))
    if step.target.body == "juizado" and cash.verdict == "lawyer":
        headline = Say("act.juizado_lawyer", {"without": cash.without_lawyer})
    if step.target.body == "juizado" and cash.verdict == "justica-comum":
        # Lei 9.099, art. 3, §3: the Juizado still takes it if the person gives up the excess.
        headline = Say(
            "act.juizado_waiver",
            {"ceiling": cash.ceiling, "amount": cash.amount},
            cash.rule,
            cash.sources,
            Status.OFFICIAL,
        )
        justica = _option("justica-comum", req, rules)
        alternatives = (*((justica,) if justica else ()), *alternatives)
    if step.needs_protocol_from and req.has_protocol is None:
        reasons.append(Say("reason.keep_protocols"))
    if view is not None and view.deadline is not None:
        reasons.append(_deadline_say("reason.deadline_rule", view.deadline))
    where_note = None
    if step.target.body is not None:
        where_note = _local_note(rules.bodies[step.target.body], req)
    return _base(
        req,
        rules,
        mode="act",
        stage=stage_id,
        step=step,
        headline=headline,
        contacts=contacts,
        missing=step.if_missing if not contacts else None,
        checklist=checklist,
        bring=bring,
        deadline=view,
        later=_later(step, req, rules),
        alternatives=alternatives,
        pressure=_options(step.pressure, req, rules),
        reasons=tuple(reasons),
        facts=_facts(req, rules, stage_id),
        money=cash,
        clocks=views,
        clock=clock,
        where_note=where_note,
    )


def rules_from(catalog: Any) -> Rules:
    """The rules from a loaded catalogue, checked across files (references, reachability)."""
    from escalate.errors import DataError
    from escalate.records.ladder import check_ladder

    ladder = catalog.rules("ladder")
    checklists = catalog.rules("checklists")  # problems and checklists are checked when cached
    bodies = {entry.id: catalog.record(entry.id) for entry in catalog.bodies()}
    found = check_ladder(ladder, body_ids=set(bodies), checklist_ids=set(checklists.channels))
    if found:
        raise DataError("data/ladder.yaml", "; ".join(found[:3]))

    def emergency() -> tuple[Reach, ...]:
        lines: list[Reach] = []
        for entry in catalog.companies():
            record = catalog.record(entry.id)
            if record.sector is Sector.ENERGY:
                lines += emergency_contacts(record)
        return tuple(lines)

    return Rules(
        ladder,
        lambda: catalog.rules("problems"),
        catalog.rules("law"),
        checklists,
        bodies,
        emergency,
    )
