"""Exports: ArchiMate exchange XML, GraphML, GEXF and CSV tables, and their round trips."""

from __future__ import annotations

import datetime as dt

import networkx as nx
import pytest
from click.testing import CliRunner
from defusedxml import ElementTree as DET

from ea.cli import main
from ea.export import export
from ea.export.archimate import stable_id, write_archimate
from ea.export.graphml import write_gexf, write_graphml
from ea.export.tables import write_tables
from ea.importers import import_files
from ea.landscape import Landscape
from ea.schema import PART_OF
from ea.store import snapshot
from tests.conftest import SHARED_DATA

WHEN = dt.date(2026, 11, 25)
NS = "{http://www.opengroup.org/xsd/archimate/3.0/}"
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"
ELEMENT_TYPES = {"ApplicationComponent", "Grouping", "BusinessActor", "BusinessRole", "DataObject"}
RELATIONSHIP_TYPES = {"Flow", "Composition", "Assignment", "Access"}


def region() -> Landscape:
    """A small hand-built region with every kind of node and edge."""
    ls = Landscape(meta={"imported_at": "2026-11-25"})
    rsf = ls.add_organisation("region-x", name="Region X", path="Region X")
    eko = ls.add_organisation("region-x--ekonomi", name="Ekonomi", path="Region X / Ekonomi")
    ls.add_edge(PART_OF, eko, rsf)
    rd = ls.add_system("SYS-1", name="Raindance", vendor="CGI", status="active", k=2, r=3, t=3,
                       criticality=4, end_of_support="2027-12-31", hosting="on_prem",
                       rto_hours=4.0, continuity_plan=True, classified_at="2025-03-01",
                       aliases=["RD"], description="Ekonomisystem")
    he = ls.add_system("SYS-2", name="Heroma", status="phasing_out", s=1, personal_data=True)
    wso2 = ls.add_system("SYS-3", name="WSO2", category="Integrationsplattform")
    npo = ls.add_system("npo", name="Inera NPÖ", external=True)
    ghost = ls.add_system("gammalt-system", name="Gammalt system", placeholder=True)
    for s in (rd, he, wso2):
        ls.add_edge("OWNED_BY", s, eko)
    obj = ls.add_object("ekonomi", name="Ekonomi", k=2)
    ls.add_edge(PART_OF, rd, obj)
    ls.add_edge(PART_OF, he, obj)
    anna = ls.add_person("anna@region.se", name="Anna Andersson", email="anna@region.se",
                         active=True, listed=True, title="Controller")
    bo = ls.add_person("name:bo-berg", name="Bo Berg")
    ls.add_role(anna, obj, "object_owner", title="Objektägare")
    ls.add_role(bo, rd, "it_manager", title="Förvaltningsledare IT")
    ls.add_role(anna, he, "business_manager", title="Systemförvaltare")
    ls.add_vacant_role(he, "it_manager", title="Förvaltningsledare IT", raw="Vakant")
    info = ls.add_information("loner", name="Löner", k=3)
    ls.add_edge("PROCESSES", he, info)
    ls.add_integration(he, rd, type="file", frequency="daily", information=["Löner", "Konton"],
                       criticality=3, via=wso2)
    ls.add_integration(rd, npo, type="api", bidirectional=True, description="Remisser")
    ls.add_integration(ghost, he, type="db")
    return ls


def _systems(ls):
    keep = ("name", "status", "vendor", "k", "r", "t", "s", "criticality", "end_of_support",
            "hosting", "rto_hours", "continuity_plan", "classified_at", "aliases", "external",
            "personal_data", "placeholder", "description", "category")
    return {d["id"]: {f: d.get(f) for f in keep if d.get(f) not in (None, [], False)}
            for _, d in ls.nodes("System")}


def _integrations(ls):
    return sorted((ls.name(u), ls.name(v), d.get("type"), d.get("frequency"),
                   tuple(d.get("information") or ()), d.get("criticality"),
                   bool(d.get("bidirectional")), ls.name(d["via"]) if d.get("via") else None)
                  for u, v, _k, d in ls.edges("INTEGRATES_WITH"))


def _roles(ls, kinds=("System", "Object")):
    out = set()
    for u, v, _k, d in ls.edges("HAS_ROLE"):
        if ls.node(v)["kind"] in kinds:
            out.add((ls.name(u), ls.name(v), d["role"]))
    for kind in kinds:
        for key, d in ls.nodes(kind):
            for vac in d.get("vacant_roles") or []:
                out.add(("(vacant)", ls.name(key), vac["role"]))
    return sorted(out)


# ----------------------------------------------------------------------------- CSV tables


def test_csv_round_trip_of_a_hand_built_region(tmp_path):
    ls = region()
    files = write_tables(ls, tmp_path / "csv")
    assert sorted(f.name for f in files) == [
        "classification.csv", "classification_objects.csv", "integrations.csv", "people.csv",
        "roles.csv", "systems.csv"]
    res = import_files(files, imported_at=WHEN)
    back = res.landscape
    assert _systems(back) == _systems(ls)
    assert _integrations(back) == _integrations(ls)
    assert _roles(back) == _roles(ls)
    assert back.node("Object:ekonomi")["k"] == 2
    assert [back.node(o)["path"] for o in back.owners_of("System:SYS-1")] == ["Region X / Ekonomi"]
    anna = back.node("Person:anna@region.se")
    assert (anna["listed"], anna["active"], anna["title"]) == (True, True, "Controller")
    assert "Person:name:bo-berg" in back and not back.node("Person:name:bo-berg").get("listed")
    for f in res.ledger.files:
        assert f.rejected == 0, f.file
    assert [e.reason for e in res.ledger.entries if e.kind == "unresolved"] == [
        "'Gammalt system' is defined by no source; kept as a placeholder system"]


needs_data = pytest.mark.skipif(not SHARED_DATA.exists(), reason="shared data not present")
REAL = [
    [SHARED_DATA / "archimate-archi-testdata" / "archisurance-exchange-3.0.xml"],
    [SHARED_DATA / "backstage-catalog-examples-2021" / "examples" / n
     for n in ("all-components.yaml", "all-apis.yaml", "all-systems.yaml", "all-resources.yaml",
               "acme-corp.yaml")],
]


@needs_data
@pytest.mark.parametrize("paths", REAL, ids=["archisurance", "backstage"])
def test_csv_round_trip_of_the_real_files(tmp_path, paths):
    ls = import_files(paths, imported_at=WHEN).landscape
    back = import_files(write_tables(ls, tmp_path), imported_at=WHEN).landscape
    assert _systems(back) == _systems(ls)
    assert _integrations(back) == [(*i[:7], None) for i in _integrations(ls)] or \
        _integrations(back) == _integrations(ls)
    assert _roles(back) == _roles(ls)
    assert {k: [back.name(o) for o in back.owners_of(k)] for k, _ in back.nodes("System")} == \
        {k: [ls.name(o) for o in ls.owners_of(k)] for k, _ in ls.nodes("System")}


# ----------------------------------------------------------------------------- ArchiMate


def _check_exchange_structure(path) -> DET:
    root = DET.parse(str(path)).getroot()
    assert root.tag == f"{NS}model"
    assert root.get("identifier")
    assert root.find(f"{NS}name") is not None and root.find(f"{NS}name").text
    ids = {root.get("identifier")}
    propdefs = {p.get("identifier") for p in root.iter(f"{NS}propertyDefinition")}
    for p in root.iter(f"{NS}propertyDefinition"):
        assert p.find(f"{NS}name").text
    elements = root.findall(f"{NS}elements/{NS}element")
    for e in elements:
        assert e.get(XSI_TYPE) in ELEMENT_TYPES
        assert e.find(f"{NS}name") is not None and e.find(f"{NS}name").text
        assert e.get("identifier") not in ids
        ids.add(e.get("identifier"))
    element_ids = set(ids)
    for r in root.findall(f"{NS}relationships/{NS}relationship"):
        assert r.get(XSI_TYPE) in RELATIONSHIP_TYPES
        assert r.get("identifier") not in ids
        ids.add(r.get("identifier"))
        assert r.get("source") in element_ids and r.get("target") in element_ids
    for p in root.iter(f"{NS}property"):
        assert p.get("propertyDefinitionRef") in propdefs
        assert p.find(f"{NS}value") is not None
    # the children of <model> in the order the exchange schema requires
    order = ["name", "documentation", "properties", "elements", "relationships",
             "organizations", "propertyDefinitions", "views"]
    seen = [c.tag.replace(NS, "") for c in root]
    assert seen == sorted(seen, key=order.index)
    return root


def test_archimate_export_structure_and_stable_identifiers(tmp_path):
    ls = region()
    a = write_archimate(ls, tmp_path / "a.xml")
    b = write_archimate(region(), tmp_path / "b.xml")
    assert a.read_bytes() == b.read_bytes()
    root = _check_exchange_structure(a)
    by_id = {e.get("identifier"): e for e in root.iter(f"{NS}element")}
    rd = by_id[stable_id("System:SYS-1")]
    assert rd.get(XSI_TYPE) == "ApplicationComponent"
    assert rd.find(f"{NS}name").text == "Raindance"
    assert len(root.findall(f"{NS}elements/{NS}element")) == 12  # 11 nodes + 1 vacant role
    assert len(root.findall(f"{NS}relationships/{NS}relationship")) == 14


def test_archimate_round_trip(tmp_path):
    ls = region()
    res = import_files([write_archimate(ls, tmp_path / "region.xml")], imported_at=WHEN)
    back = res.landscape
    f = res.ledger.files[0]
    assert (f.rows, f.imported, f.merged, f.rejected, f.skipped) == (26, 22, 1, 0, 3)
    skipped = sorted(e.reason for e in res.ledger.entries if e.kind == "skipped")
    assert skipped == [
        "Assignment BusinessActor 'Anna Andersson' -> Grouping 'Ekonomi': only actors and "
        "roles assigned to components are roles",
        "BusinessActor 'Region X' is not assigned to an application component",
        "Composition BusinessActor 'Region X' -> BusinessActor 'Ekonomi': only a component or "
        "Grouping containing components becomes a förvaltningsobjekt",
    ]
    # systems come back with their ids (System-ID property) and fields; a placeholder
    # becomes a defined component (see docs/exchange.md)
    expected = _systems(ls)
    del expected["gammalt-system"]["placeholder"]
    assert _systems(back) == expected
    # integrations come back without via and bidirectional (see docs/exchange.md)
    assert [i[:6] for i in _integrations(back)] == [i[:6] for i in _integrations(ls)]
    assert _roles(back, kinds=("System",)) == _roles(ls, kinds=("System",))
    assert sorted(back.name(s) for s in back.systems_of("Object:ekonomi")) == ["Heroma",
                                                                               "Raindance"]


# ----------------------------------------------------------------------------- GraphML, GEXF


def test_graphml_and_gexf_read_back_with_networkx(tmp_path):
    ls = region()
    g = nx.read_graphml(write_graphml(ls, tmp_path / "r.graphml"), force_multigraph=True)
    assert g.number_of_nodes() == ls.graph.number_of_nodes() == 11
    assert g.number_of_edges() == ls.graph.number_of_edges() == 13
    rd = g.nodes["System:SYS-1"]
    assert (rd["label"], rd["k"], rd["rto_hours"], rd["continuity_plan"], rd["aliases"]) == (
        "Raindance", 2, 4.0, True, "RD")
    e = g.edges["System:SYS-2", "System:SYS-1", "INTEGRATES_WITH|via=System:SYS-3"]
    assert (e["information"], e["via"], e["criticality"]) == ("Löner; Konton", "System:SYS-3", 3)
    gx = nx.read_gexf(write_gexf(ls, tmp_path / "r.gexf"))
    assert gx.number_of_nodes() == 11 and gx.number_of_edges() == 13
    assert gx.nodes["System:npo"]["label"] == "Inera NPÖ"
    assert gx.nodes["System:npo"]["external"] is True


# ----------------------------------------------------------------------------- CLI


@pytest.mark.parametrize("fmt,out", [("archimate", "x.xml"), ("graphml", "x.graphml"),
                                     ("gexf", "x.gexf"), ("csv", "tables")])
def test_cli_export(tmp_path, fmt, out):
    snap = tmp_path / "landscape.json"
    snapshot.save(region(), snap)
    r = CliRunner().invoke(main, ["export", "--format", fmt, "-o", str(tmp_path / out),
                                  "--landscape", str(snap)])
    assert r.exit_code == 0, r.output
    assert (tmp_path / out).exists()


def test_cli_export_errors_are_one_line(tmp_path):
    r = CliRunner().invoke(main, ["export", "--format", "gexf", "-o", str(tmp_path / "x"),
                                  "--landscape", str(tmp_path / "missing.json")])
    assert r.exit_code != 0
    assert "Traceback" not in r.output and r.output.count("\n") <= 2


def test_export_dispatch_rejects_unknown_format(tmp_path):
    from ea.errors import EaError

    with pytest.raises(EaError):
        export(region(), "svg", tmp_path / "x.svg")


# ----------------------------------------------------------------------------- the demo region


def test_demo_region_exports_round_trip(tmp_path):
    snap = tmp_path / "landscape.json"
    r = CliRunner().invoke(main, ["demo", "--out", str(tmp_path / "demo"), "--size", "60",
                                  "--landscape", str(snap), "--as-of", "2026-11-25"])
    assert r.exit_code == 0, r.output
    ls = snapshot.load(snap)
    # 475 + the two edges of the planted direction conflict (each end lists the other under
    # "Beroende till": both kept)
    assert (ls.count("System"), ls.graph.number_of_edges()) == (76, 477)
    back = import_files(write_tables(ls, tmp_path / "csv"), imported_at=WHEN).landscape
    assert _systems(back) == _systems(ls)
    assert len(_integrations(back)) == 155 and _integrations(back) == _integrations(ls)
    assert _roles(back) == _roles(ls)
    cls = ("k", "r", "t", "s", "rto_hours", "mtpd_hours", "continuity_plan", "classified_at")
    assert {k: [d.get(f) for f in cls] for k, d in back.nodes("Object")} == \
        {k: [d.get(f) for f in cls] for k, d in ls.nodes("Object")}
    xml = write_archimate(ls, tmp_path / "demo.xml")
    _check_exchange_structure(xml)
    again = import_files([xml], imported_at=WHEN).landscape
    assert again.count("System") == 76
    assert [i[:2] for i in _integrations(again)] == [i[:2] for i in _integrations(ls)]
