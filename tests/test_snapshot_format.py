"""The snapshot loader (issue 18, point 4): fast, and still exactly the landscape the file
holds, with the same one-line errors (tests/test_hostile_input.py has the damaged-snapshot
cases; these add the ones the fast path could get wrong).

``tests/data/snapshot-v1-governance.json`` is the hand-built governance landscape
(tests/fixtures_governance.py) as ea wrote it before the loader changed (version 1, written
by ea/store/snapshot.py at b49a893): every later ea must read it to the same report frames
as a plain ``json.loads`` with ``add_node``/``add_edge`` does.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from ea.errors import SnapshotError
from ea.landscape import Landscape
from ea.queries import ageing, check, classification, coordinate, hubs, orphans, quality
from ea.store import snapshot
from tests.test_hostile_input import _edit, _lines, _small_snapshot, assert_one_line_error, cli

V1 = Path(__file__).parent / "data" / "snapshot-v1-governance.json"
AS_OF = dt.date(2026, 11, 25)


def plain_load(path: Path) -> Landscape:
    """The reference: the whole document through the standard library, then the graph
    through networkx's own add_node/add_edge (no checks)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    g = nx.MultiDiGraph()
    for n in data["nodes"]:
        n = dict(n)
        g.add_node(n.pop("key"), **n)
    for e in data["edges"]:
        e = dict(e)
        g.add_edge(e.pop("source"), e.pop("target"), key=e.pop("key"), **e)
    return Landscape(g, meta=data["meta"], ledger=data["ledger"])


def _same_graph(a: nx.MultiDiGraph, b: nx.MultiDiGraph, *, order: bool = True) -> None:
    assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))
    assert sorted(a.edges(keys=True, data=True), key=lambda e: e[:3]) == \
        sorted(b.edges(keys=True, data=True), key=lambda e: e[:3])
    assert {u: dict(a.pred[u]) for u in a} == {u: dict(b.pred[u]) for u in b}
    if order:
        assert list(a.nodes) == list(b.nodes)


def test_version_1_snapshot_loads_to_the_same_landscape_and_reports():
    new, ref = snapshot.load(V1), plain_load(V1)
    _same_graph(new.graph, ref.graph)
    assert new.meta == ref.meta == {"people_lists": ["personal.csv"]}
    assert new.stats() == ref.stats()
    assert new.stats()["nodes"] == {"System": 11, "Object": 5, "Person": 12,
                                    "Organisation": 6, "Information": 2}
    for query in (orphans, coordinate, hubs, ageing, quality, classification, check):
        pd.testing.assert_frame_equal(query.run(new, as_of=AS_OF), query.run(ref, as_of=AS_OF))
    found = orphans.run(new, as_of=AS_OF)
    assert len(found) == 13
    assert set(found.loc[found["name"] == "Qlik Sense", "code"]) == {
        "inactive_holder", "multiple_owning_boards", "owner_is_it_manager"}
    # and writing it back gives the same bytes: the format did not change
    assert snapshot.dumps(new) == V1.read_text(encoding="utf-8")


def test_loaded_graph_behaves_like_a_built_one(tmp_path):
    """The loader fills networkx's dicts directly: the graph must still take additions,
    removals and views as one built with add_node/add_edge does."""
    ls = snapshot.load(V1)
    a = ls.add_system("ny", name="Nytt system")
    ls.add_integration(a, "System:raindance", type="api")
    assert ls.graph.has_edge(a, "System:raindance")
    assert a in ls.graph.pred["System:raindance"]
    ls.graph.remove_node("System:lifecare")
    assert "System:lifecare" not in ls.graph.succ["System:cosmic"]
    back = snapshot.load(snapshot.save(ls, tmp_path / "l.json"))
    _same_graph(back.graph, ls.graph, order=False)  # written in key order


def test_pretty_printed_version_1_loads_the_same(tmp_path):
    p = tmp_path / "pretty.json"
    p.write_text(json.dumps(json.loads(V1.read_text(encoding="utf-8")), indent=1),
                 encoding="utf-8")
    _same_graph(snapshot.load(p).graph, snapshot.load(V1).graph)


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_left_as_it_was(tmp_path, enabled):
    (gc.enable if enabled else gc.disable)()
    try:
        snapshot.load(V1)
        assert gc.isenabled() is enabled
        bad = tmp_path / "bad.json"
        bad.write_text(V1.read_text(encoding="utf-8").replace('"kind": "System"',
                                                              '"kind": "Sytem"', 1),
                       encoding="utf-8")
        with pytest.raises(SnapshotError):
            snapshot.load(bad)
        assert gc.isenabled() is enabled
    finally:
        gc.enable()


NODE_LINE, EDGE_LINE = 6, 10  # in tests/test_hostile_input.py's _small_snapshot


def _twice(lines: list[str], i: int) -> None:
    lines.insert(i, lines[i - 1].rstrip(",") + ",")


def _sub(i: int, old: str, new: str):
    def edit(lines: list[str]) -> None:
        assert old in lines[i - 1]
        lines[i - 1] = lines[i - 1].replace(old, new)
    return edit


@pytest.mark.parametrize("edit,words", [
    # a second copy of a node or an edge (the fast path looks the edge's key up itself)
    (lambda lines: _twice(lines, NODE_LINE), ["landscape.json:7", "node System:S1 appears twice"]),
    (lambda lines: _twice(lines, EDGE_LINE),
     ["landscape.json:11", "edge System:S1 -> System:S2 (INTEGRATES_WITH) appears twice"]),
    # an edge whose kind cannot join its ends; a key that is no text
    (_sub(EDGE_LINE, '"kind": "INTEGRATES_WITH"', '"kind": "OWNED_BY"'),
     ["landscape.json:10", "OWNED_BY cannot join System to System"]),
    (_sub(EDGE_LINE, '"key": "INTEGRATES_WITH"', '"key": ["x"]'),
     ["landscape.json:10", "'key' must be a text"]),
    # a wrong type in the second record of a kind, after one that passed
    (_sub(NODE_LINE + 1, '"name": "Heroma"', '"name": 7'),
     ["landscape.json:7", "node System:S2: 'name' must be a text, not 7"]),
    (_sub(NODE_LINE + 1, '"sources": ["s.csv:3"]', '"sources": ["s.csv:3", 3]'),
     ["landscape.json:7", "'sources' must be a list of texts"]),
    (_sub(NODE_LINE + 1, '"first_seen": "2026-11-25"', '"first_seen": 2026'),
     ["landscape.json:7", "'first_seen' must be a text, not 2026"]),
])
def test_damaged_records_on_the_fast_path(tmp_path, edit, words):
    snap = _small_snapshot(tmp_path)
    lines = _lines(snap)
    edit(lines)
    snap.write_text("\n".join(lines), encoding="utf-8")
    line = assert_one_line_error(cli("stats", "-l", str(snap)), str(snap), *words)
    assert line.endswith(f"a backup is at {snap}.bak"), line
    with pytest.raises(SnapshotError):
        snapshot.load(snap)


def test_a_byte_that_is_not_utf8_names_its_line(tmp_path):
    snap = _small_snapshot(tmp_path)
    data = snap.read_bytes().split(b"\n")
    data[NODE_LINE - 1] = data[NODE_LINE - 1].replace(b"Raindance", b"Rain\xe4dance")
    snap.write_bytes(b"\n".join(data))
    assert_one_line_error(cli("orphans", "-l", str(snap)), str(snap), "landscape.json:6",
                          "not UTF-8 text (byte")


def test_what_only_the_standard_library_reads_still_loads(tmp_path):
    """A number beyond 64 bits stays that number (orjson, measured as fast, makes it a
    float); NaN, which msgspec refuses, is read again by the standard library, as ea
    always read it."""
    snap = _small_snapshot(tmp_path)
    big = 123456789012345678901234567890
    _edit(snap, NODE_LINE, _lines(snap)[NODE_LINE - 1].replace(
        '"field_sources"', f'"extra": {{"Antal": {big}}}, "field_sources"'))
    assert snapshot.load(snap).node("System:S1")["extra"] == {"Antal": big}
    _edit(snap, NODE_LINE, _lines(snap)[NODE_LINE - 1].replace(str(big), "NaN"))
    value = snapshot.load(snap).node("System:S1")["extra"]["Antal"]
    assert value != value  # NaN


def test_equal_texts_are_one_object_after_a_load():
    """The loader makes equal texts one object (a snapshot repeats its source rows and
    dates in every record: a quarter of the memory at 10,000 systems)."""
    ls = snapshot.load(V1)
    raindance, proceedo = ls.node("System:raindance"), ls.node("System:proceedo")
    assert raindance["kind"] is proceedo["kind"]
    nodes = [d for _, d in ls.graph.nodes(data=True) if d.get("sources")]
    firsts = {id(src) for d in nodes for src in d["sources"]}
    assert all(id(s) in firsts for d in nodes for s in d.get("field_sources", {}).values()
               if s in d["sources"])


def test_without_msgspec_every_line_goes_the_standard_librarys_way(tmp_path, monkeypatch):
    """An environment set up before ea needed msgspec still loads, to the same landscape
    and the same errors (only slower)."""
    def refuse(line):
        raise snapshot._DecodeError

    monkeypatch.setattr(snapshot, "_decode", refuse)
    _same_graph(snapshot.load(V1).graph, plain_load(V1).graph)
    snap = _small_snapshot(tmp_path)
    _edit(snap, NODE_LINE, _lines(snap)[NODE_LINE - 1].replace('"name": "Raindance"',
                                                               '"name": "Rain\\ud800"'))
    with pytest.raises(SnapshotError, match="landscape.json:6: .*lone UTF-16 surrogate"):
        snapshot.load(snap)
