"""Long lines wrap at the width, each continuation indented like its first line's text (hanging
after a bullet), between words, never inside a phone number or a URL, and with no word lost:
in a terminal (rich) and through a pipe when COLUMNS gives the width."""

from __future__ import annotations

import io
import re
import sys
from typing import Any

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from escalate.cli.main import app
from escalate.output.terminal import emit, wrap
from test_terminal import run_in_terminal

WIDTHS = [40, 60, 80, 120]
COMMANDS = {
    "lookup": ["lookup", "elektro"],
    "advise": ["advise", "--company", "elektro", "--stage", "sac-failed"],
}
BULLETS = ("• ", "☐ ")
PHONES = ["0800 701 01 02", "0800 012 40 50", "(19) 2122-1385", "0800 701 01 03"]


def _plain(args: list[str], lang: str, width: int | None = None) -> str:
    env = {"COLUMNS": str(width)} if width else None
    result = CliRunner().invoke(app, [*args, "--lang", lang], env=env)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _hang(line: str) -> int:
    """Where the first line's text starts: after its indentation and a bullet."""
    rest = line.lstrip(" ")
    return _indent(line) + (2 if rest.startswith(BULLETS) else 0)


def _unbreakable(text: str) -> bool:
    """One token (a URL, an e-mail) or one phone number, with its mark."""
    words = [w for w in text.split() if w not in ("*", "!")]
    return len(words) == 1 or all(re.fullmatch(r"[\d()+.\-/,;:]+", w) for w in words)


def check_wrapped(whole: str, wrapped: str, width: int) -> int:
    """Each line of ``whole`` is one or more lines of ``wrapped``: the same words in order,
    every continuation at least as indented as its first line's text, none wider than
    ``width`` unless it is one unbreakable token. Returns how many lines were wrapped."""
    rows = wrapped.split("\n")
    at = 0
    broken = 0
    for line in whole.split("\n"):
        words = line.split()
        first = rows[at]
        at += 1
        assert first.split()[: len(words)] == words[: len(first.split())], (line, first)
        assert _indent(first) == _indent(line), (line, first)
        got = first.split()
        while len(got) < len(words):
            cont = rows[at]
            at += 1
            broken += 1
            assert _indent(cont) >= _hang(line), f"lost its indentation:\n{line}\n{cont!r}"
            got += cont.split()
        assert got == words, f"text changed:\n{line}\n{got}"
    assert at == len(rows), "lines left over"
    for row in rows:
        assert cell_len(row) <= width or _unbreakable(row), f"wider than {width}: {row!r}"
    return broken


# --- through a pipe, at the width COLUMNS gives ----------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["pt", "en"])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_piped_output_wraps_at_columns(command: str, lang: str, width: int) -> None:
    args = COMMANDS[command]
    whole = _plain(args, lang)
    wrapped = _plain(args, lang, width)
    broken = check_wrapped(whole, wrapped, width)
    if width <= 80:
        assert broken, "nothing was wrapped: the test proves nothing"
    for phone in PHONES:
        assert (phone in whole) == (phone in wrapped)


def test_piped_output_without_columns_is_left_whole() -> None:
    out = _plain(COMMANDS["advise"], "pt")
    assert max(len(line) for line in out.splitlines()) > 120  # long lines stay long


@pytest.mark.parametrize("columns", ["abc", "0", "-1", ""])
def test_piped_output_with_no_usable_columns_is_left_whole(columns: str) -> None:
    result = CliRunner().invoke(
        app, [*COMMANDS["lookup"], "--lang", "en"], env={"COLUMNS": columns}
    )
    assert result.exit_code == 0
    assert result.stdout == _plain(COMMANDS["lookup"], "en")


# --- in a terminal (rich) -------------------------------------------------------------------


def _in_terminal(args: list[str], home: str, width: int) -> str:
    screen = run_in_terminal(args, home, width=width, COLUMNS=str(width), TERM="xterm-256color")
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen).replace("\r\n", "\n")


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["pt", "en"])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_terminal_output_keeps_indentation(tmp_path, command: str, lang: str, width: int) -> None:
    args = [*COMMANDS[command], "--lang", lang]
    whole = _plain(COMMANDS[command], lang)
    screen = _in_terminal(args, str(tmp_path), width)
    broken = check_wrapped(whole.rstrip("\n"), screen.rstrip("\n"), width)
    if width <= 80:
        assert broken


# --- the function ---------------------------------------------------------------------------


def _texts(lines: list[Any]) -> list[str]:
    return ["".join(text for text, _ in line) for line in lines]


def test_a_bullet_hangs_and_styles_are_kept() -> None:
    line = [("  • ", "dim"), ("Ouvidoria", "bold"), (": ", ""), ("0800 012 40 50", "bold cyan")]
    line += [(" · grátis · seg. a sex., das 8h às 18h · aberta agora", ""), (" *", "yellow")]
    out = wrap(line, 40)
    assert _texts(out) == [
        "  • Ouvidoria: 0800 012 40 50 · grátis ·",
        "    seg. a sex., das 8h às 18h · aberta",
        "    agora *",
    ]
    assert ("0800 012 40 50", "bold cyan") in out[0]
    assert out[2][-1] == (" *", "yellow")  # the mark stays on its word, with its style


def test_a_phone_number_moves_whole_to_the_next_line() -> None:
    out = _texts(wrap([("  Ligue para a ouvidoria no 0800 012 40 50 hoje", "")], 40))
    assert out == ["  Ligue para a ouvidoria no", "  0800 012 40 50 hoje"]


def test_a_url_wider_than_the_line_is_never_cut() -> None:
    url = "https://www.example.gov.br/" + "a" * 40
    out = _texts(wrap([("  • Site: " + url + " (oficial)", "")], 40))
    assert out == ["  • Site:", "    " + url, "    (oficial)"]


def test_only_a_word_wider_than_the_line_is_cut() -> None:
    word = "x" * 50
    out = _texts(wrap([("  ☐ " + word + " fim", "")], 40))
    assert out == ["  ☐ " + "x" * 36, "    " + "x" * 14 + " fim"]


def test_a_short_line_is_untouched() -> None:
    line = [("  • ", "dim"), ("SAC", "bold")]
    assert wrap(line, 40) == [line]


def test_numbered_steps_and_the_tree_rule_carry_down() -> None:
    step = _texts(wrap([("  1. " + "palavra " * 8, "")], 40))
    assert all(row.startswith("     ") for row in step[1:])
    tree = _texts(wrap([("├─ sac-open  " + "palavra " * 8, "")], 40))
    assert tree[1].startswith("│  ")


@pytest.mark.parametrize("width", WIDTHS)
def test_emit_wraps_at_a_given_width(width: int) -> None:
    text = "  • " + " ".join(f"palavra{i}" for i in range(40))
    out = io.StringIO()
    emit([[(text, "")], [], [("curta", "")]], stream=out, width=width)
    rows = out.getvalue().split("\n")
    assert rows[-3:] == ["", "curta", ""]
    assert all(cell_len(row) <= width for row in rows)
    assert all(row.startswith("    palavra") for row in rows[1:-3])
    assert " ".join(" ".join(rows).split()) == " ".join(text.split()) + " curta"
