"""What the parts of :class:`ea.importers.tabular.TabularImporter` share: :class:`Prepared`
(one table with its header map), the choice between duplicate columns, and small helpers."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from ea.cells import NOT_XML, xml_safe
from ea.config import Config
from ea.errors import ConfigError
from ea.importers import headers as H
from ea.importers import values as V
from ea.importers.ledger import FileStats
from ea.importers.reader import Table

_MULTI_SPLIT = re.compile(r"\s*[;\n]\s*|\s*,\s+|\s*,(?=\S)")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_RE_NUMBERISH = re.compile(r"[\d.,\s]+")

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
    _headers: dict[str, str | None] = field(default_factory=dict)
    #: facts of the header map asked on every row (role columns, dependency columns, ...),
    #: computed once per table by whoever asks first
    memo: dict = field(default_factory=dict)

    def cell(self, cells: list, fld: str):
        idx = self._index.get(fld)
        if idx is None:
            idx = self._index[fld] = self.hmap.index_of(fld)
        n = len(cells)
        for i in idx:
            if i < n:
                v = cells[i]
                if v is None or (isinstance(v, str) and not v.strip()):
                    continue
                return v
        return None

    def header(self, fld: str) -> str | None:
        # asked for every row that names a column in a ledger entry; the header map is
        # settled before the rows are read (as for ``cell``)
        try:
            return self._headers[fld]
        except KeyError:
            idx = self.hmap.index_of(fld)
            h = self._headers[fld] = self.hmap.headers[idx[0]] if idx else None
            return h


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
    n = len(values)
    # a column of text (every vendor, every description) is told apart within its first
    # fifth of values: once even all the rest could not make four in five answers, stop
    give_up = n - (n * 4 + 4) // 5  # non-answers beyond this many cannot pass
    misses = 0
    seen: dict[str, tuple[int, int]] = {}  # text -> (answer, yes/no): exports repeat values
    for v in values:
        if isinstance(v, bool):
            yes_no += 1
            answers += 1
            continue
        if not isinstance(v, str):
            hit = (0, 0)
        else:
            hit = seen.get(v)
            if hit is None:
                hit = (0, 0)
                if not _RE_NUMBERISH.fullmatch(v):
                    b = V.parse_bool(v)
                    if b.ok and (b.value is not None or b.note == "unknown") and (
                            b.value is not None or any(ch.isalpha() for ch in v)):
                        hit = (1, int(b.value is not None))
                seen[v] = hit
        answers += hit[0]
        yes_no += hit[1]
        if not hit[0]:
            misses += 1
            if misses > give_up:
                return False
    return yes_no > 0 and answers * 5 >= n * 4


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
    search = NOT_XML.search
    for line, cells in t.rows:
        # one search over the row's texts joined ("\n" is no such character); only a row
        # with a hit is read cell by cell
        if not search("\n".join([c for c in cells if isinstance(c, str)])):
            continue
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


