"""`escalate case due`: the deadlines of your open cases that end today or have passed, and
what to do about each. Cheap and quiet enough for a shell start-up file or cron: it only
reads the journal (never creates one) and exits 0 whenever it could read it."""

# No "from __future__ import annotations": typer resolves the command's annotations (main.py).
import typer

from escalate.cli.common import (
    JSON_HELP,
    LANG_HELP,
    Lang,
    _catalog,
    _journal_to_read,
    _lang,
    _print_json,
    _today,
)
from escalate.i18n import _


def case_due(
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    quiet: bool = typer.Option(
        False, "--quiet", "-q", help=_("Print nothing when nothing is due (for cron).")
    ),
    lang: Lang | None = typer.Option(None, "--lang", help=LANG_HELP),
) -> None:
    """List the deadlines of your open cases that end today or have passed, and what to do."""
    from escalate.cases import journal
    from escalate.cases.reminders import due
    from escalate.output import registry
    from escalate.output.due import DueView

    language = _lang(lang)
    today = _today()
    conn = _journal_to_read()  # None: no journal yet, and none is made
    cases = journal.list_cases(conn) if conn is not None else []
    open_ids = [c.id for c in cases if c.status == "open"]
    views = []
    if open_ids:
        # Imported here: escalate.cli.case registers this command, so a module-level import
        # would be circular. Each case's view is the one `case show` builds.
        from escalate.entry.cases import case_view

        catalog = _catalog(language)
        views = [case_view(conn, case_id, catalog) for case_id in open_ids]
    view = DueView(
        reminders=tuple(due(views, today=today)),
        today=today,
        cases=len(cases),
        open_cases=len(open_ids),
    )
    if as_json:
        _print_json(registry.render("due", "json", view, lang=language))
        return
    if quiet and not view.reminders:
        return
    from escalate.output.terminal import emit

    emit(registry.render("due", "text", view, lang=language))
