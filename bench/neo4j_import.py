"""Benchmark: where a push to Neo4j spends its time, and the batched ``UNWIND $rows ... MERGE``
import of ea's Neo4j store against Neo4j's own ``LOAD CSV`` (and optionally per-row MERGE) on
the same rows of one landscape, in one run.

    python bench/neo4j_import.py                       # the running test server (.neo4j/uri)
    python bench/neo4j_import.py --landscape landscape.json --rounds 3
    NEO4J_TEST_STATE_DIR=.neo4j-bench python bench/neo4j_import.py   # a second test server
    python bench/neo4j_import.py --size 10000 --per-row-sample 3000
    NEO4J_URI=bolt://... NEO4J_PASSWORD=... python bench/neo4j_import.py --csv-dir DIR

THE DATABASE IS EMPTIED (data, constraints, indexes) before each method: never point it at a
database you care about.

Every step is timed as wall time, the client's CPU and (for the test server, read from
``/proc``) the server's CPU: on a shared machine wall time swings several-fold, so compare
CPU and ratios taken in the same run.

Phases of a push: the derived facts with the hub metrics computed, then read from the
snapshot's cache (``<snapshot>.hubs``, deleted first); planning the rows in Python; node and
relationship batches; stale marking.

Methods, each on an emptied database with ea's uniqueness constraints created first, batched
and LOAD CSV alternating ``--rounds`` times:

batched
    :func:`ea.store.neo4j.push` given the derived facts: nodes then relationships in
    ``UNWIND`` batches of 1,000 rows, one transaction per batch, with ea's per-source
    stamping, then stale marking. Planning the rows is reported as part of it.
per-row
    The very same statements and rows, one row per statement and transaction (what a naive
    loader does). Measured on an evenly spread sample (``--per-row-sample`` node rows, then
    the same number of relationship rows, their end nodes loaded beforehand untimed) and
    extrapolated to all rows at the sample's rate.
LOAD CSV
    The same rows written as CSV files (one per label and per relationship group) to the
    server's import directory, then ``LOAD CSV WITH HEADERS ... CALL { MERGE ... } IN
    TRANSACTIONS OF 1000 ROWS`` with the same properties (types restored with toInteger,
    toFloat, toBoolean, split). It does not maintain ea's stamps (``ea_seen``, stale
    sources), so it does less work. Writing the CSV files is timed separately.

The shares printed: the whole push vs LOAD CSV alone; the push less its planning vs LOAD CSV
alone; the whole push vs writing the files plus LOAD CSV; and CPU (server and client, less
planning, vs LOAD CSV's server CPU).

The landscape is ``--landscape``, else the synthetic region of :mod:`ea.demo` (``--size``
systems, imported the ordinary way; the snapshot is cached in ``--cache``).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ea.memory import collector_frozen  # noqa: E402
from ea.store import neo4j as n4  # noqa: E402
from ea.store import snapshot  # noqa: E402

#: the test server's state folder (scripts/neo4j-test-server.sh; NEO4J_TEST_STATE_DIR for
#: a second one)
STATE = Path(os.environ.get("NEO4J_TEST_STATE_DIR") or ROOT / ".neo4j")


def server_cpu() -> float | None:
    """CPU seconds the test server's process has used (None for a server elsewhere)."""
    pid = STATE / "pid"
    if os.environ.get("NEO4J_URI") or not pid.exists():
        return None
    try:
        f = Path(f"/proc/{int(pid.read_text())}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")


def client_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


class Clock:
    """Wall, client CPU and server CPU of a block."""

    def __enter__(self):
        self.w, self.c, self.s = time.perf_counter(), client_cpu(), server_cpu()
        return self

    def __exit__(self, *exc):
        self.wall = time.perf_counter() - self.w
        self.client = client_cpu() - self.c
        s = server_cpu()
        self.server = s - self.s if s is not None and self.s is not None else float("nan")

    def __str__(self):
        return (f"{self.wall:6.1f} s wall, {self.client:5.1f} s client CPU, "
                f"{self.server:5.1f} s server CPU")


def landscape(size: int, cache: Path):
    if cache.exists():
        return snapshot.load(cache)
    from ea import demo
    from ea.importers import import_files

    with tempfile.TemporaryDirectory() as tmp:
        files = demo.generate(Path(tmp) / "demo", size=size, seed=7)
        ls = import_files(files.paths, imported_at=dt.date(2026, 11, 25)).landscape
    snapshot.save(ls, cache)
    return ls


def server_settings() -> n4.Settings:
    if os.environ.get("NEO4J_URI"):
        return n4.settings()
    state = STATE
    return n4.Settings((state / "uri").read_text().strip(),
                       (state / "user").read_text().strip(),
                       (state / "password").read_text().strip())


def wipe(store: n4.Store) -> None:
    from tests.neo4j_fixture import wipe_database

    # delete in chunks so a large graph does not need one huge transaction
    with store.driver.session(database=store.database) as s:
        s.run("MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()
    wipe_database(store.driver, store.database)


def batched(store, ls, derived=None, first=None) -> tuple[Clock, Clock, int]:
    """The push given the derived facts (computed beforehand), into an emptied database: a
    first push (``first=None``) or the general way (``first=False``: MERGE, stamps filtered,
    stale marking, as into a database with data). Also the CPU of planning the rows in
    Python (what LOAD CSV's writing of the files stands for), which runs in a thread of its
    own beside the writes: its wall time overlaps theirs."""
    from ea.store.neo4j import writer

    wipe(store)
    real = writer.rows
    planning = Clock()
    planning.wall = planning.client = planning.server = 0.0

    def rows(*a, **k):  # the push makes its rows batch by batch: add up those moments
        w, t = time.perf_counter(), time.thread_time()
        out = real(*a, **k)
        planning.wall += time.perf_counter() - w
        planning.client += time.thread_time() - t
        return out

    writer.rows = rows
    try:
        with Clock() as c:
            res = n4.push(store, ls, derived=derived, first=first)
    finally:
        writer.rows = real
    assert res.first == (first is None)
    return c, planning, res.nodes + res.relationships


def push_phases(store, ls, path: Path | None, as_of: dt.date) -> dict:
    """Where a whole push's time goes: the facts (hub metrics computed, then read from the
    snapshot's cache), planning the rows, node and relationship batches, stale marking."""
    from ea.store import cache
    from ea.store.neo4j import facts, writer

    out = {}
    if path is not None:
        for f in path.parent.glob(path.name + ".hubs"):
            f.unlink()
        cache.attach(ls, path)
    with Clock() as out["facts, hub metrics computed"]:
        derived = facts.derived_facts(ls, as_of=as_of)
    if path is not None:
        with Clock() as out["facts, hub metrics from the cache"]:
            derived = facts.derived_facts(ls, as_of=as_of)
    with Clock() as out["plan the rows"], collector_frozen():
        writer.plan(ls, n4.run_sources(ls), derived)
    wipe(store)
    marks = {}
    real_write_all, real_stale = store.write_all, writer.mark_stale

    def write_all(statements, **kw):
        # a batch's span: from the first batch of its kind to the end of the last
        if not statements[0][0].startswith("UNWIND $rows"):
            return real_write_all(statements, **kw)
        phase = "nodes" if "MERGE (x:" in statements[0][0] else "relationships"
        if phase not in marks:
            marks[phase] = Clock()
            marks[phase].__enter__()
        out.setdefault(phase, marks[phase])
        try:
            return real_write_all(statements, **kw)
        finally:
            marks[phase].__exit__()

    def stale(*a):
        with Clock() as out["stale marking"]:
            return real_stale(*a)

    store.write_all, writer.mark_stale = write_all, stale
    try:
        with Clock() as out["push (writes, given the facts), general way"]:
            n4.push(store, ls, derived=derived, first=False)
    finally:
        store.write_all, writer.mark_stale = real_write_all, real_stale
    out["node batches"] = out.pop("nodes")
    out["relationship batches"] = out.pop("relationships")
    return out


def per_row(store, ls, sample: int) -> tuple[float, int, float, int, int]:
    """(seconds for the sampled node rows, their count, seconds for the sampled rel rows,
    their count, all rows)."""
    wipe(store)
    n4.constraints(store)
    scope = n4.run_sources(ls)
    node_groups, rel_groups = n4.plan(ls, scope)
    params = {"scope": scope, "sep": n4.SEP, "run": "1", "all_sources": False}
    all_nodes = [(lbl, r) for lbl, rows in node_groups for r in rows]
    all_rels = [(c, r) for c, rows in rel_groups for r in rows]
    step = max(1, len(all_nodes) // sample)
    sample_nodes = all_nodes[::step][:sample]
    t0 = time.perf_counter()
    for label, row in sample_nodes:
        store.write(n4._node_cypher(label), rows=[row], **params)
    t_nodes = time.perf_counter() - t0
    # end nodes for the relationship sample: everything else, batched, untimed
    done = {row["key"] for _, row in sample_nodes}
    for label, rows in node_groups:
        rest = [r for r in rows if r["key"] not in done]
        for i in range(0, len(rest), 1000):
            store.write(n4._node_cypher(label), rows=rest[i:i + 1000], **params)
    step = max(1, len(all_rels) // sample)
    sample_rels = all_rels[::step][:sample]
    t0 = time.perf_counter()
    for cypher, row in sample_rels:
        store.write(cypher, rows=[row], **params)
    t_rels = time.perf_counter() - t0
    return t_nodes, len(sample_nodes), t_rels, len(sample_rels), len(all_nodes) + len(all_rels)


# --------------------------------------------------------------------------- LOAD CSV
def _column_type(values) -> str:
    kinds = set()
    for v in values:
        if v is None:
            continue
        if isinstance(v, bool):
            kinds.add("bool")
        elif isinstance(v, int):
            kinds.add("int")
        elif isinstance(v, float):
            kinds.add("float")
        elif isinstance(v, list):
            kinds.add("list")
        else:
            kinds.add("str")
    if kinds <= {"int"}:
        return "int"
    if kinds <= {"int", "float"}:
        return "float"
    if kinds == {"bool"}:
        return "bool"
    if kinds == {"list"}:
        return "list"
    return "str"


_CONVERT = {"int": "toInteger(row.`{c}`)", "float": "toFloat(row.`{c}`)",
            "bool": "toBoolean(row.`{c}`)", "list": "split(row.`{c}`, '\u001f')",
            "str": "row.`{c}`"}


def _write_csv(path: Path, rows: list[dict], ids: list[str]) -> tuple[list[str], dict]:
    cols = sorted({k for r in rows for k in r["props"]} | {"sources"})
    types = {c: _column_type([r["props"].get(c) if c != "sources" else r["sources"]
                              for r in rows]) for c in cols}
    types["sources"] = "list"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(ids + cols)
        for r in rows:
            out = [r[i] for i in ids]
            for c in cols:
                v = r["sources"] if c == "sources" else r["props"].get(c)
                if v is None:
                    out.append("")
                elif isinstance(v, list):
                    out.append("\u001f".join(str(x) for x in v))
                else:
                    out.append(str(v).lower() if isinstance(v, bool) else v)
            w.writerow(out)
    return cols, types


def _sets(cols, types) -> str:
    # a value left empty in the CSV reads as null: the property stays unset, as with MERGE
    return ", ".join(f"x.`{c}` = CASE WHEN row.`{c}` IS NULL OR row.`{c}` = '' THEN NULL "
                     f"ELSE {_CONVERT[types[c]].format(c=c)} END" for c in cols)


def load_csv(store, ls, csv_dir: Path) -> tuple[Clock, float, int]:
    wipe(store)
    n4.constraints(store)
    csv_dir.mkdir(parents=True, exist_ok=True)
    scope = n4.run_sources(ls)
    node_groups, rel_groups = n4.plan(ls, scope)
    t0 = time.perf_counter()
    jobs = []
    for label, rows in node_groups:
        p = csv_dir / f"nodes_{label}.csv"
        cols, types = _write_csv(p, rows, ["key"])
        jobs.append((p, f"MERGE (x:{label} {{key: row.key}}) SET {_sets(cols, types)}"))
    by_group: dict = {}
    for cypher, rows in rel_groups:
        by_group[cypher] = rows
    for i, (cypher, rows) in enumerate(by_group.items()):
        match = cypher.split("MERGE")[0].replace("UNWIND $rows AS row ", "")
        merge = "MERGE" + cypher.split("MERGE", 1)[1].split("\nWITH")[0]
        p = csv_dir / f"rels_{i}.csv"
        cols, types = _write_csv(p, rows, ["u", "v", "ekey"])
        jobs.append((p, f"{match} {merge} SET {_sets(cols, types)}"))
    t_write = time.perf_counter() - t0
    total = sum(len(r) for _, r in node_groups) + sum(len(r) for _, r in rel_groups)
    with Clock() as clock, store.driver.session(database=store.database) as s:
        for path, body in jobs:
            url = path.resolve().as_uri()
            s.run(f"LOAD CSV WITH HEADERS FROM $url AS row CALL {{ WITH row {body} }} "
                  f"IN TRANSACTIONS OF 1000 ROWS", url=url).consume()
    got = store.read("MATCH (n) WHERE NOT n:EaLandscape AND NOT n:EaRun RETURN count(n) AS n")
    got_r = store.read("MATCH ()-[r]->() RETURN count(r) AS n")
    assert got[0]["n"] + got_r[0]["n"] == total, "LOAD CSV did not load every row"
    return clock, t_write, total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=10000)
    ap.add_argument("--landscape", type=Path, default=None,
                    help="a snapshot to push instead of generating the demo region")
    ap.add_argument("--rounds", type=int, default=2,
                    help="batched and LOAD CSV alternately, this many times each")
    ap.add_argument("--per-row-sample", type=int, default=0,
                    help="also time per-row MERGE on this many rows (0: skip)")
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir())
                    / "ea-bench-landscape-{size}.json")
    ap.add_argument("--csv-dir", type=Path, default=STATE / "home" / "import"
                    / "ea-bench", help="a folder the server can read (LOAD CSV)")
    a = ap.parse_args()
    path = a.landscape or Path(str(a.cache).format(size=a.size))
    t0 = time.perf_counter()
    ls = snapshot.load(path) if a.landscape else landscape(a.size, path)
    st = ls.stats()
    print(f"landscape: {st['nodes']['System']} systems, {sum(st['nodes'].values())} nodes, "
          f"{sum(st['edges'].values())} relationships (ready in {time.perf_counter() - t0:.0f} s)")
    store = n4.Store(server_settings())
    store.check()
    print(f"server: {store.settings.describe()}; load average {os.getloadavg()[0]:.1f}")

    from ea.store.neo4j import facts

    derived = facts.derived_facts(ls, as_of=dt.date(2026, 11, 25))
    runs = []
    for _ in range(a.rounds):
        one = {}
        for first, name in ((None, "first push"), (False, "general way")):
            c, planning, rows = batched(store, ls, derived, first)
            print(f"batched UNWIND, {name} (1,000 rows/transaction, ea's stamps): {rows} rows, "
                  f"{c}; planning the rows {planning.client:.1f} s CPU in its thread")
            one[name] = (c, planning)
        lc, tw, total = load_csv(store, ls, a.csv_dir)
        print(f"LOAD CSV (IN TRANSACTIONS OF 1000 ROWS, no ea stamps): {total} rows, {lc} "
              f"(+ {tw:.1f} s writing the CSV files)")
        r = {}
        for name, (c, planning) in one.items():
            r[name, "whole"] = lc.wall / c.wall
            r[name, "with files"] = (lc.wall + tw) / c.wall
            r[name, "cpu"] = lc.server / (c.server + c.client - planning.client)
        runs.append(r)
    print(f"batched speed as a share of LOAD CSV's, median of {a.rounds} pairs (same run):")
    for name in ("first push", "general way"):
        for k, label in (("whole", "the whole push vs LOAD CSV alone"),
                         ("with files", "the whole push vs writing the CSV files + LOAD CSV"),
                         ("cpu", "CPU: server + client less planning vs LOAD CSV's server")):
            v = sorted(r[name, k] for r in runs)
            print(f"  {name + ': ' + label:68s} {v[len(v) // 2]:.0%} ({v[0]:.0%}-{v[-1]:.0%})")
    print("where a push's time goes:")
    phases = push_phases(store, ls, path, dt.date(2026, 11, 25))
    for name, clock in phases.items():
        print(f"  {name:36s} {clock}")

    if a.per_row_sample:
        tn, nn, tr, nr, total = per_row(store, ls, a.per_row_sample)
        rate_p = (nn + nr) / (tn + tr)
        print(f"per-row MERGE (1 row/transaction): sample of {nn} node rows in {tn:.1f} s "
              f"and {nr} relationship rows in {tr:.1f} s = {rate_p:,.0f} rows/s; all "
              f"{total} rows extrapolated: {total / rate_p:.0f} s")
    wipe(store)
    store.close()


if __name__ == "__main__":
    main()
