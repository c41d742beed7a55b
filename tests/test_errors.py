"""Errors that hide nothing (issue 13, point 5): ea's own errors are one line and exit 1; a
bug (a KeyError or anything else) says it is a bug, asks to be reported, and exits 70."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from ea import queries
from ea.cli import BUG_EXIT_CODE, main
from ea.errors import QueryError
from ea.landscape import Landscape
from ea.queries import orphans
from ea.store import snapshot


@pytest.fixture
def snap(tmp_path):
    ls = Landscape()
    ls.add_system("a", name="Alfa")
    return str(snapshot.save(ls, tmp_path / "landscape.json"))


def test_own_error_is_one_line_exit_1(snap):
    res = CliRunner().invoke(main, ["show", "Nonexistent", "-l", snap])
    assert res.exit_code == 1
    assert "Traceback" not in res.output and "please report" not in res.output.casefold()


def test_a_key_error_is_a_bug_not_a_message(snap, monkeypatch):
    def broken(*_a, **_k):
        raise KeyError("criticality")

    monkeypatch.setattr(orphans, "run", broken)
    res = CliRunner().invoke(main, ["orphans", "-l", snap, "--as-of", "2026-11-25"])
    assert res.exit_code == BUG_EXIT_CODE, res.output
    assert "internal error in ea (a bug, not your input): KeyError: 'criticality'" in res.output
    assert "Please report it" in res.output and "Traceback" not in res.output


def test_unknown_query_is_ea_s_own_error():
    with pytest.raises(QueryError, match="unknown query 'nope'"):
        queries.get("nope")
