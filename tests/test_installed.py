"""The built wheel, installed in a fresh virtual environment, run from another directory.

This is what a person gets from `pip install`: the console script, the data packaged inside
the wheel, and nothing from this checkout. The wheel's dependencies are borrowed from the test
environment through a .pth file, so the test needs no network. The `installed` fixture (one
build per session, shared with test_hostile.py) is in conftest.py.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import NOW, ROOT, subprocess_env


def _run(
    installed: Path, tmp_path: Path, *args: str, **env: str
) -> subprocess.CompletedProcess[str]:
    cwd = tmp_path / "elsewhere"
    cwd.mkdir(exist_ok=True)
    return subprocess.run(
        [str(installed / "bin" / "escalate"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=subprocess_env(ESCALATE_HOME=str(tmp_path / "home"), ESCALATE_NOW=NOW, **env),
        timeout=60,
    )


def test_installed_package_is_not_the_checkout(installed: Path, tmp_path: Path) -> None:
    out = subprocess.run(
        [
            str(installed / "bin" / "python"),
            "-c",
            "import escalate.paths as p; print(p.shipped_data_dir())",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
        env=subprocess_env(),
    ).stdout.strip()
    assert str(installed) in out
    assert not out.startswith(str(ROOT / "src"))


def test_installed_lookup_elektro(installed: Path, tmp_path: Path) -> None:
    result = _run(installed, tmp_path, "lookup", "elektro", "--lang", "en")
    assert result.returncode == 0, result.stderr
    for fact in (
        "0800 701 01 02",
        "0800 701 01 03",
        "0800 701 01 55",
        "0800 012 40 50",
        "CEP 13053-024",
        "(19) 2122-1385",
        "26530",
        "NOT confirmed",
        "Elektro Fácil",
        "Online chat",
    ):
        assert fact in result.stdout
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["lookup", "claro"], "10621"),
        (["lookup", "net"], "0800 701 0180"),
        (["lookup", "cemig"], "116"),
        (["lookup", "equatorial", "--state", "PA"], "(91) 3217-8200"),
        (["companies"], "equatorial"),
        (["--version"], "escalate 0.1.0"),
    ],
)
def test_installed_commands(
    installed: Path, tmp_path: Path, args: list[str], expected: str
) -> None:
    result = _run(installed, tmp_path, *args)
    assert result.returncode == 0, result.stderr
    assert expected in result.stdout


def test_installed_json_parses(installed: Path, tmp_path: Path) -> None:
    result = _run(installed, tmp_path, "lookup", "elektro", "--json")
    assert json.loads(result.stdout)["record"]["id"] == "elektro"


def test_installed_errors_have_exit_codes_and_no_traceback(installed: Path, tmp_path: Path) -> None:
    unknown = _run(installed, tmp_path, "lookup", "../../etc/passwd")
    assert unknown.returncode == 1
    assert unknown.stderr.startswith("escalate: error: unknown company")
    usage = _run(installed, tmp_path, "lookup", "elektro", "--nope")
    assert usage.returncode == 2
    assert "Traceback" not in unknown.stderr + usage.stderr


def test_installed_python_dash_m(installed: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [str(installed / "bin" / "python"), "-m", "escalate", "lookup", "aneel"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=subprocess_env(ESCALATE_HOME=str(tmp_path / "h"), ESCALATE_NOW=NOW),
    )
    assert result.returncode == 0, result.stderr
    assert "167" in result.stdout


def test_installed_works_without_network_modules(installed: Path, tmp_path: Path) -> None:
    """No socket is opened: run with the socket module made unusable."""
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(
        "import socket\n"
        "def _no(*a, **k):\n    raise OSError('network used')\n"
        "socket.socket = _no\nsocket.create_connection = _no\nsocket.getaddrinfo = _no\n"
    )
    result = _run(installed, tmp_path, "lookup", "claro", PYTHONPATH=str(guard))
    assert result.returncode == 0, result.stderr
    assert "0800 701 0180" in result.stdout
