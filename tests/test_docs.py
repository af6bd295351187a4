"""The README tells the truth: its quick start is what CI runs, every command is documented."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from escalate.cli.main import app

README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def _quick_start() -> list[str]:
    section = README.split("## Quick start", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block, "the quick start has a shell block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_quick_start_is_two_commands_install_and_run_then_install_and_test() -> None:
    first, second = _quick_start()
    assert "pip install ." in first and first.endswith("escalate lookup elektro")
    assert "pip install '.[test]'" in second and second.endswith("python -m pytest")


@pytest.mark.parametrize("line", _quick_start())
def test_ci_runs_the_quick_start_verbatim(line: str) -> None:
    assert line in CI.splitlines()


def _commands() -> list[str]:
    from typer.main import get_command

    return sorted(get_command(app).commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", _commands())
def test_every_command_is_in_the_readme_and_has_help(command: str) -> None:
    assert f"escalate {command}" in README
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "--json" in result.stdout or command not in ("lookup", "companies")


def test_changelog_has_an_unreleased_section() -> None:
    assert "## [Unreleased]" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


def test_the_readme_lists_the_companies_the_data_covers() -> None:
    """The list between the README's companies markers is the one the data gives (rewrite it
    with `python scripts/readme_companies.py`)."""
    import importlib.util

    path = ROOT / "scripts" / "readme_companies.py"
    spec = importlib.util.spec_from_file_location("readme_companies", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert module.section() in readme
    assert "| energy | Cemig | `cemig` | MG |" in module.table()
