"""Benchmark: reports on Neo4j against the same reports on the snapshot, in one run.

    python bench/neo4j_reports.py                      # the running test server (.neo4j/uri)
    python bench/neo4j_reports.py --size 10000 --repeat 3 --reports orphans,hubs

Each measurement is a whole ``ea`` process under ``/usr/bin/time -v`` (wall time and peak
resident memory), so start-up, reading the landscape (the snapshot file, or streaming it
from the server) and the report itself all count, as a user sees them:

    ea REPORT -l landscape.json --as-of D -o out.csv     # snapshot
    ea REPORT --neo4j --as-of D -o out.csv               # Neo4j (the same Python rules)

Both outputs must be byte-identical (checked). The landscape is the synthetic region of
:mod:`ea.demo` (``--size`` systems, imported the ordinary way, cached in ``--cache``), pushed
once with its derived facts (the push is timed too). Snapshot and Neo4j runs alternate, so
both see the same machine load; the median and the spread of ``--repeat`` runs are reported,
and the Neo4j/snapshot ratios of the medians.

THE DATABASE IS EMPTIED before the push: never point it at a database you care about.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from neo4j_import import landscape, server_settings, wipe  # noqa: E402

from ea.store import neo4j as n4  # noqa: E402

AS_OF = "2026-11-25"


def timed(cmd: list[str], env: dict) -> tuple[float, float]:
    """(wall seconds, peak RSS in MiB) of one process."""
    p = subprocess.run(["/usr/bin/time", "-v", *cmd], env=env, capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{p.stderr[-2000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", p.stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    secs = 0.0
    for part in wall.group(1).split(":"):
        secs = secs * 60 + float(part)
    return secs, int(rss.group(1)) / 1024


def _span(runs: list[tuple[float, float]], k: int, fmt: str) -> tuple[str, float]:
    """"median (min-max)" of field ``k``, and the median."""
    vals = [r[k] for r in runs]
    mid = statistics.median(vals)
    return f"{fmt.format(mid)} ({fmt.format(min(vals))}-{fmt.format(max(vals))})", mid


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=10000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--reports", default="orphans,hubs")
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir())
                    / "ea-bench-neo4j-{size}.json")
    a = ap.parse_args()
    snap = Path(str(a.cache).format(size=a.size))
    ls = landscape(a.size, snap)
    st = server_settings()
    env = {**os.environ, "NEO4J_URI": st.uri, "NEO4J_USER": st.user,
           "NEO4J_PASSWORD": st.password or "", "NEO4J_DATABASE": st.database,
           "EA_CONFIG": "", "EA_BACKEND": ""}
    ea = str(Path(sys.executable).with_name("ea"))
    with n4.Store(st) as store:
        wipe(store)
    push_s, push_mib = timed([ea, "neo4j", "push", "-q", "-l", str(snap), "--as-of", AS_OF],
                             env)
    systems = sum(1 for _ in ls.nodes("System"))
    print(f"{systems} systems, {ls.graph.number_of_nodes()} nodes, "
          f"{ls.graph.number_of_edges()} relationships; push with derived facts: "
          f"{push_s:.1f} s, {push_mib:.0f} MiB")
    print("| report | snapshot s | Neo4j s | ratio | snapshot MiB | Neo4j MiB | ratio |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for report in a.reports.split(","):
            runs: dict[str, list[tuple[float, float]]] = {"snapshot": [], "neo4j": []}
            for i in range(a.repeat):
                outs = {}
                for backend in ("snapshot", "neo4j"):
                    out = Path(tmp) / f"{report}-{backend}-{i}.csv"
                    where = ["-l", str(snap)] if backend == "snapshot" else ["--neo4j"]
                    runs[backend].append(timed([ea, report, *where, "--as-of", AS_OF,
                                                "-o", str(out)], env))
                    outs[backend] = out.read_bytes()
                if outs["snapshot"] != outs["neo4j"]:
                    raise SystemExit(f"{report}: the two backends gave different output")

            s_t, n_t = _span(runs["snapshot"], 0, "{:.1f}"), _span(runs["neo4j"], 0, "{:.1f}")
            s_m, n_m = _span(runs["snapshot"], 1, "{:.0f}"), _span(runs["neo4j"], 1, "{:.0f}")
            print(f"| {report} | {s_t[0]} | {n_t[0]} | {n_t[1] / s_t[1]:.2f} | {s_m[0]} | "
                  f"{n_m[0]} | {n_m[1] / s_m[1]:.2f} |", flush=True)
    print(f"({a.repeat} runs each, alternating; {time.strftime('%Y-%m-%d %H:%M')} UTC)")


if __name__ == "__main__":
    main()
