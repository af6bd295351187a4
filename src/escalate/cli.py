"""The command line: parse, call the core, render, map errors to exit codes.

The only module that imports typer. Errors become one line on stderr (plus a hint) and the
exit codes of ``errors.ExitCode``; no traceback reaches the person at the keyboard.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from escalate import __version__
from escalate.errors import EscalateError, ExitCode, UnknownName, UsageError

if TYPE_CHECKING:
    from escalate.catalog import Catalog


class Lang(StrEnum):
    pt = "pt"
    en = "en"


class _Group(TyperGroup):
    """Run every command with our own error handling, also under CliRunner."""

    def main(  # type: ignore[override]
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        from escalate.render import emit_error

        code: int
        try:
            rv = super().main(
                args, prog_name or "escalate", complete_var, standalone_mode=False, **extra
            )
            code = rv if isinstance(rv, int) else ExitCode.OK
        except EscalateError as exc:
            emit_error(exc.message, exc.hint)
            code = exc.exit_code
        except typer.Abort:
            code = ExitCode.INTERRUPTED
        except KeyboardInterrupt:
            code = ExitCode.INTERRUPTED
        except typer.TyperException as exc:  # click's usage errors
            code = _usage_error(exc)
        if standalone_mode:
            sys.exit(code)
        return code


def _usage_error(exc: Any) -> int:
    from escalate.render import emit_error

    ctx = getattr(exc, "ctx", None)
    if type(exc).__name__ == "NoArgsIsHelpError":
        return ExitCode.USAGE  # typer has already printed the help
    command = ctx.command_path if ctx is not None else "escalate"
    emit_error(exc.format_message(), f"{command} --help")
    return int(getattr(exc, "exit_code", ExitCode.USAGE))


app = typer.Typer(
    cls=_Group,
    name="escalate",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Get a problem with a Brazilian energy or telecom company solved: who to call,"
    " what to say, where to go next.",
)


# --- shared helpers --------------------------------------------------------------------------


def _lang(value: Lang | None) -> str:
    from escalate.i18n import detect

    return detect(value.value if value else None)


def _catalog(lang: str) -> Catalog:
    from escalate import catalog
    from escalate.i18n import t

    loaded = catalog.default()
    for problem in loaded.problems:
        sys.stderr.write(f"escalate: {t(lang, 'warn.bad_file', problem=problem.message)}\n")
    return loaded


def _now() -> dt.datetime:
    raw = os.environ.get("ESCALATE_NOW")
    if not raw:
        return dt.datetime.now(dt.UTC)
    try:
        moment = dt.datetime.fromisoformat(raw)
    except ValueError:
        raise UsageError(
            f"ESCALATE_NOW is not a date and time: '{raw[:40]}'", hint="e.g. 2026-11-25T10:00-03:00"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone(dt.timedelta(hours=-3)))


def _print_json(data: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _complete_names(incomplete: str) -> list[str]:
    try:
        from escalate import catalog
        from escalate.models import normalize

        prefix = normalize(incomplete) if incomplete else ""
        return [n for n in catalog.default().names() if n.startswith(prefix)]
    except Exception:
        return []


def _unknown(exc: UnknownName, lang: str) -> EscalateError:
    from escalate.i18n import t

    shown = "".join(ch if ch.isprintable() else "?" for ch in exc.name)[:60]
    hint = (
        t(lang, "err.did_you_mean", names=", ".join(exc.suggestions))
        if exc.suggestions
        else t(lang, "err.list_hint")
    )
    return EscalateError(t(lang, "err.unknown", name=shown), hint=hint)


def _version(value: bool) -> None:
    if not value:
        return
    from escalate.i18n import t

    lang = _lang(None)
    span = _catalog(lang).verified_range()
    if span is None:
        typer.echo(f"escalate {__version__}")
    elif span[0] == span[1]:
        typer.echo(t(lang, "version.one", version=__version__, first=span[0]))
    else:
        typer.echo(t(lang, "version", version=__version__, first=span[0], last=span[1]))
    raise typer.Exit()


LangOption = Annotated[
    Lang | None,
    typer.Option("--lang", help="Language: pt or en (default: ESCALATE_LANG, then LANG)."),
]
JsonOption = Annotated[
    bool, typer.Option("--json", help="Print one JSON document (with schema_version).")
]


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_version,
            is_eager=True,
            help="Show the version and the dates the data was checked.",
        ),
    ] = False,
) -> None:
    """Get a problem with a Brazilian energy or telecom company solved."""


# --- commands --------------------------------------------------------------------------------


@app.command()
def lookup(
    company: Annotated[
        str,
        typer.Argument(
            help="Company or public body: id or alias (elektro, claro, net, cemig, aneel …).",
            autocompletion=_complete_names,
            show_default=False,
        ),
    ],
    state: Annotated[
        str | None,
        typer.Option("--state", "-s", help="Narrow a group such as Equatorial to one state (PA)."),
    ] = None,
    sources: Annotated[
        bool, typer.Option("--sources", help="List the sources of the facts.")
    ] = False,
    as_json: JsonOption = False,
    lang: LangOption = None,
) -> None:
    """Show every channel of a company: phones, hours, SMS keywords, ouvidoria, public bodies."""
    from escalate import lookup as core
    from escalate.i18n import t

    language = _lang(lang)
    catalog = _catalog(language)
    try:
        result = core.lookup(catalog, company, state=state, now=_now())
    except UnknownName as exc:
        raise _unknown(exc, language) from None
    except core.StateNotServed as exc:
        raise EscalateError(
            t(
                language,
                "err.state",
                name=exc.record.name,
                state=exc.state,
                states=", ".join(exc.served),
            )
        ) from None
    if as_json:
        _print_json(result.to_json())
        return
    from escalate.render import emit, lookup_lines

    emit(lookup_lines(result, language, show_sources=sources))


@app.command()
def companies(as_json: JsonOption = False, lang: LangOption = None) -> None:
    """List the companies escalate knows: id, name, sector, states, channels."""
    from escalate import lookup as core

    language = _lang(lang)
    rows = core.companies(_catalog(language))
    if as_json:
        _print_json(
            {
                "schema_version": core.JSON_SCHEMA_VERSION,
                "kind": "companies",
                "companies": [r.to_json() for r in rows],
            }
        )
        return
    from escalate.render import companies_lines, emit

    emit(companies_lines(rows, language))
