"""ea.privacy.pseudonymise: no name or e-mail of a role holder survives anywhere in the
snapshot; pseudonyms are stable under one secret; the governance reports keep their shape."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from click.testing import CliRunner

from ea.cli import main
from ea.config import Config
from ea.importers import import_files
from ea.landscape import Landscape
from ea.privacy import ENV_SECRET, pseudonymise
from ea.queries import coordinate, orphans
from ea.store import snapshot
from tests import exports as X
from tests import fixtures_governance as G

AS_OF = dt.date(2026, 11, 25)


def people(ls: Landscape) -> tuple[list[str], list[str]]:
    names = sorted({d["name"] for _, d in ls.nodes("Person") if d.get("name")})
    emails = sorted({d["email"] for _, d in ls.nodes("Person") if d.get("email")})
    return names, emails


def leaks(original: Landscape, result: Landscape) -> list[str]:
    """Names (of four characters or more) and e-mails of the original found in the result."""
    text = snapshot.dumps(result).casefold()
    names, emails = people(original)
    found = [e for e in emails if e.casefold() in text]
    found += [e.split("@")[0] for e in emails if "." in e.split("@")[0]
              and re.search(rf"(?<![\w.]){re.escape(e.split('@')[0].casefold())}(?![\w@])", text)]
    found += [n for n in names if len(n) >= 4
              and re.search(rf"(?<!\w){re.escape(n.casefold())}(?!\w)", text)]
    return found


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """The test region as imported from its exports: names in role cells, owner cells with
    several e-mails, people lists, the ledger (rejected rows, unresolved references)."""
    files = X.all_exports(tmp_path_factory.mktemp("region"))
    return import_files(files, imported_at=AS_OF).landscape


def test_no_name_or_email_left_in_an_imported_region(imported):
    names, emails = people(imported)
    assert len(names) >= 6 and len(emails) >= 5
    before = snapshot.dumps(imported)
    safe = pseudonymise(imported, secret="k")
    assert leaks(imported, safe) == []
    assert snapshot.dumps(imported) == before  # the original is untouched
    assert safe.meta["pseudonymised"] is True
    # every person is there, under a pseudonym, with all their roles
    assert len(list(safe.nodes("Person"))) == len(list(imported.nodes("Person")))
    for _, d in safe.nodes("Person"):
        assert re.fullmatch(r"Person [0-9A-F]{8}", d["name"]), d["name"]
        assert d.get("email") in (None, f"person-{d['name'][7:].lower()}@pseudonym.invalid")
    assert sorted((d["role"], d.get("title")) for *_, d in safe.edges("HAS_ROLE")) == sorted(
        (d["role"], d.get("title")) for *_, d in imported.edges("HAS_ROLE"))
    assert len(safe.ledger["entries"]) == len(imported.ledger["entries"])


def names_everywhere() -> Landscape:
    """One person's name and e-mail placed in every kind of place the importer puts text."""
    ls = Landscape(meta={"people_lists": ["personal.csv"], "note": "contact anna.berg"})
    s = ls.add_system("S1", name="Raindance", classified_by="Anna Berg",
                      description="Ask ANNA BERG or Berg, Anna (anna.berg@example.se).",
                      raw={"owner": "Anna Berg <anna.berg@example.se>, Bo Ek"},
                      extra={"Kontakt": "anna.berg@example.se", "Anteckning": "Annabella Bergström"})
    ls.node(s)["conflicts"] = [{"field": "owner", "values": [
        {"value": "Anna Berg", "source": "a.csv:2", "raw": "Anna Berg"},
        {"value": "Bo Ek", "source": "b.csv:3", "raw": "bo"}]}]
    o = ls.add_object("Ekonomi", name="Ekonomi")
    ls.add_edge("PART_OF", s, o)
    ls.add_vacant_role(o, "business_manager", title="Förvaltningsledare verksamhet",
                       raw="Vakant (efter Anna Berg)")
    a = ls.add_person("anna.berg@example.se", name="Anna Berg", email="anna.berg@example.se",
                      active=True, listed=True, title="Controller")
    b = ls.add_person("name:bo-ek", name="Bo Ek", active=None)
    ls.add_role(a, o, "object_owner", title="Objektägare")
    ls.add_role(b, s, "it_manager", title="Förvaltningsledare IT")
    ls.ledger = {"files": [{"file": "roller.csv", "rows": 2}], "entries": [
        {"file": "roller.csv", "line": 3, "kind": "warning", "column": "Objektägare",
         "reason": "'Anna Berg' is not in the people list", "value": "Anna Berg",
         "subject": "Person:anna.berg@example.se"},
        {"file": "roller.csv", "line": 4, "kind": "rejected", "column": None,
         "reason": "no role", "value": "Bo Ek; bo about boats", "subject": "Person:name:bo-ek"}]}
    return ls


def test_every_place_a_name_can_hide_is_scrubbed():
    ls = names_everywhere()
    safe = pseudonymise(ls, secret="k")
    text = snapshot.dumps(safe)
    for gone in ("anna", "Berg,", "example.se", "bo-ek", "Bo Ek"):
        assert gone.casefold() not in text.casefold().replace("annabella bergström", ""), gone
    d = safe.node("System:S1")
    anna = next(d["name"] for _, d in safe.nodes("Person") if d.get("email"))
    assert d["classified_by"] == anna
    assert d["description"] == f"Ask {anna} or {anna} (person-{anna[7:].lower()}@pseudonym.invalid)."
    # a longer name that merely starts like a person's stays; short names only as whole values
    assert d["extra"]["Anteckning"] == "Annabella Bergström"
    assert safe.ledger["entries"][1]["value"].endswith("; bo about boats")
    assert d["conflicts"][0]["values"][1]["raw"] == "bo"
    # ledger subjects follow the renamed person nodes
    keys = {k for k, _ in safe.nodes("Person")}
    assert {e["subject"] for e in safe.ledger["entries"]} == keys
    # role and job titles are not names
    assert sorted(x.get("title") for *_, x in safe.edges("HAS_ROLE")) == [
        "Förvaltningsledare IT", "Objektägare"]
    assert safe.node(next(k for k in keys if "@" in k))["title"] == "Controller"
    assert safe.node("Object:Ekonomi")["vacant_roles"][0]["raw"] == f"Vakant (efter {anna})"


def test_same_secret_same_pseudonyms_and_different_secret_different(monkeypatch):
    ls = names_everywhere()
    one, two = pseudonymise(ls, secret="k"), pseudonymise(ls, secret="k")
    assert snapshot.dumps(one) == snapshot.dumps(two)
    other = pseudonymise(ls, secret="other")
    assert people(other)[0] != people(one)[0]
    monkeypatch.delenv(ENV_SECRET, raising=False)
    r1, r2 = pseudonymise(ls), pseudonymise(ls)  # random key per run: not linkable
    assert people(r1)[0] != people(r2)[0]
    monkeypatch.setenv(ENV_SECRET, "k")
    assert snapshot.dumps(pseudonymise(ls)) == snapshot.dumps(one)
    monkeypatch.delenv(ENV_SECRET)
    cfg = Config({"privacy": {"secret": "k"}})
    assert snapshot.dumps(pseudonymise(ls, config=cfg)) == snapshot.dumps(one)


def test_pseudonym_follows_the_email_across_landscapes():
    a = names_everywhere()
    b = Landscape()
    b.add_person("anna.berg@example.se", name="A. Berg", email="anna.berg@example.se")
    pa = [d["name"] for _, d in pseudonymise(a, secret="k").nodes("Person") if d.get("email")]
    pb = [d["name"] for _, d in pseudonymise(b, secret="k").nodes("Person")]
    assert pa == pb


def _shape(df):
    cols = [c for c in df.columns]
    return cols, len(df), sorted(df["code"].value_counts().items())


@pytest.mark.parametrize("query", [orphans, coordinate])
def test_reports_keep_their_shape(query):
    ls = G.build()
    safe = pseudonymise(ls, secret="k")
    before = query.run(ls, as_of=AS_OF)
    after = query.run(safe, as_of=AS_OF)
    assert _shape(after) == _shape(before)
    # systems and objects unchanged, people in the same places under pseudonyms
    assert [x if not x.startswith("Person:") else "P" for x in after["subject"]] == [
        x if not x.startswith("Person:") else "P" for x in before["subject"]]
    text = after.to_csv()
    assert not [n for n in people(ls)[0] if n in text]


def test_reports_keep_their_shape_on_an_imported_region(imported):
    safe = pseudonymise(imported, secret="k")
    for query in (orphans, coordinate):
        before, after = query.run(imported, as_of=AS_OF), query.run(safe, as_of=AS_OF)
        assert _shape(after) == _shape(before)
        assert leaks(imported, Landscape(meta={"t": after.to_csv()})) == []


def test_cli_has_the_root_option(tmp_path):
    path = snapshot.save(G.build(), tmp_path / "ls.json")
    res = CliRunner().invoke(main, ["--help"])
    assert "--pseudonymise" in res.output
    res = CliRunner().invoke(main, ["--pseudonymise", "stats", "--landscape", str(path)])
    assert res.exit_code == 0, res.output


# ------------------------------------------------------------------ filters by real name
# (issue 14, point 12) Under --pseudonymise a filter may name the real person; only the
# pseudonym is printed.

REAL = ("Karin Lind", "karin.lind", "Eva Falk", "eva.falk", "Ivar Jonsson", "ivar.jonsson",
        "Gustav Holm", "Anna Berg", "Lena Moberg", "Mats Nyberg")


@pytest.fixture(scope="module")
def snap(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pseudo")
    out = folder / "ls.json"
    r = CliRunner().invoke(main, ["import", *map(str, X.all_exports(folder)), "-o", str(out),
                                  "-q", "--as-of", "2026-11-25"])
    assert r.exit_code == 0, r.output
    return out


def _run(*args):
    r = CliRunner().invoke(main, list(args), env={ENV_SECRET: "s3cret"})
    return r


@pytest.mark.parametrize("who", ["Karin Lind", "karin.lind@testland.se", "KARIN LIND",
                                 "Lind, Karin"])
def test_person_filter_takes_the_real_name_or_email(snap, who):
    plain = _run("orphans", "-l", str(snap), "--person", "Karin Lind", "-f", "csv",
                 "--as-of", "2026-11-25")
    assert plain.exit_code == 0 and "Karin Lind" in plain.output
    r = _run("--pseudonymise", "orphans", "-l", str(snap), "--person", who, "-f", "csv",
             "--as-of", "2026-11-25")
    assert r.exit_code == 0, r.output
    # the same rows as without pseudonyms, and no real name in them
    assert len(r.output.splitlines()) == len(plain.output.splitlines()) > 1
    assert not [n for n in REAL if n.casefold() in r.output.casefold()], r.output


def test_coordinate_and_show_take_the_real_name(snap):
    r = _run("--pseudonymise", "coordinate", "Karin Lind", "-l", str(snap), "-f", "csv",
             "--as-of", "2026-11-25")
    assert r.exit_code == 0, r.output
    assert "Person " in r.output
    assert not [n for n in REAL if n.casefold() in r.output.casefold()], r.output
    plain = _run("coordinate", "Karin Lind", "-l", str(snap), "-f", "csv", "--as-of",
                 "2026-11-25")
    assert len(r.output.splitlines()) == len(plain.output.splitlines())
    for ref in ("Karin Lind", "karin.lind@testland.se"):
        r = _run("--pseudonymise", "show", ref, "-l", str(snap))
        assert r.exit_code == 0, r.output
        first = r.output.splitlines()[0]
        assert re.fullmatch(r"Person [0-9A-F]{8}  \[Person person-[0-9a-f]{8}@pseudonym"
                            r"\.invalid\]", first), first
        assert not [n for n in REAL if n.casefold() in r.output.casefold()], r.output
    r = _run("--pseudonymise", "show", "Karin Lindh", "-l", str(snap))
    assert r.exit_code == 1 and "Karin Lind'" not in r.output  # no real name suggested


def test_import_errors_under_pseudonymise_print_no_names(tmp_path):
    f = X.write_csv(tmp_path / "personal.csv", [["Anna Berg", "anna.berg@testland.se", "Aktiv"],
                                                 ["Bo Ek", "bo.ek@testland.se", "Aktiv"]])
    plain = CliRunner().invoke(main, ["import", str(f), "-o", str(tmp_path / "l.json")])
    assert plain.exit_code == 1 and "Anna Berg" in plain.output
    r = CliRunner().invoke(main, ["--pseudonymise", "import", str(f), "-o",
                                  str(tmp_path / "l.json")])
    assert r.exit_code == 1
    assert r.output.startswith("Error: personal.csv:1: cannot tell what this holds from its "
                               "headers (3 cells, hidden by --pseudonymise)"), r.output
    assert "Anna" not in r.output and "anna.berg" not in r.output
