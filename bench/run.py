"""The ea benchmark: measured speed and scale, from a region to a country.

    make bench                                   # sizes 1,000 and 10,000; writes docs/performance.md
    .venv/bin/python bench/run.py --sizes 1000,10000,100000 --repeat 3
    .venv/bin/python bench/run.py --from-json bench/results/bench-<date>.json --doc docs/performance.md

Two views of the same sizes. **Whole processes** (``bench/whole.py``): what a user waits
for, each ``ea`` command spawned as a user runs it (start-up, snapshot load, compute,
rendering), with CPU time and peak memory of that child, beside floors measured in the same
run (bare interpreter, bare reading of the input files, bare JSON load of the snapshot, bare
rustworkx betweenness) and reported as ratios to them; and the growth from one size to the
next. **In-process breakdown**: for each size the demo generator writes the CSV/XLSX exports a user would import (cached in
``bench/cache/``), then a child process — so that peak memory is per size — times: import
from files, snapshot write and load, every registered query, ``ea check``, map generation
(whole and aggregated), exact against sampled betweenness, and the audit commands (``ea
diff`` against a changed copy, ``ea people``, ``ea precheck``). Each step runs ``--repeat``
times (``--repeat-large`` at 10,000 systems and above); the median and the spread (min-max)
are reported. Results go to
``bench/results/bench-<date>.json`` and ``.md`` with the machine's description. Ratios
between compared ways (exact vs sampled betweenness, the betweenness engine vs NetworkX)
are measured in the same run, since the machines are shared and noisy.

Neo4j import throughput (batched UNWIND vs per-row MERGE vs LOAD CSV) is measured by
``bench/neo4j_import.py`` against the test server; run it with ``--neo4j``.

Not part of the test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
AS_OF = dt.date(2026, 11, 25)
TARGETS = {  # issue 8: 10,000 systems on a 2-core machine
    "import": 10.0,
    "query": 5.0,
    "check": 15.0,
}


def machine() -> dict:
    info = {"python": platform.python_version(), "platform": platform.platform(),
            "cpus": os.cpu_count()}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        mem = Path("/proc/meminfo").read_text().splitlines()[0].split()[1]
        info["memory_gib"] = round(int(mem) / 1024 / 1024, 1)
    except OSError:
        pass
    try:
        info["load_average"] = os.getloadavg()
    except OSError:
        pass
    return info


def timed(fn, repeat: int, label: str = ""):
    if label:
        print(f"  {label} ...", file=sys.stderr, flush=True)
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    # the process's peak so far: where it jumps, this step raised it
    peak = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return result, {"median": statistics.median(times), "min": min(times), "max": max(times),
                    "runs": len(times), "peak_rss_mib_after": peak}


#: Maps above this size are not built (a whole-landscape map of 100,000 systems is not a view
#: anyone uses; the aggregated one is).
MAP_MAX = 20_000
#: Integrations per system: issue 8's "10,000 systems / 50,000 integrations".
DENSITY = 5.0


def files_for(size: int, seed: int = 7) -> list[Path]:
    """The country's exports at ``size`` systems (``ea demo --country``), generated once
    into ``bench/cache/``."""
    from ea import demo

    folder = HERE / "cache" / f"country-{size}-{seed}-{DENSITY:g}"
    marker = folder / ".complete"
    if not marker.exists():
        t = time.perf_counter()
        files = demo.generate_country(folder, size=size, seed=seed,
                                      integrations_per_system=DENSITY)
        marker.write_text(json.dumps({
            "generated_in_s": time.perf_counter() - t,
            "files": [str(p.relative_to(folder)) for p in files.paths],
            "shape": {"regions": len(files.regions), "municipalities": len(files.municipalities),
                      "national_services": len(files.national_services),
                      "integrations": files.n_integrations, "internal": files.n_internal,
                      "cross": files.n_cross, "national": files.n_national}}))
    return [folder / f for f in json.loads(marker.read_text())["files"]]


def shape_of(size: int, seed: int = 7) -> dict:
    """How the cached country of ``size`` is shaped (organisations, integration kinds)."""
    marker = HERE / "cache" / f"country-{size}-{seed}-{DENSITY:g}" / ".complete"
    return json.loads(marker.read_text()).get("shape", {}) if marker.exists() else {}


def one_size(size: int, repeat: int) -> dict:
    """Everything for one size, in this process (run as a child for peak memory)."""
    import networkx as nx

    from ea import queries
    from ea.config import Config
    from ea.importers import import_files
    from ea.store import snapshot

    out: dict = {"size": size, "steps": {}}
    steps = out["steps"]
    paths = files_for(size)
    gen = json.loads((paths[0].parent / ".complete").read_text()).get("generated_in_s")
    out["generated_in_s"] = gen
    result, steps["import"] = timed(lambda: import_files(paths, imported_at=AS_OF), repeat)
    ls = result.landscape
    st = ls.stats()
    out["landscape"] = {"systems": st["nodes"]["System"],
                        "integrations": st["edges"]["INTEGRATES_WITH"],
                        "people": st["nodes"]["Person"], "objects": st["nodes"]["Object"]}
    with tempfile.TemporaryDirectory() as tmp:
        snap = Path(tmp) / "landscape.json"
        _, steps["snapshot_write"] = timed(lambda: snapshot.save(ls, snap), repeat)
        out["snapshot_mib"] = round(snap.stat().st_size / 1024 / 1024, 1)
        _, steps["snapshot_load"] = timed(lambda: snapshot.load(snap), repeat)
    cfg = Config()
    hub = max(ls.integration_graph().degree, key=lambda kv: (kv[1], kv[0]))[0]
    for name in queries.names():
        params = {"system": hub} if name == "impact" else {}
        q = queries.get(name)
        try:
            df, t = timed(lambda q=q, params=params: q.func(ls, as_of=AS_OF, config=cfg,
                                                             **params), repeat, name)
            t["rows"] = len(df)
        except Exception as exc:  # a failing query is a result too
            t = {"error": f"{exc.__class__.__name__}: {exc}"}
        steps[f"query:{name}"] = t
    steps.update(audit_steps(ls, repeat, cfg))
    try:
        from ea import maps

        if size > MAP_MAX:
            raise RuntimeError(f"skipped above {MAP_MAX:,} systems: use the aggregated view")

        _, steps["map:whole"] = timed(
            lambda: maps.render_html(maps.build_map(ls, as_of=AS_OF)), repeat)
        _, steps["map:by_organisation"] = timed(
            lambda: maps.render_html(maps.build_map(ls, as_of=AS_OF, view="organisation")),
            repeat)
    except Exception as exc:
        steps["map:whole"] = {"error": f"{exc.__class__.__name__}: {exc}"}
    try:
        from ea.queries import _graphalg as ga

        g = ga.undirected(ls.integration_graph(expand_via=True))
        _, exact = timed(lambda: ga.betweenness(g), 1)
        exact["engine"] = ga.engine()
        steps["betweenness:exact"] = exact
        _, sampled = timed(lambda: ga.betweenness(g, exact_max_nodes=0, samples=500), 1)
        steps["betweenness:sampled500"] = sampled
        if size <= 2000:
            _, ref = timed(lambda: nx.betweenness_centrality(g), 1)
            steps["betweenness:networkx_exact"] = ref
    except Exception as exc:
        steps["betweenness:exact"] = {"error": f"{exc.__class__.__name__}: {exc}"}
    out["peak_rss_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return out


def changed_copy(ls, seed: int = 11):
    """A later snapshot of ``ls`` for ``ea diff``: a year on, 1 % of the systems renamed,
    2 % of the integrations removed and as many added, 1 % of the systems with another K,
    the first object's IT manager replaced by another person."""
    import random

    from ea.schema import INTEGRATES_WITH, SYSTEM

    rng = random.Random(seed)
    new = ls.copy()
    new.meta["imported_at"] = "2027-11-25"
    systems = [k for k, d in new.nodes(SYSTEM) if not d.get("placeholder")]
    n = max(len(systems) // 100, 1)
    for k in rng.sample(systems, n):
        new.graph.nodes[k]["name"] = f"{new.name(k)} (ny)"
    for k in rng.sample(systems, n):
        new.graph.nodes[k]["k"] = rng.choice([1, 2, 3, 4])
    edges = [(u, v, key) for u, v, key, _d in new.edges(INTEGRATES_WITH)]
    m = max(len(edges) // 50, 1)
    for u, v, key in rng.sample(edges, m):
        new.graph.remove_edge(u, v, key)
    for _ in range(m):
        a, b = rng.sample(systems, 2)
        new.add_integration(a, b, type="api")
    roles = [(u, v, key) for u, v, key, d in new.edges("HAS_ROLE")
             if d.get("role") == "it_manager"]
    people = [k for k, _ in new.nodes("Person")]
    for u, v, key in roles[:n]:
        new.graph.remove_edge(u, v, key)
        new.add_role(rng.choice(people), v, "it_manager")
    return new


def audit_steps(ls, repeat: int, cfg=None) -> dict:
    """``ea diff`` (against :func:`changed_copy`, with and without the hub lists),
    ``ea people`` (all three tables) and ``ea precheck`` (a planned system exchanging data
    with the busiest system and two others)."""
    from ea.config import Config
    from ea.queries import diff, people, precheck

    cfg = cfg or Config()
    steps: dict = {}
    new = changed_copy(ls)
    for label, c in (("diff", cfg), ("diff:no_hubs", Config({"diff": {"hubs": False}}))):
        try:
            df, t = timed(lambda c=c: diff.run(ls, new, config=c), repeat, label)
            t["rows"] = len(df)
        except Exception as exc:
            t = {"error": f"{exc.__class__.__name__}: {exc}"}
        steps[label] = t
    for label, c in (("people:report", cfg),
                     ("people:report_no_hubs", Config({"people": {"hubs": False}}))):
        try:
            out, t = timed(lambda c=c: people.report(ls, as_of=AS_OF, config=c), repeat,
                           label)
            t["rows"] = len(out["people"])
        except Exception as exc:
            t = {"error": f"{exc.__class__.__name__}: {exc}"}
        steps[label] = t
    g = ls.integration_graph()
    ranked = sorted(g.degree, key=lambda kv: (-kv[1], kv[0]))
    names = [ls.name(k) for k, _ in ranked[:3]]
    product = next((d.get("product") for _k, d in ls.nodes("System") if d.get("product")), None)
    plan = precheck.planned_from_mapping({
        "name": "Planerat system", "product": product, "receives_from": names[:1],
        "sends_to": names[1:2], "exchanges_with": names[2:3]})
    for label, c in (("precheck", cfg), ("precheck:no_hubs",
                                         Config({"precheck": {"hubs": False}}))):
        try:
            _, t = timed(lambda c=c: precheck.run(ls, plan, as_of=AS_OF, config=c), repeat,
                         label)
        except Exception as exc:
            t = {"error": f"{exc.__class__.__name__}: {exc}"}
        steps[label] = t
    return steps


def fmt_t(step: dict | None) -> str:
    if not step:
        return "-"
    if "error" in step:
        return "error"
    if "skipped" in step:
        return f"not measured ({step['skipped']})"
    med = step["median"]
    spread = f" ({step['min']:.2f}-{step['max']:.2f})" if step.get("runs", 1) > 1 else ""
    return f"{med:.2f}{spread}"


def markdown(results: list[dict], info: dict, title: bool = True) -> str:
    head = ([f"# ea benchmark {dt.date.today().isoformat()}", ""] if title else
            ["## In-process breakdown", "",
             "The same steps timed inside one process per size (no start-up, no rendering): "
             "where a command's time goes.", ""])
    lines = [*head,
             f"Machine: {info.get('cpu', '?')}, {info.get('cpus')} cores, "
             f"{info.get('memory_gib', '?')} GiB; Python {info['python']}; load average at "
             f"start {info.get('load_average')}", "",
             "Seconds, median (min-max) over the repetitions.", ""]
    sizes = [r["size"] for r in results]
    lines.append("| step | " + " | ".join(f"{s:,} systems" for s in sizes) + " |")
    lines.append("|---|" + "---|" * len(sizes))
    lines.append("| landscape (systems / integrations) | " + " | ".join(
        f"{r['landscape']['systems']:,} / {r['landscape']['integrations']:,}" for r in results)
        + " |")
    keys = []
    for r in results:
        for k in r["steps"]:
            if k not in keys:
                keys.append(k)
    for k in keys:
        lines.append(f"| {k} | " + " | ".join(fmt_t(r["steps"].get(k)) for r in results) + " |")
    lines.append("| snapshot size (MiB) | " + " | ".join(str(r["snapshot_mib"]) for r in results)
                 + " |")
    lines.append("| peak memory (MiB) | " + " | ".join(str(r["peak_rss_mib"]) for r in results)
                 + " |")
    lines.append("| generating the files (s, once) | " + " | ".join(
        f"{r['generated_in_s']:.1f}" if r.get("generated_in_s") else "cached" for r in results)
        + " |")
    lines += ["", "Ratios measured in the same run:", ""]
    for r in results:
        s = r["steps"]
        ex, sa, nx_ = (s.get("betweenness:exact"), s.get("betweenness:sampled500"),
                       s.get("betweenness:networkx_exact"))
        if ex and sa and "median" in ex and "median" in sa:
            lines.append(f"- {r['size']:,} systems: exact betweenness ({ex.get('engine')}) "
                         f"{ex['median']:.2f} s vs 500-source sample {sa['median']:.2f} s")
        if ex and nx_ and "median" in ex and "median" in nx_:
            lines.append(f"- {r['size']:,} systems: NetworkX exact {nx_['median']:.2f} s = "
                         f"{nx_['median'] / max(ex['median'], 1e-9):.0f}x the engine")
    lines += ["", "Targets at 10,000 systems (issue 8):", ""]
    for r in results:
        if r["size"] != 10_000:
            continue
        s = r["steps"]
        imp = s["import"]["median"]
        lines.append(f"- import < {TARGETS['import']:.0f} s: {imp:.1f} s "
                     f"{'met' if imp < TARGETS['import'] else 'MISSED'}")
        qs = {k: v["median"] for k, v in s.items() if k.startswith("query:") and "median" in v}
        worst = max(qs.items(), key=lambda kv: kv[1]) if qs else ("-", 0)
        lines.append(f"- every query < {TARGETS['query']:.0f} s: slowest {worst[0]} "
                     f"{worst[1]:.1f} s {'met' if worst[1] < TARGETS['query'] else 'MISSED'}")
        chk = s.get("query:check", {}).get("median")
        if chk is not None:
            lines.append(f"- ea check < {TARGETS['check']:.0f} s: {chk:.1f} s "
                         f"{'met' if chk < TARGETS['check'] else 'MISSED'}")
    return "\n".join(lines) + "\n"


def save_partial(out_dir: Path, info: dict, results: list[dict]) -> None:
    """What has been measured so far, for a run that is interrupted (``--from-json`` turns it
    into the report)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "partial.json").write_text(json.dumps({"machine": info, "results": results},
                                                     indent=1, default=str))


def import_scaling(size: int, repeat: int) -> dict:
    """bench/import_scaling.py on a country of ``size`` systems, in its own process."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        tmp = fh.name
    try:
        subprocess.run([sys.executable, str(HERE / "import_scaling.py"), "--systems",
                        str(size), "--repeat", str(repeat),
                        "--json", tmp], check=True, stdout=subprocess.DEVNULL)
        return json.loads(Path(tmp).read_text())
    except (subprocess.CalledProcessError, ValueError) as exc:
        return {"error": str(exc)}
    finally:
        os.unlink(tmp)


def markdown_import_scaling(results: list[dict]) -> list[str]:
    res = [r for r in results if "median_s" in r.get("import_scaling", {})]
    if not res:
        return []
    lines = ["## Import without ID columns", "",
             "`bench/import_scaling.py`: the country (`ea demo --country`, 2.5 integrations "
             "per system) with its `System-ID` columns, the same without them (`--no-ids`: "
             "every row and reference resolved by name), and without them plus each "
             "organisation's role list (`--unresolved-roles`: rows for a fifth of its "
             "systems, half naming systems no inventory defines, each a placeholder and an "
             "`unresolved` entry). In-process import, median wall / CPU seconds.", "",
             "| case | " + " | ".join(f"{r['size']:,} systems" for r in res) + " |",
             "|---|" + "---|" * len(res)]
    for case, label in (("with_ids", "with IDs"), ("without_ids", "without IDs"),
                        ("without_ids+roles", "without IDs + unresolved role rows")):
        lines.append(f"| {label} | " + " | ".join(
            f"{r['import_scaling']['median_s'][case]:.2f} / "
            f"{r['import_scaling']['median_cpu_s'][case]:.2f}" for r in res) + " |")
    lines.append("| ratio without / with IDs (CPU) | " + " | ".join(
        f"{r['import_scaling']['cpu_ratio_without_to_with_ids']:.2f}" for r in res) + " |")
    return lines + [""]


DOC_HEAD = """<!-- written by `make bench` (bench/run.py --doc docs/performance.md); edit bench/run.py,
not this file -->

"""


def _cpu(c: dict) -> float:
    """A whole-process measurement's CPU seconds (wall seconds in results saved before the
    bench recorded CPU)."""
    return c.get("cpu_median", c["median"])


def _ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.1f}x" if a is not None and b else "-"


def _med(step: dict | None) -> float | None:
    return step.get("median") if step and "median" in step else None


def floor_for(name: str, floors: dict) -> dict | None:
    """The floor a command is compared with (see the note under the table)."""
    if name in ("--version", "--help"):
        return floors.get("python")
    if name == "import":
        return floors.get("read files")
    if name == "hubs":
        exact = floors.get("betweenness") or {}
        return exact if "median" in exact else floors.get("estimate")
    return floors.get("json load")


def markdown_targets(res: list[dict]) -> list[str]:
    """Each command against issue 18's targets at 10,000 and 100,000 systems, beside the
    issue's own figures."""
    import whole

    by_size = {r["size"]: r["whole"]["commands"] for r in res}
    if 10_000 not in by_size and 100_000 not in by_size:
        return []
    lines = ["## Against the targets", "",
             "Issue 18's targets: at 100,000 systems every command within 60 s and 4 GiB; at "
             "10,000 the times of the issue's table (hubs and replacement under 5 s). Judged on "
             "CPU seconds, the steadier figure on this shared machine (wall seconds beside "
             "them); the issue's own figures were measured on one region of seven "
             "organisations with the machine lightly loaded.", "",
             "| command | 10,000: CPU s (wall) | target | | issue 18 | 100,000: CPU s (wall), "
             "MiB | target | | issue 18 |", "|---|---|---|---|---|---|---|---|---|"]

    def verdict(c: dict | None, limit_s: float, limit_mib: float | None) -> tuple[str, str]:
        if not c:
            return "-", "-"
        if c.get("killed"):
            return f"{c['killed']}", "**no**"
        if c.get("rc"):
            return f"error (exit {c['rc']})", "**no**"
        ok = c["cpu_median"] < limit_s and (limit_mib is None or c["peak_mib"] < limit_mib)
        mem = f", {c['peak_mib']:,.0f}" if limit_mib is not None else ""
        return f"{c['cpu_median']:.2f} ({c['median']:.1f}){mem}", "yes" if ok else "**no**"

    for name in ["import"] + [n for n, _ in whole.COMMANDS]:
        t10, t100 = TARGETS_18.get(name, (None, DEFAULT_TARGET_S))
        c10 = by_size.get(10_000, {}).get(name)
        c100 = by_size.get(100_000, {}).get(name)
        v10, ok10 = verdict(c10, t10, None) if t10 is not None else (
            verdict(c10, 1e9, None)[0], "")
        v100, ok100 = verdict(c100, t100, TARGET_MIB)
        i10, i100 = ISSUE_18.get(name, ("", ""))
        lines.append(f"| `ea {name}` | {v10} | {f'< {t10:g} s' if t10 is not None else ''} | "
                     f"{ok10} | {i10} | {v100} | < {t100:g} s, < 4 GiB | {ok100} | {i100} |")
    return lines + [""]


def markdown_whole(results: list[dict], info: dict) -> str:
    """The whole-process table (what a user waits for), the floors of the same run and the
    growth from one size to the next."""
    import whole

    res = [r for r in results if "whole" in r]
    sizes = [r["size"] for r in res]
    load = info.get("load_average")
    when = sorted(r["started"] for r in res if r.get("started")) or [
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M}"]
    lines = [f"# ea performance, measured {when[0]}"
             + (f" to {when[-1]}" if when[-1] != when[0] else "") + " UTC",
             "",
             f"Machine: {info.get('cpu', '?')}, {info.get('cpus')} cores, "
             f"{info.get('memory_gib', '?')} GiB; Python {info['python']}; load average at "
             f"start {', '.join(f'{x:.1f}' for x in load) if load else '?'} (a shared "
             f"machine: compare the ratios to the floors, which were measured in the same run, "
             f"more than the seconds).", "",
             "## What a user waits for: each command as a whole process", "",
             "Wall-clock seconds from spawn to exit (start-up, snapshot load, compute, writing "
             "the output to a file), median (min-max) of the repetitions; CPU seconds and peak "
             "resident memory (`ru_maxrss` of the child, as `/usr/bin/time -v` reports it); the "
             "landscape: " + DEMO_SHAPE + ".", ""]
    lines.append("| | " + " | ".join(f"{s:,} systems" for s in sizes) + " |")
    lines.append("|---|" + "---|" * len(sizes))

    def row(label, cells):
        lines.append(f"| {label} | " + " | ".join(cells) + " |")

    counts = [{**(r.get("landscape") or {}), **(r.get("whole", {}).get("landscape") or {})}
              for r in res]
    shapes = [r.get("shape") or {} for r in res]
    row("organisations (regions / municipalities)", [
        f"{sh['regions']} / {sh['municipalities']}" if sh else "-" for sh in shapes])
    row("landscape (systems / integrations)", [
        f"{c['systems']:,} / {c['integrations']:,}" if c else "-" for c in counts])
    row("integrations inside one organisation / between two / with a national service", [
        f"{sh['internal']:,} / {sh['cross']:,} / {sh['national']:,}" if sh else "-"
        for sh in shapes])
    row("hub graph (platform-expanded; nodes / edges)", [
        f"{c['graph_nodes']:,} / {c['graph_edges']:,}" if c and "graph_nodes" in c else "-"
        for c in counts])
    row("snapshot (MiB)", [str(r["whole"].get("snapshot_mib", "-")) for r in res])
    row("measured (UTC; load average at start; commit)", [
        f"{r.get('started', '?')}; {r.get('load', '?')}; {r.get('commit', '?')}" for r in res])
    lines += ["", "Floors, whole processes in the same run:", ""]
    lines.append("| floor | " + " | ".join(f"{s:,}" for s in sizes) + " |")
    lines.append("|---|" + "---|" * len(sizes))
    for k, what in (("python", "bare interpreter (`python -c pass`)"),
                    ("read files", "bare reading of the input files as ea reads them (csv "
                                   "module, python-calamine)"),
                    ("json load", "bare `json.load` of the snapshot"),
                    ("betweenness", "bare exact rustworkx betweenness (the call alone)"),
                    ("estimate", "bare KADABRA betweenness estimate, ea's settings (the call "
                                 "alone)")):
        row(what, [fmt_t(r["whole"]["floors"].get(k)) for r in res])
    lines += ["", "| command | " + " | ".join(
        f"{s:,}: s | CPU s | MiB | x floor" for s in sizes) + " |",
        "|---|" + "---|---|---|---|" * len(sizes)]
    names = ["import"] + [n for n, _ in whole.COMMANDS]
    earlier: dict[str, list[str]] = {}
    for name in names:
        cells = []
        for r in res:
            c = r["whole"]["commands"].get(name)
            if not c:
                cells.append("- | - | - | -")
                continue
            if c.get("killed"):
                cells.append(f"**{c['killed']}** | {c['cpu_median']:.2f} | "
                             f"{c['peak_mib']:.0f} | -")
                continue
            if c.get("rc"):
                cells.append(f"error (exit {c['rc']}) | - | - | -")
                continue
            fl = floor_for(name, r["whole"]["floors"])
            if c.get("earlier") or c.get("rerun"):
                earlier.setdefault(("rerun", c["rerun"]) if c.get("rerun")
                                   else ("earlier", c["earlier"]), []).append(
                    f"`ea {name}` at {r['size']:,}")
            fl_cpu = fl.get("cpu_median", fl.get("median")) if fl else None
            mark = (" (re-run)" if c.get("rerun") else " (earlier run)" if c.get("earlier")
                    else "")
            cells.append(f"{fmt_t(c)}{mark} | {c['cpu_median']:.2f} | {c['peak_mib']:.0f} | "
                         f"{_ratio(c['median'], _med(fl))} / "
                         f"{_ratio(c['cpu_median'], fl_cpu)}")
        row(f"`ea {name}`", cells)
    lines += ["", "x floor: wall / CPU, the command's median over the floor's median in the "
              "same run (on a loaded machine the CPU ratio is the steadier one): "
              "`ea import` over reading the files, `ea hubs` over the bare exact betweenness "
              "call (over the bare estimate where the exact one was not measured), "
              "`--version`/`--help` over the bare interpreter, every other command over the "
              "bare JSON load of its snapshot (each must at least load it). A command that ran "
              f"over {whole.LIMIT_S:.0f} s of CPU, {whole.LIMIT_WALL_S:.0f} s of wall-clock time "
              f"or {whole.LIMIT_MIB // 1024} GiB was killed (its CPU and memory up to then are "
              "shown).", ""]
    for (how, when), what in earlier.items():
        if how == "rerun":  # measured again after the run, for the reason given
            lines += [f"(re-run) {', '.join(what)}: measured again after the run: {when}.", ""]
        else:
            lines += [f"(earlier run) {', '.join(what)}: measured in an earlier run ({when}), "
                      "which the last run did not reach before the deadline.", ""]
    lines += markdown_targets(res)
    if len(res) > 1:
        lines += ["## Growth", "", "How each command's CPU time (and peak memory) grows from "
                  "one size to the next (10x the systems each step; CPU seconds, steadier than "
                  "wall time on a shared machine).", ""]
        pairs = list(zip(res, res[1:], strict=False))
        lines.append("| command | " + " | ".join(
            f"{a['size']:,} -> {b['size']:,}: time | memory" for a, b in pairs) + " |")
        lines.append("|---|" + "---|---|" * len(pairs))
        for name in names:
            cells = []
            for a, b in pairs:
                ca, cb = a["whole"]["commands"].get(name), b["whole"]["commands"].get(name)
                if not ca or not cb or ca.get("rc") or cb.get("rc"):
                    cells.append("- | -")
                    continue
                cells.append(f"{_ratio(_cpu(cb), _cpu(ca))} | "
                             f"{_ratio(cb['peak_mib'], ca['peak_mib'])}")
            row(f"`ea {name}`", cells)
        lines.append("")
    split = [r for r in res if "steps" in r]
    if split:
        lines += ["## Where the whole-process time goes", "",
                  "Whole-process median split with the in-process steps for the same size "
                  "(`bench/run.py` without `--no-inprocess`): snapshot load and compute "
                  "measured inside one process, the rest is start-up and rendering. Wall "
                  "seconds on a loaded machine: read the shares, not the sums. The in-process "
                  "step computes the whole report; above `reports.summary_threshold` a "
                  "command computes less (its summary), so the step can exceed the command: "
                  "then the rest is shown as `<0` (no split to read).", ""]
        lines.append("| command | " + " | ".join(
            f"{r['size']:,}: whole | load | compute | start-up + render" for r in split) + " |")
        lines.append("|---|" + "---|---|---|---|" * len(split))
        for name, _ in whole.COMMANDS:
            step = COMPUTE_STEP.get(name)
            if not step:
                continue
            cells = []
            for r in split:
                c = r["whole"]["commands"].get(name)
                load_s = _med(r["steps"].get("snapshot_load"))
                comp = _med(r["steps"].get(step))
                if not c or c.get("rc") or load_s is None or comp is None:
                    cells.append("- | - | - | -")
                    continue
                rest = c["median"] - load_s - comp
                cells.append(f"{c['median']:.2f} | {load_s:.2f} | {comp:.2f} | "
                             + (f"{rest:.2f}" if rest >= 0 else "<0"))
            row(f"`ea {name}`", cells)
        lines.append("")
    lines += markdown_import_scaling(res)
    start = info.get("startup")
    if start:
        lines += ["## Start-up before and after the lazy command table", "",
                  "`ea --version` and `ea --help` with every command module imported up front "
                  "(ea/cli.py before the change, run against the same installed package) and "
                  "with the static command table (now), whole processes, median of "
                  f"{start['after --version']['runs']} runs in the same minute:", "",
                  "| | wall s | CPU s | peak MiB |", "|---|---|---|---|"]
        for k, v in start.items():
            lines.append(f"| {k} | {v['median']:.2f} | {v['cpu_median']:.2f} | "
                         f"{v['peak_mib']:.0f} |")
        lines.append("")
    return "\n".join(lines) + "\n"


#: How the landscapes are shaped (said in the report).
DEMO_SHAPE = (f"`ea demo --country`: regions and municipalities with their own exports and "
              f"platforms, sharing national services; {DENSITY:g} integrations per system, "
              f"8 % with a national service, 3 % between organisations; seed 7")

#: Issue 18's targets: (seconds at 10,000 systems, at 100,000), judged on CPU seconds (the
#: steadier figure on a shared machine); every command within 4 GiB at 100,000.
TARGETS_18 = {"import": (10, 60), "orphans": (5, 60), "coordinate": (5, 60), "check": (15, 60),
              "hubs": (5, 60), "ageing": (5, 60), "ageing --replacement": (5, 60),
              "map": (5, 60), "--version": (0.3, 0.3)}
TARGET_MIB = 4096
DEFAULT_TARGET_S = 60
#: Issue 18's own figures (one region of seven organisations, machine load about 1), for
#: comparison: (10,000 systems, 100,000 systems).
ISSUE_18 = {"import": ("14.8-20.1 s", "190 s, 2.3 GiB"), "orphans": ("7.8 s", "84 s, 3.9 GiB"),
            "coordinate": ("49 s, 1.9 GiB", "66 s, 9.6 GiB"), "check": ("19.5 s", "232 s, 9.85 GiB"),
            "hubs": ("31-45 s", "killed after 900 s"), "ageing": ("24 s", "-"),
            "ageing --replacement": ("27 s", "-"), "map": ("62 s, 26.8 MB", "-"),
            "--version": ("0.9 s", "-")}

#: Whole-process command -> the in-process step that computes it.
COMPUTE_STEP = {"orphans": "query:orphans", "coordinate": "query:coordinate",
                "check": "query:check", "quality": "query:quality",
                "classification": "query:classification", "hubs": "query:hubs",
                "ageing": "query:ageing", "duplicates": "query:duplicates",
                "people": "people:report", "impact": "query:impact"}


def commit() -> str:
    try:
        return subprocess.run(["git", "-C", str(HERE), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"


def load_results(paths: str) -> tuple[list[dict], dict]:
    """Results from one or more JSON files (comma-separated): one per size, a later file's
    size replacing an earlier one's; the machine description of the last."""
    by_size: dict[int, dict] = {}
    info: dict = {}
    for p in paths.split(","):
        payload = json.loads(Path(p).read_text())
        info = payload["machine"]
        for r in payload["results"]:
            old = by_size.get(r["size"])
            by_size[r["size"]] = r
            if old and "whole" in old and "whole" in r:
                # a command the later run did not reach keeps the earlier run's figure,
                # marked with when that run was measured
                for name, c in old["whole"]["commands"].items():
                    if name not in r["whole"]["commands"]:
                        r["whole"]["commands"][name] = {
                            **c, "earlier": f"{old.get('started', '?')}, {old.get('commit', '?')}"}
    return [by_size[k] for k in sorted(by_size)], info


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000",
                    help="systems per country, comma-separated (make bench-100k: "
                         "1000,10000,100000)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--out", default=str(HERE / "results"))
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--generate", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--json", help=argparse.SUPPRESS)
    ap.add_argument("--neo4j", action="store_true",
                    help="also run bench/neo4j_import.py (needs the test server)")
    ap.add_argument("--no-inprocess", action="store_true",
                    help="only the whole-process table (skip the in-process breakdown)")
    ap.add_argument("--inprocess-max", type=int, default=20_000,
                    help="the in-process breakdown only up to this many systems (it runs "
                         "every query and exact betweenness in one process)")
    ap.add_argument("--no-whole", action="store_true",
                    help="only the in-process breakdown (skip the whole-process table)")
    ap.add_argument("--commands", help="only these whole-process commands (names as in "
                                       "bench/whole.py's COMMANDS, comma-separated; the import "
                                       "always runs); merge with an earlier run's JSON by "
                                       "--from-json earlier.json,later.json")
    ap.add_argument("--whole-repeat", type=int,
                    help="repetitions of each whole process (default: --repeat)")
    ap.add_argument("--repeat-large", type=int, default=1,
                    help="repetitions at 10,000 systems and above (default 1)")
    ap.add_argument("--doc", help="also write the report here (make bench: "
                                  "docs/performance.md)")
    ap.add_argument("--no-import-scaling", action="store_true",
                    help="skip the import without ID columns (bench/import_scaling.py)")
    ap.add_argument("--import-scaling-max", type=int, default=20_000,
                    help="the import without ID columns only up to this many systems")
    ap.add_argument("--from-json", help="only write the report again from results JSON "
                                        "(several, comma-separated: merged by size)")
    args = ap.parse_args(argv)
    if args.from_json:
        results, info = load_results(args.from_json)
        return report(results, info, Path(args.from_json.split(",")[-1]), args.doc)
    if args.generate:
        files_for(args.generate)
        return 0
    if args.one:
        res = one_size(args.one, args.repeat)
        Path(args.json).write_text(json.dumps(res, indent=1, default=str))
        return 0
    info = machine()
    results = []
    out_dir = Path(args.out)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H%M")
    for size in [int(s) for s in args.sizes.split(",") if s]:
        print(f"bench: {size:,} systems ...", file=sys.stderr, flush=True)
        # generated in a child of its own: a child forked from a large parent would count
        # the parent's pages in its peak memory
        subprocess.run([sys.executable, __file__, "--generate", str(size)], check=True)
        paths = files_for(size)
        t = time.perf_counter()
        meta = {"size": size, "started": f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M}",
                "load": ", ".join(f"{x:.1f}" for x in os.getloadavg()), "commit": commit(),
                "shape": shape_of(size)}
        res: dict = dict(meta)
        if not args.no_inprocess and size <= args.inprocess_max:
            with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
                tmp = fh.name
            subprocess.run([sys.executable, __file__, "--one", str(size), "--repeat",
                            str(args.repeat if size < 10_000 else args.repeat_large), "--json", tmp],
                           check=True)
            res = {**json.loads(Path(tmp).read_text()), **meta}
            os.unlink(tmp)
            save_partial(out_dir, info, [*results, res])
        if not args.no_import_scaling and size <= args.import_scaling_max:
            res["import_scaling"] = import_scaling(
                size, args.repeat if size < 10_000 else args.repeat_large)
            save_partial(out_dir, info, [*results, res])
        if not args.no_whole:
            import whole

            rep = args.whole_repeat or (args.repeat if size < 10_000 else args.repeat_large)
            def keep(part, res=res, results=results):
                res["whole"] = part
                save_partial(out_dir, info, [*results, res])

            only = [c.strip() for c in args.commands.split(",")] if args.commands else None
            res["whole"] = whole.measure(paths, rep, partial=keep, only=only)
        res["wall_s"] = time.perf_counter() - t
        results.append(res)
        save_partial(out_dir, info, results)
        print(f"bench: {size:,} systems done in {res['wall_s']:.0f} s", file=sys.stderr)
    if args.neo4j:
        subprocess.run([sys.executable, str(HERE / "neo4j_import.py")], check=False)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    stem = out / f"bench-{stamp}"
    payload = {"machine": info, "results": results}
    stem.with_suffix(".json").write_text(json.dumps(payload, indent=1, default=str))
    return report(results, info, stem.with_suffix(".json"), args.doc)


#: Sections of the report this script writes; any other ``## `` section already in the
#: document (another bench's, e.g. bench/snapshot_load.py's) is kept when it is rewritten.
OWN_SECTIONS = ("What a user waits for", "Against the targets", "Growth",
                "Where the whole-process time goes", "Import without ID columns",
                "Start-up before and after", "In-process breakdown")


def kept_sections(doc: Path, new: str = "") -> str:
    """The ``## `` sections of ``doc`` that this script does not write, in their order, and
    those it wrote before but not now (``new``: the report being written; e.g. the start-up
    before/after measurement, a one-off)."""
    if not doc.exists():
        return ""
    headings = {line for line in new.splitlines() if line.startswith("## ")}
    keep, cur = [], None
    for line in doc.read_text().splitlines(keepends=True):
        if line.startswith("## ") or line.startswith("# "):
            cur = line.startswith("## ") and (not line[3:].startswith(OWN_SECTIONS)
                                              or line.rstrip("\n") not in headings)
        if cur:
            keep.append(line)
    return "".join(keep)


def report(results: list[dict], info: dict, stem: Path, doc: str | None) -> int:
    md = ""
    if any("whole" in r for r in results):
        md += markdown_whole(results, info)
    if any("steps" in r for r in results):
        md += ("\n" if md else "") + markdown([r for r in results if "steps" in r], info,
                                             title=not md)
    stem.with_suffix(".md").write_text(md)
    if doc:
        other = kept_sections(Path(doc), md)
        Path(doc).write_text(DOC_HEAD + md + ("\n" + other if other else ""))
    print(md)
    print(f"wrote {stem} and {stem.with_suffix('.md')}" + (f" and {doc}" if doc else ""),
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
