"""The core stays free of typer and rich; rich is not even loaded for piped output."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import NOW, ROOT, subprocess_env

CORE = [
    "escalate.records.models",
    "escalate.catalog.store",
    "escalate.advice.lookup",
    "escalate.records.hours",
    "escalate.i18n",
    "escalate.paths",
    "escalate.errors",
    "escalate.catalog.yamlfile",
    "escalate.advice.advisor",
    "escalate.advice.interview",
    "escalate.advice.checklists",
    "escalate.records.rules",
    "escalate.records.ladder",
    "escalate.records.problem_facts",
    "escalate.records.law",
    "escalate.records.checklist_items",
    "escalate.output.advice",
    "escalate.output.checklist",
    "escalate.records.value",
    "escalate.records.words",
    "escalate.catalog.validate",
    "escalate.cases.journal",
    "escalate.cases.casefile",
    "escalate.advice.deadlines",
    "escalate.output.dossier",
    "escalate.cases.cpf",
    "escalate.printable",
    "escalate.advice.clocks",
    "escalate.cases.backup",
    "escalate.cases.limits",
    "escalate.files",
    "escalate.output.letters",
    "escalate.output.due",
    "escalate.output.html",
    "escalate.cases.reminders",
    "escalate.output.explain",
    "escalate.entry.checklists",
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
        "\nimport datetime as dt\nfrom escalate.catalog import store as catalog"
        "\nfrom escalate.advice import lookup"
        "\nr = lookup.lookup(catalog.default(), 'claro', state=None,"
        " now=dt.datetime(2026, 11, 25, 13, tzinfo=dt.UTC))"
        "\nassert r.record.id == 'claro'"
        "\nfrom escalate.advice import advisor"
        "\nrules = advisor.rules_from(catalog.default())"
        "\na = advisor.advise(advisor.Request(stage='sac-failed', today=dt.date(2026, 11, 25),"
        " problem='billing'), rules)"
        "\nassert a.step.id == 'ouvidoria'"
    )
    loaded = _modules_after(code, str(tmp_path))
    assert "typer" not in loaded
    assert "rich" not in loaded
    assert "click" not in loaded


def test_the_core_reads_the_cache_without_pydantic(tmp_path) -> None:
    """Records are plain typed objects at run time: pydantic validates a file only when the
    cache is built (or `data validate` runs), never on a run that reads the cache."""
    code = (
        "import datetime as dt\nfrom escalate.catalog import store as catalog"
        "\nfrom escalate.entry import advise_for"
        "\nfrom escalate.advice import advisor, lookup"
        "\ncat = catalog.default()"
        "\nr = lookup.lookup(cat, 'equatorial-para', state=None,"
        " now=dt.datetime(2026, 11, 25, 13, tzinfo=dt.UTC))"
        "\nnow = dt.datetime(2026, 11, 25, 13, tzinfo=dt.UTC)"
        "\nresult = advise_for(catalog=cat, rules=advisor.rules_from(cat),"
        " today=now.date(), now_at=lambda record, unit: now, company='cemig',"
        " stage='sac-failed', problem='billing')"
        "\nassert result.advice.step.id == 'ouvidoria', result.advice.step.id"
    )
    first = _modules_after(code, str(tmp_path))  # builds the cache: validates every file
    assert "pydantic" in first
    loaded = _modules_after(code, str(tmp_path))
    assert "pydantic" not in loaded and "pydantic_core" not in loaded
    assert "yaml" not in loaded


def test_render_imports_no_typer(tmp_path) -> None:
    loaded = _modules_after("import escalate.output.terminal", str(tmp_path))
    assert "typer" not in loaded


def test_piped_lookup_loads_neither_rich_nor_yaml_once_cached(tmp_path) -> None:
    warm = (
        "from escalate.cli.main import app\n"
        "try:\n    app(['lookup', 'elektro'])\nexcept SystemExit:\n    pass"
    )
    _modules_after(warm, str(tmp_path))  # first run fills the cache
    loaded = _modules_after(warm, str(tmp_path))
    assert "rich" not in loaded
    assert "yaml" not in loaded


def test_other_commands_do_not_load_the_case_and_data_commands(tmp_path) -> None:
    probe = (
        "from escalate.cli.main import app\n"
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
    assert "escalate.cli.main" in loaded
    assert "escalate.cli.case" not in loaded and "escalate.cli.data" not in loaded
    assert "sqlite3" not in loaded


# Who may import what, read from the source (every import, also the lazy ones in functions):
# the layers from the bottom up. A package may import its own layer and those below it; the two
# fronts, the command line and the web pages, sit side by side on top: the command line starts
# the web server, the web never imports the command line.
LAYERS = ["records", "catalog", "advice", "cases", "entry", "output", "cli"]
FRONTS = {"cli", "web"}
BASE = {"clock", "errors", "files", "i18n", "paths", "printable", "__init__", "__main__"}


def _imports(path: Path, *, run_time: bool = False) -> set[str]:
    """Every module ``path`` imports, lazy ones too; with ``run_time``, not those imported
    only for type checkers (``if TYPE_CHECKING:``)."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    if run_time:
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
                node.body = [ast.Pass()]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


def test_each_layer_imports_only_itself_and_the_layers_below() -> None:
    package = ROOT / "src" / "escalate"
    wrong = []
    for path in sorted(package.rglob("*.py")):
        layer = path.relative_to(package).parts[0]
        if layer in FRONTS:  # `escalate web` starts the web front; the web never needs the cli
            allowed = {*LAYERS[: LAYERS.index("output") + 1], layer} | (
                {"web"} if layer == "cli" else set()
            )
        elif layer in LAYERS:
            allowed = set(LAYERS[: LAYERS.index(layer) + 1])
        else:
            continue
        for name in _imports(path):
            parts = name.split(".")
            if parts[0] != "escalate" or len(parts) < 2 or parts[1] in BASE:
                continue
            if parts[1] == "__version__":
                continue
            if parts[1] not in allowed:
                wrong.append(f"{path.relative_to(package)} imports {name}")
    assert wrong == []


def test_one_place_owns_each_library() -> None:
    """rich: the terminal; jinja2: the HTML pages; pydantic: the records' schema and the two
    places that turn its errors into findings; typer: the command line."""
    package = ROOT / "src" / "escalate"
    users: dict[str, set[str]] = {"rich": set(), "jinja2": set(), "pydantic": set()}
    typer_users = set()
    for path in package.rglob("*.py"):
        names = {n.split(".")[0] for n in _imports(path, run_time=True)}
        where = str(path.relative_to(package))
        for library, found in users.items():
            if library in names:
                found.add(where)
        if "typer" in names or "click" in names:
            typer_users.add(where)
    assert users["rich"] == {"output/terminal.py"}
    assert users["jinja2"] == {"output/html.py"}
    # The records name pydantic's Field only for type checkers, never at run time.
    assert users["pydantic"] == {"records/schema.py", "catalog/store.py", "catalog/validate.py"}
    assert typer_users and all(p.startswith("cli/") for p in typer_users)


def test_the_shared_helpers_and_the_commands_never_import_the_app() -> None:
    cli = ROOT / "src" / "escalate" / "cli"
    for path in sorted(cli.glob("*.py")):
        if path.name in ("main.py", "__init__.py"):
            continue
        imported = _imports(path)
        assert "escalate.cli.main" not in imported, path.name
        assert "escalate.cli" not in imported, path.name  # the package re-exports the app
