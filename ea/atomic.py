"""Writing files so that a reader sees the old file or the new one, never half of one.

One mechanism for every file ea writes (snapshots, reports, exports, maps, ledger CSVs): a
temporary file in the same folder, flushed to disk, renamed over the target, the folder
flushed; on any failure the temporary file is removed and the target is left as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path


def atomic_write(path: str | os.PathLike, write: Callable[[str], object], *,
                 backup: bool = False) -> None:
    """Call ``write(tmp)`` on a temporary file beside ``path``, flush it to disk, then
    rename it over ``path``. With ``backup`` the previous file is kept as ``<path>.bak``
    (see :func:`keep_backup`)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        if backup and path.exists():
            keep_backup(path)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)


def atomic_write_text(path: str | os.PathLike, text: str | Callable, *,
                      backup: bool = False) -> None:
    """:func:`atomic_write` of UTF-8 text: a string, or a function that writes to the open
    text file."""

    def write(tmp: str) -> None:
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            if callable(text):
                text(fh)
            else:
                fh.write(text)

    atomic_write(path, write, backup=backup)


def keep_backup(path: Path) -> Path:
    """Make ``<path>.bak`` the current content of ``path`` without ever taking ``path``
    away: a hard link (a copy where links are not possible) under a temporary name, renamed
    over the old backup. (Moving the snapshot to ``.bak`` first, as before, left a moment
    with no snapshot at all: a crash there lost it.)"""
    bak = path.with_name(path.name + ".bak")
    fd, tmp = tempfile.mkstemp(prefix=f".{bak.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    os.unlink(tmp)
    try:
        try:
            os.link(path, tmp)
        except OSError:
            shutil.copy2(path, tmp)
        os.replace(tmp, bak)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return bak


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entries (the rename) to disk where the platform allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
