"""The pages: each a function from what was asked to a template and its values, shared by the
server (web.app) and the static export (web.site). No advice logic: the core's entry points
give the results, the output layer's renderers the words.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from escalate.i18n import LANGS, day_text, t
from escalate.output.html import pass_context
from escalate.output.page import Commands, tel, text_html
from escalate.output.terminal import MARKS

Url = Callable[..., str]


def environment() -> Any:
    """The pages' templates (output.html's environment: autoescaped, values made visible)."""
    from escalate.output.html import environment as templates

    env = templates(Path(__file__).parent / "templates", strict=False)
    env.globals.update(
        t=t, langs=LANGS, marks={s.value: m for s, m in MARKS.items()}, tel=tel, day=_day_shown
    )
    env.globals["open_text"] = _open_text
    return env


@pass_context
def _day_shown(context: Any, day: dt.date) -> str:
    return day_text(str(context["lang"]), day)


def _open_text(state: Any, now: dt.datetime, lang: str) -> str:
    from escalate.output.terminal import open_text

    return open_text(state, now, lang)[0]


class Context(NamedTuple):
    """What every page needs: the language, how to write a link, and where it is served."""

    lang: str
    url: Url  # url("company", name="elektro") → /lookup/elektro or company/elektro.html
    static: bool = False  # the exported site: no forms that need the server, no "open now"
    journal: bool = False  # the case journal is offered (the local server only)
    token: str = ""  # the session's token for forms that POST


class Page(NamedTuple):
    template: str
    values: dict[str, Any]
    status: int = 200


class NotFound(Exception):
    """A page for something the catalogue does not hold (404)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def said(exc: Any, lang: str, *, posted: bool = False) -> tuple[str, int]:
    """A core error's line in ``lang`` (output.explain) and the page's status: 404 for what is
    not there (a case; a company, channel or state asked for in the address, not in a posted
    form), 503 when the journal is busy, 500 for a file that cannot be read, else 400."""
    from escalate.advice.lookup import StateNotServed
    from escalate.cases.journal import JournalBusy, JournalError, UnknownCase
    from escalate.errors import DataError, UnknownName
    from escalate.output.explain import explain

    if isinstance(exc, UnknownCase) or (
        not posted and isinstance(exc, UnknownName | StateNotServed)
    ):
        status = 404
    elif isinstance(exc, JournalBusy):
        status = 503
    elif isinstance(exc, DataError | JournalError):
        status = 500
    else:
        status = 400
    return explain(exc, lang).said(lang)[0], status


@functools.cache
def catalogue() -> Any:
    """The catalogue, read once per server process (a server restart reads changed files)."""
    from escalate.catalog import store

    return store.default()


@functools.cache
def advice_rules() -> Any:
    """The advisor's rules of that catalogue."""
    from escalate.advice import advisor

    return advisor.rules_from(catalogue())


def disclaimer() -> Any:
    """ "Information, not legal advice", from the ladder's data (shown once on every page)."""
    return catalogue().rules("ladder").disclaimer


def commands(ctx: Context) -> Commands:
    """The web page of a command the terminal suggests, named as the page is: "escalate
    checklist procon" is the Procon checklist, "Reclamação no Procon"."""
    from escalate.advice.checklists import resolve
    from escalate.errors import UnknownName

    catalog = catalogue()

    def link(command: str) -> tuple[str, str] | None:
        words = command.split()[1:]
        if words[0] == "checklist" and len(words) >= 2:
            book = catalog.rules("checklists")
            try:
                channel = resolve(book, words[1])
            except UnknownName:
                return None
            return ctx.url("checklist", channel=channel), book.get(channel).title.get(ctx.lang)
        if words[0] == "lookup" and len(words) >= 2 and words[1] in catalog.entries:
            return ctx.url("company", name=words[1]), catalog.entries[words[1]].name
        sectors = [w for w in words if w in ("energy", "telecom")]
        if words[0] == "tree" and sectors:
            return ctx.url("ladder", sector=sectors[0]), t(ctx.lang, "web.nav.ladder")
        if words[0] == "companies":
            return ctx.url("companies"), t(ctx.lang, "web.nav.companies")
        return None

    return link


def _state_names() -> list[str]:
    from escalate.records.models import STATES

    return sorted(STATES)


def choices(ctx: Context) -> dict[str, Any]:
    """What the forms' fields offer (templates/_fields.html): the companies, the states and
    the problems (risk to life is its own checkbox, never a problem to pick)."""
    problems = catalogue().rules("problems").problems
    return {
        "companies": _company_rows(catalogue(), None),
        "states": _state_names(),
        "problems": [(p.id, p.label.get(ctx.lang)) for p in problems if p.id != "hazard"],
    }


def home(ctx: Context) -> Page:
    catalog = catalogue()
    rows = _company_rows(catalog, None)
    return Page("home.html", {"companies": rows, "states": _state_names()})


def _company_rows(catalog: Any, state: str | None) -> list[Any]:
    from escalate.advice.lookup import companies as listed

    return listed(catalog, state=state)


def companies(ctx: Context, state: str | None) -> Page:
    from escalate import entry

    catalog = catalogue()
    code = None
    if state:
        try:
            code = entry.state_code(state)
        except entry.BadState:
            return Page(
                "companies.html",
                {"rows": [], "state": None, "states": _state_names(), "error": True},
                400,
            )
    rows = _company_rows(catalog, code)
    return Page("companies.html", {"rows": rows, "state": code, "states": _state_names()})


def company(ctx: Context, name: str, state: str | None, now: dt.datetime) -> Page:
    from escalate.advice.lookup import lookup
    from escalate.errors import UnknownName
    from escalate.output.explain import unknown_company
    from escalate.output.terminal import TIER_ORDER

    try:
        result = lookup(catalogue(), name, state=state or None, now=now)
    except UnknownName as exc:  # as `escalate lookup` says it, a company or a public body
        raise NotFound(unknown_company(exc, ctx.lang).message) from None
    tiers = []
    for tier in TIER_ORDER:
        views = [v for v in result.channels if v.channel.effective_tier is tier]
        if views:
            tiers.append((tier.value, views))
    return Page(
        "company.html",
        {"result": result, "tiers": tiers, "record": result.record, "states": _state_names()},
    )


def checklists(ctx: Context) -> Page:
    book = catalogue().rules("checklists")
    found = [(c, book.get(c).title.get(ctx.lang)) for c in book.channels]
    return Page("checklists.html", {"channels": found})


def checklist(
    ctx: Context, channel: str, *, company: str | None, problem: str | None, state: str | None
) -> Page:
    from escalate import entry
    from escalate.errors import EscalateError
    from escalate.output import registry
    from escalate.output.checklist import ChecklistView
    from escalate.output.page import lines_html

    catalog = catalogue()
    error, status = None, 200
    try:
        result = entry.checklist_for(
            catalog=catalog, channel=channel, company=company, problem=problem, state=state
        )
    except EscalateError as exc:
        if not (company or problem or state):
            raise
        # What the tailoring form asked cannot be: the plain list, the line saying why, and
        # the form again to change it.
        error, status = said(exc, ctx.lang)
        result = entry.checklist_for(catalog=catalog, channel=channel)
    view = ChecklistView(result, catalog.rules("checklists").verified_on, terminal=False)
    lines = registry.render("checklist", "text", view, lang=ctx.lang)
    return Page(
        "checklist.html",
        {
            "body": lines_html(lines, commands=commands(ctx)),
            "title": lines and lines[0][0][0],
            "channel": result.checklist.channel,
            "error": text_html(error, commands=commands(ctx)) if error else None,
            "values": {
                "company": company or "",
                "problem": result.problem.id if result.problem else "",
                "state": (state or "").strip().upper(),
            },
            **choices(ctx),
        },
        status,
    )


def ladder(ctx: Context, sector: str) -> Page:
    from escalate.output.advice import tree_lines
    from escalate.output.page import lines_html

    catalog = catalogue()
    if sector not in ("energy", "telecom"):
        raise NotFound(t(ctx.lang, "web.unknown_sector"))
    rules = advice_rules()
    bodies = {e.id: catalog.record(e.id) for e in catalog.bodies()}
    names = {e.id: e.name for e in catalog.companies()}
    lines = tree_lines(rules.ladder, sector=sector, lang=ctx.lang, bodies=bodies, companies=names)
    return Page(
        "ladder.html", {"body": lines_html(lines, commands=commands(ctx)), "sector": sector}
    )


def law(ctx: Context) -> Page:
    catalog = catalogue()
    problems = catalog.rules("problems")
    sources = catalog.sources()
    by_id = {s.id: s for s in sources.sources} if sources else {}
    facts = sorted(problems.facts, key=lambda f: f.rule)
    return Page(
        "law.html",
        {"facts": facts, "sources": by_id, "law": catalog.rules("law"), "problems": problems},
    )


ADVISE_FIELDS = ("company", "state", "sector", "problem", "stage", "since", "hazard")


def advise(ctx: Context, asked: dict[str, str], today: dt.date, now_at: Any) -> Page:
    """The form (the interview's questions on one screen), and below it the answer when a
    stage is given: the very lines `escalate advise` prints for the same input."""
    from escalate import entry
    from escalate.errors import EscalateError
    from escalate.output import registry
    from escalate.output.advice import AdviceView
    from escalate.output.explain import explain
    from escalate.output.page import lines_html

    catalog = catalogue()
    rules = advice_rules()
    values = {k: asked.get(k, "").strip()[:80] for k in ADVISE_FIELDS}
    form = {
        "values": values,
        "stages": [(s.id, s.summary.get(ctx.lang)) for s in rules.ladder.stages],
        **choices(ctx),
        "today": today.isoformat(),  # the date picker's last day
    }
    hazard = values["hazard"] in ("1", "on", "yes", "sim")
    if not values["stage"] and not hazard:
        return Page("advise.html", {**form, "answer": None, "error": None})
    try:
        since = _day(values["since"], today, ctx.lang) if values["since"] else None
        if since is not None:  # as the date field holds it, however it was typed
            values["since"] = since.isoformat()
        result = entry.advise_for(
            catalog=catalog,
            rules=rules,
            today=today,
            now_at=now_at,
            company=values["company"] or None,
            state=values["state"] or None,
            sector=values["sector"] or None,
            stage=values["stage"] or None,
            problem="hazard" if hazard else (values["problem"] or None),
            since=since,
        )
    except EscalateError as exc:
        line = explain(exc, ctx.lang, stage=values["stage"]).said(ctx.lang)[0]
        error = text_html(line, commands=commands(ctx))
        return Page("advise.html", {**form, "answer": None, "error": error}, 400)
    assert result is not None
    view = AdviceView(result, rules, terminal=False)
    lines = registry.render("advice", "text", view, lang=ctx.lang)
    answer = lines_html(lines, commands=commands(ctx))
    return Page("advise.html", {**form, "answer": answer, "error": None})


def _day(text: str, today: dt.date, lang: str) -> dt.date:
    from escalate.advice.interview import parse_date

    return parse_date(text, today=today, lang=lang)
