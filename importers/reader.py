"""The shared tabular reader: CSV and Excel files to tables of raw cells with line numbers.

Kind about formats: CSV in UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text") or
Windows-1252; delimiters ``;`` ``,`` tab and ``|`` sniffed; quoted cells spanning lines;
.xlsx/.xlsm workbooks with several sheets (cached formula values, real dates). Strict about
what it cannot read: binary data, old .xls, broken zip files and undecodable bytes give an
:class:`~ea.errors.InputError` naming the file (and line).

The header row is found among the first rows (title rows above it are skipped and
reported), so a sheet that starts with "Systemförteckning 2025" still imports.
"""

from __future__ import annotations

import csv
import io
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ea.errors import InputError

#: Refuse single CSV files above this size (bytes) unless told otherwise. Tables are held in
#: memory (the importer resolves references across all rows), at about 15 times the file size
#: (measured: a 50 MB, 490,000-row CSV takes 750 MB to read), so 128 MiB needs ~2 GB; a
#: 10,000-system inventory is 1.5 MB.
MAX_CSV_BYTES = 128 * 1024 * 1024
#: Refuse a workbook whose parts inflate to more than this in total (bytes): a zip bomb, or
#: more cells than memory holds (sheet XML is ~4x more verbose per cell than CSV).
MAX_XLSX_UNCOMPRESSED = 512 * 1024 * 1024
#: Refuse a workbook part that inflates more than this many times its compressed size once it
#: is above :data:`ZIP_RATIO_GRACE` bytes (Apache POI's ZipSecureFile uses the same 100:1).
MAX_ZIP_RATIO = 100
ZIP_RATIO_GRACE = 1024 * 1024
HEADER_SCAN_ROWS = 15
csv.field_size_limit(16 * 1024 * 1024)


@dataclass
class Table:
    """One sheet or CSV file: header cells and data rows with their 1-based line numbers."""

    file: str
    sheet: str | None
    fmt: str
    header_line: int
    headers: list
    rows: list[tuple[int, list]] = field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None
    skipped_lines: list[int] = field(default_factory=list)  # title rows above the header
    blank: int = 0

    @property
    def label(self) -> str:
        return f"{self.file}[{self.sheet}]" if self.sheet else self.file


def _decode(data: bytes, name: str) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        enc = "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        enc = "utf-16"
    else:
        enc = None
    if enc is None and b"\x00" in data[:4096]:
        raise InputError("binary data, not a CSV text file", file=name)
    candidates = [enc] if enc else ["utf-8", "cp1252"]
    last: UnicodeDecodeError | None = None
    for e in candidates:
        try:
            text = data.decode(e)
        except UnicodeDecodeError as exc:
            last = exc
            continue
        if "\x00" in text:
            raise InputError("binary data, not a CSV text file", file=name)
        return text, ("utf-8-bom" if e == "utf-8-sig" else e)
    line = data[: last.start].count(b"\n") + 1 if last else None
    raise InputError(
        f"cannot decode the bytes as UTF-8 or Windows-1252 (byte 0x{data[last.start]:02x} "
        "at this line); save the file as UTF-8 CSV", file=name, line=line)


def sniff_delimiter(text: str) -> str:
    """The delimiter of a CSV text: the candidate that splits the first lines most
    consistently (Swedish Excel writes ``;``)."""
    lines = [ln for ln in text.splitlines()[:30] if ln.strip()]
    if not lines:
        return ","
    best, best_score = ",", -1.0
    for d in (";", ",", "\t", "|"):
        try:
            rows = list(csv.reader(lines, delimiter=d))
        except csv.Error:
            continue
        counts = [len(r) for r in rows]
        if max(counts) <= 1:
            continue
        head = counts[0]
        consistent = sum(1 for c in counts if c == head) / len(counts)
        score = consistent * 10 + min(head, 50) / 50
        if score > best_score:
            best, best_score = d, score
    return best


def _is_blank_row(cells: list) -> bool:
    return all(c is None or (isinstance(c, str) and c.strip() == "") for c in cells)


def _find_header(rows: list[tuple[int, list]], score: Callable[[list], int]) -> int:
    """Index (in ``rows``) of the header row: the first of the early rows with the best
    alias score; the first non-blank row when nothing scores."""
    best_i, best = None, 0
    for i, (_, cells) in enumerate(rows[:HEADER_SCAN_ROWS]):
        s = score(cells)
        if s > best:
            best_i, best = i, s
        if s >= 2 and best_i == i:
            break
    if best_i is not None:
        return best_i
    for i, (_, cells) in enumerate(rows):
        if not _is_blank_row(cells):
            return i
    return 0


def _make_table(file: str, sheet: str | None, fmt: str, numbered: Iterator[tuple[int, list]],
                score: Callable[[list], int], **kw) -> Table | None:
    head: list[tuple[int, list]] = []
    it = iter(numbered)
    for item in it:
        head.append(item)
        if len(head) >= HEADER_SCAN_ROWS:
            break
    if all(_is_blank_row(c) for _, c in head):
        # nothing in the first rows: the rest may still hold data; read on to be sure
        rest = [x for x in it if not _is_blank_row(x[1])]
        if not rest:
            return None
        head += rest
    hi = _find_header(head, score)
    header_line, headers = head[hi]
    width = len(headers)
    while width and (headers[width - 1] is None or str(headers[width - 1]).strip() == ""):
        width -= 1
    headers = list(headers[:width])
    table = Table(file=file, sheet=sheet, fmt=fmt, header_line=header_line, headers=headers,
                  skipped_lines=[ln for ln, c in head[:hi] if not _is_blank_row(c)], **kw)

    def take(line: int, cells: list) -> None:
        if _is_blank_row(cells):
            table.blank += 1
            return
        cells = list(cells)
        if len(cells) < width:
            cells += [None] * (width - len(cells))
        table.rows.append((line, cells))

    for line, cells in head[hi + 1:]:
        take(line, cells)
    for line, cells in it:
        take(line, cells)
    return table


def read_csv(path: Path, score: Callable[[list], int], *, max_bytes: int = MAX_CSV_BYTES,
             display: str | None = None) -> list[Table]:
    name = display or path.name
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(f"file is {size // (1024 * 1024)} MiB, above the limit of "
                         f"{max_bytes // (1024 * 1024)} MiB for one CSV; split it", file=name)
    data = path.read_bytes()
    if data[:4] == b"PK\x03\x04":
        raise InputError("this is a zip/Excel file with a .csv name; rename it to .xlsx",
                         file=name)
    text, enc = _decode(data, name)
    delim = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)

    def numbered() -> Iterator[tuple[int, list]]:
        start = 1
        try:
            for row in reader:
                yield start, [unneutralise(c) if c != "" else None for c in row]
                start = reader.line_num + 1
        except csv.Error as exc:
            raise InputError(f"malformed CSV ({exc})", file=name, line=reader.line_num) from None

    t = _make_table(name, None, "csv", numbered(), score, encoding=enc, delimiter=delim)
    return [t] if t else []


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def unneutralise(value):
    """Undo :func:`ea.output.neutralise` on one cell: ``'=SUM(1)`` reads as ``=SUM(1)``.

    ea writes a text cell that a spreadsheet would run as a formula with a leading ``'`` (the
    way Excel itself marks text), so its own CSV/XLSX exports import back to the same names.
    Only exactly what ``neutralise`` adds is removed: ``'-1`` (a neutralised number never
    gets a ``'``) and ``'abc`` stay as they are. The value is data either way; ea never
    evaluates a cell.
    """
    if (isinstance(value, str) and len(value) > 1 and value[0] == "'"
            and value[1:].startswith(_FORMULA_START)):
        from ea.output import neutralise

        if neutralise(value[1:]) == value:
            return value[1:]
    return value


def _xlsx_cell(c):
    if isinstance(c, str):
        c = unneutralise(c.strip())
        return c or None
    return c


def check_zip(path: Path, name: str, *, max_total: int = MAX_XLSX_UNCOMPRESSED,
              max_ratio: int = MAX_ZIP_RATIO) -> None:
    """Refuse a zip bomb before calamine inflates it (calamine would try to hold a 2 GB
    sheet in memory and abort the process).

    Every part is inflated once, in streaming chunks, counting the bytes it really gives
    rather than trusting the sizes the zip declares: a part that inflates beyond its
    declared size, more than ``max_ratio`` times its compressed size (past a 1 MiB grace),
    or parts that together exceed ``max_total`` bytes stop the reading at that point with
    an :class:`~ea.errors.InputError`. A 10,000-system inventory workbook inflates to about
    7 MB at a ratio of 7:1.
    """
    mib = 1024 * 1024
    total = 0
    try:
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                if info.is_dir():
                    continue
                declared = info.file_size
                info.file_size = 1 << 62  # let the stream run past a lying header
                real = 0
                with zf.open(info) as fh:
                    while chunk := fh.read(mib):
                        real += len(chunk)
                        total += len(chunk)
                        if real > declared:
                            raise InputError(
                                f"refused: part {info.filename} inflates beyond the size its "
                                "zip header declares (a damaged file or a zip bomb)", file=name)
                        if real > ZIP_RATIO_GRACE and real > max_ratio * max(info.compress_size, 1):
                            raise InputError(
                                f"refused: part {info.filename} inflates more than {max_ratio} "
                                f"times its compressed size ({info.compress_size} bytes) - a "
                                "zip bomb, not a workbook", file=name)
                        if total > max_total:
                            raise InputError(
                                f"refused: the workbook inflates to more than "
                                f"{max_total // mib} MiB (the limit for one workbook); split "
                                "it or save it as CSV", file=name)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError,
            ValueError, OSError, zlib.error) as exc:
        if isinstance(exc, OSError) and exc.filename:
            raise
        raise InputError(f"not a valid .xlsx workbook (broken zip: {exc})", file=name) from None


def read_xlsx(path: Path, score: Callable[[list], int], *, display: str | None = None) -> list[Table]:
    """Read every sheet of a workbook with python-calamine (Rust; measured 12x faster than
    openpyxl's read-only mode on a 10,000-row inventory). Cached formula values are read,
    never formulas; dates come as dates; empty cells as None."""
    name = display or path.name
    if not zipfile.is_zipfile(path):
        raise InputError("not a valid .xlsx workbook (it is not a zip file)", file=name)
    check_zip(path, name)
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types on broken files
        raise InputError(f"cannot open the workbook ({exc.__class__.__name__}: {exc})",
                         file=name) from None
    tables = []
    for sheet_name in wb.sheet_names:
        try:
            rows = wb.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)
        except Exception as exc:
            raise InputError(f"sheet '{sheet_name}' cannot be read ({exc.__class__.__name__})",
                             file=name) from None

        def numbered(rows=rows) -> Iterator[tuple[int, list]]:
            for i, row in enumerate(rows, start=1):
                yield i, [_xlsx_cell(c) for c in row]

        t = _make_table(name, sheet_name, "xlsx", numbered(), score)
        if t is not None:
            tables.append(t)
    return tables


def read_tables(path: str | Path, score: Callable[[list], int], *, display: str | None = None,
                max_csv_bytes: int = MAX_CSV_BYTES) -> list[Table]:
    """Read a .csv/.tsv/.txt or .xlsx/.xlsm file into tables (one per non-empty sheet)."""
    p = Path(path)
    name = display or p.name
    if not p.exists():
        raise InputError("file not found", file=str(path))
    if p.is_dir():
        raise InputError("is a folder, not a file", file=str(path))
    ext = p.suffix.lower()
    if ext in (".xlsx", ".xlsm"):
        return read_xlsx(p, score, display=name)
    if ext in (".csv", ".tsv", ".txt"):
        return read_csv(p, score, max_bytes=max_csv_bytes, display=name)
    if ext == ".xls":
        raise InputError("old binary Excel (.xls) is not supported; save it as .xlsx", file=name)
    if ext == ".ods":
        raise InputError("OpenDocument spreadsheets are not supported; save as .xlsx", file=name)
    raise InputError(f"unknown file format '{ext or 'no extension'}' (expected .csv or .xlsx)",
                     file=name)
