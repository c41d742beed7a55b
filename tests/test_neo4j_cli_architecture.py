"""The architect commands answer the same from Neo4j as from the snapshot."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from ea.cli import main
from ea.store import snapshot
from tests import fixtures_architecture as fa

pytestmark = pytest.mark.neo4j


@pytest.fixture
def env(neo4j_server, clean_neo4j):
    return neo4j_server.cli_env()


@pytest.mark.parametrize("build", [fa.hub_landscape, fa.ageing_landscape,
                                   fa.duplicates_landscape])
def test_architect_commands_same_from_neo4j(tmp_path, env, build):
    ls = build()
    snap = snapshot.save(ls, tmp_path / "ls.json")
    r = CliRunner().invoke(main, ["neo4j", "push", "-l", str(snap)], env=env)
    assert r.exit_code == 0, r.output
    system = ls.name(max(ls.integration_graph().degree, key=lambda kv: (kv[1], kv[0]))[0])
    org = next(d["name"] for _, d in ls.nodes("Organisation"))
    for args in (["hubs", "-f", "csv"], ["hubs", "--groups", "-f", "csv"],
                 ["impact", system, "-f", "csv"], ["impact", system, "--direction", "both",
                                                   "-f", "csv"],
                 ["ageing", "-f", "csv"], ["ageing", "--replacement", "-f", "csv"],
                 ["duplicates", "-f", "csv"], ["hubs", "--organisation", org, "-f", "csv"]):
        want = CliRunner().invoke(main, [*args, "-l", str(snap), "--as-of", "2026-11-25"],
                                  env=env)
        got = CliRunner().invoke(main, [*args, "--neo4j", "--as-of", "2026-11-25"], env=env)
        assert want.exit_code == 0, want.output
        assert got.exit_code == 0, got.output
        assert got.output == want.output, args
