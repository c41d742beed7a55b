"""ea impact: reach and paths in each direction, platforms, disconnection, errors, CLI."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from ea.cli import main
from ea.errors import QueryError
from ea.queries import impact
from ea.store import snapshot
from tests.conftest import AS_OF
from tests.fixtures_architecture import hub_landscape


@pytest.fixture
def ls():
    return hub_landscape()


def reached(df):
    r = df[df["code"] == "IMPACT_REACHED"]
    return {n: (d, p) for n, d, p in zip(r["name"], r["distance"], r["path"], strict=True)}


def test_downstream_follows_the_data(ls):
    df = impact.run(ls, as_of=AS_OF, system="Heroma")
    assert reached(df) == {
        "Raindance": (1, "Heroma → Raindance"), "Medvind": (1, "Heroma → Medvind"),
        "Qlik Sense": (1, "Heroma → Qlik Sense"), "Platina": (1, "Heroma → Platina"),
        "Lifecare": (2, "Heroma → Platina → Lifecare"),
        "Treserva": (3, "Heroma → Platina → Lifecare → Treserva")}
    summary = df[df["code"] == "IMPACT_SUMMARY"].iloc[0]
    assert (summary["reached"], summary["highest_t"], summary["highest_criticality"]) == (6, 3, 4)
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
    assert reached(df) == {"Lifecare": (1, "BizTalk → Lifecare"), "NPÖ": (1, "BizTalk → NPÖ"),
                           "Treserva": (2, "BizTalk → Lifecare → Treserva")}
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
