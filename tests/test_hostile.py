"""Hostile input, end to end, on the installed program.

Every case runs in a sandbox: an empty working folder, a fresh ESCALATE_HOME, its own HOME and
TMPDIR, and the clock fixed. Where the process itself is the point (exit status, closed or cut
streams, terminals, signals, encodings, permissions, a hang) the case runs the console script of
the wheel that the session fixture ``installed`` (conftest.py) built and installed, as a
subprocess. The rest of the matrix runs in-process through typer's CliRunner, with the same
sandbox and the same checks, and a representative few of it run on the installed program too
(the ``-installed`` ids). Every run checks:

- the documented exit code (README: 0 ok, 1 domain error, 2 usage, 130 interrupted);
- stderr: one error line (the message, plus at most one ``  hint:`` line), or one warning line
  per broken user file; never a traceback, never the catch-all "unexpected error" that a bug
  turns into, never a raw control character from the input;
- that nothing outside ESCALATE_HOME was written (HOME, TMPDIR and the working folder are in
  the sandbox and compared before and after), and that every file the case put in
  ESCALATE_HOME (user records, a journal, a file where the folder should be) is left byte for
  byte as it was.

Permission cases (chmod 000) need a user that permissions apply to: as root they run with
root's power over permissions dropped (``setpriv``), and are skipped where that is not possible.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import json
import os
import pty
import random
import re
import select
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Collection, Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from typer.testing import CliRunner

from conftest import IN_TERMINAL, NOW, WITH_SIGINT, subprocess_env, warm
from escalate.cli.main import app

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX shells, signals and ttys")

TIMEOUT = 60  # bounds a hang only (a run takes under a second, a few on a busy machine)

INSTALLED = "installed"
IN_PROCESS = "in-process"

ELEKTRO_PHONE = "0800 701 01 02"  # lookup elektro
ELEKTRO_OUVIDORIA = "0800 012 40 50"  # advise --stage sac-failed --company elektro
PROCON_ITEM = "CPF"  # checklist procon

LOOKUP = ("lookup", "elektro")
ADVISE = ("advise", "--stage", "sac-failed", "--company", "elektro")
CHECKLIST = ("checklist", "procon")
USEFUL = [
    pytest.param(LOOKUP, ELEKTRO_PHONE, id="lookup"),
    pytest.param(ADVISE, ELEKTRO_OUVIDORIA, id="advise"),
    pytest.param(CHECKLIST, PROCON_ITEM, id="checklist"),
]

# A user record that loads and validates cleanly (checked by a test below), so that each broken
# variant has exactly the one problem it plants.
MINIMAL = """\
id: minha-empresa
name: Minha Empresa
sector: telecom
regulator: anatel
verified_on: 2026-11-25
channels:
  - id: sac
    kind: sac
    label: {pt: SAC, en: SAC}
    contact: {phone: "0800 701 0180"}
    status: reported
    sources: [claro-ouvidoria-page]
"""

# Variables of the outer environment that would change what the program does or where it writes.
_SCRUBBED = (
    "HOME",
    "TMPDIR",
    "TMP",
    "TEMP",
    "XDG_DATA_HOME",
    "XDG_CACHE_HOME",
    "XDG_CONFIG_HOME",
    "XDG_STATE_HOME",
    "NO_COLOR",
    "FORCE_COLOR",
    "CLICOLOR",
    "CLICOLOR_FORCE",
    "COLUMNS",
    "LINES",
    "TERM",
    "PYTHONPATH",
    "PYTHONHOME",
    "PYTHONSTARTUP",
    "PYTHONIOENCODING",
    "PYTHONUTF8",
    "PYTHONWARNINGS",
    "PYTHONDEVMODE",
    "PYTHONINSPECT",
)


# --- the sandbox ----------------------------------------------------------------------------


class Run(NamedTuple):
    code: int
    out: str
    err: str


Signature = tuple[Any, ...]


class Sandbox:
    """A folder holding everything a run may touch: cwd, HOME, TMPDIR and ESCALATE_HOME.

    Runs the installed program (``script``) as a subprocess.
    """

    def __init__(self, root: Path, script: Path | None) -> None:
        self.root = root
        self.script = script
        self.cwd = root / "cwd"
        self.userhome = root / "userhome"
        self.tmp = root / "tmp"
        for folder in (self.cwd, self.userhome, self.tmp):
            folder.mkdir(parents=True)
        self.home = root / "home"  # ESCALATE_HOME; the program creates it
        self.prefix: list[str] = []  # e.g. setpriv, to run without root's powers
        self._planted: dict[Path, Signature] | None = None
        self._own: set[Path] = set()  # what the sandbox put in ESCALATE_HOME for the program

    @property
    def companies(self) -> Path:
        return self.home / "companies"

    @property
    def journal(self) -> Path:
        return self.home / "journal.sqlite3"

    def user_folder(self) -> Path:
        self.companies.mkdir(parents=True, exist_ok=True)
        return self.companies

    def env(self, extra: dict[str, str | None] | None = None) -> dict[str, str]:
        env = subprocess_env()
        for name in _SCRUBBED:
            env.pop(name, None)
        for name in [k for k in env if k.endswith("_COMPLETE")]:
            env.pop(name)  # would turn the run into shell completion
        env.update(
            ESCALATE_HOME=str(self.home),
            ESCALATE_NOW=NOW,
            HOME=str(self.userhome),
            TMPDIR=str(self.tmp),
        )
        for name, value in (extra or {}).items():
            if value is None:
                env.pop(name, None)
            else:
                env[name] = value
        return env

    def command(self, args: tuple[Any, ...], shell: str | None = None) -> list[Any]:
        if shell is None:
            return [*self.prefix, str(self.script), *args]
        return [*self.prefix, "sh", "-c", shell, str(self.script), *args]

    def run(
        self,
        *args: Any,
        env: dict[str, str | None] | None = None,
        stdin: Any = subprocess.DEVNULL,
        input: bytes | None = None,
        shell: str | None = None,
        timeout: float = TIMEOUT,
    ) -> Run:
        """Run the installed escalate; check that it wrote nothing it should not have."""
        before = self.snapshot()
        proc = subprocess.run(
            self.command(args, shell),
            cwd=self.cwd,
            stdin=None if input is not None else stdin,
            input=input,
            capture_output=True,
            env=self.env(env),
            timeout=timeout,
        )
        self.assert_untouched(before)
        return Run(
            proc.returncode,
            proc.stdout.decode("utf-8", "replace"),
            proc.stderr.decode("utf-8", "replace"),
        )

    # What a run may write: anything new inside ESCALATE_HOME, and the folders on the way to a
    # home that did not exist. Everything else in the sandbox must stay as it was, and so must
    # what the test planted in ESCALATE_HOME before the first run (the program's own files,
    # such as a journal it created, may change).

    def snapshot(self) -> dict[Path, Signature]:
        """Everything outside ESCALATE_HOME; the first call also records what was planted."""
        outside, inside = self._scan()
        if self._planted is None:
            self._planted = {path: sig for path, sig in inside.items() if path not in self._own}
        return outside

    def assert_untouched(self, outside_before: dict[Path, Signature]) -> None:
        outside_after, inside_after = self._scan()
        way_home = set(self.home.parents)
        written = sorted(
            str(path)
            for path in outside_before.keys() | outside_after.keys()
            if outside_before.get(path) != outside_after.get(path)
            and not (
                path not in outside_before and path in way_home and outside_after[path][0] == "dir"
            )
        )
        assert not written, f"written outside ESCALATE_HOME: {written}"
        changed = sorted(
            str(path)
            for path, sig in (self._planted or {}).items()
            if inside_after.get(path) != sig
        )
        assert not changed, f"user files changed or removed: {changed}"

    def _scan(self) -> tuple[dict[Path, Signature], dict[Path, Signature]]:
        outside: dict[Path, Signature] = {}
        inside: dict[Path, Signature] = {}
        for path in _walk(self.root):
            if path == self.home or self.home in path.parents:
                sig = _signature(path)
                inside[path] = sig[:1] if sig[0] == "dir" else sig  # a folder: that it exists
            else:
                outside[path] = _signature(path)
        return outside, inside


def _walk(root: Path) -> Iterator[Path]:
    yield root
    try:
        entries = list(os.scandir(root))
    except OSError:
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(path)
        else:
            yield path


def _signature(path: Path) -> Signature:
    st = os.lstat(path)
    mode = stat.S_IMODE(st.st_mode)
    if stat.S_ISLNK(st.st_mode):
        return ("link", os.readlink(path))
    if stat.S_ISDIR(st.st_mode):
        return ("dir", mode)
    if stat.S_ISREG(st.st_mode):
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            digest = None
        return ("file", mode, st.st_size, digest)
    return ("other", stat.S_IFMT(st.st_mode), mode)


def _restore_permissions(path: Path) -> None:
    """Let pytest delete what a permission case locked."""
    if path.is_symlink() or not path.is_dir():
        return
    path.chmod(0o755)
    for child in path.iterdir():
        _restore_permissions(child)


_runner = CliRunner()


class _Hang(Exception):
    pass


def _hang(signum: int, frame: Any) -> None:
    raise _Hang


class InProcess(Sandbox):
    """The same sandbox and checks, with escalate run in this process through CliRunner.

    For the cases where the process is not the point: the arguments, the environment and the
    files are the same; standard input is empty and not a terminal, as from /dev/null.
    ESCALATE_HOME starts as an earlier run leaves it, with the shipped catalogue's cache (the
    program's own file, which it may rewrite), so that each run does not rebuild the catalogue;
    the installed program starts without one.
    """

    def __init__(self, root: Path, cache: bytes | None) -> None:
        super().__init__(root, None)
        warm(self.home, cache)
        self._own = {self.home, *self.home.rglob("*")}

    def command(self, args: tuple[Any, ...], shell: str | None = None) -> list[Any]:
        raise AssertionError("a case about the process runs on the installed program")

    def run(
        self,
        *args: Any,
        env: dict[str, str | None] | None = None,
        stdin: Any = subprocess.DEVNULL,
        input: bytes | None = None,
        shell: str | None = None,
        timeout: float = TIMEOUT,
    ) -> Run:
        assert stdin is subprocess.DEVNULL and shell is None and not self.prefix, (
            "a case about the process runs on the installed program"
        )
        before = self.snapshot()
        wanted = self.env(env)
        overrides: dict[str, str | None] = {k: None for k in os.environ if k not in wanted}
        overrides.update(wanted)
        cwd, tmp = os.getcwd(), tempfile.tempdir
        previous = signal.signal(signal.SIGALRM, _hang)
        signal.setitimer(signal.ITIMER_REAL, timeout)  # a hang fails the case, as a timeout
        try:
            os.chdir(self.cwd)
            tempfile.tempdir = None  # TMPDIR is read again
            result = _runner.invoke(
                app,
                [os.fsdecode(a) if isinstance(a, bytes) else str(a) for a in args],
                input=input,
                env=overrides,
                prog_name="escalate",
            )
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
            os.chdir(cwd)
            tempfile.tempdir = tmp
        if isinstance(result.exception, _Hang):
            raise AssertionError(f"escalate {args!r} still runs after {timeout} s")
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception  # a traceback, had it been the installed program
        run = Run(result.exit_code, result.stdout, result.stderr)
        del result
        if any(self.home.glob("*-wal")):
            # A journal still open: the end of the process would close it (and fold its -wal
            # back in) before anything else could look; here, collecting the garbage does.
            gc.collect()
        self.assert_untouched(before)
        return run


@pytest.fixture
def where() -> str:
    """Where a case runs: the installed program, unless its parameters say otherwise."""
    return INSTALLED


@pytest.fixture
def sandbox(
    where: str, tmp_path: Path, request: pytest.FixtureRequest, shipped_cache: bytes | None
) -> Iterator[Sandbox]:
    if where == INSTALLED:
        installed: Path = request.getfixturevalue("installed")
        box = Sandbox(tmp_path / "sandbox", installed / "bin" / "escalate")
    else:
        box = InProcess(tmp_path / "sandbox", shipped_cache)
    yield box
    _restore_permissions(box.root)


def matrix(
    params: list[Any], installed: Collection[str] = (), only_installed: Collection[str] = ()
) -> list[Any]:
    """Each case of ``params`` in-process, and those named on the installed program as well (or
    only there); the parameters gain a last value, ``where``, which the ``sandbox`` reads."""
    cases = []
    for p in params:
        if p.id not in only_installed:
            cases.append(pytest.param(*p.values, IN_PROCESS, marks=p.marks, id=p.id))
        if p.id in installed or p.id in only_installed:
            cases.append(pytest.param(*p.values, INSTALLED, marks=p.marks, id=f"{p.id}-installed"))
    unknown = (set(installed) | set(only_installed)) - {p.id for p in params}
    assert not unknown, f"no such case: {unknown}"
    return cases


@functools.cache
def _unprivileged_prefix() -> tuple[str, ...] | None:
    """How to run a command so that file permissions apply to it; None if impossible here."""
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    prefix = (setpriv, "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search")
    with tempfile.TemporaryDirectory() as folder:
        secret = Path(folder, "secret")
        secret.write_text("x")
        secret.chmod(0)
        try:
            probe = subprocess.run([*prefix, "cat", str(secret)], capture_output=True, timeout=10)
        except OSError:
            return None
    return prefix if probe.returncode != 0 else None


def drop_root_powers(box: Sandbox) -> None:
    assert box.script is not None, "a permission case runs on the installed program"
    prefix = _unprivileged_prefix()
    if prefix is None:
        pytest.skip("running as root, and root's power over permissions cannot be dropped here")
    box.prefix = list(prefix)


# --- what every run must look like -----------------------------------------------------------


def assert_no_crash(run: Run) -> None:
    assert "Traceback" not in run.err + run.out, run.err
    # The catch-all turns a bug into one line; it is still a bug, not a message for people.
    assert "unexpected error" not in run.err, run.err


def assert_plain(text: str) -> None:
    bad = sorted(
        {repr(ch) for ch in text if ch != "\n" and unicodedata.category(ch) in ("Cc", "Cf")}
    )
    assert not bad, f"control characters from the input reach the terminal: {bad}"


def assert_ok(run: Run, marker: str) -> None:
    assert run.code == 0, run.err
    assert_no_crash(run)
    assert marker in run.out
    assert run.err == ""


def assert_error(run: Run, code: int, says: str | None = None) -> None:
    """The documented code; one line `escalate: error: …`, maybe one `  hint: …` line."""
    assert run.code == code, (run.code, run.err)
    assert_no_crash(run)
    assert run.out == ""
    lines = run.err.splitlines()
    assert lines, "no message on stderr"
    assert lines[0].startswith("escalate: error: "), run.err
    assert len(lines) <= 2, f"more than one error line:\n{run.err}"
    if len(lines) == 2:
        assert lines[1].startswith("  hint: "), run.err
    assert all(len(line) <= 300 for line in lines), "the error line repeats too much input"
    assert_plain(run.err)
    if says is not None:
        assert says in run.err


def assert_warnings(run: Run, names: list[str]) -> None:
    """Exactly one `escalate: warning:` line per broken thing, each naming it."""
    assert_no_crash(run)
    lines = run.err.splitlines()
    assert len(lines) == len(names), f"expected {len(names)} warning line(s):\n{run.err}"
    assert all(line.startswith("escalate: warning: ") for line in lines), run.err
    for name in names:
        assert sum(name in line for line in lines) == 1, f"{name!r} not named once:\n{run.err}"
    assert_plain(run.err)


# --- hostile names and ids -------------------------------------------------------------------

UNKNOWN_NAMES = [
    pytest.param("nosuchco", id="unknown"),
    pytest.param("", id="empty"),
    pytest.param("x" * 10_000, id="10000-chars"),
    pytest.param("../../etc/passwd", id="path-traversal"),
    pytest.param("/etc/passwd", id="absolute-path"),
    pytest.param("😀", id="emoji"),
    pytest.param("\x1b[31m", id="ansi-escape"),
    pytest.param("\x1b]0;owned\x07", id="osc-title-sequence"),
    pytest.param("إلكترو", id="rtl-arabic"),
    pytest.param("\u202enosuchco", id="rtl-override-mark"),
    pytest.param("nosuch\nescalate: error: forged", id="newline"),
    pytest.param(b"caf\xe9", id="non-utf8-bytes"),
    pytest.param("-", id="lone-dash"),
]


@pytest.mark.parametrize(
    ("name", "where"),
    matrix(UNKNOWN_NAMES, installed=("unknown", "ansi-escape", "newline", "non-utf8-bytes")),
)
def test_lookup_unknown_name_is_one_line_and_exit_1(sandbox: Sandbox, name: Any) -> None:
    run = sandbox.run("lookup", name)
    assert_error(run, 1, says="unknown company")
    assert "\n  hint: " in run.err  # the closest names, or where to see them all
    assert "root:" not in run.err  # a company id is only ever a name, never a file


@pytest.mark.parametrize("where", [IN_PROCESS])
def test_lookup_near_miss_suggests_the_closest_name(sandbox: Sandbox) -> None:
    assert_error(sandbox.run("lookup", "elektr0"), 1, says="did you mean: elektro")


@pytest.mark.parametrize(("name", "where"), matrix(UNKNOWN_NAMES, installed=("10000-chars",)))
def test_checklist_unknown_channel_is_one_line_and_exit_1(sandbox: Sandbox, name: Any) -> None:
    run = sandbox.run("checklist", name)
    assert_error(run, 1, says="unknown channel")
    assert "\n  hint: " in run.err


@pytest.mark.parametrize(("name", "where"), matrix(UNKNOWN_NAMES, installed=("emoji",)))
def test_advise_unknown_company_is_one_line_and_exit_1(sandbox: Sandbox, name: Any) -> None:
    run = sandbox.run("advise", "--stage", "sac-failed", "--company", name)
    assert_error(run, 1, says="unknown company")


@pytest.mark.parametrize(
    ("name", "where"),
    matrix(
        [p for p in UNKNOWN_NAMES if p.id in ("unknown", "empty", "10000-chars", "ansi-escape")]
    ),
)
def test_checklist_unknown_company_is_one_line_and_exit_1(sandbox: Sandbox, name: Any) -> None:
    run = sandbox.run("checklist", "procon", "--company", name)
    assert_error(run, 1, says="unknown company")


@pytest.mark.parametrize(
    ("args", "marker", "where"),
    matrix(
        [
            pytest.param(("lookup", "élektro"), ELEKTRO_PHONE, id="lookup-accented"),
            pytest.param(("lookup", "ÉLEKTRO"), ELEKTRO_PHONE, id="lookup-accented-capitals"),
            pytest.param(("lookup", "  elektro  "), ELEKTRO_PHONE, id="lookup-padded"),
            pytest.param(("lookup", "Neoenergia Elektro"), ELEKTRO_PHONE, id="lookup-full-name"),
            pytest.param(("lookup", "\u202eelektro"), ELEKTRO_PHONE, id="lookup-rtl-override-mark"),
            pytest.param(
                ("advise", "--stage", "sac-failed", "--company", "élektro"),
                ELEKTRO_OUVIDORIA,
                id="advise-accented",
            ),
            pytest.param(("checklist", "PROCÓN"), PROCON_ITEM, id="checklist-accented-capitals"),
            pytest.param(
                ("checklist", "procon", "--company", "ÉLEKTRO"), PROCON_ITEM, id="checklist-company"
            ),
        ],
        installed=("lookup-accented-capitals",),
    ),
)
def test_names_with_accents_case_and_spaces_still_resolve(
    sandbox: Sandbox, args: tuple[str, ...], marker: str
) -> None:
    assert_ok(sandbox.run(*args), marker)


@pytest.mark.parametrize(
    ("args", "code", "says", "where"),
    matrix(
        [
            pytest.param(("lookup", "-x"), 2, "no such option", id="lookup-dash-x"),
            pytest.param(
                ("lookup", "--elektro"), 2, "no such option", id="lookup-double-dash-word"
            ),
            pytest.param(("checklist", "-x"), 2, "no such option", id="checklist-dash-x"),
            pytest.param(("case", "show", "-1"), 2, "no such option", id="case-show-minus-one"),
            # after --, or as the value of an option, a leading dash is just a (wrong) name
            pytest.param(
                ("lookup", "--", "-x"), 1, "unknown company", id="lookup-after-double-dash"
            ),
            pytest.param(
                ("advise", "--stage", "sac-failed", "--company", "-x"),
                1,
                "unknown company",
                id="advise-company-dash-x",
            ),
        ],
        installed=("lookup-dash-x", "lookup-after-double-dash"),
    ),
)
def test_leading_dash(sandbox: Sandbox, args: tuple[str, ...], code: int, says: str) -> None:
    assert_error(sandbox.run(*args), code, says=says)


@pytest.mark.parametrize(
    ("case_id", "code", "where"),
    matrix(
        [
            pytest.param("abc", 2, id="word"),
            pytest.param("", 2, id="empty"),
            pytest.param("1.5", 2, id="decimal"),
            pytest.param("1e3", 2, id="exponent"),
            pytest.param("x" * 10_000, 2, id="10000-chars"),
            pytest.param("../../etc/passwd", 2, id="path-traversal"),
            pytest.param("😀", 2, id="emoji"),
            pytest.param("\x1b[31m", 2, id="ansi-escape"),
            pytest.param("0", 1, id="zero"),
            pytest.param("99", 1, id="no-such-case"),
            pytest.param("9" * 30, 1, id="beyond-64-bits"),
        ],
        installed=("word", "beyond-64-bits"),
    ),
)
def test_case_show_hostile_id(sandbox: Sandbox, case_id: str, code: int) -> None:
    assert_error(sandbox.run("case", "show", case_id), code)


# --- broken files in the user folder ---------------------------------------------------------


class Broken(NamedTuple):
    make: Callable[[Path, Sandbox], Path]  # puts it in the companies folder; the path to name
    line: int | None = None  # the line `data validate` must give (None: no line to check)
    shown: str | None = None  # what the messages show when the name itself is hostile
    unprivileged: bool = False  # a permission case
    validate_folder: bool = False  # `data validate PATH` takes the folder, not the thing
    env: dict[str, str | None] | None = None
    process: bool = False  # about the process (a hang, its stack, its encoding): installed only


def _file(name: str | bytes, content: str | bytes) -> Callable[[Path, Sandbox], Path]:
    def make(folder: Path, box: Sandbox) -> Path:
        path = Path(os.fsdecode(os.path.join(os.fsencode(folder), os.fsencode(name))))
        data = content.encode("utf-8") if isinstance(content, str) else content
        with open(os.fsencode(path), "wb") as fh:
            fh.write(data)
        return path

    return make


def _billion_laughs() -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefghi", "bcdefghij", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]")
    return "\n".join(lines) + "\n"


def _directory(folder: Path, box: Sandbox) -> Path:
    (folder / "x.yaml").mkdir()
    return folder / "x.yaml"


def _fifo(folder: Path, box: Sandbox) -> Path:
    os.mkfifo(folder / "x.yaml")
    return folder / "x.yaml"


def _symlink_outside(folder: Path, box: Sandbox) -> Path:
    target = box.root / "outside.txt"
    target.write_text("root:x:0:0:root:/root:/bin/bash\n")
    (folder / "x.yaml").symlink_to(target)
    return folder / "x.yaml"


def _dangling(folder: Path, box: Sandbox) -> Path:
    (folder / "x.yaml").symlink_to(box.root / "nowhere.yaml")
    return folder / "x.yaml"


def _loop(folder: Path, box: Sandbox) -> Path:
    (folder / "x.yaml").symlink_to(folder / "x.yaml")
    return folder / "x.yaml"


def _same_id_twice(folder: Path, box: Sandbox) -> Path:
    (folder / "a.yaml").write_text(MINIMAL)
    (folder / "b.yaml").write_text(MINIMAL)
    return folder / "b.yaml"  # the second one is skipped


def _unreadable_file(folder: Path, box: Sandbox) -> Path:
    path = folder / "x.yaml"
    path.write_text(MINIMAL)
    path.chmod(0)
    return path


def _unreadable_folder(folder: Path, box: Sandbox) -> Path:
    (folder / "x.yaml").write_text(MINIMAL)
    folder.chmod(0)
    return folder


def _folder_is_a_file(folder: Path, box: Sandbox) -> Path:
    folder.rmdir()
    folder.write_text("companies: this is a file\n")
    return folder


BROKEN: dict[str, Broken] = {
    "tabs": Broken(
        _file(
            "x.yaml",
            "id: tabs\nname: Tabs\nsector: telecom\nverified_on: 2026-11-25\n"
            "channels:\n\t- id: sac\n",
        ),
        line=6,
    ),
    "duplicate-key": Broken(
        _file("x.yaml", "id: dup\nname: Dup\nsector: telecom\nname: Dup again\n"), line=4
    ),
    "alias-bomb": Broken(_file("x.yaml", _billion_laughs()), line=2, process=True),
    "merge-key-alias": Broken(
        _file("x.yaml", "base: &base {sector: telecom}\nid: merged\n<<: *base\n"), line=3
    ),
    "wrong-type": Broken(_file("x.yaml", MINIMAL.replace("Minha Empresa", "[1, 2]")), line=2),
    "unknown-key": Broken(_file("x.yaml", MINIMAL + "colour: blue\n"), line=13),
    "missing-required-fields": Broken(_file("x.yaml", "id: missing\n")),
    "syntax-error": Broken(_file("x.yaml", "id: x\nname: [unclosed\n")),
    "top-level-list": Broken(_file("x.yaml", "- id: x\n- name: y\n"), line=1),
    "top-level-scalar": Broken(_file("x.yaml", "just some words\n"), line=1),
    "empty-file": Broken(_file("x.yaml", "")),
    "only-comments": Broken(_file("x.yaml", "# nothing here yet\n")),
    "deep-nesting": Broken(
        _file("x.yaml", "a: " + "[" * 10_000 + "]" * 10_000 + "\n"), process=True
    ),
    "latin-1": Broken(
        _file("x.yaml", "id: latin\nname: Companhia de Força\n".encode("latin-1")), line=2
    ),
    "utf-16": Broken(_file("x.yaml", MINIMAL.encode("utf-16"))),
    "binary": Broken(_file("x.yaml", random.Random(0).randbytes(4096) + b"\x00")),
    "over-1mb": Broken(_file("x.yaml", MINIMAL + "# " + "x" * 1_000_000 + "\n")),
    "directory-named-yaml": Broken(_directory, validate_folder=True),
    "fifo-named-yaml": Broken(_fifo, validate_folder=True, process=True),
    "symlink-to-outside-file": Broken(_symlink_outside),
    "dangling-symlink": Broken(_dangling, validate_folder=True),
    "symlink-loop": Broken(_loop, validate_folder=True),
    "same-id-twice": Broken(_same_id_twice, validate_folder=True),
    "broken-override-of-elektro": Broken(_file("x.yaml", "id: elektro\nname: Not Elektro\n")),
    "ansi-escape-in-file-name": Broken(_file("\x1b[31mevil.yaml", "id: [\n"), shown="evil.yaml"),
    "newline-in-file-name": Broken(_file("a\nb.yaml", "id: [\n"), shown="b.yaml"),
    # a UTF-8 locale: PYTHONIOENCODING stands in for LANG=pt_BR.UTF-8 (not installed here)
    "non-utf8-file-name": Broken(
        _file(b"caf\xe9.yaml", "id: [\n"),
        shown="companies/caf",
        env={"PYTHONIOENCODING": "utf-8"},
        process=True,
    ),
    "unreadable-file": Broken(_unreadable_file, unprivileged=True),
    "unreadable-folder": Broken(_unreadable_folder, unprivileged=True),
    "companies-is-a-file": Broken(_folder_is_a_file),
}


def broken_cases(ids: Collection[str], installed: Collection[str]) -> list[Any]:
    """The broken files ``ids`` in-process, and on the installed program those named, the
    permission cases and those about the process (only there)."""
    return matrix(
        [pytest.param(case_id, id=case_id) for case_id in ids],
        installed=installed,
        only_installed=[i for i in ids if BROKEN[i].unprivileged or BROKEN[i].process],
    )


def _plant(box: Sandbox, case: Broken) -> tuple[Path, str]:
    named = case.make(box.user_folder(), box)
    if case.unprivileged:
        drop_root_powers(box)
    return named, case.shown or str(named)


@pytest.mark.parametrize(
    ("case_id", "where"),
    broken_cases(
        list(BROKEN),
        installed=("tabs", "binary", "symlink-to-outside-file", "ansi-escape-in-file-name"),
    ),
)
def test_broken_user_file_is_skipped_with_one_warning(sandbox: Sandbox, case_id: str) -> None:
    case = BROKEN[case_id]
    _named, shown = _plant(sandbox, case)
    for _cache in ("cold cache", "warm cache"):  # the second run reads the cached problem
        run = sandbox.run(*LOOKUP, env=case.env)
        assert run.code == 0, run.err
        assert ELEKTRO_PHONE in run.out
        assert "Not Elektro" not in run.out
        assert_warnings(run, [shown])


FINDING = re.compile(
    r"^(?P<path>.*?)(?::(?P<line>\d+))?: (?P<code>ESC\d{3}) (?P<severity>error|warning|info): "
)


# Every broken file in text mode; --json and the PATH argument on the files that differ most
# (each run is a program start: the whole cross product would add a minute for little).
VALIDATE_RUNS = [pytest.param(case_id, "text", id=f"{case_id}-text") for case_id in BROKEN] + [
    pytest.param(case_id, mode, id=f"{case_id}-{mode}")
    for mode in ("json", "path")
    for case_id in (
        "tabs",
        "alias-bomb",
        "wrong-type",
        "binary",
        "fifo-named-yaml",
        "symlink-loop",
        "ansi-escape-in-file-name",
        "non-utf8-file-name",
        "unreadable-folder",
        "companies-is-a-file",
    )
]


@pytest.mark.parametrize(
    ("case_id", "mode", "where"),
    matrix(
        VALIDATE_RUNS,
        installed=("tabs-text", "binary-json", "ansi-escape-in-file-name-path"),
        only_installed=[
            p.id
            for p in VALIDATE_RUNS
            if BROKEN[p.values[0]].unprivileged or BROKEN[p.values[0]].process
        ],
    ),
)
def test_data_validate_names_the_broken_file(sandbox: Sandbox, case_id: str, mode: str) -> None:
    case = BROKEN[case_id]
    named, _shown = _plant(sandbox, case)

    def names_it(path: str) -> bool:
        return case.shown in path if case.shown else path == str(named)

    args: list[str] = ["data", "validate"]
    if mode == "path":
        args.append(str(sandbox.companies if case.validate_folder else named))
    if mode == "json":
        args.append("--json")
    run = sandbox.run(*args, env=case.env)  # a FIFO must not make it wait (TIMEOUT)
    assert run.code == 1, (run.code, run.out, run.err)
    assert_no_crash(run)
    assert run.err == ""
    if mode == "json":
        document = json.loads(run.out)
        assert document["schema_version"] == 1
        assert document["kind"] == "validation"
        for finding in document["findings"]:
            assert set(finding) >= {"code", "severity", "path", "line", "field", "message"}
            assert re.fullmatch(r"ESC\d{3}", finding["code"])
        found = [
            f for f in document["findings"] if f["severity"] == "error" and names_it(f["path"])
        ]
        lines = [f["line"] for f in found]
    else:
        assert_plain(run.out)
        rows = run.out.splitlines()
        matches = [FINDING.match(row) for row in rows[:-1]]  # the last line is the summary
        assert all(matches), f"not `path:line: ESCxxx severity: …`:\n{run.out}"
        found = [m for m in matches if m and m["severity"] == "error" and names_it(m["path"])]
        lines = [int(m["line"]) if m["line"] else None for m in found]
    assert found, f"{named} is not named in an error:\n{run.out}"
    if case.line is not None:
        assert case.line in lines, f"expected line {case.line}, got {lines}"


def test_minimal_user_record_is_valid_and_found(sandbox: Sandbox) -> None:
    (sandbox.user_folder() / "minha.yaml").write_text(MINIMAL)
    assert_ok(sandbox.run("lookup", "minha-empresa"), "0800 701 0180")
    run = sandbox.run("data", "validate", "--json")
    assert run.code == 0, run.out
    assert run.err == ""
    assert [f for f in json.loads(run.out)["findings"] if f["severity"] == "error"] == []


def test_data_validate_with_an_empty_home_is_clean(sandbox: Sandbox) -> None:
    run = sandbox.run("data", "validate", "--json")
    assert run.code == 0, run.out
    assert run.err == ""
    document = json.loads(run.out)
    assert [f for f in document["findings"] if f["severity"] == "error"] == []


@pytest.mark.parametrize(
    "path",
    [
        pytest.param("no/such/deep/path.yaml", id="relative"),
        pytest.param("/no/such/deep/path", id="absolute"),
        pytest.param("\x1b[31mmissing.yaml", id="ansi-escape"),
    ],
)
@pytest.mark.parametrize("where", [IN_PROCESS])
def test_data_validate_of_a_missing_path_is_a_usage_error(sandbox: Sandbox, path: str) -> None:
    assert_error(sandbox.run("data", "validate", path), 2)


# --- ESCALATE_HOME itself --------------------------------------------------------------------


def test_home_is_a_regular_file(sandbox: Sandbox) -> None:
    sandbox.home = sandbox.root / "not-a-folder"
    sandbox.home.write_text("I am a file, not a folder\n")
    for args, marker in ((LOOKUP, ELEKTRO_PHONE), (ADVISE, ELEKTRO_OUVIDORIA)):
        run = sandbox.run(*args)
        assert run.code == 0, run.err
        assert marker in run.out
        assert_warnings(run, [str(sandbox.home)])
    assert_error(sandbox.run("case", "list"), 1, says=str(sandbox.home))


@pytest.mark.parametrize(
    ("args", "marker"),
    [
        pytest.param(LOOKUP, ELEKTRO_PHONE, id="lookup"),
        pytest.param(("case", "list"), "No cases yet", id="case-list"),
        pytest.param(("data", "validate"), "", id="data-validate"),
    ],
)
def test_home_deep_below_a_missing_path_is_created(
    sandbox: Sandbox, args: tuple[str, ...], marker: str
) -> None:
    sandbox.home = sandbox.root / "a" / "b" / "c" / "d" / "e" / "f" / "home"
    assert_ok(sandbox.run(*args), marker)


def test_home_unreadable(sandbox: Sandbox) -> None:
    sandbox.user_folder()
    (sandbox.companies / "minha.yaml").write_text(MINIMAL)
    sandbox.home.chmod(0)
    drop_root_powers(sandbox)
    run = sandbox.run(*LOOKUP)
    assert run.code == 0, run.err
    assert ELEKTRO_PHONE in run.out
    assert_warnings(run, [str(sandbox.home)])
    run = sandbox.run("case", "list")
    assert_error(run, 1, says=str(sandbox.home))
    assert "cannot write the output" not in run.err  # stdout is fine: the journal is not


def test_home_read_only(sandbox: Sandbox) -> None:
    sandbox.home.mkdir()
    sandbox.home.chmod(0o555)
    drop_root_powers(sandbox)
    assert_ok(sandbox.run(*LOOKUP), ELEKTRO_PHONE)  # no cache: slower, not broken
    assert_ok(sandbox.run("case", "list"), "No cases yet")  # reading needs no journal file
    assert_error(
        sandbox.run("case", "new", "--company", "elektro", "--title", "x"),
        4,
        says=str(sandbox.home),
    )


# --- the journal -----------------------------------------------------------------------------


def _random_bytes(path: Path) -> None:
    path.write_bytes(random.Random(1).randbytes(8192))


def _sqlite_header_then_garbage(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + random.Random(2).randbytes(8192))


def _foreign_database(path: Path) -> None:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE notes (body TEXT)")
    db.execute("INSERT INTO notes VALUES ('not escalate''s')")
    db.commit()
    db.close()


def _journal_folder(path: Path) -> None:
    path.mkdir()
    (path / "keep.txt").write_text("mine\n")


def _unreadable_journal(path: Path) -> None:
    _foreign_database(path)
    path.chmod(0)


JOURNALS: dict[str, tuple[Callable[[Path], None], bool]] = {
    "random-bytes": (_random_bytes, False),
    "sqlite-header-then-garbage": (_sqlite_header_then_garbage, False),
    "foreign-sqlite-database": (_foreign_database, False),
    "folder": (_journal_folder, False),
    "unreadable": (_unreadable_journal, True),
}


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("case", "list"), id="case-list"),
        pytest.param(("case", "show", "1"), id="case-show"),
        pytest.param(("case", "new", "--company", "elektro", "--title", "x"), id="case-new"),
        pytest.param(("advise", "--case", "1"), id="advise-case"),
    ],
)
@pytest.mark.parametrize(
    ("kind", "where"),
    matrix(
        [pytest.param(kind, id=kind) for kind in JOURNALS],
        installed=("foreign-sqlite-database",),
        only_installed=[kind for kind, (_make, unprivileged) in JOURNALS.items() if unprivileged],
    ),
)
def test_bad_journal_is_one_line_exit_1_and_left_untouched(
    sandbox: Sandbox, kind: str, args: tuple[str, ...]
) -> None:
    make, unprivileged = JOURNALS[kind]
    sandbox.home.mkdir(exist_ok=True)  # in-process, it holds the catalogue's cache already
    make(sandbox.journal)
    if unprivileged:
        drop_root_powers(sandbox)
    assert_error(sandbox.run(*args), 1, says=str(sandbox.journal))
    # not even a -wal or -shm beside it
    assert sorted(p.name for p in sandbox.home.iterdir()) in (
        ["journal.sqlite3"],
        ["cache", "journal.sqlite3"],
    )


# --- standard input, output and error closed or cut ------------------------------------------

CLOSED_STDIN = 'exec "$0" "$@" <&-'


@pytest.mark.parametrize(
    ("args", "stdin", "says"),
    [
        pytest.param(("advise",), "devnull", "--stage", id="advise-stdin-devnull"),
        pytest.param(("advise",), "closed", "--stage", id="advise-stdin-closed-fd"),
        pytest.param(("advise", "--interview"), "devnull", None, id="interview-eof"),
        pytest.param(("advise", "--interview"), "closed", None, id="interview-stdin-closed-fd"),
        pytest.param(("advise", "--interview"), b"n\n", None, id="interview-eof-after-1-answer"),
        pytest.param(
            ("advise", "--interview"), b"maybe\n" * 50, None, id="interview-nonsense-then-eof"
        ),
        pytest.param(
            ("advise", "--interview"), b"\xff\xfe\n", None, id="interview-invalid-utf8-then-eof"
        ),
    ],
)
def test_no_answers_is_a_usage_error(
    sandbox: Sandbox, args: tuple[str, ...], stdin: Any, says: str | None
) -> None:
    if stdin == "devnull":
        run = sandbox.run(*args)
    elif stdin == "closed":
        run = sandbox.run(*args, shell=CLOSED_STDIN)
    else:
        run = sandbox.run(*args, input=stdin)
    if "--interview" in args:
        run = run._replace(out="")  # the questions went to stdout; the error goes to stderr
    assert_error(run, 2, says=says)
    assert "\n  hint: " in run.err


@pytest.mark.parametrize(("args", "marker"), USEFUL)
def test_commands_that_ask_nothing_work_with_stdin_closed(
    sandbox: Sandbox, args: tuple[str, ...], marker: str
) -> None:
    assert_ok(sandbox.run(*args, shell=CLOSED_STDIN), marker)


def test_stdout_closed_is_one_line_and_exit_1(sandbox: Sandbox) -> None:
    run = sandbox.run(*LOOKUP, shell='exec "$0" "$@" >&-')
    assert run.code == 1, run.err
    assert_no_crash(run)
    assert len(run.err.splitlines()) <= 1
    assert run.err == "" or run.err.startswith("escalate: error: ")


def test_stderr_closed_does_not_stop_the_result(sandbox: Sandbox) -> None:
    (sandbox.user_folder() / "broken.yaml").write_text("id: [\n")
    run = sandbox.run(*LOOKUP, shell='exec "$0" "$@" 2>&-')
    assert run.code == 0
    assert ELEKTRO_PHONE in run.out


PIPED = [
    pytest.param(LOOKUP, id="lookup"),
    pytest.param((*LOOKUP, "--json"), id="lookup-json"),
    pytest.param(ADVISE, id="advise"),
    pytest.param(CHECKLIST, id="checklist"),
    pytest.param(("companies",), id="companies"),
    pytest.param(("tree",), id="tree"),
    pytest.param(("case", "list"), id="case-list"),
    pytest.param(("data", "validate"), id="data-validate"),
]


@pytest.mark.parametrize("args", PIPED)
def test_output_into_head_c1(sandbox: Sandbox, args: tuple[str, ...]) -> None:
    run = sandbox.run(*args, shell='"$0" "$@" | head -c1')
    assert run.code == 0
    assert len(run.out) == 1
    assert run.err == "", run.err  # a closed pipe is not worth a message


@pytest.mark.parametrize("args", PIPED)
def test_output_into_a_pipe_closed_before_the_first_byte(
    sandbox: Sandbox, args: tuple[str, ...]
) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)
    before = sandbox.snapshot()
    try:
        proc = subprocess.run(
            sandbox.command(args),
            cwd=sandbox.cwd,
            stdin=subprocess.DEVNULL,
            stdout=write_end,
            stderr=subprocess.PIPE,
            env=sandbox.env(),
            timeout=TIMEOUT,
        )
    finally:
        os.close(write_end)
    sandbox.assert_untouched(before)
    run = Run(proc.returncode, "", proc.stderr.decode("utf-8", "replace"))
    assert_no_crash(run)
    assert run.err == "", run.err
    assert run.code in (0, 1)  # not documented; the program says 1 (nothing was delivered)


# --- terminals, colours, widths --------------------------------------------------------------

PIPED_ENVS = [
    pytest.param({"NO_COLOR": "1"}, id="NO_COLOR"),
    pytest.param({"TERM": "dumb"}, id="TERM-dumb"),
    pytest.param({"COLUMNS": "40"}, id="COLUMNS-40"),
    pytest.param({"COLUMNS": "abc"}, id="COLUMNS-abc"),
    pytest.param({"COLUMNS": "0"}, id="COLUMNS-0"),
]


@pytest.mark.parametrize(("args", "marker", "where"), matrix(USEFUL, installed=("lookup",)))
@pytest.mark.parametrize("env", PIPED_ENVS)
def test_piped_output_is_plain_whatever_the_terminal_settings(
    sandbox: Sandbox, env: dict[str, str], args: tuple[str, ...], marker: str
) -> None:
    run = sandbox.run(*args, env=env)
    assert_ok(run, marker)
    assert "\x1b" not in run.out


@pytest.mark.parametrize(
    "env",
    [
        pytest.param({"COLUMNS": "-1"}, id="COLUMNS-negative"),
        pytest.param({"COLUMNS": "9" * 30}, id="COLUMNS-huge"),
        pytest.param({"LINES": "abc", "COLUMNS": ""}, id="LINES-abc-COLUMNS-empty"),
        pytest.param({"FORCE_COLOR": "1", "TERM": "xterm-256color"}, id="FORCE_COLOR"),
    ],
)
def test_piped_lookup_is_plain_with_more_odd_settings(
    sandbox: Sandbox, env: dict[str, str]
) -> None:
    run = sandbox.run(*LOOKUP, env=env)
    assert_ok(run, ELEKTRO_PHONE)
    assert "\x1b" not in run.out


class Terminal:
    """The installed program in a pseudo-terminal that is its controlling terminal."""

    def __init__(self, box: Sandbox, args: tuple[str, ...], env: dict[str, str | None]) -> None:
        self.box = box
        self.before = box.snapshot()
        self.leader, follower = pty.openpty()
        self.proc = subprocess.Popen(
            [*IN_TERMINAL, *box.command(args)],  # so a typed Ctrl-C sends SIGINT
            cwd=box.cwd,
            stdin=follower,
            stdout=follower,
            stderr=follower,
            env=box.env(env),
            close_fds=True,
            start_new_session=True,
        )
        os.close(follower)
        self.screen = b""

    def text(self) -> str:
        return _plain_screen(self.screen.decode("utf-8", "replace"))

    def read_until(self, wanted: str, timeout: float = TIMEOUT) -> int:
        """Wait for some text; return the screen position after it."""
        self._read(lambda text: wanted in text, repr(wanted), timeout)
        return len(self.screen)

    def read_prompt(self, question: str, timeout: float = TIMEOUT) -> None:
        """Wait until the program asks ``question`` and waits for the answer: the screen ends
        with its prompt (``…: ``), so that a key typed or a signal sent now reaches the prompt."""
        self._read(lambda text: _asks(text, question), f"the prompt {question!r}", timeout)

    def _read(self, done: Callable[[str], bool], what: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout  # only bounds a hang: the wait is for the text
        while not done(self.text()):
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self.leader], [], [], max(left, 0))
            if not ready:
                raise AssertionError(f"waited for {what}; screen:\n{self.text()[-2000:]}")
            try:
                data = os.read(self.leader, 65536)
            except OSError:
                data = b""
            if not data:
                raise AssertionError(f"ended before {what}; screen:\n{self.text()[-2000:]}")
            self.screen += data

    def type(self, keys: str) -> None:
        os.write(self.leader, keys.encode())

    def finish(self) -> int:
        try:
            while True:
                ready, _, _ = select.select([self.leader], [], [], TIMEOUT)
                if not ready:
                    break
                data = os.read(self.leader, 65536)
                if not data:
                    break
                self.screen += data
        except OSError:  # the terminal closed
            pass
        try:
            code = self.proc.wait(timeout=TIMEOUT)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
            os.close(self.leader)
        self.box.assert_untouched(self.before)
        return code


def _asks(text: str, question: str) -> bool:
    """The output ends with the prompt of ``question``: the program now reads the answer."""
    at = text.rfind(question)
    return at >= 0 and text[at:].rstrip(" ").endswith(":")


def _plain_screen(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text).replace("\r", "")


def _colours(screen: bytes) -> list[str]:
    return [
        code
        for params in re.findall(r"\x1b\[([0-9;]*)m", screen.decode("utf-8", "replace"))
        for code in params.split(";")
        if code.isdigit() and (30 <= int(code) <= 38 or 90 <= int(code) <= 97)
    ]


TERMINAL_ENVS = [
    pytest.param({"COLUMNS": "40"}, id="COLUMNS-40"),
    pytest.param({"COLUMNS": "abc"}, id="COLUMNS-abc"),
    pytest.param({"COLUMNS": "0"}, id="COLUMNS-0"),
    pytest.param({"COLUMNS": "-1"}, id="COLUMNS-negative"),
    pytest.param({"NO_COLOR": "1"}, id="NO_COLOR"),
    pytest.param({"TERM": "dumb"}, id="TERM-dumb"),
]


@pytest.mark.parametrize(("args", "marker"), USEFUL)
@pytest.mark.parametrize("env", TERMINAL_ENVS)
def test_in_a_terminal_odd_settings_still_show_the_result(
    sandbox: Sandbox, env: dict[str, str], args: tuple[str, ...], marker: str
) -> None:
    term = Terminal(sandbox, args, {"TERM": "xterm-256color", **env})
    code = term.finish()
    screen = term.text()
    assert code == 0, screen[-2000:]
    assert "Traceback" not in screen and "unexpected error" not in screen
    assert marker in " ".join(screen.split()), "the result is missing (or cut) on screen"
    if "NO_COLOR" in env or env.get("TERM") == "dumb":
        assert _colours(term.screen) == []


@pytest.mark.parametrize(
    "how",
    ["ctrl-c-at-first-question", "ctrl-c-at-company-question", "sigint-to-the-process"],
)
def test_interrupted_interview_exits_130_without_traceback(sandbox: Sandbox, how: str) -> None:
    term = Terminal(sandbox, ("advise", "--interview", "--lang", "en"), {"TERM": "dumb"})
    term.read_prompt("at risk right now")
    if how == "ctrl-c-at-company-question":
        term.type("n\r")
        term.read_prompt("Which company?")
    mark = len(term.text())
    if how == "sigint-to-the-process":
        term.proc.send_signal(signal.SIGINT)
    else:
        term.type("\x03")
    code = term.finish()
    after = term.text()[mark:].replace("^C", "")
    assert code == 130, after
    assert "Traceback" not in after and "unexpected error" not in after
    assert "WHAT TO DO NOW" not in after
    # nothing, or one line saying it was interrupted
    assert len([line for line in after.splitlines() if line.strip()]) <= 1, after


def test_ctrl_d_in_the_interview_is_a_usage_error(sandbox: Sandbox) -> None:
    term = Terminal(sandbox, ("advise", "--interview", "--lang", "en"), {"TERM": "dumb"})
    term.read_prompt("at risk right now")
    mark = len(term.text())
    term.type("\x04")
    code = term.finish()
    after = [line for line in term.text()[mark:].splitlines() if line.strip()]
    assert code == 2, after
    assert after and after[0].startswith("escalate: error: "), after
    assert len(after) <= 2 and all(line.startswith("  hint: ") for line in after[1:]), after


def test_sigint_without_a_terminal_exits_130(sandbox: Sandbox) -> None:
    before = sandbox.snapshot()
    proc = subprocess.Popen(
        [*WITH_SIGINT, *sandbox.command(("advise", "--interview", "--lang", "en"))],
        cwd=sandbox.cwd,
        stdin=subprocess.PIPE,  # kept open: the program waits for an answer
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=sandbox.env(),
    )
    assert proc.stdout is not None
    seen = ""
    deadline = time.monotonic() + TIMEOUT  # only bounds a hang: the wait is for the prompt
    while not _asks(seen, "at risk"):
        ready, _, _ = select.select([proc.stdout], [], [], max(deadline - time.monotonic(), 0))
        chunk = os.read(proc.stdout.fileno(), 65536) if ready else b""
        if not chunk:
            proc.kill()
            proc.communicate()
            raise AssertionError(f"no prompt (waited {TIMEOUT} s or output ended): {seen!r}")
        seen += chunk.decode("utf-8", "replace")
    proc.send_signal(signal.SIGINT)
    _out, err_bytes = proc.communicate(timeout=TIMEOUT)
    sandbox.assert_untouched(before)
    err = err_bytes.decode("utf-8", "replace")
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "unexpected error" not in err
    assert len(err.splitlines()) <= 1, err


# --- environment and option values -----------------------------------------------------------

BAD_NOW = [
    pytest.param("garbage", id="word"),
    pytest.param("2026-13-45", id="month-13"),
    pytest.param("2026-11-25T25:00", id="hour-25"),
    pytest.param("2026-11-25T10:00:00+99:00", id="offset-99h"),
    pytest.param("\x1b[31m2026", id="ansi-escape"),
    pytest.param("x" * 5000, id="5000-chars"),
]


@pytest.mark.parametrize(
    "args", [pytest.param(LOOKUP, id="lookup"), pytest.param(ADVISE, id="advise")]
)
@pytest.mark.parametrize(("now", "where"), matrix(BAD_NOW, installed=("word",)))
def test_malformed_escalate_now_is_a_usage_error(
    sandbox: Sandbox, now: str, args: tuple[str, ...]
) -> None:
    assert_error(sandbox.run(*args, env={"ESCALATE_NOW": now}), 2, says="ESCALATE_NOW")


@pytest.mark.parametrize(
    ("args", "where"),
    matrix(
        [
            pytest.param(LOOKUP, id="lookup"),
            pytest.param(ADVISE, id="advise"),
            pytest.param(CHECKLIST, id="checklist"),
            pytest.param(("companies",), id="companies"),
            pytest.param(("tree",), id="tree"),
            pytest.param(("case", "list"), id="case-list"),
            pytest.param(("data", "validate"), id="data-validate"),
        ],
        installed=("lookup",),
    ),
)
def test_unknown_lang_is_a_usage_error(sandbox: Sandbox, args: tuple[str, ...]) -> None:
    assert_error(sandbox.run(*args, "--lang", "xx"), 2, says="--lang")


@pytest.mark.parametrize("lang", ["", "PT-br", "pt\x1b[31m"])
@pytest.mark.parametrize("where", [IN_PROCESS])
def test_odd_lang_values_are_usage_errors(sandbox: Sandbox, lang: str) -> None:
    assert_error(sandbox.run(*LOOKUP, "--lang", lang), 2, says="--lang")


@pytest.mark.parametrize(
    ("date", "where"),
    matrix(
        [
            pytest.param("2026-13-45", id="month-13"),
            pytest.param("2026-02-30", id="february-30"),
            pytest.param("31/04/2026", id="day-first-no-such-day"),
            pytest.param("31/12/25", id="two-digit-year"),
            pytest.param("2999-01-01", id="future"),
            pytest.param("", id="empty"),
            pytest.param("x" * 10_000, id="10000-chars"),
            pytest.param("\x1b[31m", id="ansi-escape"),
        ],
        installed=("month-13",),
    ),
)
def test_case_log_bad_date_is_a_usage_error_and_logs_nothing(sandbox: Sandbox, date: str) -> None:
    created = sandbox.run("case", "new", "--company", "elektro", "--title", "Conta")
    assert created.code == 0, created.err
    journal = {p: _signature(p) for p in sandbox.home.glob("journal.sqlite3*")}
    assert_error(sandbox.run("case", "log", "1", "--channel", "sac", "--date", date), 2)
    assert {p: _signature(p) for p in sandbox.home.glob("journal.sqlite3*")} == journal


@pytest.mark.parametrize(
    ("args", "where"),
    matrix(
        [
            pytest.param((*ADVISE, "--since", "2026-13-45"), id="advise-since-month-13"),
            pytest.param((*ADVISE, "--amount", "-5"), id="advise-amount-negative"),
            pytest.param((*ADVISE, "--amount", "abc"), id="advise-amount-word"),
            pytest.param(("advise", "--stage", "nosuch"), id="advise-unknown-stage"),
            pytest.param((*ADVISE, "--problem", "\x1b[31m"), id="advise-problem-ansi"),
            pytest.param(("lookup", "equatorial", "--state", "x y"), id="lookup-state-with-space"),
            pytest.param((*CHECKLIST, "--format", "pdf"), id="checklist-format-pdf"),
            pytest.param(("tree", "--sector", "water"), id="tree-unknown-sector"),
        ],
        installed=("advise-amount-word",),
    ),
)
def test_bad_option_values_are_usage_errors(sandbox: Sandbox, args: tuple[str, ...]) -> None:
    assert_error(sandbox.run(*args), 2)


@pytest.mark.parametrize(
    "env",
    [
        pytest.param({"ESCALATE_LANG": "xx"}, id="ESCALATE_LANG-unknown"),
        pytest.param({"LANG": "\x1b[31m"}, id="LANG-ansi-escape"),
        pytest.param({"LC_ALL": "pt_BR.UTF-8"}, id="LC_ALL-not-installed"),
        pytest.param({"ESCALATE_HOME": ""}, id="ESCALATE_HOME-empty"),
    ],
)
def test_odd_environment_still_works(sandbox: Sandbox, env: dict[str, str]) -> None:
    # an empty ESCALATE_HOME means unset: the platform's folders, under the sandbox's HOME
    if env.get("ESCALATE_HOME") == "":
        sandbox.home = sandbox.userhome
    assert_ok(sandbox.run(*LOOKUP, env=env), ELEKTRO_PHONE)


def test_ascii_only_output_encoding(sandbox: Sandbox) -> None:
    """Output that cannot be encoded: the result, or one clear line (not the catch-all)."""
    run = sandbox.run(*LOOKUP, env={"PYTHONIOENCODING": "ascii"})
    if run.code == 0:
        assert_ok(run, ELEKTRO_PHONE)
    else:
        assert_error(run._replace(out=""), 1)
