"""In a real terminal the output is coloured by rich; NO_COLOR and TERM=dumb turn colour off."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time

import pytest

from conftest import IN_TERMINAL, NOW, subprocess_env


def run_in_terminal(args: list[str], home: str, *, width: int | None = None, **env: str) -> str:
    """What the program writes to a pseudo-terminal (``width`` columns wide, if given)."""
    leader, follower = pty.openpty()
    if width is not None:
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 50, width, 0, 0))
    proc = subprocess.Popen(
        [sys.executable, "-m", "escalate", *args],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=subprocess_env(ESCALATE_HOME=home, ESCALATE_NOW=NOW, **{"COLUMNS": "100", **env}),
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


class Terminal:
    """A program in a pseudo-terminal, driven like a person at the keyboard."""

    def __init__(self, args: list[str], home: str, **env: str) -> None:
        self.leader, follower = pty.openpty()
        self.proc = subprocess.Popen(
            [*IN_TERMINAL, sys.executable, "-m", "escalate", *args],  # so Ctrl-C sends SIGINT
            stdin=follower,
            stdout=follower,
            stderr=follower,
            env=subprocess_env(
                ESCALATE_HOME=home, ESCALATE_NOW=NOW, COLUMNS="120", TERM="dumb", **env
            ),
            close_fds=True,
            start_new_session=True,
        )
        os.close(follower)
        self.screen = ""

    def read_prompt(self, question: str, timeout: float = 60) -> str:
        """Wait until the program asks ``question`` and waits for the answer (the screen ends
        with its prompt, ``…: ``): a key typed now answers it. The timeout only bounds a hang."""
        deadline = time.monotonic() + timeout
        while not _asks(_plain(self.screen), question):
            ready, _, _ = select.select([self.leader], [], [], max(deadline - time.monotonic(), 0))
            if not ready:
                raise AssertionError(f"waited for {question!r}; screen:\n{self.screen[-2000:]}")
            try:
                data = os.read(self.leader, 65536)
            except OSError:  # the terminal closed
                data = b""
            if not data:
                raise AssertionError(f"ended before {question!r}; screen:\n{self.screen[-2000:]}")
            self.screen += data.decode("utf-8", "replace")
        return _plain(self.screen)

    def type(self, keys: str) -> None:
        os.write(self.leader, keys.encode())

    def finish(self) -> tuple[int, str]:
        try:
            while True:
                ready, _, _ = select.select([self.leader], [], [], 30)
                if not ready:
                    break
                data = os.read(self.leader, 65536)
                if not data:
                    break
                self.screen += data.decode("utf-8", "replace")
        except OSError:
            pass
        try:
            code = self.proc.wait(timeout=30)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
            os.close(self.leader)
        return code, _plain(self.screen)


def _plain(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text).replace("\r", "")


def _asks(text: str, question: str) -> bool:
    at = text.rfind(question)
    return at >= 0 and text[at:].rstrip(" ").endswith(":")


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_interview_in_a_real_terminal(tmp_path) -> None:
    term = Terminal(["advise", "--lang", "en"], str(tmp_path))
    term.read_prompt("Is anyone at risk right now")
    term.type("n\r")
    term.read_prompt("Which company?")
    term.type("claro\r")
    term.read_prompt("What is the problem?")
    term.type("1\r")  # outage
    term.read_prompt("Where are you now?")
    term.type("5\r")  # ouvidoria-failed
    term.read_prompt("Date of the last protocol")
    term.type("2026-11-20\r")
    term.read_prompt("Do you have the protocol number")
    term.type("y\r")
    term.read_prompt("Open a case with these answers")  # after the advice
    term.type("y\r")
    term.read_prompt("A few words to recognise the case")
    term.type("\r")  # the title offered
    term.read_prompt("(number)")  # what the person wants
    term.type("1\r")
    term.read_prompt("What happened, in a line")
    term.type("Sem internet desde o dia 18.\r")
    code, screen = term.finish()
    assert code == 0
    after = screen[screen.index("WHAT TO DO NOW") :]
    assert "Anatel" in after and "1331" in after
    assert "ANEEL" not in after
    assert "Case 1 opened for Claro" in after
    assert "escalate case log 1 --channel ouvidoria --date 2026-11-20" in after
    show = subprocess.run(
        [sys.executable, "-m", "escalate", "case", "show", "1", "--json"],
        capture_output=True,
        text=True,
        check=True,
        env=subprocess_env(ESCALATE_HOME=str(tmp_path), ESCALATE_NOW=NOW),
    ).stdout
    case = json.loads(show)["case"]
    assert case["problem"] == "outage" and case["story"] == "Sem internet desde o dia 18."
    assert case["want"] == ["outage-credit"]


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_ctrl_c_in_the_interview_exits_130_and_prints_no_advice(tmp_path) -> None:
    term = Terminal(["advise", "--lang", "pt"], str(tmp_path))
    term.read_prompt("Alguém corre risco agora")
    term.type("n\r")
    term.read_prompt("Qual empresa?")
    term.type("\x03")  # Ctrl-C
    code, screen = term.finish()
    assert code == 130
    assert "O QUE FAZER AGORA" not in screen
    assert "Traceback" not in screen


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_closed_stdin_without_stage_is_a_usage_error(tmp_path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "escalate", "advise"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=subprocess_env(ESCALATE_HOME=str(tmp_path), ESCALATE_NOW=NOW),
    )
    assert result.returncode == 2
    assert result.stderr.startswith("escalate: error: ")
    assert "--stage" in result.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_interview_answered_in_portuguese_in_a_real_terminal(tmp_path) -> None:
    """A Brazilian at the keyboard: names, not numbers, and a day said as people say it."""
    term = Terminal(["advise"], str(tmp_path), LANG="pt_BR.UTF-8")
    term.read_prompt("Alguém corre risco agora")
    term.type("n\r")
    term.read_prompt("Qual empresa?")
    term.type("elektro\r")
    term.read_prompt("Qual é o problema?")
    term.type("religação\r")  # an alias from the data, not the menu's number
    term.read_prompt("Em que ponto você está?")
    term.type("sac-aberto\r")
    term.read_prompt("Em que estado você está?")
    term.type("SP\r")
    term.read_prompt("Data do último protocolo")
    term.type("ontem 19h\r")  # Tuesday after 18h: the 24 h start at 8h on Wednesday
    term.read_prompt("O que aconteceu com a energia?")
    term.type("1\r")
    term.read_prompt("área urbana ou rural?")
    term.type("1\r")
    term.read_prompt("Abrir um caso com estas respostas")
    term.type("n\r")
    code, screen = term.finish()
    assert code == 0
    assert "Aguarde até 26/11/2026 (qui.) às 08:00" in screen
    assert "[sac-aberto]" in screen and "[sac-open]" not in screen  # the names to type, in pt
    assert "escalate: error" not in screen
