"""Property-based tests (hypothesis) of the readers and parsers, and fuzzing of the ArchiMate
reader: any input gives tables/values or a clear InputError, never another exception; for
any generated table, every data row is accounted for in the ledger.

Each test is bounded (``max_examples`` 40-80, no deadline) so the file runs in seconds.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import os
import random
import re
import tempfile
import xml.etree.ElementTree as ET  # parsing our own trusted test files only
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from ea.errors import InputError
from ea.importers import import_files
from ea.importers import values as V
from ea.importers.headers import HeaderMatcher
from ea.importers.reader import read_tables

ARCHI_DATA = Path("/work/shared/data/archimate-archi-testdata")
AS_OF = dt.date(2026, 11, 25)


def bounded(n: int) -> settings:
    """``n`` examples, derandomised (the same every run, fast in CI); set EA_FUZZ_EXAMPLES
    to run that many random examples instead when hunting for bugs."""
    hunt = os.environ.get("EA_FUZZ_EXAMPLES")
    return settings(max_examples=int(hunt) if hunt else n, deadline=None,
                    derandomize=not hunt, suppress_health_check=[
                        HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


FAST = bounded(60)
MATCHER = HeaderMatcher()

# a text alphabet that is unambiguous in UTF-8, Windows-1252 and UTF-16, and holds none of
# the delimiters, quotes or line breaks (so a written table has one reading)
SAFE = "abcxyzåäöÅÄÖ0123456789 -_./"
safe_text = st.text(alphabet=SAFE, max_size=12)
cell_values = st.one_of(
    st.none(), st.text(max_size=30), st.integers(-10**12, 10**12),
    st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
    st.dates(), st.datetimes(), st.sampled_from([
        "9999", "201406", "2025-13-45", "31/02/2024", "Hög", "Helt verksamhetskritiskt",
        "Vakant", "ja", "Nej", "-", "?", "K3 R2 T1", "3-2-1", "4 h", "2 dagar", "API (REST)",
        "=1+1", "0-4", "46387", "46387,5", "\x00", "\u202e", "((", "))", ": :", "Ja, delvis"]))


# ----------------------------------------------------------------------------- reader

def _score(cells) -> int:
    return MATCHER.score(cells)


@FAST
@given(data=st.binary(max_size=3000), bom=st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe"]),
       ext=st.sampled_from([".csv", ".tsv", ".txt"]))
def test_reader_any_bytes_give_tables_or_input_error(data, bom, ext):
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / f"f{ext}"
        p.write_bytes(bom + data)
        try:
            tables = read_tables(p, _score)
        except InputError as exc:
            assert str(exc).startswith(p.name + ":") or str(exc).startswith(p.name)
            return
        for t in tables:
            assert all(isinstance(line, int) and line >= 1 for line, _ in t.rows)
            assert all(len(cells) >= len(t.headers) for _, cells in t.rows)


@FAST
@given(rows=st.lists(st.lists(safe_text, min_size=3, max_size=3), max_size=25),
       delimiter=st.sampled_from([";", ",", "\t", "|"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
       newline=st.sampled_from(["\n", "\r\n"]))
def test_reader_reads_back_what_was_written(rows, delimiter, encoding, newline):
    """Any table in any of the encodings and delimiters ea accepts reads back cell by cell."""
    header = ["Systemnamn", "Förvaltning", "Leverantör"]
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator=newline)
    w.writerow(header)
    w.writerows(rows)
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "t.csv"
        p.write_bytes(buf.getvalue().encode(encoding))
        [t] = read_tables(p, _score)
    assert t.headers == header and t.delimiter == delimiter
    expect = [[c if c != "" else None for c in r] for r in rows if any(c.strip() for c in r)]
    assert [cells for _, cells in t.rows] == expect
    assert t.blank == len(rows) - len(expect)


# ----------------------------------------------------------------------------- headers

@FAST
@given(header=st.one_of(st.text(max_size=80), st.none(), st.integers(), st.floats(),
                        st.dates()))
def test_header_matcher_any_value_gives_a_field_or_none(header):
    f = MATCHER.match(header)
    assert f is None or isinstance(f, str)
    r = MATCHER.role_from_title(header)
    assert r is None or isinstance(r, str)
    hm = MATCHER.map_headers([header, header, "Systemnamn"])
    assert set(hm.columns) | set(hm.unmapped) <= {0, 1, 2}
    assert MATCHER.score([header]) in (0, 1)
    MATCHER.nearest(header)


@FAST
@given(aliases=st.dictionaries(st.text(max_size=15), st.one_of(
    st.text(max_size=15), st.lists(st.text(max_size=15), max_size=3), st.none()), max_size=4),
    header=st.text(max_size=30))
def test_header_matcher_with_any_config_aliases(aliases, header):
    m = HeaderMatcher(aliases, aliases)
    f = m.match(header)
    assert f is None or isinstance(f, str)


# ----------------------------------------------------------------------------- values

PARSERS = [V.parse_date, V.parse_bool, V.parse_lifecycle, V.parse_criticality, V.parse_hosting,
           V.parse_level, V.parse_duration_hours, V.parse_integration_type, V.parse_frequency,
           lambda v: V.parse_date(v, end_of_period=True),
           lambda v: V.parse_level(v, scale="0-4"), lambda v: V.parse_level(v, scale="1-4")]


@bounded(80)
@given(value=cell_values)
def test_value_parsers_never_raise(value):
    for parse in PARSERS:
        p = parse(value)
        assert isinstance(p, V.Parsed)
        assert p.raw is None or isinstance(p.raw, str)
    combined = V.parse_combined_classification(value)
    assert isinstance(combined, dict)
    for aspect, p in combined.items():
        assert aspect in ("k", "r", "t", "s", "_error") and isinstance(p, V.Parsed)
        assert p.value is None or p.value in range(5)
        if aspect == "_error":
            assert combined == {"_error": p} and not p.ok


@FAST
@given(value=cell_values)
def test_parsed_values_are_in_range(value):
    d = V.parse_date(value)
    assert d.value is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(d.value)) or isinstance(
        d.value, dt.date)
    c = V.parse_criticality(value)
    assert c.value is None or c.value in (1, 2, 3, 4)
    lv = V.parse_level(value)
    assert lv.value is None or lv.value in (0, 1, 2, 3, 4)
    lc = V.parse_lifecycle(value)
    assert lc.value is None or lc.value in V._LIFECYCLE_CANON
    b = V.parse_bool(value)
    assert b.value in (None, True, False)
    h = V.parse_duration_hours(value)
    assert h.value is None or (isinstance(h.value, float | int) and h.value >= 0)


TRICKY_NAMES = ["Trimbel NIS, TCN, DMS (SEE, SN)", "Raindance", "Heroma", "A (B)", "X: Y",
                "Take Care", "TakeCare", "Qlik Sense"]


@FAST
@given(cell=st.one_of(
    st.text(max_size=120),
    st.lists(st.tuples(st.sampled_from(TRICKY_NAMES + ["Okänt", "?", ""]),
                       st.sampled_from(["", ": Hög", ": Medel", ": ", ":::"]),
                       st.sampled_from(["", " (API)", " (Fil)", " (", " (x (y)", ")"]),
                       st.sampled_from([", ", "; ", "\n", "\r\n", ",,", " "])),
             max_size=6).map(lambda parts: "".join(a + b + c + d for a, b, c, d in parts))),
    known=st.lists(st.sampled_from(TRICKY_NAMES), unique=True))
def test_dependency_cell_parser(cell, known):
    refs = V.parse_dependency_cell(cell, V.NameMatcher(known))
    assert isinstance(refs, list)
    for r in refs:
        assert isinstance(r, V.DepRef) and r.name
        if r.resolved:
            assert r.name in known
        assert r.criticality is None or isinstance(r.criticality, V.Parsed)
        assert r.type is None or isinstance(r.type, V.Parsed)
    assert V.parse_dependency_cell(cell, None) is not None


# ----------------------------------------------------------------------------- accounting

POOLS = {
    "name": ["Sys1", "Sys2", "Sys3", "Raindance", "Take Care", "TakeCare"],
    "org": ["Region X / RS", "Region X / HS", "RS"],
    "object": ["Ekonomi", "HR", "Vård"],
    "person": ["Anna Berg", "anna.berg@example.se", "Bo Ek <bo.ek@example.se>", "Vakant",
               "Anna Berg, Bo Ek"],
    "date": ["2025-01-01", "201406", "9999", "46387", "Q3 2027"],
    "crit": ["Hög", "Helt verksamhetskritiskt", "3", "Låg"],
    "type": ["API", "Fil", "Databas", "MQ"],
    "freq": ["Dagligen", "Realtid", "Månadsvis"],
    "deps": ["Sys1: Hög (API)", "Sys2, Sys3", "Okänt system (Fil)", "Raindance; Heroma"],
}
GARBAGE = st.one_of(safe_text, st.sampled_from(["=1+1", "@SUM(1)", "-", "?", "N/A", "0",
                                                 "ÅÄÖ", "2025-02-30", "..."]))
SHAPES = {
    "inventory": [("System-ID", None), ("Systemnamn", "name"), ("Förvaltning", "org"),
                  ("Förvaltningsobjekt", "object"), ("Leverantör", None),
                  ("Driftsatt", "date"), ("Supportslut", "date"),
                  ("Verksamhetskritiskt", "crit"), ("Systemägare", "person"),
                  ("Beroende till", "deps")],
    "integrations": [("Från system", "name"), ("Till system", "name"), ("Via", "name"),
                     ("Integrationstyp", "type"), ("Frekvens", "freq"),
                     ("Informationsmängd", None)],
    "roles": [("Förvaltningsobjekt", "object"), ("Objektägare", "person"),
              ("Förvaltningsledare IT", "person"), ("Systemadministratör", "person")],
}


def _cell(pool: str | None):
    choices = [st.just(""), st.just("   "), GARBAGE]
    if pool:
        choices.append(st.sampled_from(POOLS[pool]))
    else:
        choices.append(st.sampled_from(["S1", "S2", "CGI", "Inera"]))
    return st.one_of(*choices)


@st.composite
def table(draw, shape: str):
    cols = SHAPES[shape]
    n = draw(st.integers(0, 12))
    rows = [[draw(_cell(pool)) for _, pool in cols] for _ in range(n)]
    return [h for h, _ in cols], rows


@pytest.mark.slow
@bounded(50)
@given(data=st.data(), shapes=st.lists(st.sampled_from(sorted(SHAPES)), min_size=1,
                                       max_size=3),
       delimiter=st.sampled_from([";", ",", "\t"]))
def test_every_row_is_accounted_for(data, shapes, delimiter):
    written = {}
    with tempfile.TemporaryDirectory() as d:
        paths = []
        for i, shape in enumerate(shapes):
            header, rows = data.draw(table(shape), label=shape)
            p = Path(d) / f"{i}-{shape}.csv"
            with open(p, "w", encoding="utf-8", newline="") as fh:
                w = csv.writer(fh, delimiter=delimiter)
                w.writerow(header)
                w.writerows(rows)
            written[p.name] = sum(1 for r in rows if any(c.strip() for c in r))
            paths.append(p)
        try:
            result = import_files(paths, imported_at=AS_OF)
        except InputError as exc:
            assert any(str(exc).startswith(n) for n in written), str(exc)
            event("input error")
            return
    event("imported")
    led = result.ledger
    assert led.check() == []
    for name, n in written.items():
        stats = [f for f in led.files if f.file == name]
        assert stats, name
        assert sum(f.rows for f in stats) == n, (name, [(f.rows, f.blank) for f in stats])
        for f in stats:
            assert f.rows == f.imported + f.merged + f.rejected + f.skipped


# ----------------------------------------------------------------- malformed CSV (issue 14)
# an alphabet without delimiters, quotes or line breaks: every written line is one row
NAME = st.text(alphabet="abcxyzåäöÅÄÖ0123456789", min_size=1, max_size=10)


def _import_one(p: Path):
    result = import_files([p], imported_at=AS_OF)
    assert result.ledger.check() == []
    [f] = [f for f in result.ledger.files if f.file == p.name]
    return result, f


@bounded(40)
@given(names=st.lists(NAME, min_size=3, max_size=40, unique_by=str.casefold), data=st.data())
def test_runaway_quote_rejects_one_row_and_keeps_the_rest(names, data):
    """An unterminated quote in one row: that row rejected with its line, every other row
    imported; rows in = imported + merged + rejected."""
    broken = data.draw(st.integers(0, len(names) - 1), label="broken row")
    lines = ["Systemnamn;Leverantör;Beskrivning"]
    for i, n in enumerate(names):
        lines.append(f'{n};"Nordsys;text {i}' if i == broken else f"{n};Nordsys;text {i}")
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "inv.csv"
        p.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
        result, f = _import_one(p)
    last = broken == len(names) - 1  # nothing after it to run over: an ordinary last cell
    assert f.rows == len(names) == f.imported + f.merged + f.rejected
    assert f.rejected == (0 if last else 1)
    if not last:
        [e] = [e for e in result.ledger.entries if e.kind == "rejected"]
        assert e.line == broken + 2 and e.reason.startswith("unterminated quote")
    else:  # imported, and said
        [e] = [e for e in result.ledger.entries if e.reason.startswith("unterminated")]
        assert e.line == broken + 2 and e.kind == "warning"


@bounded(40)
@given(rows=st.lists(st.tuples(NAME, st.integers(1, 6)), min_size=1, max_size=25,
                     unique_by=lambda r: r[0].casefold()),
       blank_header=st.booleans())
def test_ragged_rows_keep_every_value(rows, blank_header):
    """Rows of 1-6 fields under a 3-field header (one of them maybe blank): every row
    accounted for, every value kept (as a field or as extra data), a warning per row whose
    field count differs from the header."""
    header = ["Systemnamn", "" if blank_header else "Anteckning", "Leverantör"]
    lines = [";".join(header)]
    for name, n in rows:
        lines.append(";".join([name] + [f"v{k}" for k in range(1, n)]))
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "r.csv"
        p.write_text("\n".join(lines) + "\n", encoding="utf-8")
        result, f = _import_one(p)
    assert f.rows == len(rows) == f.imported + f.merged + f.rejected
    warned = {e.line for e in result.ledger.entries if e.kind == "warning"
              and e.reason.startswith("the row has")}
    assert warned == {i + 2 for i, (_, n) in enumerate(rows) if n != 3}
    ls = result.landscape
    for name, n in rows:
        d = next(x for _, x in ls.nodes("System") if x["name"] == name)
        kept = list((d.get("extra") or {}).values()) + ([d["vendor"]] if d.get("vendor") else [])
        assert sorted(kept) == sorted(f"v{k}" for k in range(1, n)), (name, n, d)


@bounded(40)
@given(names=st.lists(NAME, min_size=1, max_size=25, unique_by=str.casefold),
       stray=st.sets(st.integers(0, 24), max_size=5))
def test_mixed_encodings_read_every_line(names, stray):
    """A UTF-8 file with some lines in Windows-1252: every row read with its own text, a
    warning per such line, rows in = imported + merged + rejected."""
    stray = {i for i in stray if i < len(names)}
    out = "Systemnamn;Leverantör\r\n".encode()  # UTF-8: the header holds an ö
    for i, n in enumerate(names):
        out += f"{n};Nordsys\r\n".encode("cp1252" if i in stray else "utf-8")
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "m.csv"
        p.write_bytes(out)
        result, f = _import_one(p)
    assert f.rows == len(names) == f.imported + f.merged + f.rejected
    assert sorted(x["name"] for _, x in result.landscape.nodes("System")) == sorted(names)
    bad = {i + 2 for i in stray if not names[i].isascii()}
    warned = {e.line for e in result.ledger.entries if e.kind == "warning"
              and "not valid UTF-8" in e.reason}
    assert warned == bad


# ----------------------------------------------------------------------------- ArchiMate fuzz

ARCHI_FILES = sorted(p for p in ARCHI_DATA.glob("*") if p.suffix in (".xml", ".archimate")) \
    if ARCHI_DATA.exists() else []
needs_archi = pytest.mark.skipif(not ARCHI_FILES, reason="Archi test data not present")


def _mutate_tree(text: str, rnd: random.Random, n: int) -> str:
    """Structural mutations of a well-formed model: delete attributes, delete or swap or
    duplicate elements, move an element under another parent, set xsi:type to junk."""
    for prefix, uri in re.findall(r'xmlns:(\w+)="([^"]+)"', text):
        ET.register_namespace(prefix, uri)
    m = re.search(r'xmlns="([^"]+)"', text)
    if m:
        ET.register_namespace("", m[1])
    root = ET.fromstring(text)
    nodes = list(root.iter())
    parents = {c: p for p in nodes for c in p}
    for _ in range(n):
        el = rnd.choice(nodes)
        op = rnd.randrange(6)
        if op == 0 and el.attrib:
            del el.attrib[rnd.choice(sorted(el.attrib))]
        elif op == 1 and el in parents:
            parents[el].remove(el) if el in list(parents[el]) else None
        elif op == 2:
            other = rnd.choice(nodes)
            if el in parents and other in parents and el is not other:
                pa, pb = parents[el], parents[other]
                if el in list(pa) and other in list(pb) and other not in el.iter() \
                        and el not in other.iter():
                    ia, ib = list(pa).index(el), list(pb).index(other)
                    pa.remove(el)
                    pb.remove(other)
                    pa.insert(min(ia, len(pa)), other)
                    pb.insert(min(ib, len(pb)), el)
                    parents[other], parents[el] = pa, pb
        elif op == 3 and el.attrib:
            k = rnd.choice(sorted(el.attrib))
            el.attrib[k] = rnd.choice(["", "x", "id-1", "Node", "Flow", "-1", "ÅÄÖ", "&", "<"])
        elif op == 4 and el in parents and el in list(parents[el]):
            parents[el].append(ET.fromstring(ET.tostring(el)))  # duplicate (same ids)
        elif op == 5:
            el.text = rnd.choice([None, "", "x" * 50, "=1+1", "<b>"])
    return ET.tostring(root, encoding="unicode")


def _import_or_input_error(p: Path, note=event):
    try:
        result = import_files([p], imported_at=AS_OF)
    except InputError as exc:
        assert str(exc).startswith(p.name), str(exc)
        note("input error: " + str(exc).split(": ", 1)[1][:30])
        return None
    note("imported")
    assert result.ledger.check() == []
    return result


@pytest.mark.slow
@needs_archi
@bounded(60)
@given(which=st.integers(0, 100), seed=st.integers(0, 2**32 - 1), n=st.integers(1, 12))
def test_archimate_structural_mutations(which, seed, n):
    src = ARCHI_FILES[which % len(ARCHI_FILES)]
    text = _mutate_tree(src.read_text(encoding="utf-8"), random.Random(seed), n)
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / src.name
        p.write_text(text, encoding="utf-8")
        _import_or_input_error(p)


@pytest.mark.slow
@needs_archi
@bounded(60)
@given(which=st.integers(0, 100), cut=st.floats(0, 1), flips=st.lists(
    st.tuples(st.floats(0, 1), st.binary(min_size=1, max_size=4)), max_size=4))
def test_archimate_truncated_and_byte_mutated(which, cut, flips):
    src = ARCHI_FILES[which % len(ARCHI_FILES)]
    data = bytearray(src.read_bytes())
    for where, junk in flips:
        i = int(where * (len(data) - 1))
        data[i:i + len(junk)] = junk
    data = bytes(data[: max(1, int(cut * len(data)))]) if cut < 0.97 else bytes(data)
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / src.name
        p.write_bytes(data)
        _import_or_input_error(p)


@needs_archi
def test_archimate_unmutated_files_import():
    for src in ARCHI_FILES:
        assert _import_or_input_error(src, note=lambda _: None) is not None, src.name


def test_utf16_codec_check():
    # the reader recognises UTF-16 by its BOM; Python's "utf-16" codec always writes one
    assert "x".encode("utf-16").startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
