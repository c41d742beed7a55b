"""ea orphans: every class on the hand-built governance landscape, by name and count."""

from __future__ import annotations

import openpyxl
import pytest
from click.testing import CliRunner

from ea.cli import main
from ea.config import Config
from ea.errors import ConfigError, QueryError
from ea.landscape import Landscape
from ea.queries import orphans
from ea.store import snapshot
from tests.fixtures_governance import AS_OF, build


def _pairs(df):
    return sorted(zip(df["name"], df["code"], strict=True))


@pytest.fixture(scope="module")
def ls():
    return build()


@pytest.fixture(scope="module")
def findings(ls):
    return orphans.run(ls, as_of=AS_OF)


def test_every_expected_finding_by_name(findings):
    assert _pairs(findings) == sorted([
        ("Vårdinformation", "missing_role"),
        ("Lifecare", "no_object_no_roles"),
        ("HR", "inactive_holder"), ("HR", "vacant_role"),
        ("Heroma", "inactive_holder"), ("Heroma", "vacant_role"),
        ("Ärende", "no_owning_organisation"), ("Platina", "no_owning_organisation"),
        ("Qlik Sense", "inactive_holder"), ("Qlik Sense", "multiple_owning_boards"),
        ("Qlik Sense", "owner_is_it_manager"),
        ("Gammalt lönesystem", "placeholder_system"),
        ("HSA-katalogen", "external_system"),
    ])
    assert findings["code"].value_counts().to_dict() == {
        "inactive_holder": 3, "vacant_role": 2, "no_owning_organisation": 2,
        "missing_role": 1, "no_object_no_roles": 1, "multiple_owning_boards": 1,
        "owner_is_it_manager": 1, "placeholder_system": 1, "external_system": 1}


def test_complete_inherited_roles_give_no_finding(findings):
    # Raindance and Proceedo inherit every role from Ekonomi; Cosmic has its own IT manager
    # and inherits the rest; WSO2 inherits from Integration; Agresso is retired
    assert not set(findings["name"]) & {"Raindance", "Proceedo", "Cosmic", "WSO2 API Manager",
                                        "Ekonomi", "Integration", "Agresso"}


def test_inheritance_from_the_object_is_named(findings):
    heroma = findings[findings["name"] == "Heroma"].set_index("code")
    assert heroma.loc["inactive_holder", "inherited_from"] == "HR"
    assert heroma.loc["inactive_holder", "role"] == "object_owner"
    assert heroma.loc["inactive_holder", "people"] == ["David Falk <david@regiontest.se>"]
    assert heroma.loc["vacant_role", "inherited_from"] == "HR"
    assert heroma.loc["vacant_role", "role"] == "business_manager"
    assert "'Vakant'" in heroma.loc["vacant_role", "reason"]


def test_holder_absent_from_people_list(findings):
    row = findings[(findings["name"] == "Qlik Sense")
                   & (findings["code"] == "inactive_holder")].iloc[0]
    assert row["role"] == "business_manager"
    assert "Fatima Holm: not in the people list" in row["reason"]


def test_two_boards(findings):
    row = findings[findings["code"] == "multiple_owning_boards"].iloc[0]
    assert row["name"] == "Qlik Sense"
    assert "Hälso- och sjukvårdsnämnden, Regionstyrelsen" in row["reason"]


def test_ranking_starts_with_what_matters(findings):
    assert list(findings["name"][:2]) == ["Vårdinformation", "Lifecare"]
    assert list(findings["severity"]) == (["critical"] * 2 + ["high"] * 6 + ["medium"] * 3
                                          + ["low"] * 2)
    ext = findings[findings["code"] == "external_system"].iloc[0]
    assert ext["severity"] == "low"  # integrated, no local contact


def test_people_not_judged_without_people_list(ls):
    other = ls.copy()
    other.meta["people_lists"] = []
    df = orphans.run(other, as_of=AS_OF)
    assert "inactive_holder" not in set(df["code"])
    assert len(df) == 10


def test_config_mandatory_roles_and_owner_rule(ls):
    cfg = Config({"orphans": {"mandatory_roles": ["object_owner"],
                              "forbid_owner_as_it_manager": False}})
    df = orphans.run(ls, as_of=AS_OF, config=cfg)
    assert _pairs(df[df["code"].isin(["missing_role", "vacant_role", "inactive_holder",
                                      "owner_is_it_manager"])]) == [
        ("HR", "inactive_holder"), ("HR", "vacant_role"), ("Heroma", "inactive_holder")]
    # a vacancy of a role that is not mandatory is still reported where recorded, as low
    assert df[df["code"] == "vacant_role"]["severity"].tolist() == ["low"]
    with pytest.raises(ConfigError, match="unknown role 'boss'"):
        orphans.run(ls, as_of=AS_OF, config=Config({"orphans": {"mandatory_roles": ["boss"]}}))


def test_non_mandatory_vacancy_is_low():
    ls = Landscape()
    s = ls.add_system("s", name="S")
    p = ls.add_person("p", name="Pia Test")
    for role in ("object_owner", "business_manager", "it_manager"):
        ls.add_role(p, s, role)
    ls.add_vacant_role(s, "information_owner", raw="Vakant")
    df = orphans.run(ls, as_of=AS_OF, config=Config({"orphans": {
        "forbid_owner_as_it_manager": False}}))
    assert _pairs(df) == [("S", "no_owning_organisation"), ("S", "vacant_role")]
    assert df.set_index("code").loc["vacant_role", "severity"] == "low"


def test_filters(ls):
    by_org = orphans.run(ls, as_of=AS_OF, organisation="Hälso- och sjukvårdsnämnden")
    assert _pairs(by_org) == sorted([
        ("Vårdinformation", "missing_role"), ("Lifecare", "no_object_no_roles"),
        ("Qlik Sense", "inactive_holder"), ("Qlik Sense", "multiple_owning_boards"),
        ("Qlik Sense", "owner_is_it_manager")])
    assert len(orphans.run(ls, as_of=AS_OF, organisation="Regionstyrelsen")) == 7
    assert _pairs(orphans.run(ls, as_of=AS_OF, object="HR")) == sorted([
        ("HR", "inactive_holder"), ("HR", "vacant_role"),
        ("Heroma", "inactive_holder"), ("Heroma", "vacant_role")])
    assert set(orphans.run(ls, as_of=AS_OF, person="erik@regiontest.se")["name"]) == {
        "Qlik Sense"}
    with pytest.raises(QueryError, match="did you mean: HR"):
        orphans.run(ls, as_of=AS_OF, object="HRR")


def test_summary_per_organisation(ls, findings):
    s = orphans.summary(ls, findings, as_of=AS_OF).set_index("name")
    hsf = "Region Test / Hälso- och sjukvårdsnämnden / Hälso- och sjukvårdsförvaltningen"
    rsf = "Region Test / Regionstyrelsen / Regionstyrelseförvaltningen"
    assert list(s.index) == [hsf, rsf, "(no organisation)", rsf + " / IT-avdelningen"]
    assert s.loc[hsf, ["systems", "unowned", "incomplete"]].tolist() == [3, 1, 2]
    assert s.loc[hsf, "share_unowned"] == pytest.approx(0.333)
    assert s.loc[rsf, ["systems", "unowned", "share_unowned", "incomplete"]].tolist() == [
        4, 1, 0.25, 2]
    assert s.loc["(no organisation)", ["systems", "unowned", "incomplete"]].tolist() == [1, 0, 1]


def test_cli_excel_report_in_two_sheets(tmp_path):
    snap = tmp_path / "landscape.json"
    snapshot.save(build(), snap)
    out = tmp_path / "orphans.xlsx"
    res = CliRunner().invoke(main, ["orphans", "-l", str(snap), "--as-of", "2026-11-25",
                                    "-o", str(out)])
    assert res.exit_code == 0, res.output
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["orphans", "per organisation"]
    rows = list(wb["orphans"].iter_rows(values_only=True))
    assert rows[0][:5] == ("subject", "name", "code", "severity", "reason")
    assert len(rows) == 1 + 13
    assert rows[1][1:4] == ("Vårdinformation", "missing_role", "critical")
    assert len(list(wb["per organisation"].iter_rows(values_only=True))) == 1 + 4


def test_cli_markdown_has_second_table_and_filters(tmp_path):
    snap = tmp_path / "landscape.json"
    snapshot.save(build(), snap)
    res = CliRunner().invoke(main, ["orphans", "-l", str(snap), "--as-of", "2026-11-25",
                                    "-f", "md", "--object", "HR"])
    assert res.exit_code == 0, res.output
    assert "## per organisation" in res.output
    assert res.output.count("| Object:hr |") == 2
    bad = CliRunner().invoke(main, ["orphans", "-l", str(snap), "--org", "Nowhere"])
    assert bad.exit_code == 1
    assert "no organisation named 'Nowhere'" in bad.output
    assert "Traceback" not in bad.output
