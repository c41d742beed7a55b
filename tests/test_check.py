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


@pytest.fixture(scope="module")
def demo_region(tmp_path_factory):
    """The demo region (size 300, seed 7) generated, imported through the CLI, and its
    ground truth."""
    from ea.demo import generate

    out = tmp_path_factory.mktemp("demo")
    demo = generate(out / "files", size=300, seed=7)
    snap = out / "landscape.json"
    r = CliRunner().invoke(main, ["import", *map(str, demo.paths), "-o", str(snap)])
    assert r.exit_code == 0, r.output
    return demo, snapshot.load(snap), snap


def test_demo_region_against_its_ground_truth(demo_region):
    from ea.queries import orphans, quality

    demo, ls, _ = demo_region
    o = orphans.run(ls, as_of=AS_OF)
    assert sorted(o[o["code"] == "no_object_no_roles"]["name"]) == sorted(demo.orphans)
    assert len(demo.orphans) == 15
    assert sorted(o[o["code"] == "external_system"]["name"]) == sorted(demo.national_services)
    assert demo.dual_role[0] in set(o[o["code"] == "owner_is_it_manager"]["name"])
    for obj in demo.objects_without_roles:
        assert sorted(o[o["name"] == obj]["role"]) == ["business_manager", "it_manager",
                                                       "object_owner"]
    # every system the demo left without an owner is in the report as such
    owner_gap = o[(o["role"] == "object_owner") | (o["code"] == "no_object_no_roles")]
    assert set(demo.unowned) <= set(owner_gap["name"])
    q = quality.run(ls, as_of=AS_OF)
    retired = {ls.name(k) for k, d in ls.nodes("System") if d.get("status") == "retired"}
    assert set(demo.unclassified) - retired <= set(q[q["code"] == "has_classification"]["name"])
    assert set(demo.stale_classifications) - retired <= set(
        q[q["code"] == "classification_fresh"]["name"])


def test_demo_region_check_runs_every_report(demo_region):
    _, _, snap = demo_region
    r = CliRunner().invoke(main, ["check", "-l", str(snap), "--as-of", "2026-11-25",
                                  "-f", "json", "--fail-on", "critical"])
    assert r.exit_code == 1
    rows = json.loads(r.stdout)
    assert {x["report"] for x in rows} == {"orphans", "coordinate", "quality",
                                           "classification"}


# ------------------------------------------------------------------ could not run (exit 3)
# (issue 14, point 3) An export that came out empty must not pass a nightly job as
# "findings: none".

def _import(tmp_path, name: str, rows: list[list], snap) -> object:
    from tests import exports as X

    f = X.write_csv(tmp_path / name, rows)
    return CliRunner().invoke(main, ["import", str(f), "-o", str(snap), "--as-of", "2026-11-25"])


INVENTORY = ["System-ID", "Systemnamn", "Leverantör"]


def test_header_only_export_is_a_warning_and_check_refuses(tmp_path):
    snap = tmp_path / "landscape.json"
    r = _import(tmp_path, "systemlista.csv", [INVENTORY], snap)
    assert r.exit_code == 0
    assert ("Warning: systemlista.csv: no data rows (empty, or a header only): is the export "
            "complete?") in r.stderr
    ledger = (tmp_path / "landscape.ledger.csv").read_text(encoding="utf-8")
    assert ('systemlista.csv,,,,warning,"no data rows (empty, or a header only): is the '
            'export complete?"') in ledger
    r = CliRunner().invoke(main, ["check", "-l", str(snap), "--fail-on", "high"])
    assert r.exit_code == 3, r.output
    assert r.stderr == (f"Error: {snap}: not checked: the landscape holds no systems (an empty "
                        "or header-only inventory export?)\n")
    assert "findings" not in r.output


def test_empty_file_is_a_warning(tmp_path):
    (tmp_path / "tom.csv").write_bytes(b"")
    sys_csv = tmp_path / "s.csv"
    sys_csv.write_text("System-ID;Systemnamn;Leverantör\r\nS1;Raindance;CGI\r\n",
                       encoding="utf-8")
    r = CliRunner().invoke(main, ["import", str(tmp_path / "tom.csv"), str(sys_csv), "-q",
                                  "-o", str(tmp_path / "l.json")])
    assert r.exit_code == 0
    assert r.stderr == ("Warning: tom.csv: no data rows (empty, or a header only): is the "
                        "export complete?\n")


def test_shrunken_landscape_against_expected_and_previous(tmp_path):
    snap = tmp_path / "landscape.json"
    rows = [INVENTORY] + [[f"S{i}", f"System {i}", "CGI"] for i in range(10)]
    assert _import(tmp_path, "systemlista.csv", rows, snap).exit_code == 0
    base = ["check", "-l", str(snap), "--as-of", "2026-11-25"]
    r = CliRunner().invoke(main, [*base, "--expect-systems", "13"])
    assert r.exit_code == 3
    assert r.stderr == (f"Error: {snap}: not checked: the landscape holds 10 systems, 23 % "
                        "fewer than the 13 of --expect-systems (more than the 20 % "
                        "check.max_shrink allows)\n")
    assert CliRunner().invoke(main, [*base, "--expect-systems", "12"]).exit_code == 0
    # the next export lost 3 of 10 systems: the .bak the import kept is the yardstick
    assert _import(tmp_path, "systemlista.csv", rows[:8], snap).exit_code == 0
    r = CliRunner().invoke(main, base)
    assert r.exit_code == 3
    assert ("holds 7 systems, 30 % fewer than the 10 of the previous snapshot "
            f"{snap}.bak") in r.stderr
    cfg = tmp_path / "ea.yaml"
    cfg.write_text("check:\n  max_shrink: 0.5\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["--config", str(cfg), *base])
    assert r.exit_code == 0 and "findings:" in r.stderr
    other = tmp_path / "other.json"
    snapshot.save(snapshot.load(snap), other)
    assert CliRunner().invoke(main, [*base, "--previous", str(other)]).exit_code == 0
    cfg.write_text("check:\n  max_shrink: 2\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["--config", str(cfg), *base])
    assert r.exit_code == 3 and "check.max_shrink must be a share" in r.stderr


def test_could_not_run_is_3_not_1(tmp_path):
    r = CliRunner().invoke(main, ["check", "-l", str(tmp_path / "none.json"), "--fail-on",
                                  "high"])
    assert r.exit_code == 3 and "no landscape snapshot here" in r.stderr
    help_text = CliRunner().invoke(main, ["check", "--help"]).output
    assert "3  could not run" in help_text


def test_previous_snapshot_counted_without_loading_it(tmp_path):
    # check reads the .bak's node lines only; the count is the loaded landscape's
    ls = Landscape()
    for i in range(4):
        ls.add_system(f"s{i}", name=f"System {i}")
    ls.add_system("ext", name="Extern tjänst", external=True)
    ls.add_system("ph", name='Okänd "System"', placeholder=True)
    ls.add_person("p", name="System Systemsson")
    snap = snapshot.save(ls, tmp_path / "landscape.json")
    assert snapshot.defined_systems(snap) == check.defined_systems(ls) == 5
    # another layout (pretty-printed JSON) is loaded and counted alike
    pretty = tmp_path / "pretty.json"
    pretty.write_text(json.dumps(json.loads(snap.read_text(encoding="utf-8")), indent=2),
                      encoding="utf-8")
    assert snapshot.defined_systems(pretty) == 5
    # a node line that cannot be read is refused as loading refuses it
    lines = snap.read_text(encoding="utf-8").splitlines(keepends=True)
    broken = tmp_path / "broken.json"
    at = next(i for i, line in enumerate(lines) if '"System 2"' in line)
    lines[at] = lines[at].replace('"System 2"', '"System 2')
    broken.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(snapshot.SnapshotError):
        snapshot.defined_systems(broken)
