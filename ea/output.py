"""DataFrame -> terminal table, CSV, JSON, XLSX or Markdown.

Every writer is safe for spreadsheets: a text cell that starts with ``=``, ``+``, ``-``, ``@``
(or a tab / carriage return) is prefixed with ``'`` so Excel and LibreOffice show it as text
instead of running it as a formula (OWASP "CSV injection"). Lists are joined with ``"; "``.
Files are written atomically (temporary file, then rename).

Files for people (xlsx, md) are written in a language (``lang``, see :mod:`ea.i18n`):
Swedish headers, finding names, severities and roles with ``"sv"``; shares (columns named
``share…``) as percentages. Machine formats (csv, json) keep the English keys and codes in
any language.

Examples
--------
>>> import pandas as pd
>>> from ea.output import render
>>> print(render(pd.DataFrame({"name": ["=HYPERLINK(1)"], "n": [2]}), "csv"), end="")
name,n
'=HYPERLINK(1),2
"""

from __future__ import annotations

import io
import json
import math
import os
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from ea import i18n
from ea.atomic import atomic_write
from ea.cells import BOM, FORMULA_STARTS, csv_lf, neutralise, xlsx_cell  # noqa: F401 (the writers' own names)

FORMATS = ("table", "csv", "json", "xlsx", "md")
#: The file suffixes ea writes, and the format each one means (``.txt``: the terminal table).
SUFFIXES = {"xlsx": "xlsx", "csv": "csv", "json": "json", "md": "md", "markdown": "md",
            "txt": "table"}
#: Cell types written as they are (the common case, tested first).
_PLAIN = frozenset({str, int, bool})


def _cell(value):
    if type(value) in _PLAIN or value is None:
        return value
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, list | tuple | set):
        return "; ".join(str(c) for c in map(_cell, value) if c is not None)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalar
        try:
            return value.item()
        except (AttributeError, ValueError):
            return value
    if value is pd.NaT:
        return None
    return value


def flatten(df: pd.DataFrame, *, safe: bool = True) -> pd.DataFrame:
    """Lists and dicts to text, NaN to None; with ``safe`` also neutralise formulas."""
    out = df.copy()
    for col in out.columns:
        vals = [v if type(v) is str else _cell(v) for v in out[col].tolist()]
        if safe:  # only text can be a formula
            vals = [neutralise(v) if type(v) is str and v.startswith(FORMULA_STARTS) else v
                    for v in vals]
        out[col] = pd.Series(vals, index=out.index, dtype=object)
    out.columns = [neutralise(str(c)) if safe else str(c) for c in out.columns]
    return out


def _json_value(value):
    if isinstance(value, list | tuple | set):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json_value(v) for k, v in value.items()}
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    if hasattr(value, "item") and not isinstance(value, str):
        try:
            return value.item()
        except (AttributeError, ValueError):
            return str(value)
    if value is pd.NaT:
        return None
    return value


def to_records(df: pd.DataFrame) -> list[dict]:
    """Rows as plain JSON-ready dicts (lists stay lists)."""
    return [{str(k): _json_value(v) for k, v in row.items()} for row in df.to_dict("records")]


def _is_share(col) -> bool:
    return str(col).startswith("share")


def _percent(v):
    return f"{v:.0%}" if isinstance(v, float) and not math.isnan(v) else v


def _markdown(df: pd.DataFrame, lang: str = "en") -> str:
    r"""A Markdown table; shares as percentages, headers and codes in ``lang``.

    >>> print(_markdown(pd.DataFrame({"code": ["missing_role"], "share_unowned": [0.3125]}),
    ...                 "sv"), end="")
    | Avvikelse | Andel utan objektägare |
    | --- | --- |
    | Obligatorisk roll saknas | 31% |
    """
    df = i18n.translate(df, lang)
    for col in df.columns:
        if _is_share(col):
            df = df.assign(**{col: [_percent(v) for v in df[col].tolist()]})
    flat = flatten(df, safe=False)
    cols = [i18n.header(lang, c) if lang == "sv" else str(c) for c in flat.columns]

    def esc(v) -> str:
        s = "" if v is None else " ".join(str(v).split())
        # HTML stays text (< >), links and images cannot be made ([ ]), cells stay cells (|)
        return (s.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")
                .replace(">", "&gt;").replace("[", "\\[").replace("]", "\\]"))

    out = ["| " + " | ".join(esc(c) for c in cols) + " |",
           "| " + " | ".join("---" for _ in cols) + " |"]
    for r in flat.itertuples(index=False):
        out.append("| " + " | ".join(esc(v) for v in r) + " |")
    return "\n".join(out) + "\n"


def render(df: pd.DataFrame, fmt: str = "table", *, excel: bool = False,
           lang: str = "en") -> str:
    r"""Render ``df`` as text in ``fmt`` (every format but xlsx).

    ``excel`` CSV is what Swedish Excel opens by double-click: ``;`` between cells, a decimal
    comma and a UTF-8 byte-order mark (without the mark Excel reads UTF-8 as Windows-1252 and
    garbles å, ä, ö). ``lang`` is the language of the table and md; csv and json keep their
    English keys and codes.

    >>> render(pd.DataFrame({"namn": ["Åsa"], "andel": [0.5]}), "csv", excel=True)
    '\ufeffnamn;andel\nÅsa;0,5\n'
    """
    if fmt == "table":
        from ea.terminal import render_table

        return render_table(df, lang=lang)
    if fmt == "csv":
        buf = io.StringIO()
        if excel:
            flat = flatten(df)
            for col in flat.columns:  # decimal comma, as Swedish Excel reads numbers
                flat[col] = [str(v).replace(".", ",") if isinstance(v, float) else v
                             for v in flat[col].tolist()]
            flat.to_csv(buf, index=False, lineterminator="\r\n", sep=";")
            return BOM + csv_lf(buf.getvalue())
        flatten(df).to_csv(buf, index=False, lineterminator="\r\n")
        return csv_lf(buf.getvalue())
    if fmt == "json":
        return json.dumps(to_records(df), ensure_ascii=False, indent=1, default=str) + "\n"
    if fmt == "md":
        return _markdown(df, lang)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


_atomic = atomic_write


def write_xlsx(sheets: dict[str, pd.DataFrame], path: str | os.PathLike, *,
               progress=None, lang: str = "en") -> Path:
    """Write one or more frames as sheets of a real .xlsx workbook (formulas neutralised);
    ``progress("writing <sheet>", rows, total)`` every thousand rows. Shares are numbers
    shown as percentages; ``lang="sv"``: Swedish headers, finding names, severities, roles
    and sheet names."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter

    path = Path(path)

    CUT_CELLS.clear()
    SPLIT_SHEETS.clear()

    def write(tmp: str) -> None:
        # write-only: rows go to the file as they are appended instead of living as cell
        # objects until the save (a few hundred bytes a cell: the whole workbook again in
        # memory, several times over for a 100,000-row sheet)
        wb = Workbook(write_only=True)
        for title, df in sheets.items():
            # control characters dropped first, formulas neutralised after: '\x01=1+1'
            # must not become the formula =1+1
            flat = flatten(i18n.translate(df, lang), safe=False)
            heads = [i18n.header(lang, c) if lang == "sv" else str(c) for c in flat.columns]
            cols = [str(c) for c in flat.columns]
            widths = [min(max(max([len(head)] + [len(str(v)) for v in flat[col].head(200)
                                                 if v is not None]) + 2, 8), 60)
                      for col, head in zip(flat.columns, heads, strict=True)]
            shares = {j for j, col in enumerate(flat.columns) if _is_share(col)}
            name = i18n.sheet(lang, title)
            # Excel holds XLSX_MAX_ROWS rows under the header on a sheet: the rest goes on
            # continuation sheets ("name (2)", ...), each with its header (the CLI says so)
            parts = max(1, -(-len(flat) // XLSX_MAX_ROWS))
            if parts > 1:
                SPLIT_SHEETS.append((name, len(flat), parts))
            for part in range(parts):
                rows = flat.iloc[part * XLSX_MAX_ROWS:(part + 1) * XLSX_MAX_ROWS]
                ws = wb.create_sheet(title=_sheet_title(name, part + 1))
                # everything about the sheet is set before its first row
                for i, width in enumerate(widths, start=1):
                    ws.column_dimensions[get_column_letter(i)].width = width
                ws.freeze_panes = "A2"
                if len(rows):
                    ws.auto_filter.ref = (f"A1:{get_column_letter(max(len(cols), 1))}"
                                          f"{len(rows) + 1}")

                def share(v, ws=ws):  # 0.31 shown as 31 %, still a number to compute with
                    c = WriteOnlyCell(ws, value=v)
                    c.number_format = "0%"
                    return c

                ws.append([neutralise(_xlsx_text(h)) for h in heads])
                done = part * XLSX_MAX_ROWS
                for i, r in enumerate(rows.itertuples(index=False), start=done):
                    if progress and i % 1000 == 0:
                        progress(f"writing {title}", i, len(flat))
                    ws.append([neutralise(_xlsx_text(v, (title, cols[j])))
                               if isinstance(v, str) else share(v) if j in shares else v
                               for j, v in enumerate(r)])
        if progress:
            progress("saving the workbook", 0, 1)
        wb.save(tmp)

    _atomic(path, write)
    return path


#: Cells cut to Excel's limit by the last xlsx written (the CLI warns): (sheet, column).
CUT_CELLS: list[tuple[str, str]] = []

#: Rows under the header Excel holds on one sheet (1,048,576 rows in all).
XLSX_MAX_ROWS = 1_048_575

#: Sheets the last xlsx written continued on further sheets (the CLI says so): (sheet, rows,
#: sheets).
SPLIT_SHEETS: list[tuple[str, int, int]] = []


def _xlsx_text(v: str, where: tuple[str, str] = ("", "")) -> str:
    # what Excel cannot hold replaced (ea.cells), over-long cells cut with a marker
    text, cut = xlsx_cell(v)
    if cut:
        CUT_CELLS.append(where)
    return text


def _sheet_title(title: str, part: int = 1) -> str:
    """A sheet name Excel takes (31 characters, none of ``[]:*?/\\``); ``part`` > 1: the
    name of a continuation sheet, ``name (2)``."""
    bad = '[]:*?/\\'
    suffix = f" ({part})" if part > 1 else ""
    t = "".join("_" if c in bad else c for c in title)[:31 - len(suffix)]
    return (t or "Sheet") + suffix


def write_text(text: str, path: str | os.PathLike) -> Path:
    """Write ``text`` to ``path`` atomically, in UTF-8."""
    path = Path(path)
    _atomic(path, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
    return path


#: Rows per piece when a CSV file is written in pieces (:func:`write_csv_chunks`).
CSV_CHUNK_ROWS = 20_000


def frame_chunks(df: pd.DataFrame, rows: int = CSV_CHUNK_ROWS) -> Iterator[pd.DataFrame]:
    """``df`` in slices of ``rows`` rows (the dtypes of the whole frame, so every slice is
    written as the whole frame would be)."""
    for start in range(0, max(len(df), 1), rows):
        yield df.iloc[start:start + rows]


def write_csv_chunks(chunks: Iterable[pd.DataFrame], path: str | os.PathLike, *,
                     excel: bool = False) -> tuple[Path, int]:
    """Write the frames of ``chunks`` to ``path`` as one CSV, each piece rendered and written
    as it comes (no text of the whole file, no frame of every row): byte for byte what
    :func:`render` gives for their concatenation when their columns and dtypes agree. The
    header is the first piece's (a piece with no rows still gives it). Atomic, like every
    writer here. Returns the path and the number of rows written."""
    path = Path(path)
    written = 0

    def write(tmp: str) -> None:
        nonlocal written
        first = True
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            for chunk in chunks:
                text = render(chunk, "csv", excel=excel)
                if not first:  # one header: drop this piece's (and its byte-order mark)
                    text = text.lstrip(BOM).split("\n", 1)[1] if "\n" in text else ""
                fh.write(text)
                written += len(chunk)
                first = False

    _atomic(path, write)
    return path, written


def write(df: pd.DataFrame, fmt: str, path: str | os.PathLike | None = None,
          *, sheet: str = "findings", extra_sheets: dict[str, pd.DataFrame] | None = None,
          excel: bool = False, progress=None, lang: str = "en") -> str | Path:
    """Write ``df`` to ``path`` in ``fmt``; without a path return the text (not for xlsx).
    ``excel``: CSV for Swedish Excel (see :func:`render`); ``lang``: the language of xlsx,
    md and the table (csv and json keep their English keys)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "xlsx":
        if path is None:
            raise ValueError("xlsx needs an output file (--output FILE.xlsx)")
        return write_xlsx({sheet: df, **(extra_sheets or {})}, path, progress=progress,
                          lang=lang)
    if fmt == "csv" and path is not None:  # in pieces: no text of the whole file
        return write_csv_chunks(frame_chunks(df), path, excel=excel)[0]
    text = render(df, fmt, excel=excel, lang=lang)
    if extra_sheets and fmt in ("table", "md"):
        for title, extra in extra_sheets.items():
            text += (("\n## " if fmt == "md" else "\n") + i18n.title(lang, title, title)
                     + "\n\n" + render(extra, fmt, lang=lang))
    if path is None:
        return text
    return write_text(text, path)
