"""ArchiMate import: the shared real Archi files and small hand-written models."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from ea.config import Config
from ea.errors import InputError
from ea.importers import import_files
from tests.conftest import SHARED_DATA

ARCHI = SHARED_DATA / "archimate-archi-testdata"
WHEN = dt.date(2026, 11, 25)

ARCHISURANCE_SYSTEMS = ["Bank System", "CRM System", "Call center application",
                        "Claim Data Management", "Customer Data Access", "Financial Application",
                        "Home & Away Policy Administration", "Policy Data Management",
                        "Risk Assessment", "Web portal"]
# Serving between components: from the serving component to the served one; the two
# ApplicationServices realised by a component resolve to provider -> consumer.
ARCHISURANCE_INTEGRATIONS = [
    ("Bank System", "Financial Application"),
    ("CRM System", "Policy Data Management"),  # via ApplicationService 'CIS'
    ("CRM System", "Web portal"),
    ("Call center application", "Web portal"),
    ("Customer Data Access", "Call center application"),
    ("Customer Data Access", "Risk Assessment"),
    ("Financial Application", "Home & Away Policy Administration"),
    ("Policy Data Management", "Financial Application"),  # via 'Claim InfoServ'
    ("Risk Assessment", "Web portal"),
]


def _imp(paths, config=None):
    return import_files([str(p) for p in paths], config, imported_at=WHEN)


def _integrations(ls):
    return sorted((ls.name(u), ls.name(v)) for u, v, _k, _d in ls.edges("INTEGRATES_WITH"))


def _counts(res, i=0):
    f = res.ledger.files[i]
    assert f.rows == f.imported + f.merged + f.rejected + f.skipped
    return f.rows, f.imported, f.merged, f.rejected, f.skipped


needs_data = pytest.mark.skipif(not ARCHI.exists(), reason="shared data not present")


@needs_data
def test_archisurance_exchange_file():
    res = _imp([ARCHI / "archisurance-exchange-3.0.xml"])
    ls = res.landscape
    # 122 elements + 179 relationships, every one accounted for
    assert _counts(res) == (301, 27, 4, 0, 270)  # skipped, not rejected
    assert sorted(d["name"] for _, d in ls.nodes("System")) == ARCHISURANCE_SYSTEMS
    assert _integrations(ls) == sorted(ARCHISURANCE_INTEGRATIONS)
    assert ls.node("System:id-1393")["name"] == "CRM System"  # id = the element identifier
    objs = {d["name"]: sorted(ls.name(s) for s in ls.systems_of(k)) for k, d in ls.nodes("Object")}
    assert objs["Home & Away Policy Administration"] == [
        "Customer Data Access", "Home & Away Policy Administration", "Policy Data Management"]
    assert objs["Applications"] == ARCHISURANCE_SYSTEMS  # the user folder Application/Applications
    assert sorted(d["name"] for _, d in ls.nodes("Information")) == [
        "Customer File Data", "Damage Claim Data", "Insurance Policy Data"]
    kinds = Counter(e.kind for e in res.ledger.entries)
    assert kinds == {"skipped": 270}
    reasons = [e.reason for e in res.ledger.entries]
    assert "BusinessProcess is not part of the landscape model" in reasons
    notes = res.ledger.files[0].notes
    assert "ApplicationService 'CIS' mapped onto integrations: CRM System -> Policy Data " \
           "Management" in notes


@needs_data
def test_archi_native_file_gives_the_same_landscape():
    res = _imp([ARCHI / "Archisurance.archimate"])
    # the native file lacks the exchange test's one Grouping and its Composition
    assert _counts(res) == (299, 27, 4, 0, 268)
    ls = res.landscape
    assert sorted(d["name"] for _, d in ls.nodes("System")) == ARCHISURANCE_SYSTEMS
    assert _integrations(ls) == sorted(ARCHISURANCE_INTEGRATIONS)
    assert "System:1393" in ls


@needs_data
@pytest.mark.parametrize("name,counts", [("Sample1.xml", (3, 0, 0, 0, 3)),
                                          ("bendpoint.test.xml", (4, 0, 0, 0, 4))])
def test_small_exchange_files_without_components(name, counts):
    res = _imp([ARCHI / name])
    assert _counts(res) == counts
    assert res.landscape.count("System") == 0
    assert any(e.kind == "warning" and "no element of the system types" in e.reason
               for e in res.ledger.entries)


def _write(tmp_path, body: str, name="model.xml", ns="http://www.opengroup.org/xsd/archimate/3.0/"):
    p = tmp_path / name
    p.write_text(f'<?xml version="1.0" encoding="UTF-8"?>\n<model xmlns="{ns}" '
                 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" identifier="m">'
                 f'<name xml:lang="en">Test</name>{body}</model>', encoding="utf-8")
    return p


def el(i, t, name=None, props="", extra=""):
    n = f"<name>{name}</name>" if name is not None else ""
    return f'<element identifier="{i}" xsi:type="{t}">{n}{extra}{props}</element>'


def rel(i, t, s, tg, name=None, props=""):
    n = f"<name>{name}</name>" if name else ""
    return f'<relationship identifier="{i}" xsi:type="{t}" source="{s}" target="{tg}">{n}{props}</relationship>'


def props(*pairs):
    return "<properties>" + "".join(
        f'<property propertyDefinitionRef="{k}"><value>{v}</value></property>' for k, v in pairs
    ) + "</properties>"


PROPDEFS = "<propertyDefinitions>" + "".join(
    f'<propertyDefinition identifier="{i}" type="string"><name>{n}</name></propertyDefinition>'
    for i, n in [("p-id", "System-ID"), ("p-status", "Livscykel"), ("p-k", "Konfidentialitet"),
                 ("p-b", "Beschikbaarheid"), ("p-i", "Integriteit"), ("p-v", "Vertrouwelijkheid"),
                 ("p-owner", "Systemägare"), ("p-vendor", "Leverantör"), ("p-odd", "Färg"),
                 ("p-class", "Klassning"), ("p-org", "Förvaltning")]) + "</propertyDefinitions>"


def test_mapping_of_a_hand_written_model(tmp_path):
    elements = "".join([
        el("a", "ApplicationComponent", "Raindance",
           props=props(("p-id", "SYS-1"), ("p-status", "I drift"), ("p-k", "Betydande"),
                       ("p-owner", "Anna Andersson"), ("p-vendor", "CGI"), ("p-odd", "blå"),
                       ("p-org", "Region X / Regionstyrelseförvaltningen"))),
        '<element identifier="b" xsi:type="ApplicationComponent"><name xml:lang="en">Payroll'
        '</name><name xml:lang="sv">Heroma</name>'
        + props(("p-b", "Hoog"), ("p-i", "Midden"), ("p-v", "Laag")) + "</element>",
        el("c", "ApplicationComponent", "Public 360", props=props(("p-class", "K2 R3 T1"))),
        el("d", "ApplicationComponent", None),  # unnamed
        el("e", "ApplicationComponent", "Public 360"),  # duplicate name
        el("i", "ApplicationInterface", "Ekonomi-API"),
        el("j", "OrJunction"),
        el("g", "Grouping", "Ekonomiobjektet"),
        el("r", "BusinessRole", "Förvaltningsledare IT"),
        el("rk", "BusinessRole", "Kaffeansvarig"),
        el("p", "BusinessActor", "Bo Berg"),
        el("o", "BusinessActor", "Ekonomiavdelningen"),
        el("t", "BusinessActor", "Objektägare"),
        el("x", "BusinessProcess", "Betala"),
        el("n", "Node", "Server 1"),
    ])
    rels = "".join([
        rel("r1", "Flow", "a", "b", name="Lönefiler"),
        rel("r2", "Serving", "c", "a"),              # Public 360 serves Raindance
        rel("r3", "Composition", "a", "i"),          # Raindance provides the interface
        rel("r4", "Serving", "i", "c"),              # ... consumed by Public 360
        rel("r5", "Flow", "b", "j"), rel("r6", "Flow", "j", "c"), rel("r7", "Flow", "j", "e"),
        rel("r8", "Composition", "g", "a"), rel("r9", "Aggregation", "g", "b"),
        rel("r10", "Assignment", "p", "r"), rel("r11", "Assignment", "r", "a"),
        rel("r12", "Assignment", "o", "b"), rel("r13", "Assignment", "t", "c"),
        rel("r14", "Association", "r1", "x"),        # a relationship ending on a relationship
        rel("r15", "Triggering", "x", "a"),          # a process is not a system
        rel("r16", "Assignment", "rk", "b"),         # unknown role title
        rel("r17", "Realization", "n", "a"),
        rel("r18", "Flow", "a", "ghost"),            # dangling
    ])
    path = _write(tmp_path, f"<elements>{elements}</elements><relationships>{rels}"
                  f"</relationships>{PROPDEFS}")
    res = _imp([path])
    ls = res.landscape
    # rejected: the dangling r18 and the unknown role title of r16 (in the rejected CSV);
    # skipped on purpose: the process, the node, the role nobody can hold, r14, r15, r17
    assert _counts(res) == (15 + 18, 8 + 11, 4 + 2, 0 + 2, 3 + 3)
    assert sorted(e.subject for e in res.ledger.entries if e.kind == "rejected") == [
        "r16", "r18"]
    names = sorted(d["name"] for _, d in ls.nodes("System"))
    assert names == ["Heroma", "Public 360", "Public 360", "Raindance", "d"]
    ra = ls.node("System:SYS-1")  # id from the System-ID property
    assert (ra["status"], ra["k"], ra["vendor"], ra["extra"]["Färg"]) == ("active", 2, "CGI", "blå")
    he = ls.node("System:b")
    assert (he["t"], he["r"], he["k"], he["aliases"]) == (3, 2, 1, ["Payroll"])
    p360 = ls.node("System:c")
    assert (p360["k"], p360["r"], p360["t"]) == (2, 3, 1)
    assert _integrations(ls) == [("Heroma", "Public 360"), ("Heroma", "Public 360"),
                                 ("Public 360", "Raindance"), ("Raindance", "Heroma"),
                                 ("Raindance", "Public 360")]
    assert ls.graph.edges["System:SYS-1", "System:b", "INTEGRATES_WITH"]["information"] == [
        "Lönefiler"]
    roles = sorted((ls.name(r["person"]), r["role"]) for r in ls.roles_of("System:SYS-1"))
    assert roles == [("Anna Andersson", "object_owner"), ("Bo Berg", "it_manager")]
    assert [v["role"] for v in ls.node("System:c")["vacant_roles"]] == ["object_owner"]
    assert [ls.name(o) for o in ls.owners_of("System:b")] == ["Ekonomiavdelningen"]
    assert [ls.node(o)["path"] for o in ls.owners_of("System:SYS-1")] == [
        "Region X / Regionstyrelseförvaltningen"]
    assert sorted(ls.name(s) for s in ls.systems_of("Object:ekonomiobjektet")) == [
        "Heroma", "Raindance"]
    skipped = {e.subject: e.reason for e in res.ledger.entries
               if e.kind in ("skipped", "rejected")}
    assert skipped["r14"] == ("Association Flow 'Lönefiler' -> BusinessProcess 'Betala' ends on a "
                              "relationship: only an information object (DataObject, "
                              "BusinessObject, Artifact) on a flow between components is read")
    assert "not in the model" in skipped["r18"]
    assert "not a pm3 role title" in skipped["r16"]
    assert skipped["x"] == "BusinessProcess is not part of the landscape model"
    assert any(e.kind == "unmapped_column" and e.column == "Färg" for e in res.ledger.entries)
    warnings = [e.reason for e in res.ledger.entries if e.kind == "warning"]
    assert any("2 elements are named 'Public 360'" in w for w in warnings)
    assert any("has no name" in w for w in warnings)


def test_system_types_and_grouping_as_organisation_from_config(tmp_path):
    body = ("<elements>" + el("n1", "Node", "Stordator") + el("a", "ApplicationComponent", "A")
            + el("g", "Grouping", "Drift") + "</elements><relationships>"
            + rel("f", "Flow", "n1", "a") + rel("c", "Composition", "g", "n1")
            + "</relationships>")
    path = _write(tmp_path, body)
    cfg = Config({"archimate": {"system_types": ["ApplicationComponent", "Node"],
                                "groups_as": "organisation"}})
    ls = _imp([path], cfg).landscape
    assert _integrations(ls) == [("Stordator", "A")]
    assert [ls.name(o) for o in ls.owners_of("System:n1")] == ["Drift"]


@pytest.mark.parametrize("content,message", [
    ('<model xmlns="http://www.opengroup.org/xsd/archimate"><name>x</name></model>',
     "ArchiMate 2.1 exchange format is not supported"),
    ("<graphml/>", "not an ArchiMate model"),
    ("<model", "not well-formed XML"),
    ('<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaa">]><m>&a;</m>', "DTD or entities"),
    ('<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/"><name>x</name></model>',
     "no elements and no relationships"),
])
def test_other_xml_is_rejected_with_one_clear_line(tmp_path, content, message):
    p = tmp_path / "in.xml"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        _imp([p])
    assert message in str(exc.value)
    assert "\n" not in str(exc.value)


def test_junctions_and_relationships_on_relationships_are_followed(tmp_path):
    """Issue 12 point 8: A -> junction -> B is A -> B whatever mix of Flow, Triggering and
    Serving; a DataObject associated with a flow is information it carries; what is left out
    on purpose is skipped, not rejected."""
    elements = "".join([
        el("a", "ApplicationComponent", "Alfa"), el("b", "ApplicationComponent", "Beta"),
        el("c", "ApplicationComponent", "Gamma"), el("j1", "AndJunction"),
        el("j2", "OrJunction"), el("j3", "Junction"),
        el("d", "DataObject", "Fakturor"), el("p", "BusinessProcess", "Betala"),
    ])
    rels = "".join([
        rel("f1", "Flow", "a", "j1"), rel("f2", "Triggering", "j1", "b"),  # mixed types
        rel("f3", "Serving", "j1", "j2"), rel("f4", "Flow", "j2", "c"),    # two junctions
        rel("f5", "Flow", "p", "j3"), rel("f6", "Flow", "j3", "a"),        # no component start
        rel("x1", "Association", "d", "f1"),   # data object on a flow through a junction
        rel("x2", "Association", "p", "f4"),   # a process on a flow: skipped
        rel("x3", "Flow", "b", "c", name="Löner"),
        rel("x4", "Association", "x3", "d"),   # a data object on a plain flow
    ])
    res = _imp([_write(tmp_path, f"<elements>{elements}</elements><relationships>{rels}"
                                 "</relationships>")])
    ls = res.landscape
    assert _integrations(ls) == [("Alfa", "Beta"), ("Alfa", "Gamma"), ("Beta", "Gamma")]
    info = {(ls.name(u), ls.name(v)): d.get("information")
            for u, v, _k, d in ls.edges("INTEGRATES_WITH")}
    assert info == {("Alfa", "Beta"): ["Fakturor"], ("Alfa", "Gamma"): ["Fakturor"],
                    ("Beta", "Gamma"): ["Löner", "Fakturor"]}
    # 8 elements + 10 relationships; rejected: none
    assert _counts(res) == (18, 11, 2, 0, 5)
    skipped = sorted(e.subject for e in res.ledger.entries if e.kind == "skipped")
    assert skipped == ["f5", "f6", "j3", "p", "x2"]
    assert [e for e in res.ledger.entries if e.kind == "rejected"] == []
