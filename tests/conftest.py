"""Shared fixtures. Tests pin dates with AS_OF.

Tests that need a real Neo4j server are marked ``neo4j``; those that need headless
Chromium are marked ``browser``. With ``EA_REQUIRE_SERVICES=1`` (set by ``make test`` and
CI) a skip of such a test is turned into a failure: in CI they run, never skip.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

pytest_plugins = ["tests.neo4j_fixture"]

AS_OF = dt.date(2026, 11, 25)
DATA = Path(__file__).parent / "data"
# the shared sample data beside the checkout (also from a worktree nested deeper)
SHARED_DATA = next((p / "shared" / "data" for p in Path(__file__).resolve().parents[1:]
                    if (p / "shared" / "data").is_dir()),
                   Path(__file__).resolve().parents[2] / "shared" / "data")
SERVICE_MARKS = ("neo4j", "browser")


@pytest.fixture
def as_of() -> dt.date:
    return AS_OF


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if (report.skipped and os.environ.get("EA_REQUIRE_SERVICES")
            and any(item.get_closest_marker(m) for m in SERVICE_MARKS)):
        report.outcome = "failed"
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.longrepr = f"a service test was skipped but EA_REQUIRE_SERVICES is set: {reason}"
