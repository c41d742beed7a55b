"""Swedish where people read (``--lang sv``, ``lang: sv`` in ea.yaml): the terminal tables,
xlsx and md in Swedish words; csv and json keep their English keys and codes; the board pack
reads the same catalogue (:mod:`ea.i18n`)."""

from __future__ import annotations

import json

import openpyxl
import pytest
from click.testing import CliRunner

from ea import i18n
from ea.cli import main
from ea.store import snapshot
from tests.fixtures_governance import build

AS = ["--as-of", "2026-11-25"]


@pytest.fixture(scope="module")
def snap(tmp_path_factory):
    path = tmp_path_factory.mktemp("lang") / "landscape.json"
    snapshot.save(build(), path)
    return str(path)


def run(args, width=120, code=0, **env):
    env = {"COLUMNS": str(width), "NO_COLOR": "", "FORCE_COLOR": "", "EA_CONFIG": "", **env}
    r = CliRunner().invoke(main, args, env=env)
    assert r.exit_code == code, r.output
    return r.output


def header_of(out: str, first: str) -> list[str]:
    lines = out.splitlines()
    for i, line in enumerate(lines):
        if line.startswith(first) and i + 1 < len(lines) and lines[i + 1].startswith("──"):
            return [p.strip() for p in line.split("  ") if p.strip()]
    raise AssertionError(f"no table headed {first!r} in:\n{out}")


def test_swedish_orphans_table_at_120_columns(snap):
    out = run(["orphans", "-l", snap, *AS, "--lang", "sv"])
    lines = out.splitlines()
    assert lines[0] == ("Ägarlöshet: objekt och system utan fungerande ägare eller förvaltare: "
                        "13 rader")
    assert "Per avvikelse och allvarlighet:" in lines
    assert header_of(out, "Avvikelse") == ["Avvikelse", "kritisk", "hög", "medel", "låg",
                                           "Totalt"]
    assert header_of(out, "Namn") == ["Namn", "Typ", "Avvikelse", "Allvarlighet", "Varför",
                                      "Organisationer"]
    # the summary: finding names in words, counts as in English
    summary = {ln[:44].strip(): ln[44:].split() for ln in lines}
    assert summary["Obligatorisk roll saknas"] == ["1", "0", "0", "0", "1"]
    assert summary["Roll vakant"] == ["0", "2", "0", "0", "2"]
    assert summary["Refererat men aldrig definierat"] == ["0", "0", "0", "1", "1"]
    assert lines.index("De första 10 av 13:") > lines.index("Per avvikelse och allvarlighet:")
    assert "Utan objektägare per organisation: 4 rader" in lines
    assert out.splitlines()[-2].startswith("Visas inte: 3 rader till;")
    for english in ("missing_role", "vacant_role", "critical", "Orphans", "First 10"):
        assert english not in out.split("Visas inte")[0]  # the note names --columns' keys
    assert max(len(ln) for ln in lines) <= 120
    # a row: the object, its kind, finding, severity and reason in Swedish
    row = next(ln for ln in lines if ln.startswith("Vårdinformation"))
    assert row.split()[:5] == ["Vårdinformation", "Objekt", "Obligatorisk", "roll", "saknas"] \
        or row.split()[:4] == ["Vårdinformation", "Objekt", "Obligatorisk", "roll"]
    assert "kritisk" in row and "ingen förvaltningsledare IT" in row


def test_english_stays_the_default(snap):
    out = run(["orphans", "-l", snap, *AS])
    assert out.splitlines()[0].startswith("Orphans: ")
    assert header_of(out, "name") == ["name", "kind", "code", "severity", "reason",
                                      "organisations"]


def test_roles_in_swedish_pm3_names(snap):
    out = run(["coordinate", "-l", snap, *AS, "--lang", "sv", "--all"], width=160)
    assert header_of(out, "Namn") == ["Namn", "Roll", "Allvarlighet", "Varför"]
    # the roles' Swedish names, wrapped onto two lines in the 18-character column
    start = out.index("Namn          Roll")
    table = out[start:].split("\n\n")[0].splitlines()[2:]
    roles = {ln[14:34].strip() for ln in table if ln[14:34].strip()}
    assert roles == {"förvaltningsledare", "verksamhet", "IT"}


def test_lang_in_ea_yaml_and_the_option_wins(snap, tmp_path):
    cfg = tmp_path / "ea.yaml"
    cfg.write_text("lang: sv\n", encoding="utf-8")
    out = run(["orphans", "-l", snap, *AS], EA_CONFIG=str(cfg))
    assert out.startswith("Ägarlöshet: ")
    out = run(["orphans", "-l", snap, *AS, "--lang", "en"], EA_CONFIG=str(cfg))
    assert out.startswith("Orphans: ")
    cfg.write_text("lang: fi\n", encoding="utf-8")
    out = run(["orphans", "-l", snap, *AS], code=2, EA_CONFIG=str(cfg))
    assert "unknown language 'fi' (known: sv, en)" in out and "Traceback" not in out


def test_xlsx_in_swedish_with_shares_as_percentages(snap, tmp_path):
    path = tmp_path / "agarloshet.xlsx"
    run(["orphans", "-l", snap, *AS, "--lang", "sv", "-o", str(path)])
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Ägarlöshet", "Per organisation"]
    ws = wb["Ägarlöshet"]
    head = [c.value for c in ws[1]]
    assert head == ["Nyckel", "Namn", "Avvikelse", "Allvarlighet", "Varför", "Typ", "Roll",
                    "Personer", "Ärvt från", "Organisationer", "Förvaltningsobjekt",
                    "Verksamhetskritikalitet", "Klassning", "Integrationer",
                    "Ingen innehavare"]
    first = dict(zip(head, [c.value for c in ws[2]], strict=True))
    assert (first["Namn"], first["Avvikelse"], first["Allvarlighet"], first["Typ"],
            first["Roll"]) == ("Vårdinformation", "Obligatorisk roll saknas", "kritisk",
                               "Objekt", "förvaltningsledare IT")
    assert first["Varför"] == "ingen förvaltningsledare IT"
    per = wb["Per organisation"]
    head = [c.value for c in per[1]]
    assert head[:5] == ["Organisation", "Namn", "System", "Utan objektägare",
                        "Andel utan objektägare"]
    share = per.cell(row=2, column=5)
    assert share.value == pytest.approx(1 / 3, abs=0.001) and share.number_format == "0%"


def test_english_xlsx_keeps_keys_and_shows_percentages(snap, tmp_path):
    path = tmp_path / "orphans.xlsx"
    run(["orphans", "-l", snap, *AS, "-o", str(path)])
    per = openpyxl.load_workbook(path)["per organisation"]
    head = [c.value for c in per[1]]
    assert head[4] == "share_unowned" and per.cell(row=2, column=5).number_format == "0%"


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_machine_formats_keep_english_keys_and_codes(snap, fmt):
    en = run(["orphans", "-l", snap, *AS, "-f", fmt])
    sv = run(["orphans", "-l", snap, *AS, "-f", fmt, "--lang", "sv"])
    assert sv == en
    if fmt == "json":
        rows = json.loads(sv)
        assert {"subject", "name", "code", "severity", "reason"} <= set(rows[0])
        assert rows[0]["code"] == "missing_role" and rows[0]["severity"] == "critical"


def test_markdown_in_swedish(snap):
    out = run(["orphans", "-l", snap, *AS, "-f", "md", "--lang", "sv"])
    assert out.splitlines()[0].startswith("| Nyckel | Namn | Avvikelse | Allvarlighet | Varför |")
    assert "## Utan objektägare per organisation" in out
    assert "| 33% |" in out and "Obligatorisk roll saknas" in out


def test_board_pack_reads_the_one_catalogue():
    from ea.boardpack import labels

    assert labels.words is i18n.words and labels.CODES is i18n.CODES
    assert labels.code("sv", "missing_role") == i18n.value("sv", "code", "missing_role")
    assert labels.severity("sv", "high") == i18n.value("sv", "severity", "high") == "hög"


def test_every_role_has_a_swedish_name():
    from ea.schema import ROLES

    assert i18n.role("sv", "object_owner") == "objektägare"
    assert i18n.role("sv", "business_manager") == "förvaltningsledare verksamhet"
    assert i18n.role("sv", "it_manager") == "förvaltningsledare IT"
    assert all(i18n.role("sv", k) != k for k in ROLES)
    # a quality rule per role is named by what it requires
    assert i18n.value("sv", "rule", "has_it_manager") == "Fungerande förvaltningsledare IT"


def test_orphans_reasons_in_swedish_for_every_code(snap):
    """The security officer's report reads in Swedish throughout: each of the nine codes'
    reasons is rewritten from its template; csv keeps the English sentence."""
    import datetime as dt

    from ea import queries

    df = queries.get("orphans").func(snapshot.load(snap), as_of=dt.date(2026, 11, 25))
    assert set(df["code"]) == set(i18n._REASONS)  # the fixture has every code
    sv = i18n.translate(df, "sv")
    got = dict(zip(zip(df["name"], df["code"], strict=True), sv["reason"], strict=True))
    assert got[("Vårdinformation", "missing_role")] == "ingen förvaltningsledare IT"
    assert got[("Heroma", "inactive_holder")] == (
        "objektägare innehas bara av personer som har slutat (David Falk: inaktiv) "
        "(ärvd från HR)")
    assert got[("Heroma", "vacant_role")] == (
        "förvaltningsledare verksamhet registrerad som vakant ('Vakant') (ärvd från HR)")
    assert got[("Qlik Sense", "inactive_holder")] == (
        "förvaltningsledare verksamhet innehas bara av personer som har slutat "
        "(Fatima Holm: finns inte i personallistan)")
    assert got[("Qlik Sense", "multiple_owning_boards")] == (
        "ägs av 2 nämnder (Hälso- och sjukvårdsnämnden, Regionstyrelsen); en digital tjänst "
        "ska ha exakt en ägare")
    assert got[("Lifecare", "no_object_no_roles")] == (
        "i inget förvaltningsobjekt och inga egna roller: ingen svarar för det")
    # every reason rewritten: none left as the English sentence
    assert all(s != e for s, e in zip(sv["reason"], df["reason"], strict=True))
    out = run(["orphans", "-l", snap, *AS, "--lang", "sv", "-f", "csv"])
    assert "no it manager" in out and "ingen förvaltningsledare" not in out
