"""Lifecycle as of a date: the phase a system is in (from its dates, with the recorded status
where the dates leave room for it), the periods a recorded date stands for (a bare year is the
whole year), and whether a planned retirement is overdue.

Phase from the dates (first rule that holds at ``as_of``): ``retired`` end_of_life passed ·
``phasing_out`` phase_out_from passed · ``active`` in_service_from passed · ``implementing``
planned_from passed · ``planned`` planned_from or in_service_from still ahead. Dates that have
passed are a lower bound and a go-live date ahead an upper bound, so a recorded status the
dates allow ("Under avveckling" on a system in service) is the phase shown, with the phase
from the dates beside it; a status they contradict is a conflict and the dates win.

>>> import datetime as dt
>>> lc = lifecycle({"status": "phasing_out", "in_service_from": "2010-01-01"},
...                dt.date(2026, 1, 1))
>>> lc.phase, lc.source, lc.from_dates
('phasing_out', 'status', 'active')
>>> period_end({"phase_out_from": "2026-01-01", "raw": {"phase_out_from": "2026"}},
...            "phase_out_from")
datetime.date(2026, 12, 31)
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from ea import schema

UNKNOWN = "unknown"
ENDING_STATUSES = ("phasing_out", "retired")
END_DATES = ("end_of_support", "end_of_life", "phase_out_from")
ORDER = {"planned": 0, "implementing": 1, "active": 2, "phasing_out": 3, "retired": 4}


def parse_date(value) -> dt.date | None:
    """An ISO date string (or date) as a :class:`datetime.date`; None when absent or unreadable."""
    if value is None or value == "" or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by ``months`` (negative goes back), clamped to the month's last day."""
    total = day.year * 12 + (day.month - 1) + int(months)
    year, month = divmod(total, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


_YEAR = re.compile(r"\s*(\d{4})(?:\.0+)?\s*")
_YEAR_MONTH = re.compile(r"\s*(\d{4})[-/.](\d{1,2})\s*|\s*(\d{4})(\d{2})\s*")


def period_end(d: dict, field: str) -> dt.date | None:
    """The last day of the period a recorded date stands for: a bare year (the importer keeps
    the raw cell, ``raw[field]``) is the whole year, a year and month the whole month, a full
    date that day. None when the field holds no date."""
    day = parse_date(d.get(field))
    if day is None:
        return None
    raw = (d.get("raw") or {}).get(field)
    if raw is not None:
        text = str(raw)
        if _YEAR.fullmatch(text):
            return dt.date(day.year, 12, 31)
        if _YEAR_MONTH.fullmatch(text):
            return dt.date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
    return day


def from_dates(d: dict, as_of: dt.date) -> tuple[str | None, str | None]:
    """(phase the dates say or None, the date field it came from)."""
    for field, phase in (("end_of_life", "retired"), ("phase_out_from", "phasing_out"),
                         ("in_service_from", "active"), ("planned_from", "implementing")):
        v = parse_date(d.get(field))
        if v is not None and v <= as_of:
            return phase, field
    for field in ("planned_from", "in_service_from"):
        if parse_date(d.get(field)) is not None:
            return "planned", field
    return None, None


def conflict(derived: str, status: str) -> bool:
    """Do the dates contradict the recorded status?

    Dates that have passed give a lower bound: a system whose go-live date has passed is at
    least active, so a recorded 'implementing' contradicts it. They say nothing beyond
    that: 'phasing_out' recorded with no phase-out date is missing data, not a conflict.
    A go-live date in the future is an upper bound: such a system can be planned or being
    introduced ('Under införande'), not in service.
    """
    if derived not in ORDER or status not in ORDER:
        return derived != status
    if derived == "planned":
        return ORDER[status] >= ORDER["active"]
    return ORDER[status] < ORDER[derived]


@dataclass(frozen=True)
class Lifecycle:
    """A system's lifecycle as of a date.

    ``phase``: the phase shown (None when neither dates nor status say); ``source``: where it
    came from (a date field, or ``status``); ``from_dates``: the phase the dates say when it
    differs from ``phase`` (else None); ``field``: the date field behind the dates' phase;
    ``status``: the recorded status; ``conflict``: the dates contradict the status."""

    phase: str | None
    source: str | None
    from_dates: str | None
    field: str | None
    status: str | None
    conflict: bool

    @property
    def shown(self) -> str:
        """The phase, ``unknown`` when nothing says."""
        return self.phase or UNKNOWN

    def text(self) -> str:
        """The phase in words, with the dates' phase beside it when they differ."""
        label = schema.LIFECYCLE_LABELS.get(self.shown, "Lifecycle unknown")
        if self.from_dates:
            label += f" (dates say: {schema.LIFECYCLE_LABELS.get(self.from_dates, self.from_dates)})"
        return label


def lifecycle(d: dict, as_of: dt.date | None) -> Lifecycle:
    """The lifecycle of a system's attributes ``d`` as of ``as_of`` (see the module
    docstring); without ``as_of`` only the recorded status."""
    status = d.get("status") if d.get("status") in ORDER else None
    derived, field = from_dates(d, as_of) if as_of is not None else (None, None)
    clash = bool(derived and status and conflict(derived, status))
    if derived is None:
        phase, source = status, ("status" if status else None)
    elif status and status != derived and not clash:
        phase, source = status, "status"
    else:
        phase, source = derived, field
    return Lifecycle(phase, source, derived if derived and derived != phase else None, field,
                     status, clash)


def ending_life(data: dict, as_of: dt.date, horizon_months: int) -> str | None:
    """Why a system is ending its life within the horizon (text), or None."""
    status = data.get("status")
    if status in ENDING_STATUSES:
        return f"status {status}"
    limit = add_months(as_of, horizon_months)
    for f in END_DATES:
        day = parse_date(data.get(f))
        if day is not None and day <= limit:
            return f"{f} {day.isoformat()}"
    return None


def retirement_overdue(d: dict, as_of: dt.date) -> dt.date | None:
    """The end of the planned retirement period (``phase_out_from``: "Avvecklingsår",
    "Planerad avveckling") when it has passed while the system is still in use (not recorded
    retired, no end of life passed), else None. A bare year is the whole year: retiring in
    2026 is not overdue on 2026-12-31."""
    if d.get("status") == "retired":
        return None
    end = period_end(d, "phase_out_from")
    if end is None or end >= as_of:
        return None
    eol = parse_date(d.get("end_of_life"))
    if eol is not None and eol <= as_of:
        return None
    return end
