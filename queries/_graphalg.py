"""The graph-algorithm engine, for the queries: it lives in :mod:`ea.derived.graphalg` (the
one home of derived facts computes hub metrics with it); this module only names it here."""

from ea.derived.graphalg import (  # noqa: F401
    articulation_points,
    betweenness,
    bridges,
    components_without,
    core_number,
    engine,
    engines,
    partner_graph,
    tidy,
    undirected,
    within_hops,
)
