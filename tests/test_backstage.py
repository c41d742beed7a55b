"""Backstage import: the shared example catalog and small hand-written catalogs."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter

import pytest

from ea.errors import InputError
from ea.importers import import_files
from tests.conftest import SHARED_DATA

EX = SHARED_DATA / "backstage-catalog-examples-2021" / "examples"
WHEN = dt.date(2026, 11, 25)
ALL = ["all-components.yaml", "all-apis.yaml", "all-systems.yaml", "all-resources.yaml",
       "all-domains.yaml", "acme-corp.yaml"]

needs_data = pytest.mark.skipif(not EX.exists(), reason="shared data not present")


def _imp(paths):
    return import_files([str(p) for p in paths], imported_at=WHEN)


def _totals(res):
    rows = imp = mer = rej = skip = 0
    for f in res.ledger.files:
        assert f.rows == f.imported + f.merged + f.rejected + f.skipped
        rows, imp, mer = rows + f.rows, imp + f.imported, mer + f.merged
        rej, skip = rej + f.rejected, skip + f.skipped
    return rows, imp, mer, rej, skip


@needs_data
def test_the_whole_example_catalog():
    res = _imp([EX / n for n in ALL])
    ls = res.landscape
    # 13 components + 7 APIs + 3 systems + 1 resource + 8 groups + 16 users imported;
    # 7 Locations and 2 Domains mapped
    assert _totals(res) == (57, 48, 9, 0, 0)
    assert len(res.ledger.files) == 40  # 6 named files and the 34 their Locations lead to
    st = ls.stats()
    assert st["nodes"] == {"System": 24, "Object": 3, "Person": 16, "Organisation": 8,
                           "Information": 0}
    # every owner is in the catalog: nothing unresolved, whatever the file order
    assert Counter(e.kind for e in res.ledger.entries) == {}
    pet = ls.node("System:component:default/petstore")
    assert (pet["name"], pet["status"], pet["category"]) == ("petstore", "implementing",
                                                              "Component (service)")
    assert ls.owners_of("System:component:default/petstore") == [
        "Organisation:group:default/team-c"]
    assert ls.node("Organisation:group:default/team-c")["path"] == \
        "ACME Corp / infrastructure / Box Office / Team C"
    # owner user:guest -> the guest user holds object_owner
    guest = [k for k, _ in ls.nodes("System")
             if any(r["role"] == "object_owner" for r in ls.roles_of(k))]
    assert guest == ["System:component:default/playback-order",
                     "System:component:default/searcher", "System:component:default/shuffle-api"]
    assert ls.node("Person:guest@example.com")["organisation"] == \
        "ACME Corp / infrastructure / Backstage / team-a"
    # consumesApis wayback-archive, provided by the wayback-archive component
    integ = [(u, v, d.get("via"), d.get("type")) for u, v, _k, d in ls.edges("INTEGRATES_WITH")]
    assert integ == [("System:component:default/wayback-archive",
                      "System:component:default/wayback-search",
                      "System:api:default/wayback-archive", "api")]
    assert sorted(ls.name(s) for s in ls.systems_of("Object:system:default/audio-playback")) == [
        "audio-playback", "playback-order", "playback-sdk", "shuffle-api"]
    assert ls.node("System:component:default/playback-order")["extra"]["domain"] == "playback"


@needs_data
def test_components_alone_are_unowned():
    res = _imp([EX / "all-components.yaml"])
    assert _totals(res) == (14, 13, 1, 0, 0)
    ls = res.landscape
    unowned = sorted(e.subject for e in res.ledger.entries
                     if e.kind == "unresolved" and e.column == "spec.owner")
    assert len(unowned) == 13
    assert all(not ls.owners_of(k) and not ls.roles_of(k) for k in unowned)
    assert ls.node("System:component:default/artist-lookup")["extra"]["owner"] == "team-a"
    kinds = Counter(e.column for e in res.ledger.entries if e.kind == "unresolved")
    assert kinds == {"spec.owner": 13, "spec.system": 7, "spec.consumesApis": 1}


@needs_data
def test_file_order_does_not_matter():
    a = _imp([EX / n for n in ALL]).landscape
    b = _imp([EX / n for n in reversed(ALL)]).landscape
    assert sorted(a.graph.edges(keys=True)) == sorted(b.graph.edges(keys=True))


def _yaml(path, *docs):
    import yaml

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump_all(docs, sort_keys=False), encoding="utf-8")
    return path


def ent(kind, name, ns=None, **spec):
    meta = {"name": name, **({"namespace": ns} if ns else {})}
    return {"apiVersion": "backstage.io/v1alpha1", "kind": kind, "metadata": meta, "spec": spec}


def test_hand_written_catalog(tmp_path):
    root = _yaml(
        tmp_path / "cat" / "catalog-info.yaml",
        {"apiVersion": "backstage.io/v1alpha1", "kind": "Location", "metadata": {"name": "root"},
         "spec": {"targets": ["./more/*.yaml", "https://example.com/x.yaml", "../outside.yaml",
                              "./missing.yaml", "./catalog-info.yaml"]}},
        ent("Component", "kassa", lifecycle="production", owner="group:ekonomi/team-a",
            dependsOn=["resource:default/kassadb", "component:ghost"],
            consumesApis=["betal-api", "lagret"]),
        ent("Group", "team-a", ns="ekonomi", type="team"),
        ent("Template", "skeleton"),
        {"just": "a mapping"},
    )
    _yaml(tmp_path / "cat" / "more" / "b.yaml",
          ent("Resource", "kassadb", type="database", owner="nobody-team"),
          ent("API", "betal-api", owner="team-a"),
          ent("API", "lagret", lifecycle="deprecated"),
          ent("Component", "betalning", providesApis=["betal-api"], owner="user:default/eva"),
          ent("User", "eva", profile={"email": "Eva@Example.se", "displayName": "Eva Ek"}))
    _yaml(tmp_path / "outside.yaml", ent("Component", "never"))
    res = _imp([root])
    ls = res.landscape
    assert _totals(res) == (10, 7, 1, 0, 2)  # a Template and a non-entity: skipped
    assert [f.file for f in res.ledger.files] == ["catalog-info.yaml", "more/b.yaml"]
    assert "System:component:default/never" not in ls
    assert sorted((ls.name(u), ls.name(v), d.get("type"), d.get("via"))
                  for u, v, _k, d in ls.edges("INTEGRATES_WITH")) == [
        ("betalning", "kassa", "api", "System:api:default/betal-api"),
        ("kassadb", "kassa", "db", None),   # kassa depends on kassadb: data flows db -> kassa
        ("lagret", "kassa", "api", None),   # an API nobody provides is the source itself
    ]
    assert ls.owners_of("System:component:default/kassa") == [
        "Organisation:group:ekonomi/team-a"]
    assert [r["person"] for r in ls.roles_of("System:component:default/betalning")] == [
        "Person:eva@example.se"]
    assert ls.node("System:api:default/lagret")["status"] == "phasing_out"
    entries = {(e.kind, e.value or e.column): e for e in res.ledger.entries}
    assert ("unresolved", "nobody-team") in entries  # kassadb: unowned
    assert not ls.owners_of("System:resource:default/kassadb")
    assert ("unresolved", "component:ghost") in entries
    assert "URL" in entries[("skipped", "https://example.com/x.yaml")].reason
    assert "outside the folder" in entries[("skipped", "../outside.yaml")].reason
    assert "does not exist" in entries[("warning", "./missing.yaml")].reason
    assert "cycle" in entries[("warning", "./catalog-info.yaml")].reason
    assert "kind Template" in entries[("skipped", "template:default/skeleton")].reason
    assert entries[("skipped", None)].line == 41  # the mapping that is not an entity


def test_rest_api_json_with_relations(tmp_path):
    items = [
        {"kind": "Component", "metadata": {"name": "web", "namespace": "default"},
         "spec": {"lifecycle": "experimental"},
         "relations": [{"type": "ownedBy", "targetRef": "group:default/web-team"},
                       {"type": "dependsOn", "target": {"kind": "component",
                                                        "namespace": "default", "name": "api"}},
                       {"type": "ownerOf", "targetRef": "component:default/zzz"}]},
        {"kind": "Component", "metadata": {"name": "api", "namespace": "default"},
         "spec": {}, "relations": [{"type": "ownedBy", "targetRef": "group:default/gone"}]},
        {"kind": "Group", "metadata": {"name": "web-team", "namespace": "default"},
         "spec": {"type": "team"}},
    ]
    for name, data in (("list.json", items), ("items.json", {"items": items})):
        p = tmp_path / name
        p.write_text(json.dumps(data), encoding="utf-8")
        res = _imp([p])
        ls = res.landscape
        assert _totals(res) == (3, 3, 0, 0, 0)
        assert ls.owners_of("System:component:default/web") == [
            "Organisation:group:default/web-team"]
        assert [(ls.name(u), ls.name(v)) for u, v, _k, _d in ls.edges("INTEGRATES_WITH")] == [
            ("api", "web")]
        unresolved = [e for e in res.ledger.entries if e.kind == "unresolved"]
        assert [(e.subject, e.value) for e in unresolved] == [
            ("System:component:default/api", "group:default/gone")]
        assert unresolved[0].file == name


@pytest.mark.parametrize("name,content,message", [
    ("x.yaml", "a: [1, 2\n", "not valid YAML"),
    ("x.yaml", "name: just some config\n", "not a Backstage catalog file"),
    ("x.json", "{\"a\": ", "not valid JSON"),
    ("x.json", "42", "not a Backstage catalog"),
    ("x.yaml", "!!python/object/apply:os.system ['true']\n", "not valid YAML"),
])
def test_bad_files_give_one_clear_line(tmp_path, name, content, message):
    p = tmp_path / name
    p.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        _imp([p])
    assert message in str(exc.value)
