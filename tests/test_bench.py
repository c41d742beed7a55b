"""The benchmark's own machinery (bench/ is not a package): a command past its limit is
killed and recorded, the report keeps other benches' sections and judges the targets."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


@pytest.fixture(scope="module")
def bench():
    sys.path.insert(0, str(BENCH))
    try:
        import run
        import whole

        yield run, whole
    finally:
        sys.path.remove(str(BENCH))


def test_a_command_past_the_time_limit_is_killed_and_recorded(bench, tmp_path, monkeypatch):
    _run, whole = bench
    monkeypatch.setattr(whole, "LIMIT_S", 0.3)
    res = whole.repeated([sys.executable, "-c", "while True: pass"], tmp_path, 3)
    assert res["killed"] == "killed after 0.3 s of CPU" and res["runs"] == 1
    assert res["median"] < 20
    monkeypatch.setattr(whole, "LIMIT_WALL_S", 0.5)
    res = whole.repeated([sys.executable, "-c", "import time; time.sleep(30)"], tmp_path, 1)
    assert res["killed"] == "killed after 0.5 s of wall-clock time"
    ok = whole.repeated([sys.executable, "-c", "pass"], tmp_path, 2)
    assert "killed" not in ok and ok["rc"] == 0 and ok["runs"] == 2


def test_a_command_past_the_memory_limit_is_killed(bench, tmp_path, monkeypatch):
    _run, whole = bench
    monkeypatch.setattr(whole, "LIMIT_MIB", 50)
    res = whole.run_child([sys.executable, "-c",
                           "import time; x = bytearray(200 * 2**20); time.sleep(30)"], tmp_path)
    assert res["killed"].startswith("killed above 0.04")
    assert res["wall"] < 10


def test_the_report_keeps_sections_it_does_not_write(bench, tmp_path):
    run, _whole = bench
    doc = tmp_path / "performance.md"
    doc.write_text("# ea performance\n\n## What a user waits for\n\nold table\n\n"
                   "## Snapshot load\n\nrobust's figures\n\n## Growth\n\nold growth\n")
    assert run.kept_sections(doc, "## What a user waits for\n## Growth\n") == (
        "## Snapshot load\n\nrobust's figures\n\n")
    assert run.kept_sections(doc, "## What a user waits for\n") == (
        "## Snapshot load\n\nrobust's figures\n\n## Growth\n\nold growth\n")


def test_targets_are_judged_on_cpu_and_memory(bench):
    run, _whole = bench

    def c(cpu, mib, **kw):
        return {"median": cpu * 2, "cpu_median": cpu, "peak_mib": mib, "rc": 0, **kw}

    res = [{"size": 10_000, "whole": {"commands": {"hubs": c(4.2, 500)}}},
           {"size": 100_000, "whole": {"commands": {
               "hubs": c(50.0, 3000), "coordinate": c(40.0, 5000),
               "check": c(601.0, 900, killed="killed after 600 s of CPU")}}}]
    lines = {ln.split(" | ")[0]: ln for ln in run.markdown_targets(res) if ln.startswith("| `")}
    assert lines["| `ea hubs`"] == ("| `ea hubs` | 4.20 (8.4) | < 5 s | yes | 31-45 s | "
                                    "50.00 (100.0), 3,000 | < 60 s, < 4 GiB | yes | "
                                    "killed after 900 s |")
    assert "| 40.00 (80.0), 5,000 | < 60 s, < 4 GiB | **no** |" in lines["| `ea coordinate`"]
    assert "| killed after 600 s of CPU | < 60 s, < 4 GiB | **no** |" in lines["| `ea check`"]
