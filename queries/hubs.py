"""Integration hubs and the systems that need joint continuity planning.

Ranks the systems of the integration graph and flags the hubs whose failure reaches across
organisation boundaries, so their continuity must be planned *together* with the managers of
the systems around them (the Gotland audit's rule of thumb).

The metrics are computed by :mod:`ea.derived.hubs` (the map sizes and marks systems with the
same numbers) on ``landscape.integration_graph(expand_via=True)``: an integration
A -> B through a platform P counts as A -> P -> B, so the platform gets the centrality it has
in reality. The continuity groups (see :func:`continuity_groups`) still pair the real producer
and consumer: a system's partners are both its platform and the system at the other end.

Metrics (per system)
--------------------
``in_degree`` / ``out_degree``
    Systems it receives data from / sends data to; ``degree``: distinct neighbours.
``betweenness``
    Normalised betweenness centrality of the undirected projection, exact up to
    ``hubs.exact_max_nodes`` systems (engine: rustworkx, NetworkX is the model), sampled above
    it; ``betweenness_method`` says which.
``articulation_point`` / ``bridges`` / ``core``
    Whether removing the system splits the undirected projection; how many of its links are
    bridges; its k-core number.
``t`` / ``criticality`` / ``max_t_dependants``
    The hub's availability class (Tillgänglighet, 0–4) and criticality (1–4), and the highest
    T among its dependants (systems that receive data from it, ``hubs.dependants:
    downstream``; or every partner, ``both``).
``organisations`` / ``organisation_count``
    The organisations owning the hub and its neighbours.

Score
-----
``hub_score = (betweenness + degree / (n - 1)) × w_availability × w_criticality ×
w_organisations × w_dependency`` where ``w_availability = 1 + T/4`` and ``w_criticality = 1 +
(criticality - 1)/3`` use the highest value over the hub and its neighbours (unknown counts
as 0 / 1), ``w_organisations`` is the number of organisations involved (at least 1), and
``w_dependency = dependency_criticality / 2`` (1 when unknown) weighs the hub by the most
critical dependency on it: a hub a dependant calls *helt verksamhetskritiskt* (4) counts
double, one whose dependants all call it *ej verksamhetskritiskt* (1) counts half (see
:mod:`ea.derived.hubs`). ``rank`` orders by it.

Rule: needs joint continuity planning
-------------------------------------
A system is flagged (code ``JOINT_CONTINUITY_PLANNING``) when

* it is an articulation point, or among the ``hubs.top_betweenness`` systems of highest
  betweenness (with betweenness > 0), **and** it and its neighbours belong to at least
  ``hubs.min_organisations`` organisations; or
* it is a hub (an articulation point, in the top betweenness, or with at least
  ``hubs.min_degree`` neighbours) whose T is below the T of a system depending on it
  (``hubs.availability_rule``).

Severity is ``high`` for an articulation point or an availability gap, ``medium`` when only
the top-betweenness rule fired. Other systems among the ``hubs.top`` of highest score appear
with code ``HUB`` (``info``). Column ``rules`` lists the rules that fired.

Columns: the finding columns plus ``rank``, ``hub_score``, ``rules``, ``organisation``,
``external``, ``in_degree``, ``out_degree``, ``degree``, ``betweenness``,
``betweenness_method``, ``articulation_point``, ``bridges``, ``core``, ``t``, ``criticality``,
``max_t_dependants``, ``organisation_count``, ``organisations``, ``w_availability``,
``w_criticality``, ``w_organisations``, ``dependency_criticality``, ``w_dependency``.

Config (section ``hubs``, defaults in :data:`DEFAULTS`).

Examples
--------
>>> import datetime as dt
>>> from ea.landscape import Landscape
>>> ls = Landscape()
>>> for s in "abc":
...     _ = ls.add_system(s, name=s.upper())
>>> _ = ls.add_integration("System:a", "System:b"); _ = ls.add_integration("System:b", "System:c")
>>> df = run(ls, as_of=dt.date(2026, 11, 25))
>>> df[["name", "code", "articulation_point"]].values.tolist()
[['B', 'HUB', True], ['A', 'HUB', False], ['C', 'HUB', False]]
"""

from __future__ import annotations

import datetime as dt
from itertools import repeat

import pandas as pd

from ea import schema
from ea.derived import hubs as hubs_derived
from ea.derived.lookups import collector_paused, lookups
from ea.derived.organisations import org_name
from ea.queries import FINDING_COLUMNS, register
from ea.queries import _graphalg as ga

DEFAULTS = hubs_derived.DEFAULTS

COLUMNS = [*FINDING_COLUMNS, "rank", "hub_score", "rules", "organisation", "external",
           "in_degree", "out_degree", "degree", "betweenness", "betweenness_method",
           "articulation_point", "bridges", "core", "t", "criticality", "max_t_dependants",
           "organisation_count", "organisations", "w_availability", "w_criticality",
           "w_organisations", "dependency_criticality", "w_dependency"]

ORGANISATION_COLUMNS = ["organisation", "organisation_rank", "subject", "name",
                        "organisation_betweenness", "betweenness", "degree", "hub_score",
                        "flagged", "rules"]

BETWEEN_COLUMNS = hubs_derived.BETWEEN_COLUMNS

GROUP_COLUMNS = ["hub", "hub_name", "system", "system_name", "distance", "organisation",
                 "role", "person", "person_name", "email", "note"]


def _settings(config) -> dict:
    return hubs_derived.settings(config)


_org_names = hubs_derived._org_names


#: The metrics of every system: computed in :mod:`ea.derived.hubs` (the map and the
#: replacement list read the same numbers).
metrics = hubs_derived.metrics


#: How many organisations a reason names; the ``organisations`` column holds them all.
REASON_NAMES = 4


def _some(names: list[str]) -> str:
    """The first :data:`REASON_NAMES` names, and how many more (a national service's
    neighbours belong to hundreds of organisations).

    >>> _some(["A", "B"]), _some(list("ABCDEF"))
    ('A, B', 'A, B, C, D, and 2 more')
    """
    if len(names) <= REASON_NAMES:
        return ", ".join(names)
    return ", ".join(names[:REASON_NAMES]) + f", and {len(names) - REASON_NAMES} more"


def _reason(r) -> str:
    parts = []
    if "articulation_point" in r["rules"]:
        parts.append("removing it splits the integration graph")
    if "top_betweenness" in r["rules"]:
        parts.append(f"it is among the most central systems (betweenness {r['betweenness']:.3f})")
    if parts:
        parts[-1] += f", and it and its neighbours belong to {r['organisation_count']} " \
                     f"organisations ({_some(r['organisations'])})"
    if "availability_below_dependant" in r["rules"]:
        parts.append(f"its availability class T{r['t']} is below T{r['max_t_dependants']} of a "
                     "system depending on it")
    if parts:
        return "Needs joint continuity planning: " + "; ".join(parts) + "."
    return (f"Hub rank {r['rank']}: {r['degree']} neighbours, betweenness "
            f"{r['betweenness']:.3f}, {r['organisation_count']} organisation(s) involved.")


@register("hubs", "Integration hubs and the systems that need joint continuity planning")
def run(landscape, *, as_of: dt.date | None = None, config=None, top: int | None = None,
        **_params) -> pd.DataFrame:
    """Rank hubs and flag those that need joint continuity planning (see module docstring).

    Parameters
    ----------
    landscape : ea.landscape.Landscape
    as_of : datetime.date
        Not used by the rules (kept for the common query signature).
    config : ea.config.Config, optional
        Section ``hubs``.
    top : int, optional
        Overrides ``hubs.top``: how many unflagged systems of highest score to list.
    """
    cfg = _settings(config)
    m = metrics(landscape, config)
    if m.empty:
        return pd.DataFrame(columns=COLUMNS)
    top = int(cfg["top"] if top is None else top)
    keep = m[m["flagged"] | ((m["rank"] <= top) & (m["degree"] > 0))].copy()
    keep["code"] = ["JOINT_CONTINUITY_PLANNING" if f else "HUB" for f in keep["flagged"]]
    records = keep.to_dict("records")  # one dict per row (iterrows made a Series each)
    keep["severity"] = [
        "info" if not r["flagged"] else
        ("high" if ("articulation_point" in r["rules"] or r["availability_gap"]) else "medium")
        for r in records]
    keep["reason"] = [_reason(r) for r in records]
    keep = keep.reset_index(drop=True)[COLUMNS]
    # most important first, as the view says: by hub score (rank), not most severe first as
    # other findings are (3,309 'high' rows of the 10,000-system country came before the
    # national services ranked 2 to 5); the severity column and the counts per class say
    # which need joint planning
    return ga.tidy(keep.sort_values(["rank", "name", "code"], kind="stable")
                   .reset_index(drop=True))


def within_organisations(landscape, *, config=None, top: int | None = None,
                         **_params) -> pd.DataFrame:
    """Hubs within each organisation (``ea hubs --scope organisation``): per organisation,
    its ``top`` systems (default ``hubs.top``; 0: all) of highest exact betweenness inside
    its own graph (``organisation_betweenness`` > 0), by organisation name then
    ``organisation_rank``. Columns: :data:`ORGANISATION_COLUMNS`."""
    cfg = _settings(config)
    m = metrics(landscape, config)
    if m.empty:
        return pd.DataFrame(columns=ORGANISATION_COLUMNS)
    top = int(cfg["top"] if top is None else top)
    m = m[m["organisation_key"].notna()]
    m = m[m["organisation_betweenness"].fillna(0).astype(float) > 0]
    if top:
        m = m[m["organisation_rank"].astype(int) <= top]
    names = lookups(landscape)  # org_name counts the names once per run on the view
    out = m.assign(organisation=[org_name(names, o) for o in m["organisation_key"]])
    out = out.sort_values(["organisation", "organisation_key", "organisation_rank"],
                          kind="stable")
    return ga.tidy(out.reset_index(drop=True)[ORGANISATION_COLUMNS])


def between_organisations(landscape, *, config=None, **_params) -> pd.DataFrame:
    """Hubs between organisations (``ea hubs --scope between``): organisations and national
    services ranked on the condensed graph (see
    :func:`ea.derived.hubs.between_organisations`)."""
    return ga.tidy(hubs_derived.between_organisations(landscape, config))


@collector_paused()
def continuity_groups(landscape, *, as_of: dt.date | None = None, config=None,
                      hubs: pd.DataFrame | None = None, **_params) -> pd.DataFrame:
    """The people to put in one room for each flagged hub.

    For every ``JOINT_CONTINUITY_PLANNING`` hub: its owner and managers (roles in
    ``hubs.group_roles``, inherited from its förvaltningsobjekt) and the managers
    (business_manager, it_manager) of every system within ``hubs.group_hops`` hops — partners
    through a platform and the platform itself both count — with the system's organisations.
    A role nobody holds is a row with ``note`` ``vacant`` (recorded as vacant) or
    ``missing`` (not recorded at all), so the gap is visible.

    Columns: ``hub``, ``hub_name``, ``system``, ``system_name``, ``distance`` (0 = the hub),
    ``organisation``, ``role``, ``person``, ``person_name``, ``email``, ``note``.
    """
    return _groups(landscape, as_of, config, hubs, None)[0]


@collector_paused()
def continuity_preview(landscape, *, rows: int, as_of: dt.date | None = None, config=None,
                       hubs: pd.DataFrame | None = None, **_params) -> tuple[pd.DataFrame, int]:
    """The first ``rows`` rows of :func:`continuity_groups` (the same frame's head) and how
    many rows it has, for the terminal, which shows a few and the count: the rows past the
    preview are counted from each hub's members (one row per group role and person holding
    it, one for a role nobody holds), not made (115,581 rows at 10,000 systems, 1.1 million
    for a country).

    >>> from ea.landscape import Landscape
    >>> ls = Landscape()
    >>> for s in "abc":
    ...     _ = ls.add_system(s, name=s.upper())
    >>> _ = ls.add_integration("System:a", "System:b"); _ = ls.add_integration("System:b", "System:c")
    >>> hubs = run(ls, as_of=dt.date(2026, 11, 25)).assign(code="JOINT_CONTINUITY_PLANNING")
    >>> head, n = continuity_preview(ls, rows=4, hubs=hubs)
    >>> n, len(continuity_groups(ls, hubs=hubs)), len(head)
    (20, 20, 4)
    """
    return _groups(landscape, as_of, config, hubs, int(rows))


def _groups(landscape, as_of, config, hubs, limit: int | None) -> tuple[pd.DataFrame, int]:
    """Every continuity group row (``limit`` None), or the first ``limit`` rows; and how many
    rows there are in all."""
    cfg = _settings(config)
    if hubs is None:
        hubs = run(landscape, as_of=as_of, config=config, top=0)
    flagged = hubs[hubs["code"] == "JOINT_CONTINUITY_PLANNING"] if len(hubs) else hubs
    if flagged is None or flagged.empty:
        return pd.DataFrame(columns=GROUP_COLUMNS), 0
    pg = ga.undirected(ga.partner_graph(landscape))
    hops = int(cfg["group_hops"])
    hub_roles = list(cfg["group_roles"])
    landscape = lookups(landscape)  # roles and objects found once per system
    # one system's rows (without the hub and distance) are the same in every group it joins:
    # made once per system and role set, as tuples, and the frame made column-wise once
    # (the rows around a platform with thousands of partners run into tens of thousands)
    made: dict[tuple[str, bool], list[tuple]] = {}
    counted: dict[tuple[str, bool], int] = {}
    names: dict[str, str] = {}

    def name(key):
        if key not in names:
            names[key] = landscape.name(key)
        return names[key]

    def people(held, role) -> list[str]:
        """Who holds ``role``: a row each, or one row saying it is vacant or missing."""
        return sorted({r["person"] for r in held if r["role"] == role})

    def member_rows(sysk, is_hub):
        if (sysk, is_hub) in made:
            return made[(sysk, is_hub)]
        d = landscape.node(sysk)
        vacant = {v["role"] for v in d.get("vacant_roles", []) or []}
        for obj in landscape.objects_of(sysk):
            vacant |= {v["role"] for v in landscape.node(obj).get("vacant_roles", []) or []}
        held = landscape.roles_of(sysk)
        org = "; ".join(_org_names(landscape, sysk)) or None
        out = []
        for role in (hub_roles if is_hub else schema.MANAGER_ROLES):
            holders = people(held, role)
            if not holders:
                out.append((sysk, name(sysk), org, role, None, None, None,
                            "vacant" if role in vacant else "missing"))
            for p in holders:
                pd_ = landscape.node(p)
                out.append((sysk, name(sysk), org, role, p, pd_.get("name"), pd_.get("email"),
                            None))
        made[(sysk, is_hub)] = out
        return out

    def member_count(sysk, is_hub) -> int:
        """len(member_rows(sysk, is_hub)), without making them."""
        if (sysk, is_hub) in made:
            return len(made[(sysk, is_hub)])
        if (sysk, is_hub) not in counted:
            held = landscape.roles_of(sysk)
            counted[(sysk, is_hub)] = sum(
                max(1, len(people(held, role)))
                for role in (hub_roles if is_hub else schema.MANAGER_ROLES))
        return counted[(sysk, is_hub)]

    # the member rows are shared, not copied into a new tuple per group: the hub, its name
    # and the distance are columns of their own, repeated per member (115,000 rows at
    # 10,000 systems, 1.1 million for a country)
    shared: list[tuple] = []
    hub_col: list = []
    hub_name_col: list = []
    dist_col: list = []
    more = 0  # rows past the preview, counted
    for hub, hub_name in zip(flagged["subject"], flagged["name"], strict=True):
        members = {hub: 0, **ga.within_hops(pg, hub, hops)}
        if limit is not None and len(shared) >= limit:
            more += sum(member_count(sysk, dist == 0) for sysk, dist in members.items())
            continue
        for sysk, dist in sorted(members.items(), key=lambda x: (x[1], name(x[0]))):
            m = member_rows(sysk, dist == 0)
            shared += m
            hub_col += repeat(hub, len(m))
            hub_name_col += repeat(hub_name, len(m))
            dist_col += repeat(dist, len(m))
    total = len(shared) + more
    if limit is not None:
        del shared[limit:], hub_col[limit:], hub_name_col[limit:], dist_col[limit:]
    member = list(zip(*shared, strict=True)) if shared else [()] * 8
    s, sn, org, role, p, pn, em, note = member
    columns = [hub_col, hub_name_col, s, sn, dist_col, org, role, p, pn, em, note]
    return pd.DataFrame({c: pd.Series(v, dtype=object) for c, v in
                         zip(GROUP_COLUMNS, columns, strict=True)},
                        columns=GROUP_COLUMNS), total
