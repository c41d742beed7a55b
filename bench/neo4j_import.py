"""Benchmark: the batched ``UNWIND $rows ... MERGE`` import of ea's Neo4j store against per-row
MERGE and against Neo4j's own ``LOAD CSV``, on the same rows of one 10,000-system landscape, in
one run.

    python bench/neo4j_import.py                       # the running test server (.neo4j/uri)
    python bench/neo4j_import.py --size 10000 --per-row-sample 3000
    NEO4J_URI=bolt://... NEO4J_PASSWORD=... python bench/neo4j_import.py --csv-dir DIR

THE DATABASE IS EMPTIED (data, constraints, indexes) before each method: never point it at a
database you care about.

Methods, each on an emptied database with ea's uniqueness constraints created first:

batched
    :func:`ea.store.neo4j.push`: nodes then relationships in ``UNWIND`` batches of 1,000 rows,
    one transaction per batch, with ea's per-source stamping, then stale marking.
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
    sources), so it does less work than the other two. Writing the CSV files is timed
    separately.

The landscape is the synthetic region of :mod:`ea.demo` (``--size`` systems, imported the
ordinary way; the snapshot is cached in ``--cache``).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ea.store import neo4j as n4  # noqa: E402
from ea.store import snapshot  # noqa: E402


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
    state = ROOT / ".neo4j"
    return n4.Settings((state / "uri").read_text().strip(),
                       (state / "user").read_text().strip(),
                       (state / "password").read_text().strip())


def wipe(store: n4.Store) -> None:
    from tests.neo4j_fixture import wipe_database

    # delete in chunks so a large graph does not need one huge transaction
    with store.driver.session(database=store.database) as s:
        s.run("MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()
    wipe_database(store.driver, store.database)


def batched(store, ls) -> tuple[float, int]:
    wipe(store)
    t0 = time.perf_counter()
    res = n4.push(store, ls)
    return time.perf_counter() - t0, res.nodes + res.relationships


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


def load_csv(store, ls, csv_dir: Path) -> tuple[float, float, int]:
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
        merge = "MERGE" + cypher.split("MERGE")[1].split("SET")[0]
        p = csv_dir / f"rels_{i}.csv"
        cols, types = _write_csv(p, rows, ["u", "v", "ekey"])
        jobs.append((p, f"{match} {merge} SET {_sets(cols, types)}"))
    t_write = time.perf_counter() - t0
    total = sum(len(r) for _, r in node_groups) + sum(len(r) for _, r in rel_groups)
    t0 = time.perf_counter()
    with store.driver.session(database=store.database) as s:
        for path, body in jobs:
            url = path.resolve().as_uri()
            s.run(f"LOAD CSV WITH HEADERS FROM $url AS row CALL {{ WITH row {body} }} "
                  f"IN TRANSACTIONS OF 1000 ROWS", url=url).consume()
    elapsed = time.perf_counter() - t0
    got = store.read("MATCH (n) WHERE NOT n:EaLandscape AND NOT n:EaRun RETURN count(n) AS n")
    got_r = store.read("MATCH ()-[r]->() RETURN count(r) AS n")
    assert got[0]["n"] + got_r[0]["n"] == total, "LOAD CSV did not load every row"
    return elapsed, t_write, total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=10000)
    ap.add_argument("--per-row-sample", type=int, default=2000)
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir())
                    / "ea-bench-landscape-{size}.json")
    ap.add_argument("--csv-dir", type=Path, default=ROOT / ".neo4j" / "home" / "import"
                    / "ea-bench", help="a folder the server can read (LOAD CSV)")
    a = ap.parse_args()
    cache = Path(str(a.cache).format(size=a.size))
    t0 = time.perf_counter()
    ls = landscape(a.size, cache)
    st = ls.stats()
    print(f"landscape: {st['nodes']['System']} systems, {sum(st['nodes'].values())} nodes, "
          f"{sum(st['edges'].values())} relationships (ready in {time.perf_counter() - t0:.0f} s)")
    store = n4.Store(server_settings())
    store.check()
    print(f"server: {store.settings.describe()}")

    tb, rows = batched(store, ls)
    rate_b = rows / tb
    print(f"batched UNWIND (1,000 rows/transaction): {rows} rows in {tb:.1f} s = "
          f"{rate_b:,.0f} rows/s")

    tn, nn, tr, nr, total = per_row(store, ls, a.per_row_sample)
    rate_p = (nn + nr) / (tn + tr)
    print(f"per-row MERGE (1 row/transaction): sample of {nn} node rows in {tn:.1f} s "
          f"({nn / tn:,.0f}/s) and {nr} relationship rows in {tr:.1f} s ({nr / tr:,.0f}/s) = "
          f"{rate_p:,.0f} rows/s; all {total} rows extrapolated: {total / rate_p:.0f} s")

    tl, tw, total_l = load_csv(store, ls, a.csv_dir)
    rate_l = total_l / tl
    print(f"LOAD CSV (IN TRANSACTIONS OF 1000 ROWS, no ea stamps): {total_l} rows in "
          f"{tl:.1f} s = {rate_l:,.0f} rows/s (+ {tw:.1f} s writing the CSV files)")
    print(f"ratios: batched/per-row = {rate_b / rate_p:.1f}x; "
          f"LOAD CSV/batched = {rate_l / rate_b:.2f}x")
    wipe(store)
    store.close()


if __name__ == "__main__":
    main()
