"""The command-line app: the group that maps every error to one line and an exit code, the
top-level options, and the commands, each in its own module (``lookup``, ``advise``,
``tree``, ``checklist``; ``case`` and ``data`` imported only when they run). The ``cli``
package is the only one that imports typer. Errors become one line on stderr (plus a
hint) and the exit codes of ``errors.ExitCode``; no traceback reaches the person at the
keyboard.
"""

# No "from __future__ import annotations" here: typer resolves every command's annotations at
# start-up, and string annotations would make it eval() each one on every run. Options are
# given as defaults (x: str = typer.Option(...)) rather than in Annotated[...]: building the
# Annotated types cost more start-up time than anything else in this module.
import os
import re
import sys
from typing import TYPE_CHECKING, Any

import typer

from escalate import __version__
from escalate.cli.common import Group, _catalog, _lang, described
from escalate.errors import N_, EscalateError, ExitCode
from escalate.i18n import _

if TYPE_CHECKING:
    pass

# Typer's own words in a help page, which it looks up with gettext (its default domain): our
# catalogue translates them. Usage errors are said by _usage_message below.
TYPER_WORDS = (
    N_("Arguments"),
    N_("Options"),
    N_("Commands"),
    N_("[required]"),
    N_("[default: {}]"),
    N_("required"),
    N_("default: {default}"),
)


def _typer_speaks_the_run_language() -> None:
    """In a Portuguese run, typer's gettext reads our catalogue (bound before typer draws a
    help page: it reads its words once, when its help module is first imported)."""
    from escalate.i18n import LOCALE_DIR, process_lang

    if process_lang() != "pt":
        return
    import gettext

    gettext.bindtextdomain("escalate", str(LOCALE_DIR))
    gettext.textdomain("escalate")
    if not any(os.environ.get(v, "").lower().startswith("pt") for v in ("LANGUAGE", "LC_ALL")):
        os.environ["LANGUAGE"] = "pt_BR"  # --lang pt or ESCALATE_LANG=pt: gettext reads this


_typer_speaks_the_run_language()


class _Group(Group):
    """Run every command with our own error handling, also under CliRunner."""

    def main(  # type: ignore[override]
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        code: int
        _ready_streams()
        from escalate.i18n import choose

        choose(None)  # a new run: no command has chosen its language yet
        try:
            if sys.stdout is None:  # started with standard output closed (>&-)
                raise EscalateError("cannot write the output: standard output is closed")
            rv = super().main(
                args, prog_name or "escalate", complete_var, standalone_mode=False, **extra
            )
            code = rv if isinstance(rv, int) else ExitCode.OK
        except EscalateError as exc:
            from escalate.i18n import process_lang
            from escalate.output.terminal import emit_error

            emit_error(*exc.said(process_lang()))
            code = exc.exit_code
        except typer.Abort:
            code = ExitCode.INTERRUPTED
        except KeyboardInterrupt:
            code = ExitCode.INTERRUPTED
        except typer.TyperException as exc:  # click's usage errors
            code = _usage_error(exc)
        except OSError as exc:
            if exc.filename is None:  # stdout closed or full: say so once, never a traceback
                code = _write_error(exc)
            else:  # a file or folder of ours that cannot be opened
                from escalate.output.terminal import emit_error

                emit_error(f"cannot open {exc.filename}: {exc.strerror or exc}")
                code = ExitCode.DOMAIN
        except Exception as exc:  # a bug: one line, never a traceback (unless asked for)
            if os.environ.get("ESCALATE_DEBUG"):
                raise
            from escalate.output.terminal import emit_error

            emit_error(
                f"unexpected error ({type(exc).__name__}: {str(exc)[:200]}); please report it",
                "ESCALATE_DEBUG=1 shows the details",
            )
            code = ExitCode.DOMAIN
        if standalone_mode:
            sys.exit(code)
        return code


def _ready_streams() -> None:
    """Streams that cannot fail on odd text: a closed stderr swallows warnings instead of
    ending the run, and characters an encoding lacks become '?'."""
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the program
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", "") == "strict":
            reconfigure(errors="replace")


def _write_error(exc: OSError) -> int:
    import errno

    from escalate.i18n import t
    from escalate.output.terminal import emit_error

    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - nothing more may reach the broken stream
    if exc.errno != errno.EPIPE:  # a closed pipe (| head) is not worth a message
        emit_error(t(_lang(None), "err.write", reason=exc.strerror or str(exc)))
    return ExitCode.DOMAIN


def _usage_error(exc: Any) -> int:
    from escalate.output.terminal import emit_error

    ctx = getattr(exc, "ctx", None)
    if type(exc).__name__ == "NoArgsIsHelpError":
        return ExitCode.USAGE  # typer has already printed the help
    command = ctx.command_path if ctx is not None else "escalate"
    try:
        message = _usage_message(exc)
    except Exception:  # a typer we do not know: its own English words, never a traceback
        message = str(exc.format_message())
    emit_error(message, f"{command} --help")
    return int(getattr(exc, "exit_code", ExitCode.USAGE))


_NO_SUCH_COMMAND = re.compile(r"No such command '(.*)'\.(?: Did you mean '(.*)'\?)?$", re.S)
_EXTRA = re.compile(r"Got unexpected extra argument(?:\(s\)|s)? \((.*)\)$", re.S)
_NOT_ONE_OF = re.compile(r"(?:Value error, )?('.*') is not one of (.*)\.$", re.S)


def _usage_message(exc: Any) -> str:
    """Typer's usage errors in the language of this run (typer writes most of them in English
    only): an unknown command or option, a missing or bad value, extra arguments."""
    from escalate.i18n import process_lang, t

    lang = process_lang()
    kind = type(exc).__name__
    param = getattr(exc, "param", None)
    hint = getattr(exc, "param_hint", None)
    if hint is None and param is not None:
        hint = param.get_error_hint()
    if isinstance(hint, list | tuple):
        hint = " / ".join(hint)
    message = str(getattr(exc, "message", "") or "")
    if kind == "NoSuchOption":
        return t(lang, "click.no_such_option", name=exc.option_name)
    if kind == "MissingParameter":
        return t(lang, "click.missing", name=hint or "?")
    if kind == "BadParameter":
        found = _NOT_ONE_OF.match(message)
        if found:
            return t(lang, "click.not_one_of", name=hint, value=found[1], choices=found[2])
        if "valid integer" in message:
            return t(lang, "click.not_a_number", name=hint)
        return t(lang, "click.bad_value", name=hint, detail=message.removeprefix("Value error, "))
    found = _NO_SUCH_COMMAND.match(message)
    if found:
        if found[2]:
            return t(lang, "click.no_such_command.did_you_mean", name=found[1], other=found[2])
        return t(lang, "click.no_such_command", name=found[1])
    found = _EXTRA.match(message)
    if found:
        return t(lang, "click.extra", args=found[1])
    if message == "Missing command.":
        return t(lang, "click.missing_command")
    return str(exc.format_message())


_APP_SETTINGS: dict[str, Any] = {
    "cls": _Group,
    "name": "escalate",
    "no_args_is_help": True,
    "pretty_exceptions_enable": False,
    "context_settings": {"help_option_names": ["-h", "--help"]},
    "help": _(
        "Get a problem with a Brazilian energy or telecom company solved: who to call,"
        " what to say, where to go next."
    ),
}


class _App(typer.Typer):
    """Builds only the command being run.

    Typer turns every command's signature into parameters before running any of them; with
    five commands that was a tenth of the start-up budget. When the first argument names a
    command, a one-command app runs it instead; help, completion and everything else get the
    full app. (typer.testing.CliRunner always uses the full app.)
    """

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        argv = kwargs.get("args", args[0] if args else sys.argv[1:])
        if argv and not any(k.endswith("_COMPLETE") for k in os.environ):
            for info in self.registered_commands:
                name = info.name or (info.callback.__name__ if info.callback else "")
                if name == argv[0]:
                    solo = typer.Typer(**_APP_SETTINGS)
                    solo.registered_callback = self.registered_callback
                    solo.registered_commands = [info]
                    return typer.Typer.__call__(solo, *args, **kwargs)
            if argv[0] in LAZY_GROUPS:
                solo = typer.Typer(**_APP_SETTINGS)
                solo.registered_callback = self.registered_callback
                solo.registered_groups = [self._lazy_group(argv[0])]
                return typer.Typer.__call__(solo, *args, **kwargs)
        return super().__call__(*args, **kwargs)

    # The command groups of LAZY_GROUPS join the app the first time its groups are read:
    # by the full app (help, completion, CliRunner), or one alone by __call__ above.
    @property
    def registered_groups(self) -> list[Any]:
        if not self.__dict__.get("_all_lazy"):
            self.__dict__["_all_lazy"] = True
            for name in LAZY_GROUPS:
                self._lazy_group(name)
        return self.__dict__["_groups"]  # type: ignore[no-any-return]

    @registered_groups.setter
    def registered_groups(self, value: list[Any]) -> None:
        self.__dict__["_groups"] = value

    def _lazy_group(self, name: str) -> Any:
        import importlib

        groups = self.__dict__["_groups"]
        for info in groups:
            if info.name == name:
                return info
        module_name, attribute = LAZY_GROUPS[name].split(":")
        scratch = typer.Typer()
        scratch.add_typer(getattr(importlib.import_module(module_name), attribute), name=name)
        groups.append(scratch.registered_groups[0])
        return groups[-1]


app = _App(**_APP_SETTINGS)


# --- shared helpers --------------------------------------------------------------------------


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


@app.callback()
def main(
    version: bool = typer.Option(
        False,
        "--version",
        callback=_version,
        is_eager=True,
        help=_("Show the version and the dates the data was checked."),
    ),
) -> None:
    """Get a problem with a Brazilian energy or telecom company solved."""


# --- the commands, one module each (they never import this module) ---------------------------
from escalate.cli import advise as _advise  # noqa: E402
from escalate.cli import checklist as _checklist  # noqa: E402
from escalate.cli import lookup as _lookup  # noqa: E402
from escalate.cli import tree as _tree  # noqa: E402
from escalate.cli import web as _web  # noqa: E402

app.command()(_lookup.lookup)
app.command()(_lookup.companies)
app.command()(_advise.advise)
app.command()(_tree.tree)
app.command()(_checklist.checklist)
app.command()(_web.web)
described(app)


# --- command groups in their own modules ------------------------------------------------------
# `case` and `data` are imported only when one of their commands runs (or for help and
# completion): their definitions cost every other command start-up time.
LAZY_GROUPS = {
    "case": "escalate.cli.case:case_app",
    "data": "escalate.cli.data:data_app",
    "site": "escalate.cli.web:site_app",
}
