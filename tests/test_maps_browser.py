"""``ea map`` opened in a real headless Chromium (Debian's ``chromium``) through Playwright,
with no network: the page must load nothing from outside, log no errors, hold the expected
nodes and edges, and show a script-like system name as inert text.

Needs ``pip install playwright`` (no ``playwright install``: Debian's /usr/bin/chromium is
used) and ``apt-get install chromium``. Skipped when either is missing, unless
``EA_REQUIRE_BROWSER=1`` (CI), which turns the skip into a failure. Screenshots go to the
git-ignored ``artifacts/`` folder.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from ea import maps
from ea.cli import main
from tests.conftest import AS_OF
from tests.fixtures_maps import EVIL, build

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("EA_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


def _missing(why: str):
    if os.environ.get("EA_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests required but {why}")
    pytest.skip(why)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed (pip install playwright)")
    if not Path(CHROMIUM).exists():
        _missing(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Page:
    """A page that records console messages, page errors, dialogs and every request."""

    def __init__(self, browser, path: Path):
        self.ctx = browser.new_context(viewport={"width": 1400, "height": 900})
        self.page = self.ctx.new_page()
        self.errors, self.requests, self.dialogs = [], [], []
        self.page.on("console", lambda m: m.type in ("error", "warning")
                     and self.errors.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(path.resolve().as_uri())
        self.wait_stable()

    def wait_stable(self, timeout: float = 180.0) -> None:
        # Polled from Python: the page's CSP forbids eval, which wait_for_function needs.
        end = time.monotonic() + timeout
        while not self.page.evaluate("() => !!(window.eaMap && window.eaMap.stabilized)"):
            assert time.monotonic() < end, "the map never reached a stable layout"
            time.sleep(0.05)

    def counts(self) -> tuple[int, int]:
        return tuple(self.page.evaluate(
            "() => [eaMap.nodes.get({filter: n => !n.hidden}).length,"
            " eaMap.edges.get({filter: e => !e.hidden}).length]"))

    def assert_clean(self) -> None:
        assert self.errors == []
        assert self.dialogs == []
        outside = [u for u in self.requests if not u.startswith(("file://", "data:"))]
        assert outside == []

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        out = ARTIFACTS / name
        self.page.screenshot(path=str(out))
        return out


def test_fixture_map_is_inert_offline_and_complete(browser, tmp_path):
    path = maps.write_map(maps.build_map(build(), as_of=AS_OF), tmp_path / "map.html")
    page = Page(browser, path)
    assert page.counts() == (7, 7)
    pg = page.page
    # Hover the script-named system: its tooltip shows the name as text, no element is made.
    x, y = pg.evaluate("""() => {
        const n = eaMap.network, p = n.getPositions(['System:evil'])['System:evil'];
        const d = n.canvasToDOM(p), r = document.getElementById('ea-network').getBoundingClientRect();
        return [r.left + d.x, r.top + d.y]; }""")
    pg.mouse.move(x - 30, y - 30)
    pg.mouse.move(x, y, steps=5)
    pg.wait_for_selector("div.vis-tooltip", state="visible", timeout=5000)
    tip = pg.inner_text("div.vis-tooltip")
    assert EVIL in tip and "Marked" in tip and "unowned" in tip
    # a top hub of this small map: its name is drawn on the canvas, as text
    assert pg.evaluate("() => eaMap.hubLabels.filter(h => h[0] === 'System:evil')[0][1]") == EVIL
    assert pg.evaluate("() => document.querySelectorAll('img, iframe, object').length") == 0
    legend = pg.inner_text("#ea-panel")
    assert "7 systems, 7 connections" in legend and "Unowned" in legend
    page.screenshot("map-fixture-tooltip.png")
    time.sleep(0.3)  # let a stray handler fire if one could
    page.assert_clean()


@pytest.fixture(scope="module")
def demo_landscape(tmp_path_factory):
    where = tmp_path_factory.mktemp("demo")
    snap = where / "landscape.json"
    res = CliRunner().invoke(main, ["demo", "--out", str(where / "files"), "-l", str(snap),
                                    "--as-of", AS_OF.isoformat()])
    assert res.exit_code == 0, res.output
    return snap


@pytest.mark.parametrize("args,shot", [
    ([], "map-demo.png"),
    (["--by", "organisation"], "map-demo-organisations.png"),
    (["--focus", "Heroma HR", "--depth", "2", "--color-by", "lifecycle"], "map-demo-focus.png"),
])
def test_demo_maps_in_the_browser(browser, demo_landscape, tmp_path, args, shot):
    out = tmp_path / "map.html"
    res = CliRunner().invoke(main, ["map", "-l", str(demo_landscape), "-o", str(out),
                                    "--as-of", AS_OF.isoformat(), *args])
    assert res.exit_code == 0, res.output
    from ea.store import snapshot

    model = maps.build_map(snapshot.load(demo_landscape), as_of=AS_OF,
                           view="organisation" if "--by" in args else "systems",
                           focus="Heroma HR" if "--focus" in args else None, depth=2)
    page = Page(browser, out)
    counts = model.legend["counts"]
    assert page.counts() == (counts["nodes"], counts["edges"])
    page.screenshot(shot)
    page.assert_clean()


@pytest.fixture(scope="module")
def region_2000(tmp_path_factory):
    """The demo region at 2,000 systems, generated and imported in-process."""
    from ea.demo import generate
    from ea.importers import import_files

    files = generate(tmp_path_factory.mktemp("demo2000") / "demo", size=2000, seed=7)
    return import_files(files.paths, imported_at=AS_OF).landscape


@pytest.mark.slow
def test_2000_system_map_is_interactive_within_5_seconds(browser, region_2000, tmp_path):
    model = maps.build_map(region_2000, as_of=AS_OF, view="systems")
    assert model.options["physics"] == {"enabled": False}
    path = maps.write_map(model, tmp_path / "map-2000.html")
    t0 = time.monotonic()
    page = Page(browser, path)  # returns once the page has drawn the map
    wall = time.monotonic() - t0
    since_navigation = page.page.evaluate("() => eaMap.stabilizedAtMs") / 1000
    print(f"2,000-system map: interactive {since_navigation:.2f} s after navigation "
          f"({wall:.2f} s wall clock, {path.stat().st_size / 1e6:.1f} MB)")
    assert since_navigation < 5.0 and wall < 5.0
    counts = model.legend["counts"]
    assert page.counts() == (counts["nodes"], counts["edges"])
    # positions are Python's: nothing moved (vis-network reports whole units)
    at = page.page.evaluate("() => eaMap.network.getPositions()")
    assert len(at) == len(model.nodes)
    assert all(abs(at[n["id"]]["x"] - n["x"]) < 1 and abs(at[n["id"]]["y"] - n["y"]) < 1
               for n in model.nodes)
    # the top hubs are labelled, and no label overlaps another, a hub or an organisation's
    # title (boxes as the page draws them)
    from ea.maps.layout import _circle_hits_box, _label_box, _overlaps, _title_box

    labelled = [n for n in model.nodes if n.get("hub_label")]
    assert len(labelled) == 30
    boxes = [_label_box(n["x"], n["y"], n["size"], n["label"], n["hub_label"]["size"],
                        n["hub_label"]["side"]) for n in labelled]
    titles = [_title_box(g["x"], g["y"], g["r"], g["label"], g["font"]) for g in model.groups]
    assert not [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:] if _overlaps(a, b)]
    assert not [b for b in boxes for t in titles if _overlaps(b, t)]
    assert not [(n["label"], b) for n in labelled for b in boxes
                if _circle_hits_box(n["x"], n["y"], n["size"], b)]
    assert page.page.evaluate("() => eaMap.hubLabels.length") == 30
    page.screenshot("map-2000.png")
    page.assert_clean()


def test_organisation_view_click_gives_the_drill_down_command(browser, tmp_path):
    model = maps.build_map(build(), as_of=AS_OF, view="organisation")
    path = maps.write_map(model, tmp_path / "orgs.html")
    page = Page(browser, path)
    pg = page.page
    assert "Click an organisation" in pg.inner_text("#ea-panel")
    x, y = pg.evaluate("""() => {
        const id = 'group:Regionstyrelseförvaltningen', n = eaMap.network;
        const d = n.canvasToDOM(n.getPositions([id])[id]);
        const r = document.getElementById('ea-network').getBoundingClientRect();
        return [r.left + d.x, r.top + d.y]; }""")
    pg.mouse.click(x, y)
    pg.wait_for_selector("#ea-drill code", state="visible", timeout=5000)
    assert pg.inner_text("#ea-drill code") == \
        'ea map --organisation "Regionstyrelseförvaltningen" -o map.html'
    page.screenshot("map-fixture-organisations.png")
    page.assert_clean()


def _click_node(pg, node_id: str) -> None:
    x, y = pg.evaluate("""(id) => {
        const n = eaMap.network, d = n.canvasToDOM(n.getPositions([id])[id]);
        const r = document.getElementById('ea-network').getBoundingClientRect();
        return [r.left + d.x, r.top + d.y]; }""", node_id)
    pg.mouse.click(x, y)


def test_drill_down_click_an_organisation_opens_its_page_and_back(browser, tmp_path):
    """``ea map -o DIR/``: the overview's organisation nodes open their own page (the
    organisation's systems and their partners), which links back; names stay text."""
    ls = build()
    ls.add_organisation("evil-org", name=EVIL)
    ls.add_edge("PART_OF", "Organisation:evil-org", "Organisation:region-x")
    ls.add_edge("OWNED_BY", "System:ghost", "Organisation:evil-org")
    from ea.store import snapshot

    snap = snapshot.save(ls, tmp_path / "landscape.json")
    out = tmp_path / "maps"
    res = CliRunner().invoke(main, ["map", "-l", str(snap), "-o", f"{out}/", "--as-of",
                                    AS_OF.isoformat()])
    assert res.exit_code == 0, res.output
    page = Page(browser, out / "index.html")
    pg = page.page
    assert page.counts() == (5, 4)
    assert "Click an organisation" in pg.inner_text("#ea-panel")
    with pg.expect_navigation():
        _click_node(pg, "group:Regionstyrelseförvaltningen")
    assert pg.url.endswith("/org-regionstyrelseforvaltningen.html")
    page.wait_stable()
    # Raindance, Heroma and the three systems they exchange data with
    assert page.counts() == (5, 5)
    assert sorted(pg.evaluate("() => eaMap.nodes.getIds()")) == [
        "System:cosmic", "System:evil", "System:ghost", "System:heroma", "System:raindance"]
    assert pg.inner_text("#ea-title") == "Region X: Regionstyrelseförvaltningen"
    page.screenshot("map-drill-down-page.png")
    with pg.expect_navigation():
        pg.click("#ea-back")
    page.wait_stable()
    assert pg.url.endswith("/index.html") and page.counts() == (5, 4)
    # the legend's names are links too, and a script-like organisation name is a name
    with pg.expect_navigation():
        pg.click(f"#ea-legend-body a:text-is('{EVIL}')")
    page.wait_stable()
    assert pg.url.endswith("/org-img-src-x-onerror-alert-1.html")
    assert pg.inner_text("#ea-title") == f"Region X: {EVIL}"
    assert page.counts() == (2, 1)  # Ghost, and Heroma it feeds
    assert pg.evaluate("() => document.querySelectorAll('img, iframe, object').length") == 0
    page.assert_clean()


def test_drill_down_big_page_partner_organisation_opens_its_page(browser, tmp_path):
    """Above maps.large_threshold an organisation page folds its partners into one node per
    organisation; clicking one opens that organisation's page."""
    from ea.config import Config

    overview, pages = maps.build_drill_down(build(), as_of=AS_OF,
                                            config=Config({"maps": {"large_threshold": 3}}))
    maps.write_drill_down(overview, pages, tmp_path / "maps")
    page = Page(browser, tmp_path / "maps" / "org-regionstyrelseforvaltningen.html")
    pg = page.page
    assert page.counts() == (4, 5)
    assert pg.inner_text("#ea-counts").startswith("2 systems, 2 other organisations, 5 ")
    labels = pg.evaluate("() => eaMap.hubLabels.map(h => h[1])")
    assert "Hälso- och sjukvårdsförvaltningen (1)" in labels
    page.screenshot("map-drill-down-folded.png")
    with pg.expect_navigation():
        _click_node(pg, "group:Hälso- och sjukvårdsförvaltningen")
    page.wait_stable()
    assert pg.url.endswith("/org-halso-och-sjukvardsforvaltningen.html")
    assert pg.inner_text("#ea-title") == "Region X: Hälso- och sjukvårdsförvaltningen"
    page.assert_clean()
