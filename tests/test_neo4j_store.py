"""The Neo4j store against a real Neo4j 5.26 server: lossless round trip, idempotent
re-import, per-source staleness, a failure half-way, secrets, and the ``ea neo4j`` /
``ea import --neo4j`` / ``--neo4j`` query commands."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from ea.cli import main
from ea.landscape import Landscape
from ea.schema import INTEGRATES_WITH, OWNED_BY
from ea.store import neo4j as n4
from ea.store import snapshot
from tests import exports as X
from tests import fixtures_governance as fg

pytestmark = pytest.mark.neo4j

AS_OF = dt.date(2026, 11, 25)


@pytest.fixture
def store(neo4j_server, neo4j_driver):
    return n4.Store(n4.Settings(neo4j_server.uri, neo4j_server.user, neo4j_server.password,
                                neo4j_server.database), driver=neo4j_driver)


@pytest.fixture
def env(neo4j_server, neo4j_driver):
    """Environment for the CLI, pointing at the (emptied) test database."""
    return neo4j_server.cli_env()


def same(a: Landscape, b: Landscape) -> bool:
    return json.loads(snapshot.dumps(a)) == json.loads(snapshot.dumps(b))


def awkward() -> Landscape:
    ls = Landscape(meta={"imported_at": "2026-11-25", "people_lists": ["personal.csv"]},
                   ledger={"files": [{"file": "a.csv", "rows": 3}],
                           "entries": [{"file": "a.csv", "line": 4, "kind": "rejected",
                                        "reason": "no name", "value": None}]})
    s = ls.add_system("tc", source="a.csv:2", name="TakeCare – Örebro", vendor="CGI",
                      aliases=["TC", "Take Care"], criticality=4, t=3, rto_hours=4.5,
                      continuity_plan=None, in_house=False, raw={"t": "Allvarlig (3)"},
                      extra={"Kommentar": "ring 'Åsa'", "Antal": 12})
    ls.add_system("tc", source="b.csv:9", name="TakeCare – Örebro", vendor="Cambio")  # conflict
    o = ls.add_organisation("rs", source="a.csv:2", name="Regionstyrelsen", org_kind="nämnd")
    ls.add_edge(OWNED_BY, s, o, source="a.csv:2")
    p = ls.add_person("anna", name="Anna Ek", email="anna@example.org", active=None)
    ls.add_role(p, s, "object_owner", title="Objektägare")
    ls.add_vacant_role(s, "it_manager", source="a.csv:3", title="Förvaltningsledare IT",
                       raw="Vakant")
    x = ls.add_system("x", name="X", placeholder=True)
    ls.add_integration(s, x, source="a.csv:5", type="file", information=["Lön", "Tid"],
                       bidirectional=True, via=None)
    ls.add_integration(s, x, source="a.csv:6", via=x, type="api")
    ls.graph.nodes[s]["continuity_plan"] = None  # unknown, kept as a key with None
    ls.graph.nodes[x]["mixed"] = [1, "two", None]
    ls.graph.nodes[x]["empty"] = []
    ls.graph.nodes[x]["huge"] = 2 ** 70
    ls.graph.nodes[x]["nested"] = {"a": [{"b": None}]}
    return ls


def test_round_trip_is_lossless(store):
    ls = awkward()
    res = n4.push(store, ls)
    assert (res.nodes, res.relationships) == (4, 4)
    back = n4.pull(store)
    assert same(back, ls)
    assert back.node("System:tc")["conflicts"][0]["field"] == "vendor"
    # native values stay usable from Cypher; provenance is JSON, listed in _json
    row = store.read("MATCH (s:System {key: 'System:tc'}) RETURN s.t AS t, s.aliases AS a, "
                     "s._json AS js, s._nulls AS nulls, s.vendor AS v")[0]
    assert row == {"t": 3, "a": ["TC", "Take Care"], "v": "CGI", "nulls": ["continuity_plan"],
                   "js": ["conflicts", "extra", "field_sources", "raw", "vacant_roles"]}


def test_constraints_first_and_only_schema_labels(store):
    n4.push(store, fg.build())
    names = {r["name"] for r in store.read("SHOW CONSTRAINTS YIELD name RETURN name")}
    assert {"ea_system_key", "ea_object_key", "ea_person_key", "ea_organisation_key",
            "ea_information_key", "ea_ealandscape_key", "ea_run"} <= names
    labels = {r["l"] for r in store.read("MATCH (n) UNWIND labels(n) AS l RETURN DISTINCT l")}
    assert labels == {"System", "Object", "Person", "Organisation", "Information",
                      "EaLandscape", "EaRun"}
    with pytest.raises(n4.Neo4jStoreError):
        n4._node_cypher("System) DETACH DELETE (x")
    with pytest.raises(n4.Neo4jStoreError):
        n4._rel_cypher("KNOWS", "System", "System")


def test_pushing_twice_changes_nothing(store):
    ls = fg.build()
    n4.push(store, ls, batch_size=7)
    first = n4.pull(store)
    res = n4.push(store, ls, batch_size=7)
    assert (res.stale_nodes, res.stale_relationships) == (0, 0)
    assert same(n4.pull(store), first) and same(first, ls)
    counts = store.read("MATCH (n) RETURN count(n) AS n")[0]["n"]
    assert counts == 36 + 1 + 2  # nodes, the landscape node, two run markers
    runs = n4.status(store)["runs"]
    assert [(r["run"], r["status"]) for r in runs] == [(2, "complete"), (1, "complete")]


def two_sources(*, with_y=True, with_edge=True) -> Landscape:
    ls = Landscape(meta={"files": [{"file": "a.csv"}, {"file": "b.csv"}]})
    org = ls.add_organisation("rs", source="b.csv:1", name="RS")
    x = ls.add_system("x", source="a.csv:2", name="X")
    if with_y:
        ls.add_system("y", source="a.csv:3", name="Y")
    z = ls.add_system("z", source="b.csv:2", name="Z")
    ls.add_system("w", source="a.csv:4", name="W")
    ls.add_system("w", source="b.csv:3", name="W")
    ls.add_edge(OWNED_BY, z, org, source="b.csv:2")
    if with_edge:
        ls.add_integration(x, z, source="a.csv:5", type="file")
    return ls


def only_a(**kw) -> Landscape:
    """What importing a.csv alone gives: its statements only."""
    full = two_sources(**kw)
    ls = Landscape(meta={"files": [{"file": "a.csv"}]})
    for _key, d in full.nodes("System"):
        mine = [s for s in d["sources"] if s.startswith("a.csv:")]
        if mine:
            ls.add_system(d["id"], source=mine[0], name=d["name"])
    return ls


def test_reimporting_one_source_marks_only_its_statements_stale(store):
    n4.push(store, two_sources())
    seen_z = store.read("MATCH (s:System {key: 'System:z'}) RETURN s.ea_seen AS e")[0]["e"]
    res = n4.push(store, only_a(with_y=False))
    assert res.sources == ["a.csv"]
    assert (res.stale_nodes, res.stale_relationships) == (1, 1)  # Y and X -> Z
    back = n4.pull(store)
    assert sorted(k for k, _ in back.nodes("System")) == ["System:w", "System:x", "System:z"]
    assert list(back.edges(INTEGRATES_WITH)) == []
    assert back.node("System:w")["sources"] == ["b.csv:3", "a.csv:4"]  # b's line kept
    # b's data untouched; nothing deleted
    assert store.read("MATCH (s:System {key: 'System:z'}) RETURN s.ea_seen AS e, "
                      "s.ea_stale AS st")[0] == {"e": seen_z, "st": False}
    assert list(back.edges(OWNED_BY)) and back.meta["files"] == [{"file": "b.csv"},
                                                                 {"file": "a.csv"}]
    assert store.read("MATCH (s:System) RETURN count(s) AS n")[0]["n"] == 4
    y = store.read("MATCH (s:System {key: 'System:y'}) RETURN s.ea_stale AS st, "
                   "s.ea_stale_sources AS src")[0]
    assert y == {"st": True, "src": ["a.csv"]}
    st = {r["label"]: (r["n"], r["stale"]) for r in n4.status(store)["nodes"]}
    assert st["System"] == (4, 1)
    # a.csv states Y again: it is current again
    res = n4.push(store, only_a())
    assert res.stale_nodes == 0
    assert "System:y" in n4.pull(store)


def test_failure_half_way_is_consistent_and_a_rerun_completes(store):
    ls = fg.build()
    calls = []

    def boom(phase, done, total):
        calls.append((phase, done, total))
        if len(calls) == 2:
            raise RuntimeError("connection lost")

    with pytest.raises(n4.Neo4jStoreError) as err:
        n4.push(store, ls, batch_size=5, progress=boom)
    msg = str(err.value)
    assert "after 10 of 36 nodes and 0 of 45 relationships" in msg
    assert "run the import again" in msg
    assert store.read("MATCH (n:System) RETURN count(n) AS n")[0]["n"] == 10  # two batches
    assert store.read("MATCH (n) WHERE n.ea_stale RETURN count(n) AS n")[0]["n"] == 0
    assert n4.status(store)["runs"][0]["status"] == "failed"
    res = n4.push(store, ls, batch_size=5)
    assert (res.nodes, res.relationships) == (36, 45)
    assert same(n4.pull(store), ls)


def test_password_never_shown(neo4j_server, neo4j_driver):
    secret = "not-the-password-Xq7"
    # a user of its own: failed logins lock a user out for a while (auth rate limit)
    user = "ea-test-nobody"
    st = n4.Settings(neo4j_server.uri, user, secret)
    assert secret not in repr(st) and secret not in st.describe()
    with n4.Store(st) as bad, pytest.raises(n4.Neo4jStoreError) as err:
        bad.check()
    assert secret not in str(err.value) and neo4j_server.uri in str(err.value)
    r = CliRunner().invoke(main, ["neo4j", "status"], env={
        "NEO4J_URI": neo4j_server.uri, "NEO4J_USER": user, "NEO4J_PASSWORD": secret,
        "EA_CONFIG": ""})
    assert r.exit_code == 1 and secret not in r.output
    assert r.output.startswith("Error: cannot reach Neo4j at ")


def test_settings_from_env_then_config(monkeypatch):
    from ea.config import Config

    for var in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(var, raising=False)
    cfg = Config({"neo4j": {"uri": "bolt://db:7687", "user": "ea", "password": "pw-1",
                            "database": "landscape"}})
    assert n4.settings(cfg) == n4.Settings("bolt://db:7687", "ea", "pw-1", "landscape")
    monkeypatch.setenv("NEO4J_URI", "neo4j://other:7687")
    assert n4.settings(cfg).uri == "neo4j://other:7687"
    assert n4.settings().database == "neo4j"


def test_cli_push_status_pull_and_queries(tmp_path, env):
    snap = snapshot.save(fg.build(), tmp_path / "ls.json")
    r = CliRunner().invoke(main, ["neo4j", "push", "-l", str(snap)], env=env)
    assert r.exit_code == 0, r.output
    assert "36 nodes and 45 relationships written" in r.output
    assert env["NEO4J_PASSWORD"] not in r.output
    r = CliRunner().invoke(main, ["neo4j", "status"], env=env)
    assert r.exit_code == 0, r.output
    assert ":System" in r.output and "11 nodes" in r.output and "run 1: complete" in r.output
    out = tmp_path / "back.json"
    r = CliRunner().invoke(main, ["neo4j", "pull", "-o", str(out)], env=env)
    assert r.exit_code == 0, r.output
    assert same(snapshot.load(out), snapshot.load(snap))
    # governance reports: --neo4j, or EA_BACKEND=neo4j, give what the snapshot gives
    for args in (["orphans", "-f", "csv"], ["classification", "-f", "csv"],
                 ["check", "-f", "csv"], ["quality", "-f", "csv"],
                 ["coordinate", "-f", "csv"]):
        want = CliRunner().invoke(main, [*args, "-l", str(snap), "--as-of", "2026-11-25"],
                                  env=env)
        got = CliRunner().invoke(main, [*args, "--neo4j", "--as-of", "2026-11-25"], env=env)
        assert want.exit_code == 0 and got.exit_code == 0, got.output
        assert got.output == want.output, args
    got = CliRunner().invoke(main, ["orphans", "--as-of", "2026-11-25", "-f", "csv"],
                             env={**env, "EA_BACKEND": "neo4j"})
    assert got.exit_code == 0 and "Lifecare" in got.output


def test_import_with_neo4j_flag(tmp_path, env, store):
    files = [str(p) for p in X.all_exports(tmp_path)]
    r = CliRunner().invoke(main, ["import", *files, "-o", str(tmp_path / "ls.json"),
                                  "--as-of", "2026-11-25", "--neo4j"], env=env)
    assert r.exit_code == 0, r.output
    assert "Neo4j run 1:" in r.output
    assert same(n4.pull(store), snapshot.load(tmp_path / "ls.json"))
    # importing the same files again changes no data
    r = CliRunner().invoke(main, ["import", *files, "-o", str(tmp_path / "ls.json"),
                                  "--as-of", "2026-11-25", "--neo4j", "-q"], env=env)
    assert r.exit_code == 0, r.output
    assert same(n4.pull(store), snapshot.load(tmp_path / "ls.json"))
    assert store.read("MATCH (n) WHERE n.ea_stale RETURN count(n) AS n")[0]["n"] == 0


def _everything(store) -> tuple[list, list]:
    """Every node and relationship with every property (the stamps too), sorted."""
    nodes = store.read("MATCH (n) WHERE NOT n:EaRun RETURN labels(n) AS l, properties(n) AS p")
    rels = store.read("MATCH (a)-[r]->(b) RETURN a.key AS a, type(r) AS t, b.key AS b, "
                      "properties(r) AS p")
    return (sorted(nodes, key=lambda r: json.dumps(r, sort_keys=True)),
            sorted(rels, key=lambda r: json.dumps(r, sort_keys=True)))


@pytest.mark.parametrize("build", [awkward, fg.build, two_sources])
def test_a_first_push_writes_the_same_database_as_the_general_way(store, neo4j_driver, build):
    from ea.store.neo4j.facts import derived_facts
    from tests.neo4j_fixture import wipe_database

    ls = build()
    facts = derived_facts(ls, as_of=AS_OF)
    res = n4.push(store, ls, derived=facts, batch_size=3)
    assert res.first and (res.stale_nodes, res.stale_relationships) == (0, 0)
    fast = _everything(store)
    assert len(fast[0]) == len(ls.graph) + 1 and len(fast[1]) == ls.graph.number_of_edges()
    wipe_database(neo4j_driver)
    res = n4.push(store, ls, derived=facts, batch_size=3, first=False)
    assert not res.first
    assert _everything(store) == fast
    # a push into a database that holds data takes the general way by itself
    assert not n4.push(store, ls, derived=facts).first
    assert _everything(store)[1] == [{**r, "p": {**r["p"], "ea_seen": [
        e.replace("\t1", "\t2") for e in r["p"]["ea_seen"]]}} for r in fast[1]]


def test_a_batch_whose_commit_was_already_made_is_not_written_again(store):
    """What a retried transaction finds when its first attempt did commit."""
    store.write("CREATE (:EaRun {run: 1, nodes_written: 5})")
    create = ("CREATE (:System {key: 'System:a'})", {})
    got = store.write_all([create], skip_if=("MATCH (r:EaRun {run: 1}) RETURN "
                                             "r.nodes_written AS n", {},
                                             lambda rows: rows[0]["n"] >= 5))
    assert got is None
    assert store.read("MATCH (s:System) RETURN count(s) AS n")[0]["n"] == 0
    store.write_all([create], skip_if=("MATCH (r:EaRun {run: 1}) RETURN r.nodes_written AS n",
                                       {}, lambda rows: rows[0]["n"] >= 6))
    assert store.read("MATCH (s:System) RETURN count(s) AS n")[0]["n"] == 1


def test_the_push_line_names_eight_files_and_counts_the_rest(tmp_path, env):
    ls = Landscape(meta={"files": [{"file": f"kommun-{i:02}.csv"} for i in range(10)]})
    for i in range(10):
        ls.add_system(f"s{i}", source=f"kommun-{i:02}.csv:2", name=f"System {i}")
    snapshot.save(ls, tmp_path / "ls.json")
    r = CliRunner().invoke(main, ["neo4j", "push", "--landscape", str(tmp_path / "ls.json"),
                                  "--as-of", "2026-11-25"], env=env)
    assert r.exit_code == 0, r.output
    assert ("10 nodes and 0 relationships written in" in r.output
            and "for kommun-00.csv, kommun-01.csv, kommun-02.csv, kommun-03.csv, "
                "kommun-04.csv, kommun-05.csv, kommun-06.csv, kommun-07.csv, and 2 more; "
            in r.output), r.output
