"""The differential test: every registered query gives the same frame on the embedded
backend (a snapshot) and on a real Neo4j server (``queries/_neo4j.py``), on the demo region and
on the hand-built fixtures. Also: snapshot -> Neo4j -> snapshot is lossless on each of them.
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


def _demo():
    import tempfile

    from ea import demo
    from ea.importers import import_files

    with tempfile.TemporaryDirectory() as tmp:
        files = demo.generate(Path(tmp) / "demo", size=300, seed=7)
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
    # quality's roll-ups, from the Cypher checks
    from ea.queries import quality

    on_neo4j = _neo4j.facts_landscape(store, "quality")
    for by in quality.ROLLUPS:
        pd.testing.assert_frame_equal(quality.rollup(on_neo4j, as_of=AS_OF, by=by),
                                      quality.rollup(embedded, as_of=AS_OF, by=by),
                                      obj=f"{which}: quality rollup by {by}")


def _canonical(rows: list[dict]) -> list[str]:
    """Fact rows in a comparable form: lists sorted (people, managers), rows sorted."""
    def norm(v):
        if isinstance(v, list):
            items = [norm(x) for x in v]
            return sorted(items, key=lambda x: json.dumps(x, sort_keys=True, default=str))
        if isinstance(v, dict):
            return {k: norm(x) for k, x in v.items()}
        return v
    return sorted(json.dumps(norm(r), sort_keys=True, default=str) for r in rows)


FACT_VARIANTS = {
    "orphans": [
        {},
        {"mandatory_roles": ["object_owner", "information_owner"],
         "forbid_owner_as_it_manager": False, "board_kinds": ["förvaltning"]},
        {"judge_people": False},
        {"judge_people": True},
    ],
    "coordinate": [
        {},
        {"roles": ["it_manager", "object_owner"], "horizon_months": 0},
        {"horizon_months": 60, "as_of": "2027-03-31"},
    ],
    "classification": [{}, {"high_t": 2}, {"high_t": 4}],
    "quality": [
        {},
        {"high_t": 2, "cutoff": "2026-05-01"},
        {"mandatory_roles": ["information_owner"], "judge_people": False},
        {"judge_people": True},
    ],
}


@pytest.mark.parametrize("which", list(LANDSCAPES))
def test_cypher_facts_equal_python_facts(which, store):
    """The set-shaped questions: each statement of orphans.cypher, coordinate.cypher,
    classification.cypher and quality.cypher returns exactly the rows the embedded backend's facts() computes, under several
    parameter sets (not only the defaults the frame test uses)."""
    from ea.queries import classification, coordinate, orphans, quality

    ls = LANDSCAPES[which]()
    wipe_database(store.driver, store.database)
    n4.push(store, ls)
    embedded = _as_snapshot(ls)
    base = {"orphans": orphans.fact_params(embedded, orphans.settings(None)),
            "coordinate": coordinate.fact_params(coordinate.settings(None), AS_OF),
            "classification": classification.fact_params(classification.DEFAULTS),
            "quality": quality.fact_params(embedded, quality.settings(None),
                                           orphans.settings(None)["mandatory_roles"], AS_OF)}
    mods = {"orphans": orphans, "coordinate": coordinate, "classification": classification,
            "quality": quality}
    for query, variants in FACT_VARIANTS.items():
        for variant in variants:
            params = {**base[query], **variant}
            want = _canonical(mods[query].facts(embedded, params))
            got = _canonical(_neo4j.findings(store, query, params))
            assert got == want, f"{which}: {query} {variant}"


def test_cypher_files_are_readable_and_complete():
    for name in queries.names():
        stmts = _neo4j.statements(_neo4j.cypher_file(name))
        assert stmts and all(part in ("nodes", "rels", "meta") for part, _ in stmts)
        assert any(part == "nodes" for part, _ in stmts)
    # the set-shaped queries compute their findings in Cypher, with Browser :param lines
    for name in ("orphans", "coordinate", "classification", "quality"):
        stmts = _neo4j.statements(name)
        assert stmts and all(part == "findings" for part, _ in stmts), name
        text = (_neo4j.CYPHER_DIR / f"{name}.cypher").read_text(encoding="utf-8")
        assert ":param " in text, name
    for path in _neo4j.CYPHER_DIR.glob("*.cypher"):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("// ea"), path
        assert "What runs where" in text, path
