"""Unit tests of the map model, the renderer and ``ea map`` (fast; the browser tests are in
test_maps_browser.py)."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from click.testing import CliRunner

from ea import maps
from ea.cli import main
from ea.commands.maps import _findings
from ea.config import Config
from ea.errors import QueryError
from ea.store import snapshot
from tests.conftest import AS_OF
from tests.fixtures_maps import EVIL, build

SYS = ["System:cosmic", "System:evil", "System:ghost", "System:heroma", "System:npo",
       "System:platina", "System:raindance"]


def shown(model):
    nodes = {n["id"]: n for n in model.nodes if not n.get("layout_only")}
    edges = {e["id"]: e for e in model.edges if not e.get("layout_only")}
    return nodes, edges


def tip(item) -> dict:
    return dict(item["tip"])


@pytest.fixture
def ls():
    return build()


def test_whole_landscape_nodes_edges_and_counts(ls):
    model = maps.build_map(ls, as_of=AS_OF)
    nodes, edges = shown(model)
    assert sorted(nodes) == SYS
    assert sorted(edges) == [
        "System:cosmic|System:npo|api", "System:evil|System:raindance|mq",
        "System:ghost|System:heroma|other", "System:heroma|System:cosmic|api",
        "System:platina|System:cosmic|db", "System:raindance|System:heroma|api",
        "System:raindance|System:heroma|file"]
    assert model.legend["counts"] == {"nodes": 7, "edges": 7}
    assert model.legend["hidden"] == []
    assert model.large is False
    assert model.title == "Region X: dependency map"


def test_shapes_markers_and_edge_styles(ls):
    nodes, edges = shown(maps.build_map(ls, as_of=AS_OF))
    shapes = {k: n["shape"] for k, n in nodes.items()}
    assert shapes == {"System:cosmic": "diamond", "System:evil": "dot", "System:ghost": "triangle",
                      "System:heroma": "diamond", "System:npo": "square",
                      "System:platina": "dot", "System:raindance": "diamond"}
    unowned = sorted(k for k, n in nodes.items() if n["color"]["border"] == maps.UNOWNED_COLOUR)
    # unowned as ea orphans counts it: no working object owner (Platina has managers only)
    assert unowned == ["System:cosmic", "System:evil", "System:platina"]
    assert edges["System:raindance|System:heroma|file"]["dashes"] == [8, 6]
    assert edges["System:heroma|System:cosmic|api"]["dashes"] is False
    assert edges["System:cosmic|System:npo|api"]["arrows"] == "to, from"
    assert edges["System:heroma|System:cosmic|api"]["arrows"] == "to"
    # Heroma joins the most systems: the biggest hub score, the one ea hubs gives it
    assert max(nodes.values(), key=lambda n: n["value"])["id"] == "System:heroma"
    assert nodes["System:heroma"]["value"] == 13.6
    from ea.queries import hubs

    assert round(float(hubs.metrics(ls).at["System:heroma", "hub_score"]), 3) == 13.6


def test_colour_by_organisation_uses_the_administration(ls):
    model = maps.build_map(ls, as_of=AS_OF)
    nodes, _ = shown(model)
    # Raindance belongs to RSF's IT department: coloured as RSF, like Heroma (via its object)
    assert nodes["System:raindance"]["color"]["background"] == \
        nodes["System:heroma"]["color"]["background"]
    assert nodes["System:cosmic"]["color"]["background"] == \
        nodes["System:platina"]["color"]["background"]
    assert [(c["label"], c["count"]) for c in model.legend["colours"]] == [
        ("(no owning organisation)", 2), ("External (not owned locally)", 1),
        ("Hälso- och sjukvårdsförvaltningen", 2), ("Regionstyrelseförvaltningen", 2)]


def test_colour_by_lifecycle_and_classification(ls):
    model = maps.build_map(ls, as_of=AS_OF, color_by="lifecycle")
    nodes, _ = shown(model)
    assert nodes["System:heroma"]["color"]["background"] == maps.LIFECYCLE_COLOURS["phasing_out"]
    assert nodes["System:raindance"]["color"]["background"] == maps.LIFECYCLE_COLOURS["active"]
    assert nodes["System:platina"]["color"]["background"] == maps.LIFECYCLE_COLOURS["planned"]
    model = maps.build_map(ls, as_of=AS_OF, color_by="classification")
    nodes, _ = shown(model)
    assert nodes["System:cosmic"]["color"]["background"] == maps.CLASSIFICATION_COLOURS[4]
    assert nodes["System:raindance"]["color"]["background"] == maps.CLASSIFICATION_COLOURS[3]
    assert nodes["System:npo"]["color"]["background"] == maps.CLASSIFICATION_COLOURS[None]


def test_tooltips_carry_owner_managers_classification_lifecycle(ls):
    nodes, edges = shown(maps.build_map(ls, as_of=AS_OF))
    t = tip(nodes["System:raindance"])
    assert t["Owner"] == "Region X / Regionstyrelseförvaltningen / IT-avdelningen"
    assert t["Object owner"] == "Anna Exempel"
    assert t["Managers"] == "Bo Påhittad, Cia Testsson"
    assert t["Classification"] == "K2 R3 T3"
    assert t["Lifecycle"] == "In service (i drift / under förvaltning)"
    assert t["Marked"] == "articulation point"
    t = tip(nodes["System:heroma"])  # roles inherited from its object
    assert t["Object owner"] == "Anna Exempel" and t["Object"] == "HR"
    assert t["Lifecycle"] == "Phasing out (under avveckling)"
    assert tip(nodes["System:evil"])["System"] == EVIL
    assert tip(nodes["System:cosmic"])["Marked"] == \
        "unowned: in no förvaltningsobjekt and no roles of its own; articulation point"
    e = tip(edges["System:raindance|System:heroma|api"])
    assert e["Via"] == "Platina" and e["Integration"] == "Raindance → Heroma"
    assert tip(edges["System:raindance|System:heroma|file"])["Information"] == "Löner"


@pytest.mark.parametrize("ref,depth,expected", [
    ("Platina", 1, ["System:cosmic", "System:platina"]),
    ("Platina", 2, ["System:cosmic", "System:heroma", "System:npo", "System:platina"]),
    ("HR", 1, ["System:cosmic", "System:ghost", "System:heroma", "System:raindance"]),
    ("Cia Testsson", 0, ["System:platina", "System:raindance"]),
    ("Hälso- och sjukvårdsförvaltningen", 0, ["System:cosmic", "System:platina"]),
])
def test_focus(ls, ref, depth, expected):
    model = maps.build_map(ls, as_of=AS_OF, focus=ref, depth=depth)
    nodes, _ = shown(model)
    assert sorted(nodes) == expected
    assert any(n.startswith("Focus: ") for n in model.legend["notes"])


def test_focus_counts_what_lies_beyond(ls):
    model = maps.build_map(ls, as_of=AS_OF, focus="Platina", depth=1)
    assert model.legend["hidden"] == ["2 integrations lead beyond the focus",
                                      "4 integrations lie wholly outside the focus"]
    assert model.legend["notes"][0] == \
        "Focus: Platina (System), 1 integration hop(s); 5 systems lie further out"
    assert model.title == "Region X: around Platina"


def test_focus_errors(ls):
    with pytest.raises(QueryError, match="no system, object, person or organisation"):
        maps.build_map(ls, focus="Nothing")
    ls.add_system("raindance2", name="Raindance")
    with pytest.raises(QueryError, match="ambiguous"):
        maps.build_map(ls, focus="Raindance")


def test_focus_accepts_a_unique_near_miss():
    from ea.landscape import Landscape

    ls = Landscape()
    ls.add_system("lon", name="Raindance ekonomi")
    ls.add_system("heroma", name="Heroma")
    ls.add_integration("System:lon", "System:heroma", type="file")
    model = maps.build_map(ls, as_of=AS_OF, focus="raindance", depth=0)
    assert [n["id"] for n in model.nodes] == ["System:lon"]
    note = ("--focus 'raindance': using Raindance ekonomi (system), the only name that "
            "starts with it")
    assert model.messages == [note] and model.legend["notes"][0] == note
    # containment when nothing starts with it
    model = maps.build_map(ls, as_of=AS_OF, focus="ekonomi", depth=0)
    assert [n["id"] for n in model.nodes] == ["System:lon"]
    assert model.messages[0].endswith("the only name that contains it")
    # several names start with it, one in the same letter case: that one, the others named
    ls.add_system("rd3", name="raindance ekonomi")
    model = maps.build_map(ls, as_of=AS_OF, focus="Raindance", depth=0)
    assert [n["id"] for n in model.nodes] == ["System:lon"]
    assert model.messages == [
        "--focus 'Raindance': using Raindance ekonomi (system), the only name that starts with "
        "it in that letter case (also: raindance ekonomi (system))"]
    ls.graph.remove_node("System:rd3")
    # several candidates: one line listing them
    ls.add_system("rd2", name="Raindance webb")
    with pytest.raises(QueryError) as err:
        maps.build_map(ls, focus="Raindance")
    assert str(err.value) == (
        "--focus: no system, object, person or organisation called 'Raindance'; did you "
        "mean: Raindance ekonomi (system), Raindance webb (system)?")
    # a close spelling is only suggested
    with pytest.raises(QueryError, match=r"did you mean: Heroma \(system\)\?"):
        maps.build_map(ls, focus="Herona")


def test_filters_say_what_they_hid(ls):
    model = maps.build_map(ls, as_of=AS_OF, external=False)
    nodes, edges = shown(model)
    assert "System:npo" not in nodes and len(nodes) == 6 and len(edges) == 6
    assert model.legend["hidden"] == ["1 system hidden by filter: external",
                                      "1 integration hidden with those systems"]
    nodes, _ = shown(maps.build_map(ls, as_of=AS_OF, criticality=4))
    assert sorted(nodes) == ["System:cosmic", "System:raindance"]
    nodes, _ = shown(maps.build_map(ls, as_of=AS_OF, organisation="Regionstyrelseförvaltningen"))
    assert sorted(nodes) == ["System:heroma", "System:raindance"]
    nodes, _ = shown(maps.build_map(ls, as_of=AS_OF, lifecycle=["planned", "phasing_out"]))
    assert sorted(nodes) == ["System:heroma", "System:platina"]
    nodes, _ = shown(maps.build_map(ls, as_of=AS_OF, external=True))
    assert sorted(nodes) == ["System:npo"]
    with pytest.raises(QueryError, match="no organisation called"):
        maps.build_map(ls, organisation="Nowhere")


def test_organisation_view(ls):
    model = maps.build_map(ls, as_of=AS_OF, view="organisation")
    nodes, edges = shown(model)
    assert {k: n["label"] for k, n in nodes.items()} == {
        "group:(no owning organisation)": "(no owning organisation) (2)",
        "group:External (not owned locally)": "External (not owned locally) (1)",
        "group:Hälso- och sjukvårdsförvaltningen": "Hälso- och sjukvårdsförvaltningen (2)",
        "group:Regionstyrelseförvaltningen": "Regionstyrelseförvaltningen (2)"}
    weights = {k: (e["value"], e["arrows"]) for k, e in edges.items()}
    assert weights == {
        "group:(no owning organisation)|group:Regionstyrelseförvaltningen": (2, "to"),
        "group:External (not owned locally)|group:Hälso- och sjukvårdsförvaltningen":
            (1, "to, from"),
        "group:Hälso- och sjukvårdsförvaltningen|group:Regionstyrelseförvaltningen": (1, "from")}
    assert tip(nodes["group:Regionstyrelseförvaltningen"])["Integrations inside"] == "2"
    assert nodes["group:Hälso- och sjukvårdsförvaltningen"]["color"]["border"] == \
        maps.UNOWNED_COLOUR


def test_organisation_view_draws_one_edge_per_pair_with_the_counts_each_way(ls):
    """Integrations both ways between two organisations are one edge: width the total,
    the tooltip the count each way (and those recorded as bidirectional)."""
    ls.add_integration("System:cosmic", "System:raindance", type="file")  # HSF -> RSF
    ls.add_integration("System:platina", "System:heroma", type="api")     # HSF -> RSF
    ls.add_integration("System:cosmic", "System:heroma", type="api", bidirectional=True)
    ls.add_integration("System:npo", "System:platina", type="api")        # External -> HSF
    model = maps.build_map(ls, as_of=AS_OF, view="organisation")
    _, edges = shown(model)
    assert len(edges) == 3  # one per pair, none per direction
    hsf_rsf = edges["group:Hälso- och sjukvårdsförvaltningen|group:Regionstyrelseförvaltningen"]
    assert (hsf_rsf["value"], hsf_rsf["label"], hsf_rsf["arrows"]) == (4, "4", "to, from")
    assert hsf_rsf["ways"] == {"forward": 2, "back": 1, "both": 1}
    assert hsf_rsf["tip"] == [
        ["Integrations", "Hälso- och sjukvårdsförvaltningen – Regionstyrelseförvaltningen: 4"],
        ["Hälso- och sjukvårdsförvaltningen → Regionstyrelseförvaltningen", "2"],
        ["Regionstyrelseförvaltningen → Hälso- och sjukvårdsförvaltningen", "1"],
        ["Both ways", "1"],
        ["By type", "API / service call 3, file transfer 1"]]
    npo = edges["group:External (not owned locally)|group:Hälso- och sjukvårdsförvaltningen"]
    assert (npo["value"], npo["ways"]) == (2, {"forward": 1, "back": 0, "both": 1})
    no_owner = edges["group:(no owning organisation)|group:Regionstyrelseförvaltningen"]
    assert (no_owner["value"], no_owner["arrows"], no_owner["ways"]) == (
        2, "to", {"forward": 2, "back": 0, "both": 0})
    assert model.legend["counts"] == {"nodes": 4, "edges": 3}


def test_overlay_of_findings(ls):
    findings = pd.DataFrame([
        {"subject": "System:cosmic", "name": "Cosmic", "code": "missing_role",
         "severity": "high", "reason": "No IT manager"},
        {"subject": "Object:hr", "name": "HR", "code": "vacant_role", "severity": "medium",
         "reason": "Business manager <b>vakant</b>"},
        {"subject": "Person:anna", "name": "Anna", "code": "x", "severity": "low",
         "reason": "not a system"},
    ])
    model = maps.build_map(ls, as_of=AS_OF, findings={"orphans": findings})
    nodes, _ = shown(model)
    assert nodes["System:cosmic"]["shadow"]["color"] == maps.SEVERITY_COLOURS["high"]
    assert nodes["System:heroma"]["shadow"]["color"] == maps.SEVERITY_COLOURS["medium"]
    assert tip(nodes["System:heroma"])["Finding (orphans)"] == \
        "vacant_role [medium]: Business manager <b>vakant</b>"
    faded = sorted(k for k, n in nodes.items() if n.get("opacity") == 0.3)
    assert faded == ["System:evil", "System:ghost", "System:npo", "System:platina",
                     "System:raindance"]
    assert model.legend["notes"][-1] == ("Highlighted: orphans: 3 findings, 2 systems on this "
                                         "map (1 findings concern nothing shown here)")


def test_large_landscape_defaults_to_the_organisation_view(ls):
    cfg = Config({"maps": {"large_threshold": 5}})
    model = maps.build_map(ls, as_of=AS_OF, config=cfg)
    assert (model.view, model.large) == ("organisation", True)
    assert len(model.nodes) == 4 and model.legend["counts"]["nodes"] == 4
    assert model.legend["notes"][-1].startswith(
        "7 systems is above maps.large_threshold (5): one node per organisation")
    drills = {n["id"]: n.get("drill") for n in model.nodes}
    assert drills == {
        "group:(no owning organisation)": None,
        "group:External (not owned locally)": "ea map --external",
        "group:Hälso- och sjukvårdsförvaltningen":
            'ea map --organisation "Hälso- och sjukvårdsförvaltningen"',
        "group:Regionstyrelseförvaltningen": 'ea map --organisation "Regionstyrelseförvaltningen"'}
    # asked for explicitly, or narrowed: the systems view
    forced = maps.build_map(ls, as_of=AS_OF, config=cfg, view="systems")
    assert (forced.view, forced.large, len(forced.nodes)) == ("systems", True, 7)
    assert any("ea map --by organisation" in n for n in forced.legend["notes"])
    narrowed = maps.build_map(ls, as_of=AS_OF, config=cfg, organisation="Regionstyrelseförvaltningen")
    assert (narrowed.view, len(narrowed.nodes)) == ("systems", 2)
    assert maps.build_map(ls, as_of=AS_OF, config=cfg, focus="Cosmic").view == "systems"
    assert maps.build_map(ls, as_of=AS_OF).view == "systems"


def test_positions_come_from_python_and_physics_is_off(ls):
    for view in ("systems", "organisation"):
        model = maps.build_map(ls, as_of=AS_OF, view=view)
        assert model.options["physics"] == {"enabled": False}
        assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in model.nodes)
        assert len({(n["x"], n["y"]) for n in model.nodes}) == len(model.nodes)


def test_systems_sit_in_their_organisation_cluster(ls):
    model = maps.build_map(ls, as_of=AS_OF)
    groups = {g["label"]: g for g in model.groups}
    assert sorted(groups) == ["(no owning organisation) (2)", "External (not owned locally) (1)",
                              "Hälso- och sjukvårdsförvaltningen (2)",
                              "Regionstyrelseförvaltningen (2)"]
    members = {"(no owning organisation) (2)": ["System:evil", "System:ghost"],
               "External (not owned locally) (1)": ["System:npo"],
               "Hälso- och sjukvårdsförvaltningen (2)": ["System:cosmic", "System:platina"],
               "Regionstyrelseförvaltningen (2)": ["System:heroma", "System:raindance"]}
    nodes = {n["id"]: n for n in model.nodes}
    for label, keys in members.items():
        g = groups[label]
        for k in keys:  # inside its own disc, outside every other
            assert ((nodes[k]["x"] - g["x"]) ** 2 + (nodes[k]["y"] - g["y"]) ** 2) ** 0.5 <= g["r"]
            for other in groups.values():
                if other is not g:
                    d = ((nodes[k]["x"] - other["x"]) ** 2 + (nodes[k]["y"] - other["y"]) ** 2)
                    assert d ** 0.5 > other["r"]
    # discs and titles do not overlap each other
    from ea.maps.layout import RING, _overlaps, _title_box

    gs = list(groups.values())
    for i, a in enumerate(gs):
        for b in gs[i + 1:]:
            assert ((a["x"] - b["x"]) ** 2 + (a["y"] - b["y"]) ** 2) ** 0.5 > a["r"] + b["r"] + 2 * RING
            assert not _overlaps(_title_box(a["x"], a["y"], a["r"], a["label"], a["font"]),
                                 _title_box(b["x"], b["y"], b["r"], b["label"], b["font"]))


def test_layout_is_deterministic(ls):
    a = maps.build_map(ls, as_of=AS_OF)
    b = maps.build_map(build(), as_of=AS_OF)
    assert [(n["id"], n["x"], n["y"]) for n in a.nodes] == \
        [(n["id"], n["x"], n["y"]) for n in b.nodes]
    assert a.groups == b.groups and a.bounds == b.bounds


def test_only_the_top_hubs_get_labels_and_they_do_not_overlap(ls):
    from ea.maps.layout import _label_box, _overlaps

    model = maps.build_map(ls, as_of=AS_OF, config=Config({"maps": {"hub_labels": 2}}))
    labelled = [n for n in model.nodes if n.get("hub_label")]
    # Heroma and Raindance are ranks 1 and 2 of ea hubs
    assert sorted(n["id"] for n in labelled) == ["System:heroma", "System:raindance"]
    assert all(n.get("quiet_label") for n in model.nodes if not n.get("hub_label"))
    boxes = [_label_box(n["x"], n["y"], n["size"], n["label"], n["hub_label"]["size"],
                        n["hub_label"]["side"]) for n in labelled]
    assert not _overlaps(*boxes)
    full = maps.build_map(ls, as_of=AS_OF)
    assert 2 < sum(1 for n in full.nodes if n.get("hub_label")) <= 7


def test_a_hub_label_does_not_cover_the_next_hub():
    from ea.landscape import Landscape
    from ea.maps.layout import _circle_hits_box, _label_box

    ls = Landscape()
    keys = [ls.add_system(f"s{i}", name=f"System with a long name {i}") for i in range(40)]
    for i in range(1, 40):  # a star and a ring: hubs close together
        ls.add_integration(keys[0], keys[i])
        ls.add_integration(keys[i], keys[(i % 39) + 1])
    model = maps.build_map(ls, config=Config({"maps": {"hub_labels": 10}}))
    labelled = [n for n in model.nodes if n.get("hub_label")]
    assert labelled
    for n in labelled:
        box = _label_box(n["x"], n["y"], n["size"], n["label"], n["hub_label"]["size"],
                         n["hub_label"]["side"])
        assert not any(_circle_hits_box(m["x"], m["y"], m["size"], box)
                       for m in labelled if m is not n)


def test_html_is_self_contained_escaped_and_deterministic(ls):
    html = maps.render_html(maps.build_map(ls, as_of=AS_OF))
    assert html == maps.render_html(maps.build_map(build(), as_of=AS_OF))
    assert "<img" not in html  # the evil name only appears JSON-escaped (\u003cimg ...)
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in html
    assert not re.search(r"<(script|link|img|iframe)[^>]*\s(src|href)=", html, re.I)
    for remote in ("cdnjs", "jsdelivr", "unpkg", "bootstrap", "url(http", "@import"):
        assert remote not in html.lower()
    assert "default-src 'none'" in html
    assert html.count("</script>") == 3 and "vis-network" in html  # data, vis, ours


def test_plain_numbers_in_model():
    import numpy as np

    assert maps._plain({"a": np.float64(1.23456), "b": [np.int64(3)], "c": True}) == \
        {"a": 1.235, "b": [3], "c": True}


def test_lifecycle_derivation():
    from ea.derived.lifecycle import lifecycle

    assert lifecycle({"end_of_life": "2020-01-01"}, AS_OF).shown == "retired"
    assert lifecycle({"planned_from": "2027-01-01"}, AS_OF).shown == "planned"
    assert lifecycle({"status": "implementing"}, AS_OF).shown == "implementing"
    assert lifecycle({}, AS_OF).shown == "unknown"
    # "Under avveckling" recorded on a system in service: shown, with the dates' phase beside
    lc = lifecycle({"status": "phasing_out", "in_service_from": "2010-01-01"}, AS_OF)
    assert (lc.shown, lc.from_dates) == ("phasing_out", "active")
    assert lc.text() == ("Phasing out (under avveckling) (dates say: In service (i drift / "
                         "under förvaltning))")


def test_cli_writes_the_map(ls, tmp_path):
    snap = snapshot.save(ls, tmp_path / "landscape.json")
    out = tmp_path / "map.html"
    res = CliRunner().invoke(main, ["map", "-l", str(snap), "-o", str(out), "--as-of",
                                    "2026-11-25", "--no-external"])
    assert res.exit_code == 0, res.output
    assert out.exists() and "vis.Network" in out.read_text(encoding="utf-8")
    assert f"wrote {out}: 6 systems, 6 connections" in res.output
    assert "not shown: 1 system hidden by filter: external" in res.output
    res = CliRunner().invoke(main, ["map", "-l", str(snap), "-o", str(out), "--by",
                                    "organisation"])
    assert res.exit_code == 0 and "4 organisations, 3 connections" in res.output
    res = CliRunner().invoke(main, ["map", "-l", str(snap), "-o", str(out), "--focus", "Nope"])
    assert res.exit_code == 1
    assert res.output.strip() == \
        "Error: --focus: no system, object, person or organisation called 'Nope'"
    res = CliRunner().invoke(main, ["map", "-l", str(snap), "-o", str(out), "--focus", "plat"])
    assert res.exit_code == 0, res.output
    assert res.output.splitlines()[0] == ("note: --focus 'plat': using Platina (system), the "
                                          "only name that starts with it")
    res = CliRunner().invoke(main, ["map", "-l", str(snap), "-o", str(out), "--focus", "o"])
    assert res.exit_code == 1 and len(res.output.strip().splitlines()) == 1
    assert "did you mean: " in res.output


def test_highlight_needs_a_registered_query(ls):
    with pytest.raises(QueryError, match="the 'nope' query is not available"):
        _findings(("nope",), ls, AS_OF, Config())


# ---------------------------------------------------------------- drill-down (ea map -o DIR/)
RSF, HSF = "Regionstyrelseförvaltningen", "Hälso- och sjukvårdsförvaltningen"


def test_drill_down_overview_links_each_organisation_to_its_page(ls):
    overview, pages = maps.build_drill_down(ls, as_of=AS_OF)
    assert overview.view == "organisation"
    assert {n["id"]: n["href"] for n in overview.nodes} == {
        "group:(no owning organisation)": "org-no-owning-organisation.html",
        "group:External (not owned locally)": "org-external-not-owned-locally.html",
        f"group:{HSF}": "org-halso-och-sjukvardsforvaltningen.html",
        f"group:{RSF}": "org-regionstyrelseforvaltningen.html"}
    assert sorted(pages) == sorted(n["href"] for n in overview.nodes)
    assert all("drill" not in n for n in overview.nodes)
    assert tip(overview.nodes[-1])["Its map"] == "click to open org-regionstyrelseforvaltningen.html"
    assert [c["href"] for c in overview.legend["colours"]] == [
        "org-no-owning-organisation.html", "org-external-not-owned-locally.html",
        "org-halso-och-sjukvardsforvaltningen.html", "org-regionstyrelseforvaltningen.html"]
    assert "open the map of its systems" in overview.legend["drill_note"]


def test_drill_down_page_holds_the_organisation_and_its_partners(ls):
    _, pages = maps.build_drill_down(ls, as_of=AS_OF)
    rsf = pages["org-regionstyrelseforvaltningen.html"]
    nodes, edges = shown(rsf)
    # Raindance (IT-avdelningen, under RSF) and Heroma (its object HR is RSF's), and the
    # systems they exchange data with: Evil and Ghost (no owner), Cosmic (HSF).
    assert sorted(nodes) == ["System:cosmic", "System:evil", "System:ghost", "System:heroma",
                             "System:raindance"]
    assert sorted(edges) == ["System:evil|System:raindance|mq",
                             "System:ghost|System:heroma|other",
                             "System:heroma|System:cosmic|api",
                             "System:raindance|System:heroma|api",
                             "System:raindance|System:heroma|file"]
    assert (rsf.view, rsf.back, rsf.organisation) == ("systems", "index.html", RSF)
    assert rsf.title == f"Region X: {RSF}"
    assert rsf.legend["notes"][0] == (f"{RSF}: its 2 systems and the 3 systems of other "
                                      "organisations they exchange data with")
    assert rsf.legend["hidden"] == ["2 integrations lead beyond this map"]
    # its own disc in the middle, the partners' around it
    assert [(g["label"], g["x"], g["y"]) for g in rsf.groups if g["x"] == g["y"] == 0] == [
        (f"{RSF} (2)", 0, 0)]
    # the same facts as the whole map: Cosmic is unowned on both
    assert nodes["System:cosmic"]["color"]["border"] == maps.UNOWNED_COLOUR
    hsf = shown(pages["org-halso-och-sjukvardsforvaltningen.html"])[0]
    assert sorted(hsf) == ["System:cosmic", "System:heroma", "System:npo", "System:platina"]


def test_drill_down_filters_apply_to_every_page(ls):
    overview, pages = maps.build_drill_down(ls, as_of=AS_OF, external=False)
    assert "org-external-not-owned-locally.html" not in pages
    hsf = shown(pages["org-halso-och-sjukvardsforvaltningen.html"])[0]
    assert sorted(hsf) == ["System:cosmic", "System:heroma", "System:platina"]
    assert pages["org-halso-och-sjukvardsforvaltningen.html"].legend["hidden"][0] == \
        "1 system hidden by filter: external"


def test_page_names_are_safe_and_unique():
    names = maps.page_names([EVIL, "../../etc/passwd", "Åre/Östersund", "", "åre östersund",
                             "index"])
    assert names == {EVIL: "org-img-src-x-onerror-alert-1.html",
                     "../../etc/passwd": "org-etc-passwd.html",
                     "Åre/Östersund": "org-are-ostersund.html", "": "org-organisation.html",
                     "åre östersund": "org-are-ostersund-2.html", "index": "org-index.html"}
    assert all(re.fullmatch(r"org-[a-z0-9-]{1,60}\.html", n) for n in names.values())


def test_cli_says_what_it_wrote_in_swedish(ls, tmp_path):
    snap = snapshot.save(ls, tmp_path / "landscape.json")
    out = tmp_path / "map.html"
    base = ["map", "-l", str(snap), "--as-of", "2026-11-25", "--lang", "sv"]
    res = CliRunner().invoke(main, [*base, "-o", str(out), "--no-external", "--focus", "plat"])
    assert res.exit_code == 0, res.output
    assert res.output.splitlines() == [
        "obs: --focus 'plat': använder Platina (system), det enda namn som börjar så",
        f"skrev {out}: 2 system, 1 förbindelse",
        "  visas inte: 2 integrationer leder utanför fokus",
        "  visas inte: 4 integrationer ligger helt utanför fokus"]
    res = CliRunner().invoke(main, [*base, "-o", str(out), "--no-external"])
    assert res.output.splitlines() == [
        f"skrev {out}: 6 system, 6 förbindelser",
        "  visas inte: 1 system dolt av filter: externa",
        "  visas inte: 1 integration dold med de systemen"]
    res = CliRunner().invoke(main, [*base, "-o", f"{tmp_path}/maps/"])
    lines = res.output.splitlines()
    assert lines[0] == (f"skrev {tmp_path}/maps/index.html: 4 organisationer, 3 förbindelser; "
                        "klicka på en för att öppna dess sida")
    assert "  org-regionstyrelseforvaltningen.html: 5 system, 5 förbindelser" in lines

def test_cli_writes_a_drill_down_folder(ls, tmp_path):
    snap = snapshot.save(ls, tmp_path / "landscape.json")
    out = tmp_path / "maps"
    res = CliRunner().invoke(main, ["map", "-l", str(snap), "-o", f"{out}/", "--as-of",
                                    "2026-11-25"])
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in out.iterdir()) == [
        "index.html", "org-external-not-owned-locally.html",
        "org-halso-och-sjukvardsforvaltningen.html", "org-no-owning-organisation.html",
        "org-regionstyrelseforvaltningen.html"]
    lines = res.output.splitlines()
    assert lines[0] == (f"wrote {out}/index.html: 4 organisations, 3 connections; click one "
                        "to open its page")
    assert "  org-regionstyrelseforvaltningen.html: 5 systems, 5 connections" in lines
    page = (out / "org-regionstyrelseforvaltningen.html").read_text(encoding="utf-8")
    assert '"back": "index.html"' in page and "<img src=x" not in page
    # an existing folder without the slash is a folder too
    res = CliRunner().invoke(main, ["map", "-l", str(snap), "-o", str(out)])
    assert res.exit_code == 0 and "index.html: 4 organisations" in res.output
    for args, clash in ((["--focus", "Cosmic"], "--focus"),
                        (["--organisation", RSF], "--organisation"),
                        (["--by", "system"], "--by system")):
        res = CliRunner().invoke(main, ["map", "-l", str(snap), "-o", f"{out}/", *args])
        assert res.exit_code == 2
        assert f"{clash} draws one map; -o {out}/ writes a drill-down" in res.output


def test_drill_down_page_above_the_threshold_folds_partners_per_organisation(ls):
    """A page whose systems and partners are more than maps.large_threshold draws the
    organisation's own systems and one node per partner organisation, linked to its page."""
    cfg = Config({"maps": {"large_threshold": 3}})
    _, pages = maps.build_drill_down(ls, as_of=AS_OF, config=cfg)
    rsf = pages["org-regionstyrelseforvaltningen.html"]
    nodes, edges = shown(rsf)
    assert sorted(nodes) == ["System:heroma", "System:raindance",
                             "group:(no owning organisation)", f"group:{HSF}"]
    assert {k: (n["label"], n["href"]) for k, n in nodes.items() if n.get("partner")} == {
        "group:(no owning organisation)": ("(no owning organisation) (2)",
                                           "org-no-owning-organisation.html"),
        f"group:{HSF}": (f"{HSF} (1)", "org-halso-och-sjukvardsforvaltningen.html")}
    # one edge per own system and partner organisation, in the way the data flows
    assert sorted(edges) == ["System:heroma|group:Hälso- och sjukvårdsförvaltningen",
                             "System:raindance|System:heroma|api",
                             "System:raindance|System:heroma|file",
                             "group:(no owning organisation)|System:heroma",
                             "group:(no owning organisation)|System:raindance"]
    assert tip(edges["group:(no owning organisation)|System:raindance"]) == {
        "Integrations": "(no owning organisation) → Raindance: 1",
        "Type": "message queue", "Its systems": EVIL}
    assert rsf.legend["notes"][0] == (
        f"{RSF}: its 2 systems, and the 3 systems of other organisations they exchange data "
        "with as one node per organisation (all 5 would be above maps.large_threshold, 3). "
        "Click one to open its page")
    assert rsf.legend["counts"] == {"nodes": 2, "organisations": 2, "edges": 5}
    # around the organisation's disc, labelled, not among the hub labels
    assert all(n["hub_label"]["side"] in ("left", "right") and not n.get("quiet_label")
               and (n["x"], n["y"]) != (0, 0) for n in nodes.values() if n.get("partner"))
    # small enough: every partner system drawn
    assert "System:npo" in shown(pages["org-external-not-owned-locally.html"])[0]


def test_folded_page_reads_in_swedish(ls):
    from ea import i18n

    cfg = Config({"maps": {"large_threshold": 3}})
    _, pages = maps.build_drill_down(ls, as_of=AS_OF, config=cfg)
    sv = i18n.translate_map(pages["org-regionstyrelseforvaltningen.html"], "sv")
    assert sv.legend["notes"][0] == (
        f"{RSF}: dess 2 system, och de 3 system i andra organisationer som de utbyter data "
        "med som en nod per organisation (alla 5 vore fler än maps.large_threshold, 3). "
        "Klicka på en för att öppna dess sida")
    no_owner = i18n.translate_map(pages["org-no-owning-organisation.html"], "sv")
    assert "2 integrationer mellan de andra organisationernas system" in \
        no_owner.legend["hidden"]
    assert sv.legend["markers"][-1]["label"].startswith("Andra organisationer, en nod var")
    node = next(n for n in sv.nodes if n.get("partner") == HSF)
    assert dict(node["tip"])["Dess system här"] == f"1 utbyter data med {RSF}"


def _two_municipalities():
    from ea.landscape import Landscape

    ls = Landscape()
    for town in ("Ås", "Bo"):
        ls.add_organisation(town.lower(), name=f"{town} kommun")
        for dept in ("Socialförvaltningen", "Skolförvaltningen"):
            oid = f"{town.lower()}-{dept[:4].lower()}"
            ls.add_organisation(oid, name=dept, path=f"{town} kommun / {dept}")
            ls.add_edge("PART_OF", f"Organisation:{oid}", f"Organisation:{town.lower()}")
            key = ls.add_system(f"{oid}-1", source="t", name=f"{dept[:4]} {town}")
            ls.add_edge("OWNED_BY", key, f"Organisation:{oid}")
    ls.add_integration("System:ås-soci-1", "System:bo-soci-1", source="t")
    return ls


def test_organisation_level_auto_groups_a_country_by_municipality():
    """Several top organisations (municipalities, regions) owning systems: the organisation
    view has one node per municipality, not one per förvaltning (a country has ~1,800);
    one region keeps its förvaltningar (test_organisation_view); a level given is used."""
    ls = _two_municipalities()
    nodes, edges = shown(maps.build_map(ls, as_of=AS_OF, view="organisation"))
    assert sorted(n["label"] for n in nodes.values()) == ["Bo kommun (2)", "Ås kommun (2)"]
    assert list(edges) == ["group:Bo kommun|group:Ås kommun"]
    nodes, _ = shown(maps.build_map(ls, as_of=AS_OF, view="organisation",
                                    config=Config({"maps": {"organisation_level": 1}})))
    assert sorted(n["label"] for n in nodes.values()) == [  # paths: the names repeat
        "Bo kommun / Skolförvaltningen (1)", "Bo kommun / Socialförvaltningen (1)",
        "Ås kommun / Skolförvaltningen (1)", "Ås kommun / Socialförvaltningen (1)"]
    from ea.errors import ConfigError

    with pytest.raises(ConfigError, match="maps.organisation_level must be a level"):
        maps.build_map(ls, as_of=AS_OF, config=Config({"maps": {"organisation_level": "top"}}))
