"""TAB completion of company ids through the shell protocol, as bash calls it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import subprocess_env


@pytest.mark.parametrize(
    ("words", "expected", "absent"),
    [
        ("escalate lookup equ", {"equatorial", "equatorial-pa", "equatorial-pi"}, {"elektro"}),
        ("escalate lookup ele", {"elektro"}, {"claro"}),
        ("escalate lookup ", {"cemig", "claro", "elektro", "aneel", "procon"}, set()),
        ("escalate look", {"lookup"}, {"companies"}),
    ],
)
def test_bash_completion(tmp_path, words: str, expected: set[str], absent: set[str]) -> None:
    offered = bash_complete(tmp_path, words)
    assert expected <= offered
    assert not (absent & offered)


def bash_complete(tmp_path: Path, words: str) -> set[str]:
    """What bash completion offers for the command line ``words``."""
    cword = len(words.split()) - (0 if words.endswith(" ") else 1)
    out = subprocess.run(
        [sys.executable, "-m", "escalate"],
        env=subprocess_env(
            ESCALATE_HOME=str(tmp_path),
            _ESCALATE_COMPLETE="complete_bash",
            COMP_WORDS=words,
            COMP_CWORD=str(cword),
        ),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    return set(out.stdout.split())
