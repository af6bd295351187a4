"""`escalate advise`: parse, maybe ask (the interview), call entry.advise_for, render."""

# No "from __future__ import annotations": typer resolves every command's annotations at
# start-up (see main.py).
import datetime as dt
import sys
from typing import Any

import typer

from escalate.cli.common import (
    JSON_HELP,
    LANG_HELP,
    PROBLEM_HELP,
    STAGE_HELP,
    Lang,
    SectorName,
    _catalog,
    _complete_names,
    _complete_problems,
    _complete_stages,
    _journal,
    _lang,
    _local_now,
    _print_json,
    _problem_id,
    _served,
    _stage_id,
    _stored_case,
    _today,
    _tty,
)
from escalate.errors import UnknownName, UsageError
from escalate.i18n import _
from escalate.output.explain import explained


def advise(
    company: str | None = typer.Option(
        None,
        "--company",
        "-c",
        help=_("The company (elektro, claro …)."),
        autocompletion=_complete_names,
    ),
    stage: str | None = typer.Option(
        None, "--stage", help=STAGE_HELP, autocompletion=_complete_stages
    ),
    problem: str | None = typer.Option(
        None, "--problem", "-p", help=PROBLEM_HELP, autocompletion=_complete_problems
    ),
    since: str | None = typer.Option(
        None,
        "--since",
        help=_(
            "Date of your last protocol: DD/MM/YYYY, DD/MM, today, yesterday (hoje, ontem) or"
            ' YYYY-MM-DD, with the hour for deadlines in hours ("ontem 14h30", "27/11 14:30").'
        ),
    ),
    event_date: str | None = typer.Option(
        None,
        "--event-date",
        help=_(
            "When the problem happened (the surge, the disconnection notice): DD/MM/YYYY,"
            " DD/MM, today, yesterday (hoje, ontem) or YYYY-MM-DD."
        ),
    ),
    area: str | None = typer.Option(
        None, "--area", help=_("urban or rural: the reconnection and new-connection deadlines.")
    ),
    cut: str | None = typer.Option(
        None,
        "--cut",
        help=_("normal, urgent or wrongful: how the power was cut and what you asked for."),
    ),
    appliance: str | None = typer.Option(
        None,
        "--appliance",
        help=_("perishable (a fridge or freezer holding food or medicines) or other."),
    ),
    request_channel: str | None = typer.Option(
        None, "--request", help=_("agent or online: how you asked for a cancellation.")
    ),
    amount: str | None = typer.Option(
        None, "--amount", help=_("Amount in dispute in reais (1500,50).")
    ),
    sector: SectorName | None = typer.Option(
        None, "--sector", help=_("energy or telecom, without a company.")
    ),
    state: str | None = typer.Option(
        None, "--state", "-s", help=_("The state, for groups such as Equatorial.")
    ),
    protocol: bool | None = typer.Option(
        None, "--protocol/--no-protocol", help=_("Whether you have the earlier protocol.")
    ),
    case: int | None = typer.Option(
        None,
        "--case",
        help=_("Take company, problem, stage and dates from a case in your journal."),
    ),
    interview: bool = typer.Option(
        False, "--interview", "-i", help=_("Ask the questions even without a terminal.")
    ),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    lang: Lang | None = typer.Option(None, "--lang", help=LANG_HELP),
) -> None:
    """Say where to go next, by when, and what comes after."""
    from escalate import entry
    from escalate.advice import advisor
    from escalate.i18n import t

    language = _lang(lang)
    catalog = _catalog(language)
    rules = advisor.rules_from(catalog)
    today = _today()
    # The words a person types for a stage or a problem, from the data: sac-falhou, religação.
    stage = _stage_id(rules.ladder, stage)
    problem = _problem_id(rules.problems, problem) if problem else None
    found = _stored_case(case) if case is not None else None
    since_date = amount_value = since_time = event_day = None
    if since or amount or event_date:
        from escalate.advice import interview as questions

        if since:
            since_date, since_time = questions.parse_moment(since, today=today, lang=language)
        if event_date is not None:
            event_day = questions.parse_date(event_date, today=today, lang=language)
        amount_value = questions.parse_amount(amount, lang=language) if amount else None
    answers = {
        name: value
        for name, value in (
            ("area", area),
            ("cut", cut),
            ("appliance", appliance),
            ("request", request_channel),
        )
        if value is not None
    }

    asked = None
    if found is None and stage is None and problem != "hazard":  # ask, in a terminal
        if not (interview or (_tty(sys.stdin) and _tty(sys.stdout))):
            raise UsageError(t(language, "err.no_stage"), hint=t(language, "err.no_stage.hint"))
        record = None
        if company is not None:
            named = company
            record = explained(lambda: entry.find_company(catalog, named), language)[0]
        asked = _interview(catalog, rules, language, today, record, sector, problem, state)
        if asked.company and company is None:
            company = asked.company
        sector = sector or asked.sector
        problem = asked.problem
        stage = asked.stage
        since_date = since_date or asked.since
        since_time = since_time or asked.since_time
        event_day = event_day or asked.event
        answers = {**asked.circumstances, **answers}
        state = state or asked.state
        amount_value = amount_value or asked.amount
        protocol = protocol if protocol is not None else asked.has_protocol

    from escalate.cli.lookup import known_company

    advise_for = known_company(entry.advise_for, language)  # unknown: general advice, or a hint
    result = explained(
        lambda: advise_for(
            catalog=catalog,
            rules=rules,
            today=today,
            now_at=_local_now,
            company=company,
            state=state,
            sector=sector,
            stage=stage,
            problem=problem,
            since=since_date,
            since_time=since_time,
            event=event_day,
            amount=amount_value,
            has_protocol=protocol,
            answers=answers or None,
            case=found,
        ),
        language,
        stage=stage,
        problem=problem,
    )
    if result is None:  # the case is solved
        typer.echo(t(language, "case.solved", id=case))
        return
    from escalate.output import registry
    from escalate.output.advice import AdviceView

    view = AdviceView(result, rules)
    if as_json:
        _print_json(registry.render("advice", "json", view, lang=language))
        return
    from escalate.output.terminal import emit

    emit(registry.render("advice", "text", view, lang=language))
    if asked is not None and result.company is not None and not result.request.hazard:
        _offer_case(catalog, rules, language, today, result)


def _offer_case(catalog: Any, rules: Any, language: str, today: dt.date, result: Any) -> None:
    """The interview's last question: open a case with its answers (the end of the input
    means no: the advice is already printed)."""
    from escalate.advice import interview as questions
    from escalate.cases import journal, limits
    from escalate.i18n import t
    from escalate.output.terminal import TerminalAsker
    from escalate.printable import printable

    request, record, unit = result.request, result.company, result.unit
    problems = rules.problems
    name = unit.name if unit else record.name
    problem = next((p for p in problems.problems if p.id == request.problem), None)
    title = f"{problem.label_for(request.sector).get(language)} — {name}" if problem else name
    remedies = [
        (r.id, r.label.get(language))
        for r in problems.remedies_for(request.problem, request.sector)
    ]
    try:
        offer = questions.offer_case(TerminalAsker(), lang=language, title=title, remedies=remedies)
    except EOFError:
        return
    if offer is None:
        return
    conn = _journal()
    case_id = journal.new_case(
        conn,
        company=record.id,
        unit=unit.id if unit else None,
        state=request.state if unit is None else None,
        problem=request.problem,
        title=printable(offer.title)[: limits.TITLE_MAX],
        created=today,
        event_date=request.event,
        want=offer.want,
        story=printable(offer.story)[: limits.STORY_MAX] if offer.story else None,
    )
    typer.echo(t(language, "case.created", id=case_id, company=name))
    # The contact the answers tell of: the step whose waiting or failed stage this is.
    step = next(
        (s for s in rules.ladder.steps if request.stage in (s.open_stage, s.failed_stage)), None
    )
    if request.since is not None and step is not None and step.channels:
        day = request.since.isoformat()
        typer.echo(t(language, "case.offer_log", id=case_id, channel=step.channels[0], date=day))


def _interview(
    catalog: Any,
    rules: Any,
    language: str,
    today: dt.date,
    record: Any,
    sector: str | None,
    problem: str | None,
    state: str | None,
) -> Any:
    """The interview's answers, asked on the terminal."""
    from escalate.advice import interview as questions
    from escalate.advice import lookup as core_lookup
    from escalate.output.terminal import TerminalAsker

    def company(name: str) -> bool:
        return bool(catalog.resolve(name)[0].kind == "company")

    def resolve(name: str) -> Any:
        """A company of the catalogue; else the close names of companies only (never a
        public body), or the public body the name means (ANEEL is not a company)."""
        try:
            found, _unit_id = catalog.resolve(name)
        except UnknownName as exc:
            return questions.CompanyMatch(close=tuple(s for s in exc.suggestions if company(s)))
        if found.kind != "company":
            return questions.CompanyMatch(body=found.name)
        return questions.CompanyMatch(found.id, found.sector)

    try:
        return questions.run(
            TerminalAsker(),
            lang=language,
            today=today,
            ladder=rules.ladder,
            problems=rules.problems,
            resolve_company=resolve,
            company=record.id if record else None,
            sector=sector,
            problem=problem,
            states_of=lambda name: _served(catalog.find(name)[0]),
            companies_in=lambda code: [
                (row.id, row.name, row.sector) for row in core_lookup.companies(catalog, state=code)
            ],
            state=state.strip().upper() if state else None,
        )
    except EOFError:
        from escalate.i18n import t

        raise UsageError(t(language, "err.eof"), hint=t(language, "err.no_stage.hint")) from None
