"""Writing a landscape to Neo4j (:func:`push`).

1. Uniqueness constraints on ``key`` of every label, first.
2. A run marker ``(:EaRun {run, status: 'running', sources, ...})``; ``run`` numbers the runs.
3. Nodes, then relationships, in batches of ``UNWIND $rows AS row MERGE ...``, each batch its
   own transaction (``execute_write``, retried on transient errors); the marker records how
   much was written after every batch.
4. Stale marking, scoped to the sources of this run (see below), then the marker is set to
   ``complete``.

Sources and staleness
---------------------
Every node and relationship carries ``ea_seen``: one entry ``"<source>\\t<run>"`` per source
that stated it, with the last run that did, and ``ea_props``: one entry
``"<source>\\t<name>\\t<name>..."`` per source, naming the properties that source stated (from
the item's ``field_sources``; a property without one is owed to every source that stated the
item). A push covers only its own sources, and is exact for them:

- a property one of *those* sources stated before but none states now is removed (unless a
  source outside the run states it too);
- the ``sources`` lines of those sources (``file:line``, ``file[sheet]:line``) are replaced;
- whatever one of them stated in an earlier run but no longer states gets that source added to
  ``ea_stale_sources``; when every source that ever stated it has dropped it, ``ea_stale`` is
  true.

Nothing is deleted, and another source's stamps are never touched. Pushing the same data again
changes no data (only the run numbers in the stamps). A push that fails half-way leaves every
batch either fully written or not at all and marks nothing stale (that happens only at the
end), so the database stays consistent; the error says how much was written, and pushing again
completes it.

Derived facts
-------------
With ``as_of=`` the push also writes, on each system, the facts ea derives from the landscape
(:mod:`ea.store.neo4j.facts`) as ``ea_...`` properties stamped with the date they hold for
(``ea_as_of``), so a Neo4j Browser user can filter on them. Nobody in ea reads them (reports
compute them from the model) and they never come back in a pull.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import queue
import threading
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ea import schema
from ea.landscape import Landscape
from ea.memory import collector_frozen

from .codec import (
    LANDSCAPE_KEY,
    LANDSCAPE_LABEL,
    NO_SOURCE,
    OF_SOURCE_CYPHER,
    RUN_LABEL,
    SEP,
    _default,
    check_label,
    check_type,
    encode,
    in_scope,
    run_sources,
    source_of,
    stating_sources,
)
from .connection import Neo4jStoreError, Progress, Store, _safe

BATCH_SIZE = 1000


def constraints(store: Store) -> None:
    """Uniqueness constraints (and so indexes) on ``key`` of every label, before any load."""
    for label in (*schema.NODE_KINDS, LANDSCAPE_LABEL):
        check_label(label)
        store.write(f"CREATE CONSTRAINT ea_{label.lower()}_key IF NOT EXISTS "
                    f"FOR (n:{label}) REQUIRE n.key IS UNIQUE")
    store.write(f"CREATE CONSTRAINT ea_run IF NOT EXISTS FOR (n:{RUN_LABEL}) "
                f"REQUIRE n.run IS UNIQUE")


# Stamping, shared by the node and relationship writes (see the module docstring). ``kept``:
# what sources outside this run stated; ``gone``: properties only this run's sources stated
# before and none states now. A run of the pseudo-source "(landscape)" answers for everything.
_STAMP = f"""
WITH x, row, [e IN coalesce(x.ea_props, []) WHERE NOT $all_sources
              AND NOT split(e, $sep)[0] IN $scope] AS kept
WITH x, row, kept, reduce(a = [], e IN kept | a + tail(split(e, $sep))) AS kept_names,
     reduce(a = [], e IN coalesce(x.ea_props, []) | a + tail(split(e, $sep))) AS old_names
WITH x, row, kept, [p IN old_names WHERE NOT p IN row.names AND NOT p IN kept_names] AS gone
FOREACH (p IN gone | SET x[p] = null)
SET x += row.props,
    x.sources = [s IN coalesce(x.sources, []) WHERE NOT $all_sources AND NOT s IN row.sources
                 AND NOT any(f IN $scope WHERE {OF_SOURCE_CYPHER})] + row.sources,
    x._json = [n IN coalesce(x._json, []) WHERE NOT n IN row.names AND NOT n IN gone]
              + row.json,
    x._nulls = [n IN coalesce(x._nulls, []) WHERE NOT n IN row.names AND NOT n IN gone]
               + row.nulls,
    x.ea_props = kept + row.owned,
    x.ea_seen = [e IN coalesce(x.ea_seen, []) WHERE NOT any(f IN row.stated WHERE
                 e STARTS WITH f + $sep)] + [f IN row.stated | f + $sep + $run],
    x.ea_stale_sources = [f IN coalesce(x.ea_stale_sources, []) WHERE NOT f IN row.stated],
    x.ea_stale = false
"""


# What _STAMP writes on an item nothing stated before (every list it filters is empty, so
# nothing is kept or gone): the first push into a database without ea's data, where every
# node and relationship is new, writes this after CREATE instead of MERGE and has nothing to
# mark stale. tests/test_neo4j_store.py holds the two ways to the same database.
_FIRST = """
SET x += row.props, x.sources = row.sources, x._json = row.json, x._nulls = row.nulls,
    x.ea_props = row.owned, x.ea_seen = [f IN row.stated | f + $sep + $run],
    x.ea_stale_sources = [], x.ea_stale = false
"""


def _node_cypher(label: str, first: bool = False) -> str:
    check_label(label)
    if first:
        return f"UNWIND $rows AS row CREATE (x:{label} {{key: row.key}})" + _FIRST
    return f"UNWIND $rows AS row MERGE (x:{label} {{key: row.key}})" + _STAMP


def _rel_cypher(rel: str, ulabel: str, vlabel: str, first: bool = False) -> str:
    check_type(rel)
    check_label(ulabel)
    check_label(vlabel)
    return (f"UNWIND $rows AS row MATCH (a:{ulabel} {{key: row.u}}) "
            f"MATCH (b:{vlabel} {{key: row.v}}) "
            + (f"CREATE (a)-[x:{rel} {{ekey: row.ekey}}]->(b)" + _FIRST if first else
               f"MERGE (a)-[x:{rel} {{ekey: row.ekey}}]->(b)" + _STAMP))


def owned(attrs: dict, stated: list[str], scope, names: list[str] | None = None) -> list[str]:
    """``"<source>\\t<name>\\t..."`` per stating source: the attributes it stated (from
    ``field_sources``; an attribute without one is owed to every stating source). ``scope``:
    the run's files (a list or a frozenset); ``names``: ``sorted(attrs)`` when known."""
    fsrc = attrs.get("field_sources")
    fsrc = fsrc if isinstance(fsrc, dict) else {}
    by: dict[str, list[str]] = {f: [] for f in stated}
    of: dict = {}  # a row's fields mostly share one line
    for name in names if names is not None else sorted(attrs):
        if name == "sources":
            continue
        line = fsrc.get(name)
        if not line:
            for owner in stated:
                by[owner].append(name)
            continue
        f = of.get(line, False)
        if f is False:
            f = of[line] = source_of(line, scope)
        for owner in [f] if f else stated:
            by.setdefault(owner, []).append(name)
    return [SEP.join([f, *names]) for f, names in sorted(by.items()) if names]


def _row(attrs: dict, scope, first: bool = False, **ids: Any) -> dict:
    props = encode(attrs, skip=("sources",))
    js, nulls = props.pop("_json"), props.pop("_nulls")
    sources = [str(s) for s in attrs.get("sources") or []]
    stated = stating_sources(sources, scope)
    names = sorted(attrs)
    row = {**ids, "props": props, "json": js, "nulls": nulls, "sources": sources,
           "stated": stated, "owned": owned(attrs, stated, scope, names)}
    if not first:  # what the general way filters old stamps with; a first push has none
        row["names"] = names
    return row


@dataclass
class PushResult:
    run: int
    sources: list[str]
    nodes: int
    relationships: int
    stale_nodes: int = 0
    stale_relationships: int = 0
    first: bool = False  # written the way of a first push (see push)


def _batches(rows: list, size: int):
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


def groups(landscape: Landscape, first: bool = False) -> tuple[list, list]:
    """What a push writes, grouped so each group is one statement: ``[(label, keys)]`` for
    nodes (keys sorted) and ``[(cypher, edges)]`` for relationships (``(u, v, key)``
    sorted; ``first``: the statements of a first push, see :func:`push`). Only the keys: rows are made batch by batch (:func:`rows`), so a push never
    holds them all (at 100,000 systems they are gigabytes)."""
    g = landscape.graph
    by_label: dict[str, list] = defaultdict(list)
    for key, kind in g.nodes(data="kind"):
        if kind not in schema.NODE_KINDS:
            raise Neo4jStoreError(f"node {key}: unknown kind {kind!r}")
        by_label[kind].append(key)
    by_rel: dict[tuple, list] = defaultdict(list)
    kinds = dict(g.nodes(data="kind"))
    for u, v, k, kind in g.edges(keys=True, data="kind"):
        if kind not in schema.EDGE_KINDS:
            raise Neo4jStoreError(f"edge {u} -> {v}: unknown kind {kind!r}")
        by_rel[(kind, kinds[u], kinds[v])].append((u, v, k))
    nodes = [(label, sorted(by_label[label])) for label in schema.NODE_KINDS
             if by_label.get(label)]
    rels = [(_rel_cypher(*gk, first=first), sorted(edges))
            for gk, edges in sorted(by_rel.items())]
    return nodes, rels


def rows(landscape: Landscape, items: list, scope: list[str],
         derived: dict[str, dict] | None = None, first: bool = False) -> list[dict]:
    """The rows for node keys or ``(u, v, key)`` edges of one group (see :func:`groups`).
    ``derived`` adds ``ea_...`` properties per node key (None removes one); ``first``: rows
    of a first push, without what only the general way reads."""
    g = landscape.graph
    scope = frozenset(scope)  # one set for every line's look-up
    out = []
    for item in items:
        if isinstance(item, tuple):
            u, v, k = item
            out.append(_row(g.edges[u, v, k], scope, first, u=u, v=v, ekey=k))
            continue
        row = _row(g.nodes[item], scope, first, key=item)
        if derived and item in derived:
            row["props"].update(derived[item])
        out.append(row)
    return out


def plan(landscape: Landscape, scope: list[str],
         derived: dict[str, dict] | None = None) -> tuple[list, list]:
    """All the rows of a push at once: ``[(label, rows)]`` for nodes and ``[(cypher, rows)]``
    for relationships (for tests and benchmarks; the push makes them batch by batch)."""
    nodes, rels = groups(landscape)
    return ([(label, rows(landscape, keys, scope, derived)) for label, keys in nodes],
            [(cypher, rows(landscape, edges, scope)) for cypher, edges in rels])


def push(store: Store, landscape: Landscape, *, batch_size: int = BATCH_SIZE,
         progress: Progress | None = None, sources: list[str] | None = None,
         as_of: dt.date | None = None, config=None,
         derived: dict[str, dict] | None = None, first: bool | None = None) -> PushResult:
    """Write ``landscape`` to Neo4j (see the module docstring for what that means).

    Parameters
    ----------
    store : Store
    landscape : Landscape
    batch_size : int
        Rows per ``UNWIND`` statement and transaction.
    progress : callable, optional
        ``progress(phase, done, total)`` after every batch; phase is ``"nodes"`` or
        ``"relationships"``.
    sources : list of str, optional
        The sources this push covers (default: :func:`run_sources`).
    as_of : datetime.date, optional
        With it, the push also stamps the derived facts as of that date on every system
        (:func:`ea.store.neo4j.facts.derived_facts`, with ``config``).
    derived : dict, optional
        ``ea_...`` properties to write per node key, instead of computing them.
    first : bool, optional
        Whether this is a first push: the database holds no node but ea's run markers, so
        every item is new; it is then written with ``CREATE`` and the stamps of a new item
        (no stamps to filter, no second ``MERGE`` look-up) and nothing is marked stale: the
        same database as the general way, in less of the server's time. Default: asked of
        the database; False forces the general way.

    Returns
    -------
    PushResult
    """
    scope = sorted(set(sources)) if sources else run_sources(landscape)
    for f in scope:  # the stamps are "<file>\t...": a tab in a file's name would blur them
        if SEP in f:
            raise Neo4jStoreError(f"cannot push to Neo4j: the file name {f!r} holds a tab; "
                                  f"rename the file and import it again")
    if derived is None and as_of is not None:
        from .facts import derived_facts

        derived = derived_facts(landscape, as_of=as_of, config=config)
    try:
        constraints(store)
        if first is None:
            first = not store.read(_ANY_DATA)
    except Exception as exc:
        raise store.error(exc) from None
    node_groups, rel_groups = groups(landscape, first)
    n_nodes = sum(len(r) for _, r in node_groups)
    n_rels = sum(len(r) for _, r in rel_groups)
    try:
        run = store.write(
            f"MERGE (m:{LANDSCAPE_LABEL} {{key: $key}}) SET m.runs = coalesce(m.runs, 0) + 1 "
            f"WITH m CREATE (r:{RUN_LABEL} {{run: m.runs, status: 'running', sources: $scope, "
            f"started_at: $now, nodes: $n, relationships: $r, nodes_written: 0, "
            f"relationships_written: 0}}) RETURN m.runs AS run",
            key=LANDSCAPE_KEY, scope=scope, now=_now(), n=n_nodes, r=n_rels)[0]["run"]
    except Exception as exc:
        raise store.error(exc) from None
    # a landscape without files (hand-built, or an old snapshot) answers for every line
    params = {"scope": scope, "sep": SEP, "run": str(run), "all_sources": scope == [NO_SOURCE]}
    done = {"nodes": 0, "relationships": 0}

    def write_batch(phase: str, cypher: str, batch: list) -> None:
        # the batch and the run marker's count in one transaction: the marker says exactly
        # what is written, even when the client is killed between two batches
        now = {**done, phase: done[phase] + len(batch)}
        store.write_all([
            (cypher, {"rows": batch, **params}),
            (f"MATCH (r:{RUN_LABEL} {{run: $run}}) SET r.nodes_written = $n, "
             f"r.relationships_written = $r, r.updated_at = $now",
             {"run": run, "n": now["nodes"], "r": now["relationships"], "now": _now()})],
            # a retry after a commit whose answer was lost finds the batch written: once is
            # enough (a first push CREATEs, and would write its relationships twice)
            skip_if=(f"MATCH (r:{RUN_LABEL} {{run: $run}}) RETURN r.{phase}_written AS n",
                     {"run": run}, lambda got: bool(got) and got[0]["n"] >= now[phase]))
        done.update(now)
        if progress:
            progress(phase, done[phase], n_nodes if phase == "nodes" else n_rels)

    def planned():
        for label, keys in node_groups:
            cypher = _node_cypher(label, first)
            for batch in _batches(keys, batch_size):
                yield "nodes", cypher, rows(landscape, batch, scope, derived, first)
        for cypher, edges in rel_groups:
            for batch in _batches(edges, batch_size):
                yield "relationships", cypher, rows(landscape, batch, scope, first=first)

    try:
        # the cyclic collector would walk the whole landscape every few hundred rows for
        # nothing (half the planning's CPU); paused, it would keep every batch's rows, which
        # the driver holds in cycles: so it collects only what the push makes
        with collector_frozen(), ahead(planned()) as batches:
            for phase, cypher, batch in batches:
                write_batch(phase, cypher, batch)
        _write_meta(store, landscape, scope)
        # nothing was stated before a first push, so nothing can have been dropped
        stale_n, stale_r = (0, 0) if first else mark_stale(store, scope, run)
        store.write(f"MATCH (r:{RUN_LABEL} {{run: $run}}) SET r.status = 'complete', "
                    f"r.finished_at = $now", run=run, now=_now())
    except BaseException as exc:
        # one attempt, no retries: when the server is gone the marker stays 'running' and
        # status reports the run as not completed all the same
        store.try_write(f"MATCH (r:{RUN_LABEL} {{run: $run}}) SET r.status = 'failed', "
                        f"r.updated_at = $now", run=run, now=_now())
        if isinstance(exc, KeyboardInterrupt | SystemExit):
            raise
        why = str(exc) if isinstance(exc, Neo4jStoreError) else _safe(exc, store.settings)
        raise Neo4jStoreError(
            f"import into Neo4j stopped (run {run}) after {done['nodes']} of {n_nodes} nodes "
            f"and {done['relationships']} of {n_rels} relationships: "
            f"{why.rstrip('.')}. What was written is consistent and nothing was "
            f"marked stale or deleted; run the import again to complete it.") from None
    return PushResult(run, scope, n_nodes, n_rels, stale_n, stale_r, first)




@contextlib.contextmanager
def ahead(items: Iterator, depth: int = 1):
    """``items`` made in a thread of their own, at most ``depth`` ahead of the reader: while
    the server writes batch N the client plans batch N+1 (the planning is Python, the wait
    for the server is not, so on two cores both run at once). An error in the thread is
    raised to the reader; a reader that stops early stops the thread."""
    q: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()
    end = object()

    def put(x) -> bool:
        while not stop.is_set():
            try:
                q.put(x, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def work():
        try:
            for x in items:
                if not put((None, x)):
                    return
            put((None, end))
        except BaseException as exc:  # handed to the reader
            put((exc, None))

    def read():
        while True:
            exc, x = q.get()
            if exc is not None:
                raise exc
            if x is end:
                return
            yield x

    t = threading.Thread(target=work, name="ea-neo4j-plan", daemon=True)
    t.start()
    try:
        yield read()
    finally:
        stop.set()
        t.join()


# any node but ea's run markers: a database holding one is not a first push's (another
# program's nodes included, to be safe)
_ANY_DATA = (f"MATCH (n) WHERE NOT n:{LANDSCAPE_LABEL} AND NOT n:{RUN_LABEL} "
             f"RETURN 1 AS x LIMIT 1")


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


# one scan per label (and one of the relationships) for all the run's sources: each source
# that stated the item in an earlier run and not in this one is added to ea_stale_sources.
# An item every source of which stated it in this run (all of a whole re-push) is passed
# over before the run's sources are walked (a file name holds no tab, so an entry ending
# in "\t<run>" is this run's)
_STALE = """
MATCH {pattern}
WHERE any(e IN coalesce(x.ea_seen, []) WHERE NOT e ENDS WITH $sep + $run)
WITH x, [f IN $scope WHERE any(e IN coalesce(x.ea_seen, []) WHERE e STARTS WITH f + $sep
                               AND e <> f + $sep + $run)
         AND NOT f IN coalesce(x.ea_stale_sources, [])] AS dropped
WHERE size(dropped) > 0
SET x.ea_stale_sources = coalesce(x.ea_stale_sources, []) + dropped
WITH x
SET x.ea_stale = size(x.ea_stale_sources) >= size(x.ea_seen)
RETURN count(x) AS n
"""


def mark_stale(store: Store, scope: list[str], run: int) -> tuple[int, int]:
    """Mark as stale, for each source of this run only, what it stated before but not now.
    Returns how many nodes and relationships were newly marked."""
    p = {"scope": scope, "sep": SEP, "run": str(run)}
    n = sum(store.write(_STALE.format(pattern=f"(x:{check_label(label)})"), **p)[0]["n"]
            for label in schema.NODE_KINDS)
    r = store.write(_STALE.format(pattern="()-[x]->()"), **p)[0]["n"]
    return n, r


def _write_meta(store: Store, landscape: Landscape, scope: list[str]) -> None:
    """Merge the landscape's meta and ledger into the stored ones, replacing only what the
    run's sources said."""
    rows = store.read(f"MATCH (m:{LANDSCAPE_LABEL} {{key: $key}}) RETURN m.meta AS meta, "
                      f"m.ledger AS ledger", key=LANDSCAPE_KEY)
    old_meta = json.loads(rows[0]["meta"]) if rows and rows[0]["meta"] else {}
    old_ledger = json.loads(rows[0]["ledger"]) if rows and rows[0]["ledger"] else {}
    meta = merge_meta(old_meta, landscape.meta, scope)
    ledger = merge_ledger(old_ledger, landscape.ledger, scope)
    store.write(f"MATCH (m:{LANDSCAPE_LABEL} {{key: $key}}) SET m.meta = $meta, "
                f"m.ledger = $ledger", key=LANDSCAPE_KEY,
                meta=json.dumps(meta, ensure_ascii=False, sort_keys=True, default=_default),
                ledger=json.dumps(ledger, ensure_ascii=False, sort_keys=True, default=_default))


def merge_meta(old: dict, new: dict, scope: list[str]) -> dict:
    out = {**old, **new}
    if "files" in old or "files" in new:
        keep = [f for f in old.get("files") or [] if not in_scope(f.get("file"), scope)]
        out["files"] = keep + list(new.get("files") or [])
    if "people_lists" in old or "people_lists" in new:
        keep = [f for f in old.get("people_lists") or [] if not in_scope(f, scope)]
        out["people_lists"] = keep + [f for f in new.get("people_lists") or [] if f not in keep]
    return out


def merge_ledger(old: dict, new: dict, scope: list[str]) -> dict:
    if not old:
        return dict(new)
    out = {**old, **new}
    for part in ("files", "entries"):
        if part in old or part in new:
            keep = [e for e in old.get(part) or [] if not in_scope(e.get("file"), scope)]
            out[part] = keep + list(new.get(part) or [])
    return out

