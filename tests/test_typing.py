"""The core type-checks under ``mypy --strict``: records, catalogue, cases, advice and the
shared top-level modules (the command line and the renderers are not held to it yet)."""

from __future__ import annotations

import importlib.util
import os
import pickle
import subprocess
import sys

import pytest

from conftest import ROOT
from escalate.records.value import Value

STRICT = ["src/escalate"]  # the whole package, command line and renderers included


@pytest.mark.skipif(
    importlib.util.find_spec("mypy") is None,
    reason="mypy is not installed (pip install '.[test]') — the strict type check cannot run",
)
def test_the_package_is_mypy_strict_clean() -> None:
    result = subprocess.run(
        # No cache: nothing written into the checkout, and a cold run takes seconds.
        [sys.executable, "-m", "mypy", "--strict", f"--cache-dir={os.devnull}", *STRICT],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# --- the declarative Value: what the type checker and the run time both read ------------------

SNIPPET = """
import datetime as dt

from escalate.records.models import Address, Status
from escalate.records.value import Value


class Due(Value):
    day: dt.date
    passed: bool | None = None


class Finding(Value, kw_only=True):
    code: str
    line: int | None = None
    message: str


Due(dt.date(2026, 1, 1))
Due(dt.date(2026, 1, 1), True)
Finding(code="ESC001", message="m")
Address(street="Rua A", city="Campinas", state="SP")
status: Status = Status.OFFICIAL
due: Due = Due(dt.date(2026, 1, 1)).replace(passed=False)

Due("2026-01-01")  # E: arg-type
Due(dt.date(2026, 1, 1), True, 3)  # E: call-arg
Finding("ESC001", message="m")  # E: call-arg
Due(dt.date(2026, 1, 1)).day = dt.date(2026, 1, 2)  # E: misc
wrong: Status = "official"  # E: assignment
"""


@pytest.mark.skipif(importlib.util.find_spec("mypy") is None, reason="mypy is not installed")
def test_mypy_reads_the_value_constructors_and_the_words(tmp_path) -> None:
    """dataclass_transform gives each Value its typed constructor; the words are enums."""
    (tmp_path / "snippet.py").write_text(SNIPPET, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", f"--cache-dir={os.devnull}", "snippet.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "MYPYPATH": str(ROOT / "src")},
    )
    expected = {
        (number, line.split("# E: ")[1])
        for number, line in enumerate(SNIPPET.splitlines(), 1)
        if "# E: " in line
    }
    found = {
        (int(line.split(":")[1]), line.rsplit("[", 1)[1].rstrip("]"))
        for line in result.stdout.splitlines()
        if ": error: " in line
    }
    assert found == expected, result.stdout


class _Due(Value):
    day: int
    passed: bool | None = None
    also: tuple[int, ...] = ()


class _Finding(Value, kw_only=True):
    code: str
    line: int | None = None
    message: str


def test_declared_fields_in_order_with_defaults() -> None:
    assert _Due.__slots__ == ("day", "passed", "also")
    assert _Due(1) == _Due(day=1) == _Due(1, None, ())
    assert repr(_Due(1, True)) == "_Due(day=1, passed=True, also=())"
    assert pickle.loads(pickle.dumps(_Due(1, also=(2,)))) == _Due(1, None, (2,))
    assert _Due(1).replace(passed=False) == _Due(1, False)


def test_keyword_only_values() -> None:
    found = _Finding(code="ESC001", message="m")
    assert found.line is None
    assert pickle.loads(pickle.dumps(found)) == found
    with pytest.raises(TypeError, match="by keyword"):
        _Finding("ESC001", message="m")
    with pytest.raises(TypeError, match="missing 'message'"):
        _Finding(code="ESC001")


def test_a_required_field_after_a_default_is_refused() -> None:
    with pytest.raises(TypeError, match="'message' has no default"):

        class Finding(Value):
            line: int | None = None
            message: str
