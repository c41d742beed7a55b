"""What is ageing, and what hangs off it.

For every system: its lifecycle derived from its dates, with the recorded status as the
fallback and conflicts between them reported; end of support, end of life, contract end and
planned retirement (``phase_out_from``) that have passed or fall within the horizon; vendor
end of life from endoflife.date (or a CSV), matched on product and version; years in service
and whether it is built in-house. End of life **propagates**: every system that integrates
with an ageing system gets a finding of its own ("X receives data from Y, which reaches end of
life in 9 months"). :func:`replacement` turns the same facts into a prioritised replacement
list with the parts of its score shown.

Lifecycle (:func:`ea.derived.lifecycle.lifecycle`, the map colours with the same)
-------------------------------------------------------------------------------
From the dates (first rule that holds at ``as_of``): ``retired`` end_of_life passed ·
``phasing_out`` phase_out_from passed · ``active`` in_service_from passed · ``implementing``
planned_from passed · ``planned`` planned_from or in_service_from still ahead. A recorded
status the dates allow is the lifecycle shown ("Under avveckling" on a system in service is
``phasing_out``), with the dates' phase beside it in ``lifecycle_from_dates``; no dates: the
recorded ``status`` (``lifecycle_source`` says which). A conflict is a recorded status the
dates contradict.

Codes (severity)
----------------
``LIFECYCLE_CONFLICT`` (medium), ``END_OF_LIFE_PASSED`` (high), ``END_OF_LIFE_UPCOMING``
(medium), ``END_OF_SUPPORT_PASSED`` (high), ``END_OF_SUPPORT_UPCOMING`` (medium),
``VENDOR_EOL_PASSED`` (high; also when endoflife.date says ``eol: true`` with no date),
``VENDOR_EOL_UPCOMING`` (medium), ``CONTRACT_END_PASSED`` (medium), ``CONTRACT_END_UPCOMING``
(low), ``RETIREMENT_PLANNED`` (info; phase-out starts within the horizon),
``RETIREMENT_OVERDUE`` (medium; the planned retirement or decommission period, a bare year
being the whole year, has ended while the system is still in use), ``RETIREMENT_INTENDED``
(info; an assessment says ``Avveckling``, ``retirement_intended``), ``EOL_PROPAGATED``
(medium; high when the partner's end has passed), ``LONG_IN_SERVICE`` (info; in service for
at least ``ageing.old_years``). Systems recorded as ``retired`` get no findings and propagate
nothing.

Columns: the finding columns plus ``date``, ``months_left`` (negative: passed), ``lifecycle``,
``lifecycle_from_dates``, ``lifecycle_source``, ``status``, ``years_in_service``, ``in_house``, ``vendor``, ``product``,
``version``, ``vendor_eol_source``, ``depends_on``, ``depends_on_name``.

Config (section ``ageing``): ``horizon`` ("24m"), ``old_years`` (15), ``endoflife_files``
([], read by the CLI), ``product_aliases`` ({system product: endoflife.date product id}),
``weights`` (see :func:`replacement`), ``dependants_cap`` (10).

Examples
--------
>>> import datetime as dt
>>> from ea.landscape import Landscape
>>> ls = Landscape()
>>> _ = ls.add_system("a", name="Procapita", end_of_life="2027-08-31", status="active")
>>> _ = ls.add_system("b", name="Treserva", status="active")
>>> _ = ls.add_integration("System:a", "System:b")
>>> df = run(ls, as_of=dt.date(2026, 11, 25))
>>> df[["name", "code"]].values.tolist()
[['Procapita', 'END_OF_LIFE_UPCOMING'], ['Treserva', 'EOL_PROPAGATED']]
>>> df.loc[1, "reason"]
'Treserva receives data from Procapita, which reaches end of life in 9 months (2027-08-31).'
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from ea.derived import lifecycle as lc
from ea.derived.organisations import effective_owners
from ea.errors import QueryError
from ea.queries import FINDING_COLUMNS, register, sort_findings
from ea.queries import _graphalg as ga
from ea.queries._eol_match import _none, match_eol

DEFAULTS = {
    "horizon": "24m",
    "old_years": 15,
    "endoflife_files": [],
    "product_aliases": {},
    "weights": {"time": 40, "criticality": 20, "classification": 10, "dependants": 10,
                "dependant_criticality": 10, "hub": 10},
    "dependants_cap": 10,
}

COLUMNS = [*FINDING_COLUMNS, "date", "months_left", "lifecycle", "lifecycle_from_dates",
           "lifecycle_source", "status",
           "years_in_service", "in_house", "vendor", "product", "version", "vendor_eol_source",
           "depends_on", "depends_on_name"]

REPLACEMENT_COLUMNS = [*FINDING_COLUMNS, "rank", "score", "end_date", "end_kind", "months_left",
                       "time_points", "criticality", "criticality_points", "classification",
                       "classification_points", "dependants", "dependant_count",
                       "dependant_points", "max_dependant_criticality",
                       "dependant_criticality_points", "hub", "hub_points", "lifecycle",
                       "organisation"]

_DAYS_PER_MONTH = 365.25 / 12


# ------------------------------------------------------------------------------ horizon
def parse_horizon(value) -> int:
    """A horizon in months from ``24m``, ``2y``, ``18 months``, ``2 years``, ``24`` (months).

    >>> [parse_horizon(v) for v in ("24m", "2y", "18 months", "1 år", 6)]
    [24, 24, 18, 12, 6]
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    s = str(value).strip().casefold()
    m = re.fullmatch(r"(\d+)\s*(m|mo|mon|month|months|mån|månad|månader|y|yr|year|years|år)?", s)
    if not m:
        raise QueryError(f"horizon '{value}' not understood (use e.g. 24m, 2y, 18 months)")
    n = int(m.group(1))
    unit = m.group(2) or "m"
    return n * 12 if unit in ("y", "yr", "year", "years", "år") else n


add_months = lc.add_months
_date = lc.parse_date


def months_between(as_of: dt.date, d: dt.date) -> float:
    return round((d - as_of).days / _DAYS_PER_MONTH, 1)


def when(as_of: dt.date, d: dt.date) -> str:
    """``in 9 months`` / ``3 months ago`` / ``in 12 days`` / ``today``."""
    days = (d - as_of).days
    if days == 0:
        return "today"
    n = abs(days)
    if n < 45:
        txt = f"{n} day{'s' if n != 1 else ''}"
    else:
        months = round(n / _DAYS_PER_MONTH)
        txt = f"{months} month{'s' if months != 1 else ''}" if months < 24 else \
            f"{n / 365.25:.1f} years"
    return f"in {txt}" if days > 0 else f"{txt} ago"


# -------------------------------------------------------------------------- lifecycle
#: The lifecycle rules live in :mod:`ea.derived.lifecycle` (the map colours with them).
derive_lifecycle = lc.from_dates
lifecycle_conflict = lc.conflict


_LABEL = {"end_of_life": "end of life", "end_of_support": "end of support",
          "contract_end": "contract end", "phase_out_from": "planned retirement",
          "vendor_eol": "vendor end of life", "retirement_overdue": "planned retirement",
          "retirement_intended": "intent to retire (assessment 'Avveckling')"}


def _settings(config) -> dict:
    cfg = config.section("ageing", DEFAULTS) if config is not None else dict(DEFAULTS)
    cfg["weights"] = {**DEFAULTS["weights"], **(cfg.get("weights") or {})}
    return cfg


def _facts(landscape, as_of, cfg, eol_table):
    """Per system: derived lifecycle and its dated ends (field -> (date|None, label))."""
    horizon_end = add_months(as_of, parse_horizon(cfg["horizon"]))
    out = {}
    for key, d in landscape.nodes("System"):
        life = lc.lifecycle(d, as_of)
        derived, dfield = lc.from_dates(d, as_of)
        status = d.get("status")
        ends = {}
        for field in ("end_of_life", "end_of_support", "contract_end", "phase_out_from"):
            v = _date(d.get(field))
            if v is not None:
                ends[field] = v
        vend = match_eol(eol_table, d.get("product"), d.get("version"), d.get("vendor"),
                         cfg.get("product_aliases"))
        vinfo = None
        if vend is not None:
            vdate = _date(vend.get("eol"))
            ended = _none(vend.get("eol_ended"))
            desc = f"{_none(vend.get('title')) or vend.get('product')} " \
                   f"{_none(vend.get('label')) or vend.get('cycle')}"
            vinfo = {"date": vdate, "ended": ended, "desc": desc, "source": vend.get("source")}
        ins = _date(d.get("in_service_from"))
        years = round((as_of - ins).days / 365.25, 1) if ins and ins <= as_of else None
        # the system's effective end: earliest of end of life, end of support, vendor end
        cands = [(v, f) for f, v in ends.items() if f in ("end_of_life", "end_of_support")]
        if vinfo and vinfo["date"]:
            cands.append((vinfo["date"], "vendor_eol"))
        end = min(cands) if cands else None
        unknown_end = bool(vinfo and vinfo["ended"] is True and not vinfo["date"])
        out[key] = {"d": d, "lifecycle": life.phase, "source": life.source,
                    "from_dates": life.from_dates, "conflict": life.conflict,
                    "derived": derived, "derived_field": dfield, "status": status,
                    "overdue": lc.retirement_overdue(d, as_of),
                    "intended": bool(d.get("retirement_intended")), "ends": ends,
                    "vendor": vinfo,
                    "years": years, "end": end, "ended_unknown_date": unknown_end,
                    "retired": status == "retired", "horizon_end": horizon_end}
    return out


def _ageing_end(f, as_of) -> tuple | None:
    """(date|None, kind, passed) of a system's end that counts as ageing, or None."""
    if f["end"] is not None:
        date, kind = f["end"]
        if date <= f["horizon_end"]:
            return date, kind, date <= as_of
    if f["ended_unknown_date"]:
        return None, "vendor_eol", True
    return None


def _as_written(d: dict, field: str) -> str:
    """A date as the register wrote it (a bare year stays a year)."""
    raw = (d.get("raw") or {}).get(field)
    return str(raw) if raw is not None else str(d.get(field))


def _replacement_end(f, as_of) -> tuple | None:
    """(date|None, kind, passed) of what puts a system on the replacement list: an ageing
    end (:func:`_ageing_end`), else a planned retirement that is overdue, else an intent to
    retire recorded by an assessment; None when nothing does."""
    end = _ageing_end(f, as_of)
    if end is not None:
        return end
    if f["overdue"] is not None:
        return f["overdue"], "retirement_overdue", True
    if f["intended"]:
        planned = f["ends"].get("phase_out_from")
        return planned, "retirement_intended", bool(planned and planned <= as_of)
    return None


def _base(landscape, key, f) -> dict:
    d = f["d"]
    return {"subject": key, "name": landscape.name(key), "lifecycle": f["lifecycle"],
            "lifecycle_from_dates": f["from_dates"], "lifecycle_source": f["source"], "status": f["status"],
            "years_in_service": f["years"], "in_house": d.get("in_house"),
            "vendor": d.get("vendor"), "product": d.get("product"), "version": d.get("version"),
            "vendor_eol_source": f["vendor"]["source"] if f["vendor"] else None,
            "date": None, "months_left": None, "depends_on": None, "depends_on_name": None}


@register("ageing", "Ageing systems, vendor end of life and what hangs off them")
def run(landscape, *, as_of: dt.date, config=None, horizon=None,
        eol_table: pd.DataFrame | None = None, **_params) -> pd.DataFrame:
    """Ageing findings (see module docstring).

    Parameters
    ----------
    landscape : ea.landscape.Landscape
    as_of : datetime.date
    config : ea.config.Config, optional
        Section ``ageing``.
    horizon : str or int, optional
        Overrides ``ageing.horizon``: ``24m``, ``2y``, ``18 months``.
    eol_table : pandas.DataFrame, optional
        Vendor end-of-life table from :func:`ea.importers.endoflife.read`.
    """
    cfg = _settings(config)
    if horizon is not None:
        cfg["horizon"] = horizon
    facts = _facts(landscape, as_of, cfg, eol_table)
    rows = []
    for key, f in facts.items():
        if f["retired"]:
            continue
        base = _base(landscape, key, f)
        name = base["name"]
        if f["conflict"]:
            fld = f["derived_field"]
            rows.append({**base, "code": "LIFECYCLE_CONFLICT", "severity": "medium",
                         "date": f["d"].get(fld),
                         "reason": f"{name} is recorded as '{f['status']}' but its dates say "
                                   f"'{f['derived']}' ({_LABEL.get(fld, fld.replace('_', ' '))} "
                                   f"{f['d'].get(fld)})."})
        for field, sev_pass, sev_up in (("end_of_life", "high", "medium"),
                                        ("end_of_support", "high", "medium"),
                                        ("contract_end", "medium", "low"),
                                        ("phase_out_from", None, "info")):
            v = f["ends"].get(field)
            if v is None:
                continue
            passed = v <= as_of
            if passed and sev_pass is None:
                if f["overdue"] is not None:
                    end = f["overdue"]
                    rows.append({**base, "code": "RETIREMENT_OVERDUE", "severity": "medium",
                                 "date": end.isoformat(),
                                 "months_left": months_between(as_of, end),
                                 "reason": f"{name}'s planned retirement "
                                           f"({_as_written(f['d'], field)}) passed "
                                           f"{when(as_of, end)} and it is still in use."})
                continue
            if not passed and v > f["horizon_end"]:
                continue
            code = {"phase_out_from": "RETIREMENT_PLANNED"}.get(
                field, f"{field.upper()}_{'PASSED' if passed else 'UPCOMING'}")
            verb = "passed" if passed else "is"
            rows.append({**base, "code": code, "severity": sev_pass if passed else sev_up,
                         "date": v.isoformat(), "months_left": months_between(as_of, v),
                         "reason": f"{name}'s {_LABEL[field]} {verb} {when(as_of, v)} "
                                   f"({v.isoformat()})."})
        vi = f["vendor"]
        if vi:
            if vi["date"] is not None:
                passed = vi["date"] <= as_of
                if passed or vi["date"] <= f["horizon_end"]:
                    rows.append({**base, "code": f"VENDOR_EOL_{'PASSED' if passed else 'UPCOMING'}",
                                 "severity": "high" if passed else "medium",
                                 "date": vi["date"].isoformat(),
                                 "months_left": months_between(as_of, vi["date"]),
                                 "reason": f"{name} runs {vi['desc']}, whose vendor end of life "
                                           f"{'passed' if passed else 'is'} "
                                           f"{when(as_of, vi['date'])} "
                                           f"({vi['date'].isoformat()})."})
            elif vi["ended"] is True:
                rows.append({**base, "code": "VENDOR_EOL_PASSED", "severity": "high",
                             "reason": f"{name} runs {vi['desc']}, which has reached vendor end "
                                       "of life (date not published)."})
        if f["intended"]:
            planned = f["ends"].get("phase_out_from")
            rows.append({**base, "code": "RETIREMENT_INTENDED", "severity": "info",
                         "date": planned.isoformat() if planned else None,
                         "reason": f"An assessment of {name} says 'Avveckling' (intent to "
                                   "retire); " + (f"planned retirement {_as_written(f['d'], 'phase_out_from')}."
                                                  if planned else "no retirement date recorded.")})
        if f["years"] is not None and f["years"] >= float(cfg["old_years"]):
            rows.append({**base, "code": "LONG_IN_SERVICE", "severity": "info",
                         "date": f["d"].get("in_service_from"),
                         "reason": f"{name} has been in service for {f['years']} years "
                                   f"(since {f['d'].get('in_service_from')})"
                                   + (", built in-house." if f["d"].get("in_house") else ".")})
    # propagation
    pg = ga.partner_graph(landscape)
    for y, fy in facts.items():
        if fy["retired"]:
            continue
        end = _ageing_end(fy, as_of)
        if end is None:
            continue
        date, kind, passed = end
        yname = landscape.name(y)
        what = _LABEL[kind] if kind != "vendor_eol" else \
            f"vendor end of life ({fy['vendor']['desc']})"
        if date is None:
            tail = f"which has reached {what} (date not published)"
        elif passed:
            tail = f"whose {what} passed {when(as_of, date)} ({date.isoformat()})"
        else:
            tail = f"which reaches {what} {when(as_of, date)} ({date.isoformat()})"
        partners = set(pg.predecessors(y)) | set(pg.successors(y))
        for x in sorted(partners):
            if facts[x]["retired"]:
                continue
            if pg.has_edge(y, x) and pg.has_edge(x, y):
                rel = "exchanges data with"
            elif pg.has_edge(y, x):
                rel = "receives data from"
            else:
                rel = "sends data to"
            vias = sorted(set(pg[y][x]["via"] if pg.has_edge(y, x) else []) |
                          set(pg[x][y]["via"] if pg.has_edge(x, y) else []))
            via_txt = f" (through {', '.join(landscape.name(v) for v in vias)})" if vias else ""
            base = _base(landscape, x, facts[x])
            rows.append({**base, "code": "EOL_PROPAGATED",
                         "severity": "high" if passed else "medium",
                         "date": date.isoformat() if date else None,
                         "months_left": months_between(as_of, date) if date else None,
                         "depends_on": y, "depends_on_name": yname,
                         "reason": f"{base['name']} {rel} {yname}{via_txt}, {tail}."})
    if not rows:
        return pd.DataFrame(columns=COLUMNS)
    df = pd.DataFrame(rows)[COLUMNS]
    return ga.tidy(sort_findings(df, "date"))


@register("replacement", "Prioritised replacement list with the parts of its score")
def replacement(landscape, *, as_of: dt.date, config=None, horizon=None,
                eol_table: pd.DataFrame | None = None, **_params) -> pd.DataFrame:
    """Prioritised replacement list: systems whose end of life, end of support or vendor end
    of life has passed or falls within the horizon, whose planned retirement is overdue
    (``end_kind`` ``retirement_overdue``), or that an assessment says to retire
    (``retirement_intended``; time points 0 without a date). Recorded ``retired`` excluded.

    ``score`` is the sum of its parts, each a weight (``ageing.weights``) times a fraction:

    * ``time_points`` = time × (1 if passed or date unknown, else 1 − months_left / horizon)
    * ``criticality_points`` = criticality × criticality/4 (unknown: 0)
    * ``classification_points`` = classification × max(K, R, T)/4 (unknown: 0)
    * ``dependant_points`` = dependants × min(dependant_count, ``dependants_cap``)/cap
      (dependants: systems that exchange data with it in either direction, platforms too)
    * ``dependant_criticality_points`` = dependant_criticality × highest criticality among
      them / 4
    * ``hub_points`` = hub × 1 when ``ea hubs`` flags it for joint continuity planning or it is
      an articulation point (hub metrics, betweenness included, are computed only when the
      ``hub`` weight is not 0, and read from the snapshot's cache when a command loaded it)

    Severity: ``high`` from 60, ``medium`` from 30, else ``low``. Code
    ``REPLACEMENT_PRIORITY``; ``rank`` 1 is the most urgent.
    """
    from ea.queries import hubs as hubs_mod

    cfg = _settings(config)
    if horizon is not None:
        cfg["horizon"] = horizon
    months = parse_horizon(cfg["horizon"])
    w = cfg["weights"]
    cap = max(int(cfg["dependants_cap"]), 1)
    facts = _facts(landscape, as_of, cfg, eol_table)
    pg = ga.partner_graph(landscape)
    # betweenness only when the hub part counts; metrics() reads the snapshot's cache
    hm = hubs_mod.metrics(landscape, config) if w["hub"] else pd.DataFrame()
    rows = []
    for key, f in facts.items():
        if f["retired"]:
            continue
        end = _replacement_end(f, as_of)
        if end is None:
            continue
        date, kind, passed = end
        d = f["d"]
        ml = months_between(as_of, date) if date else None
        if kind == "retirement_intended" and date is None:
            tfrac = 0.0  # no deadline: ranked by what is at stake only
        else:
            tfrac = 1.0 if passed else max(0.0, 1 - (ml or 0) / months)
        crit = d.get("criticality")
        cls = max([d.get(a) for a in ("k", "r", "t") if d.get(a) is not None], default=None)
        deps = sorted((set(pg.predecessors(key)) | set(pg.successors(key))) - {key})
        dep_crit = max([landscape.node(x).get("criticality") for x in deps
                        if landscape.node(x).get("criticality") is not None], default=None)
        is_hub = (bool(len(hm) and key in hm.index and
                       (hm.loc[key, "flagged"] or hm.loc[key, "articulation_point"]))
                  if w["hub"] else None)  # not computed: the hub part does not count
        parts = {
            "time_points": w["time"] * tfrac,
            "criticality_points": w["criticality"] * (crit or 0) / 4,
            "classification_points": w["classification"] * (cls or 0) / 4,
            "dependant_points": w["dependants"] * min(len(deps), cap) / cap,
            "dependant_criticality_points": w["dependant_criticality"] * (dep_crit or 0) / 4,
            "hub_points": w["hub"] * (1 if is_hub else 0),
        }
        parts = {k: round(float(v), 1) for k, v in parts.items()}
        score = round(sum(parts.values()), 1)
        name = landscape.name(key)
        what = _LABEL[kind]
        when_txt = ("no date recorded" if kind == "retirement_intended" else
                    "date not published") if date is None else \
            f"{'passed' if passed else 'due'} {when(as_of, date)}"
        rows.append({
            "subject": key, "name": name, "code": "REPLACEMENT_PRIORITY",
            "severity": "high" if score >= 60 else "medium" if score >= 30 else "low",
            "reason": f"{name}: {what} {when_txt}; score {score} = time {parts['time_points']} + "
                      f"criticality {parts['criticality_points']} + classification "
                      f"{parts['classification_points']} + dependants "
                      f"{parts['dependant_points']} + dependants' criticality "
                      f"{parts['dependant_criticality_points']} + hub {parts['hub_points']}.",
            "score": score, "end_date": date.isoformat() if date else None, "end_kind": kind,
            "months_left": ml, "criticality": crit, "classification": cls,
            "dependants": [landscape.name(x) for x in deps], "dependant_count": len(deps),
            "max_dependant_criticality": dep_crit, "hub": is_hub,
            "lifecycle": f["lifecycle"],
            "organisation": "; ".join(landscape.name(o)
                                     for o in effective_owners(landscape, key)) or None,
            **parts,
        })
    if not rows:
        return pd.DataFrame(columns=REPLACEMENT_COLUMNS)
    df = pd.DataFrame(rows)
    df = df.sort_values(["score", "name"], ascending=[False, True], kind="stable")
    df["rank"] = range(1, len(df) + 1)
    return ga.tidy(df.reset_index(drop=True)[REPLACEMENT_COLUMNS])
