"""What a person sees in a terminal: the default columns of each report, lines that fit the
width, a summary before the first rows, second tables under their own titles, colour only
where it is wanted, a quiet end when the reader goes away, and files that open where people
open them (Swedish Excel, suffixes ea can write)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from ea import terminal, views
from ea.cli import main
from ea.store import snapshot
from tests.fixtures_governance import build
from tests.pty_run import on_pty

AS = ["--as-of", "2026-11-25"]


@pytest.fixture(scope="module")
def snap(tmp_path_factory):
    path = tmp_path_factory.mktemp("out") / "landscape.json"
    snapshot.save(build(), path)
    return str(path)


def run(args, width=120, **env):
    env = {"COLUMNS": str(width), "NO_COLOR": "", "FORCE_COLOR": "", **env}
    r = CliRunner().invoke(main, args, env=env)
    assert r.exit_code == 0, r.output
    return r.output


def header_of(out: str, first: str) -> list[str]:
    """The column headers of the first table whose header line starts with ``first``."""
    lines = out.splitlines()
    for i, line in enumerate(lines):
        if line.startswith(first) and i + 1 < len(lines) and lines[i + 1].startswith("──"):
            return line.split("  ")
    raise AssertionError(f"no table headed {first!r} in:\n{out}")


def cols(line_parts: list[str]) -> list[str]:
    return [p.strip() for p in line_parts if p.strip()]


# ---------------------------------------------------------------------- column sets
@pytest.mark.parametrize("args, first, expected", [
    (["orphans"], "name", ["name", "kind", "code", "severity", "reason", "organisations"]),
    (["coordinate"], "name", ["name", "role", "severity", "reason"]),
    (["classification"], "name", ["name", "code", "severity", "reason", "recorded",
                                  "effective"]),
    (["check"], "report", ["report", "name", "code", "severity", "reason"]),
    (["quality"], "rule", ["rule", "scope", "source", "subjects", "passed", "failed",
                           "share"]),
])
def test_each_report_shows_its_default_columns(snap, args, first, expected):
    out = run([*args, "-l", snap, *AS])
    assert cols(header_of(out, first)) == expected
    assert "Object:" not in out and "System:" not in out and "Person:" not in out


def test_declared_columns_exist_in_the_query_frames(snap):
    """Every default column a view declares is a column its report really has."""
    import datetime as dt

    from ea.queries import check, classification, coordinate, orphans, quality

    ls, day = build(), dt.date(2026, 11, 25)
    frames = {"orphans": orphans.run(ls, as_of=day),
              "per organisation": orphans.summary(ls, orphans.run(ls, as_of=day), as_of=day),
              "coordination": coordinate.run(ls, as_of=day),
              "meeting matrix": coordinate.meeting_matrix(ls, as_of=day),
              "classification": classification.run(ls, as_of=day),
              "check": check.run(ls, as_of=day),
              "details": quality.run(ls, as_of=day)}
    for name, df in frames.items():
        declared = views.view(name).columns
        assert declared and set(declared) <= set(df.columns), (name, declared)


def test_summary_first_then_top_ten_then_second_table(snap):
    out = run(["orphans", "-l", snap, *AS])
    lines = out.splitlines()
    assert lines[0] == ("Orphans: objects and systems without a working owner or manager: "
                        "13 rows")
    assert lines.index("Per class and severity:") < lines.index("First 10 of 13:")
    assert cols(header_of(out, "class")) == ["class", "critical", "high", "medium", "low",
                                             "total"]
    summary = {ln.split()[0]: ln.split()[1:] for ln in lines
               if ln.split() and ln.split()[0] in ("missing_role", "vacant_role",
                                                  "placeholder_system")}
    assert summary["missing_role"] == ["1", "0", "0", "0", "1"]
    assert summary["vacant_role"] == ["0", "2", "0", "0", "2"]
    assert summary["placeholder_system"] == ["0", "0", "0", "1", "1"]
    # the per-organisation table under its own title, after the findings
    assert lines.index("Unowned per organisation: 4 rows") > lines.index("First 10 of 13:")
    assert "Gammalt lönesystem" not in out  # row 12 of 13: not among the first ten
    assert "Not shown: 3 more rows" in out
    everything = run(["orphans", "-l", snap, *AS, "--all"])
    assert "Gammalt lönesystem" in everything and "First 10" not in everything
    assert "more rows" not in everything


def test_wrapped_not_cut(snap):
    """A long reason wraps onto the next lines; no cell ends in an ellipsis."""
    out = run(["orphans", "-l", snap, *AS, "--all"], width=80)
    assert "…" not in out
    words = "object owner held only by people who have left (David Falk: inactive)".split()
    flat = " ".join(out.split())
    assert all(w in flat for w in words)


@pytest.mark.parametrize("width", [60, 80, 120])
@pytest.mark.parametrize("args", [["orphans"], ["coordinate"], ["quality", "--details"],
                                  ["classification"], ["check"], ["stats"],
                                  ["orphans", "--all", "--columns",
                                   "name,code,severity,reason,people,organisations,objects"]])
def test_every_line_fits_the_width(snap, args, width):
    out = run([*args, "-l", snap, *([] if args == ["stats"] else AS)], width=width)
    too_long = [ln for ln in out.splitlines() if len(ln) > width]
    assert not too_long, "\n".join(too_long)


def test_columns_option_chooses_and_checks(snap):
    out = run(["orphans", "-l", snap, *AS, "--columns", "severity,name,subject"])
    assert cols(header_of(out, "severity")) == ["severity", "name", "subject"]
    assert "System:lifecare" in out
    csv = run(["orphans", "-l", snap, *AS, "--columns", "name,code", "-f", "csv"])
    assert csv.splitlines()[:2] == ["name,code", "Vårdinformation,missing_role"]
    r = CliRunner().invoke(main, ["orphans", "-l", snap, *AS, "--columns", "name,nope"])
    assert r.exit_code == 2
    assert "--columns: no column 'nope'; this report has subject, name, code" in r.output


def test_hubs_continuity_groups_are_their_own_table(tmp_path):
    from tests.fixtures_architecture import hub_landscape as build_arch

    snap = tmp_path / "a.json"
    snapshot.save(build_arch(), snap)
    out = run(["hubs", "-l", str(snap), *AS])
    assert out.startswith("Hubs, most important first: ")
    assert "Continuity groups: who plans each hub's continuity together: " in out
    assert cols(header_of(out, "rank")) == ["rank", "name", "severity", "hub score",
                                            "organisation", "reason"]
    assert cols(header_of(out, "hub name")) == ["hub name", "person name", "role",
                                                "system name", "distance", "organisation"]


# --------------------------------------------------------------------------- colour
def test_colour_only_when_wanted(snap):
    plain = run(["orphans", "-l", snap, *AS])  # not a terminal
    assert "\x1b[" not in plain
    forced = run(["orphans", "-l", snap, *AS], FORCE_COLOR="1")
    assert "\x1b[1;31mcritical" in forced and "\x1b[33mmedium" in forced
    assert "\x1b[" not in run(["orphans", "-l", snap, *AS], FORCE_COLOR="1", NO_COLOR="1")


def on_tty(snap, *args, **env):
    """``ea orphans`` on a real terminal (a pty): what the terminal received."""
    e = {"COLUMNS": "120", "LINES": "200", "FORCE_COLOR": "", **env}
    if "NO_COLOR" not in env:
        e["NO_COLOR"] = ""
    return on_pty(["orphans", "-l", snap, *AS, *args], e)[1]


def test_no_color_on_a_real_terminal(snap):
    """On a real terminal (a pty) severity is coloured, and NO_COLOR turns it off."""
    assert "\x1b[1;31mcritical" in on_tty(snap)
    quiet = on_tty(snap, NO_COLOR="1")
    assert "critical" in quiet and "\x1b[" not in quiet


def test_pager_only_when_longer_than_the_screen_and_not_with_no_pager(snap, tmp_path):
    """A report longer than the screen goes through $PAGER on a terminal; ``--no-pager``
    prints it straight through (for scrollback and terminal multiplexers)."""
    marker = tmp_path / "paged"
    pager = tmp_path / "pager.sh"
    pager.write_text(f"#!/bin/sh\necho paged > {marker}\ncat\n")
    pager.chmod(0o755)
    env = {"PAGER": str(pager), "NO_COLOR": "1"}

    tall = on_tty(snap, LINES="200", **env)
    assert not marker.exists() and "critical" in tall

    paged = on_tty(snap, LINES="10", **env)
    assert marker.read_text() == "paged\n" and "critical" in paged
    marker.unlink()

    straight = on_tty(snap, "--no-pager", LINES="10", **env)
    assert not marker.exists() and "critical" in straight


def test_cells_are_data_not_terminal_commands():
    df = pd.DataFrame({"name": ["Evil\x1b[2J\x1b]0;title\x07", "[bold]x[/bold]"],
                       "severity": ["high", "low"]})
    out = terminal.render_report(df, "anything", width=80, colour=True)
    assert "\x1b[2J" not in out and "\x07" not in out
    assert "Evil?[2J?]0;title?" in out and "[bold]x[/bold]" in out


# ---------------------------------------------------------------------- broken pipe
def test_broken_pipe_ends_quietly(tmp_path):
    from tests.fixtures_architecture import hub_landscape as build_arch

    snap = tmp_path / "a.json"
    snapshot.save(build_arch(), snap)
    ea = Path(sys.executable).parent / "ea"
    for args in (["stats"], ["hubs", "--all"], ["hubs", "-f", "csv"]):
        p = subprocess.run(f"'{ea}' {' '.join(args)} -l '{snap}' | head -1", shell=True,
                           capture_output=True, text=True, timeout=120,
                           env={**os.environ, "COLUMNS": "120"})
        assert p.stderr == "", (args, p.stderr)
        assert len(p.stdout.splitlines()) == 1


# ----------------------------------------------------------------- files for people
def test_excel_csv_has_bom_semicolons_and_decimal_comma(snap, tmp_path):
    out = tmp_path / "orphans.csv"
    run(["orphans", "-l", snap, *AS, "--excel", "-o", str(out)])
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("subject;name;code;severity;reason;kind;role")
    per_org = tmp_path / "per.csv"
    run(["quality", "-l", snap, *AS, "--excel", "-o", str(per_org)])
    rows = per_org.read_text(encoding="utf-8-sig").splitlines()
    assert rows[0] == "rule;scope;source;subjects;passed;failed;share"
    assert any(";0,5" in r or ",5" in r.split(";")[-1] for r in rows[1:])
    plain = tmp_path / "plain.csv"
    run(["orphans", "-l", snap, *AS, "-o", str(plain)])
    assert not plain.read_bytes().startswith(b"\xef\xbb\xbf")
    assert plain.read_text(encoding="utf-8").startswith("subject,name,code")


def test_excel_csv_from_config_also_for_the_ledger(tmp_path):
    from tests import exports as X

    files = [str(p) for p in X.all_exports(tmp_path)]
    cfg = tmp_path / "ea.yaml"
    cfg.write_text("excel_csv: true\n", encoding="utf-8")
    out = tmp_path / "ls.json"
    run(["--config", str(cfg), "import", *files, "-o", str(out), *AS])
    for side in ("ls.rejected.csv", "ls.ledger.csv"):
        raw = (tmp_path / side).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), side
        assert raw.decode("utf-8-sig").splitlines()[0] == (
            "file;sheet;line;column;kind;reason;value;subject")
    report = tmp_path / "o.csv"
    run(["--config", str(cfg), "orphans", "-l", str(out), *AS, "-o", str(report)])
    assert report.read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize("name", ["orphans.xls", "orphans.pdf", "orphans"])
def test_a_suffix_ea_cannot_write_is_an_error(snap, tmp_path, name):
    out = tmp_path / name
    r = CliRunner().invoke(main, ["orphans", "-l", snap, *AS, "-o", str(out)])
    assert r.exit_code == 2
    suffix = f"'{Path(name).suffix}'" if Path(name).suffix else "no suffix"
    assert (f"cannot write {out}: {suffix} is not a format ea writes; use one of .xlsx, "
            ".csv, .json, .md, .markdown, .txt") in r.output
    assert not out.exists()


def test_txt_file_holds_every_row_without_colour(snap, tmp_path):
    out = tmp_path / "orphans.txt"
    run(["orphans", "-l", snap, *AS, "-o", str(out)], FORCE_COLOR="1")
    text = out.read_text(encoding="utf-8")
    assert "Gammalt lönesystem" in text and "\x1b[" not in text


def test_try_next_names_the_program_that_ran(monkeypatch, tmp_path):
    from ea.commands.core import ea_command

    monkeypatch.chdir(tmp_path)
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    (tmp_path / ".venv" / "bin" / "ea").write_text("")
    monkeypatch.setattr(sys, "argv", [".venv/bin/ea", "demo"])
    monkeypatch.setenv("PATH", "/nonexistent")
    assert ea_command() == ".venv/bin/ea"
    monkeypatch.setattr(sys, "argv", ["/usr/lib/python3/something.py"])
    assert ea_command() == "ea"


@pytest.mark.parametrize("width", [60, 120])
def test_long_tables_keep_the_look_and_the_width(width):
    """--all on thousands of rows takes the fast layout: same header, every row, every
    line within the width, long reasons wrapped, severity coloured."""
    n = terminal.FAST_ROWS + 500
    df = pd.DataFrame({"subject": [f"System:s{i}" for i in range(n)],
                       "name": [f"System nummer {i}" for i in range(n)],
                       "code": ["missing_role"] * n,
                       "severity": ["critical", "low"] * (n // 2),
                       "reason": [f"row {i}: " + "a long reason that must wrap " * 4
                                  for i in range(n)]})
    out = terminal.render_report(df, "orphans", width=width, colour=True, all_rows=True)
    plain = terminal.render_report(df, "orphans", width=width, all_rows=True)
    lines = plain.splitlines()
    assert max(len(ln) for ln in lines) <= width
    assert sum(ln.startswith("System") for ln in lines) == n  # each row starts a line
    if width == 120:
        assert all(f"System nummer {i} " in plain for i in (0, 999, 1000, n - 1))
        assert f"row {n - 1}:" in plain
    assert "\x1b[1;31mcritical" in out
    short = terminal.render_report(df.head(10), "orphans", width=width, all_rows=True)
    assert cols(header_of(short, "name")) == cols(header_of(plain, "name"))


def test_long_tables_too_wide_for_columns_become_blocks():
    """Thousands of rows whose columns cannot stand side by side: one block per row, every
    line within the width, as for a short table."""
    n = terminal.FAST_ROWS + 10
    df = pd.DataFrame({"manager_a_name": [f"Person {i}" for i in range(n)],
                       "manager_b_name": ["Anna Ek"] * n, "relation": ["integration"] * n,
                       "integrations": list(range(n)), "availability": [4] * n,
                       "criticality": [3] * n})
    out = terminal.render_report(df, "meeting matrix", width=50, all_rows=True)
    short = terminal.render_report(df.head(3), "meeting matrix", width=50, all_rows=True)
    assert max(len(ln) for ln in out.splitlines()) <= 50
    assert sum(ln.startswith("manager a name") for ln in out.splitlines()) == n
    assert "manager a name  Person 1009" in out and "integrations    1009" in out
    assert short.splitlines()[2:8] == out.splitlines()[2:8]
