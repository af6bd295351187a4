"""In a real terminal the output is coloured by rich; NO_COLOR and TERM=dumb turn colour off."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys

import pytest

from conftest import NOW, subprocess_env


def run_in_terminal(args: list[str], home: str, **env: str) -> str:
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "escalate", *args],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=subprocess_env(ESCALATE_HOME=home, ESCALATE_NOW=NOW, COLUMNS="100", **env),
        close_fds=True,
    )
    os.close(follower)
    chunks = []
    while True:
        ready, _, _ = select.select([leader], [], [], 30)
        if not ready:
            proc.kill()
            break
        try:
            data = os.read(leader, 65536)
        except OSError:  # the terminal closed
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=30)
    os.close(leader)
    assert proc.returncode == 0
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_terminal_output_is_coloured(tmp_path) -> None:
    out = run_in_terminal(
        ["lookup", "elektro", "--lang", "en"], str(tmp_path), TERM="xterm-256color"
    )
    assert "\x1b[" in out
    assert "0800 701 01 02" in out


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
@pytest.mark.parametrize("env", [{"NO_COLOR": "1", "TERM": "xterm-256color"}, {"TERM": "dumb"}])
def test_no_color_and_dumb_terminal(tmp_path, env: dict[str, str]) -> None:
    out = run_in_terminal(["lookup", "claro", "--lang", "pt"], str(tmp_path), **env)
    colours = [
        code
        for params in re.findall(r"\x1b\[([0-9;]*)m", out)
        for code in params.split(";")
        if code and (30 <= int(code) <= 38 or 90 <= int(code) <= 97)
    ]
    assert colours == []  # bold and underline may stay; colours go
    assert "0800 701 0180" in out


def test_piped_output_is_plain(tmp_path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "escalate", "lookup", "elektro"],
        capture_output=True,
        text=True,
        env=subprocess_env(ESCALATE_HOME=str(tmp_path), ESCALATE_NOW=NOW),
        check=True,
    ).stdout
    assert "\x1b" not in out
