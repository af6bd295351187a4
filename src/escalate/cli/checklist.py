"""`escalate checklist`: what to bring to a channel."""

# No "from __future__ import annotations": typer resolves every command's annotations at
# start-up (see main.py).
import sys
from typing import Literal

import typer

from escalate.cli.common import (
    JSON_HELP,
    LANG_HELP,
    PROBLEM_HELP,
    Lang,
    SectorName,
    _catalog,
    _check_problem_sector,
    _company,
    _complete_channels,
    _complete_names,
    _complete_problems,
    _lang,
    _print_json,
    _problem,
    _sectors_text,
    _serving,
    _state_code,
)
from escalate.errors import EscalateError, UnknownName, UsageError
from escalate.i18n import _


def checklist(
    channel: str = typer.Argument(
        ...,
        help=_(
            "sac, ouvidoria, aneel, anatel, consumidor-gov, procon, reclame-aqui, juizado,"
            " justica-comum (also: jec, pequenas-causas, consumidor.gov.br …)."
        ),
        autocompletion=_complete_channels,
        show_default=False,
    ),
    company: str | None = typer.Option(
        None, "--company", "-c", help=_("Tailor to a company."), autocompletion=_complete_names
    ),
    problem: str | None = typer.Option(
        None, "--problem", "-p", help=PROBLEM_HELP, autocompletion=_complete_problems
    ),
    sector: SectorName | None = typer.Option(
        None, "--sector", help=_("energy or telecom, without a company.")
    ),
    state: str | None = typer.Option(
        None, "--state", "-s", help=_("Your state (SP): where a state's Procon is reached.")
    ),
    fmt: Literal["text", "markdown"] = typer.Option(
        "text", "--format", help=_("text, or markdown with boxes to print.")
    ),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    lang: Lang | None = typer.Option(None, "--lang", help=LANG_HELP),
) -> None:
    """List what to bring to a channel, and why; tailored to a company and a problem."""
    from escalate.advice import checklists as core
    from escalate.i18n import t

    language = _lang(lang)
    catalog = _catalog(language)
    book = catalog.rules("checklists")
    record, unit_id = _company(catalog, company, language) if company is not None else (None, None)
    problems = catalog.rules("problems") if problem else None
    problem_record = _problem(problems, problem, language) if problem else None
    code = None
    if state is not None or unit_id is not None or record is not None:
        unit = None
        if record is not None:
            record, unit = _serving(catalog, record, unit_id, state, language)
        code = _state_code(state, language) if state is not None else None
        from escalate.advice.deadlines import holiday_state

        code = holiday_state(record, unit, code)
    from escalate.records.models import Sector

    try:
        result = core.build(
            book,
            channel,
            company=record,
            sector=Sector(sector) if sector else None,
            problem=problem_record,
            state=code,
            bodies={e.id: catalog.record(e.id) for e in catalog.bodies()},
        )
    except UnknownName as exc:
        from escalate.printable import printable

        shown = printable(channel, 60)
        hint = (
            t(language, "err.did_you_mean", names=", ".join(exc.suggestions))
            if exc.suggestions
            else t(language, "err.channel.hint", channels=", ".join(book.channels))
        )
        raise EscalateError(t(language, "err.channel", name=shown), hint=hint) from None
    if record is not None and record.sector not in result.checklist.sectors:
        raise UsageError(
            t(
                language,
                "err.channel_sector",
                channel=result.checklist.title.get(language),
                sectors=_sectors_text(result.checklist.sectors, language),
                company=record.name,
                sector=t(language, f"sectorname.{record.sector.value}"),
            )
        )
    if record is not None and problem:
        _check_problem_sector(problems, problem, record, language)
    from escalate.output import registry
    from escalate.output.checklist import ChecklistView

    view = ChecklistView(result, book.verified_on)
    shown = "json" if as_json else fmt
    out = registry.render("checklist", shown, view, lang=language)
    if shown == "json":
        _print_json(out)
    elif isinstance(out, str):
        sys.stdout.write(out)
    else:
        from escalate.output.terminal import emit

        emit(out)
