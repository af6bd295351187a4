"""The case journal: migrations, whole writes, file safety."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from escalate.cases import journal
from escalate.cases.journal import JournalError


@pytest.fixture
def conn(tmp_path: Path) -> sqlite3.Connection:
    return journal.connect(tmp_path / "journal.sqlite3")


def test_migrations_from_empty_on_memory() -> None:
    memory = journal.connect(":memory:")
    assert memory.execute("PRAGMA user_version").fetchone()[0] == journal.SCHEMA_VERSION
    assert memory.execute("PRAGMA application_id").fetchone()[0] == journal.APPLICATION_ID
    assert journal.migrate(memory) == journal.SCHEMA_VERSION  # applying again changes nothing


def test_new_file_is_private_wal_and_current(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "journal.sqlite3"
    conn = journal.connect(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_case_log_show_close(conn: sqlite3.Connection) -> None:
    case_id = journal.new_case(
        conn,
        company="elektro",
        title="Conta dobrou",
        problem="billing",
        created=dt.date(2026, 11, 1),
    )
    journal.log_contact(
        conn, case_id, channel="sac", protocol="123", date=dt.date(2026, 11, 2), outcome="failed"
    )
    journal.log_contact(conn, case_id, channel="ouvidoria", date=dt.date(2026, 11, 10))
    case = journal.get_case(conn, case_id)
    assert case.company == "elektro" and case.status == "open"
    assert [c.channel for c in case.contacts] == ["sac", "ouvidoria"]
    assert case.contacts[0].protocol == "123" and case.contacts[0].outcome == "failed"
    journal.close_case(conn, case_id, on=dt.date(2026, 11, 20))
    assert journal.get_case(conn, case_id).closed == dt.date(2026, 11, 20)
    assert [c.id for c in journal.list_cases(conn)] == [case_id]


@pytest.mark.parametrize(
    ("action", "message"),
    [
        (
            lambda c: journal.log_contact(c, 99, channel="sac", date=dt.date(2026, 1, 1)),
            "no case 99",
        ),
        (lambda c: journal.close_case(c, 99), "no case 99"),
        (lambda c: journal.get_case(c, 99), "no case 99"),
        (
            lambda c: journal.log_contact(
                c,
                journal.new_case(c, company="x", title="t"),
                channel="sac",
                date=dt.date(2026, 1, 1),
                outcome="maybe",
            ),
            "unknown outcome",
        ),
    ],
)
def test_bad_requests_change_nothing(conn: sqlite3.Connection, action, message: str) -> None:
    before = conn.execute("SELECT count(*) FROM contacts").fetchone()[0]
    with pytest.raises(JournalError, match=message):
        action(conn)
    assert conn.execute("SELECT count(*) FROM contacts").fetchone()[0] == before


@pytest.mark.parametrize(
    "content",
    [b"hello, this is my shopping list\n", b"\x00\x01\x02binary", b"SQLite format 2\x00junk"],
)
def test_a_foreign_file_is_refused_and_left_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "journal.sqlite3"
    path.write_bytes(content)
    before = path.stat().st_mtime_ns
    with pytest.raises(JournalError, match="not an escalate journal"):
        journal.connect(path)
    assert path.read_bytes() == content
    assert path.stat().st_mtime_ns == before


def test_another_programs_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE recipes (name TEXT)")
    other.execute("INSERT INTO recipes VALUES ('feijoada')")
    other.commit()
    other.close()
    content = path.read_bytes()
    with pytest.raises(JournalError, match="another program"):
        journal.connect(path)
    assert path.read_bytes() == content


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    journal.connect(path).execute(f"PRAGMA user_version = {journal.SCHEMA_VERSION + 1}")
    with pytest.raises(JournalError, match="newer escalate"):
        journal.connect(path)


def test_a_folder_at_the_path_is_refused(tmp_path: Path) -> None:
    (tmp_path / "journal.sqlite3").mkdir()
    with pytest.raises(JournalError, match="is a folder"):
        journal.connect(tmp_path / "journal.sqlite3")


WRITER = """
import datetime as dt, sys
from escalate.cases import journal
conn = journal.connect(sys.argv[1])
for i in range(40):
    journal.log_contact(conn, int(sys.argv[2]), channel="sac", protocol=f"{sys.argv[3]}-{i}",
                        date=dt.date(2026, 11, 2))
"""


def test_two_writers_lose_no_entry(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    case_id = journal.new_case(journal.connect(path), company="elektro", title="two writers")
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(case_id), name])
        for name in ("a", "b")
    ]
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    protocols = {c.protocol for c in journal.get_case(journal.connect(path), case_id).contacts}
    assert len(protocols) == 80


def test_killed_mid_write_leaves_the_journal_consistent(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    case_id = journal.new_case(journal.connect(path), company="elektro", title="kill -9")
    endless = WRITER.replace("range(40)", "range(10**9)")
    proc = subprocess.Popen([sys.executable, "-c", endless, str(path), str(case_id), "k"])
    conn = journal.connect(path)
    for _ in range(200):  # wait until it is writing
        if conn.execute("SELECT count(*) FROM contacts").fetchone()[0] > 20:
            break
        __import__("time").sleep(0.05)
    os.kill(proc.pid, 9)
    proc.wait()
    fresh = journal.connect(path)
    assert fresh.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    count = fresh.execute("SELECT count(*) FROM contacts").fetchone()[0]
    assert count > 0
    # Every row that is there is whole.
    assert (
        fresh.execute(
            "SELECT count(*) FROM contacts WHERE protocol IS NULL OR date IS NULL"
        ).fetchone()[0]
        == 0
    )
