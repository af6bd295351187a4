"""Every format is a small renderer registered by name: ``render(kind, format, view, lang)``.

A kind is a result (a case, a checklist, advice …), its view model the one object every
format reads; a format is ``text`` (styled terminal lines), ``json``, ``markdown``, ``html``,
``ics`` (later the web). Renderers are named here as ``module:function`` and imported only
when used, so a command pays only for the format it prints.
"""

from __future__ import annotations

import importlib
from typing import Any

RENDERERS: dict[tuple[str, str], str] = {
    ("lookup", "text"): "escalate.output.terminal:render_lookup_text",
    ("lookup", "json"): "escalate.output.terminal:render_lookup_json",
    ("companies", "text"): "escalate.output.terminal:render_companies_text",
    ("companies", "json"): "escalate.output.terminal:render_companies_json",
    ("advice", "text"): "escalate.output.advice:render_text",
    ("advice", "json"): "escalate.output.advice:render_json",
    ("case", "json"): "escalate.output.case:render_json",
    ("case", "markdown"): "escalate.output.dossier:render_markdown",
    ("case", "html"): "escalate.output.dossier:render_html",
    ("case", "ics"): "escalate.output.dossier:render_ics",
    ("checklist", "text"): "escalate.output.checklist:render_text",
    ("checklist", "markdown"): "escalate.output.checklist:render_markdown",
    ("checklist", "json"): "escalate.output.checklist:render_json",
    ("letter", "text"): "escalate.output.letters:render_text",
    ("letter", "markdown"): "escalate.output.letters:render_markdown",
    ("letter", "html"): "escalate.output.letters:render_html",
    ("due", "text"): "escalate.output.due:render_text",
    ("due", "json"): "escalate.output.due:render_json",
}


class UnknownFormat(LookupError):
    def __init__(self, kind: str, fmt: str) -> None:
        super().__init__(f"no {fmt} format for {kind}; formats: {', '.join(formats(kind))}")
        self.kind = kind
        self.fmt = fmt


def formats(kind: str) -> tuple[str, ...]:
    return tuple(f for k, f in RENDERERS if k == kind)


def render(kind: str, fmt: str, view: Any, *, lang: str) -> Any:
    """``view`` in ``fmt``: text for a document format, styled lines for ``text``, a JSON
    document (a dict, in its envelope) for ``json``."""
    try:
        module, function = RENDERERS[(kind, fmt)].split(":")
    except KeyError:
        raise UnknownFormat(kind, fmt) from None
    return getattr(importlib.import_module(module), function)(view, lang)
