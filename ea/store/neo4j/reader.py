"""Reading a landscape back from Neo4j: :func:`pull` (everything, for a snapshot) and
:func:`read` (what the reports need), both streamed record by record into the same
in-memory :class:`~ea.landscape.Landscape` a snapshot gives, so every report runs the same
Python code on either backend. Stale items are left out.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import networkx as nx

from ea import schema
from ea.landscape import Landscape

from .codec import (
    LANDSCAPE_KEY,
    LANDSCAPE_LABEL,
    RUN_LABEL,
    STORE_PROPS,
    check_label,
    check_type,
    decode,
)
from .connection import Progress, Store

#: Attributes no report reads: where each record and field came from (``sources``,
#: ``field_sources``), source columns that map to no field (``extra``) and the import dates.
#: :func:`read` leaves them on the server; :func:`pull` reads them.
BOOKKEEPING = ("sources", "field_sources", "extra", "first_seen", "last_seen")

_LABELS = " OR ".join(f"x:{check_label(k)}" for k in schema.NODE_KINDS)
_TYPES = "|".join(check_type(k) for k in schema.EDGE_KINDS)
# properties as [name, value] pairs, without those in $skip and the store's own ``ea_...``
_PROPS = "[k IN keys(x) WHERE NOT k IN $skip AND NOT k STARTS WITH 'ea_' | [k, x[k]]]"
NODE_ROWS = f"""
MATCH (x) WHERE ({_LABELS}) AND NOT coalesce(x.ea_stale, false)
RETURN x.key AS key, {_PROPS} AS props ORDER BY key
"""
REL_ROWS = f"""
MATCH (a)-[x:{_TYPES}]->(b)
WHERE NOT coalesce(x.ea_stale, false) AND NOT coalesce(a.ea_stale, false)
  AND NOT coalesce(b.ea_stale, false)
RETURN a.key AS u, b.key AS v, x.ekey AS ekey, {_PROPS} AS props ORDER BY u, v, ekey
"""


def read_meta(store: Store) -> tuple[dict, dict]:
    rows = store.read(f"MATCH (m:{LANDSCAPE_LABEL} {{key: $key}}) RETURN m.meta AS meta, "
                      f"m.ledger AS ledger", key=LANDSCAPE_KEY)
    if not rows:
        return {}, {}
    meta = json.loads(rows[0]["meta"]) if rows[0]["meta"] else {}
    ledger = json.loads(rows[0]["ledger"]) if rows[0]["ledger"] else {}
    return meta, ledger


def build(node_rows: Iterable[dict], rel_rows: Iterable[dict], meta: dict | None = None,
          ledger: dict | None = None) -> Landscape:
    """A Landscape from ``{key, props}`` node rows and ``{u, v, ekey, props}`` rows (props
    as stored, decoded here); a relationship whose ends are not both there is left out."""
    g = nx.MultiDiGraph()
    for r in node_rows:
        g.add_node(r["key"], **decode(r["props"]))
    for r in rel_rows:
        if r["u"] in g and r["v"] in g:
            g.add_edge(r["u"], r["v"], key=r["ekey"], **decode(r["props"]))
    return Landscape(g, meta=meta or {}, ledger=ledger or {})


def read(store: Store, *, skip: Iterable[str] = BOOKKEEPING, ledger: bool = False,
         progress: Progress | None = None) -> Landscape:
    """The landscape in Neo4j, without the attributes in ``skip`` (default: the provenance
    bookkeeping no report reads) and, unless ``ledger``, without the import ledger.

    Records are decoded into the graph as the server sends them (see :meth:`Store.stream`);
    the server sends only the properties asked for. Nodes in key order and relationships in
    ``(u, v, ekey)`` order, as a snapshot holds them. ``progress("pulling from Neo4j", step,
    3)`` after the meta data, the nodes and the relationships.
    """
    skip = sorted(set(skip))
    # the store's own properties stay on the server too, but ``_json`` and ``_nulls`` are
    # needed to decode
    server_skip = [*skip, *(p for p in STORE_PROPS if p not in ("_json", "_nulls"))]

    def step(n: int) -> None:
        if progress:
            progress("pulling from Neo4j", n, 3)

    def props(pairs) -> dict:
        out = dict(pairs)
        if skip and out.get("_nulls"):
            out["_nulls"] = [n for n in out["_nulls"] if n not in skip]
        return decode(out)

    step(0)
    meta, led = read_meta(store)
    step(1)
    g = nx.MultiDiGraph()
    for key, p in store.stream(NODE_ROWS, skip=server_skip):
        g.add_node(key, **props(p))
    step(2)
    for u, v, ekey, p in store.stream(REL_ROWS, skip=server_skip):
        if u in g and v in g:
            g.add_edge(u, v, key=ekey, **props(p))
    step(3)
    return Landscape(g, meta=meta, ledger=led if ledger else {})


def pull(store: Store, progress: Progress | None = None) -> Landscape:
    """The whole landscape (stale items left out), with every attribute, meta and ledger:
    snapshot -> Neo4j -> :func:`pull` is lossless."""
    return read(store, skip=(), ledger=True, progress=progress)


def status(store: Store) -> dict:
    """Counts per label and relationship type, stale counts, and the last runs."""
    nodes = store.read(
        f"MATCH (x) WHERE {_LABELS} "
        "RETURN labels(x)[0] AS label, count(*) AS n, "
        "sum(CASE WHEN coalesce(x.ea_stale, false) THEN 1 ELSE 0 END) AS stale ORDER BY label")
    rels = store.read(
        f"MATCH ()-[x:{_TYPES}]->() "
        "RETURN type(x) AS type, count(*) AS n, "
        "sum(CASE WHEN coalesce(x.ea_stale, false) THEN 1 ELSE 0 END) AS stale ORDER BY type")
    fields = ("r.run AS run, r.status AS status, r.sources AS sources, "
              "r.started_at AS started_at, r.updated_at AS updated_at, r.nodes AS nodes, "
              "r.nodes_written AS nodes_written, r.relationships AS relationships, "
              "r.relationships_written AS relationships_written")
    runs = store.read(f"MATCH (r:{RUN_LABEL}) RETURN {fields} ORDER BY run DESC LIMIT 5")
    # a run that failed, was killed or is still going, and no later complete run covered its
    # sources: what those sources state may be only partly in the database
    incomplete = store.read(
        f"MATCH (r:{RUN_LABEL}) WHERE coalesce(r.status, 'running') <> 'complete' "
        f"AND NOT EXISTS {{ MATCH (c:{RUN_LABEL}) WHERE c.run > r.run "
        f"AND c.status = 'complete' AND all(s IN r.sources WHERE s IN c.sources) }} "
        f"RETURN {fields} ORDER BY run")
    return {"nodes": nodes, "relationships": rels, "runs": runs, "incomplete": incomplete}
