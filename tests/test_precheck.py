"""ea precheck: a planned system on a hand-built landscape, every answer asserted.

Landscape: Förvaltning A and Förvaltning B. Journal (A, K3 T2, IT manager Anna Ek, end of
support passed), Larm (B, K1 T3, business manager Bo Berg, no IT manager, no owner),
Statistik (A, K1 T1), Appify (B, product Appify by Appbolaget). Information set
Patientuppgifter (K3). Integrations Journal → Statistik, Larm → Statistik.

Planned: "Appify mobil" for Förvaltning A (product Appify, vendor Appbolaget), receiving data
from Journal and sending data to Larm: it inherits K3 (from Journal) and T3 (Larm depends on
it); Appify of Förvaltning B already runs the product.
"""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner

from ea.cli import main
from ea.errors import QueryError
from ea.landscape import Landscape
from ea.queries import precheck
from ea.schema import OWNED_BY, PART_OF
from ea.store import snapshot

AS_OF = dt.date(2026, 11, 25)


def build() -> Landscape:
    ls = Landscape(meta={"imported_at": "2026-11-25"})
    a = ls.add_organisation("a", name="Förvaltning A", org_kind="förvaltning")
    b = ls.add_organisation("b", name="Förvaltning B", org_kind="förvaltning")
    journal = ls.add_system("journal", name="Journal", k=3, t=2, criticality=4,
                            end_of_support="2026-01-31")
    larm = ls.add_system("larm", name="Larm", k=1, t=3, criticality=3)
    stat = ls.add_system("stat", name="Statistik", k=1, t=1)
    app = ls.add_system("app", name="Appify", product="Appify", vendor="Appbolaget")
    for s, o in ((journal, a), (larm, b), (stat, a), (app, b)):
        ls.add_edge(OWNED_BY, s, o)
    anna = ls.add_person("anna", name="Anna Ek")
    bo = ls.add_person("bo", name="Bo Berg")
    ls.add_role(anna, journal, "it_manager")
    ls.add_role(bo, larm, "business_manager")
    ls.add_information("pu", name="Patientuppgifter", k=3, r=2)
    ls.add_integration(journal, stat)
    ls.add_integration(larm, stat)
    return ls


PLAN = {"name": "Appify mobil", "organisation": "Förvaltning A", "product": "Appify",
        "vendor": "Appbolaget", "receives_from": ["Journal"], "sends_to": ["Larm"]}


@pytest.fixture(scope="module")
def out():
    return precheck.run(build(), precheck.planned_from_mapping(PLAN), as_of=AS_OF)


def test_inherits_k3_from_what_flows_in_and_t3_from_what_depends_on_it(out):
    cls = out["inherited classification"]
    assert cls[["aspect", "level", "because"]].values.tolist() == [
        ["K", 3, "receives data from Journal (K3)"],
        ["T", 3, "Larm (T3) depends on it"],
    ]
    s = out["precheck"].set_index("question")["answer"]
    assert s["inherited confidentiality"] == "K3 (receives data from Journal (K3))"
    assert s["inherited availability"] == "T3 (Larm (T3) depends on it)"


def test_information_it_processes_raises_k():
    plan = precheck.planned_from_mapping({"name": "Ny", "information": "Patientuppgifter",
                                          "sends_to": "Statistik"})
    cls = precheck.run(build(), plan, as_of=AS_OF)["inherited classification"]
    assert cls[["aspect", "level", "because"]].values.tolist() == [
        ["K", 3, "processes Patientuppgifter (K3)"],
        ["T", 1, "Statistik (T1) depends on it"],
    ]


def test_integrations_and_who_must_meet(out):
    df = out["planned integrations"]
    assert df[["partner_name", "direction", "k", "t"]].values.tolist() == [
        ["Journal", "receives data from it", 3, 2],
        ["Larm", "sends data to it", 1, 3],
    ]
    journal, larm = df.iloc[0], df.iloc[1]
    assert journal["who_must_meet"] == [
        "the managers of Appify mobil (to be appointed)", "Anna Ek (IT manager, Journal)",
        "Journal has no business manager: its object owner (none either) must appoint"]
    assert larm["who_must_meet"][:2] == ["the managers of Appify mobil (to be appointed)",
                                         "Bo Berg (Business manager, Larm)"]
    assert larm["organisation"] == ["Förvaltning B"]


def test_consolidation_same_product_elsewhere(out):
    df = out["consolidation"]
    assert df[["name", "code", "organisation"]].values.tolist() == [
        ["Appify", "DUPLICATE_PRODUCT", "Förvaltning B"]]


def test_partners_at_risk_unowned_and_ageing(out):
    df = out["partners at risk"]
    got = sorted(zip(df["name"], df["report"], df["code"], strict=True))
    assert ("Journal", "ageing", "END_OF_SUPPORT_PASSED") in got
    assert ("Larm", "orphans", "missing_role") in got
    assert ("Statistik", "orphans", "missing_role") not in got  # not a partner
    flags = out["planned integrations"].set_index("partner_name")["flags"]
    assert "END_OF_SUPPORT_PASSED" in flags["Journal"]
    assert "missing_role" in flags["Larm"]


def test_continuity_a_hub_it_loads():
    # Statistik is the only link between Journal (A) and Larm (B): an articulation point
    # across two organisations, so a hub that needs joint continuity planning
    ls = build()
    plan = precheck.planned_from_mapping({"name": "Ny", "exchanges_with": ["Statistik"]})
    df = precheck.run(ls, plan, as_of=AS_OF)["hubs loaded"]
    assert df[["hub_name", "relation"]].values.tolist() == [
        ["Statistik", "loads this hub and joins its continuity group"]]


def test_unknown_partner_names_close_matches():
    plan = precheck.planned_from_mapping({"name": "Ny", "receives_from": ["Jornal"]})
    with pytest.raises(QueryError, match="no system named 'Jornal'; did you mean: Journal"):
        precheck.run(build(), plan, as_of=AS_OF)


def test_planned_from_csv_and_yaml(tmp_path):
    csv = tmp_path / "planned.csv"
    csv.write_text("Namn;Förvaltning;Produkt;Tar emot från;Skickar till\n"
                   "Appify mobil;Förvaltning A;Appify;Journal;Larm\n", encoding="cp1252")
    plan = precheck.load_planned(csv)
    assert (plan.name, plan.organisation, plan.receives_from, plan.sends_to) == (
        "Appify mobil", "Förvaltning A", ["Journal"], ["Larm"])
    yml = tmp_path / "planned.yaml"
    yml.write_text("name: Appify mobil\nreceives_from: [Journal]\nsends_to: Larm; Statistik\n"
                   "information: [Patientuppgifter]\n", encoding="utf-8")
    plan = precheck.load_planned(yml)
    assert plan.sends_to == ["Larm", "Statistik"] and plan.information == ["Patientuppgifter"]
    bad = tmp_path / "two.csv"
    bad.write_text("name\nA\nB\n", encoding="utf-8")
    with pytest.raises(QueryError, match="two.csv: expected a header row and one row"):
        precheck.load_planned(bad)
    odd = tmp_path / "odd.yaml"
    odd.write_text("name: X\ncolour: blue\n", encoding="utf-8")
    with pytest.raises(QueryError, match="unknown field 'colour'"):
        precheck.load_planned(odd)


def test_cli_markdown_and_xlsx_memo(tmp_path):
    snap = tmp_path / "landscape.json"
    snapshot.save(build(), snap)
    args = ["precheck", "-l", str(snap), "--name", "Appify mobil", "--org", "Förvaltning A",
            "--product", "Appify", "--from", "Journal", "--to", "Larm"]
    memo = tmp_path / "memo.md"
    r = CliRunner().invoke(main, [*args, "-o", str(memo)])
    assert r.exit_code == 0, r.output
    text = memo.read_text(encoding="utf-8")
    assert "| inherited confidentiality | K3 (receives data from Journal (K3)) |" in text
    for section in ("## planned integrations", "## inherited classification", "## hubs loaded",
                    "## consolidation", "## partners at risk"):
        assert section in text
    xlsx = tmp_path / "memo.xlsx"
    r = CliRunner().invoke(main, [*args, "-o", str(xlsx)])
    assert r.exit_code == 0, r.output
    import openpyxl

    assert openpyxl.load_workbook(xlsx).sheetnames == [
        "precheck", "planned integrations", "inherited classification", "hubs loaded",
        "consolidation",
        "partners at risk"]
    r = CliRunner().invoke(main, ["precheck", "-l", str(snap), "--name", "X", "--from",
                                  "Jornal"])
    assert r.exit_code == 1 and "did you mean: Journal" in r.stderr
    r = CliRunner().invoke(main, ["precheck", "-l", str(snap), "--from", "Journal"])
    assert r.exit_code == 2 and "name the planned system" in r.stderr


def test_continuity_group_two_hops_away():
    from ea.config import Config

    plan = precheck.planned_from_mapping({"name": "Ny", "receives_from": ["Journal"]})
    cfg = Config({"hubs": {"group_hops": 2}})
    df = precheck.run(build(), plan, as_of=AS_OF, config=cfg)["hubs loaded"]
    assert df[["hub_name", "relation", "through"]].values.tolist() == [
        ["Journal", "loads this hub", "Journal"],  # among hubs' top-ranked, not flagged
        ["Statistik", "joins its continuity group", ["Journal"]]]


@pytest.fixture(scope="module")
def demo_landscape(tmp_path_factory):
    from ea import demo
    from ea.importers import import_files

    files = demo.generate(tmp_path_factory.mktemp("demo") / "demo", size=300, seed=7)
    return import_files(files.paths, imported_at=AS_OF).landscape


def test_partners_at_risk_are_the_whole_landscapes_rows(demo_landscape):
    """The orphan and ageing findings of the partners, run on their neighbourhood, are
    exactly the rows the whole landscape gives them (platforms, inherited roles, vacancies,
    boards, propagated end of life included)."""
    import pandas as pd

    from ea.queries import ageing, orphans

    ls = demo_landscape
    g = ls.integration_graph()
    busiest = sorted(g.degree, key=lambda kv: (-kv[1], kv[0]))
    partners = [busiest[0][0], busiest[5][0], busiest[40][0], busiest[-1][0]]
    platforms = {d["via"] for _u, _v, _k, d in ls.edges("INTEGRATES_WITH") if d.get("via")}
    partners.append(sorted(platforms)[0])
    plan = precheck.Planned(name="Ny", exchanges_with=[ls.node(p)["id"] for p in partners])
    got = precheck.run(ls, plan, as_of=AS_OF, config=None)["partners at risk"]
    keys = set(partners)
    o = orphans.run(ls, as_of=AS_OF)
    a = ageing.run(ls, as_of=AS_OF)
    want = pd.concat([o[o["subject"].isin(keys)].assign(report="orphans"),
                      a[a["subject"].isin(keys)].assign(report="ageing")])
    cols = ["subject", "report", "code", "severity", "reason"]
    assert len(got) > 5
    assert sorted(map(tuple, got[cols].values.tolist())) == \
        sorted(map(tuple, want[cols].values.tolist()))


def build_memo_landscape() -> Landscape:
    """Journal (Förvaltning A through its object Vårddokumentation, K3 T2, criticality 4,
    object owner Cia Holm, business manager Bo Berg, IT manager Anna Ek); Larm (Förvaltning B,
    K1 T3, criticality 3, business manager Dan Lund only); Appify (Förvaltning B, product
    Appify by Appbolaget). No integrations yet, so no hubs."""
    ls = Landscape(meta={"imported_at": "2026-11-25"})
    a = ls.add_organisation("a", name="Förvaltning A", org_kind="förvaltning")
    b = ls.add_organisation("b", name="Förvaltning B", org_kind="förvaltning")
    obj = ls.add_object("vard", name="Vårddokumentation")
    ls.add_edge(OWNED_BY, obj, a)
    journal = ls.add_system("journal", name="Journal", k=3, t=2, criticality=4)
    ls.add_edge(PART_OF, journal, obj)
    larm = ls.add_system("larm", name="Larm", k=1, t=3, criticality=3)
    ls.add_edge(OWNED_BY, larm, b)
    app = ls.add_system("app", name="Appify", product="Appify", vendor="Appbolaget")
    ls.add_edge(OWNED_BY, app, b)
    for pid, name, subject, role in (("cia", "Cia Holm", obj, "object_owner"),
                                     ("bo", "Bo Berg", obj, "business_manager"),
                                     ("anna", "Anna Ek", obj, "it_manager"),
                                     ("dan", "Dan Lund", larm, "business_manager")):
        ls.add_role(ls.add_person(pid, name=name), subject, role)
    return ls


MEMO_EN = (
    '| question | answer |\n'
    '| --- | --- |\n'
    '| planned system | Appify mobil (Appify, Appbolaget) |\n'
    '| organisation | Förvaltning A |\n'
    "| integrations | 2 partner system(s): receives from 1, sends to 1; see 'planned "
    "integrations' for whom to involve |\n"
    '| inherited confidentiality | K3 (receives data from Journal (K3)) |\n'
    '| inherited availability | T3 (Larm (T3) depends on it) |\n'
    '| continuity | loads no ranked hub |\n'
    '| consolidation | Appify (Förvaltning B) |\n'
    '| partners at risk | Larm |\n'
    '\n'
    '## planned integrations\n'
    '\n'
    '| partner | partner_name | direction | organisation | k | t | criticality | object_owner '
    '| business_manager | it_manager | who_must_meet | flags |\n'
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n'
    '| System:journal | Journal | receives data from it | Förvaltning A | 3 | 2 | 4 | Cia Holm '
    '| Bo Berg | Anna Ek | the managers of Appify mobil (to be appointed); Bo Berg (Business '
    'manager, Journal); Anna Ek (IT manager, Journal) |  |\n'
    '| System:larm | Larm | sends data to it | Förvaltning B | 1 | 3 | 3 |  | Dan Lund |  | the '
    'managers of Appify mobil (to be appointed); Dan Lund (Business manager, Larm); Larm has no '
    'it manager: its object owner (none either) must appoint | missing_role |\n'
    '\n'
    '## inherited classification\n'
    '\n'
    '| aspect | level | because | source | source_name |\n'
    '| --- | --- | --- | --- | --- |\n'
    '| K | 3 | receives data from Journal (K3) | System:journal | Journal |\n'
    '| T | 3 | Larm (T3) depends on it | System:larm | Larm |\n'
    '\n'
    '## hubs loaded\n'
    '\n'
    '| hub | hub_name | relation | through | rank | degree | organisations | reason |\n'
    '| --- | --- | --- | --- | --- | --- | --- | --- |\n'
    '\n'
    '## consolidation\n'
    '\n'
    '| subject | name | code | organisation | vendor | product | version | status | reason |\n'
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n'
    '| System:app | Appify | DUPLICATE_PRODUCT | Förvaltning B | Appbolaget | Appify |  |  | runs '
    'the same product (Appify), registered by Förvaltning B |\n'
    '\n'
    '## partners at risk\n'
    '\n'
    '| subject | name | code | severity | reason | report |\n'
    '| --- | --- | --- | --- | --- | --- |\n'
    '| System:larm | Larm | missing_role | high | no object owner | orphans |\n'
    '| System:larm | Larm | missing_role | high | no it manager | orphans |\n'
)
MEMO_SV = (
    '| Fråga | Svar |\n'
    '| --- | --- |\n'
    '| planerat system | Appify mobil (Appify, Appbolaget) |\n'
    '| organisation | Förvaltning A |\n'
    '| integrationer | 2 partnersystem: tar emot data från 1, skickar data till 1; se Planerade '
    'integrationer för vilka som ska involveras |\n'
    '| ärvd konfidentialitet | K3 (tar emot data från Journal (K3)) |\n'
    '| ärvd tillgänglighet | T3 (Larm (T3) är beroende av det) |\n'
    '| kontinuitet | belastar inget rankat nav |\n'
    '| konsolidering | Appify (Förvaltning B) |\n'
    '| partner utan ägare eller som åldras | Larm |\n'
    '\n'
    '## Planerade integrationer: vilka som ska involveras\n'
    '\n'
    '| Partnernyckel | Partner | Riktning | Organisation | K | T | Verksamhetskritikalitet | '
    'Objektägare | Förvaltningsledare verksamhet | Förvaltningsledare IT | Vem som ska träffas | '
    'Flaggor |\n'
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n'
    '| System:journal | Journal | tar emot data därifrån | Förvaltning A | 3 | 2 | 4 | Cia Holm '
    '| Bo Berg | Anna Ek | förvaltarna av Appify mobil (ska utses); Bo Berg (förvaltningsledare '
    'verksamhet, Journal); Anna Ek (förvaltningsledare IT, Journal) |  |\n'
    '| System:larm | Larm | skickar data dit | Förvaltning B | 1 | 3 | 3 |  | Dan Lund |  | '
    'förvaltarna av Appify mobil (ska utses); Dan Lund (förvaltningsledare verksamhet, Larm); '
    'Larm har ingen förvaltningsledare IT: dess objektägare (saknas också) måste utse någon | '
    'Obligatorisk roll saknas |\n'
    '\n'
    '## Ärvd klassning\n'
    '\n'
    '| Aspekt | Nivå | Därför att | Källa | Källans namn |\n'
    '| --- | --- | --- | --- | --- |\n'
    '| K | 3 | tar emot data från Journal (K3) | System:journal | Journal |\n'
    '| T | 3 | Larm (T3) är beroende av det | System:larm | Larm |\n'
    '\n'
    '## Nav det belastar, kontinuitetsgrupper det ingår i\n'
    '\n'
    '| Navnyckel | Nav | Relation | Genom | Rang | Grad | Organisationer | Varför |\n'
    '| --- | --- | --- | --- | --- | --- | --- | --- |\n'
    '\n'
    '## Redan registrerat: konsolidera före inköp\n'
    '\n'
    '| Nyckel | Namn | Avvikelse | Organisation | Leverantör | Produkt | Version | Status | '
    'Varför |\n'
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n'
    '| System:app | Appify | Samma produkt flera gånger | Förvaltning B | Appbolaget | Appify |  '
    '|  | kör samma produkt (Appify), registrerat av Förvaltning B |\n'
    '\n'
    '## Partner utan ägare eller som åldras\n'
    '\n'
    '| Nyckel | Namn | Avvikelse | Allvarlighet | Varför | Rapport |\n'
    '| --- | --- | --- | --- | --- | --- |\n'
    '| System:larm | Larm | Obligatorisk roll saknas | hög | ingen objektägare | ägarlöshet |\n'
    '| System:larm | Larm | Obligatorisk roll saknas | hög | ingen förvaltningsledare IT | '
    'ägarlöshet |\n'
)


@pytest.mark.parametrize("lang, memo", [("en", MEMO_EN), ("sv", MEMO_SV)])
def test_decision_memo_exact_in_both_languages(tmp_path, lang, memo):
    """A planned system that receives K3 data (from Journal) and serves a T3 system (Larm):
    the whole Markdown memo, word for word, in English and with --lang sv."""
    snap = tmp_path / "landscape.json"
    snapshot.save(build_memo_landscape(), snap)
    out = tmp_path / f"memo.{lang}.md"
    r = CliRunner().invoke(main, [
        "precheck", "-l", str(snap), "--name", "Appify mobil", "--org", "Förvaltning A",
        "--product", "Appify", "--vendor", "Appbolaget", "--from", "Journal", "--to", "Larm",
        "--as-of", "2026-11-25", "--lang", lang, "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert out.read_text(encoding="utf-8") == memo


def test_swedish_sheets_and_every_sentence_read():
    """xlsx sheet names in Swedish, and every sentence precheck writes (a hub it loads, both
    directions, a consolidation by name, information it processes, no organisation) has a
    Swedish template: nothing of the memo stays English but names."""
    from ea import i18n

    assert [i18n.sheet("sv", s) for s in (
        "precheck", "planned integrations", "inherited classification", "hubs loaded",
        "consolidation", "partners at risk")] == [
        "Förhandskontroll", "Planerade integrationer", "Ärvd klassning", "Nav som belastas",
        "Konsolidering", "Partner utan ägare eller åldras"]
    plan = precheck.planned_from_mapping({"name": "Journal 2", "exchanges_with": ["Statistik"],
                                          "information": ["Patientuppgifter"]})
    tables = precheck.run(build(), plan, as_of=AS_OF)
    sv = {k: i18n.translate(v, "sv") for k, v in tables.items()}
    assert sv["precheck"].values.tolist() == [
        ["planerat system", "Journal 2"], ["organisation", "inte angiven"],
        ["integrationer", "1 partnersystem: tar emot data från 1, skickar data till 1; se "
                          "Planerade integrationer för vilka som ska involveras"],
        ["ärvd konfidentialitet", "K3 (behandlar Patientuppgifter (K3))"],
        ["ärvd tillgänglighet", "T1 (Statistik (T1) är beroende av det)"],
        ["kontinuitet", "Statistik: belastar navet och ingår i dess kontinuitetsgrupp"],
        ["konsolidering", "Journal (Förvaltning A)"],
        ["partner utan ägare eller som åldras", "Statistik"]]
    integ = sv["planned integrations"].iloc[0]
    assert integ["direction"] == "utbyter data i båda riktningarna"
    assert integ["who_must_meet"] == [
        "förvaltarna av Journal 2 (ska utses)",
        "Statistik har ingen förvaltningsledare verksamhet och ingen förvaltningsledare IT: "
        "dess objektägare (saknas också) måste utse någon"]
    assert integ["flags"] == ["Beroende system når slut på livslängd",
                              "Inget förvaltningsobjekt och inga roller",
                              "nav som kräver gemensam kontinuitetsplanering"]
    assert sv["hubs loaded"]["relation"].tolist() == [
        "belastar navet och ingår i dess kontinuitetsgrupp"]
    assert sv["consolidation"]["reason"].tolist() == [
        "nästan samma namn som 'Journal 2', registrerat av Förvaltning A"]
