"""The backup boundary: every way a file from outside can be wrong is one clear BackupError."""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import re
import uuid
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from escalate.cases import journal, limits
from escalate.cases.backup import (
    Backup,
    BackupCase,
    BackupContact,
    BackupError,
    Known,
    document,
    parse,
    read_file,
)
from escalate.cli.main import app
from escalate.errors import EscalateError

TODAY = dt.date(2026, 11, 25)
KNOWN = Known(
    companies={
        "elektro": frozenset(),
        "equatorial": frozenset({"equatorial-pa", "equatorial-ma"}),
    },
    channels=frozenset({"sac", "ouvidoria", "aneel", "procon", "consumidor-gov"}),
    problems=frozenset({"billing", "outage"}),
    states=frozenset({"SP", "PA", "MA", "RJ"}),
    remedies=frozenset({"refund-double", "reconnect"}),
)
SCHEMA = 4
PREFIX = "the backup was not imported: "
CPF = "52998224725"  # valid check digits

BASE: dict[str, Any] = {
    "schema_version": 1,
    "kind": "journal",
    "journal_schema": SCHEMA,
    "cases": [
        {
            "uid": "1f0c9a52-8d0e-4a57-9d43-1c2b3a4d5e6f",
            "company": "elektro",
            "unit": None,
            "state": "SP",
            "problem": "billing",
            "title": "Conta dobrou",
            "status": "open",
            "created": "2026-11-01",
            "closed": None,
            "cpf": CPF,
            "event_date": "2026-10-31",
            "event_time": "19:40",
            "account": "0012345678",
            "want": ["refund-double"],
            "story": "A conta de outubro veio com o dobro do consumo.\nO medidor não mudou.",
            "contacts": [
                {
                    "uid": "2a1b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
                    "channel": "sac",
                    "protocol": "2026110112345",
                    "date": "2026-11-02",
                    "outcome": "failed",
                    "note": "Atendente não resolveu",
                },
                {
                    "uid": "3b2c4d5e-6f70-4b8c-9dae-1f2a3b4c5d6e",
                    "channel": "ouvidoria",
                    "protocol": None,
                    "date": "2026-11-10",
                    "outcome": "open",
                    "note": None,
                },
            ],
        },
        {
            "uid": "4c3d5e6f-7081-4c9d-aebf-2a3b4c5d6e7f",
            "company": "equatorial",
            "unit": "equatorial-pa",
            "state": None,
            "problem": None,
            "title": "Sem luz",
            "status": "closed",
            "created": "2025-01-10",
            "closed": "2025-02-01",
            "cpf": None,
            "event_date": None,
            "event_time": None,
            "account": None,
            "want": [],
            "story": None,
            "contacts": [],
        },
    ],
}

DELETE = object()


def changed(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    """BASE with the one field at ``path`` set to ``value`` (or deleted)."""
    doc = copy.deepcopy(BASE)
    target = doc
    for step in path[:-1]:
        target = target[step]
    if value is DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return doc


def encode(doc: Any) -> bytes:
    return json.dumps(doc).encode()


def run(data: bytes, journal_schema: int = SCHEMA) -> Backup:
    return parse(data, known=KNOWN, today=TODAY, journal_schema=journal_schema)


def refused(data: bytes) -> BackupError:
    with pytest.raises(BackupError) as info:
        run(data)
    error = info.value
    assert isinstance(error, EscalateError) and error.exit_code == 1
    text = str(error)
    assert text.startswith(PREFIX) and "\n" not in text and not text.endswith(".")
    assert text.isprintable()
    return error


C0 = ("cases", 0)
C1 = ("cases", 1)
K0 = ("cases", 0, "contacts", 0)
U = "5d4e6f70-8192-4dae-bfc0-3b4c5d6e7f80"  # a fresh valid uid

# (id, path, new value, the error must contain)
TABLE: list[tuple[str, tuple[Any, ...], Any, str]] = [
    # the file as a whole
    ("schema-99", ("schema_version",), 99, "schema_version: 99 is not a backup format"),
    ("schema-0", ("schema_version",), 0, "schema_version: 0 is not a backup format"),
    ("schema-text", ("schema_version",), "1", "schema_version: expected a whole number, got text"),
    ("schema-bool", ("schema_version",), True, "schema_version: expected a whole number, got true"),
    (
        "schema-float",
        ("schema_version",),
        1.0,
        "schema_version: expected a whole number, got a number with a decimal point",
    ),
    ("schema-missing", ("schema_version",), DELETE, "schema_version: missing"),
    ("kind-case", ("kind",), "case", "kind: 'case', not 'journal'"),
    ("kind-missing", ("kind",), DELETE, "kind: missing"),
    ("kind-number", ("kind",), 1, "kind: a number, not 'journal'"),
    ("journal-newer", ("journal_schema",), 99, "journal_schema: 99: the backup was written by"),
    ("journal-zero", ("journal_schema",), 0, "journal_schema: 0 is not a journal schema"),
    ("journal-text", ("journal_schema",), "3", "journal_schema: expected a whole number, got text"),
    (
        "journal-bool",
        ("journal_schema",),
        True,
        "journal_schema: expected a whole number, got true",
    ),
    ("top-extra", ("extra",), 1, "extra: unknown field"),
    ("cases-object", ("cases",), {}, "cases: expected a list, got an object"),
    ("cases-null", ("cases",), None, "cases: expected a list, got null"),
    ("cases-too-many", ("cases",), [{}] * (limits.BACKUP_MAX_CASES + 1), "cases: 10001 cases"),
    ("case-list", C1, [], "cases[1]: expected an object, got a list"),
    ("case-extra", (*C0, "colour"), "red", "cases[0].colour: unknown field"),
    ("case-missing-title", (*C0, "title"), DELETE, "cases[0].title: missing"),
    ("case-missing-state", (*C0, "state"), DELETE, "cases[0].state: missing"),
    ("case-missing-contacts", (*C0, "contacts"), DELETE, "cases[0].contacts: missing"),
    # uid
    ("uid-garbage", (*C0, "uid"), "abc", "cases[0].uid: 'abc' is not a UUID"),
    ("uid-upper", (*C0, "uid"), str(uuid.UUID(U)).upper(), "cases[0].uid: '5D4E"),
    ("uid-braces", (*C0, "uid"), "{" + U + "}", "cases[0].uid: '{5d4e"),
    ("uid-hex", (*C0, "uid"), uuid.UUID(U).hex, "cases[0].uid:"),
    ("uid-newline", (*C0, "uid"), U + "\n", "cases[0].uid:"),
    ("uid-number", (*C0, "uid"), 7, "cases[0].uid: expected text, got a number"),
    ("uid-null", (*C0, "uid"), None, "cases[0].uid: expected text, got null"),
    # company, unit, state, problem
    ("company-unknown", (*C0, "company"), "acme", "cases[0].company: unknown company 'acme'"),
    ("company-case", (*C0, "company"), "Elektro", "cases[0].company: unknown company"),
    ("company-null", (*C0, "company"), None, "cases[0].company: expected text, got null"),
    ("company-list", (*C0, "company"), ["elektro"], "cases[0].company: expected text, got a"),
    ("unit-other", (*C1, "unit"), "equatorial-xx", "cases[1].unit: 'equatorial-xx' is not a"),
    ("unit-none", (*C0, "unit"), "elektro-sp", "cases[0].unit: elektro has no units"),
    ("unit-number", (*C1, "unit"), 1, "cases[1].unit: expected text or null, got a number"),
    ("unit-and-state", (*C1, "state"), "PA", "cases[1].state: must be null when a unit"),
    ("state-unknown", (*C0, "state"), "ZZ", "cases[0].state: unknown state code 'ZZ'"),
    ("state-lower", (*C0, "state"), "sp", "cases[0].state: unknown state code 'sp'"),
    ("state-number", (*C0, "state"), 35, "cases[0].state: expected text, got a number"),
    ("event-future", (*C0, "event_date"), "2026-12-25", "cases[0].event_date: 2026-12-25 is in"),
    ("event-not-date", (*C0, "event_date"), "31/10/2026", "cases[0].event_date: '31/10/2026' is"),
    ("time-hour-25", (*C0, "event_time"), "25:00", "cases[0].event_time: expected an hour"),
    ("time-seconds", (*C0, "event_time"), "19:40:00", "cases[0].event_time: expected an hour"),
    ("account-long", (*C0, "account"), "9" * 41, "cases[0].account: 41 characters, at most 40"),
    ("account-empty", (*C0, "account"), "", "cases[0].account: empty (null when there is none)"),
    ("want-unknown", (*C0, "want"), ["fly"], "cases[0].want[0]: unknown remedy 'fly'"),
    ("want-twice", (*C0, "want"), ["reconnect"] * 2, "cases[0].want: the same remedy twice"),
    ("want-text", (*C0, "want"), "reconnect", "cases[0].want: expected a list, got text"),
    ("story-control", (*C0, "story"), "a\x1b[2Jb", "cases[0].story: a control or invisible"),
    ("story-long", (*C0, "story"), "a" * 4001, "cases[0].story: 4001 characters, at most 4000"),
    ("title-line-break", (*C0, "title"), "a\nb", "cases[0].title: a control or invisible"),
    ("problem-unknown", (*C0, "problem"), "x", "cases[0].problem: unknown problem 'x'"),
    ("problem-bool", (*C0, "problem"), False, "cases[0].problem: expected text, got false"),
    # title
    ("title-empty", (*C0, "title"), "", "cases[0].title: empty"),
    ("title-long", (*C0, "title"), "x" * (limits.TITLE_MAX + 1), "cases[0].title: 201 char"),
    ("title-huge", (*C0, "title"), "x" * 1_000_000, "cases[0].title: 1000000 characters"),
    ("title-escape", (*C0, "title"), "a\x1b[31mb", "cases[0].title: a control or invisible"),
    ("title-newline", (*C0, "title"), "a\nb", "cases[0].title: a control or invisible"),
    ("title-bidi", (*C0, "title"), "a\u202eb", "(U+202E) at 2"),
    ("title-zero-width", (*C0, "title"), "a\u200bb", "(U+200B)"),
    ("title-surrogate", (*C0, "title"), "a\ud800", "(U+D800)"),
    ("title-number", (*C0, "title"), 5, "cases[0].title: expected text, got a number"),
    ("title-null", (*C0, "title"), None, "cases[0].title: expected text, got null"),
    # status and dates
    ("status-garbage", (*C0, "status"), "pending", "cases[0].status: 'pending' is neither"),
    ("status-upper", (*C0, "status"), "OPEN", "cases[0].status:"),
    ("status-bool", (*C0, "status"), True, "cases[0].status: expected text, got true"),
    ("closed-garbage", (*C0, "closed"), "garbage", "cases[0].closed: 'garbage' is not a date"),
    ("closed-true", (*C0, "closed"), True, "cases[0].closed: expected a date (YYYY-MM-DD) or"),
    ("closed-on-open", (*C0, "closed"), "2026-11-20", "cases[0].closed: 2026-11-20, but the"),
    ("closed-missing", (*C1, "closed"), None, "cases[1].closed: null, but the case is closed"),
    ("closed-early", (*C1, "closed"), "2025-01-09", "is before created 2025-01-10"),
    ("closed-future", (*C1, "closed"), "2026-11-26", "cases[1].closed: 2026-11-26 is in the"),
    ("created-future", (*C0, "created"), "9999-12-31", "cases[0].created: 9999-12-31 is in the"),
    ("created-ancient", (*C0, "created"), "1990-09-10", "created: 1990-09-10 is before 1990-09"),
    ("created-no-day", (*C0, "created"), "2026-02-30", "cases[0].created: 2026-02-30 is not a"),
    ("created-month-13", (*C0, "created"), "2026-13-01", "cases[0].created: 2026-13-01 is no"),
    ("created-compact", (*C0, "created"), "20261101", "cases[0].created: '20261101' is not a"),
    ("created-short", (*C0, "created"), "2026-1-5", "cases[0].created: '2026-1-5' is not a"),
    ("created-time", (*C0, "created"), "2026-11-01T10:00", "cases[0].created: '2026-11-01T1"),
    ("created-week", (*C0, "created"), "2026-W01-1", "cases[0].created: '2026-W01-1' is not"),
    ("created-arabic", (*C0, "created"), "٢٠٢٦-١١-٠١", "cases[0].created:"),
    ("created-number", (*C0, "created"), 20261101, "created: expected a date (YYYY-MM-DD), got"),
    ("created-null", (*C0, "created"), None, "cases[0].created: expected a date"),
    # cpf
    ("cpf-check", (*C0, "cpf"), "52998224724", "cases[0].cpf: not a valid CPF (check digits)"),
    ("cpf-same", (*C0, "cpf"), "11111111111", "cases[0].cpf: not a valid CPF"),
    ("cpf-punctuated", (*C0, "cpf"), "529.982.247-25", "cases[0].cpf: not 11 digits"),
    ("cpf-short", (*C0, "cpf"), "5299822472", "cases[0].cpf: not 11 digits"),
    ("cpf-number", (*C0, "cpf"), 52998224725, "cases[0].cpf: expected text or null, got a"),
    ("cpf-empty", (*C0, "cpf"), "", "cases[0].cpf: not 11 digits"),
    # contacts
    ("contacts-object", (*C0, "contacts"), {}, "cases[0].contacts: expected a list, got an"),
    (
        "contacts-too-many",
        (*C0, "contacts"),
        [{}] * (limits.BACKUP_MAX_CONTACTS + 1),
        "cases[0].contacts: 1001 contacts, at most 1000",
    ),
    ("contact-string", (*C0, "contacts", 1), "sac", "cases[0].contacts[1]: expected an object"),
    ("contact-extra", (*K0, "created"), "2026-11-02", "cases[0].contacts[0].created: unknown"),
    ("contact-missing", (*K0, "date"), DELETE, "cases[0].contacts[0].date: missing"),
    ("contact-uid", (*K0, "uid"), "1", "cases[0].contacts[0].uid: '1' is not a UUID"),
    ("channel-unknown", (*K0, "channel"), "pigeon", "contacts[0].channel: unknown channel 'pig"),
    ("channel-null", (*K0, "channel"), None, "contacts[0].channel: expected text, got null"),
    ("protocol-empty", (*K0, "protocol"), "", "cases[0].contacts[0].protocol: empty"),
    ("protocol-long", (*K0, "protocol"), "9" * 101, "contacts[0].protocol: 101 characters"),
    ("protocol-number", (*K0, "protocol"), 123, "protocol: expected text or null, got a number"),
    ("protocol-control", (*K0, "protocol"), "12\r3", "contacts[0].protocol: a control"),
    ("date-future", (*K0, "date"), "9999-12-31", "cases[0].contacts[0].date: 9999-12-31 is in"),
    ("date-tomorrow", (*K0, "date"), "2026-11-26", "cases[0].contacts[0].date: 2026-11-26 is"),
    ("date-ancient", (*K0, "date"), "1900-01-01", "contacts[0].date: 1900-01-01 is before"),
    ("date-garbage", (*K0, "date"), "yesterday", "contacts[0].date: 'yesterday' is not a date"),
    ("outcome-unknown", (*K0, "outcome"), "won", "contacts[0].outcome: unknown outcome 'won'"),
    ("outcome-null", (*K0, "outcome"), None, "contacts[0].outcome: expected text, got null"),
    ("note-empty", (*K0, "note"), "", "cases[0].contacts[0].note: empty"),
    ("note-long", (*K0, "note"), "n" * 1001, "cases[0].contacts[0].note: 1001 characters"),
    ("note-bell", (*K0, "note"), "ok\x07", "cases[0].contacts[0].note: a control"),
    ("note-object", (*K0, "note"), {}, "contacts[0].note: expected text or null, got an object"),
]


@pytest.mark.parametrize(
    ("path", "value", "expected"), [t[1:] for t in TABLE], ids=[t[0] for t in TABLE]
)
def test_one_bad_field_is_refused_naming_its_place(path: Any, value: Any, expected: str) -> None:
    error = refused(encode(changed(path, value)))
    assert expected in str(error)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(b"", "the file is empty", id="empty"),
        pytest.param(b" \n", "the file is empty", id="blank"),
        pytest.param(b"\xff\xfe{}", "not UTF-8 text (byte 0xff at 0)", id="not-utf8"),
        pytest.param("{}".encode("utf-16"), "not UTF-8 text", id="utf16"),
        pytest.param(b"{", "not JSON: Expecting property name", id="truncated"),
        pytest.param(b"{} x", "not JSON: Extra data", id="trailing"),
        pytest.param(b"[" * 100_000, "nests too deeply", id="deep-lists"),
        pytest.param(b'{"a":' * 100_000, "nests too deeply", id="deep-objects"),
        pytest.param(b'{"schema_version": NaN}', "not JSON: NaN is not a JSON value", id="nan"),
        pytest.param(b'{"cases": -Infinity}', "not JSON: -Infinity is not", id="infinity"),
        pytest.param(
            b'{"schema_version": 1' + b"0" * 5000 + b"}",
            "not JSON: a number of 5001 digits",
            id="huge-int",
        ),
        pytest.param(b"[]", "the file holds a list, not an escalate backup", id="list"),
        pytest.param(b'"journal"', "the file holds text, not an escalate backup", id="text"),
        pytest.param(b"null", "the file holds null", id="null"),
        pytest.param(
            b'{"kind": "journal", "kind": "journal"}',
            "the key 'kind' appears twice in one object",
            id="repeated-key",
        ),
    ],
)
def test_a_file_that_is_not_a_backup(data: bytes, expected: str) -> None:
    error = refused(data)
    assert expected in str(error) and len(str(error)) < 200


def test_a_repeated_key_deep_inside_is_refused() -> None:
    text = json.dumps(BASE).replace('"title": "Sem luz"', '"title": "Sem luz", "title": "X"')
    assert "the key 'title' appears twice" in str(refused(text.encode()))


def test_a_schema_3_backup_has_no_story_fields_and_imports() -> None:
    older = copy.deepcopy(BASE)
    older["journal_schema"] = 3
    for case in older["cases"]:
        for key in ("event_date", "event_time", "account", "want", "story"):
            del case[key]
    first = run(encode(older)).cases[0]
    assert (first.event_date, first.event_time, first.account, first.want, first.story) == (
        None,
        None,
        None,
        (),
        None,
    )
    assert "story: missing" in refused(encode(changed((*C0, "story"), DELETE))).args[0]


def test_an_hour_needs_its_day() -> None:
    doc = changed((*C0, "event_date"), None)
    assert "cases[0].event_time: an hour without event_date" in refused(encode(doc)).args[0]


def test_newer_journal_schema_says_upgrade() -> None:
    error = refused(encode(changed(("journal_schema",), SCHEMA + 1)))
    assert "written by a newer escalate" in str(error) and error.hint == "upgrade escalate"
    assert error.where == "journal_schema"


def test_the_error_never_echoes_much_of_the_file_nor_control_characters() -> None:
    hostile = "\x1b]0;pwned\x07\x1b[2J" + "A" * 10_000 + "\ud800\udfff"
    for path in [(*C0, "company"), (*K0, "channel"), (*C0, "uid"), (*C0, "status")]:
        text = str(refused(encode(changed(path, hostile))))
        assert "\x1b" not in text and "\x07" not in text
        assert len(text) < len(PREFIX) + 120, text
        text.encode("utf-8")  # no lone surrogate reaches the terminal
    text = str(refused(encode(changed((*C0, hostile), 1))))
    assert text.isprintable() and "unknown field" in text and len(text) < 140


def test_the_cpf_is_never_echoed() -> None:
    assert "52998224724" not in str(refused(encode(changed((*C0, "cpf"), "52998224724"))))


def test_a_valid_backup_parses_with_real_types() -> None:
    backup = run(encode(BASE))
    assert isinstance(backup, Backup) and backup.journal_schema == SCHEMA
    first, second = backup.cases
    assert isinstance(first, BackupCase) and isinstance(first.contacts, tuple)
    assert first.created == dt.date(2026, 11, 1) and first.closed is None
    assert first.cpf == CPF and first.state == "SP" and first.unit is None
    contact = first.contacts[0]
    assert isinstance(contact, BackupContact)
    assert contact.date == dt.date(2026, 11, 2) and contact.outcome == "failed"
    assert first.contacts[1].protocol is None and first.contacts[1].note is None
    assert second.closed == dt.date(2025, 2, 1) and second.unit == "equatorial-pa"
    assert second.contacts == ()
    assert document(backup) == BASE
    assert list(json.dumps(document(backup))) == list(json.dumps(BASE))  # key order too
    with pytest.raises(AttributeError):
        first.title = "changed"  # type: ignore[misc]


def test_limits_themselves_are_accepted() -> None:
    doc = changed((*C0, "title"), "t" * limits.TITLE_MAX)
    doc["cases"][0]["created"] = limits.EARLIEST_DATE.isoformat()
    doc["cases"][0]["contacts"][0]["date"] = TODAY.isoformat()
    doc["cases"][0]["contacts"][0]["protocol"] = "p" * limits.PROTOCOL_MAX
    doc["cases"][0]["contacts"][0]["note"] = "ação " * (limits.NOTE_MAX // 5)
    doc["cases"][1]["closed"] = doc["cases"][1]["created"]  # closed the day it was opened
    backup = run(encode(doc))
    assert backup.cases[0].created == limits.EARLIEST_DATE


def test_no_cases_is_a_valid_backup() -> None:
    assert run(encode(changed(("cases",), []))) == Backup(SCHEMA, ())


def test_a_byte_order_mark_is_accepted() -> None:
    assert run(b"\xef\xbb\xbf" + encode(BASE)) == run(encode(BASE))


def test_a_backup_from_before_states_has_no_state_field() -> None:
    doc = copy.deepcopy(BASE)
    doc["journal_schema"] = 2
    for case in doc["cases"]:
        del case["state"]
    backup = run(encode(doc))
    assert [c.state for c in backup.cases] == [None, None] and backup.journal_schema == 2


def test_an_older_journal_schema_is_accepted() -> None:
    assert run(encode(changed(("journal_schema",), 1))).journal_schema == 1


def test_the_same_case_uid_twice_names_both_places() -> None:
    doc = copy.deepcopy(BASE)
    doc["cases"].append(copy.deepcopy(doc["cases"][1]))
    doc["cases"][2]["contacts"] = []
    doc["cases"][2]["uid"] = doc["cases"][0]["uid"]
    error = refused(encode(doc))
    assert str(error) == (
        f"{PREFIX}cases[0] and cases[2] have the same uid 1f0c9a52-8d0e-4a57-9d43-1c2b3a4d5e6f"
    )


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        pytest.param((0, 1), "cases[0].contacts[0] and cases[0].contacts[1] have", id="same-case"),
        pytest.param((1, 0), "cases[0].contacts[0] and cases[1].contacts[0] have", id="across"),
    ],
)
def test_the_same_contact_uid_twice_names_both_places(where: Any, expected: str) -> None:
    doc = copy.deepcopy(BASE)
    case, index = where
    contacts = doc["cases"][case]["contacts"]
    duplicate = copy.deepcopy(doc["cases"][0]["contacts"][0])
    if index < len(contacts):
        contacts[index] = duplicate
    else:
        contacts.append(duplicate)
    assert str(refused(encode(doc))) == f"{PREFIX}{expected} the same uid {duplicate['uid']}"


def test_an_export_of_the_real_journal_round_trips() -> None:
    conn = journal.connect(":memory:")
    first = journal.new_case(
        conn, company="elektro", title="Conta", created=dt.date(2026, 1, 5), cpf=CPF, state="SP"
    )
    journal.log_contact(conn, first, channel="sac", date=dt.date(2026, 1, 6), protocol="1")
    journal.log_contact(conn, first, channel="aneel", date=dt.date(2026, 2, 6), note="ok")
    second = journal.new_case(
        conn, company="equatorial", unit="equatorial-ma", title="Luz", created=dt.date(2026, 3, 1)
    )
    journal.close_case(conn, second, on=dt.date(2026, 3, 2))
    exported = journal.export_all(conn)
    backup = parse(
        encode(exported), known=KNOWN, today=TODAY, journal_schema=journal.SCHEMA_VERSION
    )
    assert document(backup) == exported


# --- the property: what document() writes, parse() reads back the same ------------------------


def _check_digits(nine: str) -> str:
    number = nine
    for _ in range(2):
        total = sum(int(d) * (len(number) + 1 - i) for i, d in enumerate(number))
        rest = total % 11
        number += "0" if rest < 2 else str(11 - rest)
    return number


def printable_text(most: int) -> st.SearchStrategy[str]:
    """1 to ``most`` characters that str.isprintable() accepts, spaces included."""
    visible = st.characters(
        codec="utf-8", exclude_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp", "Zs")
    )
    return st.text(visible | st.just(" "), min_size=1, max_size=most).filter(str.isprintable)


DATES = st.dates(min_value=limits.EARLIEST_DATE, max_value=TODAY)
CPFS = (
    st.text("0123456789", min_size=9, max_size=9).filter(lambda n: n != n[0] * 9).map(_check_digits)
)


@st.composite
def backups(draw: Any) -> Backup:
    uids = iter(draw(st.lists(st.uuids().map(str), min_size=30, max_size=30, unique=True)))
    cases = []
    for _ in range(draw(st.integers(0, 3))):
        company = draw(st.sampled_from(sorted(KNOWN.companies)))
        units = sorted(KNOWN.companies[company])
        unit = draw(st.none() | st.sampled_from(units)) if units else None
        state = None if unit else draw(st.none() | st.sampled_from(sorted(KNOWN.states)))
        created = draw(DATES)
        closed = draw(st.none() | st.dates(min_value=created, max_value=TODAY))
        contacts = tuple(
            BackupContact(
                next(uids),
                draw(st.sampled_from(sorted(KNOWN.channels))),
                draw(st.none() | printable_text(limits.PROTOCOL_MAX)),
                draw(DATES),
                draw(st.sampled_from(journal.OUTCOMES)),
                draw(st.none() | printable_text(limits.NOTE_MAX)),
            )
            for _ in range(draw(st.integers(0, 3)))
        )
        cases.append(
            BackupCase(
                next(uids),
                company,
                unit,
                state,
                draw(st.none() | st.sampled_from(sorted(KNOWN.problems))),
                draw(printable_text(limits.TITLE_MAX)),
                "closed" if closed else "open",
                created,
                closed,
                draw(st.none() | CPFS),
                contacts,
            )
        )
    return Backup(draw(st.integers(1, SCHEMA)), tuple(cases))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(backups(), st.booleans())
def test_document_then_parse_gives_the_same_backup(backup: Backup, ascii_only: bool) -> None:
    data = json.dumps(document(backup), ensure_ascii=ascii_only).encode()
    assert run(data) == backup


# --- reading the file ----------------------------------------------------------------------


def test_read_file_gives_the_bytes(tmp_path: Path) -> None:
    path = tmp_path / "backup.json"
    path.write_bytes(encode(BASE))
    assert read_file(path) == encode(BASE)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_read_file_refuses_a_fifo_without_blocking(tmp_path: Path) -> None:
    path = tmp_path / "pipe"
    os.mkfifo(path)
    with pytest.raises(BackupError, match=r"is a named pipe \(FIFO\), not a file"):
        read_file(path)
    link = tmp_path / "link.json"
    link.symlink_to(path)
    with pytest.raises(BackupError, match="FIFO"):
        read_file(link)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_read_file_refuses_a_device() -> None:
    with pytest.raises(BackupError, match="/dev/zero is a device, not a file"):
        read_file(Path("/dev/zero"))


def test_read_file_refuses_a_folder(tmp_path: Path) -> None:
    with pytest.raises(BackupError, match="is a folder, not a file"):
        read_file(tmp_path)


def test_read_file_says_why_it_cannot_read(tmp_path: Path) -> None:
    with pytest.raises(BackupError) as info:
        read_file(tmp_path / "missing.json")
    assert str(info.value) == (
        f"{PREFIX}cannot read {tmp_path / 'missing.json'}: No such file or directory"
    )


def test_read_file_cleans_the_name_it_shows(tmp_path: Path) -> None:
    with pytest.raises(BackupError) as info:
        read_file(tmp_path / "evil\x1b[2J.json")
    assert "\x1b" not in str(info.value) and "evil?[2J.json" in str(info.value)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads all")
def test_read_file_refuses_an_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.json"
    path.write_bytes(b"{}")
    path.chmod(0)
    with pytest.raises(BackupError, match="Permission denied"):
        read_file(path)


def test_read_file_refuses_one_byte_over_the_cap(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    with path.open("wb") as f:
        f.truncate(limits.BACKUP_MAX_BYTES + 1)  # sparse: no disk, no time
    with pytest.raises(BackupError, match="is larger than 16 MB, the most a backup can be"):
        read_file(path)


def test_read_file_takes_a_file_at_the_cap(tmp_path: Path) -> None:
    path = tmp_path / "full.json"
    with path.open("wb") as f:
        f.truncate(limits.BACKUP_MAX_BYTES)
    assert len(read_file(path)) == limits.BACKUP_MAX_BYTES


# --- in Portuguese: the same refusals, said in the person's language ---------------------------

PT_PREFIX = "o backup não foi importado: "


@pytest.mark.parametrize(
    ("path", "value", "expected"), [t[1:] for t in TABLE], ids=[t[0] for t in TABLE]
)
def test_every_refusal_is_said_in_portuguese(path: Any, value: Any, expected: str) -> None:
    error = refused(encode(changed(path, value)))
    message, hint = error.said("pt")
    assert message.startswith(PT_PREFIX) and message.isprintable(), message
    assert message.removeprefix(PT_PREFIX).startswith(error.where + ": ")
    english = str(error).removeprefix(PREFIX).removeprefix(error.where + ": ")
    assert english not in message  # the problem itself is translated, not only the prefix
    assert hint in (None, "atualize o escalate")
    assert error.said("en") == (str(error), error.hint)


def test_what_the_file_holds_is_cleaned_in_portuguese_too() -> None:
    hostile = "\x1b]0;pwned\x07\x1b[2J" + "A" * 10_000
    for path in [(*C0, "company"), (*K0, "outcome"), (*C0, "uid"), (*C0, "created")]:
        message, _ = refused(encode(changed(path, hostile))).said("pt")
        assert message.isprintable() and "\x1b" not in message, message
        assert message.count("A") < 60 and len(message) < 200, message  # SHOWN at most


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[^\W\d_]+", text)}


# (id, the file: bytes, or None for no file, what follows "o backup não foi importado: ",
#  the file's own text in it: ids, places, values, the path, which stay as they are)
PT_REFUSED: list[tuple[str, bytes | None, str, str]] = [
    (
        "not-json",
        b'{"kind": "journal",',
        "não é JSON: esperava um nome de campo entre aspas duplas: linha 1, coluna 20 "
        "(caractere 19)",
        "",
    ),
    ("empty", b"", "o arquivo está vazio", ""),
    (
        "not-an-object",
        b"[]",
        "o arquivo contém uma lista, não um backup do escalate (um objeto JSON)",
        "",
    ),
    (
        "missing-field",
        encode(changed((*C0, "title"), DELETE)),
        "cases[0].title: está faltando",
        "cases[0].title",
    ),
    (
        "date-in-the-future",
        encode(changed((*K0, "date"), "9999-12-31")),
        "cases[0].contacts[0].date: 9999-12-31 está no futuro",
        "cases[0].contacts[0].date",
    ),
    (
        "unknown-company",
        encode(changed((*C0, "company"), "acme")),
        "cases[0].company: empresa desconhecida 'acme'",
        "cases[0].company 'acme'",
    ),
    (
        "bad-cpf",
        encode(changed((*C0, "cpf"), "52998224724")),
        "cases[0].cpf: não é um CPF válido (dígitos verificadores)",
        "cases[0].cpf",
    ),
    (
        "cpf-with-dots",
        encode(changed((*C0, "cpf"), "529.982.247-25")),
        "cases[0].cpf: não tem 11 dígitos (o backup guarda só os dígitos)",
        "cases[0].cpf",
    ),
    (
        "wrong-type",
        encode(changed(("cases",), "all of them")),
        "cases: esperava uma lista, veio texto",
        "cases",
    ),
    (
        "unknown-outcome",
        encode(changed((*K0, "outcome"), "won")),
        "cases[0].contacts[0].outcome: resultado desconhecido 'won' (use um destes: open, "
        "solved, failed, no-answer)",
        "cases[0].contacts[0].outcome 'won' open, solved, failed, no-answer",
    ),
    (
        "no-file",
        None,
        "não foi possível ler {file}: arquivo ou pasta inexistente",
        "{file}",
    ),
]


@pytest.mark.parametrize(
    ("content", "expected", "kept"), [t[1:] for t in PT_REFUSED], ids=[t[0] for t in PT_REFUSED]
)
def test_a_refused_import_is_one_portuguese_line(
    home: Path, tmp_path: Path, content: bytes | None, expected: str, kept: str
) -> None:
    file = tmp_path / "backup.json"
    if content is not None:
        file.write_bytes(content)
    runner = CliRunner()
    said = runner.invoke(app, ["case", "import", str(file)], env={"LANG": "pt_BR.UTF-8"})
    assert said.exit_code == 1 and said.stdout == "", said.stderr
    expected = expected.format(file=file)
    assert said.stderr == f"escalate: erro: {PT_PREFIX}{expected}\n"
    # No English is left: the only words the English line shares with it are names (escalate,
    # JSON, CPF, backup) and the file's own text.
    english = runner.invoke(app, ["case", "import", str(file)], env={"LANG": "C"})
    assert english.stderr.startswith(f"escalate: error: {PREFIX}"), english.stderr
    shared = _words(said.stderr) & _words(english.stderr)
    assert shared <= {"escalate", "json", "cpf", "backup"} | _words(kept.format(file=file))
    assert not (home / "journal.sqlite3").exists()  # nothing was imported


def test_upgrade_is_hinted_in_portuguese(home: Path, tmp_path: Path) -> None:
    file = tmp_path / "backup.json"
    file.write_bytes(encode(changed(("journal_schema",), 99)))
    said = CliRunner().invoke(app, ["case", "import", str(file)], env={"LANG": "pt_BR.UTF-8"})
    assert said.exit_code == 1
    assert said.stderr.splitlines() == [
        f"escalate: erro: {PT_PREFIX}journal_schema: 99: o backup foi gravado por um escalate"
        f" mais novo (esta versão conhece esquemas de arquivo de casos até o"
        f" {journal.SCHEMA_VERSION})",
        "  dica: atualize o escalate",
    ]
