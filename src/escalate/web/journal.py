"""The case journal's pages (a local server only): the same journal file as `escalate case`.

What a form sends is checked here, once, as the command line checks its options: the company
and channel by the catalogue, dates as a person in Brazil types them, text made printable and
cut to the journal's limits.
"""

from __future__ import annotations

import sqlite3

from starlette.responses import RedirectResponse, Response

from escalate.i18n import t
from escalate.web.pages import Context, Page, advice_rules, catalogue, choices, commands


def _conn(*, write: bool) -> sqlite3.Connection | None:
    from escalate import paths
    from escalate.cases import journal

    path = paths.user_home() / "journal.sqlite3"
    if write:
        path.parent.mkdir(parents=True, exist_ok=True)
        return journal.connect(path)
    return journal.open_to_read(path)


def cases(ctx: Context) -> Page:
    from escalate.cases import journal

    conn = _conn(write=False)
    found = journal.list_cases(conn) if conn is not None else []
    names = {e.id: e.name for e in catalogue().companies()}
    return Page("cases.html", {"cases": found, "names": names, "form": {}, **choices(ctx)})


def new_case(ctx: Context, form: dict[str, str]) -> Response:
    from escalate import clock
    from escalate.cases import journal, limits
    from escalate.entry.cases import case_subject
    from escalate.errors import UsageError
    from escalate.printable import printable

    catalog = catalogue()
    title = printable(form.get("title", "").strip())[: limits.TITLE_MAX]
    if not title:
        raise UsageError(t(ctx.lang, "web.title_needed"))
    subject = case_subject(
        catalog,
        company=form.get("company", "").strip()[:80],
        state=form.get("state", "").strip() or None,
        problem=form.get("problem", "").strip()[:40] or None,
    )
    conn = _conn(write=True)
    assert conn is not None
    case_id = journal.new_case(
        conn,
        company=subject.record.id,
        unit=subject.unit.id if subject.unit else None,
        state=subject.state,
        problem=subject.problem,
        title=title,
        created=clock.today(),
    )
    return RedirectResponse(ctx.url("case", case_id=case_id), 303)


def case(ctx: Context, case_id: int) -> Page:
    from escalate import clock, entry
    from escalate.cases import journal
    from escalate.entry.cases import case_view
    from escalate.output import registry
    from escalate.output.advice import AdviceView
    from escalate.output.dossier import CHANNELS, case_document
    from escalate.output.letters import letters_for
    from escalate.output.page import lines_html

    catalog = catalogue()
    rules = advice_rules()
    view = case_view(_conn(write=False), case_id, catalog, rules=rules)
    found = view.case
    result = entry.case_result(view)
    if result is None and not view.position.solved:  # its company is no longer known
        result = entry.advise_for(
            catalog=catalog, rules=rules, today=clock.today(), now_at=clock.local_now, case=found
        )
    advice = None
    if result is not None:
        shown = AdviceView(result, rules, terminal=False)
        lines = registry.render("advice", "text", shown, lang=ctx.lang)
        advice = lines_html(lines, level=3, commands=commands(ctx))
    letters = letters_for(case_document(view, catalog))
    book = catalog.rules("checklists")
    return Page(
        "case.html",
        {
            "case": found,
            "company": catalog.entries[found.company].name
            if found.company in catalog.entries
            else found.company,
            "advice": advice,
            "letters": letters,
            "channels": {
                c: t(ctx.lang, CHANNELS[c]) if c in CHANNELS else c for c in book.channels
            },
            "outcomes": {o: t(ctx.lang, f"case.outcome.{o}") for o in journal.OUTCOMES},
            "today": clock.today().isoformat(),  # a date field's value and last day
        },
    )


def log(ctx: Context, case_id: int, form: dict[str, str]) -> Response:
    from escalate import clock
    from escalate.advice import checklists as core
    from escalate.advice.interview import parse_date
    from escalate.cases import journal
    from escalate.errors import UsageError
    from escalate.printable import printable

    catalog = catalogue()
    channel = core.resolve(catalog.rules("checklists"), form.get("channel", "")[:40])
    outcome = form.get("outcome", "open")
    if outcome not in journal.OUTCOMES:
        raise UsageError(t(ctx.lang, "err.outcome", outcome=printable(outcome, 40)))
    raw_day = form.get("date", "").strip()
    today = clock.today()
    day = parse_date(raw_day, today=today, lang=ctx.lang) if raw_day else today
    conn = _conn(write=True)
    assert conn is not None
    journal.log_contact(
        conn,
        case_id,
        channel=channel,
        date=day,
        protocol=printable(form.get("protocol", "").strip()[:100]) or None,
        outcome=outcome,
    )
    return RedirectResponse(ctx.url("case", case_id=case_id), 303)


def document(ctx: Context, case_id: int, what: str, letter: str | None) -> Response:
    """The dossier (HTML, to print), a letter, or the calendar of deadlines (.ics)."""
    from escalate.entry.cases import case_view
    from escalate.output import registry
    from escalate.output.dossier import case_document
    from escalate.output.letters import LetterDocument

    catalog = catalogue()
    doc = case_document(case_view(_conn(write=False), case_id, catalog), catalog)
    if what == "ics":
        text = registry.render("case", "ics", doc, lang=ctx.lang)
        return Response(
            text,
            media_type="text/calendar; charset=utf-8",
            headers={"content-disposition": f'attachment; filename="case-{case_id}.ics"'},
        )
    if what == "letter":
        html = registry.render("letter", "html", LetterDocument(doc, letter or ""), lang=ctx.lang)
    else:
        html = registry.render("case", "html", doc, lang=ctx.lang)
    # The documents carry their own inline style (they are also saved and printed alone):
    # allowed for them, and still no script at all.
    policy = (
        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'"
    )
    return Response(
        html, media_type="text/html; charset=utf-8", headers={"content-security-policy": policy}
    )
