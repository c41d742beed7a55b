"""The graph-algorithm engine layer of the architect analyses.

NetworkX is the model: every function here gives the answer NetworkX gives, and the tests
check it. Exact betweenness centrality is O(V·E) and pure NetworkX needs minutes at the size
of a large region (10,000 systems, 50,000 integrations), so it runs on `rustworkx
<https://www.rustworkx.org/>`_ (Brandes' algorithm in Rust, multithreaded), chosen by
benchmark (``bench/betweenness.py``). When rustworkx is not importable the NetworkX
implementation is used, with the same results, only slower.

Above a configurable size betweenness is *estimated*: by `networkit
<https://networkit.github.io/>`_'s ``KadabraBetweenness`` (MIT; C++, adaptive sampling with a
guaranteed absolute error, fixed seed), or, when networkit cannot be imported, by NetworkX's
sampled Brandes (``k`` source nodes, fixed seed), which is many times slower;
:func:`betweenness` says which it did. The choice was measured on the 10,000-system demo region
(``bench/betweenness.py --snapshot``, figures in docs/architecture.md).

Examples
--------
>>> import networkx as nx
>>> g = nx.path_graph(["a", "b", "c"])
>>> bc, method = betweenness(g)
>>> bc["b"], method
(1.0, 'exact')
>>> sorted(articulation_points(g)), sorted(map(sorted, bridges(g)))
(['b'], [['a', 'b'], ['b', 'c']])
"""

from __future__ import annotations

import networkx as nx


def engine() -> str:
    """The name of the engine that computes exact betweenness: ``rustworkx`` or ``networkx``."""
    try:
        import rustworkx  # noqa: F401
    except ImportError:  # pragma: no cover - rustworkx is a dependency
        return "networkx"
    return "rustworkx"


def undirected(g: nx.DiGraph) -> nx.Graph:
    """The undirected simple projection of a directed graph (self-loops dropped)."""
    u = nx.Graph()
    u.add_nodes_from(g.nodes(data=True))
    u.add_edges_from((a, b) for a, b in g.edges() if a != b)
    return u


def _networkit():
    """networkit, imported without matplotlib's pyplot when nothing imported it yet.

    networkit's ``__init__`` imports ``matplotlib.pyplot`` (and, with it, its plotting and
    profiling modules) when it can: about half of networkit's import time, and ea never
    plots with it. A ``None`` in ``sys.modules`` makes that import fail as networkit
    expects on a machine without pyplot, so it skips them; the entry is removed again, so a
    later ``import matplotlib.pyplot`` (a notebook's) works as usual."""
    import sys

    blocked = "matplotlib.pyplot" not in sys.modules and "networkit" not in sys.modules
    if blocked:
        sys.modules["matplotlib.pyplot"] = None  # type: ignore[assignment]
    try:
        import networkit
    except ImportError:
        return None
    finally:
        if blocked and sys.modules.get("matplotlib.pyplot", 0) is None:
            del sys.modules["matplotlib.pyplot"]
    return networkit


def engines() -> dict:
    """The engines installed, as a cache key part: exact and estimating. Looks networkit up
    without importing it (the import costs about 1.5 s of CPU, paid only to estimate)."""
    from importlib.util import find_spec

    return {"exact": "rustworkx" if find_spec("rustworkx") else "networkx",
            "estimate": "kadabra" if find_spec("networkit") else "networkx"}


def _nk_kadabra(g: nx.Graph, error: float, confidence: float, seed: int) -> dict:
    """networkit's KADABRA (Borassi & Natale 2016): adaptive sampling of shortest paths
    between random pairs until every estimate is within ``error`` (absolute, in KADABRA's
    scale) with probability ``confidence``. One thread and a fixed seed: reproducible.

    KADABRA's scores count ordered pairs over n(n-1)/2; they are rescaled by n / (2(n-2)) to
    the normalisation of NetworkX and rustworkx (unordered pairs over (n-1)(n-2)/2)."""
    nk = _networkit()
    nk.engineering.setNumberOfThreads(1)
    nk.engineering.setSeed(seed, False)
    nodes = list(g.nodes)
    idx = {n: i for i, n in enumerate(nodes)}
    ng = nk.Graph(len(nodes), weighted=False, directed=False)
    for a, b in g.edges:
        ng.addEdge(idx[a], idx[b])
    algo = nk.centrality.KadabraBetweenness(ng, error, 1 - confidence)
    algo.run()
    sc = algo.scores()
    n = len(nodes)
    scale = n / (2 * (n - 2))
    return {nodes[i]: float(sc[i]) * scale for i in range(n)}


def _rx_betweenness(g: nx.Graph) -> dict:
    import rustworkx as rx

    nodes = list(g.nodes)
    idx = {n: i for i, n in enumerate(nodes)}
    rg = rx.PyGraph(multigraph=False)
    rg.add_nodes_from(nodes)
    rg.add_edges_from_no_data([(idx[a], idx[b]) for a, b in g.edges])
    bc = rx.graph_betweenness_centrality(rg, normalized=True)
    return {nodes[i]: float(bc[i]) for i in range(len(nodes))}


def betweenness(g: nx.Graph, *, exact_max_nodes: int | None = None, samples: int = 500,
                seed: int = 0, use_engine: bool = True, error: float = 0.01,
                confidence: float = 0.9) -> tuple[dict, str]:
    """Normalised betweenness centrality of an undirected graph.

    Parameters
    ----------
    g : networkx.Graph
        Undirected graph.
    exact_max_nodes : int, optional
        Above this many nodes, estimate instead of computing exactly: networkit's KADABRA
        when it is installed, else NetworkX with ``samples`` sampled sources; seeded, so the
        answer is reproducible. ``None``: always exact.
    samples, seed : int
        NetworkX's sample size, and the random seed of either estimate.
    error, confidence : float
        KADABRA's absolute error and the probability that every estimate is within it.
    use_engine : bool
        ``False`` forces the NetworkX reference implementation.

    Returns
    -------
    (dict, str)
        Node -> betweenness (normalised as NetworkX does, 2/((n-1)(n-2)) for undirected
        graphs), and the method: ``"exact"``, ``"estimated (KADABRA, ±E at C %)"`` or
        ``"sampled (K of N sources)"``.
    """
    n = g.number_of_nodes()
    if n == 0:
        return {}, "exact"
    if exact_max_nodes is not None and n > exact_max_nodes and samples < n:
        if use_engine and _networkit() is not None and n > 2:
            return (_nk_kadabra(g, error, confidence, seed),
                    f"estimated (KADABRA, ±{error:g} at {confidence:.0%})")
        bc = nx.betweenness_centrality(g, k=samples, normalized=True, seed=seed)
        return {k: float(v) for k, v in bc.items()}, f"sampled ({samples} of {n} sources)"
    if use_engine and engine() == "rustworkx" and n > 2:
        return _rx_betweenness(g), "exact"
    return {k: float(v) for k, v in nx.betweenness_centrality(g, normalized=True).items()}, "exact"


def _rx_graph(g: nx.Graph):
    """``g`` as a rustworkx graph (node ``i`` is ``nodes[i]``), or ``None`` without it."""
    try:
        import rustworkx as rx
    except ImportError:  # pragma: no cover - rustworkx is a dependency
        return None, None
    nodes = list(g.nodes)
    idx = {n: i for i, n in enumerate(nodes)}
    rg = rx.PyGraph(multigraph=False)
    rg.add_nodes_from(nodes)
    rg.add_edges_from_no_data([(idx[a], idx[b]) for a, b in g.edges if a != b])
    return rg, nodes


def rx_betweenness_of(nodes: list, edges: list[tuple]) -> dict:
    """Exact normalised betweenness (rustworkx) of the simple undirected graph of ``nodes``
    and ``edges`` (pairs of nodes, each link once, no self-loops), by node."""
    import rustworkx as rx

    idx = {n: i for i, n in enumerate(nodes)}
    rg = rx.PyGraph(multigraph=False)
    rg.add_nodes_from(nodes)
    rg.add_edges_from_no_data([(idx[a], idx[b]) for a, b in edges])
    bc = rx.graph_betweenness_centrality(rg, normalized=True)
    return {nodes[i]: float(v) for i, v in bc.items()}


def structure(g: nx.Graph) -> tuple[set, list[tuple], dict]:
    """:func:`articulation_points`, :func:`bridges` and :func:`core_number` of an undirected
    graph, on one rustworkx copy of it (the three NetworkX walks in Python took 0.6 s of CPU
    at 10,000 systems; the same sets and numbers, tested against NetworkX)."""
    rg, nodes = _rx_graph(g)
    if rg is None:  # pragma: no cover - rustworkx is a dependency
        return articulation_points(g), bridges(g), core_number(g)
    import rustworkx as rx

    arts = {nodes[i] for i in rx.articulation_points(rg)}
    brs = sorted(tuple(sorted((nodes[a], nodes[b]))) for a, b in rx.bridges(rg))
    core = {nodes[i]: int(c) for i, c in rx.core_number(rg).items()} if nodes else {}
    return arts, brs, core


def articulation_points(g: nx.Graph) -> set:
    """Nodes whose removal disconnects their component."""
    return set(nx.articulation_points(g))


def bridges(g: nx.Graph) -> list[tuple]:
    """Edges whose removal disconnects their component, each as a sorted pair."""
    return sorted(tuple(sorted(e)) for e in nx.bridges(g))


def core_number(g: nx.Graph) -> dict:
    """k-core number of every node (the largest k such that the node is in the k-core)."""
    return nx.core_number(g)


def components_without(g: nx.Graph, node) -> list[set]:
    """The connected components that the component of ``node`` splits into when it is
    removed, largest first (ties by smallest member)."""
    comp = nx.node_connected_component(g, node)
    sub = g.subgraph(comp - {node})
    parts = [set(c) for c in nx.connected_components(sub)]
    return sorted(parts, key=lambda c: (-len(c), min(map(str, c))))


def within_hops(g: nx.Graph, node, hops: int) -> dict:
    """Nodes within ``hops`` of ``node`` (undirected) -> distance, ``node`` itself excluded."""
    dist = nx.single_source_shortest_path_length(g, node, cutoff=hops)
    dist.pop(node, None)
    return dist


# ---------------------------------------------------------------- landscape-level helpers
def partner_graph(landscape) -> nx.DiGraph:
    """Who exchanges data with whom, in the direction data flows, platforms included.

    Every integration A -> B gives the edge A -> B (the real producer–consumer pair, with
    ``via`` set to the platform's key when it passes through one) and, when it passes
    through a platform P, also A -> P and P -> B (the platform is a partner of both ends).
    A bidirectional integration gives both directions.
    """
    g = nx.DiGraph()
    for key, _d in landscape.nodes("System"):
        g.add_node(key)
    for u, v, _k, d in landscape.edges("INTEGRATES_WITH"):
        via = d.get("via") if d.get("via") in g else None
        hops = [(u, v, via)]
        if via:
            hops += [(u, via, None), (via, v, None)]
        if d.get("bidirectional"):
            hops += [(b, a, p) for a, b, p in hops]
        for a, b, p in hops:
            if a == b:
                continue
            if g.has_edge(a, b):
                if p and p not in g[a][b]["via"]:
                    g[a][b]["via"].append(p)
                if not p:
                    g[a][b]["direct"] = True
            else:
                g.add_edge(a, b, via=[p] if p else [], direct=not p)
    return g


def tidy(df):
    """Object columns with ``None`` (not NaN) for missing values, so frames compare and
    serialise the same whatever pandas inferred."""
    out = df.astype(object)
    return out.where(out.notna(), None)
