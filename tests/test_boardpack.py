"""The board pack (``ea report``): the figures from the reports themselves, a workbook with
native charts and print setup, a self-contained HTML page, and a clear error for a format
it cannot write. The PDF and the page in a real Chromium are in test_boardpack_browser.py."""

from __future__ import annotations

import re

import openpyxl
import pytest
from click.testing import CliRunner

from ea import boardpack
from ea.cli import main
from ea.errors import EaError
from ea.schema import OWNED_BY
from ea.store import snapshot
from tests.fixtures_governance import AS_OF, build

EVIL = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def landscape():
    ls = build()
    key = ls.add_system("evil", name=EVIL, criticality=4)
    ls.add_edge(OWNED_BY, key, "Organisation:hsf")
    formula = ls.add_system("formula", name="=HYPERLINK(\"http://x\")", criticality=4)
    ls.add_edge(OWNED_BY, formula, "Organisation:hsf")
    return ls


@pytest.fixture(scope="module")
def pack(landscape):
    return boardpack.build(landscape, as_of=AS_OF)


def test_figures_come_from_the_reports(pack):
    assert pack.title == "Region Test"
    assert pack.totals == {
        "systems": 10, "systems_unowned": 4, "share_systems_unowned": 0.4,
        "objects": 5, "objects_unowned": 1, "share_objects_unowned": 0.2,
        # Cosmic and Lifecare join Raindance and WSO2: ea hubs counts a system's owners as
        # every report does (its object's when it has none), so their hubs span two
        "critical": 12, "high": 14, "hubs_joint_planning": 4, "ending_within_horizon": 1,
        "classification_findings": 8}
    assert pack.organisations[["name", "systems", "unowned", "objects", "objects_unowned",
                               "critical", "high"]].values.tolist() == [
        ["Hälso- och sjukvårdsnämnden / Hälso- och sjukvårdsförvaltningen", 5, 3, 1, 0, 4, 1],
        ["Regionstyrelsen / Regionstyrelseförvaltningen", 4, 1, 2, 1, 0, 7],
        ["(ingen organisation)", 1, 0, 1, 0, 0, 3],
        ["Regionstyrelsen / Regionstyrelseförvaltningen / IT-avdelningen", 1, 0, 1, 0, 0, 2]]


def test_unowned_agrees_with_orphans(landscape, pack):
    from ea.queries import orphans

    summary = orphans.summary(landscape, as_of=AS_OF).set_index("organisation")
    mine = pack.organisations.set_index("organisation")
    assert mine.loc[summary.index, ["systems", "unowned"]].equals(
        summary[["systems", "unowned"]])
    # Qlik Sense is owned by two boards: counted under both, once in the whole
    assert int(summary["systems"].sum()) == pack.totals["systems"] + 1


def test_findings_hubs_ageing(pack):
    assert pack.finding_counts.values.tolist() == [
        ["classification", 0, 7], ["coordinate", 8, 1], ["orphans", 4, 6]]
    # coordinate's rows are per manager: counted, not listed
    assert set(pack.findings["report"]) == {"orphans", "classification"}
    assert pack.findings.iloc[0][["severity", "name", "code"]].tolist() == [
        "critical", EVIL, "no_object_no_roles"]
    # the orphans report's reasons in Swedish, as `ea orphans --lang sv` words them
    assert pack.findings.iloc[0]["reason"].startswith("i inget förvaltningsobjekt")
    assert pack.hubs[["name", "severity", "group_systems", "group_people", "rules"]
                     ].values.tolist() == [
        ["Raindance", "high", 4, 5, "ledpunkt, bland de mest centrala"],
        ["WSO2 API Manager", "high", 3, 5,
         "ledpunkt, bland de mest centrala, lägre tillgänglighet än ett beroende system"],
        ["Cosmic", "high", 4, 5, "ledpunkt, bland de mest centrala"],
        ["Lifecare", "high", 4, 6, "ledpunkt, bland de mest centrala"]]
    # every reason in Swedish: the classification gaps' examples too
    assert set(pack.classification["example"]) >= {
        "återställningstid (RTO) 24 h men Raindance beror på det med RTO 8 h"}
    q = pack.quarters.set_index("quarter")
    assert q.loc["2027 Q1", "systems"] == ["Proceedo"]
    assert int(q["end_of_support"].sum()) == 1 and int(q["end_of_life"].sum()) == 0
    assert pack.replacement[["rank", "name", "end_kind"]].values.tolist() == [
        [1, "Proceedo", "end_of_support"]]


def test_workbook_has_summary_first_charts_and_print_setup(pack, tmp_path):
    path = tmp_path / "styrelse.xlsx"
    assert boardpack.write(pack, path) == "xlsx"
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Sammanfattning", "Organisation", "Avvikelser", "Nav",
                             "Åldrande", "Ersättning", "Klassning", "Nyckelpersoner"]
    summary = wb["Sammanfattning"]
    assert [summary[f"A{i}"].value for i in (1, 2, 3)] == [
        "Styrelserapport: IT-landskapet", "Region Test", "Per 2026-11-25"]
    assert summary["B9"].value == 0.4 and summary["B9"].number_format == "0%"
    assert len(summary._charts) == 1 and len(wb["Åldrande"]._charts) == 1
    org = wb["Organisation"]
    assert [c.value for c in org[3]][:3] == ["Namn", "System", "Utan objektägare"]
    assert org["D4"].number_format == "0%"
    assert org.page_setup.orientation == "landscape"
    assert org.page_setup.fitToWidth == 1 and org.sheet_properties.pageSetUpPr.fitToPage
    assert org.print_title_rows == "$3:$3"
    findings = wb["Avvikelser"]
    assert findings["E4"].value == "Inget förvaltningsobjekt och inga roller"
    names = {c.value for row in wb["Sammanfattning"].iter_rows() for c in row}
    names |= {c.value for ws in wb for row in ws.iter_rows() for c in row}
    assert "'=HYPERLINK(\"http://x\")" in names  # neutralised, never a formula


def test_html_is_self_contained_and_inert(pack, tmp_path):
    path = tmp_path / "styrelse.html"
    boardpack.write(pack, path)
    page = path.read_text(encoding="utf-8")
    assert "default-src 'none'" in page
    assert "<script" not in page
    assert not re.search(r"""(src|href)\s*=\s*["']?[a-z]+:""", page)
    assert EVIL not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert page.count("<svg") == 2
    assert "Styrelserapport: IT-landskapet" in page and "Per <strong>2026-11-25</strong>" in page


def test_english(landscape, tmp_path):
    pack = boardpack.build(landscape, as_of=AS_OF, lang="en")
    path = tmp_path / "board.html"
    boardpack.write(pack, path)
    page = path.read_text(encoding="utf-8")
    assert "Board pack: the IT landscape" in page and "No management object and no roles" in page


def test_key_people_and_changes_since_the_last_report(tmp_path):
    old, new = build(), build()
    new.add_system("nysys", name="Nytt system")
    new.add_integration("System:nysys", "System:lifecare")
    pack = boardpack.build(new, as_of=AS_OF, previous=old)
    assert pack.people[["name", "code", "sole_holder_count"]].head(2).values.tolist() == [
        ["Cecilia Dal", "SOLE_HOLDER", 3], ["Anna Ek", "SOLE_HOLDER", 2]]
    # in the pack's language (Swedish unless told), as ea diff --lang sv words them
    assert pack.change_counts.values.tolist() == [
        ["integrationer", "tillkommen", 1], ["ägarlöshet", "ny", 2],
        ["ägarlöshet", "kvarstår", 13], ["system", "tillkommen", 1]]
    assert pack.changes.iloc[0][["category", "change", "name"]].tolist() == [
        "integrationer", "tillkommen", "Nytt system → Lifecare"]
    path = tmp_path / "styrelse.xlsx"
    boardpack.write(pack, path)
    assert openpyxl.load_workbook(path).sheetnames[-1] == "Förändringar"


def _later():
    """build() a year on: Nytt system (Hälso- och sjukvårdsförvaltningen) sends data to
    Lifecare, Ny portal (Regionstyrelseförvaltningen) is new without an integration."""
    new = build()
    new.meta["imported_at"] = "2026-11-25"
    nysys = new.add_system("nysys", name="Nytt system")
    new.add_edge(OWNED_BY, nysys, "Organisation:hsf")
    new.add_integration(nysys, "System:lifecare")
    portal = new.add_system("portal", name="Ny portal")
    new.add_edge(OWNED_BY, portal, "Organisation:rsf")
    return new


def _old():
    old = build()
    old.meta["imported_at"] = "2025-11-25"
    return old


def test_changes_since_the_last_report_only_in_the_packs_organisation():
    pack = boardpack.build(_later(), as_of=AS_OF, previous=_old(), lang="en",
                           organisation="Hälso- och sjukvårdsförvaltningen")
    assert pack.change_counts.values.tolist() == [
        ["integrations", "added", 1], ["orphans", "new", 1], ["orphans", "open", 5],
        ["systems", "added", 1]]
    assert "Ny portal" not in set(pack.changes["name"])
    # still open: the findings `ea orphans --organisation` gives that organisation
    from ea.queries import orphans

    assert len(orphans.run(_old(), as_of=AS_OF,
                           organisation="Hälso- och sjukvårdsförvaltningen")) == 5
    whole = boardpack.build(_later(), as_of=AS_OF, previous=_old(), lang="en")
    assert whole.change_counts.values.tolist() == [
        ["integrations", "added", 1], ["orphans", "new", 2], ["orphans", "open", 13],
        ["systems", "added", 2]]


@pytest.mark.parametrize("pseudonymise", [False, True])
def test_cli_previous_snapshot_or_history_folder(tmp_path, pseudonymise):
    """ea report --previous: the changes section in the workbook and on the page, from a
    snapshot file or the import history; pseudonymised, both snapshots share one key, so
    no role holder shows up as changed."""
    from ea.commands.audits import keep_history

    snap, hist = tmp_path / "landscape.json", tmp_path / "history"
    snapshot.save(_old(), snap)
    keep_history(snap, hist, "2025-11-25")
    older = tmp_path / "old.json"
    snapshot.save(_old(), older)
    snapshot.save(_later(), snap)
    keep_history(snap, hist, "2026-11-25")
    lead = ["--pseudonymise"] if pseudonymise else []
    for prev in (older, hist):
        out = tmp_path / "pack.xlsx"
        r = CliRunner().invoke(main, [*lead, "report", "-l", str(snap), "--as-of", "2026-11-25",
                                      "--previous", str(prev), "-o", str(out)])
        assert r.exit_code == 0, r.output
        ws = openpyxl.load_workbook(out)["Förändringar"]
        rows = [[c.value for c in row] for row in ws.iter_rows()]
        assert rows[0][0] == "Förändringar sedan förra rapporten"
        counts = {(r[0], r[1]): r[2] for r in rows if r and r[2] is not None
                  and isinstance(r[2], int)}
        assert counts == {("integrationer", "tillkommen"): 1, ("ägarlöshet", "ny"): 2,
                          ("ägarlöshet", "kvarstår"): 13, ("system", "tillkommen"): 2}
    page = tmp_path / "pack.html"
    r = CliRunner().invoke(main, [*lead, "report", "-l", str(snap), "--as-of", "2026-11-25",
                                  "--previous", str(hist), "-o", str(page)])
    assert r.exit_code == 0, r.output
    text = page.read_text(encoding="utf-8")
    assert "<h2>Förändringar sedan förra rapporten</h2>" in text
    assert "Nytt system → Lifecare" in text


def test_unknown_suffix_is_an_error(pack, tmp_path):
    with pytest.raises(EaError, match=r"written as \.xlsx, \.html or \.pdf, not '\.docx'"):
        boardpack.write(pack, tmp_path / "styrelse.docx")


def test_cli(landscape, tmp_path):
    snap = tmp_path / "landscape.json"
    snapshot.save(landscape, snap)
    runner = CliRunner()
    out = tmp_path / "pack.xlsx"
    res = runner.invoke(main, ["report", "-l", str(snap), "--as-of", "2026-11-25",
                               "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "10 systems, 4 without a working object owner, 12 critical and 14 high" in res.output
    assert out.exists()
    res = runner.invoke(main, ["report", "-l", str(snap), "-o", str(tmp_path / "x.xls")])
    assert res.exit_code == 1
    assert "a board pack is written as .xlsx, .html or .pdf, not '.xls'" in res.output


def test_one_organisation(landscape):
    pack = boardpack.build(landscape, as_of=AS_OF,
                           organisation="Hälso- och sjukvårdsförvaltningen")
    assert pack.scope == "Hälso- och sjukvårdsförvaltningen"
    assert pack.organisations[["name", "systems", "unowned"]].values.tolist() == [
        ["Hälso- och sjukvårdsnämnden / Hälso- och sjukvårdsförvaltningen", 5, 3]]
    assert (pack.totals["systems"], pack.totals["systems_unowned"]) == (5, 3)
    assert pack.hubs["name"].tolist() == ["Cosmic", "Lifecare"]
    with pytest.raises(EaError, match="did you mean: Hälso- och sjukvårdsnämnden"):
        boardpack.build(landscape, as_of=AS_OF, organisation="Hälso och sjukvård")
