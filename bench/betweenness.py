"""Benchmark exact betweenness centrality: NetworkX (the reference model) against the
candidate engines rustworkx and python-igraph, on synthetic heavy-tailed integration graphs.

The graph stands in for a regional integration landscape: preferential attachment (a few
systems integrate with very many, most with a handful), ``m`` edges per new node, so
2,000 systems give ~10,000 integrations and 10,000 systems ~50,000. Betweenness is computed on
the undirected projection, as ``ea hubs`` does, exact (every node a source).

Usage::

    python bench/betweenness.py                 # 2,000 and 10,000 nodes, every engine
    python bench/betweenness.py --sizes 2000 --engines rustworkx igraph
    python bench/betweenness.py --skip-networkx-above 5000
    python bench/betweenness.py --sizes 10000 --engines rustworkx --query   # whole query
    python bench/betweenness.py --snapshot landscape.json \
        --engines rustworkx networkit networkit-estimate networkit-kadabra networkx-sampled

``--snapshot`` takes the graph ``ea hubs`` uses (the platform-expanded integration graph of a
snapshot, undirected) instead of a synthetic one. The approximate engines (``*-estimate``,
``*-kadabra``, ``networkx-sampled``) are also compared with the first engine by how many of
its top 20 they place in their own top 20 (``top20``), and whether the top system agrees.

Prints one line per (size, engine) with wall-clock and CPU seconds (CPU summed over threads:
on a shared machine wall time depends on the load, CPU time much less) and the largest absolute difference from the
first engine that ran (NetworkX when it ran), so the engines are checked against the model.
"""

from __future__ import annotations

import argparse
import platform
import random
import sys
import time

import networkx as nx


def synthetic(n: int, m: int = 5, seed: int = 42) -> nx.Graph:
    """A heavy-tailed undirected graph with ``n`` nodes and about ``n * m`` edges."""
    g = nx.barabasi_albert_graph(n, m, seed=seed)
    rng = random.Random(seed)
    # relabel to system-like string keys in a shuffled order, as a landscape would have
    keys = [f"System:s{i:05d}" for i in range(n)]
    rng.shuffle(keys)
    return nx.relabel_nodes(g, dict(enumerate(keys)))


def run_networkx(g: nx.Graph) -> dict:
    return nx.betweenness_centrality(g, normalized=True)


def run_rustworkx(g: nx.Graph) -> dict:
    import rustworkx as rx

    nodes = list(g.nodes)
    idx = {n: i for i, n in enumerate(nodes)}
    rg = rx.PyGraph(multigraph=False)
    rg.add_nodes_from(nodes)
    rg.add_edges_from_no_data([(idx[u], idx[v]) for u, v in g.edges])
    bc = rx.graph_betweenness_centrality(rg, normalized=True)
    return {nodes[i]: bc[i] for i in range(len(nodes))}


def run_igraph(g: nx.Graph) -> dict:
    import igraph as ig

    nodes = list(g.nodes)
    idx = {n: i for i, n in enumerate(nodes)}
    ig_g = ig.Graph(n=len(nodes), edges=[(idx[u], idx[v]) for u, v in g.edges], directed=False)
    raw = ig_g.betweenness(directed=False)
    n = len(nodes)
    scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 1.0
    return {nodes[i]: raw[i] * scale for i in range(n)}


def _networkit(g: nx.Graph, algo) -> dict:
    import networkit as nk

    nodes = list(g.nodes)
    idx = {n: i for i, n in enumerate(nodes)}
    ng = nk.Graph(len(nodes), weighted=False, directed=False)
    for a, b in g.edges:
        ng.addEdge(idx[a], idx[b])
    a = algo(nk, ng)
    a.run()
    sc = a.scores()
    return {nodes[i]: sc[i] for i in range(len(nodes))}


def run_networkit(g: nx.Graph) -> dict:
    """networkit's exact Brandes (C++, OpenMP)."""
    return _networkit(g, lambda nk, ng: nk.centrality.Betweenness(ng, normalized=True))


def run_networkit_estimate(g: nx.Graph, samples: int = 500) -> dict:
    """networkit's EstimateBetweenness (Geisberger et al.): ``samples`` pivots."""
    return _networkit(g, lambda nk, ng: nk.centrality.EstimateBetweenness(
        ng, samples, normalized=True, parallel=True))


def run_networkit_kadabra(g: nx.Graph) -> dict:
    """What ``ea hubs`` runs above ``hubs.exact_max_nodes``: networkit's KADABRA (one thread,
    fixed seed, absolute error 0.01 at 90 %), rescaled to NetworkX's normalisation."""
    from ea.derived import graphalg as ga

    bc, _method = ga.betweenness(g, exact_max_nodes=0)
    return bc


def run_networkx_sampled(g: nx.Graph, samples: int = 500) -> dict:
    return nx.betweenness_centrality(g, k=samples, normalized=True, seed=0)


def from_snapshot(path: str) -> nx.Graph:
    """The undirected platform-expanded integration graph of a snapshot (what ea hubs uses)."""
    from ea.derived import graphalg as ga
    from ea.store import snapshot

    return ga.undirected(snapshot.load(path).integration_graph(expand_via=True))


def top(bc: dict, k: int = 20) -> list:
    return sorted(bc, key=lambda x: (-bc[x], x))[:k]


ENGINES = {"networkx": run_networkx, "rustworkx": run_rustworkx, "igraph": run_igraph,
           "networkit": run_networkit, "networkit-estimate": run_networkit_estimate,
           "networkit-kadabra": run_networkit_kadabra, "networkx-sampled": run_networkx_sampled}


def hubs_query(n: int, m: int = 5, seed: int = 42) -> None:
    """Time the whole ``ea hubs`` query (metrics, rule, continuity groups) on a synthetic
    landscape of ``n`` systems in 6 organisations with ~``n * m`` integrations."""
    import datetime as dt

    from ea.landscape import Landscape
    from ea.queries import hubs

    g = synthetic(n, m, seed)
    rng = random.Random(seed)
    ls = Landscape()
    orgs = [ls.add_organisation(f"o{i}", name=f"Förvaltning {i}") for i in range(6)]
    for key in sorted(g.nodes):
        sid = key.split(":", 1)[1]
        k = ls.add_system(sid, name=sid, t=rng.randint(0, 4), criticality=rng.randint(1, 4))
        ls.add_edge("OWNED_BY", k, rng.choice(orgs))
    for a, b in g.edges:
        if rng.random() < 0.5:
            a, b = b, a
        ls.add_integration(a, b, type="api")
    t0 = time.perf_counter()
    df = hubs.run(ls, as_of=dt.date(2026, 11, 25))
    t1 = time.perf_counter()
    groups = hubs.continuity_groups(ls, hubs=df)
    t2 = time.perf_counter()
    print(f"  ea hubs query   {t1 - t0:9.2f} s ({len(df)} rows, method "
          f"{df['betweenness_method'].iloc[0]}); continuity groups {t2 - t1:.2f} s "
          f"({len(groups)} rows)", flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000])
    ap.add_argument("--m", type=int, default=5, help="edges per new node (default 5)")
    ap.add_argument("--engines", nargs="+", default=["networkx", "rustworkx", "igraph"],
                    choices=list(ENGINES))
    ap.add_argument("--snapshot", default=None, metavar="FILE",
                    help="use the ea hubs graph of this snapshot instead of synthetic graphs")
    ap.add_argument("--skip-networkx-above", type=int, default=None, metavar="N")
    ap.add_argument("--query", action="store_true",
                    help="also time the whole ea hubs query on a synthetic landscape")
    args = ap.parse_args(argv)
    print(f"python {platform.python_version()} on {platform.machine()}, "
          f"networkx {nx.__version__}", flush=True)
    graphs = ([(None, from_snapshot(args.snapshot))] if args.snapshot else
              [(n, None) for n in args.sizes])
    for n, g in graphs:
        g = g if g is not None else synthetic(n, args.m)
        n = g.number_of_nodes()
        print(f"n={g.number_of_nodes()} edges={g.number_of_edges()} "
              f"max_degree={max(d for _, d in g.degree())}", flush=True)
        ref = None
        for name in args.engines:
            if name == "networkx" and args.skip_networkx_above and n > args.skip_networkx_above:
                print(f"  {name:10s} skipped", flush=True)
                continue
            t0, c0 = time.perf_counter(), time.process_time()
            bc = ENGINES[name](g)
            secs, cpu = time.perf_counter() - t0, time.process_time() - c0
            diff = "" if ref is None else \
                f"  max|diff| vs first = {max(abs(bc[k] - ref[k]) for k in ref):.2e}" \
                f"  top20 {len(set(top(bc)) & set(top(ref)))}/20" \
                f"  top1 {'same' if top(bc, 1) == top(ref, 1) else 'differs'}"
            ref = ref or bc
            print(f"  {name:10s} {secs:9.2f} s wall {cpu:9.2f} s cpu{diff}", flush=True)
        if args.query:
            hubs_query(n, args.m)
    return 0


if __name__ == "__main__":
    sys.exit(main())
