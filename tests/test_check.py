"""ea check: all four reports in one findings table; --fail-on sets the exit code."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from ea.cli import main
from ea.errors import QueryError
from ea.landscape import Landscape
from ea.queries import check
from ea.store import snapshot
from tests.fixtures_governance import AS_OF, build


@pytest.fixture(scope="module")
def df():
    return check.run(build(), as_of=AS_OF)


def test_one_table_from_four_reports(df):
    assert list(df.columns) == ["report", "subject", "name", "code", "severity", "reason"]
    assert df["report"].value_counts().to_dict() == {
        "quality": 21, "orphans": 13, "coordinate": 11, "classification": 8}
    assert "coordinate" not in set(df["code"])  # plain "must meet" rows are no finding
    assert df["severity"].value_counts().to_dict() == {
        "critical": 10, "high": 14, "medium": 16, "low": 13}
    assert list(df["severity"][:1]) == ["critical"]
    assert df.iloc[0]["report"] == "orphans"


def test_fails_and_worst(df):
    assert check.worst(df) == "critical"
    assert check.fails(df, "critical") and check.fails(df, "info")
    empty = check.run(Landscape(), as_of=AS_OF)
    assert empty.empty and check.worst(empty) is None and not check.fails(empty, "info")
    with pytest.raises(QueryError):
        check.fails(df, "bad")


def test_filters_pass_through():
    ls = build()
    out = check.run(ls, as_of=AS_OF, object="Integration")
    assert sorted(zip(out["report"], out["name"], out["code"], strict=True)) == [
        ("classification", "WSO2 API Manager", "availability_below_dependent"),
        ("classification", "WSO2 API Manager", "confidentiality_downflow"),
        ("coordinate", "Karin Mod", "partner_unowned"),
        ("coordinate", "Lena Nord", "partner_unowned"),
    ]


def test_cli_exit_codes(tmp_path):
    snap = tmp_path / "landscape.json"
    snapshot.save(build(), snap)
    base = ["check", "-l", str(snap), "--as-of", "2026-11-25"]
    r = CliRunner().invoke(main, [*base, "--fail-on", "critical", "-f", "json"])
    assert r.exit_code == 1
    assert "failing: findings at or above critical" in r.stderr
    assert len(json.loads(r.stdout)) == 53
    r = CliRunner().invoke(main, [*base, "--object", "HR", "--fail-on", "critical"])
    assert r.exit_code == 0, r.output  # the worst about HR is high
    assert "findings: 8 high, 3 medium" in r.stderr
    r = CliRunner().invoke(main, [*base, "--object", "HR", "--fail-on", "high"])
    assert r.exit_code == 1
    r = CliRunner().invoke(main, [*base])
    assert r.exit_code == 0
    assert "findings: 10 critical, 14 high, 16 medium, 13 low" in r.stderr
    r = CliRunner().invoke(main, [*base, "--fail-on", "severe"])
    assert r.exit_code == 2
