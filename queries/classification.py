"""Classification checks nobody computes today.

All checks use a system's *effective* levels: per aspect the highest of its own recorded
level and those of the Information it PROCESSES (högsta värdets princip). Retired systems,
external systems and placeholders are never the subject of a finding (they are judged only as
the other end of an integration, when their levels are known).

Finding codes
-------------
``confidentiality_downflow``
    Information flows from a system with a higher K to one with a lower K (both known). The
    subject is the receiving system; an integration A -> B via a platform P also moves data
    A -> P and P -> B, so the platform is checked as receiver and sender too. ``high`` when the sender's K ≥ 3,
    else ``medium``.
``availability_below_dependent``
    A system that others depend on (data flows from it to them) has a lower T than a system
    depending on it: the provider's availability requirement must be at least its
    dependents'. The subject is the provider; a platform an integration passes through is a
    provider to the consumer (and a dependent of the producer). ``high`` when the dependent's T ≥ 3, else ``medium``.
``rto_longer_than_dependent``
    A provider's RTO is longer than the RTO of a system depending on it. ``high`` when the
    dependent's T ≥ 3, else ``medium``.
``high_t_without_continuity_plan``
    Effective T ≥ ``high_t`` (default 3) and no continuity plan recorded as yes. ``critical``
    at T4, else ``high``.
``effective_above_recorded``
    The effective level is above the recorded one for some aspect (the system processes
    information classified higher than the system itself, or the system has no level of its
    own). ``high`` when the effective level is ≥ 3, else ``medium``.
``unclassified_integrates_classified``
    A system with no K/R/T at all (not even through its information) integrates with one that
    is classified. ``medium`` when a partner has a level ≥ 3, else ``low``.

Columns
-------
subject, name, code, severity, reason
    The standard finding columns.
partner, partner_name
    The other system (sender for ``confidentiality_downflow``, dependent for the availability
    and RTO checks); a list of names for ``unclassified_integrates_classified``.
aspect
    ``K``, ``T``, ``RTO`` or the aspects where effective exceeds recorded ("K, T").
level, partner_level
    The subject's and the partner's value for the aspect (hours for RTO).
via
    The platform the integration passes through, if any.
integrations
    How many integrations between the two carry the finding (for
    ``unclassified_integrates_classified``: how many classified partners).
recorded, effective
    The subject's recorded and effective levels ("K2 R3 T3 S–").

Config (section ``classification``)
-----------------------------------
``high_t`` (default ``3``).

Examples
--------
>>> import datetime as dt
>>> from ea.landscape import Landscape
>>> from ea.queries import classification
>>> ls = Landscape()
>>> a = ls.add_system("a", name="Journal", k=4, r=3, t=2, continuity_plan=True)
>>> b = ls.add_system("b", name="Statistik", k=1, r=1, t=2, continuity_plan=True)
>>> _ = ls.add_integration(a, b, type="file")
>>> classification.run(ls, as_of=dt.date(2026, 11, 25))[["name", "code", "severity"]]\
.values.tolist()
[['Statistik', 'confidentiality_downflow', 'high']]
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pandas as pd

from ea.config import Config
from ea.landscape import Landscape
from ea.schema import INTEGRATES_WITH, SYSTEM

from . import _governance_common as gc
from . import register

DEFAULTS = {"high_t": 3}
COLUMNS = ["partner", "partner_name", "aspect", "level", "partner_level", "via",
           "integrations", "recorded", "effective"]


def _subject_ok(d: dict) -> bool:
    return gc.is_local(d) and not gc.is_retired(d)


def _flows(ls: Landscape) -> list[tuple[str, str, str | None, str]]:
    """(sender, receiver, via, note) for every direction data moves; an integration A -> B
    via a platform P also moves data A -> P and P -> B (the note says so)."""
    out = []
    for u, v, _k, d in ls.edges(INTEGRATES_WITH):
        via = d.get("via") if d.get("via") in ls else None
        pairs = [(u, v)] + ([(v, u)] if d.get("bidirectional") else [])
        for a, b in pairs:
            if a == b:
                continue
            out.append((a, b, via, f" via {ls.name(via)}" if via else ""))
            if via and via not in (a, b):
                note = f" (as the platform of {ls.name(a)} → {ls.name(b)})"
                out += [(a, via, None, note), (via, b, None, note)]
    return out


@register("classification", "Classification checks: downflows, weak providers, effective levels")
def run(landscape: Landscape, *, as_of: dt.date, config: Config | None = None,
        organisation: str | None = None, object: str | None = None,  # noqa: A002
        person: str | None = None) -> pd.DataFrame:
    """Run the classification checks.

    Parameters
    ----------
    landscape : Landscape
    as_of : datetime.date
        Accepted like every query's; the checks judge the current state.
    config : ea.config.Config, optional
        Section ``classification``.
    organisation, object, person : str, optional
        Filters on the subject and its partner.

    Returns
    -------
    pandas.DataFrame
        Columns in the module docstring.
    """
    ls = landscape
    cfg = gc.config_or_default(config).section("classification", DEFAULTS)
    high_t = int(cfg["high_t"])
    scope = gc.Scope(ls, organisation=organisation, object=object, person=person)
    eff = {k: gc.effective_levels(ls, k) for k, _ in ls.nodes(SYSTEM)}
    rec = {k: gc.recorded_levels(ls, k) for k in eff}
    rows: list[dict] = []

    def base(key):
        return {"subject": key, "name": ls.name(key), "recorded": gc.format_levels(rec[key]),
                "effective": gc.format_levels(eff[key]), "partner": None,
                "partner_name": None, "aspect": None, "level": None, "partner_level": None,
                "via": None, "integrations": None, "_related": [key]}

    # pairwise checks, folded per (subject, partner, code)
    pair: dict[tuple[str, str, str], dict] = {}

    def pair_add(code, subject, partner, via, severity, aspect, lvl, plvl, reason):
        k = (subject, partner, code)
        if k in pair:
            pair[k]["integrations"] += 1
            if via and not pair[k]["via"]:
                pair[k]["via"] = ls.name(via)
            return
        pair[k] = {**base(subject), "code": code, "severity": severity, "reason": reason,
                   "partner": partner, "partner_name": ls.name(partner), "aspect": aspect,
                   "level": lvl, "partner_level": plvl, "via": ls.name(via) if via else None,
                   "integrations": 1, "_related": [subject, partner]}

    for a, b, via, via_txt in _flows(ls):
        da, db = ls.node(a), ls.node(b)
        ka, kb = eff[a]["k"], eff[b]["k"]
        if _subject_ok(db) and ka is not None and kb is not None and ka > kb:
            pair_add("confidentiality_downflow", b, a, via, "high" if ka >= 3 else "medium",
                     "K", kb, ka,
                     f"receives information from {ls.name(a)} (K{ka}){via_txt} but is "
                     f"classified K{kb}")
        # b depends on a
        ta, tb = eff[a]["t"], eff[b]["t"]
        if _subject_ok(da) and ta is not None and tb is not None and ta < tb:
            pair_add("availability_below_dependent", a, b, via,
                     "high" if tb >= high_t else "medium", "T", ta, tb,
                     f"{ls.name(b)} (T{tb}) depends on it{via_txt} but it is classified T{ta}")
        ra, rb = da.get("rto_hours"), db.get("rto_hours")
        if _subject_ok(da) and ra is not None and rb is not None and float(ra) > float(rb):
            pair_add("rto_longer_than_dependent", a, b, via,
                     "high" if (tb or 0) >= high_t else "medium", "RTO", ra, rb,
                     f"RTO {ra:g} h but {ls.name(b)} depends on it{via_txt} with RTO {rb:g} h")
    rows += list(pair.values())

    # per-system checks
    partners: dict[str, set[str]] = defaultdict(set)
    for u, v, _k, _d in ls.edges(INTEGRATES_WITH):
        if u != v:
            partners[u].add(v)
            partners[v].add(u)
    for key, d in ls.nodes(SYSTEM):
        if not _subject_ok(d):
            continue
        e, r = eff[key], rec[key]
        t = e["t"]
        if t is not None and t >= high_t and d.get("continuity_plan") is not True:
            state = "recorded as no" if d.get("continuity_plan") is False else "not recorded"
            rows.append({**base(key), "code": "high_t_without_continuity_plan",
                         "severity": "critical" if t >= 4 else "high", "aspect": "T",
                         "level": t,
                         "reason": f"availability T{t} but continuity plan {state}"})
        above = [a for a in ("k", "r", "t", "s")
                 if e[a] is not None and (r[a] is None or e[a] > r[a])]
        if above:
            infos = [ls.name(i) for i in ls.information_of(key)]
            worst = max(e[a] for a in above)
            rows.append({**base(key), "code": "effective_above_recorded",
                         "severity": "high" if worst >= 3 else "medium",
                         "aspect": ", ".join(a.upper() for a in above), "level": worst,
                         "reason": f"processes {', '.join(infos)}: effective "
                                   f"{gc.format_levels(e)} above recorded "
                                   f"{gc.format_levels(r)}"})
        if not gc.is_classified(e):
            classified = sorted(p for p in partners.get(key, ()) if gc.is_classified(eff[p]))
            if classified:
                top = gc.max_known(gc.max_known(eff[p][a] for a in gc.KRT) for p in classified)
                rows.append({**base(key), "code": "unclassified_integrates_classified",
                             "severity": "medium" if (top or 0) >= 3 else "low",
                             "partner": classified,
                             "partner_name": [ls.name(p) for p in classified],
                             "partner_level": top, "integrations": len(classified),
                             "_related": [key, *classified],
                             "reason": "not classified, but integrates with classified "
                                       f"{', '.join(ls.name(p) for p in classified)}"})
    rows = gc.apply_scope(rows, scope)
    return gc.frame(rows, COLUMNS, asc=("code", "partner_name"))
