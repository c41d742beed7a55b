"""``ea diff --neo4j``: what changed between two import runs on a Neo4j server.

The server keeps one current state (earlier values are overwritten; what a source no longer
states is marked stale, not kept as it was), so a run's state is kept as a snapshot pulled
before the next import, and ``ea diff --neo4j OLD`` compares it with the server. The
landscapes are those of tests/test_diff.py: OLD is pushed, pulled into a history folder, NEW
is pushed over it (the same source), and the diff must name the same changes as the diff of
the two snapshot files.
"""

from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner

from ea.cli import main
from ea.store import snapshot
from tests.test_diff import build_new, build_old

pytestmark = pytest.mark.neo4j


@pytest.fixture
def env(neo4j_server, clean_neo4j):
    return neo4j_server.cli_env()


def ea(env, *args):
    r = CliRunner().invoke(main, list(args), env=env)
    assert r.exit_code == 0, r.output
    return r


def test_diff_between_two_import_runs_on_neo4j(tmp_path, env):
    old = snapshot.save(build_old(), tmp_path / "old.json")
    new = snapshot.save(build_new(), tmp_path / "new.json")
    hist = tmp_path / "history"
    hist.mkdir()
    ea(env, "neo4j", "push", "-l", str(old), "-q", "--no-facts")
    ea(env, "neo4j", "pull", "-o", str(hist / "landscape-2025-11-25.json"))
    ea(env, "neo4j", "push", "-l", str(new), "-q", "--no-facts")

    got = ea(env, "diff", "--neo4j", str(hist), "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(got.stdout)))
    by = {(r["code"], r["name"]): r for r in rows}
    # a renamed system, a fixed orphan, a new integration
    assert (by[("SYSTEM_RENAMED", "Lifecare")]["old"],
            by[("SYSTEM_RENAMED", "Lifecare")]["new"]) == ("Procapita", "Lifecare")
    assert by[("ORPHAN_RESOLVED", "Heroma")]["field"] == "no_object_no_roles"
    assert by[("INTEGRATION_ADDED", "Heroma → Nova")]["subject"] == "System:s2 -> System:s4"
    assert sorted(k for k in by if k[0].startswith("SYSTEM_")) == [
        ("SYSTEM_ADDED", "Nova"), ("SYSTEM_REMOVED", "Cosmic"), ("SYSTEM_RENAMED", "Lifecare")]
    assert {r["days_open"] for r in rows if r["change"] == "open"} == {"365"}
    assert "landscape-2025-11-25.json (2025-11-25) → Neo4j at " in got.stderr
    assert "(2026-11-25)" in got.stderr
    # exactly what the two snapshot files give
    want = ea(env, "diff", str(old), str(new), "-f", "csv")
    assert got.stdout == want.stdout
    # one file as OLD works the same; the exit code for scheduled jobs too
    assert ea(env, "diff", "--neo4j", str(old), "-f", "csv").stdout == want.stdout
    r = CliRunner().invoke(main, ["diff", "--neo4j", str(old), "--fail-on", "new-critical"],
                           env=env)
    assert r.exit_code == 1 and "failing: new changes at or above critical" in r.stderr


def test_diff_on_neo4j_wants_one_old_snapshot(tmp_path, env):
    old = snapshot.save(build_old(), tmp_path / "old.json")
    for args in ([], [str(old), str(old)], [str(old), "-l", str(old)]):
        r = CliRunner().invoke(main, ["diff", "--neo4j", *args], env=env)
        assert r.exit_code == 2, (args, r.output)
        assert "give one OLD" in r.output or "leave it out to compare two" in r.output
    empty = tmp_path / "empty"
    empty.mkdir()
    r = CliRunner().invoke(main, ["diff", "--neo4j", str(empty)], env=env)
    assert r.exit_code == 1 and r.output.startswith("Error:") and "no snapshot" in r.output
