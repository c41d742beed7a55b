"""The per-cell shortcuts of the import (issue 18) change no value: memoised parsers hand
out what the plain call returns, the blank test agrees with its definition on every type,
and the import leaves the cyclic collector as it found it. Byte-identity of whole snapshots
and ledgers before and after was checked on the region and country demos (see the issue
note); these tests pin the pieces."""

from __future__ import annotations

import datetime as dt
import gc

import pytest

from ea.importers import import_files
from ea.importers import values as V
from ea.importers.resolve import _org_ident
from ea.importers.tabular_base import _RE_NUMBERISH, _xml_safe_cells, _yes_no_column
from ea.landscape import Landscape, _is_blank, slug
from tests import exports as X


class _Str(str):
    pass


@pytest.mark.parametrize("value, blank", [
    (None, True), ("", True), ([], True), ((), True), (set(), True), ({}, True),
    (float("nan"), True), (_Str(""), True),
    (" ", False), ("x", False), (0, False), (False, False), (0.0, False), ([None], False),
    (_Str("x"), False), ({"a": 1}, False),
])
def test_blank_on_every_type(value, blank):
    assert _is_blank(value) is blank


def test_people_cells_memoised_but_callers_get_their_own_list():
    cell = "Anna Berg <anna.berg@example.se>; Bo Dahl och Cecilia Ek"
    first = V.split_people(cell)
    assert [(p.name, p.email) for p in first] == [
        ("Anna Berg", "anna.berg@example.se"), ("Bo Dahl", None), ("Cecilia Ek", None)]
    first.clear()  # a caller changing its list changes nobody else's
    assert len(V.split_people(cell)) == 3
    assert V.is_vacant("Vakant") and V.is_vacant("Vakant") and not V.is_vacant("Anna Berg")


def test_organisation_ids_are_the_slugs():
    assert _org_ident(("Region Vallsjö", "Hälso- och sjukvård")) == (
        slug("Region Vallsjö", "Hälso- och sjukvård"), "Region Vallsjö / Hälso- och sjukvård")


def test_add_edge_and_add_node_merge_as_before():
    ls = Landscape()
    a = ls.add_system("a", source="s.csv:2", name="A", vendor="X")
    ls.add_system("a", source="s.csv:3", name="A", vendor="Y")
    assert ls.node(a)["vendor"] == "X"
    assert [v["value"] for v in ls.node(a)["conflicts"][0]["values"]] == ["X", "Y"]
    b = ls.add_system("b", source="s.csv:4", name="B")
    ls.add_integration(a, b, source="i.csv:2", type="file")
    ls.add_integration(a, b, source="i.csv:3", type="api")
    d = ls.graph.edges[a, b, "INTEGRATES_WITH"]
    assert d["type"] == "file" and d["sources"] == ["i.csv:2", "i.csv:3"]
    with pytest.raises(Exception, match="unknown System field"):
        ls.add_system("c", colour="red")


@pytest.mark.parametrize("enabled", [True, False])
def test_import_leaves_the_collector_as_it_found_it(tmp_path, enabled):
    path = tmp_path / "systemforteckning.csv"
    X.write_csv(path, [["Systemnamn", "Förvaltning"], ["Heroma", "HR"]])
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        res = import_files([path], imported_at=dt.date(2026, 11, 25))
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
    assert [d["name"] for _, d in res.landscape.nodes("System")] == ["Heroma"]


def _yes_no_plain(values: list) -> bool:
    """``_yes_no_column`` as it was before it stopped early and remembered texts."""
    yes_no = answers = 0
    for v in values:
        if isinstance(v, bool):
            yes_no += 1
            answers += 1
            continue
        if not isinstance(v, str) or _RE_NUMBERISH.fullmatch(v):
            continue
        b = V.parse_bool(v)
        if b.ok and (b.value is not None or b.note == "unknown") and (
                b.value is not None or any(ch.isalpha() for ch in v)):
            answers += 1
            yes_no += b.value is not None
    return yes_no > 0 and answers * 5 >= len(values) * 4


@pytest.mark.parametrize("values", [
    [], ["Ja"], ["Vet ej"], ["Nej", "Ja", "Ja", "Ja", "Atea"],  # exactly four in five
    ["Nej", "Ja", "Ja", "Atea", "Tieto"],  # three in five
    ["Atea"] * 3 + ["Ja"] * 12,  # the misses come first, still four in five
    ["Atea"] * 4 + ["Ja"] * 12,  # one miss too many, found only at the end
    ["Ja", "Nej", "1", "2", "Vet ej", "Delvis", True, False, 3, None, "Ja"],
    ["Vet ej"] * 10, ["Ja"] * 1000 + ["CGI"] * 250, ["Ja"] * 1000 + ["CGI"] * 251,
    [_Str("Ja"), "Ja", _Str("Nej")], [dt.date(2026, 1, 1), "Ja", "Ja", "Ja", "Nej"],
])
def test_yes_no_column_decides_as_the_plain_count(values):
    assert _yes_no_column(values) is _yes_no_plain(values)


def test_control_characters_are_still_found_in_any_cell():
    from ea.importers.reader import Table

    t = Table(file="s.csv", sheet=None, fmt="csv", header_line=1, headers=["Systemnamn", "Ägare"],
              header_width=2)
    t.rows = [(2, ["Heroma", "HR"]), (3, ["Rain\x01dance", 7]), (4, [None, _Str("A\ud800")]),
              (5, ["Nova", None])]
    _xml_safe_cells(t)
    assert [c for _, c in t.rows] == [["Heroma", "HR"], ["Rain\ufffddance", 7],
                                      [None, "A\ufffd"], ["Nova", None]]
    assert [(ln, col) for ln, col, _, _ in t.warnings] == [(3, "Systemnamn"), (4, "Ägare")]


def test_import_summary_counts_are_the_stats_counts(tmp_path):
    from ea.commands.core import _import_counts

    X.write_csv(tmp_path / "systemforteckning.csv", [
        ["Systemnamn", "Förvaltning", "Förvaltningsobjekt"], ["Heroma", "HR", "Lön"],
        ["Nova", "Region X/IT", "Lön"]])
    X.write_csv(tmp_path / "integrationer.csv", [
        ["Från system", "Till system"], ["Heroma", "Nova"], ["Nova", "Okänt system"]])
    ls = import_files(sorted(tmp_path.iterdir()), imported_at=dt.date(2026, 11, 25)).landscape
    st = ls.stats()
    got = _import_counts(ls)
    assert got == {k: st[k] for k in ("nodes", "edges", "placeholder_systems",
                                      "external_systems")}
    assert got["nodes"]["System"] == 3 and got["placeholder_systems"] == 1
    assert got["edges"]["INTEGRATES_WITH"] == 2


def test_ea_import_keeps_the_new_landscape_out_of_the_collector(tmp_path, monkeypatch):
    """The landscape an import made lives to the end of the command: frozen, so the full
    collection at interpreter exit does not walk and free all of it after the work is done."""
    from click.testing import CliRunner

    from ea.cli import main

    monkeypatch.chdir(tmp_path)
    X.write_csv(tmp_path / "systemforteckning.csv", [["Systemnamn", "Förvaltning"],
                                                     ["Heroma", "HR"]])
    gc.unfreeze()
    try:
        r = CliRunner().invoke(main, ["import", "systemforteckning.csv", "-o", "ls.json",
                                      "--as-of", "2026-11-25", "-q"])
        assert r.exit_code == 0, r.output
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_dependency_cells_read_alike_with_the_memoised_details():
    """The ``: <criticality>`` and ``(<type>)`` of a dependency cell are parsed once per text;
    every cell still reads as the plain parsers read it."""
    m = V.NameMatcher(["Raindance", "Heroma", "Trimbel NIS, TCN"])
    cell = "Raindance: Hög (API; Fil), Trimbel NIS, TCN: Medel (Fil), Heroma (Okänd sak), Ny"
    for _ in range(2):
        refs = V.parse_dependency_cell(cell, m)
        assert [(r.name, r.resolved, r.criticality and r.criticality.value,
                 [t.value for t in r.types], r.type and (r.type.value, r.type.raw))
                for r in refs] == [
            ("Raindance", True, V.parse_criticality("Hög").value, ["api", "file"],
             ("api", "API")),
            ("Trimbel NIS, TCN", True, V.parse_criticality("Medel").value, ["file"],
             ("file", "Fil")),
            ("Heroma", True, None, [], (None, "Okänd sak")),
            ("Ny", False, None, [], None)]
