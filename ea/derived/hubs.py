"""Hub metrics of every system, on the platform-expanded integration graph.

The graph is ``landscape.integration_graph(expand_via=True)``: an integration A -> B through a
platform P counts as A -> P -> B, so the platform gets the centrality it has in reality.
Betweenness runs on the engine of :mod:`ea.derived.graphalg` (exact up to
``hubs.exact_max_nodes`` systems, estimated above), articulation points and bridges on the
undirected projection.

Score: ``hub_score = (betweenness + degree / (n - 1)) × w_availability × w_criticality ×
w_organisations × w_dependency`` where ``w_availability = 1 + T/4`` and ``w_criticality = 1 +
(criticality - 1)/3`` use the highest value over the hub and its neighbours (unknown counts as
0 / 1), ``w_organisations`` is the number of organisations involved (at least 1) and
``w_dependency = c / 2`` weighs the hub by how critical its dependants call it: ``c`` is the
highest criticality (1–4) recorded on a dependency on the hub (an integration from it, or one
it carries as a platform; see :mod:`ea.derived.dependencies`), so *helt
verksamhetskritiskt* doubles the score and only *ej verksamhetskritiskt* dependants halve
it; 1 when no dependency on the hub has a recorded criticality. A caller may multiply in a
further per-system weight (``weights``).

Where continuity is planned (``ea hubs --scope``): ``organisation_betweenness`` is a
system's betweenness inside its own organisation's graph (the systems it owns, national
services left out; exact up to ``hubs.exact_max_nodes`` systems in it) and ``organisation_rank`` its place there; :func:`between_organisations`
ranks the organisations and national services (external systems) on the condensed graph,
where each organisation is one node.

``ea hubs``, the map (sizes, diamonds), ``ea replacement`` and the Neo4j properties all read
these numbers from :func:`metrics`. A command's landscape carries the snapshot's cache
(:mod:`ea.store.cache`, attached where the command loads it): :func:`metrics` asks it first,
so the numbers are computed once per snapshot and ``hubs`` configuration.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from . import graphalg as ga
from .dependencies import dependencies, highest_dependency
from .lookups import lookups
from .organisations import effective_owners, org_name

DEFAULTS = {
    "top": 20,  # systems of highest score listed even when not flagged (0: flagged only)
    "top_betweenness": 10,  # "top-N betweenness" in the joint-planning rule
    "min_organisations": 2,  # organisations the hub and its neighbours must span
    "min_degree": 3,  # neighbours that make a system a hub for the availability rule
    "availability_rule": True,  # flag a hub whose T is below that of a dependant
    "dependants": "downstream",  # downstream (receive data from the hub) | both
    "group_hops": 1,  # continuity group: managers of systems within this many hops
    "group_roles": ["object_owner", "object_owner_it", "business_manager", "it_manager"],
    "exact_max_nodes": 5000,  # above this many systems betweenness is estimated
    "estimate_error": 0.01,  # KADABRA's absolute error above exact_max_nodes
    "estimate_confidence": 0.9,  # the probability every estimate is within it
    "samples": 500,  # source nodes sampled above exact_max_nodes without networkit
}

#: Bumped whenever :func:`metrics` computes differently, so an older cache is not used.
VERSION = 3


def settings(config) -> dict:
    """The ``hubs`` section of ea.yaml over :data:`DEFAULTS`."""
    return config.section("hubs", DEFAULTS) if config is not None else dict(DEFAULTS)


def _org_names(landscape, key: str) -> list[str]:
    """A system's owning organisations (its object's when it has none) as cells name them
    (:func:`~ea.derived.organisations.org_name`)."""
    return [org_name(landscape, o) for o in effective_owners(landscape, key)]


def score(betweenness: float, degree: int, n: int, w_availability: float,
          w_criticality: float, w_organisations: int, w_dependency: float = 1.0) -> float:
    """The hub score from its parts (see the module docstring)."""
    base = betweenness + (degree / (n - 1) if n > 1 else 0.0)
    return round(base * w_availability * w_criticality * w_organisations * w_dependency, 6)


def _cache_of(landscape, cache):
    return cache if cache is not None else getattr(landscape, "derived_cache", None)


#: The settings the metrics depend on (``top``, ``group_hops`` and ``group_roles`` only
#: choose what ``ea hubs`` shows, so changing them keeps the cache).
METRIC_KEYS = ("top_betweenness", "min_organisations", "min_degree", "availability_rule",
               "dependants", "exact_max_nodes", "estimate_error", "estimate_confidence",
               "samples")


def _params(cfg: dict) -> dict:
    """What a cached frame depends on besides the snapshot."""
    return {"version": VERSION, "hubs": {k: cfg.get(k) for k in METRIC_KEYS},
            "engine": ga.engines()}


def metrics(landscape, config=None, *, weights: dict[str, float] | None = None,
            cache=None) -> pd.DataFrame:
    """Hub metrics of every system (no filtering), indexed by system key, highest score
    first with ``rank`` 1, 2, ...

    Columns: ``subject``, ``name``, ``organisation``, ``external``, ``in_degree``,
    ``out_degree``, ``degree``, ``betweenness``, ``betweenness_method``,
    ``articulation_point``, ``bridges``, ``core``, ``t``, ``criticality``,
    ``max_t_dependants``, ``organisation_count``, ``organisations``, ``w_availability``,
    ``w_criticality``, ``w_organisations``, ``dependency_criticality`` (the highest
    criticality of a dependency on it), ``w_dependency``, ``hub_score``, ``rank``; ``flagged``,
    ``availability_gap`` and ``rules`` tell which rules of ``ea hubs`` fired;
    ``organisation_key``, ``organisation_betweenness``, ``organisation_rank``: the
    organisation a system counts in (its first owning organisation), its betweenness in
    that organisation's own graph and its rank there (``None`` for national services
    and systems without an organisation). ``weights``: an optional extra factor per system
    key (see :func:`score`).

    ``cache``: an :class:`ea.store.cache.SnapshotCache` (default: the one a command
    attached to ``landscape``, if any); not used with ``weights``.
    """
    cfg = settings(config)
    cache = _cache_of(landscape, cache) if weights is None else None
    if cache is not None:
        hit = cache.get("hubs", _params(cfg))
        if hit is not None:
            return hit
    df = _metrics(landscape, cfg, weights)
    if cache is not None:
        cache.put("hubs", _params(cfg), df)
    return df


def _group_of(landscape, key: str, orgs: list[str]) -> str | None:
    """The organisation a system counts in for continuity planning: its first owning
    organisation (by key); ``None`` for a national service (external system) or a system
    without one."""
    if landscape.node(key).get("external"):
        return None
    return min(orgs) if orgs else None


def _within(u, group_of: dict, **how) -> tuple[dict, dict]:
    """Betweenness of each system inside its organisation's own graph (exact up to
    ``hubs.exact_max_nodes`` systems in one organisation, as for the whole), and its rank."""
    members: dict = {}
    for k, grp in group_of.items():
        if grp is not None:
            members.setdefault(grp, []).append(k)
    bc_in: dict = {}
    rank_in: dict = {}
    for grp in sorted(members):
        sub = u.subgraph(members[grp])
        bc, _ = ga.betweenness(sub, **how)
        bc_in.update(bc)
        order = sorted(members[grp], key=lambda k: (-bc.get(k, 0.0), k))
        rank_in.update({k: i for i, k in enumerate(order, 1)})
    return bc_in, rank_in


def _metrics(landscape, cfg: dict, weights) -> pd.DataFrame:
    """:func:`metrics` computed (the only place it is)."""
    g = landscape.integration_graph(expand_via=True)
    u = ga.undirected(g)
    n = u.number_of_nodes()
    how = {"exact_max_nodes": int(cfg["exact_max_nodes"]), "samples": int(cfg["samples"]),
           "error": float(cfg["estimate_error"]),
           "confidence": float(cfg["estimate_confidence"])}
    bc, method = ga.betweenness(u, **how)
    arts = ga.articulation_points(u)
    bridge_count: dict = {}
    for a, b in ga.bridges(u):
        bridge_count[a] = bridge_count.get(a, 0) + 1
        bridge_count[b] = bridge_count.get(b, 0) + 1
    core = ga.core_number(u) if n else {}
    top_n = int(cfg["top_betweenness"])
    ranked_bc = sorted((k for k in u if bc.get(k, 0) > 0), key=lambda k: (-bc[k], k))[:top_n]
    top_bc = set(ranked_bc)
    owners_of = {k: effective_owners(landscape, k) for k in u.nodes}
    # organisations are counted by key and shown by a name that tells them apart: a country
    # has a Socialförvaltningen in every municipality
    # on a view of the run: org_name counts the names in use once, not once per call (at
    # 100,000 systems that scan of every node per system ran for hours)
    names = lookups(landscape)
    orgs_of = {k: [org_name(names, o) for o in owners_of[k]] for k in u.nodes}
    group_of = {k: _group_of(landscape, k, owners_of[k]) for k in u.nodes}
    bc_in, rank_in = _within(u, group_of, **how)
    t_of = {k: landscape.node(k).get("t") for k in u.nodes}
    crit_of = {k: landscape.node(k).get("criticality") for k in u.nodes}
    dep_crit = highest_dependency(dependencies(landscape))
    rows = []
    for key in sorted(u.nodes):
        d = landscape.node(key)
        nbrs = set(u.neighbors(key))
        deps = nbrs if cfg["dependants"] == "both" else set(g.successors(key))
        org_keys = set(owners_of[key])
        for nb in nbrs:
            org_keys.update(owners_of[nb])
        orgs = {org_name(names, o) for o in org_keys}
        ts = [t_of[x] for x in nbrs | {key}]
        crits = [crit_of[x] for x in nbrs | {key}]
        max_t = max([t for t in ts if t is not None], default=0)
        max_c = max([c for c in crits if c is not None], default=1)
        dep_ts = [t_of[x] for x in deps]
        max_t_dep = max([t for t in dep_ts if t is not None], default=None)
        t = d.get("t")
        w_a = 1 + max_t / 4
        w_c = 1 + (max_c - 1) / 3
        w_o = max(len(org_keys), 1)
        w_d = dep_crit[key] / 2 if key in dep_crit else 1.0
        is_art = key in arts
        is_hub = is_art or key in top_bc or len(nbrs) >= int(cfg["min_degree"])
        rules = []
        if (is_art or key in top_bc) and len(org_keys) >= int(cfg["min_organisations"]):
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
            "organisation_count": len(org_keys), "organisations": sorted(orgs),
            "w_availability": round(w_a, 3), "w_criticality": round(w_c, 3),
            "w_organisations": w_o, "dependency_criticality": dep_crit.get(key),
            "w_dependency": w_d,
            "hub_score": score(bc.get(key, 0.0), len(nbrs), n, w_a, w_c, w_o,
                               w_d * (weights or {}).get(key, 1.0)),
            "rules": rules, "flagged": bool(rules), "availability_gap": gap,
            "organisation_key": group_of[key],
            "organisation_betweenness": (round(bc_in.get(key, 0.0), 6)
                                         if group_of[key] is not None else None),
            "organisation_rank": rank_in.get(key),
        })
    df = pd.DataFrame(rows, dtype=object)
    if df.empty:
        return df
    df = df.sort_values(["hub_score", "name", "subject"], ascending=[False, True, True],
                        kind="stable")
    df["rank"] = range(1, len(df) + 1)
    return df.set_index("subject", drop=False)


BETWEEN_COLUMNS = ["node", "name", "kind", "systems", "partners", "cross_integrations",
                   "betweenness", "articulation_point", "rank"]


def between_organisations(landscape, config=None, *, cache=None) -> pd.DataFrame:
    """Hubs between organisations: the condensed graph, where every organisation is one node
    (its systems, by :func:`_group_of`), every national service (external system) and every
    system without an organisation stays itself, and two nodes are linked when an
    integration (platform-expanded) joins them. Betweenness on it (exact: it is small, up to
    ``hubs.exact_max_nodes`` nodes).

    Columns: ``node`` (organisation or system key), ``name``, ``kind`` (``organisation``,
    ``national_service``, ``system``: one without an organisation), ``systems`` (how many it
    stands for), ``partners`` (linked nodes), ``cross_integrations`` (integration links to
    other nodes), ``betweenness``, ``articulation_point``, ``rank`` (1 = most between).
    Cached beside the snapshot like :func:`metrics`.
    """
    cfg = settings(config)
    cache = _cache_of(landscape, cache)
    params = {**_params(cfg), "view": "between"}
    if cache is not None:
        hit = cache.get("hubs-between", params)
        if hit is not None:
            return hit
    g = landscape.integration_graph(expand_via=True)
    node_of: dict = {}
    kind: dict = {}
    size: dict = {}
    for k in g.nodes:
        grp = _group_of(landscape, k, effective_owners(landscape, k))
        n = grp if grp is not None else k
        node_of[k] = n
        kind[n] = ("organisation" if grp is not None else
                   "national_service" if landscape.node(k).get("external") else "system")
        size[n] = size.get(n, 0) + 1
    c = nx.Graph()
    c.add_nodes_from(size)
    cross: dict = dict.fromkeys(size, 0)
    for a, b in g.edges:
        x, y = node_of[a], node_of[b]
        if x == y:
            continue
        cross[x] += 1
        cross[y] += 1
        c.add_edge(x, y)
    bc, _ = ga.betweenness(c, exact_max_nodes=int(cfg["exact_max_nodes"]),
                           samples=int(cfg["samples"]), error=float(cfg["estimate_error"]),
                           confidence=float(cfg["estimate_confidence"]))
    arts = ga.articulation_points(c)
    rows = [{"node": n, "name": landscape.name(n), "kind": kind[n], "systems": size[n],
             "partners": c.degree(n), "cross_integrations": cross[n],
             "betweenness": round(bc.get(n, 0.0), 6), "articulation_point": n in arts}
            for n in c.nodes]
    df = pd.DataFrame(rows, columns=BETWEEN_COLUMNS[:-1], dtype=object)
    if not df.empty:
        df = df.sort_values(["betweenness", "cross_integrations", "name", "node"],
                            ascending=[False, False, True, True], kind="stable")
    df["rank"] = range(1, len(df) + 1)
    df = df.reset_index(drop=True)
    if cache is not None:
        cache.put("hubs-between", params, df)
    return df
