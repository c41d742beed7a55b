"""Time ``ea map`` to an interactive page in headless Chromium, on the synthetic demo region.

For each size: generate and import the demo region (``ea demo --size N``), build and render
the map in Python (the systems view and the organisation view), open it in Debian's Chromium
through Playwright (no network) and wait for the page to report its first paint
(``eaMap.stabilized``: positions come from Python, there is no physics to wait for). Prints
one line per size and view: Python build and render time (CPU), time from navigation to the
first paint, and the HTML size.

Usage::

    python bench/map_layout.py                    # 300 and 2,000 systems
    python bench/map_layout.py --sizes 300 2000 10000
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from pathlib import Path

from click.testing import CliRunner

from ea import maps
from ea.cli import main
from ea.config import Config
from ea.store import snapshot

AS_OF = dt.date(2026, 11, 25)
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def demo(size: int, where: Path):
    snap = where / f"demo-{size}.json"
    res = CliRunner().invoke(main, ["demo", "--out", str(where / f"files-{size}"), "--size",
                                    str(size), "-l", str(snap), "--as-of", AS_OF.isoformat()])
    if res.exit_code:
        raise SystemExit(res.output)
    return snapshot.load(snap)


def time_page(browser, path: Path) -> dict:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    t0 = time.monotonic()
    page.goto(path.resolve().as_uri())
    while not page.evaluate("() => !!(window.eaMap && window.eaMap.stabilized)"):
        time.sleep(0.02)
    wall = time.monotonic() - t0
    since_nav = page.evaluate("() => eaMap.stabilizedAtMs") / 1000
    page.close()
    return {"wall_s": wall, "since_navigation_s": since_nav}


def main_(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[300, 2000])
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        where = Path(tmp)
        browser = p.chromium.launch(executable_path=args.chromium, args=ARGS)
        for size in args.sizes:
            ls = demo(size, where)
            for label in ("systems", "organisation"):
                t0 = time.process_time()
                model = maps.build_map(ls, as_of=AS_OF, config=Config(), view=label)
                out = maps.write_map(model, where / f"map-{size}-{label}.html")
                build_s = time.process_time() - t0
                r = time_page(browser, out)
                c = model.legend["counts"]
                print(f"{size:>6} systems ({c['nodes']} nodes, {c['edges']} edges) {label:<12} "
                      f"python {build_s:5.2f}s CPU  "
                      f"interactive {r['since_navigation_s']:5.2f}s after navigation "
                      f"(wall {r['wall_s']:5.1f}s), html {out.stat().st_size / 1e6:.1f} MB",
                      flush=True)
        browser.close()


if __name__ == "__main__":
    main_()
