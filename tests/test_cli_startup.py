"""Start-up: ``ea --version`` and ``ea --help`` import no command module (issue 18, point 5)."""

from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner

from ea import cli

HEAVY = ("pandas", "networkx", "numpy", "rustworkx", "openpyxl", "ea.commands")


def _imported_after(*args: str) -> set[str]:
    code = ("import sys\nfrom ea.cli import main\n"
            f"try:\n    main({list(args)!r}, standalone_mode=False)\nexcept SystemExit:\n    pass\n"
            "print('\\n'.join(sorted(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    return set(out.split())


def test_lazy_table_equals_what_the_modules_register():
    assert cli.COMMANDS == cli.registered_commands()


def test_version_imports_neither_pandas_nor_networkx():
    mods = _imported_after("--version")
    assert "ea.cli" in mods
    assert sorted(m for m in mods if m.split(".")[0] in HEAVY or m.startswith(HEAVY)) == []


def test_help_lists_every_command_without_importing_one():
    mods = _imported_after("--help")
    assert sorted(m for m in mods if m.startswith(HEAVY)) == []


def test_help_text_is_the_modules_own():
    r = CliRunner().invoke(cli.main, ["--help"], terminal_width=120)
    assert r.exit_code == 0, r.output
    listed = [line.split()[0] for line in r.output.split("Commands:")[1].splitlines()
              if line.strip()]
    assert listed == sorted(cli.registered_commands())
    assert "  import          Import exports (.xlsx, .csv) into a landscape snapshot." in r.output


def test_a_command_runs_after_lazy_loading(tmp_path):
    r = CliRunner().invoke(cli.main, ["stats", "-l", str(tmp_path / "none.json")])
    assert r.exit_code == 1
    assert "none.json" in r.output
