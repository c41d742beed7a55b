"""Every file ea writes is whole or not there: temporary file beside it, fsync, rename.

Each writer is made to fail half-way (the rename refused, the disk flush failing, a value
the serialiser cannot write) and the test asserts that the previous file is intact and no
temporary file is left behind. The snapshot also keeps the previous version as ``.bak``.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner

from ea import output
from ea.cli import main
from ea.errors import WriteError
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
    with pytest.raises(WriteError, match="cannot write"):
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
    with pytest.raises(WriteError, match=r"ls.json: cannot write: No space left on device"):
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
    with pytest.raises(WriteError, match="cannot write"):
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
    with pytest.raises(WriteError, match="cannot write"):
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
    with pytest.raises(WriteError, match="cannot write"):
        export(small_landscape(), "graphml", p)
    assert p.read_text() == OLD
    assert leftovers(tmp_path) == []


def test_csv_export_rename_refused_leaves_old_files(tmp_path, refuse_rename):
    folder = tmp_path / "out"
    first = export(small_landscape("Old"), "csv", folder)
    before = {f.name: f.read_bytes() for f in first}
    refuse_rename("integrations.csv")
    with pytest.raises(WriteError, match="cannot write"):
        export(small_landscape("New"), "csv", folder)
    assert (folder / "integrations.csv").read_bytes() == before["integrations.csv"]
    assert leftovers(folder) == []


# ----------------------------------------------------------------------------- maps

def test_map_rename_refused_leaves_old_map(tmp_path, refuse_rename):
    p = tmp_path / "map.html"
    p.write_text(OLD)
    refuse_rename("map.html")
    with pytest.raises(WriteError, match="cannot write"):
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
    # snapshot, ledger and rejected rows are one unit, the snapshot renamed last: the
    # refused ledger left the first snapshot in place, and no backup was made
    assert not (tmp_path / "ls.json.bak").exists()
    assert snapshot.load(out).stats()["nodes"]["System"] == 1


# ------------------------------------------------------------------ one unit, one writer
# (issue 14, point 6)

def _inventory(folder: Path, names=("Raindance", "Heroma")) -> Path:
    return X.write_csv(folder / "inv.csv", [["System-ID", "Systemnamn", "Leverantör"]]
                       + [[f"S{i}", n, "CGI"] for i, n in enumerate(names)])


def test_snapshot_ledger_and_rejected_rows_are_one_unit(tmp_path, monkeypatch):
    inv = _inventory(tmp_path)
    snap = tmp_path / "ls.json"
    assert CliRunner().invoke(main, ["import", str(inv), "-o", str(snap), "-q"]).exit_code == 0
    before = {p.name: p.read_bytes() for p in tmp_path.glob("ls.*")}
    _inventory(tmp_path, ("Raindance", "Heroma", "Qlik Sense"))

    def full_disk(fh, landscape):  # the disk fills while the snapshot is written
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(snapshot, "write_to", full_disk)
    r = CliRunner().invoke(main, ["import", str(inv), "-o", str(snap), "-q"])
    assert r.exit_code == 1
    assert r.output == f"Error: {snap}: cannot write: No space left on device\n"
    # the ledger CSVs were written first, to temporary files: none was renamed
    assert {p.name: p.read_bytes() for p in tmp_path.glob("ls.*")} == before
    assert leftovers(tmp_path) == []


def test_new_files_get_the_umask_permissions_and_replaced_keep_theirs(tmp_path):
    old = os.umask(0o022)
    try:
        p = tmp_path / "r.csv"
        output.write(pd.DataFrame({"a": [1]}), "csv", p)
        assert oct(p.stat().st_mode & 0o777) == "0o644"  # mkstemp's 0600 made it private
        p.chmod(0o640)
        output.write(pd.DataFrame({"a": [2]}), "csv", p)
        assert oct(p.stat().st_mode & 0o777) == "0o640"
    finally:
        os.umask(old)


def test_output_through_a_symlink_keeps_the_link(tmp_path):
    real = tmp_path / "real.csv"
    real.write_text("old\n")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    output.write(pd.DataFrame({"a": [1]}), "csv", link)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8").splitlines() == ["a", "1"]
    # the snapshot too: the link stays, the file it points to is replaced
    target = tmp_path / "store" / "landscape.json"
    target.parent.mkdir()
    snapshot.save(small_landscape("Old"), target)
    slink = tmp_path / "landscape.json"
    slink.symlink_to(target)
    inv = _inventory(tmp_path)
    assert CliRunner().invoke(main, ["import", str(inv), "-o", str(slink), "-q"]).exit_code == 0
    assert slink.is_symlink() and snapshot.load(target).stats()["nodes"]["System"] == 3


def test_output_to_a_fifo_writes_through_it(tmp_path):
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    output.write(pd.DataFrame({"a": [1]}), "csv", fifo)
    reader.join(10)
    assert got == [b"a\n1\n"]
    import stat

    assert stat.S_ISFIFO(os.stat(fifo).st_mode)  # still a FIFO, not a regular file


def test_full_disk_names_the_target(tmp_path):
    """/dev/full (every write fails with ENOSPC) behind a report name: written through the
    link, the device never replaced."""
    snap = tmp_path / "ls.json"
    snapshot.save(small_landscape(), snap)
    report = tmp_path / "orphans.csv"
    report.symlink_to("/dev/full")
    r = CliRunner().invoke(main, ["orphans", "-l", str(snap), "-o", str(report)])
    assert r.exit_code == 1
    assert r.output.splitlines()[-1] == f"Error: {report}: cannot write: No space left on device"
    assert Path("/dev/full").is_char_device() and report.is_symlink()
    with pytest.raises(WriteError, match="is a folder; give a file name"):
        output.write(pd.DataFrame({"a": [1]}), "csv", tmp_path)


def _mount(*args: str) -> bool:
    import subprocess

    if os.geteuid() != 0:
        return False
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


def test_full_disk_during_import_keeps_the_old_unit(tmp_path):
    """A real full disk: a 32 KiB tmpfs (needs root and mount; skipped elsewhere)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if not _mount("-t", "tmpfs", "-o", "size=32k", "tmpfs", str(disk)):
        pytest.skip("cannot mount a tmpfs here")
    try:
        inv = _inventory(tmp_path)
        snap = disk / "ls.json"
        assert CliRunner().invoke(main, ["import", str(inv), "-o", str(snap),
                                         "-q"]).exit_code == 0
        before = {p.name: p.read_bytes() for p in disk.iterdir()}
        big = _inventory(tmp_path, tuple(f"System {i} " + "x" * 40 for i in range(200)))
        r = CliRunner().invoke(main, ["import", "--replace", str(big), "-o", str(snap), "-q"])
        assert r.exit_code == 1
        assert r.output.startswith(f"Error: {disk}/ls.") and r.output.endswith(
            ": cannot write: No space left on device\n"), r.output
        assert {p.name: p.read_bytes() for p in disk.iterdir()} == before
    finally:
        _mount_undo(disk)


def _mount_undo(folder: Path) -> None:
    import subprocess

    subprocess.run(["umount", str(folder)], capture_output=True)


def test_read_only_folder_names_the_target(tmp_path):
    """Read-only: a read-only bind mount where root may mount (root ignores chmod), else a
    chmod'ed folder."""
    folder = tmp_path / "ro"
    folder.mkdir()
    inv = _inventory(tmp_path)
    mounted = _mount("--bind", str(folder), str(folder)) and _mount(
        "-o", "remount,ro,bind", str(folder))
    if not mounted:
        if os.geteuid() == 0:
            pytest.skip("root and no mount: a chmod'ed folder would not stop root")
        folder.chmod(0o555)
    try:
        r = CliRunner().invoke(main, ["import", str(inv), "-o", str(folder / "ls.json")])
        assert r.exit_code == 1
        why = "Read-only file system" if mounted else "Permission denied"
        assert r.output.startswith(f"Error: {folder}/ls.json: cannot write: {why}"), r.output
        assert ".tmp" not in r.output and "Traceback" not in r.output
        r = CliRunner().invoke(main, ["orphans", "-l", str(folder / "none.json")])
        assert "no landscape snapshot here" in r.output
    finally:
        if mounted:
            _mount_undo(folder)
        folder.chmod(0o755)


def test_second_import_waits_for_the_first_or_says_why(tmp_path):
    import subprocess
    import sys

    inv = _inventory(tmp_path)
    snap = tmp_path / "ls.json"
    # the first process holds the snapshot's lock until told to let go
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys\nfrom ea.atomic import locked\n"
         f"with locked({str(snap)!r}):\n    print('locked', flush=True)\n    sys.stdin.readline()\n"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "locked\n"
        env = {**os.environ, "EA_LOCK_WAIT": "0.5"}
        r = subprocess.run([sys.executable, "-m", "ea.cli", "import", str(inv), "-o",
                            str(snap), "-q"], capture_output=True, text=True, env=env,
                           timeout=120)
        assert r.returncode == 1
        assert r.stderr == (f"Error: {snap}: another ea import is writing this snapshot "
                            f"(process {holder.pid}); waited 0.5 s (EA_LOCK_WAIT); run again "
                            "when it has finished\n")
        assert not snap.exists()
        env["EA_LOCK_WAIT"] = "120"  # the next one waits its turn, then writes
        second = subprocess.Popen([sys.executable, "-m", "ea.cli", "import", str(inv), "-o",
                                   str(snap), "-q"], stderr=subprocess.PIPE, text=True, env=env)
        time.sleep(3)
        assert second.poll() is None and not snap.exists()  # still waiting
        holder.stdin.write("go\n")
        holder.stdin.flush()
        assert second.wait(120) == 0, second.stderr.read()
        assert snapshot.load(snap).stats()["nodes"]["System"] == 2
    finally:
        holder.kill()
        holder.wait()
