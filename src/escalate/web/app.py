"""The web server's routes: each reads what was asked, calls a page (web.pages) and renders its
template. The case journal is served only by a local server (bound to loopback, not hosted).
"""

from __future__ import annotations

import datetime as dt
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


def server_url(lang: str, default_lang: str) -> pages.Url:
    def url(route: str, /, **params: Any) -> str:
        path = ROUTES[route]
        inline = {k: v for k, v in params.items() if "{" + k + "}" in path}
        path = path.format(**{k: str(v) for k, v in inline.items()})
        query = {k: v for k, v in params.items() if k not in inline and v not in (None, "")}
        if lang != default_lang and route != "static":
            query["lang"] = lang
        return path + ("?" + urlencode(query) if query else "")

    return url


class Web:
    """The app's state: the templates, and whether the journal is served."""

    def __init__(self, *, journal: bool) -> None:
        self.env = environment()
        self.journal = journal

    def context(self, request: Request, lang: str) -> pages.Context:
        token = request.cookies.get(TOKEN_COOKIE) or request.state.new_token
        default = "pt"
        return pages.Context(
            lang=lang,
            url=server_url(lang, default),
            journal=self.journal,
            token=token,
        )

    def render(self, request: Request, page: pages.Page, lang: str) -> Response:
        ctx = self.context(request, lang)
        html = self.env.get_template(page.template).render(
            ctx=ctx,
            lang=lang,
            url=ctx.url,
            path=request.url.path,
            switch=_switch(request),
            disclaimer=pages.disclaimer(),
            **page.values,
        )
        response = HTMLResponse(html, status_code=page.status)
        response.headers["cache-control"] = "no-store"
        response.headers["content-language"] = "pt-BR" if lang == "pt" else "en"
        if TOKEN_COOKIE not in request.cookies:
            response.set_cookie(TOKEN_COOKIE, ctx.token, httponly=True, samesite="strict", path="/")
        return response

    def not_found(self, request: Request, lang: str, message: str) -> Response:
        return self.render(request, pages.Page("error.html", {"message": message}, 404), lang)

    # --- the pages ---------------------------------------------------------------------

    async def home(self, request: Request) -> Response:
        lang = page_lang(request)
        name = request.query_params.get("company", "").strip()
        if name:  # the home page's search: straight to the company
            return RedirectResponse(server_url(lang, "pt")("company", name=name[:80]), 303)
        return self.render(request, pages.home(self.context(request, lang)), lang)

    async def companies(self, request: Request) -> Response:
        lang = page_lang(request)
        state = request.query_params.get("state") or None
        return self.render(request, pages.companies(self.context(request, lang), state), lang)

    async def company(self, request: Request) -> Response:
        lang = page_lang(request)
        name = str(request.path_params["name"])[:80]
        state = request.query_params.get("state") or None
        try:
            page = pages.company(self.context(request, lang), name, state, clock.now())
        except pages.NotFound as exc:
            return self.not_found(request, lang, exc.message)
        return self.render(request, page, lang)

    async def advise(self, request: Request) -> Response:
        lang = page_lang(request)
        asked = {k: request.query_params.get(k, "") for k in pages.ADVISE_FIELDS}
        page = pages.advise(self.context(request, lang), asked, clock.today(), _now_at)
        return self.render(request, page, lang)

    async def checklists(self, request: Request) -> Response:
        lang = page_lang(request)
        return self.render(request, pages.checklists(self.context(request, lang)), lang)

    async def checklist(self, request: Request) -> Response:
        lang = page_lang(request)
        q = request.query_params
        try:
            page = pages.checklist(
                self.context(request, lang),
                str(request.path_params["channel"])[:80],
                company=(q.get("company") or None),
                problem=(q.get("problem") or None),
                state=(q.get("state") or None),
            )
        except pages.NotFound as exc:
            return self.not_found(request, lang, exc.message)
        return self.render(request, page, lang)

    async def ladder(self, request: Request) -> Response:
        lang = page_lang(request)
        try:
            page = pages.ladder(self.context(request, lang), str(request.path_params["sector"]))
        except pages.NotFound as exc:
            return self.not_found(request, lang, exc.message)
        return self.render(request, page, lang)

    async def law(self, request: Request) -> Response:
        lang = page_lang(request)
        return self.render(request, pages.law(self.context(request, lang)), lang)

    # --- the journal (local only) ------------------------------------------------------------

    def _journal_page(self, request: Request, lang: str, call: Any) -> Response:
        from escalate.errors import EscalateError

        if not self.journal:
            return self.not_found(request, lang, t(lang, "web.journal_off"))
        try:
            page = call(self.context(request, lang))
        except pages.NotFound as exc:
            return self.not_found(request, lang, exc.message)
        except EscalateError as exc:
            message = exc.said(lang)[0]
            return self.render(request, pages.Page("error.html", {"message": message}, 400), lang)
        if isinstance(page, Response):
            return page
        return self.render(request, page, lang)

    async def cases(self, request: Request) -> Response:
        from escalate.web import journal as views

        lang = page_lang(request)
        if request.method == "POST":
            form = await _form(request)
            if form is None:
                return _refused()
            return self._journal_page(request, lang, lambda ctx: views.new_case(ctx, form))
        return self._journal_page(request, lang, views.cases)

    async def case(self, request: Request) -> Response:
        from escalate.web import journal as views

        lang = page_lang(request)
        case_id = _case_id(request)
        return self._journal_page(request, lang, lambda ctx: views.case(ctx, case_id))

    async def case_log(self, request: Request) -> Response:
        from escalate.web import journal as views

        lang = page_lang(request)
        form = await _form(request)
        if form is None:
            return _refused()
        case_id = _case_id(request)
        return self._journal_page(request, lang, lambda ctx: views.log(ctx, case_id, form))

    async def document(self, request: Request) -> Response:
        from escalate.web import journal as views

        lang = page_lang(request)
        case_id = _case_id(request)
        kind = request.url.path.rsplit("/", 2)
        letter = request.path_params.get("letter")
        if letter is not None:
            what = "letter"
        elif kind[-1] == "calendar.ics":
            what = "ics"
        else:
            what = "dossier"
        return self._journal_page(
            request, lang, lambda ctx: views.document(ctx, case_id, what, letter)
        )


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
    raw = str(request.path_params["case_id"])
    return int(raw) if raw.isdigit() and len(raw) < 10 else 0


def _now_at(record: Any, unit: Any) -> dt.datetime:
    return clock.local_now(record, unit)


def build(*, journal: bool, hosts: tuple[str, ...]) -> Any:
    """The ASGI app: the routes behind the guard (host, origin, headers)."""
    web = Web(journal=journal)

    async def token_state(scope: Any, receive: Any, send: Any) -> None:
        scope.setdefault("state", {})["new_token"] = new_token()
        await inner(scope, receive, send)

    inner = Starlette(
        routes=[
            Route("/", web.home),
            Route("/companies", web.companies),
            Route("/lookup/{name}", web.company),
            Route("/advise", web.advise),
            Route("/checklists", web.checklists),
            Route("/checklist/{channel}", web.checklist),
            Route("/ladder/{sector}", web.ladder),
            Route("/law", web.law),
            Route("/cases", web.cases, methods=["GET", "POST"]),
            Route("/cases/{case_id}", web.case),
            Route("/cases/{case_id}/log", web.case_log, methods=["POST"]),
            Route("/cases/{case_id}/dossier", web.document),
            Route("/cases/{case_id}/letter/{letter}", web.document),
            Route("/cases/{case_id}/calendar.ics", web.document),
            Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
        ]
    )
    return Guard(token_state, hosts=hosts)


def local_hosts(bound: str) -> tuple[str, ...]:
    """The Host names a local server answers to: loopback names, or the address it is bound to."""
    return (*LOOPBACK_NAMES, bound)
