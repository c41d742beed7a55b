"""The map and the reports say the same thing, system by system (issue 13, point 1): the
map's hub sizes and diamonds are ``ea hubs``' scores and articulation points, its unowned
rings are the systems ``ea orphans`` finds without a working object owner (and its legend
count is the orphans summary's), its lifecycle colours are ``ea ageing``'s lifecycle, and the
Neo4j properties (:func:`ea.derived.system_facts`) are the same values again."""

from __future__ import annotations

import pytest

from ea import maps
from ea.demo import generate
from ea.derived import system_facts
from ea.derived.roles import UNOWNED_CLASSES, UNOWNED_LABEL
from ea.importers import import_files
from ea.queries import ageing, hubs, orphans
from tests import fixtures_architecture, fixtures_governance, fixtures_maps
from tests.conftest import AS_OF


@pytest.fixture(scope="module")
def demo_landscape(tmp_path_factory):
    files = generate(tmp_path_factory.mktemp("demo") / "demo", size=300, seed=7)
    return import_files(files.paths, imported_at=AS_OF).landscape


def _nodes(model):
    return {n["id"]: n for n in model.nodes if not n.get("layout_only")}


def _agree(ls) -> dict:
    """Assert map and reports agree on ``ls``; return the numbers compared."""
    model = maps.build_map(ls, as_of=AS_OF)
    nodes = _nodes(model)
    facts = system_facts(ls, as_of=AS_OF)
    # hubs: every system's size is its hub score in ea hubs; diamonds are articulation points
    m = hubs.metrics(ls)
    for key, n in nodes.items():
        assert n["value"] == pytest.approx(round(float(m.at[key, "hub_score"]), 3), abs=1e-3)
        assert facts[key]["hub_score"] == float(m.at[key, "hub_score"])
        assert facts[key]["articulation_point"] == bool(m.at[key, "articulation_point"])
    arts = set(m.index[m["articulation_point"].astype(bool)])
    diamonds = {k for k, n in nodes.items() if n["shape"] == "diamond"}
    local_arts = {k for k in arts
                  if not ls.node(k).get("external") and not ls.node(k).get("placeholder")}
    assert diamonds == local_arts
    marked = {k for k, n in nodes.items()
              if "articulation point" in dict(n["tip"]).get("Marked", "")}
    assert marked == arts
    report = hubs.run(ls, as_of=AS_OF, top=0)
    flagged_arts = set(report.loc[report["articulation_point"].astype(bool), "subject"])
    assert flagged_arts <= arts
    # unowned: the rings, the orphans findings, the summary and the legend say the same
    rings = {k for k, n in nodes.items() if n["color"]["border"] == maps.UNOWNED_COLOUR}
    found = orphans.run(ls, as_of=AS_OF)
    systems = found[found["kind"] == "System"]
    by_findings = set(systems.loc[systems["code"] == "no_object_no_roles", "subject"]) | set(
        systems.loc[systems["code"].isin(["missing_role", "vacant_role", "inactive_holder"])
                    & (systems["role"] == "object_owner"), "subject"])
    assert rings == by_findings == {k for k, f in facts.items() if f["unowned"]}
    assert all(facts[k]["unowned_class"] in UNOWNED_CLASSES for k in rings)
    legend = {m_["label"]: m_["count"] for m_ in model.legend["markers"]}
    assert legend.get(UNOWNED_LABEL, 0) == len(rings)
    summary = orphans.summary(ls, found, as_of=AS_OF)
    # the summary counts a system once per owning board; each unowned system is in it
    assert summary["unowned"].sum() >= len(rings)
    org_model = maps.build_map(ls, as_of=AS_OF, view="organisation")
    org_unowned = {n["id"]: dict(n["tip"])["Unowned systems"] for n in org_model.nodes}
    assert sum(int(v) for v in org_unowned.values()) == len(rings)
    # lifecycle: the map's colour is ageing's lifecycle
    coloured = maps.build_map(ls, as_of=AS_OF, color_by="lifecycle")
    by_colour = {v: k for k, v in maps.LIFECYCLE_COLOURS.items()}
    life = ageing._facts(ls, AS_OF, ageing._settings(None), None)
    for key, n in _nodes(coloured).items():
        phase = by_colour[n["color"]["background"]]
        assert phase == (life[key]["lifecycle"] or "unknown"), key
        assert phase == facts[key]["lifecycle_phase"]
    return {"systems": len(nodes), "articulation_points": len(arts), "diamonds": len(diamonds),
            "unowned": len(rings), "hub_top": m.index[0] if len(m) else None}


@pytest.mark.parametrize("build", [fixtures_maps.build, fixtures_governance.build,
                                   fixtures_architecture.hub_landscape,
                                   fixtures_architecture.ageing_landscape])
def test_map_and_reports_agree_on_the_fixtures(build):
    _agree(build())


def test_map_and_reports_agree_on_the_demo_region(demo_landscape):
    numbers = _agree(demo_landscape)
    # the integration platforms are ea hubs' top hubs: the map draws them biggest
    m = hubs.metrics(demo_landscape)
    top2 = list(m.index[:2])
    nodes = _nodes(maps.build_map(demo_landscape, as_of=AS_OF))
    biggest = sorted(nodes, key=lambda k: -nodes[k]["value"])[:2]
    assert biggest == top2
    assert numbers["systems"] > 300
