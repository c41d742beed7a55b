"""The differential test: every registered query gives the same frame on the embedded
backend (a snapshot) and on a real Neo4j server (``queries/_neo4j.py``), on the demo region and
on the hand-built fixtures. Also: snapshot -> Neo4j -> snapshot is lossless on each of them, and
pushing snapshot B then snapshot A of the same files leaves exactly A (no value, source line,
node or relationship of B's shows).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest

from ea import queries
from ea.importers import endoflife
from ea.queries import _neo4j
from ea.store import neo4j as n4
from ea.store import snapshot
from tests import fixtures_architecture as fa
from tests import fixtures_governance as fg
from tests.neo4j_fixture import wipe_database

pytestmark = pytest.mark.neo4j

AS_OF = dt.date(2026, 11, 25)
PRODUCTS = Path(__file__).resolve().parents[2] / "shared" / "data" / "endoflife-date" / "products"


def _demo(seed: int = 7, size: int = 300):
    import tempfile

    from ea import demo
    from ea.importers import import_files

    with tempfile.TemporaryDirectory() as tmp:
        files = demo.generate(Path(tmp) / "demo", size=size, seed=seed)
        return import_files(files.paths, imported_at=AS_OF).landscape


def _flows():
    """Edge cases of the flow rules: a bidirectional integration through a platform, one
    whose platform is its own end, a platform that does not exist, a self-loop, an external
    and a retired partner, levels only through information, RTO as int and float."""
    from ea.landscape import Landscape

    ls = Landscape()
    a = ls.add_system("a", name="Alfa", k=4, r=2, t=4, rto_hours=2, continuity_plan=True)
    b = ls.add_system("b", name="Beta", k=1, t=3, rto_hours=8.5, continuity_plan=False)
    p = ls.add_system("p", name="Plattform", k=2, t=2, rto_hours=24.0)
    c = ls.add_system("c", name="Cesium", rto_hours=1)
    u = ls.add_system("u", name="Uran")
    e = ls.add_system("e", name="Extern", k=3, external=True)
    r = ls.add_system("r", name="Pensionerad", k=4, t=4, status="retired")
    info = ls.add_information("i", name="Statistik", s=2)
    ls.add_edge("PROCESSES", c, info)
    ls.add_integration(a, b, type="api", bidirectional=True, via=p)
    ls.add_integration(a, b, type="file")
    ls.add_integration(b, p, type="mq", via=p)
    ls.add_integration(a, c, type="file", via="System:saknas")
    ls.add_integration(a, a, type="db")
    ls.add_integration(e, u, type="api")
    ls.add_integration(r, u, type="file")
    ls.add_integration(u, c, type="file")
    return ls


LANDSCAPES = {
    "governance": fg.build,
    "flows": _flows,
    "hubs": fa.hub_landscape,
    "ageing": fa.ageing_landscape,
    "duplicates": fa.duplicates_landscape,
    "demo": _demo,
}


def _eol():
    files = [PRODUCTS / f"{p}.md" for p in ("msexchange", "sharepoint", "mssqlserver")]
    return endoflife.read(files) if all(f.exists() for f in files) else None


def calls(ls, eol) -> list[tuple[str, dict]]:
    """Every registered query with its default parameters, plus variants that exercise the
    parameters (filters, the impact walk, the vendor end-of-life table)."""
    systems = [k for k, _ in ls.nodes("System")]
    g = ls.integration_graph()
    busiest = max(systems, key=lambda k: (g.degree(k), k)) if systems else None
    out = []
    for name in queries.names():
        if name == "impact":
            if busiest is None:
                continue
            for direction in ("downstream", "upstream", "both"):
                out.append((name, {"system": busiest, "direction": direction}))
            out.append((name, {"system": busiest, "depth": 1}))
        else:
            out.append((name, {}))
    if eol is not None:
        out += [("ageing", {"eol_table": eol}), ("replacement", {"eol_table": eol})]
    orgs = [d.get("name") for _, d in ls.nodes("Organisation") if d.get("name")]
    if orgs:
        out += [(q, {"organisation": orgs[0]})
                for q in ("orphans", "check", "coordinate", "quality", "classification")]
    people = sorted(d.get("name") for _, d in ls.nodes("Person") if d.get("name"))
    if people:
        out += [(q, {"person": people[0]})
                for q in ("orphans", "coordinate", "quality", "classification")]
        out.append(("coordinate", {"target": people[-1]}))
    return out


@pytest.fixture(scope="module")
def store(neo4j_server, _neo4j_session_driver):
    st = n4.Store(n4.Settings(neo4j_server.uri, neo4j_server.user, neo4j_server.password,
                              neo4j_server.database), driver=_neo4j_session_driver)
    yield st
    wipe_database(_neo4j_session_driver, neo4j_server.database)


def _as_snapshot(ls):
    """The landscape as the embedded backend sees it: saved and loaded again."""
    return snapshot.from_dict(json.loads(snapshot.dumps(ls)))


@pytest.mark.parametrize("which", list(LANDSCAPES))
def test_same_frames_on_both_backends(which, store):
    ls = LANDSCAPES[which]()
    wipe_database(store.driver, store.database)
    n4.push(store, ls)
    # lossless: snapshot -> Neo4j -> snapshot
    assert json.loads(snapshot.dumps(n4.pull(store))) == json.loads(snapshot.dumps(ls))

    embedded = _as_snapshot(ls)
    eol = _eol()
    checked = []
    for name, params in calls(embedded, eol):
        want = queries.get(name).func(embedded, as_of=AS_OF, **params)
        got = _neo4j.run(store, name, as_of=AS_OF, **params)
        shown = {k: v for k, v in params.items() if k != "eol_table"}
        pd.testing.assert_frame_equal(got, want, obj=f"{which}: {name} {shown}")
        checked.append(name)
    assert set(checked) == set(queries.names())
    # quality's roll-ups
    from ea.queries import quality

    on_neo4j = _neo4j.landscape(store)
    for by in quality.ROLLUPS:
        pd.testing.assert_frame_equal(quality.rollup(on_neo4j, as_of=AS_OF, by=by),
                                      quality.rollup(embedded, as_of=AS_OF, by=by),
                                      obj=f"{which}: quality rollup by {by}")


def _same_frames(store, embedded, which: str) -> None:
    on_neo4j = _neo4j.landscape(store)
    for name, params in calls(embedded, _eol()):
        want = queries.get(name).func(embedded, as_of=AS_OF, **params)
        got = queries.get(name).func(on_neo4j, as_of=AS_OF, **params)
        shown = {k: v for k, v in params.items() if k != "eol_table"}
        pd.testing.assert_frame_equal(got, want, obj=f"{which}: {name} {shown}")


def test_push_b_then_a_leaves_exactly_a(store):
    """Issue 14 point 7: two snapshots of the same files (the demo region drawn twice, B larger).
    After pushing B and then A, Neo4j holds exactly A: no classification value, source line
    (``systemforteckning.xlsx[Systemförteckning]:NNN``), node or relationship that only B
    stated, and every report equals A's snapshot report."""
    b, a = _demo(seed=8, size=330), _demo(seed=7)
    files = sorted(f["file"] for f in a.meta["files"])
    assert files == sorted(f["file"] for f in b.meta["files"])
    assert any("[" in s for _, d in b.nodes() for s in d.get("sources") or [])
    wipe_database(store.driver, store.database)
    n4.push(store, b)
    res = n4.push(store, a)
    assert res.stale_nodes > 0 and res.stale_relationships > 0
    pulled = n4.pull(store)
    assert json.loads(snapshot.dumps(pulled)) == json.loads(snapshot.dumps(a))
    # no node or relationship A states carries a source line A does not have
    lines = sorted({s for _, d in a.nodes() for s in d.get("sources") or []}
                   | {s for *_, d in a.edges() for s in d.get("sources") or []})
    for pattern in ("(x) WHERE x.key IS NOT NULL AND", "()-[x]->() WHERE"):
        assert store.read(f"MATCH {pattern} NOT coalesce(x.ea_stale, false) AND any(s IN "
                          "coalesce(x.sources, []) WHERE NOT s IN $lines) RETURN count(x) AS n",
                          lines=lines)[0]["n"] == 0, pattern
    _same_frames(store, _as_snapshot(a), "B then A")
    # and back: A then B leaves exactly B
    n4.push(store, b)
    assert json.loads(snapshot.dumps(n4.pull(store))) == json.loads(snapshot.dumps(b))
    _same_frames(store, _as_snapshot(b), "A then B")


def test_repush_of_one_file_keeps_the_others_values(store):
    """Staleness is per source: re-pushing a landscape of one file removes what that file
    stated before and no longer states, and keeps what another file states about the same
    system."""
    from ea.landscape import Landscape

    def landscape(files: list[str], inventory_k: int | None, vendor: str) -> Landscape:
        ls = Landscape(meta={"files": [{"file": f} for f in files]})
        if "inventering.xlsx" in files:
            ls.add_system("cosmic", source="inventering.xlsx[System]:5", name="Cosmic",
                          vendor=vendor, **({"k": inventory_k} if inventory_k else {}))
        if "klassning.csv" in files:
            ls.add_system("cosmic", source="klassning.csv:2", name="Cosmic", t=4)
        return ls

    wipe_database(store.driver, store.database)
    n4.push(store, landscape(["inventering.xlsx", "klassning.csv"], 3, "Cambio"))
    n4.push(store, landscape(["inventering.xlsx"], None, "Cambio AB"))
    d = n4.pull(store).node("System:cosmic")
    assert (d.get("k"), d.get("t"), d["vendor"]) == (None, 4, "Cambio AB")
    assert "k" not in d
    assert d["sources"] == ["klassning.csv:2", "inventering.xlsx[System]:5"]

