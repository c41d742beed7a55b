"""Reports at scale (issue 18, point 3): ``ea check --summary`` (one row per rule) and
``ea check -o findings.csv`` written piece by piece, equal to the whole frame's CSV."""

from __future__ import annotations

import pandas as pd
import pytest
from click.testing import CliRunner

from ea import output
from ea.cli import main
from ea.queries import check
from ea.store import snapshot
from tests.fixtures_governance import AS_OF, build


@pytest.fixture(scope="module")
def landscape():
    return build()


@pytest.fixture(scope="module")
def snap(landscape, tmp_path_factory):
    path = tmp_path_factory.mktemp("scale") / "landscape.json"
    snapshot.save(landscape, path)
    return path


def test_summary_one_row_per_rule(landscape):
    s = check.summary(check.run(landscape, as_of=AS_OF))
    assert list(s.columns) == ["report", "code", "severity", "findings", "subjects"]
    assert len(s) == 36 and s["findings"].sum() == 53
    assert s.head(4).values.tolist() == [
        ["orphans", "missing_role", "critical", 1, 1],
        ["orphans", "no_object_no_roles", "critical", 1, 1],
        ["coordinate", "partner_unowned", "critical", 6, 6],
        ["coordinate", "partner_ending_life", "critical", 2, 2]]
    assert s.groupby("report")["findings"].sum().to_dict() == {
        "quality": 21, "orphans": 13, "coordinate": 11, "classification": 8}
    assert s.tail(1).values.tolist() == [["quality", "lifecycle_dates", "low", 1, 1]]


def test_summary_counts_distinct_subjects():
    df = pd.DataFrame({"report": ["orphans"] * 3 + ["quality"],
                       "subject": ["System:a", "System:a", "System:b", "System:c"],
                       "name": ["A", "A", "B", "C"],
                       "code": ["missing_role"] * 3 + ["vendor"],
                       "severity": ["high"] * 3 + ["critical"], "reason": [""] * 4})
    assert check.summary(df).values.tolist() == [
        ["quality", "vendor", "critical", 1, 1], ["orphans", "missing_role", "high", 3, 2]]
    assert check.summary(df.iloc[0:0]).empty


def test_findings_in_pieces_are_run_in_order(landscape):
    pieces = list(check.findings(landscape, as_of=AS_OF))
    assert len(pieces) > 4  # one per severity and report, never one frame of everything
    whole = check.run(landscape, as_of=AS_OF)
    pd.testing.assert_frame_equal(pd.concat(pieces, ignore_index=True), whole)


@pytest.mark.parametrize("excel", [False, True])
def test_streamed_csv_equals_the_whole_frames_csv(landscape, snap, tmp_path, excel):
    out = tmp_path / "findings.csv"
    args = ["check", "-l", str(snap), "--as-of", AS_OF.isoformat(), "-o", str(out)]
    r = CliRunner().invoke(main, args + (["--excel"] if excel else []))
    assert r.exit_code == 0, r.output
    assert "wrote 53 rows to" in r.output
    assert "findings: 10 critical, 14 high, 16 medium, 13 low" in r.output
    expected = output.render(check.run(landscape, as_of=AS_OF), "csv", excel=excel)
    assert out.read_bytes().decode("utf-8") == expected


def test_streamed_csv_keeps_fail_on_and_columns(snap, tmp_path):
    out = tmp_path / "f.csv"
    r = CliRunner().invoke(main, ["check", "--columns", "report,code", "-l", str(snap),
                                  "--as-of", AS_OF.isoformat(), "--fail-on", "critical",
                                  "-o", str(out)])
    assert r.exit_code == 1, r.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[:2] == ["report,code", "orphans,missing_role"] and len(lines) == 54


def test_summary_option_writes_the_rules(snap, tmp_path):
    out = tmp_path / "s.csv"
    r = CliRunner().invoke(main, ["check", "--summary", "-l", str(snap), "--as-of",
                                  AS_OF.isoformat(), "-o", str(out)])
    assert r.exit_code == 0, r.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "report,code,severity,findings,subjects"
    assert lines[1] == "orphans,missing_role,critical,1,1" and len(lines) == 37


def test_csv_in_pieces_equals_one_piece(tmp_path):
    df = pd.DataFrame({"namn": ["Åsa", "=1+2", "x\r\ny", None] * 5,
                       "andel": [0.5, 1.0, None, 2.25] * 5,
                       "n": pd.array([1, None, 3, 4] * 5, dtype="Int64"),
                       "lista": [["a", "b"], [], None, "c"] * 5})
    for excel in (False, True):
        path, n = output.write_csv_chunks(output.frame_chunks(df, 3),
                                          tmp_path / f"pieces-{excel}.csv", excel=excel)
        assert n == 20
        assert path.read_bytes().decode("utf-8") == output.render(df, "csv", excel=excel)


def test_coordinate_per_pair_of_organisations(landscape, snap, tmp_path):
    from ea.queries import coordinate

    df = coordinate.by_organisation(landscape, coordinate.run(landscape, as_of=AS_OF))
    hsf, rsf = "Hälso- och sjukvårdsförvaltningen", "Regionstyrelseförvaltningen"
    assert df.values.tolist() == [
        ["(none)", hsf, 2, 4, 4, 4],          # platina–lifecare, cosmic–hsa
        [hsf, "IT-avdelningen", 2, 2, 2, 4],  # wso2–lifecare, wso2–cosmic
        [rsf, rsf, 2, 2, 2, 4],               # raindance–proceedo, raindance–heroma
        ["(none)", rsf, 1, 1, 1, 3],          # heroma–gammal
        [hsf, hsf, 1, 2, 2, 4],               # cosmic–lifecare
        [hsf, rsf, 1, 4, 0, 4]]               # qlik–raindance: plain coordination
    out = tmp_path / "pairs.csv"
    r = CliRunner().invoke(main, ["coordinate", "--by-organisation", "-l", str(snap),
                                  "--as-of", AS_OF.isoformat(), "-o", str(out)])
    assert r.exit_code == 0, r.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == ("organisation_a,organisation_b,integrations,managers,flagged,"
                        "criticality")
    assert lines[1] == f"(none),{hsf},2,4,4,4" and len(lines) == 7


# --------------------------------------------------------------------------- summaries by default
@pytest.fixture()
def low_threshold(tmp_path):
    cfg = tmp_path / "ea.yaml"
    cfg.write_text("reports:\n  summary_threshold: 5\n", encoding="utf-8")
    return cfg


def test_coordinate_per_manager_in_numbers(landscape):
    from ea.queries import coordinate

    df = coordinate.per_manager(landscape, as_of=AS_OF)
    assert list(df.columns) == coordinate.MANAGER_COLUMNS
    # systems counts both ends of an integration a person manages at both ends (Cecilia:
    # Raindance and Proceedo; Heroma; the platform Platina)
    assert df.drop(columns=["subject", "email"]).values.tolist() == [
        ["Cecilia Dal", 4, 5, 3, 2, 3, 4],
        ["Bo Berg", 3, 4, 3, 1, 2, 4],
        ["Hanna Jak", 1, 2, 2, 2, 2, 4],
        ["Ida Karlsson", 1, 2, 2, 2, 2, 4],
        ["Karin Mod", 1, 1, 2, 1, 1, 4],
        ["Lena Nord", 1, 1, 2, 1, 1, 4],
        ["Erik Gran", 1, 1, 2, 0, 0, 4],
        ["Fatima Holm", 1, 1, 2, 0, 0, 4]]
    rows = coordinate.run(landscape, as_of=AS_OF)
    for r in df.itertuples():
        # as the rows and meetings() count them
        mine = rows[rows["subject"] == r.subject]
        assert r.flagged == (mine["code"] != "coordinate").sum()
        assert r.no_one_to_meet == mine["meet"].str.startswith("no one to meet").sum()
        meet = coordinate.meetings(landscape, as_of=AS_OF, target=r.subject)
        assert r.to_meet == (meet["code"] == "meet").sum()
    only = coordinate.per_manager(landscape, as_of=AS_OF, person="Hanna Jak")
    assert only["name"].tolist() == ["Hanna Jak"]


def test_coordinate_flagged_rows_are_runs_without_plain_ones(landscape):
    from ea.queries import coordinate

    whole = coordinate.run(landscape, as_of=AS_OF)
    flagged = coordinate.flagged(landscape, as_of=AS_OF)
    assert len(flagged) == 11
    assert output.render(flagged, "csv") == output.render(
        whole[whole["code"] != "coordinate"].reset_index(drop=True), "csv")


@pytest.mark.parametrize("size", [1, 4, 19, 20_000])
def test_coordinate_pieces_are_run_in_order(landscape, size):
    from ea.queries import coordinate

    whole = coordinate.run(landscape, as_of=AS_OF)
    pieces = list(coordinate.pieces(landscape, as_of=AS_OF, size=size))
    assert [len(p) for p in pieces][:2] == ([size, size] if size < 19 else [19])
    assert sum(len(p) for p in pieces) == len(whole) == 19
    assert output.render(pd.concat(pieces, ignore_index=True), "csv") == output.render(
        whole, "csv")
    unordered = coordinate.pieces(landscape, as_of=AS_OF, ordered=False, size=size)
    assert coordinate.by_organisation(landscape, unordered).equals(
        coordinate.by_organisation(landscape, whole))


@pytest.mark.parametrize("excel", [False, True])
def test_coordinate_rows_streamed_to_csv_equal_the_whole_frames(landscape, snap, tmp_path,
                                                                 excel):
    from ea.queries import coordinate

    out = tmp_path / "rows.csv"
    args = ["coordinate", "--per-integration", "-l", str(snap), "--as-of", AS_OF.isoformat(),
            "-o", str(out)]
    r = CliRunner().invoke(main, args + (["--excel"] if excel else []))
    assert r.exit_code == 0, r.output
    assert "wrote 19 rows to" in r.output
    expected = output.render(coordinate.run(landscape, as_of=AS_OF), "csv", excel=excel)
    assert out.read_bytes().decode("utf-8") == expected


def test_coordinate_leads_with_managers_above_the_threshold(snap, low_threshold):
    base = ["coordinate", "-l", str(snap), "--as-of", AS_OF.isoformat()]
    r = CliRunner().invoke(main, ["--config", str(low_threshold), *base])
    assert r.exit_code == 0, r.output
    lead = " ".join(r.output.split())  # the lead sentences wrap between words
    assert "more than reports.summary_threshold (5): one row per manager" in lead
    assert "--all" in lead and "--per-integration -o rows.csv" in lead
    assert "Coordination per manager" in r.output and "Meeting matrix" not in r.output
    assert "Bo Berg           3             4        3               1        2" in r.output
    # --all: the meeting matrix and the rows, as below the threshold
    full = CliRunner().invoke(main, ["--config", str(low_threshold), *base, "--all"])
    assert "Meeting matrix" in full.output and "per manager" not in full.output
    below = CliRunner().invoke(main, base)
    assert "Meeting matrix" in below.output and "summary_threshold" not in below.output


def test_check_leads_with_rules_above_the_threshold(landscape, snap, low_threshold, tmp_path):
    base = ["check", "-l", str(snap), "--as-of", AS_OF.isoformat(), "--fail-on", "critical"]
    r = CliRunner().invoke(main, ["--config", str(low_threshold), *base])
    assert r.exit_code == 1, r.output  # --fail-on still judges every finding
    assert "one row per rule, 53 findings in all" in " ".join(r.output.split())
    assert "findings: 10 critical, 14 high, 16 medium, 13 low" in r.output
    assert "Every governance rule, one row per rule: 36 rows" in r.output
    assert "no business manager" not in r.output  # no finding's reason, only the rules
    s = check.summary(check.run(landscape, as_of=AS_OF))
    pd.testing.assert_frame_equal(check.summary_of(check.findings(landscape, as_of=AS_OF)), s)
    full = CliRunner().invoke(main, ["--config", str(low_threshold), *base, "--all"])
    assert "Every governance rule: 53 rows" in full.output
    bad = tmp_path / "bad.yaml"
    bad.write_text("reports:\n  summary_threshold: many\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["--config", str(bad), *base])
    assert r.exit_code == 3 and "reports.summary_threshold must be a whole number" in r.output
