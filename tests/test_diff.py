"""ea diff: two hand-built snapshots a year apart, every change asserted by name.

OLD (2025-11-25): organisations Förvaltning A and Förvaltning B; object Ekonomi (A) with its
object owner Anna Ek, business manager Bo Berg and IT manager Cecilia Dal; systems
Procapita (id s1, in Ekonomi, K2), Heroma (s2, no object, no roles: an orphan), Cosmic (s3,
in Ekonomi), Gamla arkivet (s5, in Ekonomi, status active); the object Ärende (A) with an owner
and no managers (two orphan findings); integrations Procapita → Heroma, Cosmic → Procapita.

NEW (2026-11-25): Procapita renamed Lifecare (same id s1) and raised to K3; Heroma put into
Ekonomi (its orphan fixed); Cosmic gone; Nova (s4, B, criticality 4, no object, no roles) new;
Heroma → Nova new; Ekonomi's IT manager now Dan Ek; Gamla arkivet recorded as phasing out;
Ärende unchanged (its findings still open). Heroma is now the only link between Förvaltning
A's and B's systems: it enters the joint-continuity list.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from ea.cli import main
from ea.commands.audits import history_entries, keep_history
from ea.config import Config
from ea.landscape import Landscape
from ea.queries import diff
from ea.schema import OWNED_BY, PART_OF
from ea.store import snapshot

OLD_DAY, NEW_DAY = dt.date(2025, 11, 25), dt.date(2026, 11, 25)


def _base(day: dt.date) -> tuple[Landscape, dict]:
    ls = Landscape(meta={"imported_at": day.isoformat()})
    k = {"A": ls.add_organisation("a", name="Förvaltning A", org_kind="förvaltning"),
         "B": ls.add_organisation("b", name="Förvaltning B", org_kind="förvaltning")}
    k["eko"] = ls.add_object("ekonomi", name="Ekonomi")
    k["arende"] = ls.add_object("arende", name="Ärende")
    ls.add_edge(OWNED_BY, k["eko"], k["A"])
    ls.add_edge(OWNED_BY, k["arende"], k["A"])
    for pid, name in (("anna", "Anna Ek"), ("bo", "Bo Berg"), ("cecilia", "Cecilia Dal"),
                      ("dan", "Dan Ek"), ("eva", "Eva Lund")):
        k[pid] = ls.add_person(pid, name=name)
    ls.add_role(k["anna"], k["eko"], "object_owner")
    ls.add_role(k["bo"], k["eko"], "business_manager")
    ls.add_role(k["eva"], k["arende"], "object_owner")
    return ls, k


def build_old() -> Landscape:
    ls, k = _base(OLD_DAY)
    ls.add_role(k["cecilia"], k["eko"], "it_manager")
    s1 = ls.add_system("s1", name="Procapita", k=2)
    s2 = ls.add_system("s2", name="Heroma")
    s3 = ls.add_system("s3", name="Cosmic")
    s5 = ls.add_system("s5", name="Gamla arkivet", status="active")
    for s in (s1, s3, s5):
        ls.add_edge(PART_OF, s, k["eko"])
    for s in (s1, s2, s3, s5):
        ls.add_edge(OWNED_BY, s, k["A"])
    ls.add_integration(s1, s2, type="file")
    ls.add_integration(s3, s1, type="api")
    return ls


def build_new() -> Landscape:
    ls, k = _base(NEW_DAY)
    ls.add_role(k["dan"], k["eko"], "it_manager")
    s1 = ls.add_system("s1", name="Lifecare", k=3)
    s2 = ls.add_system("s2", name="Heroma")
    s4 = ls.add_system("s4", name="Nova", criticality=4)
    s5 = ls.add_system("s5", name="Gamla arkivet", status="phasing_out")
    for s in (s1, s2, s5):
        ls.add_edge(PART_OF, s, k["eko"])
        ls.add_edge(OWNED_BY, s, k["A"])
    ls.add_edge(OWNED_BY, s4, k["B"])
    ls.add_integration(s1, s2, type="file")
    ls.add_integration(s2, s4, type="api")
    return ls


def _rows(df, category):
    part = df[df["category"] == category]
    return sorted(zip(part["name"], part["code"], strict=True))


@pytest.fixture(scope="module")
def changes():
    return diff.run(build_old(), build_new())


def test_renamed_system_is_a_rename_not_removal_plus_addition(changes):
    assert _rows(changes, "systems") == [
        ("Cosmic", "SYSTEM_REMOVED"), ("Lifecare", "SYSTEM_RENAMED"), ("Nova", "SYSTEM_ADDED")]
    r = changes[changes["code"] == "SYSTEM_RENAMED"].iloc[0]
    assert (r["subject"], r["old"], r["new"]) == ("System:s1", "Procapita", "Lifecare")
    assert "Procapita" not in set(changes.loc[changes["change"].isin(["added", "removed"]),
                                              "name"])


def test_new_and_removed_integrations(changes):
    assert _rows(changes, "integrations") == [
        ("Cosmic → Lifecare", "INTEGRATION_REMOVED"), ("Heroma → Nova", "INTEGRATION_ADDED")]
    added = changes[changes["code"] == "INTEGRATION_ADDED"].iloc[0]
    assert added["subject"] == "System:s2 -> System:s4"
    assert added["severity"] == "low"
    # the managers who should have agreed on it (Heroma's, inherited from Ekonomi)
    assert "Bo Berg" in added["reason"] and "Dan Ek" in added["reason"]
    assert added["organisation"] == ["Förvaltning A", "Förvaltning B"]


def test_fixed_orphan_is_resolved_new_one_is_new_old_one_still_open(changes):
    part = changes[changes["category"] == "orphans"]
    got = sorted(zip(part["name"], part["change"], part["field"], strict=True))
    assert got == [
        ("Heroma", "resolved", "no_object_no_roles"),
        ("Nova", "new", "no_object_no_roles"),
        ("Ärende", "open", "missing_role:business_manager"),
        ("Ärende", "open", "missing_role:it_manager"),
    ]
    still = part[part["change"] == "open"]
    assert set(still["since"]) == {"2025-11-25"}
    assert set(still["days_open"]) == {365}
    assert "open since at least 2025-11-25 (365 days)" in still.iloc[0]["reason"]
    new = part[part["change"] == "new"].iloc[0]
    assert new["severity"] == "critical"  # Nova is criticality 4


def test_roles_classification_lifecycle(changes):
    roles = changes[changes["category"] == "roles"]
    assert roles[["name", "field", "old", "new"]].values.tolist() == [
        ["Ekonomi", "it_manager", ["Cecilia Dal"], ["Dan Ek"]]]
    cls = changes[changes["category"] == "classification"]
    assert cls[["name", "field", "old", "new", "severity"]].values.tolist() == [
        ["Lifecare", "k", 2, 3, "low"]]
    life = changes[changes["category"] == "lifecycle"]
    assert life[["name", "old", "new"]].values.tolist() == [
        ["Gamla arkivet", "active", "phasing_out"]]
    # Heroma moved into Ekonomi but kept its organisation: no ownership change
    assert changes[changes["category"] == "ownership"].empty


def test_hub_entering_the_joint_continuity_list(changes):
    assert _rows(changes, "hubs") == [("Heroma", "HUB_ENTERED")]
    r = changes[changes["code"] == "HUB_ENTERED"].iloc[0]
    assert r["severity"] == "high"  # an articulation point across two organisations


def test_hubs_can_be_left_out():
    df = diff.run(build_old(), build_new(), config=Config({"diff": {"hubs": False}}))
    assert df[df["category"] == "hubs"].empty


def test_identical_snapshots_only_open_findings():
    df = diff.run(build_new(), build_new())
    assert set(df["change"]) == {"open"}
    assert not diff.fails(df, "new-info")


def test_fail_on_new_critical(changes):
    assert diff.fails(changes, "new-critical")  # Nova's orphan finding
    assert diff.fails(changes, "new-high")
    calm = changes[changes["name"] != "Nova"]
    assert not diff.fails(calm, "new-critical")
    assert diff.summary(changes).set_index(["category", "change"]).loc[
        ("orphans", "open"), "count"] == 2


def _save(tmp_path, ls, name):
    p = tmp_path / name
    snapshot.save(ls, p)
    return p


def test_cli_two_snapshots_every_format_and_exit_code(tmp_path):
    old, new = _save(tmp_path, build_old(), "old.json"), _save(tmp_path, build_new(), "new.json")
    r = CliRunner().invoke(main, ["diff", str(old), str(new), "-f", "json"])
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    assert {"name": "Lifecare", "code": "SYSTEM_RENAMED"}.items() <= rows[0].items() or any(
        x["code"] == "SYSTEM_RENAMED" and x["name"] == "Lifecare" for x in rows)
    r = CliRunner().invoke(main, ["diff", str(old), str(new), "--fail-on", "new-critical"])
    assert r.exit_code == 1
    assert "failing: new changes at or above critical" in r.stderr
    for fmt in ("csv", "md", "table"):
        r = CliRunner().invoke(main, ["diff", str(old), str(new), "-f", fmt])
        assert r.exit_code == 0 and "Nova" in r.stdout
    out = tmp_path / "changes.xlsx"
    r = CliRunner().invoke(main, ["diff", str(old), str(new), "-o", str(out)])
    assert r.exit_code == 0
    import openpyxl

    assert openpyxl.load_workbook(out).sheetnames == ["changes", "changes per category"]


def test_history_folder_one_argument(tmp_path):
    hist = tmp_path / "history"
    old = _save(tmp_path, build_old(), "landscape.json")
    first = keep_history(old, hist, "2025-11-25")
    new = _save(tmp_path, build_new(), "landscape.json")
    second = keep_history(new, hist, "2026-11-25")
    again = keep_history(new, hist, "2026-11-25")
    assert [p.name for p in history_entries(hist)] == [
        "landscape-2025-11-25.json", "landscape-2026-11-25.json", "landscape-2026-11-25-2.json"]
    assert (first.exists(), second.exists(), again.exists()) == (True, True, True)
    # the newest entry different from the current snapshot is the 2025 one
    r = CliRunner().invoke(main, ["diff", str(hist), "-l", str(new), "-f", "csv"])
    assert r.exit_code == 0, r.output
    assert "SYSTEM_RENAMED" in r.stdout
    assert "landscape-2025-11-25.json (2025-11-25)" in r.stderr


def test_history_without_an_earlier_snapshot_is_one_clear_line(tmp_path):
    hist = tmp_path / "history"
    new = _save(tmp_path, build_new(), "landscape.json")
    keep_history(new, hist, "2026-11-25")
    r = CliRunner().invoke(main, ["diff", str(hist), "-l", str(new)])
    assert r.exit_code == 1
    assert "no earlier snapshot in the history" in r.stderr
    assert "Traceback" not in r.output


def test_pseudonymised_diff_keeps_unchanged_holders_unchanged(tmp_path):
    old, new = _save(tmp_path, build_old(), "old.json"), _save(tmp_path, build_new(), "new.json")
    r = CliRunner().invoke(main, ["--pseudonymise", "diff", str(old), str(new), "-f", "json"])
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    roles = [x for x in rows if x["category"] == "roles"]
    assert len(roles) == 1  # only the IT manager changed, though keys are random per run
    assert "Cecilia" not in r.stdout and "Dan Ek" not in r.stdout


def test_import_keep_history_then_diff_end_to_end(tmp_path):
    """Two imports a year apart with --keep-history; the system S1 renamed in the
    inventory between them is a rename in 'ea diff HISTORY'."""
    from tests import exports as X

    hist, out = tmp_path / "history", tmp_path / "landscape.json"
    header = ["System-ID", "Systemnamn", "Leverantör"]
    first = X.write_csv(tmp_path / "inv2025.csv", [header, ["S1", "Procapita", "CGI"],
                                                   ["S2", "Heroma", "CGI"]])
    second = X.write_csv(tmp_path / "inv2026.csv", [header, ["S1", "Lifecare", "CGI"],
                                                    ["S2", "Heroma", "CGI"],
                                                    ["S3", "Nova", "Tieto"]])
    for f, day in ((first, "2025-11-25"), (second, "2026-11-25")):
        r = CliRunner().invoke(main, ["import", str(f), "-o", str(out), "--as-of", day,
                                      "--keep-history", str(hist), "--replace"])
        assert r.exit_code == 0, r.output
        assert f"History: {hist / f'landscape-{day}.json'}" in r.output
    r = CliRunner().invoke(main, ["diff", str(hist), "-l", str(out), "-f", "json",
                                  "--fail-on", "new-critical"])
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    systems = sorted((x["name"], x["code"]) for x in rows if x["category"] == "systems")
    assert systems == [("Lifecare", "SYSTEM_RENAMED"), ("Nova", "SYSTEM_ADDED")]


def test_hub_entering_when_only_its_objects_owner_changed():
    """Ärendehub's own records do not change; the förvaltningsobjekt of one of its partners
    moves to Förvaltning B, so the hub and its neighbours now span two organisations (as
    ``ea hubs`` counts owners: the object's when a system has none) and it enters the list.
    The lists are the hub query's own on each snapshot, never skipped on a guess."""
    def side(owner: str, day: dt.date) -> Landscape:
        ls = Landscape(meta={"imported_at": day.isoformat()})
        a = ls.add_organisation("a", name="Förvaltning A")
        b = ls.add_organisation("b", name="Förvaltning B")
        obj = ls.add_object("post", name="Posthantering")
        ls.add_edge(OWNED_BY, obj, a if owner == "a" else b)
        hub = ls.add_system("hub", name="Ärendehub")
        left = ls.add_system("left", name="Diarium")
        right = ls.add_system("right", name="Postlåda")
        ls.add_edge(OWNED_BY, hub, a)
        ls.add_edge(OWNED_BY, left, a)
        ls.add_edge(PART_OF, right, obj)  # no owner of its own
        ls.add_integration(left, hub)
        ls.add_integration(hub, right)
        return ls

    df = diff.run(side("a", OLD_DAY), side("b", NEW_DAY))
    assert _rows(df, "hubs") == [("Ärendehub", "HUB_ENTERED")]
    assert _rows(df, "ownership") == [("Posthantering", "OWNER_CHANGED"),
                                      ("Postlåda", "OWNER_CHANGED")]


def test_each_snapshot_is_ranked_once_then_read_from_its_cache(tmp_path):
    """ea diff loads both snapshots with their hub caches: the first run ranks each and
    keeps the metrics beside it, the next reads them back (as ea hubs would)."""
    from ea.derived import hubs as dhubs

    old, new = _save(tmp_path, build_old(), "old.json"), _save(tmp_path, build_new(), "new.json")
    computed = []
    real = dhubs._metrics
    try:
        dhubs._metrics = lambda ls, *a: computed.append(ls.name("System:s1")) or real(ls, *a)
        first = CliRunner().invoke(main, ["diff", str(old), str(new), "-f", "json"])
        assert first.exit_code == 0, first.output
        assert sorted(computed) == ["Lifecare", "Procapita"]
        assert (tmp_path / "old.json.hubs").exists() and (tmp_path / "new.json.hubs").exists()
        computed.clear()
        again = CliRunner().invoke(main, ["diff", str(old), str(new), "-f", "json"])
        assert again.exit_code == 0 and computed == []
    finally:
        dhubs._metrics = real
    assert again.stdout == first.stdout
    assert [x["name"] for x in json.loads(again.stdout) if x["category"] == "hubs"] == [
        "Heroma"]
