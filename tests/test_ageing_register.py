"""Ageing answers the register's own question (issue 12, point 6), on an invented register
with a decommission year column (``Avvecklingsår``) and a status ``Under avveckling``."""

from __future__ import annotations

import datetime as dt

from ea.derived import lifecycle as lc
from ea.derived import system_facts
from ea.importers import import_files
from ea.queries import ageing

REGISTER = """\
Systemnamn;Förvaltning;Status;Driftsatt;Avvecklingsår;Verksamhetskritiskt
Kassa;Förvaltning A;I drift;2010;2026;Helt verksamhetskritiskt
Journal;Förvaltning A;Under avveckling;2012-03-01;;Verksamhetskritiskt
Kartan;Förvaltning A;I drift;2015;;Ej verksamhetskritiskt
Lager;Förvaltning A;Avvecklad;2001;2020;Ej verksamhetskritiskt
"""


def _landscape(tmp_path):
    path = tmp_path / "register.csv"
    path.write_text(REGISTER, encoding="utf-8")
    ls = import_files([path], imported_at=dt.date(2026, 1, 1)).landscape
    key = {d["name"]: k for k, d in ls.nodes("System")}
    # an assessment column saying 'Avveckling' (another importer step records it)
    ls.node(key["Kartan"])["retirement_intended"] = True
    # Kassa depends on Kartan: a dependant for the replacement list
    ls.add_integration(key["Kartan"], key["Kassa"])
    return ls, key


def _codes(df, name):
    return sorted(df.loc[df["name"] == name, "code"])


def test_a_bare_year_is_the_whole_year(tmp_path):
    ls, key = _landscape(tmp_path)
    kassa = ls.node(key["Kassa"])
    assert kassa["phase_out_from"] == "2026-01-01" and kassa["raw"]["phase_out_from"] == "2026"
    assert lc.period_end(kassa, "phase_out_from") == dt.date(2026, 12, 31)
    for day in (dt.date(2026, 1, 1), dt.date(2026, 12, 31)):
        assert "RETIREMENT_OVERDUE" not in _codes(ageing.run(ls, as_of=day), "Kassa")
        assert "Kassa" not in set(ageing.replacement(ls, as_of=day)["name"])
    later = dt.date(2027, 1, 15)
    df = ageing.run(ls, as_of=later)
    row = df[(df["name"] == "Kassa") & (df["code"] == "RETIREMENT_OVERDUE")].iloc[0]
    assert (row["severity"], row["date"]) == ("medium", "2026-12-31")
    assert row["reason"] == "Kassa's planned retirement (2026) passed 15 days ago and it is still in use."
    rep = ageing.replacement(ls, as_of=later)
    k = rep[rep["name"] == "Kassa"].iloc[0]
    assert (k["end_kind"], k["end_date"], k["time_points"], k["criticality_points"],
            k["dependant_count"]) == ("retirement_overdue", "2026-12-31", 40.0, 20.0, 1)
    assert system_facts(ls, as_of=later)[key["Kassa"]]["retirement_overdue"] is True
    # the retired Lager, whose year passed long ago, is not overdue: it is out of use
    assert "Lager" not in set(df["name"])


def test_under_avveckling_is_the_lifecycle_shown(tmp_path):
    ls, key = _landscape(tmp_path)
    df = ageing.run(ls, as_of=dt.date(2026, 1, 1))
    j = df[df["name"] == "Journal"]
    # Journal has no finding of its own; the map and system_facts show its phase
    assert j.empty
    facts = system_facts(ls, as_of=dt.date(2026, 1, 1))[key["Journal"]]
    assert (facts["lifecycle_phase"], facts["lifecycle_from_dates"]) == ("phasing_out", "active")
    life = lc.lifecycle(ls.node(key["Journal"]), dt.date(2026, 1, 1))
    assert life.text() == ("Phasing out (under avveckling) (dates say: In service (i drift / "
                           "under förvaltning))")


def test_retirement_intended_is_an_intent_to_retire(tmp_path):
    ls, key = _landscape(tmp_path)
    day = dt.date(2026, 1, 1)
    df = ageing.run(ls, as_of=day)
    row = df[(df["name"] == "Kartan") & (df["code"] == "RETIREMENT_INTENDED")].iloc[0]
    assert row["reason"] == ("An assessment of Kartan says 'Avveckling' (intent to retire); no "
                             "retirement date recorded.")
    assert (row["lifecycle"], row["severity"]) == ("active", "info")
    rep = ageing.replacement(ls, as_of=day)
    k = rep[rep["name"] == "Kartan"].iloc[0]
    assert (k["end_kind"], k["time_points"], k["dependants"]) == (
        "retirement_intended", 0.0, ["Kassa"])
