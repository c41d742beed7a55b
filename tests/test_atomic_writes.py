"""Every file ea writes is whole or not there: temporary file beside it, fsync, rename.

Each writer is made to fail half-way (the rename refused, the disk flush failing, a value
the serialiser cannot write) and the test asserts that the previous file is intact and no
temporary file is left behind. The snapshot also keeps the previous version as ``.bak``.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner

from ea import output
from ea.cli import main
from ea.export import export
from ea.landscape import Landscape
from ea.maps import build_map, write_map
from ea.store import snapshot
from tests import exports as X

AS_OF = dt.date(2026, 11, 25)
OLD = "the previous file\n"


def small_landscape(name: str = "Raindance") -> Landscape:
    ls = Landscape(meta={"imported_at": "2026-11-25"})
    a = ls.add_system("S1", name=name)
    b = ls.add_system("S2", name="Heroma")
    ls.add_integration(a, b, type="file")
    p = ls.add_person("p1", name="Anna Berg", email="anna.berg@example.se")
    ls.add_role(p, a, "object_owner", title="Objektägare")
    return ls


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


class Boom(OSError):
    """A rename or write the system refuses (os.replace raises OSError)."""


@pytest.fixture
def refuse_rename(monkeypatch):
    """Make ``os.replace`` onto a given file name fail (a full disk, a crash at the end)."""
    real = os.replace

    def arm(*names: str):
        def fake(src, dst, *a, **kw):
            if Path(dst).name in names:
                raise Boom(f"rename onto {dst} refused")
            return real(src, dst, *a, **kw)

        monkeypatch.setattr(os, "replace", fake)

    return arm


# ----------------------------------------------------------------------------- snapshot

def test_snapshot_keeps_the_previous_version_as_bak(tmp_path):
    p = tmp_path / "ls.json"
    snapshot.save(small_landscape("First"), p)
    assert not (tmp_path / "ls.json.bak").exists()
    snapshot.save(small_landscape("Second"), p)
    snapshot.save(small_landscape("Third"), p)
    assert snapshot.load(p).name("System:S1") == "Third"
    assert snapshot.load(tmp_path / "ls.json.bak").name("System:S1") == "Second"
    assert leftovers(tmp_path) == []


def test_snapshot_rename_refused_leaves_old_snapshot(tmp_path, refuse_rename):
    p = tmp_path / "ls.json"
    snapshot.save(small_landscape("Old"), p)
    before = p.read_bytes()
    refuse_rename("ls.json")
    with pytest.raises(Boom):
        snapshot.save(small_landscape("New"), p)
    assert p.read_bytes() == before
    assert leftovers(tmp_path) == []


def test_snapshot_flush_failure_leaves_old_snapshot(tmp_path, monkeypatch):
    p = tmp_path / "ls.json"
    snapshot.save(small_landscape("Old"), p)
    before = p.read_bytes()

    def no_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_fsync)
    with pytest.raises(OSError, match="No space"):
        snapshot.save(small_landscape("New"), p)
    assert p.read_bytes() == before
    assert leftovers(tmp_path) == []


def test_snapshot_unserialisable_value_leaves_old_snapshot(tmp_path):
    p = tmp_path / "ls.json"
    snapshot.save(small_landscape("Old"), p)
    before = p.read_bytes()
    bad = small_landscape("New")
    bad.meta["loop"] = bad.meta  # json cannot write a circular structure
    with pytest.raises(ValueError, match="Circular"):
        snapshot.save(bad, p)
    assert p.read_bytes() == before
    assert leftovers(tmp_path) == []


def test_snapshot_is_never_missing_during_a_save(tmp_path, monkeypatch):
    """At every rename of a save, the snapshot path still holds a whole snapshot."""
    p = tmp_path / "ls.json"
    snapshot.save(small_landscape("Old"), p)
    real = os.replace
    seen = []

    def watching(src, dst, *a, **kw):
        seen.append(snapshot.load(p).name("System:S1"))
        return real(src, dst, *a, **kw)

    monkeypatch.setattr(os, "replace", watching)
    snapshot.save(small_landscape("New"), p)
    assert seen and set(seen) == {"Old"}
    assert snapshot.load(p).name("System:S1") == "New"


# ----------------------------------------------------------------------------- reports

@pytest.mark.parametrize("fmt", ["csv", "json", "md", "table", "xlsx"])
def test_report_rename_refused_leaves_old_report(tmp_path, refuse_rename, fmt):
    p = tmp_path / f"report.{fmt}"
    p.write_text(OLD)
    refuse_rename(p.name)
    with pytest.raises(Boom):
        output.write(pd.DataFrame({"a": [1, 2]}), fmt, p)
    assert p.read_text() == OLD
    assert leftovers(tmp_path) == []


def test_xlsx_value_that_fails_half_way_leaves_old_report(tmp_path):
    p = tmp_path / "r.xlsx"
    p.write_text(OLD)
    df = pd.DataFrame({"a": ["fine"] * 50 + [complex(1, 2)]})  # openpyxl cannot write it
    with pytest.raises(ValueError):
        output.write_xlsx({"findings": df}, p)
    assert p.read_text() == OLD
    assert leftovers(tmp_path) == []


def test_report_into_a_new_folder(tmp_path):
    p = tmp_path / "new" / "deeper" / "r.csv"
    output.write(pd.DataFrame({"a": [1]}), "csv", p)
    assert p.read_text() == "a\n1\n"


# ----------------------------------------------------------------------------- exports

@pytest.mark.parametrize("fmt,name", [("archimate", "model.xml"), ("graphml", "ls.graphml"),
                                      ("gexf", "ls.gexf")])
def test_export_rename_refused_leaves_old_file(tmp_path, refuse_rename, fmt, name):
    p = tmp_path / name
    p.write_text(OLD)
    refuse_rename(name)
    with pytest.raises(Boom):
        export(small_landscape(), fmt, p)
    assert p.read_text() == OLD
    assert leftovers(tmp_path) == []


def test_graphml_writer_failing_half_way_leaves_old_file(tmp_path, monkeypatch):
    p = tmp_path / "ls.graphml"
    p.write_text(OLD)

    def half(g, path, **kw):
        Path(path).write_text("<?xml version='1.0'?><graphml><graph>")
        raise Boom("disk full half-way")

    monkeypatch.setattr(nx, "write_graphml", half)
    with pytest.raises(Boom):
        export(small_landscape(), "graphml", p)
    assert p.read_text() == OLD
    assert leftovers(tmp_path) == []


def test_csv_export_rename_refused_leaves_old_files(tmp_path, refuse_rename):
    folder = tmp_path / "out"
    first = export(small_landscape("Old"), "csv", folder)
    before = {f.name: f.read_bytes() for f in first}
    refuse_rename("integrations.csv")
    with pytest.raises(Boom):
        export(small_landscape("New"), "csv", folder)
    assert (folder / "integrations.csv").read_bytes() == before["integrations.csv"]
    assert leftovers(folder) == []


# ----------------------------------------------------------------------------- maps

def test_map_rename_refused_leaves_old_map(tmp_path, refuse_rename):
    p = tmp_path / "map.html"
    p.write_text(OLD)
    refuse_rename("map.html")
    with pytest.raises(Boom):
        write_map(build_map(small_landscape(), as_of=AS_OF), p)
    assert p.read_text() == OLD
    assert leftovers(tmp_path) == []
    assert not (tmp_path / "map.html.bak").exists()


# ----------------------------------------------------------------------------- ledger CSVs

def test_import_ledger_csv_rename_refused(tmp_path, refuse_rename):
    """The import writes the snapshot, then the two ledger CSVs, each atomically: a failure
    on the ledger leaves the previous ledger whole and says so in one line."""
    src = X.write_csv(tmp_path / "inv.csv", [["Systemnamn", "Förvaltning"], ["Raindance", "RS"],
                                             ["", "RS"]])
    out = tmp_path / "ls.json"
    res = CliRunner().invoke(main, ["import", str(src), "-o", str(out), "--as-of", "2026-11-25"])
    assert res.exit_code == 0, res.output
    old_ledger = (tmp_path / "ls.ledger.csv").read_bytes()
    old_rejected = (tmp_path / "ls.rejected.csv").read_bytes()
    assert b"inv.csv" in old_rejected
    refuse_rename("ls.ledger.csv")
    res = CliRunner().invoke(main, ["import", str(src), "-o", str(out), "--as-of", "2026-11-25"])
    assert res.exit_code == 1
    assert "Traceback" not in res.output and "refused" in res.output
    assert (tmp_path / "ls.ledger.csv").read_bytes() == old_ledger
    assert leftovers(tmp_path) == []
    assert snapshot.dumps(snapshot.load(tmp_path / "ls.json.bak")) == snapshot.dumps(
        snapshot.load(out))  # the same import twice: the backup is the first snapshot
