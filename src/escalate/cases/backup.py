"""A backup file from outside (``escalate case import FILE``), read and validated at one boundary.

``read_file`` takes the bytes of a regular file of bounded size without ever blocking (a FIFO,
``/dev/zero`` or a folder is refused before a byte is read). ``parse`` turns those bytes into a
``Backup`` whose every field is valid: strict JSON types, no unknown fields, known companies,
units, channels and problems, real dates between the Consumer Defence Code and today, printable
text within the limits, valid CPFs, unique ids. Anything else is one ``BackupError`` naming the
first problem's place in the document (``cases[2].contacts[0].date``) and never echoing more
than 60 characters of what the file holds, with control characters replaced. Every problem is
an English template marked ``N_`` with its values (``_Text``): the line is said in the person's
language (``BackupError.said``), the place and what the file holds being values, cleaned.

The validated records are ``Value``s (cheap to define, immutable, compared by value);
``document`` gives back the JSON shape ``journal.export_all`` writes, key for key.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import re
import stat
from collections.abc import Container, Mapping
from pathlib import Path
from typing import Any, NamedTuple, NoReturn

from escalate.cases import limits
from escalate.errors import N_, EscalateError
from escalate.printable import printable
from escalate.records.value import Value

FORMAT_VERSION = 1  # the backup's own "schema_version"
KIND = "journal"
STATUSES = ("open", "closed")
SHOWN = 60  # characters of a value from the file that an error message may echo

# TRANSLATORS: {problem} is one of the problems below, already in Portuguese.
_PREFIX = N_("the backup was not imported: {problem}")
_UPGRADE = N_("upgrade escalate")
_TOP_FIELDS = ("schema_version", "kind", "journal_schema", "cases")
_CASE_FIELDS = (
    "uid",
    "company",
    "unit",
    "state",
    "problem",
    "title",
    "status",
    "created",
    "closed",
    "cpf",
    "event_date",
    "event_time",
    "account",
    "want",
    "story",
    "contacts",
)
_CONTACT_FIELDS = ("uid", "channel", "protocol", "date", "outcome", "note")
# Case fields that appeared with a journal schema: older backups do not have them (null).
_CASE_FIELD_SINCE = {
    "state": 3,
    **dict.fromkeys(("event_date", "event_time", "account", "want", "story"), 4),
}

_UID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_CPF = re.compile(r"[0-9]{11}")
_TIME = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")


class _Text:
    """An English template marked ``N_`` and its values: a value that is itself a ``_Text``
    (what kind of JSON value the file holds, the problem) is said in the same language."""

    __slots__ = ("template", "values")

    def __init__(self, template: str, **values: object) -> None:
        self.template = template
        self.values = values

    def said(self, lang: str) -> str:
        template = self.template
        if lang != "en":
            from escalate.i18n import translated

            template = translated(lang, template)
        values = {k: v.said(lang) if isinstance(v, _Text) else v for k, v in self.values.items()}
        return template.format(**values)


class BackupError(EscalateError):
    """One line naming the place and the problem, e.g.
    "the backup was not imported: cases[2].contacts[0].date: 9999-12-31 is in the future",
    in English in ``message``, in the person's language from ``said``."""

    def __init__(self, problem: _Text, *, hint: str | None = None, where: str = "") -> None:
        self.line = _Text(_PREFIX, problem=problem)
        super().__init__(self.line.said("en"), hint=hint)
        self.where = where  # "cases[2].contacts[0].date", or "" for the file as a whole

    def said(self, lang: str) -> tuple[str, str | None]:
        if lang == "en":
            return self.message, self.hint
        from escalate.i18n import translated

        return self.line.said(lang), translated(lang, self.hint) if self.hint else None


class Known(NamedTuple):
    """What the catalogue knows, given by the caller."""

    companies: Mapping[str, frozenset[str]]  # company id -> its unit ids (empty set if none)
    channels: frozenset[str]  # contact channel ids
    problems: frozenset[str]  # problem ids
    states: frozenset[str]  # the 27 state codes
    remedies: frozenset[str] = frozenset()  # remedy ids (what a case may ask for)


class BackupContact(Value):
    uid: str
    channel: str
    protocol: str | None
    date: dt.date
    outcome: str
    note: str | None


class BackupCase(Value):
    uid: str
    company: str
    unit: str | None
    state: str | None
    problem: str | None
    title: str
    status: str
    created: dt.date
    closed: dt.date | None
    cpf: str | None  # 11 digits
    contacts: tuple[BackupContact, ...]
    event_date: dt.date | None = None
    event_time: dt.time | None = None
    account: str | None = None
    want: tuple[str, ...] = ()
    story: str | None = None


class Backup(Value):
    journal_schema: int
    cases: tuple[BackupCase, ...]


# --- reading the file --------------------------------------------------------------------------


def read_file(path: Path) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limits.BACKUP_MAX_BYTES``."""
    shown = printable(str(path))
    flags = (
        os.O_RDONLY
        | getattr(os, "O_NONBLOCK", 0)
        | getattr(os, "O_CLOEXEC", 0)
        | getattr(os, "O_BINARY", 0)
    )
    not_a_file = N_("{path} is {kind}, not a file")
    cannot_read = N_("cannot read {path}: {reason}")
    try:
        fd = os.open(path, flags)
    except IsADirectoryError:
        raise _error("", not_a_file, path=shown, kind=_Text(_FOLDER)) from None
    except OSError as exc:
        raise _error("", cannot_read, path=shown, reason=_reason(exc)) from None
    limit = limits.BACKUP_MAX_BYTES
    too_big = N_("{path} is larger than {size} MB, the most a backup can be")
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise _error("", not_a_file, path=shown, kind=_file_kind(status.st_mode))
        if status.st_size > limit:
            raise _error("", too_big, path=shown, size=limit // 2**20)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(limit + 1)  # the file may have grown since fstat
    except OSError as exc:
        raise _error("", cannot_read, path=shown, reason=_reason(exc)) from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise _error("", too_big, path=shown, size=limit // 2**20)
    return data


# The system's reasons a file cannot be read, as Python gives them in English: said in the
# person's language when the system's words are these (any other reason is shown as it is).
_REASONS = {
    errno.ENOENT: N_("No such file or directory"),
    errno.EACCES: N_("Permission denied"),
    errno.EPERM: N_("Operation not permitted"),
    errno.ENOTDIR: N_("Not a directory"),
    errno.EISDIR: N_("Is a directory"),
    errno.ELOOP: N_("Too many levels of symbolic links"),
    errno.ENAMETOOLONG: N_("File name too long"),
    errno.EIO: N_("Input/output error"),
    errno.ENXIO: N_("No such device or address"),
    errno.EMFILE: N_("Too many open files"),
    errno.ENFILE: N_("Too many open files in system"),
}
_FOLDER = N_("a folder")


def _reason(exc: OSError) -> _Text | str:
    reason = exc.strerror or printable(str(exc), 100)
    return _Text(reason) if _REASONS.get(exc.errno or 0) == reason else reason


def _file_kind(mode: int) -> _Text:
    if stat.S_ISDIR(mode):
        return _Text(_FOLDER)
    if stat.S_ISFIFO(mode):
        return _Text(N_("a named pipe (FIFO)"))
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _Text(N_("a device"))
    if stat.S_ISSOCK(mode):
        return _Text(N_("a socket"))
    return _Text(N_("a special file"))


# --- parsing -----------------------------------------------------------------------------------


def parse(data: bytes, *, known: Known, today: dt.date, journal_schema: int) -> Backup:
    """The backup in ``data``, every field valid; ``journal_schema`` is the newest this
    program knows (``journal.SCHEMA_VERSION``)."""
    raw = _json(data)
    return _Checker(known, today, journal_schema).backup(raw)


def _json(data: bytes) -> Any:
    if not data.strip():
        _fail("", N_("the file is empty"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        _fail(
            "",
            N_("the file is not UTF-8 text (byte 0x{byte} at {at})"),
            byte=f"{data[exc.start]:02x}",
            at=exc.start,
        )
    try:
        return json.loads(
            text, object_pairs_hook=_no_repeats, parse_constant=_no_constant, parse_int=_int
        )
    except _RepeatedKey as exc:
        _fail("", N_("the key {key} appears twice in one object"), key=_show(exc.key))
    except RecursionError:
        _fail("", N_("the file nests too deeply to be a backup"))
    except ValueError as exc:  # json.JSONDecodeError, and numbers of thousands of digits
        _fail("", N_("not JSON: {reason}"), reason=_json_reason(exc))


# What Python's JSON reader says is wrong (its words, in English; Python 3.13 adds the last two).
_JSON_PROBLEMS = frozenset(
    {
        N_("Expecting value"),
        N_("Expecting property name enclosed in double quotes"),
        N_("Expecting ':' delimiter"),
        N_("Expecting ',' delimiter"),
        N_("Unterminated string starting at"),
        N_("Invalid control character at"),
        N_("Invalid \\escape"),
        N_("Invalid \\uXXXX escape"),
        N_("Extra data"),
        N_("Illegal trailing comma before end of object"),
        N_("Illegal trailing comma before end of array"),
    }
)


def _json_reason(exc: ValueError) -> _Text | str:
    """Why the file is not JSON, said in the person's language when the reader's words are
    known; the English is what the reader says, cut at 100 characters, control characters
    replaced."""
    english = printable(str(exc), 100)
    reason: _Text
    if isinstance(exc, _NotJson):
        reason = exc.reason
    elif isinstance(exc, json.JSONDecodeError) and exc.msg in _JSON_PROBLEMS:
        reason = _Text(
            # TRANSLATORS: {problem} is what the JSON reader found wrong, e.g. "Extra data".
            N_("{problem}: line {line} column {column} (char {char})"),
            problem=_Text(exc.msg),
            line=exc.lineno,
            column=exc.colno,
            char=exc.pos,
        )
    else:
        return english
    return reason if reason.said("en") == english else english


class _NotJson(ValueError):
    """A value the JSON reader is told to refuse, with its reason as a template."""

    def __init__(self, reason: _Text) -> None:
        super().__init__(reason.said("en"))
        self.reason = reason


class _RepeatedKey(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _no_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object with a key twice is refused: JSON readers disagree on which one wins."""
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _RepeatedKey(key)
            seen.add(key)
    return result


def _int(text: str) -> int:
    """Numbers of more than 20 digits are no ids or versions (and thousands cost time)."""
    if len(text) > 20:
        raise _NotJson(_Text(N_("a number of {count} digits"), count=len(text)))
    return int(text)


def _no_constant(name: str) -> Any:
    raise _NotJson(_Text(N_("{name} is not a JSON value"), name=name))


def _error(where: str, template: str, *, hint: str | None = None, **values: object) -> BackupError:
    """The one place a message is built: ``template`` (marked ``N_``; "{where}: …" when the
    problem has a place in the document) with ``values``, every one from the file cleaned
    (``_show``, ``printable``) by the caller."""
    return BackupError(_Text(template, where=where, **values), hint=hint, where=where)


def _fail(where: str, template: str, *, hint: str | None = None, **values: object) -> NoReturn:
    raise _error(where, template, hint=hint, **values)


def _show(value: str) -> str:
    """A value from the file as it may appear in a message: quoted, at most 60 characters,
    control characters and lone surrogates (from JSON escapes) replaced by '?'."""
    text = value[: SHOWN + 1]
    if not text.isascii():
        text = "".join("?" if "\ud800" <= ch <= "\udfff" else ch for ch in text)
    return "'" + printable(text, SHOWN) + "'"


def _type(value: Any) -> _Text | str:
    """What kind of JSON value ``value`` is, for "expected …, got {type}" (null, true and
    false as JSON writes them)."""
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, float):
        return _Text(N_("a number with a decimal point"))
    if isinstance(value, int):
        return _Text(N_("a number"))
    if isinstance(value, str):
        return _Text(N_("text"))
    if isinstance(value, list):
        return _Text(N_("a list"))
    return _Text(N_("an object"))


_EXPECTED_TEXT = N_("{where}: expected text, got {type}")
_EXPECTED_TEXT_OR_NULL = N_("{where}: expected text or null, got {type}")


def _at(where: str, key: str) -> str:
    key = _show(key)[1:-1] if not re.fullmatch(r"[a-z_]{1,30}", key) else key
    return f"{where}.{key}" if where else key


class _Checker:
    """One walk over the parsed JSON; raises at the first problem, in document order."""

    def __init__(self, known: Known, today: dt.date, journal_schema: int) -> None:
        from escalate.cases.journal import (
            OUTCOMES,  # lazily: journal may come to import this module
        )

        self.known = known
        self.today = today
        self.newest = journal_schema
        self.outcomes = OUTCOMES
        self.case_uids: dict[str, str] = {}
        self.contact_uids: dict[str, str] = {}

    # -- structure

    def fields(
        self, value: Any, where: str, fields: tuple[str, ...], optional: frozenset[str]
    ) -> dict[str, Any]:
        if type(value) is not dict:
            _fail(where, N_("{where}: expected an object, got {type}"), type=_type(value))
        for key in value:
            if key not in fields:
                at = _at(where, key)  # "" for a key "" of the document itself
                _fail(at, N_("{where}: unknown field") if at else N_("unknown field"))
        for key in fields:
            if key not in value and key not in optional:
                _fail(_at(where, key), N_("{where}: missing"))
        return value

    def items(self, value: Any, where: str, most: int, too_many: str) -> list[Any]:
        """A list of at most ``most`` items; ``too_many`` says so ("{count} cases, …")."""
        if type(value) is not list:
            _fail(where, N_("{where}: expected a list, got {type}"), type=_type(value))
        if len(value) > most:
            _fail(where, too_many, count=len(value), most=most)
        return value

    def backup(self, raw: Any) -> Backup:
        if type(raw) is not dict:
            _fail(
                "",
                N_("the file holds {type}, not an escalate backup (a JSON object)"),
                type=_type(raw),
            )
        kind = raw.get("kind")
        if kind != KIND:
            if "kind" not in raw:
                _fail("kind", N_("{where}: missing: this is not a backup of an escalate journal"))
            _fail(
                "kind",
                N_("{where}: {value}, not '{kind}': this is not a backup of an escalate journal"),
                value=_show(kind) if isinstance(kind, str) else _type(kind),
                kind=KIND,
            )
        doc = self.fields(raw, "", _TOP_FIELDS, frozenset())
        whole = N_("{where}: expected a whole number, got {type}")
        version = doc["schema_version"]
        if type(version) is not int:
            _fail("schema_version", whole, type=_type(version))
        if version != FORMAT_VERSION:
            _fail(
                "schema_version",
                N_(
                    "{where}: {value} is not a backup format this escalate reads (it reads {reads})"
                ),
                value=_show(str(version))[1:-1],
                reads=FORMAT_VERSION,
                hint=_UPGRADE if version > FORMAT_VERSION else None,
            )
        schema = doc["journal_schema"]
        if type(schema) is not int:
            _fail("journal_schema", whole, type=_type(schema))
        if schema > self.newest:
            _fail(
                "journal_schema",
                N_(
                    "{where}: {value}: the backup was written by a newer escalate"
                    " (this one knows journal schemas up to {newest})"
                ),
                value=_show(str(schema))[1:-1],
                newest=self.newest,
                hint=_UPGRADE,
            )
        if schema < 1:
            _fail(
                "journal_schema",
                N_("{where}: {value} is not a journal schema (1 to {newest})"),
                value=schema,
                newest=self.newest,
            )
        optional = frozenset(k for k, since in _CASE_FIELD_SINCE.items() if schema < since)
        cases = self.items(
            doc["cases"],
            "cases",
            limits.BACKUP_MAX_CASES,
            N_("{where}: {count} cases, at most {most}"),
        )
        return Backup(
            schema, tuple(self.case(c, f"cases[{i}]", optional) for i, c in enumerate(cases))
        )

    def case(self, raw: Any, where: str, optional: frozenset[str]) -> BackupCase:
        c = self.fields(raw, where, _CASE_FIELDS, optional)
        uid = self.uid(c["uid"], f"{where}.uid", self.case_uids, where)
        company = self.choice(
            c["company"],
            f"{where}.company",
            self.known.companies,
            N_("{where}: unknown company {value}"),
        )
        units = self.known.companies[company]
        unit = self.nullable_text(c["unit"], f"{where}.unit")
        if unit is not None and unit not in units:
            if units:
                _fail(
                    f"{where}.unit",
                    N_("{where}: {value} is not a unit of {company}"),
                    value=_show(unit),
                    company=company,
                )
            _fail(
                f"{where}.unit",
                N_("{where}: {company} has no units: null, not {value}"),
                value=_show(unit),
                company=company,
            )
        state = c.get("state")
        if state is not None:
            state = self.choice(
                state,
                f"{where}.state",
                self.known.states,
                N_("{where}: unknown state code {value}"),
            )
            if unit is not None:
                _fail(
                    f"{where}.state",
                    N_("{where}: must be null when a unit is given (the unit has one)"),
                )
        problem = c["problem"]
        if problem is not None:
            problem = self.choice(
                problem,
                f"{where}.problem",
                self.known.problems,
                N_("{where}: unknown problem {value}"),
            )
        title = self.text(c["title"], f"{where}.title", limits.TITLE_MAX)
        status = c["status"]
        if type(status) is not str:
            _fail(f"{where}.status", _EXPECTED_TEXT, type=_type(status))
        if status not in STATUSES:
            _fail(
                f"{where}.status",
                N_("{where}: {value} is neither 'open' nor 'closed'"),
                value=_show(status),
            )
        created = self.date(c["created"], f"{where}.created")
        closed = c["closed"]
        if closed is not None:
            closed = self.date(closed, f"{where}.closed", nullable=True)
        if status == "closed" and closed is None:
            _fail(
                f"{where}.closed",
                N_("{where}: null, but the case is closed: the day it closed is needed"),
            )
        if status == "open" and closed is not None:
            _fail(
                f"{where}.closed",
                N_("{where}: {date}, but the case is open: must be null"),
                date=closed.isoformat(),
            )
        if closed is not None and closed < created:
            _fail(
                f"{where}.closed",
                N_("{where}: {date} is before created {created}"),
                date=closed.isoformat(),
                created=created.isoformat(),
            )
        cpf = self.cpf(c["cpf"], f"{where}.cpf")
        contacts = self.items(
            c["contacts"],
            f"{where}.contacts",
            limits.BACKUP_MAX_CONTACTS,
            N_("{where}: {count} contacts, at most {most}"),
        )
        event_date = c.get("event_date")
        if event_date is not None:
            event_date = self.date(event_date, f"{where}.event_date", nullable=True)
        event_time = c.get("event_time")
        if event_time is not None:
            if type(event_time) is not str or not _TIME.fullmatch(event_time):
                _fail(f"{where}.event_time", N_("{where}: expected an hour (HH:MM) or null"))
            if event_date is None:
                _fail(
                    f"{where}.event_time",
                    N_("{where}: an hour without event_date: give the day too"),
                )
            event_time = dt.time.fromisoformat(event_time)
        account = c.get("account")
        if account is not None:
            account = self.text(account, f"{where}.account", limits.ACCOUNT_MAX, nullable=True)
        want = c.get("want") or []
        wanted = self.items(
            want, f"{where}.want", limits.WANT_MAX, N_("{where}: {count} remedies, at most {most}")
        )
        for i, remedy in enumerate(wanted):
            self.choice(
                remedy,
                f"{where}.want[{i}]",
                self.known.remedies,
                N_("{where}: unknown remedy {value}"),
            )
        if len(set(wanted)) != len(wanted):
            _fail(f"{where}.want", N_("{where}: the same remedy twice"))
        story = c.get("story")
        if story is not None:
            story = self.text(story, f"{where}.story", limits.STORY_MAX, nullable=True, lines=True)
        return BackupCase(
            uid,
            company,
            unit,
            state,
            problem,
            title,
            status,
            created,
            closed,
            cpf,
            tuple(self.contact(x, f"{where}.contacts[{i}]") for i, x in enumerate(contacts)),
            event_date,
            event_time,
            account,
            tuple(wanted),
            story,
        )

    def contact(self, raw: Any, where: str) -> BackupContact:
        c = self.fields(raw, where, _CONTACT_FIELDS, frozenset())
        uid = self.uid(c["uid"], f"{where}.uid", self.contact_uids, where)
        channel = self.choice(
            c["channel"],
            f"{where}.channel",
            self.known.channels,
            N_("{where}: unknown channel {value}"),
        )
        protocol = c["protocol"]
        if protocol is not None:
            protocol = self.text(protocol, f"{where}.protocol", limits.PROTOCOL_MAX, nullable=True)
        date = self.date(c["date"], f"{where}.date")
        outcome = c["outcome"]
        if type(outcome) is not str:
            _fail(f"{where}.outcome", _EXPECTED_TEXT, type=_type(outcome))
        if outcome not in self.outcomes:
            _fail(
                f"{where}.outcome",
                N_("{where}: unknown outcome {value} (one of: {outcomes})"),
                value=_show(outcome),
                outcomes=", ".join(self.outcomes),
            )
        note = c["note"]
        if note is not None:
            note = self.text(note, f"{where}.note", limits.NOTE_MAX, nullable=True)
        return BackupContact(uid, channel, protocol, date, outcome, note)

    # -- fields

    def uid(self, value: Any, where: str, seen: dict[str, str], owner: str) -> str:
        if type(value) is not str:
            _fail(where, _EXPECTED_TEXT, type=_type(value))
        if not _UID.fullmatch(value):
            _fail(
                where,
                N_("{where}: {value} is not a UUID in lowercase canonical form"),
                value=_show(value),
            )
        first = seen.setdefault(value, owner)
        if first != owner:
            _fail(
                "",
                N_("{first} and {second} have the same uid {uid}"),
                first=first,
                second=owner,
                uid=value,
            )
        return value

    def choice(self, value: Any, where: str, allowed: Container[str], unknown: str) -> str:
        """One of ``allowed``; ``unknown`` says it is not ("{where}: unknown company {value}")."""
        if type(value) is not str:
            _fail(where, _EXPECTED_TEXT, type=_type(value))
        if value not in allowed:
            _fail(where, unknown, value=_show(value))
        return value

    def nullable_text(self, value: Any, where: str) -> str | None:
        if value is not None and type(value) is not str:
            _fail(where, _EXPECTED_TEXT_OR_NULL, type=_type(value))
        return value

    def text(
        self, value: Any, where: str, most: int, *, nullable: bool = False, lines: bool = False
    ) -> str:
        """Text of at most ``most`` characters, every one printable (with ``lines``, line
        breaks too: a story)."""
        if type(value) is not str:
            _fail(
                where,
                _EXPECTED_TEXT_OR_NULL if nullable else _EXPECTED_TEXT,
                type=_type(value),
            )
        if not value:
            _fail(
                where,
                N_("{where}: empty (null when there is none)")
                if nullable
                else N_("{where}: empty"),
            )
        if len(value) > most:
            _fail(
                where,
                N_("{where}: {count} characters, at most {most}"),
                count=len(value),
                most=most,
            )
        allowed = "\n" if lines else ""
        if not value.replace("\n", "").isprintable() or (not lines and "\n" in value):
            at, char = next(
                (i, ch) for i, ch in enumerate(value) if not (ch.isprintable() or ch in allowed)
            )
            _fail(
                where,
                N_("{where}: a control or invisible character (U+{code}) at {at}"),
                code=f"{ord(char):04X}",
                at=at + 1,
            )
        return value

    def date(self, value: Any, where: str, *, nullable: bool = False) -> dt.date:
        if type(value) is not str:
            _fail(
                where,
                N_("{where}: expected a date (YYYY-MM-DD) or null, got {type}")
                if nullable
                else N_("{where}: expected a date (YYYY-MM-DD), got {type}"),
                type=_type(value),
            )
        if not _DATE.fullmatch(value):
            _fail(where, N_("{where}: {value} is not a date (YYYY-MM-DD)"), value=_show(value))
        # From here the value is 10 digits and dashes: shown as it is.
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            _fail(where, N_("{where}: {value} is not a date (there is no such day)"), value=value)
        if day > self.today:
            _fail(where, N_("{where}: {value} is in the future"), value=value)
        if day < limits.EARLIEST_DATE:
            _fail(
                where,
                N_("{where}: {value} is before {earliest} (the Consumer Defence Code)"),
                value=value,
                earliest=limits.EARLIEST_DATE.isoformat(),
            )
        return day

    def cpf(self, value: Any, where: str) -> str | None:
        from escalate.cases import cpf as cpf_rules

        if value is None:
            return None
        if type(value) is not str:
            _fail(where, _EXPECTED_TEXT_OR_NULL, type=_type(value))
        # The number itself is never echoed: it is personal data.
        if not _CPF.fullmatch(value):
            _fail(where, N_("{where}: not 11 digits (the backup holds the digits only)"))
        if not cpf_rules.is_valid(value):
            _fail(where, N_("{where}: not a valid CPF (check digits)"))
        return value


# --- writing -----------------------------------------------------------------------------------


def case_document(case: BackupCase) -> dict[str, Any]:
    """One case as ``journal.export_all`` writes it, key for key."""
    return {
        "uid": case.uid,
        "company": case.company,
        "unit": case.unit,
        "state": case.state,
        "problem": case.problem,
        "title": case.title,
        "status": case.status,
        "created": case.created.isoformat(),
        "closed": case.closed.isoformat() if case.closed else None,
        "cpf": case.cpf,
        "event_date": case.event_date.isoformat() if case.event_date else None,
        "event_time": case.event_time.strftime("%H:%M") if case.event_time else None,
        "account": case.account,
        "want": list(case.want),
        "story": case.story,
        "contacts": [
            {
                "uid": c.uid,
                "channel": c.channel,
                "protocol": c.protocol,
                "date": c.date.isoformat(),
                "outcome": c.outcome,
                "note": c.note,
            }
            for c in case.contacts
        ],
    }


def document(backup: Backup) -> dict[str, Any]:
    """The backup as the JSON document ``journal.export_all`` writes."""
    return {
        "schema_version": FORMAT_VERSION,
        "kind": KIND,
        "journal_schema": backup.journal_schema,
        "cases": [case_document(c) for c in backup.cases],
    }
