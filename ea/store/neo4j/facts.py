"""The derived facts the push stamps on systems, so a Neo4j Browser user can filter on them.

ea computes derived facts (is a system unowned and why, its lifecycle phase, its hub metrics,
its owning organisation) in one place, :func:`ea.derived.system_facts`; the reports, the map
and this module call it. The push writes each fact as a property ``ea_<name>`` of the system
(``ea_unowned``, ``ea_unowned_class``, ``ea_lifecycle_phase``, ``ea_hub_score``,
``ea_articulation_point``, ``ea_owning_organisation``, ...) with ``ea_as_of``, the date they hold
for. A fact with no value removes the property. ea itself never reads them back: reports
compute them from the model, and :func:`ea.store.neo4j.pull` leaves ``ea_`` properties out.

>>> import datetime as dt
>>> from ea.landscape import Landscape
>>> ls = Landscape()
>>> a = ls.add_system("a", name="A", status="phasing_out")
>>> f = derived_facts(ls, as_of=dt.date(2026, 11, 25))[a]
>>> f["ea_as_of"], f["ea_lifecycle_phase"], f["ea_unowned"]
('2026-11-25', 'phasing_out', True)
"""

from __future__ import annotations

import datetime as dt
from typing import Any

PREFIX = "ea_"

#: Every property :func:`derived_facts` writes (``tests/test_neo4j_store.py`` holds it to the
#: keys of :func:`ea.derived.system_facts`).
PROPERTIES = tuple(PREFIX + name for name in (
    "unowned", "unowned_class", "lifecycle_phase", "lifecycle_from_dates",
    "retirement_overdue", "hub_score", "hub_rank", "betweenness", "articulation_point",
    "owning_organisation", "classification", "as_of"))


def _plain(v: Any) -> Any:
    """A value Neo4j stores as it is (numpy scalars as Python ones; None stays None)."""
    if hasattr(v, "item") and not isinstance(v, list | tuple | dict | str):
        v = v.item()
    if isinstance(v, dt.date):
        return v.isoformat()
    return v


def derived_facts(landscape, *, as_of: dt.date, config=None) -> dict[str, dict]:
    """Per system key, the ``ea_...`` properties the push writes (see the module docstring)."""
    from ea.derived import system_facts

    return {key: {PREFIX + name: _plain(v) for name, v in facts.items()}
            for key, facts in system_facts(landscape, as_of=as_of, config=config).items()}


def cleared(landscape) -> dict[str, dict]:
    """Per system key, every ``ea_...`` fact removed: what a push without facts
    (``ea neo4j push --no-facts``) writes, so no system keeps facts about data that has
    changed since (a fact whose ``ea_as_of`` is missing was never computed for this data)."""
    return {key: dict.fromkeys(PROPERTIES) for key, _ in landscape.nodes("System")}
