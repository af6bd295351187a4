"""The command line: parse, call the core, render, map errors to exit codes.

With ``cli_case.py`` and ``cli_data.py`` (the ``case`` and ``data`` commands, imported only
when they run), the only modules that import typer. Errors become one line on stderr (plus a
hint) and the exit codes of ``errors.ExitCode``; no traceback reaches the person at the
keyboard.
"""

# No "from __future__ import annotations" here: typer resolves every command's annotations at
# start-up, and string annotations would make it eval() each one on every run. Options are
# given as defaults (x: str = typer.Option(...)) rather than in Annotated[...]: building the
# Annotated types cost more start-up time than anything else in this module.
import datetime as dt
import json
import os
import sys
from typing import TYPE_CHECKING, Any, Literal

import typer
from typer.core import TyperGroup

from escalate import __version__
from escalate.errors import EscalateError, ExitCode, UnknownName, UsageError

if TYPE_CHECKING:
    from escalate.catalog.store import Catalog


# Literal choices rather than Enums: typer accepts both, and Enums cost start-up time.
Lang = Literal["pt", "en"]
SectorName = Literal["energy", "telecom"]


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
        code: int
        _ready_streams()
        try:
            if sys.stdout is None:  # started with standard output closed (>&-)
                raise EscalateError("cannot write the output: standard output is closed")
            rv = super().main(
                args, prog_name or "escalate", complete_var, standalone_mode=False, **extra
            )
            code = rv if isinstance(rv, int) else ExitCode.OK
        except EscalateError as exc:
            from escalate.output.terminal import emit_error

            emit_error(exc.message, exc.hint)
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
    emit_error(exc.format_message(), f"{command} --help")
    return int(getattr(exc, "exit_code", ExitCode.USAGE))


_APP_SETTINGS: dict[str, Any] = {
    "cls": _Group,
    "name": "escalate",
    "no_args_is_help": True,
    "pretty_exceptions_enable": False,
    "context_settings": {"help_option_names": ["-h", "--help"]},
    "help": "Get a problem with a Brazilian energy or telecom company solved: who to call,"
    " what to say, where to go next.",
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
    @property  # type: ignore[override]
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


def _tty(stream: Any) -> bool:
    return stream is not None and not stream.closed and stream.isatty()


def _lang(value: str | None) -> str:
    from escalate.i18n import detect

    return detect(value)


def _catalog(lang: str) -> "Catalog":
    from escalate.catalog import store as catalog
    from escalate.i18n import t

    loaded = catalog.default()
    if loaded.problems:
        from escalate.output.terminal import emit_warning

        for problem in loaded.problems:
            emit_warning(t(lang, "warn.bad_file", problem=problem.message))
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
    # Escaped (\u00e1) where stdout cannot write UTF-8: never "?" inside a JSON document.
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    text = json.dumps(data, ensure_ascii=not encoding.startswith("utf"), indent=2)
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def _complete_names(incomplete: str) -> list[str]:
    try:
        from escalate.catalog import store as catalog
        from escalate.records.models import normalize

        prefix = normalize(incomplete) if incomplete else ""
        return [n for n in catalog.default().names() if n.startswith(prefix)]
    except Exception:
        return []


def _unknown(exc: UnknownName, lang: str) -> EscalateError:
    from escalate.i18n import t
    from escalate.printable import printable

    shown = printable(exc.name, 60)
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


LANG_HELP = "Language: pt or en (default: ESCALATE_LANG, then LANG)."
JSON_HELP = "Print one JSON document (with schema_version)."


@app.callback()
def main(
    version: bool = typer.Option(
        False,
        "--version",
        callback=_version,
        is_eager=True,
        help="Show the version and the dates the data was checked.",
    ),
) -> None:
    """Get a problem with a Brazilian energy or telecom company solved."""


def _journal() -> Any:
    """The journal, for a command that writes to it (created on first use)."""
    from escalate import paths
    from escalate.cases import journal

    path = paths.user_home() / "journal.sqlite3"
    try:
        return journal.connect(path)
    except OSError as exc:  # a home folder that cannot be read or written
        raise EscalateError(
            f"cannot open the journal {path}: {exc.strerror or exc}",
            hint="check the folder's permissions, or set ESCALATE_HOME to another folder",
        ) from None


def _stored_case(case_id: int) -> Any:
    """A case of the journal, read without creating a journal where there is none."""
    from escalate.cases import journal

    conn = _journal_to_read()
    if conn is None:
        raise journal.JournalError(f"no case {case_id}", hint="escalate case list")
    return journal.get_case(conn, case_id)


def _case_company(catalog: Any, case: Any) -> Any:
    """The record of a case's company, or None if the catalogue no longer has it."""
    from escalate import entry

    return entry.case_company(catalog, case)


def _journal_to_read() -> Any:
    """The journal, for a command that only reads it: None when there is none yet."""
    from escalate import paths
    from escalate.cases import journal

    path = paths.user_home() / "journal.sqlite3"
    try:
        return journal.open_to_read(path)
    except OSError as exc:
        raise EscalateError(
            f"cannot open the journal {path}: {exc.strerror or exc}",
            hint="check the folder's permissions, or set ESCALATE_HOME to another folder",
        ) from None


def _local_now(record: Any = None, unit: Any = None) -> dt.datetime:
    """The wall-clock time where the company is (its unit's zone, else its own)."""
    from zoneinfo import ZoneInfo

    zone = (unit.timezone if unit is not None else None) or (
        record.timezone if record is not None else "America/Sao_Paulo"
    )
    return _now().astimezone(ZoneInfo(zone)).replace(tzinfo=None)


def _today() -> dt.date:
    return _now().astimezone(dt.timezone(dt.timedelta(hours=-3))).date()


# --- commands --------------------------------------------------------------------------------


@app.command()
def lookup(
    company: str = typer.Argument(
        ...,
        help="Company or public body: id or alias (elektro, claro, net, cemig, aneel …).",
        autocompletion=_complete_names,
        show_default=False,
    ),
    state: str | None = typer.Option(
        None, "--state", "-s", help="Narrow a group such as Equatorial to one state (PA)."
    ),
    sources: bool = typer.Option(False, "--sources", help="List the sources of the facts."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    lang: Lang | None = typer.Option(None, "--lang", help=LANG_HELP),
) -> None:
    """Show every channel of a company: phones, hours, SMS keywords, ouvidoria, public bodies."""
    from escalate.advice import lookup as core
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
    from escalate.output.terminal import emit, lookup_lines

    emit(lookup_lines(result, language, show_sources=sources))


@app.command()
def companies(
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    lang: Lang | None = typer.Option(None, "--lang", help=LANG_HELP),
) -> None:
    """List the companies escalate knows: id, name, sector, states, channels."""
    from escalate.advice import lookup as core

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
    from escalate.output.terminal import companies_lines, emit

    emit(companies_lines(rows, language))


# --- advise ----------------------------------------------------------------------------------

STAGE_HELP = (
    "Where you are: start, sac-open, sac-failed, ouvidoria-open, ouvidoria-failed,"
    " regulator-open, regulator-failed, procon-failed (escalate tree explains each)."
)
PROBLEM_HELP = (
    "hazard (risk to life), outage, billing, reconnection, damaged-appliance, service-quality,"
    " cancellation, technical-visit, meter-fraud, credit-listing, disconnection-notice,"
    " new-connection, other."
)


def _complete_stages(incomplete: str) -> list[str]:
    """The ladder's stage ids, from the data."""
    try:
        from escalate.catalog import store as catalog

        stages = catalog.default().rules("ladder").stages
        return [s.id for s in stages if s.id.startswith(incomplete.lower())]
    except Exception:
        return []


def _complete_problems(incomplete: str) -> list[str]:
    """The problem ids, from the data."""
    try:
        from escalate.catalog import store as catalog

        problems = catalog.default().rules("problems").problems
        return [p.id for p in problems if p.id.startswith(incomplete.lower())]
    except Exception:
        return []


@app.command()
def advise(
    company: str | None = typer.Option(
        None,
        "--company",
        "-c",
        help="The company (elektro, claro …).",
        autocompletion=_complete_names,
    ),
    stage: str | None = typer.Option(
        None, "--stage", help=STAGE_HELP, autocompletion=_complete_stages
    ),
    problem: str | None = typer.Option(
        None, "--problem", "-p", help=PROBLEM_HELP, autocompletion=_complete_problems
    ),
    since: str | None = typer.Option(
        None,
        "--since",
        help="Date of your last protocol, YYYY-MM-DD, with the hour for deadlines in hours"
        ' ("2026-11-29 14:30").',
    ),
    event_date: str | None = typer.Option(
        None,
        "--event-date",
        help="When the problem happened (the surge, the disconnection notice), YYYY-MM-DD.",
    ),
    area: str | None = typer.Option(
        None, "--area", help="urban or rural: the reconnection and new-connection deadlines."
    ),
    cut: str | None = typer.Option(
        None,
        "--cut",
        help="normal, urgent or wrongful: how the power was cut and what you asked for.",
    ),
    appliance: str | None = typer.Option(
        None,
        "--appliance",
        help="perishable (a fridge or freezer holding food or medicines) or other.",
    ),
    request_channel: str | None = typer.Option(
        None, "--request", help="agent or online: how you asked for a cancellation."
    ),
    amount: str | None = typer.Option(
        None, "--amount", help="Amount in dispute in reais (1500,50)."
    ),
    sector: SectorName | None = typer.Option(
        None, "--sector", help="energy or telecom, without a company."
    ),
    state: str | None = typer.Option(
        None, "--state", "-s", help="The state, for groups such as Equatorial."
    ),
    protocol: bool | None = typer.Option(
        None, "--protocol/--no-protocol", help="Whether you have the earlier protocol."
    ),
    case: int | None = typer.Option(
        None, "--case", help="Take company, problem, stage and dates from a case in your journal."
    ),
    interview: bool = typer.Option(
        False, "--interview", "-i", help="Ask the questions even without a terminal."
    ),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    lang: Lang | None = typer.Option(None, "--lang", help=LANG_HELP),
) -> None:
    """Say where to go next, by when, and what comes after."""
    from escalate import entry
    from escalate.advice import advisor
    from escalate.i18n import t

    language = _lang(lang)
    catalog = _catalog(language)
    rules = advisor.rules_from(catalog)
    today = _today()
    found = _stored_case(case) if case is not None else None
    since_date = amount_value = since_time = event_day = None
    if since or amount or event_date:
        from escalate.advice import interview as questions

        if since:
            since_date, since_time = questions.parse_moment(since, today=today, lang=language)
        if event_date is not None:
            event_day = questions.parse_date(event_date, today=today, lang=language)
        amount_value = questions.parse_amount(amount, lang=language) if amount else None
    answers = {
        name: value
        for name, value in (
            ("area", area),
            ("cut", cut),
            ("appliance", appliance),
            ("request", request_channel),
        )
        if value is not None
    }

    if found is None and stage is None and problem != "hazard":  # ask, in a terminal
        if not (interview or (_tty(sys.stdin) and _tty(sys.stdout))):
            raise UsageError(t(language, "err.no_stage"), hint=t(language, "err.no_stage.hint"))
        record = None
        if company is not None:
            record = _explained(lambda: entry.find_company(catalog, company), language)[0]
        asked = _interview(catalog, rules, language, today, record, sector, problem, state)
        if asked.company and company is None:
            company = asked.company
        sector = sector or asked.sector
        problem = asked.problem
        stage = asked.stage
        since_date = since_date or asked.since
        since_time = since_time or asked.since_time
        event_day = event_day or asked.event
        answers = {**asked.circumstances, **answers}
        state = state or asked.state
        amount_value = amount_value or asked.amount
        protocol = protocol if protocol is not None else asked.has_protocol

    result = _explained(
        lambda: entry.advise_for(
            catalog=catalog,
            rules=rules,
            today=today,
            now_at=_local_now,
            company=company,
            state=state,
            sector=sector,
            stage=stage,
            problem=problem,
            since=since_date,
            since_time=since_time,
            event=event_day,
            amount=amount_value,
            has_protocol=protocol,
            answers=answers or None,
            case=found,
        ),
        language,
        stage=stage,
        problem=problem,
    )
    if result is None:  # the case is solved
        typer.echo(t(language, "case.solved", id=case))
        return
    request, advice = result.request, result.advice
    if as_json:
        from escalate.advice.lookup import JSON_SCHEMA_VERSION
        from escalate.output.advice import advice_json

        _print_json(
            advice_json(advice, request=_request_json(result), schema_version=JSON_SCHEMA_VERSION)
        )
        return
    from escalate.output.advice import advice_lines
    from escalate.output.terminal import emit

    problem_label = (
        next(
            (
                p.label_for(request.sector)
                for p in rules.problems.problems
                if p.id == request.problem
            ),
            None,
        )
        if request.problem
        else None
    )
    moved = rules.ladder.stage(advice.stage).summary if advice.stage != request.stage else None
    emit(
        advice_lines(
            advice,
            language,
            stage_summary=rules.ladder.stage(request.stage).summary,
            moved_summary=moved,
            problem_label=problem_label,
            protocols=[(c.channel, c.protocol, c.date) for c in result.protocols],
        )
    )


def _request_json(result: Any) -> dict[str, Any]:
    """The request as advise understood it, echoed in advise --json."""
    request = result.request
    return {
        "company": result.company.id if result.company else None,
        "unit": result.unit.id if result.unit else None,
        "sector": request.sector.value if request.sector else None,
        "stage": request.stage,
        "problem": request.problem,
        "since": request.since.isoformat() if request.since else None,
        "since_time": request.since_time.strftime("%H:%M") if request.since_time else None,
        "event_date": request.event.isoformat() if request.event else None,
        "circumstances": dict(sorted(request.answers.items())),
        "amount": str(request.amount) if request.amount is not None else None,
        "has_protocol": request.has_protocol,
        "today": request.today.isoformat(),
        "case": result.case_id,
        "protocols": [
            {"channel": c.channel, "protocol": c.protocol, "date": c.date.isoformat()}
            for c in result.protocols
        ],
    }


def _interview(
    catalog: Any,
    rules: Any,
    language: str,
    today: dt.date,
    record: Any,
    sector: str | None,
    problem: str | None,
    state: str | None,
) -> Any:
    """The interview's answers, asked on the terminal."""
    from escalate.advice import interview as questions
    from escalate.output.terminal import TerminalAsker

    def resolve(name: str) -> tuple[str | None, str | None, list[str]]:
        try:
            found, _unit_id = catalog.resolve(name)
        except UnknownName as exc:
            return None, None, exc.suggestions
        return found.id, found.sector, []

    try:
        return questions.run(
            TerminalAsker(),
            lang=language,
            today=today,
            ladder=rules.ladder,
            problems=rules.problems,
            resolve_company=resolve,
            company=record.id if record else None,
            sector=sector,
            problem=problem,
            states_of=lambda company_id: _served(catalog.record(company_id)),
            state=state.strip().upper() if state else None,
        )
    except EOFError:
        from escalate.i18n import t

        raise UsageError(t(language, "err.eof"), hint=t(language, "err.no_stage.hint")) from None


def _explained(
    call: Any, lang: str, *, stage: str | None = None, problem: str | None = None
) -> Any:
    """Run a core entry point; its typed errors become one line in the person's language."""
    from escalate import entry
    from escalate.advice import advisor
    from escalate.advice.lookup import StateNotServed
    from escalate.i18n import t
    from escalate.printable import printable

    try:
        return call()
    except UnknownName as exc:
        raise _unknown(exc, lang) from None
    except entry.NotACompany as exc:
        raise EscalateError(
            t(lang, "err.not_company", name=exc.record.name, id=exc.record.id)
        ) from None
    except entry.BadState as exc:
        raise UsageError(t(lang, "err.state.bad", state=exc.state[:40])) from None
    except StateNotServed as exc:
        served = sorted(exc.record.states or {u.state for u in exc.record.units})
        raise EscalateError(
            t(
                lang,
                "err.state",
                name=exc.record.name,
                state=exc.state[:10],
                states=", ".join(served),
            )
        ) from None
    except entry.SectorMismatch as exc:
        sector = exc.record.sector.value if exc.record.sector else ""
        raise UsageError(
            t(
                lang,
                "err.sector",
                company=exc.record.name,
                sector=t(lang, f"sectorname.{sector}"),
                given=t(lang, f"sectorname.{exc.sector}"),
            )
        ) from None
    except entry.ProblemNotForSector as exc:
        raise _problem_sector_error(exc.problem, exc.record, lang) from None
    except advisor.UnknownStage as exc:
        raise UsageError(
            t(lang, "err.stage", stage=(stage or "")[:40]),
            hint=t(lang, "err.stage.hint", stages=", ".join(exc.valid)),
        ) from None
    except advisor.UnknownProblem as exc:
        raise UsageError(
            t(lang, "err.problem", problem=(problem or "")[:40]),
            hint=t(lang, "err.problem.hint", problems=", ".join(exc.valid)),
        ) from None
    except advisor.UnknownChoice as exc:
        raise UsageError(
            t(lang, "err.choice", option=exc.question, value=printable(exc.value, 40)),
            hint=t(lang, "err.choice.hint", choices=", ".join(exc.valid)),
        ) from None


def _company(catalog: Any, name: str, lang: str) -> tuple[Any, str | None]:
    """The company a name means and the unit it named, or a one-line error."""
    from escalate import entry

    return _explained(lambda: entry.find_company(catalog, name), lang)  # type: ignore[no-any-return]


def _problem(problems: Any, name: str, lang: str) -> Any:
    from escalate.i18n import t

    found = next((p for p in problems.problems if p.id == name), None)
    if found is None:
        raise UsageError(
            t(lang, "err.problem", problem=name[:40]),
            hint=t(lang, "err.problem.hint", problems=", ".join(p.id for p in problems.problems)),
        )
    return found


def _sectors_text(sectors: Any, lang: str) -> str:
    from escalate.i18n import t

    return ", ".join(t(lang, f"sectorname.{s.value}") for s in sectors)


def _check_problem_sector(problems: Any, problem: str, record: Any, lang: str) -> None:
    found = next((p for p in problems.problems if p.id == problem), None)
    if found is not None and record.sector not in found.sectors:
        raise _problem_sector_error(found, record, lang)


def _problem_sector_error(found: Any, record: Any, lang: str) -> EscalateError:
    from escalate.i18n import t

    return UsageError(
        t(
            lang,
            "err.problem_sector",
            problem=found.id,
            sectors=_sectors_text(found.sectors, lang),
            company=record.name,
            sector=t(lang, f"sectorname.{record.sector.value}"),
        )
    )


def _state_code(state: str, lang: str) -> str:
    from escalate import entry

    return _explained(lambda: entry.state_code(state), lang)  # type: ignore[no-any-return]


def _served(record: Any) -> tuple[str, ...]:
    return tuple(sorted(record.states or {u.state for u in record.units}))


def _unit(record: Any, unit_id: str | None, state: str | None, lang: str) -> Any:
    """The unit named, else the one serving the state, or a one-line error."""
    from escalate import entry

    return _explained(lambda: entry.unit_for(record, unit_id, state), lang)


# --- tree ------------------------------------------------------------------------------------


@app.command()
def tree(
    sector: SectorName = typer.Option(
        "energy", "--sector", help="energy (ANEEL) or telecom (Anatel)."
    ),
    fmt: Literal["text", "mermaid"] = typer.Option(
        "text", "--format", help="text, or mermaid for a flowchart in docs."
    ),
    lang: Lang | None = typer.Option(None, "--lang", help=LANG_HELP),
) -> None:
    """Show the escalation ladder: the stages, where each leads, the deadlines."""
    from escalate.advice import advisor

    language = _lang(lang)
    catalog = _catalog(language)
    rules = advisor.rules_from(catalog)
    companies = {e.id: e.name for e in catalog.companies() if e.sector == sector}
    from escalate.output.advice import mermaid, tree_lines

    if fmt == "mermaid":
        sys.stdout.write(mermaid(rules.ladder, sector=sector, lang=language, bodies=rules.bodies))
        return
    from escalate.output.terminal import emit

    emit(
        tree_lines(
            rules.ladder,
            sector=sector,
            lang=language,
            bodies=rules.bodies,
            companies=companies,
        )
    )


# --- checklist -------------------------------------------------------------------------------


def _complete_channels(incomplete: str) -> list[str]:
    try:
        from escalate.catalog import store as catalog

        book = catalog.default().rules("checklists")
        return [c for c in book.channels if c.startswith(incomplete.lower())]
    except Exception:
        return []


@app.command()
def checklist(
    channel: str = typer.Argument(
        ...,
        help="sac, ouvidoria, aneel, anatel, consumidor-gov, procon, reclame-aqui, juizado,"
        " justica-comum (also: jec, pequenas-causas, consumidor.gov.br …).",
        autocompletion=_complete_channels,
        show_default=False,
    ),
    company: str | None = typer.Option(
        None, "--company", "-c", help="Tailor to a company.", autocompletion=_complete_names
    ),
    problem: str | None = typer.Option(
        None, "--problem", "-p", help=PROBLEM_HELP, autocompletion=_complete_problems
    ),
    sector: SectorName | None = typer.Option(
        None, "--sector", help="energy or telecom, without a company."
    ),
    state: str | None = typer.Option(
        None, "--state", "-s", help="Your state (SP): where a state's Procon is reached."
    ),
    fmt: Literal["text", "markdown"] = typer.Option(
        "text", "--format", help="text, or markdown with boxes to print."
    ),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    lang: Lang | None = typer.Option(None, "--lang", help=LANG_HELP),
) -> None:
    """List what to bring to a channel, and why; tailored to a company and a problem."""
    from escalate.advice import checklists as core
    from escalate.i18n import t

    language = _lang(lang)
    catalog = _catalog(language)
    book = catalog.rules("checklists")
    record, unit_id = _company(catalog, company, language) if company is not None else (None, None)
    problems = catalog.rules("problems") if problem else None
    problem_record = _problem(problems, problem, language) if problem else None
    code = None
    if state is not None or unit_id is not None or record is not None:
        unit = _unit(record, unit_id, state, language) if record is not None else None
        code = _state_code(state, language) if state is not None else None
        from escalate.advice.deadlines import holiday_state

        code = holiday_state(record, unit, code)
    from escalate.records.models import Sector

    try:
        result = core.build(
            book,
            channel,
            company=record,
            sector=Sector(sector) if sector else None,
            problem=problem_record,
            state=code,
            bodies={e.id: catalog.record(e.id) for e in catalog.bodies()},
        )
    except UnknownName as exc:
        from escalate.printable import printable

        shown = printable(channel, 60)
        hint = (
            t(language, "err.did_you_mean", names=", ".join(exc.suggestions))
            if exc.suggestions
            else t(language, "err.channel.hint", channels=", ".join(book.channels))
        )
        raise EscalateError(t(language, "err.channel", name=shown), hint=hint) from None
    if record is not None and record.sector not in result.checklist.sectors:
        raise UsageError(
            t(
                language,
                "err.channel_sector",
                channel=result.checklist.title.get(language),
                sectors=_sectors_text(result.checklist.sectors, language),
                company=record.name,
                sector=t(language, f"sectorname.{record.sector.value}"),
            )
        )
    if record is not None and problem:
        _check_problem_sector(problems, problem, record, language)
    if as_json:
        from escalate.advice.lookup import JSON_SCHEMA_VERSION

        _print_json(
            result.to_json(schema_version=JSON_SCHEMA_VERSION, verified_on=book.verified_on)
        )
        return
    if fmt == "markdown":
        from escalate.output.checklist import checklist_markdown

        sys.stdout.write(checklist_markdown(result, language, verified_on=book.verified_on))
        return
    from escalate.output.checklist import checklist_lines
    from escalate.output.terminal import emit

    emit(checklist_lines(result, language, verified_on=book.verified_on))


# --- command groups in their own modules ------------------------------------------------------
# `case` and `data` are imported only when one of their commands runs (or for help and
# completion): their definitions cost every other command start-up time.
LAZY_GROUPS = {"case": "escalate.cli.case:case_app", "data": "escalate.cli.data:data_app"}
