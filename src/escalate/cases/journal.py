"""The case journal: the person's own contacts and protocols, in SQLite on their machine.

WAL mode, foreign keys, every write in one transaction, the schema version in
``PRAGMA user_version`` with ordered migrations applied on open, file mode 0600. A file that
is not an escalate journal is never written to: opening it raises ``JournalError``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import functools
import os
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar
from urllib.parse import quote

from escalate.errors import N_, EscalateError, ExitCode
from escalate.records.value import Value

if TYPE_CHECKING:
    from escalate.cases.backup import Backup, BackupCase

APPLICATION_ID = 0x45534341  # "ESCA": marks the file as ours
SQLITE_HEADER = b"SQLite format 3\x00"
OUTCOMES = ("open", "solved", "failed", "no-answer")
SALVAGE_HINT = N_(
    "escalate case export --all --salvage > rescued.json saves every case it can read"
)
BUSY_SECONDS = 30.0  # how long a write waits for another escalate to finish its own

# Ordered migrations: MIGRATIONS[n] takes the schema from version n to n + 1.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE cases (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        company TEXT NOT NULL,
        unit TEXT,
        problem TEXT,
        title TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        created TEXT NOT NULL,
        closed TEXT
    );
    CREATE TABLE contacts (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        channel TEXT NOT NULL,
        protocol TEXT,
        date TEXT NOT NULL,
        outcome TEXT NOT NULL DEFAULT 'open'
            CHECK (outcome IN ('open', 'solved', 'failed', 'no-answer')),
        note TEXT,
        created TEXT NOT NULL
    );
    CREATE INDEX contacts_by_case ON contacts (case_id, date);
    """,
    # 2: the account holder's CPF, optional, stored as 11 digits.
    """
    ALTER TABLE cases ADD COLUMN cpf TEXT CHECK (cpf IS NULL OR length(cpf) = 11);
    """,
    # 3: the state the person lives in, for the holidays of business-day deadlines.
    """
    ALTER TABLE cases ADD COLUMN state TEXT CHECK (state IS NULL OR length(state) = 2);
    """,
    # 4: what happened and what is wanted: the day (and hour) of the event, the installation or
    # contract number, the remedies asked for (ids, comma-separated), the story.
    """
    ALTER TABLE cases ADD COLUMN event_date TEXT;
    ALTER TABLE cases ADD COLUMN event_time TEXT;
    ALTER TABLE cases ADD COLUMN account TEXT;
    ALTER TABLE cases ADD COLUMN want TEXT;
    ALTER TABLE cases ADD COLUMN story TEXT;
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)

P = ParamSpec("P")
R = TypeVar("R")


class JournalError(EscalateError):
    """The journal file cannot be used; it is left exactly as it was."""


class JournalBusy(JournalError):
    """Another process holds the journal's write lock for longer than we wait."""

    exit_code = ExitCode.BUSY


class UnknownCase(JournalError):
    """No case has that number."""


class JournalUnwritable(JournalError):
    """The journal cannot be written (read-only file or folder, disk full); reading still works."""

    exit_code = ExitCode.CANNOT_WRITE


class JournalDamaged(JournalError):
    """The file is an escalate journal whose contents cannot be read back."""


def explain(exc: sqlite3.Error, path: Path | str) -> JournalError:
    """What an SQLite failure means for the person, in one line: never the stored text that
    some SQLite messages quote."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return JournalBusy(
            N_(
                "the journal {path} is in use by another escalate (waited {seconds} s);"
                " nothing was changed"
            ),
            hint=N_("wait for the other escalate to finish (or close it), then try again"),
            values={"path": path, "seconds": f"{BUSY_SECONDS:.0f}"},
        )
    if name.startswith("SQLITE_FULL"):
        return JournalUnwritable(
            N_("the disk holding the journal {path} is full; nothing was changed"),
            hint=N_("free some disk space, then try again"),
            values={"path": path},
        )
    if name.startswith(("SQLITE_READONLY", "SQLITE_PERM", "SQLITE_CANTOPEN", "SQLITE_AUTH")):
        return JournalUnwritable(
            N_(
                "the journal {path} cannot be written (read-only file or folder); nothing was"
                " changed"
            ),
            hint=N_(
                "your cases can still be read (case list, show, export); check the permissions"
            ),
            values={"path": path},
        )
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return JournalDamaged(
            N_("the journal {path} is damaged (corrupted) and cannot be read whole"),
            hint=SALVAGE_HINT,
            values={"path": path},
        )
    if name.startswith("SQLITE_IOERR"):
        return JournalUnwritable(
            N_("the disk failed while using the journal {path} ({reason})"),
            hint=N_("check the disk, then try again"),
            values={"path": path, "reason": name.lower()},
        )
    return JournalDamaged(
        N_("the journal {path} is damaged or unreadable ({reason})"),
        hint=SALVAGE_HINT,
        values={"path": path, "reason": name.lower() or type(exc).__name__},
    )


def _guarded(function: Callable[P, R]) -> Callable[P, R]:
    """Every public journal function: an SQLite failure becomes a named JournalError."""

    @functools.wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return function(*args, **kwargs)
        except sqlite3.Error as exc:
            conn = args[0] if args and isinstance(args[0], sqlite3.Connection) else None
            raise explain(exc, _path_of(conn)) from None

    return run


def _path_of(conn: sqlite3.Connection | None) -> str:
    if conn is None:
        return "file"
    try:
        row = conn.execute("PRAGMA database_list").fetchone()
        return str(row[2]) if row and row[2] else "file"
    except sqlite3.Error:
        return "file"


class LoggedContact(Value):
    id: int
    uid: str
    channel: str
    protocol: str | None
    date: dt.date
    outcome: str
    note: str | None


class Case(Value):
    id: int
    uid: str
    company: str
    unit: str | None
    problem: str | None
    title: str
    status: str
    created: dt.date
    closed: dt.date | None
    contacts: tuple[LoggedContact, ...] = ()
    cpf: str | None = None
    state: str | None = None  # given for a company serving several states without units
    event_date: dt.date | None = None  # when the problem happened (the cut, the surge …)
    event_time: dt.time | None = None  # and at what time, where a clock counts hours
    account: str | None = None  # installation, customer, contract or line number
    want: tuple[str, ...] = ()  # the remedies asked for (ids from the problems' data)
    story: str | None = None  # what happened, in the person's own words


def _check_file(path: Path) -> None:
    """Refuse a journal path that is a symbolic link, not a regular file, or not SQLite."""
    try:
        info = path.lstat()
    except OSError as exc:
        raise JournalError(f"cannot read the journal {path}: {exc.strerror}") from None
    if stat.S_ISLNK(info.st_mode):
        raise JournalError(
            f"{path} is a symbolic link; escalate keeps its journal only in a real file",
            hint="put the file it points to in its place, or set ESCALATE_HOME elsewhere",
        )
    if stat.S_ISDIR(info.st_mode):
        raise JournalError(N_("{path} is a folder, not a journal file"), values={"path": path})
    if not stat.S_ISREG(info.st_mode):
        raise JournalError(
            f"{path} is not a regular file (a device or a pipe); it was left untouched",
            hint="move it away or set ESCALATE_HOME to another folder",
        )
    for suffix in ("-wal", "-shm", "-journal"):  # SQLite's own files beside the journal
        side = Path(f"{path}{suffix}")
        try:
            side_info = side.lstat()
        except FileNotFoundError:
            continue
        except OSError:
            continue
        if not stat.S_ISREG(side_info.st_mode):
            raise JournalError(
                f"{side} is not a regular file; escalate will not write through it",
                hint="remove it (it is not your data), or set ESCALATE_HOME to another folder",
            )
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise JournalError(f"cannot read the journal {path}: {exc.strerror}") from None
    if head and head != SQLITE_HEADER:
        raise JournalError(
            N_("{path} is not an escalate journal; it was left untouched"),
            hint=N_("move it away or set ESCALATE_HOME to another folder"),
            values={"path": path},
        )


def _private(path: Path) -> None:
    """The journal, its SQLite side files and their folder kept from other users (a journal
    holds a CPF): every group and other permission removed, whatever the modes were. The
    owner's own permissions are left as they are: a read-only journal stays read-only."""
    targets = [path.parent, path, *(Path(f"{path}{s}") for s in ("-wal", "-shm"))]
    for target in targets:
        try:
            info = target.lstat()
            mode = stat.S_IMODE(info.st_mode)
            if stat.S_ISLNK(info.st_mode) or not mode & 0o077:
                continue
            keep = 0o700 if stat.S_ISDIR(info.st_mode) else 0o600
            os.chmod(target, mode & keep)
        except OSError:
            pass


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the schema up to date, in one transaction; return the version found."""
    found = conn.execute("PRAGMA user_version").fetchone()[0]
    if found < 0:
        raise JournalDamaged(
            f"the journal's schema version is {found}, which no escalate writes; it was left"
            " untouched",
            hint=SALVAGE_HINT,
        )
    if found > SCHEMA_VERSION:
        raise JournalError(
            N_(
                "the journal was written by a newer escalate (schema {found}, this one knows"
                " {known})"
            ),
            hint=N_("upgrade escalate"),
            values={"found": found, "known": SCHEMA_VERSION},
        )
    if found == SCHEMA_VERSION:
        return int(found)
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Another process may have migrated while we waited for the lock.
        current = conn.execute("PRAGMA user_version").fetchone()[0]
        for version in range(current, SCHEMA_VERSION):
            for statement in MIGRATIONS[version].split(";"):
                if statement.strip():
                    conn.execute(statement)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise
    return int(found)


def connect(path: Path | str) -> sqlite3.Connection:
    """Open for writing (creating it if needed) and migrate the journal at ``path``."""
    if str(path) == ":memory:":
        return _open(":memory:", ":memory:", readonly=False)
    path = Path(path)
    if os.path.lexists(path):
        _check_file(path)
    else:
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | os.O_NOFOLLOW, 0o600))
        except FileExistsError:
            _check_file(path)
        except OSError as exc:
            if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
                raise JournalUnwritable(
                    f"cannot create the journal {path}: {exc.strerror}",
                    hint="check the folder's permissions, or set ESCALATE_HOME to another folder",
                ) from None
            raise JournalError(f"cannot create the journal {path}: {exc.strerror}") from None
    conn = _open(str(path), path, readonly=False)
    _private(path)  # only once the file is known to be ours
    return conn


def open_to_read(path: Path | str) -> sqlite3.Connection | None:
    """Open the journal for a command that only reads: None when there is no journal yet
    (nothing is created), and a read-only file or folder is read as it stands."""
    path = Path(path)
    try:
        path.lstat()
    except FileNotFoundError:
        return None
    except OSError as exc:  # the folder is a file, or cannot be searched
        raise JournalError(
            f"cannot open the journal {path}: {exc.strerror}",
            hint="check the folder's permissions, or set ESCALATE_HOME to another folder",
        ) from None
    _check_file(path)
    writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)
    conn = _open(str(path), path, readonly=not writable)
    _private(path)
    return conn


def _open(target: str, path: Path | str, *, readonly: bool) -> sqlite3.Connection:
    try:
        if readonly:
            # No side files can be made in a read-only folder: read the file as it stands.
            uri = "file:" + quote(str(target)) + "?mode=ro&immutable=1"
            conn = sqlite3.connect(uri, uri=True, timeout=BUSY_SECONDS, isolation_level=None)
        else:
            conn = sqlite3.connect(target, timeout=BUSY_SECONDS, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_SECONDS * 1000)}")
        # Look before touching anything: even switching to WAL rewrites the file's header.
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if app_id != APPLICATION_ID and tables:
            conn.close()
            raise JournalError(
                f"{path} is an SQLite database of another program; it was left untouched",
                hint="move it away or set ESCALATE_HOME to another folder",
            )
        found = conn.execute("PRAGMA user_version").fetchone()[0]
        if found < 0 or found > SCHEMA_VERSION:
            migrate(conn)  # the named error, before anything (even WAL) touches the file
        if readonly:
            if found != SCHEMA_VERSION and tables:
                raise JournalUnwritable(
                    f"the journal {path} needs an update that a read-only folder does not allow",
                    hint="make the folder writable once, or set ESCALATE_HOME to another folder",
                )
        else:
            if target != ":memory:":
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA foreign_keys = ON")
            migrate(conn)
    except sqlite3.Error as exc:
        raise explain(exc, path) from None
    return conn


def _new_uid() -> str:
    import uuid  # only writes need it

    return str(uuid.uuid4())


def _today() -> str:
    return dt.date.today().isoformat()


@_guarded
def new_case(
    conn: sqlite3.Connection,
    *,
    company: str,
    title: str,
    problem: str | None = None,
    unit: str | None = None,
    created: dt.date | None = None,
    cpf: str | None = None,
    state: str | None = None,
    event_date: dt.date | None = None,
    event_time: dt.time | None = None,
    account: str | None = None,
    want: tuple[str, ...] = (),
    story: str | None = None,
) -> int:
    if cpf is not None:
        from escalate.cases import cpf as cpf_rules

        if not cpf_rules.is_valid(cpf):
            raise JournalError("not a valid CPF (check digits)")
        cpf = cpf_rules.digits(cpf)
    with _transaction(conn):
        cursor = conn.execute(
            "INSERT INTO cases (uid, company, unit, problem, title, created, cpf, state,"
            " event_date, event_time, account, want, story)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                _new_uid(),
                company,
                unit,
                problem,
                title,
                (created or dt.date.today()).isoformat(),
                cpf,
                state,
                *_story_values(event_date, event_time, account, want, story),
            ),
        )
    return int(cursor.lastrowid or 0)


def _story_values(
    event_date: dt.date | None,
    event_time: dt.time | None,
    account: str | None,
    want: tuple[str, ...],
    story: str | None,
) -> tuple[str | None, ...]:
    return (
        event_date.isoformat() if event_date else None,
        event_time.strftime("%H:%M") if event_time else None,
        account,
        ",".join(want) or None,
        story,
    )


# What ``edit_case`` may change; the rest (company, dates, contacts) is the record of what
# happened and stays as it was logged.
EDITABLE = ("title", "event_date", "event_time", "account", "want", "story")


@_guarded
def edit_case(conn: sqlite3.Connection, case_id: int, **changes: Any) -> Case:
    """Change the fields named in ``changes`` (see ``EDITABLE``; None clears one, () clears
    ``want``) and return the case as it is now. Validated by the caller, like ``new_case``."""
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise JournalError(f"cannot edit {', '.join(unknown)}", hint=", ".join(EDITABLE))
    _known(case_id)
    current = get_case(conn, case_id)
    if "title" in changes and not changes["title"]:
        raise JournalError("a case needs a title")
    merged = current.replace(**changes)
    with _transaction(conn):
        conn.execute(
            "UPDATE cases SET title = ?, event_date = ?, event_time = ?, account = ?, want = ?,"
            " story = ? WHERE id = ?",
            (
                merged.title,
                *_story_values(
                    merged.event_date, merged.event_time, merged.account, merged.want, merged.story
                ),
                case_id,
            ),
        )
    return get_case(conn, case_id)


@_guarded
def log_contact(
    conn: sqlite3.Connection,
    case_id: int,
    *,
    channel: str,
    date: dt.date,
    protocol: str | None = None,
    outcome: str = "open",
    note: str | None = None,
) -> int:
    if outcome not in OUTCOMES:
        raise JournalError(f"unknown outcome '{outcome}'", hint="one of: " + ", ".join(OUTCOMES))
    _known(case_id)
    with _transaction(conn):
        if conn.execute("SELECT 1 FROM cases WHERE id = ?", (case_id,)).fetchone() is None:
            raise no_case(case_id)
        cursor = conn.execute(
            "INSERT INTO contacts (uid, case_id, channel, protocol, date, outcome, note, created)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                _new_uid(),
                case_id,
                channel,
                protocol,
                date.isoformat(),
                outcome,
                note,
                _today(),
            ),
        )
    return int(cursor.lastrowid or 0)


def no_case(case_id: object) -> UnknownCase:
    return UnknownCase(
        N_("no case {id}"), hint=N_("your cases: escalate case list"), values={"id": case_id}
    )


def _known(case_id: int) -> None:
    """Refuse a case number SQLite cannot even hold (it would raise OverflowError)."""
    if not 0 < case_id < 2**63:
        shown = str(case_id) if len(str(case_id)) <= 20 else str(case_id)[:17] + "..."
        raise no_case(shown)


@_guarded
def close_case(conn: sqlite3.Connection, case_id: int, *, on: dt.date | None = None) -> None:
    _known(case_id)
    with _transaction(conn):
        updated = conn.execute(
            "UPDATE cases SET status = 'closed', closed = ? WHERE id = ?",
            ((on or dt.date.today()).isoformat(), case_id),
        ).rowcount
        if not updated:
            raise no_case(case_id)


def _case(row: tuple[Any, ...], contacts: tuple[LoggedContact, ...] = ()) -> Case:
    try:
        return Case(
            row[0],
            row[1],
            row[2],
            row[3],
            row[4],
            row[5],
            row[6],
            dt.date.fromisoformat(row[7]),
            dt.date.fromisoformat(row[8]) if row[8] else None,
            contacts,
            row[9],
            row[10],
            dt.date.fromisoformat(row[11]) if row[11] else None,
            dt.time.fromisoformat(row[12]) if row[12] else None,
            row[13],
            tuple(row[14].split(",")) if row[14] else (),
            row[15],
        )
    except (TypeError, ValueError):
        raise _damaged_row("case", row[0]) from None


def _contact(row: tuple[Any, ...]) -> LoggedContact:
    try:
        return LoggedContact(
            row[0], row[1], row[2], row[3], dt.date.fromisoformat(row[4]), *row[5:7]
        )
    except (TypeError, ValueError):
        raise _damaged_row("contact", row[0]) from None


def _damaged_row(kind: str, row_id: Any) -> JournalDamaged:
    # Never the stored text itself: it may be anything an old version let in.
    return JournalDamaged(
        f"{kind} {row_id} of the journal holds a value escalate cannot read",
        hint=SALVAGE_HINT,
    )


_CASE_COLUMNS = (
    "id, uid, company, unit, problem, title, status, created, closed, cpf, state,"
    " event_date, event_time, account, want, story"
)
_CONTACT_COLUMNS = "id, uid, channel, protocol, date, outcome, note"


@_guarded
def list_cases(conn: sqlite3.Connection) -> list[Case]:
    rows = conn.execute(f"SELECT {_CASE_COLUMNS} FROM cases ORDER BY id").fetchall()
    return [_case(row) for row in rows]


@_guarded
def case_listing(conn: sqlite3.Connection, *, open_word: str, closed_word: str) -> str:
    """Every case as one line of text (id, created, status, company, title), built by SQLite:
    thousands of cases cost no Python objects at all. Empty when there is no case."""
    status_width = max(len(open_word), len(closed_word))
    company_width = conn.execute("SELECT max(length(company)) FROM cases").fetchone()[0] or 0
    row = conn.execute(
        "SELECT group_concat(line, char(10)) FROM (SELECT printf("
        f"'%4d  %s  %!-{status_width}s  %!-{int(company_width)}s  %s',"
        " id, created, CASE status WHEN 'open' THEN ? ELSE ? END, company, title) AS line"
        " FROM cases ORDER BY id)",
        (open_word, closed_word),
    ).fetchone()
    return row[0] or ""


@_guarded
def get_case(conn: sqlite3.Connection, case_id: int) -> Case:
    _known(case_id)
    row = conn.execute(f"SELECT {_CASE_COLUMNS} FROM cases WHERE id = ?", (case_id,)).fetchone()
    if row is None:
        raise no_case(case_id)
    contacts = tuple(
        _contact(r)
        for r in conn.execute(
            f"SELECT {_CONTACT_COLUMNS} FROM contacts WHERE case_id = ? ORDER BY date, id",
            (case_id,),
        )
    )
    return _case(row, contacts)


class _transaction:
    """BEGIN IMMEDIATE … COMMIT, or ROLLBACK on any error: a write is whole or absent."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, kind: Any, value: Any, trace: Any) -> None:
        if kind is None:
            self.conn.execute("COMMIT")
        elif self.conn.in_transaction:  # SQLite rolls back by itself on a full disk
            with contextlib.suppress(sqlite3.Error):  # the first error is the one to report
                self.conn.execute("ROLLBACK")


# --- backup ----------------------------------------------------------------------------------


def _as_backup(case: Case) -> BackupCase:
    """A case as the backup format holds it (escalate.cases.backup owns that format)."""
    from escalate.cases.backup import BackupCase, BackupContact

    return BackupCase(
        uid=case.uid,
        company=case.company,
        unit=case.unit,
        state=case.state,
        problem=case.problem,
        title=case.title,
        status=case.status,
        created=case.created,
        closed=case.closed,
        cpf=case.cpf,
        contacts=tuple(
            BackupContact(c.uid, c.channel, c.protocol, c.date, c.outcome, c.note)
            for c in case.contacts
        ),
        event_date=case.event_date,
        event_time=case.event_time,
        account=case.account,
        want=case.want,
        story=case.story,
    )


def case_fields(case: Case) -> dict[str, Any]:
    """A case's own fields as JSON values (without its contacts or CPF)."""
    from escalate.cases.backup import case_document

    fields = case_document(_as_backup(case))
    del fields["cpf"], fields["contacts"]
    return fields


def _backup(cases: list[Case]) -> dict[str, Any]:
    from escalate.cases.backup import Backup, document

    return document(Backup(SCHEMA_VERSION, tuple(_as_backup(c) for c in cases)))


@_guarded
def export_all(conn: sqlite3.Connection) -> dict[str, Any]:
    """Every case and contact, with their ids for de-duplication: the backup format."""
    return _backup([get_case(conn, summary.id) for summary in list_cases(conn)])


@_guarded
def export_one(conn: sqlite3.Connection, case_id: int) -> dict[str, Any]:
    """One case in the backup format."""
    return _backup([get_case(conn, case_id)])


def salvage(conn: sqlite3.Connection) -> tuple[dict[str, Any], list[str]]:
    """Every case still readable from a damaged journal, in the backup format, and one line
    for each case or contact that could not be read."""
    skipped: list[str] = []
    by_id: dict[int, tuple[Any, ...]] = {}
    try:  # a full scan reads what an id lookup through a damaged page would miss
        for row in conn.execute(f"SELECT {_CASE_COLUMNS} FROM cases"):
            by_id.setdefault(row[0], row)
        ids = sorted(by_id)
    except sqlite3.Error:
        ids = sorted(set(by_id) | set(_probe_ids(conn)))
        skipped.append("the table of cases is damaged: cases were looked up one by one")
    # escalate never deletes a case: a number missing below the highest one was lost.
    lost = sorted(set(range(1, max(ids, default=0) + 1)) - set(ids))
    if lost:
        shown = ", ".join(str(i) for i in lost[:20]) + (" …" if len(lost) > 20 else "")
        skipped.append(f"case(s) {shown}: not found, their part of the file is damaged")
    cases: list[Case] = []
    for case_id in ids:
        try:
            row = (
                by_id.get(case_id)
                or conn.execute(
                    f"SELECT {_CASE_COLUMNS} FROM cases WHERE id = ?", (case_id,)
                ).fetchone()
            )
            if row is None:
                raise JournalDamaged(f"case {case_id} not found")
            found = _case(row)
        except (sqlite3.Error, JournalError):
            skipped.append(f"case {case_id}: unreadable, left out")
            continue
        contacts: list[LoggedContact] = []
        for query in (
            f"SELECT {_CONTACT_COLUMNS} FROM contacts WHERE case_id = ? ORDER BY date, id",
            f"SELECT {_CONTACT_COLUMNS} FROM contacts NOT INDEXED WHERE case_id = ?"
            " ORDER BY date, id",
        ):
            try:
                rows = conn.execute(query, (case_id,)).fetchall()
            except sqlite3.Error:
                continue
            bad = 0
            for r in rows:
                try:
                    contacts.append(_contact(r))
                except JournalError:
                    bad += 1
            if bad:
                skipped.append(f"case {case_id}: {bad} unreadable contact(s) left out")
            break
        else:
            skipped.append(f"case {case_id}: its contacts are unreadable, kept without them")
        cases.append(found.replace(contacts=tuple(contacts)))
    return _backup(cases), skipped


def _probe_ids(conn: sqlite3.Connection, *, misses: int = 1000) -> list[int]:
    """Case ids found by looking each number up (the table's scan is damaged). A lookup that
    fails counts as a miss for stopping, and as a case to report only below the last id
    found: past the end of the table every number would fail the same way."""
    found: list[int] = []
    failed: list[int] = []
    case_id = gap = 0
    while gap < misses:
        case_id += 1
        try:
            hit = conn.execute("SELECT 1 FROM cases WHERE id = ?", (case_id,)).fetchone()
        except sqlite3.Error:
            failed.append(case_id)
            gap += 1
            continue
        if hit:
            found.append(case_id)
            gap = 0
        else:
            gap += 1
    last = max(found, default=0)
    return sorted(found + [i for i in failed if i < last])


@_guarded
def import_all(conn: sqlite3.Connection, backup: Backup) -> tuple[int, int]:
    """Add the cases and contacts of a validated backup that are not here yet; return
    (cases, contacts). Everything is added in one transaction: all or nothing."""
    added_cases = added_contacts = 0
    today = _today()
    with _transaction(conn):
        for case in backup.cases:
            row = conn.execute("SELECT id FROM cases WHERE uid = ?", (case.uid,)).fetchone()
            if row is None:
                cursor = conn.execute(
                    "INSERT INTO cases (uid, company, unit, problem, title, status, created,"
                    " closed, cpf, state, event_date, event_time, account, want, story)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        case.uid,
                        case.company,
                        case.unit,
                        case.problem,
                        case.title,
                        case.status,
                        case.created.isoformat(),
                        case.closed.isoformat() if case.closed else None,
                        case.cpf,
                        case.state,
                        *_story_values(
                            case.event_date, case.event_time, case.account, case.want, case.story
                        ),
                    ),
                )
                case_id = cursor.lastrowid
                added_cases += 1
            else:
                case_id = row[0]
            for contact in case.contacts:
                known = conn.execute(
                    "SELECT 1 FROM contacts WHERE uid = ?", (contact.uid,)
                ).fetchone()
                if known:
                    continue
                conn.execute(
                    "INSERT INTO contacts (uid, case_id, channel, protocol, date, outcome,"
                    " note, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        contact.uid,
                        case_id,
                        contact.channel,
                        contact.protocol,
                        contact.date.isoformat(),
                        contact.outcome,
                        contact.note,
                        today,
                    ),
                )
                added_contacts += 1
    return added_cases, added_contacts
