"""Go on measuring whole processes on a snapshot a bench run already imported, in an order of
your choosing (when a large size cannot finish every command before a deadline, the ones that
matter most go first).

    .venv/bin/python bench/resume.py DIR --from bench/results/run100k/partial.json \\
        --out bench/results/resume100k.json --commands hubs,map,orphans

``DIR`` holds the run's ``landscape.json`` and ``ea.yaml`` (the run's temporary directory,
kept by stopping the run after its import); ``--from`` is that run's ``partial.json`` (its
import and first floors are kept). Each command is saved to ``--out`` as soon as it ends, in
the results format ``bench/run.py --from-json`` reads (merge: ``--from-json
run.json,resumed.json``). The JSON-load floor, the graph dump (landscape counts, the busiest
system for ``ea impact``) and the betweenness floors come after the commands.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import whole


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir")
    ap.add_argument("--from", dest="source", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--commands", required=True)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args(argv)
    cwd = Path(args.dir)
    snap = cwd / "landscape.json"
    payload = json.loads(Path(args.source).read_text())
    res = payload["results"][-1]
    out = res["whole"]
    out["snapshot_mib"] = round(snap.stat().st_size / 1024 / 1024, 1)
    table = dict(whole.COMMANDS)

    def save():
        Path(args.out).write_text(json.dumps(payload, indent=1, default=str))

    hub = None
    for name in [c.strip() for c in args.commands.split(",")]:
        if "{hub}" in " ".join(table[name]) and hub is None:
            hub = graph(cwd, snap, out, args.repeat, save)
        if name == "diff" and not (cwd / "later.json").exists():
            subprocess.run([whole.PY, "-c", whole._LATER, str(snap), str(cwd / "later.json")],
                           cwd=cwd, capture_output=True)
        print(f"  resume: ea {name}", file=sys.stderr, flush=True)
        argv_ = [*whole.EA, *(a.replace("{hub}", hub or "") for a in table[name])]
        out["commands"][name] = whole.repeated(argv_, cwd, args.repeat, out=cwd / "stdout.txt")
        out["commands"][name]["started"] = "resumed, " + whole._commit()
        save()
    print("  resume: floor json load", file=sys.stderr, flush=True)
    out["floors"]["json load"] = whole.repeated([whole.PY, "-c", whole._JSON, str(snap)], cwd,
                                                args.repeat)
    save()
    if hub is None:
        graph(cwd, snap, out, args.repeat, save)
    return 0


def graph(cwd: Path, snap: Path, out: dict, repeat: int, save) -> str:
    """The graph dump, the landscape counts and the betweenness floors; the busiest system."""
    print("  resume: graph dump and betweenness floors", file=sys.stderr, flush=True)
    edges, summary = cwd / "edges.json", cwd / "graph.json"
    if not (edges.exists() and summary.exists()):
        subprocess.run([whole.PY, "-c", whole._EDGES, str(snap), str(edges), str(summary)],
                       check=True, cwd=cwd)
    dumped = json.loads(summary.read_text())
    out["landscape"] = dumped["landscape"]
    out["floors"]["betweenness"] = {"skipped": f"above {whole.EXACT_FLOOR_MAX_NODES:,} nodes"}
    r = subprocess.run([whole.PY, "-c", whole._ESTIMATE, str(edges)], cwd=cwd,
                       capture_output=True, text=True)
    if r.returncode == 0:
        got = json.loads(r.stdout)
        out["floors"]["estimate"] = {"median": got["call_s"], "min": got["call_s"],
                                     "max": got["call_s"], "runs": 1,
                                     "cpu_median": got["cpu_s"]}
    save()
    return dumped["hub"]


if __name__ == "__main__":
    sys.exit(main())
