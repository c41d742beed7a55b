"""ea coordinate: managers at both ends of each integration, and the meeting matrix."""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from ea.cli import main
from ea.config import Config
from ea.errors import QueryError
from ea.landscape import Landscape
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
    # 22 manager-and-end rows, of which three pairs are one person at both ends: one row each
    assert len(rows) == 19
    assert rows["code"].value_counts().to_dict() == {
        "coordinate": 8, "partner_unowned": 7, "partner_ending_life": 2,
        "partner_external": 2}


def test_nobody_is_told_to_meet_themselves(rows):
    for _, r in rows.iterrows():
        assert not any(m.startswith(f"{r['name']} (") for m in r["partner_managers"])
        assert not any(m.startswith(f"{r['name']} (") for m in r["platform_managers"])
        assert f"meet {r['name']} (" not in r["reason"] and f", {r['name']} (" not in r["reason"]
    # Cecilia Dal is IT manager of both HR (Heroma) and Ekonomi (Raindance): one row for
    # Heroma → Raindance, saying so once
    hr = rows[(rows["name"] == "Cecilia Dal") & (rows["system_name"] == "Heroma")
              & (rows["partner_name"] == "Raindance")]
    assert len(hr) == 1 and len(rows[(rows["name"] == "Cecilia Dal")
                                     & (rows["system_name"] == "Raindance")
                                     & (rows["partner_name"] == "Heroma")]) == 0
    r = hr.iloc[0]
    assert (r["party"], r["both_ends"], r["meet"]) == (
        "both ends", True, "meet Bo Berg (business_manager); you manage both ends")
    assert r["reason"] == ("Heroma sends to Raindance: meet Bo Berg (business_manager); you "
                           "manage both ends")


def test_a_partner_with_no_manager_is_an_action(rows):
    lifecare = rows[(rows["system_name"] == "Platina") & (rows["partner_name"] == "Lifecare")]
    assert list(lifecare["meet"]) == ["no one to meet: the partner has no manager"] * 2
    assert list(lifecare["partner_managers"]) == [[], []]
    gammalt = rows[rows["partner_name"] == "Gammalt lönesystem"].iloc[0]
    assert gammalt["meet"] == ("no one to meet: the partner is not in the inventory (only "
                               "referenced)")
    hsa = rows[rows["partner_name"] == "HSA-katalogen"].iloc[0]
    assert hsa["meet"] == "no one to meet: the partner is external, coordinate with its provider"


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
        ("Bo Berg", "Raindance", "Proceedo", "partner_ending_life"),  # both ends
        ("Cecilia Dal", "Raindance", "Proceedo", "partner_ending_life"),  # both ends
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
    assert len(coordinate.run(ls, as_of=AS_OF, target="Cecilia Dal")) == 5
    assert len(coordinate.run(ls, as_of=AS_OF, target="cecilia@regiontest.se")) == 5
    by_obj = coordinate.run(ls, as_of=AS_OF, target="Ekonomi")
    # Proceedo's rows are Raindance → Proceedo at both ends; Heroma → Raindance likewise
    assert len(by_obj) == 6 and set(by_obj["system_name"]) == {"Raindance", "Heroma"}
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
    # the answer first: whom Raindance's managers (Bo Berg, Cecilia Dal) meet, then the rows
    assert wb.sheetnames == ["meetings", "coordination"]
    meetings = list(wb["meetings"].iter_rows(values_only=True))
    assert [(m[1], m[2]) for m in meetings[1:]] == [
        ("Erik Gran", "meet"), ("Fatima Holm", "meet"), ("Cecilia Dal", "both_ends"),
        ("Bo Berg", "both_ends")]
    assert len(list(wb["coordination"].iter_rows(values_only=True))) == 1 + 6
    # without a target: the pairs who must meet first
    out2 = tmp_path / "all.xlsx"
    r = CliRunner().invoke(main, ["coordinate", "-l", str(snap), "--as-of", "2026-11-25",
                                  "-o", str(out2)])
    assert r.exit_code == 0, r.output
    wb = openpyxl.load_workbook(out2)
    assert wb.sheetnames == ["meeting matrix", "coordination"]
    assert len(list(wb["meeting matrix"].iter_rows(values_only=True))) == 1 + 9
    bad = CliRunner().invoke(main, ["coordinate", "Raindanse", "-l", str(snap)])
    assert bad.exit_code == 1
    assert bad.output.strip().splitlines() == [
        "Error: no person, object or system named 'Raindanse'; did you mean: Raindance?"]


def _pair_landscape():
    """A → B (API; Fil, Helt verksamhetskritiskt) and B → A (file): Pia Test is IT manager at
    both ends; Quinn Test (A) and Rut Test (B) are the business managers. A → C (Ej
    verksamhetskritiskt) passes through the platform P (Sam Test); C has no manager."""
    ls = Landscape()
    a, b, c = (ls.add_system(x, name=x.upper()) for x in "abc")
    p = ls.add_system("p", name="P")
    pia, quinn, rut, sam = (ls.add_person(x, name=f"{x.capitalize()} Test",
                                          email=f"{x}@example.se")
                            for x in ("pia", "quinn", "rut", "sam"))
    for person, system, role in ((pia, a, "it_manager"), (pia, b, "it_manager"),
                                 (quinn, a, "business_manager"),
                                 (rut, b, "business_manager"), (sam, p, "it_manager")):
        ls.add_role(person, system, role)
    ls.add_integration(a, b, type="api", types=["api", "file"], criticality=4)
    ls.add_integration(b, a, type="file")
    ls.add_integration(a, c, type="api", criticality=1, via=p)
    return ls


def test_meetings_of_a_person_holding_both_ends():
    ls = _pair_landscape()
    rows = coordinate.run(ls, as_of=AS_OF, target="Pia Test")
    assert sorted(zip(rows["system_name"], rows["partner_name"], rows["party"], rows["meet"],
                      rows["dependency_criticality"], strict=True)) == [
        ("A", "B", "both ends", "meet Rut Test (business_manager), Quinn Test "
                                "(business_manager); you manage both ends", 4),
        ("A", "C", "producer", "no one to meet: the partner has no manager", 1),
        ("B", "A", "both ends", "meet Quinn Test (business_manager), Rut Test "
                                "(business_manager); you manage both ends", None)]
    ab = rows[rows["partner_name"] == "B"].iloc[0]
    assert ab["types"] == ["api", "file"]
    assert ab["reason"] == ("A sends to B (dependency Helt verksamhetskritiskt): meet Rut Test "
                            "(business_manager), Quinn Test (business_manager); you manage "
                            "both ends")
    m = coordinate.meetings(ls, as_of=AS_OF, target="Pia Test")
    assert list(zip(m["name"], m["code"], m["integrations"], strict=True)) == [
        ("Quinn Test", "meet", 2), ("Rut Test", "meet", 2), ("Sam Test", "meet", 1),
        ("C", "no_one_to_meet", 1), ("Pia Test", "both_ends", 2)]
    assert "Pia Test" not in set(m[m["code"] == "meet"]["name"])
    quinn = m.iloc[0]
    assert quinn["reason"] == ("Meet Quinn Test (business_manager of A): 2 integrations, "
                               "worst criticality 4, dependency Helt verksamhetskritiskt.")
    assert quinn["pairs"] == ["A → B (api, file; Helt verksamhetskritiskt)", "B → A (file)"]
    assert (quinn["dependency_criticality"], quinn["relation"]) == (4, "integration")
    assert m.iloc[2]["relation"] == "platform"
    assert m.iloc[2]["pairs"] == ["A → C (api; Ej verksamhetskritiskt) via P"]
    assert m.iloc[3]["reason"] == ("No one to meet for C: it has no manager; find who answers "
                                   "for it (1 integration, worst criticality 1, dependency Ej "
                                   "verksamhetskritiskt).")
    assert m.iloc[3]["severity"] == "medium"
    assert m.iloc[4]["reason"] == (
        "You manage both ends of 2 integrations, worst criticality 4, dependency Helt "
        "verksamhetskritiskt: "
        "A → B (api, file; Helt verksamhetskritiskt); B → A (file).")
    matrix = coordinate.meeting_matrix(ls, as_of=AS_OF)
    assert all(a != b for a, b in zip(matrix["manager_a"], matrix["manager_b"], strict=True))
    qr = matrix[(matrix["manager_a_name"] == "Quinn Test")
                & (matrix["manager_b_name"] == "Rut Test")].iloc[0]
    assert qr["dependency_criticality"] == 4


def test_cli_person_leads_with_the_meeting_list(tmp_path):
    snap = tmp_path / "landscape.json"
    snapshot.save(_pair_landscape(), snap)
    r = CliRunner().invoke(main, ["coordinate", "Pia Test", "-l", str(snap), "--as-of",
                                  "2026-11-25", "-f", "csv"])
    assert r.exit_code == 0, r.output
    lines = r.output.strip().splitlines()
    assert lines[0].startswith("subject,name,code,severity,reason,email,roles,with,")
    assert [ln.split(",")[1] for ln in lines[1:]] == [
        "Quinn Test", "Rut Test", "Sam Test", "C", "Pia Test"]


def test_cli_per_integration_only(tmp_path):
    snap = tmp_path / "landscape.json"
    snapshot.save(_pair_landscape(), snap)
    r = CliRunner().invoke(main, ["coordinate", "Pia Test", "--per-integration", "-l",
                                  str(snap), "--as-of", "2026-11-25", "-f", "csv"])
    assert r.exit_code == 0, r.output
    lines = r.output.strip().splitlines()
    assert lines[0].startswith("subject,name,code,severity,reason,email,role,")
    assert len(lines) == 1 + 3


def test_meetings_of_an_object(ls):
    # Vårdinformation's system Cosmic: its integrations pass through WSO2 (whose managers it
    # meets) to Lifecare (no manager) and come from HSA-katalogen (external)
    m = coordinate.meetings(ls, as_of=AS_OF, target="Vårdinformation")
    assert list(zip(m["name"], m["code"], m["relation"], strict=True)) == [
        ("Karin Mod", "meet", "platform"), ("Lena Nord", "meet", "platform"),
        ("HSA-katalogen", "no_one_to_meet", "integration"),
        ("Lifecare", "no_one_to_meet", "integration")]
    assert all(w == ["Hanna Jak", "Ida Karlsson"] for w in m["with"])
    assert m.iloc[2]["reason"].startswith(
        "No one to meet for HSA-katalogen: it is external; coordinate with its provider (")
    assert m.iloc[3]["reason"].startswith(
        "No one to meet for Lifecare: it has no manager; find who answers for it (")
