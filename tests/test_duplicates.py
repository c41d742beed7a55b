"""ea duplicates: same product across organisations, near-identical names, CLI."""

from __future__ import annotations

from click.testing import CliRunner

from ea.cli import main
from ea.config import Config
from ea.queries import duplicates
from ea.store import snapshot
from tests.conftest import AS_OF
from tests.fixtures_architecture import duplicates_landscape


def test_consolidation_candidates():
    df = duplicates.run(duplicates_landscape(), as_of=AS_OF)
    assert list(zip(df["name"], df["code"], df["group"], df["group_size"], strict=True)) == [
        ("Heroma", "DUPLICATE_PRODUCT", "product:heroma", 3),
        ("Heroma HR", "DUPLICATE_PRODUCT", "product:heroma", 3),
        ("Personalsystem", "DUPLICATE_PRODUCT", "product:heroma", 3),
        ("Platina Ärende", "SIMILAR_NAME", "name:Platina Ärende", 2),
        ("Platina ärende", "SIMILAR_NAME", "name:Platina Ärende", 2)]
    h = df.iloc[0]
    assert h["others"] == ["Heroma HR (Hälso- och sjukvårdsförvaltningen)",
                           "Personalsystem (Socialförvaltningen)"]
    assert (h["severity"], h["organisation_count"]) == ("medium", 3)
    # not candidates: Ecos (two vendors), W3D3 (one organisation), SiteVision (one is
    # retired), the unowned Heroma


def test_ratio_and_retired_are_configurable():
    cfg = Config({"duplicates": {"name_ratio": 0.85, "include_retired": True}})
    df = duplicates.run(duplicates_landscape(), as_of=AS_OF, config=cfg)
    groups = sorted(set(df["group"]))
    assert groups == ["name:Ecos", "name:Platina Ärende", "product:heroma", "product:sitevision"]
    assert sorted(df.loc[df["group"] == "name:Ecos", "name"]) == ["Ecos", "Ecos 2"]


def test_cli_duplicates(tmp_path):
    snap = tmp_path / "landscape.json"
    snapshot.save(duplicates_landscape(), snap)
    res = CliRunner().invoke(main, ["duplicates", "-l", str(snap), "-f", "csv",
                                    "--organisation", "Socialförvaltningen"])
    assert res.exit_code == 0, res.output
    assert [ln.split(",")[1] for ln in res.output.strip().splitlines()[1:]] == ["Personalsystem"]
