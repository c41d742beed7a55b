"""ea quality: each rule's scope and pass count on the hand-built governance landscape."""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from ea.cli import main
from ea.config import Config
from ea.errors import QueryError
from ea.queries import quality
from ea.store import snapshot
from tests.fixtures_governance import AS_OF, build

EXPECTED = {  # rule: (subjects in scope, passed)
    "has_object_owner": (8, 6),
    "has_business_manager": (8, 5),
    "has_it_manager": (8, 7),
    "has_organisation": (8, 7),
    "has_classification": (8, 7),
    "classification_fresh": (8, 5),
    "risk_analysis_fresh": (8, 5),
    "continuity_plan": (5, 4),
    "rto": (5, 5),
    "lifecycle_dates": (8, 6),
    "vendor": (8, 7),
    "recorded_both_ends": (2, 1),
    "no_source_conflicts": (13, 11),
}


@pytest.fixture(scope="module")
def ls():
    return build()


def test_rollup_by_rule(ls):
    r = quality.rollup(ls, as_of=AS_OF)
    assert list(r["rule"]) == list(EXPECTED)
    got = {row.rule: (row.subjects, row.passed) for row in r.itertuples()}
    assert got == EXPECTED
    assert r.set_index("rule").loc["has_business_manager", "share"] == 0.625
    assert r.set_index("rule").loc["has_classification", "source"] == "LISA/KLASSA register"


def test_failing_subjects_name_fact_and_source(ls):
    df = quality.run(ls, as_of=AS_OF)
    assert len(df) == sum(n - p for n, p in EXPECTED.values()) == 21
    failing = {(r.name, r.code) for r in df.itertuples()}
    assert {("Heroma", "has_object_owner"), ("Lifecare", "has_object_owner"),
            ("Heroma", "has_business_manager"), ("Lifecare", "has_business_manager"),
            ("Qlik Sense", "has_business_manager"), ("Lifecare", "has_it_manager"),
            ("Platina", "has_organisation"), ("Qlik Sense", "has_classification"),
            ("Proceedo", "classification_fresh"), ("Lifecare", "classification_fresh"),
            ("Qlik Sense", "classification_fresh"), ("Proceedo", "risk_analysis_fresh"),
            ("Lifecare", "risk_analysis_fresh"), ("Qlik Sense", "risk_analysis_fresh"),
            ("Heroma", "continuity_plan"), ("Lifecare", "lifecycle_dates"),
            ("Qlik Sense", "lifecycle_dates"), ("Platina", "vendor"),
            ("Raindance -> Qlik Sense", "recorded_both_ends"),
            ("Raindance", "no_source_conflicts"),
            ("Raindance -> Proceedo", "no_source_conflicts")} == failing
    by = df.set_index(["name", "code"])
    assert by.loc[("Heroma", "has_object_owner"), "source"] == "role list, HR list"
    assert by.loc[("Heroma", "has_object_owner"), "missing"] == "object owner has left (David Falk)"
    assert by.loc[("Platina", "vendor"), "source"] == "inventory"
    assert by.loc[("Raindance -> Qlik Sense", "recorded_both_ends"), "missing"] == \
        "not recorded in Qlik Sense's inventory row"
    assert by.loc[("Raindance -> Proceedo", "no_source_conflicts"), "source"] == (
        "sources in conflict: integrationer.csv:5, integrationer2.csv:2")
    assert by.loc[("Lifecare", "classification_fresh"), "missing"] == (
        "classification dated 2025-09-01, older than 12 months")
    assert df["severity"].value_counts().to_dict() == {"medium": 12, "low": 9}


def test_freshness_is_configurable(ls):
    r = quality.rollup(ls, as_of=AS_OF, config=Config({"quality": {"freshness_months": 24}}))
    got = r.set_index("rule")
    # Lifecare (2025-09 / 2025-01) passes now; Proceedo (2024-05) and the undated do not
    assert got.loc["classification_fresh", "passed"] == 6
    assert got.loc["risk_analysis_fresh", "passed"] == 6
    assert got.loc["classification_fresh", "scope"] == "systems (within 24 months)"


def test_rollups(ls):
    obj = quality.rollup(ls, as_of=AS_OF, by="object").set_index("name")
    assert obj.loc["Ekonomi", ["subjects", "checks", "passed"]].tolist() == [5, 27, 22]
    assert obj.loc["(no object)", ["subjects", "checks", "passed"]].tolist() == [2, 22, 11]
    assert obj.loc["HR", "failing_rules"] == ["continuity_plan (1)",
                                              "has_business_manager (1)",
                                              "has_object_owner (1)"]
    man = quality.rollup(ls, as_of=AS_OF, by="manager").set_index("name")
    assert man.loc["Cecilia Dal", ["subjects", "checks", "passed"]].tolist() == [8, 50, 40]
    assert man.loc["(no manager)", "subjects"] == 1
    org = quality.rollup(ls, as_of=AS_OF, by="organisation")
    assert list(org["share"]) == [0.684, 0.735, 0.8, 1.0]
    with pytest.raises(QueryError):
        quality.rollup(ls, as_of=AS_OF, by="colour")


def test_filters(ls):
    r = quality.rollup(ls, as_of=AS_OF, object="Ekonomi").set_index("rule")
    assert r.loc["has_object_owner", "subjects"] == 2
    assert r.loc["recorded_both_ends", "subjects"] == 0  # Heroma and Qlik are outside
    assert pd.isna(r.loc["recorded_both_ends", "share"])  # nothing in scope: no share
    df = quality.run(ls, as_of=AS_OF, person="Fatima Holm")
    assert set(df["name"]) == {"Qlik Sense"} and len(df) == 5


def test_cli_details_sheet(tmp_path):
    snap = tmp_path / "landscape.json"
    snapshot.save(build(), snap)
    out = tmp_path / "q.xlsx"
    r = CliRunner().invoke(main, ["quality", "-l", str(snap), "--as-of", "2026-11-25",
                                  "--details", "-o", str(out)])
    assert r.exit_code == 0, r.output
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["quality by rule", "details"]
    assert len(list(wb["quality by rule"].iter_rows(values_only=True))) == 1 + 13
    assert len(list(wb["details"].iter_rows(values_only=True))) == 1 + 21
    r = CliRunner().invoke(main, ["quality", "-l", str(snap), "--as-of", "2026-11-25",
                                  "--by", "organisation", "-f", "json"])
    assert r.exit_code == 0 and '"(no organisation)"' in r.output
