"""Shared fixtures: every test runs with its own empty user folder and a fixed clock."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "escalate" / "data"
# 2026-11-25 (a Wednesday) at 10:00 in São Paulo: business hours.
NOW = "2026-11-25T10:00:00-03:00"


# --- the translations: the .mo the build makes, made fresh for a checkout --------------------


def pytest_configure(config: pytest.Config) -> None:
    """Compile each .po that is newer than its .mo, once, before the xdist workers start
    (the build does it for an installed package: hatch_build.py)."""
    if hasattr(config, "workerinput"):
        return
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po in (ROOT / "src" / "escalate" / "locale").glob("*/LC_MESSAGES/*.po"):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime_ns >= po.stat().st_mtime_ns:
            continue
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=po.parent.parent.name)
        part = mo.with_suffix(f".{os.getpid()}.part")
        with part.open("wb") as fh:
            write_mo(fh, catalog, use_fuzzy=False)
        part.replace(mo)


# --- the shipped catalogue and rules, loaded once for the session -----------------------------


@pytest.fixture(scope="session")
def cat() -> Any:
    from escalate.catalog import store as catalog

    return catalog.load(shipped=DATA, user_companies=None, cache_file=None)


@pytest.fixture(scope="session")
def rules(cat: Any) -> Any:
    from escalate.advice import advisor

    return advisor.rules_from(cat)


def company(cat: Any, name: str) -> Any:
    """A shipped record by any of its names."""
    return cat.record(cat.resolve(name)[0].id)


@pytest.fixture(scope="session")
def shipped_cache(tmp_path_factory: pytest.TempPathFactory) -> bytes | None:
    """The catalogue cache of the shipped records, as the program writes it: built once per
    session (per xdist worker) instead of once per test, which cost about 0.1 s a test."""
    from escalate.catalog import store as catalog

    home = tmp_path_factory.mktemp("warm")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ESCALATE_HOME", str(home))
        catalog.default()
    path = home / "cache" / "catalog.pickle"
    return path.read_bytes() if path.is_file() else None


def warm(home: Path, cache: bytes | None) -> None:
    """Give ``home`` the catalogue cache that a first run of the program leaves there."""
    if cache is not None:
        (home / "cache").mkdir(parents=True, mode=0o700)
        (home / "cache" / "catalog.pickle").write_bytes(cache)
        (home / "cache" / "catalog.pickle").chmod(0o600)


@pytest.fixture(autouse=True)
def isolated(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    shipped_cache: bytes | None,
) -> Path:
    """A fresh ESCALATE_HOME, a fixed clock and a neutral locale for every test.

    A test that asks for ``home`` (or ``user_companies``) works on the folder itself and gets it
    as it was: ``tmp_path / "home"``, not there yet. Any other test runs in a home of its own
    (outside its tmp_path, which stays empty) that holds the shipped catalogue's cache, as after
    a first run, so that it does not pay for parsing and validating every shipped file.
    """
    if "home" in request.fixturenames or shipped_cache is None:
        home = tmp_path / "home"
    else:
        home = tmp_path_factory.mktemp("home")
        warm(home, shipped_cache)
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

# Wrappers for subprocess.Popen that set up the process and then exec the command: a process of
# their own rather than a preexec_fn, since running Python between fork and exec is not safe in
# a process with threads, such as a pytest-xdist worker.
_EXEC = "os.execvp(sys.argv[1], sys.argv[1:])"
# SIGINT at its default, as a command started from an interactive shell has it, whatever the test
# run's: a background job of a non-interactive shell (`pytest &`) ignores SIGINT, its children
# inherit that, and Python does not turn an ignored SIGINT into KeyboardInterrupt.
_SIGINT_DEFAULT = "signal.signal(signal.SIGINT, signal.SIG_DFL)"
WITH_SIGINT = [
    sys.executable,
    "-I",
    "-S",
    "-c",
    f"import os, signal, sys; {_SIGINT_DEFAULT}; {_EXEC}",
]
# The same, with the terminal on standard input made the controlling terminal, so that a typed
# Ctrl-C sends SIGINT; for Popen(..., start_new_session=True).
IN_TERMINAL = [
    sys.executable,
    "-I",
    "-S",
    "-c",
    "import fcntl, os, signal, sys, termios; "
    f"{_SIGINT_DEFAULT}; fcntl.ioctl(0, termios.TIOCSCTTY, 0); {_EXEC}",
]


# --- the installed program -------------------------------------------------------------------


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built wheel, installed in a fresh virtual environment: its folder (bin/escalate).

    This is what a person gets from `pip install`: the console script, the data packaged inside
    the wheel, and nothing from this checkout. The wheel's dependencies are borrowed from the
    test environment through a .pth file, so no network is needed. Built once per session and
    shared by test_installed.py and test_hostile.py.
    """
    base = tmp_path_factory.mktemp("wheel")
    wheels = base / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next(wheels.glob("escalate-*.whl"))
    env_dir = base / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--quiet",
            str(wheel),
        ]
        if _pip_has_python_option()
        else [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--quiet",
            "--target",
            site,
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    # Only now borrow the dependencies (typer, pydantic …) from the environment running the
    # tests: before the install, pip would find the tested environment's own escalate there
    # and skip installing the wheel. This venv's site-packages comes first on sys.path.
    Path(site, "_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    script = env_dir / "bin" / "escalate"
    if not script.exists():  # pip --target does not write console scripts
        script.write_text(
            f"#!{python}\nimport sys\nfrom escalate.cli.main import app\nsys.exit(app())\n"
        )
        script.chmod(0o755)
    return env_dir


def _pip_has_python_option() -> bool:
    out = subprocess.run([sys.executable, "-m", "pip", "--version"], capture_output=True, text=True)
    major, minor = (int(x) for x in out.stdout.split()[1].split(".")[:2])
    return (major, minor) >= (22, 3)
