"""Where loading a snapshot goes, and what the other formats would give (issue 18, point 4).

Every report starts by loading the snapshot, so its load is the floor of every warm command.
This script takes one snapshot apart, in one process and one run (the machine is shared:
compare the figures of one run with each other, not with another run's):

- **stages**: reading the bytes; parsing the records (the standard library's ``json``, and
  msgspec and orjson where installed, line by line as the loader reads them, with Python's
  cyclic garbage collector running as it does by default and paused); checking them; building
  the graph (networkx's ``add_node``/``add_edge``, and filling its dicts directly);
- **whole loads**: ``ea.store.snapshot.load`` as it is now, and as it was at ``--before``
  (the module of that commit, read with ``git show``, run against today's model);
- **candidates**: the same records in other layouts, each parsed into the dicts a landscape
  is made of: one JSON table per kind (columns and rows), MessagePack, SQLite with one row per
  record, and only the projection most reports read (the records without their provenance);
- with ``--whole`` (run first, while this process is small: a child's peak memory counts
  from its parent's size at the fork): ``ea stats`` and ``ea orphans`` as whole processes with the loader of
  ``--before`` (and no ``gc.freeze`` in the command layer) and with today's, and a bare load
  in a child process, with CPU seconds and peak memory from ``os.wait4`` (``ru_maxrss``,
  what ``/usr/bin/time -v`` reports).

Every figure is CPU seconds, the median of ``--repeat`` runs.

    .venv/bin/python bench/snapshot_load.py /tmp/robust10k/landscape.json --whole
    .venv/bin/python bench/snapshot_load.py big/landscape.json --only-whole --repeat 1 \
        --cases only,stats
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import msgspec
import networkx as nx

from ea.store import snapshot

PROVENANCE = frozenset({"sources", "field_sources", "first_seen", "last_seen", "raw",
                        "conflicts"})


def cpu(fn, repeat: int, *, paused: bool = False, setup=None) -> tuple[float, object]:
    """Median CPU seconds of ``fn(setup())`` over ``repeat`` runs (``setup`` untimed)."""
    times, out = [], None
    for _ in range(repeat):
        arg = setup() if setup else None
        out = None
        gc.collect()
        if paused:
            gc.disable()
        t = time.process_time()
        out = fn(arg) if setup else fn()
        times.append(time.process_time() - t)
        gc.enable()
    return statistics.median(times), out


def records(path: Path) -> tuple[list[bytes], list[bytes]]:
    """The node lines and the edge lines of a snapshot in the layout ea writes."""
    nodes, edges, part = [], [], None
    with open(path, "rb") as fh:
        for line in fh:
            text = line[:-2] if line.endswith(b",\n") else line.rstrip(b"\n")
            if text == b'"nodes": [':
                part = nodes
            elif text == b'"edges": [':
                part = edges
            elif text == b"]":
                part = None
            elif part is not None:
                part.append(text)
    return nodes, edges


def before_module(rev: str):
    src = subprocess.run(["git", "show", f"{rev}:ea/store/snapshot.py"], check=True,
                         capture_output=True, text=True,
                         cwd=Path(__file__).resolve().parent.parent).stdout
    folder = Path(tempfile.mkdtemp(prefix="ea-snapshot-before-"))
    path = folder / "snapshot_before.py"
    path.write_text(src, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("ea.store._snapshot_before", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod, path


def build_add(items: tuple[list, list]) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for n in items[0]:
        g.add_node(n.pop("key"), **n)
    for e in items[1]:
        g.add_edge(e.pop("source"), e.pop("target"), key=e.pop("key"), **e)
    return g


def build_direct(items: tuple[list, list]) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    node, succ, pred = g._node, g._succ, g._pred
    for n in items[0]:
        k = n.pop("key")
        node[k], succ[k], pred[k] = n, {}, {}
    for e in items[1]:
        u, v, k = e.pop("source"), e.pop("target"), e.pop("key")
        keys = succ[u].get(v)
        if keys is None:
            keys = succ[u][v] = pred[v][u] = {}
        keys[k] = e
    return g


def check_build_before(mod, items: tuple[list, list]) -> nx.MultiDiGraph:
    check, g = mod._Checker("bench"), nx.MultiDiGraph()
    for i, n in enumerate(items[0]):
        k, attrs = check.node(n, str(i), g)
        g.add_node(k, **attrs)
    for i, e in enumerate(items[1]):
        u, v, k, attrs = check.edge(e, str(i), g)
        g.add_edge(u, v, key=k, **attrs)
    return g


def check_build_now(items: tuple[list, list]) -> nx.MultiDiGraph:
    build = snapshot._Builder(snapshot._Checker("bench"))
    for i, n in enumerate(items[0]):
        build.node(n, str(i))
    for i, e in enumerate(items[1]):
        build.edge(e, str(i))
    return build.graph


def columnar(parsed: list[dict]) -> dict:
    kinds: dict[str, list[dict]] = {}
    for item in parsed:
        kinds.setdefault(item["kind"], []).append(item)
    out = {}
    for kind, items in kinds.items():
        cols = sorted({k for item in items for k in item})
        out[kind] = {"columns": cols, "rows": [[item.get(c) for c in cols] for item in items]}
    return out


def from_columns(doc: dict) -> list[dict]:
    out = []
    for part in doc.values():
        cols = part["columns"]
        out.extend({c: v for c, v in zip(cols, row, strict=True) if v is not None} for row in part["rows"])
    return out


def in_process(path: Path, rev: str, repeat: int) -> list[tuple[str, str, float, str]]:
    rows: list[tuple[str, str, float, str]] = []  # (group, what, CPU s, note)
    before, _ = before_module(rev)
    size = path.stat().st_size
    t, _ = cpu(path.read_bytes, repeat)
    rows.append(("stage", "read the bytes", t, f"{size / 2**20:.1f} MiB"))
    node_lines, edge_lines = records(path)
    lines = node_lines + edge_lines
    rows.append(("stage", "records", 0.0, f"{len(node_lines):,} nodes, {len(edge_lines):,} edges"))
    parsers = [("json", json.loads), ("msgspec", msgspec.json.Decoder().decode)]
    try:
        import orjson

        parsers.append(("orjson", orjson.loads))
    except ImportError:
        pass
    for name, fn in parsers:
        for paused in ((False, True) if name == "json" else (True,)):
            t, _ = cpu(lambda fn=fn: [fn(x) for x in lines], repeat, paused=paused)
            rows.append(("stage", f"parse: {name}, line by line, collector "
                                  f"{'paused' if paused else 'running'}", t, ""))
    decode = msgspec.json.Decoder().decode
    parsed_nodes = [decode(x) for x in node_lines]
    parsed_edges = [decode(x) for x in edge_lines]

    def fresh():
        return [dict(n) for n in parsed_nodes], [dict(e) for e in parsed_edges]

    t_add, _ = cpu(build_add, repeat, paused=True, setup=fresh)
    t_direct, _ = cpu(build_direct, repeat, paused=True, setup=fresh)
    t_cb_before, _ = cpu(lambda items: check_build_before(before, items), repeat, paused=True,
                         setup=fresh)
    t_cb_now, _ = cpu(check_build_now, repeat, paused=True, setup=fresh)
    rows += [("stage", "build: add_node/add_edge", t_add, "collector paused"),
             ("stage", "build: the graph's dicts filled directly", t_direct, "collector paused"),
             ("stage", "check (before)", t_cb_before - t_add,
              "check + add_node/add_edge, less that build"),
             ("stage", "check, and equal texts made one object (now)", t_cb_now - t_direct,
              "the same checks, the edge's inlined; check + direct build, less that build")]
    t_before, _ = cpu(lambda: before.load(path), repeat)
    t_now, ls = cpu(lambda: snapshot.load(path), repeat)
    rows += [("load", f"snapshot.load at {rev} (before)", t_before, ""),
             ("load", "snapshot.load now", t_now, f"{t_before / t_now:.1f}x faster")]

    # candidates: the same records in other layouts, parsed into the landscape's dicts
    parsed = [decode(x) for x in lines]
    folder = Path(tempfile.mkdtemp(prefix="ea-snapshot-layouts-"))
    col = folder / "columnar.json"
    col.write_bytes(msgspec.json.encode(columnar(parsed)))
    t, _ = cpu(lambda: from_columns(msgspec.json.decode(col.read_bytes())), repeat, paused=True)
    rows.append(("candidate", "one JSON table per kind (columns, rows), msgspec + dicts", t,
                 f"{col.stat().st_size / 2**20:.1f} MiB"))
    mp = folder / "records.msgpack"
    mp.write_bytes(msgspec.msgpack.encode(parsed))
    t, _ = cpu(lambda: msgspec.msgpack.decode(mp.read_bytes()), repeat, paused=True)
    rows.append(("candidate", "MessagePack, the whole document (msgspec)", t,
                 f"{mp.stat().st_size / 2**20:.1f} MiB, binary"))
    db = folder / "records.sqlite"
    with sqlite3.connect(db) as con:
        con.execute("create table r (key text, kind text, attrs text)")
        con.executemany("insert into r values (?, ?, ?)",
                        [(str(p.get("key")), p["kind"], x.decode()) for p, x in zip(parsed, lines, strict=True)])
    con.close()

    def read_sqlite(decode_rows: bool):
        con = sqlite3.connect(db)
        try:
            got = con.execute("select attrs from r").fetchall()
            return [decode(a) for (a,) in got] if decode_rows else got
        finally:
            con.close()

    t, _ = cpu(lambda: read_sqlite(True), repeat, paused=True)
    rows.append(("candidate", "SQLite, one row per record (JSON text), msgspec", t,
                 f"{db.stat().st_size / 2**20:.1f} MiB, binary"))
    t, _ = cpu(lambda: read_sqlite(False), repeat, paused=True)
    rows.append(("candidate", "SQLite, the rows fetched only (no dicts)", t, ""))
    slim = [msgspec.json.encode({k: v for k, v in p.items() if k not in PROVENANCE})
            for p in parsed]
    t, _ = cpu(lambda: [decode(x) for x in slim], repeat, paused=True)
    rows.append(("candidate", "only what most reports read (no provenance), msgspec", t,
                 f"{sum(map(len, slim)) / 2**20:.1f} MiB"))
    for p in folder.iterdir():
        p.unlink()
    folder.rmdir()
    return rows


# ------------------------------------------------------------------ whole processes
_CHILD = r"""
import gc, importlib.util, sys
mode, before_path, *args = sys.argv[1:]
if mode == "before":
    from ea.store import snapshot
    spec = importlib.util.spec_from_file_location("ea.store._snapshot_before", before_path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    snapshot.load = mod.load
    gc.freeze = lambda: None
if args[0] == "--load-only":
    from ea.store import snapshot
    snapshot.load(args[1])
else:
    from ea.cli import main
    sys.argv = ["ea", *args]
    main()
"""


def child(argv: list[str], cwd: Path) -> dict:
    with open(os.devnull, "wb") as null, open(cwd / ".stderr", "wb") as err:
        proc = subprocess.Popen([sys.executable, "-c", _CHILD, *argv], stdout=null,
                                stderr=err, cwd=cwd)
        _pid, status, ru = os.wait4(proc.pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{argv}: exit {code}: {(cwd / '.stderr').read_text()[-500:]}")
    return {"cpu": ru.ru_utime + ru.ru_stime, "mib": ru.ru_maxrss / 1024}


def whole(path: Path, rev: str, repeat: int, as_of: str, which: list[str]
          ) -> list[tuple[str, str, float, str]]:
    _, before_path = before_module(rev)
    cwd = Path(tempfile.mkdtemp(prefix="ea-snapshot-whole-"))
    cases = [("load only", ["--load-only", str(path)]),
             ("ea stats", ["stats", "-l", str(path)]),
             ("ea orphans", ["orphans", "-l", str(path), "--as-of", as_of, "-o",
                             str(cwd / "o.csv")])]
    cases = [(name, args) for name, args in cases if name.split()[-1] in which]
    rows = []
    for name, args in cases:
        got: dict[str, list[dict]] = {"before": [], "now": []}
        for _ in range(repeat):  # interleaved, so both see the same load on the machine
            for mode in ("before", "now"):
                got[mode].append(child([mode, str(before_path), *args], cwd))
        for mode in ("before", "now"):
            c = statistics.median(r["cpu"] for r in got[mode])
            m = statistics.median(r["mib"] for r in got[mode])
            rows.append(("whole", f"{name} ({mode})", c, f"{m:,.0f} MiB peak"))
        b = statistics.median(r["cpu"] for r in got["before"])
        n = statistics.median(r["cpu"] for r in got["now"])
        rows.append(("whole", f"{name}: before / now", b / n, "CPU ratio"))
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("snapshot", type=Path)
    ap.add_argument("--before", default="b49a893",
                    help="the commit whose ea/store/snapshot.py is 'before' (default: the "
                         "last one before the loader changed)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--whole", action="store_true", help="also time whole processes")
    ap.add_argument("--only-whole", action="store_true",
                    help="only the whole processes (for a 100,000-system snapshot)")
    ap.add_argument("--as-of", default="2026-01-01")
    ap.add_argument("--cases", default="only,stats,orphans",
                    help="the whole processes to run: only (a bare load), stats, orphans")
    ap.add_argument("--json", type=Path, help="also write the rows here")
    args = ap.parse_args(argv)
    rows = []
    if args.whole or args.only_whole:
        # first, while this process is small: a child's ru_maxrss starts from its parent's
        # size at the fork
        rows += whole(args.snapshot, args.before, args.repeat, args.as_of,
                      args.cases.split(","))
    if not args.only_whole:
        rows = in_process(args.snapshot, args.before, args.repeat) + rows
    print(f"{args.snapshot} ({args.snapshot.stat().st_size / 2**20:.1f} MiB), "
          f"median of {args.repeat}, load average {os.getloadavg()[0]:.1f}")
    print("| | what | CPU s | |\n|---|---|---|---|")
    for group, what, t, note in rows:
        print(f"| {group} | {what} | {t:.2f} | {note} |")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
