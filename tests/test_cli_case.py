"""`escalate case`: the journal through the command line."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from escalate.cli.main import app

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def test_a_case_from_start_to_close(home: Path) -> None:
    created = run(
        "case",
        "new",
        "--company",
        "Elektro",
        "--title",
        "Conta dobrou",
        "--problem",
        "billing",
        "--lang",
        "en",
    )
    assert created.exit_code == 0, created.stderr
    assert "Case 1 opened for Neoenergia Elektro" in created.stdout
    assert (
        run(
            "case",
            "log",
            "1",
            "--channel",
            "SAC",
            "--protocol",
            "123",
            "--date",
            "2026-11-02",
            "--outcome",
            "no-answer",
        ).exit_code
        == 0
    )
    assert (
        run(
            "case",
            "log",
            "1",
            "--channel",
            "ouvidoria",
            "--protocol",
            "456",
            "--date",
            "2026-11-20",
        ).exit_code
        == 0
    )
    shown = run("case", "show", "1", "--lang", "en").stdout
    assert "Case 1: Conta dobrou · Neoenergia Elektro · open" in shown
    assert "DEADLINE PASSED on 2026-11-09 (Decreto 11.034/2022, art. 13)" in shown
    assert "deadline unknown: ask for it" in shown  # an energy ouvidoria: no confirmed deadline
    data = json.loads(run("case", "show", "1", "--json").stdout)
    assert [c["protocol"] for c in data["case"]["contacts"]] == ["123", "456"]
    assert data["case"]["contacts"][0]["deadline"]["due"] == "2026-11-09"
    assert data["case"]["contacts"][0]["deadline"]["passed"] is True
    assert run("case", "close", "1").exit_code == 0
    listed = json.loads(run("case", "list", "--json").stdout)
    assert listed["cases"][0]["status"] == "closed"
    assert stat.S_IMODE((home / "journal.sqlite3").stat().st_mode) == 0o600


def test_claro_ouvidoria_deadline_runs_ten_days(home: Path) -> None:
    run("case", "new", "--company", "net", "--title", "Internet caiu")
    run("case", "log", "1", "--channel", "ouvidoria", "--protocol", "9", "--date", "2026-11-20")
    shown = run("case", "show", "1", "--lang", "pt").stdout
    assert "resposta até 30/11/2026 (Ouvidoria Claro)" in shown


def test_list_is_empty_at_first() -> None:
    assert "No cases yet" in run("case", "list", "--lang", "en").stdout


def test_list_gives_one_aligned_line_per_case_in_the_persons_language() -> None:
    run("case", "new", "-c", "elektro", "--title", "Conta dobrou ção")
    run("case", "new", "-c", "claro", "--title", "Internet caída")
    run("case", "close", "2")
    listed = run("case", "list", "--lang", "pt")
    assert listed.exit_code == 0
    assert listed.stdout.splitlines() == [
        "   1  2026-11-25  aberto     elektro  Conta dobrou ção",
        "   2  2026-11-25  encerrado  claro    Internet caída",
    ]
    english = run("case", "list", "--lang", "en").stdout.splitlines()
    assert english[1] == "   2  2026-11-25  closed  claro    Internet caída"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["case", "log", "9", "--channel", "sac"], 1, "no case 9"),
        (["case", "show", "9"], 1, "no case 9"),
        (["case", "close", "9"], 1, "no case 9"),
        (["case", "new", "--company", "elektr", "--title", "x"], 1, "did you mean: elektro?"),
        (["case", "new", "--company", "aneel", "--title", "x"], 1, "public body"),
        (["case", "new", "--company", "elektro"], 2, "missing '--title'"),
        (
            ["case", "new", "--company", "elektro", "--title", "x", "--problem", "ghosts"],
            2,
            "valid problems",
        ),
        (["case", "log", "1", "--channel", "sacc"], 2, "unknown channel"),
        (["case", "log", "1", "--channel", "sac", "--outcome", "maybe"], 2, "unknown outcome"),
        (["case", "log", "1", "--channel", "sac", "--date", "2030-01-01"], 2, "in the future"),
        (["case", "log", "one", "--channel", "sac"], 2, "'case': a whole number is expected"),
    ],
)
def test_case_errors(args: list[str], code: int, message: str) -> None:
    run("case", "new", "--company", "elektro", "--title", "first")  # case 1 exists
    result = run(*args, "--lang", "en") if args[1] != "log" or "one" not in args else run(*args)
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_foreign_file_at_the_journal_path_is_left_untouched(home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    path = home / "journal.sqlite3"
    path.write_text("my notes, not a database\n")
    result = run("case", "list")
    assert result.exit_code == 1
    assert "not an escalate journal" in result.stderr
    assert path.read_text() == "my notes, not a database\n"


def test_backup_round_trip_loses_nothing_and_import_twice_adds_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(
        "case",
        "new",
        "--company",
        "elektro",
        "--title",
        "Conta",
        "--problem",
        "billing",
        "--cpf",
        "123.456.789-09",
    )
    run(
        "case",
        "log",
        "1",
        "--channel",
        "sac",
        "--protocol",
        "123",
        "--date",
        "2026-11-02",
        "--outcome",
        "failed",
        "--note",
        "Atendente disse 48 h",
    )
    run("case", "new", "--company", "claro", "--title", "Internet")
    run("case", "close", "2")
    backup = run("case", "export", "--all").stdout
    (tmp_path / "backup.json").write_text(backup, encoding="utf-8")
    # A fresh journal elsewhere gets everything back.
    monkeypatch.setenv("ESCALATE_HOME", str(tmp_path / "other"))
    first = run("case", "import", str(tmp_path / "backup.json"), "--lang", "en")
    assert first.exit_code == 0, first.stderr
    assert "Imported 2 cases and 1 contact." in first.stdout
    again = run("case", "import", str(tmp_path / "backup.json"), "--lang", "en")
    assert "Imported 0 cases and 0 contacts." in again.stdout
    restored = json.loads(run("case", "export", "--all").stdout)
    assert restored["cases"] == json.loads(backup)["cases"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json at all", "not JSON"),
        ('{"kind": "recipes"}', "kind"),
        ('{"kind": "journal", "cases": [{"uid": "x"}]}', "the backup was not imported"),
    ],
)
def test_bad_backups_import_nothing(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    result = run("case", "import", str(path), "--lang", "en")
    assert result.exit_code == 1
    assert message in result.stderr
    assert json.loads(run("case", "export", "--all").stdout)["cases"] == []


def test_export_one_case_and_errors() -> None:
    run("case", "new", "--company", "elektro", "--title", "one")
    data = json.loads(run("case", "export", "1").stdout)
    assert [c["title"] for c in data["cases"]] == ["one"]
    assert run("case", "export").exit_code == 2
    assert run("case", "export", "5").exit_code == 1


def test_dossier_markdown_golden() -> None:
    from conftest import ROOT

    run(
        "case",
        "new",
        "--company",
        "elektro",
        "--title",
        "Conta dobrou",
        "--problem",
        "billing",
        "--cpf",
        "123.456.789-09",
    )
    run(
        "case",
        "log",
        "1",
        "--channel",
        "sac",
        "--protocol",
        "123",
        "--date",
        "2026-11-02",
        "--outcome",
        "no-answer",
    )
    run("case", "log", "1", "--channel", "sac", "--protocol", "124", "--date", "2026-11-22")
    result = run("case", "export", "1", "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    golden = ROOT / "tests" / "golden" / "dossier-elektro.md"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8")
    # Only the journal's facts: the missed deadline, the protocols, the CPF as a blank to fill
    # with the end of the number as a check (neither in full nor masked).
    assert "venceu em 09/11/2026" in result.stdout
    assert "- CPF: \\[CPF\\] (termina em 89-09)\n" in result.stdout
    assert "123.456.789-09" not in result.stdout and "\\*89-09" not in result.stdout
    assert "Minuta" not in result.stdout and "\n> " not in result.stdout  # no draft
    # The text to send is the letter: both protocols, the missed deadline, no CPF in full.
    letter = run("case", "export", "1", "--letter", "ouvidoria")
    assert letter.exit_code == 0, letter.stderr
    assert "(protocolo 123)" in letter.stdout and "(protocolo 124)" in letter.stdout
    assert "o prazo venceu em 09/11/2026 sem solução" in letter.stdout
    assert "CPF [CPF]," in letter.stdout and "89-09" not in letter.stdout
    assert run("case", "export", "--all", "--format", "markdown").exit_code == 2


def test_ics_holds_only_the_deadlines_still_running(tmp_path: Path) -> None:
    run("case", "new", "--company", "claro", "--title", "Internet")
    run(
        "case",
        "log",
        "1",
        "--channel",
        "sac",
        "--protocol",
        "1",
        "--date",
        "2026-11-02",
        "--outcome",
        "no-answer",
    )  # passed on 2026-11-09
    run("case", "log", "1", "--channel", "sac", "--protocol", "2", "--date", "2026-11-24")
    run("case", "log", "1", "--channel", "ouvidoria", "--protocol", "3", "--date", "2026-11-24")
    target = tmp_path / "prazos.ics"
    result = run("case", "export", "1", "--ics", str(target))
    assert result.exit_code == 0, result.stderr
    text = target.read_bytes().decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert text.count("BEGIN:VEVENT") == 2
    assert "DTSTART;VALUE=DATE:20261201" in text  # SAC: 7 days
    assert "DTSTART;VALUE=DATE:20261204" in text  # Claro ouvidoria: 10 days
    assert "protocolo 1)" not in text
    assert run("case", "export", "--ics", str(target)).exit_code == 2


def test_dossier_html_is_a_printable_page_with_escaped_text() -> None:
    from html.parser import HTMLParser

    run("case", "new", "--company", "elektro", "--title", "Conta <dobrou> & mais")
    run(
        "case",
        "log",
        "1",
        "--channel",
        "sac",
        "--protocol",
        "9<9",
        "--date",
        "2026-11-02",
        "--outcome",
        "no-answer",
    )
    page = run("case", "export", "1", "--format", "html").stdout
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "Conta &lt;dobrou&gt; &amp; mais" in page and "<dobrou>" not in page
    assert "<td>9&lt;9</td>" in page
    assert page.count('<span class="box"') >= 3  # the next step's checklist
    assert "<blockquote>" not in page  # no draft complaint: the letters hold the text to send
    assert page.index('<div class="signature">') > page.index('<span class="box"')
    # The letter carries the company, protocol and date the draft held, escaped the same way.
    letter = run("case", "export", "1", "--letter", "ouvidoria", "--format", "html").stdout
    assert letter.startswith("<!DOCTYPE html>") and letter.rstrip().endswith("</html>")
    assert "(protocolo 9&lt;9)" in letter and "9<9" not in letter
    assert "Em 02/11/2026, reclamei no SAC" in letter

    class Tags(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.open: list[str] = []

        def handle_starttag(self, tag: str, attrs: object) -> None:
            if tag not in ("meta", "input"):
                self.open.append(tag)

        def handle_endtag(self, tag: str) -> None:
            assert self.open.pop() == tag

    for text in (page, letter):
        parser = Tags()
        parser.feed(text)
        assert parser.open == []  # every element closed, in order


def test_a_reported_deadline_is_listed_as_missed_but_kept_out_of_the_complaint() -> None:
    run("case", "new", "--company", "claro", "--title", "Plano", "--problem", "cancellation")
    run("case", "log", "1", "--channel", "sac", "--protocol", "55", "--date", "2026-11-19")
    result = run("case", "export", "1", "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    assert "Minuta" not in result.stdout
    missed = result.stdout.split("## Prazos vencidos")[1].split("\n## ")[0]
    line = "2 dias úteis, venceu em 24/11/2026 (RGC Anatel (Res. 632/2014)); regra a confirmar."
    assert line in missed
    # A letter cites only an official rule: the reported deadline stays out of every one.
    for channel in ("ouvidoria", "anatel", "procon", "consumidor-gov", "juizado"):
        letter = run("case", "export", "1", "--letter", channel)
        assert letter.exit_code == 0, letter.stderr
        assert "protocolo 55" in letter.stdout, channel
        assert "632/2014" not in letter.stdout and "venceu" not in letter.stdout, channel


def test_a_case_for_a_group_keeps_the_state_it_was_opened_for() -> None:
    created = run("case", "new", "-c", "equatorial", "-s", "al", "--title", "Conta", "--lang", "en")
    assert created.exit_code == 0, created.stderr
    assert "Case 1 opened for Equatorial Alagoas" in created.stdout
    shown = json.loads(run("case", "show", "1", "--json").stdout)
    assert shown["case"]["unit"] == "equatorial-al"
    bad = run("case", "new", "-c", "equatorial", "-s", "ZZ", "--title", "x")
    assert bad.exit_code == 2 and "not a state code: 'ZZ'" in bad.stderr
    elsewhere = run("case", "new", "-c", "elektro", "-s", "AL", "--title", "x")
    assert elsewhere.exit_code == 1 and "MS, SP" in elsewhere.stderr
    assert json.loads(run("case", "list", "--json").stdout)["cases"][1:] == []  # nothing saved


def test_control_characters_in_titles_notes_and_backups_never_reach_the_terminal(
    tmp_path: Path,
) -> None:
    run("case", "new", "-c", "elektro", "--title", "a\x1b[31mb\nfake line")
    run("case", "log", "1", "--channel", "sac", "--protocol", "1\x1b]0;x\x07", "--note", "n\rx")
    listed = run("case", "list").stdout
    assert listed.splitlines()[0].endswith("a?[31mb?fake line")
    shown = run("case", "show", "1", "--json")
    case = json.loads(shown.stdout)["case"]
    assert case["title"] == "a?[31mb?fake line"
    assert case["contacts"][0]["protocol"] == "1?]0;x?" and case["contacts"][0]["note"] == "n?x"
    backup = json.loads(run("case", "export", "--all").stdout)
    backup["cases"][0]["uid"] = "0d5e5f8e-7c1a-4e4b-9d0a-3f1c2b4a5e6f"
    backup["cases"][0]["title"] = "evil\x1b[2J"
    backup["cases"][0]["contacts"][0]["uid"] = "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
    (tmp_path / "b.json").write_text(json.dumps(backup), encoding="utf-8")
    refused = run("case", "import", str(tmp_path / "b.json"), "--lang", "en")
    # A backup is held to the command line's rules: a title escalate would never have written.
    assert refused.exit_code == 1 and "cases[0].title" in refused.stderr
    assert "\x1b" not in refused.stderr
    assert len(run("case", "list").stdout.splitlines()) == 1
