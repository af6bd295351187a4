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
    _complete_channels,
    _complete_names,
    _complete_problems,
    _lang,
    _print_json,
)
from escalate.i18n import _
from escalate.output.explain import explained


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
    from escalate import entry

    language = _lang(lang)
    catalog = _catalog(language)
    result = explained(
        lambda: entry.checklist_for(
            catalog=catalog,
            channel=channel,
            company=company,
            sector=sector,
            problem=problem,
            state=state,
        ),
        language,
    )
    from escalate.output import registry
    from escalate.output.checklist import ChecklistView

    view = ChecklistView(result, catalog.rules("checklists").verified_on)
    shown = "json" if as_json else fmt
    out = registry.render("checklist", shown, view, lang=language)
    if shown == "json":
        _print_json(out)
    elif isinstance(out, str):
        sys.stdout.write(out)
    else:
        from escalate.output.terminal import emit

        emit(out)
