"""The Neo4j store: a landscape written to and read back from a Neo4j 5 server.

The graph in Neo4j mirrors the snapshot: one node per landscape node, labelled with its kind
(``System``, ``Object``, ``Person``, ``Organisation``, ``Information``; one label per kind) and
identified by the property ``key`` (``"System:raindance"``); one relationship per landscape edge,
typed with its kind (``INTEGRATES_WITH``, ``PART_OF``, ``OWNED_BY``, ``HAS_ROLE``,
``PROCESSES``) and identified by its end nodes and the property ``ekey`` (the edge key: one
integration per ``(from, to, via)``, one ``HAS_ROLE`` per role). Labels and relationship types
come only from :mod:`ea.schema`; every value is a query parameter.

Values
------
Strings, numbers, booleans and non-empty lists of one scalar type are stored as they are, so
Cypher can use them (``s.t >= 3``, ``'file' IN ...``). Anything else (the provenance
``conflicts``, ``vacant_roles``, ``raw``, ``extra``, ``field_sources``, empty lists, mixed lists)
is stored as a JSON string and its name listed in the node's ``_json`` property; an attribute
whose value is ``None`` is listed in ``_nulls``. :func:`pull` decodes both, so snapshot →
Neo4j → snapshot is lossless. The landscape's ``meta`` and import ``ledger`` live as JSON on the
single ``(:EaLandscape {key: 'landscape'})`` node.

Writes (:func:`push`)
---------------------
1. Uniqueness constraints on ``key`` of every label, first.
2. A run marker ``(:EaRun {run, status: 'running', sources, ...})``; ``run`` numbers the runs.
3. Nodes, then relationships, in batches of ``UNWIND $rows AS row MERGE ...``, each batch its
   own transaction (``execute_write``, retried on transient errors); the marker records how
   much was written after every batch.
4. Stale marking, scoped to the sources of this run (see below), then the marker is set to
   ``complete``.

Sources and staleness
---------------------
A *source* is an imported file (``landscape.meta["files"]``; a landscape with none is the
single source ``"(landscape)"``). Every node and relationship carries ``ea_seen``: one entry
``"<source>\\t<run>"`` per source that stated it, with the last run that did. A push covers
only its own sources: afterwards, whatever one of *those* sources stated in an earlier run but
no longer states gets that source added to ``ea_stale_sources``; when every source that ever
stated it has dropped it, ``ea_stale`` is true. Nothing is deleted, and another source's stamps
are never touched. :func:`pull` and the queries leave stale items out. Pushing the same data
again changes no data (only the run numbers in the stamps).

A push that fails half-way leaves every batch either fully written or not at all and marks
nothing stale (that happens only at the end), so the database stays consistent; the error
says how much was written, and pushing again completes it.

Connection
----------
:func:`settings` reads ``NEO4J_URI``, ``NEO4J_USER``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``,
``NEO4J_TIMEOUT`` from the environment, else the ``neo4j:`` section of ``ea.yaml`` (``uri``,
``user``, ``password``, ``database``, ``timeout``). The password is never printed, logged or put
in an error message.

Faults
------
Every failure of the server or the connection is a :class:`Neo4jStoreError` with one line that
says what is wrong (nothing listening, no answer in time, login refused, no such database,
connection lost) and where (URI, database, user; never the password). ``timeout`` (seconds,
default 20) bounds connecting, the Bolt handshake, waiting for a connection and retrying a
transaction after a transient error, so nothing hangs on a server that does not answer.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ea import schema
from ea.errors import EaError
from ea.landscape import Landscape

LANDSCAPE_LABEL = "EaLandscape"
RUN_LABEL = "EaRun"
LANDSCAPE_KEY = "landscape"
NO_SOURCE = "(landscape)"
SEP = "\t"
BATCH_SIZE = 1000
#: Properties the store adds; never part of the landscape's own attributes.
STORE_PROPS = ("key", "ekey", "_json", "_nulls", "ea_seen", "ea_stale_sources", "ea_stale")
INT64 = (-(2 ** 63), 2 ** 63 - 1)

Progress = Callable[[str, int, int], None]
#: Seconds for connecting, the handshake, acquiring a connection and retrying a transaction.
TIMEOUT = 20.0
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")

# The driver logs connection failures as warnings; with no handler configured Python would print
# them on stderr next to ea's own one-line error. Whoever configures logging still gets them.
logging.getLogger("neo4j").addHandler(logging.NullHandler())


class Neo4jStoreError(EaError):
    """The Neo4j server cannot be reached, refused the login, or a write failed."""


# --------------------------------------------------------------------------- connection
@dataclass(frozen=True)
class Settings:
    """Where the Neo4j server is. ``repr`` and ``str`` never show the password."""

    uri: str = "bolt://localhost:7687"
    user: str = "neo4j"
    password: str | None = field(default=None, repr=False)
    database: str = "neo4j"
    timeout: float = TIMEOUT

    def describe(self) -> str:
        return f"{self.uri} (database {self.database}, user {self.user})"


def settings(config=None, **override: Any) -> Settings:
    """Connection settings: ``override`` first, then ``NEO4J_*`` environment variables, then
    the ``neo4j:`` section of the config, then the defaults."""
    sec = config.section("neo4j", {}) if config is not None else {}
    env = {"uri": "NEO4J_URI", "user": "NEO4J_USER", "password": "NEO4J_PASSWORD",
           "database": "NEO4J_DATABASE", "timeout": "NEO4J_TIMEOUT"}
    values: dict[str, Any] = {}
    for name, var in env.items():
        v = override.get(name)
        if v is None:
            v = os.environ.get(var) or sec.get(name)
        if v is not None:
            values[name] = str(v)
    if "timeout" in values:
        try:
            values["timeout"] = float(values["timeout"])
        except ValueError:
            values["timeout"] = -1.0
        if not 0 < values["timeout"] <= 3600:
            raise Neo4jStoreError("the Neo4j timeout (NEO4J_TIMEOUT or 'timeout' in the neo4j: "
                                  "section of ea.yaml) must be a number of seconds, 1 to 3600")
    return Settings(**values)


class Store:
    """An open connection to one database of a Neo4j server.

    Parameters
    ----------
    settings : Settings
    driver : neo4j.Driver, optional
        An existing driver (left open by :meth:`close`).
    """

    def __init__(self, settings: Settings, driver=None):
        self.settings = settings
        self._own = driver is None
        if driver is None:
            from neo4j import GraphDatabase

            scheme = settings.uri.split("://", 1)[0].lower() if "://" in settings.uri else ""
            if scheme not in SCHEMES:
                raise Neo4jStoreError(f"cannot use Neo4j at {settings.describe()}: the URI must "
                                      f"start with {', '.join(s + '://' for s in SCHEMES)}")
            t = settings.timeout
            try:
                driver = GraphDatabase.driver(settings.uri, auth=(settings.user,
                                                                  settings.password or ""),
                                              notifications_min_severity="OFF",
                                              connection_timeout=t,
                                              connection_acquisition_timeout=t,
                                              max_transaction_retry_time=t)
            except Exception as exc:  # a malformed URI and the like
                raise Neo4jStoreError(f"cannot use Neo4j at {settings.describe()}: "
                                      f"{_safe(exc, settings)}") from None
        self.driver = driver
        self.database = settings.database
        self._connected = False

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._own:
            self.driver.close()

    def check(self) -> None:
        """Fail with a clear message when the server does not answer or refuses the login."""
        self._connect()
        self.read("RETURN 1 AS one")

    def _connect(self) -> None:
        # the first contact is not retried: a server that is down or refuses the login is
        # said at once; later transactions are retried for up to ``timeout`` seconds (a
        # server restarting, a leader change)
        if not self._connected:
            try:
                self.driver.verify_connectivity()
            except Exception as exc:
                raise self.error(exc) from None
            self._connected = True

    def error(self, exc: BaseException) -> Neo4jStoreError:
        """``exc`` from the driver as one clear line (see :func:`explain`)."""
        if isinstance(exc, Neo4jStoreError):
            return exc
        return Neo4jStoreError(explain(exc, self.settings))

    # ------------------------------------------------------------------ primitives
    def read(self, cypher: str, **params: Any) -> list[dict]:
        """Run a read query; rows as dicts."""
        def work(tx):
            return [r.data() for r in tx.run(cypher, params)]

        self._connect()
        try:
            with self._session() as s:
                return s.execute_read(work)
        except Exception as exc:
            raise self.error(exc) from None

    def write(self, cypher: str, **params: Any) -> list[dict]:
        """Run a write query in its own transaction (retried on transient errors)."""
        return self.write_all([(cypher, params)])[0]

    def write_all(self, statements: list[tuple[str, dict]]) -> list[list[dict]]:
        """Run several write queries in ONE transaction: all of them are written or none."""
        def work(tx):
            return [[r.data() for r in tx.run(cypher, params)] for cypher, params in statements]

        self._connect()
        try:
            with self._session() as s:
                return s.execute_write(work)
        except Exception as exc:
            raise self.error(exc) from None

    def try_write(self, cypher: str, **params: Any) -> bool:
        """One attempt, no retries (for a last word after a failure); True if it was written."""
        try:
            with self._session() as s:
                s.run(cypher, params).consume()
            return True
        except Exception:
            return False

    def _session(self):
        # the database is always named; server notifications (e.g. "property does not exist
        # yet" on a first import) are not for the person running ea
        return self.driver.session(database=self.database, notifications_min_severity="OFF")


def connect(config=None, driver=None, **override: Any) -> Store:
    """A :class:`Store` for the configured server (see :func:`settings`)."""
    return Store(settings(config, **override), driver=driver)


def _safe(exc: BaseException, st: Settings) -> str:
    """An exception's message on one line, the password blanked should a driver echo it."""
    text = " ".join(f"{exc.__class__.__name__}: {exc}".split())
    if st.password:
        text = text.replace(st.password, "***")
    return text


def explain(exc: BaseException, st: Settings) -> str:
    """One line for a failure of the driver or the server: what went wrong and where (never
    the password)."""
    from neo4j import exceptions as ne

    where = f"Neo4j at {st.describe()}"
    code = str(getattr(exc, "code", None) or "")
    if code == "Neo.ClientError.Security.AuthenticationRateLimit":
        return (f"cannot reach {where}: too many failed logins for user '{st.user}'; the server "
                f"refuses it for a while. Check NEO4J_USER and NEO4J_PASSWORD, then try again")
    if isinstance(exc, ne.AuthError) or code == "Neo.ClientError.Security.Unauthorized":
        return (f"cannot reach {where}: the login was refused (wrong user name or password; "
                f"check NEO4J_USER and NEO4J_PASSWORD)")
    if code.startswith("Neo.ClientError.Security."):
        return f"{where}: not allowed: {_server_message(exc, st)}"
    if code == "Neo.ClientError.Database.DatabaseNotFound":
        return (f"cannot reach {where}: the server has no database '{st.database}' (check "
                f"NEO4J_DATABASE; SHOW DATABASES in Neo4j Browser lists them)")
    if code.startswith("Neo.TransientError.Database.DatabaseUnavailable"):
        return f"cannot reach {where}: the database is not available (stopped or starting)"
    if isinstance(exc, ne.ServiceUnavailable | ne.SessionExpired | OSError):
        low = " ".join(_chain_texts(exc)).lower()
        if "refused" in low:
            why = "nothing is listening there (connection refused); is the server running?"
        elif "timed out" in low or "timeout" in low or "deadline" in low:
            why = (f"no answer within {st.timeout:g} s (NEO4J_TIMEOUT); is it a Neo4j server "
                   f"and is it up?")
        elif "routing" in low:
            why = ("no routing information (for a single server use bolt:// instead of "
                   "neo4j://)")
        elif isinstance(exc, ne.SessionExpired) or "defunct" in low or "lost" in low \
                or "closed" in low or "reset" in low:
            why = "the connection was lost (the server stopped or the network failed)"
        elif "resolve" in low or "name or service" in low or "address" in low:
            why = "the host name cannot be resolved"
        else:
            why = f"the server is unavailable ({_safe(exc, st)})"
        return f"cannot reach {where}: {why}"
    if isinstance(exc, ne.Neo4jError):
        return f"{where}: the server refused a query: {_server_message(exc, st)}"
    return f"{where}: {_safe(exc, st)}"


def _chain_texts(exc: BaseException) -> list[str]:
    """The messages of an exception, its causes and (for routing failures) its sub-exceptions."""
    out, todo, seen = [], [exc], set()
    while todo:
        e = todo.pop(0)
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        out.append(" ".join(str(e).split()))
        todo += [e.__cause__, e.__context__, *getattr(e, "exceptions", ())]
    return out


def _server_message(exc: BaseException, st: Settings) -> str:
    """The server's own message (without the GQL status noise) and its code, on one line."""
    msg = getattr(exc, "message", None) or str(exc)
    msg = re.sub(r"\s+", " ", str(msg)).strip()
    if st.password:
        msg = msg.replace(st.password, "***")
    code = getattr(exc, "code", None)
    return f"{msg} ({code})" if code else msg


# --------------------------------------------------------------------------- values
def _native(v: Any) -> bool:
    """True when Neo4j stores ``v`` as it is (and gives the same value back)."""
    if isinstance(v, bool) or isinstance(v, str):
        return True
    if isinstance(v, int):
        return INT64[0] <= v <= INT64[1]
    if isinstance(v, float):
        return True
    if isinstance(v, list) and v:
        types = {type(x) for x in v}
        return len(types) == 1 and types <= {str, bool, int, float} and all(_native(x) for x in v)
    return False


def encode(attrs: dict, *, skip: Iterable[str] = ()) -> dict:
    """Landscape attributes as Neo4j properties (plus ``_json`` and ``_nulls``)."""
    props: dict[str, Any] = {}
    js, nulls = [], []
    skip = set(skip)
    for name, v in attrs.items():
        if name in skip:
            continue
        if name in STORE_PROPS:
            raise Neo4jStoreError(f"attribute name '{name}' is reserved by the Neo4j store")
        if v is None:
            nulls.append(name)
            props[name] = None  # removes an old value on re-import
        elif _native(v):
            props[name] = v
        else:
            js.append(name)
            props[name] = json.dumps(v, ensure_ascii=False, sort_keys=True, default=_default)
    props["_json"] = sorted(js)
    props["_nulls"] = sorted(nulls)
    return props


def _default(o):
    if isinstance(o, dt.date):
        return o.isoformat()
    if isinstance(o, set | tuple):
        return sorted(o) if isinstance(o, set) else list(o)
    return str(o)


def decode(props: dict, *, drop: Iterable[str] = STORE_PROPS) -> dict:
    """Neo4j properties back to landscape attributes."""
    js = set(props.get("_json") or [])
    out = {}
    for name, v in props.items():
        if name in drop or name.startswith("ea_"):
            continue
        out[name] = json.loads(v) if name in js and isinstance(v, str) else v
    for name in props.get("_nulls") or []:
        out.setdefault(name, None)
    return out


# --------------------------------------------------------------------------- sources
def run_sources(landscape: Landscape) -> list[str]:
    """The sources a push covers: the imported files, else ``"(landscape)"``."""
    files = [f.get("file") for f in landscape.meta.get("files") or [] if f.get("file")]
    return sorted(set(files)) or [NO_SOURCE]


def stating_sources(sources: list | None, scope: list[str]) -> list[str]:
    """Which of the run's sources stated an item, from its ``sources`` ("file[:sheet]:line")."""
    out = set()
    for s in sources or []:
        s = str(s)
        best = None
        for f in scope:
            if (s == f or s.startswith(f + ":")) and (best is None or len(f) > len(best)):
                best = f
        if best:
            out.add(best)
    # an item with no source of the run (hand-built, or stated by an implicit record) is
    # owed to every source of the run
    return sorted(out) if out else list(scope)


# --------------------------------------------------------------------------- schema
def constraints(store: Store) -> None:
    """Uniqueness constraints (and so indexes) on ``key`` of every label, before any load."""
    for label in (*schema.NODE_KINDS, LANDSCAPE_LABEL):
        _check_label(label)
        store.write(f"CREATE CONSTRAINT ea_{label.lower()}_key IF NOT EXISTS "
                    f"FOR (n:{label}) REQUIRE n.key IS UNIQUE")
    store.write(f"CREATE CONSTRAINT ea_run IF NOT EXISTS FOR (n:{RUN_LABEL}) "
                f"REQUIRE n.run IS UNIQUE")


def _check_label(label: str) -> str:
    if label not in (*schema.NODE_KINDS, LANDSCAPE_LABEL, RUN_LABEL):
        raise Neo4jStoreError(f"not a label of the ea schema: {label!r}")
    return label


def _check_type(rel: str) -> str:
    if rel not in schema.EDGE_KINDS:
        raise Neo4jStoreError(f"not a relationship type of the ea schema: {rel!r}")
    return rel


# Stamping, shared by the node and relationship writes: the item's stamp for each stating
# source becomes this run; those sources are no longer stale for it; the ``sources`` lines of
# this run's files replace the ones they stated before, other files' lines stay (a run of the
# pseudo-source "(landscape)" replaces them all).
_STAMP = """
SET x += row.props,
    x.sources = [s IN coalesce(x.sources, []) WHERE NOT $all_sources AND NOT s IN row.sources
                 AND NOT any(f IN $scope WHERE s = f OR s STARTS WITH f + ':')] + row.sources,
    x._json = [n IN coalesce(x._json, []) WHERE NOT n IN row.names] + row.json,
    x._nulls = [n IN coalesce(x._nulls, []) WHERE NOT n IN row.names] + row.nulls,
    x.ea_seen = [e IN coalesce(x.ea_seen, []) WHERE NOT any(f IN row.stated WHERE
                 e STARTS WITH f + $sep)] + [f IN row.stated | f + $sep + $run],
    x.ea_stale_sources = [f IN coalesce(x.ea_stale_sources, []) WHERE NOT f IN row.stated],
    x.ea_stale = false
"""


def _node_cypher(label: str) -> str:
    _check_label(label)
    return f"UNWIND $rows AS row MERGE (x:{label} {{key: row.key}})" + _STAMP


def _rel_cypher(rel: str, ulabel: str, vlabel: str) -> str:
    _check_type(rel)
    _check_label(ulabel)
    _check_label(vlabel)
    return (f"UNWIND $rows AS row MATCH (a:{ulabel} {{key: row.u}}) "
            f"MATCH (b:{vlabel} {{key: row.v}}) "
            f"MERGE (a)-[x:{rel} {{ekey: row.ekey}}]->(b)" + _STAMP)


def _row(attrs: dict, scope: list[str], **ids: Any) -> dict:
    props = encode(attrs, skip=("sources",))
    js, nulls = props.pop("_json"), props.pop("_nulls")
    sources = [str(s) for s in attrs.get("sources") or []]
    return {**ids, "props": props, "json": js, "nulls": nulls, "sources": sources,
            "names": sorted(attrs), "stated": stating_sources(sources, scope)}


# --------------------------------------------------------------------------- push
@dataclass
class PushResult:
    run: int
    sources: list[str]
    nodes: int
    relationships: int
    stale_nodes: int = 0
    stale_relationships: int = 0


def _batches(rows: list, size: int):
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


def derived(attrs: dict) -> dict:
    """Plain list properties derived from JSON-stored ones, so Cypher can read them (the
    ``ea_`` prefix keeps them out of :func:`decode`, so the round trip stays lossless):
    ``ea_vacant_roles`` (the roles recorded as vacant) and ``ea_vacant_written`` (as written,
    in the same order). None removes them when the vacancies are gone."""
    vac = [v for v in attrs.get("vacant_roles") or [] if isinstance(v, dict) and v.get("role")]
    if not vac:
        return {"ea_vacant_roles": None, "ea_vacant_written": None}
    return {"ea_vacant_roles": [str(v["role"]) for v in vac],
            "ea_vacant_written": [str(v.get("raw") or v.get("title") or "vacant") for v in vac]}


def plan(landscape: Landscape, scope: list[str]) -> tuple[list, list]:
    """The rows of a push: ``[(label, rows)]`` for nodes and ``[(cypher, rows)]`` for
    relationships, grouped so each group is one statement."""
    g = landscape.graph
    by_label: dict[str, list] = defaultdict(list)
    for key in sorted(g.nodes):
        d = g.nodes[key]
        kind = d.get("kind")
        if kind not in schema.NODE_KINDS:
            raise Neo4jStoreError(f"node {key}: unknown kind {kind!r}")
        row = _row(d, scope, key=key)
        row["props"].update(derived(d))
        by_label[kind].append(row)
    by_rel: dict[tuple, list] = defaultdict(list)
    for u, v, k, d in sorted(g.edges(keys=True, data=True), key=lambda e: e[:3]):
        kind = d.get("kind")
        if kind not in schema.EDGE_KINDS:
            raise Neo4jStoreError(f"edge {u} -> {v}: unknown kind {kind!r}")
        by_rel[(kind, g.nodes[u]["kind"], g.nodes[v]["kind"])].append(
            _row(d, scope, u=u, v=v, ekey=k))
    nodes = [(label, by_label[label]) for label in schema.NODE_KINDS if by_label.get(label)]
    rels = [(_rel_cypher(*gk), rows) for gk, rows in sorted(by_rel.items())]
    return nodes, rels


def push(store: Store, landscape: Landscape, *, batch_size: int = BATCH_SIZE,
         progress: Progress | None = None, sources: list[str] | None = None) -> PushResult:
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

    Returns
    -------
    PushResult
    """
    scope = sorted(set(sources)) if sources else run_sources(landscape)
    node_groups, rel_groups = plan(landscape, scope)
    n_nodes = sum(len(r) for _, r in node_groups)
    n_rels = sum(len(r) for _, r in rel_groups)
    try:
        constraints(store)
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
             {"run": run, "n": now["nodes"], "r": now["relationships"], "now": _now()})])
        done.update(now)
        if progress:
            progress(phase, done[phase], n_nodes if phase == "nodes" else n_rels)

    try:
        for label, rows in node_groups:
            cypher = _node_cypher(label)
            for batch in _batches(rows, batch_size):
                write_batch("nodes", cypher, batch)
        for cypher, rows in rel_groups:
            for batch in _batches(rows, batch_size):
                write_batch("relationships", cypher, batch)
        _write_meta(store, landscape, scope)
        stale_n, stale_r = mark_stale(store, scope, run)
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
    return PushResult(run, scope, n_nodes, n_rels, stale_n, stale_r)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


_STALE = """
MATCH {pattern}
WHERE any(e IN coalesce(x.ea_seen, []) WHERE e STARTS WITH $source + $sep
          AND e <> $source + $sep + $run)
  AND NOT $source IN coalesce(x.ea_stale_sources, [])
SET x.ea_stale_sources = coalesce(x.ea_stale_sources, []) + $source
WITH x
SET x.ea_stale = size(x.ea_stale_sources) >= size(x.ea_seen)
RETURN count(x) AS n
"""


def mark_stale(store: Store, scope: list[str], run: int) -> tuple[int, int]:
    """Mark as stale, for each source of this run only, what it stated before but not now."""
    n = r = 0
    for source in scope:
        p = {"source": source, "sep": SEP, "run": str(run)}
        for label in schema.NODE_KINDS:
            n += store.write(_STALE.format(pattern=f"(x:{_check_label(label)})"), **p)[0]["n"]
        r += store.write(_STALE.format(pattern="()-[x]->()"), **p)[0]["n"]
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


def _in_scope(name: Any, scope: list[str]) -> bool:
    if not name:  # not tied to a file: belongs to the latest run
        return True
    return any(str(name) == f or str(name).startswith(f + ":") for f in scope)


def merge_meta(old: dict, new: dict, scope: list[str]) -> dict:
    out = {**old, **new}
    if "files" in old or "files" in new:
        keep = [f for f in old.get("files") or [] if not _in_scope(f.get("file"), scope)]
        out["files"] = keep + list(new.get("files") or [])
    if "people_lists" in old or "people_lists" in new:
        keep = [f for f in old.get("people_lists") or [] if not _in_scope(f, scope)]
        out["people_lists"] = keep + [f for f in new.get("people_lists") or [] if f not in keep]
    return out


def merge_ledger(old: dict, new: dict, scope: list[str]) -> dict:
    if not old:
        return dict(new)
    out = {**old, **new}
    for part in ("files", "entries"):
        if part in old or part in new:
            keep = [e for e in old.get(part) or [] if not _in_scope(e.get("file"), scope)]
            out[part] = keep + list(new.get(part) or [])
    return out


# --------------------------------------------------------------------------- pull
NODE_ROWS = """
MATCH (x) WHERE (x:System OR x:Object OR x:Person OR x:Organisation OR x:Information)
  AND NOT coalesce(x.ea_stale, false)
RETURN x.key AS key, properties(x) AS props ORDER BY key
"""
REL_ROWS = """
MATCH (a)-[x:INTEGRATES_WITH|PART_OF|OWNED_BY|HAS_ROLE|PROCESSES]->(b)
WHERE NOT coalesce(x.ea_stale, false) AND NOT coalesce(a.ea_stale, false)
  AND NOT coalesce(b.ea_stale, false)
RETURN a.key AS u, b.key AS v, x.ekey AS ekey, properties(x) AS props ORDER BY u, v, ekey
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
    """A Landscape from ``{key, props}`` node rows and ``{u, v, ekey, props}`` rows."""
    g = nx.MultiDiGraph()
    for r in node_rows:
        g.add_node(r["key"], **decode(r["props"]))
    for r in rel_rows:
        if r["u"] in g and r["v"] in g:
            g.add_edge(r["u"], r["v"], key=r["ekey"], **decode(r["props"]))
    return Landscape(g, meta=meta or {}, ledger=ledger or {})


def pull(store: Store, progress: Progress | None = None) -> Landscape:
    """The whole landscape (stale items left out) as a :class:`Landscape`; ``progress``
    (``progress("pulling", step, 4)``) after reading the meta data, the nodes, the
    relationships and building the graph."""
    def step(n: int) -> None:
        if progress:
            progress("pulling from Neo4j", n, 4)

    step(0)
    meta, ledger = read_meta(store)
    step(1)
    nodes = store.read(NODE_ROWS)
    step(2)
    rels = store.read(REL_ROWS)
    step(3)
    ls = build(nodes, rels, meta, ledger)
    step(4)
    return ls


def status(store: Store) -> dict:
    """Counts per label and relationship type, stale counts, and the last runs."""
    nodes = store.read(
        "MATCH (x) WHERE x:System OR x:Object OR x:Person OR x:Organisation OR x:Information "
        "RETURN labels(x)[0] AS label, count(*) AS n, "
        "sum(CASE WHEN coalesce(x.ea_stale, false) THEN 1 ELSE 0 END) AS stale ORDER BY label")
    rels = store.read(
        "MATCH ()-[x:INTEGRATES_WITH|PART_OF|OWNED_BY|HAS_ROLE|PROCESSES]->() "
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
