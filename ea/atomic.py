"""Writing files so that a reader sees the old file or the new one, never half of one.

One mechanism for every file ea writes (snapshots, reports, exports, maps, ledger CSVs): a
temporary file in the same folder, flushed to disk, renamed over the target, the folder
flushed; on any failure the temporary file is removed and the target is left as it was.

- **Several files as one unit** (:class:`Unit`): the snapshot, its ledger CSV and its rejected
  rows are all written to temporary files first; only when every one is whole are they
  renamed, the snapshot last. A full disk half-way leaves the old snapshot with the old
  ledger, never the new snapshot with the old ledger.
- **What the target is**: a symbolic link is written through (the file it points to is
  replaced, the link stays a link); a device or a FIFO (``-o /dev/stdout``) is written to
  directly, never replaced by a regular file; a folder is refused. A new file gets the
  permissions the umask gives (``mkstemp``'s 0600 made reports unreadable to colleagues);
  a replaced file keeps its own.
- **Errors name the target**: a full disk, a read-only file system or a folder one may not
  write in is a :class:`~ea.errors.WriteError` naming the file asked for, not the temporary
  file.
- **A lock** (:func:`locked`) so two imports into one snapshot do not silently lose a run.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from ea.errors import WriteError


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _target(path: Path) -> tuple[Path, bool]:
    """(the file to write, whether it is written directly): a symbolic link is followed; an
    existing device or FIFO is written to in place; a folder is refused."""
    real = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        st = os.stat(real)
    except FileNotFoundError:
        return real, False
    except OSError as exc:
        raise _error(path, exc) from None
    if stat.S_ISDIR(st.st_mode):
        raise WriteError(f"{path}: is a folder; give a file name")
    if stat.S_ISREG(st.st_mode):
        return real, False
    return real, True  # character or block device, FIFO, socket: written through


def _error(path: Path, exc: OSError) -> WriteError:
    why = exc.strerror or str(exc)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS) and not os.path.exists(path):
        why += f" (cannot create files in {path.parent or '.'})"
    return WriteError(f"{path}: cannot write: {why}")


class Unit:
    """Files written together: every one to a temporary file first, then the renames in
    the order they were added (add the snapshot last).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with Unit() as unit:
    ...     unit.text(d / "a.csv", "a\\n")
    ...     unit.text(d / "snapshot.json", "{}\\n", backup=True)
    >>> sorted(p.name for p in d.iterdir())
    ['a.csv', 'snapshot.json']
    """

    def __init__(self) -> None:
        self._done: list[tuple[Path, str | None, bool]] = []  # (target, tmp, backup)

    def __enter__(self) -> Unit:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None:
            self._discard()
            return
        self.commit()

    def write(self, path: str | os.PathLike, write: Callable[[str], object], *,
              backup: bool = False) -> None:
        """Call ``write(tmp)`` on a temporary file beside ``path`` and flush it to disk; the
        rename waits for :meth:`commit`. A device or FIFO is written to at once."""
        asked = Path(path)
        target, direct = _target(asked)
        if direct:
            try:
                write(str(target))
            except OSError as exc:
                raise _error(asked, exc) from None
            return
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                       dir=target.parent)
            os.close(fd)
        except OSError as exc:
            raise _error(asked, exc) from None
        self._done.append((target, tmp, backup))
        try:
            write(tmp)
            try:
                mode = stat.S_IMODE(os.stat(target).st_mode)
            except FileNotFoundError:
                mode = 0o666 & ~_umask()
            os.chmod(tmp, mode)
            with open(tmp, "rb+") as fh:
                os.fsync(fh.fileno())
        except OSError as exc:
            self._discard()
            if exc.filename in (None, tmp):
                raise _error(asked, exc) from None
            raise
        except BaseException:
            self._discard()
            raise

    def text(self, path: str | os.PathLike, text: str | Callable, *,
             backup: bool = False) -> None:
        """:meth:`write` of UTF-8 text: a string, or a function that writes to the open
        text file."""

        def write(tmp: str) -> None:
            with open(tmp, "w", encoding="utf-8", newline="") as fh:
                if callable(text):
                    text(fh)
                else:
                    fh.write(text)

        self.write(path, write, backup=backup)

    def commit(self) -> None:
        """Rename every temporary file over its target, in the order added."""
        try:
            while self._done:
                target, tmp, backup = self._done[0]
                try:
                    if backup and target.exists():
                        keep_backup(target)
                    os.replace(tmp, target)
                except OSError as exc:
                    raise _error(target, exc) from None
                self._done.pop(0)
                fsync_dir(target.parent)
        finally:
            self._discard()

    def _discard(self) -> None:
        for _target_path, tmp, _backup in self._done:
            if tmp and os.path.exists(tmp):
                os.unlink(tmp)
        self._done.clear()


def atomic_write(path: str | os.PathLike, write: Callable[[str], object], *,
                 backup: bool = False) -> None:
    """Call ``write(tmp)`` on a temporary file beside ``path``, flush it to disk, then
    rename it over ``path``. With ``backup`` the previous file is kept as ``<path>.bak``
    (see :func:`keep_backup`)."""
    with Unit() as unit:
        unit.write(path, write, backup=backup)


def atomic_write_text(path: str | os.PathLike, text: str | Callable, *,
                      backup: bool = False) -> None:
    """:func:`atomic_write` of UTF-8 text: a string, or a function that writes to the open
    text file."""
    with Unit() as unit:
        unit.text(path, text, backup=backup)


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


# --------------------------------------------------------------------------- lock
LOCK_WAIT = 30.0  # seconds an import waits for another one on the same snapshot


def lock_path(path: str | os.PathLike) -> Path:
    """The lock file of a snapshot: ``.<name>.lock`` beside it (the snapshot itself is
    replaced by every write, so a lock on it would not hold)."""
    p = Path(os.path.realpath(path)) if Path(path).is_symlink() else Path(path)
    return p.with_name(f".{p.name}.lock")


@contextlib.contextmanager
def locked(path: str | os.PathLike, *, wait: float | None = None) -> Iterator[Path]:
    """Hold the lock of the snapshot ``path`` (an exclusive ``flock`` on its lock file)
    for the ``with`` block. Another holder is waited for up to ``wait`` seconds (default
    ``$EA_LOCK_WAIT``, else 30); then a :class:`WriteError` names the snapshot and the
    holder's process id. The lock goes with the process, so a killed import never leaves
    the snapshot locked."""
    import fcntl

    if wait is None:
        try:
            wait = float(os.environ.get("EA_LOCK_WAIT", LOCK_WAIT))
        except ValueError:
            wait = LOCK_WAIT
    lp = lock_path(path)
    try:
        lp.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lp, os.O_RDWR | os.O_CREAT, 0o666 & ~_umask())
    except OSError as exc:
        raise _error(Path(path), exc) from None
    try:
        deadline = time.monotonic() + max(wait, 0.0)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip()
                    who = f" (process {holder})" if holder else ""
                    raise WriteError(
                        f"{path}: another ea import is writing this snapshot{who}; waited "
                        f"{wait:g} s (EA_LOCK_WAIT); run again when it has finished") from None
                time.sleep(0.05)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        yield lp
    finally:
        os.close(fd)  # closing releases the flock
