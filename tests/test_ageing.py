"""ea ageing: derived lifecycle and conflicts, dated ends, vendor end of life from the real
endoflife.date files (boolean eol), propagation, the replacement list, horizon, CLI."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from ea.cli import main
from ea.config import Config
from ea.errors import QueryError
from ea.importers import endoflife
from ea.queries import ageing
from ea.store import snapshot
from tests.conftest import AS_OF, SHARED_DATA
from tests.fixtures_architecture import ageing_landscape

PRODUCTS = SHARED_DATA / "endoflife-date" / "products"


@pytest.fixture
def ls():
    return ageing_landscape()


@pytest.fixture(scope="module")
def eol():
    return endoflife.read([PRODUCTS / "msexchange.md", PRODUCTS / "sharepoint.md",
                           PRODUCTS / "mssqlserver.md"])


def codes(df):
    return sorted(zip(df["name"], df["code"], strict=True))


def test_findings(ls, eol):
    df = ageing.run(ls, as_of=AS_OF, eol_table=eol)
    assert codes(df) == [
        ("BizTalk", "EOL_PROPAGATED"), ("Ciceron", "CONTRACT_END_PASSED"),
        ("Ciceron", "LIFECYCLE_CONFLICT"), ("Ciceron", "RETIREMENT_OVERDUE"),
        ("Cosmic", "EOL_PROPAGATED"),
        ("Egenutvecklat", "END_OF_SUPPORT_UPCOMING"), ("Egenutvecklat", "LONG_IN_SERVICE"),
        ("Exchange", "VENDOR_EOL_PASSED"), ("Procapita", "END_OF_LIFE_UPCOMING"),
        ("Procapita", "LONG_IN_SERVICE"), ("Treserva", "EOL_PROPAGATED")]
    by = {(n, c): r for n, c, r in zip(df["name"], df["code"], df["reason"], strict=True)}
    assert by[("Ciceron", "LIFECYCLE_CONFLICT")] == (
        "Ciceron is recorded as 'active' but its dates say 'phasing_out' (planned retirement "
        "2026-01-01).")
    assert by[("Exchange", "VENDOR_EOL_PASSED")] == (
        "Exchange runs Microsoft Exchange 4.0 SP5, which has reached vendor end of life (date "
        "not published).")
    assert by[("Egenutvecklat", "LONG_IN_SERVICE")] == (
        "Egenutvecklat has been in service for 25.6 years (since 2001-05-01), built in-house.")
    ex = df[df["name"] == "Exchange"].iloc[0]
    assert (ex["severity"], ex["vendor_eol_source"]) == ("high", f"{PRODUCTS / 'msexchange.md'}#4.0")
    # SharePoint Subscription Edition: eol false -> nothing; Gammalt: retired -> nothing
    assert not set(df["name"]) & {"SharePoint", "Gammalt", "SQL-plattform"}


def test_propagated_end_of_life(ls):
    df = ageing.run(ls, as_of=AS_OF)
    prop = df[df["code"] == "EOL_PROPAGATED"]
    assert list(zip(prop["name"], prop["depends_on_name"], prop["months_left"],
                    strict=True)) == [("BizTalk", "Procapita", 9.2), ("Cosmic", "Procapita", 9.2),
                                      ("Treserva", "Procapita", 9.2)]
    assert prop.loc[prop["name"] == "Treserva", "reason"].iloc[0] == (
        "Treserva receives data from Procapita, which reaches end of life in 9 months "
        "(2027-08-31).")
    assert prop.loc[prop["name"] == "Cosmic", "reason"].iloc[0] == (
        "Cosmic receives data from Procapita (through BizTalk), which reaches end of life in 9 "
        "months (2027-08-31).")
    # the retired Gammalt, whose end of life passed, propagates nothing to Cosmic
    assert set(prop["depends_on_name"]) == {"Procapita"}


def test_lifecycle_columns(ls):
    df = ageing.run(ls, as_of=AS_OF)
    r = df[df["name"] == "Ciceron"].iloc[0]
    assert (r["lifecycle"], r["lifecycle_source"], r["status"]) == ("phasing_out",
                                                                    "phase_out_from", "active")
    p = df[df["name"] == "Procapita"].iloc[0]
    assert (p["lifecycle"], p["years_in_service"], p["in_house"]) == ("active", 21.7, None)
    assert ageing.derive_lifecycle({"end_of_life": "2027-01-01"}, AS_OF) == (None, None)
    assert ageing.derive_lifecycle({"planned_from": "2027-01-01"}, AS_OF) == ("planned",
                                                                              "planned_from")


def test_horizon_brings_sql_server_2019_into_view(ls, eol):
    assert "SQL-plattform" not in set(ageing.run(ls, as_of=AS_OF, eol_table=eol)["name"])
    df = ageing.run(ls, as_of=AS_OF, eol_table=eol, horizon="4y")
    r = df[df["name"] == "SQL-plattform"].iloc[0]
    assert (r["code"], r["date"]) == ("VENDOR_EOL_UPCOMING", "2030-01-08")
    assert r["reason"] == ("SQL-plattform runs Microsoft SQL Server 2019 'Aris/Seattle', whose "
                           "vendor end of life is in 3.1 years (2030-01-08).")
    # a short horizon drops what is further away, not what has passed
    short = ageing.run(ls, as_of=AS_OF, eol_table=eol, horizon="3 months")
    assert codes(short) == [("Ciceron", "CONTRACT_END_PASSED"), ("Ciceron", "LIFECYCLE_CONFLICT"),
                            ("Ciceron", "RETIREMENT_OVERDUE"),
                            ("Egenutvecklat", "LONG_IN_SERVICE"),
                            ("Exchange", "VENDOR_EOL_PASSED"), ("Procapita", "LONG_IN_SERVICE")]


@pytest.mark.parametrize("text,months", [("24m", 24), ("2y", 24), ("18 months", 18),
                                         ("2 years", 24), ("6", 6), (" 1 år ", 12)])
def test_parse_horizon(text, months):
    assert ageing.parse_horizon(text) == months


def test_bad_horizon():
    with pytest.raises(QueryError, match="horizon 'soon' not understood"):
        ageing.parse_horizon("soon")


def test_replacement_list_shows_its_parts(ls, eol):
    df = ageing.replacement(ls, as_of=AS_OF, eol_table=eol)
    # Ciceron's planned retirement (2026-01-01) passed while it is still in use
    assert list(df["name"]) == ["Procapita", "Exchange", "Ciceron", "Egenutvecklat"]
    p = df.iloc[0]
    assert (p["rank"], p["score"], p["time_points"], p["criticality_points"],
            p["classification_points"], p["dependant_points"],
            p["dependant_criticality_points"], p["hub_points"]) == (1, 75.2, 24.7, 20.0, 7.5,
                                                                    3.0, 10.0, 10.0)
    assert p["dependants"] == ["BizTalk", "Cosmic", "Treserva"]
    assert p["hub"] is True
    assert p["severity"] == "high"
    e = df.iloc[1]
    assert (e["score"], e["end_kind"], e["end_date"], e["time_points"]) == (50.0, "vendor_eol",
                                                                           None, 40.0)
    cfg = Config({"ageing": {"weights": {"time": 0, "hub": 50}}})
    df = ageing.replacement(ls, as_of=AS_OF, config=cfg, eol_table=eol)
    assert df.iloc[0]["score"] == 90.5


def test_cli_ageing(ls, tmp_path):
    snap = tmp_path / "landscape.json"
    snapshot.save(ls, snap)
    runner = CliRunner()
    res = runner.invoke(main, ["ageing", "-l", str(snap), "--as-of", "2026-11-25",
                               "--eol", str(PRODUCTS / "msexchange.md"), "--replacement",
                               "-f", "csv"])
    assert res.exit_code == 0, res.output
    assert [ln.split(",")[1] for ln in res.output.strip().splitlines()[1:]] == [
        "Procapita", "Exchange", "Ciceron", "Egenutvecklat"]
    cfg = tmp_path / "ea.yaml"
    cfg.write_text(f"ageing:\n  endoflife_files: [{PRODUCTS / 'mssqlserver.md'}]\n"
                   "  horizon: 4y\n", encoding="utf-8")
    res = runner.invoke(main, ["--config", str(cfg), "ageing", "-l", str(snap), "--as-of",
                               "2026-11-25", "-f", "json", "--organisation",
                               "Regionstyrelseförvaltningen"])
    assert res.exit_code == 0, res.output
    import json

    rows = json.loads(res.output)
    assert sorted((r["name"], r["code"]) for r in rows) == [
        ("BizTalk", "EOL_PROPAGATED"), ("Ciceron", "CONTRACT_END_PASSED"),
        ("Ciceron", "LIFECYCLE_CONFLICT"), ("Ciceron", "RETIREMENT_OVERDUE"),
        ("SQL-plattform", "VENDOR_EOL_UPCOMING")]
    res = runner.invoke(main, ["ageing", "-l", str(snap), "--horizon", "soon"])
    assert res.exit_code == 1
    assert res.output.strip() == ("Error: horizon 'soon' not understood (use e.g. 24m, 2y, "
                                  "18 months)")
    bad = tmp_path / "bad.csv"
    bad.write_text("product;version\nX;1\n", encoding="utf-8")
    res = runner.invoke(main, ["ageing", "-l", str(snap), "--eol", str(bad)])
    assert res.exit_code == 1
    assert res.output.strip() == f"Error: {bad}:1: no 'eol' column (header: product, version)"


@pytest.mark.parametrize("derived,status,conflict", [
    ("active", "implementing", True),      # went live, register not updated
    ("planned", "implementing", False),    # Under införande before go-live
    ("planned", "active", True),           # go-live in the future, recorded in service
    ("active", "phasing_out", False),      # no phase-out date: dates are silent
    ("phasing_out", "active", True),       # phase-out date passed, still recorded active
    ("retired", "active", True),           # end of life passed
    ("active", "retired", False),          # no end-of-life date recorded
    ("active", "active", False),
])
def test_lifecycle_conflict_only_when_dates_contradict(derived, status, conflict):
    from ea.queries.ageing import lifecycle_conflict

    assert lifecycle_conflict(derived, status) is conflict
