"""Dates: :func:`parse_date` (ISO, Excel serials, month names, quarters, terms, weeks).

Part of :mod:`ea.importers.values` (see its docstring for examples)."""

from __future__ import annotations

import calendar
import datetime as _dt
import math
import numbers
import re

from ea.importers.values._base import BLANK, Parsed, _fold, _is_blank, _is_unknown_marker, _text

# ------------------------------------------------------------------------------ dates

_SENTINEL_YEARS = (9998, 9999)
_EXCEL_EPOCH = _dt.date(1899, 12, 30)
_MIN_YEAR, _MAX_YEAR = 1800, 2200

_MONTHS = {
    "jan": 1, "januari": 1, "january": 1, "feb": 2, "februari": 2, "february": 2,
    "mar": 3, "mars": 3, "march": 3, "apr": 4, "april": 4, "maj": 5, "may": 5,
    "jun": 6, "juni": 6, "june": 6, "jul": 7, "juli": 7, "july": 7, "aug": 8, "augusti": 8,
    "august": 8, "sep": 9, "sept": 9, "september": 9, "okt": 10, "oct": 10, "oktober": 10,
    "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))

_RE_YMD = re.compile(
    r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})"
    r"(?:(?:T|\s+)\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?"
)
_RE_YM = re.compile(r"(\d{4})[-/.](\d{1,2})")
_RE_DIGITS = re.compile(r"(\d+)(?:\.0+)?")
_RE_SERIAL_FRACTION = re.compile(r"(\d{5})[.,]\d+")
_RE_DMY = re.compile(r"\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}")
_RE_DAY_MONTH_NAME = re.compile(rf"(\d{{1,2}})\.?\s*({_MONTH_RE})\.?\s+(\d{{4}})")
_RE_MONTH_NAME = re.compile(rf"({_MONTH_RE})\.?\s+(\d{{4}})")
_RE_MONTH_NAME_DAY = re.compile(rf"({_MONTH_RE})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})")
# periods in plans: "Q3 2025", "2025 Q3", "kv3 2025", "T2 2026" (tertial), "H1 2026",
# "ht 2025" / "hösten 2025" / "vt 2026" / "våren 2026", ISO week "2025-W10", "v10 2025"
_RE_QUARTER = re.compile(r"(?:q|kv|kvartal)\s*([1-4])[\s,/-]*(\d{4})|(\d{4})[\s,/-]*(?:q|kv)\s*([1-4])")
_RE_TERTIAL = re.compile(r"(?:t|tertial)\s*([1-3])[\s,/-]*(\d{4})|(\d{4})[\s,/-]*t([1-3])")
_RE_HALF = re.compile(r"(?:h|halvar)\s*([12])[\s,/-]*(\d{4})|(\d{4})[\s,/-]*h([12])")
_RE_TERM = re.compile(r"(vt|ht|varen|hosten|var|host|varterminen|hostterminen)\s*(\d{4})")
_RE_ISO_WEEK = re.compile(r"(\d{4})-?w(\d{1,2})(?:-?([1-7]))?|(?:v|vecka|w|week)\s*(\d{1,2}),?\s+(\d{4})")
_TIME_RE = re.compile(r"(?:T|\s+)(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?")


def _sentinel(raw: str, year: int) -> Parsed:
    return Parsed(None, raw, note=f"sentinel year {year}: no date")


def _make_date(raw: str, y: int, m: int | None, d: int | None, end: bool) -> Parsed:
    """Build a Parsed date; ``m``/``d`` None mean year/month precision."""
    if y in _SENTINEL_YEARS:
        return _sentinel(raw, y)
    if not _MIN_YEAR <= y <= _MAX_YEAR:
        return Parsed(None, raw, note=f"year {y} out of range {_MIN_YEAR}-{_MAX_YEAR}", ok=False)
    note = None
    if m is None:
        m, d = (12, 31) if end else (1, 1)
        note = "year only: " + ("last day of year" if end else "first day of year")
    elif d is None:
        if not 1 <= m <= 12:
            return Parsed(None, raw, note="invalid month", ok=False)
        d = calendar.monthrange(y, m)[1] if end else 1
        note = "month only: " + ("last day of month" if end else "first day of month")
    try:
        return Parsed(_dt.date(y, m, d).isoformat(), raw, note=note)
    except ValueError:
        return Parsed(None, raw, note="invalid date", ok=False)


def _from_serial(raw: str, serial: float) -> Parsed:
    return Parsed((_EXCEL_EPOCH + _dt.timedelta(days=int(serial))).isoformat(), raw,
                  note="Excel serial date")


def _digits_date(raw: str, digits: str, end: bool) -> Parsed:
    n = len(digits)
    if n == 4:
        return _make_date(raw, int(digits), None, None, end)
    if n == 5 and 20000 <= int(digits) <= 80000:
        return _from_serial(raw, int(digits))
    if n == 6:
        return _make_date(raw, int(digits[:4]), int(digits[4:]), None, end)
    if n == 8:
        return _make_date(raw, int(digits[:4]), int(digits[4:6]), int(digits[6:]), end)
    return Parsed(None, raw, note="number is not a date", ok=False)


def parse_date(value: object, *, end_of_period: bool = False) -> Parsed:
    """Parse a date cell to an ISO ``YYYY-MM-DD`` string.

    Parameters
    ----------
    value
        ``datetime.date``/``datetime.datetime``, int/float (year, ``YYYYMM``, ``YYYYMMDD`` or
        Excel serial), or text.
    end_of_period
        For year-only or month-only values, return the last day of the period instead of
        the first (use it for end dates such as planned retirement).

    Returns
    -------
    Parsed
        ``value`` is the ISO date or None. Sentinel years 9998/9999 give None with note
        "sentinel year 9999: no date"; text with letters that is no date (``Tills vidare``)
        gives None with note "free text kept raw" and ``ok=True``; digits that make no valid
        date, and ambiguous ``D/M/Y`` forms, give ``ok=False``.

    Examples
    --------
    >>> parse_date("2023-05-01 00:00:00").value
    '2023-05-01'
    >>> parse_date("202306", end_of_period=True).value
    '2023-06-30'
    >>> parse_date(45047).value
    '2023-05-01'
    """
    if _is_blank(value):
        return BLANK
    if isinstance(value, bool):
        return Parsed(None, str(value), note="boolean is not a date", ok=False)
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        raw = value.isoformat()
        if value.year in _SENTINEL_YEARS:
            return _sentinel(raw, value.year)
        return Parsed(raw, raw)
    if isinstance(value, numbers.Real):
        raw = _text(value)
        v = float(value)
        if not math.isfinite(v) or v < 0:
            return Parsed(None, raw, note="number is not a date", ok=False)
        if not v.is_integer():
            if 20000 <= v < 80001:
                return _from_serial(raw, v)
            return Parsed(None, raw, note="number is not a date", ok=False)
        return _digits_date(raw, str(int(v)), end_of_period)

    raw = _text(value)
    if _is_unknown_marker(raw):
        return BLANK
    if m := _RE_YMD.fullmatch(raw):
        t = _TIME_RE.match(raw, m.end(4))
        if t and (int(t[1]) > 24 or int(t[2]) > 59 or (t[3] and int(t[3]) > 60)
                  or (int(t[1]) == 24 and (int(t[2]) or int(t[3] or 0)))):
            return Parsed(None, raw, note=f"invalid time of day {t[0].strip()}", ok=False)
        return _make_date(raw, int(m[1]), int(m[3]), int(m[4]), end_of_period)
    if m := _RE_SERIAL_FRACTION.fullmatch(raw):
        if 20000 <= int(m[1]) <= 80000:
            return _from_serial(raw, int(m[1]))
    if m := _RE_DIGITS.fullmatch(raw):
        return _digits_date(raw, m[1], end_of_period)
    if m := _RE_YM.fullmatch(raw):
        return _make_date(raw, int(m[1]), int(m[2]), None, end_of_period)
    if _RE_DMY.fullmatch(raw):
        return Parsed(None, raw, note="ambiguous day/month order: use YYYY-MM-DD", ok=False)
    folded = _fold(raw)
    if m := _RE_DAY_MONTH_NAME.fullmatch(folded):
        return _make_date(raw, int(m[3]), _MONTHS[m[2]], int(m[1]), end_of_period)
    if m := _RE_MONTH_NAME.fullmatch(folded):
        return _make_date(raw, int(m[2]), _MONTHS[m[1]], None, end_of_period)
    if m := _RE_MONTH_NAME_DAY.fullmatch(folded):
        return _make_date(raw, int(m[3]), _MONTHS[m[1]], int(m[2]), end_of_period)
    period = _period(raw, folded, end_of_period)
    if period is not None:
        return period
    if any(c.isalpha() for c in raw):
        if re.search(r"(?<!\d)(1[89]|2[01])\d\d(?!\d)", raw):
            # a year in it: meant as a date, but not one ea can read - say so
            return Parsed(None, raw, note="holds a year but is no date ea can read", ok=False)
        return Parsed(None, raw, note="free text kept raw")
    return Parsed(None, raw, note="not a date", ok=False)


def _span(raw: str, y: int, first_month: int, months: int, end: bool, what: str) -> Parsed:
    """A period of ``months`` months from ``first_month`` of year ``y``: its first day, or
    its last day when ``end``."""
    if not _MIN_YEAR <= y <= _MAX_YEAR:
        return Parsed(None, raw, note=f"year {y} out of range {_MIN_YEAR}-{_MAX_YEAR}", ok=False)
    if end:
        last = first_month + months - 1
        day = _dt.date(y, last, calendar.monthrange(y, last)[1])
    else:
        day = _dt.date(y, first_month, 1)
    return Parsed(day.isoformat(), raw,
                  note=f"{what}: {'last' if end else 'first'} day of the period")


def _period(raw: str, folded: str, end: bool) -> Parsed | None:
    """Quarters, tertials, halves, school terms and ISO weeks (None when not one)."""
    f = folded.replace("\u00e5", "a")
    if m := _RE_QUARTER.fullmatch(f):
        q, y = (m[1], m[2]) if m[1] else (m[4], m[3])
        return _span(raw, int(y), 3 * int(q) - 2, 3, end, f"quarter Q{q}")
    if m := _RE_TERTIAL.fullmatch(f):
        t, y = (m[1], m[2]) if m[1] else (m[4], m[3])
        return _span(raw, int(y), 4 * int(t) - 3, 4, end, f"tertial T{t}")
    if m := _RE_HALF.fullmatch(f):
        h, y = (m[1], m[2]) if m[1] else (m[4], m[3])
        return _span(raw, int(y), 6 * int(h) - 5, 6, end, f"half-year H{h}")
    if m := _RE_TERM.fullmatch(f):
        spring = m[1] in ("vt", "varen", "var", "varterminen")
        return _span(raw, int(m[2]), 1 if spring else 7, 6, end,
                     "spring (vt: January-June)" if spring else "autumn (ht: July-December)")
    if m := _RE_ISO_WEEK.fullmatch(f):
        y, w, d = (m[1], m[2], m[3]) if m[1] else (m[5], m[4], None)
        try:
            if d:
                return Parsed(_dt.date.fromisocalendar(int(y), int(w), int(d)).isoformat(), raw,
                              note="ISO week day")
            day = _dt.date.fromisocalendar(int(y), int(w), 7 if end else 1)
        except ValueError:
            return Parsed(None, raw, note=f"no week {w} in {y}", ok=False)
        return Parsed(day.isoformat(), raw, note="ISO week: " + ("Sunday" if end else "Monday"))
    return None


