"""The web server's routes: each reads what was asked, calls a page (web.pages) and renders its
template. The case journal is served only by a local server (bound to loopback, not hosted).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from escalate import clock
from escalate.i18n import LANGS, t
from escalate.web import pages
from escalate.web.pages import environment
from escalate.web.security import (
    LOOPBACK_NAMES,
    TOKEN_COOKIE,
    TOKEN_FIELD,
    Guard,
    new_token,
    same_token,
)

HERE = Path(__file__).parent
ROUTES = {
    "home": "/",
    "companies": "/companies",
    "company": "/lookup/{name}",
    "advise": "/advise",
    "checklists": "/checklists",
    "checklist": "/checklist/{channel}",
    "ladder": "/ladder/{sector}",
    "law": "/law",
    "cases": "/cases",
    "case": "/cases/{case_id}",
    "case_log": "/cases/{case_id}/log",
    "dossier": "/cases/{case_id}/dossier",
    "letter": "/cases/{case_id}/letter/{letter}",
    "calendar": "/cases/{case_id}/calendar.ics",
    "static": "/static/{path}",
}


def _switch(request: Request) -> dict[str, str]:
    """The same page, with the same question, in each language."""
    asked = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    return {code: request.url.path + "?" + urlencode([*asked, ("lang", code)]) for code in LANGS}


def page_lang(request: Request) -> str:
    """?lang=en, else the browser's first language we speak (Accept-Language), else pt."""
    asked = request.query_params.get("lang", "")
    if asked in LANGS:
        return asked
    header = request.headers.get("accept-language", "")
    ranked = []
    for i, part in enumerate(header.split(",")):
        name, _, q = part.strip().partition(";q=")
        try:
            weight = float(q) if q else 1.0
        except ValueError:
            weight = 0.0
        ranked.append((-weight, i, name.strip().lower()[:2]))
    for _w, _i, code in sorted(ranked):
        if code in LANGS:
            return code
    return "pt"


def server_url(lang: str) -> pages.Url:
    """Links to the routes, with ?lang= when the page is not in Portuguese."""

    def url(route: str, /, **params: Any) -> str:
        path = ROUTES[route]
        inline = {k: v for k, v in params.items() if "{" + k + "}" in path}
        path = path.format(**{k: str(v) for k, v in inline.items()})
        query = {k: v for k, v in params.items() if k not in inline and v not in (None, "")}
        if lang != "pt" and route != "static":
            query["lang"] = lang
        return path + ("?" + urlencode(query) if query else "")

    return url


class Web:
    """The app's state: the templates, and whether the journal is served."""

    def __init__(self, *, journal: bool) -> None:
        self.env = environment()
        self.journal = journal

    def context(self, request: Request) -> pages.Context:
        """Once per request: its language, links in it, the session's token (a new one for a
        first visit, set as a cookie by ``render``)."""
        found: pages.Context | None = getattr(request.state, "context", None)
        if found is None:
            lang = page_lang(request)
            token = request.cookies.get(TOKEN_COOKIE) or new_token()
            found = pages.Context(
                lang=lang, url=server_url(lang), journal=self.journal, token=token
            )
            request.state.context = found
        return found

    def render(self, request: Request, page: pages.Page) -> Response:
        ctx = self.context(request)
        html = self.env.get_template(page.template).render(
            ctx=ctx,
            lang=ctx.lang,
            url=ctx.url,
            switch=_switch(request),
            disclaimer=pages.disclaimer(),
            **page.values,
        )
        response = HTMLResponse(html, status_code=page.status)
        response.headers["cache-control"] = "no-store"
        response.headers["content-language"] = "pt-BR" if ctx.lang == "pt" else "en"
        if TOKEN_COOKIE not in request.cookies:
            response.set_cookie(TOKEN_COOKIE, ctx.token, httponly=True, samesite="strict", path="/")
        return response

    def error(self, request: Request, message: str, status: int = 404) -> Response:
        """One line, with a link where it names a command the terminal would run."""
        from escalate.output.page import text_html

        shown = text_html(message, commands=pages.commands(self.context(request)))
        return self.render(
            request, pages.Page("error.html", {"message": shown, "status": status}, status)
        )

    def show(self, request: Request, call: Any, *, journal: bool = False) -> Response:
        """``call(context)``: a page to render, or a response of its own (a redirect, a
        document). An error is one line in the page's language, as the command line says it,
        with its status (pages.said)."""
        from escalate.errors import EscalateError

        ctx = self.context(request)
        if journal and not self.journal:
            return self.error(request, t(ctx.lang, "web.journal_off"))
        try:
            page = call(ctx)
        except pages.NotFound as exc:
            return self.error(request, exc.message)
        except EscalateError as exc:
            return self.error(request, *pages.said(exc, ctx.lang, posted=request.method == "POST"))
        return page if isinstance(page, Response) else self.render(request, page)

    # --- the pages ---------------------------------------------------------------------

    async def home(self, request: Request) -> Response:
        name = request.query_params.get("company", "").strip()
        if name:  # the home page's search: straight to the company
            return RedirectResponse(self.context(request).url("company", name=name[:80]), 303)
        return self.show(request, pages.home)

    async def companies(self, request: Request) -> Response:
        state = request.query_params.get("state") or None
        return self.show(request, lambda ctx: pages.companies(ctx, state))

    async def company(self, request: Request) -> Response:
        name = str(request.path_params["name"])[:80]
        state = request.query_params.get("state") or None
        return self.show(request, lambda ctx: pages.company(ctx, name, state, clock.now()))

    async def advise(self, request: Request) -> Response:
        asked = {k: request.query_params.get(k, "") for k in pages.ADVISE_FIELDS}
        return self.show(
            request, lambda ctx: pages.advise(ctx, asked, clock.today(), clock.local_now)
        )

    async def checklists(self, request: Request) -> Response:
        return self.show(request, pages.checklists)

    async def checklist(self, request: Request) -> Response:
        q = request.query_params
        channel = str(request.path_params["channel"])[:80]
        return self.show(
            request,
            lambda ctx: pages.checklist(
                ctx,
                channel,
                company=q.get("company") or None,
                problem=q.get("problem") or None,
                state=q.get("state") or None,
            ),
        )

    async def ladder(self, request: Request) -> Response:
        sector = str(request.path_params["sector"])
        return self.show(request, lambda ctx: pages.ladder(ctx, sector))

    async def law(self, request: Request) -> Response:
        return self.show(request, pages.law)

    # --- the journal (local only) ------------------------------------------------------------

    async def cases(self, request: Request) -> Response:
        from escalate.web import journal as views

        if request.method != "POST":
            return self.show(request, views.cases, journal=True)
        form = await _form(request)
        if form is None:
            return _refused()
        return self.show(request, lambda ctx: views.new_case(ctx, form), journal=True)

    async def case(self, request: Request) -> Response:
        from escalate.web import journal as views

        return self.show(request, lambda ctx: views.case(ctx, _case_id(request)), journal=True)

    async def case_log(self, request: Request) -> Response:
        from escalate.web import journal as views

        form = await _form(request)
        if form is None:
            return _refused()
        return self.show(request, lambda ctx: views.log(ctx, _case_id(request), form), journal=True)

    def document(self, what: str) -> Any:
        """The endpoint of one of a case's documents: dossier, letter or calendar."""
        from escalate.web import journal as views

        async def endpoint(request: Request) -> Response:
            letter = request.path_params.get("letter")
            return self.show(
                request,
                lambda ctx: views.document(ctx, _case_id(request), what, letter),
                journal=True,
            )

        return endpoint


async def _form(request: Request) -> dict[str, str] | None:
    """The posted form, or None when its token is not the session's."""
    data = await request.form(max_files=0, max_fields=40)
    form = {k: v for k, v in data.items() if isinstance(v, str)}
    if not same_token(request.cookies.get(TOKEN_COOKIE), form.get(TOKEN_FIELD)):
        return None
    return form


def _refused() -> Response:
    return Response("Invalid or missing form token", status_code=403, media_type="text/plain")


def _case_id(request: Request) -> int:
    """The case number in the path; a path that is not one names no case."""
    from escalate.cases.journal import no_case
    from escalate.printable import printable

    raw = str(request.path_params["case_id"])
    if not (raw.isascii() and raw.isdigit() and len(raw) < 19):
        raise no_case(printable(raw, 20))
    return int(raw)


def build(*, journal: bool, hosts: tuple[str, ...]) -> Any:
    """The ASGI app: the routes behind the guard (host, origin, headers)."""
    web = Web(journal=journal)
    endpoints: list[tuple[str, Any, list[str] | None]] = [
        ("home", web.home, None),
        ("companies", web.companies, None),
        ("company", web.company, None),
        ("advise", web.advise, None),
        ("checklists", web.checklists, None),
        ("checklist", web.checklist, None),
        ("ladder", web.ladder, None),
        ("law", web.law, None),
        ("cases", web.cases, ["GET", "POST"]),
        ("case", web.case, None),
        ("case_log", web.case_log, ["POST"]),
        ("dossier", web.document("dossier"), None),
        ("letter", web.document("letter"), None),
        ("calendar", web.document("ics"), None),
    ]
    routes: list[Any] = [Route(ROUTES[name], call, methods=m) for name, call, m in endpoints]
    routes.append(Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"))
    return Guard(Starlette(routes=routes), hosts=hosts)


def local_hosts(bound: str) -> tuple[str, ...]:
    """The Host names a local server answers to: loopback names, or the address it is bound to."""
    return (*LOOPBACK_NAMES, bound)
