"""A synthetic country shaped like Sweden: regions and municipalities, each with its own
exports, sharing national services (``ea demo --country``).

Each organisation writes the same five files the region demo writes (an inventory workbook
with dependency cells, an integration list in Windows-1252, a pm3 role list, an HR export, a
LISA-style classification register), named after it (``sandviks-kommun-integrationer.csv``)
in a folder of its own; ``nationella-tjanster.xlsx`` lists the national services (external).

**Scale.** At ``size`` >= 311 x 320 systems the country is whole: 21 regions and 290
municipalities. Below, the number of organisations is ``size / 320`` (at least 3), of which
regions take their Swedish share (21/311, at least one): 1,000 systems are one region and two
municipalities, 10,000 two regions and 29 municipalities. Regions hold 32 % of the systems,
municipalities the rest, each organisation's share drawn heavy-tailed (a few large cities,
many small municipalities), never below 60 (region) / 25 (municipality) systems.
Municipalities are grouped into counties, one per region.

**Shape.** Every organisation has its own administrations, core systems (economy, HR,
cases, directory; an EHR and a care-planning service in a region; care, school and building
permits in a municipality), hubs, förvaltningsobjekt, people and pm3 roles. Each region runs
a regional integration platform; the largest tenth of municipalities a municipal one. Of all
integrations, 8 % join a system with a national service (RIV-TA ones often through the
national message platform), 3 % join two organisations (a municipality with its own region
or another municipality of its county; a region with a municipality of its county or a
neighbouring region), the rest stay inside one organisation. Vacancies, blank role cells,
people who left or are on leave, systems in no object, missing and stale classifications,
ageing systems and one-sided dependency records occur at the region demo's rates.

System names carry the organisation's place (``Treserva omsorg Sandvik``), so every name is
unique in the country and every reference resolves by name as well as by ``System-ID``
(``K007-0042``): the import needs no ID column (``with_ids=False`` leaves it out). With
``unresolved_roles=True`` each organisation also writes a role list
(``<org>-systemagare.csv``: ``Systemnamn;Systemägare``) for a fifth of its systems, half of
whose rows name systems no inventory defines (each a placeholder and an ``unresolved``
entry): the two import cases the reliability issue measured.

Deterministic: the same arguments give byte-identical files. The ground truth comes back as
:class:`ea.demo.records.CountryFiles`.

Examples
--------
>>> import tempfile
>>> from ea.demo import generate_country
>>> c = generate_country(tempfile.mkdtemp(), size=1000, seed=1)
>>> len(c.regions), len(c.municipalities), c.n_systems
(1, 2, 1000)
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import random
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ea.demo import country_vocabulary as V
from ea.demo.generation import Gen
from ea.demo.records import CountryFiles, _Object, _Person, _System
from ea.demo.vocabulary import (
    _DURATIONS,
    _LEVEL_NAMES,
    _PREFIXES,
    _SUFFIXES,
    _VENDORS,
    AS_OF,
    CRITICALITY_PHRASES,
    FIRST_NAMES,
    IN_HOUSE,
    INTEGRATION_HEADERS,
    LAST_NAMES,
    LISA_HEADERS,
    LISA_SHEET,
    NATIONAL_HEADERS,
    NATIONAL_SHEET,
    PEOPLE_HEADERS,
    ROLE_HEADERS,
    SYSTEM_HEADERS,
    SYSTEMS_SHEET,
    _compound,
    ascii_fold,
)
from ea.demo.xlsx import _Xlsx
from ea.memory import collector_paused

MIN_COUNTRY_SIZE = 200
"""Smallest ``size`` of a country (three organisations at their smallest, and some)."""

OWNER_ROLE = "Objektägare"
BUSINESS_MANAGER = "Förvaltningsledare verksamhet"


def organisation_counts(size: int) -> tuple[int, int]:
    """How many regions and municipalities a country of ``size`` systems has.

    >>> organisation_counts(1000), organisation_counts(10_000), organisation_counts(100_000)
    ((1, 2), (2, 29), (21, 290))
    """
    full = V.FULL_REGIONS + V.FULL_MUNICIPALITIES
    n = max(3, min(full, round(size / V.SYSTEMS_PER_ORGANISATION)))
    regions = max(1, round(n * V.FULL_REGIONS / full))
    return regions, n - regions


@dataclass
class _Org:
    name: str
    kind: str  # "region" | "kommun"
    place: str
    code: str
    slug: str
    domain: str
    county: int  # index of its region in the list of organisations
    size: int
    systems: list[int] = field(default_factory=list)
    core: dict[str, int] = field(default_factory=dict)
    hubs: list[int] = field(default_factory=list)
    platform: int | None = None
    objects: list[int] = field(default_factory=list)
    people: list[int] = field(default_factory=list)
    # a, b, crit, type, where (a depends on b: the arrow b -> a)
    deps: list[tuple] = field(default_factory=list)
    rows: list[list] = field(default_factory=list)  # [from, to, via|None, type, freq, info, crit]
    others: list[int] = field(default_factory=list)  # systems that are not hubs
    cum: list[float] = field(default_factory=list)  # cumulative weights over ``others``


def _allocate(total: int, weights: list[float], minimum: int) -> list[int]:
    """``total`` split by ``weights``, each at least ``minimum`` (largest remainders)."""
    rest = total - minimum * len(weights)
    if rest < 0:
        raise ValueError("too few systems for the organisations")
    s = sum(weights)
    raw = [rest * w / s for w in weights]
    out = [int(x) for x in raw]
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - out[i]), i))
    for i in order[:rest - sum(out)]:
        out[i] += 1
    return [minimum + x for x in out]


class CountryGen:
    """Builds the country in memory, then writes it. One instance per generate_country()."""

    # the region demo's dates and dependency-cell details, drawn the same way
    _date = Gen._date
    _unique = Gen._unique  # the region's rules for a free name and a person cell
    _person_cell = Gen._person_cell
    _driftsatt = Gen._driftsatt
    _system_dates = Gen._system_dates
    _dep_details = Gen._dep_details

    def __init__(self, size: int, seed: int, integrations_per_system: float = 2.5, *,
                 with_ids: bool = True, unresolved_roles: bool = False) -> None:
        self.size = size
        self.seed = seed
        self.ips = integrations_per_system
        self.with_ids = with_ids
        self.unresolved_roles = unresolved_roles
        self.rng = random.Random(seed)
        self.detail_rng = random.Random(seed * 1_000_003 + 1)
        self.orgs: list[_Org] = []
        self.systems: list[_System] = []
        self.org_of: list[int] = []
        self.objects: list[_Object] = []
        self.people: list[_Person] = []
        self.person_org: list[int] = []
        self.taken: set[str] = {row[1].casefold() for row in V.NATIONAL_SERVICES}
        self.next_n: dict[str, int] = {}
        self.email_taken: set[str] = set()
        self.name_count: Counter[str] = Counter()
        self.counts: Counter[str] = Counter()
        self.used: set[tuple[int, int]] = set()
        self.kind_of_edge: Counter[str] = Counter()
        self.orphans: set[int] = set()
        self.no_roles: set[int] = set()
        self.unclassified: list[str] = []
        self.stale: list[str] = []
        self.unresolved_rows: list[tuple[str, str]] = []

    # .................................................................... organisations
    def build_organisations(self) -> None:
        rng = self.rng
        n_reg, n_mun = organisation_counts(self.size)
        names = V.places()
        rng.shuffle(names)
        reg_total = round(V.REGION_SHARE * self.size)
        # heavy-tailed like population, flattened (systems grow slower than population)
        reg_w = [1 + rng.paretovariate(1.5) ** 0.6 for _ in range(n_reg)]
        mun_w = [rng.paretovariate(1.16) ** 0.8 for _ in range(n_mun)]
        reg_sizes = _allocate(reg_total, reg_w, V.MIN_REGION_SYSTEMS)
        mun_sizes = _allocate(self.size - reg_total, mun_w, V.MIN_MUNICIPALITY_SYSTEMS)
        # a place gives one organisation: Dalå and Dalås would both be "Dalås kommun"
        free = iter(names)
        used: set[str] = set()

        def place_for(name_of) -> tuple[str, str]:
            for place in free:
                name = name_of(place)
                keys = {ascii_fold(place), ascii_fold(name)}
                if not keys & used:
                    used.update(keys)
                    return place, name
            raise ValueError("too few place names")  # pragma: no cover - 760 for 311

        for i in range(n_reg):
            place, name = place_for(lambda p: f"Region {p}")
            self.orgs.append(_Org(name, "region", place, f"R{i + 1:02d}",
                                  ascii_fold(name).replace(" ", "-"),
                                  f"region{ascii_fold(place)}.exempel.se", i, reg_sizes[i]))
        for j in range(n_mun):
            place, name = place_for(lambda p: p + ("" if p[-1] in "sxz" else "s") + " kommun")
            self.orgs.append(_Org(name, "kommun", place, f"K{j + 1:03d}",
                                  ascii_fold(name).replace(" ", "-"),
                                  f"{ascii_fold(place)}.exempel.se", j * n_reg // n_mun,
                                  mun_sizes[j]))
        muns = sorted((o for o in self.orgs if o.kind == "kommun"), key=lambda o: (-o.size, o.code))
        self.with_platform = {o.code for o in muns[:max(1, round(V.MUNICIPAL_PLATFORM_SHARE
                                                                 * len(muns)))]}

    # .................................................................... systems
    def _gen_name(self, word: str, place: str) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.4:
            base = f"{_compound(word)}system {place}"
        elif r < 0.6:
            base = f"{word} {rng.choice(_SUFFIXES)} {place}"
        elif r < 0.7:
            p = rng.choice(_PREFIXES)
            base = (f"{p}{word}" if p.endswith(" ") else f"{p}{word.capitalize()}") + f" {place}"
        else:
            base = f"{word} {place}"
        return self._unique(base)

    def _add_system(self, org_i: int, s: _System) -> int:
        idx = len(self.systems)
        self.systems.append(s)
        self.org_of.append(org_i)
        self.orgs[org_i].systems.append(idx)
        return idx

    def build_systems(self) -> None:
        rng = self.rng
        for oi, org in enumerate(self.orgs):
            region = org.kind == "region"
            spec = list(V.REGION_CORE if region else V.MUNICIPALITY_CORE)
            if org.code in self.with_platform:
                spec.append(V.MUNICIPAL_PLATFORM)
            for key, pattern, admin, obj, products, desc, hub in spec:
                vendor, product = rng.choice(products)
                name = self._unique(pattern.format(product=product, place=org.place))
                idx = self._add_system(oi, _System(name, admin, vendor, product, desc,
                                                   word=obj, core=True))
                org.core[key] = idx
                if hub:
                    org.hubs.append(idx)
                if key == "platform":
                    org.platform = idx
            admins = V.REGION_ADMINS if region else V.MUNICIPALITY_ADMINS
            weights = V.REGION_ADMIN_WEIGHTS if region else V.MUNICIPALITY_ADMIN_WEIGHTS
            n_gen = org.size - len(spec)
            for admin in rng.choices(admins, weights=weights, k=n_gen):
                word = rng.choice(V.DOMAIN_WORDS[admin])
                name = self._gen_name(word, org.place)
                vendor = IN_HOUSE if rng.random() < 0.01 else rng.choice(_VENDORS)
                product = ("" if vendor == IN_HOUSE or rng.random() < 0.5
                           else f"{word} {vendor.split()[0]}")
                desc = "" if rng.random() < 0.06 else (
                    f"Verksamhetsstöd för {word.lower()} inom {admin[0].lower() + admin[1:]}")
                self._add_system(oi, _System(name, admin, vendor, product, desc, word=word))
        self.n_local = len(self.systems)
        self.national = {row[1]: self.n_local + j for j, row in enumerate(V.NATIONAL_SERVICES)}

    # .................................................................... objects
    def build_objects(self) -> None:
        rng = self.rng
        sizes, weights = (1, 2, 3, 4, 5, 6), (25, 25, 20, 15, 10, 5)
        for org in self.orgs:
            core_objs: dict[str, int] = {}
            for idx in org.core.values():
                s = self.systems[idx]
                if s.word not in core_objs:
                    core_objs[s.word] = len(self.objects)
                    name = self._unique(f"{s.word} {org.place}", "obj:")
                    self.objects.append(_Object(name, s.admin))
                    org.objects.append(core_objs[s.word])
                s.obj = core_objs[s.word]
                self.objects[s.obj].systems.append(idx)
            gen = [i for i in org.systems if not self.systems[i].core]
            orphans = set(rng.sample(gen, max(1, round(0.05 * len(gen)))))
            self.orphans |= orphans
            per_admin: dict[str, list[int]] = {}
            for i in gen:
                if i not in orphans:
                    per_admin.setdefault(self.systems[i].admin, []).append(i)
            first_gen_obj = len(self.objects)
            for admin in sorted(per_admin):
                members = per_admin[admin]
                pos = 0
                while pos < len(members):
                    k = rng.choices(sizes, weights)[0]
                    group = members[pos:pos + k]
                    pos += k
                    first = self.systems[group[0]]
                    base = first.name if k == 1 and rng.random() < 0.5 else \
                        f"{first.word} {org.place}"
                    oi = len(self.objects)
                    self.objects.append(_Object(self._unique(base, "obj:"), admin, group))
                    org.objects.append(oi)
                    for s in group:
                        self.systems[s].obj = oi
            if len(self.objects) - first_gen_obj >= 2:
                self.no_roles.add(rng.randrange(first_gen_obj, len(self.objects)))

    # .................................................................... people and roles
    def _new_person(self, oi: int, admin: str) -> int:
        rng = self.rng
        org = self.orgs[oi]
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        local = f"{ascii_fold(first)}.{ascii_fold(last)}"
        email = f"{local}@{org.domain}"
        n = 2
        while email in self.email_taken:
            email = f"{local}{n}@{org.domain}"
            n += 1
        self.email_taken.add(email)
        self.people.append(_Person(first, last, email, f"{org.name} / {admin}"))
        self.person_org.append(oi)
        self.name_count[f"{first} {last}"] += 1
        org.people.append(len(self.people) - 1)
        return len(self.people) - 1

    def build_roles(self) -> None:
        rng = self.rng
        pools = (
            (OWNER_ROLE, 0.04, 0.03, 0.05),
            (BUSINESS_MANAGER, 0.06, 0.05, 0.08),
            ("Förvaltningsledare IT", 0.05, 0.04, 0.10),
            ("Systemadministratör", 0.06, 0.07, 0.20),
        )
        self.role_holders: set[int] = set()
        for oi, org in enumerate(self.orgs):
            objs = [self.objects[i] for i in org.objects]
            per_admin = Counter(o.admin for o in objs)
            it_admin = V.RLF if org.kind == "region" else V.KLF
            owners = {a: [self._new_person(oi, a) for _ in range(max(2, n // 5))]
                      for a, n in sorted(per_admin.items())}
            bmanagers = {a: [self._new_person(oi, a) for _ in range(max(2, n // 2))]
                         for a, n in sorted(per_admin.items())}
            it_managers = [self._new_person(oi, it_admin) for _ in range(max(2, len(objs) // 5))]
            sysadmins = [self._new_person(oi, it_admin) for _ in range(max(2, len(objs) // 3))]
            for obj_i in org.objects:
                obj = self.objects[obj_i]
                core_obj = all(self.systems[s].core for s in obj.systems)
                for role, p_vacant, p_blank, p_two in pools:
                    if obj_i in self.no_roles:
                        obj.roles[role] = []
                        continue
                    cands = (owners[obj.admin] if role == OWNER_ROLE else
                             bmanagers[obj.admin] if role == BUSINESS_MANAGER else
                             it_managers if role == "Förvaltningsledare IT" else sysadmins)
                    r = rng.random()
                    if not core_obj and r < p_vacant:
                        obj.roles[role] = None
                    elif not core_obj and r < p_vacant + p_blank:
                        obj.roles[role] = []
                    else:
                        obj.roles[role] = rng.sample(cands, 2 if rng.random() < p_two else 1)
            for si in org.systems:
                s = self.systems[si]
                if si in self.orphans or s.obj is None or s.obj in self.no_roles:
                    continue
                if not s.core and rng.random() < 0.06:
                    continue
                obj = self.objects[s.obj]
                owner = obj.roles[OWNER_ROLE] or []
                if not owner:
                    if rng.random() < 0.6:
                        continue
                    owner = obj.roles[BUSINESS_MANAGER] or []
                s.owners = list(owner)
                s.owner_sep = "; " if rng.random() < 0.35 else ", "
            holders = sorted({p for o in objs for v in o.roles.values() for p in v or []})
            self.role_holders.update(holders)
            n_ended = max(1, round(0.01 * len(org.people)))
            n_leave = max(1, round(0.015 * len(org.people)))
            picked = rng.sample(holders, min(len(holders), n_ended + n_leave))
            for p in picked[:n_ended]:
                self.people[p].status = "Avslutad"
            for p in picked[n_ended:]:
                self.people[p].status = "Tjänstledig"

    # .................................................................... lifecycle
    def build_lifecycle(self) -> None:
        rng = self.rng
        kinds = ("support_passed", "support_soon", "retire_soon", "retired")
        for org in self.orgs:
            gen = [i for i in org.systems if not self.systems[i].core and i not in self.orphans]
            for j, i in enumerate(rng.sample(gen, min(len(gen), max(2, round(0.04 * org.size))))):
                self.systems[i].ageing = kinds[j % 4]
        for s in self.systems:
            if s.ageing == "retire_soon":
                s.lifecycle = "Under avveckling"
            elif s.ageing == "retired":
                s.lifecycle = "Avvecklad"
            elif s.ageing:
                s.lifecycle = rng.choice(("Under förvaltning", "Under förvaltning",
                                          "Under avveckling"))
            elif s.core:
                s.lifecycle = "Under förvaltning"
            else:
                s.lifecycle = rng.choices(
                    ("Under förvaltning", "Under aktiv vidareutveckling", "Under införande",
                     "Planerad", ""), (70, 14, 7, 4, 5))[0]

    # .................................................................... integrations
    def _key(self, a: int, b: int) -> tuple[int, int]:
        return (a, b) if a < b else (b, a)

    def _row(self, org: _Org, a: int, b: int, kind: str, *, via: int | None = None,
             typ: str = "", info: str = "", fq: str = "", kr: str = "") -> bool:
        """One integration-list row of ``org``: a -> b, unless the pair is taken."""
        if a == b or self._key(a, b) in self.used:
            return False
        rng = self.rng
        self.used.add(self._key(a, b))
        if not typ:
            typ = rng.choices(("API", "Fil", "Batch", "Databas", "Meddelandekö", "Manuell"),
                              (40, 25, 10, 8, 7, 5))[0]
        if (via is None and org.platform is not None and kind == "internal"
                and typ in ("API", "Meddelandekö", "Fil") and org.platform not in (a, b)
                and rng.random() < 0.45):
            via = org.platform
        if not info:
            s = self.systems[a] if a < self.n_local else self.systems[b]
            info = rng.choice(V.ADMIN_INFO[s.admin])
        fq = fq or rng.choices(("Realtid", "Varje timme", "Dagligen", "Veckovis", "Månadsvis",
                                "Vid behov"), (30, 10, 35, 12, 8, 5))[0]
        kr = kr or rng.choices(("Hög", "Medel", "Låg", ""), (25, 45, 25, 5))[0]
        org.rows.append([a, b, via, typ, fq, info, kr])
        self.degree[a] += 1
        self.degree[b] += 1
        self.kind_of_edge[kind] += 1
        return True

    def _pick(self, org: _Org) -> int:
        return self.rng.choices(org.others, cum_weights=org.cum)[0]

    def build_integrations(self) -> None:
        rng = self.rng
        self.degree = [0] * (self.n_local + len(V.NATIONAL_SERVICES))
        total = round(self.ips * self.size)
        n_national = round(V.NATIONAL_SHARE * total)
        n_cross = round(V.CROSS_SHARE * total)
        internal = total - n_national - n_cross
        for org in self.orgs:
            hubs = set(org.hubs)
            org.others = [i for i in org.systems if i not in hubs]
            acc = 0.0
            for i in org.others:
                acc += min(rng.paretovariate(1.6), 8.0) + (2.0 if self.systems[i].core else 0.0)
                org.cum.append(acc)
            target = round(internal * org.size / self.size)
            self._dependencies(org, round(0.28 * target))
            self._internal_rows(org, target - len(org.deps))
        self._cross(n_cross)
        self._national(n_national)
        # every system integrates with something
        for org in self.orgs:
            for i in org.systems:
                while self.degree[i] == 0:
                    o = self._pick(org) if org.others != [i] else org.hubs[0]
                    a, b = (i, o) if rng.random() < 0.5 else (o, i)
                    self._row(org, a, b, "internal")

    def _dependencies(self, org: _Org, target: int) -> None:
        rng = self.rng
        members = org.systems
        per_admin: dict[str, list[int]] = {}
        for i in members:
            per_admin.setdefault(self.systems[i].admin, []).append(i)
        core = list(org.core.values())
        in_count: Counter[int] = Counter()
        out_count: Counter[int] = Counter()
        order = list(members)
        rng.shuffle(order)
        pos = tries = 0
        while len(org.deps) < target and tries < 20 * target:
            tries += 1
            a = order[pos % len(order)]
            pos += 1
            if out_count[a] >= 8:
                continue
            r = rng.random()
            if r < 0.55:
                b = rng.choice(per_admin[self.systems[a].admin])
            elif r < 0.75:
                b = rng.choice(core)
            else:
                b = rng.choice(members)
            if in_count[b] >= 25 or a == b or self._key(a, b) in self.used:
                continue
            self.used.add(self._key(a, b))
            crit = rng.choices(("Hög", "Medel", "Låg"), (3, 5, 3))[0]
            typ = "API" if rng.random() < 0.6 else "Fil"
            crit, typ = self._dep_details(crit, typ)
            u = rng.random()
            where = "both" if u < 0.75 else ("dependent" if u < 0.9 else "provider")
            org.deps.append((a, b, crit, typ, where))
            in_count[b] += 1
            out_count[a] += 1
            self.degree[a] += 1
            self.degree[b] += 1
            self.kind_of_edge["internal"] += 1

    def _internal_rows(self, org: _Org, target: int) -> None:
        rng = self.rng
        start = len(org.rows)
        keys = {idx: key for key, idx in org.core.items()}
        budget = turn = 0
        while len(org.rows) - start < target and budget < 6 * max(target, 1):
            budget += 1
            if rng.random() < 0.35:
                h = org.hubs[turn % len(org.hubs)]
                turn += 1
                o = self._pick(org)
                key = keys[h]
                a, b = (h, o) if rng.random() < V.HUB_OUT[key] else (o, h)
                self._row(org, a, b, "internal", info=rng.choice(V.HUB_INFO[key]))
            else:
                a, b = rng.choices(org.others, cum_weights=org.cum, k=2)
                self._row(org, a, b, "internal")

    def _cross(self, target: int) -> None:
        rng = self.rng
        orgs = self.orgs
        regions = [i for i, o in enumerate(orgs) if o.kind == "region"]
        county: dict[int, list[int]] = {r: [] for r in regions}
        for i, o in enumerate(orgs):
            if o.kind == "kommun":
                county[o.county].append(i)
        cum, acc = [], 0
        for o in orgs:
            acc += o.size
            cum.append(acc)
        n = budget = 0
        while n < target and budget < 20 * max(target, 1):
            budget += 1
            ai = rng.choices(range(len(orgs)), cum_weights=cum)[0]
            A = orgs[ai]
            if A.kind == "kommun":
                others = [m for m in county[A.county] if m != ai]
                bi = A.county if rng.random() < V.TO_OWN_REGION or not others else rng.choice(others)
            else:
                near = [r for r in regions if abs(r - ai) == 1]
                if county[ai] and (rng.random() < 0.5 or not near):
                    bi = rng.choice(county[ai])
                elif near:
                    bi = rng.choice(near)
                else:
                    continue
            B = orgs[bi]
            a = self._pick(A)
            if rng.random() < 0.5:
                keys = ("care_planning", "ehr") if B.kind == "region" else ("care", *("economy",))
                b = B.core[rng.choice(keys)]
            else:
                b = self._pick(B)
            if rng.random() < 0.5:
                a, b = b, a
            typ = rng.choices(("API", "Fil", "Manuell"), (50, 40, 10))[0]
            if self._row(A, a, b, "cross", typ=typ, info=rng.choice(V.CROSS_INFO)):
                n += 1

    def _national(self, target: int) -> None:
        rng = self.rng
        platform = self.national[V.NATIONAL_PLATFORM]
        pools: list[list[int]] = []
        core_pools: list[list[int]] = []
        for _sid, _name, _d, _v, _w, kinds, admins, _out, _riv in V.NATIONAL_SERVICES:
            pool = [i for i, s in enumerate(self.systems)
                    if self.orgs[self.org_of[i]].kind in kinds and s.admin in admins]
            pools.append(pool)
            core_pools.append([i for i in pool if self.systems[i].core])
        weights = [row[4] for row in V.NATIONAL_SERVICES]
        n = budget = 0
        while n < target and budget < 20 * max(target, 1):
            budget += 1
            j = rng.choices(range(len(weights)), weights=weights)[0]
            _sid, name, _d, _v, _w, _k, _a, p_out, riv = V.NATIONAL_SERVICES[j]
            pool = core_pools[j] if core_pools[j] and rng.random() < 0.3 else pools[j]
            if not pool:
                continue
            s = rng.choice(pool)
            svc = self.n_local + j
            a, b = (svc, s) if rng.random() < p_out else (s, svc)
            org = self.orgs[self.org_of[s]]
            if riv and rng.random() < 0.6:
                ok = self._row(org, a, b, "national", via=platform, typ="RIV-TA", fq="Realtid")
            elif svc == platform:
                ok = self._row(org, a, b, "national", typ="RIV-TA", fq="Realtid")
            else:
                ok = self._row(org, a, b, "national",
                               typ=rng.choices(("API", "Fil"), (70, 30))[0])
            n += ok

    # .................................................................... writing
    def _nm(self, idx: int) -> str:
        if idx < self.n_local:
            return self.systems[idx].name
        return V.NATIONAL_SERVICES[idx - self.n_local][1]

    def paths_of(self, out: Path, org: _Org) -> dict[str, Path]:
        d = out / org.slug
        names = {"systems": "systemforteckning.xlsx", "integrations": "integrationer.csv",
                 "roles": "roller.csv", "people": "personal.csv", "lisa": "lisa.xlsx"}
        if self.unresolved_roles:
            names["owners"] = "systemagare.csv"
        return {k: d / f"{org.slug}-{v}" for k, v in names.items()}

    def write(self, out: Path, progress=None) -> list[Path]:
        paths: list[Path] = []
        nat = out / V.NATIONAL_FILE
        self._write_national(nat)
        paths.append(nat)
        for i, org in enumerate(self.orgs):
            if progress:
                progress("writing the organisations' exports", i, len(self.orgs))
            p = self.paths_of(out, org)
            p["systems"].parent.mkdir(parents=True, exist_ok=True)
            self._write_systems(org, p["systems"])
            self._write_integrations(org, p["integrations"])
            self._write_roles(org, p["roles"])
            self._write_people(org, p["people"])
            self._write_lisa(org, p["lisa"])
            if self.unresolved_roles:
                self._write_owners(org, p["owners"])
            paths.extend(p.values())
        return paths

    def _drop_id(self, row: list) -> list:
        return row if self.with_ids else row[1:]

    def _write_national(self, path: Path) -> None:
        book = _Xlsx()
        book.add_sheet(NATIONAL_SHEET, [self._drop_id(list(NATIONAL_HEADERS))] + [
            self._drop_id([sid, name, desc, vendor, "Ja"])
            for sid, name, desc, vendor, *_ in V.NATIONAL_SERVICES])
        book.save(path)

    def _write_systems(self, org: _Org, path: Path) -> None:
        rng = self.rng
        order = list(org.systems)
        rng.shuffle(order)
        for pos, i in enumerate(order):
            self.systems[i].sid = f"{org.code}-{pos + 1:04d}"
            self.systems[i].row = pos + 2
        till: dict[int, list[str]] = {}
        fran: dict[int, list[str]] = {}
        for a, b, crit, typ, where in org.deps:
            if where in ("both", "dependent"):
                fran.setdefault(a, []).append(f"{self._nm(b)}: {crit} ({typ})")
            if where in ("both", "provider"):
                till.setdefault(b, []).append(f"{self._nm(a)}: {crit} ({typ})")
        hubs = set(org.hubs)
        rows: list[list] = [self._drop_id(list(SYSTEM_HEADERS))]
        for i in order:
            s = self.systems[i]
            retire, support, contract = self._system_dates(s)
            hosting = "Internt" if i in hubs else rng.choices(
                ("Internt", "Externt", "Moln", "SaaS", "Hybrid"), (45, 20, 10, 15, 10))[0]
            critic = CRITICALITY_PHRASES[0] if i in hubs else rng.choices(
                CRITICALITY_PHRASES + ("",), (15, 30, 30, 20, 5))[0]
            version = "" if rng.random() < 0.2 else f"{rng.randint(1, 12)}.{rng.randint(0, 9)}"
            rows.append(self._drop_id([
                s.sid, s.name, s.description, f"{org.name} / {s.admin}",
                self.objects[s.obj].name if s.obj is not None else "",
                s.vendor, s.product, version, hosting, s.lifecycle, self._driftsatt(s),
                retire, support, contract, critic,
                rng.choices(("Ja", "Nej", "Vet ej"), (55, 35, 10))[0],
                rng.choices(("Ja", "Nej", "Delvis", "-", ""), (20, 35, 15, 10, 10))[0],
                s.owner_sep.join(self.people[p].email for p in s.owners),
                ", ".join(till.get(i, ())), ", ".join(fran.get(i, ())),
            ]))
        book = _Xlsx()
        book.add_sheet(SYSTEMS_SHEET, rows)
        book.save(path)

    def _write_integrations(self, org: _Org, path: Path) -> None:
        with open(path, "w", encoding="cp1252", newline="") as fh:
            w = csv.writer(fh, delimiter=";", lineterminator="\r\n")
            w.writerow(INTEGRATION_HEADERS)
            for a, b, via, typ, fq, info, kr in org.rows:
                w.writerow([self._nm(a), self._nm(b), "" if via is None else self._nm(via),
                            typ, fq, info, kr])

    def _write_roles(self, org: _Org, path: Path) -> None:
        with open(path, "w", encoding="utf-8-sig", newline="") as fh:
            w = csv.writer(fh, delimiter=";", lineterminator="\r\n")
            w.writerow(ROLE_HEADERS)
            for oi in org.objects:
                obj = self.objects[oi]
                w.writerow([obj.name] + [self._person_cell(obj.roles[r]) for r in ROLE_HEADERS[1:]])

    def _write_people(self, org: _Org, path: Path) -> None:
        with open(path, "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, delimiter=",", lineterminator="\n")
            w.writerow(PEOPLE_HEADERS)
            for pi in org.people:
                p = self.people[pi]
                w.writerow([p.name, p.email, p.admin, p.status])

    def _write_lisa(self, org: _Org, path: Path) -> None:
        rng = self.rng
        hubs = set(org.hubs)
        cands = [i for i in org.systems if i not in hubs]
        missing = set(rng.sample(cands, round(0.35 * len(org.systems))))
        self.unclassified += [self.systems[i].name for i in org.systems if i in missing]
        rows: list[list] = [list(LISA_HEADERS)]
        for i in org.systems:
            if i in missing:
                continue
            s = self.systems[i]
            levels = [rng.choices((0, 1, 2, 3, 4), (5, 25, 35, 28, 7))[0] for _ in range(4)]
            if i in hubs:
                levels[2] = max(levels[2], 3)
            style = rng.random()
            cells = ["" if rng.random() < 0.1 else
                     _LEVEL_NAMES[lv] if style < 0.65 else lv for lv in levels]
            r = rng.random()
            if r < 0.1:
                classified_at = None
            elif r < 0.35:
                classified_at = AS_OF - dt.timedelta(days=rng.randint(400, 2500))
                self.stale.append(s.name)
            else:
                classified_at = AS_OF - dt.timedelta(days=rng.randint(10, 330))
            by = ""
            mgr = (self.objects[s.obj].roles.get(BUSINESS_MANAGER) or []) if s.obj is not None else []
            if mgr and rng.random() < 0.8:
                by = self.people[mgr[0]].email
            mtpd = rto = rpo = ""
            if rng.random() < 0.6:
                j = rng.randrange(len(_DURATIONS))
                rto = _DURATIONS[j][0]
                mtpd = _DURATIONS[min(len(_DURATIONS) - 1, j + rng.randint(0, 3))][0]
                rpo = _DURATIONS[rng.randint(0, j)][0]
            plan = rng.choices(("Ja", "Nej", ""), (40, 30, 30))[0]
            risk = None if rng.random() < 0.4 else AS_OF - dt.timedelta(days=rng.randint(20, 1500))
            sla = "Guld" if i in hubs else rng.choices(("Guld", "Silver", "Brons", ""),
                                                        (15, 30, 25, 30))[0]
            rows.append([s.name, *cells, classified_at, by, mtpd, rto, rpo, plan, risk, sla, ""])
            self.counts["classified"] += 1
        book = _Xlsx()
        book.add_sheet(LISA_SHEET, rows)
        book.save(path)

    def _write_owners(self, org: _Org, path: Path) -> None:
        """A second role list (``Systemnamn;Systemägare``) for a fifth of the systems: half
        its rows name owned systems again (their own owner: merged, nothing changes), half
        name systems no inventory defines."""
        rng = self.rng
        owned = [i for i in org.systems if self.systems[i].owners]
        n = max(2, round(0.2 * org.size))
        rows = [["Systemnamn", "Systemägare"]]
        for k in range(n):
            if k % 2 and owned:
                s = self.systems[rng.choice(owned)]
                rows.append([s.name, self.people[s.owners[0]].email])
            else:
                name = f"Okänt verksamhetssystem {k + 1:03d} {org.place}"
                rows.append([name, self.people[rng.choice(org.people)].email])
                self.unresolved_rows.append((path.name, name))
        with open(path, "w", encoding="utf-8-sig", newline="") as fh:
            csv.writer(fh, delimiter=";", lineterminator="\r\n").writerows(rows)


def generate_country(out_dir: str | os.PathLike, *, size: int = 10_000, seed: int = 7,
                     integrations_per_system: float = 2.5, with_ids: bool = True,
                     unresolved_roles: bool = False, progress=None) -> CountryFiles:
    """Write a synthetic country into ``out_dir`` and return what was planted.

    Parameters
    ----------
    out_dir
        Directory to write into (one folder per organisation, plus the national services).
    size
        Systems in all the organisations' inventories together (national services come on
        top), at least :data:`MIN_COUNTRY_SIZE`.
    seed
        Seed of the random generator; the same arguments give byte-identical files.
    integrations_per_system
        Integrations per system, each counted once (the benchmark uses 5.0).
    with_ids
        Write the ``System-ID`` columns (``False``: every reference resolves by name).
    unresolved_roles
        Also write each organisation's ``systemagare.csv``, half of whose rows name
        systems no inventory defines.
    progress
        Optional ``progress(phase, step, steps)``; nothing is printed here.
    """
    if size < MIN_COUNTRY_SIZE:
        raise ValueError(f"a country needs at least {MIN_COUNTRY_SIZE} systems (got {size})")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with collector_paused():  # millions of small, acyclic objects (see ea.memory)
        g = CountryGen(size, seed, integrations_per_system, with_ids=with_ids,
                       unresolved_roles=unresolved_roles)
        steps = (g.build_organisations, g.build_systems, g.build_objects, g.build_roles,
                 g.build_lifecycle, g.build_integrations)
        for i, run in enumerate(steps):
            if progress:
                progress("generating the country", i, len(steps))
            run()
        paths = g.write(out, progress)
        if progress:
            progress("writing the organisations' exports", len(g.orgs), len(g.orgs))
        from ea.demo.records import country_truth

        return country_truth(g, out, paths)
