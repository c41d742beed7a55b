"""The board pack as PDF: the HTML page printed by headless Chromium.

Chromium is found as ``$EA_CHROMIUM``, else ``chromium``, ``chromium-browser``,
``google-chrome`` on the PATH (Debian: ``apt-get install chromium``). It runs with no
network (``--no-proxy-server`` and a page whose Content-Security-Policy blocks every
request), in a throw-away profile, and is stopped after ``EA_PDF_TIMEOUT`` seconds (120).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ea.atomic import atomic_write
from ea.boardpack import html
from ea.boardpack.data import BoardPack
from ea.errors import EaError

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium() -> str:
    """The Chromium executable to print with; :class:`EaError` when there is none."""
    env = os.environ.get("EA_CHROMIUM")
    if env:
        if shutil.which(env) or Path(env).is_file():
            return shutil.which(env) or env
        raise EaError(f"EA_CHROMIUM={env} is not an executable")
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    raise EaError("writing a PDF needs Chromium (apt-get install chromium, or set "
                  "EA_CHROMIUM); write .html and print it from a browser instead")


def print_pdf(html_path: Path, pdf_path: Path) -> None:
    """Print ``html_path`` to ``pdf_path`` with headless Chromium."""
    exe = find_chromium()
    timeout = float(os.environ.get("EA_PDF_TIMEOUT", "120"))
    with tempfile.TemporaryDirectory(prefix="ea-chromium-") as profile:
        cmd = [exe, "--headless", "--disable-gpu", "--no-sandbox", "--no-proxy-server",
               "--disable-extensions", "--no-first-run", f"--user-data-dir={profile}",
               "--no-pdf-header-footer", f"--print-to-pdf={pdf_path}",
               html_path.resolve().as_uri()]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                                  check=False)
        except subprocess.TimeoutExpired:
            raise EaError(f"Chromium did not print the PDF within {timeout:g} s "
                          "(EA_PDF_TIMEOUT)") from None
    if proc.returncode != 0 or not pdf_path.exists() or pdf_path.stat().st_size == 0:
        tail = (proc.stderr or "").strip().splitlines()[-1:] or ["no output"]
        raise EaError(f"Chromium could not print the PDF (exit {proc.returncode}: {tail[0]})")


def write(pack: BoardPack, path) -> None:
    """Write ``pack`` as a PDF at ``path`` (atomically)."""
    find_chromium()  # fail before any work when there is no browser
    with tempfile.TemporaryDirectory(prefix="ea-boardpack-") as tmp:
        page = Path(tmp) / "board-pack.html"
        page.write_text(html.render(pack), encoding="utf-8")

        def write_pdf(target: str) -> None:
            out = Path(tmp) / "board-pack.pdf"
            print_pdf(page, out)
            shutil.copyfile(out, target)

        atomic_write(path, write_pdf)
