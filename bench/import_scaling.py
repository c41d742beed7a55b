"""Import scaling: an inventory without an ID column imports as fast as one with IDs.

    .venv/bin/python bench/import_scaling.py                      # 10,000 systems, 4,000 role rows
    .venv/bin/python bench/import_scaling.py --systems 2000 --roles 1000 --repeat 1

Real registers rarely have a ``System-ID`` column, so every row's identity and every
reference is resolved by name. Issue 14 point 10 measured 178 s for 10,000 inventory rows
without IDs (5.8 s at 2,000: quadratic) and 52 s for a role list of 4,000 rows naming systems
no inventory defines, because the name index was rebuilt per row. This case keeps that from
coming back.

From the demo generator's inventory (``systemforteckning.xlsx``: dependency cells with
annotations, organisation paths, owner lists) it writes, cached in ``bench/cache/``:

- ``inventory-ids.csv``: the inventory as generated (with ``System-ID``);
- ``inventory-noids.csv``: the same rows without the ``System-ID`` column;
- ``roles-unresolved.csv``: a wide role list (``Systemnamn;Systemägare``), half of whose rows
  name systems no inventory defines (each becomes a placeholder and an ``unresolved`` entry).

Then it times, in one process and interleaved (the machine is shared and noisy, so the
ratio is measured in the same run): the inventory with IDs, without IDs, and without IDs
plus the role list. Prints the medians of wall-clock and CPU time (CPU time is what a loaded
machine disturbs least) and the ratios without/with IDs; ``--json`` writes them.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
AS_OF = dt.date(2026, 11, 25)


def _write_csv(path: Path, rows: list[list]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh, delimiter=";", lineterminator="\r\n").writerows(rows)


def files_for(systems: int, roles: int, seed: int = 7) -> dict[str, Path]:
    """The three CSV files (generated once per size and seed)."""
    from openpyxl import load_workbook

    from ea import demo

    folder = HERE / "cache" / f"scaling-{systems}-{roles}-{seed}"
    paths = {k: folder / f"{k}.csv" for k in ("inventory-ids", "inventory-noids",
                                               "roles-unresolved")}
    if all(p.exists() for p in paths.values()):
        return paths
    folder.mkdir(parents=True, exist_ok=True)
    gen = demo.generate(folder / "demo", size=systems, seed=seed)
    wb = load_workbook(gen.systemforteckning, read_only=True)
    rows = [["" if c is None else c for c in r]
            for r in wb[demo.SYSTEMS_SHEET].iter_rows(values_only=True)]
    wb.close()
    head = rows[0]
    sid = head.index("System-ID")
    name = head.index("Systemnamn")
    _write_csv(paths["inventory-ids"], rows)
    _write_csv(paths["inventory-noids"], [r[:sid] + r[sid + 1:] for r in rows])
    names = [r[name] for r in rows[1:]]
    role_rows = [["Systemnamn", "Systemägare"]]
    for i in range(roles):
        system = names[i % len(names)] if i % 2 else f"Okänt verksamhetssystem {i:05d}"
        role_rows.append([system, f"person.{i % 997:03d}@{demo.MAIL_DOMAIN}"])
    _write_csv(paths["roles-unresolved"], role_rows)
    return paths


def measure(systems: int, roles: int, repeat: int) -> dict:
    from ea.importers import import_files

    paths = files_for(systems, roles)
    cases = {
        "with_ids": [paths["inventory-ids"]],
        "without_ids": [paths["inventory-noids"]],
        "without_ids+roles": [paths["inventory-noids"], paths["roles-unresolved"]],
    }
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
    ap.add_argument("--roles", type=int, default=4_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", help="also write the result here")
    args = ap.parse_args(argv)
    res = measure(args.systems, args.roles, args.repeat)
    m, c = res["median_s"], res["median_cpu_s"]
    print(f"import of {args.systems:,} inventory rows (median of {args.repeat}; wall / CPU): "
          f"with IDs {m['with_ids']:.2f} / {c['with_ids']:.2f} s, without IDs "
          f"{m['without_ids']:.2f} / {c['without_ids']:.2f} s (ratio "
          f"{res['ratio_without_to_with_ids']:.2f} / {res['cpu_ratio_without_to_with_ids']:.2f})")
    print(f"plus {args.roles:,} role rows, half naming unknown systems: "
          f"+{res['role_rows_s']:.2f} / +{res['role_rows_cpu_s']:.2f} s")
    for case, c in res["counts"].items():
        print(f"  {case}: {c['rows']:,} rows -> {c['systems']:,} systems "
              f"({c['placeholders']:,} placeholders), {c['integrations']:,} integrations")
    if args.json:
        Path(args.json).write_text(json.dumps(res, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
