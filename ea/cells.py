"""Cells that stay data in a spreadsheet: formula neutralising and CSV record ends.

Shared by everything that writes a table a person opens in Excel: the reports
(:mod:`ea.output`), the exports and the importers' ledger and rejected-row files. A small
model-level utility, so importers need not import the outputs.

>>> neutralise("=SUM(A1)"), neutralise("-3"), neutralise("Anna")
("'=SUM(A1)", '-3', 'Anna')
"""

from __future__ import annotations

import re

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Make one cell value inert in a spreadsheet."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        # A plain negative number is data, not a formula; keep it as it is.
        try:
            float(value)
            return value
        except ValueError:
            return "'" + value
    return value


def csv_lf(text: str) -> str:
    r"""CSV text written with ``\r\n`` record ends, with those ends turned into ``\n``.

    Python's csv writer quotes a cell holding a character of the line terminator only: with
    ``\n`` a cell holding a bare ``\r`` is written unquoted and splits its row in two in
    Excel and in every reader (a name can inject a row). Written with ``\r\n`` every such
    cell is quoted; the record ends are then the ``\r\n`` outside quotes (even pieces of
    a split on ``"``; a doubled ``""`` inside quotes splits into an empty piece and keeps
    the parity).

    >>> csv_lf('a,"x\r\ny"\r\n"\r=1"\r\n')
    'a,"x\r\ny"\n"\r=1"\n'
    """
    parts = text.split('"')
    parts[0::2] = [p.replace("\r\n", "\n") for p in parts[0::2]]
    return '"'.join(parts)


# ----------------------------------------------------------------------- XML and xlsx
#: What XML 1.0 (and so xlsx, GraphML, GEXF, ArchiMate) cannot hold: C0 controls but tab,
#: line feed and carriage return; lone UTF-16 surrogates; the non-characters U+FFFE, U+FFFF.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
REPLACEMENT = "\ufffd"
#: Excel's limit for the text of one cell.
XLSX_CELL_MAX = 32_767


def xml_safe(text: str) -> str:
    r"""``text`` with every character XML cannot hold replaced by U+FFFD.

    The one sanitiser: the importers call it where values enter (with a ledger warning),
    the writers once more before they write.

    >>> xml_safe("Rain\x01dance\ufffe"), xml_safe("a\tb\nc")
    ('Rain�dance�', 'a\tb\nc')
    """
    return NOT_XML.sub(REPLACEMENT, text) if NOT_XML.search(text) else text


def xlsx_cell(text: str) -> tuple[str, bool]:
    """``text`` fit for one xlsx cell: XML-safe, and cut to Excel's 32,767 characters with a
    marker saying how long it was. Returns (text, whether it was cut).

    >>> t, cut = xlsx_cell("x" * 40_000)
    >>> cut, len(t), t[-49:]
    (True, 32767, 'x[cut by ea: 40000 characters, Excel holds 32767]')
    """
    text = xml_safe(text)
    if len(text) <= XLSX_CELL_MAX:
        return text, False
    marker = f"[cut by ea: {len(text)} characters, Excel holds {XLSX_CELL_MAX}]"
    return text[: XLSX_CELL_MAX - len(marker)] + marker, True
