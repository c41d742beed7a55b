"""Progress on long work: library functions take a ``progress(phase, done, total)`` callback
and print nothing; the CLI draws a bar on stderr when it is a terminal and stays silent
otherwise."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from click.testing import CliRunner

from ea.cli import main
from tests.pty_run import on_pty


class Recorder:
    def __init__(self):
        self.calls: list[tuple[str, int, int]] = []

    def __call__(self, phase, done, total):
        self.calls.append((phase, done, total))

    def last(self, phase):
        return [c for c in self.calls if c[0] == phase][-1]


def test_import_reports_files_and_rows(tmp_path, capsys):
    from ea.importers import import_files
    from tests import exports as X

    files = X.all_exports(tmp_path)
    rec = Recorder()
    import_files(files, imported_at=dt.date(2026, 11, 25), progress=rec)
    assert capsys.readouterr().out == ""
    reading = [c for c in rec.calls if c[0] == "reading files"]
    assert [c[1] for c in reading] == list(range(len(files)))
    rows = {c[0]: c for c in rec.calls if c[0] != "reading files"}
    assert rows, rec.calls
    # every row phase ends complete: done == total
    assert all(rec.last(p)[1] == rec.last(p)[2] for p in rows)
    assert any(p.startswith("integrationer.csv: ") for p in rows)


def test_demo_map_and_xlsx_report_steps(tmp_path, capsys):
    from ea import demo, maps, output
    from ea.importers import import_files

    rec = Recorder()
    files = demo.generate(tmp_path / "d", size=50, progress=rec)
    assert rec.last("generating the region") == ("generating the region", 11, 11)
    ls = import_files(files.paths, imported_at=dt.date(2026, 11, 25)).landscape
    maps.build_map(ls, as_of=dt.date(2026, 11, 25), progress=rec)
    assert rec.last("building the map") == ("building the map", 4, 4)
    output.write_xlsx({"big": pd.DataFrame({"a": range(2500)})}, tmp_path / "x.xlsx",
                      progress=rec)
    assert [c[1] for c in rec.calls if c[0] == "writing big"] == [0, 1000, 2000]
    assert capsys.readouterr().out == ""


def test_cli_silent_when_not_a_terminal(tmp_path):
    r = CliRunner().invoke(main, ["demo", "--size", "50", "--out", str(tmp_path / "d"),
                                  "-l", str(tmp_path / "l.json"), "--as-of", "2026-11-25"])
    assert r.exit_code == 0, r.output
    assert "━" not in r.output and "generating the region" not in r.output


def test_bar_on_a_terminal(tmp_path):
    """Under a pty the bar is drawn on stderr (and cleared when done)."""
    rc, text = on_pty(["demo", "--size", "300", "--out", str(tmp_path / "d"), "-l",
                       str(tmp_path / "l.json"), "--as-of", "2026-11-25"],
                      {"COLUMNS": "120", "LINES": "500"}, streams="stderr", timeout=120)
    assert rc == 0
    assert "generating the region" in text or "reading files" in text
    assert "━" in text
