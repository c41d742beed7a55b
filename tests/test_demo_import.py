"""The demo region end to end: generate, import, account for every row, show a system."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner

from ea import demo, schema
from ea.cli import main
from ea.importers import import_files
from ea.landscape import edge_types
from ea.store import snapshot

AS_OF = dt.date(2026, 11, 25)


@pytest.fixture(scope="module")
def demo_region(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    files = demo.generate(folder / "demo", size=300, seed=7)
    result = import_files(files.paths, imported_at=AS_OF)
    path = snapshot.save(result.landscape, folder / "landscape.json")
    return files, result, path


def test_every_demo_row_is_accounted_for(demo_region):
    files, result, _ = demo_region
    got = {f.label: (f.rows, f.imported, f.merged, f.rejected) for f in result.ledger.files}
    assert got == {
        "systemforteckning.xlsx[Systemförteckning]": (300, 300, 0, 0),
        "systemforteckning.xlsx[Nationella tjänster]": (11, 11, 0, 0),
        "integrationer.csv": (543, 543, 0, 0),
        "roller.csv": (117, 115, 2, 0),
        "personal.csv": (140, 140, 0, 0),
        "lisa.xlsx[Klassning]": (195, 0, 195, 0),
    }
    assert result.ledger.check() == []
    assert files.n_integration_rows == 543 and files.n_classified == 195


def test_demo_landscape_matches_ground_truth(demo_region):
    files, result, _ = demo_region
    ls = result.landscape
    st = ls.stats()
    assert st["nodes"]["System"] == files.n_systems + len(files.national_services) + 5
    assert st["external_systems"] == len(files.national_services) == 11
    assert st["nodes"]["Object"] == files.n_objects == 117
    assert st["nodes"]["Person"] == files.n_people == 140
    placeholders = sorted(d["name"] for _, d in ls.nodes(schema.SYSTEM) if d.get("placeholder"))
    assert placeholders == ["Gamla Melior-arkivet", "PUBLIC 360 ÄRENDE",
                            "Provtagningsanvisningar extern", "Take Care", "raindance ekonomi"]
    for _dependent, missing in files.unresolved_references:
        assert missing in placeholders
    for name in files.names_with_commas:
        assert len(ls.find_systems(name)) == 1
    inactive = sorted(k.split(":", 1)[1] for k, d in ls.nodes(schema.PERSON)
                      if d.get("active") is False)
    assert inactive == sorted(files.ended_people)
    kinds = {}
    for e in result.ledger.entries:
        kinds[e.kind] = kinds.get(e.kind, 0) + 1
    assert kinds == {"unresolved": 5, "one_sided": 51, "disagreement": 2, "suggestion": 3,
                     "direction_conflict": 1}
    # the planted contradiction: each row lists the other under "Beroende till"
    (conflict,) = [e for e in result.ledger.entries if e.kind == "direction_conflict"]
    (a, b), = files.direction_conflicts
    assert {ls.name(k) for k in conflict.subject.split(" <-> ")} == {a, b}
    g = ls.integration_graph()
    assert g.has_edge(*ls.find_systems(a), *ls.find_systems(b))
    assert g.has_edge(*ls.find_systems(b), *ls.find_systems(a))
    # every dependency is the arrow dependency -> dependent, with the criticality and all
    # integration types its cell states
    disagree = {(x, y) for x, y, _f in files.dependency_disagreements}
    for dependent, dependency, crit, types in files.dependency_details:
        (u,), (v,) = ls.find_systems(dependency), ls.find_systems(dependent)
        e = ls.graph.edges[u, v, "INTEGRATES_WITH"]
        assert not ls.graph.has_edge(v, u, "INTEGRATES_WITH") or (dependency, dependent) in {
            (x, y) for x, y, *_ in files.dependency_details}
        if (dependent, dependency) not in disagree:
            assert (e["criticality"], tuple(edge_types(e)), e["type"]) == (crit, types, types[0])
    # every dependency the generator recorded at one end only is reported, except where the
    # other end is a national service, whose sheet has no dependency columns to record it in
    reported = set()
    for e in result.ledger.entries:
        if e.kind == "one_sided":
            u, v = e.subject.split(" -> ")
            reported.add((ls.name(u), ls.name(v)))
    planted = {(dependency, dependent) for dependent, dependency, _ in files.one_sided_dependencies}
    national = set(files.national_services)
    assert reported == {(a, b) for a, b in planted if a not in national and b not in national}
    assert len(planted) - len(reported) == 2
    disagreements = {e.reason.split(": ")[0] for e in result.ledger.entries
                     if e.kind == "disagreement"}
    assert disagreements == {f"the two ends disagree on the {fld} of {dependency} -> {dependent}"
                             for dependent, dependency, fld in files.dependency_disagreements}


def test_show_on_a_demo_system_gives_provenance_and_conflicts(demo_region):
    _, _, path = demo_region
    r = CliRunner().invoke(main, ["show", "Qlik Sense vårdanalys", "-l", str(path)])
    assert r.exit_code == 0, r.output
    assert "Provenance:\n  systemforteckning.xlsx[Systemförteckning]:" in r.output
    assert ("sources disagree on type: 'api' from systemforteckning.xlsx[Systemförteckning]:7"
            " vs 'file' from systemforteckning.xlsx[Systemförteckning]:166") in r.output


def test_demo_command_generates_and_imports(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(main, ["demo", "--size", "60", "--as-of", "2026-11-25"])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "landscape.json").exists()
    assert (tmp_path / "demo" / "systemforteckning.xlsx").exists()
    assert "Try next:" in r.output and "ea orphans" in r.output
    assert 'ea show "Raindance ekonomi"' in r.output
