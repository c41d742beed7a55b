"""Import scaling: a country without ID columns imports as fast as one with IDs.

    .venv/bin/python bench/import_scaling.py                      # 10,000 systems
    .venv/bin/python bench/import_scaling.py --systems 2000 --repeat 1

Real registers rarely have a ``System-ID`` column, so every row's identity and every
reference is resolved by name. Issue 14 point 10 measured 178 s for 10,000 inventory rows
without IDs (5.8 s at 2,000: quadratic) and 52 s for a role list of 4,000 rows naming systems
no inventory defines, because the name index was rebuilt per row. This case keeps that from
coming back.

Three imports of the same synthetic country (``ea demo --country``, cached in
``bench/cache/``): with its ``System-ID`` columns, without them (``--no-ids``), and without
them plus each organisation's role list ``systemagare.csv`` (``--unresolved-roles``: rows for
a fifth of its systems, half naming systems no inventory defines, each a placeholder and an
``unresolved`` entry). Timed in one process and interleaved (the machine is shared and
noisy, so the ratio is measured in the same run). Prints the medians of wall-clock and CPU
time (CPU time is what a loaded machine disturbs least) and the ratios without/with IDs;
``--json`` writes them. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
AS_OF = dt.date(2026, 11, 25)


def files_for(systems: int, seed: int = 7) -> dict[str, list[Path]]:
    """The three cases' files (each country generated once per size and seed)."""
    from ea import demo

    out = {}
    for case, ids, roles in (("with_ids", True, False), ("without_ids", False, False),
                             ("without_ids+roles", False, True)):
        folder = HERE / "cache" / f"scaling-country-{systems}-{seed}-{case}"
        marker = folder / ".complete"
        if not marker.exists():
            files = demo.generate_country(folder, size=systems, seed=seed, with_ids=ids,
                                          unresolved_roles=roles)
            marker.write_text(json.dumps({
                "files": [str(p.relative_to(folder)) for p in files.paths],
                "role_rows": sum(v for k, v in files.rows.items() if "systemagare" in k)}))
        out[case] = [folder / f for f in json.loads(marker.read_text())["files"]]
    return out


def measure(systems: int, repeat: int) -> dict:
    from ea.importers import import_files

    cases = files_for(systems)
    marker = cases["without_ids+roles"][0].parent / ".complete"
    roles = json.loads(marker.read_text())["role_rows"]
    times: dict[str, list[float]] = {k: [] for k in cases}
    cpu: dict[str, list[float]] = {k: [] for k in cases}
    counts: dict[str, dict] = {}
    for _ in range(repeat):
        for case, files in cases.items():  # interleaved: load changes hit every case alike
            t, c = time.perf_counter(), time.process_time()
            result = import_files(files, imported_at=AS_OF)
            times[case].append(time.perf_counter() - t)
            cpu[case].append(time.process_time() - c)
            st = result.landscape.stats()
            counts[case] = {"systems": st["nodes"]["System"],
                            "placeholders": st["placeholder_systems"],
                            "integrations": st["edges"]["INTEGRATES_WITH"],
                            "rows": sum(f.rows for f in result.ledger.files)}
    med = {k: statistics.median(v) for k, v in times.items()}
    mcpu = {k: statistics.median(v) for k, v in cpu.items()}
    return {
        "systems": systems, "role_rows": roles, "repeat": repeat,
        "median_s": {k: round(v, 2) for k, v in med.items()},
        "median_cpu_s": {k: round(v, 2) for k, v in mcpu.items()},
        "runs_s": {k: [round(x, 2) for x in v] for k, v in times.items()},
        "ratio_without_to_with_ids": round(med["without_ids"] / med["with_ids"], 2),
        "cpu_ratio_without_to_with_ids": round(mcpu["without_ids"] / mcpu["with_ids"], 2),
        "role_rows_s": round(med["without_ids+roles"] - med["without_ids"], 2),
        "role_rows_cpu_s": round(mcpu["without_ids+roles"] - mcpu["without_ids"], 2),
        "counts": counts,
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--systems", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", help="also write the result here")
    args = ap.parse_args(argv)
    res = measure(args.systems, args.repeat)
    m, c = res["median_s"], res["median_cpu_s"]
    print(f"import of {args.systems:,} inventory rows (median of {args.repeat}; wall / CPU): "
          f"with IDs {m['with_ids']:.2f} / {c['with_ids']:.2f} s, without IDs "
          f"{m['without_ids']:.2f} / {c['without_ids']:.2f} s (ratio "
          f"{res['ratio_without_to_with_ids']:.2f} / {res['cpu_ratio_without_to_with_ids']:.2f})")
    print(f"plus {res['role_rows']:,} role rows, half naming unknown systems: "
          f"+{res['role_rows_s']:.2f} / +{res['role_rows_cpu_s']:.2f} s")
    for case, c in res["counts"].items():
        print(f"  {case}: {c['rows']:,} rows -> {c['systems']:,} systems "
              f"({c['placeholders']:,} placeholders), {c['integrations']:,} integrations")
    if args.json:
        Path(args.json).write_text(json.dumps(res, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
