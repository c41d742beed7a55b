"""Every registered query, answered from a Neo4j database.

Neo4j is a store: the query reads the landscape back from the server
(:func:`ea.store.neo4j.read`: streamed, only the properties the model has, without the
provenance bookkeeping no report reads, stale items left out) and runs the same Python code
as on a snapshot. No rule is written in Cypher, so a rule changed in Python changes on both
backends; ``tests/test_neo4j_queries.py`` checks that every registered query gives the same
frame from a snapshot and from Neo4j.

``queries/cypher/`` holds a few documented queries for people browsing the graph in Neo4j
Browser (see docs/neo4j.md); ea does not run them to answer reports.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from ea.landscape import Landscape
from ea.store import neo4j as store_mod

from . import get

CYPHER_DIR = Path(__file__).parent / "cypher"


def landscape(store: store_mod.Store) -> Landscape:
    """The landscape the reports read, from the Neo4j database behind ``store``."""
    return store_mod.read(store)


def run(store: store_mod.Store, name: str, *, as_of: dt.date, config=None,
        **params) -> pd.DataFrame:
    """Run the registered query ``name`` on the Neo4j database behind ``store``."""
    return get(name).func(landscape(store), as_of=as_of, config=config, **params)
