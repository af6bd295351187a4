"""`escalate tree`: the ladder as text or a Mermaid flowchart."""

# No "from __future__ import annotations": typer resolves every command's annotations at
# start-up (see main.py).
import sys
from typing import Literal

import typer

from escalate.cli.common import (
    LANG_HELP,
    Lang,
    SectorName,
    _catalog,
    _lang,
)
from escalate.i18n import _


def tree(
    sector: SectorName = typer.Option(
        "energy", "--sector", help=_("energy (ANEEL) or telecom (Anatel).")
    ),
    fmt: Literal["text", "mermaid"] = typer.Option(
        "text", "--format", help=_("text, or mermaid for a flowchart in docs.")
    ),
    lang: Lang | None = typer.Option(None, "--lang", help=LANG_HELP),
) -> None:
    """Show the escalation ladder: the stages, where each leads, the deadlines."""
    from escalate.advice import advisor

    language = _lang(lang)
    catalog = _catalog(language)
    rules = advisor.rules_from(catalog)
    companies = {e.id: e.name for e in catalog.companies() if e.sector == sector}
    from escalate.output.advice import mermaid, tree_lines

    if fmt == "mermaid":
        sys.stdout.write(mermaid(rules.ladder, sector=sector, lang=language, bodies=rules.bodies))
        return
    from escalate.output.terminal import emit

    emit(
        tree_lines(
            rules.ladder,
            sector=sector,
            lang=language,
            bodies=rules.bodies,
            companies=companies,
        )
    )
