"""The board pack in a real headless Chromium: the HTML page loads nothing from outside,
logs no error, draws both charts and fits the page width; the PDF printed from it by
``ea report -o x.pdf`` has a sane number of landscape pages. Screenshots and the PDF go to
the git-ignored ``artifacts/`` folder."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from ea import boardpack
from ea.cli import main
from ea.store import snapshot
from tests.fixtures_governance import AS_OF, build

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("EA_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM,
                              args=["--headless", "--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


def test_html_in_chromium(browser, tmp_path):
    path = tmp_path / "styrelse.html"
    boardpack.write(boardpack.build(build(), as_of=AS_OF), path)
    ctx = browser.new_context(viewport={"width": 1200, "height": 900})
    page = ctx.new_page()
    errors, requests = [], []
    page.on("console", lambda m: m.type in ("error", "warning") and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.resolve().as_uri())
    assert errors == [] and requests == [path.resolve().as_uri()]
    charts = page.evaluate("() => [...document.querySelectorAll('svg')].map(s => "
                           "[s.getBoundingClientRect().width, s.getBoundingClientRect().height,"
                           " s.querySelectorAll('rect').length])")
    assert len(charts) == 2 and all(w > 300 and h > 100 and n > 2 for w, h, n in charts)
    # nothing wider than the window: no table pushes the page sideways
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 1200
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "boardpack.png"), full_page=True)
    ctx.close()


def test_pdf_from_the_cli(tmp_path):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    snap = tmp_path / "landscape.json"
    snapshot.save(build(), snap)
    out = tmp_path / "styrelse.pdf"
    res = CliRunner().invoke(main, ["report", "-l", str(snap), "--as-of", AS_OF.isoformat(),
                                    "-o", str(out)], env={"EA_CHROMIUM": CHROMIUM})
    assert res.exit_code == 0, res.output
    data = out.read_bytes()
    assert data.startswith(b"%PDF-")
    pages = len(re.findall(rb"/Type\s*/Page\b", data))
    assert 2 <= pages <= 12, pages
    # A4 landscape: every page box is wider than it is tall
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert boxes and all(float(w) > float(h) for w, h in boxes)
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copyfile(out, ARTIFACTS / "boardpack.pdf")


def test_pdf_without_chromium_is_one_clear_line(tmp_path):
    snap = tmp_path / "landscape.json"
    snapshot.save(build(), snap)
    res = CliRunner().invoke(main, ["report", "-l", str(snap), "-o", str(tmp_path / "x.pdf")],
                             env={"EA_CHROMIUM": str(tmp_path / "no-such-browser")})
    assert res.exit_code == 1
    assert "EA_CHROMIUM=" in res.output and "is not an executable" in res.output
    assert not (tmp_path / "x.pdf").exists()
