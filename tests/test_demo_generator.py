"""The synthetic Region Exempelland: files, headers, encodings, determinism and ground truth."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import os
import re
import subprocess
import sys
import time
import zipfile
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from ea import demo
from ea.demo import AS_OF, DemoFiles, generate

DEP_ITEM = re.compile(r"(.+?): (Hög|Medel|Låg|[1-4]|(?:Helt|Till betydande del|Till betydande "
                      r"del ej|Ej) verksamhetskritiskt) \((API|Fil|API; Fil|Fil; API)\)(?:, |$)")
WINDOW_END = dt.date(2028, 11, 25)  # AS_OF + 24 months


# ------------------------------------------------------------------------------ helpers
@pytest.fixture(scope="module")
def region(tmp_path_factory) -> DemoFiles:
    return generate(tmp_path_factory.mktemp("region"), size=300, seed=7)


def sheet_rows(path: Path, sheet: str) -> list[tuple]:
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return [tuple(r) for r in wb[sheet].iter_rows(values_only=True)]
    finally:
        wb.close()


def sheet_dicts(path: Path, sheet: str) -> list[dict]:
    rows = sheet_rows(path, sheet)
    return [dict(zip(rows[0], r, strict=False)) for r in rows[1:]]


def csv_rows(path: Path, encoding: str, delimiter: str) -> list[list[str]]:
    with open(path, encoding=encoding, newline="") as fh:
        return list(csv.reader(fh, delimiter=delimiter))


def dep_items(cell) -> list[tuple[str, str, str]]:
    if not cell:
        return []
    items = [m.groups() for m in DEP_ITEM.finditer(cell)]
    assert ", ".join(f"{n}: {c} ({t})" for n, c, t in items) == cell, cell
    return items


def all_text(path: Path) -> str:
    """Every character a file holds: xlsx parts unzipped, CSV decoded."""
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as zf:
            return "\n".join(zf.read(n).decode("utf-8") for n in zf.namelist())
    enc = "cp1252" if path.name == demo.INTEGRATIONS_FILE else "utf-8-sig"
    return path.read_text(encoding=enc)


def as_date(value) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, int):
        if value > 9000:
            return None if value == 9999 else dt.date(value // 100, value % 100, 1)
        return dt.date(value, 1, 1)
    return dt.date.fromisoformat(value)


def digests(d: DemoFiles) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in d.paths}


# ------------------------------------------------------------------------------ basics
def test_files_exist_with_exact_headers(region):
    assert [p.name for p in region.paths] == [
        "systemforteckning.xlsx", "integrationer.csv", "roller.csv", "personal.csv", "lisa.xlsx",
    ]
    wb = openpyxl.load_workbook(region.systemforteckning, read_only=True)
    assert wb.sheetnames == ["Systemförteckning", "Nationella tjänster"]
    wb.close()
    assert sheet_rows(region.systemforteckning, "Systemförteckning")[0] == demo.SYSTEM_HEADERS
    assert demo.SYSTEM_HEADERS[9] == "Var i systemets livscykel befinner sig systemet? "
    assert sheet_rows(region.systemforteckning, "Nationella tjänster")[0] == demo.NATIONAL_HEADERS
    assert sheet_rows(region.lisa, "Klassning")[0] == demo.LISA_HEADERS
    raw = region.integrationer.read_bytes()
    assert raw.split(b"\r\n")[0].decode("cp1252") == (
        "Från system;Till system;Via;Integrationstyp;Frekvens;Informationsmängd;Kritikalitet"
    )
    assert region.roller.read_text(encoding="utf-8-sig").splitlines()[0] == (
        "Förvaltningsobjekt;Objektägare;Förvaltningsledare verksamhet;"
        "Förvaltningsledare IT;Systemadministratör"
    )
    assert region.personal.read_text(encoding="utf-8").splitlines()[0] == (
        "Namn,E-post,Förvaltning,Anställningsstatus"
    )


def test_exact_counts_for_the_default_region(region):
    systems = sheet_dicts(region.systemforteckning, "Systemförteckning")
    national = sheet_dicts(region.systemforteckning, "Nationella tjänster")
    assert region.n_systems == len(systems) == 300
    assert len(region.national_services) == len(national) == 11
    assert {r["Extern"] for r in national} == {"Ja"}
    assert [r["Systemnamn"] for r in national] == list(region.national_services)
    assert len({r["System-ID"] for r in systems}) == 300
    assert len({r["Systemnamn"].casefold() for r in systems}) == 300
    assert len(csv_rows(region.integrationer, "cp1252", ";")) - 1 == region.n_integration_rows
    assert len(csv_rows(region.roller, "utf-8-sig", ";")) - 1 == region.n_objects
    assert len(csv_rows(region.personal, "utf-8", ",")) - 1 == region.n_people
    lisa = sheet_dicts(region.lisa, "Klassning")
    assert len(lisa) == region.n_classified == 300 - 105
    assert len(region.unclassified) == 105  # 35 %
    assert region.n_integrations == region.n_dependencies + region.n_integration_rows
    # about five integrations per system counting both ends
    assert 4.5 <= 2 * region.n_integrations / region.n_systems <= 5.5
    assert len(region.ageing) == 12
    assert len(region.orphans) == 15  # 5 %


def test_summary_is_short(region):
    lines = region.summary().splitlines()
    assert 3 <= len(lines) <= 6
    assert "300 systems" in lines[1]


def test_too_small_is_refused(tmp_path):
    with pytest.raises(ValueError, match="at least"):
        generate(tmp_path, size=demo.MIN_SIZE - 1)


# ------------------------------------------------------------------------------ determinism, scale
def test_same_size_and_seed_give_identical_bytes(tmp_path, region):
    again = generate(tmp_path / "again", size=300, seed=7)
    assert digests(again) == digests(region)
    other = generate(tmp_path / "other", size=300, seed=8)
    assert digests(other)[demo.SYSTEMS_FILE] != digests(region)[demo.SYSTEMS_FILE]


def test_identical_across_processes_with_different_hash_seeds(tmp_path):
    code = (
        "import hashlib, sys; from ea.demo import generate; "
        "d = generate(sys.argv[1], size=50, seed=3); "
        "print(' '.join(hashlib.sha256(p.read_bytes()).hexdigest() for p in d.paths))"
    )
    outs = []
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        res = subprocess.run(
            [sys.executable, "-c", code, str(tmp_path / hash_seed)],
            env=env, capture_output=True, text=True, check=True,
        )
        outs.append(res.stdout)
    assert outs[0] == outs[1]


def test_xlsx_metadata_is_fixed(region):
    with zipfile.ZipFile(region.systemforteckning) as zf:
        assert {i.date_time for i in zf.infolist()} == {(2026, 1, 1, 0, 0, 0)}
        core = zf.read("docProps/core.xml").decode()
    assert "2026-01-01T00:00:00Z" in core


def test_small_region(tmp_path):
    d = generate(tmp_path, size=50, seed=7)
    assert len(sheet_rows(d.systemforteckning, "Systemförteckning")) == 51
    assert d.near_misses and d.unresolved_references and d.dependency_disagreements
    assert len(d.objects_without_roles) == 2


@pytest.mark.slow
def test_size_2000_is_fast(tmp_path):
    start = time.perf_counter()
    d = generate(tmp_path, size=2000, seed=7)
    assert time.perf_counter() - start < 10  # about 0.3 s on a laptop
    assert d.n_systems == 2000
    assert len(sheet_rows(d.systemforteckning, "Systemförteckning")) == 2001


# ------------------------------------------------------------------------------ encodings
def test_integrations_csv_is_windows_1252_with_crlf(region):
    raw = region.integrationer.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert b"Fr\xe5n system" in raw  # å in cp1252
    assert b"\xe4" in raw and b"\xf6" in raw  # ä, ö
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert raw.count(b"\r\n") == region.n_integration_rows + 1
    assert raw.count(b"\n") == raw.count(b"\r\n")


def test_roles_csv_has_a_bom_and_people_csv_not(region):
    assert region.roller.read_bytes().startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in region.roller.read_bytes()
    assert not region.personal.read_bytes().startswith(b"\xef\xbb\xbf")
    region.personal.read_bytes().decode("utf-8")


# ------------------------------------------------------------------------------ inventory
def test_names_with_commas_exist_and_are_depended_on(region):
    systems = sheet_dicts(region.systemforteckning, "Systemförteckning")
    names = {r["Systemnamn"] for r in systems}
    assert "Trimbel NIS, TCN, DMS (SEE, SN)" in names
    for weird in region.names_with_commas:
        assert weird in names and "," in weird and "(" in weird
        referencing = [r for r in systems
                       if weird in [n for n, _c, _t in dep_items(r["Beroende från"])]]
        assert len(referencing) >= 2, weird
    integrations = region.integrationer.read_bytes().decode("cp1252")
    assert "Trimbel NIS, TCN, DMS (SEE, SN);" in integrations


def test_organisation_is_a_path_and_values_are_from_the_vocabularies(region):
    systems = sheet_dicts(region.systemforteckning, "Systemförteckning")
    assert {r["Förvaltning"] for r in systems} == {
        f"Region Exempelland / {a}" for a in demo.ADMINISTRATIONS
    }
    assert {r["Driftform"] for r in systems} <= {"Internt", "Externt", "Moln", "SaaS", "Hybrid"}
    lifecycle = {r[demo.LIFECYCLE_HEADER] for r in systems} - {None}
    assert lifecycle <= set(demo.LIFECYCLE_VALUES) and len(lifecycle) >= 5
    assert {r["Verksamhetskritiskt"] for r in systems} - {None} == set(demo.CRITICALITY_PHRASES)
    assert {r["Personuppgifter"] for r in systems} == {"Ja", "Nej", "Vet ej"}
    assert {r[demo.RISK_HEADER] for r in systems} == {"Ja", "Nej", "Delvis", "-", None}
    assert {r["Leverantör"] for r in systems if r["Systemnamn"] in region.in_house} == {
        "Egenutvecklad"
    }
    products = Counter(r["Produkt"] for r in systems)
    assert products["Qlik Sense"] == 2 and products["Platina"] == 2
    assert set(region.duplicate_products) >= {"Qlik Sense", "Platina"}


def test_dates_come_in_every_messy_form(region):
    systems = sheet_dicts(region.systemforteckning, "Systemförteckning")
    kinds = Counter()
    for r in systems:
        v = r["Driftsatt"]
        kinds["date" if isinstance(v, dt.datetime) else
              "yyyymm" if isinstance(v, int) and v > 9999 else
              "year" if isinstance(v, int) else "blank" if v is None else "other"] += 1
        s = r["Supportslut"]
        kinds["support_" + type(s).__name__] += 1
        if r["Planerad avveckling"] == 9999:
            kinds["sentinel"] += 1
        contract = r["Avtalstiden löper ut datum"]
        if isinstance(contract, str) and not re.fullmatch(r"\d{4}-\d\d-\d\d", contract):
            kinds["contract_text"] += 1
            kinds["löpande"] += contract == "Löpande - uppsägningstid på 3-12 månader"
    assert kinds["date"] and kinds["yyyymm"] and kinds["year"] and kinds["blank"]
    assert kinds["other"] == 0
    assert kinds["support_datetime"] and kinds["support_str"] and kinds["support_NoneType"]
    assert kinds["sentinel"] == region.value_counts["avveckling_9999"] > 0
    assert kinds["contract_text"] == region.value_counts["contract_text"] >= 3
    assert kinds["löpande"] >= 1


def test_dependencies_match_the_ground_truth(region):
    systems = sheet_dicts(region.systemforteckning, "Systemförteckning")
    till = {r["Systemnamn"]: dep_items(r["Beroende till"]) for r in systems}
    fran = {r["Systemnamn"]: dep_items(r["Beroende från"]) for r in systems}
    one_sided = {(a, b): side for a, b, side in region.one_sided_dependencies}
    disagree = {(a, b): f for a, b, f in region.dependency_disagreements}
    assert len(one_sided) >= 10
    assert len(region.dependency_pairs) + len(region.direction_conflicts) == region.n_dependencies
    details = {(a, b): (c, t) for a, b, c, t in region.dependency_details}
    for a, b in region.dependency_pairs:
        # a depends on b (b -> a): a lists b under "Beroende från", b lists a under "till"
        at_a = [(c, t) for n, c, t in fran[a] if n == b]
        at_b = [(c, t) for n, c, t in till.get(b, []) if n == a]
        side = one_sided.get((a, b))
        assert bool(at_a) == (side != "provider"), (a, b)
        assert bool(at_b) == (side != "dependent" and b in till), (a, b)
        crit, types = details[(a, b)]
        c, t = (at_a or at_b)[0]
        assert (demo.DEP_LEVELS[c], demo.DEP_TYPES[t]) == (crit, types), (a, b)
        if at_a and at_b:
            field = disagree.get((a, b))
            assert (at_a[0][1] != at_b[0][1]) == (field == "type"), (a, b)
            assert (at_a[0][0] != at_b[0][0]) == (field == "criticality"), (a, b)
    assert "type" in disagree.values()
    # the demo exercises every written form of a dependency's criticality and two types
    written = {c for items in (*till.values(), *fran.values()) for _n, c, _t in items}
    assert set(demo.CRITICALITY_PHRASES) <= written and {"Hög", "Medel", "Låg"} <= written
    assert written & {"1", "2", "3", "4"}
    assert {t for items in till.values() for _n, _c, t in items} >= {"API", "Fil", "API; Fil"}
    # each end of a planted direction conflict lists the other under "Beroende till"
    assert len(region.direction_conflicts) == 1
    for a, b in region.direction_conflicts:
        assert b in [n for n, _c, _t in till[a]] and a in [n for n, _c, _t in till[b]]
        assert a not in [n for n, _c, _t in fran[b]] and b not in [n for n, _c, _t in fran[a]]
    # every reference resolves, except the planted ones
    known = set(till) | set(region.national_services)
    unknown = {(a, n) for a, items in till.items() for n, _c, _t in items if n not in known}
    unknown |= {(b, n) for b, items in fran.items() for n, _c, _t in items if n not in known}
    planted = set(region.unresolved_references) | {(s, w) for s, w, _m in region.near_misses}
    assert unknown == planted
    assert len(region.unresolved_references) in (1, 2)
    assert ("Take Care", "TakeCare") in {(w, m) for _s, w, m in region.near_misses}
    assert "TakeCare" in known and "Take Care" not in known


def test_integrations_reference_known_systems_some_with_other_case(region):
    systems = sheet_dicts(region.systemforteckning, "Systemförteckning")
    exact = {r["Systemnamn"] for r in systems} | set(region.national_services)
    folded = {n.casefold() for n in exact}
    rows = csv_rows(region.integrationer, "cp1252", ";")[1:]
    sloppy = [n for r in rows for n in r[:2] if n not in exact]
    assert sloppy and all(n.strip().casefold() in folded for n in sloppy)
    assert any(n != n.strip() for n in sloppy) and any(n.strip() != n.strip().lower()
                                                       for n in sloppy)
    vias = Counter(r[2] for r in rows if r[2])
    assert sum(vias.values()) == region.n_via_rows
    assert vias["WSO2 API Manager"] > 50 and vias["Nationella tjänsteplattformen (NTjP)"] > 5
    assert {r[2] for r in rows if r[3] == "RIV-TA" and r[2]} == {
        "Nationella tjänsteplattformen (NTjP)"
    }


def test_hubs_have_the_most_integrations(region):
    degree = Counter()
    for a, b in region.dependency_pairs:
        degree[a] += 1
        degree[b] += 1
    for r in csv_rows(region.integrationer, "cp1252", ";")[1:]:
        for n in r[:2]:
            degree[n.strip().casefold()] += 1
    folded = Counter()
    for n, c in degree.items():
        folded[n.casefold()] += c
    national = {n.casefold() for n in region.national_services}
    local_top = [n for n, _c in folded.most_common() if n not in national][: len(region.hubs)]
    assert set(local_top) == {h.casefold() for h in region.hubs}
    national_top = [n for n, _c in folded.most_common() if n in national][:1]
    assert national_top == [h.casefold() for h in region.national_hubs]
    median = sorted(folded.values())[len(folded) // 2]
    assert 1 <= median <= 5


def test_ageing_systems_are_exactly_those_with_dates_near_or_past(region):
    systems = sheet_dicts(region.systemforteckning, "Systemförteckning")
    found = set()
    for r in systems:
        support = as_date(r["Supportslut"])
        retire = r["Planerad avveckling"]
        if (support and support <= WINDOW_END) or (retire and retire != 9999 and retire <= 2027):
            found.add(r["Systemnamn"])
        if r["Systemnamn"] not in region.ageing:
            assert retire in (None, 9999) or retire >= 2030
            assert r[demo.LIFECYCLE_HEADER] not in ("Under avveckling", "Avvecklad")
    assert found == set(region.ageing)
    assert {h for h, _a in region.ageing_hub_dependants} <= set(region.hubs)
    fran = {r["Systemnamn"]: r["Beroende från"] or "" for r in systems}
    for hub, old in region.ageing_hub_dependants:  # the hub depends on the old system
        assert old in region.ageing and f"{old}: " in fran[hub]


# ------------------------------------------------------------------------------ people and roles
def test_unowned_orphans_and_roles(region):
    systems = {r["Systemnamn"]: r for r in sheet_dicts(region.systemforteckning,
                                                        "Systemförteckning")}
    roles = {r[0]: r[1:] for r in csv_rows(region.roller, "utf-8-sig", ";")[1:]}
    for name in region.orphans:
        assert systems[name]["Förvaltningsobjekt"] is None
        assert systems[name]["Systemägare"] is None
    for name in region.unowned:
        row = systems[name]
        assert row["Systemägare"] is None
        obj = row["Förvaltningsobjekt"]
        assert obj is None or roles[obj][0] in ("", "Vakant")
    owned = [r for n, r in systems.items() if n not in region.unowned]
    assert all(r["Systemägare"] or roles[r["Förvaltningsobjekt"]][0] not in ("", "Vakant")
               for r in owned)
    assert sum(1 for r in systems.values() if r["Systemägare"] is None) == region.n_blank_owner
    assert 0.10 <= region.n_blank_owner / region.n_systems <= 0.18  # ~14 %
    for obj in region.objects_without_roles:
        assert roles[obj] == ["", "", "", ""]
    cells = [c for v in roles.values() for c in v]
    assert cells.count("Vakant") == region.n_vacant_role_cells > 0
    assert any(", " in c for c in cells)
    assert any(c and "@" not in c and c != "Vakant" for c in cells)  # plain names too
    owner_cells = [r["Systemägare"] for r in systems.values() if r["Systemägare"]]
    assert any("; " in c for c in owner_cells) and any(", " in c for c in owner_cells)
    obj, email = region.dual_role
    people = {n: e for n, e, _a, _s in csv_rows(region.personal, "utf-8", ",")[1:]}
    for cell in (roles[obj][0], roles[obj][2]):  # object owner and IT manager
        assert email in [people.get(x, x) for x in cell.split(", ")]  # names or e-mails
    objects = {r["Förvaltningsobjekt"] for r in systems.values()} - {None}
    assert objects == set(roles)
    per_object = Counter(r["Förvaltningsobjekt"] for r in systems.values())
    assert max(per_object[o] for o in objects) <= 6


def test_people_are_invented_and_inactive_ones_hold_roles(region):
    people = csv_rows(region.personal, "utf-8", ",")[1:]
    firsts, lasts = set(demo.FIRST_NAMES), set(demo.LAST_NAMES)
    for name, email, admin, status in people:
        first, last = name.split(" ")
        assert first in firsts and last in lasts
        assert re.fullmatch(r"[a-z-]+\.[a-z]+\d*@exempelland\.se", email), email
        assert email.startswith(f"{demo.ascii_fold(first)}.{demo.ascii_fold(last)}")
        assert admin in demo.ADMINISTRATIONS
        assert status in ("Aktiv", "Avslutad", "Tjänstledig")
    status = {e: s for _n, e, _a, s in people}
    assert {e for e, s in status.items() if s == "Avslutad"} == set(region.ended_people)
    assert len(region.ended_people) >= 3
    roles_text = region.roller.read_text(encoding="utf-8-sig")
    by_email = {e: n for n, e, _a, _s in people}
    for email in region.inactive_role_holders:
        assert status[email] != "Aktiv"
        assert email in roles_text or by_email[email] in roles_text
    # every person named or mailed anywhere is in the HR file
    inventory = all_text(region.systemforteckning) + all_text(region.lisa) + roles_text
    for email in set(re.findall(r"[\w.-]+@[\w.-]+", inventory)):
        assert email in status, email


def test_no_personal_identity_numbers_or_foreign_addresses(region):
    for path in region.paths:
        text = all_text(path)
        assert not re.search(r"(?<!\d)(19|20)?\d{6}[-+ ]?\d{4}(?!\d)", text), path.name
        assert set(re.findall(r"@([\w.-]+)", text)) <= {"exempelland.se"}, path.name


# ------------------------------------------------------------------------------ LISA
def test_lisa_gaps_combined_cells_and_stale_dates(region):
    lisa = sheet_dicts(region.lisa, "Klassning")
    by_name = {r["Objekt/System"]: r for r in lisa}
    assert not set(by_name) & set(region.unclassified)
    assert set(region.hubs) <= set(by_name)
    for name in region.krt_rows:
        row = by_name[name]
        assert re.fullmatch(r"K[0-4] R[0-4] T[0-4]", row["KRT"])
        assert all(row[h] is None for h in ("Konfidentialitet", "Riktighet", "Tillgänglighet"))
    assert len(region.krt_rows) >= 3
    assert sum(1 for r in lisa if r["KRT"]) == len(region.krt_rows)
    year_ago = AS_OF - dt.timedelta(days=365)
    stale = {n for n, r in by_name.items()
             if r["Klassningsdatum"] and r["Klassningsdatum"].date() < year_ago}
    assert stale == set(region.stale_classifications) and stale
    values = {v for r in lisa for h in ("Konfidentialitet", "Riktighet") for v in [r[h]]}
    assert "Betydande" in values and "Allvarlig" in values
    assert any(isinstance(v, int) for v in values) or any(str(v).isdigit() for v in values)
    durations = {r[h] for r in lisa for h in ("MTPD", "RTO", "RPO")} - {None}
    assert {"4 h", "1 dygn", "24 timmar"} & durations
    assert {r["SLA-nivå"] for r in lisa} == {"Guld", "Silver", "Brons", None}
    assert {r["Kontinuitetsplan"] for r in lisa} == {"Ja", "Nej", None}
    assert any(r["Klassningsdatum"] is None for r in lisa)


# ------------------------------------------------------------------------------ messy cells
def test_every_planted_messy_cell_is_where_the_ground_truth_says(region):
    books: dict[tuple[str, str], list[tuple]] = {}
    csv_lines = {
        demo.INTEGRATIONS_FILE: csv_rows(region.integrationer, "cp1252", ";"),
    }
    kinds = Counter()
    for cell in region.messy_cells:
        kinds[cell.kind] += 1
        path = region.out_dir / cell.file
        if cell.sheet:
            rows = books.setdefault((cell.file, cell.sheet), sheet_rows(path, cell.sheet))
            col = rows[0].index(cell.column)
            value = rows[cell.row - 1][col]
        else:
            rows = csv_lines[cell.file]
            value = rows[cell.row - 1][rows[0].index(cell.column)]
        if cell.kind in ("near_miss", "unresolved_reference", "disagree_type",
                         "disagree_crit", "direction_conflict"):
            assert cell.value in [n for n, _c, _t in dep_items(value)], cell
        else:
            assert value == cell.value, cell
    assert {"near_miss", "unresolved_reference", "disagree_type", "direction_conflict",
            "contract_text",
            "case_variant", "trailing_space", "combined_classification",
            "header_trailing_space"} <= set(kinds)
