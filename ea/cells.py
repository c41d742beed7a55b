"""Cells that stay data in a spreadsheet: formula neutralising and CSV record ends.

Shared by everything that writes a table a person opens in Excel: the reports
(:mod:`ea.output`), the exports and the importers' ledger and rejected-row files. A small
model-level utility, so importers need not import the outputs.

>>> neutralise("=SUM(A1)"), neutralise("-3"), neutralise("Anna")
("'=SUM(A1)", '-3', 'Anna')
"""

from __future__ import annotations

BOM = "\ufeff"
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Make one cell value inert in a spreadsheet."""
    if isinstance(value, str) and value.startswith(_DANGEROUS):
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
