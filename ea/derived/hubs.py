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
from .lookups import collector_paused, lookups
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
    ``hubs.exact_max_nodes`` systems in one organisation, as for the whole), and its rank.

    Each organisation's links are sorted out in one pass over the graph's adjacency and
    handed to rustworkx as they are, not through a NetworkX subgraph view each (a country
    has ~1,800 organisations, and every view filtered the whole adjacency again)."""
    members: dict = {}
    for k, grp in group_of.items():
        if grp is not None:
            members.setdefault(grp, []).append(k)
    links: dict = {}
    for a, nbrs in u._adj.items():
        grp = group_of.get(a)
        if grp is None:
            continue
        for b in nbrs:
            if a < b and group_of.get(b) == grp:
                links.setdefault(grp, []).append((a, b))
    exact_max = how.get("exact_max_nodes")
    fast = ga.engine() == "rustworkx"
    bc_in: dict = {}
    rank_in: dict = {}
    for grp in sorted(members):
        keys = members[grp]
        if len(keys) <= 2:
            bc = dict.fromkeys(keys, 0.0)  # no system lies between two others
        elif fast and (exact_max is None or len(keys) <= exact_max):
            bc = ga.rx_betweenness_of(keys, links.get(grp, []))
        else:
            bc, _ = ga.betweenness(u.subgraph(keys), **how)
        bc_in.update(bc)
        # ties by key: systems placed alike get values equal up to the last bits, which
        # differ with the order the engine summed them in (rounded at 12 digits, far below
        # the 6 shown, so the rank no longer changes from run to run)
        order = sorted(keys, key=lambda k: (-round(bc.get(k, 0.0), 12), k))
        rank_in.update({k: i for i, k in enumerate(order, 1)})
    return bc_in, rank_in


@collector_paused()
def _metrics(landscape, cfg: dict, weights) -> pd.DataFrame:
    """:func:`metrics` computed (the only place it is). The cyclic collector is paused: the
    graphs and rows made here hold no cycles, and each full collection it set off walked
    the whole loaded landscape as well."""
    g = landscape.integration_graph(expand_via=True)
    u = ga.undirected(g)
    n = u.number_of_nodes()
    how = {"exact_max_nodes": int(cfg["exact_max_nodes"]), "samples": int(cfg["samples"]),
           "error": float(cfg["estimate_error"]),
           "confidence": float(cfg["estimate_confidence"])}
    bc, method = ga.betweenness(u, **how)
    arts, bridge_list, core = ga.structure(u)
    bridge_count: dict = {}
    for a, b in bridge_list:
        bridge_count[a] = bridge_count.get(a, 0) + 1
        bridge_count[b] = bridge_count.get(b, 0) + 1
    top_n = int(cfg["top_betweenness"])
    ranked_bc = sorted((k for k in u if bc.get(k, 0) > 0), key=lambda k: (-bc[k], k))[:top_n]
    top_bc = set(ranked_bc)
    # organisations are counted by key and shown by a name that tells them apart: a country
    # has a Socialförvaltningen in every municipality; on a view of the run, so org_name
    # counts the names in use once and owners come from one index of the edges
    view = lookups(landscape)
    owners_of = {k: effective_owners(view, k) for k in u.nodes}
    name_of_org: dict = {}

    def oname(o):
        try:
            return name_of_org[o]
        except KeyError:
            value = name_of_org[o] = org_name(view, o)
            return value

    attrs = {k: view.node(k) for k in u.nodes}
    group_of = {k: _group_of(view, k, owners_of[k]) for k in u.nodes}
    bc_in, rank_in = _within(u, group_of, **how)
    t_of = {k: attrs[k].get("t") for k in u.nodes}
    crit_of = {k: attrs[k].get("criticality") for k in u.nodes}
    dep_crit = highest_dependency(dependencies(landscape))
    both = cfg["dependants"] == "both"
    min_degree = int(cfg["min_degree"])
    min_orgs = int(cfg["min_organisations"])
    availability_rule = bool(cfg["availability_rule"])
    weights = weights or {}
    adj, succ = u._adj, g._succ
    cols: dict[str, list] = {c: [] for c in ROW_COLUMNS}
    add = {c: cols[c].append for c in ROW_COLUMNS}
    for key in sorted(u.nodes):
        d = attrs[key]
        nbrs = adj[key].keys()
        deps = nbrs if both else succ[key].keys()
        org_keys = set(owners_of[key])
        for nb in nbrs:
            org_keys.update(owners_of[nb])
        max_t = max((v for x in nbrs if (v := t_of[x]) is not None), default=0)
        max_c = max((v for x in nbrs if (v := crit_of[x]) is not None), default=1)
        t = d.get("t")
        if t is not None and t > max_t:
            max_t = t
        c = d.get("criticality")
        if c is not None and c > max_c:
            max_c = c
        max_t_dep = max((v for x in deps if (v := t_of[x]) is not None), default=None)
        w_a = 1 + max_t / 4
        w_c = 1 + (max_c - 1) / 3
        w_o = max(len(org_keys), 1)
        w_d = dep_crit[key] / 2 if key in dep_crit else 1.0
        is_art = key in arts
        in_top = key in top_bc
        degree = len(nbrs)
        is_hub = is_art or in_top or degree >= min_degree
        rules = []
        if (is_art or in_top) and len(org_keys) >= min_orgs:
            if is_art:
                rules.append("articulation_point")
            if in_top:
                rules.append("top_betweenness")
        gap = (availability_rule and is_hub and t is not None
               and max_t_dep is not None and t < max_t_dep)
        if gap:
            rules.append("availability_below_dependant")
        b = bc.get(key, 0.0)
        grp = group_of[key]
        add["subject"](key)
        add["name"](view.name(key))
        add["organisation"]("; ".join(oname(o) for o in owners_of[key]) or None)
        add["external"](bool(d.get("external")))
        add["in_degree"](len(g._pred[key]))
        add["out_degree"](len(succ[key]))
        add["degree"](degree)
        add["betweenness"](round(b, 6))
        add["betweenness_method"](method)
        add["articulation_point"](is_art)
        add["bridges"](bridge_count.get(key, 0))
        add["core"](core.get(key, 0))
        add["t"](t)
        add["criticality"](d.get("criticality"))
        add["max_t_dependants"](max_t_dep)
        add["organisation_count"](len(org_keys))
        add["organisations"](sorted({oname(o) for o in org_keys}))
        add["w_availability"](round(w_a, 3))
        add["w_criticality"](round(w_c, 3))
        add["w_organisations"](w_o)
        add["dependency_criticality"](dep_crit.get(key))
        add["w_dependency"](w_d)
        add["hub_score"](score(b, degree, n, w_a, w_c, w_o, w_d * weights.get(key, 1.0)))
        add["rules"](rules)
        add["flagged"](bool(rules))
        add["availability_gap"](gap)
        add["organisation_key"](grp)
        add["organisation_betweenness"](round(bc_in.get(key, 0.0), 6)
                                        if grp is not None else None)
        add["organisation_rank"](rank_in.get(key))
    if not cols["subject"]:
        return pd.DataFrame()
    df = pd.DataFrame({c: pd.Series(v, dtype=object) for c, v in cols.items()},
                      columns=ROW_COLUMNS)
    df = df.sort_values(["hub_score", "name", "subject"], ascending=[False, True, True],
                        kind="stable")
    df["rank"] = range(1, len(df) + 1)
    return df.set_index("subject", drop=False)


#: The columns of :func:`metrics` before ``rank``, in order.
ROW_COLUMNS = ["subject", "name", "organisation", "external", "in_degree", "out_degree",
               "degree", "betweenness", "betweenness_method", "articulation_point", "bridges",
               "core", "t", "criticality", "max_t_dependants", "organisation_count",
               "organisations", "w_availability", "w_criticality", "w_organisations",
               "dependency_criticality", "w_dependency", "hub_score", "rules", "flagged",
               "availability_gap", "organisation_key", "organisation_betweenness",
               "organisation_rank"]


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
