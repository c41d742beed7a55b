"""The synthetic country (``ea demo --country``): its shape, exact counts, the import
accounting for every row, and report answers predicted from the generator's ground truth."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter

import openpyxl
import pytest
from click.testing import CliRunner

from ea import demo, queries, schema
from ea.cli import main
from ea.config import Config
from ea.demo.country import CountryGen, organisation_counts
from ea.importers import import_files
from ea.queries import hubs as hubs_query

AS_OF = dt.date(2026, 11, 25)


@pytest.fixture(scope="module")
def country(tmp_path_factory):
    files = demo.generate_country(tmp_path_factory.mktemp("country"), size=2000, seed=7)
    result = import_files(files.paths, imported_at=AS_OF)
    return files, result


def test_how_the_country_scales_down():
    assert organisation_counts(200) == (1, 2)
    assert organisation_counts(2000) == (1, 5)
    assert organisation_counts(10_000) == (2, 29)
    assert organisation_counts(100_000) == (21, 290)
    assert organisation_counts(1_000_000) == (21, 290)
    g = CountryGen(100_000, 7)
    g.build_organisations()
    assert len({o.name for o in g.orgs}) == len({o.slug for o in g.orgs}) == 311
    assert len({o.domain for o in g.orgs}) == 311
    with pytest.raises(ValueError, match="at least 200"):
        demo.generate_country("unused", size=199)


def test_a_small_country_has_the_planned_shape(country):
    files, _ = country
    assert len(files.regions) == 1 and len(files.municipalities) == 5
    assert all(r.startswith("Region ") for r in files.regions)
    assert all(m.endswith(" kommun") for m in files.municipalities)
    assert files.counties == {files.regions[0]: files.municipalities}
    assert sum(files.systems_per_organisation.values()) == files.n_systems == 2000
    assert min(files.systems_per_organisation.values()) >= 25
    assert len(files.national_services) == 14
    assert files.national_platform == "Nationella meddelandeplattformen"
    assert len(files.regional_platforms) == 1 and len(files.municipal_platforms) == 1
    # 2.5 integrations per system: 8 % with a national service, 3 % between organisations
    assert (files.n_integrations, files.n_internal, files.n_cross, files.n_national) == (
        5057, 4507, 150, 400)
    assert files.n_dependencies + files.n_integration_rows == files.n_integrations
    assert round(files.cross_share, 4) == 0.0297
    # one folder per organisation with its five exports, and the national services
    assert len(files.paths) == 6 * 5 + 1
    assert files.paths[0].name == "nationella-tjanster.xlsx"


def test_same_seed_same_bytes(tmp_path):
    def digests(c):
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in c.paths}

    a = demo.generate_country(tmp_path / "a", size=300, seed=3)
    b = demo.generate_country(tmp_path / "b", size=300, seed=3)
    assert digests(a) == digests(b)
    assert digests(demo.generate_country(tmp_path / "c", size=300, seed=4)) != digests(a)


def test_the_import_accounts_for_every_row(country):
    files, result = country
    ledger = result.ledger
    assert {f.label: f.rows for f in ledger.files} == files.rows
    assert ledger.check() == []
    assert sum(f.rejected for f in ledger.files) == 0
    assert Counter(e.kind for e in ledger.entries) == {"one_sided": files.n_one_sided}
    st = result.landscape.stats()
    assert st["nodes"]["System"] == 2000 + 14
    assert st["external_systems"] == 14 and st["placeholder_systems"] == 0
    assert st["nodes"]["Object"] == files.n_objects
    assert st["nodes"]["Person"] == files.n_people
    assert st["edges"]["INTEGRATES_WITH"] == files.n_integrations


def test_integrations_inside_between_and_national_as_generated(country):
    files, result = country
    ls = result.landscape

    def root(key):
        owners = ls.owners_of(key)
        return ls.org_chain(owners[0])[-1] if owners else None

    kinds = Counter()
    for u, v, _k, _d in ls.edges(schema.INTEGRATES_WITH):
        if ls.node(u).get("external") or ls.node(v).get("external"):
            kinds["national"] += 1
        else:
            kinds["internal" if root(u) == root(v) else "cross"] += 1
    assert kinds == {"internal": files.n_internal, "cross": files.n_cross,
                     "national": files.n_national}
    roots = {ls.name(root(k)) for k, d in ls.nodes(schema.SYSTEM) if not d.get("external")}
    assert roots == set(files.organisations)


def test_reports_answer_what_was_planted(country):
    files, result = country
    ls = result.landscape
    cfg = Config()
    orphans = queries.get("orphans").func(ls, as_of=AS_OF, config=cfg)
    nobody = orphans[orphans["code"] == "no_object_no_roles"]
    assert sorted(nobody["name"]) == sorted(files.orphans)
    assert len(files.orphans) == 99
    between = hubs_query.between_organisations(ls, config=cfg)
    national = between[between["kind"] == "national_service"]
    assert dict(zip(national["name"], national["partners"], strict=True)) == \
        files.national_partners
    assert files.national_partners["Folkbokföringstjänsten"] == 19
    inactive = sorted(k.split(":", 1)[1] for k, d in ls.nodes(schema.PERSON)
                      if d.get("active") is False)
    assert inactive == sorted(files.ended_people)


def test_without_ids_and_with_unresolved_role_rows(tmp_path):
    files = demo.generate_country(tmp_path, size=2000, seed=7, with_ids=False,
                                  unresolved_roles=True)
    inventory = next(p for p in files.paths if p.name.endswith("systemforteckning.xlsx"))
    wb = openpyxl.load_workbook(inventory, read_only=True)
    header = next(wb.active.iter_rows(values_only=True))
    wb.close()
    assert header[0] == "Systemnamn" and "System-ID" not in header
    assert len(files.paths) == 6 * 6 + 1
    result = import_files(files.paths, imported_at=AS_OF)
    assert {f.label: f.rows for f in result.ledger.files} == files.rows
    assert result.ledger.check() == []
    assert len(files.unresolved_role_rows) == 201
    assert Counter(e.kind for e in result.ledger.entries) == {
        "one_sided": files.n_one_sided, "unresolved": 201}
    ls = result.landscape
    placeholders = {d["name"] for _, d in ls.nodes(schema.SYSTEM) if d.get("placeholder")}
    assert placeholders == {name for _f, name in files.unresolved_role_rows}
    # every other reference resolved by name, as with IDs
    assert ls.stats()["edges"]["INTEGRATES_WITH"] == files.n_integrations == 5057


def test_demo_country_command(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(main, ["demo", "--country", "--size", "300", "--as-of",
                                  "2026-11-25"])
    assert r.exit_code == 0, r.output
    assert "A country of 1 regions and 2 municipalities" in r.output
    assert (tmp_path / "landscape.json").exists()
    assert (tmp_path / "demo" / "nationella-tjanster.xlsx").exists()
    r = CliRunner().invoke(main, ["demo", "--no-ids"])
    assert r.exit_code == 2 and "go with --country" in r.output
    r = CliRunner().invoke(main, ["demo", "--country", "--size", "100"])
    assert r.exit_code == 2 and "--size 200 or more" in r.output
