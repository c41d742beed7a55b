"""What the generator returns (:class:`DemoFiles`, :class:`MessyCell`) and the records it
builds in memory, with the ground truth read off them (:func:`ground_truth`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ea.demo.vocabulary import (
    AS_OF,
    BIZTALK,
    DEP_LEVELS,
    DEP_TYPES,
    HUBS,
    IN_HOUSE,
    INTEGRATIONS_FILE,
    LIFECARE,
    LISA_FILE,
    NATIONAL,
    NATIONAL_HUBS,
    NEAR_MISS,
    PEOPLE_FILE,
    REGION,
    ROLES_FILE,
    SYSTEMS_FILE,
    TRIMBEL,
    UNRESOLVED_NAMES,
    WSO2,
)


# ------------------------------------------------------------------------------ results
@dataclass(frozen=True)
class MessyCell:
    """One deliberately planted oddity: where it is and what kind it is.

    ``row`` is the 1-based row in the sheet or the 1-based line in the CSV file (the header is
    row 1, so the first data row is 2).
    """

    file: str
    sheet: str | None
    row: int
    column: str
    value: str
    kind: str


@dataclass
class DemoFiles:
    """The written files and the ground truth planted in them.

    Names refer to ``Systemnamn`` as written in the inventory; pairs of dependencies are
    ``(dependent, dependency)``: the arrow dependency -> dependent, written in the
    dependency's *Beroende till* and the dependent's *Beroende från*;
    ``one_sided_dependencies`` adds which end alone records it (``dependent``/``provider``);
    ``dependency_details`` gives the criticality (1-4) and integration types each
    dependency's cell states (for disagreements: the dependent's). ``direction_conflicts``
    are pairs whose two rows each list the other under *Beroende till* (two edges; not in
    ``dependency_pairs``, counted in ``n_dependencies``). Integrations are counted as distinct system pairs across the
    inventory's dependency cells and ``integrationer.csv`` (the two never state the same
    pair).
    """

    out_dir: Path
    systemforteckning: Path
    integrationer: Path
    roller: Path
    personal: Path
    lisa: Path
    size: int
    seed: int
    as_of: dt.date = AS_OF
    n_systems: int = 0
    national_services: tuple[str, ...] = ()
    n_objects: int = 0
    n_people: int = 0
    n_dependencies: int = 0
    n_integration_rows: int = 0
    n_integrations: int = 0
    hubs: tuple[str, ...] = HUBS
    national_hubs: tuple[str, ...] = NATIONAL_HUBS
    integration_platforms: tuple[str, ...] = (WSO2, BIZTALK)
    n_via_rows: int = 0
    orphans: tuple[str, ...] = ()
    unowned: tuple[str, ...] = ()
    n_blank_owner: int = 0
    objects_without_roles: tuple[str, ...] = ()
    n_vacant_role_cells: int = 0
    ended_people: tuple[str, ...] = ()
    on_leave_people: tuple[str, ...] = ()
    inactive_role_holders: tuple[str, ...] = ()
    dual_role: tuple[str, str] = ("", "")
    duplicate_products: dict[str, tuple[str, ...]] = field(default_factory=dict)
    ageing: tuple[str, ...] = ()
    ageing_hub_dependants: tuple[tuple[str, str], ...] = ()
    in_house: tuple[str, ...] = ()
    names_with_commas: tuple[str, ...] = (TRIMBEL, LIFECARE)
    dependency_pairs: tuple[tuple[str, str], ...] = ()
    dependency_details: tuple[tuple[str, str, int, tuple[str, ...]], ...] = ()
    one_sided_dependencies: tuple[tuple[str, str, str], ...] = ()
    dependency_disagreements: tuple[tuple[str, str, str], ...] = ()
    direction_conflicts: tuple[tuple[str, str], ...] = ()
    unresolved_references: tuple[tuple[str, str], ...] = ()
    near_misses: tuple[tuple[str, str, str], ...] = ()
    n_classified: int = 0
    unclassified: tuple[str, ...] = ()
    krt_rows: tuple[str, ...] = ()
    stale_classifications: tuple[str, ...] = ()
    messy_cells: tuple[MessyCell, ...] = ()
    value_counts: dict[str, int] = field(default_factory=dict)

    @property
    def paths(self) -> tuple[Path, ...]:
        """Every written file, in a fixed order."""
        return (self.systemforteckning, self.integrationer, self.roller, self.personal, self.lisa)

    def summary(self) -> str:
        """A few lines saying what was generated."""
        return "\n".join(
            (
                f"{REGION} (size={self.size}, seed={self.seed}) in {self.out_dir}:",
                f"  {self.n_systems} systems + {len(self.national_services)} national services, "
                f"{self.n_objects} förvaltningsobjekt, {self.n_people} people",
                f"  {self.n_integrations} integrations ({self.n_dependencies} in dependency cells, "
                f"{self.n_integration_rows} rows in {INTEGRATIONS_FILE}); hubs: "
                + ", ".join(self.hubs),
                f"  {len(self.unowned)} unowned systems ({len(self.orphans)} orphans), "
                f"{len(self.objects_without_roles)} objects without roles, "
                f"{len(self.inactive_role_holders)} role holders inactive in HR (ended or on leave)",
                f"  {len(self.ageing)} ageing systems (as of {self.as_of.isoformat()}), "
                f"{len(self.unclassified)} systems without classification",
            )
        )


# ------------------------------------------------------------------------------ internals
@dataclass
class _System:
    name: str
    admin: str
    vendor: str
    product: str
    description: str
    word: str = ""
    obj: int | None = None  # index into objects
    core: bool = False
    owners: list[int] = field(default_factory=list)  # people indices
    owner_sep: str = ", "
    ageing: str = ""  # "", support_passed, support_soon, retire_soon, retired
    lifecycle: str = ""
    sid: str = ""
    row: int = 0  # 1-based sheet row


@dataclass
class _Object:
    name: str
    admin: str
    systems: list[int] = field(default_factory=list)
    # role -> list of people indices; None = "Vakant"; [] = blank
    roles: dict[str, list[int] | None] = field(default_factory=dict)


@dataclass
class _Person:
    first: str
    last: str
    email: str
    admin: str
    status: str = "Aktiv"

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


def ground_truth(g, out: Path, paths: dict[str, Path], size: int, seed: int) -> DemoFiles:
    n = len(g.systems)
    national_names = tuple(row[1] for row in NATIONAL)

    def nm(idx: int) -> str:
        return g.systems[idx].name if idx < n else national_names[idx - n]

    def has_owner_person(obj: _Object) -> bool:
        return bool(obj.roles.get("Objektägare"))

    orphans = tuple(s.name for i, s in enumerate(g.systems) if i in g.orphan_idx)
    unowned = tuple(
        s.name for s in g.systems
        if not s.owners and (s.obj is None or not has_owner_person(g.objects[s.obj]))
    )
    products: dict[str, list[str]] = {}
    admins_of: dict[str, set[str]] = {}
    for s in g.systems:
        if s.product:
            products.setdefault(s.product, []).append(s.name)
            admins_of.setdefault(s.product, set()).add(s.admin)
    dup = {p: tuple(names) for p, names in sorted(products.items()) if len(admins_of[p]) > 1}
    ended = tuple(p.email for p in g.people if p.status == "Avslutad")
    leave = tuple(p.email for p in g.people if p.status == "Tjänstledig")
    holders_inactive = tuple(
        p.email for i, p in enumerate(g.people) if p.status != "Aktiv" and i in g.role_holders
    )
    deps = tuple((nm(a), nm(b)) for a, b, *_ in g.deps)
    one_sided = tuple((nm(a), nm(b), w) for a, b, _c, _t, w in g.deps
                      if w in ("dependent", "provider"))
    details = tuple((nm(a), nm(b), DEP_LEVELS[c], DEP_TYPES[t]) for a, b, c, t, _w in g.deps)
    disagreements = tuple(
        (nm(a), nm(b), "type" if w == "disagree_type" else "criticality")
        for a, b, _c, _t, w in g.deps if w.startswith("disagree")
    )
    counts = dict(sorted(g.counts.items()))
    counts["contract_text"] = sum(1 for m in g.messy if m.kind == "contract_text")
    dual_obj, dual_person = g.dual
    return DemoFiles(
        out_dir=out,
        systemforteckning=paths[SYSTEMS_FILE],
        integrationer=paths[INTEGRATIONS_FILE],
        roller=paths[ROLES_FILE],
        personal=paths[PEOPLE_FILE],
        lisa=paths[LISA_FILE],
        size=size,
        seed=seed,
        n_systems=n,
        national_services=national_names,
        n_objects=len(g.objects),
        n_people=len(g.people),
        n_dependencies=len(g.deps) + len(g.direction_conflicts),
        n_integration_rows=len(g.rows),
        n_integrations=len(g.deps) + len(g.direction_conflicts) + len(g.rows),
        n_via_rows=g.counts["integration_via_rows"],
        orphans=orphans,
        unowned=unowned,
        n_blank_owner=sum(1 for s in g.systems if not s.owners),
        objects_without_roles=tuple(g.objects[i].name for i in sorted(g.no_roles)),
        n_vacant_role_cells=g.counts["role_vakant"],
        ended_people=ended,
        on_leave_people=leave,
        inactive_role_holders=holders_inactive,
        dual_role=(g.objects[dual_obj].name, g.people[dual_person].email),
        duplicate_products=dup,
        ageing=tuple(s.name for s in g.systems if s.ageing),
        ageing_hub_dependants=tuple(g.ageing_hub),
        in_house=tuple(s.name for s in g.systems if s.vendor == IN_HOUSE),
        dependency_pairs=deps,
        dependency_details=details,
        one_sided_dependencies=one_sided,
        dependency_disagreements=disagreements,
        direction_conflicts=tuple((nm(a), nm(b)) for a, b in g.direction_conflicts),
        unresolved_references=tuple(
            (nm(i), ref) for i, ref in zip(g.unresolved_at, UNRESOLVED_NAMES, strict=True)
        ),
        near_misses=((nm(g.near_miss_at), NEAR_MISS[0], NEAR_MISS[1]),),
        n_classified=g.n_classified,
        unclassified=tuple(g.unclassified),
        krt_rows=tuple(g.krt_rows),
        stale_classifications=tuple(g.stale),
        messy_cells=tuple(g.messy),
        value_counts=counts,
    )


# ------------------------------------------------------------------------------ the country
@dataclass
class CountryFiles:
    """The files of a synthetic country (:func:`ea.demo.generate_country`) and the ground
    truth planted in them.

    Integrations are counted as distinct system pairs (the generator never states a pair
    twice) and split by where they run: ``n_internal`` inside one organisation (dependency
    cells and integration lists), ``n_cross`` between two organisations, ``n_national``
    with a national service. ``rows`` is what the import ledger must count per file label
    (``<file>[<sheet>]`` for workbooks). ``national_partners`` is, per national service,
    how many nodes it links to in the between-organisations graph of ``ea hubs --scope
    between`` (each förvaltning one node, each national service its own, integrations
    through a platform drawn through it).
    """

    out_dir: Path
    paths: tuple[Path, ...]
    size: int
    seed: int
    as_of: dt.date = AS_OF
    with_ids: bool = True
    regions: tuple[str, ...] = ()
    municipalities: tuple[str, ...] = ()
    counties: dict[str, tuple[str, ...]] = field(default_factory=dict)
    systems_per_organisation: dict[str, int] = field(default_factory=dict)
    n_systems: int = 0
    national_services: tuple[str, ...] = ()
    national_platform: str = ""
    regional_platforms: tuple[str, ...] = ()
    municipal_platforms: tuple[str, ...] = ()
    hubs: dict[str, tuple[str, ...]] = field(default_factory=dict)
    n_objects: int = 0
    n_people: int = 0
    n_integrations: int = 0
    n_internal: int = 0
    n_cross: int = 0
    n_national: int = 0
    n_dependencies: int = 0
    n_integration_rows: int = 0
    n_one_sided: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    orphans: tuple[str, ...] = ()
    unowned: tuple[str, ...] = ()
    ageing: tuple[str, ...] = ()
    unclassified: tuple[str, ...] = ()
    stale_classifications: tuple[str, ...] = ()
    ended_people: tuple[str, ...] = ()
    on_leave_people: tuple[str, ...] = ()
    inactive_role_holders: tuple[str, ...] = ()
    n_vacant_role_cells: int = 0
    unresolved_role_rows: tuple[tuple[str, str], ...] = ()
    national_partners: dict[str, int] = field(default_factory=dict)

    @property
    def organisations(self) -> tuple[str, ...]:
        return self.regions + self.municipalities

    @property
    def cross_share(self) -> float:
        """Share of integrations between two organisations."""
        return self.n_cross / self.n_integrations if self.n_integrations else 0.0

    @property
    def national_share(self) -> float:
        return self.n_national / self.n_integrations if self.n_integrations else 0.0

    def summary(self) -> str:
        return "\n".join((
            f"A country of {len(self.regions)} regions and {len(self.municipalities)} "
            f"municipalities (size={self.size}, seed={self.seed}) in {self.out_dir}:",
            f"  {self.n_systems} systems + {len(self.national_services)} national services, "
            f"{self.n_objects} förvaltningsobjekt, {self.n_people} people, "
            f"{len(self.paths)} files",
            f"  {self.n_integrations} integrations: {self.n_internal} inside an organisation, "
            f"{self.n_cross} between two ({self.cross_share:.1%}), {self.n_national} with a "
            f"national service ({self.national_share:.1%})",
            f"  platforms: {len(self.regional_platforms)} regional, "
            f"{len(self.municipal_platforms)} municipal, and {self.national_platform}",
            f"  {len(self.unowned)} unowned systems ({len(self.orphans)} in no object), "
            f"{len(self.ageing)} ageing, {len(self.unclassified)} without classification",
        ))


def country_truth(g, out: Path, paths: list[Path]) -> CountryFiles:
    """The ground truth of a built and written :class:`ea.demo.country.CountryGen`."""
    from ea.demo import country_vocabulary as CV

    n = g.n_local
    systems = g.systems

    def has_owner_person(obj: _Object) -> bool:
        return bool(obj.roles.get("Objektägare"))

    unowned = tuple(
        s.name for s in systems
        if not s.owners and (s.obj is None or not has_owner_person(g.objects[s.obj])))
    rows: dict[str, int] = {f"{CV.NATIONAL_FILE}[Nationella tjänster]": len(CV.NATIONAL_SERVICES)}
    counties: dict[str, list[str]] = {}
    unclassified = set(g.unclassified)
    for org in g.orgs:
        p = g.paths_of(out, org)
        rows[f"{p['systems'].name}[Systemförteckning]"] = len(org.systems)
        rows[p["integrations"].name] = len(org.rows)
        rows[p["roles"].name] = len(org.objects)
        rows[p["people"].name] = len(org.people)
        rows[f"{p['lisa'].name}[Klassning]"] = len(org.systems) - sum(
            1 for i in org.systems if systems[i].name in unclassified)
        if "owners" in p:
            rows[p["owners"].name] = max(2, round(0.2 * org.size))
        if org.kind == "kommun":
            counties.setdefault(g.orgs[org.county].name, []).append(org.name)

    def group(i: int):
        if i >= n:
            return i
        return (g.org_of[i], systems[i].admin)

    adj: dict = {}
    for org in g.orgs:
        hops = [(b, a) for a, b, *_ in org.deps]
        for a, b, via, *_ in org.rows:
            hops += [(a, via), (via, b)] if via is not None else [(a, b)]
        for x, y in hops:
            gx, gy = group(x), group(y)
            if gx != gy:
                adj.setdefault(gx, set()).add(gy)
                adj.setdefault(gy, set()).add(gx)
    national = tuple(row[1] for row in CV.NATIONAL_SERVICES)
    n_deps = sum(len(o.deps) for o in g.orgs)
    n_rows = sum(len(o.rows) for o in g.orgs)
    return CountryFiles(
        out_dir=out,
        paths=tuple(paths),
        size=g.size,
        seed=g.seed,
        with_ids=g.with_ids,
        regions=tuple(o.name for o in g.orgs if o.kind == "region"),
        municipalities=tuple(o.name for o in g.orgs if o.kind == "kommun"),
        counties={k: tuple(v) for k, v in counties.items()},
        systems_per_organisation={o.name: len(o.systems) for o in g.orgs},
        n_systems=n,
        national_services=national,
        national_platform=CV.NATIONAL_PLATFORM,
        regional_platforms=tuple(systems[o.platform].name for o in g.orgs
                                 if o.kind == "region"),
        municipal_platforms=tuple(systems[o.platform].name for o in g.orgs
                                  if o.kind == "kommun" and o.platform is not None),
        hubs={o.name: tuple(systems[i].name for i in o.hubs) for o in g.orgs},
        n_objects=len(g.objects),
        n_people=len(g.people),
        n_integrations=n_deps + n_rows,
        n_internal=g.kind_of_edge["internal"],
        n_cross=g.kind_of_edge["cross"],
        n_national=g.kind_of_edge["national"],
        n_dependencies=n_deps,
        n_integration_rows=n_rows,
        n_one_sided=sum(1 for o in g.orgs for *_x, w in o.deps if w != "both"),
        rows=rows,
        orphans=tuple(systems[i].name for i in sorted(g.orphans)),
        unowned=unowned,
        ageing=tuple(s.name for s in systems if s.ageing),
        unclassified=tuple(g.unclassified),
        stale_classifications=tuple(g.stale),
        ended_people=tuple(p.email for p in g.people if p.status == "Avslutad"),
        on_leave_people=tuple(p.email for p in g.people if p.status == "Tjänstledig"),
        inactive_role_holders=tuple(p.email for i, p in enumerate(g.people)
                                    if p.status != "Aktiv" and i in g.role_holders),
        n_vacant_role_cells=g.counts["role_vakant"],
        unresolved_role_rows=tuple(g.unresolved_rows),
        national_partners={name: len(adj.get(n + j, ())) for j, name in enumerate(national)},
    )
