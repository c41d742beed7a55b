"""The shared tabular reader: CSV and Excel files to tables of raw cells with line numbers.

Kind about formats: CSV in UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text") or
Windows-1252, and UTF-8 with a few Windows-1252 lines (listed); delimiters ``;`` ``,`` tab and
``|`` sniffed (a header of known aliases decides); quoted cells spanning lines, and runaway
quotes caught; .xlsx/.xlsm, old .xls and OpenDocument .ods workbooks with several sheets
(cached formula values, real dates). Strict about what it cannot read: binary data, broken
zip files and undecodable bytes give an :class:`~ea.errors.InputError` naming the file (and
line).

The header row is found among the first rows (title rows above it are skipped and
reported), so a sheet that starts with "Systemförteckning 2025" still imports.
"""

from __future__ import annotations

import csv
import itertools
import re
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
    #: rows the reader could not read as rows (a runaway quote): (line, reason, text)
    rejected: list[tuple[int, str, str | None]] = field(default_factory=list)
    raw_widths: dict[int, int] = field(default_factory=dict)  # CSV rows of another width
    header_width: int = 0  # cells in the header row (before columns for ragged rows)
    first_row: list = field(default_factory=list)  # the first non-blank row (ea's own reports)
    #: what the reader noticed: (line, column, reason, value) - ledger warnings
    warnings: list[tuple[int | None, str | None, str, str | None]] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.file}[{self.sheet}]" if self.sheet else self.file


def _decode(data: bytes, name: str) -> tuple[str, str, list[int]]:
    """Text, encoding and the lines (1-based) decoded as Windows-1252 inside a UTF-8 file.

    Decided on evidence: a BOM says UTF-8 or UTF-16; bytes that decode as UTF-8 are UTF-8.
    When some lines do not, each line is tried on its own: if any other line holds UTF-8
    multi-byte characters the file is UTF-8 with a few stray Windows-1252 lines (those lines
    are read as Windows-1252 and listed); if none does, the whole file is Windows-1252.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        enc = "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        enc = "utf-16"
    else:
        enc = None
    if enc is None and b"\x00" in data[:4096]:
        raise InputError("binary data, not a CSV text file", file=name)
    if enc is not None:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise InputError(f"cannot decode the bytes as {enc.upper()} (byte "
                             f"0x{data[exc.start]:02x} at this line)", file=name,
                             line=line) from None
        return _no_nul(text, name), ("utf-8-bom" if enc == "utf-8-sig" else enc), []
    try:
        return _no_nul(data.decode("utf-8"), name), "utf-8", []
    except UnicodeDecodeError:
        pass
    parts = data.split(b"\n")
    out: list[str] = []
    bad: list[int] = []
    utf8_lines = 0
    for i, ln in enumerate(parts, start=1):
        try:
            text = ln.decode("utf-8")
            utf8_lines += not ln.isascii()  # a multi-byte character (any byte >= 0x80)
        except UnicodeDecodeError:
            try:
                text = ln.decode("cp1252")
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"cannot decode the bytes as UTF-8 or Windows-1252 (byte "
                    f"0x{ln[exc.start]:02x} at this line); save the file as UTF-8 CSV",
                    file=name, line=i) from None
            bad.append(i)
        out.append(text)
    if not utf8_lines:
        return _no_nul("\n".join(out), name), "cp1252", []
    return _no_nul("\n".join(out), name), "utf-8", bad


def _no_nul(text: str, name: str) -> str:
    if "\x00" in text:
        raise InputError("binary data, not a CSV text file", file=name)
    return text


def physical_lines(text: str) -> list[str]:
    """The lines of a text as CSV sees them (ends kept): split at ``\\r\\n``, ``\\n`` and
    ``\\r`` only, never at the vertical tab, form feed or Unicode separators
    ``str.splitlines()`` also splits at."""
    return [m for m in re.findall(r"[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+$", text) if m]


DELIMITERS = (";", ",", "\t", "|")


def _split(line: str, d: str) -> list[str]:
    try:
        return next(csv.reader([line.rstrip("\r\n")], delimiter=d), [])
    except csv.Error:
        return [line]


def sniff_delimiter(text: str | list[str], score: Callable[[list], int] | None = None) -> str:
    """The delimiter of a CSV text (Swedish Excel writes ``;``).

    A header row that splits into at least two known header aliases decides (one comma in a
    ``;`` file does not fool it); else the candidate that splits the first lines most
    consistently. Lines are split at line breaks only, never at vertical tabs."""
    lines = text if isinstance(text, list) else physical_lines(text)
    lines = [ln for ln in lines[:60] if ln.strip()][:30]
    if not lines:
        return ","
    best, best_score = ",", (-1, -1.0)
    for d in DELIMITERS:
        rows = [_split(ln, d) for ln in lines]
        counts = [len(r) for r in rows]
        if max(counts) <= 1:
            continue
        aliases = max((score(r) for r in rows[:15]), default=0) if score else 0
        head = counts[0]
        consistent = sum(1 for c in counts if c == head) / len(counts)
        key = (aliases if aliases >= 2 else 0, consistent * 10 + min(head, 50) / 50)
        if key > best_score:
            best, best_score = d, key
    return best


def _body_delimiter(lines: list[str], header_i: int, delim: str, width: int) -> str:
    """The delimiter of the rows under a header: the header's, unless most rows do not split
    on it and another delimiter splits them into the header's width (a ``;`` header over
    ``,`` rows)."""
    body = [ln for ln in lines[header_i + 1: header_i + 31] if ln.strip()]
    if not body or width < 2:
        return delim
    if sum(len(_split(ln, delim)) > 1 for ln in body) * 2 > len(body):
        return delim
    for d in DELIMITERS:
        if d != delim and sum(len(_split(ln, d)) == width for ln in body) * 2 > len(body):
            return d
    return delim


class _Lines:
    """An iterator over physical lines that knows how far csv.reader has read."""

    def __init__(self, lines: list[str], start: int):
        self.lines, self.pos = lines, start

    def __iter__(self):
        return self

    def __next__(self) -> str:
        if self.pos >= len(self.lines):
            raise StopIteration
        self.pos += 1
        return self.lines[self.pos - 1]


def _looks_like_record(line: str, delim: str, width: int) -> bool:
    return width >= 2 and len(_split(line, delim)) >= width


def parse_csv_lines(lines: list[str], delim: str, name: str, *, width: int | None = None,
                    first_line: int = 1, rejected: list | None = None,
                    warnings: list | None = None) -> Iterator[tuple[int, list]]:
    """Rows of CSV lines with their 1-based first line.

    A quoted field that runs on over lines that look like rows of their own (as many fields
    as a row has) is a runaway quote: that row is rejected (appended to ``rejected`` with
    its line and text) and reading goes on from the next line, so one unterminated quote
    never swallows the rest of the file."""
    if width is None:
        counts = [len(_split(ln, delim)) for ln in lines[:30] if ln.strip()]
        width = max(set(counts), key=counts.count) if counts else 1
    i = 0
    while i < len(lines):
        it = _Lines(lines, i)
        reader = csv.reader(it, delimiter=delim)
        restart = None
        while True:
            start = it.pos
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                raise InputError(f"malformed CSV ({exc})", file=name,
                                 line=first_line + start) from None
            end = it.pos
            # a runaway swallows lines that look like rows of their own: two or more, or one
            # when it runs to the end of the file or garbles the row (a legitimate cell over
            # lines may hold one line like "a;b;c", and closes leaving a row of the width)
            records = sum(_looks_like_record(ln, delim, width)
                          for ln in lines[start + 1:end]) if end - start > 1 else 0
            if records >= 2 or (records == 1 and (end == len(lines) or len(row) != width)):
                if rejected is not None:
                    rejected.append((first_line + start,
                                     f"unterminated quote: the quoted field runs on over lines "
                                     f"{first_line + start}-{first_line + end - 1}, which look "
                                     "like rows of their own; this row is rejected and the "
                                     "lines after it are read as rows",
                                     lines[start].rstrip("\r\n")[:200]))
                restart = start + 1
                break
            if end == len(lines) and "".join(lines[start:end]).count('"') % 2 and \
                    warnings is not None:
                warnings.append((first_line + start, None, "unterminated quote at the end of "
                                 "the file: the last field runs to the end; check this row",
                                 lines[start].rstrip("\r\n")[:200]))
            yield first_line + start, row
        if restart is None:
            return
        i = restart


def _is_blank_row(cells: list) -> bool:
    for c in cells:  # a loop, not all() over a generator: asked of every row read
        if c is None or (isinstance(c, str) and not c.strip()):
            continue
        return False
    return True


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
                  skipped_lines=[ln for ln, c in head[:hi] if not _is_blank_row(c)],
                  header_width=width,
                  first_row=next((list(c) for _, c in head if not _is_blank_row(c)), []), **kw)

    def take(line: int, cells: list) -> None:
        if _is_blank_row(cells):
            table.blank += 1
            return
        if type(cells) is not list:
            cells = list(cells)
        n = len(cells)
        while n > width and _is_blank_row(cells[n - 1:n]):
            n -= 1  # trailing empty fields ("a;b;c;;;") carry nothing
        if n != width and fmt == "csv":
            table.raw_widths[line] = n
        if n > len(table.headers):
            # values beyond the header: kept under "(column N)", never dropped
            table.headers += [None] * (n - len(table.headers))
        table.rows.append((line, cells[:max(n, width)]))

    for line, cells in head[hi + 1:]:
        take(line, cells)
    for line, cells in it:
        take(line, cells)
    full = len(table.headers)
    for _, c in table.rows:  # each row's list is its own (take() copied it)
        if len(c) < full:
            c.extend([None] * (full - len(c)))
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
    text, enc, cp1252_lines = _decode(data, name)
    lines = physical_lines(text)
    delim = sniff_delimiter(lines, score)
    warnings: list = [(ln, None, "line is not valid UTF-8 (the rest of the file is): read as "
                       "Windows-1252; check its å, ä, ö", None) for ln in cp1252_lines]
    rejected: list = []
    # the header's line and width decide how the rows under it are split
    head_rows = list(itertools.islice(
        ((ln, r) for ln, r in enumerate((_split(x, delim) for x in lines), start=1)
         if not _is_blank_row(r)), HEADER_SCAN_ROWS))
    body_delim = delim
    if head_rows:
        hi = _find_header(head_rows, score)
        header_line, header = head_rows[hi]
        width = len(header)
        while width and not header[width - 1].strip():
            width -= 1
        body_delim = _body_delimiter(lines, header_line - 1, delim, width)
        if body_delim != delim:
            warnings.append((header_line, None, f"the header row is split on '{delim}' but the "
                             f"rows under it on '{body_delim}'; each is read with its own",
                             None))

    def numbered() -> Iterator[tuple[int, list]]:
        if body_delim == delim:
            rows = parse_csv_lines(lines, delim, name, rejected=rejected, warnings=warnings)
        else:
            first = head_rows[hi][0]
            rows = itertools.chain(
                parse_csv_lines(lines[:first], delim, name, rejected=rejected,
                                warnings=warnings),
                parse_csv_lines(lines[first:], body_delim, name, first_line=first + 1,
                                rejected=rejected, warnings=warnings))
        for line, row in rows:
            # only a text starting with ' can be one ea neutralised
            yield line, [(unneutralise(c) if c[0] == "'" else c) if c else None for c in row]

    t = _make_table(name, None, "csv", numbered(), score, encoding=enc, delimiter=body_delim)
    if t is None:
        if rejected:
            raise InputError(f"no row could be read: {rejected[0][1]}", file=name,
                             line=rejected[0][0])
        return []
    t.rejected.extend(r for r in rejected if r[0] > t.header_line)
    t.warnings[:0] = warnings
    _field_counts(t)
    repair_mojibake(t, score)
    return [t]


def _unmojibake(text: str) -> str | None:
    """``LeverantÃ¶r`` -> ``Leverantör`` (UTF-8 bytes once read as Windows-1252); None when
    the text is not such mojibake."""
    if not isinstance(text, str) or text.isascii():
        return None
    try:
        fixed = text.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    return fixed if fixed != text else None


def repair_mojibake(t: Table, score: Callable[[list], int]) -> None:
    """A header that matches a known alias only after repairing mojibake (``LeverantÃ¶r``)
    is repaired with a warning naming the file: the file was saved in the wrong encoding.
    Its cells are repaired the same way (the warning says so)."""
    fixed = []
    for i, h in enumerate(t.headers):
        r = _unmojibake(h)
        if r is not None and not score([h]) and score([r]):
            fixed.append((h, r))
            t.headers[i] = r
    if not fixed:
        return
    t.warnings.append((t.header_line, None, "headers match only after repairing mojibake ("
                       + ", ".join(f"'{a}' -> '{b}'" for a, b in fixed) + f"): {t.label} was "
                       "saved as UTF-8 read as Windows-1252; its text is repaired the same way, "
                       "check its å, ä, ö and save it again as UTF-8", None))
    for _, cells in t.rows:
        for j, c in enumerate(cells):
            r = _unmojibake(c)
            if r is not None:
                cells[j] = r


def _field_counts(t: Table) -> None:
    """A CSV row whose field count differs from the header's is a warning (its values are
    read by position; extra values are kept under ``(column N)``)."""
    width = t.header_width
    for line, _cells in t.rows:
        n = t.raw_widths.get(line, width)
        if n != width:
            t.warnings.append((line, None, f"the row has {n} fields, the header {width}"
                               + ("; the missing ones read as empty" if n < width else
                                  "; the extra values are kept as extra data"), None))


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
        from ea.cells import neutralise

        if neutralise(value[1:]) == value:
            return value[1:]
    return value


def _xlsx_cell(c):
    if isinstance(c, str):
        c = c.strip()
        if c[:1] == "'":  # only such a text can be one ea neutralised
            c = unneutralise(c)
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


def read_xlsx(path: Path, score: Callable[[list], int], *, display: str | None = None,
              fmt: str = "xlsx", max_bytes: int = MAX_CSV_BYTES) -> list[Table]:
    """Read every sheet of a workbook (.xlsx/.xlsm, old binary .xls, OpenDocument .ods) with
    python-calamine (Rust; measured 12x faster than openpyxl's read-only mode on a
    10,000-row inventory). Cached formula values are read, never formulas; dates come as
    dates; empty cells as None."""
    name = display or path.name
    if fmt == "xls":
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"file is {size // (1024 * 1024)} MiB, above the limit of "
                             f"{max_bytes // (1024 * 1024)} MiB for one .xls; split it",
                             file=name)
        if path.read_bytes()[:8] != b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
            raise InputError("not a valid .xls workbook (no OLE2 header)", file=name)
    else:
        if not zipfile.is_zipfile(path):
            raise InputError(f"not a valid .{fmt} workbook (it is not a zip file)", file=name)
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
            # _xlsx_cell inlined for the plain texts calamine gives (most cells, "" for an
            # empty one): the same values without a call per cell
            for i, row in enumerate(rows, start=1):
                yield i, [((s if (s := c.strip())[:1] != "'" else unneutralise(s)) or None)
                          if type(c) is str else _xlsx_cell(c) for c in row]

        t = _make_table(name, sheet_name, fmt, numbered(), score)
        if t is not None:
            repair_mojibake(t, score)
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
    if ext in (".xls", ".ods"):
        return read_xlsx(p, score, display=name, fmt=ext[1:], max_bytes=max_csv_bytes)
    raise InputError(f"unknown file format '{ext or 'no extension'}' (expected .csv, .xlsx, "
                     ".xls or .ods)", file=name)
