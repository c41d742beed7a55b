"""The tabular importer on exports in every form real regions produce.

Every test asserts the ledger's accounting: rows in = imported + merged + rejected, per file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ea import schema
from ea.config import Config
from ea.errors import InputError
from ea.importers import import_files
from ea.store import snapshot
from tests import exports as X

AS_OF = dt.date(2026, 11, 25)


def counts(ledger) -> dict:
    return {f.label: (f.rows, f.imported, f.merged, f.rejected) for f in ledger.files}


def entries(ledger, kind: str) -> list:
    return [e for e in ledger.entries if e.kind == kind]


@pytest.fixture(scope="module")
def region(tmp_path_factory):
    files = X.all_exports(tmp_path_factory.mktemp("region"))
    return import_files(files, imported_at=AS_OF), files


def test_every_row_is_accounted_for(region):
    result, _ = region
    assert result.ledger.check() == []
    assert counts(result.ledger) == {
        "systemforteckning.xlsx[Systemförteckning]": (5, 4, 0, 1),
        "systemforteckning.xlsx[Nationella tjänster]": (2, 2, 0, 0),
        "systemforteckning.xlsx[Instruktioner]": (2, 0, 0, 0),  # + 2 skipped
        "integrationer.csv": (5, 3, 0, 2),
        "roller.csv": (3, 2, 1, 0),
        "personal.tsv": (6, 5, 0, 1),
        "lisa.xlsx[Klassning]": (5, 1, 4, 0),
    }
    for f in result.ledger.files:
        assert f.rows == f.imported + f.merged + f.rejected + f.skipped
    # rows of a sheet that holds no landscape data are skipped, not rejected: the rejected
    # count is the rows in the rejected CSV
    assert {f.label: f.skipped for f in result.ledger.files if f.skipped} == {
        "systemforteckning.xlsx[Instruktioner]": 2}
    assert sum(f.rejected for f in result.ledger.files) == len(
        {(e.file, e.sheet, e.line) for e in entries(result.ledger, "rejected")}) == 4


def test_record_types_recognised_from_headers(region):
    result, _ = region
    types = {f.label: f.record_types for f in result.ledger.files}
    assert types["systemforteckning.xlsx[Systemförteckning]"] == [
        "systems", "dependencies", "roles", "classification"]
    assert types["integrationer.csv"] == ["integrations"]
    assert types["roller.csv"] == ["roles"]
    assert types["personal.tsv"] == ["people"]
    assert types["lisa.xlsx[Klassning]"] == ["classification"]
    assert types["systemforteckning.xlsx[Instruktioner]"] == []


def test_encodings_and_delimiters_detected(tmp_path):
    from ea.importers.reader import read_tables

    score = lambda row: 2  # noqa: E731 - the header is the first row
    cp = read_tables(X.integrations_cp1252(tmp_path / "i.csv"), score)[0]
    assert (cp.encoding, cp.delimiter) == ("cp1252", ";")
    assert cp.rows[0][1][5] == "Lönetransaktioner"
    bom = read_tables(X.roles_bom(tmp_path / "r.csv"), score)[0]
    assert (bom.encoding, bom.delimiter) == ("utf-8-bom", ";")
    assert bom.headers[0] == "Förvaltningsobjekt"
    tab = read_tables(X.people_tab(tmp_path / "p.tsv"), score)[0]
    assert (tab.encoding, tab.delimiter) == ("utf-8", "\t")


def test_question_headers_and_trailing_spaces(region):
    result, _ = region
    cols = next(f for f in result.ledger.files if f.sheet == "Systemförteckning").columns
    # cells are trimmed on reading; the header matched with its trailing space
    assert cols["Var i systemets livscykel befinner sig systemet?"] == "status"
    assert cols["Har riskanalys genomförts under det senaste året?"] == "risk_assessed_at"
    assert cols["Avtalstiden löper ut datum"] == "contract_end"
    assert cols["Systemägare"] == "role:object_owner"


def test_title_row_above_header_is_skipped_and_reported(region):
    result, _ = region
    f = next(f for f in result.ledger.files if f.sheet == "Systemförteckning")
    assert f.header_line == 3
    skipped = [e for e in entries(result.ledger, "skipped") if e.sheet == "Systemförteckning"]
    assert [(e.line, e.reason) for e in skipped] == [(1, "title row above the header row")]


def test_dates_in_every_form(region):
    ls = region[0].landscape
    r = ls.node("System:S1")
    assert r["in_service_from"] == "2014-06-01" and r["raw"]["in_service_from"] == "201406"
    assert "phase_out_from" not in r and r["raw"]["phase_out_from"] == "9999"
    assert r["end_of_support"] == "2027-03-31"  # a real Excel date cell
    assert "contract_end" not in r
    assert r["raw"]["contract_end"] == "Löpande - uppsägningstid på 3-12 månader"
    h = ls.node("System:S2")
    assert h["in_service_from"] == "2009-01-01"  # bare year
    assert h["contract_end"] == "2026-12-31" and h["raw"]["contract_end"] == "46387"  # serial
    assert h["end_of_support"] == "2026-06-30"  # ISO text


def test_vocabularies_mapped(region):
    ls = region[0].landscape
    assert ls.node("System:S1")["status"] == "active"
    assert ls.node("System:S3")["status"] == "phasing_out"
    assert [ls.node(f"System:S{i}")["criticality"] for i in (1, 2, 3, 4)] == [4, 3, 1, 4]
    assert ls.node("System:S1")["risk_assessed"] is True
    assert ls.node("System:S2")["risk_assessed"] is False
    assert "risk_assessed" not in ls.node("System:S3")  # "-" is unknown, not false
    assert ls.node("System:N1")["external"] is True


def test_names_with_commas_and_parentheses_resolve(region):
    ls = region[0].landscape
    trimbel = ls.find_systems(X.TRIMBEL)
    assert trimbel == ["System:S3"]
    g = ls.integration_graph()
    # Trimbel "Beroende till: Raindance" and Raindance "Beroende från: Trimbel": Trimbel
    # supplies Raindance (S3 -> S1), recorded at both ends
    assert g.has_edge("System:S3", "System:S1") and not g.has_edge("System:S1", "System:S3")
    assert g["System:S3"]["System:S1"]["types"] == ["file"]
    assert not [k for k, d in ls.nodes(schema.SYSTEM) if d.get("name", "").startswith("TCN")]


def test_several_owners_in_one_cell(region):
    ls = region[0].landscape
    owners = sorted(ls.node(r["person"]).get("email") for r in ls.roles_of("System:S1")
                    if r["role"] == "object_owner")
    assert owners == ["anna.berg@testland.se", "bo.ek@testland.se"]
    owners = sorted(ls.node(r["person"]).get("email") for r in ls.roles_of("System:S2")
                    if r["role"] == "object_owner")
    assert owners == ["carl.dahl@testland.se", "dan.ek@testland.se"]


def test_roles_inherited_vacant_and_people_linked(region):
    ls = region[0].landscape
    roles = {(r["role"], ls.name(r["person"]), ls.name(r["inherited_from"]) if
              r["inherited_from"] else None) for r in ls.roles_of("System:S1")}
    assert ("it_manager", "Ivar Jonsson", "Ekonomi") in roles
    assert ("business_manager", "Gustav Holm", "Ekonomi") in roles
    # the role cell had only an e-mail; the HR list linked it to the same person
    assert ls.node("Person:ivar.jonsson@testland.se")["active"] is False
    # the role cell had only a name; the HR list gave the e-mail
    assert ls.find_systems("x") == []
    eva = [r["person"] for r in ls.roles_of("Object:ekonomi") if r["role"] == "object_owner"]
    assert eva == ["Person:eva.falk@testland.se"]
    hr = ls.node("Object:hr")
    assert [(v["role"], v["raw"]) for v in hr["vacant_roles"]] == [("business_manager", "Vakant")]
    assert [(v["role"], v["raw"]) for v in ls.node("System:S3")["vacant_roles"]] == [
        ("object_owner", "Vakant")]
    assert ls.meta["people_lists"] == ["personal.tsv"]


def test_unresolved_references_become_flagged_placeholders(region):
    result, _ = region
    ls = result.landscape
    placeholders = sorted(d["name"] for _, d in ls.nodes(schema.SYSTEM) if d.get("placeholder"))
    assert placeholders == ["BizTalk", "Journalsystem X", "Okänt system", "Take Care"]
    unresolved = sorted((e.file, e.line, e.value) for e in entries(result.ledger, "unresolved"))
    assert unresolved == [
        ("integrationer.csv", 2, "BizTalk"),
        ("integrationer.csv", 6, "Take Care"),
        ("lisa.xlsx", 6, "Journalsystem X"),
        ("systemforteckning.xlsx", 6, "Okänt system"),
        ("systemforteckning.xlsx", 7, "Take Care"),
    ]
    # the integration through the unknown platform is kept, paired producer -> consumer
    e = ls.graph.edges["System:S2", "System:S1", "INTEGRATES_WITH|via=System:biztalk"]
    assert e["type"] == "file" and e["information"] == ["Lönetransaktioner"]


def test_near_miss_names_are_suggested_never_merged(region):
    result, _ = region
    ls = result.landscape
    assert ls.find_systems("Take Care") == ["System:take-care"]
    assert ls.find_systems("TakeCare") == ["System:S4"]
    sugg = entries(result.ledger, "suggestion")
    assert [e.value for e in sugg] == ["Take Care | TakeCare"]
    unresolved = [e for e in entries(result.ledger, "unresolved") if e.value == "Take Care"]
    assert all("did you mean 'TakeCare'" in e.reason for e in unresolved)


def test_system_aliases_in_config_accept_a_suggestion(tmp_path):
    files = X.all_exports(tmp_path)
    cfg = Config({"system_aliases": {"Take Care": "TakeCare"}})
    ls = import_files(files, cfg, imported_at=AS_OF).landscape
    assert ls.find_systems("Take Care") == []
    assert ls.integration_graph().has_edge("System:S4", "System:S1")


def test_dependency_on_both_ends_is_one_integration(region):
    result, _ = region
    ls = result.landscape
    # Raindance "Beroende till: Heroma" and Heroma "Beroende från: Raindance" -> one edge
    # Raindance -> Heroma (row -> listed under till; listed -> row under från)
    e = ls.graph.edges["System:S1", "System:S2", "INTEGRATES_WITH"]
    assert sorted(e["recorded_by"]) == ["source", "target"]
    assert len(e["sources"]) == 2
    # ... but they disagree on the type: reported, both values kept
    dis = entries(result.ledger, "disagreement")
    assert len(dis) == 1 and "type of Raindance -> Heroma" in dis[0].reason
    assert [v["value"] for v in e["conflicts"][0]["values"]] == ["api", "file"]


def test_one_sided_dependency_reported(region):
    result, _ = region
    one = entries(result.ledger, "one_sided")
    # TakeCare "Beroende till: Raindance" is TakeCare -> Raindance; Raindance's
    # "Beroende från" does not name TakeCare
    assert [e.subject for e in one] == ["System:S4 -> System:S1"]
    assert one[0].reason == ("TakeCare -> Raindance is recorded by TakeCare only; Raindance "
                             "does not list it under 'Beroende från'")


def test_classification_by_name_digit_and_combined_cell(region):
    result, _ = region
    ls = result.landscape
    r, h, t = (ls.node(f"System:S{i}") for i in (1, 2, 4))
    assert (r["k"], r["r"], r["t"], r["s"], r["classification_scale"]) == (2, 3, 3, 1, "names")
    assert r["raw"]["k"] == "Betydande"
    assert (h["k"], h["r"], h["t"], h["s"], h["classification_scale"]) == (2, 3, 3, 1,
                                                                           "0-4 (assumed)")
    assert (t["k"], t["r"], t["t"]) == (2, 3, 3)
    assert (r["mtpd_hours"], r["rto_hours"], r["continuity_plan"]) == (24.0, 4.0, True)
    assert r["classified_at"] == "2025-03-01" and r["risk_assessed_at"] == "2025-02-01"
    assert ls.node("Object:ekonomi")["k"] == 1  # the register also classifies objects
    warn = [e for e in entries(result.ledger, "warning") if "digits only" in e.reason]
    assert len(warn) == 1 and warn[0].file == "lisa.xlsx"


def test_configured_scale_is_used(tmp_path):
    files = X.all_exports(tmp_path)
    ls = import_files(files, Config({"classification_scale": "1-4"}),
                      imported_at=AS_OF).landscape
    h = ls.node("System:S2")
    assert (h["k"], h["r"], h["t"], h["s"]) == (1, 2, 2, 0)
    assert h["classification_scale"] == "1-4 (config)"


def test_rejected_rows_have_file_line_and_reason(region):
    result, _ = region
    rej = sorted((e.file, e.sheet, e.line, e.reason) for e in entries(result.ledger, "rejected"))
    assert rej == [
        ("integrationer.csv", None, 4, "integration from 'Raindance' to itself"),
        ("integrationer.csv", None, 5, "no target system"),
        ("personal.tsv", None, 7, "no name or e-mail for the person"),
        ("systemforteckning.xlsx", "Systemförteckning", 8, "no system name or id"),
    ]  # the Instruktioner sheet's rows are skipped (see test_every_row_is_accounted_for)


def test_unmapped_columns_are_kept_as_extra_data(region):
    ls = region[0].landscape
    assert ls.node("System:S1")["extra"] == {"Anteckning": "Se avtal nr 2019-44"}


def test_conflicting_sources_keep_both_values(tmp_path):
    a = X.write_csv(tmp_path / "a.csv", [["System-ID", "Systemnamn", "Leverantör"],
                                          ["S1", "Raindance", "CGI"]])
    b = X.write_csv(tmp_path / "b.csv", [["System-ID", "Systemnamn", "Leverantör"],
                                          ["S1", "Raindance", "Unit4"]])
    result = import_files([a, b], imported_at=AS_OF)
    d = result.landscape.node("System:S1")
    assert d["vendor"] == "CGI"
    assert d["conflicts"] == [{"field": "vendor", "values": [
        {"value": "CGI", "source": "a.csv:2", "raw": None},
        {"value": "Unit4", "source": "b.csv:2", "raw": None}]}]
    assert counts(result.ledger) == {"a.csv": (1, 1, 0, 0), "b.csv": (1, 0, 1, 0)}
    conf = entries(result.ledger, "conflict")
    assert len(conf) == 1 and (conf[0].file, conf[0].line, conf[0].column) == ("b.csv", 2, "vendor")


def test_file_order_does_not_matter(tmp_path):
    files = X.all_exports(tmp_path)
    one = import_files(files, imported_at=AS_OF).landscape
    two = import_files(list(reversed(files)), imported_at=AS_OF).landscape
    assert sorted(one.graph.nodes) == sorted(two.graph.nodes)
    assert sorted(one.graph.edges(keys=True)) == sorted(two.graph.edges(keys=True))


def test_same_files_twice_give_the_same_snapshot(tmp_path):
    files = X.all_exports(tmp_path)
    a = snapshot.dumps(import_files(files, imported_at=AS_OF).landscape)
    b = snapshot.dumps(import_files(files, imported_at=AS_OF).landscape)
    assert a == b


def test_snapshot_round_trip(region, tmp_path):
    ls = region[0].landscape
    path = snapshot.save(ls, tmp_path / "landscape.json")
    back = snapshot.load(path)
    assert snapshot.dumps(back) == snapshot.dumps(ls)
    snapshot.save(back, path)
    assert (tmp_path / "landscape.json.bak").exists()


def test_unmappable_headers_give_one_clear_error(tmp_path):
    f = X.write_csv(tmp_path / "konstig.csv", [["Foo", "Bar", "Systemnam"], ["1", "2", "3"]])
    with pytest.raises(InputError) as exc:
        import_files([f])
    msg = str(exc.value)
    assert msg.startswith("konstig.csv:1: cannot tell what this holds from its headers (Foo, Bar, Systemnam)")
    assert "systemnamn" in msg and "\n" not in msg


def test_undecodable_and_binary_files(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes("Systemnamn;Leverantör\nA;B\n".encode() + b"\x81\x8d\x90;x\n")
    with pytest.raises(InputError, match=r"bad.csv:3: cannot decode"):
        import_files([bad])
    binary = tmp_path / "bin.csv"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(InputError, match="binary data"):
        import_files([binary])
    fake = tmp_path / "fake.xlsx"
    fake.write_text("not a workbook")
    with pytest.raises(InputError, match="not a valid .xlsx"):
        import_files([fake])
    with pytest.raises(InputError, match="unknown file format '.pdf'"):
        (tmp_path / "x.pdf").write_text("x")
        import_files([tmp_path / "x.pdf"])


def test_header_aliases_from_config(tmp_path):
    f = X.write_csv(tmp_path / "egen.csv", [["Tjänstenamn", "Ansvarig chef", "Leverantör"],
                                             ["Raindance", "Eva Falk", "CGI"]])
    cfg = Config({"header_aliases": {"name": ["Tjänstenamn"], "object_owner": ["Ansvarig chef"]}})
    result = import_files([f], cfg, imported_at=AS_OF)
    ls = result.landscape
    assert result.ledger.files[0].record_types == ["systems", "roles"]
    assert [r["role"] for r in ls.roles_of(ls.find_systems("Raindance")[0])] == ["object_owner"]


def test_long_role_list(tmp_path):
    f = X.write_csv(tmp_path / "roller_lang.csv", [
        ["Förvaltningsobjekt", "Roll", "Namn", "E-post"],
        ["Ekonomi", "Objektägare", "Eva Falk", "eva.falk@testland.se"],
        ["Ekonomi", "Förvaltningsledare IT", "", ""],
        ["Ekonomi", "Kaffeansvarig", "Bo Ek", ""],
    ])
    result = import_files([f], imported_at=AS_OF)
    ls = result.landscape
    assert [r["role"] for r in ls.roles_of("Object:ekonomi")] == ["object_owner"]
    assert [v["role"] for v in ls.node("Object:ekonomi")["vacant_roles"]] == ["it_manager"]
    assert counts(result.ledger) == {"roller_lang.csv": (3, 2, 0, 1)}
    assert "unknown role title 'Kaffeansvarig'" in entries(result.ledger, "rejected")[0].reason


def test_role_headers_keep_their_it_qualifier():
    from ea.importers.headers import HeaderMatcher

    m = HeaderMatcher()
    assert m.match("Förvaltningsledare (IT)") == "role:it_manager"
    assert m.match("Objektägare (IT)") == "role:object_owner_it"
    assert m.match("RTO (timmar)") == "rto"
    assert m.role_from_title("Förvaltningsledare (IT)") == "it_manager"


def test_hr_export_with_status_column_is_a_people_list(tmp_path):
    f = X.write_csv(tmp_path / "hr.csv", [["Namn", "E-post", "Status"],
                                           ["Eva Falk", "eva.falk@testland.se", "Aktiv"],
                                           ["Bo Ek", "bo.ek@testland.se", "Avslutad"]])
    result = import_files([f], imported_at=AS_OF)
    assert result.ledger.files[0].record_types == ["people"]
    ls = result.landscape
    assert ls.count(schema.SYSTEM) == 0
    assert ls.node("Person:bo.ek@testland.se")["active"] is False


def test_long_role_list_keyed_by_system(tmp_path):
    inv = X.write_csv(tmp_path / "inv.csv", [["Systemnamn", "Leverantör"], ["Raindance", "CGI"]])
    f = X.write_csv(tmp_path / "roller.csv", [["System", "Roll", "Person", "E-post"],
                                               ["Raindance", "Objektägare", "Eva Falk", ""],
                                               ["Raindance", "Förvaltningsledare (IT)", "",
                                                "bo.ek@testland.se"]])
    result = import_files([inv, f], imported_at=AS_OF)
    ls = result.landscape
    roles = {(r["role"], ls.name(r["person"])) for r in ls.roles_of("System:raindance")}
    assert roles == {("object_owner", "Eva Falk"), ("it_manager", "bo.ek@testland.se")}
    assert counts(result.ledger)["roller.csv"] == (2, 2, 0, 0)


def test_same_name_in_two_organisations_without_organisation_is_ambiguous(tmp_path):
    a = X.write_csv(tmp_path / "a.csv", [["Systemnamn", "Förvaltning"],
                                          ["Raindance", "Socialförvaltningen"],
                                          ["Raindance", "Tekniska förvaltningen"]])
    b = X.write_csv(tmp_path / "b.csv", [["Systemnamn", "Leverantör"], ["Raindance", "Unit4"]])
    result = import_files([a, b], imported_at=AS_OF)
    assert counts(result.ledger)["b.csv"] == (1, 0, 0, 1)
    amb = entries(result.ledger, "ambiguous")
    assert len(amb) == 1 and "registered by 2 organisations" in amb[0].reason
    assert not any(d.get("vendor") for _, d in result.landscape.nodes(schema.SYSTEM))


def test_conflicting_integration_rows_are_in_the_ledger(tmp_path):
    inv = X.write_csv(tmp_path / "inv.csv", [["Systemnamn", "Leverantör"], ["Heroma", "CGI"],
                                              ["Raindance", "CGI"]])
    a = X.write_csv(tmp_path / "a.csv", [["Från system", "Till system", "Integrationstyp"],
                                          ["Heroma", "Raindance", "Fil"]])
    b = X.write_csv(tmp_path / "b.csv", [["Från system", "Till system", "Integrationstyp"],
                                          ["Heroma", "Raindance", "API"]])
    result = import_files([inv, a, b], imported_at=AS_OF)
    conf = entries(result.ledger, "conflict")
    assert [(e.file, e.line, e.column) for e in conf] == [("b.csv", 2, "type")]


def test_object_classification_keeps_every_value(tmp_path):
    f = X.write_csv(tmp_path / "lisa.csv", [
        ["Förvaltningsobjekt", "Konfidentialitet", "Klassad av", "SLA", "Kontinuitetsplan"],
        ["Ekonomi", "Betydande", "Eva Falk", "Guld", "2025-05-01"]])
    result = import_files([f], imported_at=AS_OF)
    o = result.landscape.node("Object:ekonomi")
    assert (o["k"], o["classified_by"], o["sla"], o["continuity_plan"],
            o["continuity_plan_at"]) == (2, "Eva Falk", "Guld", True, "2025-05-01")
    assert entries(result.ledger, "warning") == []


def test_digit_only_combined_cells_say_the_scale_was_assumed(tmp_path):
    inv = X.write_csv(tmp_path / "inv.csv", [["Systemnamn", "Leverantör"], ["Raindance", "CGI"]])
    f = X.write_csv(tmp_path / "k.csv", [["System", "KRT"], ["Raindance", "2-3-3"]])
    result = import_files([inv, f], imported_at=AS_OF)
    d = result.landscape.node("System:raindance")
    assert (d["k"], d["r"], d["t"], d["classification_scale"]) == (2, 3, 3, "0-4 (assumed)")
    assert [e.column for e in entries(result.ledger, "warning")] == ["KRT"]


def test_snapshot_streamed_and_plain_json_reads_agree(region, tmp_path):
    import json

    ls = region[0].landscape
    path = snapshot.save(ls, tmp_path / "s.json")
    streamed = snapshot.load(path)
    plain = snapshot.from_dict(json.loads(path.read_text(encoding="utf-8")))
    assert snapshot.dumps(streamed) == snapshot.dumps(plain) == snapshot.dumps(ls)
    # any valid JSON layout of a snapshot still loads
    pretty = tmp_path / "pretty.json"
    pretty.write_text(json.dumps(snapshot.to_dict(ls), indent=2, ensure_ascii=False))
    assert snapshot.dumps(snapshot.load(pretty)) == snapshot.dumps(ls)


# ----------------------------------------------------------------------------- issue 12: 3, 4
QUESTION_REGISTER = [
    ["Systemnamn", "Var i livscykeln är systemet?", "Livscykel", "Leverantör finns i Sverige?",
     "Leverantörens namn", "Leverantör",
     "Har riskanalys genomförts under det senaste året?",
     "Har informationssäkerhetsklassning genomförts under det senaste året?",
     "Vid avbrott hos leverantör", "IT-bedömning", "Verksamhetsbedömning", "Avvecklingsår",
     "Avvecklat år", "Aktiva användare", "Tillgänglighet", "", "Övrigt"],
    ["Alfa", "Förvaltning", "I drift", "Ja", "Nordsys AB", "", "Ja", "Ja",
     "Dokumenterad kontinuitetsplan finns för leverantörsavbrott", "Avveckling", "Behålla",
     "2027", "", "120", "3", "rum 12", "x"],
    ["Beta", "", "I drift", "Nej", "Softtech", "", "Nej", "Vet ej", "Kontinuitetsplan saknas",
     "Behålla", "Avveckling", "", "2024", "35", "3", "", ""],
    ["Gamma", "", "I drift", "Ja", "Nordsys AB", "", "Ja", "Ja", "Ja", "Utveckla", "",
     "", "", "ca 40", "2", "", ""],
    ["Delta", "", "Under avveckling", "Ja", "Medtek", "", "2025-03-01", "Delvis",
     "Vi ringer leverantören", "", "", "Q3 2026", "", "", "3", "", ""],
    ["Epsilon", "", "I drift", "Vet ej", "Softtech", "", "Ja", "Nej", "", "", "", "", "", "",
     "1", "", ""],
]


def test_competing_columns_exact_alias_values_and_yes_no(tmp_path):
    """Issue 12 point 3: which column fills a field, and why, in the ledger and summary."""
    f = X.write_csv(tmp_path / "register.csv", QUESTION_REGISTER)
    result = import_files([f], imported_at=AS_OF)
    led, ls = result.ledger, result.landscape
    assert counts(led) == {"register.csv": (5, 5, 0, 0)}
    stats = led.files[0]
    used = {v: k for k, v in stats.columns.items()}
    # an exact alias beats a keyword match (both have values), a column with values beats
    # an empty exact alias, a Ja/Nej column never fills the vendor
    assert used["status"] == "Livscykel"
    assert used["vendor"] == "Leverantörens namn"
    assert {n: ls.node(f"System:{n.lower()}").get("vendor")
            for n in ("Alfa", "Beta", "Gamma", "Delta", "Epsilon")} == {
        "Alfa": "Nordsys AB", "Beta": "Softtech", "Gamma": "Nordsys AB", "Delta": "Medtek",
        "Epsilon": "Softtech"}
    why = {e.column: e.reason for e in entries(led, "unmapped_column")}
    assert why["Leverantör finns i Sverige?"].startswith(
        "column 'Leverantör finns i Sverige?' holds Ja/Nej answers (5 values), not vendor text")
    assert why["Leverantör"] == (
        "column 'Leverantör' also maps to vendor (exact alias, 0 values); 'Leverantörens namn' "
        "is used (keyword match, 5 values) (values kept as extra data on each system)")
    assert why["Var i livscykeln är systemet?"].startswith(
        "column 'Var i livscykeln är systemet?' also maps to status (keyword match, 1 values);"
        " 'Livscykel' is used (exact alias, 5 values)")
    # the blank header cell is a named column, kept as extra data
    assert ls.node("System:alfa")["extra"] == {
        "Var i livscykeln är systemet?": "Förvaltning", "Leverantör finns i Sverige?": "Ja",
        "(column 16)": "rum 12", "Övrigt": "x"}
    assert stats.not_used == ["Var i livscykeln är systemet?", "Leverantör finns i Sverige?",
                              "Leverantör", "(column 16)", "Övrigt"]
    assert led.summary_lines()[0] == (
        "Not used: register.csv: 'Var i livscykeln är systemet?', 'Leverantör finns i "
        "Sverige?', 'Leverantör', '(column 16)', 'Övrigt' (kept as extra data).")
    assert stats.notes == ["'Avvecklat år' also maps to phase_out_from; read where "
                           "'Avvecklingsår' is empty"]


def test_answers_in_question_columns_feed_their_facts(tmp_path):
    """Issue 12 point 4: Ja to "... under det senaste året?" is an assessment within the
    year before the as-of date, and quality counts it."""
    from ea.queries import quality

    f = X.write_csv(tmp_path / "register.csv", QUESTION_REGISTER)
    result = import_files([f], imported_at=AS_OF)
    ls = result.landscape
    got = {n: {k: ls.node(f"System:{n.lower()}").get(k) for k in (
        "risk_assessed", "risk_assessed_since", "risk_assessed_at", "classified",
        "classified_since", "continuity_plan", "retirement_intended", "phase_out_from",
        "user_count")} for n in ("Alfa", "Beta", "Gamma", "Delta", "Epsilon")}
    assert got == {
        "Alfa": {"risk_assessed": True, "risk_assessed_since": "2025-11-25",
                 "risk_assessed_at": None, "classified": True,
                 "classified_since": "2025-11-25", "continuity_plan": True,
                 "retirement_intended": True, "phase_out_from": "2027-01-01", "user_count": 120},
        "Beta": {"risk_assessed": False, "risk_assessed_since": None, "risk_assessed_at": None,
                 "classified": None, "classified_since": None, "continuity_plan": False,
                 "retirement_intended": True, "phase_out_from": "2024-01-01", "user_count": 35},
        "Gamma": {"risk_assessed": True, "risk_assessed_since": "2025-11-25",
                  "risk_assessed_at": None, "classified": True,
                  "classified_since": "2025-11-25", "continuity_plan": True,
                  "retirement_intended": None, "phase_out_from": None, "user_count": None},
        "Delta": {"risk_assessed": None, "risk_assessed_since": None,
                  "risk_assessed_at": "2025-03-01", "classified": None,
                  "classified_since": None, "continuity_plan": None,
                  "retirement_intended": None, "phase_out_from": "2026-07-01",
                  "user_count": None},
        "Epsilon": {"risk_assessed": True, "risk_assessed_since": "2025-11-25",
                    "risk_assessed_at": None, "classified": False, "classified_since": None,
                    "continuity_plan": None, "retirement_intended": None,
                    "phase_out_from": None, "user_count": None},
    }
    alfa, beta = ls.node("System:alfa"), ls.node("System:beta")
    assert alfa["raw"]["retirement_intended"] == "IT-bedömning: Avveckling"
    assert alfa["field_sources"]["retirement_intended"] == "register.csv:2"
    assert beta["raw"]["retirement_intended"] == "Verksamhetsbedömning: Avveckling"
    assert (alfa["it_assessment"], beta["business_assessment"]) == ("Avveckling", "Avveckling")
    assert ls.node("System:gamma")["raw"]["user_count"] == "ca 40"
    warned = {(e.line, e.column) for e in entries(result.ledger, "warning")}
    assert warned == {(5, "Vid avbrott hos leverantör"), (1, "Tillgänglighet")}  # + scale
    r = quality.rollup(ls, as_of=AS_OF).set_index("rule")
    assert (r.loc["risk_analysis_fresh", "subjects"], r.loc["risk_analysis_fresh", "passed"]) \
        == (5, 3)
    assert r.loc["classification_fresh", "passed"] == 2
    # a year later the same answers are stale
    later = quality.rollup(ls, as_of=dt.date(2026, 12, 1)).set_index("rule")
    assert later.loc["risk_analysis_fresh", "passed"] == 0


# ----------------------------------------------------------------------------- issue 14: 1, 2
def _inventory_lines(n: int, sep: str = ";") -> list[str]:
    return [sep.join(["Systemnamn", "Leverantör", "Beskrivning"])] + [
        sep.join([f"System {i:02d}", "Nordsys AB", f"Beskrivning {i}"]) for i in range(1, n + 1)]


def test_runaway_quote_rejects_its_row_and_reads_the_rest(tmp_path):
    """Issue 14 point 1: one unterminated quote on line 12 of a 50-row file used to swallow
    the next 39 rows into one system name, with an empty ledger."""
    lines = _inventory_lines(50)
    lines[11] = 'System 11;"Nordsys AB;Beskrivning 11'  # line 12: the quote never closes
    f = tmp_path / "inventory.csv"
    f.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    result = import_files([f], imported_at=AS_OF)
    assert counts(result.ledger) == {"inventory.csv": (50, 49, 0, 1)}
    rej = entries(result.ledger, "rejected")
    assert [(e.line, e.value) for e in rej] == [(12, 'System 11;"Nordsys AB;Beskrivning 11')]
    assert rej[0].reason.startswith("unterminated quote: the quoted field runs on over lines "
                                    "12-51")
    names = sorted(d["name"] for _, d in result.landscape.nodes(schema.SYSTEM))
    assert len(names) == 49 and "System 11" not in names and "System 50" in names
    assert all(len(n) < 12 for n in names)


def test_quoted_cell_over_lines_is_not_a_runaway(tmp_path):
    f = X.write_csv(tmp_path / "inv.csv", [["Systemnamn", "Leverantör", "Beskrivning"],
                                            ["Alfa", "Nordsys AB", "rad ett\nrad två; med semikolon"],
                                            ["Beta", "Softtech", "kort"]])
    result = import_files([f], imported_at=AS_OF)
    assert counts(result.ledger) == {"inv.csv": (2, 2, 0, 0)}
    assert result.landscape.node("System:alfa")["description"] == "rad ett\nrad två; med semikolon"


def test_ragged_rows_and_empty_header_cells_are_kept_and_listed(tmp_path):
    """Issue 14 point 1: extra fields and unnamed columns are extra data, listed; a row whose
    field count disagrees with the header is a ledger entry."""
    f = tmp_path / "ragged.csv"
    f.write_text("Systemnamn;;Leverantör\r\n"
                 "Alfa;rum 1;Nordsys AB\r\n"
                 "Beta;rum 2;Softtech;extra 1;extra 2\r\n"
                 "Gamma;rum 3\r\n"
                 "Delta;rum 4;Medtek;;\r\n", encoding="utf-8")
    result = import_files([f], imported_at=AS_OF)
    assert counts(result.ledger) == {"ragged.csv": (4, 4, 0, 0)}
    ls = result.landscape
    assert ls.node("System:alfa")["extra"] == {"(column 2)": "rum 1"}
    assert ls.node("System:beta")["extra"] == {"(column 2)": "rum 2", "(column 4)": "extra 1",
                                               "(column 5)": "extra 2"}
    assert ls.node("System:beta")["vendor"] == "Softtech"
    assert "vendor" not in ls.node("System:gamma")
    warned = [(e.line, e.reason) for e in entries(result.ledger, "warning")]
    assert warned == [
        (3, "the row has 5 fields, the header 3; the extra values are kept as extra data"),
        (4, "the row has 2 fields, the header 3; the missing ones read as empty")]
    assert result.ledger.files[0].not_used == ["(column 2)", "(column 4)", "(column 5)"]


def test_semicolon_header_over_comma_rows(tmp_path):
    f = tmp_path / "mixed.csv"
    f.write_text("Systemnamn;Leverantör;Beskrivning\r\nAlfa,Nordsys AB,Ekonomi\r\n"
                 "Beta,Softtech,Lön\r\n", encoding="utf-8")
    result = import_files([f], imported_at=AS_OF)
    assert counts(result.ledger) == {"mixed.csv": (2, 2, 0, 0)}
    assert result.landscape.node("System:beta")["vendor"] == "Softtech"
    assert [(e.line, e.reason) for e in entries(result.ledger, "warning")] == [
        (1, "the header row is split on ';' but the rows under it on ','; each is read with "
            "its own")]


def test_sniffing_is_not_fooled_by_vertical_tabs_or_one_comma(tmp_path):
    from ea.importers.headers import HeaderMatcher
    from ea.importers.reader import sniff_delimiter

    score = HeaderMatcher().score
    assert sniff_delimiter("Systemnamn;Leverantör, AB;Beskrivning\r\nA,B;C;D\r\n", score) == ";"
    f = tmp_path / "vt.csv"
    f.write_text("Systemnamn;Leverantör;Beskrivning\r\nAlfa;Nordsys AB;rad\x0bett\r\n"
                 "Beta;Softtech;x\r\n", encoding="utf-8")
    result = import_files([f], imported_at=AS_OF)
    assert counts(result.ledger) == {"vt.csv": (2, 2, 0, 0)}
    # kept in its row; the vertical tab itself, which no XML or xlsx file can hold, is
    # replaced by U+FFFD with a ledger warning (issue 14, point 8)
    assert result.landscape.node("System:alfa")["description"] == "rad\ufffdett"


def test_stray_cp1252_line_in_a_utf8_file(tmp_path):
    """Issue 14 point 2: one Windows-1252 byte no longer turns the whole file into mojibake
    (and the inventory into a role list of placeholders)."""
    text = ("Systemnamn;Leverantör;Objektägare\r\nÅrsredovisning;Nordsys AB;Åsa Öberg\r\n"
            "Lön;Softtech;Per Åberg\r\n")
    data = text.encode("utf-8") + "Kvalitetsnät;Medtek;Eva Ek\r\n".encode("cp1252")
    f = tmp_path / "inv.csv"
    f.write_bytes(data)
    result = import_files([f], imported_at=AS_OF)
    assert counts(result.ledger) == {"inv.csv": (3, 3, 0, 0)}
    assert result.ledger.files[0].record_types == ["systems", "roles"]
    names = sorted(d["name"] for _, d in result.landscape.nodes(schema.SYSTEM))
    assert names == ["Kvalitetsnät", "Lön", "Årsredovisning"]
    assert not any(d.get("placeholder") for _, d in result.landscape.nodes(schema.SYSTEM))
    assert [(e.line, e.reason) for e in entries(result.ledger, "warning")] == [
        (4, "line is not valid UTF-8 (the rest of the file is): read as Windows-1252; check "
            "its å, ä, ö")]


def test_mojibake_headers_are_repaired_with_a_warning(tmp_path):
    text = "Systemnamn;Leverantör;Förvaltning\r\nLön;Nordsys AB;Socialförvaltningen\r\n"
    f = tmp_path / "moji.csv"
    f.write_bytes(text.encode("utf-8").decode("cp1252").encode("utf-8"))  # saved twice
    result = import_files([f], imported_at=AS_OF)
    assert counts(result.ledger) == {"moji.csv": (1, 1, 0, 0)}
    d = result.landscape.node(next(k for k, _ in result.landscape.nodes(schema.SYSTEM)))
    assert (d["name"], d["vendor"], d["organisation"]) == ("Lön", "Nordsys AB",
                                                           "Socialförvaltningen")
    w = entries(result.ledger, "warning")
    assert len(w) == 1 and w[0].reason.startswith(
        "headers match only after repairing mojibake ('LeverantÃ¶r' -> 'Leverantör', "
        "'FÃ¶rvaltning' -> 'Förvaltning'): moji.csv was saved as UTF-8 read as Windows-1252")


def test_dates_that_are_not_dates_are_warned_never_dropped(tmp_path):
    """Issue 14 point 9: periods parse (start vs end by field), the rest is kept raw with a
    ledger warning."""
    f = X.write_csv(tmp_path / "inv.csv", [
        ["Systemnamn", "Planerad start", "Avtalsslut", "Supportslut"],
        ["Alfa", "Q3 2025", "ht 2025", "2025-W10"],
        ["Beta", "våren 2026", "februari 29 2025", "2025-03-10T25:00"]])
    result = import_files([f], imported_at=AS_OF)
    assert counts(result.ledger) == {"inv.csv": (2, 2, 0, 0)}
    a, b = (result.landscape.node(k) for k in ("System:alfa", "System:beta"))
    assert (a["planned_from"], a["contract_end"], a["end_of_support"]) == (
        "2025-07-01", "2025-12-31", "2025-03-09")
    assert a["raw"] == {"planned_from": "Q3 2025", "contract_end": "ht 2025",
                        "end_of_support": "2025-W10"}
    assert (b["planned_from"], "contract_end" in b, "end_of_support" in b) == (
        "2026-01-01", False, False)
    assert b["raw"]["contract_end"] == "februari 29 2025"
    assert b["raw"]["end_of_support"] == "2025-03-10T25:00"
    assert sorted((e.line, e.column, e.value) for e in entries(result.ledger, "warning")) == [
        (3, "Avtalsslut", "februari 29 2025"), (3, "Supportslut", "2025-03-10T25:00")]


# ----------------------------------------------------------------------------- issue 12: 9
XLS = Path(__file__).parent / "data" / "inventory.xls"


def test_old_xls_workbook_is_read():
    """tests/data/inventory.xls: a real BIFF8 workbook written once with xlwt (title row,
    blank row, header on line 3, a date cell, a year number, Swedish names)."""
    result = import_files([XLS], imported_at=AS_OF)
    assert counts(result.ledger) == {"inventory.xls[Systemförteckning]": (2, 2, 0, 0)}
    f = result.ledger.files[0]
    assert (f.format, f.header_line) == ("xls", 3)
    ls = result.landscape
    d = ls.node(next(k for k, x in ls.nodes(schema.SYSTEM) if x["name"] == "Årsredovisning"))
    assert (d["vendor"], d["in_service_from"], d["k"]) == ("Nordsys AB", "2019-05-01", 2)


def test_ods_workbook_is_read(tmp_path):
    import pandas as pd

    f = tmp_path / "inventering.ods"
    with pd.ExcelWriter(f, engine="odf") as w:
        pd.DataFrame({"Systemnamn": ["Årsredovisning", "Lönesystem"],
                      "Leverantör": ["Nordsys AB", "Softtech"]}).to_excel(
            w, sheet_name="System", index=False)
        pd.DataFrame({"Från system": ["Lönesystem"], "Till system": ["Årsredovisning"]}).to_excel(
            w, sheet_name="Integrationer", index=False)
    result = import_files([f], imported_at=AS_OF)
    assert counts(result.ledger) == {"inventering.ods[System]": (2, 2, 0, 0),
                                     "inventering.ods[Integrationer]": (1, 1, 0, 0)}
    assert result.landscape.stats()["edges"]["INTEGRATES_WITH"] == 1


@pytest.mark.parametrize("cmd,out", [(["orphans", "-f", "xlsx"], "o.xlsx"),
                                     (["orphans", "-f", "csv"], "o.csv"),
                                     (["quality", "-f", "xlsx"], "q.xlsx"),
                                     (["coordinate", "-f", "csv"], "c.csv")])
def test_ea_report_fed_back_is_refused(tmp_path, cmd, out):
    from click.testing import CliRunner

    from ea.cli import main

    snap = tmp_path / "ls.json"
    runner = CliRunner()
    assert runner.invoke(main, ["import", *map(str, X.all_exports(tmp_path)), "-o", str(snap),
                                "-q", "--as-of", "2026-11-25"]).exit_code == 0
    r = runner.invoke(main, [*cmd, "-l", str(snap), "-o", str(tmp_path / out),
                             "--as-of", "2026-11-25"])
    assert r.exit_code == 0, r.output
    for fed in (tmp_path / out, tmp_path / "ls.ledger.csv", tmp_path / "ls.rejected.csv"):
        r = runner.invoke(main, ["import", str(fed), "-o", str(tmp_path / "again.json")])
        assert r.exit_code != 0
        lines = r.output.strip().splitlines()
        assert len(lines) == 1 and "not an export to import" in lines[0], r.output
    assert not (tmp_path / "again.json").exists()


def test_ledger_files_among_the_exports_are_ignored(tmp_path):
    """``ea import *.csv`` in a folder that holds ea's own ledger and rejected CSVs."""
    files = X.all_exports(tmp_path)
    first = import_files(files, imported_at=AS_OF)
    from ea.commands.core import write_side_files

    rejected, full = write_side_files(first.ledger, tmp_path / "landscape.json")
    again = import_files([*files, rejected, full], imported_at=AS_OF)
    assert counts(again.ledger) == {**counts(first.ledger), "landscape.rejected.csv":
                                    (0, 0, 0, 0), "landscape.ledger.csv": (0, 0, 0, 0)}
    assert [e.file for e in entries(again.ledger, "skipped")
            if "written by ea: ignored" in e.reason] == ["landscape.ledger.csv",  # by name
                                                         "landscape.rejected.csv"]
    assert again.landscape.count("System") == first.landscape.count("System")


def test_cell_over_lines_that_look_like_rows_is_not_a_runaway(tmp_path):
    """A closed quoted cell whose lines hold the delimiter stays one cell."""
    f = X.write_csv(tmp_path / "inv.csv", [["Systemnamn", "Leverantör", "Beskrivning"],
                                            ["Alfa", "Nordsys AB", "a;b;c\nd;e;f"],
                                            ["Beta", "Softtech", "kort"]])
    result = import_files([f], imported_at=AS_OF)
    assert counts(result.ledger) == {"inv.csv": (2, 2, 0, 0)}
    assert result.landscape.node("System:alfa")["description"] == "a;b;c\nd;e;f"


def test_runaway_quote_closed_by_a_later_quote(tmp_path):
    """The quote opened on line 12 closes at line 30's quote: the 18 lines between would be
    one cell; line 12 is rejected and every line after it read as a row."""
    lines = _inventory_lines(50)
    lines[11] = 'System 11;"Nordsys AB;Beskrivning 11'
    lines[29] = 'System 29;"Nordsys AB";Beskrivning 29'
    f = tmp_path / "inventory.csv"
    f.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    result = import_files([f], imported_at=AS_OF)
    assert counts(result.ledger) == {"inventory.csv": (50, 49, 0, 1)}
    assert [e.line for e in entries(result.ledger, "rejected")] == [12]
    assert result.landscape.node("System:system-29")["vendor"] == "Nordsys AB"
