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

import itertools
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ea import schema
from ea.cells import NOT_XML, xml_safe
from ea.config import Config
from ea.errors import ConfigError, InputError
from ea.importers import headers as H
from ea.importers import values as V
from ea.importers.ledger import IMPORTED, MERGED, REJECTED, SKIPPED, FileStats, Ledger
from ea.importers.reader import Table, read_tables
from ea.landscape import Landscape, loose_name, norm_name, slug
from ea.schema import OBJECT, ORGANISATION, OWNED_BY, PART_OF, PERSON, SYSTEM

_ORG_PATH_SPLIT = re.compile(r"\s*(?:/|>|\\)\s*")
_MULTI_SPLIT = re.compile(r"\s*[;\n]\s*|\s*,\s+|\s*,(?=\S)")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

ACTIVE_WORDS = ("aktiv", "active", "anstalld", "anställd", "ja", "yes", "true", "1", "enabled",
                "tjanstledig", "tjänstledig", "foraldraledig", "föräldraledig")
INACTIVE_WORDS = ("avslutad", "slutat", "inaktiv", "inactive", "nej", "no", "false", "0",
                  "disabled", "avregistrerad", "upphord", "upphörd", "terminated", "left")
BIDIRECTIONAL_WORDS = ("båda", "bada", "dubbelriktad", "ömsesidig", "omsesidig", "<->", "↔",
                       "both", "bidirectional", "two-way", "tvåvägs", "tvavags")


@dataclass
class Prepared:
    """A table with its header map, record types and bookkeeping."""

    table: Table
    hmap: H.HeaderMap
    types: list[str]
    stats: FileStats
    outcomes: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    reasons: dict[int, list[tuple[str | None, str]]] = field(default_factory=lambda: defaultdict(list))
    row_subject: dict[int, str] = field(default_factory=dict)
    used_fields: set[str] = field(default_factory=set)
    scale: object = None
    scale_note: str | None = None
    _index: dict[str, list[int]] = field(default_factory=dict)

    def cell(self, cells: list, fld: str):
        idx = self._index.get(fld)
        if idx is None:
            idx = self._index[fld] = self.hmap.index_of(fld)
        for i in idx:
            if i < len(cells):
                v = cells[i]
                if v is None or (isinstance(v, str) and v.strip() == ""):
                    continue
                return v
        return None

    def header(self, fld: str) -> str | None:
        idx = self.hmap.index_of(fld)
        return self.hmap.headers[idx[0]] if idx else None


def _where(src: str | None) -> dict:
    """The ledger location of a provenance string (the inverse of
    ``TabularImporter._src``): ``"a.xlsx[Blad1]:12"`` -> file, sheet, line."""
    if not src:
        return {}
    file, _, line = src.rpartition(":")
    sheet = None
    m = re.match(r"^(.*)\[(.*)\]$", file)
    if m:
        file, sheet = m.group(1), m.group(2)
    return {"file": file, "sheet": sheet, "line": int(line) if line.isdigit() else None}


def _dependency_columns(cfg: Config) -> dict[str, str]:
    """``dependency_columns:`` of ea.yaml: header -> "to" (this row -> listed system) or
    "from" (listed system -> this row)."""
    data = cfg.get("dependency_columns") or {}
    if not isinstance(data, dict):
        raise ConfigError(f"{cfg.path or 'config'}: 'dependency_columns' must map a column "
                          "header to 'to' or 'from'")
    out = {}
    for header, way in data.items():
        w = str(way).strip().casefold()
        if w not in ("to", "from"):
            raise ConfigError(f"{cfg.path or 'config'}: dependency_columns: '{header}' must be "
                              f"'to' (this row -> listed system) or 'from' (listed system -> "
                              f"this row), not '{way}'")
        out[str(header)] = w
    return out


def _with_dependency_aliases(aliases: dict, dep_columns: dict[str, str]) -> dict:
    """The config's header aliases with ``dependency_columns`` first (they win)."""
    if not dep_columns:
        return aliases
    fld = {w: f for f, w in H.DEPENDENCY_DIRECTION.items()}
    out: dict = {}
    for header, way in dep_columns.items():
        out.setdefault(fld[way], []).append(header)
    for k, v in aliases.items():
        out.setdefault(k, []).extend([v] if isinstance(v, str) else list(v or []))
    return out


def dependency_reading(stats: FileStats) -> list[str]:
    """How a table's dependency columns were read, one line per column, for the import
    summary: ``'Beroende till': this system → listed system``."""
    ways = {"to": "this system → listed system", "from": "listed system → this system"}
    return [f"'{h}': {ways[w]}" for h, w in stats.dependencies.items()]
def _year_before(iso: str | None) -> str:
    """The day a year before an ISO date (today when None): 2026-11-25 -> 2025-11-25."""
    import datetime as dt

    day = dt.date.fromisoformat(iso) if iso else dt.date.today()
    try:
        return day.replace(year=day.year - 1).isoformat()
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28).isoformat()


def _filled(t: Table, i: int) -> list:
    return [c[i] for _, c in t.rows
            if i < len(c) and c[i] is not None and not (isinstance(c[i], str) and not c[i].strip())]


def _yes_no_column(values: list) -> bool:
    """Whether a column's values are answers (Ja/Nej/Delvis/Vet ej), not text: at least one
    real Ja or Nej and four in five values answers (digits never count: "1" is a version)."""
    yes_no = answers = 0
    for v in values:
        if isinstance(v, bool):
            yes_no += 1
            answers += 1
            continue
        if not isinstance(v, str) or re.fullmatch(r"[\d.,\s]+", v):
            continue
        b = V.parse_bool(v)
        if b.ok and (b.value is not None or b.note == "unknown") and (
                b.value is not None or any(ch.isalpha() for ch in v)):
            answers += 1
            yes_no += b.value is not None
    return yes_no > 0 and answers * 5 >= len(values) * 4


def _choose_columns(t: Table, hmap: H.HeaderMap) -> None:
    """Decide, on the rows, which column fills a field several columns map to: a column with
    values beats an empty one, then an exact alias beats a keyword match, then the first
    wins. A column of Ja/Nej answers never fills a text field (a vendor of "Ja" is a
    question column mis-mapped): it is left unmapped, kept as extra data, and said so. The
    reasons go to ``hmap.notes`` (ledger entries of the columns not used)."""
    cands: dict[str, list[int]] = defaultdict(list)
    for i, f in hmap.columns.items():
        cands[f].append(i)
    for f, idx in hmap.duplicates.items():
        cands[f] = sorted(set(cands[f]) | set(idx))
    label = {"alias": "exact alias", "keyword": "keyword match"}
    for f, idx in cands.items():
        if f.startswith("role:") or f in H.DEPENDENCY_FIELDS:
            continue  # several role or dependency columns are all read
        filled = {i: _filled(t, i) for i in idx}
        usable = []
        for i in idx:
            if f in H.TEXT_FIELDS and _yes_no_column(filled[i]):
                hmap.notes[i] = (f"holds Ja/Nej answers ({len(filled[i])} values), not "
                                 f"{f.replace('_', ' ')} text: not used as {f}")
            else:
                usable.append(i)
        best = min(usable, key=lambda i: (not filled[i], hmap.how.get(i) != "alias", i),
                   default=None)
        for i in idx:
            hmap.columns.pop(i, None)
            hmap.unmapped[i] = hmap.headers[i]
        if best is None:
            continue
        del hmap.unmapped[best]
        hmap.columns[best] = f
        for i in usable:
            if i != best and filled[i] and hmap.how.get(i) == hmap.how.get(best):
                # as good a match, with values: read where the chosen column is empty
                # ("Avvecklingsår" and "Avvecklat år": every decommission year is seen)
                del hmap.unmapped[i]
                hmap.fallbacks.setdefault(f, []).append(i)
                hmap.notes[i] = (f"'{hmap.headers[i]}' also maps to {f}; read where "
                                 f"'{hmap.headers[best]}' is empty")
            elif i != best:
                hmap.notes[i] = (
                    f"also maps to {f} ({label.get(hmap.how.get(i), '?')}, {len(filled[i])} "
                    f"values); '{hmap.headers[best]}' is used ({label.get(hmap.how.get(best), '?')}"
                    f", {len(filled[best])} values)")
    hmap.columns = dict(sorted(hmap.columns.items()))


NOT_XML_REASON = ("characters no XML or xlsx file can hold (control characters, U+FFFE/U+FFFF, "
                  "lone surrogates) replaced by U+FFFD")


def _xml_safe_cells(t) -> None:
    """Replace, where values enter, what no file ea writes could hold (one warning per
    cell, in the table's warnings), so a name with U+0001 cannot make every export
    unparseable."""
    for i, h in enumerate(t.headers):
        if isinstance(h, str) and NOT_XML.search(h):
            t.headers[i] = xml_safe(h)
            t.warnings.append((t.header_line, t.headers[i], NOT_XML_REASON, repr(h)))
    for line, cells in t.rows:
        for i, c in enumerate(cells):
            if isinstance(c, str) and NOT_XML.search(c):
                cells[i] = xml_safe(c)
                col = t.headers[i] if i < len(t.headers) else None
                t.warnings.append((line, col, NOT_XML_REASON, repr(c)[:200]))


def _text(v) -> str | None:
    if v is None:
        return None
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    s = str(v).strip()
    return s or None


class TabularImporter:
    """Imports tables into a :class:`Landscape`, accounting for every row in a :class:`Ledger`."""

    def __init__(self, landscape: Landscape, ledger: Ledger, config: Config | None = None):
        self.ls = landscape
        self.ledger = ledger
        self.cfg = config or Config()
        self.dep_overrides = _dependency_columns(self.cfg)
        self.matcher = H.HeaderMatcher(_with_dependency_aliases(
            self.cfg.get("header_aliases") or {}, self.dep_overrides),
            self.cfg.get("role_aliases") or {})
        self.system_aliases = {norm_name(k): norm_name(v)
                               for k, v in (self.cfg.get("system_aliases") or {}).items()}
        self.external_orgs = {norm_name(o).casefold()
                              for o in (self.cfg.get("external_organisations") or [])}
        self.prepared: list[Prepared] = []
        #: ``progress(phase, done, total)`` per row handled (see ``import_files``)
        self.progress = None
        self.ignored: list[str] = []  # ea's own ledger files given among the exports
        self._person_by_email: dict[str, str] = {}
        self._person_by_name: dict[str, set[str]] = defaultdict(set)
        for key, d in landscape.nodes(PERSON):  # people other sources stated (a re-import)
            if d.get("email"):
                self._person_by_email[str(d["email"]).casefold()] = key
            if d.get("name"):
                self._person_by_name[str(d["name"]).casefold()].add(key)
        # system key -> {"to"|"from": header of a dependency column its row's table has}
        self._dep_tables: dict[str, dict[str, str]] = {}
        # system key -> names its dependency cells referred to ambiguously
        self._ambiguous_refs: dict[str, set[str]] = defaultdict(set)
        self._matcher: V.NameMatcher | None = None
        self._parse_cache: dict = {}

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
    def run(self) -> None:
        for p in self.prepared:
            self._decide_scale(p)
        for p in self.prepared:
            if H.SYSTEMS in p.types:
                self._each(p, self._row_system)
        for p in self.prepared:
            if H.PEOPLE in p.types:
                self._each(p, self._row_person)
        self._matcher = None
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
            key = (parser, value, type(value), tuple(sorted(kw.items())) if kw else ())
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

    # ------------------------------------------------------------------ organisations
    def _org_paths(self, p: Prepared, cells: list) -> list[list[str]]:
        parts: list[list[str]] = []
        for fld in H.ORG_FIELDS:
            p.used_fields.add(fld)
            v = _text(p.cell(cells, fld))
            if not v:
                continue
            alts = [a for a in re.split(r"\s*[;\n]\s*|\s*,\s*", v) if a]
            parts.append(alts or [v])
        if not parts:
            return []
        paths = []
        for combo in itertools.product(*parts):
            path: list[str] = []
            for c in combo:
                path += [x for x in _ORG_PATH_SPLIT.split(c) if x]
            if path:
                paths.append(path)
        return paths

    def _org_key(self, path: list[str], source: str) -> str:
        parent = None
        key = None
        for depth in range(1, len(path) + 1):
            sub = path[:depth]
            oid = slug(*sub) if depth > 1 else slug(sub[0])
            key = self.ls.add_organisation(oid, source=source, name=sub[-1],
                                           path=" / ".join(sub))
            if parent is not None and self.ls.parent_of(key) is None:
                self.ls.add_edge(PART_OF, key, parent, source=source)
            parent = key
        return key

    def _find_org(self, name: str) -> str | None:
        """An existing organisation by full path or by a unique leaf name."""
        n = norm_name(name)
        byleaf = []
        for key, d in self.ls.nodes(ORGANISATION):
            if d.get("path") == n:
                return key
            if d.get("name") == n:
                byleaf.append(key)
        return byleaf[0] if len(byleaf) == 1 else None

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
        if d.get("placeholder"):
            d["placeholder"] = False
            d.setdefault("defined_after_reference", True)
        if existed and src not in d.get("sources", [])[:1]:
            first = d["sources"][0] if d.get("sources") else "?"
            if first.rsplit(":", 1)[0] == src.rsplit(":", 1)[0]:
                self.ledger.add("warning", f"system '{name}' is listed again in the same file "
                                f"(first at {first}); merged", file=p.table.file,
                                sheet=p.table.sheet, line=line, column=p.header("name"),
                                subject=key)
        for path in paths:
            org = self._org_key(path, src)
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
            values["aliases"] = [norm_name(a) for a in re.split(r"\s*[;\n]\s*", aliases) if a]
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
        if "in_house" not in values and re.search(r"egenutveckl|in-house|inhouse", vendor, re.I):
            values["in_house"] = True
        uc = _text(p.cell(cells, "user_count"))
        p.used_fields.add("user_count")
        if uc:
            m = re.fullmatch(r"\s*(\d[\d\s]*)\s*", uc)
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
                if re.search(r"avveckl|decommission|retire", v, re.I):
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

    # ------------------------------------------------------------------ references
    def _name_matcher(self) -> V.NameMatcher:
        """Every known system name, id and alias, for reading dependency cells; built once
        per import and grown as placeholders are added (never rebuilt per row)."""
        if self._matcher is None:
            names = set()
            for _, d in self.ls.nodes(SYSTEM):
                if d.get("name"):
                    names.add(d["name"])
                names.add(d["id"])
                names.update(d.get("aliases") or [])
            names.update(self.cfg.get("system_aliases") or {})
            self._matcher = V.NameMatcher(sorted(names))
        return self._matcher

    def _narrow_by_organisation(self, found: list[str], context: str) -> list[str]:
        """The candidates owned within the referencing system's organisation, else within
        the nearest parent organisation that owns any; ``found`` when no level does."""
        chains = [self.ls.org_chain(o) for o in self.ls.owners_of(context)]
        if not chains:
            return found
        within = {k: {o for own in self.ls.owners_of(k) for o in self.ls.org_chain(own)}
                  for k in found}
        for depth in range(max(len(c) for c in chains)):
            level = {c[depth] for c in chains if depth < len(c)}
            hit = [k for k in found if within[k] & level]
            if hit:
                return hit
        return found

    def _resolve_system(self, p: Prepared, line: int, ref: str, column: str | None,
                        context: str | None = None) -> tuple[str | None, bool]:
        """A system key for a reference, and whether it was newly created as a placeholder.

        ``context`` is the system whose row makes the reference: a name several
        organisations register resolves to the one in its organisation, then up its
        organisation chain. Returns (None, False) for an ambiguous reference (reported)."""
        ref = norm_name(ref)
        target = self.system_aliases.get(ref, ref)
        found = self.ls.find_systems(target)
        if len(found) > 1:
            defined = [k for k in found if not self.ls.node(k).get("placeholder")]
            found = defined if defined else found
        if len(found) > 1 and context is not None:
            found = self._narrow_by_organisation(found, context)
        if len(found) > 1:
            names = ", ".join(f"{self.ls.name(k)} ({self.ls.node(k).get('organisation') or k})"
                              for k in found)
            self.ledger.add("ambiguous", f"'{ref}' matches {len(found)} systems: {names}; "
                            "use the System-ID", file=p.table.file, sheet=p.table.sheet,
                            line=line, column=column, value=ref)
            return None, False
        if found:
            key = found[0]
            if self.ls.node(key).get("placeholder"):
                self._report_unresolved(p, line, ref, column, key)
            return key, False
        sys_id = self.ls.free_system_id(slug(target), target)
        key = self.ls.add_system(sys_id, source=self._src(p, line), name=target,
                                 placeholder=True)
        if self._matcher is not None:
            self._matcher.add(target)
            self._matcher.add(sys_id)
        self._report_unresolved(p, line, ref, column, key)
        return key, True

    def _report_unresolved(self, p: Prepared, line: int, ref: str, column: str | None,
                           key: str) -> None:
        hint = ""
        near = self._near_names(ref)
        if near:
            hint = f"; did you mean {', '.join(repr(n) for n in near)}? (add system_aliases in ea.yaml)"
        self.ledger.add("unresolved", f"'{ref}' is defined by no source; kept as a placeholder "
                        f"system{hint}", file=p.table.file, sheet=p.table.sheet, line=line,
                        column=column, value=ref, subject=key)

    def _near_names(self, ref: str) -> list[str]:
        out = []
        for k in self.ls.find_loose(ref):
            d = self.ls.node(k)
            if not d.get("placeholder") and d.get("name") != ref:
                out.append(d["name"])
        return sorted(set(out))[:3]

    # ------------------------------------------------------------------ people
    def _person_key(self, name: str | None, email: str | None, src: str, *,
                    listed: bool = False, **fields) -> tuple[str, bool]:
        email = email.strip().casefold() if email else None
        name = norm_name(name) if name else None
        key = None
        if email and email in self._person_by_email:
            key = self._person_by_email[email]
        elif name and not email:
            cands = self._person_by_name.get(name.casefold(), set())
            if len(cands) == 1:
                key = next(iter(cands))
        if key is None:
            pid = email or f"name:{slug(name)}"
            key = schema.node_key(PERSON, pid)
        existed = key in self.ls
        vals = {"name": name, "email": email, **fields}
        if listed:
            vals["listed"] = True
        self.ls.add_person(key.split(":", 1)[1], source=src,
                           **{k: v for k, v in vals.items() if v is not None})
        if email:
            self._person_by_email[email] = key
        if name:
            self._person_by_name[name.casefold()].add(key)
        return key, existed

    def _row_person(self, p: Prepared, line: int, cells: list) -> str:
        src = self._src(p, line)
        for f in ("name", "person", "email", "employment", "status", "title", *H.ORG_FIELDS):
            p.used_fields.add(f)
        name = _text(p.cell(cells, "person")) or _text(p.cell(cells, "name"))
        email = _text(p.cell(cells, "email"))
        if email and not _EMAIL_RE.match(email):
            self.ledger.add("warning", f"'{email}' does not look like an e-mail address",
                            file=p.table.file, sheet=p.table.sheet, line=line,
                            column=p.header("email"), value=email)
        if not name and not email:
            return self._reject(p, line, "no name or e-mail for the person", p.header("name"))
        fields: dict = {}
        status = _text(p.cell(cells, "employment")) or _text(p.cell(cells, "status"))
        if status:
            folded = status.casefold()
            if any(folded.startswith(w) for w in INACTIVE_WORDS):
                fields["active"] = False
            elif any(folded.startswith(w) for w in ACTIVE_WORDS):
                fields["active"] = True
            else:
                self.ledger.add("warning", f"employment status '{status}' not understood; "
                                "the person's activity is unknown", file=p.table.file,
                                sheet=p.table.sheet, line=line,
                                column=p.header("employment") or p.header("status"), value=status)
        else:
            fields["active"] = True  # listed in a people export with no status column
        title = _text(p.cell(cells, "title"))
        if title:
            fields["title"] = title
        paths = self._org_paths(p, cells)
        if paths:
            fields["organisation"] = " / ".join(paths[0])
        key, existed = self._person_key(name, email, src, listed=True, **fields)
        lists = self.ls.meta.setdefault("people_lists", [])
        if p.stats.label not in lists:
            lists.append(p.stats.label)
        return MERGED if existed else IMPORTED

    # ------------------------------------------------------------------ roles
    def _role_subject(self, p: Prepared, line: int, cells: list) -> tuple[str | None, bool]:
        """The subject (system or object) a role row is about; (key, created)."""
        if line in p.row_subject:
            return p.row_subject[line], False
        src = self._src(p, line)
        for f in ("object", "subject", "name", "system_id"):
            p.used_fields.add(f)
        obj = _text(p.cell(cells, "object"))
        sysref = _text(p.cell(cells, "system_id")) or (
            _text(p.cell(cells, "name")) if not self._name_is_person(p) else None)
        subj = _text(p.cell(cells, "subject"))
        if obj:
            okey = schema.node_key(OBJECT, slug(norm_name(obj)))
            created = okey not in self.ls
            okey = self._object(obj, src)
            if sysref:
                skey, screated = self._resolve_system(p, line, sysref,
                                                      p.header("system_id") or p.header("name"))
                if skey:
                    self.ls.add_edge(PART_OF, skey, okey, source=src)
                    created = created or screated
            return okey, created
        ref = sysref or subj
        if not ref:
            return None, False
        if subj and not sysref and not self.ls.find_systems(self.system_aliases.get(
                norm_name(subj), norm_name(subj))):
            okey = schema.node_key(OBJECT, slug(norm_name(subj)))
            if okey in self.ls:
                return okey, False
        return self._resolve_system(p, line, ref, p.header("system_id") or p.header("name")
                                    or p.header("subject"))

    def _add_holders(self, p: Prepared, line: int, subject: str, role: str, cell,
                     title: str | None, column: str | None) -> str | None:
        src = self._src(p, line)
        text = _text(cell)
        if not text:
            return None
        if V.is_vacant(text):
            before = len(self.ls.node(subject).get("vacant_roles", []))
            self.ls.add_vacant_role(subject, role, source=src, title=title, raw=text)
            return IMPORTED if len(self.ls.node(subject)["vacant_roles"]) > before else MERGED
        people = V.split_people(text)
        if not people:
            self.ledger.add("warning", f"no person found in '{text}'", file=p.table.file,
                            sheet=p.table.sheet, line=line, column=column, value=text)
            return None
        outcome = MERGED
        for ref in people:
            pkey, _ = self._person_key(ref.name, ref.email, src)
            new = not self.ls.graph.has_edge(pkey, subject, f"{schema.HAS_ROLE}|{role}")
            self.ls.add_role(pkey, subject, role, source=src, title=title)
            if new:
                outcome = IMPORTED
        return outcome

    def _row_roles_wide(self, p: Prepared, line: int, cells: list) -> str | None:
        subject, created = self._role_subject(p, line, cells)
        role_cols = [(i, f.split(":", 1)[1]) for i, f in sorted(p.hmap.columns.items())
                     if f.startswith("role:")]
        for i, _ in role_cols:
            p.used_fields.add(p.hmap.columns[i])
        has_values = any(_text(cells[i]) for i, _ in role_cols if i < len(cells))
        if subject is None:
            if has_values and H.SYSTEMS not in p.types:
                return self._reject(p, line, "roles without a system or förvaltningsobjekt to "
                                    "attach them to", p.header("object") or p.header("name"))
            return None
        outs = [IMPORTED] if created else []
        for i, role in role_cols:
            if i >= len(cells):
                continue
            o = self._add_holders(p, line, subject, role, cells[i], p.hmap.headers[i],
                                  p.hmap.headers[i])
            if o:
                outs.append(o)
        if IMPORTED in outs:
            return IMPORTED
        if outs:
            return MERGED
        if H.SYSTEMS in p.types:
            return None
        return MERGED if not created else IMPORTED

    @staticmethod
    def _name_is_person(p: Prepared) -> bool:
        """In a long role list, a generic name column ("Namn") holds the person when a
        separate column names the subject; otherwise it names the system."""
        f = p.hmap.fields()
        return (H.ROLES_LONG in p.types and "person" not in f
                and bool(f & {"object", "system_id", "subject"}))

    def _row_roles_long(self, p: Prepared, line: int, cells: list) -> str | None:
        p.used_fields.update({"role_title", "person", "email", "name"})
        title = _text(p.cell(cells, "role_title"))
        if not title:
            return self._reject(p, line, "no role title", p.header("role_title"))
        role = self.matcher.role_from_title(title)
        if role is None:
            known = sorted({n for r in schema.ROLES.values() for n in r.names})
            import difflib
            near = difflib.get_close_matches(title, known, n=2, cutoff=0.6)
            hint = f" (nearest: {', '.join(near)})" if near else ""
            return self._reject(p, line, f"unknown role title '{title}'{hint}; add it to "
                                "role_aliases in ea.yaml", p.header("role_title"))
        subject, created = self._role_subject(p, line, cells)
        if subject is None:
            return self._reject(p, line, "no system or förvaltningsobjekt for the role",
                                p.header("object") or p.header("system_id"))
        person = _text(p.cell(cells, "person"))
        if person is None and self._name_is_person(p):
            person = _text(p.cell(cells, "name"))
        email = _text(p.cell(cells, "email"))
        if person and V.is_vacant(person) and not email:
            return self._add_holders(p, line, subject, role, person, title, p.header("person"))
        if not person and not email:
            self.ls.add_vacant_role(subject, role, source=self._src(p, line), title=title,
                                    raw=None)
            return IMPORTED
        src = self._src(p, line)
        pkey, _ = self._person_key(person, email, src)
        new = not self.ls.graph.has_edge(pkey, subject, f"{schema.HAS_ROLE}|{role}")
        self.ls.add_role(pkey, subject, role, source=src, title=title)
        return IMPORTED if (new or created) else MERGED

    # ------------------------------------------------------------------ integrations
    def _row_integration(self, p: Prepared, line: int, cells: list) -> str:
        src = self._src(p, line)
        p.used_fields.update({"source", "target", "via", "integration_type", "frequency",
                              "information", "criticality", "direction", "description", "name"})
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
        many = V.parse_integration_types(p.cell(cells, "integration_type"))
        if len(many) > 1:  # "API; Fil": every type, the first as `type`
            values["type"] = many[0].value
            values["types"] = [t.value for t in many]
        self._parse(p, line, cells, "frequency", V.parse_frequency, "frequency", values, raw)
        self._parse(p, line, cells, "criticality", V.parse_criticality, "criticality", values, raw)
        info = _text(p.cell(cells, "information"))
        if info:
            values["information"] = [x for x in re.split(r"\s*[;\n]\s*", info) if x]
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
        dep_cols = [(i, p.hmap.headers[i], H.DEPENDENCY_DIRECTION[f])
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
            for dep in V.parse_dependency_cell(cell, self._name_matcher()):
                other, created = self._resolve_system(p, line, dep.name, header,
                                                      context=subject)
                if other is None:
                    self._ambiguous_refs[subject].add(
                        self.system_aliases.get(norm_name(dep.name), norm_name(dep.name)))
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
        edges = {(u, v): d for u, v, k, d in self.ls.edges(schema.INTEGRATES_WITH)
                 if k == schema.INTEGRATES_WITH and d.get("recorded_by")}
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
            b = V.parse_continuity(cv)
            if b.raw is not None and b.ok and (b.value is not None or b.note):
                if b.value is not None:
                    values["continuity_plan"] = b.value
                if b.raw != str(b.value):
                    raw["continuity_plan"] = b.raw
            else:
                d = V.parse_date(cv)
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
        d = V.parse_date(v)
        if d.value is not None:
            # a date says when, not whether it is recent
            values[fld] = d.value
            if d.raw != d.value:
                raw[fld] = d.raw
            return
        b = V.parse_bool(v)
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
        dropped = sorted(set(values) - set(allowed))
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
        target = self.system_aliases.get(norm_name(ref), norm_name(ref))
        if self.ls.find_systems(target):
            return self._resolve_system(p, line, ref, p.header("subject") or p.header("object"))
        okey = schema.node_key(OBJECT, slug(norm_name(ref)))
        if okey in self.ls:
            return okey, False
        if obj and not subj:
            return self._object(ref, self._src(p, line)), True
        return self._resolve_system(p, line, ref, p.header("subject"))

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
        for key, d in self.ls.nodes():
            for c in d.get("conflicts", []):
                vals = "; ".join(f"{v['value']!r} ({v['source']})" for v in c["values"])
                self.ledger.add("conflict", f"{self.ls.name(key)}: sources disagree on "
                                f"{c['field']}: {vals}; the first is kept, both are recorded",
                                subject=key, column=c["field"], **_where(c["values"][-1]["source"]))
        for u, v, _k, d in self.ls.edges():
            if d.get("recorded_by"):
                continue  # dependency cells: reported as disagreements between the ends
            for c in d.get("conflicts", []):
                vals = "; ".join(f"{x['value']!r} ({x['source']})" for x in c["values"])
                self.ledger.add("conflict", f"{self.ls.name(u)} -> {self.ls.name(v)}: sources "
                                f"disagree on {c['field']}: {vals}; the first is kept, both are "
                                "recorded", subject=f"{u} -> {v}", column=c["field"],
                                **_where(c["values"][-1]["source"]))
