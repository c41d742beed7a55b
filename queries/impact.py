"""Blast radius of one system: what stops without it, what is degraded, what is merely
reachable, whom that concerns, and what falls apart.

The outage rule (``direction="downstream"``)
--------------------------------------------
A dependency is an integration seen from the system that receives the data: on A → B, B
depends on A. When a system stops, each system depending on it

* **stops** when the dependency is critical enough: its own criticality (the annotation of a
  dependency cell, ``Name: Helt verksamhetskritiskt (API)``, or an integration list's
  criticality, 1–4) is at least ``impact.stops_at`` (default 3, *till betydande del
  verksamhetskritiskt*). Where the dependency's criticality is unknown, the dependant's own
  criticality and availability class T stand in (the higher of the two,
  ``impact.unknown_dependency: dependant``; or ``stops`` / ``degraded`` for every unknown
  dependency);
* is **degraded** otherwise: it loses a feed it can run without. A degraded system keeps
  running, so the outage is not passed on through it.

Stopped systems pass the outage on in turn (breadth first, so each path is a shortest chain
of stopping dependencies). A platform (an integration engine or API manager: integrations
carry ``via``) passes an outage on only for the integrations it carries: when it stops, the
receiving end of each carried integration is judged by that integration's criticality; when a
sender stops, the platform itself is not affected. Every other system downstream (the data
reaches it, ``direction`` as below) is **reachable**: the reason names where the chain of
stopping dependencies breaks.

``direction="upstream"`` (the systems it receives data from) and ``both`` (either
direction) list reachability only: every row is ``reachable``.

In every direction an integration A -> B through a platform P makes both B and P reachable
from A (and B reachable from P); ``path`` names every system on the path from the system, with
the platform in brackets where the step passes through one (``[via P]``, or ``[carries A →
B]`` when the platform itself is the one that stops).

What becomes disconnected is computed on the undirected projection of
``integration_graph(expand_via=True)`` (A -> P -> B, so removing a platform separates the
systems that only meet through it).

Codes (severity)
----------------
``IMPACT_SUMMARY`` (info; one row, first): "stops: 12 systems in 3 organisations; degraded:
40; reachable: 227 (279 downstream in all)". ``organisations`` and ``managers`` are those of
the systems that stop (downstream), else of every reached system.
``IMPACT_REACHED``: one row per reached system, ``effect`` ``stops``, ``degraded`` or
``reachable``. Severity: stops → from its criticality or T, whichever is higher (4 critical, 3
high, else medium); degraded → medium when that level is 3 or more, else low; reachable →
info.
``IMPACT_DISCONNECTS`` (high): one row per part that is cut off from the largest remaining
part when the system is removed.

Order: the summary; the direct dependants (distance 1: stops, then degraded); the systems
that stop further away, then those degraded, nearest first; what becomes disconnected; the
merely reachable.

Columns: the finding columns plus ``effect``, ``distance``, ``direction``, ``path``,
``dependency_criticality`` (of the last step: the dependency that decided the effect, the
highest when several integrations make that step), ``organisations``, ``managers``, ``t``,
``criticality``, ``reached``, ``stops``, ``degraded``, ``highest_t``,
``highest_criticality``, ``component``, ``component_size``. For ``IMPACT_REACHED``
``subject`` is the reached system; for the other codes it is the system asked about.

Config (section ``impact``)
---------------------------
``stops_at`` (default ``3``): the lowest dependency criticality (1–4) that stops the
dependant. ``unknown_dependency`` (default ``dependant``): how to judge a dependency whose
criticality is unknown: ``dependant`` (the dependant's own criticality or T, the higher),
``stops`` or ``degraded``.

Examples
--------
>>> import datetime as dt
>>> from ea.landscape import Landscape
>>> ls = Landscape()
>>> for s in "abcd":
...     _ = ls.add_system(s, name=s.upper())
>>> _ = ls.add_integration("System:a", "System:b", criticality=4)
>>> _ = ls.add_integration("System:b", "System:c", criticality=1)
>>> _ = ls.add_integration("System:c", "System:d", criticality=4)
>>> df = run(ls, as_of=dt.date(2026, 11, 25), system="A")
>>> df["reason"].iloc[0]
'If A stops — stops: 1 system in 0 organisations; degraded: 1; reachable: 1 (3 downstream in all).'
>>> df[["name", "effect", "path"]].iloc[1:].values.tolist()
[['B', 'stops', 'A → B'], ['C', 'degraded', 'A → B → C'], ['D', 'reachable', 'A → B → C → D']]
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections import deque

import networkx as nx
import pandas as pd

from ea import schema
from ea.derived.dependencies import dependencies
from ea.derived.lookups import lookups
from ea.derived.organisations import org_name
from ea.errors import QueryError
from ea.queries import FINDING_COLUMNS, register
from ea.queries import _graphalg as ga

DIRECTIONS = ("downstream", "upstream", "both")
EFFECTS = ("stops", "degraded", "reachable")
UNKNOWN_DEPENDENCY = ("dependant", "stops", "degraded")

DEFAULTS = {
    "stops_at": 3,  # a dependency of this criticality (1-4) or higher stops its dependant
    "unknown_dependency": "dependant",  # dependant (its own criticality/T) | stops | degraded
}

COLUMNS = [*FINDING_COLUMNS, "effect", "distance", "direction", "path",
           "dependency_criticality", "organisations", "managers", "t", "criticality",
           "reached", "stops", "degraded", "highest_t", "highest_criticality", "component",
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


def settings(config) -> dict:
    """The ``impact`` section of ea.yaml over :data:`DEFAULTS`, checked."""
    cfg = config.section("impact", DEFAULTS) if config is not None else dict(DEFAULTS)
    try:
        stops_at = int(cfg["stops_at"])
    except (TypeError, ValueError):
        stops_at = None
    if stops_at is None or not 1 <= stops_at <= 4:
        raise QueryError(f"impact.stops_at must be a criticality 1-4, not '{cfg['stops_at']}'")
    if cfg["unknown_dependency"] not in UNKNOWN_DEPENDENCY:
        raise QueryError(f"impact.unknown_dependency must be one of "
                         f"{', '.join(UNKNOWN_DEPENDENCY)}, not '{cfg['unknown_dependency']}'")
    return {**cfg, "stops_at": stops_at}


def _crit_words(c: int) -> str:
    return f"{schema.CRITICALITY_NAMES.get(c, c)} ({c})"


def outage(landscape, key: str, *, config=None, depth: int | None = None) -> dict[str, dict]:
    """What stops and what is degraded when ``key`` stops (the rule in the module docstring).

    Returns ``{system: {"effect", "distance", "path", "step", "why"}}``: ``path`` the chain of
    systems from ``key``, ``step`` the dependency of the last step (see
    :func:`ea.derived.dependencies.dependencies`), ``why`` the reason in words.
    """
    cfg = settings(config)
    stops_at, unknown = cfg["stops_at"], cfg["unknown_dependency"]
    deps = dependencies(landscape)
    name = landscape.name

    def judge(s, t, step) -> tuple[str, str]:
        c = step["criticality"]
        what = (f"its integration from {', '.join(name(a) for a, _b in step['carried'])} "
                f"passes through {name(s)}" if step["carried"] and not step["direct"]
                else f"depends on {name(s)}")
        if c is not None:
            eff = "stops" if c >= stops_at else "degraded"
            return eff, f"{eff}: {what} (dependency {_crit_words(c)})"
        if unknown != "dependant":
            return unknown, f"{unknown}: {what} (dependency criticality unknown)"
        d = landscape.node(t)
        own = [x for x in (d.get("criticality"), d.get("t")) if x is not None]
        if not own:
            return "degraded", (f"degraded: {what} (criticality unknown, of the dependency and "
                                f"of {name(t)})")
        level = max(own)
        eff = "stops" if level >= stops_at else "degraded"
        known = ", ".join(f"{label} {d[f]}" for f, label in (("criticality", "criticality"),
                                                            ("t", "T"))
                          if d.get(f) is not None)
        return eff, (f"{eff}: {what} (dependency criticality unknown; its own {known})")

    out: dict[str, dict] = {}
    queue = deque([(key, [key])])
    while queue:
        s, path = queue.popleft()
        if depth is not None and len(path) - 1 >= depth:
            continue
        for t in sorted(deps.get(s, {}), key=lambda x: (name(x), x)):
            if t == key:
                continue
            step = deps[s][t]
            eff, why = judge(s, t, step)
            prev = out.get(t)
            if prev is not None and (prev["effect"] == "stops" or eff == "degraded"):
                continue  # already judged on a chain at least as short and as bad
            out[t] = {"effect": eff, "distance": len(path), "path": [*path, t], "step": step,
                      "why": why}
            if eff == "stops":
                queue.append((t, [*path, t]))
    return out


def _severity(level: int, effect: str) -> str:
    if effect == "stops":
        return {4: "critical", 3: "high"}.get(level, "medium")
    if effect == "degraded":
        return "medium" if level >= 3 else "low"
    return "info"


@register("impact", "What stops, is degraded or is reachable when one system stops")
def run(landscape, *, as_of: dt.date | None = None, config=None, system: str | None = None,
        depth: int | None = None, direction: str = "downstream", **_params) -> pd.DataFrame:
    """Blast radius of ``system`` (see module docstring).

    Parameters
    ----------
    landscape : ea.landscape.Landscape
    as_of : datetime.date
        Not used (kept for the common query signature).
    config : ea.config.Config, optional
        Section ``impact``.
    system : str
        Key, id or name of the system.
    depth : int, optional
        At most this many integration steps (default: no limit).
    direction : {"downstream", "upstream", "both"}

    Returns
    -------
    pandas.DataFrame
        The summary line is also in ``df.attrs["summary"]``.
    """
    if not system:
        raise QueryError("impact needs a system")
    if direction not in DIRECTIONS:
        raise QueryError(f"direction must be one of {', '.join(DIRECTIONS)}, not '{direction}'")
    if depth is not None and int(depth) < 1:
        raise QueryError("depth must be 1 or more")
    depth = int(depth) if depth else None
    key = resolve_system(landscape, system)
    xname = landscape.name(key)
    pg = ga.partner_graph(landscape)
    if direction == "upstream":
        walk = pg.reverse(copy=False)
    elif direction == "both":
        walk = pg.to_undirected(as_view=True)
    else:
        walk = pg
    paths = nx.single_source_shortest_path(walk, key, cutoff=depth)
    judged = outage(landscape, key, config=config, depth=depth) \
        if direction == "downstream" else {}
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

    def chain_text(p: list[str]) -> str:
        # a chain of dependencies: [via P] where the dependant gets the data through a
        # platform; [carries A → B] where the platform itself is the step
        out = landscape.name(p[0])
        for a, b in zip(p, p[1:], strict=False):
            out += arrow + landscape.name(b)
            hit = judged.get(b)
            step = hit["step"] if hit and hit["path"][-2] == a else None
            if step is None:
                continue
            if step["carried"] and not step["direct"]:
                out += " [carries " + ", ".join(
                    f"{landscape.name(u)} → {landscape.name(v)}" for u, v in step["carried"]) \
                    + "]"
            elif step["via"]:
                out += f" [via {', '.join(landscape.name(v) for v in step['via'])}]"
        return out

    def breaks(p: list[str]) -> str:
        # where the chain of stopping dependencies ends on the path to a reachable system
        for a, b in zip(p, p[1:], strict=False):
            hit = judged.get(b)
            if hit and hit["effect"] == "stops":
                continue
            if hit and hit["effect"] == "degraded":
                return (f"the outage ends at {landscape.name(b)}, which is only degraded "
                        f"({hit['why'].split(': ', 1)[1]})")
            if pg.has_edge(a, b) and not pg[a][b]["direct"] or _carrier(pg, a, b):
                return (f"{landscape.name(b)} only carries data from {landscape.name(a)}: a "
                        f"platform does not stop when a sender does")
            return f"{landscape.name(b)} lies beyond the depth asked for"
        return "no dependency on the way stops it"

    rows = []
    all_orgs, all_mgrs, ts, crits = set(), set(), [], []
    hit_orgs, hit_mgrs = set(), set()
    verb = {"downstream": "receives data from", "upstream": "sends data to",
            "both": "is connected to"}[direction]
    names = lookups(landscape)  # org_name counts the names once per run on the view
    for tgt in set(paths) | set(judged):
        if tgt == key:
            continue
        d = landscape.node(tgt)
        orgs = [org_name(names, o) for o in landscape.owners_of(tgt)]
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
        hit = judged.get(tgt)
        if hit is not None:
            effect, p = hit["effect"], hit["path"]
            text = chain_text(p)
            reason = f"{landscape.name(tgt)} {hit['why']}. Path: {text}."
            dep_c = hit["step"]["criticality"]
            if effect == "stops":
                hit_orgs.update(orgs)
                hit_mgrs.update(mgrs)
        else:
            effect, p, dep_c = "reachable", paths[tgt], None
            text = path_text(p)
            how = 'directly' if len(p) == 2 else f'in {len(p) - 1} steps'
            reason = f"{landscape.name(tgt)} {verb} {xname} {how}: {text}"
            reason += f"; reachable only: {breaks(p)}." if direction == "downstream" else "."
        rows.append({"subject": tgt, "name": landscape.name(tgt), "code": "IMPACT_REACHED",
                     "severity": _severity(level, effect), "reason": reason,
                     "effect": effect, "distance": len(p) - 1, "direction": direction,
                     "path": text, "dependency_criticality": dep_c, "organisations": orgs,
                     "managers": mgrs, "t": t, "criticality": c})
    n = len(rows)
    count = {e: sum(r["effect"] == e for r in rows) for e in EFFECTS}
    within = f" within {depth} step{'s' if depth != 1 else ''}" if depth else ""
    if direction == "downstream":
        where = (f" in {len(hit_orgs)} organisation{'s' if len(hit_orgs) != 1 else ''}"
                 if count["stops"] else "")
        summary = (f"If {xname} stops — stops: {count['stops']} system"
                   f"{'s' if count['stops'] != 1 else ''}{where}; degraded: "
                   f"{count['degraded']}; reachable: {count['reachable']} ({n} downstream"
                   f"{within} in all).")
        orgs_out, mgrs_out = hit_orgs, hit_mgrs
    else:
        dir_txt = "in either direction" if direction == "both" else direction
        summary = (f"{xname} reaches {n} system{'s' if n != 1 else ''} {dir_txt}{within}"
                   f" in {len(all_orgs)} organisation{'s' if len(all_orgs) != 1 else ''}"
                   f", {len(all_mgrs)} manager{'s' if len(all_mgrs) != 1 else ''}"
                   + (f"; highest T {max(ts)}" if ts else "")
                   + (f", highest criticality {max(crits)}" if crits else "") + ".")
        orgs_out, mgrs_out = all_orgs, all_mgrs
    summary_row = {"subject": key, "name": xname, "code": "IMPACT_SUMMARY", "severity": "info",
                   "reason": summary, "direction": direction,
                   "organisations": sorted(orgs_out), "managers": sorted(mgrs_out),
                   "reached": n, "stops": count["stops"], "degraded": count["degraded"],
                   "highest_t": max(ts) if ts else None,
                   "highest_criticality": max(crits) if crits else None,
                   "t": landscape.node(key).get("t"),
                   "criticality": landscape.node(key).get("criticality")}
    cut_rows = []
    u = ga.undirected(landscape.integration_graph(expand_via=True))
    parts = ga.components_without(u, key)
    if len(parts) > 1:
        largest = sorted(landscape.name(x) for x in parts[0])
        rest = ", ".join(largest) if len(largest) <= 10 else \
            f"the other {len(largest)} systems ({', '.join(largest[:5])}, …)"
        for part in parts[1:]:
            names = sorted(landscape.name(x) for x in part)
            cut_rows.append({"subject": key, "name": xname, "code": "IMPACT_DISCONNECTS",
                             "severity": "high",
                             "reason": f"Without {xname}, {', '.join(names)} "
                                       f"{'is' if len(names) == 1 else 'are'} cut off from "
                                       f"{rest}.",
                             "component": names, "component_size": len(names)})
    rank = {e: i for i, e in enumerate(EFFECTS)}

    def order(r):
        direct = 0 if r["distance"] == 1 and r["effect"] != "reachable" else 1
        return (direct, rank[r["effect"]], r["distance"], r["name"], r["subject"])

    hits = sorted((r for r in rows if r["effect"] != "reachable"), key=order)
    rest_rows = sorted((r for r in rows if r["effect"] == "reachable"), key=order)
    df = pd.DataFrame([summary_row, *hits, *cut_rows, *rest_rows], columns=COLUMNS,
                      dtype=object)
    df = ga.tidy(df)
    df.attrs["summary"] = summary
    return df


def _carrier(pg: nx.DiGraph, a: str, b: str) -> bool:
    """Whether ``b`` is a platform carrying ``a``'s data on some integration (a -> b is a
    partner step only because of ``via``)."""
    return any(b in pg[a][x]["via"] for x in pg.successors(a) if pg[a][x]["via"])
