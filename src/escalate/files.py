"""Files the program writes for the person (calendar, dossier, backup) and for itself (cache):
whole or absent, never through a planted link, never over the journal."""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterable
from pathlib import Path

from escalate.errors import EscalateError


class WriteRefused(EscalateError):
    """A target the program must not write to."""


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.realpath(a) == os.path.realpath(b)
    except (OSError, ValueError):
        return False


def write_atomic(
    target: Path,
    data: bytes,
    *,
    mode: int = 0o600,
    protected: Iterable[Path] = (),
    durable: bool = True,
) -> None:
    """Write ``data`` to ``target`` through a temporary file with a random name, created with
    O_EXCL (and O_NOFOLLOW) in the target's folder, then renamed over the target.

    ``protected`` files (the journal and its side files) are never written over, whether the
    target names them or links to them. Raises WriteRefused or OSError.
    """
    for kept in protected:
        if _same(target, kept):
            raise WriteRefused(
                f"refusing to write to {target}: it is escalate's journal",
                hint="choose another file name",
            )
    try:
        info = target.lstat()
    except FileNotFoundError:
        info = None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise WriteRefused(f"{target} is a folder; give a file name", hint="e.g. prazos.ics")
    if info is not None and not (stat.S_ISREG(info.st_mode) or stat.S_ISLNK(info.st_mode)):
        # Renaming over a pipe or a device (/dev/null) would replace it with a plain file.
        raise WriteRefused(
            f"{target} is not a regular file (a pipe or a device); give a file name",
            hint="e.g. prazos.ics, or leave out the option to write to the screen",
        )
    folder = target.parent
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    flags |= getattr(os, "O_CLOEXEC", 0)
    tmp = folder / f".{target.name[:100]}.{secrets.token_hex(8)}.tmp"
    fd = os.open(tmp, flags, mode)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
