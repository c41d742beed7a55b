"""The board pack as an Excel workbook: the summary first, native charts, print setup.

Written with openpyxl (already ea's xlsx library): bar charts are real Excel charts that
Excel and LibreOffice draw and a board member can restyle; every sheet prints landscape,
fitted to the page width, with its header row repeated on each page. Text cells go
through :func:`ea.cells.xlsx_cell` and :func:`ea.cells.neutralise`, as every xlsx ea
writes: a system named ``=HYPERLINK(…)`` stays text, an over-long cell is cut with a marker.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ea.atomic import atomic_write
from ea.boardpack import labels as L
from ea.boardpack.data import BoardPack
from ea.cells import neutralise, xlsx_cell

_HEAD_FILL = PatternFill("solid", fgColor="1F4E79")
_HEAD_FONT = Font(bold=True, color="FFFFFF")
_TITLE_FONT = Font(bold=True, size=18)
_H2_FONT = Font(bold=True, size=13)
_WRAP = {"reason", "example", "systems"}


def _value(v):
    if v is None:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, list | tuple | set):
        v = ", ".join(str(x) for x in v)
    if hasattr(v, "item") and not isinstance(v, str):
        v = v.item()
    if isinstance(v, pd.Timestamp):
        v = v.date()
    if isinstance(v, str):
        return neutralise(xlsx_cell(v)[0])
    return v


def _print_setup(ws, header_row: int) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)


def _table(ws, df: pd.DataFrame, lang: str, *, start_row: int = 1, severity_words=True) -> int:
    """Write ``df`` with translated headers from ``start_row``; returns the last row."""
    cols = list(df.columns)
    for j, c in enumerate(cols, 1):
        cell = ws.cell(row=start_row, column=j, value=L.column(lang, c))
        cell.fill, cell.font = _HEAD_FILL, _HEAD_FONT
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    widths = [len(L.column(lang, c)) for c in cols]
    r = start_row
    for r, row in enumerate(df.itertuples(index=False), start_row + 1):
        for j, (c, v) in enumerate(zip(cols, row, strict=True), 1):
            if c == "severity" and severity_words and isinstance(v, str):
                v = L.severity(lang, v)
            if c == "report" and isinstance(v, str):
                v = L.report(lang, v)
            if c == "code" and isinstance(v, str):
                v = L.code(lang, v)
            if c == "quarter" and v == "passed":
                v = L.words(lang)["passed"]
            cell = ws.cell(row=r, column=j, value=_value(v))
            if c in L.PERCENT:
                cell.number_format = "0%"
            elif isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            if c in _WRAP:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            else:
                cell.alignment = Alignment(vertical="top")
            widths[j - 1] = max(widths[j - 1], len(str(cell.value or "")))
    for j, (c, w) in enumerate(zip(cols, widths, strict=True), 1):
        cap = 70 if c in _WRAP else 40
        ws.column_dimensions[get_column_letter(j)].width = max(8, min(cap, w + 2))
    return r


def _sheet(wb, title: str, df: pd.DataFrame | None, lang: str, *, heading: str):
    ws = wb.create_sheet(title[:31])
    ws.cell(row=1, column=1, value=heading).font = _H2_FONT
    if df is None or df.empty:
        ws.cell(row=3, column=1, value=L.words(lang)["none"])
        return ws, 3, 3
    last = _table(ws, df, lang, start_row=3)
    _print_setup(ws, 3)
    return ws, 3, last


def write(pack: BoardPack, path) -> None:
    """Write ``pack`` as an .xlsx workbook at ``path`` (atomically)."""
    lang = pack.lang
    w = L.words(lang)
    wb = Workbook()
    ws = wb.active
    ws.title = w["summary"][:31]
    ws.cell(row=1, column=1, value=w["pack"]).font = _TITLE_FONT
    ws.cell(row=2, column=1, value=_value(pack.title)).font = _H2_FONT
    ws.cell(row=3, column=1, value=f"{w['as_of']} {pack.as_of.isoformat()}")
    ws.cell(row=4, column=1, value=f"{w['scope']}: {_value(pack.scope) or w['whole']}")
    row = 6
    ws.cell(row=row, column=1, value=w["key_figures"]).font = _H2_FONT
    for key, value in pack.totals.items():
        row += 1
        ws.cell(row=row, column=1, value=w.get(key, key))
        c = ws.cell(row=row, column=2, value=value)
        if key in L.PERCENT:
            c.number_format = "0%"
    row += 2
    ws.cell(row=row, column=1, value=w["sources"]).font = _H2_FONT
    for s in pack.sources or [w["no_sources"]]:
        row += 1
        ws.cell(row=row, column=1, value=_value(s))
    for note in pack.notes:
        row += 2
        ws.cell(row=row, column=1, value=_value(note)).font = Font(italic=True)
    ws.cell(row=row + 2, column=1, value=f"{w['generated_by']} {dt.date.today().isoformat()}")
    ws.column_dimensions["A"].width = 62
    ws.column_dimensions["B"].width = 14
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0

    org = pack.organisations.drop(columns=["organisation"])
    org_ws, head, last = _sheet(wb, w["organisation"], org, lang, heading=w["unowned_title"])
    if last > head:
        chart = BarChart()
        chart.type = "bar"
        chart.style = 10
        chart.title = w["unowned_chart"]
        chart.y_axis.title = w["share_unowned"]
        chart.y_axis.numFmt = "0%"
        chart.y_axis.scaling.min = 0
        chart.y_axis.scaling.max = 1
        cols = list(org.columns)
        for name in ("share_unowned", "share_objects_unowned"):
            j = cols.index(name) + 1
            chart.add_data(Reference(org_ws, min_col=j, min_row=head, max_row=last),
                           titles_from_data=True)
        chart.set_categories(Reference(org_ws, min_col=1, min_row=head + 1, max_row=last))
        chart.height = max(7.5, 0.6 * (last - head) + 3)
        chart.width = 22
        ws.add_chart(chart, "D6")

    f_ws, _head, last = _sheet(wb, w["findings"], pack.findings, lang,
                               heading=w["findings_title"])
    f_ws.cell(row=last + 2, column=1, value=w["coordinate_note"]).font = Font(italic=True)
    f_ws.cell(row=last + 3, column=1, value=w["report"]).font = Font(bold=True)
    for i, r in enumerate(pack.finding_counts.itertuples(index=False), last + 4):
        f_ws.cell(row=i, column=1, value=L.report(lang, r.report))
        f_ws.cell(row=i, column=2, value=f"{L.severity(lang, 'critical')}: {r.critical}")
        f_ws.cell(row=i, column=3, value=f"{L.severity(lang, 'high')}: {r.high}")
    _sheet(wb, "Nav" if lang == "sv" else "Hubs", pack.hubs, lang, heading=w["hubs_title"])
    q = pack.quarters.drop(columns=["start"])
    q_ws, head, last = _sheet(wb, "Åldrande" if lang == "sv" else "Ageing", q, lang,
                              heading=w["ageing_title"])
    if last > head:
        chart = BarChart()
        chart.type = "col"
        chart.grouping = "stacked"
        chart.overlap = 100
        chart.title = w["ageing_chart"]
        for j in (2, 3):
            chart.add_data(Reference(q_ws, min_col=j, min_row=head, max_row=last),
                           titles_from_data=True)
        chart.set_categories(Reference(q_ws, min_col=1, min_row=head + 1, max_row=last))
        chart.width, chart.height = 22, 9
        q_ws.add_chart(chart, f"A{last + 3}")
    _sheet(wb, "Ersättning" if lang == "sv" else "Replacement", pack.replacement, lang,
           heading=w["replacement_title"])
    _sheet(wb, "Klassning" if lang == "sv" else "Classification", pack.classification, lang,
           heading=w["classification_title"])
    if pack.people is not None:
        _sheet(wb, "Nyckelpersoner" if lang == "sv" else "Key people", pack.people,
               lang, heading=w["people_title"])
    if pack.changes is not None:
        c_ws, _head, last = _sheet(wb, "Förändringar" if lang == "sv" else "Changes",
                                   pack.changes, lang, heading=w["changes_title"])
        _table(c_ws, pack.change_counts, lang, start_row=last + 3)
    atomic_write(path, wb.save)
