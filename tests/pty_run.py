"""Run ``ea`` on a real terminal (a pseudo-terminal) and read what the terminal received:
for the tests of what only happens on a terminal (colour, the pager, progress bars)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

EA = str(Path(sys.executable).parent / "ea")


def on_pty(args: list[str], env: dict, *, streams: str = "all",
           timeout: float = 60) -> tuple[int, str]:
    """``ea ARGS`` with ``env`` over os.environ; ``streams``: ``"all"`` puts stdin, stdout and
    stderr on the terminal, ``"stderr"`` only stderr (the others go nowhere). Returns the
    exit code and the text the terminal received."""
    import pty

    master, slave = pty.openpty()
    if streams == "all":
        ends = {"stdin": slave, "stdout": slave, "stderr": slave}
    else:
        ends = {"stdin": subprocess.DEVNULL, "stdout": subprocess.DEVNULL, "stderr": slave}
    p = subprocess.Popen([EA, *args], env={**os.environ, **env}, **ends)
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    rc = p.wait(timeout=timeout)
    os.close(master)
    return rc, out.decode("utf-8", "replace")
