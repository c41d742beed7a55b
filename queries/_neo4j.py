"""Every registered query, answered from a Neo4j database.

Each query has a readable Cypher file in ``queries/cypher/`` (paste it into Neo4j Browser).
The set-shaped questions are answered by Cypher: ``orphans.cypher``, ``coordinate.cypher``,
``classification.cypher`` and ``quality.cypher`` hold ``// @findings`` statements that return
one row per finding (quality: per rule and subject, passed or not), as scalars and lists,
never node objects. This module fetches the small context the finishing step needs
(``@nodes``, ``@rels``, ``@meta`` statements of the query's context file) and attaches a fact
source to that landscape (:class:`CypherFacts`); the registered Python query then takes its
fact rows from Cypher instead of computing them (``_governance_common.fact_rows``) and
finishes them (rank, reason, filters, order, roll-ups) with the same code as on a snapshot.
Both backends give the same frame (the differential test, ``tests/test_neo4j_queries.py``,
checks the fact rows and the frames on the demo region and on the hand-built fixtures).

What runs where
---------------

=======================  =====================================  ==============================
query                    Cypher                                 Python
=======================  =====================================  ==============================
orphans                  ``orphans.cypher``: the findings       ranking, reasons, filters,
                         (see the file); context from           order, per-organisation summary
                         ``governance.cypher``
coordinate               ``coordinate.cypher``: per end and     severity, reasons, filters,
                         manager, partner/platform managers,    order, meeting matrix
                         flags, code
classification           ``classification.cypher``: pairwise    severity, reasons, filters,
                         K/T/RTO along every flow (platforms    order
                         included), folded per pair; T without
                         continuity plan; effective above
                         recorded; unclassified partners
quality                  ``quality.cypher``: every (rule,       wording, source to supply it,
                         subject) check, passed or not, with    filters, order, roll-ups by
                         what is missing                        rule/object/manager/organisation
check                    the four reports' findings above;      stacking, order
                         context from ``governance.cypher``
ageing, replacement      ``ageing.cypher``: systems, owners,    lifecycle, vendor end of life,
                         integrations                           horizon, score
duplicates               ``duplicates.cypher``                  grouping, name similarity
hubs, impact             ``hubs.cypher``/``impact.cypher``:     graph algorithms, the walk
                         the system projection as scalars
=======================  =====================================  ==============================

A query registered later without a file of its own uses ``landscape.cypher``.

File format: statements end with ``;``; a comment line ``// @nodes``, ``// @rels``,
``// @meta`` or ``// @findings`` before a statement says what its rows are (findings
statements take the query's parameters and are run by :func:`findings`). Node rows have ``key`` and either
``props`` (a property map, decoded by :func:`ea.store.neo4j.decode`) or one column per
attribute; relationship rows have ``u``, ``v``, ``ekey`` and likewise ``props`` or columns.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import cache
from pathlib import Path

import pandas as pd

from ea import schema
from ea.landscape import Landscape
from ea.store import neo4j as store_mod

from . import get
from ._governance_common import FACT_SOURCE

CYPHER_DIR = Path(__file__).parent / "cypher"
DEFAULT_FILE = "landscape"
FILES = {
    "orphans": "governance", "coordinate": "governance", "quality": "governance",
    "classification": "governance", "check": "governance",
    "ageing": "ageing", "replacement": "ageing",
    "duplicates": "duplicates", "hubs": "hubs", "impact": "impact",
}

#: Fact columns that carry a property stored as JSON text (structured provenance, see
#: :func:`ea.store.neo4j.encode`); :func:`findings` decodes them as ``pull`` does.
JSON_COLUMNS = ("conflicts",)

_MARK = re.compile(r"^\s*//\s*@(nodes|rels|meta|findings)\s*$")


@cache
def statements(file: str) -> tuple[tuple[str, str], ...]:
    """The ``(part, cypher)`` statements of ``queries/cypher/<file>.cypher``."""
    text = (CYPHER_DIR / f"{file}.cypher").read_text(encoding="utf-8")
    out, part, buf = [], None, []
    for line in text.splitlines():
        m = _MARK.match(line)
        if m:
            part, buf = m.group(1), []
            continue
        if part is None or line.strip().startswith("//"):
            continue
        buf.append(line)
        if line.rstrip().endswith(";"):
            out.append((part, "\n".join(buf).rstrip().rstrip(";")))
            part, buf = None, []
    return tuple(out)


def cypher_file(name: str) -> str:
    return FILES.get(name, DEFAULT_FILE)


def _attrs(row: dict, ids: tuple[str, ...]) -> dict:
    if "props" in row:
        return row["props"]
    # scalar projection: a missing property comes back as null and stays absent
    return {k: v for k, v in row.items() if k not in ids and v is not None}


def findings(store: store_mod.Store, query: str, params: dict) -> list[dict]:
    """The fact rows of ``query``: every ``// @findings`` statement of
    ``queries/cypher/<query>.cypher`` run with ``params``, rows in file order."""
    rows: list[dict] = []
    for part, cypher in statements(query):
        if part == "findings":
            rows.extend(store.read(cypher, **params))
    for row in rows:
        for col in JSON_COLUMNS:
            if isinstance(row.get(col), str):
                row[col] = json.loads(row[col])
    return rows


class CypherFacts:
    """The fact source a Neo4j landscape carries (see :func:`gc.fact_rows
    <ea.queries._governance_common.fact_rows>`): answers ``(query, params)`` with the rows of
    the query's Cypher file."""

    def __init__(self, store: store_mod.Store):
        self.store = store

    def __call__(self, query: str, params: dict) -> list[dict]:
        return findings(self.store, query, params)


def facts_landscape(store: store_mod.Store, name: str) -> Landscape:
    """The minimal landscape query ``name`` needs, fetched with its Cypher file, carrying a
    fact source so the set-shaped questions are answered by Cypher on the server."""
    ls = _context(store, name)
    setattr(ls, FACT_SOURCE, CypherFacts(store))
    return ls


def _context(store: store_mod.Store, name: str) -> Landscape:
    nodes, rels, meta, ledger = [], [], {}, {}
    for part, cypher in statements(cypher_file(name)):
        if part == "findings":
            continue
        rows = store.read(cypher)
        if part == "nodes":
            for r in rows:
                attrs = _attrs(r, ("key",))
                if "props" not in r:
                    attrs.setdefault("kind", schema.split_key(r["key"])[0])
                nodes.append({"key": r["key"], "props": attrs})
        elif part == "rels":
            rels.extend({"u": r["u"], "v": r["v"], "ekey": r["ekey"],
                         "props": _attrs(r, ("u", "v", "ekey"))} for r in rows)
        elif part == "meta" and rows:
            meta, ledger = store_mod.read_meta(store)
    return store_mod.build(nodes, rels, meta, ledger)


def run(store: store_mod.Store, name: str, *, as_of: dt.date, config=None,
        **params) -> pd.DataFrame:
    """Run the registered query ``name`` on the Neo4j database behind ``store``."""
    query = get(name)
    return query.func(facts_landscape(store, name), as_of=as_of, config=config, **params)
