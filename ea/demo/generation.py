"""Building the region in memory: systems, objects, people and roles, lifecycle dates (the
core of :class:`Gen`), dependencies and integrations (:mod:`ea.demo.relations`), and
writing the files (:mod:`ea.demo.writing`)."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

from ea.demo.records import MessyCell, _Object, _Person, _System
from ea.demo.relations import Relations
from ea.demo.vocabulary import (
    _ADMIN_WEIGHTS,
    _CORE,
    _DOMAIN_WORDS,
    _JOURNAL_X,
    _PLACES,
    _PREFIXES,
    _SUFFIXES,
    _VENDORS,
    ADMINISTRATIONS,
    BIZTALK,
    FIRST_NAMES,
    HSF,
    IN_HOUSE,
    LAST_NAMES,
    MAIL_DOMAIN,
    NATIONAL,
    NEAR_MISS,
    RSF,
    UNRESOLVED_NAMES,
    _compound,
    ascii_fold,
)
from ea.demo.writing import Writers


class Gen(Relations, Writers):
    """Builds the landscape in memory, then writes it. One instance per generate() call."""

    def __init__(self, size: int, seed: int, integrations_per_system: float = 2.5) -> None:
        self.size = size
        self.integrations_per_system = integrations_per_system
        self.rng = random.Random(seed)
        # a second stream for the details of dependency cells, so that varying them leaves
        # every other draw (and so the rest of the region) as it was
        self.detail_rng = random.Random(seed * 1_000_003 + 1)
        self.systems: list[_System] = []
        self.objects: list[_Object] = []
        self.people: list[_Person] = []
        self.taken: set[str] = set()  # casefolded names in use
        self.email_taken: set[str] = set()
        self.name_count: Counter[str] = Counter()
        self.messy: list[MessyCell] = []
        self.counts: Counter[str] = Counter()
        self.by_name: dict[str, int] = {}
        self.next_n: dict[str, int] = {}
        for n in (*(c[0] for c in _CORE), *(n[1] for n in NATIONAL), *UNRESOLVED_NAMES,
                  NEAR_MISS[0]):
            self.taken.add(n.casefold())

    # .................................................................... systems
    def _unique(self, base: str, prefix: str = "") -> str:
        """``base``, or ``base 2``, ``base 3``… whichever is free (casefolded, per namespace)."""
        name = base
        n = self.next_n.get(prefix + base, 2)
        while (prefix + name).casefold() in self.taken:
            name = f"{base} {n}"
            n += 1
        self.next_n[prefix + base] = n
        self.taken.add((prefix + name).casefold())
        return name

    def _gen_name(self, admin: str, word: str) -> str:
        rng = self.rng
        for _ in range(3):
            r = rng.random()
            if admin == HSF and word == "Bemanning":
                base = f"Journal{rng.choice(_JOURNAL_X)}"
            elif r < 0.4:
                base = f"{_compound(word)}system {rng.choice(_PLACES)}"
            elif r < 0.6:
                base = f"{word} {rng.choice(_SUFFIXES)}"
            elif r < 0.7:
                p = rng.choice(_PREFIXES)
                base = f"{p}{word}" if p.endswith(" ") else f"{p}{word.capitalize()}"
            else:
                base = f"{word} {rng.choice(_PLACES)}"
            if base.casefold() not in self.taken:
                self.taken.add(base.casefold())
                return base
        return self._unique(base)

    def build_systems(self) -> None:
        rng = self.rng
        for name, admin, _obj, vendor, product, desc in _CORE:
            self.systems.append(_System(name, admin, vendor, product, desc, core=True))
        n_gen = self.size - len(_CORE)
        admins = rng.choices(ADMINISTRATIONS, weights=_ADMIN_WEIGHTS, k=n_gen)
        n_in_house = max(1, round(0.01 * self.size))
        in_house = set(rng.sample(range(n_gen), n_in_house))
        for i, admin in enumerate(admins):
            word = rng.choice(_DOMAIN_WORDS[admin])
            name = self._gen_name(admin, word)
            vendor = IN_HOUSE if i in in_house else rng.choice(_VENDORS)
            product = "" if vendor == IN_HOUSE or rng.random() < 0.5 else f"{word} {vendor.split()[0]}"
            desc = "" if rng.random() < 0.06 else (
                f"Verksamhetsstöd för {word.lower()} inom {admin[0].lower() + admin[1:]}"
            )
            self.systems.append(_System(name, admin, vendor, product, desc, word=word))
        self.by_name = {s.name: i for i, s in enumerate(self.systems)}

    # .................................................................... objects
    def build_objects(self) -> None:
        rng = self.rng
        core_objs: dict[str, int] = {}
        for i, (_n, admin, obj, *_rest) in enumerate(_CORE):
            if obj not in core_objs:
                core_objs[obj] = len(self.objects)
                self.objects.append(_Object(obj, admin))
                self.taken.add(("obj:" + obj).casefold())
            self.systems[i].obj = core_objs[obj]
            self.objects[core_objs[obj]].systems.append(i)
        gen = list(range(len(_CORE), len(self.systems)))
        n_orphans = max(2, round(0.05 * self.size))
        self.orphan_idx = set(rng.sample(gen, n_orphans))
        per_admin: dict[str, list[int]] = {a: [] for a in ADMINISTRATIONS}
        for i in gen:
            if i not in self.orphan_idx:
                per_admin[self.systems[i].admin].append(i)
        sizes, weights = (1, 2, 3, 4, 5, 6), (25, 25, 20, 15, 10, 5)
        for admin in ADMINISTRATIONS:
            members = per_admin[admin]
            pos = 0
            while pos < len(members):
                k = rng.choices(sizes, weights)[0]
                group = members[pos:pos + k]
                pos += k
                first = self.systems[group[0]]
                if k == 1 and rng.random() < 0.5:
                    base = first.name
                else:
                    base = f"{first.word} {rng.choice(_PLACES)}"
                name = self._unique(base, "obj:")
                oi = len(self.objects)
                self.objects.append(_Object(name, admin, group))
                for s in group:
                    self.systems[s].obj = oi

    # .................................................................... people and roles
    def _new_person(self, admin: str) -> int:
        rng = self.rng
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        local = f"{ascii_fold(first)}.{ascii_fold(last)}"
        email = f"{local}@{MAIL_DOMAIN}"
        n = 2
        while email in self.email_taken:
            email = f"{local}{n}@{MAIL_DOMAIN}"
            n += 1
        self.email_taken.add(email)
        self.people.append(_Person(first, last, email, admin))
        self.name_count[f"{first} {last}"] += 1
        return len(self.people) - 1

    def build_roles(self) -> None:
        rng = self.rng
        n_obj = len(self.objects)
        obj_per_admin = Counter(o.admin for o in self.objects)
        # disjoint pools: business owners and managers per administration; IT people central
        owners = {a: [self._new_person(a) for _ in range(max(2, obj_per_admin[a] // 5))]
                  for a in ADMINISTRATIONS}
        bmanagers = {a: [self._new_person(a) for _ in range(max(2, obj_per_admin[a] // 2))]
                     for a in ADMINISTRATIONS}
        it_managers = [self._new_person(RSF) for _ in range(max(3, n_obj // 5))]
        sysadmins = [self._new_person(RSF) for _ in range(max(3, n_obj // 3))]

        core_n_obj = len({c[2] for c in _CORE})
        gen_objs = list(range(core_n_obj, n_obj))
        no_roles = set(rng.sample(gen_objs, 2))
        self.no_roles = no_roles
        pools = (
            ("Objektägare", owners, 0.04, 0.03, 0.05),
            ("Förvaltningsledare verksamhet", bmanagers, 0.06, 0.05, 0.08),
            ("Förvaltningsledare IT", None, 0.05, 0.04, 0.10),
            ("Systemadministratör", None, 0.06, 0.07, 0.20),
        )
        for oi, obj in enumerate(self.objects):
            for role, pool, p_vacant, p_blank, p_two in pools:
                if oi in no_roles:
                    obj.roles[role] = []
                    continue
                if role == "Förvaltningsledare IT":
                    cands = it_managers
                elif role == "Systemadministratör":
                    cands = sysadmins
                else:
                    cands = pool[obj.admin]
                r = rng.random()
                core_obj = oi < core_n_obj
                if not core_obj and r < p_vacant:
                    obj.roles[role] = None
                elif not core_obj and r < p_vacant + p_blank:
                    obj.roles[role] = []
                else:
                    k = 2 if rng.random() < p_two else 1
                    obj.roles[role] = rng.sample(cands, k)
        # one person is both object owner and IT manager of the same object
        dual_obj = next(oi for oi in gen_objs if oi not in no_roles
                        and self.objects[oi].roles["Objektägare"])
        dual_person = self.objects[dual_obj].roles["Objektägare"][0]
        self.objects[dual_obj].roles["Förvaltningsledare IT"] = [dual_person]
        self.dual = (dual_obj, dual_person)

        # system owners (Systemägare in the inventory)
        for si, s in enumerate(self.systems):
            if si in self.orphan_idx or s.obj is None:
                continue
            obj = self.objects[s.obj]
            if s.obj in no_roles:
                continue  # nobody at all
            if not s.core and rng.random() < 0.06:
                continue  # blank owner cell
            owner = obj.roles["Objektägare"] or []
            if not owner:
                if rng.random() < 0.6:
                    continue
                owner = obj.roles["Förvaltningsledare verksamhet"] or []
            s.owners = list(owner)
            if rng.random() < 0.12 and obj.roles["Förvaltningsledare verksamhet"]:
                extra = [p for p in obj.roles["Förvaltningsledare verksamhet"] if p not in s.owners]
                s.owners += extra[:1]
            s.owner_sep = "; " if rng.random() < 0.35 else ", "
        # planted: both separators occur in multi-owner cells, whatever the size
        for name, sep in (("Cosmic", "; "), ("Raindance ekonomi", ", ")):
            s = self.systems[self.by_name[name]]
            mgr = self.objects[s.obj].roles["Förvaltningsledare verksamhet"] or []
            s.owners = list(dict.fromkeys(s.owners + mgr))[:2]
            s.owner_sep = sep

        # HR status: a few ended, a few on leave, all among role holders
        holders: list[int] = []
        seen: set[int] = set()
        for obj in self.objects:
            for v in obj.roles.values():
                for p in v or []:
                    if p not in seen:
                        seen.add(p)
                        holders.append(p)
        dual_p = self.dual[1]
        cands = [p for p in holders if p != dual_p]
        n_ended = max(3, round(0.01 * len(self.people)))
        n_leave = max(2, round(0.015 * len(self.people)))
        picked = rng.sample(cands, n_ended + n_leave)
        # make sure one ended person is an object owner somewhere
        all_owners = {p for o in self.objects for p in (o.roles["Objektägare"] or [])}
        owner_holders = [p for p in cands if p in all_owners]
        if not set(picked[:n_ended]) & set(owner_holders):
            extra = next(p for p in owner_holders if p not in picked)
            picked[0] = extra
        for p in picked[:n_ended]:
            self.people[p].status = "Avslutad"
        for p in picked[n_ended:]:
            self.people[p].status = "Tjänstledig"
        self.role_holders = set(holders)

    def _person_cell(self, people: list[int] | None) -> str:
        if people is None:
            self.counts["role_vakant"] += 1
            return "Vakant"
        out = []
        for p in people:
            person = self.people[p]
            if self.name_count[person.name] == 1 and self.rng.random() < 0.2:
                out.append(person.name)
            else:
                out.append(person.email)
        return ", ".join(out)

    # .................................................................... lifecycle and dates
    def build_lifecycle(self) -> None:
        rng = self.rng
        n_ageing = max(12, round(0.04 * self.size))
        core_ageing = {
            "TakeCare": "retire_soon",
            BIZTALK: "support_soon",
            "Personec P lön": "support_passed",
            "Fakturatolkning ReadSoft": "support_passed",
        }
        gen = [i for i in range(len(_CORE), len(self.systems))]
        gen_ageing = rng.sample(gen, n_ageing - len(core_ageing))
        kinds = ("support_passed", "support_soon", "retire_soon", "retired")
        for name, kind in core_ageing.items():
            self.systems[self.by_name[name]].ageing = kind
        for j, i in enumerate(gen_ageing):
            self.systems[i].ageing = kinds[j % 4]
        self.gen_ageing = gen_ageing
        for s in self.systems:
            if s.ageing in ("retire_soon",):
                s.lifecycle = "Under avveckling"
            elif s.ageing == "retired":
                s.lifecycle = "Avvecklad"
            elif s.ageing:
                s.lifecycle = rng.choice(("Under förvaltning", "Under förvaltning", "Under avveckling"))
            elif s.name == "Millennium":
                s.lifecycle = "Under införande"
            elif s.core:
                s.lifecycle = "Under förvaltning"
            else:
                s.lifecycle = rng.choices(
                    ("Under förvaltning", "Under aktiv vidareutveckling", "Under införande",
                     "Planerad", ""), (70, 14, 7, 4, 5))[0]

    def _date(self, y0: int, y1: int) -> dt.date:
        rng = self.rng
        return dt.date(rng.randint(y0, y1), rng.randint(1, 12), rng.randint(1, 28))

    def _driftsatt(self, s: _System):
        rng = self.rng
        if s.lifecycle == "Planerad":
            return None if rng.random() < 0.6 else 2027
        if s.lifecycle == "Under införande":
            return self._date(2026, 2027) if rng.random() < 0.5 else None
        y0, y1 = (1994, 2012) if s.ageing else (1998, 2024)
        r = rng.random()
        if r < 0.5:
            self.counts["driftsatt_date"] += 1
            return self._date(y0, y1)
        if r < 0.75:
            self.counts["driftsatt_year"] += 1
            return rng.randint(y0, y1)
        if r < 0.9:
            self.counts["driftsatt_yyyymm"] += 1
            return rng.randint(y0, y1) * 100 + rng.randint(1, 12)
        return None

    def _system_dates(self, s: _System):
        """Planerad avveckling, Supportslut, Avtal: respecting the ageing ground truth."""
        rng = self.rng
        retire = support = contract = None
        if s.ageing == "support_passed":
            support = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), 28)
        elif s.ageing == "support_soon":
            support = dt.date(rng.choice((2027, 2028)), rng.randint(1, 10), rng.randint(1, 28))
        elif s.ageing == "retire_soon":
            retire = rng.choice((2026, 2027))
        elif s.ageing == "retired":
            retire = rng.choice((2024, 2025))
        if s.ageing:
            if support is not None and rng.random() < 0.5:
                support = support.isoformat()
                self.counts["supportslut_iso"] += 1
            contract = self._date(2025, 2028) if rng.random() < 0.5 else None
            return retire, support, contract
        r = rng.random()
        if r < 0.15:
            retire = 9999
            self.counts["avveckling_9999"] += 1
        elif r < 0.30:
            retire = rng.randint(2030, 2040)
        r = rng.random()
        if r < 0.30:
            support = self._date(2029, 2038).isoformat()
            self.counts["supportslut_iso"] += 1
        elif r < 0.55:
            support = self._date(2029, 2038)
        r = rng.random()
        if r < 0.50:
            contract = self._date(2029, 2034)
        elif r < 0.60:
            contract = self._date(2029, 2034).isoformat()
        return retire, support, contract
