"""ea impact: what stops, is degraded or merely reachable; paths in each direction,
platforms, disconnection, errors, CLI."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from ea.cli import main
from ea.config import Config
from ea.errors import QueryError
from ea.landscape import Landscape
from ea.queries import impact
from ea.store import snapshot
from tests.conftest import AS_OF
from tests.fixtures_architecture import hub_landscape
from tests.lead_lines import lead_lines


@pytest.fixture
def ls():
    return hub_landscape()


def reached(df):
    r = df[df["code"] == "IMPACT_REACHED"]
    return {n: (d, p) for n, d, p in zip(r["name"], r["distance"], r["path"], strict=True)}


def effects(df):
    r = df[df["code"] == "IMPACT_REACHED"]
    return [(n, e, d) for n, e, d in zip(r["name"], r["effect"], r["distance"], strict=True)]


def summary_of(df):
    assert df.iloc[0]["code"] == "IMPACT_SUMMARY"
    assert df.attrs["summary"] == df.iloc[0]["reason"]
    return df.iloc[0]["reason"]


def _landscape(systems, integrations):
    """Systems ``(id, criticality, t)`` and integrations ``(a, b, dependency criticality,
    via)``; names are the ids capitalised."""
    ls = Landscape()
    ls.add_organisation("o", name="Förvaltning O")
    for id_, crit, t in systems:
        k = ls.add_system(id_, name=id_.capitalize(), criticality=crit, t=t)
        ls.add_edge("OWNED_BY", k, "Organisation:o")
    for a, b, crit, via in integrations:
        ls.add_integration(f"System:{a}", f"System:{b}", type="api", criticality=crit,
                           via=f"System:{via}" if via else None)
    return ls


def test_ej_verksamhetskritiskt_dependency_ends_the_outage():
    # A -(Helt)-> B -(Ej)-> C -(Helt)-> D -(Helt)-> E; C is critical itself (4, T4), but
    # its dependency on B is not: C runs on, degraded, and D and E keep their data
    ls = _landscape([("a", 2, 2), ("b", 2, 2), ("c", 4, 4), ("d", 4, 4), ("e", 4, 4)],
                    [("a", "b", 4, None), ("b", "c", 1, None), ("c", "d", 4, None),
                     ("d", "e", 4, None)])
    df = impact.run(ls, as_of=AS_OF, system="A")
    assert summary_of(df) == ("If A stops — stops: 1 system in 1 organisation; degraded: 1; "
                              "reachable: 2 (4 downstream in all).")
    assert effects(df) == [("B", "stops", 1), ("C", "degraded", 2), ("D", "reachable", 3),
                           ("E", "reachable", 4)]
    rows = df.set_index("name")
    assert rows.loc["B", "reason"] == ("B stops: depends on A (dependency Helt "
                                       "verksamhetskritiskt (4)). Path: A → B.")
    assert rows.loc["C", "reason"] == ("C degraded: depends on B (dependency Ej "
                                       "verksamhetskritiskt (1)). Path: A → B → C.")
    assert rows.loc["C", "dependency_criticality"] == 1
    assert rows.loc["D", "reason"] == (
        "D receives data from A in 3 steps: A → B → C → D; reachable only: the outage ends "
        "at C, which is only degraded (depends on B (dependency Ej verksamhetskritiskt (1))).")
    assert [rows.loc[n, "severity"] for n in "BCDE"] == ["medium", "medium", "info", "info"]
    # stopping at 1 lets the outage through; depth cuts the walk
    every = impact.run(ls, as_of=AS_OF, system="A",
                       config=Config({"impact": {"stops_at": 1}}))
    assert [e for _n, e, _d in effects(every)] == ["stops"] * 4
    assert effects(impact.run(ls, as_of=AS_OF, system="A", depth=1)) == [("B", "stops", 1)]


def test_platform_passes_on_only_what_it_carries():
    # S sends to ten systems; the platform P carries three of those integrations (to C1
    # Helt, C2 Till betydande del, C3 Ej), the other seven go directly. C1 and C3 each
    # feed one more system.
    systems = [("s", 3, 3), ("p", 2, 2)] + [(f"c{i}", 2, 2) for i in range(1, 11)] + [
        ("d1", 2, 2), ("d3", 2, 2)]
    crit = {1: 4, 2: 3, 3: 1}
    integrations = [("s", f"c{i}", crit.get(i, 4), "p" if i <= 3 else None)
                    for i in range(1, 11)]
    integrations += [("c1", "d1", 4, None), ("c3", "d3", 4, None)]
    ls = _landscape(systems, integrations)
    df = impact.run(ls, as_of=AS_OF, system="P")
    assert summary_of(df) == ("If P stops — stops: 3 systems in 1 organisation; degraded: 1; "
                              "reachable: 1 (5 downstream in all).")
    assert effects(df) == [("C1", "stops", 1), ("C2", "stops", 1), ("C3", "degraded", 1),
                           ("D1", "stops", 2), ("D3", "reachable", 2)]
    rows = df.set_index("name")
    assert rows.loc["C1", "path"] == "P → C1 [carries S → C1]"
    assert rows.loc["C1", "reason"] == (
        "C1 stops: its integration from S passes through P (dependency Helt "
        "verksamhetskritiskt (4)). Path: P → C1 [carries S → C1].")
    # the system behind the platform stops everything it feeds; the platform is only reached
    s = impact.run(ls, as_of=AS_OF, system="S")
    assert summary_of(s) == ("If S stops — stops: 10 systems in 1 organisation; degraded: 1; "
                             "reachable: 2 (13 downstream in all).")
    got = {n: e for n, e, _d in effects(s)}
    assert got["C1"] == got["C4"] == got["D1"] == "stops" and got["C3"] == "degraded"
    assert (got["P"], got["D3"]) == ("reachable", "reachable")
    assert s.set_index("name").loc["P", "reason"] == (
        "P receives data from S directly: S → P; reachable only: P only carries data from S: "
        "a platform does not stop when a sender does.")
    assert s.set_index("name").loc["C1", "path"] == "S → C1 [via P]"


def test_unknown_dependency_criticality_falls_back_on_the_dependant(ls):
    # hub_landscape records no dependency criticality: each dependant's own criticality or
    # T (the higher) decides, against stops_at 3
    df = impact.run(ls, as_of=AS_OF, system="Heroma")
    assert summary_of(df) == ("If Heroma stops — stops: 3 systems in 2 organisations; "
                              "degraded: 3; reachable: 0 (6 downstream in all).")
    assert effects(df) == [("Platina", "stops", 1), ("Raindance", "stops", 1),
                           ("Medvind", "degraded", 1), ("Qlik Sense", "degraded", 1),
                           ("Lifecare", "stops", 2), ("Treserva", "degraded", 3)]
    assert df.set_index("name").loc["Platina", "reason"] == (
        "Platina stops: depends on Heroma (dependency criticality unknown; its own "
        "criticality 2, T 3). Path: Heroma → Platina.")
    deg = impact.run(ls, as_of=AS_OF, system="Heroma",
                     config=Config({"impact": {"unknown_dependency": "degraded"}}))
    assert [e for _n, e, _d in effects(deg)] == ["degraded"] * 4 + ["reachable"] * 2
    with pytest.raises(QueryError, match="impact.stops_at must be a criticality 1-4"):
        impact.run(ls, as_of=AS_OF, system="Heroma", config=Config({"impact": {"stops_at": 7}}))


def test_downstream_follows_the_data(ls):
    df = impact.run(ls, as_of=AS_OF, system="Heroma")
    assert reached(df) == {
        "Raindance": (1, "Heroma → Raindance"), "Medvind": (1, "Heroma → Medvind"),
        "Qlik Sense": (1, "Heroma → Qlik Sense"), "Platina": (1, "Heroma → Platina"),
        "Lifecare": (2, "Heroma → Platina → Lifecare"),
        "Treserva": (3, "Heroma → Platina → Lifecare → Treserva")}
    summary = df[df["code"] == "IMPACT_SUMMARY"].iloc[0]
    assert (summary["reached"], summary["stops"], summary["degraded"], summary["highest_t"],
            summary["highest_criticality"]) == (6, 3, 3, 3, 4)
    # of the systems that stop: Platina, Raindance (RSF), Lifecare (SOC, Maja Holm)
    assert summary["organisations"] == ["Regionstyrelseförvaltningen", "Socialförvaltningen"]
    assert summary["managers"] == ["Maja Holm (business_manager)"]
    assert df.loc[df["name"] == "Lifecare", "severity"].iloc[0] == "critical"
    assert "IMPACT_DISCONNECTS" not in set(df["code"])  # Heroma is no articulation point


def test_depth_limits_the_reach(ls):
    df = impact.run(ls, as_of=AS_OF, system="Heroma", depth=1)
    assert sorted(reached(df)) == ["Medvind", "Platina", "Qlik Sense", "Raindance"]


def test_upstream_and_the_platform_in_the_path(ls):
    df = impact.run(ls, as_of=AS_OF, system="Lifecare", direction="upstream")
    assert reached(df) == {
        "Cosmic": (1, "Lifecare ← Cosmic [via BizTalk]"), "BizTalk": (1, "Lifecare ← BizTalk"),
        "Platina": (1, "Lifecare ← Platina"), "Heroma": (2, "Lifecare ← Platina ← Heroma"),
        "Raindance": (2, "Lifecare ← Platina ← Raindance"),
        "Medvind": (3, "Lifecare ← Platina ← Raindance ← Medvind")}


def test_platform_reaches_the_real_consumers(ls):
    df = impact.run(ls, as_of=AS_OF, system="BizTalk")
    assert reached(df) == {
        "Lifecare": (1, "BizTalk → Lifecare [carries Cosmic → Lifecare]"),
        "NPÖ": (1, "BizTalk → NPÖ [carries Cosmic → NPÖ]"),
        "Treserva": (2, "BizTalk → Lifecare [carries Cosmic → Lifecare] → Treserva")}
    assert effects(df) == [("Lifecare", "stops", 1), ("NPÖ", "degraded", 1),
                           ("Treserva", "degraded", 2)]
    cut = df[df["code"] == "IMPACT_DISCONNECTS"]
    assert list(cut["component"]) == [["Cosmic"], ["NPÖ"]]


def test_both_directions(ls):
    df = impact.run(ls, as_of=AS_OF, system="Treserva", direction="both")
    assert len(reached(df)) == 9
    assert reached(df)["Cosmic"] == (2, "Treserva — Lifecare — Cosmic [via BizTalk]")


def test_what_becomes_disconnected(ls):
    df = impact.run(ls, as_of=AS_OF, system="Platina", depth=1)
    cut = df[df["code"] == "IMPACT_DISCONNECTS"]
    assert len(cut) == 1
    row = cut.iloc[0]
    assert row["component"] == ["Heroma", "Medvind", "Qlik Sense", "Raindance"]
    assert row["reason"] == ("Without Platina, Heroma, Medvind, Qlik Sense, Raindance are cut "
                             "off from BizTalk, Cosmic, Lifecare, NPÖ, Treserva.")


def test_unknown_system_suggests_close_matches(ls):
    with pytest.raises(QueryError, match=r"no system named 'Heromma'; did you mean Heroma\?"):
        impact.run(ls, as_of=AS_OF, system="Heromma")
    with pytest.raises(QueryError, match="direction"):
        impact.run(ls, as_of=AS_OF, system="Heroma", direction="sideways")


def test_cli_impact(ls, tmp_path):
    snap = tmp_path / "landscape.json"
    snapshot.save(ls, snap)
    runner = CliRunner()
    res = runner.invoke(main, ["impact", "Cosmic", "-l", str(snap), "-f", "csv",
                               "--direction", "downstream", "--depth", "1"])
    assert res.exit_code == 0, res.output
    names = [ln.split(",")[1] for ln in res.output.strip().splitlines()[1:]]
    assert sorted(names) == ["BizTalk", "Cosmic", "Lifecare", "NPÖ"]
    res = runner.invoke(main, ["impact", "Lifecar", "-l", str(snap)])
    assert res.exit_code == 1
    assert res.output.strip() == "Error: no system named 'Lifecar'; did you mean Lifecare?"


def test_cli_prints_the_summary_line_first(ls, tmp_path):
    snap = tmp_path / "landscape.json"
    snapshot.save(ls, snap)
    res = CliRunner().invoke(main, ["impact", "Heroma", "-l", str(snap)])
    assert res.exit_code == 0, res.output
    assert lead_lines(res.output) == [
        "If Heroma stops — stops: 3 systems in 2 organisations; degraded: 3; reachable: 0 "
        "(6 downstream in all)."]
    assert max(len(line) for line in res.output.splitlines()) <= 80  # wrapped between words


def test_demo_region_top_hubs_stop_different_numbers(tmp_path):
    """On the demo region the two top hubs reach nearly the same systems, but what stops
    differs: the rule discriminates where plain reach did not."""
    from ea.queries import hubs

    snap = tmp_path / "landscape.json"
    res = CliRunner().invoke(main, ["demo", "--out", str(tmp_path / "demo"), "-l", str(snap),
                                    "--as-of", "2026-11-25"])
    assert res.exit_code == 0, res.output
    demo = snapshot.load(snap)
    top = list(hubs.run(demo, as_of=AS_OF)["name"][:2])
    first, second = (impact.run(demo, as_of=AS_OF, system=n).iloc[0] for n in top)
    assert first["stops"] != second["stops"]
    for s in (first, second):
        assert 0 < s["stops"] < s["stops"] + s["degraded"] < s["reached"]


def test_nothing_stops_and_a_leaf():
    ls = _landscape([("a", 1, 1), ("b", 1, 1), ("c", 1, 1)],
                    [("a", "b", 2, None), ("b", "c", 4, None)])
    assert summary_of(impact.run(ls, as_of=AS_OF, system="A")) == (
        "If A stops — stops: 0 systems; degraded: 1; reachable: 1 (2 downstream in all).")
    assert summary_of(impact.run(ls, as_of=AS_OF, system="C")) == (
        "If C stops — stops: 0 systems; degraded: 0; reachable: 0 (0 downstream in all).")
