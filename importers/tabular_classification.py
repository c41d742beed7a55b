"""Classification rows (LISA/KLASSA levels, MTPD/RTO/RPO, continuity, dates): part of
:class:`ea.importers.tabular.TabularImporter`.
"""

from __future__ import annotations

import re

from ea import schema
from ea.importers import headers as H
from ea.importers import values as V
from ea.importers.ledger import IMPORTED, MERGED
from ea.importers.tabular_base import Prepared, _text, _year_before
from ea.landscape import norm_name, slug
from ea.schema import OBJECT

_FIELDS = {k: frozenset(v) for k, v in schema.FIELDS_BY_KIND.items()}


class ClassificationRows:
    """Methods of :class:`ea.importers.tabular.TabularImporter` (a mixin)."""

    # ------------------------------------------------------------------ classification
    def _classification_values(self, p: Prepared, line: int, cells: list, values: dict,
                               raw: dict) -> None:
        levels_from = None
        for f in ("k", "r", "t", "s"):
            parsed = self._parse(p, line, cells, f, V.parse_level, f"level {f.upper()}", values,
                                 raw, scale=p.scale)
            if parsed is not None and parsed.value is not None:
                levels_from = "digits" if re.fullmatch(r"\d", parsed.raw or "") else (
                    levels_from or "names")
        combined = p.cell(cells, "classification")
        p.used_fields.add("classification")
        if combined is not None:
            parts = V.parse_combined_classification(combined, scale=p.scale)
            if "_error" in parts:
                self._warn(p, line, "classification", parts["_error"], "combined classification")
            for aspect, parsed in parts.items():
                if aspect.startswith("_") or parsed.value is None:
                    continue
                if aspect in values and values[aspect] != parsed.value:
                    self.ledger.add("warning", f"combined cell says {aspect.upper()}"
                                    f"{parsed.value} but the {aspect.upper()} column says "
                                    f"{values[aspect]}; the column is kept",
                                    file=p.table.file, sheet=p.table.sheet, line=line,
                                    column=p.header("classification"), value=str(combined))
                    continue
                values.setdefault(aspect, parsed.value)
                raw.setdefault(aspect, parsed.raw)
                levels_from = levels_from or ("digits" if re.search(r"\d", parsed.raw or "")
                                              else "names")
        if levels_from:
            values["classification_scale"] = (p.scale_note or "0-4") if levels_from == "digits" \
                else "names"
        self._dated_answer(p, line, cells, "classified_at", "classified", "classification",
                           values, raw)
        by = _text(p.cell(cells, "classified_by"))
        p.used_fields.add("classified_by")
        if by:
            values["classified_by"] = by
        # risk analysis: a date, or a yes/no answer to "Har riskanalys genomförts ...?"
        self._dated_answer(p, line, cells, "risk_assessed_at", "risk_assessed", "risk analysis",
                           values, raw)
        cv = p.cell(cells, "continuity_plan")
        p.used_fields.add("continuity_plan")
        if cv is not None:
            b = self._cached(V.parse_continuity, cv, {})
            if b.raw is not None and b.ok and (b.value is not None or b.note):
                if b.value is not None:
                    values["continuity_plan"] = b.value
                if b.raw != str(b.value):
                    raw["continuity_plan"] = b.raw
            else:
                d = self._cached(V.parse_date, cv, {})
                if d.value is not None:
                    values["continuity_plan"] = True
                    values["continuity_plan_at"] = d.value
                else:
                    self._warn(p, line, "continuity_plan", b, "continuity plan")
                    raw["continuity_plan"] = b.raw
        for f in ("mtpd", "rto", "rpo"):
            self._parse(p, line, cells, f, V.parse_duration_hours, f.upper(), values, raw,
                        target=f"{f}_hours")
        sla = _text(p.cell(cells, "sla"))
        p.used_fields.add("sla")
        if sla:
            values["sla"] = sla

    def _dated_answer(self, p: Prepared, line: int, cells: list, fld: str, answer: str,
                      what: str, values: dict, raw: dict) -> None:
        """A date (``fld``), or a yes/no answer (``answer``). A Ja to a question about "the
        last year" ("Har riskanalys genomförts under det senaste året?") also records
        ``<answer>_since``: the day a year before the import's as-of date, the earliest the
        assessment can have been, so quality's freshness rule counts it."""
        v = p.cell(cells, fld)
        p.used_fields.add(fld)
        if v is None:
            return
        d = self._cached(V.parse_date, v, {})
        if d.value is not None:
            # a date says when, not whether it is recent
            values[fld] = d.value
            if d.raw != d.value:
                raw[fld] = d.raw
            return
        b = self._cached(V.parse_bool, v, {})
        if b.raw is not None and b.ok:
            if b.value is not None:
                values[answer] = b.value
            raw[answer] = b.raw
            header = p.header(fld) or ""
            if b.value is True and H.RELATIVE_YEAR.search(H.ascii_fold(H.normalise(header))):
                values[f"{answer}_since"] = _year_before(self.ls.meta.get("imported_at"))
            return
        self._warn(p, line, fld, d, what)
        raw[fld] = d.raw

    def _row_classification(self, p: Prepared, line: int, cells: list) -> str | None:
        src = self._src(p, line)
        values: dict = {}
        raw: dict = {}
        self._classification_values(p, line, cells, values, raw)
        subject, created = (p.row_subject[line], False) if line in p.row_subject else \
            self._classification_subject(p, line, cells)
        if subject is None:
            if values:
                return self._reject(p, line, "classification without a system or object name",
                                    p.header("subject") or p.header("name"))
            return None
        kind = self.ls.node(subject)["kind"]
        allowed = schema.FIELDS_BY_KIND[kind]
        dropped = sorted(values.keys() - _FIELDS[kind])
        for f in dropped:
            self.ledger.add("warning", f"{f} is not recorded on a {kind} "
                            f"({self.ls.name(subject)}); value '{raw.get(f, values[f])}' not "
                            "imported", file=p.table.file, sheet=p.table.sheet, line=line,
                            column=f, value=str(raw.get(f, values[f])), subject=subject)
            values.pop(f)
            raw.pop(f, None)
        if not values and not raw:
            if line in p.row_subject:
                return None
            return self._reject(p, line, "no classification values in the row",
                                p.header("k") or p.header("classification"))
        self.ls.add_node(kind, self.ls.node(subject)["id"], source=src,
                         raw={k: v for k, v in raw.items() if k in allowed}, **values)
        if line in p.row_subject:
            return None
        return IMPORTED if created else MERGED

    def _classification_subject(self, p: Prepared, line: int, cells: list) -> tuple[str | None, bool]:
        for f in ("object", "subject", "name", "system_id"):
            p.used_fields.add(f)
        sid = _text(p.cell(cells, "system_id"))
        name = _text(p.cell(cells, "name"))
        subj = _text(p.cell(cells, "subject"))
        obj = _text(p.cell(cells, "object"))
        if sid or name:
            return self._resolve_system(p, line, sid or name,
                                        p.header("system_id") if sid else p.header("name"))
        ref = subj or obj
        if not ref:
            return None, False
        if self.ls.find_systems(self.resolver.canonical(ref)):
            return self._resolve_system(p, line, ref, p.header("subject") or p.header("object"))
        okey = schema.node_key(OBJECT, slug(norm_name(ref)))
        if okey in self.ls:
            return okey, False
        if obj and not subj:
            return self._object(ref, self._src(p, line)), True
        return self._resolve_system(p, line, ref, p.header("subject"))

