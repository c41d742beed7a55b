"""What a user waits for: each ``ea`` command as a whole process, and the floors beside it.

A command's time here is a child process's wall-clock from spawn to exit (interpreter start,
imports, snapshot load, compute, rendering the output to a file), with its CPU time and peak
resident memory read from ``os.wait4`` (the kernel's own ``ru_maxrss`` of that child, what
``/usr/bin/time -v`` reports as "Maximum resident set size").

The machine is shared and loaded, so absolute seconds drift from run to run; each figure is
the median of ``repeat`` runs, and each is also given as a ratio to floors measured in the same
run, as whole processes too:

- ``python``: the bare interpreter (``python -c pass``);
- ``read files``: reading every input file as the importer reads it (CSV rows with the
  ``csv`` module, xlsx sheets with python-calamine), nothing else;
- ``json load``: ``json.load`` of the snapshot the import wrote, nothing else;
- ``betweenness``: exact rustworkx betweenness on the same undirected integration graph as
  hubs uses (the edge list handed over in a file; the figure is the call itself).

Used by ``bench/run.py``; ``python bench/whole.py FILES...`` runs it alone on a set of exports.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PY = sys.executable
_SCRIPT = Path(PY).parent / "ea"
EA = [str(_SCRIPT)] if _SCRIPT.exists() else [PY, "-m", "ea.cli"]

#: The commands timed as whole processes, as a user runs them (the snapshot and the as-of
#: date come from ./ea.yaml in the working directory). ``{hub}`` is the busiest system.
COMMANDS: list[tuple[str, list[str]]] = [
    ("--version", ["--version"]),
    ("--help", ["--help"]),
    ("stats", ["stats"]),
    ("orphans", ["orphans"]),
    ("coordinate", ["coordinate"]),
    ("check", ["check"]),
    ("quality", ["quality"]),
    ("classification", ["classification"]),
    ("hubs", ["hubs"]),
    ("ageing", ["ageing"]),
    ("duplicates", ["duplicates"]),
    ("people", ["people"]),
    ("impact", ["impact", "{hub}"]),
    ("map", ["map", "-o", "map.html"]),
    ("ageing --replacement", ["ageing", "--replacement"]),
    ("hubs --scope between", ["hubs", "--scope", "between"]),
    # ea diff: the snapshot against a later copy of it (_LATER below), ea precheck: a planned
    # system receiving data from the busiest one
    ("diff", ["diff", "landscape.json", "later.json"]),
    ("precheck", ["precheck", "--name", "Planerat system", "--from", "{hub}"]),
]

#: ``ea diff``'s NEW: bench/run.py's ``changed_copy`` of the snapshot (a year on, 1 % of the
#: systems renamed, 2 % of the integrations replaced, ...), written once before the commands;
#: nothing ranks it before ``ea diff`` does, so the first repeat also ranks it for its cache.
_LATER = (f"import sys; sys.path.insert(0, {str(Path(__file__).resolve().parent)!r})\n"
          "from run import changed_copy\nfrom ea.store import snapshot\n"
          "snapshot.save(changed_copy(snapshot.load(sys.argv[1])), sys.argv[2])\n")

#: A command (or floor) using more CPU time than this, or holding more resident memory, is
#: killed and recorded as such; the run goes on with the next one. CPU time, not wall
#: time: on a machine shared by many the wall clock runs 3-6x the CPU time; ``LIMIT_WALL_S``
#: still ends a process that waits rather than computes.
LIMIT_S = 600.0
LIMIT_WALL_S = 2400.0
LIMIT_MIB = 10 * 1024
_TICK = os.sysconf("SC_CLK_TCK")
#: Exact betweenness is O(V.E): above this many nodes its floor is not measured (at
#: 100,000 systems it would take hours); the estimate's floor is measured at every size.
EXACT_FLOOR_MAX_NODES = 20_000


def _commit() -> str:
    """The commit of the code the commands run (an editable install runs the worktree)."""
    r = subprocess.run(["git", "-C", str(Path(__file__).parent), "rev-parse", "--short",
                        "HEAD"], capture_output=True, text=True)
    return r.stdout.strip() or "?"


def _cpu_s(pid: int) -> float:
    """CPU seconds (user + system) a running process has used so far."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _TICK
    except (OSError, IndexError, ValueError):
        return 0.0


def _rss_mib(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0

def run_child(argv: list[str], cwd: Path, out: Path | None = None) -> dict:
    """Run ``argv`` to completion: wall and CPU seconds, peak RSS (MiB), exit code, and the
    size of what it wrote to stdout (to ``out``, or discarded)."""
    err_path = cwd / ".stderr"
    with open(out or os.devnull, "wb") as fo, open(err_path, "wb") as fe:
        t = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, stdout=fo, stderr=fe, stdin=subprocess.DEVNULL,
                                env={**os.environ, "COLUMNS": "120"})
        killed = None
        while True:  # wait, killing it past the time or memory limit
            pid, status, ru = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if killed is None:
                if _cpu_s(proc.pid) > LIMIT_S:
                    killed = f"killed after {LIMIT_S:g} s of CPU"
                elif time.perf_counter() - t > LIMIT_WALL_S:
                    killed = f"killed after {LIMIT_WALL_S:g} s of wall-clock time"
                elif _rss_mib(proc.pid) > LIMIT_MIB:
                    killed = f"killed above {LIMIT_MIB / 1024:g} GiB"
                if killed:
                    proc.kill()
            time.sleep(0.05)
        wall = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    res = {"wall": wall, "cpu": ru.ru_utime + ru.ru_stime,
           "peak_mib": round(ru.ru_maxrss / 1024, 1), "rc": proc.returncode}
    if killed:
        res["killed"] = killed
    if proc.returncode != 0:
        res["stderr"] = err_path.read_text(errors="replace")[-500:]
    if out is not None and out.exists():
        data = out.read_bytes()
        res["out_bytes"], res["out_lines"] = len(data), data.count(b"\n")
    return res


def repeated(argv: list[str], cwd: Path, repeat: int, out: Path | None = None) -> dict:
    runs = []
    for _ in range(repeat):
        runs.append(run_child(argv, cwd, out))
        if runs[-1].get("killed"):  # once is enough to know
            break
    repeat = len(runs)
    walls = [r["wall"] for r in runs]
    res = {"median": statistics.median(walls), "min": min(walls), "max": max(walls),
           "runs": repeat, "cpu_median": statistics.median(r["cpu"] for r in runs),
           "peak_mib": max(r["peak_mib"] for r in runs), "rc": runs[-1]["rc"]}
    for k in ("out_bytes", "out_lines", "stderr", "killed"):
        if k in runs[-1]:
            res[k] = runs[-1][k]
    return res


_READ = r"""
import csv, sys
from python_calamine import CalamineWorkbook
n = 0
for p in sys.argv[1:]:
    if p.endswith('.csv'):
        with open(p, newline='', encoding='utf-8-sig', errors='replace') as fh:
            n += sum(1 for _ in csv.reader(fh, delimiter=';'))
    elif p.endswith('.xlsx'):
        wb = CalamineWorkbook.from_path(p)
        for name in wb.sheet_names:
            n += len(wb.get_sheet_by_name(name).to_python(skip_empty_area=False))
print(n)
"""

_JSON = "import json, sys\nwith open(sys.argv[1], 'rb') as fh: json.load(fh)\n"

_EDGES = r"""
import json, sys
from ea.store import snapshot
from ea.derived import graphalg as ga
ls = snapshot.load(sys.argv[1])
g = ga.undirected(ls.integration_graph(expand_via=True))
hub = max(ls.integration_graph().degree, key=lambda kv: (kv[1], kv[0]))[0]
st = ls.stats()
json.dump({"nodes": list(g.nodes), "edges": list(g.edges())}, open(sys.argv[2], "w"))
# what the bench itself needs, apart: the graph stays out of the parent, whose pages a child
# it starts would count in its peak memory
json.dump({"hub": ls.name(hub), "landscape": {
    "systems": st["nodes"]["System"], "integrations": st["edges"]["INTEGRATES_WITH"],
    "graph_nodes": g.number_of_nodes(), "graph_edges": g.number_of_edges()}},
    open(sys.argv[3], "w"))
"""

_BETWEENNESS = r"""
import json, sys, time
import rustworkx as rx
d = json.load(open(sys.argv[1]))
g = rx.PyGraph()
idx = dict(zip(d["nodes"], g.add_nodes_from(d["nodes"])))
g.add_edges_from_no_data([(idx[u], idx[v]) for u, v in d["edges"]])
t, c = time.perf_counter(), time.process_time()
rx.graph_betweenness_centrality(g, normalized=True)
print(json.dumps({"call_s": time.perf_counter() - t, "cpu_s": time.process_time() - c}))
"""

# the estimate ea uses above hubs.exact_max_nodes: networkit's KADABRA with ea's settings
_ESTIMATE = r"""
import json, sys, time
import networkit as nk
from ea.derived import hubs
cfg = hubs.settings(None)
d = json.load(open(sys.argv[1]))
idx = {n: i for i, n in enumerate(d["nodes"])}
g = nk.Graph(len(idx))
for u, v in d["edges"]:
    g.addEdge(idx[u], idx[v])
nk.engineering.setNumberOfThreads(1)
nk.engineering.setSeed(0, False)
t, c = time.perf_counter(), time.process_time()
nk.centrality.KadabraBetweenness(g, float(cfg["estimate_error"]),
                                 1 - float(cfg["estimate_confidence"])).run()
print(json.dumps({"call_s": time.perf_counter() - t, "cpu_s": time.process_time() - c}))
"""


def measure(files: list[Path], repeat: int, log=None, partial=None,
            only: list[str] | None = None) -> dict:
    """Import ``files`` and time every command and floor as whole processes, in a fresh
    temporary directory. Returns ``{"commands": {...}, "floors": {...}, ...}``; ``partial``
    (optional) is called with that dict after each command, so that an interrupted run
    keeps what it measured. ``only``: these commands (names of :data:`COMMANDS`), not all."""
    partial = partial or (lambda _out: None)
    log = log or (lambda msg: print(msg, file=sys.stderr, flush=True))
    files = [Path(f).resolve() for f in files]
    out: dict = {"commands": {}, "floors": {}}
    with tempfile.TemporaryDirectory(prefix="ea-bench-") as tmp:
        cwd = Path(tmp)
        (cwd / "ea.yaml").write_text("as_of: 2026-11-25\n")
        snap = cwd / "landscape.json"
        log("  whole: floors python, read files")
        out["floors"]["python"] = repeated([PY, "-c", "pass"], cwd, repeat)
        out["floors"]["read files"] = repeated([PY, "-c", _READ, *map(str, files)], cwd, repeat)
        log("  whole: import")
        out["commands"]["import"] = repeated([*EA, "import", "--replace", *map(str, files), "-o", str(snap)],
                                             cwd, repeat, out=cwd / "stdout.txt")
        partial(out)
        if out["commands"]["import"]["rc"] != 0 or not snap.exists():
            return out
        out["snapshot_mib"] = round(snap.stat().st_size / 1024 / 1024, 1)
        out["floors"]["json load"] = repeated([PY, "-c", _JSON, str(snap)], cwd, repeat)
        edges = cwd / "edges.json"
        summary = cwd / "graph.json"
        subprocess.run([PY, "-c", _EDGES, str(snap), str(edges), str(summary)], check=True,
                       cwd=cwd)
        dumped = json.loads(summary.read_text())
        hub, out["landscape"] = dumped["hub"], dumped["landscape"]
        for floor, script in (("betweenness", _BETWEENNESS), ("estimate", _ESTIMATE)):
            if (floor == "betweenness"
                    and dumped["landscape"]["graph_nodes"] > EXACT_FLOOR_MAX_NODES):
                out["floors"][floor] = {"skipped": f"above {EXACT_FLOOR_MAX_NODES:,} nodes"}
                continue
            log(f"  whole: floor {floor}")
            calls, cpus = [], []
            for _ in range(repeat):
                r = subprocess.run([PY, "-c", script, str(edges)], cwd=cwd,
                                   capture_output=True, text=True, timeout=LIMIT_S)
                if r.returncode:
                    out["floors"][floor] = {"error": r.stderr[-300:]}
                    break
                got = json.loads(r.stdout)
                calls.append(got["call_s"])
                cpus.append(got["cpu_s"])
            if calls:
                out["floors"][floor] = {"median": statistics.median(calls), "min": min(calls),
                                        "max": max(calls), "runs": len(calls),
                                        "cpu_median": statistics.median(cpus)}
            partial(out)
        try:  # without it, ea diff fails and is recorded as failed; the rest goes on
            subprocess.run([PY, "-c", _LATER, str(snap), str(cwd / "later.json")], cwd=cwd,
                           capture_output=True, timeout=LIMIT_S)
        except subprocess.TimeoutExpired:
            pass
        for name, args in COMMANDS:
            if only is not None and name not in only:
                continue
            log(f"  whole: ea {name}")
            argv = [*EA, *(a.replace("{hub}", hub) for a in args)]
            began = time.strftime("%H:%M", time.gmtime())
            out["commands"][name] = repeated(argv, cwd, repeat, out=cwd / "stdout.txt")
            out["commands"][name]["started"] = f"{began} UTC, {_commit()}"
            partial(out)
    return out


if __name__ == "__main__":
    res = measure([Path(a) for a in sys.argv[1:]], repeat=1)
    print(json.dumps(res, indent=1))
