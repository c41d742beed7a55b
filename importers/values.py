"""Pure parsers for the values found in Swedish IT-landscape exports.

Every parser takes one cell (``str``, number, ``datetime``/``date``, ``None`` or NaN) and
returns a :class:`Parsed`: the canonical value, the raw text, a note saying what was assumed
or why nothing was understood, and ``ok`` (``False`` when a non-blank cell could not be
understood; the importer turns that into a warning with file, line and column). Nothing here
reads files, prints or raises on bad data.

Parsers, with examples (raw → value):

``parse_date(value, *, end_of_period=False)``
    ``2023-05-01``, ``2023-05-01 00:00:00``, ``2023/05/01``, ``2023.05.01``, ``20230501``,
    ``datetime(2023, 5, 1)`` → ``"2023-05-01"``; ``2023-05``, ``202305``, ``maj 2023`` →
    ``"2023-05-01"`` (``"2023-05-31"`` with ``end_of_period``); ``2019`` → ``"2019-01-01"``
    (``"2019-12-31"``); Excel serial ``45047`` → ``"2023-05-01"``; ``9999``, ``9999-12-31`` →
    None, note "sentinel year 9999: no date"; ``Tills vidare`` → None, note "free text kept
    raw" (ok); ``1/5/2023`` → None, not ok (day/month order ambiguous); ``2023-13-45`` → not ok.
``parse_bool(value)``
    ``Ja``, ``x``, ``Yes``, ``Sant``, ``1``, ``Ja, delvis`` → True; ``Nej``, ``No``, ``0`` → False;
    ``Delvis``, ``Vet ej``, ``-``, ``.`` → None, note "unknown" (ok); ``Kanske`` → not ok.
``parse_lifecycle(value)``
    ``Planerad`` → ``planned``; ``Under införande``, ``pilot``, ``experimental`` →
    ``implementing``; ``I drift``, ``Under aktiv vidareutveckling``, ``production`` → ``active``;
    ``Systemet är under avveckling 2025``, ``Deprecated`` → ``phasing_out``; ``Avvecklad``,
    ``Ur drift`` → ``retired``.
``parse_criticality(value)``
    ``Helt verksamhetskritiskt``, ``Kritisk``, ``P1`` → 4; ``Till betydande del
    verksamhetskritiskt``, ``Hög``, ``P2`` → 3; ``Till betydande del ej verksamhetskritiskt``,
    ``Medel``, ``P3`` → 2; ``Ej verksamhetskritiskt``, ``Låg``, ``P4`` → 1; ``3`` → 3;
    ``Ja`` → 3 and ``Nej`` → 1 (with a note: a yes/no answer carries no degree).
``parse_hosting(value)``
    ``Internt``, ``On-premise``, ``Eget datacenter`` → ``on_prem``; ``Externt``, ``Moln``,
    ``SaaS`` → ``external``; ``Hybrid``, ``Internt och externt`` → ``hybrid``.
``parse_level(value, *, scale=None)``
    One KLASSA/MSB level on the canonical 0–4 scale. ``Försumbar`` → 0, ``Måttlig`` → 1,
    ``Betydande`` → 2, ``Allvarlig`` → 3, ``Synnerligen allvarlig`` → 4; three-step names
    ``Låg``/``Medel``/``Hög``/``Mycket hög`` → 1/2/3/4 (noted); ``K2``, ``T:3``, ``Nivå 2``,
    ``2 - Betydande`` (the name wins); bare digits need ``scale`` (``"0-4"``, ``"1-4"``, a dict),
    else are read as 0–4 with a note.
``parse_combined_classification(value, *, scale=None)``
    ``K2 R3 T3``, ``K2R3T3S1``, ``K:2, R:3, T:3``, ``K=2 / R=3 / T=3``, ``2-3-3``, ``2/3/3/1``,
    ``K: Betydande, R: Allvarlig`` → ``{"k": Parsed(2, ...), "r": Parsed(3, ...), ...}``;
    unparseable → ``{"_error": Parsed(None, raw, note=..., ok=False)}``.
``parse_duration_hours(value)``
    ``4 h``, ``4 tim``, ``< 4 timmar``, ``Max 24 timmar`` → 4.0/24.0; ``30 min`` → 0.5;
    ``1 dygn`` → 24.0; ``2 dagar`` → 48.0; ``1 vecka`` → 168.0; ``0,5 h`` → 0.5; ``8`` → 8.0
    (note "no unit: assumed hours"); ``4-8 h`` → 8.0 (upper bound, noted).
``parse_integration_type(value)``
    ``REST``, ``SOAP``, ``Webbtjänst`` → ``api``; ``RIV-TA`` → ``api`` (note "RIV-TA"); ``Fil``,
    ``SFTP``, ``Batch`` → ``file``; ``Databaslänk``, ``ODBC`` → ``db``; ``Meddelandekö``,
    ``JMS`` → ``mq``; ``Kafka``, ``Händelse`` → ``event``; ``Manuell`` → ``manual``;
    anything else → ``other`` (ok, noted).
``parse_frequency(value)``
    ``Realtid``, ``online`` → ``realtime``; ``Varje timme`` → ``hourly``; ``Dagligen``,
    ``Varje natt`` → ``daily``; ``Veckovis`` → ``weekly``; ``Månadsvis`` → ``monthly``;
    ``Årligen`` → ``yearly``; ``Vid behov`` → ``on_demand``; unknown → None (ok, noted).
``split_people(value)``
    ``"Anna Andersson <Anna.Andersson@region.se>; bo@x.se"`` → two :class:`PersonRef`;
    ``"Andersson, Anna"`` → one person "Anna Andersson"; ``"Anna Andersson (IT-avd)"`` →
    name "Anna Andersson"; vacancy markers are dropped.
``is_vacant(value)``
    ``Vakant``, ``(vakant)``, ``Saknas``, ``Ej tillsatt``, ``Ingen``, ``TBD``, ``Under
    rekrytering`` → True; ``-`` and blank → False (unknown, not vacant).
``parse_dependency_cell(value, matcher)`` with :class:`NameMatcher`
    ``"Raindance: Hög (API), Trimbel NIS, TCN, DMS (SEE, SN): Medel (Fil), Heroma"`` →
    three :class:`DepRef` when those names are known: system names may contain commas and
    parentheses, so entries are found by longest known-name match, never by splitting.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import functools
import math
import numbers
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "DepRef",
    "NameMatcher",
    "Parsed",
    "PersonRef",
    "is_vacant",
    "parse_bool",
    "parse_continuity",
    "parse_combined_classification",
    "parse_criticality",
    "parse_date",
    "parse_dependency_cell",
    "parse_integration_types",
    "parse_duration_hours",
    "parse_frequency",
    "parse_hosting",
    "parse_integration_type",
    "parse_level",
    "parse_lifecycle",
    "split_people",
]


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
        return re.sub(r"[ \t\u00a0\u2007\u202f]+", " ", value).strip()
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
    return re.sub(r"\s+", " ", text).strip()


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


# --------------------------------------------------------------------------- booleans

_TRUE = {"ja", "j", "x", "yes", "y", "true", "sant", "1", "1.0"}
_FALSE = {"nej", "n", "no", "false", "falskt", "falsk", "0", "0.0"}
_BOOL_UNKNOWN = _UNKNOWN_MARKERS | {
    "delvis", "ej aktuellt", "inte aktuellt", "ej tillampligt", "partly", "partially",
}
_RE_LEADING_YES = re.compile(r"(?:ja|yes)(?![a-z0-9])")
_RE_LEADING_NO = re.compile(r"(?:nej|no)(?![a-z0-9])")


def parse_bool(value: object) -> Parsed:
    """Parse a yes/no cell.

    Parameters
    ----------
    value
        ``bool``, int (1/0) or text.

    Returns
    -------
    Parsed
        True for ``Ja``/``J``/``x``/``Yes``/``True``/``Sant``/``1`` and answers starting with
        "Ja" (``Ja, delvis``, noted); False for ``Nej``/``N``/``No``/``False``/``Falskt``/``0``
        and answers starting with "Nej"; None with note "unknown" (ok) for ``Delvis``,
        ``Vet ej``, ``-``, ``.``, ``?``, ``n/a``; None and ``ok=False`` otherwise.
    """
    if _is_blank(value):
        return BLANK
    if isinstance(value, bool):
        return Parsed(value, str(value))
    if isinstance(value, numbers.Real):
        raw = _text(value)
        if value in (0, 1):
            return Parsed(bool(value), raw)
        return Parsed(None, raw, note="number is not a yes/no answer", ok=False)
    raw = _text(value)
    folded = _fold(raw)
    if folded in _TRUE:
        return Parsed(True, raw)
    if folded in _FALSE:
        return Parsed(False, raw)
    if folded in _BOOL_UNKNOWN:
        return Parsed(None, raw, note="unknown")
    if _RE_LEADING_YES.match(folded):
        return Parsed(True, raw, note="answer starting with 'Ja' read as yes")
    if _RE_LEADING_NO.match(folded):
        return Parsed(False, raw, note="answer starting with 'Nej' read as no")
    return Parsed(None, raw, note="not a yes/no answer", ok=False)


_RE_PLAN_MISSING = _kw(r"(?:kontinuitetsplan|reservrutin\w*|plan|rutin\w*)\s+(?:saknas|finns (?:inte|ej))",
                      r"saknar (?:kontinuitetsplan|reservrutin\w*|plan|rutin\w*)",
                      r"ingen (?:dokumenterad )?(?:kontinuitetsplan|reservrutin\w*|plan)",
                      r"inte dokumenterad\w*", r"ej dokumenterad\w*", r"no continuity plan")
_RE_PLAN_EXISTS = _kw(r"(?:dokumenterad\w* )?(?:kontinuitetsplan|reservrutin\w*|plan|rutin\w*)"
                     r"(?: \w+){0,3} finns", r"finns (?:en )?(?:dokumenterad\w* )?"
                     r"(?:kontinuitetsplan|reservrutin\w*|plan)", r"dokumenterad\w* "
                     r"(?:kontinuitetsplan|reservrutin\w*)", r"continuity plan (?:exists|in place)")


def parse_continuity(value: object) -> Parsed:
    """A continuity-plan answer: a yes/no (:func:`parse_bool`), or a sentence about a supplier
    outage: ``Dokumenterad kontinuitetsplan finns för ...`` / ``Reservrutin finns`` → True
    (noted), ``Kontinuitetsplan saknas`` / ``Ingen reservrutin`` → False (noted); other
    text ``ok=False``."""
    b = parse_bool(value)
    if b.raw is None or b.ok:
        return b
    folded = _fold(b.raw)
    if _RE_PLAN_MISSING.search(folded):
        return Parsed(False, b.raw, note="text says no continuity plan")
    if _RE_PLAN_EXISTS.search(folded):
        return Parsed(True, b.raw, note="text says a continuity plan exists")
    return Parsed(None, b.raw, note="not a yes/no answer or a sentence about a plan", ok=False)


# --------------------------------------------------------------------------- lifecycle

_LIFECYCLE_CANON = ("planned", "implementing", "active", "phasing_out", "retired")
_LIFECYCLE_TABLE = (
    (_kw(r"under avveckling", r"avvecklas", r"planerad avveckling", r"foraldrad\w*",
         r"deprecated", r"phasing[ _-]?out", r"phase[ _-]?out", r"sunset\w*", r"utfas\w*",
         r"fasas ut"), "phasing_out"),
    (_kw(r"avvecklad\w*", r"avvecklat", r"retired", r"(?:tagen |taget )?ur drift",
         r"decommissioned", r"nedlag[dt]", r"avslutad", r"inaktiv\w*", r"inactive",
         r"arkiverad", r"archived"), "retired"),
    (_kw(r"(?:ej|inte) i drift"), None),
    (_kw(r"vidareutveckl\w*"), "active"),
    (_kw(r"under inforande", r"inforande\w*", r"infors", r"under utveckling", r"utveckling",
         r"development", r"implementing", r"implementation", r"pilot\w*", r"experimental",
         r"under uppbyggnad"), "implementing"),
    (_kw(r"planerad\w*", r"planned", r"planering", r"upphandl\w*", r"forstudie",
         r"kommande", r"proposed"), "planned"),
    (_kw(r"under forvaltning", r"forvaltning\w*", r"i drift", r"drift", r"driftsatt",
         r"aktiv\w*", r"active", r"production", r"produktion", r"live", r"in use",
         r"i bruk", r"operational", r"in operation"), "active"),
)


def parse_lifecycle(value: object) -> Parsed:
    """Parse a recorded lifecycle status to a canonical phase.

    Parameters
    ----------
    value
        Swedish or English status text; longer phrases work ("Systemet är under avveckling
        2025").

    Returns
    -------
    Parsed
        ``planned``, ``implementing``, ``active``, ``phasing_out`` or ``retired``; ``Under
        aktiv vidareutveckling`` is ``active``; Backstage's ``experimental``/``production``/
        ``deprecated`` map to ``implementing``/``active``/``phasing_out``. ``Ej i drift`` is
        ambiguous (planned or retired) and, like unknown text, gives ``ok=False``.
    """
    if _is_blank(value):
        return BLANK
    raw = _text(value)
    if _is_unknown_marker(raw):
        return BLANK
    folded = _fold(raw)
    if folded in _LIFECYCLE_CANON:
        return Parsed(folded, raw)
    row = _lookup(folded, _LIFECYCLE_TABLE)
    if row is None:
        return Parsed(None, raw, note="unknown lifecycle status", ok=False)
    if row[1] is None:
        return Parsed(None, raw, note="ambiguous: 'ej i drift' may be planned or retired",
                      ok=False)
    return Parsed(row[1], raw)


# ------------------------------------------------------------------------- criticality

_CRIT_TABLE = (
    (_kw(r"till betydande del (?:ej|inte|icke) verksamhetskritisk\w*"), 2, None),
    (_kw(r"(?:ej|inte|icke) verksamhetskritisk\w*"), 1, None),
    (_kw(r"till betydande del verksamhetskritisk\w*"), 3, None),
    (_kw(r"helt verksamhetskritisk\w*"), 4, None),
    (_kw(r"verksamhetskritisk\w*"), 3,
     "'verksamhetskritisk' without a degree read as 3"),
    (_kw(r"mycket hog", r"very high", r"extremt hog"), 4, None),
    (_kw(r"(?:ej|inte|icke|not|non)[ -]?(?:kritisk\w*|critical)"), 1, None),
    (_kw(r"kritisk\w*", r"critical", r"mission critical"), 4, None),
    (_kw(r"hog", r"high"), 3, None),
    (_kw(r"medel", r"medium", r"mellan", r"moderate"), 2, None),
    (_kw(r"mycket lag", r"very low", r"lag", r"low"), 1, None),
)
_RE_PNUM = re.compile(r"(p|prio|prioritet|priority|tier)\s*[-:.]?\s*([1-4])")
_RE_CRIT_DIGIT = re.compile(r"([0-9])(?:\.0+)?")
_RE_LEAD_DIGIT = re.compile(r"^([0-9])(?![0-9])")


def parse_criticality(value: object) -> Parsed:
    """Parse business criticality to 1–4, where 4 is the most critical.

    Parameters
    ----------
    value
        Text such as ``Helt verksamhetskritiskt``, ``Hög``, ``P2``, a digit 1–4, or a yes/no
        answer to "Verksamhetskritiskt?".

    Returns
    -------
    Parsed
        Words are matched longest phrase first (``ej verksamhetskritiskt`` before
        ``verksamhetskritiskt``). P-numbers and tiers are inverted (P1 → 4). Bare digits 1–4
        are taken as they are. ``Ja`` → 3 and ``Nej`` → 1 with a note, since a yes/no answer
        says nothing about the degree. When a leading digit disagrees with the words
        (``1 - Kritisk``) the words win and the note says so.
    """
    if _is_blank(value):
        return BLANK
    if isinstance(value, bool):
        return Parsed(None, str(value), note="boolean is not a criticality", ok=False)
    raw = _text(value)
    if _is_unknown_marker(raw):
        return BLANK
    folded = _fold(raw)
    if m := _RE_PNUM.fullmatch(folded):
        return Parsed(5 - int(m[2]), raw, note="priority number inverted: 1 = most critical (4)")
    if m := _RE_CRIT_DIGIT.fullmatch(folded):
        n = int(m[1])
        if 1 <= n <= 4:
            return Parsed(n, raw)
        return Parsed(None, raw, note="digit outside 1-4", ok=False)
    row = _lookup(folded, _CRIT_TABLE)
    if row is not None:
        note = row[2]
        if (d := _RE_LEAD_DIGIT.match(folded)) and int(d[1]) != row[1]:
            note = f"digit {d[1]} disagrees with the words; words used"
        return Parsed(row[1], raw, note=note)
    yn = parse_bool(raw)
    if yn.value is True:
        return Parsed(3, raw, note=f"yes/no answer: {raw!r} read as 3 (business critical)")
    if yn.value is False:
        return Parsed(1, raw, note=f"yes/no answer: {raw!r} read as 1 (not business critical)")
    if yn.ok and yn.note == "unknown":
        return Parsed(None, raw, note="unknown")
    return Parsed(None, raw, note="unknown criticality", ok=False)


# ----------------------------------------------------------------------------- hosting

_HOSTING_CANON = ("on_prem", "external", "hybrid")
_RE_HYBRID = _kw(r"hybrid\w*")
_RE_EXTERNAL = _kw(r"extern\w*", r"moln\w*", r"cloud", r"saas", r"paas", r"iaas",
                   r"leverantor\w*", r"hosted", r"hostad", r"hostat", r"azure", r"aws",
                   r"outsourc\w*", r"tredjepart\w*", r"third[- ]party")
_RE_ON_PREM = _kw(r"intern(?:t|a)?", r"on[- ]?prem\w*", r"eget datacenter", r"egen drift",
                  r"egen regi", r"egen server\w*", r"egna servrar", r"lokal\w*",
                  r"in[- ]?house", r"self[- ]?hosted")


def parse_hosting(value: object) -> Parsed:
    """Parse where a system runs: ``on_prem``, ``external`` or ``hybrid``.

    Parameters
    ----------
    value
        e.g. ``Internt``, ``On-premise``, ``Eget datacenter``, ``Egen drift``; ``Externt``,
        ``Moln``, ``SaaS``, ``Cloud``, ``Leverantör``, ``Drivs externt``; ``Hybrid``.

    Returns
    -------
    Parsed
        Text naming both an internal and an external form is ``hybrid`` (noted); unknown
        text gives ``ok=False``.
    """
    if _is_blank(value):
        return BLANK
    raw = _text(value)
    if _is_unknown_marker(raw):
        return BLANK
    folded = _fold(raw)
    if folded in _HOSTING_CANON:
        return Parsed(folded, raw)
    if _RE_HYBRID.search(folded):
        return Parsed("hybrid", raw)
    ext, internal = bool(_RE_EXTERNAL.search(folded)), bool(_RE_ON_PREM.search(folded))
    if ext and internal:
        return Parsed("hybrid", raw, note="both internal and external named: read as hybrid")
    if ext:
        return Parsed("external", raw)
    if internal:
        return Parsed("on_prem", raw)
    return Parsed(None, raw, note="unknown hosting", ok=False)


# --------------------------------------------------------------------- KLASSA levels

_THREE_STEP = "three-step name mapped"
_LEVEL_TABLE = (
    (_kw(r"synnerligen allvarlig\w*", r"mycket allvarlig\w*", r"very serious",
         r"extremely serious"), 4, None),
    (_kw(r"ingen eller forsumbar", r"forsumbar", r"ingen", r"none", r"negligible"), 0, None),
    (_kw(r"allvarlig\w*", r"serious", r"severe"), 3, None),
    (_kw(r"betydande", r"significant", r"substantial"), 2, None),
    (_kw(r"mattlig\w*", r"moderate"), 1, None),
    (_kw(r"mycket hog", r"very high"), 4, _THREE_STEP),
    (_kw(r"mycket lag", r"very low"), 0, _THREE_STEP),
    (_kw(r"hog", r"high"), 3, _THREE_STEP),
    (_kw(r"medel", r"medium"), 2, _THREE_STEP),
    (_kw(r"lag", r"low"), 1, _THREE_STEP),
)
_RE_NOT_CLASSIFIED = _kw(r"(?:ej|inte|icke) (?:klassa\w*|bedom\w*|genomford\w*)",
                         r"ingen klassning", r"oklassa\w*", r"not classified", r"saknas")
_LEVEL_LABEL = (r"(?:k|r|t|s|c|i|a|konfidentialitet|riktighet|tillganglighet|sparbarhet|"
                r"confidentiality|integrity|availability|traceability|niva|level|klass|class)")
_RE_LEVEL_DIGIT = re.compile(
    rf"(?:{_LEVEL_LABEL}\s*[:=.]?\s*)?([0-9]+)(?:\.0+)?(?![0-9])\s*(?:[-\u2013:.)]\s*)?(.*)"
)
_RE_SCALE = re.compile(r"\s*([01])\s*[-\u2013]\s*([1-5])\s*")


def _digit_level(d: int, scale: str | dict | None) -> tuple[int | None, str | None]:
    """Map a digit through ``scale``: (level or None, note or error)."""
    if scale is None:
        if 0 <= d <= 4:
            return d, "digit-only level; assumed scale 0-4"
        return None, f"digit {d} outside the assumed scale 0-4"
    if isinstance(scale, dict):
        level = scale.get(d, scale.get(str(d)))
        if level is None:
            return None, f"digit {d} not in the configured scale"
        level = int(level)
        if not 0 <= level <= 4:
            raise ValueError(f"scale maps {d} to {level}, outside 0-4")
        return level, "digit mapped through the configured scale"
    m = _RE_SCALE.fullmatch(str(scale))
    if not m or int(m[2]) - int(m[1]) > 4:
        raise ValueError(f"unknown classification scale {scale!r} (use '0-4', '1-4' or a dict)")
    lo, hi = int(m[1]), int(m[2])
    if not lo <= d <= hi:
        return None, f"digit {d} outside scale {lo}-{hi}"
    return d - lo, (None if lo == 0 else f"scale {lo}-{hi}: digit {d} read as {d - lo}")


def parse_level(value: object, *, scale: str | dict | None = None) -> Parsed:
    """Parse one KLASSA/MSB level (K, R, T or S) to the canonical 0–4 scale.

    Parameters
    ----------
    value
        A level name (``Betydande``), a prefixed form (``K2``, ``R 3``, ``T:3``, ``Nivå 2``,
        ``2 - Betydande``) or a bare digit.
    scale
        How bare digits are numbered: ``"0-4"`` (identity), ``"1-4"`` (digit − 1, so 1 =
        ingen/försumbar … 4 = allvarlig), a dict digit → canonical level, or None (read as
        0–4, noted). A malformed scale raises ``ValueError``: it is configuration, not data.

    Returns
    -------
    Parsed
        Names win over digits (a disagreement is noted). Three-step names map Låg → 1,
        Medel → 2, Hög → 3, Mycket hög → 4 with note "three-step name mapped". ``Ej
        klassad`` gives None with note "not classified" (ok). Out-of-range digits and
        unknown text give ``ok=False``.
    """
    if _is_blank(value):
        return BLANK
    if isinstance(value, bool):
        return Parsed(None, str(value), note="boolean is not a level", ok=False)
    raw = _text(value)
    if _is_unknown_marker(raw):
        return BLANK
    if isinstance(value, numbers.Real) and not float(value).is_integer():
        return Parsed(None, raw, note="level is not a whole number", ok=False)
    folded = _fold(raw)
    if _RE_NOT_CLASSIFIED.search(folded):
        return Parsed(None, raw, note="not classified")
    digit, rest = None, folded
    if m := _RE_LEVEL_DIGIT.fullmatch(folded):
        digit, rest = int(m[1]), m[2].strip()
    if rest:
        row = _lookup(rest, _LEVEL_TABLE)
        if row is None:
            return Parsed(None, raw, note="unknown level", ok=False)
        level, note = row[1], row[2]
        if digit is not None:
            by_digit, _ = _digit_level(digit, scale)
            if by_digit != level:
                note = "; ".join(filter(None, [note, f"digit {digit} disagrees with the name; "
                                                      "name used"]))
        return Parsed(level, raw, note=note)
    if digit is None:  # pragma: no cover - rest is only empty after a digit match
        return Parsed(None, raw, note="unknown level", ok=False)
    level, note = _digit_level(digit, scale)
    if level is None:
        return Parsed(None, raw, note=note, ok=False)
    return Parsed(level, raw, note=note)


_ASPECTS = {
    "k": "k", "c": "k", "konfidentialitet": "k", "confidentiality": "k",
    "r": "r", "i": "r", "riktighet": "r", "integrity": "r",
    "t": "t", "a": "t", "tillganglighet": "t", "availability": "t",
    "s": "s", "sparbarhet": "s", "traceability": "s",
}
_RE_ASPECT_LABEL = re.compile(
    r"(?<![a-z\u00e5\u00e4\u00f6])(konfidentialitet|riktighet|tillg[a\u00e4]nglighet|"
    r"sp[a\u00e5]rbarhet|confidentiality|integrity|availability|traceability|"
    r"[krtscia](?![a-z\u00e5\u00e4\u00f6]))\s*[:=]?\s*(?=[0-9a-z\u00e5\u00e4\u00f6])"
)
_RE_DIGIT_SEQ = re.compile(r"([0-9])\s*([-/.,;\s])\s*([0-9])\s*\2\s*([0-9])(?:\s*\2\s*([0-9]))?")
_RE_DIGIT_RUN = re.compile(r"([0-9])([0-9])([0-9])([0-9])?")


def parse_combined_classification(value: object, *,
                                  scale: str | dict | None = None) -> dict[str, Parsed]:
    """Parse a combined K/R/T(/S) cell into one :class:`Parsed` per aspect.

    Parameters
    ----------
    value
        ``K2 R3 T3``, ``K2R3T3S1``, ``K:2, R:3, T:3``, ``K=2 / R=3 / T=3``,
        ``K: Betydande, R: Allvarlig``, or unlabelled digits in K-R-T(-S) order: ``2-3-3``,
        ``2-3-3-1``, ``2/3/3``, ``233``. English C/I/A labels map to K/R/T.
    scale
        Passed to :func:`parse_level` for digit levels.

    Returns
    -------
    dict
        Keys among ``"k"``, ``"r"``, ``"t"``, ``"s"``; each value is what
        :func:`parse_level` gave for that part (check its ``ok``). Blank input gives ``{}``;
        an unparseable cell gives ``{"_error": Parsed(None, raw, note=..., ok=False)}``.
    """
    if _is_blank(value):
        return {}
    raw = _text(value)
    if _is_unknown_marker(raw):
        return {}

    def error(note: str) -> dict[str, Parsed]:
        return {"_error": Parsed(None, raw, note=note, ok=False)}

    low = raw.lower()
    if len(low) != len(raw):  # rare characters change length when lowered
        raw = low = _fold(raw)
    labels = list(_RE_ASPECT_LABEL.finditer(low))
    if labels and not low[: labels[0].start()].strip(" ,;/|-"):
        out: dict[str, Parsed] = {}
        for n, m in enumerate(labels):
            end = labels[n + 1].start() if n + 1 < len(labels) else len(low)
            part = raw[m.end(): end].strip(" ,;/|-")
            aspect = _ASPECTS[_fold(m[1])]
            if aspect in out:
                return error(f"aspect {aspect.upper()} given twice")
            if not part:
                return error(f"no level after {m[1].upper()}")
            out[aspect] = parse_level(part, scale=scale)
        return out
    folded = _fold(raw)
    m = _RE_DIGIT_SEQ.fullmatch(folded) or _RE_DIGIT_RUN.fullmatch(folded)
    if m:
        digits = [g for g in (m.groups() if m.re is _RE_DIGIT_RUN else
                              (m[1], m[3], m[4], m[5])) if g is not None]
        note = "unlabelled digits read in K-R-T" + ("-S" if len(digits) == 4 else "") + " order"
        out = {}
        for aspect, d in zip("krts", digits, strict=False):
            level = parse_level(d, scale=scale)
            out[aspect] = Parsed(level.value, d, note="; ".join(filter(None, [note, level.note])),
                                 ok=level.ok)
        return out
    return error("not a K/R/T(/S) classification")


# --------------------------------------------------------------------------- durations

_UNIT_HOURS = (
    (re.compile(r"s|sek|sekund|sekunder|seconds?|secs?"), 1 / 3600, None),
    (re.compile(r"m|min|mins|minut|minuter|minutes?"), 1 / 60, None),
    (re.compile(r"h|hr|hrs|hours?|t|tim|timme|timmar|timma"), 1.0, None),
    (re.compile(r"d|dygn|dag|dagar|days?"), 24.0, None),
    (re.compile(r"arbetsdag|arbetsdagar|working days?|business days?"), 24.0,
     "working day read as 24 h"),
    (re.compile(r"v|vecka|veckor|weeks?|w"), 168.0, None),
    (re.compile(r"man|manad|manader|months?"), 720.0, "month read as 30 days"),
)
_NUM = r"([0-9]+(?:\.[0-9]+)?)"
_UNIT = r"([a-z]+(?: [a-z]+)?)\.?"
_RE_DURATION = re.compile(
    rf"{_NUM}\s*(?:{_UNIT})?(?:\s*(?:-|\u2013|till|to)\s*{_NUM}\s*(?:{_UNIT})?)?\s*(?:\(.*\))?"
)
_RE_DURATION_PREFIX = re.compile(
    r"(?:<=|>=|<|>|\u2264|\u2265|~|ca\.?|cirka|max(?:imalt|imum)?\.?|hogst|inom|upp till|"
    r"mindre an|under|up to|within|approx\.?)\s*"
)


def _unit_factor(unit: str | None) -> tuple[float, str | None] | None:
    if unit is None:
        return None
    for pattern, factor, note in _UNIT_HOURS:
        if pattern.fullmatch(unit):
            return factor, note
    return None


def parse_duration_hours(value: object) -> Parsed:
    """Parse an MTPD/RTO/RPO duration to hours.

    Parameters
    ----------
    value
        ``4 h``, ``4 tim``, ``30 min``, ``1 dygn``, ``2 dagar``, ``1 vecka``, ``< 4 h``,
        ``Max 24 timmar``, ``0,5 h`` (decimal comma), a bare number, or a range ``4-8 h``.

    Returns
    -------
    Parsed
        A float of hours. Bare numbers are hours (note "no unit: assumed hours"); ranges give
        the upper bound (noted); a month is 30 days. Unknown text gives ``ok=False``.
    """
    if _is_blank(value):
        return BLANK
    if isinstance(value, bool):
        return Parsed(None, str(value), note="boolean is not a duration", ok=False)
    raw = _text(value)
    if isinstance(value, numbers.Real):
        v = float(value)
        if not math.isfinite(v) or v < 0:
            return Parsed(None, raw, note="not a duration", ok=False)
        return Parsed(v, raw, note="no unit: assumed hours")
    if _is_unknown_marker(raw):
        return BLANK
    folded = re.sub(r"(?<=[0-9]),(?=[0-9])", ".", _fold(raw))
    while m := _RE_DURATION_PREFIX.match(folded):
        if not m.group(0):
            break
        folded = folded[m.end():]
    m = _RE_DURATION.fullmatch(folded)
    if not m:
        return Parsed(None, raw, note="not a duration", ok=False)
    n1, u1, n2, u2 = m.groups()
    notes = []
    number, unit = (n2, u2 or u1) if n2 is not None else (n1, u1)
    if n2 is not None:
        notes.append("range: upper bound used")
    if unit is None:
        factor, unote = 1.0, "no unit: assumed hours"
    else:
        found = _unit_factor(unit)
        if found is None or (u1 is not None and _unit_factor(u1) is None):
            return Parsed(None, raw, note=f"unknown time unit {unit!r}", ok=False)
        factor, unote = found
    if unote:
        notes.append(unote)
    return Parsed(float(number) * factor, raw, note="; ".join(notes) or None)


# ------------------------------------------------------------------- integration type

_TYPE_CANON = ("api", "file", "db", "mq", "event", "manual", "other")
_TYPE_TABLE = (
    (_kw(r"riv[- ]?ta", r"riv"), "api", "RIV-TA"),
    (_kw(r"api\w*", r"rest(?:ful)?", r"soap", r"webbtjanst\w*", r"web ?services?",
         r"https?", r"graphql", r"odata"), "api", None),
    (_kw(r"meddelandeko\w*", r"ibm mq", r"mq", r"ko", r"koer", r"jms", r"amqp",
         r"rabbitmq", r"activemq", r"queue\w*", r"message queue", r"service ?bus"), "mq", None),
    (_kw(r"event\w*", r"handelse\w*", r"kafka", r"webhooks?", r"pub/?sub"), "event", None),
    (_kw(r"databas\w*", r"db", r"db[- ]?link", r"odbc", r"jdbc", r"sql"), "db", None),
    (_kw(r"fil", r"filer", r"fil\w+", r"sftp", r"ftps?", r"batch\w*", r"csv", r"files?"),
     "file", None),
    (_kw(r"manuell\w*", r"manual\w*", r"for hand"), "manual", None),
)


def parse_integration_type(value: object) -> Parsed:
    """Parse an integration technique to ``api``, ``file``, ``db``, ``mq``, ``event``,
    ``manual`` or ``other``.

    Parameters
    ----------
    value
        e.g. ``REST``, ``SOAP``, ``Webbtjänst``, ``RIV-TA``, ``Filöverföring``, ``SFTP``,
        ``Batch``, ``Databaslänk``, ``ODBC``, ``Meddelandekö``, ``JMS``, ``Kafka``,
        ``Händelse``, ``Manuell``.

    Returns
    -------
    Parsed
        ``RIV-TA`` is ``api`` with note "RIV-TA". Unrecognised non-blank text is ``other``
        with ``ok=True`` and a note.
    """
    if _is_blank(value):
        return BLANK
    raw = _text(value)
    if _is_unknown_marker(raw):
        return BLANK
    folded = _fold(raw)
    if folded in _TYPE_CANON:
        return Parsed(folded, raw)
    row = _lookup(folded, _TYPE_TABLE)
    if row is None:
        return Parsed("other", raw, note="unrecognised integration type kept as 'other'")
    return Parsed(row[1], raw, note=row[2])


# --------------------------------------------------------------------------- frequency

_FREQ_CANON = ("realtime", "hourly", "daily", "weekly", "monthly", "yearly", "on_demand")
_FREQ_TABLE = (
    (_kw(r"vid behov", r"on[- ]demand", r"ad[- ]?hoc", r"manuell\w*", r"manual\w*",
         r"vid forfragan"), "on_demand"),
    (_kw(r"realtid", r"real[- ]?time", r"direkt", r"online", r"omedelbar\w*",
         r"handelsestyr[dt]", r"event[- ]driven", r"kontinuerlig\w*"), "realtime"),
    (_kw(r"timvis", r"(?:varje|per|en gang i|en gang per|1 gang per|1 gang i) tim(?:me|men|ma)",
         r"hourly", r"every hour", r"per hour"), "hourly"),
    (_kw(r"dagligen", r"dagsvis", r"daglig\w*", r"nattlig\w*", r"varje natt", r"varje dag",
         r"per dag", r"per dygn", r"(?:en|1) gang (?:per|om|i) (?:dagen|dygnet|dag|dygn)",
         r"daily", r"nightly", r"every day", r"every night", r"per day"), "daily"),
    (_kw(r"veckovis", r"varje vecka", r"per vecka", r"(?:en|1) gang (?:per|i) veckan",
         r"weekly", r"every week", r"per week"), "weekly"),
    (_kw(r"manadsvis", r"manatlig\w*", r"varje manad", r"per manad",
         r"(?:en|1) gang (?:per|i) manaden", r"monthly", r"every month", r"per month"),
     "monthly"),
    (_kw(r"arsvis", r"arligen", r"arlig\w*", r"varje ar", r"per ar",
         r"(?:en|1) gang (?:per|om|i) aret", r"yearly", r"annually", r"annual",
         r"every year", r"per year"), "yearly"),
)


def parse_frequency(value: object) -> Parsed:
    """Parse how often an integration runs.

    Parameters
    ----------
    value
        e.g. ``Realtid``, ``Direkt``, ``Online``, ``Varje timme``, ``Dagligen``, ``Nattlig``,
        ``Veckovis``, ``Månadsvis``, ``Årligen``, ``Vid behov``.

    Returns
    -------
    Parsed
        ``realtime``, ``hourly``, ``daily``, ``weekly``, ``monthly``, ``yearly`` or
        ``on_demand``. Unknown text keeps its raw value with value None, ``ok=True`` and a
        note (a frequency like ``kvartalsvis`` is legitimate but outside the vocabulary).
    """
    if _is_blank(value):
        return BLANK
    raw = _text(value)
    if _is_unknown_marker(raw):
        return BLANK
    folded = _fold(raw)
    if folded in _FREQ_CANON:
        return Parsed(folded, raw)
    row = _lookup(folded, _FREQ_TABLE)
    if row is None:
        return Parsed(None, raw, note="frequency outside the vocabulary kept raw")
    return Parsed(row[1], raw)


# ------------------------------------------------------------------------------ people


@dataclass(frozen=True)
class PersonRef:
    """One person named in a role cell.

    Attributes
    ----------
    name
        Display name, or None when only an e-mail was given.
    email
        Lower-cased e-mail address, or None.
    raw
        This person's part of the cell.
    """

    name: str | None
    email: str | None
    raw: str


_RE_VACANT = re.compile(
    r"(?:vakan[st]\w*|vacan[tc]\w*|saknas|missing|(?:ej|inte) (?:tillsatt|utsedd|utsett|"
    r"bemannad)|ingen|tbd|tba|under rekrytering|rekrytering pagar|rekryteras|n\.?n\.?)"
    r"(?![a-z0-9])"
)
_RE_EMAIL = re.compile(r"[^\s<>()\[\],;:@\"']+@[^\s<>()\[\],;:@\"']+\.[^\s<>()\[\],;:@\"'.]+")
_RE_LAST_FIRST = re.compile(r"([^\s,@;]+)\s*,\s*([^\s,@;]+)")
_RE_PEOPLE_JOIN = re.compile(r"\s+(?:och|&|/)\s+", re.IGNORECASE)


def _split_depth0(text: str, seps: str) -> list[str]:
    """Split on any char of ``seps`` outside () <> [] brackets."""
    parts, depth, start = [], 0, 0
    for i, c in enumerate(text):
        if c in "(<[":
            depth += 1
        elif c in ")>]" and depth:
            depth -= 1
        elif depth == 0 and c in seps:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    if depth:  # unbalanced: fall back to a plain split
        parts = re.split("[" + re.escape(seps) + "]", text)
    return parts


def _vacant_part(text: str) -> bool:
    if _RE_EMAIL.search(text):  # an address names a person: "n.n@aa.se" is not "N.N."
        return False
    folded = _fold(text).strip(" ()[]{}.,;:!*")
    return bool(folded) and bool(_RE_VACANT.match(folded))


def is_vacant(value: object) -> bool:
    """Whether a role cell says the role is vacant.

    Parameters
    ----------
    value
        A role cell.

    Returns
    -------
    bool
        True for ``vakant``, ``(vakant)``, ``saknas``, ``ej tillsatt``, ``Ingen``, ``TBD``,
        ``Vacant``, ``under rekrytering`` (also when every part of a list is such a marker).
        False for blank cells and unknown markers such as ``-``: unknown is not vacant.
    """
    if _is_blank(value) or not isinstance(value, str):
        return False
    parts = [p for p in _split_depth0(_text(value), ";,\n") if p.strip()]
    return bool(parts) and all(_vacant_part(p) for p in parts)


def _clean_name(text: str) -> str | None:
    text = text.replace("<", " ").replace(">", " ")
    text = re.sub(r"\s+", " ", text).strip(" \t\"'`,:;-\u2013")
    if m := re.fullmatch(r"\((.*)\)", text):
        text = m[1].strip()
    else:
        while m := re.search(r"\s*\([^()]*\)\s*$", text):
            if m.start() == 0:
                break
            text = text[: m.start()]
    text = re.sub(r"\s+", " ", text).strip(" \t\"'`,:;-\u2013")
    return text or None


def _person(part: str) -> list[PersonRef]:
    raw = part.strip()
    body = re.sub(r"(?i)mailto:", "", raw)
    emails = list(_RE_EMAIL.finditer(body))
    if len(emails) > 1:
        leftover = _RE_EMAIL.sub(" ", body)
        if not re.sub(r"[\s<>()\[\]\"']", "", leftover):
            return [PersonRef(None, m[0].lower(), m[0]) for m in emails]
    if emails:
        m = emails[0]
        return [PersonRef(_clean_name(body[: m.start()] + " " + body[m.end():]),
                          m[0].lower(), raw)]
    name = _clean_name(body)
    return [PersonRef(name, None, raw)] if name else []


def split_people(value: object) -> list[PersonRef]:
    """Split a role cell into the people it names.

    Parameters
    ----------
    value
        Names and e-mails separated by ``;``, newline, ``,`` or `` och `` / `` & `` /
        `` / ``; each as ``Name <e-mail>``, ``e-mail (Name)``, a bare e-mail or a name.

    Returns
    -------
    list of PersonRef
        E-mails lower-cased. ``Andersson, Anna`` (one comma, two single words, no ``@``) is
        one person "Anna Andersson". A parenthesised title after a name is dropped. Empty
        parts, unknown markers (``-``) and vacancy markers (``vakant``) are not people.
    """
    if _is_blank(value):
        return []
    text = _text(value) if not isinstance(value, str) else value.replace("\r\n", "\n")
    people: list[PersonRef] = []
    for chunk in _split_depth0(text, ";\n\r"):
        chunk = re.sub(r"[ \t\u00a0]+", " ", chunk).strip()
        if not chunk:
            continue
        if m := _RE_LAST_FIRST.fullmatch(chunk):
            if not _vacant_part(m[1]) and not _vacant_part(m[2]):
                people.append(PersonRef(f"{m[2]} {m[1]}", None, chunk))
                continue
        for piece in _split_depth0(chunk, ","):
            for part in _RE_PEOPLE_JOIN.split(piece):
                part = part.strip()
                if not part or _is_unknown_marker(part) or _vacant_part(part):
                    continue
                people.extend(_person(part))
    return people


# ------------------------------------------------------------------- dependency cells


@dataclass(frozen=True)
class DepRef:
    """One reference in a dependency cell.

    Attributes
    ----------
    name
        The known name when resolved, else the entry's name text.
    resolved
        True when matched against a known name.
    criticality
        From a ``: Hög`` detail (via :func:`parse_criticality`), or None.
    type
        From a ``(API)`` detail (via :func:`parse_integration_type`), or None; the first
        of ``types`` when the detail lists several.
    raw
        This entry's text.
    types
        Every integration type of the detail, in order: ``(API; Fil)`` gives two.
    """

    name: str
    resolved: bool
    criticality: Parsed | None
    type: Parsed | None
    raw: str
    types: tuple[Parsed, ...] = ()


_BOUNDARY_CHARS = ":,;(\n"


def _normalise_ws(text: str) -> str:
    return re.sub(r"[ \t\u00a0\u2007\u202f]+", " ", text).strip()


class NameMatcher:
    """Find known system names (and ids/aliases) inside dependency cells.

    Matching is exact after whitespace normalisation and case-SENSITIVE (case variants are
    reported by the importer as suggestions, not silently resolved). Names are indexed by
    their first three characters, each key holding the distinct name lengths longest first,
    so a lookup costs a few dict probes however many names are known.

    Parameters
    ----------
    names
        Known names; blanks are ignored. The first spelling given for a normalised name is
        the one returned.
    """

    _KEY = 3

    def __init__(self, names: Iterable[str]):
        self._names: dict[str, str] = {}
        lengths: dict[str, set[int]] = defaultdict(set)
        for name in names:
            if _is_blank(name):
                continue
            original = str(name)
            norm = _normalise_ws(original)
            if norm not in self._names:
                self._names[norm] = original.strip()
                lengths[norm[: self._KEY]].add(len(norm))
        self._lengths = {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}

    def add(self, name: str) -> None:
        """Know one more name (a placeholder created during the import): a few dict
        operations, so the matcher grows with the landscape instead of being rebuilt."""
        if _is_blank(name):
            return
        original = str(name)
        norm = _normalise_ws(original)
        if norm in self._names:
            return
        self._names[norm] = original.strip()
        key = norm[: self._KEY]
        cur = self._lengths.get(key, ())
        if len(norm) not in cur:
            self._lengths[key] = tuple(sorted((*cur, len(norm)), reverse=True))

    def __len__(self) -> int:
        return len(self._names)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and _normalise_ws(name) in self._names

    @staticmethod
    def _at_boundary(text: str, end: int) -> bool:
        while end < len(text) and text[end] in " \t":
            end += 1
        return end == len(text) or text[end] in _BOUNDARY_CHARS

    def _match(self, text: str, pos: int) -> tuple[str, int] | None:
        for k in range(self._KEY, 0, -1):
            if pos + k > len(text):
                continue
            for length in self._lengths.get(text[pos: pos + k], ()):
                end = pos + length
                if end <= len(text) and text[pos:end] in self._names \
                        and self._at_boundary(text, end):
                    return self._names[text[pos:end]], end
        return None

    def match_at(self, text: str, pos: int) -> str | None:
        """The longest known name starting at ``text[pos]`` that ends at a boundary.

        Parameters
        ----------
        text
            Whitespace-normalised text (single spaces; :func:`parse_dependency_cell`
            normalises cells before matching).
        pos
            Where the name must start.

        Returns
        -------
        str or None
            The known name, if one ends at the end of ``text`` or before optional spaces
            and one of ``:`` ``,`` ``;`` ``(`` or a newline.
        """
        hit = self._match(text, pos)
        return hit[0] if hit else None


def _scan(text: str, i: int, stops: str, *, paren_aware: bool) -> int:
    """Index of the first char in ``stops`` at depth 0 from ``i`` (or len(text))."""
    depth = 0
    for j in range(i, len(text)):
        c = text[j]
        if paren_aware and c == "(":
            depth += 1
        elif paren_aware and c == ")" and depth:
            depth -= 1
        elif depth == 0 and c in stops:
            return j
    if paren_aware and depth:
        return _scan(text, i, stops, paren_aware=False)
    return len(text)


def _closing_paren(text: str, i: int) -> int:
    """Index of the ``)`` closing the ``(`` at ``i``, or -1."""
    depth = 0
    for j in range(i, len(text)):
        if text[j] == "(":
            depth += 1
        elif text[j] == ")":
            depth -= 1
            if depth == 0:
                return j
    return -1


_TYPE_LIST_SPLIT = re.compile(r"\s*(?:[;,/+&]|\boch\b|\band\b)\s*", re.I)


def _type_list(inner: str) -> tuple[Parsed, ...]:
    """Every integration type in a detail such as ``API; Fil`` (empty when a part is not a
    type); a single type gives one."""
    parts = [x for x in _TYPE_LIST_SPLIT.split(inner.strip()) if x]
    if len(parts) > 1:
        parsed = [parse_integration_type(x) for x in parts]
        if all(q.value not in (None, "other") for q in parsed):
            out: list[Parsed] = []
            for q in parsed:
                if all(q.value != o.value for o in out):
                    out.append(q)
            return tuple(out)
    whole = parse_integration_type(inner)
    return () if whole.value in (None, "other") else (whole,)


def parse_integration_types(value: object) -> tuple[Parsed, ...]:
    """Every integration type of a cell that lists several (``API; Fil`` -> api, file);
    one for a single type; empty when the text is not a list of known types."""
    if _is_blank(value):
        return ()
    return _type_list(str(value))


def _type_detail(inner: str) -> tuple[Parsed, ...] | Parsed:
    types = _type_list(inner)
    if types:
        return types
    return Parsed(None, inner.strip() or None,
                  note=f"detail '({inner.strip()})' is not an integration type", ok=False)


def parse_dependency_cell(value: object, matcher: NameMatcher | None) -> list[DepRef]:
    """Parse a dependency cell such as ``Raindance: Hög (API), Trimbel NIS, TCN, DMS (SEE,
    SN): Medel (Fil), Heroma``.

    Parameters
    ----------
    value
        The cell. Entries are separated by ``,``, ``;`` or newlines; each is a system name
        optionally followed by ``: <criticality>`` and/or ``(<type>)`` in either order.
    matcher
        Known names. System names contain commas and parentheses, so at each entry the
        longest known name is tried first; only when none matches is an unresolved name read
        up to the next ``:``, ``,``, ``;`` or newline outside parentheses (a trailing
        ``(...)`` that reads as an integration type is split off as the type).

    Returns
    -------
    list of DepRef
        In cell order; unresolved entries have ``resolved=False`` (the importer reports them,
        never invents systems from them).
    """
    if _is_blank(value):
        return []
    if matcher is None:
        matcher = NameMatcher(())
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(_normalise_ws(line) for line in text.split("\n"))
    refs: list[DepRef] = []
    i, n = 0, len(text)
    while i < n:
        while i < n and text[i] in " ,;\n":
            i += 1
        if i >= n:
            break
        start = i
        type_p: Parsed | None = None
        types: tuple[Parsed, ...] = ()
        crit: Parsed | None = None
        hit = matcher._match(text, i)
        if hit:
            name, i = hit
            resolved = True
        else:
            j = _scan(text, i, ":,;\n", paren_aware=True)
            name = text[i:j].strip()
            i = j
            if (m := re.search(r"\s*\(([^()]*)\)$", name)) and m.start() > 0:
                found = _type_list(m[1])
                if found:
                    types, type_p, name = found, found[0], name[: m.start()].strip()
            resolved = False
        while True:
            k = i
            while k < n and text[k] == " ":
                k += 1
            if k < n and text[k] == ":" and crit is None:
                e = _scan(text, k + 1, "(,;\n", paren_aware=False)
                words = text[k + 1: e].strip()
                crit = parse_criticality(words) if words else None
                i = e
            elif k < n and text[k] == "(" and type_p is None:
                e = _closing_paren(text, k)
                if e < 0:
                    break
                detail = _type_detail(text[k + 1: e])
                if isinstance(detail, tuple):
                    types, type_p = detail, detail[0]
                else:
                    type_p = detail
                i = e + 1
            else:
                break
        i = _scan(text, i, ",;\n", paren_aware=True)
        raw = text[start:i].strip()
        if name:
            refs.append(DepRef(name, resolved, crit, type_p, raw, types))
    return refs
