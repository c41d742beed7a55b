"""Planning a push without a server: rows made ahead in a thread of their own, and the
provenance look-ups that say which file stated a line."""

from __future__ import annotations

import threading

import pytest

from ea.store.neo4j import codec
from ea.store.neo4j.writer import ahead


def test_rows_made_ahead_arrive_in_order_and_the_thread_ends():
    with ahead(iter(range(50))) as items:
        assert list(items) == list(range(50))
    assert not any(t.name == "ea-neo4j-plan" for t in threading.enumerate())


def test_an_error_while_planning_reaches_the_reader_after_what_came_before():
    def planned():
        yield 1
        yield 2
        raise ValueError("node System:x: bad value")

    got = []
    with pytest.raises(ValueError, match="System:x"), ahead(planned()) as items:
        for x in items:
            got.append(x)
    assert got == [1, 2]


def test_a_reader_that_stops_early_stops_the_planning():
    made = []

    def planned():
        for i in range(1000):
            made.append(i)
            yield i

    with pytest.raises(RuntimeError), ahead(planned()) as items:
        for x in items:
            if x == 3:
                raise RuntimeError("the server went away")
    assert len(made) <= 6  # at most a batch or two ahead, then it stopped
    assert not any(t.name == "ea-neo4j-plan" for t in threading.enumerate())


def test_which_file_stated_a_line_with_a_set_or_a_list_of_files():
    files = ["a.csv", "a.csv[B]", "a", "a:b.csv", "x.xlsx"]
    lines = ["a.csv[B]:3", "a.csv:3", "a:b.csv:3", "a:c.csv:4", "x.xlsx[Blad 1]:7",
             "x.xlsx", "y.csv:1", "nothing", "a.csv[B][C]:1"]
    want = ["a.csv[B]", "a.csv", "a:b.csv", "a", "x.xlsx", "x.xlsx", None, None, "a.csv[B]"]
    assert [codec.source_of(s, files) for s in lines] == want
    assert [codec.source_of(s, frozenset(files)) for s in lines] == want
    assert codec.stating_sources(["y.csv:1"], frozenset(files)) == sorted(files)
    assert codec.stating_sources(lines[:2], files) == ["a.csv", "a.csv[B]"]


def test_provenance_values_keep_their_json_text_readable_by_the_standard_library():
    import json

    for v in [{"b": {"x", "a"}, "a": (1, 2)}, {1: "one"}, {"name": "Åsa's \"system\""},
              [1.5, 1e20, None]]:
        assert json.loads(codec._json(v)) == json.loads(codec._JSON.encode(v))
    assert codec._json({"x": float("nan")}) == '{"x": NaN}'  # as before: not made null


def test_a_file_name_with_a_tab_is_one_clear_error_before_anything_is_written():
    from ea.landscape import Landscape
    from ea.store import neo4j as n4

    ls = Landscape(meta={"files": [{"file": "roller\t2026.csv"}]})
    ls.add_system("a", source="roller\t2026.csv:2", name="A")
    with pytest.raises(n4.Neo4jStoreError, match="holds a tab; rename the file"):
        n4.push(None, ls)  # no server needed: refused before the first statement
