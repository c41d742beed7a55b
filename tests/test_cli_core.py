"""ea import / show / stats end to end through the command line."""

from __future__ import annotations

import json

from click.testing import CliRunner

from ea.cli import main
from tests import exports as X


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
    assert "rejected rows (4)" in r.output
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
