"""What the commands share: language, catalogue, journal, clock, JSON output, name
resolution and its errors, completion. Never imports the app."""

# No "from __future__ import annotations": typer resolves every command's annotations at
# start-up (see main.py).
import datetime as dt
import sys
from typing import TYPE_CHECKING, Any, Literal

from typer.core import TyperCommand, TyperGroup

from escalate.errors import EscalateError
from escalate.i18n import _

if TYPE_CHECKING:
    from escalate.catalog.store import Catalog

# Literal choices rather than Enums: typer accepts both, and Enums cost start-up time.
Lang = Literal["pt", "en"]
SectorName = Literal["energy", "telecom"]


def _tty(stream: Any) -> bool:
    return stream is not None and not stream.closed and stream.isatty()


def _lang(value: str | None) -> str:
    """The language of the command (its --lang, else the environment), also for the error
    line its failure prints."""
    from escalate.i18n import choose, detect

    lang = detect(value)
    choose(lang)
    return lang


def _catalog(lang: str) -> "Catalog":
    from escalate.catalog import store as catalog
    from escalate.i18n import t

    loaded = catalog.default()
    if loaded.errors:
        from escalate.output.terminal import emit_warning

        for problem in loaded.errors:
            emit_warning(t(lang, "warn.bad_file", problem=problem.said(lang)[0]))
    return loaded


def _now() -> dt.datetime:
    from escalate import clock

    return clock.now()


def _print_json(data: dict[str, Any]) -> None:
    from escalate.output import json as json_output

    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    sys.stdout.write(json_output.text(data, ascii_only=not encoding.startswith("utf")) + "\n")
    sys.stdout.flush()


def _envelope(kind: str, **body: Any) -> dict[str, Any]:
    from escalate.output.json import envelope

    return envelope(kind, **body)


def _complete_names(incomplete: str) -> list[str]:
    try:
        from escalate.catalog import store as catalog
        from escalate.records.models import normalize

        prefix = normalize(incomplete) if incomplete else ""
        return [n for n in catalog.default().names() if n.startswith(prefix)]
    except Exception:
        return []


LANG_HELP = _("Language: pt or en (default: ESCALATE_LANG, then LANG).")


JSON_HELP = _("Print one JSON document (with schema_version).")


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
        raise journal.no_case(case_id)
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
    from escalate import clock

    return clock.local_now(record, unit)


def _today() -> dt.date:
    from escalate import clock

    return clock.today()


def _said_help(option: Any) -> Any:
    """Typer's --help option, its help in the language of this run."""
    if option is not None:
        option.help = _("Show this message and exit.")
    return option


class Command(TyperCommand):
    """A command whose --help option says what it does in the language of this run."""

    def get_help_option(self, ctx: Any) -> Any:
        return _said_help(super().get_help_option(ctx))


class Group(TyperGroup):
    """A group of commands whose --help option is translated (see Command)."""

    def get_help_option(self, ctx: Any) -> Any:
        return _said_help(super().get_help_option(ctx))


def described(app: Any) -> None:
    """Each command's help is its docstring, in the language of this run (the docstrings are
    message ids of the translation: scripts/messages.py extracts them), and so is its --help."""
    import inspect

    for info in app.registered_commands:
        doc = inspect.getdoc(info.callback)
        if info.help is None and doc:
            info.help = _(doc)
        if info.cls in (None, TyperCommand):  # typer's default: the same, its --help translated
            info.cls = Command


STAGE_HELP = _(
    "Where you are: start, sac-open, sac-failed, ouvidoria-open, ouvidoria-failed,"
    " regulator-open, regulator-failed, procon-failed (escalate tree explains each)."
)


PROBLEM_HELP = _(
    "hazard (risk to life), outage, billing, reconnection, damaged-appliance, service-quality,"
    " cancellation, technical-visit, meter-fraud, credit-listing, disconnection-notice,"
    " new-connection, other."
)


def _offered(names: Any, incomplete: str) -> list[str]:
    """The names (ids, then aliases as the data writes them) that start with what was typed,
    both folded as names are matched: 'relig' offers 'religação' and 'religacao'."""
    from escalate.records.models import normalize

    prefix = normalize(incomplete) if incomplete else ""
    return list(dict.fromkeys(n for n in names if normalize(n).startswith(prefix)))


def _complete_stages(incomplete: str) -> list[str]:
    """The ladder's stage ids and their aliases, from the data."""
    try:
        from escalate.catalog import store as catalog

        stages = catalog.default().rules("ladder").stages
        return _offered(
            [*(s.id for s in stages), *(a for s in stages for a in s.aliases)], incomplete
        )
    except Exception:
        return []


def _complete_problems(incomplete: str) -> list[str]:
    """The problem ids and their aliases, from the data."""
    try:
        from escalate.catalog import store as catalog

        problems = catalog.default().rules("problems").problems
        return _offered(
            [*(p.id for p in problems), *(a for p in problems for a in p.aliases)], incomplete
        )
    except Exception:
        return []


def _stage_id(ladder: Any, name: str | None) -> str | None:
    """The stage id an id or alias means ('sac-falhou' → sac-failed); a name the ladder does
    not know is returned as it is, for the advisor's error listing the valid stages."""
    if name is None:
        return None
    found = ladder.stage_named(name)
    return found.id if found is not None else name


def _problem_id(problems: Any, name: str | None) -> str | None:
    """The problem id an id or alias means ('religação' → reconnection); an unknown name is
    returned as it is, for the advisor's error listing the valid problems."""
    if name is None:
        return None
    found = problems.problem_named(name)
    return found.id if found is not None else name


# The outcomes of a contact are the journal's words, not data: what a person may type for
# each, in one place (matched without case, accents, spaces or hyphens).
OUTCOME_ALIASES: dict[str, tuple[str, ...]] = {
    "open": ("aberto", "aberta", "em-aberto"),
    "solved": ("resolvido", "resolvida"),
    "failed": ("não-resolvido", "nao-resolvido", "não-resolvida", "nao-resolvida", "falhou"),
    "no-answer": ("sem-resposta",),
}


def _outcome(name: str) -> str | None:
    """The journal's outcome a word means ('resolvido' → solved, 'Sem resposta' →
    no-answer), or None."""
    from escalate.records.models import normalize

    key = normalize(name)
    return next(
        (o for o, words in OUTCOME_ALIASES.items() if key in (o, *map(normalize, words))), None
    )


def _complete_outcomes(incomplete: str) -> list[str]:
    """The outcomes and the words people type for them."""
    return _offered(
        [*OUTCOME_ALIASES, *(w for ws in OUTCOME_ALIASES.values() for w in ws)], incomplete
    )


def _state_code(state: str, lang: str) -> str:
    from escalate import entry
    from escalate.output.explain import explained

    return explained(lambda: entry.state_code(state), lang)


def _served(record: Any) -> tuple[str, ...]:
    return tuple(sorted(record.states or {u.state for u in record.units}))


def _complete_channels(incomplete: str) -> list[str]:
    """The checklist channels, then the names people type for them (the data's aliases, as
    they are matched: 'consumidor-gov-br', 'pequenas-causas')."""
    try:
        from escalate.catalog import store as catalog

        book = catalog.default().rules("checklists")
        return _offered([*book.channels, *book.names], incomplete)
    except Exception:
        return []
