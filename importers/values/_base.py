"""Shared by every value parser: :class:`Parsed` and the text helpers
(blank test, folding, keyword patterns, "no answer" markers).

Part of :mod:`ea.importers.values` (see its docstring for examples)."""

from __future__ import annotations

import datetime as _dt
import functools
import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Parsed:
    """The result of parsing one cell.

    Attributes
    ----------
    value
        Canonical value, or None when unknown or not understood.
    raw
        The input as stripped text; None for blank input.
    note
        What was assumed, or why ``value`` is None although ``raw`` is not.
    ok
        False when a non-blank input could not be understood.
    """

    value: object
    raw: str | None
    note: str | None = None
    ok: bool = True


BLANK = Parsed(None, None)

_RE_HSPACE = re.compile(r"[ \t\u00a0\u2007\u202f]+")
_RE_SPACES = re.compile(r"\s+")

# ----------------------------------------------------------------------------- helpers


def _is_blank(value: object) -> bool:
    if value is None:
        return True
    try:
        if value != value:  # NaN, NaT
            return True
    except TypeError:  # pandas.NA refuses bool()
        return True
    if isinstance(value, str):
        return not value.replace("\u00a0", " ").strip()
    return False


def _text(value: object) -> str:
    """The value as stripped text (integral floats without ``.0``)."""
    if isinstance(value, str):
        return _RE_HSPACE.sub(" ", value).strip()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, _dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value).strip()


@functools.lru_cache(maxsize=65536)
def _fold(text: str) -> str:
    """Casefold, drop accents (å/ä → a, ö → o), collapse whitespace."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _RE_SPACES.sub(" ", text).strip()


def _kw(*alternatives: str) -> re.Pattern[str]:
    """A regex matching any alternative as whole words of folded text."""
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(alternatives) + r")(?![a-z0-9])")


def _lookup(folded: str, table) -> tuple | None:
    for row in table:
        if row[0].search(folded):
            return row
    return None


# Markers meaning "no answer" (folded). For dates and levels they count as blank.
_UNKNOWN_MARKERS = {
    "-", "--", "---", "\u2013", "\u2014", ".", "..", "...", "?", "??", "n/a", "na", "n.a.",
    "vet ej", "vet inte", "okant", "unknown", "ej kant", "ej angivet", "ej ifyllt",
}


def _is_unknown_marker(text: str) -> bool:
    return _fold(text) in _UNKNOWN_MARKERS


def _answered(value: object) -> tuple[str, str] | None:
    """``(raw, folded)`` for a cell that answers something; None for a blank cell or a
    "no answer" marker (``-``, ``Vet ej``, ``n/a``): the prologue of every vocabulary parser.

    >>> _answered("  Under avveckling "), _answered("Vet ej"), _answered(None)
    (('Under avveckling', 'under avveckling'), None, None)
    """
    if _is_blank(value):
        return None
    raw = _text(value)
    if _is_unknown_marker(raw):
        return None
    return raw, _fold(raw)

