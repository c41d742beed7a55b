"""Enumerations: booleans, continuity plans, lifecycle, criticality, hosting.

Part of :mod:`ea.importers.values` (see its docstring for examples)."""

from __future__ import annotations

import numbers
import re

from ea.importers.values._base import (
    _UNKNOWN_MARKERS,
    BLANK,
    Parsed,
    _answered,
    _fold,
    _is_blank,
    _is_unknown_marker,
    _kw,
    _lookup,
    _text,
)

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
    cell = _answered(value)
    if cell is None:
        return BLANK
    raw, folded = cell
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
    cell = _answered(value)
    if cell is None:
        return BLANK
    raw, folded = cell
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


