"""KLASSA/MSB levels: :func:`parse_level` and :func:`parse_combined_classification`.

Part of :mod:`ea.importers.values` (see its docstring for examples)."""

from __future__ import annotations

import numbers
import re

from ea.importers.values._base import (
    BLANK,
    Parsed,
    _fold,
    _is_blank,
    _is_unknown_marker,
    _kw,
    _lookup,
    _text,
)

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


