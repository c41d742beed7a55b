"""Integration cells: durations (RTO/RPO), integration type, frequency.

Part of :mod:`ea.importers.values` (see its docstring for examples)."""

from __future__ import annotations

import math
import numbers
import re

from ea.importers.values._base import (
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
    cell = _answered(value)
    if cell is None:
        return BLANK
    raw, folded = cell
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
    cell = _answered(value)
    if cell is None:
        return BLANK
    raw, folded = cell
    if folded in _FREQ_CANON:
        return Parsed(folded, raw)
    row = _lookup(folded, _FREQ_TABLE)
    if row is None:
        return Parsed(None, raw, note="frequency outside the vocabulary kept raw")
    return Parsed(row[1], raw)


