"""One resolver for the tabular, ArchiMate and Backstage importers: a person or an
organisation that a workbook, an ArchiMate model and a Backstage catalog all name is one node,
with each source's provenance. Invented names and files only."""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape

import yaml

from ea.importers import import_files
from ea.importers.ledger import Ledger
from ea.importers.resolve import Resolver
from ea.landscape import Landscape
from tests.exports import write_xlsx

WHEN = dt.date(2026, 11, 25)
NS = "http://www.opengroup.org/xsd/archimate/3.0/"


def exchange(path, elements, relationships=()):
    """An Open Group exchange file: ``elements`` as (id, type, name, {property: value}),
    ``relationships`` as (id, type, source, target, name)."""
    names = sorted({k for *_, p in elements for k in p})
    pid = {n: f"pd-{i}" for i, n in enumerate(names)}

    def props(p):
        if not p:
            return ""
        return "<properties>" + "".join(
            f'<property propertyDefinitionRef="{pid[k]}"><value>{escape(v)}</value></property>'
            for k, v in p.items()) + "</properties>"

    els = "".join(f'<element identifier="{i}" xsi:type="{t}"><name>{escape(n)}</name>'
                  f"{props(p)}</element>" for i, t, n, p in elements)
    rels = "".join(f'<relationship identifier="{i}" xsi:type="{t}" source="{s}" target="{g}">'
                   + (f"<name>{escape(n)}</name>" if n else "") + "</relationship>"
                   for i, t, s, g, n in relationships)
    defs = "".join(f'<propertyDefinition identifier="{pid[n]}" type="string"><name>{escape(n)}'
                   "</name></propertyDefinition>" for n in names)
    path.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<model xmlns="{NS}" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" identifier="m">'
        f'<name xml:lang="sv">Testregionen</name><elements>{els}</elements>'
        + (f"<relationships>{rels}</relationships>" if rels else "")
        + (f"<propertyDefinitions>{defs}</propertyDefinitions>" if defs else "")
        + "</model>", encoding="utf-8")
    return path


def entity(kind, name, spec=None, **meta):
    return {"apiVersion": "backstage.io/v1alpha1", "kind": kind,
            "metadata": {"name": name, **meta}, "spec": spec or {}}


def catalog(path, *entities):
    path.write_text(yaml.safe_dump_all(list(entities), allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return path


def roles(ls, person):
    return sorted((ls.name(v), d["role"]) for u, v, _k, d in ls.edges("HAS_ROLE") if u == person)


def files_of(ls, key):
    return sorted({s.split("#")[0].split("[")[0].rsplit(":", 1)[0]
                   for s in ls.node(key)["sources"]})


def three_sources(tmp_path):
    """A workbook (inventory, people list, long role list), an ArchiMate model and a
    Backstage catalog naming the same people."""
    wb = write_xlsx(tmp_path / "roller.xlsx", {
        "System": [["Systemnamn", "Förvaltning"],
                   ["Journalen", "Region X/Förvaltning Y"]],
        "Personal": [["Namn", "E-post", "Anställningsstatus"],
                     ["Cecilia Carlsson", "cecilia.carlsson@region-x.se", "Aktiv"]],
        "Roller": [["System", "Roll", "Person", "E-post"],
                   ["Journalen", "Objektägare", "Anna Andersson", "ANNA.Andersson@Region-X.se"],
                   ["Journalen", "Förvaltningsledare IT", "Bo Berg", None],
                   ["Journalen", "Informationsägare", "David Dahl", "david.dahl@region-x.se"],
                   ["Journalen", "Förvaltningsledare verksamhet", "Cecilia Carlsson", None],
                   ["Journalen", "Systemadministratör", "David Dahl", None],
                   ["Journalen", "Superanvändare", "Eva Ek", None]],
    })
    model = exchange(tmp_path / "modell.xml", [
        ("c-kassan", "ApplicationComponent", "Kassan", {"Förvaltning": "Region X/Förvaltning Y"}),
        ("a-anna", "BusinessActor", "Anna Andersson", {"E-post": "anna.andersson@REGION-X.se"}),
        ("a-bo", "BusinessActor", "Bo Berg", {}),
        ("a-cecilia", "BusinessActor", "Cecilia Carlsson", {}),
        ("a-david", "BusinessActor", "David Dahl", {"E-post": "david.dahl@kommun-z.se"}),
    ], [
        ("r1", "Assignment", "a-anna", "c-kassan", "Förvaltningsledare IT"),
        ("r2", "Assignment", "a-bo", "c-kassan", "Objektägare"),
        ("r3", "Assignment", "a-cecilia", "c-kassan", "Systemadministratör"),
        ("r4", "Assignment", "a-david", "c-kassan", "Informationsägare"),
    ])
    cat = catalog(
        tmp_path / "catalog-info.yaml",
        entity("Component", "betalning", {"type": "service", "owner": "user:default/anna"}),
        entity("Component", "kvitto", {"type": "service", "owner": "user:default/bo"}),
        entity("Component", "frakt", {"type": "service", "owner": "user:default/cecilia"}),
        entity("Component", "lager", {"type": "service", "owner": "user:default/eva1"}),
        entity("Component", "retur", {"type": "service", "owner": "user:default/eva2"}),
        entity("User", "anna", {"profile": {"email": "Anna.Andersson@region-x.SE",
                                            "displayName": "Anna Andersson"}}),
        entity("User", "bo", {"profile": {"displayName": "Bo Berg"}}),
        entity("User", "cecilia", {"profile": {"displayName": "Cecilia Carlsson"}}),
        entity("User", "eva1", {"profile": {"displayName": "Eva Ek"}}),
        entity("User", "eva2", {"profile": {"displayName": "Eva Ek"}}),
    )
    return [wb, model, cat]


def test_one_person_from_a_workbook_an_archimate_model_and_a_backstage_catalog(tmp_path):
    res = import_files(three_sources(tmp_path), imported_at=WHEN)
    ls = res.landscape
    people = {k: d.get("name") for k, d in ls.nodes("Person")}
    assert people == {
        # the same e-mail in three cases: one person
        "Person:anna.andersson@region-x.se": "Anna Andersson",
        # named by name only in all three (the catalog, read first, keyed it)
        "Person:user:default/bo": "Bo Berg",
        # in the people list with an e-mail, by name only in the roles, model and catalog
        "Person:cecilia.carlsson@region-x.se": "Cecilia Carlsson",
        # one name, two e-mails: two people; the name alone is neither (reported below)
        "Person:david.dahl@region-x.se": "David Dahl",
        "Person:david.dahl@kommun-z.se": "David Dahl",
        "Person:name:david-dahl": "David Dahl",
        # two catalog users of one name and no e-mail: the catalog says they are two
        "Person:user:default/eva1": "Eva Ek",
        "Person:user:default/eva2": "Eva Ek",
        "Person:name:eva-ek": "Eva Ek",
    }
    anna = "Person:anna.andersson@region-x.se"
    assert roles(ls, anna) == [("Journalen", "object_owner"), ("Kassan", "it_manager"),
                               ("betalning", "object_owner")]
    assert files_of(ls, anna) == ["catalog-info.yaml", "modell.xml", "roller.xlsx"]
    bo = "Person:user:default/bo"
    assert roles(ls, bo) == [("Journalen", "it_manager"), ("Kassan", "object_owner"),
                             ("kvitto", "object_owner")]
    assert files_of(ls, bo) == ["catalog-info.yaml", "modell.xml", "roller.xlsx"]
    cecilia = "Person:cecilia.carlsson@region-x.se"
    assert roles(ls, cecilia) == [("Journalen", "business_manager"), ("Kassan", "it_specialist"),
                                  ("frakt", "object_owner")]
    assert files_of(ls, cecilia) == ["catalog-info.yaml", "modell.xml", "roller.xlsx"]
    assert ls.node(cecilia)["listed"] is True
    assert roles(ls, "Person:david.dahl@region-x.se") == [("Journalen", "information_owner")]
    assert roles(ls, "Person:david.dahl@kommun-z.se") == [("Kassan", "information_owner")]
    assert roles(ls, "Person:user:default/eva1") == [("lager", "object_owner")]
    assert roles(ls, "Person:user:default/eva2") == [("retur", "object_owner")]
    assert roles(ls, "Person:name:david-dahl") == [("Journalen", "it_specialist")]
    assert roles(ls, "Person:name:eva-ek") == [("Journalen", "business_specialist")]
    assert [(e.file, e.sheet, e.line, e.column, e.reason) for e in res.ledger.entries
            if e.kind == "ambiguous"] == [
        ("roller.xlsx", "Roller", 6, "Person", "'David Dahl' is the name of 2 people "
         "(david.dahl@kommun-z.se, david.dahl@region-x.se); a name alone cannot say which: kept "
         "as name:david-dahl (write the e-mail to link it)"),
        ("roller.xlsx", "Roller", 7, "Person", "'Eva Ek' is the name of 2 people "
         "(user:default/eva1, user:default/eva2); a name alone cannot say which: kept as "
         "name:eva-ek (write the e-mail to link it)"),
    ]
    # every row and element accounted for, nothing rejected
    assert sum(f.rejected for f in res.ledger.files) == 0


def test_the_same_people_whatever_the_file_names(tmp_path):
    """Model files are read in name order; the people lists always come first."""
    a_dir, b_dir = tmp_path / "a", tmp_path / "b"
    a_dir.mkdir()
    b_dir.mkdir()
    a = three_sources(a_dir)
    b = [b_dir / "a-roller.xlsx", b_dir / "b-modell.xml", b_dir / "z-catalog.yaml"]
    for src, dst in zip(a, b, strict=True):
        dst.write_bytes(src.read_bytes())
    la = import_files(a, imported_at=WHEN).landscape
    lb = import_files(b, imported_at=WHEN).landscape
    # the model now comes before the catalog: Bo is keyed by his name, not the catalog's id
    people_b = {k: d.get("name") for k, d in lb.nodes("Person")}
    assert people_b["Person:name:bo-berg"] == "Bo Berg"
    assert sorted(people_b.values()) == sorted(d.get("name") for _, d in la.nodes("Person"))
    assert roles(lb, "Person:name:bo-berg") == roles(la, "Person:user:default/bo")
    assert roles(lb, "Person:cecilia.carlsson@region-x.se") == roles(
        la, "Person:cecilia.carlsson@region-x.se")


def test_one_organisation_chain_from_archimate_and_the_register(tmp_path):
    wb = write_xlsx(tmp_path / "register.xlsx", {
        "System": [["Systemnamn", "Förvaltning"],
                   ["Journalen", "Region X/Förvaltning Y"],
                   ["Röntgen", "Region X / Förvaltning Y, Region X / Förvaltning Z"]]})
    model = exchange(tmp_path / "modell.xml", [
        ("c-kassan", "ApplicationComponent", "Kassan", {"Förvaltning": "Region X/Förvaltning Y"}),
        # two organisation properties are one path, root first, as two columns are
        ("c-labbet", "ApplicationComponent", "Labbet",
         {"Förvaltning": "Förvaltning Y", "Region": "Region X"}),
        ("c-lager", "ApplicationComponent", "Lagret", {"Förvaltning": "Region X > Förvaltning Z"}),
        ("a-org", "BusinessActor", "Region X / Förvaltning Z", {}),
        ("c-frakt", "ApplicationComponent", "Frakten", {}),
    ], [("r1", "Assignment", "a-org", "c-frakt", None)])
    ls = import_files([wb, model], imported_at=WHEN).landscape
    orgs = {k: (d["name"], d.get("path"), ls.parent_of(k)) for k, d in ls.nodes("Organisation")}
    assert orgs == {
        "Organisation:region-x": ("Region X", "Region X", None),
        "Organisation:region-x--forvaltning-y": ("Förvaltning Y", "Region X / Förvaltning Y",
                                                 "Organisation:region-x"),
        "Organisation:region-x--forvaltning-z": ("Förvaltning Z", "Region X / Förvaltning Z",
                                                 "Organisation:region-x"),
    }
    owners = {ls.name(k): [ls.node(o)["path"] for o in ls.owners_of(k)]
              for k, _ in ls.nodes("System")}
    assert owners == {
        "Journalen": ["Region X / Förvaltning Y"],
        "Röntgen": ["Region X / Förvaltning Y", "Region X / Förvaltning Z"],
        "Kassan": ["Region X / Förvaltning Y"],
        "Labbet": ["Region X / Förvaltning Y"],
        "Lagret": ["Region X / Förvaltning Z"],
        "Frakten": ["Region X / Förvaltning Z"],
    }
    assert files_of(ls, "Organisation:region-x--forvaltning-y") == ["modell.xml", "register.xlsx"]
    assert len(list(ls.edges("PART_OF"))) == 2


def test_the_resolver_alone():
    ls = Landscape()
    r = Resolver(ls, Ledger())
    assert r.person("Anna Andersson", "Anna@X.se", "a.csv:2") == ("Person:anna@x.se", False)
    assert r.person("Anna Andersson", None, "b.csv:2") == ("Person:anna@x.se", True)
    assert r.person("Anna Andersson", "anna@y.se", "c.csv:2") == ("Person:anna@y.se", False)
    # now two people of that name: the name alone is neither
    assert r.person("Anna Andersson", None, "d.csv:2") == ("Person:name:anna-andersson", False)
    assert r.person("Bo", None, "e.yaml:1", identity="user:default/bo") == (
        "Person:user:default/bo", False)
    assert r.person("Bo", None, "e.yaml:5", identity="user:default/bo2") == (
        "Person:user:default/bo2", False)
    assert r.organisation(["Region X", "Förvaltning Y"], "f.csv:2") == r.organisation(
        "Region X > Förvaltning Y", "g.xml#e")
    assert r.organisation_path("Organisation:region-x--forvaltning-y") == \
        "Region X / Förvaltning Y"
    # a re-import: a new resolver finds the people already there
    r2 = Resolver(ls, Ledger())
    assert r2.person(None, "ANNA@x.se", "h.csv:2") == ("Person:anna@x.se", True)
    assert r2.person("Bo", None, "i.yaml:1", identity="user:default/bo2") == (
        "Person:user:default/bo2", True)


def test_organisation_names_of_separators_only_stay_data(tmp_path):
    model = exchange(tmp_path / "modell.xml", [
        ("c-a", "ApplicationComponent", "Kassan", {"Förvaltning": " / "}),
        ("a-org", "BusinessActor", "/", {}),
    ], [("r1", "Assignment", "a-org", "c-a", None)])
    ls = import_files([model], imported_at=WHEN).landscape
    # the property states no organisation; the actor's name is kept as written
    assert [(ls.node(o)["name"], ls.node(o)["path"]) for o in ls.owners_of("System:c-a")] == [
        ("/", "/")]
