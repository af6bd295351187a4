"""`escalate data validate`: every rule code on a broken file, at the right line; exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import DATA
from escalate.catalog.validate import RULES
from escalate.cli.main import app

runner = CliRunner()

CEMIG = (DATA / "companies" / "cemig.yaml").read_text(encoding="utf-8")
ELEKTRO = (DATA / "companies" / "elektro.yaml").read_text(encoding="utf-8")

# A small valid record to break one way at a time.
GOOD = """\
id: acme
name: Acme Energia
sector: energy
regulator: aneel
states: [SP]
timezone: America/Sao_Paulo
verified_on: 2026-11-01
channels:
  - id: sac
    kind: phone
    tier: first-line
    label: {pt: SAC, en: SAC}
    contact: {phone: "0800 701 0102"}
    hours: "24/7"
    status: official
    sources: [seed-elektro-blog]
"""


def _validate(*args: str):
    return runner.invoke(app, ["data", "validate", *args])


def _findings(path: Path) -> list[dict]:
    result = _validate(str(path), "--json")
    assert result.exit_code in (0, 1), result.stderr
    document = json.loads(result.stdout)
    assert document["kind"] == "validation" and document["schema_version"] == 1
    assert result.exit_code == (1 if document["errors"] else 0)
    return document["findings"]


def test_the_good_record_is_clean(tmp_path: Path) -> None:
    (tmp_path / "acme.yaml").write_text(GOOD, encoding="utf-8")
    assert _findings(tmp_path) == []


# The day the latest records were checked: the suite's clock (NOW) is earlier, and a record
# checked after "today" is a warning (ESC012).
CHECKED = "2026-11-30T10:00:00-03:00"


def test_the_shipped_data_is_clean(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ESCALATE_NOW", CHECKED)
    files = len(list(DATA.glob("*.yaml"))) + len(list(DATA.glob("*/*.yaml")))
    result = _validate()
    assert result.exit_code == 0, result.stdout
    assert result.stdout.startswith(f"No problems in {files} files."), result.stdout
    for target in (DATA, DATA / "companies", DATA / "ladder.yaml", DATA / "sources.yaml"):
        assert _validate(str(target)).exit_code == 0, target


# (what is changed in GOOD, the code expected, its line, the field)
BROKEN = [
    ("    kind: phone\n", "    kind: phone\n    colour: red\n", "ESC004", 11, "channels.0.colour"),
    ("name: Acme Energia\n", "name: [1, 2]\n", "ESC004", 2, "name"),
    ("    status: official\n", "    status: maybe\n", "ESC004", 15, "channels.0.status"),
    ("id: acme\n", "", "ESC004", 1, "id"),
    ("[seed-elektro-blog]", "[no-such-source]", "ESC007", 16, "channels.0.sources"),
    ('"0800 701 0102"', '"0800 123"', "ESC008", 13, "channels.0.contact.phone"),
    ('"0800 701 0102"', '"999"', "ESC008", 13, "channels.0.contact.phone"),
    ('"0800 701 0102"', '"(11) 3333-4444"', None, None, None),  # a landline is fine
    (
        '"0800 701 0102"}',
        '"0800 701 0102", short_code: "123"}',
        "ESC004",
        13,
        "channels.0.contact.short_code",
    ),  # SMS short codes have 4 to 6 digits
    ('"24/7"', '"Mo-Zz 99:00"', "ESC009", 14, "channels.0.hours"),
    ("America/Sao_Paulo", "Mars/Olympus", "ESC010", 6, "timezone"),
    ("2026-11-01", "2025-11-01", "ESC011", 7, "verified_on"),  # 389 days before 2026-11-25
    ("2026-11-01", "2026-12-25", "ESC012", 7, "verified_on"),
    ("[SP]", "[SP, XX]", "ESC015", 5, "states"),
    ("regulator: aneel", "regulator: procom", "ESC017", 4, "regulator"),
    ("regulator: aneel", "regulator: procon", "ESC017", 4, "regulator"),  # a body, not this one
    ("regulator: aneel", "regulator: anatel", "ESC017", 4, "regulator"),
    ("name: Acme Energia", "name: Cemig", "ESC006", 2, "name"),  # takes Cemig's name
    # An OSC 52 clipboard write in a name; a right-to-left override in a label.
    ("name: Acme Energia", 'name: "Acme\\e]52;c;ZXZpbA==\\e\\\\"', "ESC018", 2, "name"),
    ("name: Acme Energia", 'name: "Acme\\u202eaigrenE"', "ESC018", 2, "name"),
    ("name: Acme Energia", 'name: "Acme\\nSAC 0900 666 6666"', "ESC018", 2, "name"),
    ("name: Acme Energia", "name: Аcme Energia", "ESC019", 2, "name"),  # Cyrillic А
    ("name: Acme Energia", "name: Ελεκτρο", "ESC019", 2, "name"),  # Greek letters only
    # A group's members: other companies of its sector, each with its own file.
    ("states: [SP]\n", "states: [SP]\nmembers: [elektro]\n", None, None, None),
    ("states: [SP]\n", "states: [SP]\nmembers: [nobody]\n", "ESC020", 6, "members.0"),
    ("states: [SP]\n", "states: [SP]\nmembers: [vivo]\n", "ESC020", 6, "members.0"),  # telecom
    ("states: [SP]\n", "states: [SP]\nmembers: [aneel]\n", "ESC020", 6, "members.0"),  # a body
    ("states: [SP]\n", "states: [SP]\nmembers: [acme]\n", "ESC004", 1, None),  # itself
]


@pytest.mark.parametrize(("old", "new", "code", "line", "field"), BROKEN)
def test_each_problem_has_its_code_line_and_field(
    tmp_path: Path, old: str, new: str, code: str | None, line: int | None, field: str | None
) -> None:
    assert old in GOOD
    (tmp_path / "acme.yaml").write_text(GOOD.replace(old, new, 1), encoding="utf-8")
    found = _findings(tmp_path)
    if code is None:
        assert found == []
        return
    assert [(f["code"], f["line"], f["field"]) for f in found] == [(code, line, field)]
    assert found[0]["severity"] == RULES[code][0]
    assert found[0]["path"] == str(tmp_path / "acme.yaml")


# Files the loader refuses outright: (file contents, code, line)
UNREADABLE = [
    (b"id: x\nname: y\nchannels:\n\t- id: a\n", "ESC003", 4, "tabs"),
    (b"id: x\nid: y\n", "ESC003", 2, "duplicate key 'id'"),
    (b'a: &a ["lol", "lol"]\nb: &b [*a, *a]\n', "ESC003", 2, "aliases"),
    (b"- just\n- a list\n", "ESC003", 1, "mapping"),
    (b"", "ESC003", 1, "mapping"),
    (b"id: [unclosed\n", "ESC003", 1, ""),
    (b"\xe9t\xe9: 1\n", "ESC002", 1, "UTF-8"),
    (b"\x00\x01\x02binary", "ESC002", None, "binary"),
    (b"x: " + b"a" * 1_000_001, "ESC002", None, "too large"),
]


@pytest.mark.parametrize(("content", "code", "line", "words"), UNREADABLE)
def test_unreadable_files(tmp_path: Path, content: bytes, code: str, line, words: str) -> None:
    (tmp_path / "bad.yaml").write_bytes(content)
    found = _findings(tmp_path)
    assert [(f["code"], f["line"]) for f in found] == [(code, line)]
    assert words in found[0]["message"]


def test_a_folder_named_like_a_file_and_an_unreadable_file(tmp_path: Path) -> None:
    (tmp_path / "dir.yaml").mkdir()
    found = _findings(tmp_path)
    assert [(f["code"], f["message"]) for f in found] == [
        ("ESC001", "not a file (a folder or a special file)")
    ]


def test_same_id_twice_and_override_of_a_shipped_record(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(GOOD.replace("Acme Energia", "Acme Two"), encoding="utf-8")
    (tmp_path / "cemig.yaml").write_text(CEMIG.replace("name: Cemig", "name: Cemig (mine)", 1))
    found = _findings(tmp_path)
    codes = [(Path(f["path"]).name, f["code"], f["line"]) for f in found]
    assert ("b.yaml", "ESC005", 1) in codes
    assert ("cemig.yaml", "ESC016", 2) in codes  # info: replacing is allowed
    assert not [f for f in found if f["severity"] == "error" and "cemig" in f["path"]]


def test_a_folder_of_broken_files_is_reported_file_by_file_in_text(tmp_path: Path) -> None:
    (tmp_path / "tabs.yaml").write_bytes(UNREADABLE[0][0])
    (tmp_path / "types.yaml").write_text(GOOD.replace("name: Acme Energia", "name: [1]"))
    (tmp_path / "good.yaml").write_text(GOOD.replace("acme", "acme2").replace("Acme", "Zeta"))
    result = _validate(str(tmp_path))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (
        f"{tmp_path / 'tabs.yaml'}:4: ESC003 error: tabs are not allowed for indentation;"
        " use spaces"
    )
    assert (
        lines[1]
        == f"{tmp_path / 'types.yaml'}:2: ESC004 error: name: Input should be a valid string"
    )
    assert lines[-1] == "2 errors, 0 warnings in 3 files."
    assert result.stderr == ""


def test_warnings_alone_exit_zero(tmp_path: Path) -> None:
    (tmp_path / "acme.yaml").write_text(GOOD.replace("2026-11-01", "2024-01-01"))
    result = _validate(str(tmp_path), "--lang", "pt")
    assert result.exit_code == 0
    assert "ESC011 aviso" in result.stdout
    assert result.stdout.splitlines()[-1] == "0 erros, 1 aviso em 1 arquivo."


def test_default_is_shipped_data_plus_the_user_folder(user_companies: Path) -> None:
    (user_companies / "acme.yaml").write_text(GOOD.replace("[SP]", "[ZZ]"))
    result = _validate()
    assert result.exit_code == 1
    assert f"{user_companies / 'acme.yaml'}:5: ESC015 error" in result.stdout


def test_a_broken_data_folder_checks_the_rules_files_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ESCALATE_NOW", CHECKED)
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    ladder = root / "ladder.yaml"
    ladder.write_text(
        ladder.read_text(encoding="utf-8").replace("checklist: procon", "checklist: nowhere", 1)
    )
    checklists = root / "checklists.yaml"
    text = checklists.read_text(encoding="utf-8")
    checklists.write_text(text.replace("problems: [billing]", "problems: [no-such-problem]", 1))
    found = _findings(root)
    assert ("ESC013", str(ladder)) in [(f["code"], f["path"]) for f in found]
    assert any("no checklist 'nowhere'" in f["message"] for f in found)
    assert ("ESC014", str(checklists)) in [(f["code"], f["path"]) for f in found]
    assert not [f for f in found if f["code"] not in ("ESC013", "ESC014")]


def test_a_single_rules_file_is_checked_against_the_shipped_ones(tmp_path: Path) -> None:
    ladder = tmp_path / "ladder.yaml"
    ladder.write_text(
        (DATA / "ladder.yaml")
        .read_text(encoding="utf-8")
        .replace("deadlines: [claro-ouvidoria]", "deadlines: [nope]", 1)
    )
    found = _findings(ladder)
    assert [f["code"] for f in found] == ["ESC013"]
    assert "no deadline 'nope'" in found[0]["message"]


def test_a_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = _validate(str(tmp_path / "nope"))
    assert result.exit_code == 2
    assert (
        result.stderr.splitlines()[0]
        == f"escalate: error: no such file or folder: {tmp_path / 'nope'}"
    )


def test_every_rule_code_is_documented_and_tested() -> None:
    from conftest import ROOT

    doc = (ROOT / "docs" / "data-format.md").read_text(encoding="utf-8")
    # The tables above, plus the codes that the tests after them check one by one.
    tested = (
        {b[2] for b in BROKEN}
        | {u[1] for u in UNREADABLE}
        | {"ESC001", "ESC005", "ESC013", "ESC014", "ESC016"}
    )
    for code, (severity, _what) in RULES.items():
        assert code in doc, code
        assert code in tested, code
        assert severity in ("error", "warning", "info")


def test_a_bad_user_file_warns_once_and_other_companies_still_work(user_companies: Path) -> None:
    (user_companies / "broken.yaml").write_bytes(b"id: x\nid: y\n")
    (user_companies / "cemig.yaml").write_text(
        CEMIG.replace("name: Cemig", "name: Cemig (minha)", 1)
    )
    result = runner.invoke(app, ["lookup", "elektro", "--lang", "en"])
    assert result.exit_code == 0
    assert "Neoenergia Elektro" in result.stdout
    assert result.stderr.splitlines() == [
        f"escalate: warning: skipped {user_companies / 'broken.yaml'}:2: duplicate key 'id'"
        " (check it: escalate data validate)"
    ]
    cemig = runner.invoke(app, ["lookup", "cemig", "--lang", "en"])
    assert cemig.stdout.startswith("Cemig (minha)")
    assert str(user_companies / "cemig.yaml") in cemig.stdout or "your folder" in cemig.stdout


def test_a_user_home_folder_is_checked_against_the_shipped_data(user_companies: Path) -> None:
    # `escalate data validate $ESCALATE_HOME`: its companies/ join the shipped records.
    (user_companies / "cemig.yaml").write_text(CEMIG.replace("name: Cemig", "name: Cemig (a)", 1))
    found = _findings(user_companies.parent)
    assert [(f["code"], Path(f["path"]).name) for f in found] == [("ESC016", "cemig.yaml")]
    (user_companies / "acme.yaml").write_text(GOOD.replace("name: Acme Energia", "name: Elektro"))
    found = _findings(user_companies.parent)
    assert ("ESC006", "acme.yaml") in [(f["code"], Path(f["path"]).name) for f in found]


def test_an_empty_folder_is_not_a_pass(tmp_path: Path) -> None:
    result = _validate(str(tmp_path))
    assert result.exit_code == 1
    assert "no data files" in result.stdout


# --- problem clocks and state bodies ----------------------------------------------------------

RECONNECTION_CLOCK = (
    '    rule: "REN ANEEL 1.000/2021, art. 362"\n'
    "    sources: [ren-aneel-1000-2021, conceg-religacao, neoenergia-rn-faq]\n"
)


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        # a clock without a source
        (
            RECONNECTION_CLOCK,
            '    rule: "REN ANEEL 1.000/2021, art. 362"\n    sources: []\n',
            "clocks.0.sources",
            "at least 1",
        ),
        # a unit the engine does not know
        (
            "    amount: 24\n    unit: hours\n",
            "    amount: 24\n    unit: fortnights\n",
            "clocks.0.unit",
            "'hours'",
        ),
        # what starts it
        (
            "    starts: report-business-hours\n",
            "    starts: whenever\n",
            "clocks.0.starts",
            "'report'",
        ),
    ],
)
def test_a_broken_problem_clock_is_refused(tmp_path: Path, old, new, field, message) -> None:
    problems = tmp_path / "problems.yaml"
    text = (DATA / "problems.yaml").read_text(encoding="utf-8")
    assert old in text
    problems.write_text(text.replace(old, new, 1), encoding="utf-8")
    found = _findings(problems)
    assert found, "a broken clock passed data validate"
    assert all(f["severity"] == "error" for f in found)
    assert any(f["field"] == field and message in f["message"] for f in found), found


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "    when: {cut: normal, area: urban}\n",
            "    when: {cut: normal, area: beach}\n",
            "question 'area' has no 'beach'",
        ),
        (
            "    when: {cut: normal, area: urban}\n",
            "    when: {weather: rain}\n",
            "no question 'weather'",
        ),
        (
            "    decides: [sac-open, ouvidoria-open, regulator-open]\n",
            "    decides: [waiting-forever]\n",
            "no stage 'waiting-forever'",
        ),
        (
            "    passed_options: [aneel, juizado]\n",
            "    passed_options: [aneel, nowhere]\n",
            "no public body 'nowhere'",
        ),
        (
            "    applies: {sectors: [energy], problems: [reconnection]}\n",
            "    applies: {sectors: [energy], problems: [teleportation]}\n",
            "no problem 'teleportation'",
        ),
    ],
)
def test_a_clock_that_names_what_does_not_exist_is_refused(
    tmp_path: Path, old, new, message
) -> None:
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    problems = root / "problems.yaml"
    text = problems.read_text(encoding="utf-8")
    assert old in text
    problems.write_text(text.replace(old, new, 1), encoding="utf-8")
    found = _findings(root)
    assert ("ESC014", str(problems)) in [(f["code"], f["path"]) for f in found]
    assert any(message in f["message"] for f in found), found


def test_a_state_procon_channel_without_its_state_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    procon = root / "bodies" / "procon.yaml"
    text = procon.read_text(encoding="utf-8")
    assert text.count("    states: [SP]\n") == 2
    procon.write_text(text.replace("    states: [SP]\n", "", 1), encoding="utf-8")
    found = _findings(root)
    errors = [f for f in found if f["path"] == str(procon)]
    assert errors and errors[0]["severity"] == "error"
    assert "procon-sp-digital" in errors[0]["message"]
    assert "states" in errors[0]["message"]
    # A channel for every state says so explicitly.
    procon.write_text(text.replace("    nationwide: true\n", "", 1), encoding="utf-8")
    assert any("phone-151" in f["message"] for f in _findings(root) if f["path"] == str(procon))
