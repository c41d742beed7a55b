"""Writing the five files of the region; mixed into :class:`ea.demo.generation.Gen`."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from ea.demo.records import MessyCell, _System
from ea.demo.vocabulary import (
    _DURATIONS,
    _LEVEL_NAMES,
    AS_OF,
    CONTRACT_TEXTS,
    CRITICALITY_PHRASES,
    HUBS,
    INTEGRATION_HEADERS,
    INTEGRATIONS_FILE,
    LIFECYCLE_HEADER,
    LISA_FILE,
    LISA_HEADERS,
    LISA_SHEET,
    NATIONAL,
    NATIONAL_HEADERS,
    NATIONAL_SHEET,
    NEAR_MISS,
    PEOPLE_HEADERS,
    REGION,
    ROLE_HEADERS,
    SYSTEM_HEADERS,
    SYSTEMS_FILE,
    SYSTEMS_SHEET,
    UNRESOLVED_NAMES,
)
from ea.demo.xlsx import _Xlsx


class Writers:
    """The writers of :class:`ea.demo.generation.Gen`."""

    # .................................................................... writers
    def _owner_cell(self, s: _System) -> str:
        return s.owner_sep.join(self.people[p].email for p in s.owners)

    def write_systems(self, path: Path) -> None:
        rng = self.rng
        n = len(self.systems)
        order = list(range(n))
        rng.shuffle(order)
        width = max(4, len(str(n)))
        for pos, i in enumerate(order):
            self.systems[i].sid = f"SYS-{pos + 1:0{width}d}"
            self.systems[i].row = pos + 2
        national_names = [row[1] for row in NATIONAL]

        def nm(idx: int) -> str:
            return self.systems[idx].name if idx < n else national_names[idx - n]

        till: list[list[str]] = [[] for _ in range(n)]
        fran: list[list[str]] = [[] for _ in range(n)]
        # a depends on b is b -> a: a's row lists b under "Beroende från", b's row lists a
        # under "Beroende till" (national services have no dependency columns)
        for a, b, crit, typ, where in self.deps:
            if where in ("both", "dependent", "disagree_type", "disagree_crit"):
                fran[a].append(f"{nm(b)}: {crit} ({typ})")
            if b < n and where in ("both", "provider", "disagree_type", "disagree_crit"):
                if where == "disagree_type":
                    typ = "Fil" if typ == "API" else "API"
                elif where == "disagree_crit":
                    crit = "Låg" if crit != "Låg" else "Hög"
                till[b].append(f"{nm(a)}: {crit} ({typ})")
        for a, b in self.direction_conflicts:
            till[a].append(f"{nm(b)}: Medel (Fil)")
            till[b].append(f"{nm(a)}: Medel (Fil)")
        sheet = (SYSTEMS_FILE, SYSTEMS_SHEET)
        near = self.near_miss_at
        fran[near].append(f"{NEAR_MISS[0]}: Hög (Fil)")
        for idx, ref in zip(self.unresolved_at, UNRESOLVED_NAMES, strict=True):
            fran[idx].append(f"{ref}: {'Låg' if 'arkiv' in ref else 'Medel'} (Fil)")

        rows: list[list] = [list(SYSTEM_HEADERS)]
        n_text_contract = max(3, round(0.01 * n))
        text_contract = set(rng.sample([i for i in range(n) if not self.systems[i].ageing],
                                       n_text_contract))
        n_text = 0
        col = SYSTEM_HEADERS.index
        for i in order:
            s = self.systems[i]
            retire, support, contract = self._system_dates(s)
            if i in text_contract:
                contract = CONTRACT_TEXTS[n_text % len(CONTRACT_TEXTS)]
                n_text += 1
                self.messy.append(MessyCell(*sheet, s.row, SYSTEM_HEADERS[col("Avtalstiden löper ut datum")],
                                            contract, "contract_text"))
            important = s.name in HUBS or s.core
            hosting = "Internt" if s.name in HUBS else rng.choices(
                ("Internt", "Externt", "Moln", "SaaS", "Hybrid"), (45, 20, 10, 15, 10))[0]
            if s.name in HUBS:
                critic = CRITICALITY_PHRASES[0]
            else:
                critic = rng.choices(CRITICALITY_PHRASES + ("",), (15, 30, 30, 20, 5))[0]
            version = "" if rng.random() < 0.2 else rng.choice((
                f"{rng.randint(1, 12)}.{rng.randint(0, 9)}",
                f"{rng.randint(2015, 2026)}.{rng.randint(1, 4)}",
                f"R{rng.randint(10, 24)}",
            ))
            row = [
                s.sid,
                s.name,
                s.description,
                f"{REGION} / {s.admin}",
                self.objects[s.obj].name if s.obj is not None else "",
                s.vendor,
                s.product,
                version,
                hosting,
                s.lifecycle,
                self._driftsatt(s),
                retire,
                support,
                contract,
                critic,
                rng.choices(("Ja", "Nej", "Vet ej"), (55, 35, 10))[0],
                rng.choices(("Ja", "Nej", "Delvis", "-", ""), (30 if important else 20, 35, 15, 10, 10))[0],
                self._owner_cell(s),
                ", ".join(till[i]),
                ", ".join(fran[i]),
            ]
            rows.append(row)
        # record the planted dependency oddities with their rows
        for a, b, _c, _t, where in self.deps:
            if where.startswith("disagree"):
                self.messy.append(MessyCell(*sheet, self.systems[b].row, "Beroende till",
                                            self.systems[a].name, where))
        for a, b in self.direction_conflicts:
            self.messy.append(MessyCell(*sheet, self.systems[b].row, "Beroende till",
                                        self.systems[a].name, "direction_conflict"))
        self.messy.append(MessyCell(*sheet, self.systems[near].row, "Beroende från",
                                    NEAR_MISS[0], "near_miss"))
        for idx, ref in zip(self.unresolved_at, UNRESOLVED_NAMES, strict=True):
            self.messy.append(MessyCell(*sheet, self.systems[idx].row, "Beroende från", ref,
                                        "unresolved_reference"))
        self.messy.append(MessyCell(*sheet, 1, LIFECYCLE_HEADER, LIFECYCLE_HEADER,
                                    "header_trailing_space"))

        book = _Xlsx()
        book.add_sheet(SYSTEMS_SHEET, rows)
        book.add_sheet(NATIONAL_SHEET, [list(NATIONAL_HEADERS)]
                       + [[sid, name, desc, vendor, "Ja"] for sid, name, desc, vendor in NATIONAL])
        book.save(path)

    def write_integrations(self, path: Path) -> None:
        rng = self.rng
        n = len(self.systems)
        national_names = [row[1] for row in NATIONAL]

        def nm(idx: int) -> str:
            return self.systems[idx].name if idx < n else national_names[idx - n]

        out = []
        for a, b, via, typ, fq, info, kr in self.rows:
            out.append([nm(a), nm(b), via, typ, fq, info, kr])
        # planted: references written with another case or a trailing space
        plants = (
            ("Raindance ekonomi", 1, "raindance ekonomi", "case_variant"),
            ("Heroma HR", 0, "Heroma HR ", "trailing_space"),
            ("Public 360 ärende", 1, "PUBLIC 360 ÄRENDE", "case_variant"),
        )
        for name, col, written, kind in plants:
            cands = [j for j, r in enumerate(out) if r[col] == name]
            if not cands:
                continue
            j = rng.choice(cands)
            out[j][col] = written
            self.messy.append(MessyCell(INTEGRATIONS_FILE, None, j + 2, INTEGRATION_HEADERS[col],
                                        written, kind))
        self.counts["integration_via_rows"] = sum(1 for r in out if r[2])
        with open(path, "w", encoding="cp1252", newline="") as fh:
            w = csv.writer(fh, delimiter=";", lineterminator="\r\n")
            w.writerow(INTEGRATION_HEADERS)
            w.writerows(out)

    def write_roles(self, path: Path) -> None:
        with open(path, "w", encoding="utf-8-sig", newline="") as fh:
            w = csv.writer(fh, delimiter=";", lineterminator="\r\n")
            w.writerow(ROLE_HEADERS)
            for obj in self.objects:
                w.writerow([obj.name] + [self._person_cell(obj.roles[r]) for r in ROLE_HEADERS[1:]])

    def write_people(self, path: Path) -> None:
        with open(path, "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, delimiter=",", lineterminator="\n")
            w.writerow(PEOPLE_HEADERS)
            for p in self.people:
                w.writerow([p.name, p.email, p.admin, p.status])

    def write_lisa(self, path: Path) -> None:
        rng = self.rng
        n = len(self.systems)
        n_missing = round(0.35 * n)
        protected = {self.by_name[h] for h in HUBS}
        cands = [i for i in range(n) if i not in protected]
        missing = set(rng.sample(cands, n_missing))
        self.unclassified = [self.systems[i].name for i in range(n) if i in missing]
        classified = [i for i in range(n) if i not in missing]
        krt = set(rng.sample([i for i in classified if i not in protected],
                             max(3, round(0.01 * n))))
        self.krt_rows: list[str] = []
        self.stale: list[str] = []
        rows: list[list] = [list(LISA_HEADERS)]
        row_no = 1
        for i in classified:
            s = self.systems[i]
            row_no += 1
            levels = [rng.choices((0, 1, 2, 3, 4), (5, 25, 35, 28, 7))[0] for _ in range(4)]
            if s.name in HUBS:
                levels[2] = max(levels[2], 3)
            if i in krt:
                cells = ["", "", "", ""]
                combo = f"K{levels[0]} R{levels[1]} T{levels[2]}"
                self.krt_rows.append(s.name)
                self.messy.append(MessyCell(LISA_FILE, LISA_SHEET, row_no, "KRT", combo,
                                            "combined_classification"))
            else:
                combo = ""
                style = rng.random()
                cells = []
                for lv in levels:
                    if rng.random() < 0.1:
                        cells.append("")
                    elif style < 0.65:
                        cells.append(_LEVEL_NAMES[lv])
                    else:
                        cells.append(lv if rng.random() < 0.7 else str(lv))
            r = rng.random()
            if r < 0.1:
                classified_at = None
            elif r < 0.35:
                classified_at = AS_OF - dt.timedelta(days=rng.randint(400, 2500))
                self.stale.append(s.name)
            else:
                classified_at = AS_OF - dt.timedelta(days=rng.randint(10, 330))
            by = ""
            if s.obj is not None and rng.random() < 0.8:
                mgr = self.objects[s.obj].roles.get("Förvaltningsledare verksamhet") or []
                if mgr:
                    p = self.people[mgr[0]]
                    by = p.name if rng.random() < 0.5 else p.email
            mtpd = rto = rpo = ""
            if rng.random() < 0.6:
                j = rng.randrange(len(_DURATIONS))
                rto = _DURATIONS[j][0]
                mtpd = _DURATIONS[min(len(_DURATIONS) - 1, j + rng.randint(0, 3))][0]
                rpo = _DURATIONS[rng.randint(0, max(0, j))][0] if rng.random() < 0.8 else ""
                if rng.random() < 0.15:
                    mtpd = ""
            plan = rng.choices(("Ja", "Nej", ""), (40, 30, 30))[0]
            risk = None if rng.random() < 0.4 else AS_OF - dt.timedelta(days=rng.randint(20, 1500))
            sla = rng.choices(("Guld", "Silver", "Brons", ""), (15, 30, 25, 30))[0]
            if s.name in HUBS:
                sla = "Guld"
            rows.append([s.name, *cells, classified_at, by, mtpd, rto, rpo, plan, risk, sla, combo])
        self.n_classified = len(classified)
        book = _Xlsx()
        book.add_sheet(LISA_SHEET, rows)
        book.save(path)
