"""Hub metrics computed once per snapshot (ea.store.cache), and hubs where continuity is
planned: within each organisation and between organisations (ea hubs --scope)."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from click.testing import CliRunner

from ea.cli import main
from ea.commands._common import load_landscape
from ea.config import Config
from ea.derived import graphalg as ga
from ea.derived import hubs as dhubs
from ea.landscape import Landscape
from ea.queries import ageing, hubs
from ea.store import cache, snapshot
from tests.conftest import AS_OF
from tests.fixtures_architecture import ageing_landscape, hub_landscape

A = "Organisation:a"
B = "Organisation:b"


def two_organisations() -> Landscape:
    """Förvaltning A: a1 - a2 - a3; Förvaltning B: b1 - b2 - b3; a3 -> b1 across; national
    services Ineras NPÖ (a2 -> npo) and Skatteverket (b2 -> skv), external, no owner.

    Condensed: NPÖ - A - B - Skatteverket, a path: A and B each carry 2 of the 6 pairs."""
    ls = Landscape()
    ls.add_organisation("a", name="Förvaltning A")
    ls.add_organisation("b", name="Förvaltning B")
    for org, ids in ((A, ("a1", "a2", "a3")), (B, ("b1", "b2", "b3"))):
        for i in ids:
            ls.add_edge("OWNED_BY", ls.add_system(i, name=i.upper()), org)
    ls.add_system("npo", name="NPÖ", external=True)
    ls.add_system("skv", name="Skatteverket", external=True)
    for x, y in (("a1", "a2"), ("a2", "a3"), ("b1", "b2"), ("b2", "b3"), ("a3", "b1"),
                 ("a2", "npo"), ("b2", "skv")):
        ls.add_integration(f"System:{x}", f"System:{y}")
    return ls


@pytest.fixture
def snap(tmp_path):
    p = tmp_path / "landscape.json"
    snapshot.save(hub_landscape(), p)
    return p


def test_first_command_computes_and_writes_the_next_reads(snap):
    ls = load_landscape(str(snap))
    fresh = dhubs.metrics(snapshot.load(snap))  # no cache: computed
    first = dhubs.metrics(ls)
    assert ls.derived_cache.events == [("hubs", "miss"), ("hubs", "written")]
    hubfile = snap.with_name("landscape.json.hubs")
    data = json.loads(hubfile.read_text(encoding="utf-8"))
    assert data["format"] == "ea-derived-cache"
    assert data["snapshot"] == cache.digest(snap)
    assert len(data["rows"]) == 10
    again = load_landscape(str(snap))
    second = dhubs.metrics(again)
    assert again.derived_cache.events == [("hubs", "hit")]
    for df in (first, second):
        pd.testing.assert_frame_equal(df, fresh)
        assert list(df.dtypes.astype(str)) == list(fresh.dtypes.astype(str))
    assert list(second["name"][:3]) == ["BizTalk", "Lifecare", "Platina"]
    assert second.loc["System:biztalk", "organisations"] == [
        "Hälso- och sjukvårdsförvaltningen", "Regionstyrelseförvaltningen",
        "Socialförvaltningen"]


def test_query_frames_identical_with_and_without_cache(snap):
    plain = snapshot.load(snap)
    hubs.run(load_landscape(str(snap)), as_of=AS_OF)  # writes the cache
    cached = load_landscape(str(snap))
    pd.testing.assert_frame_equal(hubs.run(cached, as_of=AS_OF), hubs.run(plain, as_of=AS_OF))
    pd.testing.assert_frame_equal(
        ageing.replacement(cached, as_of=AS_OF), ageing.replacement(plain, as_of=AS_OF))
    assert ("hubs", "miss") not in cached.derived_cache.events


def test_content_change_invalidates(snap):
    dhubs.metrics(load_landscape(str(snap)))
    ls = hub_landscape()
    ls.add_integration("System:cosmic", "System:treserva")
    snapshot.save(ls, snap)
    changed = load_landscape(str(snap))
    m = dhubs.metrics(changed)
    assert changed.derived_cache.events == [("hubs", "miss"), ("hubs", "written")]
    assert m.loc["System:cosmic", "degree"] == 2
    assert m.loc["System:treserva", "degree"] == 2


def test_config_change_invalidates_only_for_what_the_metrics_read(snap):
    dhubs.metrics(load_landscape(str(snap)))
    ls = load_landscape(str(snap))
    dhubs.metrics(ls, Config({"hubs": {"top": 3, "group_hops": 2}}))  # shown, not computed
    assert ls.derived_cache.events == [("hubs", "hit")]
    ls = load_landscape(str(snap))
    m = dhubs.metrics(ls, Config({"hubs": {"min_organisations": 4}}))
    assert ls.derived_cache.events == [("hubs", "miss"), ("hubs", "written")]
    assert not m.loc["System:biztalk", "flagged"]  # three organisations are not four
    ls = load_landscape(str(snap))
    dhubs.metrics(ls)  # the file now holds min_organisations 4: the default misses again
    assert ls.derived_cache.events == [("hubs", "miss"), ("hubs", "written")]


def test_a_landscape_changed_after_loading_is_not_served_from_the_cache(snap):
    dhubs.metrics(load_landscape(str(snap)))
    ls = load_landscape(str(snap))
    ls.add_system("ny", name="Ny")
    m = dhubs.metrics(ls)
    assert ls.derived_cache.events == [("hubs", "stale"), ("hubs", "stale")]
    assert "System:ny" in m.index


def test_a_broken_or_foreign_cache_file_is_a_miss(snap):
    hubfile = snap.with_name("landscape.json.hubs")
    for text in ("{not json", "[]", json.dumps({"format": "ea-derived-cache", "name": "hubs"}),
                 json.dumps({"format": "ea-derived-cache", "name": "hubs", "rows": [[1]],
                             "columns": ["a", "b"], "snapshot": cache.digest(snap),
                             "params": dhubs._params(dhubs.settings(None))})):
        hubfile.write_text(text, encoding="utf-8")
        ls = load_landscape(str(snap))
        assert len(dhubs.metrics(ls)) == 10
        assert ls.derived_cache.events == [("hubs", "miss"), ("hubs", "written")]


def test_pseudonymised_and_weighted_runs_do_not_use_the_cache(snap):
    ls = load_landscape(str(snap))
    dhubs.metrics(ls, weights={"System:cosmic": 2.0})
    assert ls.derived_cache.events == []
    assert not snap.with_name("landscape.json.hubs").exists()


def test_cli_hubs_twice_same_output_cache_beside_the_snapshot(snap):
    runner = CliRunner()
    first = runner.invoke(main, ["hubs", "-l", str(snap), "-f", "csv"])
    assert first.exit_code == 0, first.output
    assert snap.with_name("landscape.json.hubs").exists()
    second = runner.invoke(main, ["hubs", "-l", str(snap), "-f", "csv"])
    assert second.output == first.output
    rep = runner.invoke(main, ["ageing", "--replacement", "-l", str(snap), "-f", "csv",
                               "--as-of", "2026-11-25"])
    assert rep.exit_code == 0, rep.output


def test_replacement_without_hub_weight_computes_no_hub_metrics(tmp_path):
    p = tmp_path / "landscape.json"
    snapshot.save(ageing_landscape(), p)
    ls = load_landscape(str(p))
    cfg = Config({"ageing": {"weights": {"hub": 0}}})
    rep = ageing.replacement(ls, as_of=AS_OF, config=cfg)
    assert ls.derived_cache.events == []
    assert set(rep["hub_points"]) == {0.0} and set(rep["hub"]) == {None}
    ls = load_landscape(str(p))
    rep = ageing.replacement(ls, as_of=AS_OF)
    assert ls.derived_cache.events == [("hubs", "miss"), ("hubs", "written")]
    assert rep.set_index("name").loc["Procapita", "hub"] in (True, False)


# ------------------------------------------------------------------ where continuity is planned
def test_within_each_organisation():
    m = dhubs.metrics(two_organisations())
    within = dict(zip(m["name"], m["organisation_betweenness"], strict=True))
    assert within == {"A1": 0.0, "A2": 1.0, "A3": 0.0, "B1": 0.0, "B2": 1.0, "B3": 0.0,
                      "NPÖ": None, "Skatteverket": None}
    assert m.loc["System:a2", "organisation_key"] == A
    assert m.loc["System:a2", "organisation_rank"] == 1
    assert m.loc["System:npo", "organisation_rank"] is None
    df = hubs.within_organisations(two_organisations())
    assert df[["organisation", "organisation_rank", "name", "organisation_betweenness"]
              ].values.tolist() == [["Förvaltning A", 1, "A2", 1.0],
                                    ["Förvaltning B", 1, "B2", 1.0]]


def test_between_organisations_with_national_services():
    df = hubs.between_organisations(two_organisations())
    assert df[["name", "kind", "systems", "partners", "cross_integrations", "betweenness",
               "articulation_point", "rank"]].values.tolist() == [
        ["Förvaltning A", "organisation", 3, 2, 2, 0.666667, True, 1],
        ["Förvaltning B", "organisation", 3, 2, 2, 0.666667, True, 2],
        ["NPÖ", "national_service", 1, 1, 1, 0.0, False, 3],
        ["Skatteverket", "national_service", 1, 1, 1, 0.0, False, 4]]


def test_between_organisations_on_the_hub_fixture():
    df = hubs.between_organisations(hub_landscape())
    assert df[["name", "kind", "cross_integrations", "betweenness"]].values.tolist() == [
        ["Regionstyrelseförvaltningen", "organisation", 4, 1.0],
        ["Socialförvaltningen", "organisation", 2, 0.0],
        ["Hälso- och sjukvårdsförvaltningen", "organisation", 1, 0.0],
        ["NPÖ", "national_service", 1, 0.0]]


def test_cli_scope(tmp_path):
    p = tmp_path / "landscape.json"
    snapshot.save(two_organisations(), p)
    runner = CliRunner()
    res = runner.invoke(main, ["hubs", "-l", str(p), "--scope", "between", "-f", "csv"])
    assert res.exit_code == 0, res.output
    lines = res.output.strip().splitlines()
    assert lines[0] == ("node,name,kind,systems,partners,cross_integrations,betweenness,"
                        "articulation_point,rank")
    assert [ln.split(",")[1] for ln in lines[1:]] == ["Förvaltning A", "Förvaltning B", "NPÖ",
                                                      "Skatteverket"]
    res = runner.invoke(main, ["hubs", "-l", str(p), "--scope", "organisation", "-f", "csv"])
    assert res.exit_code == 0, res.output
    assert [ln.split(",")[3] for ln in res.output.strip().splitlines()[1:]] == ["A2", "B2"]
    assert snap_files(tmp_path) == ["landscape.json", "landscape.json.hubs",
                                    "landscape.json.hubs-between"]


def snap_files(folder):
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("landscape.json.bak"))


# ------------------------------------------------------------------ estimate above the threshold
def test_estimate_above_a_lowered_threshold_says_which():
    cfg = Config({"hubs": {"exact_max_nodes": 5, "samples": 4}})
    m = dhubs.metrics(hub_landscape(), cfg)
    expected = ("estimated (KADABRA, ±0.01 at 90%)" if ga.engines()["estimate"] ==
                "kadabra" else "sampled (4 of 10 sources)")
    assert set(m["betweenness_method"]) == {expected}
    # within an organisation the graphs are small: exact
    assert set(dhubs.metrics(hub_landscape())["betweenness_method"]) == {"exact"}
