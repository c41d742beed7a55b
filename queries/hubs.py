"""Integration hubs and the systems that need joint continuity planning.

Ranks the systems of the integration graph and flags the hubs whose failure reaches across
organisation boundaries, so their continuity must be planned *together* with the managers of
the systems around them (the Gotland audit's rule of thumb).

The metrics are computed on ``landscape.integration_graph(expand_via=True)``: an integration
A -> B through a platform P counts as A -> P -> B, so the platform gets the centrality it has
in reality. The continuity groups (see :func:`continuity_groups`) still pair the real producer
and consumer: a system's partners are both its platform and the system at the other end.

Metrics (per system)
--------------------
``in_degree`` / ``out_degree``
    Systems it receives data from / sends data to; ``degree``: distinct neighbours.
``betweenness``
    Normalised betweenness centrality of the undirected projection, exact up to
    ``hubs.exact_max_nodes`` systems (engine: rustworkx, NetworkX is the model), sampled above
    it; ``betweenness_method`` says which.
``articulation_point`` / ``bridges`` / ``core``
    Whether removing the system splits the undirected projection; how many of its links are
    bridges; its k-core number.
``t`` / ``criticality`` / ``max_t_dependants``
    The hub's availability class (Tillgänglighet, 0–4) and criticality (1–4), and the highest
    T among its dependants (systems that receive data from it, ``hubs.dependants:
    downstream``; or every partner, ``both``).
``organisations`` / ``organisation_count``
    The organisations owning the hub and its neighbours.

Score
-----
``hub_score = (betweenness + degree / (n - 1)) × w_availability × w_criticality ×
w_organisations`` where ``w_availability = 1 + T/4`` and ``w_criticality = 1 + (criticality
- 1)/3`` use the highest value over the hub and its neighbours (unknown counts as 0 / 1), and
``w_organisations`` is the number of organisations involved (at least 1). ``rank`` orders by it.

Rule: needs joint continuity planning
-------------------------------------
A system is flagged (code ``JOINT_CONTINUITY_PLANNING``) when

* it is an articulation point, or among the ``hubs.top_betweenness`` systems of highest
  betweenness (with betweenness > 0), **and** it and its neighbours belong to at least
  ``hubs.min_organisations`` organisations; or
* it is a hub (an articulation point, in the top betweenness, or with at least
  ``hubs.min_degree`` neighbours) whose T is below the T of a system depending on it
  (``hubs.availability_rule``).

Severity is ``high`` for an articulation point or an availability gap, ``medium`` when only
the top-betweenness rule fired. Other systems among the ``hubs.top`` of highest score appear
with code ``HUB`` (``info``). Column ``rules`` lists the rules that fired.

Columns: the finding columns plus ``rank``, ``hub_score``, ``rules``, ``organisation``,
``external``, ``in_degree``, ``out_degree``, ``degree``, ``betweenness``,
``betweenness_method``, ``articulation_point``, ``bridges``, ``core``, ``t``, ``criticality``,
``max_t_dependants``, ``organisation_count``, ``organisations``, ``w_availability``,
``w_criticality``, ``w_organisations``.

Config (section ``hubs``, defaults in :data:`DEFAULTS`).

Examples
--------
>>> import datetime as dt
>>> from ea.landscape import Landscape
>>> ls = Landscape()
>>> for s in "abc":
...     _ = ls.add_system(s, name=s.upper())
>>> _ = ls.add_integration("System:a", "System:b"); _ = ls.add_integration("System:b", "System:c")
>>> df = run(ls, as_of=dt.date(2026, 11, 25))
>>> df[["name", "code", "articulation_point"]].values.tolist()
[['B', 'HUB', True], ['A', 'HUB', False], ['C', 'HUB', False]]
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ea import schema
from ea.queries import FINDING_COLUMNS, register, sort_findings
from ea.queries import _graphalg as ga

DEFAULTS = {
    "top": 20,  # systems of highest score listed even when not flagged (0: flagged only)
    "top_betweenness": 10,  # "top-N betweenness" in the joint-planning rule
    "min_organisations": 2,  # organisations the hub and its neighbours must span
    "min_degree": 3,  # neighbours that make a system a hub for the availability rule
    "availability_rule": True,  # flag a hub whose T is below that of a dependant
    "dependants": "downstream",  # downstream (receive data from the hub) | both
    "group_hops": 1,  # continuity group: managers of systems within this many hops
    "group_roles": ["object_owner", "object_owner_it", "business_manager", "it_manager"],
    "exact_max_nodes": 20000,  # above this many systems betweenness is sampled
    "samples": 500,  # source nodes sampled above exact_max_nodes
}

COLUMNS = [*FINDING_COLUMNS, "rank", "hub_score", "rules", "organisation", "external",
           "in_degree", "out_degree", "degree", "betweenness", "betweenness_method",
           "articulation_point", "bridges", "core", "t", "criticality", "max_t_dependants",
           "organisation_count", "organisations", "w_availability", "w_criticality",
           "w_organisations"]

GROUP_COLUMNS = ["hub", "hub_name", "system", "system_name", "distance", "organisation",
                 "role", "person", "person_name", "email", "note"]


def _settings(config) -> dict:
    return config.section("hubs", DEFAULTS) if config is not None else dict(DEFAULTS)


def _org_names(landscape, key: str) -> list[str]:
    return [landscape.name(o) for o in landscape.owners_of(key)]


def metrics(landscape, config=None) -> pd.DataFrame:
    """Hub metrics of every system (no rule, no filtering), indexed by system key.

    Columns as in the module docstring, without the finding columns; ``flagged``,
    ``availability_gap`` and ``rules`` tell which rules fired.
    """
    cfg = _settings(config)
    g = landscape.integration_graph(expand_via=True)
    u = ga.undirected(g)
    n = u.number_of_nodes()
    bc, method = ga.betweenness(u, exact_max_nodes=int(cfg["exact_max_nodes"]),
                                samples=int(cfg["samples"]))
    arts = ga.articulation_points(u)
    bridge_count: dict = {}
    for a, b in ga.bridges(u):
        bridge_count[a] = bridge_count.get(a, 0) + 1
        bridge_count[b] = bridge_count.get(b, 0) + 1
    core = ga.core_number(u) if n else {}
    top_n = int(cfg["top_betweenness"])
    ranked_bc = sorted((k for k in u if bc.get(k, 0) > 0), key=lambda k: (-bc[k], k))[:top_n]
    top_bc = set(ranked_bc)
    orgs_of = {k: _org_names(landscape, k) for k in u.nodes}
    t_of = {k: landscape.node(k).get("t") for k in u.nodes}
    crit_of = {k: landscape.node(k).get("criticality") for k in u.nodes}
    rows = []
    for key in sorted(u.nodes):
        d = landscape.node(key)
        nbrs = set(u.neighbors(key))
        if cfg["dependants"] == "both":
            deps = nbrs
        else:
            deps = set(g.successors(key))
        orgs = set(orgs_of[key])
        for nb in nbrs:
            orgs.update(orgs_of[nb])
        ts = [t_of[x] for x in nbrs | {key}]
        crits = [crit_of[x] for x in nbrs | {key}]
        max_t = max([t for t in ts if t is not None], default=0)
        max_c = max([c for c in crits if c is not None], default=1)
        dep_ts = [t_of[x] for x in deps]
        max_t_dep = max([t for t in dep_ts if t is not None], default=None)
        t = d.get("t")
        w_a = 1 + max_t / 4
        w_c = 1 + (max_c - 1) / 3
        w_o = max(len(orgs), 1)
        base = bc.get(key, 0.0) + (len(nbrs) / (n - 1) if n > 1 else 0.0)
        is_art = key in arts
        is_hub = is_art or key in top_bc or len(nbrs) >= int(cfg["min_degree"])
        rules = []
        if (is_art or key in top_bc) and len(orgs) >= int(cfg["min_organisations"]):
            if is_art:
                rules.append("articulation_point")
            if key in top_bc:
                rules.append("top_betweenness")
        gap = (bool(cfg["availability_rule"]) and is_hub and t is not None
               and max_t_dep is not None and t < max_t_dep)
        if gap:
            rules.append("availability_below_dependant")
        rows.append({
            "subject": key, "name": landscape.name(key),
            "organisation": "; ".join(orgs_of[key]) or None,
            "external": bool(d.get("external")),
            "in_degree": g.in_degree(key), "out_degree": g.out_degree(key),
            "degree": len(nbrs), "betweenness": round(bc.get(key, 0.0), 6),
            "betweenness_method": method, "articulation_point": is_art,
            "bridges": bridge_count.get(key, 0), "core": core.get(key, 0),
            "t": t, "criticality": d.get("criticality"), "max_t_dependants": max_t_dep,
            "organisation_count": len(orgs), "organisations": sorted(orgs),
            "w_availability": round(w_a, 3), "w_criticality": round(w_c, 3),
            "w_organisations": w_o, "hub_score": round(base * w_a * w_c * w_o, 6),
            "rules": rules, "flagged": bool(rules), "availability_gap": gap,
        })
    df = pd.DataFrame(rows, dtype=object)
    if df.empty:
        return df
    df = df.sort_values(["hub_score", "name", "subject"], ascending=[False, True, True],
                        kind="stable")
    df["rank"] = range(1, len(df) + 1)
    return df.set_index("subject", drop=False)


def _reason(r) -> str:
    parts = []
    if "articulation_point" in r["rules"]:
        parts.append("removing it splits the integration graph")
    if "top_betweenness" in r["rules"]:
        parts.append(f"it is among the most central systems (betweenness {r['betweenness']:.3f})")
    if parts:
        parts[-1] += f", and it and its neighbours belong to {r['organisation_count']} " \
                     f"organisations ({', '.join(r['organisations'])})"
    if "availability_below_dependant" in r["rules"]:
        parts.append(f"its availability class T{r['t']} is below T{r['max_t_dependants']} of a "
                     "system depending on it")
    if parts:
        return "Needs joint continuity planning: " + "; ".join(parts) + "."
    return (f"Hub rank {r['rank']}: {r['degree']} neighbours, betweenness "
            f"{r['betweenness']:.3f}, {r['organisation_count']} organisation(s) involved.")


@register("hubs", "Integration hubs and the systems that need joint continuity planning")
def run(landscape, *, as_of: dt.date | None = None, config=None, top: int | None = None,
        **_params) -> pd.DataFrame:
    """Rank hubs and flag those that need joint continuity planning (see module docstring).

    Parameters
    ----------
    landscape : ea.landscape.Landscape
    as_of : datetime.date
        Not used by the rules (kept for the common query signature).
    config : ea.config.Config, optional
        Section ``hubs``.
    top : int, optional
        Overrides ``hubs.top``: how many unflagged systems of highest score to list.
    """
    cfg = _settings(config)
    m = metrics(landscape, config)
    if m.empty:
        return pd.DataFrame(columns=COLUMNS)
    top = int(cfg["top"] if top is None else top)
    keep = m[m["flagged"] | ((m["rank"] <= top) & (m["degree"] > 0))].copy()
    keep["code"] = ["JOINT_CONTINUITY_PLANNING" if f else "HUB" for f in keep["flagged"]]
    keep["severity"] = [
        "info" if not r["flagged"] else
        ("high" if ("articulation_point" in r["rules"] or r["availability_gap"]) else "medium")
        for _, r in keep.iterrows()]
    keep["reason"] = [_reason(r) for _, r in keep.iterrows()]
    keep = keep.reset_index(drop=True)[COLUMNS]
    return ga.tidy(sort_findings(keep, "rank"))


def continuity_groups(landscape, *, as_of: dt.date | None = None, config=None,
                      hubs: pd.DataFrame | None = None, **_params) -> pd.DataFrame:
    """The people to put in one room for each flagged hub.

    For every ``JOINT_CONTINUITY_PLANNING`` hub: its owner and managers (roles in
    ``hubs.group_roles``, inherited from its förvaltningsobjekt) and the managers
    (business_manager, it_manager) of every system within ``hubs.group_hops`` hops — partners
    through a platform and the platform itself both count — with the system's organisations.
    A role nobody holds is a row with ``note`` ``vacant`` (recorded as vacant) or
    ``missing`` (not recorded at all), so the gap is visible.

    Columns: ``hub``, ``hub_name``, ``system``, ``system_name``, ``distance`` (0 = the hub),
    ``organisation``, ``role``, ``person``, ``person_name``, ``email``, ``note``.
    """
    cfg = _settings(config)
    if hubs is None:
        hubs = run(landscape, as_of=as_of, config=config, top=0)
    flagged = hubs[hubs["code"] == "JOINT_CONTINUITY_PLANNING"] if len(hubs) else hubs
    if flagged is None or flagged.empty:
        return pd.DataFrame(columns=GROUP_COLUMNS)
    pg = ga.undirected(ga.partner_graph(landscape))
    hops = int(cfg["group_hops"])
    hub_roles = list(cfg["group_roles"])
    cache: dict = {}

    def facts(sysk):
        if sysk not in cache:
            vacant = {v["role"] for v in landscape.node(sysk).get("vacant_roles", []) or []}
            for obj in landscape.objects_of(sysk):
                vacant |= {v["role"] for v in landscape.node(obj).get("vacant_roles", []) or []}
            cache[sysk] = (landscape.roles_of(sysk), vacant,
                           "; ".join(_org_names(landscape, sysk)) or None)
        return cache[sysk]

    rows = []
    for _, h in flagged.iterrows():
        hub = h["subject"]
        members = {hub: 0, **ga.within_hops(pg, hub, hops)}
        for sysk, dist in sorted(members.items(), key=lambda x: (x[1], landscape.name(x[0]))):
            roles = hub_roles if dist == 0 else list(schema.MANAGER_ROLES)
            held, vacant, org = facts(sysk)
            for role in roles:
                people = [r["person"] for r in held if r["role"] == role]
                base = {"hub": hub, "hub_name": h["name"], "system": sysk,
                        "system_name": landscape.name(sysk), "distance": dist,
                        "organisation": org, "role": role}
                if not people:
                    rows.append({**base, "person": None, "person_name": None, "email": None,
                                 "note": "vacant" if role in vacant else "missing"})
                for p in sorted(set(people)):
                    pd_ = landscape.node(p)
                    rows.append({**base, "person": p, "person_name": pd_.get("name"),
                                 "email": pd_.get("email"), "note": None})
    return ga.tidy(pd.DataFrame(rows, columns=GROUP_COLUMNS))
