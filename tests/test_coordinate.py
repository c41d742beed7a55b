"""ea coordinate: managers at both ends of each integration, and the meeting matrix."""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from ea.cli import main
from ea.config import Config
from ea.errors import QueryError
from ea.queries import coordinate
from ea.store import snapshot
from tests.fixtures_governance import AS_OF, build


@pytest.fixture(scope="module")
def ls():
    return build()


@pytest.fixture(scope="module")
def rows(ls):
    return coordinate.run(ls, as_of=AS_OF)


def _key(df):
    return sorted(zip(df["name"], df["system_name"], df["partner_name"], df["code"],
                      strict=True))


def test_counts_by_code(rows):
    assert len(rows) == 22
    assert rows["code"].value_counts().to_dict() == {
        "coordinate": 11, "partner_unowned": 7, "partner_ending_life": 2,
        "partner_external": 2}


def test_flags_unowned_external_ending_and_placeholder(rows):
    flagged = rows[rows["code"] != "coordinate"]
    assert _key(flagged) == sorted([
        ("Hanna Jak", "Cosmic", "Lifecare", "partner_unowned"),
        ("Ida Karlsson", "Cosmic", "Lifecare", "partner_unowned"),
        ("Bo Berg", "Platina", "Lifecare", "partner_unowned"),
        ("Cecilia Dal", "Platina", "Lifecare", "partner_unowned"),
        ("Lena Nord", "WSO2 API Manager", "Lifecare", "partner_unowned"),
        ("Karin Mod", "WSO2 API Manager", "Lifecare", "partner_unowned"),
        ("Cecilia Dal", "Heroma", "Gammalt lönesystem", "partner_unowned"),
        ("Bo Berg", "Raindance", "Proceedo", "partner_ending_life"),
        ("Cecilia Dal", "Raindance", "Proceedo", "partner_ending_life"),
        ("Hanna Jak", "Cosmic", "HSA-katalogen", "partner_external"),
        ("Ida Karlsson", "Cosmic", "HSA-katalogen", "partner_external"),
    ])
    end = flagged[flagged["code"] == "partner_ending_life"].iloc[0]
    assert end["flags"] == ["ending: end_of_support 2027-03-31"]
    assert end["severity"] == "critical"  # Raindance is criticality 4
    heroma = flagged[flagged["system_name"] == "Heroma"].iloc[0]
    assert heroma["flags"] == ["placeholder"] and heroma["severity"] == "high"


def test_inherited_managers_and_roles(rows):
    ida = rows[(rows["name"] == "Ida Karlsson") & (rows["partner_name"] == "Lifecare")].iloc[0]
    assert ida["role"] == "it_manager" and pd.isna(ida["inherited_from"])  # own role on Cosmic
    hanna = rows[(rows["name"] == "Hanna Jak") & (rows["partner_name"] == "Lifecare")].iloc[0]
    assert hanna["role"] == "business_manager" and hanna["inherited_from"] == "Vårdinformation"
    # Heroma's business manager is vacant: only Cecilia answers for it
    assert sorted(rows[rows["system_name"] == "Heroma"]["name"]) == ["Cecilia Dal",
                                                                      "Cecilia Dal"]


def test_integration_via_platform_pairs_real_ends(rows):
    cosmic = rows[(rows["system_name"] == "Cosmic") & (rows["partner_name"] == "Lifecare")]
    assert set(cosmic["platform"]) == {"WSO2 API Manager"}
    assert cosmic.iloc[0]["platform_managers"] == ["Lena Nord (business_manager)",
                                                   "Karin Mod (it_manager)"]
    assert cosmic.iloc[0]["direction"] == "outgoing"
    assert cosmic.iloc[0]["availability"] == 4 and cosmic.iloc[0]["criticality"] == 4
    platform = rows[rows["party"] == "platform"]
    assert sorted(zip(platform["name"], platform["partner_name"], platform["direction"],
                      strict=True)) == [
        ("Karin Mod", "Cosmic", "carries from"), ("Karin Mod", "Lifecare", "carries to"),
        ("Lena Nord", "Cosmic", "carries from"), ("Lena Nord", "Lifecare", "carries to")]


def test_meeting_matrix(ls):
    m = coordinate.meeting_matrix(ls, as_of=AS_OF)
    assert len(m) == 9
    pairs = {(a, b): r for a, b, r in zip(m["manager_a_name"], m["manager_b_name"],
                                          m["relation"], strict=True)}
    assert sorted(pairs) == sorted([
        ("Hanna Jak", "Karin Mod"), ("Hanna Jak", "Lena Nord"), ("Ida Karlsson", "Karin Mod"),
        ("Ida Karlsson", "Lena Nord"), ("Bo Berg", "Cecilia Dal"), ("Bo Berg", "Erik Gran"),
        ("Bo Berg", "Fatima Holm"), ("Cecilia Dal", "Erik Gran"),
        ("Cecilia Dal", "Fatima Holm")])
    assert pairs[("Hanna Jak", "Karin Mod")] == "platform"
    bo_cecilia = m[(m["manager_a_name"] == "Bo Berg")
                   & (m["manager_b_name"] == "Cecilia Dal")].iloc[0]
    assert bo_cecilia["integrations"] == 2
    assert bo_cecilia["binding"] == ["Heroma → Raindance (file)", "Raindance → Proceedo (api)"]
    assert list(m["criticality"][:4]) == [4, 4, 4, 4]


def test_target_person_object_system(ls):
    assert len(coordinate.run(ls, as_of=AS_OF, target="Cecilia Dal")) == 7
    assert len(coordinate.run(ls, as_of=AS_OF, target="cecilia@regiontest.se")) == 7
    by_obj = coordinate.run(ls, as_of=AS_OF, target="Ekonomi")
    assert len(by_obj) == 8 and set(by_obj["system_name"]) == {"Raindance", "Proceedo"}
    assert len(coordinate.run(ls, as_of=AS_OF, target="Qlik Sense")) == 2
    assert len(coordinate.meeting_matrix(ls, as_of=AS_OF, target="Qlik Sense")) == 4
    with pytest.raises(QueryError, match=r"named 'Ceclia Dal'; did you mean: Cecilia Dal\?"):
        coordinate.run(ls, as_of=AS_OF, target="Ceclia Dal")


def test_filters_and_horizon(ls):
    assert set(coordinate.run(ls, as_of=AS_OF, organisation="IT-avdelningen")["name"]) == {
        "Lena Nord", "Karin Mod"}
    assert len(coordinate.run(ls, as_of=AS_OF, person="Erik Gran")) == 1
    short = coordinate.run(ls, as_of=AS_OF, config=Config({"coordinate": {"horizon_months": 3}}))
    assert "partner_ending_life" not in set(short["code"])  # 2027-03-31 is 4 months away


def test_cli_two_sheets_and_unknown_target(tmp_path):
    snap = tmp_path / "landscape.json"
    snapshot.save(build(), snap)
    out = tmp_path / "coord.xlsx"
    r = CliRunner().invoke(main, ["coordinate", "Raindance", "-l", str(snap), "--as-of",
                                  "2026-11-25", "-o", str(out)])
    assert r.exit_code == 0, r.output
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["coordination", "meeting matrix"]
    assert len(list(wb["coordination"].iter_rows(values_only=True))) == 1 + 6
    # Bo Berg–Cecilia Dal (two integrations) and Raindance's managers with Qlik Sense's
    assert len(list(wb["meeting matrix"].iter_rows(values_only=True))) == 1 + 5
    bad = CliRunner().invoke(main, ["coordinate", "Raindanse", "-l", str(snap)])
    assert bad.exit_code == 1
    assert bad.output.strip().splitlines() == [
        "Error: no person, object or system named 'Raindanse'; did you mean: Raindance?"]
