"""ea classification: each check on the hand-built governance landscape, by name and count."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from ea.cli import main
from ea.landscape import Landscape
from ea.queries import classification
from ea.store import snapshot
from tests.fixtures_governance import AS_OF, build


@pytest.fixture(scope="module")
def df():
    return classification.run(build(), as_of=AS_OF)


def test_every_finding(df):
    assert sorted(zip(df["name"], df["code"], df["partner_name"].map(str), strict=True)) == \
        sorted([
            ("WSO2 API Manager", "confidentiality_downflow", "Cosmic"),
            ("Raindance", "confidentiality_downflow", "Heroma"),
            ("Platina", "confidentiality_downflow", "Lifecare"),
            ("WSO2 API Manager", "availability_below_dependent", "Lifecare"),
            ("Heroma", "rto_longer_than_dependent", "Raindance"),
            ("Heroma", "high_t_without_continuity_plan", "None"),
            ("Lifecare", "effective_above_recorded", "None"),
            ("Qlik Sense", "unclassified_integrates_classified", "['Raindance']"),
        ])
    assert df["severity"].value_counts().to_dict() == {"high": 7, "medium": 1}


def test_platform_is_checked_as_receiver_and_provider(df):
    wso2 = df[df["name"] == "WSO2 API Manager"].set_index("code")
    assert "as the platform of Cosmic → Lifecare" in wso2.loc["confidentiality_downflow",
                                                              "reason"]
    assert wso2.loc["availability_below_dependent", ["level", "partner_level"]].tolist() == [3, 4]


def test_effective_level_from_information(df):
    row = df[df["code"] == "effective_above_recorded"].iloc[0]
    assert row["aspect"] == "K" and row["level"] == 4
    assert row["recorded"] == "K3 R3 T4 S–" and row["effective"] == "K4 R3 T4 S–"


def test_effective_levels_drive_downflow():
    ls = Landscape()
    a = ls.add_system("a", name="A", k=1, t=1)
    b = ls.add_system("b", name="B", k=2, t=1)
    info = ls.add_information("i", name="Känsligt", k=4)
    ls.add_edge("PROCESSES", a, info)
    ls.add_integration(a, b, type="api", bidirectional=True)
    out = classification.run(ls, as_of=AS_OF)
    assert sorted(zip(out["name"], out["code"], strict=True)) == [
        ("A", "effective_above_recorded"), ("B", "confidentiality_downflow")]


def test_filters(df):
    ls = build()
    assert set(classification.run(ls, as_of=AS_OF, object="HR")["code"]) == {
        "rto_longer_than_dependent", "high_t_without_continuity_plan",
        "confidentiality_downflow"}  # Raindance's downflow names Heroma as its partner


def test_cli(tmp_path):
    snap = tmp_path / "landscape.json"
    snapshot.save(build(), snap)
    r = CliRunner().invoke(main, ["classification", "-l", str(snap), "--as-of", "2026-11-25",
                                  "-f", "csv"])
    assert r.exit_code == 0, r.output
    lines = r.output.strip().splitlines()
    assert lines[0].startswith("subject,name,code,severity,reason,partner")
    assert len(lines) == 1 + 8
