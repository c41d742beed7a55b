"""A minimal, deterministic .xlsx writer (fixed metadata and zip timestamps), so the same
``(size, seed)`` gives byte-identical workbooks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from ea.demo.vocabulary import _FIXED_DATETIME, _ZIP_TIME, REGION

_NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def _col_letter(i: int) -> str:
    out = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        out = chr(65 + r) + out
    return out


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


class _Xlsx:
    """A minimal, streaming-fast, reproducible xlsx writer (shared strings, ISO date style).

    openpyxl without lxml writes about 100,000 cells a second, too slow for size=100,000, and
    stamps the current time into the package; this writes the same OOXML parts Excel does
    with fixed metadata and fixed zip timestamps, so equal input gives equal bytes.
    Cells: ``None``/``""`` are left out, ``int``/``float`` are numbers, ``datetime.date`` is an
    Excel serial with a ``yyyy-mm-dd`` format, everything else a shared string.
    """

    def __init__(self) -> None:
        self.sheets: list[tuple[str, str]] = []
        self.strings: dict[str, int] = {}
        self.n_string_refs = 0

    def _sid(self, text: str) -> int:
        self.n_string_refs += 1
        idx = self.strings.get(text)
        if idx is None:
            idx = self.strings[text] = len(self.strings)
        return idx

    def add_sheet(self, name: str, rows) -> None:
        letters: list[str] = []
        parts = [_XML_HEAD, f'<worksheet xmlns="{_NS_MAIN}">', "", "<sheetData>"]
        n_rows = 0
        append = parts.append
        date_type, str_type = dt.date, str
        for r, row in enumerate(rows, start=1):
            while len(letters) < len(row):
                letters.append(_col_letter(len(letters)))
            cells = []
            for c, value in enumerate(row):
                if value is None or value == "":
                    continue
                ref = f"{letters[c]}{r}"
                t = type(value)
                if t is str_type:
                    cells.append(f'<c r="{ref}" t="s"><v>{self._sid(value)}</v></c>')
                elif t is int or t is float:
                    cells.append(f'<c r="{ref}"><v>{value!r}</v></c>')
                elif t is date_type:
                    cells.append(f'<c r="{ref}" s="1"><v>{(value - _EXCEL_EPOCH).days}</v></c>')
                else:
                    cells.append(f'<c r="{ref}" t="s"><v>{self._sid(str(value))}</v></c>')
            append(f'<row r="{r}">{"".join(cells)}</row>')
            n_rows = r
        append("</sheetData></worksheet>")
        # readers (openpyxl read-only, calamine) size the sheet from <dimension>
        last = f"{_col_letter(max(len(letters), 1) - 1)}{max(n_rows, 1)}"
        parts[2] = f'<dimension ref="A1:{last}"/>'
        self.sheets.append((name, "".join(parts)))

    def save(self, path: Path) -> None:
        n = len(self.sheets)
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for i in range(1, n + 1)
        )
        ct = "application/vnd.openxmlformats-officedocument"
        content_types = (
            f'{_XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{ct}.spreadsheetml.sheet.main+xml"/>'
            f"{overrides}"
            f'<Override PartName="/xl/styles.xml" ContentType="{ct}.spreadsheetml.styles+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{ct}.spreadsheetml.sharedStrings+xml"/>'
            '<Override PartName="/docProps/core.xml" ContentType="application/'
            'vnd.openxmlformats-package.core-properties+xml"/>'
            f'<Override PartName="/docProps/app.xml" ContentType="{ct}.extended-properties+xml"/>'
            "</Types>"
        )
        rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        root_rels = (
            f'{_XML_HEAD}<Relationships xmlns="{_NS_PKG_REL}">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
            'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
            f'<Relationship Id="rId3" Type="{rel}/extended-properties" Target="docProps/app.xml"/>'
            "</Relationships>"
        )
        stamp = _FIXED_DATETIME.strftime("%Y-%m-%dT%H:%M:%SZ")
        core = (
            f'{_XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/'
            '2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:creator>{REGION}</dc:creator>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
            "</cp:coreProperties>"
        )
        app = (
            f'{_XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/'
            '2006/extended-properties"><Application>Microsoft Excel</Application></Properties>'
        )
        sheets = "".join(
            f'<sheet name="{_esc(name)}" sheetId="{i}" r:id="rId{i}"/>'
            for i, (name, _xml) in enumerate(self.sheets, start=1)
        )
        workbook = (
            f'{_XML_HEAD}<workbook xmlns="{_NS_MAIN}" xmlns:r="{_NS_REL}">'
            f"<sheets>{sheets}</sheets></workbook>"
        )
        wb_rels = "".join(
            f'<Relationship Id="rId{i}" Type="{rel}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, n + 1)
        )
        wb_rels = (
            f'{_XML_HEAD}<Relationships xmlns="{_NS_PKG_REL}">{wb_rels}'
            f'<Relationship Id="rId{n + 1}" Type="{rel}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId{n + 2}" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>'
            "</Relationships>"
        )
        styles = (
            f'{_XML_HEAD}<styleSheet xmlns="{_NS_MAIN}">'
            '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>'
            '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
            '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
            "</cellXfs>"
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            "</styleSheet>"
        )
        sst_items = []
        for text in self.strings:
            space = ' xml:space="preserve"' if text != text.strip() else ""
            sst_items.append(f"<si><t{space}>{_esc(text)}</t></si>")
        sst = (
            f'{_XML_HEAD}<sst xmlns="{_NS_MAIN}" count="{self.n_string_refs}" '
            f'uniqueCount="{len(self.strings)}">{"".join(sst_items)}</sst>'
        )
        parts = [
            ("[Content_Types].xml", content_types),
            ("_rels/.rels", root_rels),
            ("docProps/app.xml", app),
            ("docProps/core.xml", core),
            ("xl/workbook.xml", workbook),
            ("xl/_rels/workbook.xml.rels", wb_rels),
            ("xl/styles.xml", styles),
            *((f"xl/worksheets/sheet{i}.xml", xml) for i, (_n, xml) in enumerate(self.sheets, 1)),
            ("xl/sharedStrings.xml", sst),
        ]
        with ZipFile(path, "w", ZIP_DEFLATED) as zf:
            for name, text in parts:
                info = ZipInfo(name, date_time=_ZIP_TIME)
                info.compress_type = ZIP_DEFLATED
                info.external_attr = 0o600 << 16
                zf.writestr(info, text.encode("utf-8"), compresslevel=6)
