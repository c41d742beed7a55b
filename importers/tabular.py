"""Tabular exports (CSV, XLSX) into the landscape.

The record type of each file or sheet is recognised from its headers (see
:func:`ea.importers.headers.record_types`): systems (an inventory), integrations (a list of
from/to rows), dependencies (``Beroende till`` / ``Beroende från`` cells in an inventory),
roles (wide: one column per pm3 role; long: a ``Roll`` column), people (an HR or directory
export) and classification (LISA/KLASSA: K/R/T/S, MTPD/RTO/RPO, continuity plan, dates). A
table may carry several.

The import runs in phases over all files at once, so the order of the files on the command
line does not matter: (1) systems are defined from every inventory, (2) people lists are
read, (3) integrations, dependencies, roles and classification resolve their references
against the known systems and people. A reference to a system nobody defines becomes a
placeholder system, flagged and listed in the ledger: never silently created, never dropped.

Row outcomes (see :mod:`ea.importers.ledger`): *imported* when the row created a node or
edge, *merged* when everything it stated attached to what already existed, *rejected* with a
reason otherwise.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from ea.config import Config
from ea.errors import InputError
from ea.importers import headers as H
from ea.importers import values as V
from ea.importers.ledger import IMPORTED, MERGED, REJECTED, SKIPPED, Ledger
from ea.importers.reader import read_tables
from ea.importers.resolve import Resolver, org_paths
from ea.importers.tabular_base import (
    Prepared,
    _choose_columns,
    _dependency_columns,
    _text,
    _where,
    _with_dependency_aliases,
    _xml_safe_cells,
    dependency_reading,
)
from ea.importers.tabular_classification import ClassificationRows
from ea.importers.tabular_links import LinkRows
from ea.importers.tabular_people import PeopleRows
from ea.importers.tabular_systems import SystemRows
from ea.landscape import Landscape, loose_name, norm_name
from ea.schema import SYSTEM

__all__ = ["Prepared", "TabularImporter", "dependency_reading"]


class TabularImporter(SystemRows, PeopleRows, LinkRows, ClassificationRows):
    """Imports tables into a :class:`Landscape`, accounting for every row in a :class:`Ledger`.

    People, organisations and system references are resolved by ``resolver`` (the one
    :class:`~ea.importers.resolve.Resolver` of the import, shared with the model importers;
    a new one when not given)."""

    def __init__(self, landscape: Landscape, ledger: Ledger, config: Config | None = None, *,
                 resolver: Resolver | None = None):
        self.ls = landscape
        self.ledger = ledger
        self.cfg = config or Config()
        self.dep_overrides = _dependency_columns(self.cfg)
        self.matcher = H.HeaderMatcher(_with_dependency_aliases(
            self.cfg.get("header_aliases") or {}, self.dep_overrides),
            self.cfg.get("role_aliases") or {})
        self.resolver = resolver or Resolver(landscape, ledger, self.cfg)
        self.external_orgs = {norm_name(o).casefold()
                              for o in (self.cfg.get("external_organisations") or [])}
        self.prepared: list[Prepared] = []
        #: ``progress(phase, done, total)`` per row handled (see ``import_files``)
        self.progress = None
        self.ignored: list[str] = []  # ea's own ledger files given among the exports
        # system key -> {"to"|"from": header of a dependency column its row's table has}
        self._dep_tables: dict[str, dict[str, str]] = {}
        # system key -> names its dependency cells referred to ambiguously
        self._ambiguous_refs: dict[str, set[str]] = defaultdict(set)
        self._parse_cache: dict = {}
        self._people_read = False

    # ------------------------------------------------------------------ reading
    def read(self, path: str | Path, display: str | None = None) -> None:
        tables = read_tables(path, self.matcher.score, display=display)
        name = display or Path(path).name
        if not tables:
            stats = self.ledger.file(name, fmt=Path(path).suffix.lstrip("."))
            stats.notes.append("empty file: no rows")
            self.ledger.add("skipped", "empty file", file=name)
            return
        for t in tables:
            what = H.ea_report(t.first_row, t.headers)
            if what == H.LEDGER_REPORT:
                # ea's own side files, caught by "ea import *.csv": ignored, and said so
                self.ledger.file(name, fmt=t.fmt).notes.append(f"{what}: ignored")
                self.ledger.add("skipped", f"{what} written by ea: ignored", file=name)
                self.ignored.append(name)
                return
            if what:
                sheet = f" (sheet '{t.sheet}')" if t.sheet else ""
                raise InputError(f"this is {what}{sheet}, not an export to import: import the "
                                 "exports it was made from", file=name)
        for t in tables:
            _xml_safe_cells(t)
        recognised = []
        for t in tables:
            hmap = self.matcher.map_headers(t.headers)
            _choose_columns(t, hmap)
            types = H.record_types(hmap.fields())
            stats = self.ledger.file(t.file, t.sheet, t.fmt)
            stats.header_line = t.header_line
            stats.blank = t.blank
            stats.record_types = list(types)
            stats.columns = {hmap.headers[i]: f for i, f in sorted(hmap.columns.items())}
            stats.dependencies = self._dependency_reading(hmap)
            p = Prepared(t, hmap, types, stats)
            for ln in t.skipped_lines:
                self.ledger.add("skipped", "title row above the header row", file=t.file,
                                sheet=t.sheet, line=ln)
            for ln, col, reason, value in t.warnings:
                self.ledger.add("warning", reason, file=t.file, sheet=t.sheet, line=ln,
                                column=col, value=value)
            recognised.append(p)
        if not any(p.types for p in recognised):
            p = recognised[0]
            heads = [h for h in p.hmap.headers if h.strip()]
            near = sorted({a for h in heads for a in self.matcher.nearest(h, 2)})
            sheet = f" sheet '{p.table.sheet}'" if p.table.sheet else ""
            hint = f"; nearest known headers: {', '.join(near[:8])}" if near else ""
            # drop the stats we registered for this unusable file
            for q in recognised:
                self.ledger.files.remove(q.stats)
            raise InputError(
                f"cannot tell what this{sheet} holds from its headers "
                f"({', '.join(heads[:12]) or 'none'}){hint}; add header_aliases in ea.yaml",
                file=name, line=p.table.header_line)
        for p in recognised:
            if not p.types:
                heads = ", ".join(h for h in p.hmap.headers if h.strip())[:200]
                lines = [ln for ln, _ in p.table.rows]
                span = f"lines {lines[0]}-{lines[-1]}" if lines else "no data rows"
                self.ledger.add("skipped", f"sheet not recognised as landscape data (headers: "
                                f"{heads}); its rows are counted as skipped",
                                file=p.table.file, sheet=p.table.sheet, line=p.table.header_line,
                                value=span)
                for ln, _ in p.table.rows:
                    p.outcomes[ln].append(SKIPPED)
                self._finish(p)
                continue
            self.prepared.append(p)

    # ------------------------------------------------------------------ the phases
    def run_people(self) -> None:
        """Read the people lists (a directory: names with e-mails), before the model files
        and role lists whose holders, named by name only, resolve against them."""
        if self._people_read:
            return
        self._people_read = True
        for p in self.prepared:
            if H.PEOPLE in p.types:
                self._each(p, self._row_person)

    def run(self) -> None:
        for p in self.prepared:
            self._decide_scale(p)
        for p in self.prepared:
            if H.SYSTEMS in p.types:
                self._each(p, self._row_system)
        self.run_people()  # done already when import_files read them before the model files
        self.resolver.forget_names()
        for p in self.prepared:
            for t in p.types:
                fn = {H.INTEGRATIONS: self._row_integration, H.DEPENDENCIES: self._row_dependencies,
                      H.ROLES_WIDE: self._row_roles_wide, H.ROLES_LONG: self._row_roles_long,
                      H.CLASSIFICATION: self._row_classification}.get(t)
                if fn:
                    self._each(p, fn)
        for p in self.prepared:
            self._unused_columns(p)
            self._finish(p)
        self._one_sided()
        self._suggestions()
        self._conflicts()

    def _each(self, p: Prepared, fn) -> None:
        rows = p.table.rows
        phase = f"{p.table.label}: {fn.__name__.removeprefix('_row_')}"
        for i, (line, cells) in enumerate(rows):
            if self.progress and i % 500 == 0:
                self.progress(phase, i, len(rows))
            try:
                out = fn(p, line, cells)
            except InputError:
                raise
            if out:
                p.outcomes[line].append(out)
        if self.progress:
            self.progress(phase, len(rows), len(rows))

    def _finish(self, p: Prepared) -> None:
        for line, reason, text in p.table.rejected:  # rows the reader could not read
            self.ledger.add("rejected", reason, file=p.table.file, sheet=p.table.sheet,
                            line=line, value=text)
            self.ledger.count(p.stats, REJECTED)
        for line, _cells in p.table.rows:
            outs = p.outcomes.get(line, [])
            if IMPORTED in outs:
                outcome = IMPORTED
            elif MERGED in outs:
                outcome = MERGED
            elif SKIPPED in outs:
                outcome = SKIPPED
            else:
                outcome = REJECTED
                reasons = p.reasons.get(line) or [(None, "the row states nothing ea can use "
                                                   "(no name, reference or value)")]
                for col, reason in reasons:
                    self.ledger.add("rejected", reason, file=p.table.file, sheet=p.table.sheet,
                                    line=line, column=col)
            self.ledger.count(p.stats, outcome)

    def _reject(self, p: Prepared, line: int, reason: str, column: str | None = None) -> str:
        p.reasons[line].append((column, reason))
        return REJECTED

    def _src(self, p: Prepared, line: int) -> str:
        t = p.table
        return f"{t.file}[{t.sheet}]:{line}" if t.sheet else f"{t.file}:{line}"

    def _org_paths(self, p: Prepared, cells: list) -> list[list[str]]:
        p.used_fields.update(H.ORG_FIELDS)
        return org_paths(_text(p.cell(cells, f)) for f in H.ORG_FIELDS)

    def _resolve_system(self, p: Prepared, line: int, ref: str, column: str | None,
                        context: str | None = None) -> tuple[str | None, bool]:
        """:meth:`Resolver.system` for a reference in a row."""
        return self.resolver.system(ref, source=self._src(p, line), context=context,
                                    **self._at(p, line, column))

    @staticmethod
    def _at(p: Prepared, line: int, column: str | None = None) -> dict:
        """Where a row's ledger entry goes."""
        return {"file": p.table.file, "sheet": p.table.sheet, "line": line, "column": column}

    def _warn(self, p: Prepared, line: int, fld: str, parsed: V.Parsed, what: str) -> None:
        if parsed.raw is not None and not parsed.ok:
            self.ledger.add("warning", f"{what}: could not read '{parsed.raw}'"
                            + (f" ({parsed.note})" if parsed.note else "") + "; kept as raw text",
                            file=p.table.file, sheet=p.table.sheet, line=line,
                            column=p.header(fld), value=parsed.raw)

    # ------------------------------------------------------------------ value helpers
    def _parse(self, p: Prepared, line: int, cells: list, fld: str, parser, what: str,
               values: dict, raw: dict, target: str | None = None, **kw) -> V.Parsed | None:
        v = p.cell(cells, fld)
        p.used_fields.add(fld)
        if v is None:
            return None
        parsed = self._cached(parser, v, kw)
        self._warn(p, line, fld, parsed, what)
        name = target or fld
        if parsed.value is not None:
            values[name] = parsed.value
        if parsed.raw is not None and (parsed.value is None or str(parsed.value) != parsed.raw):
            raw[name] = parsed.raw
        return parsed

    def _cached(self, parser, value, kw: dict) -> V.Parsed:
        """Parse with memoisation: exports repeat the same few values ("Ja", "I drift")
        thousands of times, and Parsed results are immutable."""
        try:
            # keyword order as the call site gives it: another order is only another entry
            key = (parser, value, type(value), tuple(kw.items()) if kw else ())
            hit = self._parse_cache.get(key)
        except TypeError:  # unhashable (a dict scale)
            return parser(value, **kw)
        if hit is None:
            hit = self._parse_cache[key] = parser(value, **kw)
        return hit

    def _decide_scale(self, p: Prepared) -> None:
        cfg_scale = self.cfg.get("classification_scale")
        if cfg_scale is not None:
            p.scale = cfg_scale if not isinstance(cfg_scale, int) else str(cfg_scale)
            p.scale_note = f"{cfg_scale} (config)" if not isinstance(cfg_scale, dict) else "config"
            return
        digits = set()
        for fld in ("k", "r", "t", "s"):
            for i in p.hmap.index_of(fld):
                for _, cells in p.table.rows:
                    v = cells[i] if i < len(cells) else None
                    s = _text(v)
                    if s and re.fullmatch(r"\d", s):
                        digits.add(int(s))
        for i in p.hmap.index_of("classification"):
            for _, cells in p.table.rows:
                s = _text(cells[i] if i < len(cells) else None)
                if s and not re.search(r"[a-zåäö]{2,}", s, re.I):  # "K2 R3 T3", "2-3-3"
                    digits.update(int(d) for d in re.findall(r"\d", s))
        if not digits:
            return
        if 0 in digits:
            p.scale, p.scale_note = "0-4", "0-4"
        else:
            p.scale, p.scale_note = "0-4", "0-4 (assumed)"
            cols = ", ".join(h for f in ("k", "r", "t", "s", "classification")
                             if (h := p.header(f)))
            self.ledger.add("warning", "classification levels written as digits only and no 0 "
                            "seen: read on the 0-4 scale (0 ingen ... 4 synnerligen allvarlig); "
                            "set classification_scale: 1-4 in ea.yaml if 1 means 'ingen/försumbar'",
                            file=p.table.file, sheet=p.table.sheet, line=p.table.header_line,
                            column=cols)

    # ------------------------------------------------------------------ after the rows
    def _unused_columns(self, p: Prepared) -> None:
        """A ledger entry per column not used, with why; the headers go to the file's
        ``not_used`` list, which the import summary prints."""
        kept = H.SYSTEMS in p.types
        for i, h in sorted(p.hmap.unmapped.items()):
            dup = next((f for f, idx in p.hmap.duplicates.items() if i in idx), None)
            why = p.hmap.notes.get(i) or (
                f"a second column for '{dup}'; the first one is used" if dup else
                "maps to no field")
            tail = " (values kept as extra data on each system)" if kept else ""
            self.ledger.add("unmapped_column", f"column '{h}' {why}{tail}",
                            file=p.table.file, sheet=p.table.sheet, line=p.table.header_line,
                            column=h)
            p.stats.not_used.append(h)
        for idx in p.hmap.fallbacks.values():
            for i in idx:
                p.stats.notes.append(p.hmap.notes[i])
        for i, f in sorted(p.hmap.columns.items()):
            if f not in p.used_fields:
                self.ledger.add("unmapped_column", f"column '{p.hmap.headers[i]}' ({f}) is not "
                                f"used for a {' + '.join(p.types)} table",
                                file=p.table.file, sheet=p.table.sheet,
                                line=p.table.header_line, column=p.hmap.headers[i])
                p.stats.not_used.append(p.hmap.headers[i])

    def _suggestions(self) -> None:
        groups: dict[str, set[str]] = defaultdict(set)
        for _, d in self.ls.nodes(SYSTEM):
            if d.get("name"):
                groups[loose_name(d["name"])].add(d["name"])
        for names in groups.values():
            if len(names) > 1:
                ns = sorted(names)
                self.ledger.add("suggestion", "these names differ only in case, spaces or "
                                "punctuation and may be one system: " + ", ".join(
                                    repr(n) for n in ns) + " (not merged; add system_aliases in "
                                "ea.yaml to merge)", value=" | ".join(ns))

    def _conflicts(self) -> None:
        # in the order of Landscape.nodes/edges (sorted), on the nodes and edges that have any
        g = self.ls.graph
        for key, d in sorted(((k, d) for k, d in g._node.items() if d.get("conflicts")),
                             key=lambda e: e[0]):
            for c in d.get("conflicts", []):
                vals = "; ".join(f"{v['value']!r} ({v['source']})" for v in c["values"])
                self.ledger.add("conflict", f"{self.ls.name(key)}: sources disagree on "
                                f"{c['field']}: {vals}; the first is kept, both are recorded",
                                subject=key, column=c["field"], **_where(c["values"][-1]["source"]))
        for u, v, _k, d in sorted(
                ((u, v, k, d) for u, nbrs in g._succ.items() for v, kd in nbrs.items()
                 for k, d in kd.items() if d.get("conflicts")), key=lambda e: e[:3]):
            if d.get("recorded_by"):
                continue  # dependency cells: reported as disagreements between the ends
            for c in d.get("conflicts", []):
                vals = "; ".join(f"{x['value']!r} ({x['source']})" for x in c["values"])
                self.ledger.add("conflict", f"{self.ls.name(u)} -> {self.ls.name(v)}: sources "
                                f"disagree on {c['field']}: {vals}; the first is kept, both are "
                                "recorded", subject=f"{u} -> {v}", column=c["field"],
                                **_where(c["values"][-1]["source"]))
