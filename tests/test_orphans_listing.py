"""ea orphans leads with what matters (issue 12, point 7): a register with no object-owner
column gets one line saying so, not one row per system, and the systems with nobody at all
come first, ranked by criticality and integrations; --all and the xlsx keep every row."""

from __future__ import annotations

import openpyxl
from click.testing import CliRunner

from ea.cli import main
from ea.importers import import_files
from ea.queries import orphans
from tests.conftest import AS_OF
from tests.lead_lines import lead_lines

REGISTER = """\
Systemnamn;Förvaltning;Verksamhetskritiskt;Systemförvaltare;Systemförvaltare IT
Alfa;Förvaltning A;Helt verksamhetskritiskt;Anna Andersson <anna@exempel.se>;Bo Berg <bo@exempel.se>
Beta;Förvaltning A;Ej verksamhetskritiskt;Anna Andersson <anna@exempel.se>;Bo Berg <bo@exempel.se>
Gamma;Förvaltning A;Verksamhetskritiskt;;
Delta;Förvaltning B;Helt verksamhetskritiskt;;
Epsilon;Förvaltning B;Ej verksamhetskritiskt;;Bo Berg <bo@exempel.se>
"""

NOTE = ("Note: no source records an object owner; 5 systems lack one: import a role list or "
        "change `mandatory_roles`")


def _snapshot(tmp_path):
    path = tmp_path / "register.csv"
    path.write_text(REGISTER, encoding="utf-8")
    from ea.store import snapshot

    ls = import_files([path], imported_at=AS_OF).landscape
    return ls, str(snapshot.save(ls, tmp_path / "landscape.json"))


def test_no_owner_column_is_said_once_and_nobody_leads(tmp_path):
    ls, _ = _snapshot(tmp_path)
    df = orphans.run(ls, as_of=AS_OF)
    assert orphans.unrecorded_roles(ls) == ["object_owner"]
    assert orphans.notices(ls, df) == [NOTE.removeprefix("Note: ")]
    listing, left_out = orphans.leading(df, orphans.unrecorded_roles(ls))
    assert left_out == 3  # Alfa, Beta, Epsilon: "no object owner", said once instead
    assert list(zip(listing["name"], listing["code"], strict=True)) == [
        ("Delta", "no_object_no_roles"), ("Gamma", "no_object_no_roles"),
        ("Epsilon", "missing_role")]
    assert list(listing["nobody"]) == [True, True, False]


def test_cli_default_all_and_xlsx(tmp_path):
    _, snap = _snapshot(tmp_path)
    runner = CliRunner()
    res = runner.invoke(main, ["orphans", "-l", snap, "--as-of", "2026-11-25"])
    assert res.exit_code == 0, res.output
    lines = lead_lines(res.output)
    assert lines[0] == NOTE
    assert lines[1] == ("Note: 3 rows of those roles are left out here: --all or -o orphans.xlsx "
                        "lists every row")
    table = res.output.split("per organisation")[0]
    assert table.count("no object owner") == 0 and table.index("Delta") < table.index("Gamma")
    res = runner.invoke(main, ["orphans", "-l", snap, "--as-of", "2026-11-25", "--all"])
    assert res.output.split("per organisation")[0].count("no object owner") == 3
    out = tmp_path / "orphans.xlsx"
    res = runner.invoke(main, ["orphans", "-l", snap, "--as-of", "2026-11-25", "-o", str(out)])
    assert res.exit_code == 0, res.output
    rows = list(openpyxl.load_workbook(out)["orphans"].iter_rows(values_only=True))
    assert len(rows) - 1 == 6  # every row, the header aside
