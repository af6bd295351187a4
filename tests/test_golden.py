"""Golden files: the exact human output, in both languages.

A change in wording or layout shows up here as a diff to review. To accept it, run
``UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py`` and read the diff before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from escalate.cli import app

GOLDEN = Path(__file__).parent / "golden"

CASES = {
    "lookup-elektro.pt.txt": ["lookup", "elektro", "--lang", "pt"],
    "lookup-elektro.en.txt": ["lookup", "elektro", "--lang", "en"],
    "lookup-claro.en.txt": ["lookup", "net", "--lang", "en"],
    "lookup-claro.pt.txt": ["lookup", "claro", "--lang", "pt"],
    "lookup-cemig.pt.txt": ["lookup", "cemig", "--lang", "pt"],
    "lookup-equatorial-pa.pt.txt": ["lookup", "equatorial", "--state", "PA", "--lang", "pt"],
    "lookup-aneel.en.txt": ["lookup", "aneel", "--lang", "en"],
    "companies.en.txt": ["companies", "--lang", "en"],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_output(name: str) -> None:
    result = CliRunner().invoke(app, CASES[name])
    assert result.exit_code == 0, result.stderr
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == path.read_text(encoding="utf-8")
