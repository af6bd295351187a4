"""Untrusted input, end to end: backups from elsewhere, user data files, planted links, and a
journal that is locked, read-only, full, damaged or from another version.

What a person cares about, checked on each: the exit code, one clear line on stderr (never the
catch-all "unexpected error", never a traceback, never a control character), and that nothing
they saved was lost or changed. Behaviour of the process itself (stdout, files, permissions,
encodings, signals of a hang) runs the installed program in the ``Sandbox`` of test_hostile.py;
the rest runs in-process through typer's CliRunner, which is much faster.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
import re
import sqlite3
import stat
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import DATA, warm
from escalate.cases import backup, journal, limits
from escalate.cli.main import app
from escalate.i18n import t
from test_hostile import (
    TIMEOUT,
    Run,
    Sandbox,
    _restore_permissions,
    assert_error,
    assert_no_crash,
    assert_plain,
    assert_warnings,
    drop_root_powers,
)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX files, modes and FIFOs")

CPF = "529.982.247-25"  # a valid test CPF
CPF_DIGITS = "52998224725"
TODAY = dt.date(2026, 11, 25)  # conftest.NOW
ELEKTRO = "Neoenergia Elektro"
USER_MARK = t("en", "mark.user")
OVERRIDE_PHONE = "0900 666 6666"

runner = CliRunner()


@pytest.fixture
def box(installed: Path, tmp_path: Path) -> Iterator[Sandbox]:
    """The installed program in a sandbox (test_hostile.Sandbox), one per test."""
    sandbox = Sandbox(tmp_path / "sandbox", installed / "bin" / "escalate")
    yield sandbox
    _restore_permissions(sandbox.root)


@pytest.fixture(autouse=True)
def _warm_home(isolated: Path, shipped_cache: bytes | None) -> None:
    """Every in-process run here starts with the shipped catalogue's cache (conftest.warm),
    also in the tests that ask for ``home``."""
    if not (isolated / "cache").exists():
        warm(isolated, shipped_cache)


# --- helpers ---------------------------------------------------------------------------------


def cli(*args: Any, env: dict[str, str] | None = None) -> Run:
    """escalate in-process; a Python exception that escapes the program fails the test."""
    result = runner.invoke(app, [str(a) for a in args], env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Run(result.exit_code, result.stdout, result.stderr)


def seed(path: Path, *, cpf: str | None = None, title: str = "Conta de luz dobrou") -> None:
    """A journal at ``path`` with case 1 (Elektro) and an open SAC contact of 2026-11-24."""
    conn = journal.connect(path)
    try:
        case_id = journal.new_case(
            conn, company="elektro", title=title, cpf=cpf, created=dt.date(2026, 11, 20)
        )
        journal.log_contact(
            conn, case_id, channel="sac", date=dt.date(2026, 11, 24), protocol="2026112400123"
        )
    finally:
        conn.close()


def saved(path: Path) -> str:
    """What `case export --all` gives for the journal at ``path``."""
    conn = journal.open_to_read(path)
    assert conn is not None, f"no journal at {path}"
    try:
        return json.dumps(journal.export_all(conn), ensure_ascii=False, indent=2)
    finally:
        conn.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def uid() -> str:
    return str(uuid.uuid4())


def valid_backup(**case_changes: Any) -> dict[str, Any]:
    case = {
        "uid": uid(),
        "company": "elektro",
        "unit": None,
        "state": None,
        "problem": "billing",
        "title": "Conta de outubro",
        "status": "open",
        "created": "2026-11-01",
        "closed": None,
        "cpf": None,
        "event_date": None,
        "event_time": None,
        "account": None,
        "want": [],
        "story": None,
        "contacts": [
            {
                "uid": uid(),
                "channel": "sac",
                "protocol": "555",
                "date": "2026-11-02",
                "outcome": "no-answer",
                "note": None,
            }
        ],
    }
    case.update(case_changes)
    return {
        "schema_version": 1,
        "kind": "journal",
        "journal_schema": journal.SCHEMA_VERSION,
        "cases": [case],
    }


def elektro_yaml() -> str:
    return (DATA / "companies" / "elektro.yaml").read_text(encoding="utf-8")


def user_record(*, record_id: str, name_yaml: str) -> str:
    """The shipped Elektro record under another id and name (a YAML scalar, as written)."""
    text = elektro_yaml()
    text = re.sub(r"(?m)^id: elektro$", f"id: {record_id}", text, count=1)
    text = re.sub(r"(?m)^name: .*$", lambda _m: f"name: {name_yaml}", text, count=1)
    text = re.sub(r"(?m)^aliases: .*$", f"aliases: [{record_id}-energia]", text, count=1)
    assert f"id: {record_id}" in text and name_yaml in text
    return text


# --- 1. a calendar alone is only a calendar --------------------------------------------------


def test_ics_alone_writes_only_the_calendar_and_says_so_in_one_line(box: Sandbox) -> None:
    box.snapshot()  # nothing planted: the program may write its journal and files
    seed(box.journal, cpf=CPF)
    box.cwd = box.home / "work"
    box.cwd.mkdir()

    run = box.run("case", "export", "1", "--ics", "prazos.ics")
    assert run.code == 0, run.err
    assert_no_crash(run)
    assert run.err == ""
    assert len(run.out.splitlines()) == 1, run.out
    assert "prazos.ics" in run.out
    assert "{" not in run.out and "schema_version" not in run.out  # no backup on the screen
    for shown in (CPF, CPF_DIGITS, "47-25", "2247"):
        assert shown not in run.out
    calendar = (box.cwd / "prazos.ics").read_bytes()
    assert calendar.startswith(b"BEGIN:VCALENDAR\r\n")
    assert calendar.count(b"BEGIN:VEVENT") == 1
    assert CPF_DIGITS.encode() not in calendar and b"47-25" not in calendar
    assert sorted(p.name for p in box.cwd.iterdir()) == ["prazos.ics"]

    run = box.run("case", "export", "1", "--format", "json", "--ics", "x.ics")
    assert run.code == 0, run.err
    assert run.err == ""
    document = json.loads(run.out)  # stdout is the backup, and nothing else
    assert document["kind"] == "journal"
    assert document["cases"][0]["cpf"] == CPF_DIGITS
    assert (box.cwd / "x.ics").read_bytes().count(b"BEGIN:VEVENT") == 1
    assert sorted(p.name for p in box.cwd.iterdir()) == ["prazos.ics", "x.ics"]


# --- 2. calendar injection -------------------------------------------------------------------

INJECTED = "\r\nBEGIN:VALARM\r\nTRIGGER:-PT5M\r\nACTION:AUDIO\r\nEND:VALARM\r\nURL:http://e.test"


@pytest.mark.parametrize(
    ("where", "change"),
    [
        pytest.param(
            "contacts[0].uid",
            lambda d: d["cases"][0]["contacts"][0].update(uid=uid() + INJECTED),
            id="contact-uid",
        ),
        pytest.param(
            "cases[0].title", lambda d: d["cases"][0].update(title="Conta" + INJECTED), id="title"
        ),
        pytest.param(
            "cases[0].title",
            lambda d: d["cases"][0].update(title="Conta\nURL:http://e.test"),
            id="title-lf-url",
        ),
        pytest.param(
            "cases[0].title",
            lambda d: d["cases"][0].update(title="Conta\u2028URL:http://e.test"),
            id="title-line-separator",
        ),
        pytest.param(
            "contacts[0].protocol",
            lambda d: d["cases"][0]["contacts"][0].update(protocol="1" + INJECTED),
            id="protocol",
        ),
        pytest.param(
            "contacts[0].note",
            lambda d: d["cases"][0]["contacts"][0].update(note="n" + INJECTED),
            id="note",
        ),
    ],
)
def test_import_refuses_calendar_injection(
    home: Path, tmp_path: Path, where: str, change: Callable[[dict[str, Any]], None]
) -> None:
    seed(home / "journal.sqlite3")
    before = saved(home / "journal.sqlite3")
    document = valid_backup()
    change(document)
    file = tmp_path / "evil.json"
    file.write_text(json.dumps(document), encoding="utf-8")
    run = cli("case", "import", file)
    assert_error(run, 1, says=where)
    assert saved(home / "journal.sqlite3") == before


def test_ics_of_hostile_but_allowed_text_parses_into_exactly_the_running_deadlines(
    home: Path, tmp_path: Path
) -> None:
    import icalendar

    title = 'Conta; "luz", a\\b URL:http://e.test ATTENDEE:x' + " ação é çã õ ü" * 10
    protocol = "123|456;7,8\\9 URL:http://e.test"
    assert len(title) <= limits.TITLE_MAX and len(protocol) <= limits.PROTOCOL_MAX
    assert cli("case", "new", "-c", "elektro", "--title", title).code == 0
    for date, outcome, proto in (
        ("2026-11-02", "no-answer", "old"),  # its deadline passed on 2026-11-09
        ("2026-11-20", "solved", "done"),  # answered: nothing runs
        ("2026-11-24", "open", protocol),  # the one running: SAC, 7 days → 2026-12-01
    ):
        logged = cli(
            "case", "log", "1", "--channel", "sac", "--date", date, "--outcome", outcome,
            "--protocol", proto,
        )  # fmt: skip
        assert logged.code == 0, logged.err
    target = tmp_path / "prazos.ics"
    run = cli("case", "export", "1", "--ics", target)
    assert run.code == 0, run.err

    raw = target.read_bytes()
    assert raw.endswith(b"\r\n")
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75, line  # folded, never inside a UTF-8 character
        line.decode("utf-8")
    calendar = icalendar.Calendar.from_ical(raw)
    assert [c.name for c in calendar.walk()] == ["VCALENDAR", "VEVENT"]
    (event,) = calendar.walk("VEVENT")
    assert set(event) == {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION"}
    assert event.decoded("DTSTART") == dt.date(2026, 12, 1)
    assert event.decoded("DTEND") == dt.date(2026, 12, 2)
    summary, description = str(event["SUMMARY"]), str(event["DESCRIPTION"])
    assert summary.endswith(f"(protocolo {protocol})"), summary
    assert "SAC" in summary and ELEKTRO in summary
    assert description.startswith(f"Caso 1: {title}. "), description
    for name in ("VALARM", "URL", "ATTENDEE"):
        assert not calendar.walk(name)
        assert name not in calendar and name not in event


# --- 3. terminal escapes from data files -----------------------------------------------------

# YAML double-quoted scalars, as a person (or an attacker) would write them.
HOSTILE_NAMES = {
    "osc52-clipboard": r'"Acme\e]52;c;ZXZpbA==\e\\"',
    "osc8-link": r'"\e]8;;http://e.test\e\\Acme\e]8;;\e\\"',
    "clear-screen": r'"Acme\e[2J\e[H"',
    "rtl-override": r'"Acme \u202Eorp"',
    "bell-and-cr": r'"Acme\a\rFake"',
}


def test_escape_sequence_in_a_user_name_is_reported_and_never_printed(box: Sandbox) -> None:
    path = box.user_folder() / "acme.yaml"
    path.write_text(user_record(record_id="acme", name_yaml=HOSTILE_NAMES["osc52-clipboard"]))
    run = box.run("data", "validate")
    assert run.code == 1, run.out
    assert_no_crash(run)
    assert re.search(rf"^{re.escape(str(path))}:\d+: ESC018 error: ", run.out, re.M), run.out
    assert_plain(run.out)
    for args in (
        ("lookup", "acme"),
        ("companies",),
        ("advise", "--company", "acme", "--stage", "start"),
    ):
        run = box.run(*args)
        assert run.code == 0, (args, run.err)
        assert_no_crash(run)
        assert "Acme" in run.out
        assert_plain(run.out)
        assert_plain(run.err)


@pytest.mark.parametrize("kind", list(HOSTILE_NAMES))
def test_every_kind_of_escape_in_user_data_stays_off_the_terminal(
    user_companies: Path, kind: str
) -> None:
    text = user_record(record_id="acme", name_yaml=HOSTILE_NAMES[kind])
    # The same sequence in the summary and in a channel's label too.
    raw = HOSTILE_NAMES[kind][1:-1]
    text, found = re.subn(
        r"(?m)^(  (?:pt|en): )((?:Distribuidora|Energy distributor) .*)$",
        lambda m: f'{m[1]}"{raw} {m[2]}"',
        text,
    )
    assert found == 2
    sms = 'label: {pt: "SMS", en: "SMS"}'
    assert sms in text
    text = text.replace(sms, f'label: {{pt: "SMS {raw}", en: "SMS {raw}"}}')
    (user_companies / "acme.yaml").write_text(text)
    run = cli("data", "validate")
    assert run.code == 1, run.out
    assert "ESC018" in run.out
    assert_plain(run.out)
    for args in (
        ("lookup", "acme"),
        ("lookup", "acme", "--lang", "pt"),
        ("companies",),
        ("advise", "--company", "acme", "--stage", "start"),
        ("checklist", "sac", "--company", "acme"),
    ):
        run = cli(*args)
        assert run.code == 0, (args, run.err)
        assert "Acme" in run.out or args[0] == "checklist"
        assert_plain(run.out)
        assert_plain(run.err)


# --- 4. user records are marked, and never take over shipped names ---------------------------


def _elektro_contacts(document: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    if isinstance(document, dict):
        if "origin" in document and document.get("owner") in (ELEKTRO, "elektro"):
            found.append(document)
        for value in document.values():
            found += _elektro_contacts(value)
    elif isinstance(document, list):
        for value in document:
            found += _elektro_contacts(value)
    return found


def test_a_user_override_is_marked_wherever_its_contacts_are_shown(box: Sandbox) -> None:
    shipped = elektro_yaml()
    assert "0800 701 01 02" in shipped
    path = box.user_folder() / "elektro.yaml"
    path.write_text(shipped.replace("0800 701 01 02", OVERRIDE_PHONE))
    run = box.run("data", "validate")
    assert run.code == 0, run.out  # the override itself is valid (ESC016: info)
    assert "ESC016" in run.out

    def marked_line(out: str) -> None:
        lines = [line for line in out.splitlines() if OVERRIDE_PHONE in line]
        assert lines, out
        assert all(USER_MARK in line for line in lines), lines

    created = box.run("case", "new", "-c", "elektro", "--title", "x")
    assert created.code == 0, created.err
    for args in (
        ("advise", "--company", "elektro", "--stage", "start"),
        ("advise", "--problem", "hazard", "--company", "elektro"),
        ("advise", "--case", "1"),
    ):
        run = box.run(*args)
        assert run.code == 0, (args, run.err)
        marked_line(run.out)
        assert str(path) in run.out  # the legend says which file

    for fmt in ("markdown", "html"):
        run = box.run("case", "export", "1", "--format", fmt)
        assert run.code == 0, run.err
        assert "companies/elektro.yaml" in run.out and "pasta de dados" in run.out, run.out

    run = box.run("companies")
    assert run.code == 0, run.err
    (row,) = [line for line in run.out.splitlines() if line.startswith("elektro ")]
    assert USER_MARK in row

    run = box.run("advise", "--company", "elektro", "--stage", "start", "--json")
    assert run.code == 0, run.err
    contacts = _elektro_contacts(json.loads(run.out))
    assert contacts, run.out
    assert {c["origin"] for c in contacts} == {"user"}
    assert OVERRIDE_PHONE in json.dumps(contacts, ensure_ascii=False)


def test_a_user_alias_does_not_take_over_a_shipped_name(box: Sandbox) -> None:
    path = box.user_folder() / "minha.yaml"
    path.write_text(
        user_record(record_id="minha", name_yaml="Minha Energia").replace(
            "aliases: [minha-energia]", "aliases: [net]"
        )
    )
    run = box.run("lookup", "net")
    assert run.code == 0, run.err
    assert run.out.startswith("Claro"), run.out[:200]
    assert "Minha Energia" not in run.out
    assert_warnings(run, [str(path)])


def test_a_lookalike_name_is_flagged(box: Sandbox) -> None:
    path = box.user_folder() / "elektr0.yaml"
    path.write_text(user_record(record_id="elektr0", name_yaml="\u0415lektro"))  # Cyrillic Е
    run = box.run("data", "validate")
    assert_no_crash(run)
    assert re.search(rf"^{re.escape(str(path))}:\d+: ESC019 warning: ", run.out, re.M), run.out


# --- 5. links, the journal's own files, modes -------------------------------------------------

TEMP_LIKE = [
    ".prazos.ics.tmp",
    "prazos.ics.tmp",
    ".prazos.ics.swp",
    "prazos.ics~",
    ".#prazos.ics",
    "prazos.ics.part",
    ".prazos.ics.new",
    ".~lock.prazos.ics#",
]


def test_planted_links_at_temporary_names_are_never_written_through(box: Sandbox) -> None:
    box.snapshot()
    seed(box.journal)
    outside = box.root / "outside.txt"
    outside.write_text("precious\n")
    shared = box.home / "shared"
    shared.mkdir()
    for name in TEMP_LIKE:
        (shared / name).symlink_to(outside)
    run = box.run("case", "export", "1", "--ics", shared / "prazos.ics")
    assert run.code == 0, run.err
    assert outside.read_text() == "precious\n"
    for name in TEMP_LIKE:
        assert os.readlink(shared / name) == str(outside)
    target = shared / "prazos.ics"
    assert stat.S_ISREG(target.lstat().st_mode)
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert sorted(p.name for p in shared.iterdir()) == sorted([*TEMP_LIKE, "prazos.ics"])

    # A link at the target's own name is replaced, not followed.
    (shared / "other.ics").symlink_to(outside)
    run = box.run("case", "export", "1", "--ics", shared / "other.ics")
    assert run.code == 0, run.err
    assert outside.read_text() == "precious\n"
    assert stat.S_ISREG((shared / "other.ics").lstat().st_mode)


def test_exports_never_write_over_the_journal_or_its_side_files(box: Sandbox) -> None:
    seed(box.journal, cpf=CPF)
    before = digest(box.journal)
    link = box.home / "innocent.json"
    link.symlink_to(box.journal)
    targets = [
        ("--ics", box.journal),
        ("-o", box.journal),
        ("-o", f"{box.journal}-wal"),
        ("-o", f"{box.journal}-shm"),
        ("-o", link),
        ("-o", f"{box.home}/./journal.sqlite3"),
        ("--ics", Path("..") / "home" / "journal.sqlite3"),  # relative to the working folder
    ]
    for option, target in targets:
        args = ("case", "export", "1", option, target)
        if option == "-o":
            args = ("case", "export", "--all", option, target)
        run = box.run(*args)
        assert_error(run, 1, says="journal")
        assert digest(box.journal) == before, target
    assert os.readlink(link) == str(box.journal)
    run = box.run("case", "show", "1")
    assert run.code == 0, run.err
    assert "Conta de luz dobrou" in run.out


def test_a_journal_readable_by_others_is_made_private(box: Sandbox) -> None:
    box.snapshot()
    seed(box.journal)
    box.journal.chmod(0o644)
    box.home.chmod(0o755)
    run = box.run("case", "new", "-c", "elektro", "--title", "Outra", "--cpf", CPF)
    assert run.code == 0, run.err
    assert stat.S_IMODE(box.journal.stat().st_mode) == 0o600
    assert stat.S_IMODE(box.home.stat().st_mode) == 0o700
    for side in ("-wal", "-shm"):
        path = Path(f"{box.journal}{side}")
        if path.exists():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600


SIDE_FILES = ("-journal", "-wal", "-shm")


@pytest.mark.parametrize("points_to", ["a-journal-elsewhere", "dev-null"])
def test_a_journal_that_is_a_link_is_refused(box: Sandbox, points_to: str) -> None:
    if points_to == "dev-null":
        target = Path(os.devnull)
    else:
        target = box.root / "elsewhere" / "journal.sqlite3"
        seed(target)
    box.home.mkdir()
    box.journal.symlink_to(target)
    dev_files = {p: os.path.lexists(p) for p in (f"{os.devnull}{s}" for s in SIDE_FILES)}
    for args in (("case", "list"), ("case", "new", "-c", "elektro", "--title", "x")):
        assert_error(box.run(*args), 1, says="symbolic link")
    assert {p: os.path.lexists(p) for p in dev_files} == dev_files
    assert os.readlink(box.journal) == str(target)
    assert sorted(p.name for p in box.home.iterdir() if p.name != "cache") == ["journal.sqlite3"]


@pytest.mark.parametrize("kind", ["fifo", "char-device"])
def test_export_to_a_fifo_or_device_never_replaces_it(box: Sandbox, kind: str) -> None:
    seed(box.journal)
    target = box.home / "special"
    if kind == "fifo":
        os.mkfifo(target)
    else:
        try:  # a private copy of /dev/null: never the real one
            os.mknod(target, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        except OSError:
            pytest.skip("cannot make a device node here")
    run = box.run("case", "export", "--all", "-o", target, timeout=10)
    assert_no_crash(run)
    mode = target.lstat().st_mode
    assert stat.S_ISFIFO(mode) if kind == "fifo" else stat.S_ISCHR(mode), "it was replaced"


# --- 6. the import boundary ------------------------------------------------------------------


def _mutate(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """Set (or with ..., delete) the field at a dotted path of a backup document."""

    def change(document: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = document
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        key = int(last) if last.isdigit() else last
        if value is ...:
            del node[key]
        else:
            node[key] = value

    return change


def _second_case_same_uid(document: dict[str, Any]) -> None:
    twin = json.loads(json.dumps(document["cases"][0]))
    twin["contacts"][0]["uid"] = uid()
    document["cases"].append(twin)


IMPORT_REFUSED = [
    ("closed-garbage", _mutate("cases.0.closed", "garbage"), "cases[0].closed"),
    ("contact-in-9999", _mutate("cases.0.contacts.0.date", "9999-12-31"), "in the future"),
    ("before-the-code", _mutate("cases.0.created", "1989-12-31"), "cases[0].created"),
    ("february-30", _mutate("cases.0.created", "2026-02-30"), "no such day"),
    ("bad-cpf", _mutate("cases.0.cpf", "52998224724"), "CPF"),
    ("formatted-cpf", _mutate("cases.0.cpf", CPF), "cases[0].cpf"),
    ("unknown-company", _mutate("cases.0.company", "acme"), "unknown company"),
    ("unknown-unit", _mutate("cases.0.unit", "elektro-xx"), "cases[0].unit"),
    ("unknown-channel", _mutate("cases.0.contacts.0.channel", "pombo"), "unknown channel"),
    ("unknown-problem", _mutate("cases.0.problem", "aliens"), "unknown problem"),
    ("unknown-outcome", _mutate("cases.0.contacts.0.outcome", "maybe"), "outcome"),
    ("title-300", _mutate("cases.0.title", "x" * 300), "300 characters"),
    ("title-empty", _mutate("cases.0.title", ""), "cases[0].title"),
    ("title-escape", _mutate("cases.0.title", "a\x1b[2Jb"), "U+001B"),
    ("note-1001", _mutate("cases.0.contacts.0.note", "n" * 1001), "1001 characters"),
    ("schema-99", _mutate("schema_version", 99), "schema_version"),
    ("journal-schema-99", _mutate("journal_schema", 99), "newer escalate"),
    ("kind-other", _mutate("kind", "dossier"), "kind"),
    ("same-uid-twice", _second_case_same_uid, "cases[0] and cases[1]"),
    ("unknown-field", _mutate("cases.0.colour", "blue"), "unknown field"),
    ("missing-field", _mutate("cases.0.title", ...), "missing"),
    ("status-number", _mutate("cases.0.status", 1), "cases[0].status"),
    ("title-number", _mutate("cases.0.title", 42), "cases[0].title"),
    ("date-number", _mutate("cases.0.created", 20261101), "cases[0].created"),
    ("cpf-number", _mutate("cases.0.cpf", 52998224725), "cases[0].cpf"),
    ("contacts-object", _mutate("cases.0.contacts", {}), "cases[0].contacts"),
    ("contact-list", _mutate("cases.0.contacts.0", ["sac"]), "contacts[0]"),
    ("cases-null", _mutate("cases", None), "cases"),
    ("version-text", _mutate("schema_version", "1"), "schema_version"),
    ("version-true", _mutate("schema_version", True), "schema_version"),
    ("version-float", _mutate("journal_schema", 3.0), "journal_schema"),
    ("uid-uppercase", _mutate("cases.0.uid", str(uuid.uuid4()).upper()), "UUID"),
]


@pytest.mark.parametrize(
    ("change", "says"), [pytest.param(c, s, id=i) for i, c, s in IMPORT_REFUSED]
)
def test_import_refuses_a_broken_backup_in_one_line(
    home: Path, tmp_path: Path, change: Callable[[dict[str, Any]], None], says: str
) -> None:
    seed(home / "journal.sqlite3", cpf=CPF)
    before = cli("case", "export", "--all")
    assert before.code == 0
    document = valid_backup(cpf=CPF_DIGITS)
    change(document)
    file = tmp_path / "backup.json"
    file.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    run = cli("case", "import", file)
    assert_error(run, 1, says=says)
    assert "52998224" not in run.err  # a CPF is never echoed
    assert cli("case", "export", "--all").out == before.out


@pytest.mark.parametrize(
    ("content", "says"),
    [
        pytest.param("[" * 100_000 + "]" * 100_000, "nests too deeply", id="100000-levels"),
        pytest.param(
            '{"kind": "journal", "schema_version": 1, "journal_schema": 3, "cases": '
            + "[" * 100_000
            + "]" * 100_000
            + "}",
            "nests too deeply",
            id="100000-levels-inside-a-backup",
        ),
        pytest.param('{"kind": "journal", "kind": "journal"}', "twice", id="repeated-key"),
        pytest.param("NaN", "not JSON", id="nan"),
        pytest.param("1" * 5000, "not JSON", id="5000-digit-number"),
        pytest.param("", "empty", id="empty"),
        pytest.param(b"\xff\xfe{}", "not UTF-8", id="not-utf8"),
    ],
)
def test_import_refuses_files_that_are_no_backup(
    home: Path, tmp_path: Path, content: str | bytes, says: str
) -> None:
    seed(home / "journal.sqlite3")
    before = saved(home / "journal.sqlite3")
    file = tmp_path / "backup.json"
    file.write_bytes(content if isinstance(content, bytes) else content.encode())
    assert_error(cli("case", "import", file), 1, says=says)
    assert saved(home / "journal.sqlite3") == before


def test_import_of_a_backup_saved_with_a_bom(home: Path, tmp_path: Path) -> None:
    document = valid_backup(title="Conta de água — março")
    file = tmp_path / "backup.json"
    file.write_bytes(b"\xef\xbb\xbf" + json.dumps(document, ensure_ascii=False).encode())
    run = cli("case", "import", file)
    assert run.code == 0, run.err
    exported = json.loads(cli("case", "export", "--all").out)
    assert exported["cases"] == document["cases"]


def test_import_of_special_and_huge_files_is_refused_promptly(box: Sandbox) -> None:
    seed(box.journal, cpf=CPF)  # planted: the sandbox checks it is left byte for byte
    before = saved(box.journal)
    incoming = box.home / "incoming"
    incoming.mkdir()
    huge = incoming / "huge.json"
    with open(huge, "wb") as fh:
        fh.truncate(limits.BACKUP_MAX_BYTES + 1)  # sparse: no disk used
    fifo = incoming / "backup.fifo"
    os.mkfifo(fifo)  # nobody writes: opening it the usual way would wait forever
    for path, says in (
        (huge, "larger than 16 MB"),
        ("/dev/zero", "a device"),
        (fifo, "FIFO"),
        (incoming, "folder"),
        (incoming / "missing.json", "cannot read"),
    ):
        assert_error(box.run("case", "import", path, timeout=10), 1, says=says)
    assert saved(box.journal) == before


# --- 7. a journal that is locked, read-only, full, damaged, or from another version -----------


@pytest.fixture
def busy(home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A journal whose write lock another connection holds (BUSY_SECONDS made short)."""
    path = home / "journal.sqlite3"
    seed(path)
    monkeypatch.setattr(journal, "BUSY_SECONDS", 0.2)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        yield path
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_locked_journal_is_in_use_exit_3_and_nothing_changes(busy: Path, tmp_path: Path) -> None:
    before = saved(busy)  # reading is never blocked by a writer (WAL)
    file = tmp_path / "backup.json"
    file.write_text(json.dumps(valid_backup()))
    for args in (
        ("case", "new", "-c", "elektro", "--title", "x"),
        ("case", "log", "1", "--channel", "sac"),
        ("case", "close", "1"),
        ("case", "import", file),
    ):
        run = cli(*args)
        assert_error(run, 3, says="in use")
        assert "waited" in run.err
    listed = cli("case", "list")
    assert listed.code == 0, listed.err
    assert "Conta de luz dobrou" in listed.out
    assert cli("case", "export", "--all").out == before + "\n"
    assert saved(busy) == before


def _read_only_journal(box: Sandbox) -> str:
    box.snapshot()
    seed(box.journal, cpf=CPF)
    before = saved(box.journal)
    box.journal.chmod(0o444)
    box.home.chmod(0o555)
    return before


def _reads_work_and_writes_are_refused(box: Sandbox, before: str) -> None:
    stored = box.journal.read_bytes()
    run = box.run("case", "list")
    assert run.code == 0, run.err
    assert "Conta de luz dobrou" in run.out
    run = box.run("case", "show", "1")
    assert run.code == 0, run.err
    assert "2026112400123" in run.out
    run = box.run("case", "export", "--all")
    assert run.code == 0, run.err
    assert json.loads(run.out) == json.loads(before)
    for args in (
        ("case", "new", "-c", "elektro", "--title", "x"),
        ("case", "log", "1", "--channel", "sac"),
    ):
        assert_error(box.run(*args), 4, says="cannot be written")
    assert box.journal.read_bytes() == stored
    # Still read-only for its owner; no longer readable by anyone else (it holds a CPF).
    assert stat.S_IMODE(box.journal.stat().st_mode) in (0o400, 0o444)  # 0o444: not ours to chmod
    assert stat.S_IMODE(box.home.stat().st_mode) in (0o500, 0o555)


def test_a_read_only_journal_can_be_read_but_not_written(box: Sandbox) -> None:
    before = _read_only_journal(box)
    drop_root_powers(box)
    _reads_work_and_writes_are_refused(box, before)


def test_a_read_only_journal_of_another_owner_can_be_read_but_not_written(
    box: Sandbox,
) -> None:
    """The same, where the modes cannot be changed back: the designed path (exit 4) works."""
    before = _read_only_journal(box)
    try:
        os.chown(box.journal, 65534, -1)
        os.chown(box.home, 65534, -1)
    except OSError:
        pytest.skip("cannot give the journal to another user here")
    drop_root_powers(box)
    # without CAP_FOWNER either, so that root cannot chmod another user's file
    box.prefix = [p.replace("-dac_read_search", "-dac_read_search,-fowner") for p in box.prefix]
    _reads_work_and_writes_are_refused(box, before)


def test_a_full_disk_is_exit_4_and_nothing_changes(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = home / "journal.sqlite3"
    seed(path)
    opened = journal._open

    def capped(target: str, where: Any, *, readonly: bool) -> sqlite3.Connection:
        conn = opened(target, where, readonly=readonly)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")  # the disk holds not one page more
        return conn

    monkeypatch.setattr(journal, "_open", capped)
    for _attempt in range(60):  # each case fills the last page a little more
        before = saved(path)
        run = cli("case", "new", "-c", "elektro", "--title", "t" * 200)
        if run.code != 0:
            break
    else:
        pytest.fail("the journal never filled up")
    assert saved(path) == before
    assert_error(run, 4, says="full")
    assert "disk" in run.err and "damaged" not in run.err


def _damaged_journal(box: Sandbox, *, damage: list[bytes]) -> None:
    """A journal of 50 cases with notes, the pages holding each ``damage`` marker garbled."""
    conn = journal.connect(box.journal)
    try:
        for n in range(1, 51):
            case_id = journal.new_case(
                conn, company="elektro", title=f"SEGREDO-{n:03}-" + "t" * 80,
                created=dt.date(2026, 11, 1),
            )  # fmt: skip
            for k in range(2):
                journal.log_contact(
                    conn, case_id, channel="sac", date=dt.date(2026, 11, 2),
                    protocol=f"P{n:03}-{k}", note=f"NOTA-{n:03}-{k} " + "n" * 300,
                )  # fmt: skip
    finally:
        conn.close()
    assert not Path(f"{box.journal}-wal").exists()  # everything is in the file itself
    data = bytearray(box.journal.read_bytes())
    size = 4096
    assert len(data) % size == 0 and data[16:18] == b"\x10\x00"  # 4096-byte pages
    for marker in damage:
        page = data.find(marker) // size
        assert page > 0, "the header page stays intact"
        for i in range(page * size, (page + 1) * size, 7):
            data[i] ^= 0xA5
    box.journal.write_bytes(bytes(data))


def test_a_damaged_journal_is_named_and_salvage_saves_what_it_can(box: Sandbox) -> None:
    _damaged_journal(box, damage=[b"SEGREDO-001-", b"NOTA-030-0"])
    for args in (("case", "show", "1"), ("case", "export", "--all")):
        run = box.run(*args)
        assert_error(run, 1, says="damaged")
        assert "--salvage" in run.err
        assert "SEGREDO" not in run.err and "NOTA" not in run.err

    run = box.run("case", "export", "--all", "--salvage", timeout=10)
    assert run.code == 0, run.err
    assert_no_crash(run)
    assert_plain(run.err)
    rescued = json.loads(run.out)
    titles = [c["title"] for c in rescued["cases"]]
    assert 0 < len(titles) < 50, len(titles)
    assert all(title.startswith("SEGREDO-") for title in titles)
    assert "SEGREDO-050-" + "t" * 80 in titles
    assert "case 1: unreadable" in run.err
    assert re.search(r"case \d+: .*contact", run.err), run.err
    assert "SEGREDO" not in run.err and "NOTA" not in run.err
    skipped = [line for line in run.err.splitlines() if "unreadable" in line]
    assert skipped and all(line.startswith("escalate: ") for line in skipped)

    # What was rescued is a backup that imports.
    (box.home / "rescued.json").write_text(run.out)
    fresh = box.home / "fresh"
    moved = box.run("case", "import", box.home / "rescued.json", env={"ESCALATE_HOME": str(fresh)})
    assert moved.code == 0, moved.err


def test_salvage_returns_when_the_newest_cases_are_damaged(box: Sandbox) -> None:
    _damaged_journal(box, damage=[b"SEGREDO-050-"])
    run = box.run("case", "export", "--all", "--salvage", timeout=3)
    assert run.code == 0, run.err
    assert 0 < len(json.loads(run.out)["cases"]) < 50


@pytest.mark.parametrize(
    "mode",
    [
        "wal",
        "delete",
    ],
)
@pytest.mark.parametrize(("version", "says"), [(-1, "-1"), (99, "newer escalate")])
def test_a_journal_of_an_unknown_schema_is_one_line_and_left_untouched(
    box: Sandbox, version: int, says: str, mode: str
) -> None:
    seed(box.journal)
    conn = sqlite3.connect(box.journal, isolation_level=None)
    conn.execute(f"PRAGMA journal_mode = {mode}")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.close()
    before = box.journal.read_bytes()
    for args in (("case", "list"), ("case", "new", "-c", "elektro", "--title", "x")):
        assert_error(box.run(*args), 1, says=says)
        assert box.journal.read_bytes() == before


# --- 8. the dossier --------------------------------------------------------------------------

HOSTILE_TITLE = "<script>alert(1)</script> ![x](http://e.test) [link](http://e.test) *a* `b`"


@pytest.fixture
def hostile_case(home: Path) -> None:
    assert cli("case", "new", "-c", "elektro", "--title", HOSTILE_TITLE).code == 0
    for date, protocol in (("2026-11-02", "12|34|56"), ("2026-11-24", "a | b\\|c")):
        run = cli("case", "log", "1", "--channel", "sac", "--date", date, "--protocol", protocol)
        assert run.code == 0, run.err


def test_markdown_dossier_keeps_hostile_text_literal(hostile_case: None) -> None:
    from markdown_it import MarkdownIt

    run = cli("case", "export", "1", "--format", "markdown")
    assert run.code == 0, run.err
    text = run.out
    assert "<script>" not in text and "![x](" not in text
    table = [line for line in text.splitlines() if line.startswith("| ")]
    assert len(table) == 3  # header and two contacts
    for row in table:
        assert len(re.split(r"(?<!\\)\|", row)) == 8, row  # 6 cells between 7 bars
    rendered = MarkdownIt("commonmark").enable("table").render(text)
    assert "<script" not in rendered and "<img" not in rendered and "<a " not in rendered
    assert "<em>" not in rendered.split("</h1>")[0] and "<code>" not in rendered
    for row in re.findall(r"<tr>(.*?)</tr>", rendered, re.S)[1:]:
        assert row.count("<td") == 6, row
    assert "12|34|56" in rendered and "a | b\\|c" in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt; ![x](http://e.test)" in rendered


def test_html_dossier_keeps_hostile_text_literal(hostile_case: None) -> None:
    run = cli("case", "export", "1", "--format", "html")
    assert run.code == 0, run.err
    page = run.out
    assert "<script" not in page and "<img" not in page and "<a " not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    rows = re.findall(r"<tr>(.*?)</tr>", page, re.S)
    body_rows = [r for r in rows if "<td>" in r]
    assert len(body_rows) == 2
    for row in body_rows:
        assert row.count("<td>") == 6, row
    assert "<td>12|34|56</td>" in page and "<td>a | b\\|c</td>" in page


def test_html_dossier_is_utf8_whatever_the_output_encoding(box: Sandbox) -> None:
    box.snapshot()
    seed(box.journal, title="Conta de luz — cobrança em dobro")
    before = box.snapshot()
    proc = subprocess.run(
        box.command(("case", "export", "1", "--format", "html")),
        cwd=box.cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        env=box.env({"PYTHONIOENCODING": "cp1252"}),
        timeout=TIMEOUT,
    )
    box.assert_untouched(before)
    assert proc.returncode == 0, proc.stderr
    page = proc.stdout.decode("utf-8")  # strict: valid UTF-8 bytes
    assert "Dossiê" in page and "cobrança" in page
    assert '<meta charset="utf-8">' in page


# --- 9. the backup file ----------------------------------------------------------------------


def test_a_backup_file_is_private_and_holds_the_cpf_in_full(box: Sandbox) -> None:
    box.snapshot()
    seed(box.journal, cpf=CPF)
    box.cwd = box.home / "out"
    box.cwd.mkdir()
    (box.cwd / "backup.json").write_text("old, readable by all\n")
    (box.cwd / "backup.json").chmod(0o644)
    run = box.run("case", "export", "--all", "-o", "backup.json")
    assert run.code == 0, run.err
    assert run.out == "" and run.err == ""
    written = box.cwd / "backup.json"
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert json.loads(written.read_text())["cases"][0]["cpf"] == CPF_DIGITS

    run = box.run("case", "export", "--all", shell='umask 022; exec "$0" "$@" > redirected.json')
    assert run.code == 0, run.err
    redirected = box.cwd / "redirected.json"
    assert stat.S_IMODE(redirected.stat().st_mode) == 0o600
    assert redirected.read_bytes() == written.read_bytes()


# --- 10. any backup: imported whole and given back the same, or refused leaving all as it was --


@functools.cache
def _known() -> Any:
    from escalate.catalog import store as catalog
    from escalate.cli.case import _known as known_of

    return known_of(catalog.load(shipped=DATA, user_companies=None, cache_file=None))


_TEXT = st.characters(categories=("L", "M", "N", "P", "S"), include_characters=" ")


def _printable(most: int) -> st.SearchStrategy[str]:
    return st.text(_TEXT, min_size=1, max_size=most).filter(str.isprintable)


def _cpf_numbers() -> st.SearchStrategy[str]:
    from escalate.cases import cpf as cpf_rules

    def complete(nine: list[int]) -> str:
        digits = list(nine)
        for size in (9, 10):
            total = sum(d * (size + 1 - i) for i, d in enumerate(digits))
            digits.append(0 if total % 11 < 2 else 11 - total % 11)
        return "".join(map(str, digits))

    numbers = st.lists(st.integers(0, 9), min_size=9, max_size=9).map(complete)
    return numbers.filter(cpf_rules.is_valid)


@st.composite
def _backups(draw: st.DrawFn) -> backup.Backup:
    known = _known()
    companies = sorted(known.companies)
    sizes = draw(st.lists(st.integers(0, 3), max_size=3))  # contacts per case
    uids = draw(
        st.lists(st.uuids(), min_size=len(sizes) + sum(sizes), max_size=len(sizes) + sum(sizes),
                 unique=True)
    )  # fmt: skip
    ids = iter(str(u) for u in uids)
    dates = st.dates(min_value=limits.EARLIEST_DATE, max_value=TODAY)
    cases = []
    for size in sizes:
        company = draw(st.sampled_from(companies))
        units = sorted(known.companies[company])
        unit = draw(st.one_of(st.none(), st.sampled_from(units))) if units else None
        state = None if unit else draw(st.one_of(st.none(), st.sampled_from(sorted(known.states))))
        created = draw(dates)
        closed = draw(st.one_of(st.none(), st.dates(min_value=created, max_value=TODAY)))
        contacts = tuple(
            backup.BackupContact(
                next(ids),
                draw(st.sampled_from(sorted(known.channels))),
                draw(st.one_of(st.none(), _printable(limits.PROTOCOL_MAX))),
                draw(dates),
                draw(st.sampled_from(journal.OUTCOMES)),
                draw(st.one_of(st.none(), _printable(60))),
            )
            for _ in range(size)
        )
        cases.append(
            backup.BackupCase(
                next(ids),
                company,
                unit,
                state,
                draw(st.one_of(st.none(), st.sampled_from(sorted(known.problems)))),
                draw(_printable(limits.TITLE_MAX)),
                "closed" if closed else "open",
                created,
                closed,
                draw(st.one_of(st.none(), _cpf_numbers())),
                contacts,
            )
        )
    return backup.Backup(draw(st.integers(1, journal.SCHEMA_VERSION)), tuple(cases))


# (where, field, a value that is never valid there); ... deletes the field
_BREAKS: list[tuple[str, str, Any]] = [
    ("top", "schema_version", 2),
    ("top", "schema_version", "1"),
    ("top", "kind", "backup"),
    ("top", "journal_schema", 0),
    ("top", "journal_schema", 99),
    ("top", "cases", {}),
    ("top", "extra", 1),
    ("top", "cases", ...),
    ("case", "uid", "NOT-A-UID"),
    ("case", "company", "acme"),
    ("case", "company", 7),
    ("case", "unit", "no-such-unit"),
    ("case", "state", "XX"),
    ("case", "problem", "aliens"),
    ("case", "title", ""),
    ("case", "title", "x" * 201),
    ("case", "title", "a\x1bb"),
    ("case", "title", "\u202e"),
    ("case", "title", None),
    ("case", "status", "garbage"),
    ("case", "created", "9999-12-31"),
    ("case", "created", "2026-02-30"),
    ("case", "created", "1989-12-31"),
    ("case", "created", 20261125),
    ("case", "closed", "garbage"),
    ("case", "cpf", "12345678900"),
    ("case", "cpf", CPF),
    ("case", "cpf", 52998224725),
    ("case", "contacts", "x"),
    ("case", "contacts", [1]),
    ("case", "extra", None),
    ("case", "title", ...),
    ("contact", "uid", "x"),
    ("contact", "channel", "pombo"),
    ("contact", "protocol", ""),
    ("contact", "protocol", "p" * 101),
    ("contact", "protocol", "a\r\nb"),
    ("contact", "date", "9999-12-31"),
    ("contact", "outcome", "maybe"),
    ("contact", "note", "n" * 1001),
    ("contact", "note", "\x07"),
    ("contact", "date", ...),
    ("contact", "extra", 0),
]


def _broken(draw: st.DrawFn, document: dict[str, Any]) -> dict[str, Any]:
    cases = document["cases"]
    with_contacts = [c for c in cases if c["contacts"]]
    levels = ["top"] + (["case"] if cases else []) + (["contact"] if with_contacts else [])
    level = draw(st.sampled_from(levels))
    _where, field, value = draw(st.sampled_from([b for b in _BREAKS if b[0] == level]))
    if level == "top":
        node = document
    elif level == "case":
        node = draw(st.sampled_from(cases))
    else:
        node = draw(st.sampled_from(draw(st.sampled_from(with_contacts))["contacts"]))
    if value is ...:
        del node[field]
    else:
        node[field] = value
    return document


def _by_date(case: dict[str, Any]) -> dict[str, Any]:
    return {**case, "contacts": sorted(case["contacts"], key=lambda c: c["date"])}


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_backup_is_imported_whole_and_given_back_or_refused(
    tmp_path: Path, shipped_cache: bytes | None, data: st.DataObject
) -> None:
    home = Path(tempfile.mkdtemp(dir=tmp_path))
    env = {"ESCALATE_HOME": str(home)}
    warm(home, shipped_cache)
    seed(home / "journal.sqlite3", cpf=CPF)
    before = cli("case", "export", "--all", env=env).out
    document = backup.document(data.draw(_backups(), label="backup"))
    broken = data.draw(st.booleans(), label="broken")
    if broken:
        document = _broken(data.draw, document)
    file = home / "backup.json"
    file.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")

    run = cli("case", "import", file, env=env)
    if broken:
        assert_error(run, 1)
        assert cli("case", "export", "--all", env=env).out == before
        return
    assert run.code == 0, run.err
    exported = cli("case", "export", "--all", env=env).out
    cases = json.loads(exported)["cases"]
    assert cases[1:] == [_by_date(c) for c in document["cases"]]
    for number in range(1, len(cases) + 1):
        shown = cli("case", "show", number, env=env)
        assert shown.code == 0, shown.err
        assert shown.err == ""

    again = Path(tempfile.mkdtemp(dir=tmp_path))
    warm(again, shipped_cache)
    (again / "backup.json").write_text(exported, encoding="utf-8")
    moved = cli("case", "import", again / "backup.json", env={"ESCALATE_HOME": str(again)})
    assert moved.code == 0, moved.err
    assert cli("case", "export", "--all", env={"ESCALATE_HOME": str(again)}).out == exported
