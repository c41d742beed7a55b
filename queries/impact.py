"""Blast radius of one system: what it reaches, whom that concerns, and what falls apart
without it.

``direction="downstream"`` follows the data: the systems that receive data from the system,
directly or through others. ``upstream`` goes against the flow: the systems it receives data
from. ``both`` ignores direction. An integration A -> B through a platform P makes both B and
P reachable from A (and B reachable from P), so the real consumer is never hidden behind the
platform; ``path`` names every system on one shortest path from the system, with the platform
in brackets where the step passes through one.

What becomes disconnected is computed on the undirected projection of
``integration_graph(expand_via=True)`` (A -> P -> B, so removing a platform separates the
systems that only meet through it).

Codes (severity)
----------------
``IMPACT_SUMMARY`` (info; one row): how many systems, organisations and managers are reached,
the highest availability class (T) and criticality among them.
``IMPACT_REACHED``: one row per reached system; severity from its criticality or T, whichever
is higher: 4 critical, 3 high, 2 medium, else low.
``IMPACT_DISCONNECTS`` (high): one row per part that is cut off from the largest remaining
part when the system is removed.

Columns: the finding columns plus ``distance``, ``direction``, ``path``, ``organisations``,
``managers``, ``t``, ``criticality``, ``reached``, ``highest_t``, ``highest_criticality``,
``component``, ``component_size``. For ``IMPACT_REACHED`` ``subject`` is the reached system;
for the other codes it is the system asked about.

Examples
--------
>>> import datetime as dt
>>> from ea.landscape import Landscape
>>> ls = Landscape()
>>> for s in "abc":
...     _ = ls.add_system(s, name=s.upper())
>>> _ = ls.add_integration("System:a", "System:b"); _ = ls.add_integration("System:b", "System:c")
>>> df = run(ls, as_of=dt.date(2026, 11, 25), system="B")
>>> df[["name", "code", "path"]].values.tolist()
[['B', 'IMPACT_DISCONNECTS', None], ['C', 'IMPACT_REACHED', 'B → C'], ['B', 'IMPACT_SUMMARY', None]]
"""

from __future__ import annotations

import datetime as dt
import difflib

import networkx as nx
import pandas as pd

from ea import schema
from ea.errors import QueryError
from ea.queries import FINDING_COLUMNS, register, sort_findings
from ea.queries import _graphalg as ga

DIRECTIONS = ("downstream", "upstream", "both")

COLUMNS = [*FINDING_COLUMNS, "distance", "direction", "path", "organisations", "managers", "t",
           "criticality", "reached", "highest_t", "highest_criticality", "component",
           "component_size"]


def resolve_system(landscape, ref: str) -> str:
    """The key of the one system ``ref`` names, or a :class:`QueryError` with close matches."""
    found = landscape.resolve(ref, kind=schema.SYSTEM)
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        listed = ", ".join(f"{landscape.name(k)} ({k})" for k in found)
        raise QueryError(f"'{ref}' names {len(found)} systems: {listed}; give the id")
    names = sorted({landscape.name(k) for k, _ in landscape.nodes(schema.SYSTEM)})
    close = difflib.get_close_matches(ref, names, n=3, cutoff=0.6)
    if not close:
        low = {n.casefold(): n for n in names}
        close = [low[c] for c in difflib.get_close_matches(ref.casefold(), list(low), n=3,
                                                            cutoff=0.6)]
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise QueryError(f"no system named '{ref}'{hint}")


def _severity(level: int) -> str:
    return {4: "critical", 3: "high", 2: "medium"}.get(level, "low")


@register("impact", "Blast radius of one system and what it disconnects")
def run(landscape, *, as_of: dt.date | None = None, config=None, system: str | None = None,
        depth: int | None = None, direction: str = "downstream", **_params) -> pd.DataFrame:
    """Blast radius of ``system`` (see module docstring).

    Parameters
    ----------
    landscape : ea.landscape.Landscape
    as_of : datetime.date
        Not used (kept for the common query signature).
    system : str
        Key, id or name of the system.
    depth : int, optional
        At most this many integration steps (default: no limit).
    direction : {"downstream", "upstream", "both"}
    """
    if not system:
        raise QueryError("impact needs a system")
    if direction not in DIRECTIONS:
        raise QueryError(f"direction must be one of {', '.join(DIRECTIONS)}, not '{direction}'")
    if depth is not None and int(depth) < 1:
        raise QueryError("depth must be 1 or more")
    key = resolve_system(landscape, system)
    xname = landscape.name(key)
    pg = ga.partner_graph(landscape)
    if direction == "upstream":
        walk = pg.reverse(copy=False)
    elif direction == "both":
        walk = pg.to_undirected(as_view=True)
    else:
        walk = pg
    paths = nx.single_source_shortest_path(walk, key, cutoff=int(depth) if depth else None)
    arrow = {"downstream": " → ", "upstream": " ← ", "both": " — "}[direction]

    def step_via(a, b) -> list[str]:
        vias = []
        for u, v in ((a, b), (b, a)) if direction == "both" else \
                (((b, a),) if direction == "upstream" else ((a, b),)):
            if pg.has_edge(u, v) and not pg[u][v]["direct"]:
                vias += pg[u][v]["via"]
        return sorted(set(vias))

    def path_text(p: list[str]) -> str:
        out = landscape.name(p[0])
        for a, b in zip(p, p[1:], strict=False):
            vias = step_via(a, b)
            out += arrow + landscape.name(b)
            if vias:
                out += f" [via {', '.join(landscape.name(v) for v in vias)}]"
        return out

    rows = []
    all_orgs, all_mgrs, ts, crits = set(), set(), [], []
    for tgt, p in paths.items():
        if tgt == key:
            continue
        d = landscape.node(tgt)
        orgs = [landscape.name(o) for o in landscape.owners_of(tgt)]
        mgrs = sorted({f"{landscape.name(r['person'])} ({r['role']})"
                       for r in landscape.roles_of(tgt) if r["role"] in schema.MANAGER_ROLES})
        all_orgs.update(orgs)
        all_mgrs.update(mgrs)
        t, c = d.get("t"), d.get("criticality")
        if t is not None:
            ts.append(t)
        if c is not None:
            crits.append(c)
        level = max(t or 0, c or 0)
        verb = {"downstream": "receives data from", "upstream": "sends data to",
                "both": "is connected to"}[direction]
        rows.append({"subject": tgt, "name": landscape.name(tgt), "code": "IMPACT_REACHED",
                     "severity": _severity(level),
                     "reason": f"{landscape.name(tgt)} {verb} {xname} "
                               f"{'directly' if len(p) == 2 else f'in {len(p) - 1} steps'}: "
                               f"{path_text(p)}.",
                     "distance": len(p) - 1, "direction": direction, "path": path_text(p),
                     "organisations": orgs, "managers": mgrs, "t": t, "criticality": c})
    n = len(rows)
    dir_txt = "in either direction" if direction == "both" else direction
    summary = (f"{xname} reaches {n} system{'s' if n != 1 else ''} {dir_txt}"
               + (f" within {depth} step{'s' if int(depth) != 1 else ''}" if depth else "")
               + f" in {len(all_orgs)} organisation{'s' if len(all_orgs) != 1 else ''}"
               + f", {len(all_mgrs)} manager{'s' if len(all_mgrs) != 1 else ''}"
               + (f"; highest T {max(ts)}" if ts else "")
               + (f", highest criticality {max(crits)}" if crits else "") + ".")
    rows.append({"subject": key, "name": xname, "code": "IMPACT_SUMMARY", "severity": "info",
                 "reason": summary, "direction": direction, "organisations": sorted(all_orgs),
                 "managers": sorted(all_mgrs), "reached": n,
                 "highest_t": max(ts) if ts else None,
                 "highest_criticality": max(crits) if crits else None,
                 "t": landscape.node(key).get("t"),
                 "criticality": landscape.node(key).get("criticality")})
    u = ga.undirected(landscape.integration_graph(expand_via=True))
    parts = ga.components_without(u, key)
    if len(parts) > 1:
        largest = sorted(landscape.name(x) for x in parts[0])
        rest = ", ".join(largest) if len(largest) <= 10 else \
            f"the other {len(largest)} systems ({', '.join(largest[:5])}, …)"
        for part in parts[1:]:
            names = sorted(landscape.name(x) for x in part)
            rows.append({"subject": key, "name": xname, "code": "IMPACT_DISCONNECTS",
                         "severity": "high",
                         "reason": f"Without {xname}, {', '.join(names)} "
                                   f"{'is' if len(names) == 1 else 'are'} cut off from "
                                   f"{rest}.",
                         "component": names, "component_size": len(names)})
    df = pd.DataFrame(rows, columns=COLUMNS, dtype=object)
    df["_order"] = df["distance"].fillna(-1)
    return ga.tidy(sort_findings(df, "_order").drop(columns="_order"))
