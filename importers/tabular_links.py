"""Integration rows and dependency cells, and the checks across both ends of a
dependency: part of :class:`ea.importers.tabular.TabularImporter`.
"""

from __future__ import annotations

import re

from ea import schema
from ea.importers import headers as H
from ea.importers import values as V
from ea.importers.ledger import IMPORTED, MERGED
from ea.importers.tabular_base import BIDIRECTIONAL_WORDS, Prepared, _text, _where
from ea.landscape import norm_name

_RE_LIST = re.compile(r"\s*[;\n]\s*")
#: the fields an integration row reads
_INTEGRATION_ROW_FIELDS = frozenset((
    "source", "target", "via", "integration_type", "frequency", "information", "criticality",
    "direction", "description", "name"))


class LinkRows:
    """Methods of :class:`ea.importers.tabular.TabularImporter` (a mixin)."""

    # ------------------------------------------------------------------ integrations
    def _row_integration(self, p: Prepared, line: int, cells: list) -> str:
        src = self._src(p, line)
        p.used_fields.update(_INTEGRATION_ROW_FIELDS)
        a = _text(p.cell(cells, "source"))
        b = _text(p.cell(cells, "target"))
        if not a or not b:
            missing = "source" if not a else "target"
            return self._reject(p, line, f"no {missing} system", p.header(missing))
        ka, ca = self._resolve_system(p, line, a, p.header("source"))
        kb, cb = self._resolve_system(p, line, b, p.header("target"))
        if ka is None or kb is None:
            return self._reject(p, line, "ambiguous system reference (see the ambiguous entry)",
                                p.header("source") if ka is None else p.header("target"))
        if ka == kb:
            return self._reject(p, line, f"integration from '{a}' to itself", p.header("target"))
        via_ref = _text(p.cell(cells, "via"))
        via = None
        created = ca or cb
        if via_ref:
            via, cv = self._resolve_system(p, line, via_ref, p.header("via"))
            created = created or cv
            if via in (ka, kb):
                via = None
        values: dict = {}
        raw: dict = {}
        self._parse(p, line, cells, "integration_type", V.parse_integration_type,
                    "integration type", values, raw, target="type")
        many = self._cached(V.parse_integration_types, p.cell(cells, "integration_type"), {})
        if len(many) > 1:  # "API; Fil": every type, the first as `type`
            values["type"] = many[0].value
            values["types"] = [t.value for t in many]
        self._parse(p, line, cells, "frequency", V.parse_frequency, "frequency", values, raw)
        self._parse(p, line, cells, "criticality", V.parse_criticality, "criticality", values, raw)
        info = _text(p.cell(cells, "information"))
        if info:
            values["information"] = [x for x in _RE_LIST.split(info) if x]
        desc = _text(p.cell(cells, "description")) or _text(p.cell(cells, "name"))
        if desc:
            values["description"] = desc
        direction = _text(p.cell(cells, "direction"))
        if direction:
            if direction.casefold() in BIDIRECTIONAL_WORDS or any(
                    w in direction.casefold() for w in BIDIRECTIONAL_WORDS):
                values["bidirectional"] = True
            else:
                values["bidirectional"] = False
                raw["bidirectional"] = direction
        ekey = schema.INTEGRATES_WITH if not via else f"{schema.INTEGRATES_WITH}|via={via}"
        existed = self.ls.graph.has_edge(ka, kb, ekey)
        self.ls.add_integration(ka, kb, source=src, via=via, raw=raw, **values)
        return MERGED if existed and not created else IMPORTED

    # ------------------------------------------------------------------ dependencies
    def _dependency_reading(self, hmap: H.HeaderMap) -> dict[str, str]:
        """How each dependency column of a table is read: header -> "to" (this row ->
        listed system) or "from" (listed system -> this row)."""
        return {hmap.headers[i]: H.DEPENDENCY_DIRECTION[f] for i, f in sorted(hmap.columns.items())
                if f in H.DEPENDENCY_DIRECTION}

    def _row_dependencies(self, p: Prepared, line: int, cells: list) -> str | None:
        subject = p.row_subject.get(line)
        p.used_fields.update(H.DEPENDENCY_FIELDS)
        dep_cols = p.memo.get("dep_cols")
        if dep_cols is None:
            dep_cols = p.memo["dep_cols"] = [
                (i, p.hmap.headers[i], H.DEPENDENCY_DIRECTION[f])
                for i, f in sorted(p.hmap.columns.items()) if f in H.DEPENDENCY_DIRECTION]
        filled = [(h, d, text) for i, h, d in dep_cols
                  if i < len(cells) and (text := _text(cells[i]))]
        if subject is None:
            ref = _text(p.cell(cells, "system_id")) or _text(p.cell(cells, "name"))
            if not ref:
                if filled:
                    return self._reject(p, line, "dependencies without a system name",
                                        filled[0][0])
                return None
            subject, _ = self._resolve_system(p, line, ref, p.header("name"))
            if subject is None:
                return self._reject(p, line, "ambiguous system reference", p.header("name"))
        tables = self._dep_tables.setdefault(subject, {})
        for _, h, d in dep_cols:
            tables.setdefault(d, h)
        outs = []
        src = self._src(p, line)
        for header, direction, cell in filled:
            for dep in V.parse_dependency_cell(cell, self.resolver.name_matcher()):
                other, created = self._resolve_system(p, line, dep.name, header,
                                                      context=subject)
                if other is None:
                    self._ambiguous_refs[subject].add(self.resolver.canonical(dep.name))
                    p.reasons[line].append((header, f"ambiguous reference '{dep.name}'"))
                    continue
                if other == subject:
                    self.ledger.add("warning", f"'{dep.name}' depends on itself; ignored",
                                    file=p.table.file, sheet=p.table.sheet, line=line,
                                    column=header, value=dep.raw)
                    continue
                # "to": this row -> listed (the row is the source end, it stated the edge);
                # "from": listed -> this row (the row is the target end)
                u, v, end = ((subject, other, "source") if direction == "to"
                             else (other, subject, "target"))
                values: dict = {"recorded_by": [end]}
                raw: dict = {}
                if dep.type is not None:
                    self._warn_header(p, line, header, dep.type, "integration type")
                    types = [t.value for t in dep.types if t.value is not None]
                    if types:
                        values["type"] = types[0]
                    if len(types) > 1:
                        values["types"] = types
                if dep.criticality is not None:
                    self._warn_header(p, line, header, dep.criticality, "criticality")
                    if dep.criticality.value is not None:
                        values["criticality"] = dep.criticality.value
                existed = self.ls.graph.has_edge(u, v, schema.INTEGRATES_WITH)
                before = len(self.ls.graph.edges[u, v, schema.INTEGRATES_WITH].get(
                    "conflicts", [])) if existed else 0
                self.ls.add_integration(u, v, source=src, raw=raw, **values)
                attrs = self.ls.graph.edges[u, v, schema.INTEGRATES_WITH]
                for c in attrs.get("conflicts", [])[before:]:
                    vals = " vs ".join(f"{x['value']} ({x['source']})" for x in c["values"])
                    self.ledger.add("disagreement", f"the two ends disagree on the "
                                    f"{c['field']} of {self.ls.name(u)} -> {self.ls.name(v)}: "
                                    f"{vals}", file=p.table.file, sheet=p.table.sheet, line=line,
                                    column=header, value=dep.raw)
                outs.append(IMPORTED if (not existed or created) else MERGED)
        if IMPORTED in outs:
            return IMPORTED
        return MERGED if outs else None

    def _warn_header(self, p: Prepared, line: int, header: str, parsed: V.Parsed,
                     what: str) -> None:
        if parsed.raw is not None and not parsed.ok:
            self.ledger.add("warning", f"{what}: could not read '{parsed.raw}'"
                            + (f" ({parsed.note})" if parsed.note else "") + "; kept as raw text",
                            file=p.table.file, sheet=p.table.sheet, line=line, column=header,
                            value=parsed.raw)

    def _names_of(self, key: str) -> set[str]:
        d = self.ls.node(key)
        return {norm_name(x) for x in (d.get("id"), d.get("name"), *(d.get("aliases") or []))
                if x}

    def _one_sided(self) -> None:
        """Dependencies recorded at only one end, where the other end could have recorded
        it; and pairs whose two ends record opposite directions (``direction_conflict``:
        both edges are kept, neither row wins)."""
        # the order of Landscape.edges (sorted by ends and key), on the few edges that count
        iw = schema.INTEGRATES_WITH
        found = [(u, v, k, d) for u, nbrs in self.ls.graph._succ.items() for v, kd in nbrs.items()
                 for k, d in kd.items()
                 if k == iw and d.get("kind") == iw and d.get("recorded_by")]
        edges = {(u, v): d for u, v, _k, d in sorted(found, key=lambda e: e[:3])}
        reported: set[frozenset] = set()
        for (u, v), d in edges.items():
            rec = d["recorded_by"]
            if len(rec) != 1:
                continue
            stater, other = (u, v) if rec[0] == "source" else (v, u)
            back = edges.get((v, u))
            if back is not None and len(back["recorded_by"]) == 1:
                back_stater = v if back["recorded_by"][0] == "source" else u
                if back_stater != stater:
                    pair = frozenset((u, v))
                    if pair not in reported:
                        reported.add(pair)
                        self._direction_conflict(u, v, d, back)
                    continue
            # the other end would list the stater under a column of the opposite arrow
            needed = "from" if stater == u else "to"
            header = self._dep_tables.get(other, {}).get(needed)
            if header is None:
                continue
            if self._ambiguous_refs.get(other, set()) & self._names_of(stater):
                continue  # the other end named it, ambiguously: reported as ambiguous
            src = d["sources"][0] if d.get("sources") else None
            self.ledger.add("one_sided", f"{self.ls.name(u)} -> {self.ls.name(v)} is recorded "
                            f"by {self.ls.name(stater)} only; {self.ls.name(other)} does not "
                            f"list it under '{header}'", subject=f"{u} -> {v}", **_where(src))

    def _direction_conflict(self, u: str, v: str, d: dict, back: dict) -> None:
        a, b = sorted((u, v))
        first, second = (d, back) if (u, v) == (a, b) else (back, d)

        def said(x: str, y: str, e: dict) -> str:
            stater = x if e["recorded_by"][0] == "source" else y
            col = self._dep_tables.get(stater, {}).get(
                "to" if stater == x else "from", "?")
            where = e["sources"][0] if e.get("sources") else "?"
            return (f"{self.ls.name(stater)} records {self.ls.name(x)} -> {self.ls.name(y)} "
                    f"('{col}', {where})")

        src = first["sources"][0] if first.get("sources") else None
        self.ledger.add("direction_conflict", f"the two ends contradict each other on the "
                        f"direction: {said(a, b, first)} but {said(b, a, second)}; both edges "
                        "are kept (if a register means the opposite, turn its column around "
                        "with dependency_columns in ea.yaml)", subject=f"{a} <-> {b}",
                        **_where(src))

