"""A backup file from outside (``escalate case import FILE``), read and validated at one boundary.

``read_file`` takes the bytes of a regular file of bounded size without ever blocking (a FIFO,
``/dev/zero`` or a folder is refused before a byte is read). ``parse`` turns those bytes into a
``Backup`` whose every field is valid: strict JSON types, no unknown fields, known companies,
units, channels and problems, real dates between the Consumer Defence Code and today, printable
text within the limits, valid CPFs, unique ids. Anything else is one ``BackupError`` naming the
first problem's place in the document (``cases[2].contacts[0].date``) and never echoing more
than 60 characters of what the file holds, with control characters replaced.

The validated records are ``Value``s (cheap to define, immutable, compared by value);
``document`` gives back the JSON shape ``journal.export_all`` writes, key for key.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import stat
from collections.abc import Container, Mapping
from pathlib import Path
from typing import Any, NamedTuple, NoReturn

from escalate.cases import limits
from escalate.errors import EscalateError
from escalate.printable import printable
from escalate.records.value import Value

FORMAT_VERSION = 1  # the backup's own "schema_version"
KIND = "journal"
STATUSES = ("open", "closed")
SHOWN = 60  # characters of a value from the file that an error message may echo

_PREFIX = "the backup was not imported: "
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


class BackupError(EscalateError):
    """One line naming the place and the problem, e.g.
    "the backup was not imported: cases[2].contacts[0].date: 9999-12-31 is in the future"."""

    def __init__(self, message: str, *, hint: str | None = None, where: str = "") -> None:
        super().__init__(message, hint=hint)
        self.where = where  # "cases[2].contacts[0].date", or "" for the file as a whole


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
    try:
        fd = os.open(path, flags)
    except IsADirectoryError:
        raise BackupError(f"{_PREFIX}{shown} is a folder, not a file") from None
    except OSError as exc:
        raise BackupError(f"{_PREFIX}cannot read {shown}: {_reason(exc)}") from None
    limit = limits.BACKUP_MAX_BYTES
    too_big = f"{_PREFIX}{shown} is larger than {limit // 2**20} MB, the most a backup can be"
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise BackupError(f"{_PREFIX}{shown} is {_file_kind(status.st_mode)}, not a file")
        if status.st_size > limit:
            raise BackupError(too_big)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(limit + 1)  # the file may have grown since fstat
    except OSError as exc:
        raise BackupError(f"{_PREFIX}cannot read {shown}: {_reason(exc)}") from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise BackupError(too_big)
    return data


def _reason(exc: OSError) -> str:
    return exc.strerror or printable(str(exc), 100)


def _file_kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


# --- parsing -----------------------------------------------------------------------------------


def parse(data: bytes, *, known: Known, today: dt.date, journal_schema: int) -> Backup:
    """The backup in ``data``, every field valid; ``journal_schema`` is the newest this
    program knows (``journal.SCHEMA_VERSION``)."""
    raw = _json(data)
    return _Checker(known, today, journal_schema).backup(raw)


def _json(data: bytes) -> Any:
    if not data.strip():
        _fail("", "the file is empty")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        _fail("", f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x} at {exc.start})")
    try:
        return json.loads(
            text, object_pairs_hook=_no_repeats, parse_constant=_no_constant, parse_int=_int
        )
    except _RepeatedKey as exc:
        _fail("", f"the key {_show(exc.key)} appears twice in one object")
    except RecursionError:
        _fail("", "the file nests too deeply to be a backup")
    except ValueError as exc:  # json.JSONDecodeError, and numbers of thousands of digits
        _fail("", f"not JSON: {printable(str(exc), 100)}")


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
        raise ValueError(f"a number of {len(text)} digits")
    return int(text)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


def _fail(where: str, problem: str, *, hint: str | None = None) -> NoReturn:
    text = f"{where}: {problem}" if where else problem
    raise BackupError(_PREFIX + text, hint=hint, where=where)


def _show(value: str) -> str:
    """A value from the file as it may appear in a message: quoted, at most 60 characters,
    control characters and lone surrogates (from JSON escapes) replaced by '?'."""
    text = value[: SHOWN + 1]
    if not text.isascii():
        text = "".join("?" if "\ud800" <= ch <= "\udfff" else ch for ch in text)
    return "'" + printable(text, SHOWN) + "'"


def _type(value: Any) -> str:
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, float):
        return "a number with a decimal point"
    if isinstance(value, int):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"


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
            _fail(where, f"expected an object, got {_type(value)}")
        for key in value:
            if key not in fields:
                _fail(_at(where, key), "unknown field")
        for key in fields:
            if key not in value and key not in optional:
                _fail(_at(where, key), "missing")
        return value

    def items(self, value: Any, where: str, most: int, what: str) -> list[Any]:
        if type(value) is not list:
            _fail(where, f"expected a list, got {_type(value)}")
        if len(value) > most:
            _fail(where, f"{len(value)} {what}, at most {most}")
        return value

    def backup(self, raw: Any) -> Backup:
        if type(raw) is not dict:
            _fail("", f"the file holds {_type(raw)}, not an escalate backup (a JSON object)")
        kind = raw.get("kind")
        if kind != KIND:
            shown = _show(kind) if isinstance(kind, str) else _type(kind)
            problem = "missing" if "kind" not in raw else f"{shown}, not '{KIND}'"
            _fail("kind", f"{problem}: this is not a backup of an escalate journal")
        doc = self.fields(raw, "", _TOP_FIELDS, frozenset())
        version = doc["schema_version"]
        if type(version) is not int:
            _fail("schema_version", f"expected a whole number, got {_type(version)}")
        if version != FORMAT_VERSION:
            _fail(
                "schema_version",
                f"{_show(str(version))[1:-1]} is not a backup format this escalate reads"
                f" (it reads {FORMAT_VERSION})",
                hint="upgrade escalate" if version > FORMAT_VERSION else None,
            )
        schema = doc["journal_schema"]
        if type(schema) is not int:
            _fail("journal_schema", f"expected a whole number, got {_type(schema)}")
        if schema > self.newest:
            _fail(
                "journal_schema",
                f"{_show(str(schema))[1:-1]}: the backup was written by a newer escalate"
                f" (this one knows journal schemas up to {self.newest})",
                hint="upgrade escalate",
            )
        if schema < 1:
            _fail("journal_schema", f"{schema} is not a journal schema (1 to {self.newest})")
        optional = frozenset(k for k, since in _CASE_FIELD_SINCE.items() if schema < since)
        cases = self.items(doc["cases"], "cases", limits.BACKUP_MAX_CASES, "cases")
        return Backup(
            schema, tuple(self.case(c, f"cases[{i}]", optional) for i, c in enumerate(cases))
        )

    def case(self, raw: Any, where: str, optional: frozenset[str]) -> BackupCase:
        c = self.fields(raw, where, _CASE_FIELDS, optional)
        uid = self.uid(c["uid"], f"{where}.uid", self.case_uids, where)
        company = self.choice(c["company"], f"{where}.company", self.known.companies, "company")
        units = self.known.companies[company]
        unit = self.nullable_text(c["unit"], f"{where}.unit")
        if unit is not None and unit not in units:
            if units:
                _fail(f"{where}.unit", f"{_show(unit)} is not a unit of {company}")
            _fail(f"{where}.unit", f"{company} has no units: null, not {_show(unit)}")
        state = c.get("state")
        if state is not None:
            state = self.choice(state, f"{where}.state", self.known.states, "state code")
            if unit is not None:
                _fail(f"{where}.state", "must be null when a unit is given (the unit has one)")
        problem = c["problem"]
        if problem is not None:
            problem = self.choice(problem, f"{where}.problem", self.known.problems, "problem")
        title = self.text(c["title"], f"{where}.title", limits.TITLE_MAX)
        status = c["status"]
        if type(status) is not str:
            _fail(f"{where}.status", f"expected text, got {_type(status)}")
        if status not in STATUSES:
            _fail(f"{where}.status", f"{_show(status)} is neither 'open' nor 'closed'")
        created = self.date(c["created"], f"{where}.created")
        closed = c["closed"]
        if closed is not None:
            closed = self.date(closed, f"{where}.closed", nullable=True)
        if status == "closed" and closed is None:
            _fail(f"{where}.closed", "null, but the case is closed: the day it closed is needed")
        if status == "open" and closed is not None:
            _fail(f"{where}.closed", f"{closed.isoformat()}, but the case is open: must be null")
        if closed is not None and closed < created:
            _fail(f"{where}.closed", f"{closed.isoformat()} is before created {created}")
        cpf = self.cpf(c["cpf"], f"{where}.cpf")
        contacts = self.items(
            c["contacts"], f"{where}.contacts", limits.BACKUP_MAX_CONTACTS, "contacts"
        )
        event_date = c.get("event_date")
        if event_date is not None:
            event_date = self.date(event_date, f"{where}.event_date", nullable=True)
        event_time = c.get("event_time")
        if event_time is not None:
            if type(event_time) is not str or not _TIME.fullmatch(event_time):
                _fail(f"{where}.event_time", "expected an hour (HH:MM) or null")
            if event_date is None:
                _fail(f"{where}.event_time", "an hour without event_date: give the day too")
            event_time = dt.time.fromisoformat(event_time)
        account = c.get("account")
        if account is not None:
            account = self.text(account, f"{where}.account", limits.ACCOUNT_MAX, nullable=True)
        want = c.get("want") or []
        wanted = self.items(want, f"{where}.want", limits.WANT_MAX, "remedies")
        for i, remedy in enumerate(wanted):
            self.choice(remedy, f"{where}.want[{i}]", self.known.remedies, "remedy")
        if len(set(wanted)) != len(wanted):
            _fail(f"{where}.want", "the same remedy twice")
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
        channel = self.choice(c["channel"], f"{where}.channel", self.known.channels, "channel")
        protocol = c["protocol"]
        if protocol is not None:
            protocol = self.text(protocol, f"{where}.protocol", limits.PROTOCOL_MAX, nullable=True)
        date = self.date(c["date"], f"{where}.date")
        outcome = c["outcome"]
        if type(outcome) is not str:
            _fail(f"{where}.outcome", f"expected text, got {_type(outcome)}")
        if outcome not in self.outcomes:
            _fail(
                f"{where}.outcome",
                f"unknown outcome {_show(outcome)} (one of: {', '.join(self.outcomes)})",
            )
        note = c["note"]
        if note is not None:
            note = self.text(note, f"{where}.note", limits.NOTE_MAX, nullable=True)
        return BackupContact(uid, channel, protocol, date, outcome, note)

    # -- fields

    def uid(self, value: Any, where: str, seen: dict[str, str], owner: str) -> str:
        if type(value) is not str:
            _fail(where, f"expected text, got {_type(value)}")
        if not _UID.fullmatch(value):
            _fail(where, f"{_show(value)} is not a UUID in lowercase canonical form")
        first = seen.setdefault(value, owner)
        if first != owner:
            _fail("", f"{first} and {owner} have the same uid {value}")
        return value

    def choice(self, value: Any, where: str, allowed: Container[str], what: str) -> str:
        if type(value) is not str:
            _fail(where, f"expected text, got {_type(value)}")
        if value not in allowed:
            _fail(where, f"unknown {what} {_show(value)}")
        return value

    def nullable_text(self, value: Any, where: str) -> str | None:
        if value is not None and type(value) is not str:
            _fail(where, f"expected text or null, got {_type(value)}")
        return value

    def text(
        self, value: Any, where: str, most: int, *, nullable: bool = False, lines: bool = False
    ) -> str:
        """Text of at most ``most`` characters, every one printable (with ``lines``, line
        breaks too: a story)."""
        if type(value) is not str:
            _fail(where, f"expected text{' or null' if nullable else ''}, got {_type(value)}")
        if not value:
            _fail(where, "empty" + (" (null when there is none)" if nullable else ""))
        if len(value) > most:
            _fail(where, f"{len(value)} characters, at most {most}")
        allowed = "\n" if lines else ""
        if not value.replace("\n", "").isprintable() or (not lines and "\n" in value):
            at, char = next(
                (i, ch) for i, ch in enumerate(value) if not (ch.isprintable() or ch in allowed)
            )
            _fail(where, f"a control or invisible character (U+{ord(char):04X}) at {at + 1}")
        return value

    def date(self, value: Any, where: str, *, nullable: bool = False) -> dt.date:
        if type(value) is not str:
            expected = "a date (YYYY-MM-DD)" + (" or null" if nullable else "")
            _fail(where, f"expected {expected}, got {_type(value)}")
        if not _DATE.fullmatch(value):
            _fail(where, f"{_show(value)} is not a date (YYYY-MM-DD)")
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            _fail(where, f"{value} is not a date (there is no such day)")
        if day > self.today:
            _fail(where, f"{value} is in the future")
        if day < limits.EARLIEST_DATE:
            _fail(where, f"{value} is before {limits.EARLIEST_DATE} (the Consumer Defence Code)")
        return day

    def cpf(self, value: Any, where: str) -> str | None:
        from escalate.cases import cpf as cpf_rules

        if value is None:
            return None
        if type(value) is not str:
            _fail(where, f"expected text or null, got {_type(value)}")
        # The number itself is never echoed: it is personal data.
        if not _CPF.fullmatch(value):
            _fail(where, "not 11 digits (the backup holds the digits only)")
        if not cpf_rules.is_valid(value):
            _fail(where, "not a valid CPF (check digits)")
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
