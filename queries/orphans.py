"""Orphan objects: systems and förvaltningsobjekt without a working owner or manager.

Every gap is reported in a named class (the ``code``), not as one flag, and ranked by what is
at stake so the list starts with what matters: the severity is the worst of the subject's
criticality (4 critical, 3 high, 2 medium), classification (max effective K/R/T: 4 critical,
3 high, 2 medium) and integrations (at least ``hub_integrations`` high, any medium), else low;
within a severity, rows run from the most critical, most classified, most integrated down.
Retired systems are skipped; roles are judged with inheritance (a system without a role of
its own inherits its object's holder, and ``inherited_from`` says so).

Finding codes
-------------
``no_object_no_roles``
    A system in no förvaltningsobjekt and with no roles of its own (nobody to inherit from;
    its mandatory roles are not reported again). Ranked.
``missing_role``
    A mandatory role (``role``) is held by nobody on an object or system, and not recorded
    as vacant. Ranked.
``vacant_role``
    A role recorded as vacant ("Vakant", or a title with no person) and held by nobody.
    Ranked for mandatory roles, ``low`` for others.
``inactive_holder``
    A mandatory role held only by people who are inactive or absent in the imported people
    list (the holder has left). Only judged when a people list was imported
    (``landscape.meta["people_lists"]``). Ranked.
``no_owning_organisation``
    No owning organisation (OWNED_BY), neither the system's own nor its object's. Ranked,
    at most ``high``.
``multiple_owning_boards``
    More than one owning board (nämnd/bolag) for one system or object: a digital service must
    have exactly one owner. Owners are grouped to their board (the nearest ancestor whose
    ``org_kind`` is in ``board_kinds``); owners on one line of the hierarchy count once.
    Ranked, at least ``medium``.
``owner_is_it_manager``
    The same person is object owner and IT manager, when ``forbid_owner_as_it_manager``.
    Ranked, at most ``medium``.
``external_system``
    A system not owned locally (national service, ``external``). Its own class, never a local
    failure: ``low`` when local systems integrate with it and nobody locally holds a role
    on it (no local contact), else ``info``.
``placeholder_system``
    A system referenced (in an integration or dependency cell) but never defined in any
    inventory. ``low``.

Columns
-------
subject, name, code, severity, reason
    The standard finding columns (subject is the node key).
kind
    ``System`` or ``Object``.
role
    The pm3 role concerned (``missing_role``, ``vacant_role``, ``inactive_holder``).
people
    Role holders concerned ("Name <email>"), e.g. the inactive holders or the person holding
    both roles.
inherited_from
    The object a system's role (or vacancy) is inherited from.
organisations
    Owning organisations (the object's when the system has none of its own).
objects
    The system's förvaltningsobjekt.
criticality, classification, integrations
    What ranks the row: criticality 1-4, max effective K/R/T, number of integrations
    (for an object: over its systems).
nobody
    The subject has no person in any role, neither its own nor its object's.

The listing (issue 12, point 7)
-------------------------------
When no imported source records a mandatory role at all (a register with no object-owner
column), one row per system saying so would bury the real cases. :func:`notices` says it
once ("no source records an object owner; N systems lack one: ..."), and :func:`leading`
gives the default terminal listing: those ``missing_role`` rows left out, and the subjects
with no person at all first, ranked by criticality and integrations. ``ea orphans --all``
and the xlsx keep every row.

Config (section ``orphans``)
----------------------------
``mandatory_roles`` (default ``[object_owner, business_manager, it_manager]``),
``forbid_owner_as_it_manager`` (default ``true``), ``hub_integrations`` (default ``10``),
``board_kinds`` (default ``[nämnd, bolag, styrelse, board]``).

Examples
--------
>>> import datetime as dt
>>> from ea.landscape import Landscape
>>> from ea.queries import orphans
>>> ls = Landscape()
>>> _ = ls.add_system("x", name="Lonely", criticality=4)
>>> df = orphans.run(ls, as_of=dt.date(2026, 11, 25))
>>> df[["name", "code", "severity"]].values.tolist()
[['Lonely', 'no_object_no_roles', 'critical'], ['Lonely', 'no_owning_organisation', 'high']]
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ea import schema
from ea.config import Config
from ea.derived import roles as roles_mod
from ea.landscape import Landscape
from ea.schema import OBJECT, SYSTEM

from . import _governance_common as gc
from . import register

DEFAULTS = {
    "mandatory_roles": list(schema.DEFAULT_MANDATORY_ROLES),
    "forbid_owner_as_it_manager": True,
    "hub_integrations": 10,
    "board_kinds": ["nämnd", "bolag", "styrelse", "board"],
}

COLUMNS = ["kind", "role", "people", "inherited_from", "organisations", "objects",
           "criticality", "classification", "integrations", "nobody"]

CODES = ("no_object_no_roles", "missing_role", "vacant_role", "inactive_holder",
         "no_owning_organisation", "multiple_owning_boards", "owner_is_it_manager",
         "external_system", "placeholder_system")

#: The classes of "no working object owner" (``unowned``), as the map and the summary count.
UNOWNED_CLASSES = roles_mod.UNOWNED_CLASSES


def settings(config: Config | None) -> dict:
    sec = gc.config_or_default(config).section("orphans", DEFAULTS)
    for role in sec["mandatory_roles"]:
        if role not in schema.ROLES:
            from ea.errors import ConfigError

            raise ConfigError(f"orphans.mandatory_roles: unknown role '{role}' "
                              f"(known: {', '.join(schema.ROLES)})")
    return sec


def _role_label(role: str) -> str:
    return schema.ROLES[role].label.lower() if role in schema.ROLES else role


def boards_of(ls: Landscape, owners: list[str], board_kinds) -> list[str]:
    """The distinct owning boards of a list of owning organisations."""
    kinds = {str(k).casefold() for k in board_kinds}
    boards = set()
    for o in owners:
        chain = gc.org_chain(ls, o)
        boards.add(next((c for c in chain
                         if str(ls.node(c).get("org_kind") or "").casefold() in kinds), o))
    chains = {b: gc.org_chain(ls, b) for b in boards}
    return sorted(b for b in boards if not any(b != c and b in chains[c] for c in boards))


def _subjects(ls: Landscape) -> list[str]:
    objects = [k for k, _ in ls.nodes(OBJECT)]
    systems = [k for k, d in ls.nodes(SYSTEM) if not gc.is_retired(d)]
    return objects + systems


FACT_COLUMNS = ("subject", "code", "role", "people", "inherited_from", "as_written", "boards")


def _fact(subject: str, code: str, *, role: str | None = None, people=(),
          inherited_from: str | None = None, as_written: str | None = None,
          boards=()) -> dict:
    return {"subject": subject, "code": code, "role": role, "people": sorted(people),
            "inherited_from": inherited_from, "as_written": as_written,
            "boards": sorted(boards)}


def _written(vac: dict) -> str:
    return str(vac.get("raw") or vac.get("title") or "vacant")


def fact_params(ls: Landscape, cfg: dict) -> dict:
    """The parameters of the facts."""
    return {"mandatory_roles": list(cfg["mandatory_roles"]),
            "board_kinds": [str(k) for k in cfg["board_kinds"]],
            "forbid_owner_as_it_manager": bool(cfg["forbid_owner_as_it_manager"]),
            "judge_people": gc.people_judged(ls)}


def facts(ls: Landscape, params: dict) -> list[dict]:
    """The findings as facts, one row per finding (columns :data:`FACT_COLUMNS`): which
    subject, which class, which role and people, the object a role or vacancy comes from, a
    vacancy as written, the owning boards. :func:`finish` ranks and words them."""
    ls = gc.lookups(ls)
    mandatory = list(params["mandatory_roles"])
    out: list[dict] = []
    for key in _subjects(ls):
        d = ls.node(key)
        kind = d["kind"]
        if kind == SYSTEM and d.get("external"):
            out.append(_fact(key, "external_system",
                             people={r["person"] for r in ls.roles_of(key)}))
            continue
        if kind == SYSTEM and d.get("placeholder"):
            out.append(_fact(key, "placeholder_system"))
            continue
        roles = ls.roles_of(key)
        if roles_mod.nobody_at_all(ls, key):
            out.append(_fact(key, "no_object_no_roles"))
        else:
            for role in mandatory:
                gap = roles_mod.role_gap(ls, key, role)
                if gap is None:
                    continue
                vac = gap["vacancy"]
                out.append(_fact(key, gap["code"], role=role, people=gap["people"],
                                 inherited_from=gap["inherited_from"],
                                 as_written=_written(vac) if vac is not None else None))
        held = {r["role"] for r in roles}
        for vac in d.get("vacant_roles") or []:
            role = vac.get("role")
            if role in mandatory or role in held:
                continue
            out.append(_fact(key, "vacant_role", role=role, as_written=_written(vac)))
        owners = gc.effective_owners(ls, key)
        if not owners:
            out.append(_fact(key, "no_owning_organisation"))
        else:
            boards = boards_of(ls, owners, params["board_kinds"])
            if len(boards) > 1:
                out.append(_fact(key, "multiple_owning_boards", boards=boards))
        if params["forbid_owner_as_it_manager"]:
            both = set(gc.holders_of(ls, key, "object_owner")) & set(
                gc.holders_of(ls, key, "it_manager"))
            if both:
                out.append(_fact(key, "owner_is_it_manager", people=both))
    return out


def finish(ls: Landscape, rows: list[dict], cfg: dict, scope: gc.Scope) -> pd.DataFrame:
    """Fact rows (from :func:`facts`) as the findings frame: severity
    from what is at stake, the reason in plain words, the context columns, the filters and
    the order. Shared by both backends."""
    ls = gc.lookups(ls)
    counts = gc.integration_counts(ls)
    mandatory = list(cfg["mandatory_roles"])
    hub = int(cfg["hub_integrations"])
    code_rank = {c: i for i, c in enumerate(CODES)}

    def order(f):
        role = f.get("role")
        rank = mandatory.index(role) if role in mandatory else len(mandatory)
        return (f["subject"], code_rank.get(f["code"], len(CODES)), rank, role or "")

    bases: dict[str, tuple[dict, str, int]] = {}

    def base_of(key):
        if key not in bases:
            kind = ls.node(key)["kind"]
            crit, cls, n = gc.weight(ls, key, counts)
            objects = ls.objects_of(key) if kind == SYSTEM else []
            bases[key] = ({
                "subject": key, "name": ls.name(key), "kind": kind, "role": None,
                "people": [], "inherited_from": None,
                "organisations": [gc.org_label(ls, o) for o in gc.effective_owners(ls, key)],
                "objects": [ls.name(o) for o in objects], "criticality": crit,
                "classification": cls, "integrations": n,
                "nobody": (not ls.roles_of(key) and kind in (SYSTEM, OBJECT)
                           and gc.is_local(ls.node(key))),
                "_related": [key, *objects, *[r["person"] for r in ls.roles_of(key)]]},
                gc.ranked_severity(crit, cls, n, hub_integrations=hub), n)
        return bases[key]

    out: list[dict] = []
    for f in sorted(rows, key=order):
        key, code, role = f["subject"], f["code"], f.get("role")
        if key not in ls:
            continue
        base, ranked, n = base_of(key)
        people = sorted(f.get("people") or [])
        inh = f.get("inherited_from")
        where = f" (inherited from {ls.name(inh)})" if inh else ""
        labels = [gc.person_label(ls, p) for p in people]
        extra: dict = {}
        if code == "external_system":
            sev = "low" if n and not people else "info"
            reason = (f"external system (not owned locally); {n} integration(s); local "
                      f"contact: {', '.join(labels) or 'none'}")
            extra = {"people": labels}
        elif code == "placeholder_system":
            sev, reason = "low", f"referenced but never defined in an inventory; {n} integration(s)"
        elif code == "no_object_no_roles":
            sev = ranked
            reason = "in no förvaltningsobjekt and no roles of its own: nobody answers for it"
        elif code == "inactive_holder":
            sev = ranked
            why = "; ".join(f"{ls.name(p)}: {gc.person_gone(ls, p)}" for p in people)
            reason = (f"{_role_label(role)} held only by people who have left ({why}){where}")
            extra = {"role": role, "people": labels,
                     "inherited_from": ls.name(inh) if inh else None}
        elif code == "vacant_role" and role in mandatory:
            sev = ranked
            reason = f"{_role_label(role)} recorded as vacant ('{f.get('as_written')}'){where}"
            extra = {"role": role, "inherited_from": ls.name(inh) if inh else None}
        elif code == "vacant_role":
            sev = "low"
            reason = f"{_role_label(role)} recorded as vacant ('{f.get('as_written')}')"
            extra = {"role": role}
        elif code == "missing_role":
            sev = ranked
            objects = ls.objects_of(key) if base["kind"] == SYSTEM else []
            none_on = (f", neither its own nor on {', '.join(ls.name(o) for o in objects)}"
                       if objects else "")
            reason = f"no {_role_label(role)}{none_on}"
            extra = {"role": role}
        elif code == "no_owning_organisation":
            sev = gc.cap(ranked, "high")
            reason = "no owning organisation (nämnd, bolag or förvaltning)"
        elif code == "multiple_owning_boards":
            boards = sorted(f.get("boards") or [])
            sev = gc.at_least(ranked, "medium")
            reason = (f"owned by {len(boards)} boards ({', '.join(ls.name(b) for b in boards)}); "
                      "a digital service must have exactly one owner")
        elif code == "owner_is_it_manager":
            sev = gc.cap(ranked, "medium")
            reason = f"{', '.join(ls.name(p) for p in people)} is both object owner and IT manager"
            extra = {"people": labels}
        else:  # pragma: no cover - a code the finishing step does not know
            continue
        out.append({**base, "_related": list(base["_related"]), "code": code, "severity": sev,
                    "reason": reason, **extra})
    out = gc.apply_scope(out, scope)
    return gc.frame(out, COLUMNS, desc=("criticality", "classification", "integrations"),
                    asc=("kind",))


def unrecorded_roles(ls: Landscape, config: Config | None = None) -> list[str]:
    """The mandatory roles that no imported source records at all (no holder, no vacancy)."""
    return [r for r in settings(config)["mandatory_roles"] if not roles_mod.role_recorded(ls, r)]


def notices(ls: Landscape, findings: pd.DataFrame, config: Config | None = None) -> list[str]:
    """One line per mandatory role no source records, with how many systems lack it."""
    out = []
    for role in unrecorded_roles(ls, config):
        gap = findings[((findings["code"] == "missing_role") & (findings["role"] == role))
                       | (findings["code"] == "no_object_no_roles")]
        n = int((gap["kind"] == SYSTEM).sum())
        m = int((gap["kind"] == OBJECT).sum())
        objs = f" (and {m} förvaltningsobjekt)" if m else ""
        out.append(f"no source records an {_role_label(role)}; {n} systems{objs} lack one: "
                   "import a role list or change `mandatory_roles`")
    return out


def leading(findings: pd.DataFrame, hidden_roles: list[str] | tuple[str, ...] = ()
            ) -> tuple[pd.DataFrame, int]:
    """The default listing: the ``missing_role`` rows of ``hidden_roles`` (the roles no
    source records, said once by :func:`notices`) left out, then the rows about subjects with
    no person at all first, most critical and most integrated first; the rest as ranked.
    Returns the listing and the number of rows left out."""
    if findings.empty:
        return findings, 0
    drop = (findings["code"] == "missing_role") & findings["role"].isin(list(hidden_roles))
    keep = findings[~drop]
    nobody = keep["nobody"].astype(bool)
    first = keep[nobody].assign(
        _c=pd.to_numeric(keep.loc[nobody, "criticality"], errors="coerce").fillna(-1),
        _i=pd.to_numeric(keep.loc[nobody, "integrations"], errors="coerce").fillna(-1))
    first = first.sort_values(["_c", "_i"], ascending=[False, False],
                              kind="stable").drop(columns=["_c", "_i"])
    out = pd.concat([first, keep[~nobody]]).reset_index(drop=True)
    return out, int(drop.sum())


@register("orphans", "Systems and objects without a working owner or manager, in named classes")
@gc.collector_paused()
def run(landscape: Landscape, *, as_of: dt.date, config: Config | None = None,
        organisation: str | None = None, object: str | None = None,  # noqa: A002
        person: str | None = None) -> pd.DataFrame:
    """Find orphan systems and objects.

    Parameters
    ----------
    landscape : Landscape
    as_of : datetime.date
        Not used by the rules themselves (they judge the current state) but accepted like
        every query's.
    config : ea.config.Config, optional
        Section ``orphans`` (see the module docstring).
    organisation, object, person : str, optional
        Filters: an organisation (and those below it), a förvaltningsobjekt (and its
        systems), a person (and what they hold a role on).

    Returns
    -------
    pandas.DataFrame
        One row per finding; columns in the module docstring.
    """
    ls = gc.lookups(landscape)
    cfg = settings(config)
    scope = gc.Scope(ls, organisation=organisation, object=object, person=person)
    params = fact_params(ls, cfg)
    rows = facts(ls, params)
    return finish(ls, rows, cfg, scope)


@gc.collector_paused()
def summary(landscape: Landscape, findings: pd.DataFrame | None = None, *, as_of: dt.date,
            config: Config | None = None, organisation: str | None = None,
            object: str | None = None, person: str | None = None) -> pd.DataFrame:  # noqa: A002
    """Per owning organisation: how many local systems, how many unowned and the share.

    Columns: ``organisation`` (node key, empty for "no organisation"), ``name`` (path),
    ``systems`` (local, not retired systems it owns, directly or through the object),
    ``unowned`` (no working object owner, :func:`ea.derived.roles.unowned_class`: in no
    object and no roles, or the object owner missing, vacant or gone), ``share_unowned``
    (0-1), ``incomplete`` (any orphan finding on a mandatory role or ownership),
    ``share_incomplete``, ``findings`` (orphan findings on its systems). A system owned by
    two boards counts under both. Sorted by share unowned, highest first.
    """
    ls = gc.lookups(landscape)
    if findings is None:
        findings = run(ls, as_of=as_of, config=config, organisation=organisation,
                       object=object, person=person)
    scope = gc.Scope(ls, organisation=organisation, object=object, person=person)
    unowned = {k for k in gc.local_systems(ls) if roles_mod.unowned_class(ls, k)}
    incomplete_codes = ("no_object_no_roles", "missing_role", "vacant_role", "inactive_holder",
                        "no_owning_organisation", "multiple_owning_boards")
    incomplete = set(findings.loc[findings["code"].isin(incomplete_codes), "subject"])
    per_subject = findings.groupby("subject").size().to_dict() if len(findings) else {}
    groups: dict[str, list[str]] = {}
    for key in gc.local_systems(ls):
        if scope.active and not scope.keep([key, *[r["person"] for r in ls.roles_of(key)]]):
            continue
        for org in gc.effective_owners(ls, key) or [""]:
            if scope.orgs is not None and org and org not in scope.orgs:
                continue
            groups.setdefault(org, []).append(key)
    rows = []
    for org, systems in groups.items():
        n = len(systems)
        u = sum(1 for s in systems if s in unowned)
        i = sum(1 for s in systems if s in incomplete)
        rows.append({"organisation": org, "name": gc.org_label(ls, org) if org else
                     "(no organisation)", "systems": n, "unowned": u,
                     "share_unowned": round(u / n, 3) if n else 0.0, "incomplete": i,
                     "share_incomplete": round(i / n, 3) if n else 0.0,
                     "findings": int(sum(per_subject.get(s, 0) for s in systems))})
    cols = ["organisation", "name", "systems", "unowned", "share_unowned", "incomplete",
            "share_incomplete", "findings"]
    df = pd.DataFrame(rows, columns=cols)
    if df.empty:
        return df
    return df.sort_values(["share_unowned", "unowned", "name"], ascending=[False, False, True],
                          kind="stable").reset_index(drop=True)
