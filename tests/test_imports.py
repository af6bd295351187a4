"""The core stays free of typer and rich; rich is not even loaded for piped output."""

from __future__ import annotations

import subprocess
import sys

from conftest import NOW, subprocess_env

CORE = [
    "escalate.models",
    "escalate.catalog",
    "escalate.lookup",
    "escalate.hours",
    "escalate.i18n",
    "escalate.paths",
    "escalate.errors",
    "escalate.yamlfile",
    "escalate.advisor",
    "escalate.interview",
    "escalate.checklists",
    "escalate.rules",
    "escalate.ladder",
    "escalate.problem_facts",
    "escalate.law",
    "escalate.checklist_items",
    "escalate.render_advice",
    "escalate.render_checklist",
    "escalate.value",
    "escalate.words",
    "escalate.validate",
    "escalate.journal",
    "escalate.casefile",
    "escalate.deadlines",
    "escalate.dossier",
    "escalate.cpf",
    "escalate.printable",
]


def _modules_after(code: str, home: str) -> set[str]:
    probe = code + "\nimport sys; print('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        env=subprocess_env(ESCALATE_HOME=home, ESCALATE_NOW=NOW),
    ).stdout
    return {line.split(".")[0] for line in out.splitlines()}


def test_core_imports_without_typer_or_rich(tmp_path) -> None:
    code = "\n".join(f"import {m}" for m in CORE)
    code += (
        "\nimport datetime as dt\nfrom escalate import catalog, lookup"
        "\nr = lookup.lookup(catalog.default(), 'claro', state=None,"
        " now=dt.datetime(2026, 11, 25, 13, tzinfo=dt.UTC))"
        "\nassert r.record.id == 'claro'"
        "\nfrom escalate import advisor"
        "\nrules = advisor.rules_from(catalog.default())"
        "\na = advisor.advise(advisor.Request(stage='sac-failed', today=dt.date(2026, 11, 25),"
        " problem='billing'), rules)"
        "\nassert a.step.id == 'ouvidoria'"
    )
    loaded = _modules_after(code, str(tmp_path))
    assert "typer" not in loaded
    assert "rich" not in loaded
    assert "click" not in loaded


def test_render_imports_no_typer(tmp_path) -> None:
    loaded = _modules_after("import escalate.render", str(tmp_path))
    assert "typer" not in loaded


def test_piped_lookup_loads_neither_rich_nor_yaml_once_cached(tmp_path) -> None:
    warm = (
        "from escalate.cli import app\n"
        "try:\n    app(['lookup', 'elektro'])\nexcept SystemExit:\n    pass"
    )
    _modules_after(warm, str(tmp_path))  # first run fills the cache
    loaded = _modules_after(warm, str(tmp_path))
    assert "rich" not in loaded
    assert "yaml" not in loaded


def test_other_commands_do_not_load_the_case_and_data_commands(tmp_path) -> None:
    probe = (
        "from escalate.cli import app\n"
        "try:\n    app(['lookup', 'elektro'])\nexcept SystemExit:\n    pass\n"
        "import sys; print('\\n'.join(sorted(sys.modules)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        env=subprocess_env(ESCALATE_HOME=str(tmp_path), ESCALATE_NOW=NOW),
    ).stdout
    loaded = set(out.splitlines())
    assert "escalate.cli" in loaded
    assert "escalate.cli_case" not in loaded and "escalate.cli_data" not in loaded
    assert "sqlite3" not in loaded
