"""Portuguese first: with Portuguese asked for, no English reaches the person — not in the
answers, the errors, the prefixes of an error line, nor the help of any command."""

from __future__ import annotations

import re
import string
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import NOW, subprocess_env
from escalate.cli.main import app
from escalate.i18n import SOURCE, t, translated

# Words that are the same in both languages, or names: never "English" in a Portuguese text.
SHARED = re.compile(r"^[\W\d_]*$|escalate|--")


def _fragments(text: str) -> list[str]:
    """The literal runs of an English message, between its {placeholders}, of three words or
    more: what would show if the English leaked."""
    runs = [literal for literal, *_ in string.Formatter().parse(text)]
    return [r.strip() for r in runs if len(r.split()) >= 3 and not SHARED.search(r)]


def _english() -> dict[str, str]:
    """Every English run of a message whose Portuguese differs, with its key."""
    found: dict[str, str] = {}
    for key, text in SOURCE.items():
        blanks = {name: "" for _, name, _, _ in string.Formatter().parse(text) if name}
        portuguese = t("pt", key, **blanks)
        for run in _fragments(text):
            if run not in portuguese:
                found[run] = key
    return found


ENGLISH = _english()


def _leaks(output: str) -> list[str]:
    return sorted(f"{run!r} ({key})" for run, key in ENGLISH.items() if run in output)


@pytest.fixture
def pt(home: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The program in Portuguese, as LANG=pt_BR.UTF-8 asks for it."""
    monkeypatch.setenv("LANG", "pt_BR.UTF-8")
    monkeypatch.delenv("ESCALATE_LANG", raising=False)
    runner = CliRunner()

    def run(*args: str, input: str | None = None) -> Any:
        return runner.invoke(app, list(args), input=input)

    return run


SESSION = [
    ("lookup", "elektro"),
    ("lookup", "claro"),
    ("lookup", "equatorial", "--state", "PA"),
    ("companies",),
    ("advise", "--company", "elektro", "--stage", "sac-failed", "--problem", "billing"),
    ("advise", "--company", "claro", "--stage", "sac-open", "--since", "ontem"),
    (
        "advise",
        "--company",
        "cemig",
        "--problem",
        "reconnection",
        "--stage",
        "sac-open",
        "--since",
        "ontem 14h30",
    ),
    ("advise", "--company", "elektro", "--problem", "hazard"),
    ("advise", "--sector", "telecom", "--company", "brisanet", "--stage", "start"),
    ("checklist", "procon"),
    ("checklist", "ouvidoria", "--company", "claro"),
    ("tree",),
    ("tree", "--sector", "telecom"),
    (
        "case",
        "new",
        "--company",
        "elektro",
        "--problem",
        "religação",
        "--title",
        "Sem luz",
        "--want",
        "reconnect",
    ),
    ("case", "log", "1", "--channel", "sac", "--protocol", "123", "--date", "ontem"),
    ("case", "list"),
    ("case", "show", "1"),
    ("case", "due"),
    ("case", "export", "1", "--ics", "prazos.ics"),
    ("case", "close", "1"),
]
ERRORS = [
    ("lookup", "brisanet"),
    ("lookup",),
    ("lokup", "elektro"),
    ("lookup", "elektro", "--bogus"),
    ("case", "show", "99"),
    ("case", "show", "abc"),
    ("advise", "--company", "elektro", "--stage", "nowhere"),
    ("case", "log", "1", "--channel", "sac", "--date", "31/04/2026"),
    ("case", "export", "1", "--letter", "anatel"),  # Elektro answers to ANEEL
]


def test_a_session_in_portuguese_has_no_english(pt: Any, tmp_path: Path) -> None:
    for args in SESSION:
        if "--ics" in args:  # the calendar goes to the test's own folder
            args = (*args[:-1], str(tmp_path / args[-1]))
        result = pt(*args)
        assert result.exit_code == 0, (args, result.output)
        assert _leaks(result.output) == [], args


@pytest.mark.parametrize("args", ERRORS, ids=lambda a: " ".join(a))
def test_errors_in_portuguese_have_no_english(pt: Any, args: tuple[str, ...]) -> None:
    pt("case", "new", "--company", "elektro", "--title", "x")
    result = pt(*args)
    assert result.exit_code != 0
    assert result.stderr.startswith("escalate: erro: "), result.stderr
    assert "\n  error:" not in result.stderr and "hint:" not in result.stderr
    assert _leaks(result.stderr) == []
    for english in ("Missing", "No such", "Invalid value", "Got unexpected", "not a "):
        assert english not in result.stderr, result.stderr


def _help(*args: str, env: dict[str, str]) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "escalate", *args, "--help"],
        capture_output=True,
        text=True,
        env=subprocess_env(ESCALATE_NOW=NOW, COLUMNS="200", **env),
        check=True,
    )
    return result.stdout


COMMANDS = [
    (),
    ("lookup",),
    ("advise",),
    ("checklist",),
    ("tree",),
    ("companies",),
    ("case",),
    ("case", "new"),
    ("case", "edit"),
    ("case", "log"),
    ("case", "export"),
    ("case", "due"),
    ("data", "validate"),
]


def _flat(text: str) -> str:
    """Help as words: rich's boxes and line wrapping gone."""
    return " ".join(re.sub(r"[│╭╰─╮╯]", " ", text).split())


def _help_ids() -> list[str]:
    """The help texts of the program (messages without a context in the catalogue)."""
    from babel.messages.pofile import read_po

    po = Path(__file__).parent.parent / "src/escalate/locale/pt_BR/LC_MESSAGES/escalate.po"
    with po.open("rb") as fh:
        return [
            m.id
            for m in read_po(fh)
            if m.id
            and not m.context
            and isinstance(m.id, str)
            and any(path.startswith("src/escalate/cli/") for path, _ in m.locations)
        ]


HELP_IDS = _help_ids()


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a) or "escalate")
def test_the_help_of_every_command_is_in_portuguese(args: tuple[str, ...], tmp_path: Path) -> None:
    english = _flat(_help(*args, env={"LANG": "C", "ESCALATE_HOME": str(tmp_path)}))
    portuguese = _flat(_help(*args, env={"LANG": "pt_BR.UTF-8", "ESCALATE_HOME": str(tmp_path)}))
    shown = [m for m in HELP_IDS if _flat(m)[:40] in english]
    assert shown, english  # the command shows help texts of the catalogue
    for message in shown:
        portuguese_text = _flat(translated("pt", message))
        assert portuguese_text[:30] in portuguese, message
        if portuguese_text[:40] != _flat(message)[:40]:  # ids the two share ("open, solved …")
            assert _flat(message)[:40] not in portuguese, message


def test_lang_on_the_command_line_wins_for_help(tmp_path: Path) -> None:
    home = {"ESCALATE_HOME": str(tmp_path)}
    asked = _flat(_help("lookup", "--lang", "pt", env={"LANG": "C", **home}))
    assert asked == _flat(_help("lookup", env={"LANG": "pt_BR.UTF-8", **home}))
