"""Derived facts computed once per snapshot and kept beside it.

Hub metrics need betweenness centrality, the one costly computation of the reports (seconds
to a minute at 10,000 systems). ``ea hubs``, ``ea ageing`` (its replacement list), the map,
the board pack and the Neo4j push all read the same frame, so it is computed once per
snapshot and kept in ``<snapshot>.<name>`` (``landscape.json.hubs``), a JSON file:

``{"format": "ea-derived-cache", "name": "hubs", "snapshot": "<sha256 of the snapshot's
bytes>", "params": {...}, "columns": [...], "dtypes": {...}, "index": "subject",
"rows": [[...], ...]}``

It is used only when both the snapshot's bytes (SHA-256) and the parameters the computing
function names (for hubs: its version, the ``hubs`` section of ea.yaml and the engines
installed) are the ones recorded; anything else (another snapshot, another config, a file
that is not such a cache, a file that does not parse) is a miss, and the next computation
overwrites it (atomically, :mod:`ea.atomic`). The file holds only data (JSON, never pickle).

The cache belongs to the command layer: :func:`attach` (called where a command loads its
snapshot) hangs a :class:`SnapshotCache` on the loaded landscape as ``derived_cache``, and the
computing function (:func:`ea.derived.hubs.metrics`, the only home of the metrics) asks it
before computing and gives it the result after. A landscape that was not loaded from a
snapshot by a command (tests, the notebook, Neo4j, a pseudonymised copy) has no cache and is
computed every time. A landscape whose node or edge count changed since it was loaded is not
served from the cache (commands do not change what they load; the check catches a caller who
adds to it).

Examples
--------
>>> import tempfile, pathlib
>>> import pandas as pd
>>> from ea.landscape import Landscape
>>> from ea.store import snapshot
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> ls = Landscape(); _ = ls.add_system("a", name="A")
>>> p = snapshot.save(ls, d / "landscape.json")
>>> ls = snapshot.load(p); c = attach(ls, p)
>>> c.get("hubs", {"v": 1}) is None
True
>>> c.put("hubs", {"v": 1}, pd.DataFrame({"subject": ["System:a"], "n": [1]}).set_index(
...     "subject", drop=False))
>>> c.get("hubs", {"v": 1})["n"].tolist(), c.get("hubs", {"v": 2}) is None
([1], True)
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import msgspec
import pandas as pd

from ea.atomic import atomic_write_text

FORMAT = "ea-derived-cache"


def digest(path: str | os.PathLike) -> str:
    """SHA-256 of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _canon(params: dict) -> str:
    return json.dumps(params, sort_keys=True, ensure_ascii=False, default=str)


def _fingerprint(landscape) -> tuple[int, int]:
    g = landscape.graph
    return g.number_of_nodes(), g.number_of_edges()


class SnapshotCache:
    """The derived-fact files beside one snapshot (see the module docstring)."""

    def __init__(self, path: str | os.PathLike, snapshot_digest: str, landscape=None):
        self.path = Path(path)
        self.snapshot_digest = snapshot_digest
        self._fingerprint = _fingerprint(landscape) if landscape is not None else None
        self._landscape = landscape
        self._memo: dict = {}
        #: what happened, in order: ``(name, "hit" | "miss" | "stale" | "written" |
        #: "unwritable")`` (read by the tests and ``ea hubs --verbose``-style diagnostics)
        self.events: list[tuple[str, str]] = []

    def file(self, name: str) -> Path:
        """Where the fact ``name`` is kept: ``<snapshot>.<name>``."""
        return self.path.with_name(f"{self.path.name}.{name}")

    def _valid(self) -> bool:
        if self._landscape is None:
            return True
        if _fingerprint(self._landscape) != self._fingerprint:
            return False
        return True

    def get(self, name: str, params: dict) -> pd.DataFrame | None:
        """The frame kept for ``name`` under exactly ``params``, or ``None``."""
        if not self._valid():
            self.events.append((name, "stale"))
            return None
        key = (name, _canon(params))
        if key in self._memo:
            self.events.append((name, "hit"))
            return self._memo[key].copy()
        try:
            with open(self.file(name), "rb") as fh:
                data = msgspec.json.decode(fh.read())
            ok = (isinstance(data, dict) and data.get("format") == FORMAT
                  and data.get("name") == name and data.get("snapshot") == self.snapshot_digest
                  and _canon(data.get("params")) == key[1])
            df = _frame(data) if ok else None
        except (OSError, ValueError, TypeError, KeyError, msgspec.DecodeError):
            df = None
        if df is None:
            self.events.append((name, "miss"))
            return None
        self._memo[key] = df
        self.events.append((name, "hit"))
        return df.copy()

    def put(self, name: str, params: dict, df: pd.DataFrame) -> None:
        """Keep ``df`` as ``name`` under ``params`` (atomically; a folder that cannot be
        written to only means the next command computes it again)."""
        if not self._valid():
            self.events.append((name, "stale"))
            return
        key = (name, _canon(params))
        self._memo[key] = df.copy()
        data = {"format": FORMAT, "name": name, "snapshot": self.snapshot_digest,
                "params": json.loads(key[1]), "index": df.index.name,
                "columns": [str(c) for c in df.columns],
                "dtypes": {str(c): str(t) for c, t in df.dtypes.items() if str(t) != "object"},
                "rows": df.to_numpy(dtype=object).tolist()}
        try:
            # msgspec writes the same JSON as json.dumps(ensure_ascii=False) 5-10x faster
            # (a country's 100,000 rows); ``_plain`` turns numpy scalars into numbers
            text = msgspec.json.encode(data, enc_hook=_plain).decode("utf-8")
            atomic_write_text(self.file(name), text)
        except OSError:
            self.events.append((name, "unwritable"))
            return
        self.events.append((name, "written"))


def _plain(value):
    """numpy scalars as Python numbers (a frame may hold them)."""
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def _frame(data: dict) -> pd.DataFrame:
    cols = list(data["columns"])
    rows = data["rows"]
    if not isinstance(rows, list) or any(not isinstance(r, list) or len(r) != len(cols)
                                         for r in rows):
        raise ValueError("rows do not match columns")
    df = pd.DataFrame(rows, columns=cols, dtype=object)
    for col, dtype in (data.get("dtypes") or {}).items():
        df[col] = df[col].astype(dtype)
    if data.get("index") is not None:
        df = df.set_index(data["index"], drop=False)
    return df


def stamp(path: str | os.PathLike) -> tuple | None:
    """Size, modification time and inode of a file (``None`` if it cannot be read): taken
    before loading a snapshot, so :func:`attach` can tell the file did not change since."""
    try:
        st = Path(path).stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns, st.st_ino


def attach(landscape, path: str | os.PathLike, before: tuple | None = None
           ) -> SnapshotCache | None:
    """Give ``landscape``, just loaded from the snapshot ``path``, its derived-fact cache
    (``landscape.derived_cache``). ``before``: the file's :func:`stamp` taken before the
    load. ``None`` (and no cache) when the file changed meanwhile (its size, time or inode
    moved between the load and the digest), so a digest never names content other than
    what was loaded."""
    p = Path(path)
    before = before if before is not None else stamp(p)
    try:
        d = digest(p)
    except OSError:
        return None
    if before is None or stamp(p) != before:
        return None
    cache = SnapshotCache(p, d, landscape)
    landscape.derived_cache = cache
    return cache
