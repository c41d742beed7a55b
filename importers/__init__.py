"""Importers: source files into one :class:`~ea.landscape.Landscape`.

One module per source format (``tabular`` for CSV/XLSX; model formats such as ArchiMate and
Backstage in their own modules), a shared tabular reader, the header alias table and the
import ledger. :func:`import_files` is the entry point the CLI and notebooks use.

Examples
--------
>>> from ea.importers import import_files        # doctest: +SKIP
>>> result = import_files(["systemlista.xlsx", "integrationer.csv"])  # doctest: +SKIP
>>> result.landscape.stats()["nodes"]["System"]    # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib
from dataclasses import dataclass
from pathlib import Path

from ea.config import Config
from ea.errors import InputError
from ea.importers.ledger import Ledger
from ea.landscape import Landscape
from ea.memory import collector_paused

TABULAR_EXTENSIONS = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".xls", ".ods")

#: Model formats handled by their own modules: extension -> module name. A module provides
#: ``detect(path) -> bool`` (optional) and ``import_file(path, landscape, ledger, config,
#: display=..., resolver=...)`` (``resolver``: the import's one
#: :class:`~ea.importers.resolve.Resolver` of people, organisations and system references).
MODEL_FORMATS = {
    ".xml": ("archimate",),
    ".archimate": ("archimate",),
    ".yaml": ("backstage",),
    ".yml": ("backstage",),
    ".json": ("backstage",),
}


@dataclass
class ImportResult:
    landscape: Landscape
    ledger: Ledger


def _display_names(paths: list[Path]) -> dict[Path, str]:
    """Short names for the ledger: the file name, or more of the path when names clash."""
    names: dict[Path, str] = {}
    by_name: dict[str, list[Path]] = {}
    for p in paths:
        by_name.setdefault(p.name, []).append(p)
    for name, ps in by_name.items():
        if len(ps) == 1:
            names[ps[0]] = name
        else:
            for p in ps:
                names[p] = str(p)
    return names


def _model_module(path: Path):
    for modname in MODEL_FORMATS.get(path.suffix.lower(), ()):
        try:
            mod = importlib.import_module(f"{__name__}.{modname}")
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.endswith(modname):
                continue
            raise
        detect = getattr(mod, "detect", None)
        if detect is None or detect(path):
            return mod
    return None


EMPTY_FILE = "no data rows (empty, or a header only): is the export complete?"


def _warn_empty(ledger: Ledger, ignored=()) -> None:
    """A file none of whose sheets holds a data row is a warning: an export job that came
    out empty must be seen, not imported as a landscape without systems. (ea's own ledger
    CSVs, ``ignored``, are no exports.)"""
    rows: dict[str, int] = {}
    for f in ledger.files:
        if f.file in ignored:
            continue
        rows[f.file] = rows.get(f.file, 0) + f.rows
    for file, n in rows.items():
        if n == 0:
            ledger.add("warning", EMPTY_FILE, file=file)


def import_files(paths, config: Config | None = None, *,
                 imported_at: dt.date | None = None, progress=None,
                 base: Landscape | None = None) -> ImportResult:
    """Import files into a new landscape; every row is accounted for in the ledger.

    Parameters
    ----------
    paths : iterable of str or Path
        Exports to import: .csv/.xlsx tables (inventories, integration lists, role lists,
        people lists, classification registers), and model files where supported.
    config : ea.config.Config, optional
        Header aliases, role aliases, system aliases, classification scale.
    base : Landscape, optional
        Import into this landscape (what other sources stated; see
        :func:`ea.store.scope.without`) instead of a new one: references resolve against
        it, and its ``meta["files"]`` are kept beside the files given.
    imported_at : datetime.date, optional
        The date stamped as ``first_seen``/``last_seen`` (default today). Pin it for
        reproducible snapshots.
    progress : callable, optional
        ``progress(phase, done, total)``: files read, then rows handled per file and record
        type (the CLI draws it as a bar; nothing is printed here).

    Returns
    -------
    ImportResult
        ``.landscape`` (with ``.ledger`` stored in it as a dict) and ``.ledger``.
    """
    # The cyclic collector finds nothing to free here (rows become graph attributes that
    # stay alive, temporaries hold no cycles) but walks the growing graph again and again:
    # 15 % of an import's CPU at 10,000 systems. Off while importing, back on after.
    with collector_paused():  # see ea.memory
        return _import_files(paths, config, imported_at=imported_at, progress=progress,
                             base=base)


def _import_files(paths, config: Config | None, *, imported_at: dt.date | None, progress,
                  base: Landscape | None) -> ImportResult:
    from ea.importers.resolve import Resolver
    from ea.importers.tabular import TabularImporter

    config = config or Config()
    paths = [Path(p) for p in paths]
    if not paths:
        raise InputError("no files to import")
    for p in paths:
        if not p.exists():
            raise InputError("file not found", file=str(p))
        if p.is_dir():
            raise InputError("is a folder; pass the files in it", file=str(p))
    when = (imported_at or dt.date.today()).isoformat()
    # into ``base`` (what other sources stated, see ea.store.scope), else a new landscape
    landscape = base if base is not None else Landscape()
    landscape.meta["imported_at"] = when
    ledger = Ledger()
    names = _display_names(paths)
    # one canonical order, whatever the command line's: which record comes "first" (kept on
    # a conflict, listed first in sources) and the order of meta.files and of the ledger
    # follow it, so the same files give the same snapshot and ledger bytes (the names are
    # unique: a file name, or the whole path when two files share one)
    paths = sorted(dict.fromkeys(paths), key=lambda p: (names[p], str(p)))
    # one resolver for every format: a person or organisation several sources name is one node
    resolver = Resolver(landscape, ledger, config)
    tab = TabularImporter(landscape, ledger, config, resolver=resolver)
    tab.progress = progress
    models = []
    for i, p in enumerate(paths):
        if progress:
            progress("reading files", i, len(paths))
        ext = p.suffix.lower()
        if ext in TABULAR_EXTENSIONS:
            tab.read(p, display=names[p])
            continue
        mod = _model_module(p)
        if mod is None:
            raise InputError(f"unknown file format '{ext or 'no extension'}' (expected .csv, "
                             ".xlsx, or a supported model file)", file=names[p])
        models.append((mod, p))
    if len(tab.ignored) == len(paths):
        raise InputError("this is an ea import ledger (.ledger.csv or .rejected.csv), not an "
                         "export to import: import the exports it was made from",
                         file=tab.ignored[0])
    # people lists first: the directory that role holders named by name only resolve to;
    # then model files: they define systems the tables may refer to
    tab.run_people()
    for mod, p in models:
        mod.import_file(p, landscape, ledger, config, display=names[p], resolver=resolver)
    tab.run()
    _warn_empty(ledger, ignored=set(tab.ignored))
    bad = ledger.check()
    if bad:  # pragma: no cover - an internal accounting error must never pass silently
        raise AssertionError(f"ledger does not add up for {', '.join(bad)}")
    given = set(names.values())
    landscape.meta["files"] = [f for f in landscape.meta.get("files") or []
                               if f.get("file") not in given] + [
        {"file": names[p], "sha256": hashlib.sha256(p.read_bytes()).hexdigest(),
         "imported_at": when} for p in paths if names[p] not in tab.ignored]
    if config.path:
        landscape.meta["config"] = config.path
    landscape.ledger = ledger.to_dict()
    return ImportResult(landscape, ledger)
