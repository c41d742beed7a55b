"""Coordination lists: where two systems integrate, their object managers must meet.

For every integration the managers (by default the pm3 roles ``business_manager`` and
``it_manager``) are resolved at both ends: the system's own holders, else those inherited from
its förvaltningsobjekt. Each manager gets one row per integration of a system they manage,
naming the partner system, its managers, the direction and type, the worst availability class
(max effective T of the pair) and criticality of the pair, and flags when the other end is
unowned, external or ending its life.

An integration through a platform (``via``, e.g. an integration platform or API manager)
still pairs the real producer and consumer. The platform's managers are a third party of that
integration: they get a row towards each end (``party`` = ``platform``, direction
``carries from``/``carries to``), the ends' rows name the platform and its managers
(``platform``, ``platform_managers``), and the meeting matrix pairs them with the managers of
both ends (``relation`` = ``platform``).

Finding codes
-------------
``partner_unowned``
    The other end has no manager (nobody holds a manager role, not even through its object),
    or is a placeholder (referenced, never defined). Severity from the pair: worst of
    criticality and availability (4 critical, 3 high), at least ``medium``.
``partner_ending_life``
    The other end is ending its life: ``end_of_support``, ``end_of_life`` or
    ``phase_out_from`` within ``horizon_months`` of the as-of date (or already past), or
    status ``phasing_out``/``retired``. Severity as for ``partner_unowned``.
``partner_external``
    The other end is external (a national service, not owned locally): coordinate with its
    provider rather than a local manager. ``low``.
``coordinate``
    Nothing wrong: these two must meet. ``info``.

When several flags apply the code is the first in this list; ``flags`` holds them all.

Columns
-------
subject, name, code, severity, reason
    Subject is the manager (a Person key) and name the manager's name.
email, role, inherited_from
    The manager's e-mail, pm3 role on the system, and the object the role comes from (empty
    when held on the system itself).
system, system_name
    The system the manager answers for.
party
    ``producer`` (data flows out of the system), ``consumer`` or ``platform``.
partner, partner_name, partner_managers
    The system at the other end and its managers ("Name (role)").
direction
    ``outgoing``, ``incoming``, ``both`` (bidirectional), ``carries from``/``carries to``
    (platform rows).
type, frequency, information
    Of the integration.
platform, platform_managers
    The platform the integration passes through, and its managers.
availability, criticality
    Worst (highest) effective T of the two systems, and highest criticality of the two
    systems and the integration.
flags
    ``unowned``, ``placeholder``, ``external``, ``ending: <why>``.

:func:`meeting_matrix` gives the pairs of managers who must meet.

Config (section ``coordinate``)
-------------------------------
``roles`` (default ``[business_manager, it_manager]``), ``horizon_months`` (default ``12``).

Examples
--------
>>> import datetime as dt
>>> from ea.landscape import Landscape
>>> from ea.queries import coordinate
>>> ls = Landscape()
>>> a, b = ls.add_system("a", name="A"), ls.add_system("b", name="B")
>>> p, q = ls.add_person("p", name="Pia Test"), ls.add_person("q", name="Quinn Test")
>>> _ = ls.add_role(p, a, "it_manager"); _ = ls.add_role(q, b, "it_manager")
>>> _ = ls.add_integration(a, b, type="api")
>>> df = coordinate.run(ls, as_of=dt.date(2026, 11, 25))
>>> df[["name", "system_name", "partner_name", "direction", "code"]].values.tolist()
[['Pia Test', 'A', 'B', 'outgoing', 'coordinate'], ['Quinn Test', 'B', 'A', 'incoming', 'coordinate']]
>>> coordinate.meeting_matrix(ls, as_of=dt.date(2026, 11, 25))[
...     ["manager_a_name", "manager_b_name", "integrations"]].values.tolist()
[['Pia Test', 'Quinn Test', 1]]
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ea import schema
from ea.config import Config
from ea.landscape import Landscape
from ea.schema import INTEGRATES_WITH, OBJECT, PERSON, SYSTEM

from . import _governance_common as gc
from . import register

DEFAULTS = {"roles": list(schema.MANAGER_ROLES), "horizon_months": 12}

COLUMNS = ["email", "role", "inherited_from", "system", "system_name", "party", "partner",
           "partner_name", "partner_managers", "direction", "type", "frequency", "information",
           "platform", "platform_managers", "availability", "criticality", "flags"]

MATRIX_COLUMNS = ["manager_a", "manager_a_name", "manager_b", "manager_b_name", "relation",
                  "integrations", "binding", "systems_a", "systems_b", "availability",
                  "criticality"]


def _managers(ls: Landscape, system: str, roles) -> list[dict]:
    return [r for r in ls.roles_of(system) if r["role"] in roles]


def _label_managers(ls: Landscape, managers: list[dict]) -> list[str]:
    return [f"{ls.name(r['person'])} ({r['role']})" for r in managers]


def _flags(ls: Landscape, system: str, managers: list[dict], as_of, horizon) -> list[str]:
    d = ls.node(system)
    flags = []
    if d.get("placeholder"):
        flags.append("placeholder")
    elif d.get("external"):
        flags.append("external")
    elif not managers:
        flags.append("unowned")
    why = gc.ending_life(d, as_of, horizon)
    if why:
        flags.append(f"ending: {why}")
    return flags


def _code(flags: list[str]) -> str:
    if "unowned" in flags or "placeholder" in flags:
        return "partner_unowned"
    if any(f.startswith("ending") for f in flags):
        return "partner_ending_life"
    if "external" in flags:
        return "partner_external"
    return "coordinate"


def _links(ls: Landscape, as_of: dt.date, cfg: dict) -> tuple[list[dict], list[dict]]:
    """Per-manager rows and per-integration records (for the matrix)."""
    roles = set(cfg["roles"])
    horizon = int(cfg["horizon_months"])
    mgr_cache: dict[str, list[dict]] = {}

    def managers(s):
        if s not in mgr_cache:
            mgr_cache[s] = _managers(ls, s, roles)
        return mgr_cache[s]

    rows: list[dict] = []
    integrations: list[dict] = []
    for u, v, _k, d in ls.edges(INTEGRATES_WITH):
        if u == v:
            continue
        via = d.get("via") if d.get("via") in ls else None
        t = gc.max_known([gc.effective_levels(ls, u)["t"], gc.effective_levels(ls, v)["t"]])
        crit = gc.max_known([ls.node(u).get("criticality"), ls.node(v).get("criticality"),
                             d.get("criticality")])
        label = f"{ls.name(u)} {'↔' if d.get('bidirectional') else '→'} {ls.name(v)}"
        if d.get("type"):
            label += f" ({d['type']})"
        if via:
            label += f" via {ls.name(via)}"
        integrations.append({"source": u, "target": v, "via": via, "label": label,
                             "availability": t, "criticality": crit})
        common = {"type": d.get("type"), "frequency": d.get("frequency"),
                  "information": list(d.get("information") or []),
                  "platform": ls.name(via) if via else None,
                  "platform_managers": _label_managers(ls, managers(via)) if via else [],
                  "availability": t, "criticality": crit}
        ends = [(u, v, "producer", "both" if d.get("bidirectional") else "outgoing"),
                (v, u, "consumer", "both" if d.get("bidirectional") else "incoming")]
        if via:
            ends += [(via, u, "platform", "carries from"), (via, v, "platform", "carries to")]
        for system, partner, party, direction in ends:
            if system == partner:
                continue
            pm = managers(partner)
            flags = _flags(ls, partner, pm, as_of, horizon)
            code = _code(flags)
            if code in ("partner_unowned", "partner_ending_life"):
                sev = gc.at_least(gc.ranked_severity(crit, t, 0), "medium")
            elif code == "partner_external":
                sev = "low"
            else:
                sev = "info"
            for m in managers(system):
                person = m["person"]
                pd_ = ls.node(person)
                what = {"outgoing": "sends to", "incoming": "receives from",
                        "both": "exchanges with", "carries from": "carries data from",
                        "carries to": "carries data to"}[direction]
                reason = f"{ls.name(system)} {what} {ls.name(partner)}"
                if via and party != "platform":
                    reason += f" via {ls.name(via)}"
                reason += ": meet " + (", ".join(_label_managers(ls, pm)) or "nobody (no manager)")
                if flags:
                    reason += f" [{'; '.join(flags)}]"
                rows.append({
                    "subject": person, "name": ls.name(person), "code": code, "severity": sev,
                    "reason": reason, "email": pd_.get("email"), "role": m["role"],
                    "inherited_from": ls.name(m["inherited_from"]) if m["inherited_from"]
                    else None,
                    "system": system, "system_name": ls.name(system), "party": party,
                    "partner": partner, "partner_name": ls.name(partner),
                    "partner_managers": _label_managers(ls, pm), "direction": direction,
                    "flags": flags, **common,
                    "_related": [person, system],
                })
    return rows, integrations


def _target_filter(ls: Landscape, target: str | None):
    """A predicate on (person, system) for the positional PERSON|OBJECT|SYSTEM argument."""
    if not target:
        return None
    keys = gc.resolve_ref(ls, target, (PERSON, OBJECT, SYSTEM), "person, object or system")
    people = {k for k in keys if ls.node(k)["kind"] == PERSON}
    systems = {k for k in keys if ls.node(k)["kind"] == SYSTEM}
    for k in keys:
        if ls.node(k)["kind"] == OBJECT:
            systems.update(ls.systems_of(k))
    return lambda person, system: person in people or system in systems


def settings(config: Config | None) -> dict:
    return gc.config_or_default(config).section("coordinate", DEFAULTS)


@register("coordinate", "Whom each object manager must coordinate with, per integration")
def run(landscape: Landscape, *, as_of: dt.date, config: Config | None = None,
        target: str | None = None, organisation: str | None = None,
        object: str | None = None, person: str | None = None) -> pd.DataFrame:  # noqa: A002
    """Per manager and integration: whom to coordinate with, and what is at stake.

    Parameters
    ----------
    landscape : Landscape
    as_of : datetime.date
        Judges "ending its life" (within ``horizon_months``).
    config : ea.config.Config, optional
        Section ``coordinate``.
    target : str, optional
        A person (name or e-mail), object or system: only that person's rows, or the rows of
        the managers of that object's systems or of that system. Unknown references raise
        :class:`ea.errors.QueryError` naming close matches.
    organisation, object, person : str, optional
        Filters on the manager's system (organisation, object) and on the manager.

    Returns
    -------
    pandas.DataFrame
        Columns in the module docstring; most severe first, then most critical pairs.
    """
    ls = landscape
    pick = _target_filter(ls, target)
    scope = gc.Scope(ls, organisation=organisation, object=object, person=None)
    people = set(gc.resolve_ref(ls, person, (PERSON,), "person")) if person else None
    rows, _ = _links(ls, as_of, settings(config))
    if pick is not None:
        rows = [r for r in rows if pick(r["subject"], r["system"])]
    if people is not None:
        rows = [r for r in rows if r["subject"] in people]
    for r in rows:
        r["_related"] = [r["system"]]
    rows = gc.apply_scope(rows, scope)
    return gc.frame(rows, COLUMNS, desc=("criticality", "availability"),
                    asc=("system_name", "partner_name", "party", "role"))


def meeting_matrix(landscape: Landscape, *, as_of: dt.date, config: Config | None = None,
                   target: str | None = None, organisation: str | None = None,
                   object: str | None = None, person: str | None = None) -> pd.DataFrame:  # noqa: A002
    """The pairs of managers who must meet, with the integrations that bind them.

    One row per unordered pair of different people. ``relation`` is ``integration`` (they
    manage the two ends of an integration), ``platform`` (one manages the platform it passes
    through) or ``integration, platform``. ``binding`` lists the integrations
    ("A → B (api) via P"), ``integrations`` counts them, ``systems_a``/``systems_b`` are the
    systems each side answers for in them, ``availability``/``criticality`` the worst over
    them. Filters keep pairs where a binding integration has an end (or platform) inside the
    filter, or the person is one of the pair.
    """
    ls = landscape
    cfg = settings(config)
    roles = set(cfg["roles"])
    pick = _target_filter(ls, target)
    scope = gc.Scope(ls, organisation=organisation, object=object, person=None)
    people = set(gc.resolve_ref(ls, person, (PERSON,), "person")) if person else None
    _, integrations = _links(ls, as_of, cfg)
    pairs: dict[tuple[str, str], dict] = {}

    def bind(a, sa, b, sb, rel, rec):
        if a == b:
            return
        if b < a:
            a, sa, b, sb = b, sb, a, sa
        p = pairs.setdefault((a, b), {"relation": set(), "binding": [], "systems_a": set(),
                                      "systems_b": set(), "availability": [],
                                      "criticality": []})
        p["relation"].add(rel)
        if rec["label"] not in p["binding"]:
            p["binding"].append(rec["label"])
        p["systems_a"].add(ls.name(sa))
        p["systems_b"].add(ls.name(sb))
        p["availability"].append(rec["availability"])
        p["criticality"].append(rec["criticality"])

    for rec in integrations:
        u, v, via = rec["source"], rec["target"], rec["via"]
        ends = [u, v] + ([via] if via else [])
        if scope.active and not scope.keep(ends):
            continue
        mu = [r["person"] for r in _managers(ls, u, roles)]
        mv = [r["person"] for r in _managers(ls, v, roles)]
        mp = [r["person"] for r in _managers(ls, via, roles)] if via else []

        def wanted(a, sa, b, sb):
            if people is not None and a not in people and b not in people:
                return False
            return pick is None or pick(a, sa) or pick(b, sb)

        for a in sorted(set(mu)):
            for b in sorted(set(mv)):
                if wanted(a, u, b, v):
                    bind(a, u, b, v, "integration", rec)
        for p in sorted(set(mp)):
            for s, ms in ((u, mu), (v, mv)):
                for a in sorted(set(ms)):
                    if wanted(p, via, a, s):
                        bind(p, via, a, s, "platform", rec)
    rows = []
    for (a, b), p in pairs.items():
        rows.append({"manager_a": a, "manager_a_name": ls.name(a), "manager_b": b,
                     "manager_b_name": ls.name(b),
                     "relation": ", ".join(sorted(p["relation"])),
                     "integrations": len(p["binding"]), "binding": p["binding"],
                     "systems_a": sorted(p["systems_a"]), "systems_b": sorted(p["systems_b"]),
                     "availability": gc.max_known(p["availability"]),
                     "criticality": gc.max_known(p["criticality"])})
    df = pd.DataFrame(rows, columns=MATRIX_COLUMNS)
    if df.empty:
        return df
    df["_c"] = pd.to_numeric(df["criticality"], errors="coerce").fillna(-1)
    df["_t"] = pd.to_numeric(df["availability"], errors="coerce").fillna(-1)
    df = df.sort_values(["_c", "_t", "integrations", "manager_a_name", "manager_b_name"],
                        ascending=[False, False, False, True, True], kind="stable")
    df = df.drop(columns=["_c", "_t"]).reset_index(drop=True)
    return gc.whole_numbers(df, ["availability", "criticality"])
