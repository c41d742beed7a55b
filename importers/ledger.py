"""The import ledger: nothing silently lost.

Every input row (or element, for model formats) ends up in exactly one count per file:
**imported** (it stated something new), **merged** (everything it stated was already known,
e.g. the same system in a second file), **rejected** (it could not be used; the reason is
recorded with file, line and column, and it is written to the rejected CSV) or **skipped**
(left out on purpose: an ArchiMate element that is not part of the landscape model, a row
of a sheet that holds no landscape data; the reason is a ``skipped`` entry). Besides the counts, the ledger keeps entries
for what a person must look at: unresolved references, one-sided dependencies, conflicts
between sources, near-miss name suggestions, values that could not be parsed, columns that
map to no field.

Invariant, per file: ``rows == imported + merged + rejected + skipped`` (checked by
:meth:`Ledger.check`, asserted in the tests).
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import asdict, dataclass, field

#: Row outcomes, in order of precedence when several parts of one row disagree.
IMPORTED, MERGED, REJECTED, SKIPPED = "imported", "merged", "rejected", "skipped"

#: Kinds of ledger entry.
ENTRY_KINDS = (
    "rejected",  # a row (or part of a row) that could not be used
    "unresolved",  # a reference to a system that no source defines (kept as a placeholder)
    "ambiguous",  # a reference that matches several systems
    "one_sided",  # a dependency recorded at only one of its two ends
    "disagreement",  # both ends recorded a dependency but disagree on its details
    "direction_conflict",  # the two ends of a pair record opposite directions
    "conflict",  # two sources state different values for one field
    "suggestion",  # near-miss names that may mean the same thing (never merged)
    "warning",  # a value that could not be understood (kept raw), an assumption made
    "unmapped_column",  # a column that maps to no field (its values kept in `extra`)
    "skipped",  # a sheet or element that is not landscape data, with the reason
)


@dataclass
class Entry:
    kind: str
    reason: str
    file: str = ""
    sheet: str | None = None
    line: int | None = None
    column: str | None = None
    value: str | None = None
    subject: str | None = None

    def where(self) -> str:
        s = self.file
        if self.sheet:
            s += f"[{self.sheet}]"
        if self.line:
            s += f":{self.line}"
        if self.column:
            s += f" ({self.column})"
        return s


@dataclass
class FileStats:
    file: str
    sheet: str | None = None
    format: str = ""
    record_types: list[str] = field(default_factory=list)
    header_line: int | None = None
    rows: int = 0
    imported: int = 0
    merged: int = 0
    rejected: int = 0
    skipped: int = 0  # left out on purpose (not landscape data), never in the rejected CSV
    blank: int = 0
    columns: dict[str, str] = field(default_factory=dict)  # source header -> field
    # dependency column header -> "to" (this row -> listed system) | "from" (listed -> row)
    dependencies: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    not_used: list[str] = field(default_factory=list)  # columns not used (see the ledger)

    @property
    def label(self) -> str:
        return f"{self.file}[{self.sheet}]" if self.sheet else self.file


class Ledger:
    """Collects per-file counts and entries during an import."""

    def __init__(self) -> None:
        self.files: list[FileStats] = []
        self.entries: list[Entry] = []
        self._seen: set[tuple] = set()

    def file(self, file: str, sheet: str | None = None, fmt: str = "") -> FileStats:
        fs = FileStats(file=file, sheet=sheet, format=fmt)
        self.files.append(fs)
        return fs

    def add(self, kind: str, reason: str, **where) -> Entry:
        if kind not in ENTRY_KINDS:
            raise ValueError(f"unknown ledger entry kind {kind}")
        e = Entry(kind=kind, reason=reason, **where)
        key = (e.kind, e.reason, e.file, e.sheet, e.line, e.column, e.value, e.subject)
        if key not in self._seen:
            self._seen.add(key)
            self.entries.append(e)
        return e

    def count(self, stats: FileStats, outcome: str) -> None:
        stats.rows += 1
        setattr(stats, outcome, getattr(stats, outcome) + 1)

    def check(self) -> list[str]:
        """Files whose counts do not add up (should always be empty)."""
        return [f.label for f in self.files
                if f.rows != f.imported + f.merged + f.rejected + f.skipped]

    def kinds(self, file: FileStats | None = None) -> Counter:
        return Counter(e.kind for e in self.entries
                       if file is None or (e.file == file.file and e.sheet == file.sheet))

    def summary_lines(self, limit: int = 10) -> list[str]:
        """What the import summary prints after the per-file table: the columns not used
        (per file) and every unresolved name (the first ``limit``, then "and N more")."""
        lines = []
        unused = [f"{f.label}: {', '.join(repr(c) for c in f.not_used)}"
                  + (" (kept as extra data)" if "systems" in f.record_types else "")
                  for f in self.files if f.not_used]
        if unused:
            lines.append("Not used: " + "; ".join(unused) + ".")
        names = list(dict.fromkeys(e.value or e.subject or "?" for e in self.entries
                                   if e.kind == "unresolved"))
        if names:
            more = f", and {len(names) - limit} more" if len(names) > limit else ""
            lines.append(f"Unresolved ({len(names)}, kept as placeholders): "
                         + ", ".join(repr(n) for n in names[:limit]) + more + ".")
        return lines

    # ------------------------------------------------------------------ serialisation
    def to_dict(self) -> dict:
        return {"files": [asdict(f) for f in self.files],
                "entries": [asdict(e) for e in self.entries]}

    @classmethod
    def from_dict(cls, data: dict) -> Ledger:
        led = cls()
        for f in data.get("files", []):
            led.files.append(FileStats(**f))
        for e in data.get("entries", []):
            led.entries.append(Entry(**e))
        return led

    def rejected_csv(self, kinds: tuple[str, ...] = ("rejected",), *,
                     excel: bool = False) -> str:
        """Rejected rows (or other entry kinds) as CSV text: file, sheet, line, column,
        kind, reason, value. Values are neutralised against spreadsheet formulas.
        ``excel``: ``;`` between cells and a UTF-8 BOM, as Swedish Excel opens it."""
        from ea.cells import BOM, csv_lf, neutralise

        buf = io.StringIO()
        if excel:
            buf.write(BOM)
        # \r\n ends, so a value with a bare \r is quoted
        w = csv.writer(buf, lineterminator="\r\n", delimiter=";" if excel else ",")
        w.writerow(["file", "sheet", "line", "column", "kind", "reason", "value", "subject"])
        for e in self.entries:
            if e.kind in kinds:
                w.writerow([neutralise(x) if isinstance(x, str) else ("" if x is None else x)
                            for x in (e.file, e.sheet, e.line, e.column, e.kind, e.reason,
                                      e.value, e.subject)])
        return csv_lf(buf.getvalue())
