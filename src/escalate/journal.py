"""The case journal: the person's own contacts and protocols, in SQLite on their machine.

WAL mode, foreign keys, every write in one transaction, the schema version in
``PRAGMA user_version`` with ordered migrations applied on open, file mode 0600. A file that
is not an escalate journal is never written to: opening it raises ``JournalError``.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path
from typing import Any, ClassVar

from escalate.errors import EscalateError
from escalate.printable import printable
from escalate.value import Value

APPLICATION_ID = 0x45534341  # "ESCA": marks the file as ours
SQLITE_HEADER = b"SQLite format 3\x00"
OUTCOMES = ("open", "solved", "failed", "no-answer")

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
)
SCHEMA_VERSION = len(MIGRATIONS)


class JournalError(EscalateError):
    """The journal file cannot be used; it is left exactly as it was."""


class Contact(Value):
    __slots__ = ("id", "uid", "channel", "protocol", "date", "outcome", "note")
    id: int
    uid: str
    channel: str
    protocol: str | None
    date: dt.date
    outcome: str
    note: str | None


class Case(Value):
    __slots__ = (
        "id",
        "uid",
        "company",
        "unit",
        "problem",
        "title",
        "status",
        "created",
        "closed",
        "contacts",
        "cpf",
        "state",
    )
    _defaults: ClassVar[dict[str, Any]] = {"contacts": (), "cpf": None, "state": None}
    id: int
    uid: str
    company: str
    unit: str | None
    problem: str | None
    title: str
    status: str
    created: dt.date
    closed: dt.date | None
    contacts: tuple[Contact, ...]
    cpf: str | None
    state: str | None  # given for a company serving several states without units


def _check_file(path: Path) -> None:
    """Refuse a file at the journal's path that is not an SQLite database."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(SQLITE_HEADER))
    except IsADirectoryError:
        raise JournalError(f"{path} is a folder, not a journal file") from None
    except OSError as exc:
        raise JournalError(f"cannot read the journal {path}: {exc.strerror}") from None
    if head and head != SQLITE_HEADER:
        raise JournalError(
            f"{path} is not an escalate journal; it was left untouched",
            hint="move it away or set ESCALATE_HOME to another folder",
        )


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the schema up to date, in one transaction; return the version found."""
    found = conn.execute("PRAGMA user_version").fetchone()[0]
    if found > SCHEMA_VERSION:
        raise JournalError(
            f"the journal was written by a newer escalate (schema {found}, this one knows"
            f" {SCHEMA_VERSION})",
            hint="upgrade escalate",
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
        conn.execute("ROLLBACK")
        raise
    return int(found)


def connect(path: Path | str) -> sqlite3.Connection:
    """Open (creating if needed, mode 0600) and migrate the journal at ``path``."""
    if str(path) != ":memory:":
        path = Path(path)
        if path.exists():
            _check_file(path)
        else:
            try:
                path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
            except FileExistsError:
                _check_file(path)
            except OSError as exc:
                raise JournalError(f"cannot create the journal {path}: {exc.strerror}") from None
    try:
        conn = sqlite3.connect(str(path), timeout=30, isolation_level=None)
        conn.execute("PRAGMA busy_timeout = 30000")
        # Look before touching anything: even switching to WAL rewrites the file's header.
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if app_id != APPLICATION_ID and tables:
            conn.close()
            raise JournalError(
                f"{path} is an SQLite database of another program; it was left untouched",
                hint="move it away or set ESCALATE_HOME to another folder",
            )
        if str(path) != ":memory:":
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA foreign_keys = ON")
        migrate(conn)
    except sqlite3.DatabaseError as exc:
        raise JournalError(f"the journal {path} is damaged or unreadable: {exc}") from None
    return conn


def _new_uid() -> str:
    import uuid  # only writes need it

    return str(uuid.uuid4())


def _today() -> str:
    return dt.date.today().isoformat()


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
) -> int:
    if cpf is not None:
        from escalate import cpf as cpf_rules

        if not cpf_rules.is_valid(cpf):
            raise JournalError("not a valid CPF (check digits)")
        cpf = cpf_rules.digits(cpf)
    with _transaction(conn):
        cursor = conn.execute(
            "INSERT INTO cases (uid, company, unit, problem, title, created, cpf, state)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                _new_uid(),
                company,
                unit,
                problem,
                title,
                (created or dt.date.today()).isoformat(),
                cpf,
                state,
            ),
        )
    return int(cursor.lastrowid or 0)


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
            raise JournalError(f"no case {case_id}", hint="escalate case list")
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


def _known(case_id: int) -> None:
    """Refuse a case number SQLite cannot even hold (it would raise OverflowError)."""
    if not 0 < case_id < 2**63:
        shown = str(case_id) if len(str(case_id)) <= 20 else str(case_id)[:17] + "..."
        raise JournalError(f"no case {shown}", hint="escalate case list")


def close_case(conn: sqlite3.Connection, case_id: int, *, on: dt.date | None = None) -> None:
    _known(case_id)
    with _transaction(conn):
        updated = conn.execute(
            "UPDATE cases SET status = 'closed', closed = ? WHERE id = ?",
            ((on or dt.date.today()).isoformat(), case_id),
        ).rowcount
        if not updated:
            raise JournalError(f"no case {case_id}", hint="escalate case list")


def _case(row: tuple[Any, ...], contacts: tuple[Contact, ...] = ()) -> Case:
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
    )


_CASE_COLUMNS = "id, uid, company, unit, problem, title, status, created, closed, cpf, state"


def list_cases(conn: sqlite3.Connection) -> list[Case]:
    rows = conn.execute(f"SELECT {_CASE_COLUMNS} FROM cases ORDER BY id").fetchall()
    return [_case(row) for row in rows]


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


def get_case(conn: sqlite3.Connection, case_id: int) -> Case:
    _known(case_id)
    row = conn.execute(f"SELECT {_CASE_COLUMNS} FROM cases WHERE id = ?", (case_id,)).fetchone()
    if row is None:
        raise JournalError(f"no case {case_id}", hint="escalate case list")
    contacts = tuple(
        Contact(r[0], r[1], r[2], r[3], dt.date.fromisoformat(r[4]), r[5], r[6])
        for r in conn.execute(
            "SELECT id, uid, channel, protocol, date, outcome, note FROM contacts"
            " WHERE case_id = ? ORDER BY date, id",
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
        self.conn.execute("ROLLBACK" if kind else "COMMIT")


# --- backup ----------------------------------------------------------------------------------


def case_fields(case: Case) -> dict[str, Any]:
    """A case's own fields as JSON values (without its contacts or CPF)."""
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
    }


def export_all(conn: sqlite3.Connection) -> dict[str, Any]:
    """Every case and contact, with their ids for de-duplication: the backup format."""
    cases = []
    for summary in list_cases(conn):
        case = get_case(conn, summary.id)
        cases.append(
            {
                **case_fields(case),
                "cpf": case.cpf,
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
        )
    return {
        "schema_version": 1,
        "kind": "journal",
        "journal_schema": SCHEMA_VERSION,
        "cases": cases,
    }


def _text(value: Any) -> Any:
    """Text from a backup with no control characters: it is printed to terminals later."""
    return printable(value) if isinstance(value, str) else value


def _state(code: Any) -> str | None:
    from escalate.lookup import STATES

    if code is not None and code not in STATES:
        raise JournalError(f"not a state code in the backup: {str(code)[:10]!r}")
    return code  # type: ignore[no-any-return]


def import_all(conn: sqlite3.Connection, document: Any) -> tuple[int, int]:
    """Add the cases and contacts of a backup that are not here yet; return (cases, contacts).

    Everything is added in one transaction: a bad entry anywhere adds nothing at all.
    """
    if not isinstance(document, dict) or document.get("kind") != "journal":
        raise JournalError("not an escalate journal backup (kind must be 'journal')")
    added_cases = added_contacts = 0
    try:
        with _transaction(conn):
            for case in document.get("cases", []):
                row = conn.execute("SELECT id FROM cases WHERE uid = ?", (case["uid"],)).fetchone()
                if row is None:
                    cursor = conn.execute(
                        "INSERT INTO cases (uid, company, unit, problem, title, status, created,"
                        " closed, cpf, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (
                            case["uid"],
                            case["company"],
                            case.get("unit"),
                            case.get("problem"),
                            printable(case["title"]),
                            case.get("status", "open"),
                            dt.date.fromisoformat(case["created"]).isoformat(),
                            case.get("closed"),
                            case.get("cpf"),
                            _state(case.get("state")),
                        ),
                    )
                    case_id = cursor.lastrowid
                    added_cases += 1
                else:
                    case_id = row[0]
                for contact in case.get("contacts", []):
                    known = conn.execute(
                        "SELECT 1 FROM contacts WHERE uid = ?", (contact["uid"],)
                    ).fetchone()
                    if known:
                        continue
                    if contact.get("outcome", "open") not in OUTCOMES:
                        raise JournalError(f"unknown outcome '{contact.get('outcome')}'")
                    conn.execute(
                        "INSERT INTO contacts (uid, case_id, channel, protocol, date, outcome,"
                        " note, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        (
                            contact["uid"],
                            case_id,
                            contact["channel"],
                            _text(contact.get("protocol")),
                            dt.date.fromisoformat(contact["date"]).isoformat(),
                            contact.get("outcome", "open"),
                            _text(contact.get("note")),
                            _today(),
                        ),
                    )
                    added_contacts += 1
    except (KeyError, TypeError, ValueError, sqlite3.IntegrityError) as exc:
        raise JournalError(f"the backup has a bad entry, nothing was imported: {exc}") from None
    return added_cases, added_contacts
