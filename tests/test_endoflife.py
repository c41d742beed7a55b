"""Reading vendor end-of-life data: real endoflife.date files, API JSON, CSV, errors."""

from __future__ import annotations

import json

import pytest

from ea.errors import InputError
from ea.importers import endoflife
from ea.queries.ageing import match_eol
from tests.conftest import SHARED_DATA

PRODUCTS = SHARED_DATA / "endoflife-date" / "products"


def row(df, product, cycle):
    r = df[(df["product"] == product) & (df["cycle"] == cycle)]
    assert len(r) == 1
    return r.iloc[0]


def test_real_product_files_keep_boolean_eol():
    df = endoflife.read([PRODUCTS / "msexchange.md", PRODUCTS / "sharepoint.md"])
    old = row(df, "msexchange", "4.0")
    assert (old["label"], old["eol"], old["eol_ended"]) == ("4.0 SP5", None, True)
    sub = row(df, "sharepoint", "subscription")
    assert (sub["label"], sub["eol"], sub["eol_ended"]) == ("Subscription Edition", None, False)
    sp19 = row(df, "sharepoint", "2019")
    assert (sp19["eol"], sp19["eol_ended"], sp19["support_end"]) == ("2026-07-14", None,
                                                                     "2024-01-09")
    assert row(df, "msexchange", "2019")["names"] == ["msexchange", "Microsoft Exchange"]
    assert len(df) == 17


def test_release_label_with_codename_is_filled_in():
    df = endoflife.read(PRODUCTS / "mssqlserver.md")
    r = row(df, "mssqlserver", "15.0")
    assert (r["label"], r["codename"], r["eol"]) == ("2019 'Aris/Seattle'", "Aris/Seattle",
                                                     "2030-01-08")
    assert r["names"] == ["mssqlserver", "Microsoft SQL Server", "mssql", "microsoftsqlserver"]


def test_whole_directory_reads():
    df = endoflife.read(PRODUCTS)
    assert df["product"].nunique() == 44
    assert len(df) == 890


def test_match_by_label_cycle_and_prefix():
    df = endoflife.read([PRODUCTS / "mssqlserver.md", PRODUCTS / "nodejs.md",
                         PRODUCTS / "msexchange.md"])
    assert match_eol(df, "SQL Server", "2019", "Microsoft")["cycle"] == "15.0"
    assert match_eol(df, "Microsoft SQL Server", "2016 SP3")["cycle"] == "13.0-sp3"
    assert match_eol(df, "mssql", "15.0.4123.1")["cycle"] == "15.0"
    assert match_eol(df, "Microsoft SQL Server", "13.0")["cycle"] == "13.0"
    assert match_eol(df, "Node.js", "3.3.1")["eol_ended"] is True
    assert match_eol(df, "Exchange", "4.0 SP5", "Microsoft")["eol_ended"] is True
    assert match_eol(df, "SQL Server", "2019") is None  # without the vendor: no such product
    assert match_eol(df, "SQL Server", "2019", aliases={"SQL Server": "mssqlserver"})["cycle"] \
        == "15.0"
    assert match_eol(df, "Microsoft SQL Server", "1999") is None
    assert match_eol(df, "Microsoft SQL Server", None) is None


def test_api_json_v0_and_v1(tmp_path):
    v0 = tmp_path / "heroma.json"
    v0.write_text(json.dumps([{"cycle": "5", "eol": "2027-12-31", "support": True},
                              {"cycle": "4", "eol": True}]), encoding="utf-8")
    v1 = tmp_path / "other.json"
    v1.write_text(json.dumps({"result": {"name": "treserva", "label": "Treserva", "releases": [
        {"name": "2", "label": "2", "eolFrom": None, "isEol": False}]}}), encoding="utf-8")
    df = endoflife.read([v0, v1])
    assert df[["product", "cycle", "eol", "eol_ended", "support_ended"]].values.tolist() == [
        ["heroma", "5", "2027-12-31", None, True], ["heroma", "4", None, True, None],
        ["treserva", "2", None, False, None]]


def test_csv_swedish_semicolon_cp1252(tmp_path):
    p = tmp_path / "eol.csv"
    p.write_bytes("Produkt;Version;Supportslut;Leverantör\nHeroma;5;2027-12-31;CGI\n"
                  "Procapita;;ja;Tieto\n".encode("cp1252"))
    df = endoflife.read(p)
    assert df[["product", "cycle", "eol", "eol_ended", "vendor", "source"]].values.tolist() == [
        ["Heroma", "5", "2027-12-31", None, "CGI", f"{p}:2"],
        ["Procapita", None, None, True, "Tieto", f"{p}:3"]]


@pytest.mark.parametrize("content,message", [
    ("product;version\nX;1\n", "no 'eol' column"),
    ("product;version;eol\nX;1;someday\n", "eol: 'someday' is neither a date"),
])
def test_csv_errors_name_the_file(tmp_path, content, message):
    p = tmp_path / "bad.csv"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as exc:
        endoflife.read(p)
    assert str(exc.value).startswith(str(p))


def test_product_file_errors(tmp_path):
    p = tmp_path / "x.md"
    p.write_text("no front matter\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"x\.md: no YAML front matter"):
        endoflife.read(p)
    j = tmp_path / "y.json"
    j.write_text("{broken", encoding="utf-8")
    with pytest.raises(InputError, match=r"y\.json:1: invalid JSON"):
        endoflife.read(j)
    with pytest.raises(InputError, match="file not found"):
        endoflife.read(tmp_path / "missing.md")
