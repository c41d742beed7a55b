"""Coordination lists: where two systems integrate, their object managers must meet.

For every integration the managers (by default the pm3 roles ``business_manager`` and
``it_manager``) are resolved at both ends: the system's own holders, else those inherited from
its förvaltningsobjekt. Each manager gets one row per integration of a system they manage,
naming the partner system, its managers, the direction and type, the worst availability class
(max effective T of the pair) and criticality of the pair, and flags when the other end is
unowned, external or ending its life.

An integration through a platform (``via``, e.g. an integration platform or API manager)
still pairs the real producer and consumer. The platform's managers are a third party of that
integration: they get a row towards each end (``party`` = ``platform``, direction
``carries from``/``carries to``), the ends' rows name the platform and its managers
(``platform``, ``platform_managers``), and the meeting matrix pairs them with the managers of
both ends (``relation`` = ``platform``).

Finding codes
-------------
``partner_unowned``
    The other end has no manager (nobody holds a manager role, not even through its object),
    or is a placeholder (referenced, never defined). Severity from the pair: worst of
    criticality and availability (4 critical, 3 high), at least ``medium``.
``partner_ending_life``
    The other end is ending its life: ``end_of_support``, ``end_of_life`` or
    ``phase_out_from`` within ``horizon_months`` of the as-of date (or already past), or
    status ``phasing_out``/``retired``. Severity as for ``partner_unowned``.
``partner_external``
    The other end is external (a national service, not owned locally): coordinate with its
    provider rather than a local manager. ``low``.
``coordinate``
    Nothing wrong: these two must meet. ``info``.

When several flags apply the code is the first in this list; ``flags`` holds them all.

A person is never listed as someone they must meet. When one person manages both ends of an
integration they get one row for it (``party`` = ``both ends``, the producer's side), meeting
the other managers of either end, and it says so ("you manage both ends").

Columns
-------
subject, name, code, severity, reason
    Subject is the manager (a Person key) and name the manager's name.
email, role, inherited_from
    The manager's e-mail, pm3 role on the system, and the object the role comes from (empty
    when held on the system itself).
system, system_name
    The system the manager answers for.
party
    ``producer`` (data flows out of the system), ``consumer``, ``platform`` or ``both
    ends``.
partner, partner_name, partner_managers
    The system at the other end and its managers ("Name (role)"), the row's own manager
    left out.
meet
    The row's action: "meet Name (role), …", "you manage both ends" (or "you manage the
    platform and this end"), or, when there is nobody, "no one to meet: the partner has no
    manager" (or: is only referenced; is external, coordinate with its provider).
both_ends
    Whether the row's manager also manages the partner.
direction
    ``outgoing``, ``incoming``, ``both`` (bidirectional), ``carries from``/``carries to``
    (platform rows).
type, types, frequency, information
    Of the integration (``types``: every type, a dependency cell may list two).
platform, platform_managers
    The platform the integration passes through, and its managers.
availability, criticality
    Worst (highest) effective T of the two systems, and highest criticality of the two
    systems and the integration.
dependency_criticality
    The integration's own criticality (1–4, from an annotated dependency cell such as
    ``Name: Helt verksamhetskritiskt (API)`` or an integration list), None when unknown.
flags
    ``unowned``, ``placeholder``, ``external``, ``ending: <why>``.

:func:`meetings` gives, for a person, object or system, whom to meet (each other manager
once, with the integrations that bind them and their worst criticality and T), the partners
with no one to meet and the integrations held at both ends; :func:`meeting_matrix` gives the
pairs of managers who must meet.

Config (section ``coordinate``)
-------------------------------
``roles`` (default ``[business_manager, it_manager]``), ``horizon_months`` (default ``12``).

Examples
--------
>>> import datetime as dt
>>> from ea.landscape import Landscape
>>> from ea.queries import coordinate
>>> ls = Landscape()
>>> a, b = ls.add_system("a", name="A"), ls.add_system("b", name="B")
>>> p, q = ls.add_person("p", name="Pia Test"), ls.add_person("q", name="Quinn Test")
>>> _ = ls.add_role(p, a, "it_manager"); _ = ls.add_role(q, b, "it_manager")
>>> _ = ls.add_integration(a, b, type="api")
>>> df = coordinate.run(ls, as_of=dt.date(2026, 11, 25))
>>> df[["name", "system_name", "partner_name", "direction", "code"]].values.tolist()
[['Pia Test', 'A', 'B', 'outgoing', 'coordinate'], ['Quinn Test', 'B', 'A', 'incoming', 'coordinate']]
>>> coordinate.meeting_matrix(ls, as_of=dt.date(2026, 11, 25))[
...     ["manager_a_name", "manager_b_name", "integrations"]].values.tolist()
[['Pia Test', 'Quinn Test', 1]]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

import pandas as pd

from ea import schema
from ea.config import Config
from ea.landscape import Landscape, edge_types
from ea.schema import INTEGRATES_WITH, OBJECT, PERSON, SYSTEM

from . import FINDING_COLUMNS, SEVERITY_RANK, register
from . import _governance_common as gc

DEFAULTS = {"roles": list(schema.MANAGER_ROLES), "horizon_months": 12}

COLUMNS = ["email", "role", "inherited_from", "system", "system_name", "party", "partner",
           "partner_name", "meet", "partner_managers", "both_ends", "direction", "type",
           "types", "frequency", "information", "platform", "platform_managers",
           "availability", "criticality", "dependency_criticality", "flags"]

MATRIX_COLUMNS = ["manager_a", "manager_a_name", "manager_b", "manager_b_name", "relation",
                  "integrations", "binding", "systems_a", "systems_b", "availability",
                  "criticality", "dependency_criticality"]


def _managers(ls: Landscape, system: str, roles) -> list[dict]:
    return [r for r in ls.roles_of(system) if r["role"] in roles]


def _label_managers(ls: Landscape, managers: list[dict]) -> list[str]:
    return [f"{ls.name(r['person'])} ({r['role']})" for r in managers]


def _flags(ls: Landscape, system: str, managers: list[dict], as_of, horizon) -> list[str]:
    d = ls.node(system)
    flags = []
    if d.get("placeholder"):
        flags.append("placeholder")
    elif d.get("external"):
        flags.append("external")
    elif not managers:
        flags.append("unowned")
    why = gc.ending_life(d, as_of, horizon)
    if why:
        flags.append(f"ending: {why}")
    return flags


def _code(flags: list[str]) -> str:
    if "unowned" in flags or "placeholder" in flags:
        return "partner_unowned"
    if any(f.startswith("ending") for f in flags):
        return "partner_ending_life"
    if "external" in flags:
        return "partner_external"
    return "coordinate"


def _pair_criticality(ls: Landscape, u: str, v: str, dep: int | None) -> int | None:
    """The highest criticality of the two systems and of the integration itself (``dep``)."""
    return gc.max_known([ls.node(u).get("criticality"), ls.node(v).get("criticality"), dep])


def _integration_record(ls: Landscape, u: str, v: str, d: dict) -> dict:
    via = d.get("via") if d.get("via") in ls else None
    t = gc.max_known([gc.effective_levels(ls, u)["t"], gc.effective_levels(ls, v)["t"]])
    dep = gc.level(d.get("criticality"))
    crit = _pair_criticality(ls, u, v, dep)
    types = edge_types(d)
    label = f"{ls.name(u)} {'↔' if d.get('bidirectional') else '→'} {ls.name(v)}"
    details = [", ".join(types)] if types else []
    if dep is not None:
        details.append(schema.CRITICALITY_NAMES.get(dep, str(dep)))
    if details:
        label += f" ({'; '.join(details)})"
    if via:
        label += f" via {ls.name(via)}"
    return {"source": u, "target": v, "via": via, "label": label, "availability": t,
            "criticality": crit, "dependency_criticality": dep, "types": types}


def _integrations(ls: Landscape) -> list[dict]:
    """Per integration (not a loop): ends, platform, label, worst availability and
    criticality (for the meeting matrix)."""
    return [_integration_record(ls, u, v, d) for u, v, _k, d in ls.edges(INTEGRATES_WITH)
            if u != v]


def _manager_maps(managers: list[dict]) -> list[dict]:
    return [{"person": r["person"], "role": r["role"], "inherited_from": r["inherited_from"]}
            for r in managers]


def fact_params(cfg: dict, as_of: dt.date) -> dict:
    """The parameters of the facts."""
    return {"roles": list(cfg["roles"]), "as_of": as_of.isoformat(),
            "horizon_months": int(cfg["horizon_months"])}


FACT_COLUMNS = ("source", "target", "ekey", "via", "end", "system", "partner", "party",
                "direction", "person", "role", "inherited_from", "partner_managers",
                "platform_managers", "flags", "code")


def facts(ls: Landscape, params: dict) -> list[dict]:
    """One row per manager and end of an integration (columns :data:`FACT_COLUMNS`): who
    manages the end, the partner's and platform's managers (``{person, role,
    inherited_from}``), the partner's flags and the finding code; :func:`_links` words them
    (the row's own manager left out, one row for a person at both ends). In the order of
    the integrations (source, target, key), then the ends, then the managers."""
    return [f for group in _fact_groups(ls, params) for f in group]


def _fact_groups(ls: Landscape, params: dict, *,
                 flagged_only: bool = False) -> Iterator[list[dict]]:
    """The rows of :func:`facts`, one list per integration, never all at once;
    ``flagged_only``: only those :func:`_flagged_fact` keeps (made only for them)."""
    ls = gc.lookups(ls)
    roles = set(params["roles"])
    as_of = dt.date.fromisoformat(params["as_of"])
    horizon = int(params["horizon_months"])
    cache: dict[str, list[dict]] = {}
    judged: dict[str, tuple[list[str], str]] = {}

    def managers(s):
        if s not in cache:
            cache[s] = sorted(_manager_maps(_managers(ls, s, roles)), key=_manager_order)
        return cache[s]

    def flags_of(s):
        # the partner's flags and code depend on the partner alone: judged once per system
        if s not in judged:
            flags = _flags(ls, s, managers(s), as_of, horizon)
            judged[s] = (flags, _code(flags))
        return judged[s]

    # keys of one pair of systems are all ints (NetworkX) or all strings
    edges = sorted(((u, v, k, d) for u, v, k, d in ls.edges(INTEGRATES_WITH) if u != v),
                   key=lambda e: (e[0], e[1], e[2]))
    for u, v, k, d in edges:
        via = d.get("via") if d.get("via") in ls else None
        both = d.get("bidirectional")
        ends = [(u, v, "producer", "both" if both else "outgoing"),
                (v, u, "consumer", "both" if both else "incoming")]
        if via:
            ends += [(via, u, "platform", "carries from"), (via, v, "platform", "carries to")]
        group: list[dict] = []
        platform_managers = managers(via) if via else []
        for i, (system, partner, party, direction) in enumerate(ends):
            if system == partner:
                continue
            pm = managers(partner)
            flags, code = flags_of(partner)
            ms = managers(system)
            if flagged_only and code == "coordinate":
                # as _flagged_fact: only a manager who also manages the partner
                ms = [m for m in ms if any(p["person"] == m["person"] for p in pm)]
            for m in ms:
                group.append({"source": u, "target": v, "ekey": k, "via": via, "end": i,
                              "system": system, "partner": partner, "party": party,
                              "direction": direction, "person": m["person"], "role": m["role"],
                              "inherited_from": m["inherited_from"], "partner_managers": pm,
                              "platform_managers": platform_managers,
                              "flags": flags, "code": code})
        if group:
            yield group


def _manager_order(m: dict) -> tuple:
    # as Landscape.roles_of lists them: own holders, then inherited, each by role and person
    return (m.get("inherited_from") is not None, m["role"], m["person"],
            m.get("inherited_from") or "")


def _fact_order(f: dict) -> tuple:
    return (f["source"], f["target"], f["ekey"], f["end"], _manager_order(f))


def _links(ls: Landscape, rows: list[dict]) -> list[dict]:
    """Fact rows (from :func:`facts`) as per-manager finding rows: the
    severity from what is at stake, the reason in plain words, the integration's details."""
    word = _worder(ls)
    rows = sorted(rows, key=_fact_order)
    out: list[dict] = []
    start = 0
    for i in range(1, len(rows) + 1):
        if i == len(rows) or rows[i]["source"] != rows[start]["source"] or \
                rows[i]["target"] != rows[start]["target"] or \
                rows[i]["ekey"] != rows[start]["ekey"]:
            out += word(rows[start:i])
            start = i
    return out


def _worder(ls: Landscape):
    """A function that words the fact rows of one integration (in :func:`_fact_order`) as
    per-manager finding rows, one row for a person at both ends; the words of the same
    managers, severities and partners are found once for every integration."""
    ls = gc.lookups(ls)
    what_of = {"outgoing": "sends to", "incoming": "receives from",
               "both": "exchanges with", "carries from": "carries data from",
               "carries to": "carries data to"}

    labels: dict[tuple, list[str]] = {}
    severities: dict[tuple, str] = {}
    # facts() hands the very same list object to every row of a partner (kept alive by its
    # cache for the whole run): the managers other than a person are found once per list
    apart: dict[tuple[int, str], tuple[list, list, bool]] = {}

    def label(ms):
        # the same few manager lists recur on every integration of a system: word them once
        key = tuple((r["person"], r["role"], r.get("inherited_from")) for r in ms)
        if key not in labels:
            labels[key] = [f"{ls.name(r['person'])} ({r['role']})"
                           for r in sorted(ms, key=_manager_order)]
        return labels[key]

    def others_of(ms, person):
        hit = apart.get((id(ms), person))
        if hit is None or hit[0] is not ms:
            others = [m for m in ms if m["person"] != person]
            hit = apart[(id(ms), person)] = (ms, label(others), len(others) < len(ms),
                                             others)
        return hit

    def severity(code, crit, t):
        if (code, crit, t) not in severities:
            if code in ("partner_unowned", "partner_ending_life"):
                sev = gc.at_least(gc.ranked_severity(crit, t, 0), "medium")
            elif code == "partner_external":
                sev = "low"
            else:
                sev = "info"
            severities[(code, crit, t)] = sev
        return severities[(code, crit, t)]

    def word(group: list[dict]) -> list[dict]:
        out: list[dict] = []
        u, v, k = group[0]["source"], group[0]["target"], group[0]["ekey"]
        d = ls.graph.edges[u, v, k]
        rec = _integration_record(ls, u, v, d)
        t, crit = rec["availability"], rec["criticality"]
        information = list(d.get("information") or [])
        for f in group:
            via = f.get("via")
            system, partner, party = f["system"], f["partner"], f["party"]
            direction = f["direction"]
            # lists shared by the rows of a partner or an integration (never changed in
            # place: the fold of both ends makes new ones), not copied per row
            flags, code = f["flags"], f["code"]
            sev = severity(code, crit, t)
            person = f["person"]
            # never ask a person to meet themselves: they may manage both ends (or the
            # platform)
            _, pm, both, others = others_of(f["partner_managers"], person)
            if via:
                _, platform_pm, _, platform_others = others_of(f["platform_managers"], person)
            else:
                platform_pm, platform_others = [], []
            meet = _meet_text(pm, both, flags, platform=party == "platform")
            reason = f"{ls.name(system)} {what_of[direction]} {ls.name(partner)}"
            if via and party != "platform":
                reason += f" via {ls.name(via)}"
            if rec["dependency_criticality"] is not None:
                reason += f" ({_dependency_words(rec['dependency_criticality'])})"
            head = reason
            reason += f": {meet}"
            if flags:
                reason += f" [{'; '.join(flags)}]"
            inh = f.get("inherited_from")
            meet_with = [(m["person"], m["role"], partner, "integration" if party != "platform"
                          else "platform") for m in others]
            if via and party != "platform":
                meet_with += [(m["person"], m["role"], via, "platform") for m in platform_others]
            out.append({
                "subject": person, "name": ls.name(person), "code": code, "severity": sev,
                "reason": reason, "email": ls.node(person).get("email"), "role": f["role"],
                "inherited_from": ls.name(inh) if inh else None,
                "system": system, "system_name": ls.name(system), "party": party,
                "partner": partner, "partner_name": ls.name(partner), "partner_managers": pm,
                "meet": meet, "both_ends": both,
                "direction": direction, "type": d.get("type"), "types": rec["types"],
                "frequency": d.get("frequency"),
                "information": information,
                "platform": ls.name(via) if via else None,
                "platform_managers": platform_pm,
                "availability": t, "criticality": crit,
                "dependency_criticality": rec["dependency_criticality"], "flags": flags,
                "_related": [person, system], "_label": rec["label"], "_meet": meet_with,
                "_edge": (u, v, k), "_head": head,
            })
        return _fold_both_ends(out)

    return word


CODE_ORDER = ("partner_unowned", "partner_ending_life", "partner_external", "coordinate")


def _fold_both_ends(rows: list[dict]) -> list[dict]:
    """One row, not two, for a person who manages both ends of an integration: the
    producer's row, meeting the other managers of either end, with the flags of both."""
    ends: dict[tuple, dict] = {}
    for r in rows:
        if r["both_ends"] and r["party"] in ("producer", "consumer"):
            ends.setdefault((r["_edge"], r["subject"]), {})[r["party"]] = r
    drop = set()
    for pair in ends.values():
        if len(pair) != 2:
            continue
        keep, other = pair["producer"], pair["consumer"]
        drop.add(id(other))
        keep["partner_managers"] = list(dict.fromkeys(
            [*keep["partner_managers"], *other["partner_managers"]]))
        keep["_meet"] = list(dict.fromkeys([*keep["_meet"], *other["_meet"]]))
        keep["flags"] = list(dict.fromkeys([*keep["flags"], *other["flags"]]))
        if CODE_ORDER.index(other["code"]) < CODE_ORDER.index(keep["code"]):
            keep["code"] = other["code"]
        if SEVERITY_RANK[other["severity"]] < SEVERITY_RANK[keep["severity"]]:
            keep["severity"] = other["severity"]
        keep["party"] = "both ends"
        keep["meet"] = _meet_text(keep["partner_managers"], True, keep["flags"])
        keep["reason"] = f"{keep['_head']}: {keep['meet']}" + (
            f" [{'; '.join(keep['flags'])}]" if keep["flags"] else "")
    return [r for r in rows if id(r) not in drop]


def _roles_text(roles: set[str], most: int = 3) -> str:
    """``{"it_manager of A", "it_manager of B"}`` -> ``"it_manager of A, B"``; past ``most``
    systems per role, ``"… and N more"``."""
    by_role: dict[str, list[str]] = {}
    for r in sorted(roles):
        role, _, system = r.partition(" of ")
        by_role.setdefault(role, []).append(system)
    parts = []
    for role, systems in by_role.items():
        shown = ", ".join(systems[:most])
        if len(systems) > most:
            shown += f" and {len(systems) - most} more"
        parts.append(f"{role} of {shown}")
    return "; ".join(parts)


def _dependency_words(c: int) -> str:
    return f"dependency {schema.CRITICALITY_NAMES.get(c, str(c))}"


def _no_one(flags: list[str]) -> str:
    if "placeholder" in flags:
        return NO_ONE_PLACEHOLDER
    if "external" in flags:
        return NO_ONE_EXTERNAL
    return NO_ONE


NO_ONE = "no one to meet: the partner has no manager"
NO_ONE_PLACEHOLDER = "no one to meet: the partner is not in the inventory (only referenced)"
NO_ONE_EXTERNAL = "no one to meet: the partner is external, coordinate with its provider"
BOTH_ENDS = "you manage both ends"
PLATFORM_AND_END = "you manage the platform and this end"


def _nobody_why(flags) -> str:
    if "placeholder" in flags:
        return "it is only referenced, not in the inventory; record it and its managers"
    if "external" in flags:
        return "it is external; coordinate with its provider"
    return "it has no manager; find who answers for it"


def _meet_text(pm: list[str], both: bool, flags: list[str], *, platform: bool = False) -> str:
    """The action of one row: whom to meet, that the person holds both ends (or the platform
    and this end), or that there is no one to meet (and why)."""
    parts = [f"meet {', '.join(pm)}"] if pm else []
    if both:
        parts.append(PLATFORM_AND_END if platform else BOTH_ENDS)
    return "; ".join(parts) or _no_one(flags)


def _target_filter(ls: Landscape, target: str | None):
    """A predicate on (person, system) for the positional PERSON|OBJECT|SYSTEM argument."""
    if not target:
        return None
    keys = gc.resolve_ref(ls, target, (PERSON, OBJECT, SYSTEM), "person, object or system")
    people = {k for k in keys if ls.node(k)["kind"] == PERSON}
    systems = {k for k in keys if ls.node(k)["kind"] == SYSTEM}
    for k in keys:
        if ls.node(k)["kind"] == OBJECT:
            systems.update(ls.systems_of(k))
    return lambda person, system: person in people or system in systems


def settings(config: Config | None) -> dict:
    return gc.config_or_default(config).section("coordinate", DEFAULTS)


@register("coordinate", "Whom each object manager must coordinate with, per integration")
@gc.collector_paused()
def run(landscape: Landscape, *, as_of: dt.date, config: Config | None = None,
        target: str | None = None, organisation: str | None = None,
        object: str | None = None, person: str | None = None) -> pd.DataFrame:  # noqa: A002
    """Per manager and integration: whom to coordinate with, and what is at stake.

    Parameters
    ----------
    landscape : Landscape
    as_of : datetime.date
        Judges "ending its life" (within ``horizon_months``).
    config : ea.config.Config, optional
        Section ``coordinate``.
    target : str, optional
        A person (name or e-mail), object or system: only that person's rows, or the rows of
        the managers of that object's systems or of that system. Unknown references raise
        :class:`ea.errors.QueryError` naming close matches.
    organisation, object, person : str, optional
        Filters on the manager's system (organisation, object) and on the manager.

    Returns
    -------
    pandas.DataFrame
        Columns in the module docstring; most severe first, then most critical pairs.
    """
    rows = _rows(gc.lookups(landscape), as_of, config, target, organisation, object, person)
    return gc.frame(rows, COLUMNS, **ORDER)


def _rows(ls, as_of, config, target, organisation, object, person) -> list[dict]:  # noqa: A002
    """The per-integration rows of :func:`run`, filtered, before they become a frame."""
    return list(_stream(ls, as_of, config, target, organisation, object, person))


def _stream(ls, as_of, config, target, organisation, object, person,  # noqa: A002
            keep=None) -> Iterator[dict]:
    """The rows of :func:`_rows` one integration at a time (in the order of the
    integrations), never all at once; ``keep`` a predicate on the facts to word (the others
    are left out before they are worded)."""
    pick = _target_filter(ls, target)
    scope = gc.Scope(ls, organisation=organisation, object=object, person=None)
    people = set(gc.resolve_ref(ls, person, (PERSON,), "person")) if person else None
    params = fact_params(settings(config), as_of)
    word = _worder(ls)
    for group in _fact_groups(ls, params, flagged_only=keep is _flagged_fact):
        if people is not None:
            group = [f for f in group if f["person"] in people]
        if keep is not None and keep is not _flagged_fact:
            group = [f for f in group if keep(f)]
        if not group:
            continue
        for r in word(group):
            # a row for both ends answers for the partner too
            related = [r["system"], r["partner"]] if r["party"] == "both ends" \
                else [r["system"]]
            r.pop("_related", None)
            if pick is not None and not any(pick(r["subject"], s) for s in related):
                continue
            if scope.active and not scope.keep(related):
                continue
            yield r


def _flagged_fact(f: dict) -> bool:
    # a fact that can give a row with a finding: its partner is flagged, or its manager holds
    # both ends (folded with the other end's row, whose partner may be)
    return f["code"] != "coordinate" or any(m["person"] == f["person"]
                                            for m in f["partner_managers"])


#: How :func:`run` orders its rows (:func:`ea.queries._governance_common.frame`).
ORDER = {"desc": ("criticality", "availability"),
         "asc": ("system_name", "partner_name", "party", "role")}


@gc.collector_paused()
def flagged(landscape: Landscape, *, as_of: dt.date, config: Config | None = None,
            target: str | None = None, organisation: str | None = None,
            object: str | None = None, person: str | None = None) -> pd.DataFrame:  # noqa: A002
    """The rows of :func:`run` with a finding (code other than ``coordinate``), in its
    order: what ``ea check`` takes. Only the integrations that can give one are worded."""
    rows = [r for r in _stream(gc.lookups(landscape), as_of, config, target, organisation,
                               object, person, keep=_flagged_fact)
            if r["code"] != "coordinate"]
    return gc.frame(rows, COLUMNS, **ORDER)


def pieces(landscape: Landscape, *, as_of: dt.date, config: Config | None = None,
           target: str | None = None, organisation: str | None = None,
           object: str | None = None, person: str | None = None,  # noqa: A002
           ordered: bool = True, size: int | None = None) -> Iterator[pd.DataFrame]:
    """The rows of :func:`run` in frames of at most ``size`` rows (default
    :data:`ea.queries._governance_common.PIECE_ROWS`), never one frame of every row: for
    writing every row to a file (``ea coordinate --per-integration -o rows.csv``). In
    :func:`run`'s order (the rows kept as plain tuples until their piece is made), or with
    ``ordered=False`` as the integrations come, holding one piece at a time."""
    ls = gc.lookups(landscape)
    with gc.collector_paused():
        stream = _stream(ls, as_of, config, target, organisation, object, person)
        if ordered:
            yield from gc.frame_pieces(stream, COLUMNS, size=size, **ORDER)
        else:
            yield from gc.frame_pieces(stream, COLUMNS, size=size, ordered=False)


MEETING_COLUMNS = ["email", "roles", "with", "relation", "integrations", "pairs", "systems",
                   "partners", "availability", "criticality", "dependency_criticality"]


@gc.collector_paused()
def meetings(landscape: Landscape, *, as_of: dt.date, config: Config | None = None,
             target: str | None = None, organisation: str | None = None,
             object: str | None = None, person: str | None = None) -> pd.DataFrame:  # noqa: A002
    """Whom the managers of ``target`` (a person, object or system) must meet: the answer
    first, before the per-integration rows of :func:`run` (same parameters, same rows).

    One row per other manager (code ``meet``): ``subject``/``name``/``email`` the person to
    meet, ``roles`` their roles ("it_manager of Lifecare"), ``with`` the target's managers
    who meet them, ``relation`` (``integration``: they manage the other end; ``platform``:
    one of them manages the platform in between), ``pairs`` the integrations that bind them
    ("A → B (api; Helt verksamhetskritiskt) via P"), ``integrations`` how many,
    ``systems``/``partners`` the systems on each side, and the worst ``availability`` (T),
    ``criticality`` (of the systems and the integration) and ``dependency_criticality`` (the
    integration's own) over those pairs. Most critical first.

    Then the actions: one row per partner that has no one to meet (code ``no_one_to_meet``,
    subject the partner system: it has no manager, is only referenced, or is external), and
    one row per manager who holds both ends of integrations (code ``both_ends``: "you manage
    both ends"). A person is never listed as someone to meet themselves.
    """
    ls = gc.lookups(landscape)
    rows = _rows(ls, as_of, config, target, organisation, object, person)
    us = {r["subject"] for r in rows}
    one = len(us) == 1
    meet: dict[str, dict] = {}
    nobody: dict[str, dict] = {}
    both: dict[str, dict] = {}

    def gather(acc, r):
        acc.setdefault("pairs", [])
        if r["_label"] not in acc["pairs"]:
            acc["pairs"].append(r["_label"])
        for f in ("availability", "criticality", "dependency_criticality"):
            acc.setdefault(f, []).append(r[f])
        acc.setdefault("systems", set()).add(r["system_name"])
        acc.setdefault("with", set()).add(r["subject"])

    for r in rows:
        for p, role, sysk, rel in r["_meet"]:
            if p in us:
                continue  # a manager of the target itself: not someone to meet
            acc = meet.setdefault(p, {"roles": set(), "relation": set(), "partners": set()})
            acc["roles"].add(f"{role} of {ls.name(sysk)}")
            acc["relation"].add(rel)
            acc["partners"].add(ls.name(sysk))
            gather(acc, r)
        if r["meet"].startswith("no one to meet"):
            acc = nobody.setdefault(r["partner"], {"why": r["meet"], "flags": set()})
            acc["flags"].update(r["flags"])
            gather(acc, r)
        if r["both_ends"] and r["party"] != "platform":
            gather(both.setdefault(r["subject"], {}), r)

    def worst(acc):
        return {f: gc.max_known(acc[f]) for f in ("availability", "criticality",
                                                  "dependency_criticality")}

    def names(keys):
        return sorted(ls.name(k) for k in keys)

    def bound(acc):
        n = len(acc["pairs"])
        w = worst(acc)
        text = f"{n} integration{'s' if n != 1 else ''}"
        stakes = [f"criticality {w['criticality']}" if w["criticality"] is not None else None,
                  f"T{w['availability']}" if w["availability"] is not None else None]
        stakes = [x for x in stakes if x]
        if stakes:
            text += f", worst {' and '.join(stakes)}"
        if w["dependency_criticality"] is not None:
            text += f", {_dependency_words(w['dependency_criticality'])}"
        return text

    out = []
    for p, acc in meet.items():
        who = "" if one else f" with {', '.join(names(acc['with']))}"
        out.append({"subject": p, "name": ls.name(p), "code": "meet", "severity": "info",
                    "reason": f"Meet {ls.name(p)} ({_roles_text(acc['roles'])}){who}: "
                              f"{bound(acc)}.",
                    "email": ls.node(p).get("email"), "roles": sorted(acc["roles"]),
                    "with": names(acc["with"]), "relation": ", ".join(sorted(acc["relation"])),
                    "integrations": len(acc["pairs"]), "pairs": acc["pairs"],
                    "systems": sorted(acc["systems"]), "partners": sorted(acc["partners"]),
                    **worst(acc), "_order": 0})
    for sysk, acc in nobody.items():
        w = worst(acc)
        sev = gc.at_least(gc.ranked_severity(w["criticality"], w["availability"], 0), "medium")
        out.append({"subject": sysk, "name": ls.name(sysk), "code": "no_one_to_meet",
                    "severity": sev,
                    "reason": f"No one to meet for {ls.name(sysk)}: {_nobody_why(acc['flags'])} "
                              f"({bound(acc)}).",
                    "roles": [], "with": names(acc["with"]), "relation": "integration",
                    "integrations": len(acc["pairs"]), "pairs": acc["pairs"],
                    "systems": sorted(acc["systems"]), "partners": [ls.name(sysk)],
                    **w, "_order": 1})
    for p, acc in both.items():
        who = BOTH_ENDS if one else f"{ls.name(p)} manages both ends"
        out.append({"subject": p, "name": ls.name(p), "code": "both_ends", "severity": "info",
                    "reason": f"{who[0].upper()}{who[1:]} of {bound(acc)}: "
                              f"{'; '.join(acc['pairs'])}.",
                    "email": ls.node(p).get("email"), "roles": [], "with": [ls.name(p)],
                    "relation": "integration", "integrations": len(acc["pairs"]),
                    "pairs": acc["pairs"], "systems": sorted(acc["systems"]),
                    "partners": [], **worst(acc), "_order": 2})
    df = pd.DataFrame(out, columns=[*FINDING_COLUMNS, *MEETING_COLUMNS, "_order"])
    if df.empty:
        return df.drop(columns="_order")
    for c in ("criticality", "availability", "dependency_criticality"):
        df[f"_{c}"] = pd.to_numeric(df[c], errors="coerce").fillna(-1)
    df = df.sort_values(["_order", "_criticality", "_availability", "_dependency_criticality",
                         "integrations", "name", "subject"],
                        ascending=[True, False, False, False, False, True, True], kind="stable")
    df = df[[*FINDING_COLUMNS, *MEETING_COLUMNS]].reset_index(drop=True)
    return gc.whole_numbers(df, ["availability", "criticality", "dependency_criticality"])


@gc.collector_paused()
def meeting_matrix(landscape: Landscape, *, as_of: dt.date, config: Config | None = None,
                   target: str | None = None, organisation: str | None = None,
                   object: str | None = None, person: str | None = None) -> pd.DataFrame:  # noqa: A002
    """The pairs of managers who must meet, with the integrations that bind them.

    One row per unordered pair of different people. ``relation`` is ``integration`` (they
    manage the two ends of an integration), ``platform`` (one manages the platform it passes
    through) or ``integration, platform``. ``binding`` lists the integrations
    ("A → B (api; Helt verksamhetskritiskt) via P"), ``integrations`` counts them,
    ``systems_a``/``systems_b`` are the systems each side answers for in them,
    ``availability``/``criticality``/``dependency_criticality`` the worst over them. Filters keep pairs where a binding integration has an end (or platform) inside the
    filter, or the person is one of the pair.
    """
    ls = gc.lookups(landscape)
    cfg = settings(config)
    roles = set(cfg["roles"])
    pick = _target_filter(ls, target)
    scope = gc.Scope(ls, organisation=organisation, object=object, person=None)
    people = set(gc.resolve_ref(ls, person, (PERSON,), "person")) if person else None
    integrations = _integrations(ls)
    pairs: dict[tuple[str, str], dict] = {}

    def bind(a, sa, b, sb, rel, rec):
        if a == b:
            return
        if b < a:
            a, sa, b, sb = b, sb, a, sa
        p = pairs.setdefault((a, b), {"relation": set(), "binding": [], "systems_a": set(),
                                      "systems_b": set(), "availability": [],
                                      "criticality": [], "dependency_criticality": []})
        p["relation"].add(rel)
        if rec["label"] not in p["binding"]:
            p["binding"].append(rec["label"])
        p["systems_a"].add(ls.name(sa))
        p["systems_b"].add(ls.name(sb))
        p["availability"].append(rec["availability"])
        p["criticality"].append(rec["criticality"])
        p["dependency_criticality"].append(rec["dependency_criticality"])

    for rec in integrations:
        u, v, via = rec["source"], rec["target"], rec["via"]
        ends = [u, v] + ([via] if via else [])
        if scope.active and not scope.keep(ends):
            continue
        mu = [r["person"] for r in _managers(ls, u, roles)]
        mv = [r["person"] for r in _managers(ls, v, roles)]
        mp = [r["person"] for r in _managers(ls, via, roles)] if via else []

        def wanted(a, sa, b, sb):
            if people is not None and a not in people and b not in people:
                return False
            return pick is None or pick(a, sa) or pick(b, sb)

        for a in sorted(set(mu)):
            for b in sorted(set(mv)):
                if wanted(a, u, b, v):
                    bind(a, u, b, v, "integration", rec)
        for p in sorted(set(mp)):
            for s, ms in ((u, mu), (v, mv)):
                for a in sorted(set(ms)):
                    if wanted(p, via, a, s):
                        bind(p, via, a, s, "platform", rec)
    rows = []
    for (a, b), p in pairs.items():
        rows.append({"manager_a": a, "manager_a_name": ls.name(a), "manager_b": b,
                     "manager_b_name": ls.name(b),
                     "relation": ", ".join(sorted(p["relation"])),
                     "integrations": len(p["binding"]), "binding": p["binding"],
                     "systems_a": sorted(p["systems_a"]), "systems_b": sorted(p["systems_b"]),
                     "availability": gc.max_known(p["availability"]),
                     "criticality": gc.max_known(p["criticality"]),
                     "dependency_criticality": gc.max_known(p["dependency_criticality"])})
    df = pd.DataFrame(rows, columns=MATRIX_COLUMNS)
    if df.empty:
        return df
    df["_c"] = pd.to_numeric(df["criticality"], errors="coerce").fillna(-1)
    df["_t"] = pd.to_numeric(df["availability"], errors="coerce").fillna(-1)
    df = df.sort_values(["_c", "_t", "integrations", "manager_a_name", "manager_b_name"],
                        ascending=[False, False, False, True, True], kind="stable")
    df = df.drop(columns=["_c", "_t"]).reset_index(drop=True)
    return gc.whole_numbers(df, ["availability", "criticality", "dependency_criticality"])


#: Columns of :func:`per_manager`.
MANAGER_COLUMNS = ["subject", "name", "email", "systems", "integrations", "to_meet",
                   "no_one_to_meet", "flagged", "criticality"]


@gc.collector_paused()
def per_manager(landscape: Landscape, *, as_of: dt.date, config: Config | None = None,
                target: str | None = None, organisation: str | None = None,
                object: str | None = None, person: str | None = None) -> pd.DataFrame:  # noqa: A002
    """The rows of :func:`run` per manager, in numbers: what ``ea coordinate`` shows first
    in a large landscape, without wording a row per integration (same parameters).

    One row per manager: ``systems`` they answer for that integrate, ``integrations`` they
    are a party to (as manager of an end or of the platform in between), ``to_meet`` the
    other managers they must meet over them (as :func:`meetings` counts them),
    ``no_one_to_meet`` the integrations whose other end has no one to meet (no manager,
    only referenced, external), ``flagged`` the integrations with a finding (the other end
    without a manager, ending its life or external), ``criticality`` the worst of the
    systems and integrations. Worst criticality first, then the most flagged, the most
    integrations, by name.
    """
    ls = gc.lookups(landscape)
    pick = _target_filter(ls, target)
    scope = gc.Scope(ls, organisation=organisation, object=object, person=None)
    people = set(gc.resolve_ref(ls, person, (PERSON,), "person")) if person else None
    acc: dict[str, dict] = {}
    # the managers of a system other than a person, found once per list (facts() hands the
    # same list to every row of a system) and person: (others, whether the person is one)
    apart: dict[tuple[int, str], tuple[frozenset, bool, list]] = {}

    def others_of(ms, p):
        hit = apart.get((id(ms), p))
        if hit is None or hit[2] is not ms:
            everyone = {m["person"] for m in ms}
            hit = apart[(id(ms), p)] = (frozenset(everyone - {p}), p in everyone, ms)
        return hit

    for group in _fact_groups(ls, fact_params(settings(config), as_of)):
        u, v, k = group[0]["source"], group[0]["target"], group[0]["ekey"]
        crit = _pair_criticality(ls, u, v, gc.level(ls.graph.edges[u, v, k].get("criticality")))
        edge = (u, v, k)
        for f in group:
            p, system, partner = f["person"], f["system"], f["partner"]
            if people is not None and p not in people:
                continue
            others, both, _ = others_of(f["partner_managers"], p)
            if pick is not None or scope.active:
                related = [system, partner] if both and f["party"] != "platform" else [system]
                if pick is not None and not any(pick(p, s) for s in related):
                    continue
                if scope.active and not scope.keep(related):
                    continue
            a = acc.get(p)
            if a is None:
                a = acc[p] = {"systems": set(), "integrations": set(), "meet": set(),
                              "no_one": set(), "flagged": set(), "criticality": None}
            a["systems"].add(system)
            a["integrations"].add(edge)
            a["meet"] |= others
            if f["via"] and f["party"] != "platform":
                a["meet"] |= others_of(f["platform_managers"], p)[0]
            if not others and not both:
                a["no_one"].add(edge)
            if f["code"] != "coordinate":
                a["flagged"].add(edge)
            if crit is not None and (a["criticality"] is None or crit > a["criticality"]):
                a["criticality"] = crit
    out = pd.DataFrame([{"subject": p, "name": ls.name(p), "email": ls.node(p).get("email"),
                         "systems": len(a["systems"]), "integrations": len(a["integrations"]),
                         "to_meet": len(a["meet"]), "no_one_to_meet": len(a["no_one"]),
                         "flagged": len(a["flagged"]), "criticality": a["criticality"]}
                        for p, a in acc.items()], columns=MANAGER_COLUMNS)
    if out.empty:
        return out
    out["_c"] = pd.to_numeric(out["criticality"], errors="coerce").fillna(-1)
    out = out.sort_values(["_c", "flagged", "integrations", "name", "subject"],
                          ascending=[False, False, False, True, True], kind="stable")
    out = out.drop(columns="_c").reset_index(drop=True)
    return gc.whole_numbers(out, ["criticality"])


#: Columns of :func:`by_organisation`.
ORGANISATION_COLUMNS = ["organisation_a", "organisation_b", "integrations", "managers",
                        "flagged", "criticality"]


def by_organisation(landscape: Landscape,
                    rows: pd.DataFrame | Iterable[pd.DataFrame]) -> pd.DataFrame:
    """The rows of :func:`run` per pair of organisations: where continuity is planned between
    organisations, and the form to read first in a national landscape of millions of rows.

    One row per unordered pair of the organisations owning the two systems
    (:func:`ea.derived.organisations.owning_organisation`; ``(none)`` for a system without
    one; a pair of the same organisation is coordination inside it): ``integrations``
    counts the distinct system pairs, ``managers`` the distinct managers who must meet over
    them, ``flagged`` the rows with a finding (a partner without a manager, ending its life
    or external), ``criticality`` the worst. Most integrations first. ``rows`` may come in
    pieces (:func:`pieces`), one at a time.
    """
    from ea.derived.organisations import owning_organisation

    org: dict[str, str] = {}

    def name_of(system: str) -> str:
        if system not in org:
            key = owning_organisation(landscape, system)
            org[system] = landscape.name(key) if key else "(none)"
        return org[system]

    groups: dict[tuple[str, str], dict] = {}
    frames = [rows] if isinstance(rows, pd.DataFrame) else rows
    for system, partner, manager, code, crit in (
            t for df in frames for t in zip(df["system"], df["partner"], df["email"],
                                            df["code"], df["criticality"], strict=True)):
        a, b = sorted((name_of(system), name_of(partner)))
        g = groups.setdefault((a, b), {"pairs": set(), "managers": set(), "flagged": 0,
                                       "criticality": None})
        g["pairs"].add(tuple(sorted((system, partner))))
        if isinstance(manager, str) and manager:
            g["managers"].add(manager)
        g["flagged"] += code != "coordinate"
        if crit is not None and not pd.isna(crit):
            g["criticality"] = max(int(crit), g["criticality"] or int(crit))
    if not groups:
        return pd.DataFrame(columns=ORGANISATION_COLUMNS)
    out = pd.DataFrame([{"organisation_a": a, "organisation_b": b,
                         "integrations": len(g["pairs"]), "managers": len(g["managers"]),
                         "flagged": g["flagged"], "criticality": g["criticality"]}
                        for (a, b), g in groups.items()], columns=ORGANISATION_COLUMNS)
    out = out.sort_values(["integrations", "organisation_a", "organisation_b"],
                          ascending=[False, True, True], kind="stable")
    return gc.whole_numbers(out.reset_index(drop=True), ["criticality"])
