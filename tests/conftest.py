"""Shared fixtures: every test runs with its own empty user folder and a fixed clock."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
# 2026-11-25 (a Wednesday) at 10:00 in São Paulo: business hours.
NOW = "2026-11-25T10:00:00-03:00"


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh ESCALATE_HOME, a fixed clock and a neutral locale for every test."""
    home = tmp_path / "home"
    monkeypatch.setenv("ESCALATE_HOME", str(home))
    monkeypatch.setenv("ESCALATE_NOW", NOW)
    for var in ("ESCALATE_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "NO_COLOR", "COLUMNS"):
        monkeypatch.delenv(var, raising=False)
    return home


@pytest.fixture
def home(isolated: Path) -> Path:
    return isolated


@pytest.fixture
def user_companies(home: Path) -> Path:
    folder = home / "companies"
    folder.mkdir(parents=True)
    return folder


def subprocess_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ESCALATE_", "LC_"))}
    env.pop("LANG", None)
    env.update(extra)
    return env


PYTHON = sys.executable
