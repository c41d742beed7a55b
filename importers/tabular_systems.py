"""Inventory rows into systems (and their objects): part of
:class:`ea.importers.tabular.TabularImporter`.
"""

from __future__ import annotations

import re

from ea import schema
from ea.importers import headers as H
from ea.importers import values as V
from ea.importers.ledger import IMPORTED, MERGED
from ea.importers.tabular_base import Prepared, _text
from ea.landscape import norm_name, slug
from ea.schema import OWNED_BY, PART_OF, SYSTEM

_RE_LIST = re.compile(r"\s*[;\n]\s*")
_RE_IN_HOUSE = re.compile(r"egenutveckl|in-house|inhouse", re.I)
_RE_COUNT = re.compile(r"\s*(\d[\d\s]*)\s*")
_RE_RETIRE = re.compile(r"avveckl|decommission|retire", re.I)


class SystemRows:
    """Methods of :class:`ea.importers.tabular.TabularImporter` (a mixin)."""

    # ------------------------------------------------------------------ systems
    def _row_system(self, p: Prepared, line: int, cells: list) -> str:
        src = self._src(p, line)
        for f in ("name", "system_id"):
            p.used_fields.add(f)
        name = _text(p.cell(cells, "name"))
        sid = _text(p.cell(cells, "system_id"))
        if not name and not sid:
            return self._reject(p, line, "no system name or id", p.header("name"))
        if not name:
            name = sid
            self.ledger.add("warning", "no system name; the id is used as its name",
                            file=p.table.file, sheet=p.table.sheet, line=line,
                            column=p.header("name"), value=sid)
        name = norm_name(name)
        paths = self._org_paths(p, cells)
        org_names = [" / ".join(x) for x in paths]
        values: dict = {"name": name}
        raw: dict = {}
        if org_names:
            values["organisation"] = org_names[0]
        self._system_values(p, line, cells, values, raw)
        # identity: the source's own key; else an existing system of the same name in the
        # same organisation; else a slug of name and organisation
        if sid:
            sys_id = sid
        else:
            sys_id = None
            same = [k for k in self.ls.find_systems(name)
                    if not self.ls.node(k).get("placeholder") and self.ls.node(k).get("name") == name
                    and (not org_names or self.ls.node(k).get("organisation") in (None, org_names[0]))]
            if len(same) > 1:
                orgs = ", ".join(f"{self.ls.node(k).get('organisation') or '?'}" for k in same)
                self.ledger.add("ambiguous", f"'{name}' is registered by {len(same)} "
                                f"organisations ({orgs}) and this row names none; add an "
                                "organisation or System-ID column", file=p.table.file,
                                sheet=p.table.sheet, line=line, column=p.header("name"),
                                value=name)
                return self._reject(p, line, f"ambiguous system '{name}' (see the ambiguous "
                                    "entry)", p.header("name"))
            if same:
                sys_id = self.ls.node(same[0])["id"]
            else:
                # a slug folds case and punctuation: "Bokning+" must not become "Bokning"
                sys_id = self.ls.free_system_id(slug(name, paths[0][-1] if paths else None),
                                                name)
        key = schema.node_key(SYSTEM, sys_id)
        existed = key in self.ls
        if existed and self.ls.node(key).get("placeholder"):
            existed = False
        extra = {p.hmap.headers[i]: _text(cells[i]) for i in p.hmap.unmapped if i < len(cells)}
        extra = {k: v for k, v in extra.items() if v is not None}
        if any(o.casefold() in self.external_orgs for path in paths for o in path):
            values["external"] = True
        self.ls.add_system(sys_id, source=src, raw=raw, extra=extra, **values)
        d = self.ls.node(key)
        self.ls.mark_defined(key, after_reference=True)
        if existed and src not in d.get("sources", [])[:1]:
            first = d["sources"][0] if d.get("sources") else "?"
            if first.rsplit(":", 1)[0] == src.rsplit(":", 1)[0]:
                self.ledger.add("warning", f"system '{name}' is listed again in the same file "
                                f"(first at {first}); merged", file=p.table.file,
                                sheet=p.table.sheet, line=line, column=p.header("name"),
                                subject=key)
        for path in paths:
            org = self.resolver.organisation(path, src)
            self.ls.add_edge(OWNED_BY, key, org, source=src)
        obj_name = _text(p.cell(cells, "object"))
        p.used_fields.add("object")
        if obj_name:
            obj = self._object(obj_name, src)
            self.ls.add_edge(PART_OF, key, obj, source=src)
        p.row_subject[line] = key
        return MERGED if existed else IMPORTED

    def _system_values(self, p: Prepared, line: int, cells: list, values: dict, raw: dict) -> None:
        for f in ("description", "category", "vendor", "product", "version"):
            p.used_fields.add(f)
            v = _text(p.cell(cells, f))
            if v:
                values[f] = v
        aliases = _text(p.cell(cells, "aliases"))
        p.used_fields.add("aliases")
        if aliases:
            values["aliases"] = [norm_name(a) for a in _RE_LIST.split(aliases) if a]
        self._parse(p, line, cells, "hosting", V.parse_hosting, "hosting", values, raw)
        self._parse(p, line, cells, "status", V.parse_lifecycle, "lifecycle status", values, raw)
        # a period ("Q3 2025", "ht 2025", "2025-W10") is read as its first day for a start
        # and its last day for an end ("Avtal t.o.m. Q3 2025": through 30 September); a bare
        # year or month stays its first day for every field (ageing reads it as a period)
        for f, end in (("planned_from", False), ("in_service_from", False),
                       ("phase_out_from", False), ("end_of_life", True),
                       ("end_of_support", True), ("contract_end", True)):
            self._parse(p, line, cells, f, V.parse_date, f.replace("_", " "), values, raw,
                        end_of_period=end)
        self._parse(p, line, cells, "criticality", V.parse_criticality, "criticality", values, raw)
        for f in ("personal_data", "in_house", "external"):
            self._parse(p, line, cells, f, V.parse_bool, f.replace("_", " "), values, raw)
        vendor = values.get("vendor", "")
        if "in_house" not in values and _RE_IN_HOUSE.search(vendor):
            values["in_house"] = True
        uc = _text(p.cell(cells, "user_count"))
        p.used_fields.add("user_count")
        if uc:
            m = _RE_COUNT.fullmatch(uc)
            if m:
                values["user_count"] = int(m.group(1).replace(" ", ""))
            else:
                raw["user_count"] = uc
        # "Avveckling" in an IT or business assessment states an intent to retire; a Ja in a
        # decommission column ("Ska systemet avvecklas?") too
        for f in ("it_assessment", "business_assessment"):
            p.used_fields.add(f)
            v = _text(p.cell(cells, f))
            if v:
                values[f] = v
                if _RE_RETIRE.search(v):
                    values["retirement_intended"] = True
                    raw.setdefault("retirement_intended", f"{p.header(f)}: {v}")
        if "phase_out_from" not in values and raw.get("phase_out_from"):
            b = V.parse_bool(raw["phase_out_from"])
            if b.ok and b.value is not None:
                values["retirement_intended"] = b.value
                raw.setdefault("retirement_intended",
                               f"{p.header('phase_out_from')}: {raw['phase_out_from']}")
        if H.CLASSIFICATION in p.types:
            return  # classification values are read by the classification phase
        self._classification_values(p, line, cells, values, raw)

    def _object(self, name: str, src: str) -> str:
        name = norm_name(name)
        return self.ls.add_object(slug(name), source=src, name=name)

