"""ea people: key-person risk on a hand-built landscape, every answer asserted by name.

Organisations Förvaltning A and Förvaltning B; a people list was imported.

- Maja Lind is IT manager of twelve systems of A (Sys 01..12, criticality 2) and of Kassa:
  13 roles, above the threshold of 10, but never alone on a critical system.
- Olle Berg is IT manager of Navet (A, criticality 2), the only link between Källa (A) and
  Mottagare (B): a hub that needs joint continuity planning, so critical; he alone holds
  its key role. He is also IT manager of Kassa, with Maja.
- Per Holm has left (inactive in the people list) and is still object owner of Kassa (B,
  criticality 3), whose business manager is recorded as vacant.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from ea.cli import main
from ea.config import Config
from ea.landscape import Landscape
from ea.queries import people
from ea.schema import OWNED_BY
from ea.store import snapshot

AS_OF = dt.date(2026, 11, 25)


def build() -> Landscape:
    ls = Landscape(meta={"people_lists": ["personal.csv"], "imported_at": "2026-11-25"})
    a = ls.add_organisation("a", name="Förvaltning A", org_kind="förvaltning")
    b = ls.add_organisation("b", name="Förvaltning B", org_kind="förvaltning")
    maja = ls.add_person("maja", name="Maja Lind", email="maja.lind@example.se", active=True,
                         listed=True)
    olle = ls.add_person("olle", name="Olle Berg", active=True, listed=True)
    per = ls.add_person("per", name="Per Holm", active=False, listed=True)
    for i in range(1, 13):
        s = ls.add_system(f"m{i}", name=f"Sys {i:02d}", criticality=2)
        ls.add_edge(OWNED_BY, s, a)
        ls.add_role(maja, s, "it_manager")
    navet = ls.add_system("navet", name="Navet", criticality=2)
    kalla = ls.add_system("kalla", name="Källa", criticality=1)
    mott = ls.add_system("mott", name="Mottagare", criticality=1)
    kassa = ls.add_system("kassa", name="Kassa", criticality=3)
    for s, o in ((navet, a), (kalla, a), (mott, b), (kassa, b)):
        ls.add_edge(OWNED_BY, s, o)
    ls.add_integration(kalla, navet)
    ls.add_integration(navet, mott)
    ls.add_role(olle, navet, "it_manager")
    ls.add_role(olle, kassa, "it_manager")
    ls.add_role(maja, kassa, "it_manager")
    ls.add_role(per, kassa, "object_owner")
    ls.add_vacant_role(kassa, "business_manager", title="Förvaltningsledare", raw="Vakant")
    return ls


@pytest.fixture(scope="module")
def tables():
    return people.report(build(), as_of=AS_OF)


def test_one_row_per_person_with_the_code_that_matters(tables):
    df = tables["people"]
    assert df[["name", "code", "severity"]].values.tolist() == [
        ["Olle Berg", "SOLE_HOLDER", "critical"],
        ["Per Holm", "HOLDER_LEFT", "high"],
        ["Maja Lind", "MANY_ROLES", "medium"],
    ]


def test_person_with_many_roles(tables):
    maja = tables["people"].set_index("name").loc["Maja Lind"]
    assert (maja["roles"], maja["weighted_roles"], maja["systems"], maja["objects"]) == \
        (13, 12 * 2 + 3, 13, 0)
    assert maja["organisations"] == ["Förvaltning A", "Förvaltning B"]
    assert maja["organisation_count"] == 2
    assert maja["role_names"] == ["IT manager ×13"]
    assert maja["sole_holder"] == [] and maja["flags"] == ["MANY_ROLES"]
    assert maja["critical_systems"] == 1  # Kassa, shared with Olle
    assert maja["reason"] == "13 roles (threshold 10) in 2 organisation(s)"


def test_single_holder_of_a_hubs_role(tables):
    olle = tables["people"].set_index("name").loc["Olle Berg"]
    assert olle["sole_holder"] == ["IT manager on Navet"]
    assert olle["reason"] == "alone in 1 key role(s) on critical systems or hubs (Navet)"
    assert olle["sole_holder_count"] == 1
    assert olle["critical_systems"] == 2


def test_holder_who_has_left(tables):
    per = tables["people"].set_index("name").loc["Per Holm"]
    assert per["left"] == "inactive"
    assert per["reason"] == "inactive, still holds 1 role(s), key roles on 1 critical system(s)"


def test_bus_factor_list(tables):
    bus = tables["bus factor"]
    assert bus[["rank", "name", "unmanaged_if_gone", "systems", "roles"]].values.tolist() == [
        [1, "Olle Berg", 1, ["Navet"], ["IT manager"]]]


def test_per_organisation(tables):
    org = tables["roles per organisation"].set_index("name")
    a, b = org.loc["Förvaltning A"], org.loc["Förvaltning B"]
    # A: Navet is critical (a hub) and depends on Olle alone
    assert (a["systems"], a["critical_systems"], a["sole_holder_systems"],
            a["single_person_systems"], a["share_single_person"]) == (14, 1, 1, 1, 1.0)
    assert a["bus_factor"] == ["Olle Berg (1)"]
    # B: Kassa's business manager is vacant and its owner has left; two IT managers
    assert (b["critical_systems"], b["vacant"], b["holder_left"], b["single_person_systems"],
            b["sole_holder_systems"]) == (1, 1, 1, 0, 0)
    assert b["open_roles"] == b["vacant"] + b["missing"] + b["holder_left"]


def test_thresholds_from_config():
    cfg = Config({"people": {"max_roles": 20, "critical_min": 2, "hubs": False}})
    out = people.report(build(), as_of=AS_OF, config=cfg)
    df = out["people"].set_index("name")
    # criticality 2 now counts: Maja is alone on her twelve systems; 13 roles are fine
    assert df.loc["Maja Lind", "code"] == "SOLE_HOLDER"
    assert df.loc["Maja Lind", "sole_holder_count"] == 12
    assert "MANY_ROLES" not in df.loc["Maja Lind", "flags"]
    assert out["bus factor"]["name"].tolist()[:1] == ["Maja Lind"]


def test_registered_query():
    from ea import queries

    df = queries.get("people").func(build(), as_of=AS_OF)
    assert len(df) == 3


def test_cli_xlsx_and_pseudonymised(tmp_path):
    snap = tmp_path / "landscape.json"
    snapshot.save(build(), snap)
    out = tmp_path / "people.xlsx"
    r = CliRunner().invoke(main, ["people", "-l", str(snap), "-o", str(out)])
    assert r.exit_code == 0, r.output
    import openpyxl

    assert openpyxl.load_workbook(out).sheetnames == ["people", "roles per organisation",
                                                      "bus factor"]
    r = CliRunner().invoke(main, ["--pseudonymise", "people", "-l", str(snap), "-f", "json"])
    assert r.exit_code == 0, r.output
    assert "Olle" not in r.stdout and "maja.lind" not in r.stdout
    rows = json.loads(r.stdout)
    assert [x["code"] for x in rows] == ["SOLE_HOLDER", "HOLDER_LEFT", "MANY_ROLES"]


def test_bad_thresholds_are_one_clear_line(tmp_path):
    snap = tmp_path / "landscape.json"
    snapshot.save(build(), snap)
    cfg = tmp_path / "ea.yaml"
    cfg.write_text("people:\n  key_roles: [objektägare]\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["--config", str(cfg), "people", "-l", str(snap)])
    assert r.exit_code == 1
    assert "people.key_roles: unknown role 'objektägare'" in r.stderr
    cfg.write_text("people:\n  max_roles: many\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["--config", str(cfg), "people", "-l", str(snap)])
    assert r.exit_code == 1
    assert "people.max_roles: 'many' is not a whole number" in r.stderr
    assert "Traceback" not in r.output
