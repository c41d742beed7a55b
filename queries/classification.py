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
from collections.abc import Iterator

import pandas as pd

from ea.config import Config
from ea.landscape import Landscape
from ea.schema import INTEGRATES_WITH, SYSTEM

from . import _governance_common as gc
from . import register

DEFAULTS = {"high_t": 3}
COLUMNS = ["partner", "partner_name", "aspect", "level", "partner_level", "via",
           "integrations", "recorded", "effective"]
#: The columns that order findings of one severity (then name, code, subject).
ORDER = ("code", "partner_name")


def _subject_ok(d: dict) -> bool:
    return gc.is_local(d) and not gc.is_retired(d)


def _flows(ls: Landscape) -> Iterator[tuple[str, str, str | None, list[str] | None]]:
    """(sender, receiver, via, platform_of) for every direction data moves, in edge order
    (source, target, key), each edge's forward direction first; an integration A -> B via a
    platform P also moves data A -> P and P -> B (``platform_of`` = ``[A, B]`` then)."""
    for u, v, _k, d in ls.edges(INTEGRATES_WITH):
        if u == v:
            continue
        via = d.get("via") if d.get("via") in ls else None
        pairs = [(u, v)] + ([(v, u)] if d.get("bidirectional") else [])
        for a, b in pairs:
            yield a, b, via, None
            if via and via not in (a, b):
                yield a, via, None, [a, b]
                yield via, b, None, [a, b]


def fact_params(cfg: dict) -> dict:
    """The parameters of the facts."""
    return {"high_t": int(cfg["high_t"])}


FACT_COLUMNS = ("subject", "code", "partner", "level", "partner_level", "via",
                "integrations", "first_via", "platform_of", "aspects", "partners",
                "continuity_plan")


def _fact(subject: str, code: str, **kw) -> dict:
    row = dict.fromkeys(FACT_COLUMNS)
    row.update({"subject": subject, "code": code, "aspects": [], "partners": []})
    row.update(kw)
    return row


def facts(ls: Landscape, params: dict) -> list[dict]:
    """The findings as facts, one row per finding (columns :data:`FACT_COLUMNS`). Pairwise
    checks are folded per (subject, partner, code): ``integrations`` counts the flows,
    ``via`` is the first platform among them, ``first_via``/``platform_of`` describe the
    first flow (flows in edge order). :func:`finish` words them."""
    ls = gc.lookups(ls)  # one pass over the edges per run, not per question
    high_t = int(params["high_t"])
    eff = {k: gc.effective_levels(ls, k) for k, _ in ls.nodes(SYSTEM)}
    pair: dict[tuple[str, str, str], dict] = {}

    def pair_add(code, subject, partner, via, platform_of, lvl, plvl):
        k = (subject, partner, code)
        if k in pair:
            pair[k]["integrations"] += 1
            if via and not pair[k]["via"]:
                pair[k]["via"] = via
            return
        pair[k] = _fact(subject, code, partner=partner, level=lvl, partner_level=plvl,
                        via=via, integrations=1, first_via=via, platform_of=platform_of)

    judged: dict[str, bool] = {}  # _subject_ok per system, asked for every flow

    def subject_ok(key: str, d: dict) -> bool:
        if key not in judged:
            judged[key] = _subject_ok(d)
        return judged[key]

    for a, b, via, platform_of in _flows(ls):
        da, db = ls.node(a), ls.node(b)
        ok_a, ok_b = subject_ok(a, da), subject_ok(b, db)
        ka, kb = eff[a]["k"], eff[b]["k"]
        if ok_b and ka is not None and kb is not None and ka > kb:
            pair_add("confidentiality_downflow", b, a, via, platform_of, kb, ka)
        # b depends on a
        ta, tb = eff[a]["t"], eff[b]["t"]
        if ok_a and ta is not None and tb is not None and ta < tb:
            pair_add("availability_below_dependent", a, b, via, platform_of, ta, tb)
        ra, rb = da.get("rto_hours"), db.get("rto_hours")
        if ok_a and ra is not None and rb is not None and float(ra) > float(rb):
            pair_add("rto_longer_than_dependent", a, b, via, platform_of, ra, rb)
    out = list(pair.values())

    partners: dict[str, set[str]] = defaultdict(set)
    for u, v, _k, _d in ls.edges(INTEGRATES_WITH):
        if u != v:
            partners[u].add(v)
            partners[v].add(u)
    for key, d in ls.nodes(SYSTEM):
        if not _subject_ok(d):
            continue
        e, r = eff[key], gc.recorded_levels(ls, key)
        t = e["t"]
        if t is not None and t >= high_t and d.get("continuity_plan") is not True:
            out.append(_fact(key, "high_t_without_continuity_plan", level=t,
                             continuity_plan=d.get("continuity_plan")))
        above = [a for a in ("k", "r", "t", "s")
                 if e[a] is not None and (r[a] is None or e[a] > r[a])]
        if above:
            out.append(_fact(key, "effective_above_recorded", aspects=above,
                             level=max(e[a] for a in above)))
        if not gc.is_classified(e):
            classified = sorted(p for p in partners.get(key, ()) if gc.is_classified(eff[p]))
            if classified:
                top = gc.max_known(gc.max_known(eff[p][a] for a in gc.KRT) for p in classified)
                out.append(_fact(key, "unclassified_integrates_classified",
                                 partners=classified, partner_level=top))
    return out


def finish(ls: Landscape, rows: list[dict], cfg: dict, scope: gc.Scope) -> pd.DataFrame:
    """Fact rows (from :func:`facts`) as the findings frame: severity,
    the reason in plain words, the levels, the filters and the order."""
    return gc.frame(list(_worded(ls, rows, cfg, scope)), COLUMNS, asc=ORDER)


def _worded(ls: Landscape, rows: list[dict], cfg: dict, scope: gc.Scope):
    """The rows of :func:`finish` in the order of the facts, one at a time, in scope."""
    high_t = int(cfg["high_t"])
    eff: dict[str, dict] = {}
    rec: dict[str, dict] = {}
    texts: dict[str, tuple[str, str]] = {}  # a system is the subject of many findings

    def levels(key):
        if key not in eff:
            eff[key] = gc.effective_levels(ls, key)
            rec[key] = gc.recorded_levels(ls, key)
        return eff[key], rec[key]

    def level_texts(key):
        if key not in texts:
            e, r = levels(key)
            texts[key] = (gc.format_levels(r), gc.format_levels(e))
        return texts[key]

    def name(key):
        return ls.name(key) if key else None

    for f in rows:
        key, code = f["subject"], f["code"]
        if key not in ls:
            continue
        e, r = levels(key)
        recorded, effective = level_texts(key)
        row = {"subject": key, "name": ls.name(key), "code": code,
               "recorded": recorded, "effective": effective,
               "partner": None, "partner_name": None, "aspect": None, "level": f.get("level"),
               "partner_level": f.get("partner_level"), "via": None, "integrations": None,
               "_related": [key]}
        partner = f.get("partner")
        if partner is not None:
            first_via, platform_of = f.get("first_via"), f.get("platform_of")
            if first_via:
                via_txt = f" via {name(first_via)}"
            elif platform_of:
                via_txt = f" (as the platform of {name(platform_of[0])} → " \
                          f"{name(platform_of[1])})"
            else:
                via_txt = ""
            lvl, plvl, pname = f.get("level"), f.get("partner_level"), name(partner)
            row.update(partner=partner, partner_name=pname, via=name(f.get("via")),
                       integrations=f.get("integrations"), _related=[key, partner])
            if code == "confidentiality_downflow":
                row.update(severity="high" if plvl >= 3 else "medium", aspect="K",
                           reason=f"receives information from {pname} (K{plvl}){via_txt} "
                                  f"but is classified K{lvl}")
            elif code == "availability_below_dependent":
                row.update(severity="high" if plvl >= high_t else "medium", aspect="T",
                           reason=f"{pname} (T{plvl}) depends on it{via_txt} but it is "
                                  f"classified T{lvl}")
            elif code == "rto_longer_than_dependent":
                tb = levels(partner)[0]["t"] if partner in ls else None
                row.update(severity="high" if (tb or 0) >= high_t else "medium",
                           aspect="RTO",
                           reason=f"RTO {lvl:g} h but {pname} depends on it{via_txt} with "
                                  f"RTO {plvl:g} h")
            else:  # pragma: no cover - a code the finishing step does not know
                continue
        elif code == "high_t_without_continuity_plan":
            t = f["level"]
            state = "recorded as no" if f.get("continuity_plan") is False else "not recorded"
            row.update(severity="critical" if t >= 4 else "high", aspect="T",
                       reason=f"availability T{t} but continuity plan {state}")
        elif code == "effective_above_recorded":
            above, worst = list(f.get("aspects") or []), f["level"]
            infos = [ls.name(i) for i in ls.information_of(key)]
            row.update(severity="high" if worst >= 3 else "medium",
                       aspect=", ".join(a.upper() for a in above),
                       reason=f"processes {', '.join(infos)}: effective "
                              f"{effective} above recorded {recorded}")
        elif code == "unclassified_integrates_classified":
            classified = sorted(f.get("partners") or [])
            top = f.get("partner_level")
            row.update(severity="medium" if (top or 0) >= 3 else "low", partner=classified,
                       partner_name=[name(p) for p in classified],
                       integrations=len(classified), _related=[key, *classified],
                       reason="not classified, but integrates with classified "
                              f"{', '.join(name(p) for p in classified)}")
        else:  # pragma: no cover
            continue
        related = row.pop("_related")
        if not scope.active or scope.keep(related):
            yield row


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
    ls = gc.lookups(landscape)
    cfg = gc.config_or_default(config).section("classification", DEFAULTS)
    scope = gc.Scope(ls, organisation=organisation, object=object, person=person)
    return finish(ls, facts(ls, fact_params(cfg)), cfg, scope)


def findings(landscape: Landscape, *, as_of: dt.date, config: Config | None = None,
             organisation: str | None = None, object: str | None = None,  # noqa: A002
             person: str | None = None):
    """The rows of :func:`run` as dicts, one at a time in the order of the facts (not the
    report's order): what ``ea check`` takes, without a frame of every column."""
    ls = gc.lookups(landscape)
    cfg = gc.config_or_default(config).section("classification", DEFAULTS)
    scope = gc.Scope(ls, organisation=organisation, object=object, person=person)
    return _worded(ls, facts(ls, fact_params(cfg)), cfg, scope)
