"""`advise_for`: the advice for a person's situation or case, as `escalate advise` gives it.

The command line parses the options (and may run the interview), then calls this; a web
form does the same. Errors are typed (the caller says them in the person's language):
``UnknownCompany`` (a name the catalogue lacks, and no sector to advise for),
``NotACompany``, ``BadState``, ``StateNotServed``, ``BadSector``, ``SectorMismatch``,
``ProblemNotForSector``, and the advisor's ``UnknownStage``, ``UnknownProblem`` and
``UnknownChoice``.

A company the catalogue does not know is not an error when the sector is known (given, or
the only sector of the problem): the advice is the sector's general one, as with no company,
and the result says which name was not found (``company_unknown``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from escalate.advice.lookup import BadState
from escalate.errors import EscalateError, UnknownName, UsageError
from escalate.records.value import Value

if TYPE_CHECKING:
    from escalate.advice.advisor import Advice, Request, Rules
    from escalate.cases.casefile import CaseAdvice, Position
    from escalate.cases.journal import Case
    from escalate.catalog.store import Catalog
    from escalate.records.models import Record, Unit
    from escalate.records.problem_facts import Problem, Problems

NowAt = Callable[["Record | None", "Unit | None"], dt.datetime]


class UnknownCompany(UnknownName):
    """A name the catalogue does not have where a company is needed. ``suggestions`` are
    close company names (never a public body); ``needs_sector``: `advise_for` could have
    given the sector's general advice, had it known the sector."""

    def __init__(self, name: str, suggestions: list[str], *, needs_sector: bool = False) -> None:
        from escalate.printable import printable

        super().__init__(
            f"'{printable(name, 60)}' is not in the catalogue", name=name, suggestions=suggestions
        )
        self.needs_sector = needs_sector


class NotACompany(EscalateError):
    """A name that means a public body where a company is needed."""

    def __init__(self, record: Record) -> None:
        super().__init__(f"{record.name} is a public body, not a company")
        self.record = record


class BadSector(UsageError):
    """Neither energy nor telecom."""

    def __init__(self, sector: str) -> None:
        super().__init__(f"unknown sector: {sector[:40]!r}", hint="energy or telecom")
        self.sector = sector


def known_sector(sector: str | None) -> str | None:
    """``sector`` when it is one (energy, telecom), else BadSector."""
    from escalate.records.models import Sector

    if sector is not None and sector not in {s.value for s in Sector}:
        raise BadSector(sector)
    return sector


class SectorMismatch(EscalateError):
    def __init__(self, record: Record, sector: str) -> None:
        super().__init__(f"{record.name} is not a {sector} company")
        self.record = record
        self.sector = sector


class ProblemNotForSector(EscalateError):
    def __init__(self, problem: Problem, record: Record) -> None:
        super().__init__(f"the problem '{problem.id}' is not for {record.name}'s sector")
        self.problem = problem
        self.record = record


def named_problem(catalog: Catalog, name: str) -> Problem:
    """The problem an id or alias means ('religação' → reconnection), or UnknownProblem."""
    from escalate.advice import advisor

    problems: Problems = catalog.rules("problems")
    found = problems.problem_named(name)
    if found is None:
        raise advisor.UnknownProblem(name, [p.id for p in problems.problems])
    return found


def for_sector_of(problem: Problem, record: Record) -> Problem:
    """``problem`` when it is one of the company's sector, else ProblemNotForSector."""
    if record.sector not in problem.sectors:
        raise ProblemNotForSector(problem, record)
    return problem


class AdviceResult(Value):
    """What `advise` shows: the request as understood, the advice, and where it came from."""

    request: Request
    advice: Advice
    company: Record | None
    unit: Unit | None
    position: Position | None  # a case's place on the ladder (advise --case)
    case_id: int | None
    # The company name given that the catalogue does not have (cleaned, at most 200
    # characters): the advice is then the sector's general one, with no company; and the
    # close names of the sector's companies, if any (a typo: clar0 → claro).
    company_unknown: str | None = None
    company_suggestions: tuple[str, ...] = ()

    @property
    def protocols(self) -> tuple[Any, ...]:
        """The case's protocols the next channel will ask for."""
        return self.position.protocols if self.position is not None else ()


def find_company(catalog: Catalog, name: str) -> tuple[Record, str | None]:
    """The company a name means (id, alias, unit or name, any case or accents) and the unit
    id it named, if any. Raises UnknownCompany (with close company names) or NotACompany."""
    try:
        entry, unit_id = catalog.resolve(name)
    except UnknownName as exc:
        raise UnknownCompany(name, exc.suggestions) from None
    record = catalog.record(entry.id)
    if record.kind.value != "company":
        raise NotACompany(record)
    return record, unit_id


def sector_of(rules: Rules, *, sector: str | None = None, problem: str | None = None) -> str | None:
    """The sector a request is about without a company: the one given, else the only sector
    of the problem (damaged-appliance: energy); None when it could be either."""
    if sector:
        return sector
    found = next((p for p in rules.problems.problems if p.id == problem), None)
    if found is not None and len(found.sectors) == 1:
        return str(found.sectors[0].value)
    return None


def state_code(state: str) -> str:
    from escalate.records.models import STATES

    code = state.strip().upper()
    if code not in STATES:
        raise BadState(state)
    return code


def unit_for(record: Record, unit_id: str | None, state: str | None) -> Unit | None:
    """The unit named, else the one serving ``state``; StateNotServed when the company does
    not serve it."""
    from escalate.advice.lookup import StateNotServed

    if unit_id:
        return next(u for u in record.units if u.id == unit_id)
    if not state:
        return None
    code = state_code(state)
    for unit in record.units:
        if unit.state == code:
            return unit
    if record.units or (record.states and code not in record.states):
        raise StateNotServed(record, code)
    return None


def serving(
    catalog: Catalog, record: Record, unit_id: str | None, state: str | None
) -> tuple[Record, Unit | None]:
    """The company and unit for a name and a state: a group's member with its own file when
    it serves a state the group's units do not (Neoenergia in SP: Elektro)."""
    from escalate.advice.lookup import StateNotServed, member_serving, members_states

    if state and not unit_id and record.members:
        member = member_serving(catalog, record, state_code(state))
        if member is not None:
            return member, unit_for(member, None, state)
    try:
        return record, unit_for(record, unit_id, state)
    except StateNotServed as exc:
        if not record.members:
            raise
        raise StateNotServed(record, exc.state, members_states(catalog, record)) from None


def bodies_for(catalog: Catalog, *, sector: str | None, state: str | None) -> list[Record]:
    """The public bodies a person in ``state`` can use for a ``sector`` problem, in ladder
    rank: each with only its channels that serve the state (a state's Procon)."""
    found = []
    for entry in catalog.bodies():
        if sector is not None and entry.applies_to and sector not in entry.applies_to:
            continue
        body = catalog.record(entry.id)
        if body.local and state is not None and not any(c.serves(state) for c in body.channels):
            continue
        found.append(body)
    return found


def advise_for(
    *,
    catalog: Catalog,
    rules: Rules,
    today: dt.date,
    now_at: NowAt,
    company: str | None = None,
    state: str | None = None,
    sector: str | None = None,
    stage: str | None = None,
    problem: str | None = None,
    since: dt.date | None = None,
    since_time: dt.time | None = None,
    event: dt.date | None = None,
    amount: Decimal | None = None,
    has_protocol: bool | None = None,
    answers: Mapping[str, str] | None = None,
    case: Case | None = None,
) -> AdviceResult | None:
    """The advice for what the person said; with ``case``, what the case's journal says,
    each given value taking precedence. None: the case is solved (nothing to advise)."""
    from escalate.advice import advisor
    from escalate.records.models import Sector

    sector = known_sector(sector)
    position = None
    if case is not None:
        view = case_view_of(case, catalog=catalog, rules=rules, today=today, now_at=now_at)
        position = view.position
        if position.solved:
            return None
        given = (company, state, sector, stage, problem, since, since_time, event, amount)
        if view.advice is not None and all(v is None for v in (*given, has_protocol, answers)):
            return case_result(view)
        # Something given changes what the case says: the case only fills the gaps.
        company = company if company is not None else (case.unit or case.company)
        state = state if state is not None else case.state
        problem = problem or case.problem
        stage = stage or position.stage
        if since is None and position.since is not None and stage == position.stage:
            since = position.since
        has_protocol = has_protocol if has_protocol is not None else position.has_protocol

    record = unit = None
    unknown = None
    close: tuple[str, ...] = ()
    if company is not None:
        try:
            record, unit_id = find_company(catalog, company)
        except UnknownCompany as exc:
            # Not in the catalogue: the sector's general advice, when the sector is known;
            # a risk to life is never refused (193 and every emergency line, as with no company).
            sector = sector_of(rules, sector=sector, problem=problem)
            if sector is None and problem != "hazard":
                raise UnknownCompany(exc.name, exc.suggestions, needs_sector=True) from None
            unknown = _typed_name(company)
            close = tuple(
                s for s in exc.suggestions if sector in (None, catalog.resolve(s)[0].sector)
            )
        else:
            record, unit = serving(catalog, record, unit_id, state)
            if sector and record.sector and record.sector.value != sector:
                raise SectorMismatch(record, sector)
    if record is not None and problem:
        found = next((p for p in rules.problems.problems if p.id == problem), None)
        if found is not None:
            for_sector_of(found, record)
    request = advisor.Request(
        stage=stage or rules.ladder.start,
        today=today,
        problem=problem,
        company=record,
        unit=unit,
        state=state_code(state) if state else None,
        sector=Sector(sector) if sector else None,
        since=since,
        amount=amount,
        hazard=problem == "hazard",
        has_protocol=has_protocol,
        since_time=since_time,
        event=event,
        answers=dict(answers or {}),
        now=now_at(record, unit),
    )
    advice = advisor.advise(request, rules)
    return AdviceResult(
        request,
        advice,
        record,
        unit,
        position,
        case.id if case is not None else None,
        company_unknown=unknown,
        company_suggestions=close,
    )


def _typed_name(name: str) -> str:
    """A name as typed, safe to show and to echo in JSON: one line, at most 200 characters."""
    from escalate.printable import printable

    return printable(" ".join(name.split()), 200)


def case_view_of(
    case: Case, *, catalog: Catalog, rules: Rules, today: dt.date, now_at: NowAt
) -> CaseAdvice:
    """Everything said about a case (casefile.case_advice), at its company's wall time."""
    from escalate.cases import casefile

    owner = case_company(catalog, case)
    owner_unit = next((u for u in owner.units if u.id == case.unit), None) if owner else None
    return casefile.case_advice(
        case, company=owner, rules=rules, today=today, now=now_at(owner, owner_unit)
    )


def case_result(view: CaseAdvice) -> AdviceResult | None:
    """The advice the case's own journal gives (``advise --case`` with nothing else given);
    None when it has none (solved, or its company no longer in the catalogue)."""
    if view.advice is None or view.request is None or view.position.solved:
        return None
    return AdviceResult(
        view.request, view.advice, view.company, view.unit, view.position, view.case.id
    )


def case_company(catalog: Catalog, case: Case) -> Record | None:
    """The record of a case's company, or None if the catalogue no longer has it."""
    from escalate.errors import UnknownName

    try:
        return catalog.record(catalog.resolve(case.company)[0].id)
    except UnknownName:
        return None
