"""The one home of derived facts: every fact ``ea`` computes from the graph rather than reads
from it is computed here, once, and everything that shows it calls these functions.

- :mod:`~ea.derived.organisations`: owning organisations (the object's when the system has
  none), organisation chains and the organisations below one;
- :mod:`~ea.derived.roles`: pm3 role holders with inheritance from the object, vacancies,
  holders who have left, and the one definition of "unowned" with its named classes;
- :mod:`~ea.derived.lifecycle`: lifecycle phase as of a date, date periods, retirement overdue;
- :mod:`~ea.derived.systems`: local vs external, effective classification, integration counts;
- :mod:`~ea.derived.dependencies`: who depends on whom and how critically (a platform for
  what it carries), read by the outage walk of ``ea impact`` and by the hub score;
- :mod:`~ea.derived.hubs`: hub metrics on the platform-expanded graph (betweenness on the
  engine of :mod:`~ea.derived.graphalg`, articulation points, the hub score);
- :mod:`~ea.derived.lookups`: a memoising view of a landscape for one run.

Queries (``ea orphans``, ``ea hubs``, ``ea ageing``, ...), the map, ``ea show``, the Neo4j
push and the notebook call these; none computes its own. :func:`system_facts` gives the
per-system summary the Neo4j push writes as properties.

This package imports the model (:mod:`ea.landscape`, :mod:`ea.schema`) and nothing above it
(no queries, importers, outputs or commands): see docs/code.md.
"""

from __future__ import annotations

import datetime as dt

from ea.schema import SYSTEM

from . import hubs, lifecycle, lookups, organisations, roles, systems


def system_facts(landscape, *, as_of: dt.date, config=None) -> dict[str, dict]:
    """Per system key, the derived facts a reader filters on: ``unowned`` (bool),
    ``unowned_class`` (a key of :data:`~ea.derived.roles.UNOWNED_CLASSES` or None),
    ``lifecycle_phase`` (as of ``as_of``; ``unknown`` when nothing says),
    ``lifecycle_from_dates`` (the dates' phase when it differs from the phase shown),
    ``retirement_overdue`` (bool), ``hub_score``, ``hub_rank``, ``betweenness``,
    ``articulation_point`` (bool), ``owning_organisation`` (key or None),
    ``classification`` (highest effective K/R/T/S or None) and ``as_of`` (ISO date).

    The same values ``ea orphans``, ``ea ageing``, ``ea hubs`` and the map show.

    >>> from ea.landscape import Landscape
    >>> ls = Landscape()
    >>> a = ls.add_system("a", name="A", status="phasing_out")
    >>> b = ls.add_system("b", name="B"); c = ls.add_system("c", name="C")
    >>> _ = ls.add_integration(a, b); _ = ls.add_integration(b, c)
    >>> f = system_facts(ls, as_of=dt.date(2026, 11, 25))
    >>> f[b]["articulation_point"], f[a]["unowned_class"], f[a]["lifecycle_phase"]
    (True, 'no_object_no_roles', 'phasing_out')
    """
    ls = lookups.lookups(landscape)
    m = hubs.metrics(ls, config)
    # plain dicts: a frame's .at per system and column costs more than the facts themselves
    hub = m[["hub_score", "rank", "betweenness", "articulation_point"]].to_dict("index")
    out: dict[str, dict] = {}
    for key, d in ls.nodes(SYSTEM):
        cls = roles.unowned_class(ls, key)
        lc = lifecycle.lifecycle(d, as_of)
        h = hub.get(key)
        out[key] = {
            "unowned": cls is not None, "unowned_class": cls,
            "lifecycle_phase": lc.shown, "lifecycle_from_dates": lc.from_dates,
            "retirement_overdue": lifecycle.retirement_overdue(d, as_of) is not None,
            "hub_score": float(h["hub_score"]) if h else 0.0,
            "hub_rank": int(h["rank"]) if h else None,
            "betweenness": float(h["betweenness"]) if h else 0.0,
            "articulation_point": bool(h["articulation_point"]) if h else False,
            "owning_organisation": organisations.owning_organisation(ls, key),
            "classification": systems.classification_level(ls, key),
            "as_of": as_of.isoformat(),
        }
    return out


__all__ = ["hubs", "lifecycle", "lookups", "organisations", "roles", "system_facts", "systems"]
