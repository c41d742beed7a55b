"""Excel's own limits on the workbooks ea writes: a sheet holds 1,048,576 rows, header
included. A report with more rows (``ea coordinate --all`` of a country) continues on further
sheets, each with its header, filter and frozen pane, and the CLI says so; nothing is cut."""

from __future__ import annotations

import pandas as pd
from click.testing import CliRunner
from openpyxl import load_workbook

from ea import output
from ea.cli import main
from tests.test_orphans_listing import _snapshot


def test_rows_beyond_a_sheet_continue_on_the_next(tmp_path, monkeypatch):
    assert output.XLSX_MAX_ROWS + 1 == 2 ** 20  # Excel's sheet: 1,048,576 rows, header included
    monkeypatch.setattr(output, "XLSX_MAX_ROWS", 2)
    df = pd.DataFrame({"name": ["Alfa", "=cmd|' /C calc'!A0", "Gamma", "Delta", "Epsilon"],
                       "share_unowned": [0.1, 0.2, 0.3, 0.4, 0.5]})
    path = output.write_xlsx({"orphans": df, "per organisation": df.head(1)},
                             tmp_path / "x.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == ["orphans", "orphans (2)", "orphans (3)", "per organisation"]
    rows = {s: [list(r) for r in wb[s].iter_rows(values_only=True)] for s in wb.sheetnames}
    assert rows["orphans"] == [["name", "share_unowned"], ["Alfa", 0.1],
                               ["'=cmd|' /C calc'!A0", 0.2]]
    assert rows["orphans (2)"] == [["name", "share_unowned"], ["Gamma", 0.3], ["Delta", 0.4]]
    assert rows["orphans (3)"] == [["name", "share_unowned"], ["Epsilon", 0.5]]
    for s, ref in (("orphans", "A1:B3"), ("orphans (2)", "A1:B3"), ("orphans (3)", "A1:B2")):
        assert (wb[s].auto_filter.ref, wb[s].freeze_panes) == (ref, "A2")
        assert wb[s]["B2"].number_format == "0%"
    assert output.SPLIT_SHEETS == [("orphans", 5, 3)]

    # a long sheet name keeps its number within Excel's 31 characters
    assert output._sheet_title("Integrations to plan jointly with", 12) == \
        "Integrations to plan joint (12)"


def test_the_cli_says_where_the_rows_went(tmp_path, monkeypatch):
    monkeypatch.setattr(output, "XLSX_MAX_ROWS", 4)
    _, snap = _snapshot(tmp_path)
    out = tmp_path / "orphans.xlsx"
    res = CliRunner().invoke(main, ["orphans", "-l", snap, "--as-of", "2026-11-25", "-o",
                                    str(out)])
    assert res.exit_code == 0, res.output
    assert ("Note: sheet 'orphans' has 6 rows, more than Excel's 4 a sheet: continued on "
            "sheets 'orphans (2)' to 'orphans (2)' (csv keeps one file)") in res.output
    wb = load_workbook(out)
    assert [wb[s].max_row for s in ("orphans", "orphans (2)")] == [5, 3]
