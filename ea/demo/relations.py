"""Dependencies (the inventory's Beroende till/från cells) and the integration list."""

from __future__ import annotations

from ea.demo.vocabulary import (
    _ADMIN_INFO,
    _CORE,
    _HUB_INFO,
    _HUB_OUT,
    ADMINISTRATIONS,
    BIZTALK,
    CRITICALITY_PHRASES,
    DEP_LEVELS,
    HSF,
    HUBS,
    LIFECARE,
    NATIONAL,
    NTJP,
    SBF,
    TKF,
    TRIMBEL,
    WSO2,
)


class Relations:
    """Dependencies and integrations; mixed into :class:`ea.demo.generation.Gen`."""

    # .................................................................... dependencies
    def build_dependencies(self) -> None:
        """Pairs (dependent, dependency) written into Beroende till/från.

        A dependency ``a`` depends on ``b`` is the arrow b -> a: the provider's row lists the
        dependent under *Beroende till*, the dependent's row lists the provider under
        *Beroende från*. ``where`` says which ends record it: ``both``, ``dependent`` (only
        a's *från*), ``provider`` (only b's *till*), ``disagree_type``/``disagree_crit``
        (both, with different details)."""
        rng = self.rng
        n = len(self.systems)
        n_nat = len(NATIONAL)
        self.used: set[tuple[int, int]] = set()  # undirected keys over all files
        self.deps: list[tuple[int, int, str, str, str]] = []  # a, b, crit, type, where
        in_count = [0] * (n + n_nat)
        out_count = [0] * n
        per_admin: dict[str, list[int]] = {a: [] for a in ADMINISTRATIONS}
        for i, s in enumerate(self.systems):
            per_admin[s.admin].append(i)
        core_idx = list(range(len(_CORE)))

        def key(a: int, b: int) -> tuple[int, int]:
            return (a, b) if a < b else (b, a)

        def add(a: int, b: int, where: str = "both", crit: str | None = None,
                typ: str | None = None) -> bool:
            if a == b or key(a, b) in self.used:
                return False
            self.used.add(key(a, b))
            planted = crit is not None or typ is not None
            crit = crit or rng.choices(("Hög", "Medel", "Låg"), (3, 5, 3))[0]
            typ = typ or ("API" if rng.random() < 0.6 else "Fil")
            if not planted:  # the other written forms of DOMAIN.md, from the second stream
                crit, typ = self._dep_details(crit, typ)
            self.deps.append((a, b, crit, typ, where))
            in_count[b] += 1
            out_count[a] += 1
            return True

        nat = {row[1]: n + j for j, row in enumerate(NATIONAL)}
        bn = self.by_name
        # planted: names with commas are depended on by others
        for dep in ("ArcGIS Enterprise", "ByggR", "Fastighetssystem Vitec"):
            add(bn[dep], bn[TRIMBEL])
        tkf_gen = [i for i in per_admin[TKF] if i >= len(_CORE)][:4]
        for i in tkf_gen:
            add(i, bn[TRIMBEL], "both")
        add(bn["Treserva"], bn[LIFECARE])
        add(bn["Combine"], bn[LIFECARE])
        # planted: hubs depending on ageing systems
        self.ageing_hub = [("Raindance ekonomi", "Fakturatolkning ReadSoft"),
                           ("Heroma HR", "Personec P lön"),
                           ("Metakatalog", self.systems[self.gen_ageing[0]].name),
                           ("Public 360 ärende", self.systems[self.gen_ageing[1]].name)]
        for hub, old in self.ageing_hub:
            planted = add(bn[hub], bn[old], "both", "Hög")
            assert planted, (hub, old)
        add(bn["Journalarkiv Exempelland"], bn["TakeCare"], "both", "Hög", "Fil")
        # planted: disagreements between the two ends
        add(bn["Qlik Sense vårdanalys"], bn["Cosmic"], "disagree_type", "Medel", "API")
        add(bn["Qlik Sense beslutsstöd"], bn["Raindance ekonomi"], "disagree_crit", "Hög", "Fil")
        # only one end can record a dependency on a national service (no columns there)
        add(bn["Cosmic"], nat["SITHS"], "dependent", "Helt verksamhetskritiskt", "API")
        add(bn["Open ePlatform e-tjänster"], nat["BankID"], "dependent", "Hög", "API; Fil")

        target = round(0.7 * self.size)
        cap_in, cap_out = 25, 8
        order = list(range(n))
        rng.shuffle(order)
        pos = 0
        tries = 0
        while len(self.deps) < target and tries < 20 * target:
            tries += 1
            a = order[pos % n]
            pos += 1
            if out_count[a] >= cap_out:
                continue
            r = rng.random()
            if r < 0.55:
                b = rng.choice(per_admin[self.systems[a].admin])
            elif r < 0.75:
                b = rng.choice(core_idx)
            else:
                b = rng.randrange(n)
            if in_count[b] >= cap_in:
                continue
            u = rng.random()
            where = "both" if u < 0.75 else ("dependent" if u < 0.9 else "provider")
            add(a, b, where)

        # planted: two ends that contradict each other on the direction (each lists the
        # other under Beroende till); deterministic, so the draws above stay as they were
        pool = [i for i in per_admin[SBF] if i >= len(_CORE)] + list(range(len(_CORE), n))
        self.direction_conflicts = [next(
            (a, b) for a in pool for b in pool if a < b and key(a, b) not in self.used)]
        for a, b in self.direction_conflicts:
            self.used.add(key(a, b))
        # planted: a near miss and references to systems that exist nowhere (one end only)
        hsf_gen = [i for i in per_admin[HSF] if i >= len(_CORE)]
        self.near_miss_at = hsf_gen[0] if hsf_gen else bn["Cosmic"]
        self.unresolved_at = [bn["Cosmic"], hsf_gen[1] if len(hsf_gen) > 1 else bn["Millennium"]]

    def _dep_details(self, crit: str, typ: str) -> tuple[str, str]:
        r = self.detail_rng
        x = r.random()
        if x < 0.10:
            crit = {"Hög": CRITICALITY_PHRASES[1], "Medel": CRITICALITY_PHRASES[2],
                    "Låg": CRITICALITY_PHRASES[3]}[crit]
        elif x < 0.14 and crit == "Hög":
            crit = CRITICALITY_PHRASES[0]
        elif x < 0.18:
            crit = str(DEP_LEVELS[crit])
        if r.random() < 0.12:
            typ = "API; Fil" if typ == "API" else "Fil; API"
        return crit, typ

    # .................................................................... integrations.csv
    def build_integrations(self) -> None:
        rng = self.rng
        n = len(self.systems)
        nat = {row[1]: n + j for j, row in enumerate(NATIONAL)}
        bn = self.by_name
        self.rows: list[list] = []  # [from, to, via, type, freq, info, crit]
        degree = [0] * (n + len(NATIONAL))
        for a, b, *_ in self.deps:
            degree[a] += 1
            degree[b] += 1

        def key(a: int, b: int) -> tuple[int, int]:
            return (a, b) if a < b else (b, a)

        def crit() -> str:
            return rng.choices(("Hög", "Medel", "Låg", ""), (25, 45, 25, 5))[0]

        def freq() -> str:
            return rng.choices(("Realtid", "Varje timme", "Dagligen", "Veckovis", "Månadsvis",
                                "Vid behov"), (30, 10, 35, 12, 8, 5))[0]

        def add(a: int, b: int, via: str = "", typ: str = "", info: str = "",
                fq: str = "", kr: str = "") -> bool:
            if a == b or key(a, b) in self.used:
                return False
            self.used.add(key(a, b))
            if not typ:
                typ = rng.choices(("API", "Fil", "Batch", "Databas", "Meddelandekö", "Manuell"),
                                  (40, 25, 10, 8, 7, 5))[0]
            if not via and typ in ("API", "Meddelandekö", "Fil") and n > 0:
                r = rng.random()
                plats = (bn[WSO2], bn[BIZTALK])
                if a not in plats and b not in plats:
                    if r < 0.35:
                        via = WSO2
                    elif r < 0.45:
                        via = BIZTALK
            if not info:
                s = self.systems[a] if a < n else self.systems[b] if b < n else None
                info = rng.choice(_ADMIN_INFO[s.admin]) if s else "Meddelanden"
            self.rows.append([a, b, via, typ, fq or freq(), info, kr or crit()])
            degree[a] += 1
            degree[b] += 1
            return True

        # national services
        riv = dict(via=NTJP, typ="RIV-TA", fq="Realtid")
        add(bn["Cosmic"], nat["Inera NPÖ"], info="Journaluppgifter", kr="Hög", **riv)
        add(bn["TakeCare"], nat["Inera NPÖ"], info="Journaluppgifter", kr="Hög", **riv)
        add(bn["Millennium"], nat["Inera NPÖ"], info="Journaluppgifter", kr="Medel", **riv)
        add(bn["Cosmic"], nat["Pascal"], info="Läkemedelsordinationer", kr="Hög", **riv)
        add(nat["1177"], bn["Cosmic"], info="Tidbokningar", kr="Hög", **riv)
        add(bn["Cosmic"], nat["Säkerhetstjänster"], info="Åtkomstloggar och samtycken", kr="Hög", **riv)
        add(bn["Cosmic"], nat[NTJP], typ="RIV-TA", fq="Realtid", info="Remisser", kr="Hög")
        add(nat["HSA-katalogen"], bn["Metakatalog"], typ="Fil", fq="Dagligen",
            info="Personal och vårdenheter", kr="Hög")
        add(nat["Skatteverket Navet"], bn["Metakatalog"], typ="Fil", fq="Dagligen",
            info="Folkbokföringsuppgifter", kr="Hög")
        add(nat["Skatteverket Navet"], bn["Treserva"], typ="API", info="Folkbokföringsuppgifter")
        add(nat["Skatteverket Navet"], bn["Edlevo"], typ="Fil", info="Folkbokföringsuppgifter")
        add(nat["SITHS"], bn["Active Directory katalogtjänst"], typ="API", info="Certifikat")
        add(nat["Freja eID"], bn["Open ePlatform e-tjänster"], typ="API", info="Autentisering")
        add(bn["Open ePlatform e-tjänster"], nat["Mina meddelanden"], typ="API",
            info="Beslut och meddelanden")
        add(bn["Public 360 ärende"], nat["Mina meddelanden"], typ="API", info="Beslut")
        add(bn[TRIMBEL], bn["Qlik Sense beslutsstöd"], typ="Fil", fq="Veckovis", info="Ledningsdata")
        add(bn[LIFECARE], bn["Raindance ekonomi"], typ="Fil", fq="Månadsvis", info="Avgifter")
        # NTjP is the national hub: HSF systems talk RIV-TA to it or through it
        for i, s in enumerate(self.systems):
            if s.admin == HSF and not s.core and rng.random() < 0.35:
                if rng.random() < 0.6:
                    add(i, nat[NTJP], typ="RIV-TA", fq="Realtid")
                else:
                    target = rng.choice(("Inera NPÖ", "Säkerhetstjänster", "1177", "Pascal"))
                    add(i, nat[target], **riv)

        # heavy-tailed local traffic: a third of the rows touch a hub, the rest pick both
        # ends by capped Pareto weights (most systems 1-5 integrations, a few 10-20)
        hubs = [bn[h] for h in HUBS]
        hub_set = set(hubs)
        others = [i for i in range(n) if i not in hub_set]
        cum: list[float] = []
        total = 0.0
        for i in others:
            w = min(rng.paretovariate(1.6), 8.0)
            if self.systems[i].core:
                w += 2.0
            total += w
            cum.append(total)
        target_edges = round(self.integrations_per_system * self.size) - len(self.deps)
        budget = 0
        turn = 0
        while len(self.rows) < target_edges and budget < 6 * target_edges:
            budget += 1
            if rng.random() < 0.35:
                h = hubs[turn % len(hubs)]  # round robin: every hub gets its share
                turn += 1
                o = rng.choices(others, cum_weights=cum)[0]
                name = self.systems[h].name
                a, b = (h, o) if rng.random() < _HUB_OUT[name] else (o, h)
                add(a, b, info=rng.choice(_HUB_INFO[name]))
            else:
                a, b = rng.choices(others, cum_weights=cum, k=2)
                add(a, b)
        # every system integrates with something
        for i in range(n):
            while degree[i] == 0:
                o = rng.choices(others, cum_weights=cum)[0]
                if rng.random() < 0.5:
                    add(i, o)
                else:
                    add(o, i)
