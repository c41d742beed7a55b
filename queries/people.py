"""Key-person risk: who carries too much, and whose departure leaves what unmanaged.

A role held by someone who also holds fifteen others, or by someone who has left, is a
continuity risk as real as a hub. Three tables:

:func:`run` (the ``people`` query), one row per person holding a role
    Codes, first that applies: ``HOLDER_LEFT`` (holds roles but is inactive or missing in the
    imported people list; ``high`` when a critical system depends on it, else ``medium``),
    ``SOLE_HOLDER`` (the only working holder of a key role on a critical system or hub;
    ``critical`` when one of them is criticality 4 or a hub needing joint continuity
    planning, else ``high``), ``MANY_ROLES`` (at least ``people.max_roles`` roles;
    ``medium``), ``ROLES`` (``info``). ``flags`` lists every code that applies.
:func:`organisations`, one row per owning organisation
    Open roles (the ``orphans`` findings ``missing_role``, ``vacant_role`` and
    ``inactive_holder`` on its systems and objects), its critical systems, how many of them
    have a key role held by one working person only, how many depend on a single person for
    *every* key role (one departure leaves them with nobody), and the people whose departure
    would leave most of its critical systems with a key role unheld.
:func:`bus_factor`, the people whose departure would leave most critical systems unmanaged
    One row per person who is the only working holder of a key role on at least one critical
    system, most systems first.

Definitions
-----------
*Critical system*: a local, not retired system with criticality at least
``people.critical_min`` (default 3), or one of the hubs that need joint continuity planning
(:mod:`ea.queries.hubs`; ``people.hubs: false`` leaves hubs out and skips the centrality
computation). *Key roles*: ``people.key_roles``, by default ``orphans.mandatory_roles``
(object owner, business manager, IT manager). Role holders are judged as the orphan report
judges them: with inheritance from the förvaltningsobjekt, and, when a people list was
imported, without people who have left (*working holders*).

Personal data: this report is a list of named people ranked by how much depends on them. Use
``ea --pseudonymise people`` when sharing it (see docs/audits.md).

Columns of :func:`run`: the finding columns plus ``email``, ``left`` (why the person no longer
counts, or empty), ``roles`` (role assignments of their own), ``weighted_roles`` (each
assignment weighted by the criticality of what it is on, unknown counting 1), ``role_names``,
``objects`` (förvaltningsobjekt reached), ``systems`` (systems reached, inherited roles
included), ``critical_systems`` (critical systems where they hold a key role),
``organisations``, ``organisation_count``, ``sole_holder`` ("role on System" where they are
the only working holder on a critical system), ``sole_holder_count``, ``flags``.

Config (section ``people``, defaults in :data:`DEFAULTS`).

Examples
--------
>>> import datetime as dt
>>> from ea.landscape import Landscape
>>> ls = Landscape()
>>> s = ls.add_system("s", name="Cosmic", criticality=4)
>>> p = ls.add_person("ida", name="Ida Karlsson")
>>> _ = ls.add_role(p, s, "it_manager")
>>> run(ls, as_of=dt.date(2026, 11, 25))[["name", "code", "sole_holder"]].values.tolist()
[['Ida Karlsson', 'SOLE_HOLDER', ['IT manager on Cosmic']]]
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pandas as pd

from ea import schema
from ea.config import Config
from ea.derived import lookups as dlk
from ea.derived import organisations as dorg
from ea.derived import roles as droles
from ea.derived import systems as dsys
from ea.errors import ConfigError
from ea.landscape import Landscape
from ea.schema import HAS_ROLE, OBJECT, PERSON, SYSTEM

from . import SEVERITY_RANK, hubs, orphans, register
from . import _governance_common as gc

DEFAULTS = {
    "max_roles": 10,  # role assignments that make a person carry too much
    "critical_min": 3,  # criticality (1-4) from which a system counts as critical
    "key_roles": None,  # default: orphans.mandatory_roles
    "hubs": True,  # hubs needing joint continuity planning count as critical
    "bus_factor_top": 20,  # rows of the bus-factor list (0: all)
}

COLUMNS = ["email", "left", "roles", "weighted_roles", "role_names", "objects", "systems",
           "critical_systems", "organisations", "organisation_count", "sole_holder",
           "sole_holder_count", "flags"]
ORG_COLUMNS = ["organisation", "name", "systems", "critical_systems", "open_roles", "vacant",
               "missing", "holder_left", "sole_holder_systems", "share_sole_holder",
               "single_person_systems", "share_single_person", "bus_factor"]
BUS_COLUMNS = ["rank", "person", "name", "email", "left", "unmanaged_if_gone",
               "systems", "roles", "organisations"]
CODES = ("HOLDER_LEFT", "SOLE_HOLDER", "MANY_ROLES", "ROLES")
OPEN_ROLE_CODES = ("missing_role", "vacant_role", "inactive_holder")


def settings(config: Config | None) -> dict:
    cfg = gc.config_or_default(config).section("people", DEFAULTS)
    if not cfg.get("key_roles"):
        cfg["key_roles"] = list(orphans.settings(config)["mandatory_roles"])
    for role in cfg["key_roles"]:
        if role not in schema.ROLES:
            raise ConfigError(f"people.key_roles: unknown role '{role}' "
                              f"(known: {', '.join(schema.ROLES)})")
    for k in ("max_roles", "critical_min", "bus_factor_top"):
        try:
            cfg[k] = int(cfg[k])
        except (TypeError, ValueError):
            raise ConfigError(f"people.{k}: '{cfg[k]}' is not a whole number") from None
    return cfg


def _role_label(role: str) -> str:
    return schema.ROLES[role].label if role in schema.ROLES else role


class _Facts:
    """Everything the three tables read, computed once per landscape."""

    def __init__(self, landscape: Landscape, config: Config | None, as_of: dt.date | None):
        ls = self.ls = dlk.lookups(landscape)
        cfg = self.cfg = settings(config)
        self.config, self.as_of = config, as_of
        self.judge = droles.people_judged(ls)
        self.gone = {p: droles.person_gone(ls, p) for p, _ in ls.nodes(PERSON)} if self.judge \
            else {}
        self.hubs: set[str] = set()
        if cfg["hubs"]:
            h = hubs.run(landscape, as_of=as_of, config=config, top=0)
            if len(h):
                self.hubs = set(h.loc[h["code"] == "JOINT_CONTINUITY_PLANNING", "subject"])
        self.systems = dsys.local_systems(ls)
        self.critical = [s for s in self.systems
                         if (dsys.level(ls.node(s).get("criticality")) or 0) >= cfg["critical_min"]
                         or s in self.hubs]
        # per critical system: its working holders per key role
        self.sole: dict[str, list[tuple[str, str]]] = defaultdict(list)  # person -> (sys, role)
        # person -> critical systems they hold a key role on (whether or not they have left)
        self.key_holders: dict[str, set[str]] = defaultdict(set)
        self.sole_systems: set[str] = set()
        self.single_person: set[str] = set()
        for s in self.critical:
            everyone: set[str] = set()
            for role in cfg["key_roles"]:
                people = droles.holders_of(ls, s, role)
                for p in people:
                    self.key_holders[p].add(s)
                working = [p for p in people if not self.gone.get(p)]
                everyone.update(working)
                if len(working) == 1:
                    self.sole[working[0]].append((s, role))
                    self.sole_systems.add(s)
            if len(everyone) == 1:
                self.single_person.add(s)

    def severe_system(self, s: str) -> bool:
        return s in self.hubs or (dsys.level(self.ls.node(s).get("criticality")) or 0) >= 4

    def sole_labels(self, p: str) -> list[str]:
        return [f"{_role_label(role)} on {self.ls.name(s)}"
                for s, role in sorted(self.sole.get(p, []),
                                      key=lambda x: (self.ls.name(x[0]), x[1]))]


def _person_rows(f: _Facts) -> list[dict]:
    ls, cfg = f.ls, f.cfg
    counts = dsys.integration_counts(ls)
    crit_of: dict[str, int | None] = {}
    held: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for p, subject, _k, d in ls.edges(HAS_ROLE):
        held[p].append((subject, d.get("role")))
    rows = []
    for p, assignments in held.items():
        if p not in ls:
            continue
        pd_ = ls.node(p)
        objects: set[str] = set()
        systems: set[str] = set()
        orgs: set[str] = set()
        weighted = 0
        for subject, _role in assignments:
            kind = ls.node(subject).get("kind")
            if subject not in crit_of:
                crit_of[subject] = gc.weight(ls, subject, counts)[0]
            crit = crit_of[subject]
            weighted += crit if crit is not None else 1
            orgs.update(dorg.effective_owners(ls, subject))
            if kind == OBJECT:
                objects.add(subject)
                systems.update(x for x in ls.systems_of(subject)
                               if not dsys.is_retired(ls.node(x)))
            elif kind == SYSTEM:
                systems.add(subject)
                objects.update(ls.objects_of(subject))
        left = f.gone.get(p)
        critical = f.key_holders.get(p, set())
        sole = f.sole_labels(p)
        flags = []
        if left:
            flags.append("HOLDER_LEFT")
        if sole:
            flags.append("SOLE_HOLDER")
        if len(assignments) >= cfg["max_roles"]:
            flags.append("MANY_ROLES")
        sevs = []
        reasons = []
        if "HOLDER_LEFT" in flags:
            sevs.append("high" if critical else "medium")
            reasons.append(f"{left}, still holds {len(assignments)} role(s)"
                           + (f", key roles on {len(critical)} critical system(s)"
                              if critical else ""))
        if "SOLE_HOLDER" in flags:
            severe = any(f.severe_system(s) for s, _r in f.sole.get(p, []))
            sevs.append("critical" if severe else "high")
            systems_alone = sorted({ls.name(s) for s, _r in f.sole.get(p, [])})
            shown = ", ".join(systems_alone[:2]) + (
                f" and {len(systems_alone) - 2} more" if len(systems_alone) > 2 else "")
            reasons.append(f"alone in {len(sole)} key role(s) on critical systems or hubs "
                           f"({shown})")
        if "MANY_ROLES" in flags:
            sevs.append("medium")
            reasons.append(f"{len(assignments)} roles (threshold {cfg['max_roles']}) in "
                           f"{len(orgs)} organisation(s)")
        code = flags[0] if flags else "ROLES"
        severity = min(sevs, key=SEVERITY_RANK.__getitem__) if sevs else "info"
        if not reasons:
            reasons.append(f"{len(assignments)} role(s) on {len(objects)} object(s) and "
                           f"{len(systems)} system(s)")
        role_counts = defaultdict(int)
        for _s, role in assignments:
            role_counts[role] += 1
        rows.append({
            "subject": p, "name": pd_.get("name") or pd_.get("id"), "code": code,
            "severity": severity, "reason": "; ".join(reasons),
            "email": pd_.get("email"), "left": left, "roles": len(assignments),
            "weighted_roles": weighted,
            "role_names": [f"{_role_label(r)} ×{n}" if n > 1 else _role_label(r)
                           for r, n in sorted(role_counts.items())],
            "objects": len(objects), "systems": len(systems),
            "critical_systems": len(critical),
            "organisations": sorted(dorg.org_label(ls, o) for o in orgs),
            "organisation_count": len(orgs), "sole_holder": sole,
            "sole_holder_count": len(sole), "flags": flags or ["ROLES"]})
    return rows


@register("people", "Key-person risk: roles per person, sole holders, holders who have left")
@dlk.collector_paused()
def run(landscape: Landscape, *, as_of: dt.date | None = None, config: Config | None = None,
        _facts: _Facts | None = None, **_params) -> pd.DataFrame:
    """One row per person holding a role (see the module docstring).

    Parameters
    ----------
    landscape : Landscape
    as_of : datetime.date, optional
        Passed to the hub ranking; the roles are judged as they stand.
    config : ea.config.Config, optional
        Section ``people`` (and ``orphans``, ``hubs``).

    Returns
    -------
    pandas.DataFrame
        Most severe first, then by weighted roles (highest first).
    """
    f = _facts or _Facts(landscape, config, as_of)
    return gc.frame(_person_rows(f), COLUMNS, desc=("sole_holder_count", "weighted_roles",
                                                    "roles"))


def _bus_rows(f: _Facts) -> list[dict]:
    ls = f.ls
    rows = []
    for p, pairs in f.sole.items():
        systems = sorted({s for s, _r in pairs}, key=ls.name)
        orgs = sorted({dorg.org_label(ls, o) for s in systems for o in dorg.effective_owners(ls, s)})
        d = ls.node(p)
        rows.append({"person": p, "name": d.get("name") or d.get("id"),
                     "email": d.get("email"), "left": f.gone.get(p),
                     "unmanaged_if_gone": len(systems),
                     "systems": [ls.name(s) for s in systems],
                     "roles": sorted({_role_label(r) for _s, r in pairs}),
                     "organisations": orgs})
    rows.sort(key=lambda r: (-r["unmanaged_if_gone"], str(r["name"]), r["person"]))
    for i, r in enumerate(rows, start=1):
        r["rank"] = i
    return rows


@dlk.collector_paused()
def bus_factor(landscape: Landscape, *, as_of: dt.date | None = None,
               config: Config | None = None, top: int | None = None,
               _facts: _Facts | None = None) -> pd.DataFrame:
    """The people whose departure would leave most critical systems with a key role unheld:
    one row per sole working holder, most systems first (``top``, default
    ``people.bus_factor_top``; 0 for all)."""
    f = _facts or _Facts(landscape, config, as_of)
    n = f.cfg["bus_factor_top"] if top is None else int(top)
    rows = _bus_rows(f)
    if n:
        rows = rows[:n]
    return pd.DataFrame(rows, columns=BUS_COLUMNS)


@dlk.collector_paused()
def organisations(landscape: Landscape, *, as_of: dt.date | None = None,
                  config: Config | None = None, findings: pd.DataFrame | None = None,
                  _facts: _Facts | None = None) -> pd.DataFrame:
    """Per owning organisation (a system owned by two counts under both): open roles from
    the orphan report, critical systems, the share with a key role held by one working
    person, the share depending on one person for every key role, and the three people whose
    departure would leave most of its critical systems with a key role unheld."""
    f = _facts or _Facts(landscape, config, as_of)
    ls = f.ls
    if findings is None:
        findings = orphans.run(ls, as_of=as_of or dt.date.today(), config=config)
    open_rows = findings[findings["code"].isin(OPEN_ROLE_CODES)] if len(findings) else findings
    groups: dict[str, dict] = {}

    def group(org):
        return groups.setdefault(org, {"systems": set(), "critical": set(), "vacant": 0,
                                       "missing": 0, "holder_left": 0})

    for s in f.systems:
        for org in dorg.effective_owners(ls, s) or [""]:
            group(org)["systems"].add(s)
    crit = set(f.critical)
    for s in crit:
        for org in dorg.effective_owners(ls, s) or [""]:
            group(org)["critical"].add(s)
    col = {"vacant_role": "vacant", "missing_role": "missing", "inactive_holder": "holder_left"}
    for r in open_rows.to_dict("records"):
        subject = r["subject"]
        if subject not in ls:
            continue
        for org in dorg.effective_owners(ls, subject) or [""]:
            group(org)[col[r["code"]]] += 1
    # per organisation and person: the critical systems of the organisation whose key role
    # that person alone holds (one pass over the sole holders, not one per organisation:
    # a country has ~1,800 organisations and tens of thousands of holders)
    sole_of: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for p, pairs in f.sole.items():
        for s in {s for s, _r in pairs} & crit:
            for org in dorg.effective_owners(ls, s) or [""]:
                sole_of[org][p] += 1
    rows = []
    for org, g in groups.items():
        c = g["critical"]
        sole = c & f.sole_systems
        single = c & f.single_person
        per_person = sole_of.get(org, {})
        top = sorted(per_person.items(), key=lambda kv: (-kv[1], ls.name(kv[0])))[:3]
        rows.append({
            "organisation": org, "name": dorg.org_label(ls, org) if org else "(no organisation)",
            "systems": len(g["systems"]), "critical_systems": len(c),
            "open_roles": g["vacant"] + g["missing"] + g["holder_left"],
            "vacant": g["vacant"], "missing": g["missing"], "holder_left": g["holder_left"],
            "sole_holder_systems": len(sole),
            "share_sole_holder": round(len(sole) / len(c), 3) if c else 0.0,
            "single_person_systems": len(single),
            "share_single_person": round(len(single) / len(c), 3) if c else 0.0,
            "bus_factor": [f"{ls.name(p)} ({n})" for p, n in top]})
    df = pd.DataFrame(rows, columns=ORG_COLUMNS)
    if df.empty:
        return df
    return df.sort_values(["share_single_person", "open_roles", "name"],
                          ascending=[False, False, True], kind="stable").reset_index(drop=True)


def report(landscape: Landscape, *, as_of: dt.date, config: Config | None = None,
           top: int | None = None) -> dict[str, pd.DataFrame]:
    """The three tables at once (one hub ranking, one orphan run): ``people``,
    ``roles per organisation``, ``bus factor``."""
    f = _Facts(landscape, config, as_of)
    return {"people": run(landscape, as_of=as_of, config=config, _facts=f),
            "roles per organisation": organisations(landscape, as_of=as_of, config=config,
                                              _facts=f),
            "bus factor": bus_factor(landscape, as_of=as_of, config=config, top=top,
                                     _facts=f)}
