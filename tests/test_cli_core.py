"""ea import / show / stats end to end through the command line."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner

from ea.cli import main
from tests import exports as X


def unwrap(text: str) -> str:
    """Prose as one line per paragraph: the import wraps its summary lines to the terminal
    (80 columns under the test runner), continuation lines indented by two."""
    return re.sub(r"\n  (?=\S)", " ", text)


def run(args, cwd=None):
    return CliRunner().invoke(main, args, catch_exceptions=False)


def test_import_prints_summary_and_writes_side_files(tmp_path):
    files = [str(p) for p in X.all_exports(tmp_path)]
    out = tmp_path / "ls.json"
    r = run(["import", *files, "-o", str(out), "--as-of", "2026-11-25"])
    assert r.exit_code == 0, r.output
    assert "integrationer.csv" in r.output and "integrations" in r.output
    assert "To review: 5 unresolved references" in r.output
    rejected = (tmp_path / "ls.rejected.csv").read_text(encoding="utf-8").splitlines()
    assert rejected[0] == "file,sheet,line,column,kind,reason,value,subject"
    assert len(rejected) == 1 + 4
    # the summary's count is the rows in that file; skipped rows are counted apart
    assert "rejected rows (4)" in r.output.lower()  # on its own line when paths are long
    # in the canonical file order (by name), not the command line's
    assert ("Unresolved (4, kept as placeholders): 'BizTalk', 'Take Care', 'Journalsystem X', "
            "'Okänt system'.") in r.output
    assert (tmp_path / "ls.ledger.csv").exists()


def test_show_gives_provenance_and_conflicts(tmp_path):
    a = X.write_csv(tmp_path / "a.csv", [["System-ID", "Systemnamn", "Leverantör"],
                                          ["S1", "Raindance", "CGI"]])
    b = X.write_csv(tmp_path / "b.csv", [["System-ID", "Systemnamn", "Leverantör"],
                                          ["S1", "Raindance", "Unit4"]])
    out = tmp_path / "ls.json"
    assert run(["import", str(a), str(b), "-o", str(out), "-q"]).exit_code == 0
    r = run(["show", "Raindance", "-l", str(out)])
    assert r.exit_code == 0
    assert "vendor: CGI   <- a.csv:2" in r.output
    assert "Provenance:\n  a.csv:2\n  b.csv:2" in r.output
    assert "vendor: 'CGI' from a.csv:2; 'Unit4' from b.csv:2" in r.output
    js = json.loads(run(["show", "raindance", "-l", str(out), "-f", "json"]).output)
    assert js["key"] == "System:S1" and js["conflicts"][0]["field"] == "vendor"


def test_show_unknown_system_is_one_line(tmp_path):
    a = X.write_csv(tmp_path / "a.csv", [["Systemnamn", "Leverantör"], ["Raindance", "CGI"]])
    out = tmp_path / "ls.json"
    run(["import", str(a), "-o", str(out), "-q"])
    r = CliRunner().invoke(main, ["show", "Raindanse", "-l", str(out)])
    assert r.exit_code == 1
    assert r.output == "Error: 'Raindanse' matches nothing in the landscape; did you mean: Raindance?\n"


def test_errors_are_one_line_with_non_zero_exit(tmp_path):
    runner = CliRunner()
    r = runner.invoke(main, ["import", str(tmp_path / "missing.csv")])
    assert r.exit_code == 2 and "does not exist" in r.output
    bad = X.write_csv(tmp_path / "konstig.csv", [["Foo", "Bar"], ["1", "2"]])
    r = runner.invoke(main, ["import", str(bad), "-o", str(tmp_path / "x.json")])
    assert r.exit_code == 1
    assert r.output.startswith("Error: konstig.csv:1: cannot tell what this holds")
    assert r.output.count("\n") == 1
    r = runner.invoke(main, ["stats", "-l", str(tmp_path / "none.json")])
    assert r.exit_code == 1 and "no landscape snapshot here" in r.output
    junk = tmp_path / "junk.json"
    junk.write_text("{\"x\": 1}")
    r = runner.invoke(main, ["stats", "-l", str(junk)])
    assert r.exit_code == 1 and "not an ea snapshot" in r.output


def test_stats(tmp_path):
    files = [str(p) for p in X.all_exports(tmp_path)]
    out = tmp_path / "ls.json"
    run(["import", *files, "-o", str(out), "-q", "--as-of", "2026-11-25"])
    js = json.loads(run(["stats", "-l", str(out), "-f", "json"]).output)
    assert js["nodes"]["System"] == 10
    assert js["placeholder_systems"] == 4 and js["external_systems"] == 2
    assert js["edges"]["INTEGRATES_WITH"] == 10
    assert js["ledger"]["unresolved"] == 5
    text = run(["stats", "-l", str(out)]).output
    assert "Landscape imported 2026-11-25 from 5 files" in text


def test_pseudonymise_keeps_names_out_of_every_report(tmp_path):
    files = [str(p) for p in X.all_exports(tmp_path)]
    out = tmp_path / "ls.json"
    run(["import", *files, "-o", str(out), "-q", "--as-of", "2026-11-25"])
    names = ("Eva Falk", "eva.falk", "Ivar Jonsson", "ivar.jonsson", "Karin Lind", "Anna Berg",
             "bo.ek@testland.se")
    plain = run(["orphans", "-l", str(out), "-f", "csv", "--as-of", "2026-11-25"]).output
    assert "Ivar Jonsson" in plain
    for args in (["orphans"], ["coordinate"], ["quality", "--details"], ["hubs"],
                 ["show", "Raindance"]):
        fmt = [] if args[0] == "show" else ["-f", "csv", "--as-of", "2026-11-25"]
        r = run(["--pseudonymise", *args, "-l", str(out), *fmt])
        assert r.exit_code == 0, r.output
        assert not [n for n in names if n in r.output], args
    shown = run(["--pseudonymise", "show", "Raindance", "-l", str(out)]).output
    assert "object_owner: Person " in shown


# ------------------------------------------------------------------ partial imports
# (issue 14, point 5) Importing some files into a snapshot replaces what those files
# stated and keeps what the others stated; --replace rebuilds from the files given.

def _graph(path):
    """Nodes and edges with their attributes, dates and provenance order aside."""
    from ea.store import snapshot

    ls = snapshot.load(path)

    def norm(d):
        d = {k: v for k, v in d.items() if k not in ("first_seen", "last_seen")}
        d["sources"] = sorted(d.get("sources") or [])
        return d

    return ({k: norm(d) for k, d in ls.graph.nodes(data=True)},
            {(u, v, k): norm(d) for u, v, k, d in ls.graph.edges(keys=True, data=True)})


def test_importing_one_file_again_keeps_the_others(tmp_path):
    files = [str(p) for p in X.all_exports(tmp_path)]
    full = tmp_path / "full.json"
    assert run(["import", *files, "-o", str(full), "-q", "--as-of", "2026-11-25"]).exit_code == 0
    snap = tmp_path / "ls.json"
    run(["import", *files, "-o", str(snap), "-q", "--as-of", "2026-11-20"])
    r = run(["import", str(tmp_path / "roller.csv"), "-o", str(snap), "--as-of", "2026-11-25"])
    assert r.exit_code == 0
    assert ("The landscape holds 5 sources: roller.csv (imported now); kept from earlier "
            "imports: integrationer.csv (2026-11-20), lisa.xlsx (2026-11-20), personal.tsv "
            "(2026-11-20), systemforteckning.xlsx (2026-11-20) ('ea import --replace FILES' "
            "rebuilds from the files given only).\nSnapshot:") in unwrap(r.output)
    js = json.loads(run(["stats", "-l", str(snap), "-f", "json"]).output)
    assert js["nodes"]["System"] == 10 and js["edges"]["INTEGRATES_WITH"] == 10
    assert js["edges"]["HAS_ROLE"] > 0
    # each file imported again on its own, in turn: the landscape of the full import
    for f in files:
        assert run(["import", f, "-o", str(snap), "-q", "--as-of", "2026-11-25"]).exit_code == 0
    assert _graph(snap) == _graph(full)
    assert not (tmp_path / "ls.json.bak").read_text(encoding="utf-8") == ""


def test_a_changed_file_replaces_only_its_own_statements(tmp_path):
    files = [str(p) for p in X.all_exports(tmp_path)]
    snap = tmp_path / "ls.json"
    run(["import", *files, "-o", str(snap), "-q", "--as-of", "2026-11-25"])
    before = json.loads(run(["show", "HR", "-l", str(snap), "-f", "json"]).output)
    assert sorted(r["role"] for r in before["roles"]) == [
        "it_manager", "it_specialist", "it_specialist", "object_owner"]
    roles = tmp_path / "roller.csv"
    X.write_csv(roles, [["Förvaltningsobjekt", "Objektägare", "Förvaltningsledare IT"],
                        ["Ekonomi", "Eva Falk", "ivar.jonsson@testland.se"]],
                encoding="utf-8", bom=True)
    assert run(["import", str(roles), "-o", str(snap), "-q"]).exit_code == 0
    hr = json.loads(run(["show", "HR", "-l", str(snap), "-f", "json"]).output)
    assert hr["roles"] == [] and hr["vacant_roles"] == []  # the role list no longer says
    eko = json.loads(run(["show", "Ekonomi", "-l", str(snap), "-f", "json"]).output)
    assert sorted((r["role"], r["person"], r["active"]) for r in eko["roles"]) == [
        ("it_manager", "Ivar Jonsson", False), ("object_owner", "Eva Falk", True)]
    js = json.loads(run(["stats", "-l", str(snap), "-f", "json"]).output)
    assert js["nodes"]["System"] == 10  # the inventory's systems are all still there


def test_inventory_without_a_referenced_system_leaves_a_placeholder(tmp_path):
    inv = X.write_csv(tmp_path / "inv.csv", [["System-ID", "Systemnamn", "Leverantör"],
                                              ["S1", "Raindance", "CGI"],
                                              ["S2", "Heroma", "CGI"]])
    integ = X.write_csv(tmp_path / "int.csv", [["Källsystem", "Målsystem", "Typ"],
                                                ["Raindance", "Heroma", "Fil"]])
    snap = tmp_path / "ls.json"
    assert run(["import", str(inv), str(integ), "-o", str(snap), "-q"]).exit_code == 0
    X.write_csv(inv, [["System-ID", "Systemnamn", "Leverantör"], ["S1", "Raindance", "CGI"]])
    assert run(["import", str(inv), "-o", str(snap), "-q"]).exit_code == 0
    heroma = json.loads(run(["show", "Heroma", "-l", str(snap), "-f", "json"]).output)
    assert heroma["key"] == "System:S2" and heroma["fields"].get("placeholder") is True
    assert heroma["fields"].get("vendor") is None and heroma["sources"] == ["int.csv:2"]
    assert any(e["kind"] == "unresolved" and "no longer defined" in e["reason"]
               for e in heroma["ledger"])
    rain = json.loads(run(["show", "Raindance", "-l", str(snap), "-f", "json"]).output)
    assert [i["to"] for i in rain["integrations_out"]] == ["Heroma"]


def test_replace_rebuilds_from_the_files_given(tmp_path):
    files = [str(p) for p in X.all_exports(tmp_path)]
    snap = tmp_path / "ls.json"
    run(["import", *files, "-o", str(snap), "-q"])
    r = run(["import", "--replace", str(tmp_path / "roller.csv"), "-o", str(snap)])
    assert r.exit_code == 0 and "The landscape holds 1 source: roller.csv (imported now)." \
        in unwrap(r.output)
    js = json.loads(run(["stats", "-l", str(snap), "-f", "json"]).output)
    assert [f["file"] for f in js["files"]] == ["roller.csv"]


def test_own_ledger_csvs_are_skipped(tmp_path):
    inv = X.write_csv(tmp_path / "inv.csv", [["System-ID", "Systemnamn", "Leverantör"],
                                              ["S1", "Raindance", "CGI"]])
    snap = tmp_path / "ls.json"
    run(["import", str(inv), "-o", str(snap), "-q"])
    csvs = sorted(str(p) for p in tmp_path.glob("*.csv"))
    assert [p.rsplit("/", 1)[1] for p in csvs] == ["inv.csv", "ls.ledger.csv", "ls.rejected.csv"]
    r = CliRunner().invoke(main, ["import", *csvs, "-o", str(snap)])
    assert r.exit_code == 0, r.output
    assert r.stderr.splitlines() == [
        "Skipped ls.ledger.csv: an ea import ledger (.ledger.csv or .rejected.csv) written by "
        "ea: ignored",
        "Skipped ls.rejected.csv: an ea import ledger (.ledger.csv or .rejected.csv) written "
        "by ea: ignored"], r.stderr
    assert "The landscape holds 1 source: inv.csv (imported now)." in unwrap(r.stdout)


def test_a_renamed_export_is_a_new_source_and_the_summary_says_so(tmp_path):
    header = ["System-ID", "Systemnamn", "Leverantör"]
    old = X.write_csv(tmp_path / "systemlista-2026-10.csv", [header, ["S1", "Procapita", "CGI"]])
    new = X.write_csv(tmp_path / "systemlista-2026-11.csv", [header, ["S1", "Lifecare", "CGI"]])
    snap = tmp_path / "ls.json"
    run(["import", str(old), "-o", str(snap), "-q", "--as-of", "2026-10-31"])
    r = run(["import", str(new), "-o", str(snap), "--as-of", "2026-11-30"])
    assert ("The landscape holds 2 sources: systemlista-2026-11.csv (imported now); kept from "
            "earlier imports: systemlista-2026-10.csv (2026-10-31) ('ea import --replace FILES' "
            "rebuilds from the files given only).\nNote: systemlista-2026-10.csv (kept) also "
            "states systems; if a file imported now replaces it under a new name, import with "
            "--replace.") in unwrap(r.output)
    r = run(["import", "--replace", str(new), "-o", str(snap), "-q"])
    js = json.loads(run(["show", "S1", "-l", str(snap), "-f", "json"]).output)
    assert js["name"] == "Lifecare" and js["conflicts"] == []
