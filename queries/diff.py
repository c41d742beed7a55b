"""What changed between two snapshots of the landscape.

Follow-up audits compare against an earlier state: which objects are still unowned, which
were fixed, which integrations appeared without anyone agreeing on them. :func:`run` compares
an OLD and a NEW landscape and returns one row per change.

Everything is keyed on stable node keys (``System:<id>``), never on names: a system whose id
stayed and whose name changed is a **rename**, not a removal plus an addition. Integrations are
keyed on their ends and platform (``from``, ``to``, ``via``).

The findings are not re-derived here: the orphan findings are those of
:mod:`ea.queries.orphans` run on each snapshot, the joint-continuity hubs those of
:mod:`ea.queries.hubs`, the lifecycle phase, owning organisations and role holders those of
:mod:`ea.derived`; this module compares them.

Codes (category, severity)
--------------------------
``SYSTEM_ADDED`` / ``SYSTEM_REMOVED`` / ``SYSTEM_RENAMED`` (systems; info),
``OBJECT_ADDED`` / ``OBJECT_REMOVED`` / ``OBJECT_RENAMED`` (objects; info)
    A node of that kind in one snapshot only, or with another name.
``INTEGRATION_ADDED`` (integrations; low: a new integration both managers should have agreed
on) / ``INTEGRATION_REMOVED`` (info)
``OWNER_CHANGED`` (ownership; low, medium when the subject has no owning organisation left)
    The owning organisations (own, else through the object) differ.
``ROLE_CHANGED`` (roles; low, medium when nobody holds the role any more)
    The people holding a pm3 role on a system or object (its own roles, not inherited: a
    changed object manager is one change on the object, not one per system).
``CLASSIFICATION_CHANGED`` (classification; medium when lowered, else low)
    A recorded K, R, T, S or criticality differs.
``LIFECYCLE_CHANGED`` (lifecycle; info)
    The lifecycle phase shown (:func:`ea.derived.lifecycle.lifecycle` at each snapshot's
    date: from the dates, else the recorded status) differs.
``ORPHAN_NEW`` (orphans; the finding's severity), ``ORPHAN_OPEN`` (the finding's severity),
``ORPHAN_RESOLVED`` (info)
    An ``orphans`` finding (same subject, class and role) in NEW only, in both, in OLD only.
    ``since`` is the OLD snapshot's date for a finding still open, and ``days_open`` the days
    between the snapshots' dates (a lower bound: it was open at least that long).
``HUB_ENTERED`` (hubs; the hub finding's severity) / ``HUB_LEFT`` (info)
    A system entering or leaving the list of hubs that need joint continuity planning.

``change`` is ``added``, ``removed``, ``renamed``, ``changed``, ``new``, ``open``,
``resolved``, ``entered`` or ``left``; :data:`NEW_CHANGES` are the ones ``--fail-on new-...``
looks at.

Columns: the finding columns plus ``category``, ``change``, ``kind`` (System, Object,
Integration, ...), ``field`` (the role, aspect or orphan class), ``old``, ``new``,
``organisation``, ``since``, ``days_open``.

Config (section ``diff``): ``hubs`` (true: compare the joint-continuity lists; false skips
the two rankings). Each list is :mod:`ea.queries.hubs`' own, from the hub metrics of
:func:`ea.derived.hubs.metrics`: a snapshot loaded by a command carries its cache
(:mod:`ea.store.cache`), so each snapshot is ranked once, by whichever command needs it
first, and read back after that.

Examples
--------
>>> import datetime as dt
>>> from ea.landscape import Landscape
>>> old = Landscape(meta={"imported_at": "2025-11-25"})
>>> _ = old.add_system("s1", name="Procapita")
>>> new = Landscape(meta={"imported_at": "2026-11-25"})
>>> _ = new.add_system("s1", name="Lifecare")
>>> df = run(old, new)
>>> df.loc[df["category"] == "systems", ["name", "code", "old", "new"]].values.tolist()
[['Lifecare', 'SYSTEM_RENAMED', 'Procapita', 'Lifecare']]
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ea import schema
from ea.config import Config
from ea.derived import lifecycle as dlc
from ea.derived import lookups as dlk
from ea.derived import organisations as dorg
from ea.derived import roles as droles
from ea.derived import systems as dsys
from ea.landscape import Landscape
from ea.schema import INTEGRATES_WITH, OBJECT, SYSTEM

from . import FINDING_COLUMNS, SEVERITIES, SEVERITY_RANK, hubs, orphans
from . import _governance_common as gc

DEFAULTS = {"hubs": True}

COLUMNS = [*FINDING_COLUMNS, "category", "change", "kind", "field", "old", "new",
           "organisation", "since", "days_open"]
SUMMARY_COLUMNS = ["category", "change", "count", "worst"]

CATEGORIES = ("systems", "objects", "integrations", "ownership", "roles", "classification",
              "lifecycle", "orphans", "hubs")
#: Changes that bring something new; ``--fail-on new-<severity>`` looks at these only.
NEW_CHANGES = ("added", "new", "entered")
FAIL_CHOICES = tuple(f"new-{s}" for s in SEVERITIES)
_CHANGE_ORDER = {c: i for i, c in enumerate(
    ("new", "added", "entered", "changed", "renamed", "open", "removed", "left", "resolved"))}
_ASPECTS = (*schema.LEVEL_FIELDS, "criticality")


def snapshot_date(ls: Landscape) -> dt.date | None:
    """The date a snapshot describes: its ``as_of``, else its import date (``imported_at``)."""
    return dlc.parse_date(ls.meta.get("as_of")) or dlc.parse_date(ls.meta.get("imported_at"))


def _settings(config: Config | None) -> dict:
    return gc.config_or_default(config).section("diff", DEFAULTS)


class Side:
    """What the comparison reads of one snapshot, gathered from its landscape once: its
    systems and objects (names, owning organisations, own role holders, levels, lifecycle
    phase), its integrations, its orphan findings and its joint-continuity hubs. ``ea diff``
    keeps OLD as a Side only, so it holds one landscape at a time (two 100,000-system
    landscapes are 3.6 GiB before any comparison); NEW keeps its landscape (``keep``) for
    the managers of the integrations it adds.

    ``day``: the snapshot's date, for the orphan rules and the lifecycle phase; when it is
    None the phase is judged at the day :func:`compare` gives (NEW's)."""

    @dlk.collector_paused()
    def __init__(self, landscape: Landscape, day: dt.date | None, config: Config | None = None,
                 *, hubs: bool | None = None, keep: bool = False):
        ls = dlk.lookups(landscape)
        self.meta, self.day = landscape.meta, day
        self.ls = ls if keep else None
        #: kind -> {key: (name field, name shown, placeholder, id)}, in the graph's order
        self.nodes: dict[str, dict[str, tuple]] = {}
        self.orgs: dict[str, list[str]] = {}
        self.roles: dict[str, dict[str, set[str]]] = {}
        self.people: dict[str, str] = {}
        for kind in (SYSTEM, OBJECT):
            got = self.nodes[kind] = {}
            for k, d in ls.nodes(kind):
                got[k] = (d.get("name"), ls.name(k), d.get("placeholder"), d.get("id"))
                self.orgs[k] = [dorg.org_label(ls, o) for o in dorg.effective_owners(ls, k)]
                own: dict[str, set[str]] = {}
                for r in ls.roles_of(k, inherit=False):
                    own.setdefault(r["role"], set()).add(r["person"])
                    if r["person"] not in self.people:
                        self.people[r["person"]] = droles.person_label(ls, r["person"])
                self.roles[k] = own
        self.levels = {k: tuple(dsys.level(d.get(f)) for f in _ASPECTS)
                       for k, d in ls.nodes(SYSTEM)}
        # the phase at the snapshot's day; the attributes themselves when that is unknown
        self.phases = {k: dlc.lifecycle(d, day).phase for k, d in ls.nodes(SYSTEM)} \
            if day is not None else None
        self.undated = {k: d for k, d in ls.nodes(SYSTEM)} if day is None else None
        self.integrations = {(u, v, d.get("via")): d.get("type")
                             for u, v, _k, d in ls.edges(INTEGRATES_WITH)}
        found = orphans.run(ls, as_of=day, config=config)
        self.findings = {_finding_key(r): r for r in found.to_dict("records")}
        self.hubs = _flagged(ls, config) if (_settings(config)["hubs"] if hubs is None
                                             else hubs) else None

    def __contains__(self, key: str) -> bool:
        return key in self.orgs

    def name(self, key: str) -> str:
        for got in self.nodes.values():
            if key in got:
                return got[key][1]
        return key

    def phase(self, key: str, day: dt.date | None):
        if self.phases is not None:
            return self.phases[key]
        return dlc.lifecycle(self.undated[key], day).phase


def _flagged(ls, config) -> dict:
    df = hubs.run(ls, config=config, top=0)
    if df.empty:
        return {}
    df = df[df["code"] == "JOINT_CONTINUITY_PLANNING"]
    return {r["subject"]: r for r in df.to_dict("records")}


class _Rows:
    def __init__(self, old: Side, new: Side):
        self.old, self.new, self.rows = old, new, []

    def add(self, category, change, code, severity, subject, name, reason, *, kind=None,
            field=None, old=None, new=None, since=None, days_open=None, organisation=None):
        if organisation is None and subject:
            side = self.new if subject in self.new else self.old
            organisation = side.orgs[subject] if subject in side else []
        self.rows.append({"subject": subject, "name": name, "code": code,
                          "severity": severity, "reason": reason, "category": category,
                          "change": change, "kind": kind, "field": field, "old": old,
                          "new": new, "organisation": organisation, "since": since,
                          "days_open": days_open})


def _nodes(out: _Rows, old: Side, new: Side, kind: str, category: str, prefix: str) -> None:
    a, b = old.nodes[kind], new.nodes[kind]
    what = "system" if kind == SYSTEM else "förvaltningsobjekt"
    for k in sorted(b.keys() - a.keys()):
        out.add(category, "added", f"{prefix}_ADDED", "info", k, b[k][1],
                f"new {what}" + (" (referenced, never defined)" if b[k][2] else ""), kind=kind)
    for k in sorted(a.keys() - b.keys()):
        out.add(category, "removed", f"{prefix}_REMOVED", "info", k, a[k][1],
                f"{what} no longer in the landscape", kind=kind)
    for k in sorted(a.keys() & b.keys()):
        on, nn = a[k][0], b[k][0]
        if on and nn and on != nn:
            out.add(category, "renamed", f"{prefix}_RENAMED", "info", k, nn,
                    f"renamed from '{on}' to '{nn}' (same id {b[k][3]})",
                    kind=kind, old=on, new=nn)


def _edges(out: _Rows, old: Side, new: Side) -> None:
    a, b = old.integrations, new.integrations

    def label(k):  # the current name where the system still exists
        return new.name(k) if k in new.nodes[SYSTEM] else old.name(k)

    def text(key):
        u, v, via = key
        t = f"{label(u)} → {label(v)}"
        return t + (f" via {label(via)}" if via else "")

    ls = new.ls
    for key in sorted(b.keys() - a.keys()):
        u, v, _via = key
        typ = b[key]
        managers = []
        for end in (u, v):
            for role in schema.MANAGER_ROLES:
                managers += [droles.person_label(ls, p) for p in droles.holders_of(ls, end, role)]
        out.add("integrations", "added", "INTEGRATION_ADDED", "low", f"{u} -> {v}",
                text(key),
                f"new integration{' (' + typ + ')' if typ else ''}; "
                f"agreed by the managers of both ends? "
                f"({', '.join(dict.fromkeys(managers)) or 'no managers recorded'})",
                kind="Integration", new=typ,
                organisation=sorted({o for e in (u, v) for o in new.orgs[e]}))
    for key in sorted(a.keys() - b.keys()):
        u, v, _via = key
        out.add("integrations", "removed", "INTEGRATION_REMOVED", "info", f"{u} -> {v}",
                text(key), "integration no longer recorded", kind="Integration",
                old=a[key],
                organisation=sorted({o for e in (u, v) if e in old for o in old.orgs[e]}))


def _common_subjects(old: Side, new: Side) -> list[tuple[str, str]]:
    out = []
    for kind in (OBJECT, SYSTEM):
        a = old.nodes[kind]
        out += [(k, kind) for k in new.nodes[kind] if k in a]
    return out


def _ownership_and_roles(out: _Rows, old: Side, new: Side, common) -> None:
    for key, kind in common:
        name = new.name(key)
        oo, no = old.orgs[key], new.orgs[key]
        if oo != no:
            out.add("ownership", "changed", "OWNER_CHANGED", "low" if no else "medium", key,
                    name, f"owning organisation {', '.join(oo) or 'none'} → "
                          f"{', '.join(no) or 'none'}", kind=kind, old=oo, new=no)
        ro, rn = old.roles[key], new.roles[key]
        for role in sorted(ro.keys() | rn.keys()):
            a, b = ro.get(role, set()), rn.get(role, set())
            if a == b:
                continue
            la = [old.people[p] for p in sorted(a)]
            lb = [new.people[p] for p in sorted(b)]
            label = schema.ROLES[role].label.lower() if role in schema.ROLES else role
            out.add("roles", "changed", "ROLE_CHANGED", "medium" if not b else "low", key,
                    name, f"{label}: {', '.join(la) or 'nobody'} → {', '.join(lb) or 'nobody'}",
                    kind=kind, field=role, old=la, new=lb)


def _lvl(v) -> str:
    return "–" if v is None else str(v)


def _levels_and_lifecycle(out: _Rows, old: Side, new: Side, old_day, new_day) -> None:
    a = old.levels
    for key, ys in new.levels.items():
        if key not in a:
            continue
        for f, x, y in zip(_ASPECTS, a[key], ys, strict=True):
            if x == y:
                continue
            lowered = x is not None and (y is None or y < x)
            tag = f.upper() if f != "criticality" else "criticality"
            out.add("classification", "changed", "CLASSIFICATION_CHANGED",
                    "medium" if lowered else "low", key, new.name(key),
                    f"{tag} {_lvl(x)} → {_lvl(y)}" + (" (lowered: was the reason recorded?)"
                                                    if lowered else ""),
                    kind=SYSTEM, field=f, old=x, new=y)
        lo = old.phase(key, old_day)
        ln = new.phase(key, new_day)
        if lo != ln:
            out.add("lifecycle", "changed", "LIFECYCLE_CHANGED", "info", key, new.name(key),
                    f"lifecycle {lo or 'unknown'} → {ln or 'unknown'}", kind=SYSTEM,
                    field="lifecycle", old=lo, new=ln)


def _finding_key(r) -> tuple:
    role = r.get("role")
    return (r["subject"], r["code"], role if isinstance(role, str) else None)


def _orphans(out: _Rows, old: Side, new: Side, old_day, new_day) -> None:
    a, b = old.findings, new.findings
    days = (new_day - old_day).days if old_day and new_day else None
    for key, r in b.items():
        subject, code, role = key
        field = code + (f":{role}" if role else "")
        if key in a:
            when = (f"; open since at least {old_day.isoformat()} ({days} days)"
                    if old_day and days is not None else "; open in both snapshots")
            out.add("orphans", "open", "ORPHAN_OPEN", r["severity"], subject, r["name"],
                    r["reason"] + when, kind=r.get("kind"), field=field,
                    since=old_day.isoformat() if old_day else None, days_open=days,
                    organisation=r.get("organisations"))
        else:
            out.add("orphans", "new", "ORPHAN_NEW", r["severity"], subject, r["name"],
                    r["reason"], kind=r.get("kind"), field=field,
                    organisation=r.get("organisations"))
    for key, r in a.items():
        if key in b:
            continue
        subject, code, role = key
        gone = subject not in new.ls
        out.add("orphans", "resolved", "ORPHAN_RESOLVED", "info", subject,
                new.ls.name(subject) if not gone else r["name"],
                f"resolved{' (the subject is no longer in the landscape)' if gone else ''}: "
                f"was '{r['reason']}'", kind=r.get("kind"),
                field=code + (f":{role}" if role else ""), old=r["severity"],
                organisation=r.get("organisations"))


def _hubs(out: _Rows, old: Side, new: Side) -> None:
    a, b = old.hubs, new.hubs
    for k in sorted(b.keys() - a.keys()):
        r = b[k]
        out.add("hubs", "entered", "HUB_ENTERED", r["severity"], k, r["name"], r["reason"],
                kind=SYSTEM, new=r.get("rules"))
    for k in sorted(a.keys() - b.keys()):
        r = a[k]
        still = k in new.ls
        out.add("hubs", "left", "HUB_LEFT", "info", k, new.ls.name(k) if still else r["name"],
                "no longer needs joint continuity planning" if still
                else "left the landscape (was a hub needing joint continuity planning)",
                kind=SYSTEM, old=r.get("rules"))


def old_side(old: Landscape, *, config: Config | None = None,
             old_as_of: dt.date | None = None) -> Side:
    """OLD as :func:`compare` reads it (its date: ``old_as_of``, else its own)."""
    return Side(old, old_as_of or snapshot_date(old), config)


@dlk.collector_paused()
def run(old: Landscape, new: Landscape, *, as_of: dt.date | None = None,
        config: Config | None = None, old_as_of: dt.date | None = None,
        **_params) -> pd.DataFrame:
    """Compare two landscapes (see the module docstring).

    Parameters
    ----------
    old, new : Landscape
        The earlier and the later snapshot.
    as_of : datetime.date, optional
        The date of NEW (default: its ``as_of``/``imported_at``, else today).
    old_as_of : datetime.date, optional
        The date of OLD (default: its ``as_of``/``imported_at``).
    config : ea.config.Config, optional
        Sections ``diff`` and those of ``orphans`` and ``hubs``.

    Returns
    -------
    pandas.DataFrame
        One row per change, columns :data:`COLUMNS`; ordered by category, then most severe
        first.
    """
    return compare(old_side(old, config=config, old_as_of=old_as_of), new, as_of=as_of,
                   config=config)


@dlk.collector_paused()
def compare(old: Side, new: Landscape, *, as_of: dt.date | None = None,
            config: Config | None = None) -> pd.DataFrame:
    """:func:`run` with OLD already gathered (:func:`old_side`), so its landscape can go
    before NEW is loaded."""
    new_day = as_of or snapshot_date(new) or dt.date.today()
    old_day = old.day
    nw = Side(new, new_day, config, hubs=old.hubs is not None, keep=True)
    out = _Rows(old, nw)
    _nodes(out, old, nw, SYSTEM, "systems", "SYSTEM")
    _nodes(out, old, nw, OBJECT, "objects", "OBJECT")
    _edges(out, old, nw)
    common = _common_subjects(old, nw)
    _ownership_and_roles(out, old, nw, common)
    _levels_and_lifecycle(out, old, nw, old_day or new_day, new_day)
    _orphans(out, old, nw, old_day, new_day)
    if old.hubs is not None:
        _hubs(out, old, nw)
    df = pd.DataFrame(out.rows, columns=COLUMNS)
    if df.empty:
        return df
    tmp = df.assign(
        _c=df["category"].map({c: i for i, c in enumerate(CATEGORIES)}),
        _s=df["severity"].map(SEVERITY_RANK),
        _ch=df["change"].map(_CHANGE_ORDER),
        _n=df["name"].astype(str), _f=df["field"].map(lambda v: "" if v is None else str(v)))
    tmp = tmp.sort_values(["_c", "_ch", "_s", "_n", "_f", "subject"], kind="stable")
    return gc.whole_numbers(tmp[COLUMNS].reset_index(drop=True))


def summary(changes: pd.DataFrame) -> pd.DataFrame:
    """Counts per category and change, with the worst severity among them."""
    if changes.empty:
        return pd.DataFrame(columns=SUMMARY_COLUMNS)
    rows = []
    for (cat, change), grp in changes.groupby(["category", "change"], sort=False):
        worst = min(grp["severity"], key=lambda s: SEVERITY_RANK.get(s, len(SEVERITIES)))
        rows.append({"category": cat, "change": change, "count": len(grp), "worst": worst})
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)


def fails(changes: pd.DataFrame, fail_on: str) -> bool:
    """True when a new change (``NEW_CHANGES``) is at or above the severity of ``fail_on``
    (``new-critical``, ``new-high``, ...)."""
    sev = fail_on.removeprefix("new-")
    if sev not in SEVERITY_RANK:
        raise ValueError(f"--fail-on must be one of {', '.join(FAIL_CHOICES)}")
    if changes.empty:
        return False
    new = changes[changes["change"].isin(NEW_CHANGES)]
    return bool((new["severity"].map(SEVERITY_RANK) <= SEVERITY_RANK[sev]).any())
