"""`escalate lookup` and `escalate companies`."""

# No "from __future__ import annotations": typer resolves every command's annotations at
# start-up (see main.py).

from collections.abc import Callable
from typing import ParamSpec, TypeVar

import typer

from escalate.cli.common import (
    JSON_HELP,
    LANG_HELP,
    Lang,
    _catalog,
    _complete_names,
    _lang,
    _now,
    _print_json,
    _state_code,
)
from escalate.errors import EscalateError, UnknownName
from escalate.i18n import _
from escalate.output.explain import explain, unknown_company

P = ParamSpec("P")
T = TypeVar("T")


def lookup(
    company: str = typer.Argument(
        ...,
        help=_("Company or public body: id or alias (elektro, claro, net, cemig, aneel …)."),
        autocompletion=_complete_names,
        show_default=False,
    ),
    state: str | None = typer.Option(
        None, "--state", "-s", help=_("Narrow a group such as Equatorial to one state (PA).")
    ),
    sources: bool = typer.Option(False, "--sources", help=_("List the sources of the facts.")),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    lang: Lang | None = typer.Option(None, "--lang", help=LANG_HELP),
) -> None:
    """Show every channel of a company: phones, hours, SMS keywords, ouvidoria, public bodies."""
    from escalate.advice import lookup as core

    language = _lang(lang)
    catalog = _catalog(language)
    try:
        result = core.lookup(catalog, company, state=state, now=_now())
    except UnknownName as exc:
        raise unknown_company(exc, language) from None
    except EscalateError as exc:  # a state it does not serve, or not a state
        raise explain(exc, language) from None
    from escalate.output import registry
    from escalate.output.terminal import LookupView

    view = LookupView(result, show_sources=sources)
    if as_json:
        _print_json(registry.render("lookup", "json", view, lang=language))
        return
    from escalate.output.terminal import emit

    emit(registry.render("lookup", "text", view, lang=language))


def companies(
    state: str | None = typer.Option(
        None, "--state", "-s", help=_("Only the companies that serve this state (BA, SP …).")
    ),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    lang: Lang | None = typer.Option(None, "--lang", help=LANG_HELP),
) -> None:
    """List the companies escalate knows: id, name, sector, states, channels."""
    from escalate.advice import lookup as core

    language = _lang(lang)
    code = _state_code(state, language) if state is not None else None
    rows = core.companies(_catalog(language), state=code)
    from escalate.output import registry

    if as_json:
        _print_json(registry.render("companies", "json", rows, lang=language))
        return
    from escalate.output.terminal import emit

    emit(registry.render("companies", "text", rows, lang=language))


def known_company(call: Callable[P, T], lang: str) -> Callable[P, T]:
    """``call`` (a core entry point) with a company it does not know said as
    `unknown_company`'s line, with the --sector hint when a sector would have given advice."""
    from escalate.entry import UnknownCompany

    def wrapped(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return call(*args, **kwargs)
        except UnknownCompany as exc:
            raise unknown_company(exc, lang, sector_hint=exc.needs_sector) from None

    return wrapped
