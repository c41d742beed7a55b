"""Hostile and broken input: a clear one-line error naming the file, or inert data.

Never a traceback, a hang or a crash. Every hostile file is generated here (small on disk;
the 1 GB CSV is a sparse file). The list of what was tried, and what ea does with each, is in
docs/security.md.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
import struct
import time
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from ea import output
from ea.cli import main
from ea.errors import InputError, SnapshotError
from ea.export.tables import write_tables
from ea.importers import import_files
from ea.importers.ledger import Ledger
from ea.importers.reader import MAX_CSV_BYTES, check_zip, read_tables, unneutralise
from ea.landscape import Landscape
from ea.maps import build_map, render_html
from ea.store import snapshot
from tests import exports as X

AS_OF = dt.date(2026, 11, 25)
NS3 = "http://www.opengroup.org/xsd/archimate/3.0/"

FORMULAS = [
    '=HYPERLINK("http://x","y")',
    "+cmd|' /C calc'!A0",
    "@SUM(1)",
    "-1+1",
    "\t=1+1",
    "\r=1+1",
    "=1+1",
]
HTML_NAMES = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>',
              "</script><script>alert(2)</script>"]
CYPHER_NAME = "'}) MATCH (n) DETACH DELETE n //"


def cli(*args: str):
    res = CliRunner().invoke(main, list(args))
    return res


def assert_one_line_error(res, file_name: str, *words: str, code: int = 1) -> str:
    """Exit code 1 (``ea check``: 3), no traceback, one 'Error: <file>: ...' line naming the
    file."""
    text = res.output
    assert res.exit_code == code, text
    assert res.exception is None or isinstance(res.exception, SystemExit), repr(res.exception)
    assert "Traceback" not in text and "internal error" not in text, text
    lines = [ln for ln in text.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith(f"Error: {file_name}"), text
    for w in words:
        assert w in lines[0], text
    return lines[0]


def score(cells) -> int:
    from ea.importers.headers import HeaderMatcher

    return HeaderMatcher().score(cells)


# ----------------------------------------------------------------------------- XML

def billion_laughs(root: str = f'<model xmlns="{NS3}">&lol9;</model>') -> str:
    ents = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)]
    return f'<?xml version="1.0"?>\n<!DOCTYPE lolz [{"".join(ents)}]>\n{root}\n'


XML_CASES = {
    # name: (text, words the error must hold)
    "laughs.xml": (billion_laughs(), ("refused", "entities")),
    "laughs.archimate": (billion_laughs(
        '<archimate:model xmlns:archimate="http://www.archimatetool.com/archimate" '
        'name="&lol9;"/>'), ("refused", "entities")),
    "xxe.xml": ('<?xml version="1.0"?>\n<!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                f'\n<model xmlns="{NS3}"><name>&x;</name></model>\n', ("refused", "entities")),
    "xxe_param.xml": ('<?xml version="1.0"?>\n<!DOCTYPE m [<!ENTITY % x SYSTEM '
                      '"http://127.0.0.1:9/evil.dtd"> %x;]>\n'
                      f'<model xmlns="{NS3}"/>\n', ("refused", "entities")),
    # an external DTD without entities is never fetched: the model is simply empty
    "dtd_ext.xml": ('<?xml version="1.0"?>\n<!DOCTYPE m SYSTEM "http://127.0.0.1:9/x.dtd">\n'
                    f'<model xmlns="{NS3}"/>\n', ("no elements",)),
    "notxml.xml": ("\x00\x01 this is no XML <<<", ("not well-formed",)),
    "deep.xml": (f'<model xmlns="{NS3}">' + "<a>" * 50_000 + "</a>" * 50_000 + "</model>",
                 ("no elements",)),
}


@pytest.mark.parametrize("name", sorted(XML_CASES))
def test_hostile_xml_library(tmp_path, name):
    text, words = XML_CASES[name]
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    t0 = time.monotonic()
    with pytest.raises(InputError) as exc:
        import_files([p])
    assert time.monotonic() - t0 < 10
    assert str(exc.value).startswith(name + ":")
    for w in words:
        assert w in str(exc.value)
    assert "root:" not in str(exc.value)  # nothing of /etc/passwd is echoed


@pytest.mark.parametrize("name", ["laughs.xml", "xxe.xml", "laughs.archimate", "dtd_ext.xml"])
def test_hostile_xml_cli(tmp_path, name):
    text, words = XML_CASES[name]
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    out = tmp_path / "ls.json"
    res = cli("import", str(p), "-o", str(out))
    assert_one_line_error(res, name, *words)
    assert not out.exists()


# ----------------------------------------------------------------------------- YAML / JSON

def test_yaml_alias_bomb_is_inert_or_refused(tmp_path):
    """YAML 'billion laughs' through aliases: safe_load shares the aliased lists, the
    importer never walks them as text, so it finishes quickly with nothing imported."""
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{', '.join(['*a' + str(i - 1)] * 9)}]" for i in range(1, 10)]
    doc = "\n".join(lines) + "\n"
    p = tmp_path / "bomb.yaml"
    p.write_text("apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: x\n"
                 "  annotations: {}\nspec:\n  type: service\n  owner: team-a\n"
                 + "\n".join("  " + ln for ln in ("bomb:", *("  " + x for x in doc.splitlines())))
                 + "\n", encoding="utf-8")
    t0 = time.monotonic()
    res = import_files([p])
    assert time.monotonic() - t0 < 10
    assert res.ledger.check() == []
    # the bomb is kept nowhere as expanded text
    assert len(snapshot.dumps(res.landscape)) < 100_000


def _old_json_nested(tmp_path):
    p = tmp_path / "catalog.json"
    p.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    res = cli("import", str(p), "-o", str(tmp_path / "ls.json"))
    assert_one_line_error(res, "catalog.json")


@pytest.mark.parametrize("name,data", [
    ("garbage.yaml", bytes(range(256)) * 4),
    ("tabs.yaml", b"kind: Component\n\tmetadata: {name: x}\n"),
    ("garbage.json", b"\xff\xfe{\x00"),
])
def test_broken_yaml_json(tmp_path, name, data):
    p = tmp_path / name
    p.write_bytes(data)
    res = cli("import", str(p), "-o", str(tmp_path / "ls.json"))
    assert_one_line_error(res, name)


# ----------------------------------------------------------------------------- xlsx

_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
        'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
        'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
        'worksheet+xml"/></Types>'),
    "_rels/.rels": (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        '</Relationships>'),
    "xl/workbook.xml": (
        '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '</Relationships>'),
}


def zip_bomb(path: Path, inflated_mib: int) -> Path:
    """A valid workbook whose one sheet is mostly whitespace: ~1000:1 compression."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for name, text in _PARTS.items():
            z.writestr(name, text)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                    b'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr">'
                    b"<is><t>Systemnamn</t></is></c></row>")
            pad = b" " * (1 << 20)
            for _ in range(inflated_mib):
                f.write(pad)
            f.write(b"</sheetData></worksheet>")
    return path


def lying_zip(path: Path) -> Path:
    """A workbook whose sheet declares 1 KiB in the zip directory but inflates to 8 MiB."""
    body = (b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main"><sheetData>' + b" " * (8 << 20) + b"</sheetData></worksheet>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in _PARTS.items():
            z.writestr(name, text)
        z.writestr("xl/worksheets/sheet1.xml", body)
    data = bytearray(path.read_bytes())
    # patch the declared uncompressed size in the local header and the central directory
    name = b"xl/worksheets/sheet1.xml"
    lh = data.find(b"PK\x03\x04" + data[4:4])  # first local header
    while lh != -1:
        n = struct.unpack_from("<H", data, lh + 26)[0]
        if bytes(data[lh + 30:lh + 30 + n]) == name:
            struct.pack_into("<I", data, lh + 22, 1024)
            break
        lh = data.find(b"PK\x03\x04", lh + 4)
    cd = data.find(b"PK\x01\x02")
    while cd != -1:
        n = struct.unpack_from("<H", data, cd + 28)[0]
        if bytes(data[cd + 46:cd + 46 + n]) == name:
            struct.pack_into("<I", data, cd + 24, 1024)
            break
        cd = data.find(b"PK\x01\x02", cd + 4)
    path.write_bytes(bytes(data))
    assert zipfile.ZipFile(path).getinfo(name.decode()).file_size == 1024
    return path


def test_xlsx_zip_bomb_refused_fast(tmp_path):
    # 256 MiB of sheet XML in a 1 MB file (a 2 GiB one, 8 MB, made calamine abort the
    # process before the guard; it is refused the same way, it only takes longer to build)
    p = zip_bomb(tmp_path / "bomb.xlsx", 256)
    assert p.stat().st_size < 2 * 1024 * 1024
    t0 = time.monotonic()
    res = cli("import", str(p), "-o", str(tmp_path / "ls.json"))
    assert time.monotonic() - t0 < 10
    assert_one_line_error(res, "bomb.xlsx", "refused", "100 times", "zip bomb")


def test_xlsx_zip_total_limit(tmp_path):
    """Below the ratio limit but above the total: refused with the limit in the message."""
    p = tmp_path / "big.xlsx"
    rnd = random.Random(1)
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", bytes(rnd.getrandbits(8) for _ in range(300_000)))
    with pytest.raises(InputError, match=r"big.xlsx: refused: the workbook inflates to more "
                                         r"than 0 MiB"):
        check_zip(p, "big.xlsx", max_total=200_000)


def test_xlsx_lying_zip_header_refused(tmp_path):
    p = lying_zip(tmp_path / "liar.xlsx")
    res = cli("import", str(p), "-o", str(tmp_path / "ls.json"))
    assert_one_line_error(res, "liar.xlsx", "refused", "beyond the size its zip header declares")


def test_real_workbook_passes_the_zip_guard(tmp_path):
    p = X.inventory_xlsx(tmp_path / "inv.xlsx")
    check_zip(p, "inv.xlsx")
    assert read_tables(p, score)


@pytest.mark.parametrize("name,maker,words", [
    ("text.xlsx", lambda p: p.write_text("Systemnamn;Ägare\nA;B\n"), ("not a zip file",)),
    ("empty.xlsx", lambda p: p.write_bytes(b""), ("not a zip file",)),
    ("other.xlsx", lambda p: zipfile.ZipFile(p, "w").writestr("hello.txt", "hi"),
     ("cannot open the workbook",)),
    ("truncated.xlsx", lambda p: p.write_bytes(
        X.inventory_xlsx(p.with_name("full.xlsx")).read_bytes()[:3000]), ("not a zip file",)),
    ("corrupt.xlsx", lambda p: p.write_bytes(_corrupt(X.inventory_xlsx(p.with_name("f.xlsx")))),
     ("broken zip",)),
    ("garbage.xlsm", lambda p: p.write_bytes(os.urandom(5000)), ("not a zip file",)),
])
def test_xlsx_that_is_not_a_workbook(tmp_path, name, maker, words):
    p = tmp_path / name
    maker(p)
    res = cli("import", str(p), "-o", str(tmp_path / "ls.json"))
    assert_one_line_error(res, name, *words)


def _corrupt(p: Path) -> bytes:
    """Flip bytes inside the deflated sheet data, keeping the zip directory intact."""
    data = bytearray(p.read_bytes())
    with zipfile.ZipFile(p) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 10
    for i in range(start, start + 40):
        data[i] ^= 0x5A
    return bytes(data)


# ----------------------------------------------------------------------------- CSV

@pytest.mark.parametrize("name,data", [
    ("random.csv", random.Random(7).randbytes(20_000)),
    ("png.csv", b"\x89PNG\r\n\x1a\n" + random.Random(8).randbytes(2000)),
    ("nul.csv", b"Systemnamn;Agare\nA\x00;B\n"),
    ("zip.csv", b"PK\x03\x04" + b"\x00" * 100),
    ("utf16-garbage.csv", b"\xff\xfe" + random.Random(9).randbytes(1001)),
    ("exe.txt", b"MZ\x90\x00\x03" + random.Random(10).randbytes(3000)),
])
def test_binary_garbage_named_csv(tmp_path, name, data):
    p = tmp_path / name
    p.write_bytes(data)
    res = cli("import", str(p), "-o", str(tmp_path / "ls.json"))
    assert_one_line_error(res, name)


def test_cp1252_noise_is_inert_data_or_an_error(tmp_path):
    """Bytes that decode as Windows-1252 without NULs are text: ea imports nothing from
    them (the file cannot be placed) or says so; either way one line and no traceback."""
    rnd = random.Random(11)
    alphabet = bytes(b for b in range(32, 256) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D))
    data = b"\n".join(bytes(rnd.choice(alphabet) for _ in range(60)) for _ in range(50))
    p = tmp_path / "noise.csv"
    p.write_bytes(data)
    res = cli("import", str(p), "-o", str(tmp_path / "ls.json"))
    assert "Traceback" not in res.output and "internal error" not in res.output
    if res.exit_code:
        assert_one_line_error(res, "noise.csv")


def test_csv_above_the_size_limit_is_refused_with_the_limit(tmp_path):
    """A 1 GiB CSV (a sparse file: nothing written to disk) is refused before it is read."""
    p = tmp_path / "huge.csv"
    with open(p, "wb") as fh:
        fh.truncate(1024 * 1024 * 1024)
    t0 = time.monotonic()
    res = cli("import", str(p), "-o", str(tmp_path / "ls.json"))
    assert time.monotonic() - t0 < 5
    line = assert_one_line_error(res, "huge.csv", "1024 MiB", "limit of 128 MiB")
    assert "split it" in line
    q = tmp_path / "just-over.csv"
    with open(q, "wb") as fh:
        fh.truncate(MAX_CSV_BYTES + 1)
    with pytest.raises(InputError, match=r"just-over.csv: .*above the limit of 128 MiB"):
        read_tables(q, score)


def test_overlong_csv_field_is_an_input_error(tmp_path):
    p = tmp_path / "longcell.csv"
    p.write_text('Systemnamn;Beskrivning\nA;"' + "x" * (17 * 1024 * 1024) + '"\n')
    with pytest.raises(InputError, match=r"longcell.csv:\d+: malformed CSV"):
        read_tables(p, score)


# ----------------------------------------------------------------------------- formulas

def formula_landscape() -> Landscape:
    ls = Landscape()
    org = ls.add_organisation("O1", name="@SUM(1)")
    keys = []
    for i, name in enumerate(FORMULAS):
        k = ls.add_system(f"S{i}", name=name, vendor=name, description=name)
        ls.add_edge("OWNED_BY", k, org)
        keys.append(k)
    ls.add_integration(keys[0], keys[1], type="file", information=[FORMULAS[2]])
    p = ls.add_person("p1", name="=HYPERLINK(\"http://x\",\"Anna\")", email="+anna@example.se")
    ls.add_role(p, keys[0], "object_owner", title="-Objektägare")
    obj = ls.add_object("OB1", name="=Ekonomi")
    ls.add_edge("PART_OF", keys[0], obj)
    return ls


def _dangerous(cell) -> bool:
    return isinstance(cell, str) and cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not \
        re.fullmatch(r"-?\d+(\.\d+)?", cell)


def test_report_csv_and_xlsx_neutralise_formulas(tmp_path):
    df = pd.DataFrame({"name": FORMULAS + ["-12.5", "ok"],
                       FORMULAS[0]: range(len(FORMULAS) + 2)})
    text = output.render(df, "csv")
    back = pd.read_csv(__import__("io").StringIO(text), dtype=str, keep_default_na=False)
    assert not any(_dangerous(c) for c in back.columns)
    assert not any(_dangerous(c) for c in back["name"])
    assert list(back["name"])[-2:] == ["-12.5", "ok"]  # numbers and plain text untouched
    assert [unneutralise(c) for c in back["name"]] == FORMULAS + ["-12.5", "ok"]
    xl = output.write(df, "xlsx", tmp_path / "r.xlsx")
    ws = load_workbook(xl)["findings"]
    for row in ws.iter_rows():
        for c in row:
            assert c.data_type != "f", c.value
            if isinstance(c.value, str):
                assert not _dangerous(c.value), c.value
    assert ws["A2"].value == "'" + FORMULAS[0]


def test_xlsx_control_character_before_a_formula(tmp_path):
    """Excel cannot hold control characters, so the writer replaces them by U+FFFD (the one
    sanitiser, ea.cells.xml_safe); what is left must still not become a formula (found:
    '\\x01=1+1' was written as the formula =1+1 when the character was dropped)."""
    df = pd.DataFrame({"\x02=2+2": ["\x01=1+1", "\x00@SUM(1)", "a\x01b"]})
    xl = output.write(df, "xlsx", tmp_path / "c.xlsx")
    ws = load_workbook(xl)["findings"]
    cells = [c for row in ws.iter_rows() for c in row]
    assert [c.value for c in cells] == ["\ufffd=2+2", "\ufffd=1+1", "\ufffd@SUM(1)", "a\ufffdb"]
    assert all(c.data_type == "s" for c in cells)


def test_ledger_csv_neutralises_formulas():
    led = Ledger()
    for f in FORMULAS:
        led.add("rejected", f, file=f, line=2, column=f, value=f, subject=f)
    text = led.rejected_csv()
    import csv
    import io

    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == len(FORMULAS) + 1
    assert not any(_dangerous(c) for r in rows for c in r)


def test_import_then_reports_neutralise_formulas(tmp_path):
    """Formulas arriving in an import are stored as plain text in the snapshot and come out
    neutralised in every report format and in the ledger CSVs."""
    rows = [["System-ID", "Systemnamn", "Förvaltning", "Förvaltningsobjekt", "Leverantör"]]
    rows += [[f"S{i}", f, f, f, f] for i, f in enumerate(FORMULAS)]
    rows += [["", "", "", "", FORMULAS[0]]]  # rejected: no name -> ledger CSV
    src = tmp_path / "inv.csv"
    import csv

    with open(src, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter=";").writerows(rows)
    out = tmp_path / "ls.json"
    res = cli("import", str(src), "-o", str(out))
    assert res.exit_code == 0, res.output
    ls = snapshot.load(out)
    names = sorted(d["name"] for _, d in ls.nodes("System"))
    assert names == sorted(f.strip() for f in FORMULAS)  # data, exactly as given (trimmed)
    for side in ("ls.rejected.csv", "ls.ledger.csv"):
        import csv

        cells = [c for r in csv.reader(open(tmp_path / side, encoding="utf-8", newline=""))
                 for c in r]
        assert not any(_dangerous(c) for c in cells), side
    for fmt in ("csv", "xlsx"):
        target = tmp_path / f"orphans.{fmt}"
        r = cli("orphans", "--landscape", str(out), "--as-of", "2026-11-25", "-f", fmt,
                "-o", str(target))
        assert r.exit_code == 0, r.output
        if fmt == "csv":
            import csv

            cells = [c for row in csv.reader(open(target, encoding="utf-8", newline=""))
                     for c in row]
            assert any(c.startswith("'=HYPERLINK") for c in cells)
        else:
            wb = load_workbook(target)
            cells = [c for ws in wb for row in ws.iter_rows() for c in row]
            assert any(isinstance(c.value, str) and c.value.startswith("'=HYPERLINK")
                       for c in cells)
        assert not any(c.data_type == "f" for c in cells) if fmt == "xlsx" else \
            not any(_dangerous(c) for c in cells)


def test_csv_export_neutralises_and_round_trips(tmp_path):
    ls = formula_landscape()
    files = write_tables(ls, tmp_path / "out")
    import csv

    for f in files:
        cells = [c for r in csv.reader(open(f, encoding="utf-8-sig", newline="")) for c in r]
        assert not any(_dangerous(c) for c in cells), f.name
    back = import_files(files, imported_at=AS_OF).landscape
    assert sorted(d["name"] for _, d in back.nodes("System")) == sorted(
        f.strip() for f in FORMULAS)
    person = [d for _, d in back.nodes("Person")][0]
    assert person["name"] == '=HYPERLINK("http://x","Anna")'
    [(_, _, _, e)] = list(back.edges("INTEGRATES_WITH"))
    assert e["information"] == ["@SUM(1)"]


def test_unneutralise_is_the_exact_inverse():
    for f in FORMULAS + ["-1", "plain", "'quoted", "'", "''=x", "'-1"]:
        assert unneutralise(output.neutralise(f)) == f
    assert unneutralise("'-1") == "'-1"  # a number is never neutralised, so kept
    assert unneutralise("'abc") == "'abc"


# ----------------------------------------------------------------------------- HTML / MD

def html_landscape() -> Landscape:
    ls = Landscape()
    keys = [ls.add_system(f"S{i}", name=n, description=n) for i, n in enumerate(HTML_NAMES)]
    org = ls.add_organisation("O", name=HTML_NAMES[1])
    for k in keys:
        ls.add_edge("OWNED_BY", k, org)
    ls.add_integration(keys[0], keys[1], type="api", information=[HTML_NAMES[2]])
    return ls


@pytest.mark.parametrize("view", ["systems", "organisation"])
def test_html_in_names_is_inert_in_maps(view):
    html = render_html(build_map(html_landscape(), as_of=AS_OF, view=view))
    for n in HTML_NAMES:
        assert n not in html
    assert "alert(1)" in html  # the names are there, escaped
    assert html.count("</script>") == 3  # data, vis-network, ours: no smuggled element
    assert not re.search(r"<img[^>]*onerror", html, re.I)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html)
    assert csp and "default-src 'none'" in csp.group(1) and "connect-src 'none'" in csp.group(1)
    assert not re.search(r"https?://(?!www\.w3\.org)", re.sub(r'"[^"]*alert[^"]*"', "", html)
                         .split("<script>", 2)[0])


def test_html_and_links_in_names_are_inert_in_markdown():
    df = pd.DataFrame({"name": HTML_NAMES + ["[click](javascript:alert(1))",
                                             "![x](http://tracker/x.png)", "a|b\nc"]})
    md = output.render(df, "md")
    for n in HTML_NAMES:
        assert n not in md
    assert "<" not in md and ">" not in md
    assert "](" not in md.replace("\\](", "")  # no live link or image
    assert len(md.strip().splitlines()) == 2 + len(df)  # one line per row, table intact


def test_cypher_looking_names_are_plain_data_in_the_snapshot(tmp_path):
    ls = Landscape()
    a = ls.add_system("S1", name=CYPHER_NAME, description='"; DROP TABLE x; --')
    b = ls.add_system(CYPHER_NAME, name="B")
    ls.add_integration(a, b, type="api", information=[CYPHER_NAME])
    p = ls.add_person(CYPHER_NAME + "@x.se", name=CYPHER_NAME, email=CYPHER_NAME + "@x.se")
    ls.add_role(p, a, "it_manager", title=CYPHER_NAME)
    path = snapshot.save(ls, tmp_path / "ls.json")
    back = snapshot.load(path)
    assert back.node(a)["name"] == CYPHER_NAME
    assert back.node(b)["id"] == CYPHER_NAME
    assert snapshot.dumps(back) == snapshot.dumps(ls)
    json.loads(path.read_text(encoding="utf-8"))  # still one valid JSON document
    res = cli("show", "--landscape", str(path), "S1")
    assert res.exit_code == 0 and CYPHER_NAME in res.output


@pytest.mark.parametrize("name,text", [
    ("deep.json", "[" * 100_000 + "]" * 100_000),
    ("deep.yaml", "kind: Component\nspec: " + "[" * 100_000 + "]" * 100_000 + "\n"),
    ("deep-block.yaml", "".join("  " * i + "a:\n" for i in range(3000)) + "  " * 3000 + "b\n"),
])
def test_nesting_too_deep_is_an_input_error(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    res = cli("import", str(p), "-o", str(tmp_path / "ls.json"))
    assert_one_line_error(res, name)


# ----------------------------------------------------------------------------- snapshots
# (issue 14, point 4) A damaged or hand-edited snapshot stops every command with one line
# naming the file, the line and what is wrong, and where the backup is; it never gives
# empty-looking reports with exit 0.

def _small_snapshot(folder: Path, *, backup: bool = True) -> Path:
    ls = Landscape(meta={"imported_at": "2026-11-25", "people_lists": ["p.csv"]})
    a = ls.add_system("S1", source="s.csv:2", name="Raindance")
    b = ls.add_system("S2", source="s.csv:3", name="Heroma")
    ls.add_integration(a, b, type="file", source="i.csv:2")
    snap = folder / "landscape.json"
    snapshot.save(ls, snap)
    if backup:
        snapshot.save(ls, snap)  # the second save keeps the first as landscape.json.bak
    return snap


def _lines(snap: Path) -> list[str]:
    return snap.read_text(encoding="utf-8").split("\n")


def _edit(snap: Path, lineno: int, new: str) -> None:
    lines = _lines(snap)
    lines[lineno - 1] = new
    snap.write_text("\n".join(lines), encoding="utf-8")


NODE_LINE, EDGE_LINE = 6, 10  # in _small_snapshot's file: the first node, the edge


@pytest.mark.parametrize("lineno,new,words", [
    (NODE_LINE, lambda t: t.replace('"kind": "System"', '"kind": "Sytem"'),
     ["landscape.json:6", "unknown kind \"Sytem\"", "expected one of System"]),
    (4, lambda t: '"meta": null,', ["landscape.json", "'meta' must be an object, not null"]),
    (3, lambda t: '"version": null,', ["'version' must be a whole number", "not null"]),
    (3, lambda t: '"version": "2",', ["'version' must be a whole number", 'not "2"']),
    (NODE_LINE, lambda t: "42,", ["landscape.json:6", "a node must be an object, not 42"]),
    (NODE_LINE, lambda t: '"System:S1",', ["landscape.json:6", "a node must be an object"]),
    (NODE_LINE, lambda t: t.replace('"key": "System:S1", ', ""),
     ["landscape.json:6", "node without a 'key'"]),
    (EDGE_LINE, lambda t: t.replace(', "target": "System:S2"', ""),
     ["landscape.json:10", "edge without a 'target'"]),
    (EDGE_LINE, lambda t: t.replace('"target": "System:S2"', '"target": "System:S9"'),
     ["landscape.json:10", "no node System:S9"]),
    (NODE_LINE, lambda t: t.replace('"name": "Raindance"', '"name": ["Raindance"]'),
     ["landscape.json:6", "'name' must be a text"]),
    (NODE_LINE, lambda t: t.replace('"name": "Raindance"', '"t": "high"'),
     ["landscape.json:6", "'t' must be a level 0-4"]),
    (NODE_LINE, lambda t: t.replace('"name": "Raindance"', '"name": "Rain\\ud800"'),
     ["landscape.json:6", "lone UTF-16 surrogate"]),
    (NODE_LINE, lambda t: t[:40], ["landscape.json:6", "not valid JSON"]),
    (12, lambda t: '"ledger": {"files": [{"file": "a.csv", "rows": 1, "colour": "red"}]}',
     ["landscape.json:12", "unknown key 'colour'"]),
])
def test_damaged_snapshot_is_one_clear_line(tmp_path, lineno, new, words):
    snap = _small_snapshot(tmp_path)
    _edit(snap, lineno, new(_lines(snap)[lineno - 1]))
    for args in (["stats"], ["check", "--fail-on", "high"], ["orphans"]):
        line = assert_one_line_error(cli(*args, "-l", str(snap)), str(snap), *words,
                                     code=3 if args[0] == "check" else 1)
        assert line.endswith(f"a backup is at {snap}.bak"), line
    with pytest.raises(SnapshotError):
        snapshot.load(snap)


def test_bare_snapshot_header_is_refused(tmp_path):
    snap = tmp_path / "landscape.json"
    snap.write_text('{"format": "ea-snapshot"}', encoding="utf-8")
    line = assert_one_line_error(cli("check", "-l", str(snap)), str(snap), "missing 'version'",
                                 code=3)
    assert "run 'ea import' again" in line  # no backup beside it
    snap.write_text('{"format": "ea-snapshot", "version": 1}', encoding="utf-8")
    assert_one_line_error(cli("check", "-l", str(snap)), str(snap),
                          "missing 'meta', 'nodes', 'edges', 'ledger'", code=3)


def test_cut_snapshot_names_the_last_line(tmp_path):
    snap = _small_snapshot(tmp_path)
    snap.write_text("\n".join(_lines(snap)[:8]) + "\n", encoding="utf-8")  # cut after line 8
    assert_one_line_error(cli("stats", "-l", str(snap)), str(snap), "landscape.json:",
                          "a backup is at")


def test_pretty_printed_snapshot_is_checked_too(tmp_path):
    snap = _small_snapshot(tmp_path, backup=False)
    data = json.loads(snap.read_text(encoding="utf-8"))
    assert snapshot.load(snap).stats()["nodes"]["System"] == 2  # another layout still loads
    data["nodes"][1]["kind"] = "Gadget"
    snap.write_text(json.dumps(data, indent=2), encoding="utf-8")
    assert_one_line_error(cli("stats", "-l", str(snap)), str(snap), "landscape.json:node 2",
                          "unknown kind \"Gadget\"")


def test_valid_snapshots_still_load(tmp_path):
    files = [str(p) for p in X.all_exports(tmp_path)]
    snap = tmp_path / "ls.json"
    assert cli("import", *files, "-o", str(snap), "-q", "--as-of", "2026-11-25").exit_code == 0
    ls = snapshot.load(snap)
    assert snapshot.dumps(ls) == snap.read_text(encoding="utf-8")


def test_snapshot_check_knows_the_ledger_fields():
    """ea.store may not import the importers: the snapshot check lists the ledger's fields
    itself. Add a field to FileStats or Entry, add it to ea/store/snapshot.py too."""
    import dataclasses

    from ea.importers.ledger import Entry, FileStats

    assert snapshot.LEDGER_FILE_KEYS == {f.name for f in dataclasses.fields(FileStats)}
    assert snapshot.LEDGER_ENTRY_KEYS == {f.name for f in dataclasses.fields(Entry)}


# ----------------------------------------------------------------------------- well-formed
# (issue 14, point 8) Names holding characters XML and xlsx cannot hold made the ArchiMate,
# GraphML and GEXF exports and the xlsx reports unparseable while ea exited 0.

BAD_CHARS = ["Rain\x01dance", "Heroma\ufffe", "Qlik\uffff Sense", "Take\x0bCare", "Lön\x1f"]


def _parses_back(folder: Path, ls_path: Path) -> dict:
    """Write every format from the snapshot and read each back with a strict parser."""
    import networkx as nx
    from defusedxml import ElementTree as DET

    out = {}
    for fmt, name in (("archimate", "m.xml"), ("graphml", "g.graphml"), ("gexf", "g.gexf"),
                      ("csv", "csvdir")):
        r = cli("export", "-f", fmt, "-o", str(folder / name), "-l", str(ls_path))
        assert r.exit_code == 0, r.output
    out["archimate"] = DET.parse(str(folder / "m.xml")).getroot()
    out["graphml"] = nx.read_graphml(folder / "g.graphml")
    out["gexf"] = nx.read_gexf(folder / "g.gexf")
    for name in ("o.xlsx", "o.json", "o.csv"):
        r = cli("orphans", "-l", str(ls_path), "-o", str(folder / name), "--as-of", "2026-11-25")
        assert r.exit_code == 0, r.output
    out["xlsx"] = load_workbook(folder / "o.xlsx")
    out["json"] = json.loads((folder / "o.json").read_text(encoding="utf-8"))
    return out


def test_bad_characters_are_replaced_at_import_with_a_warning(tmp_path):
    rows = [["System-ID", "Systemnamn", "Leverantör"]] + [
        [f"S{i}", n, "CGI"] for i, n in enumerate(BAD_CHARS)]
    inv = X.write_csv(tmp_path / "inv.csv", rows)
    snap = tmp_path / "ls.json"
    r = cli("import", str(inv), "-o", str(snap), "--as-of", "2026-11-25", "-q")
    assert r.exit_code == 0, r.output
    ls = snapshot.load(snap)
    assert sorted(d["name"] for _, d in ls.nodes("System")) == [
        "Heroma\ufffd", "Lön\ufffd", "Qlik\ufffd Sense", "Rain\ufffddance", "Take\ufffdCare"]
    warned = [e for e in ls.ledger["entries"] if e["kind"] == "warning"
              and "replaced by U+FFFD" in e["reason"]]
    assert [(e["line"], e["column"]) for e in warned] == [
        (2, "Systemnamn"), (3, "Systemnamn"), (4, "Systemnamn"), (5, "Systemnamn"),
        (6, "Systemnamn")]
    got = _parses_back(tmp_path, snap)
    assert "Rain\ufffddance" in {d.get("label") for _, d in got["graphml"].nodes(data=True)}


def test_every_writer_is_well_formed_even_from_a_hand_built_landscape(tmp_path):
    """The writers sanitise once more: a landscape built in Python (or an old snapshot)
    with the characters in names, keys and free text still gives parseable files."""
    ls = Landscape(meta={"imported_at": "2026-11-25"})
    keys = [ls.add_system(f"S{i}\x02", name=n, description="x\x07y", criticality=4)
            for i, n in enumerate(BAD_CHARS)]
    ls.add_integration(keys[0], keys[1], type="file", information=["a\x01b"])
    snap = tmp_path / "ls.json"
    snapshot.save(ls, snap)
    got = _parses_back(tmp_path, snap)
    names = {e.text for e in got["archimate"].iter() if e.tag.endswith("name")}
    assert "Rain\ufffddance" in names
    assert got["gexf"].number_of_nodes() == 5 and got["graphml"].number_of_edges() == 1
    cells = [c.value for row in got["xlsx"].active.iter_rows() for c in row]
    assert "Heroma\ufffd" in cells


def test_overlong_xlsx_cell_is_cut_with_a_marker_and_a_warning(tmp_path):
    ls = Landscape(meta={"imported_at": "2026-11-25"})
    ls.add_system("S1", name="Raindance", criticality=4, description="lång " * 10_000)
    df = pd.DataFrame({"name": ["Raindance"], "description": ["x" * 40_000]})
    p = output.write(df, "xlsx", tmp_path / "r.xlsx")
    cell = load_workbook(p).active["B2"].value
    assert len(cell) == 32_767 and cell.endswith("[cut by ea: 40000 characters, Excel holds "
                                                 "32767]")
    ls.add_system("S2", name="R" * 40_000, criticality=4)  # an orphan with a huge name
    snap = tmp_path / "ls.json"
    snapshot.save(ls, snap)
    r = CliRunner().invoke(main, ["orphans", "-l", str(snap), "-o", str(tmp_path / "o.xlsx"),
                                  "--as-of", "2026-11-25"])
    assert r.exit_code == 0, r.output
    assert ("Warning: 2 cells longer than Excel's 32,767 characters were cut (marked '[cut by "
            "ea: …]'): orphans / name") in r.stderr
    names = [c.value for c in load_workbook(tmp_path / "o.xlsx")["orphans"]["B"]]
    assert any(isinstance(v, str) and v.endswith("Excel holds 32767]") for v in names)


def test_lone_surrogate_in_json_is_a_clear_error(tmp_path):
    cat = tmp_path / "catalog.json"
    cat.write_text('[{"apiVersion": "backstage.io/v1alpha1", "kind": "Component",\n'
                   '  "metadata": {"name": "x", "description": "a\\ud800b"},\n'
                   '  "spec": {"type": "service", "owner": "g", "lifecycle": "production"}}]',
                   encoding="utf-8")
    assert_one_line_error(cli("import", str(cat), "-o", str(tmp_path / "l.json")),
                          "catalog.json:2", "lone UTF-16 surrogate")
