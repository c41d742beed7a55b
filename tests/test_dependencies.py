"""Dependency cells of real registers: direction, criticality and types per dependency, the
two ends of a pair, and the identity of the systems they name.

On row A, ``Beroende till: X`` is the arrow A -> X (A supplies X), ``Beroende från: Y`` is
Y -> A, ``Beroende av: Y`` is Y -> A (DOMAIN.md, checked on a real register). Every file here
is invented, in the shape a real municipal register has: ``;`` CSV with a BOM, annotated
cells, names with commas and parentheses.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from click.testing import CliRunner

from ea.cli import main
from ea.config import Config
from ea.errors import ConfigError
from ea.importers import import_files
from ea.landscape import edge_types
from tests import exports as X

AS_OF = dt.date(2026, 11, 25)
HEAD = ["Systemnamn", "Förvaltning", "Leverantör", "Beroende till", "Beroende från"]
RS = "Region Testland / RSF"
UBF = "Region Testland / UBF"

#: An HR system lists what it supplies under "till"; the population register lists its
#: consumers under "till"; the consumers list their providers under "från".
REGISTER = [
    HEAD,
    ["Personalsystem HR", RS, "CGI",
     "Lönesystem: Helt verksamhetskritiskt (API; Fil), Ekonomi, bokföring: Hög (Fil), "
     "Katalogtjänst (AD)",
     "Folkbokföring (Navet): Till betydande del verksamhetskritiskt (API)"],
    ["Lönesystem", RS, "CGI", None, "Personalsystem HR: Helt verksamhetskritiskt (API; Fil)"],
    ["Ekonomi, bokföring", RS, "Unit4", None, "Lönesystem: Medel (Fil)"],
    ["Katalogtjänst (AD)", RS, "Microsoft", None, "Personalsystem HR: Ej verksamhetskritiskt (Fil)"],
    ["Folkbokföring (Navet)", RS, "Skatteverket",
     "Personalsystem HR: Till betydande del verksamhetskritiskt (API), Skolplattform: 2 (API)",
     None],
    ["Skolplattform", UBF, "Vklass", None, None],
]


def edges(ls) -> dict:
    """(from name, to name) -> (criticality, types, recorded_by) of every integration."""
    return {(ls.name(u), ls.name(v)): (d.get("criticality"), edge_types(d),
                                      sorted(d.get("recorded_by") or []))
            for u, v, _k, d in ls.edges("INTEGRATES_WITH")}


def kinds(ledger) -> dict:
    out: dict = {}
    for e in ledger.entries:
        out[e.kind] = out.get(e.kind, 0) + 1
    return out


def reasons(ledger, kind: str) -> list[str]:
    return sorted(e.reason for e in ledger.entries if e.kind == kind)


@pytest.fixture
def register(tmp_path):
    return X.write_csv(tmp_path / "systemlista.csv", REGISTER, bom=True)


def test_till_is_row_to_listed_and_fran_is_listed_to_row(register):
    result = import_files([register], imported_at=AS_OF)
    ls = result.landscape
    assert edges(ls) == {
        ("Personalsystem HR", "Lönesystem"): (4, ["api", "file"], ["source", "target"]),
        ("Personalsystem HR", "Ekonomi, bokföring"): (3, ["file"], ["source"]),
        ("Personalsystem HR", "Katalogtjänst (AD)"): (1, ["file"], ["source", "target"]),
        ("Lönesystem", "Ekonomi, bokföring"): (2, ["file"], ["target"]),
        ("Folkbokföring (Navet)", "Personalsystem HR"): (3, ["api"], ["source", "target"]),
        ("Folkbokföring (Navet)", "Skolplattform"): (2, ["api"], ["source"]),
    }
    hr_lon = ls.graph.edges["System:personalsystem-hr--rsf", "System:lonesystem--rsf",
                            "INTEGRATES_WITH"]
    assert hr_lon["type"] == "api"  # the first type, for readers of one type
    # the integration graph a query sees carries every type
    g = ls.integration_graph()
    assert g["System:personalsystem-hr--rsf"]["System:lonesystem--rsf"]["types"] == ["api", "file"]
    assert reasons(result.ledger, "one_sided") == [
        "Folkbokföring (Navet) -> Skolplattform is recorded by Folkbokföring (Navet) only; "
        "Skolplattform does not list it under 'Beroende från'",
        "Lönesystem -> Ekonomi, bokföring is recorded by Ekonomi, bokföring only; Lönesystem "
        "does not list it under 'Beroende till'",
        "Personalsystem HR -> Ekonomi, bokföring is recorded by Personalsystem HR only; "
        "Ekonomi, bokföring does not list it under 'Beroende från'",
    ]
    assert kinds(result.ledger) == {"one_sided": 3}
    (f,) = result.ledger.files
    assert (f.rows, f.imported, f.merged, f.rejected) == (6, 6, 0, 0)
    assert f.dependencies == {"Beroende till": "to", "Beroende från": "from"}


def test_beroende_av_and_depends_on_are_listed_to_row(tmp_path):
    rows = [["Systemnamn", "Förvaltning", "Beroende av", "Beroende från", "Used by"],
            ["Portal", RS, "Katalog: Hög", "Betalning (API)", "Statistik"],
            ["Katalog", RS, None, None, None],
            ["Betalning", RS, None, None, None],
            ["Statistik", RS, None, None, None]]
    path = X.write_csv(tmp_path / "beroenden.csv", rows)
    result = import_files([path], imported_at=AS_OF)
    assert sorted(edges(result.landscape)) == [("Betalning", "Portal"), ("Katalog", "Portal"),
                                               ("Portal", "Statistik")]
    # both listed -> row columns are read, neither is dropped as a duplicate
    (f,) = result.ledger.files
    assert f.dependencies == {"Beroende av": "from", "Beroende från": "from", "Used by": "to"}
    assert "unmapped_column" not in kinds(result.ledger)


def test_dependency_columns_in_config_turn_a_column_around(register):
    cfg = Config({"dependency_columns": {"Beroende till": "from", "beroende från": "to"}})
    result = import_files([register], cfg, imported_at=AS_OF)
    assert sorted(edges(result.landscape)) == [
        ("Ekonomi, bokföring", "Lönesystem"), ("Ekonomi, bokföring", "Personalsystem HR"),
        ("Katalogtjänst (AD)", "Personalsystem HR"), ("Lönesystem", "Personalsystem HR"),
        ("Personalsystem HR", "Folkbokföring (Navet)"), ("Skolplattform", "Folkbokföring (Navet)")]
    (f,) = result.ledger.files
    assert f.dependencies == {"Beroende till": "from", "Beroende från": "to"}
    # one column turned so that both read the same way: both are still read
    cfg = Config({"dependency_columns": {"Beroende till": "from"}})
    ls = import_files([register], cfg, imported_at=AS_OF).landscape
    assert ("Lönesystem", "Personalsystem HR") in edges(ls)  # from HR's turned "till"
    assert ("Personalsystem HR", "Lönesystem") in edges(ls)  # from Lön's "från"


def test_dependency_columns_must_say_to_or_from(register):
    with pytest.raises(ConfigError, match="'Beroende till' must be 'to'"):
        import_files([register], Config({"dependency_columns": {"Beroende till": "in"}}))


def test_import_prints_how_each_dependency_column_was_read(register, tmp_path):
    r = CliRunner().invoke(main, ["import", str(register), "-o", str(tmp_path / "l.json"),
                                  "--as-of", "2026-11-25"])
    assert r.exit_code == 0, r.output
    assert ("Dependency columns read as (if a register means the opposite, set "
            "dependency_columns in ea.yaml):\n"
            "  systemlista.csv  'Beroende till': this system → listed system\n"
            "                   'Beroende från': listed system → this system\n") in r.output
    assert all(len(line) <= 120 for line in r.output.splitlines() if "ependency" in line)


def test_contradicting_directions_are_a_finding_not_resolved_by_the_first_row(tmp_path):
    rows = [HEAD,
            ["A-system", RS, None, "B-system: Hög (API)", None],
            ["B-system", RS, None, "A-system: Hög (API)", None],
            ["C-system", RS, None, "D-system", None],
            ["D-system", RS, None, None, "C-system"],
            ["E-system", RS, None, "F-system", "F-system"],
            ["F-system", RS, None, "E-system", "E-system"]]
    path = X.write_csv(tmp_path / "motsagelse.csv", rows)
    result = import_files([path], imported_at=AS_OF)
    assert sorted(edges(result.landscape)) == [
        ("A-system", "B-system"), ("B-system", "A-system"), ("C-system", "D-system"),
        ("E-system", "F-system"), ("F-system", "E-system")]
    assert kinds(result.ledger) == {"direction_conflict": 1}
    (e,) = [e for e in result.ledger.entries if e.kind == "direction_conflict"]
    assert e.subject == "System:a-system--rsf <-> System:b-system--rsf"
    assert e.reason.startswith(
        "the two ends contradict each other on the direction: A-system records A-system -> "
        "B-system ('Beroende till', motsagelse.csv:2) but B-system records B-system -> "
        "A-system ('Beroende till', motsagelse.csv:3); both edges are kept")
    assert (e.file, e.line) == ("motsagelse.csv", 2)


def test_same_name_in_two_organisations_resolves_within_the_referencing_row(tmp_path):
    rows = [["Systemnamn", "Förvaltning", "Beroende till", "Beroende från"],
            ["Journal", "Region Testland / HSF", "Skola: Låg (Fil)", "Labb: Hög (API)"],
            ["Journal", "Region Testland / SOF", None, None],
            ["Labb", "Region Testland / HSF", "Journal: Hög (API)", None],
            ["Omsorg", "Region Testland / SOF / Hemtjänst", None, "Journal (Fil)"],
            ["Skola", "Region Testland / UBF", None, "Journal"]]
    path = X.write_csv(tmp_path / "koncern.csv", rows)
    result = import_files([path], imported_at=AS_OF)
    ls = result.landscape
    assert ls.find_systems("Journal") == ["System:journal--hsf", "System:journal--sof"]
    got = {(u, v): sorted(d["recorded_by"]) for u, v, _k, d in ls.edges("INTEGRATES_WITH")}
    assert got == {
        # Labb (HSF) names "Journal": HSF's; Journal (HSF) names Labb back: both ends
        ("System:labb--hsf", "System:journal--hsf"): ["source", "target"],
        # Omsorg (SOF / Hemtjänst) names "Journal": up its chain, SOF's
        ("System:journal--sof", "System:omsorg--hemtjanst"): ["target"],
        # Journal (HSF) names Skola: unique
        ("System:journal--hsf", "System:skola--ubf"): ["source"],
    }
    # Skola (UBF) names "Journal": both are in Region Testland only, so it is ambiguous ...
    (amb,) = [e for e in result.ledger.entries if e.kind == "ambiguous"]
    assert (amb.line, amb.column, amb.value) == (6, "Beroende från", "Journal")
    # ... and Journal (HSF) -> Skola is not reported as one-sided: Skola named it, ambiguously
    assert reasons(result.ledger, "one_sided") == [
        "Journal -> Omsorg is recorded by Omsorg only; Journal does not list it under "
        "'Beroende till'"]
    assert kinds(result.ledger) == {"ambiguous": 1, "one_sided": 1}
    assert [(f.rows, f.imported, f.rejected) for f in result.ledger.files] == [(5, 5, 0)]


def test_names_that_differ_are_two_systems_with_a_suggestion(tmp_path):
    rows = [HEAD,
            ["Bokning", "Region Testland / TKF", "Leverantör A", None, None],
            ["Bokning+", "Region Testland / TKF", "Leverantör B", None, None],
            ["Lön inkl. webb", RS, "Leverantör C", None, None],
            ["LÖN, inkl webb", RS, "Leverantör D", None, None],
            ["Portal", "Region Testland / TKF", None, "Bokning+: Hög (API), Bokning (Fil)",
             "LÖN, inkl webb"]]
    path = X.write_csv(tmp_path / "namn.csv", rows)
    result = import_files([path], imported_at=AS_OF)
    ls = result.landscape
    systems = {d["name"]: (k, d["vendor"]) for k, d in ls.nodes("System") if d.get("vendor")}
    assert sorted(systems) == ["Bokning", "Bokning+", "LÖN, inkl webb", "Lön inkl. webb"]
    assert len({k for k, _v in systems.values()}) == 4
    assert systems["Bokning"] == ("System:bokning--tkf", "Leverantör A")
    assert systems["Bokning+"][1] == "Leverantör B"
    assert not ls.conflicts().shape[0]
    assert sorted(edges(ls)) == [("LÖN, inkl webb", "Portal"), ("Portal", "Bokning"),
                                 ("Portal", "Bokning+")]
    assert sorted(e.value for e in result.ledger.entries if e.kind == "suggestion") == [
        "Bokning | Bokning+", "LÖN, inkl webb | Lön inkl. webb"]
    assert kinds(result.ledger) == {"suggestion": 2, "one_sided": 3}  # the others list no Portal
    (f,) = result.ledger.files
    assert (f.rows, f.imported, f.merged) == (5, 5, 0)


def test_integration_list_type_cell_keeps_every_type(tmp_path):
    inventory = X.write_csv(tmp_path / "system.csv", [["Systemnamn", "Leverantör"], ["A", "X"],
                                                      ["B", "Y"], ["C", "Z"]])
    rows = [["Från system", "Till system", "Integrationstyp"], ["A", "B", "API; Fil"],
            ["B", "C", "Fil"]]
    path = X.write_csv(tmp_path / "integrationer.csv", rows)
    ls = import_files([inventory, path], imported_at=AS_OF).landscape
    got = {(ls.name(u), ls.name(v)): (d["type"], edge_types(d))
           for u, v, _k, d in ls.edges("INTEGRATES_WITH")}
    assert got == {("A", "B"): ("api", ["api", "file"]), ("B", "C"): ("file", ["file"])}


def test_many_registers_reading_alike_share_one_block_and_the_summary_fits(tmp_path):
    """A country imports hundreds of registers: those read alike are said once with their
    files listed under it, the sources line names eight and counts the rest, every line fits
    a 120-column terminal."""
    files = []
    for i in range(10):
        files.append(str(X.write_csv(tmp_path / f"kommun-{i:02d}-systemforteckning.csv", [
            HEAD, [f"System {i}", f"Kommun {i}", "CGI", f"Mål {i}", ""],
            [f"Mål {i}", f"Kommun {i}", "Tieto", "", ""]])))
    r = CliRunner().invoke(main, ["import", *files, "-o", str(tmp_path / "l.json"),
                                  "--as-of", "2026-11-25"], env={"COLUMNS": "120"})
    assert r.exit_code == 0, r.output
    names = ", ".join(f"kommun-{i:02d}-systemforteckning.csv" for i in range(8))
    assert ("Dependency columns read as (if a register means the opposite, set "
            "dependency_columns in ea.yaml):\n"
            "  'Beroende till': this system → listed system\n"
            "  'Beroende från': listed system → this system\n"
            "    in kommun-00-systemforteckning.csv, kommun-01-systemforteckning.csv,") in r.output
    flat = re.sub(r"\n +(?=\S)", " ", r.output)
    assert f"in {names}, and 2 more\n" in flat
    assert (f"The landscape holds 10 sources: {names}, and 2 more (imported now); "
            "'ea stats' lists every one.") in flat
    assert max(len(line) for line in r.output.splitlines()) <= 120
