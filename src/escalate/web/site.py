"""`escalate site build DIR`: the pages that do not change with the day (companies, public
bodies, checklists, the ladder, the legal facts with sources) as plain HTML files with relative
links, to host anywhere or open from disk. The same page functions and templates as the server;
no form that needs it, no "open now".
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from escalate import clock
from escalate.web import pages

FILES = {
    "home": "index.html",
    "companies": "companies.html",
    "company": "company/{name}.html",
    "advise": "index.html",  # not in the site: the home page instead
    "checklists": "checklists.html",
    "checklist": "checklist/{channel}.html",
    "ladder": "ladder/{sector}.html",
    "law": "law.html",
    "static": "static/{path}",
}


def _url_from(depth: int) -> pages.Url:
    prefix = "../" * depth

    def url(route: str, /, **params: Any) -> str:
        target = FILES.get(route, "index.html")
        used = {k: str(v) for k, v in params.items() if "{" + k + "}" in target}
        return prefix + target.format(**used)

    return url


def build(folder: Path, *, lang: str) -> int:
    """Write the site into ``folder``; returns the number of pages written."""
    env = pages.environment()
    folder.mkdir(parents=True, exist_ok=True)
    catalog = pages.catalogue()
    written = 0

    def write(relative: str, page: pages.Page, ctx: pages.Context) -> None:
        nonlocal written
        html = env.get_template(page.template).render(
            ctx=ctx, lang=lang, url=ctx.url, disclaimer=pages.disclaimer(), **page.values
        )
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        written += 1

    def ctx_for(relative: str) -> pages.Context:
        return pages.Context(lang=lang, url=_url_from(relative.count("/")), static=True)

    for name, make in (
        ("index.html", pages.home),
        ("companies.html", lambda c: pages.companies(c, None)),
        ("checklists.html", pages.checklists),
        ("law.html", pages.law),
    ):
        ctx = ctx_for(name)
        write(name, make(ctx), ctx)
    names = [e.id for e in catalog.companies()] + [e.id for e in catalog.bodies()]
    names += sorted({u[0] for e in catalog.companies() for u in e.units})
    now = clock.now()
    for record_name in names:
        relative = f"company/{record_name}.html"
        ctx = ctx_for(relative)
        write(relative, pages.company(ctx, record_name, None, now), ctx)
    for channel in catalog.rules("checklists").channels:
        relative = f"checklist/{channel}.html"
        ctx = ctx_for(relative)
        page = pages.checklist(ctx, channel, company=None, problem=None, state=None)
        write(relative, page, ctx)
    for sector in ("energy", "telecom"):
        relative = f"ladder/{sector}.html"
        ctx = ctx_for(relative)
        write(relative, pages.ladder(ctx, sector), ctx)
    static = folder / "static"
    static.mkdir(exist_ok=True)
    shutil.copyfile(Path(__file__).parent / "static" / "style.css", static / "style.css")
    return written
