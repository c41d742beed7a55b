"""The Neo4j store: a landscape written to and read back from a Neo4j 5 server.

The graph in Neo4j mirrors the snapshot: one node per landscape node, labelled with its kind
(``System``, ``Object``, ``Person``, ``Organisation``, ``Information``; one label per kind) and
identified by the property ``key`` (``"System:raindance"``); one relationship per landscape edge,
typed with its kind (``INTEGRATES_WITH``, ``PART_OF``, ``OWNED_BY``, ``HAS_ROLE``,
``PROCESSES``) and identified by its end nodes and the property ``ekey`` (the edge key: one
integration per ``(from, to, via)``, one ``HAS_ROLE`` per role). Labels and relationship types
come only from :mod:`ea.schema`; every value is a query parameter. The landscape's ``meta`` and
import ``ledger`` live as JSON on the single ``(:EaLandscape {key: 'landscape'})`` node.

Neo4j is a store, not a second rule engine: reports read the landscape back
(:func:`read`) and run the same Python code as on a snapshot.

Modules, one job each:

- :mod:`.connection`: settings, the :class:`Store` (reads, streamed reads, writes) and every
  failure as one :class:`Neo4jStoreError` line;
- :mod:`.codec`: how values and provenance are stored (:func:`encode`, :func:`decode`), which
  source stated a line;
- :mod:`.writer`: writing, per-source stamps and exact staleness (:func:`push`);
- :mod:`.reader`: reading back (:func:`pull`, :func:`read`) and :func:`status`;
- :mod:`.facts`: the derived facts the push stamps on systems for Browser users.
"""

from .codec import (
    INT64,
    LANDSCAPE_KEY,
    LANDSCAPE_LABEL,
    NO_SOURCE,
    RUN_LABEL,
    SEP,
    STORE_PROPS,
    check_label,
    check_type,
    decode,
    encode,
    in_scope,
    of_source,
    run_sources,
    source_of,
    stating_sources,
)
from .connection import (
    SCHEMES,
    TIMEOUT,
    Neo4jStoreError,
    Progress,
    Settings,
    Store,
    connect,
    explain,
    settings,
)
from .reader import BOOKKEEPING, build, pull, read, read_meta, status
from .writer import (
    BATCH_SIZE,
    PushResult,
    _node_cypher,
    _rel_cypher,
    constraints,
    mark_stale,
    merge_ledger,
    merge_meta,
    owned,
    plan,
    push,
)

__all__ = [
    "BATCH_SIZE", "BOOKKEEPING", "INT64", "LANDSCAPE_KEY", "LANDSCAPE_LABEL", "NO_SOURCE",
    "RUN_LABEL", "SCHEMES", "SEP", "STORE_PROPS", "TIMEOUT", "Neo4jStoreError", "Progress",
    "PushResult", "Settings", "Store", "_node_cypher", "_rel_cypher", "build", "check_label",
    "check_type", "connect", "constraints", "decode", "encode", "explain", "in_scope",
    "mark_stale", "merge_ledger", "merge_meta", "of_source", "owned", "plan", "pull", "push",
    "read", "read_meta", "run_sources", "settings", "source_of", "stating_sources", "status",
]
