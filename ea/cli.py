"""The ``ea`` command line. Commands live in :mod:`ea.commands`, one module per area."""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys

import click

from ea.errors import EaError

#: Exit code of a bug in ea (EX_SOFTWARE of sysexits.h): distinct from an input or
#: configuration error (1) and a usage error (2), so a script can tell them apart.
BUG_EXIT_CODE = 70


#: Every command: name -> (module that registers it, its one-line help). ``ea --help`` and
#: ``ea --version`` read this table and import no command module; a command's module (and
#: with it pandas, networkx, ...) is imported only when that command runs. A test asserts the
#: table equals what the modules register (tests/test_cli_startup.py).
COMMANDS: dict[str, tuple[str, str]] = {
    'ageing': ('ea.commands.architecture',
        'What is ageing and what hangs off it, with a prioritised replacement list.'),
    'check': ('ea.commands.governance',
        'Run every rule of orphans, coordinate, quality and classification; one findings table with a column naming the report.'),
    'classification': ('ea.commands.governance',
        'Classification checks: information flowing to a lower K, providers with lower availability or longer RTO than their dependents, T >= 3 without a continuity plan, effective level (over the information processed) above the recorded one, unclassified systems integrating with classified ones.'),
    'coordinate': ('ea.commands.governance',
        'Whom each object manager must coordinate with: where two systems integrate, their managers must meet.'),
    'demo': ('ea.commands.core',
        'Generate a realistic synthetic region (or country) as Swedish exports, and import it.'),
    'diff': ('ea.commands.audits',
        'What changed between two snapshots: systems and integrations added and removed, renames, owners and role holders, classification and lifecycle, orphan findings new, resolved and still open, hubs entering or leaving the joint-continuity list.'),
    'duplicates': ('ea.commands.architecture',
        'Consolidation candidates: the same product, or near-identical names, registered by several organisations.'),
    'export': ('ea.commands.exchange',
        'Write the landscape in an exchange format other tools read.'),
    'hubs': ('ea.commands.architecture',
        'Integration hubs, and those that need joint continuity planning.'),
    'impact': ('ea.commands.architecture',
        'What stops if SYSTEM stops, what is only degraded, what is merely reachable: each system with its path and why, then what becomes disconnected without it.'),
    'import': ('ea.commands.core',
        'Import exports (.xlsx, .csv) into a landscape snapshot.'),
    'map': ('ea.commands.maps',
        'Write an interactive dependency map (one HTML file that opens offline).'),
    'neo4j': ('ea.commands.neo4j',
        'The landscape in a Neo4j database: push a snapshot, pull one back, show status.'),
    'orphans': ('ea.commands.governance',
        'Systems and förvaltningsobjekt without a working owner or manager.'),
    'people': ('ea.commands.audits',
        'Key-person risk: per person, roles held (count, weighted by criticality, objects and organisations), key roles on critical systems and hubs held by them alone, holders who have left; per organisation, open roles and the share of critical systems depending on one person; the bus-factor list.'),
    'precheck': ('ea.commands.audits',
        'Before procuring a system: whom to involve and what it inherits.'),
    'quality': ('ea.commands.governance',
        'Data quality as an audit: each rule, its scope, how many subjects pass and the share.'),
    'report': ('ea.commands.report',
        'Write the board pack: unowned systems and objects per organisation (bar chart), critical and high findings, hubs that need joint continuity planning with their groups, ageing per quarter (chart) and the replacement list, classification and continuity gaps, on a title page with the as-of date and the source files.'),
    'show': ('ea.commands.core',
        'Everything known about one system (or object, person, organisation).'),
    'stats': ('ea.commands.core',
        'Counts of what the snapshot holds, and the import ledger per file.'),
}


class EaGroup(click.Group):
    """A group that turns ea's own errors (:class:`~ea.errors.EaError`: bad input, bad
    configuration, a question a query cannot answer) and the system's (``OSError``: a file
    that cannot be read or written) into one line and exit code 1, and
    anything else into a bug report line and exit code :data:`BUG_EXIT_CODE` (the
    traceback only with EA_DEBUG=1). A ``KeyError`` is a bug, never a plausible message."""

    def list_commands(self, ctx):
        return sorted(set(COMMANDS) | set(self.commands))

    def get_command(self, ctx, cmd_name):
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            _load(COMMANDS[cmd_name][0])
        return self.commands.get(cmd_name)

    def format_commands(self, ctx, formatter):
        """The command list from :data:`COMMANDS`, as click would write it, without
        importing a command module."""
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(n) for n in names)
        rows = []
        for name in names:
            text = COMMANDS[name][1] if name in COMMANDS else \
                self.commands[name].get_short_help_str(limit=1000)
            rows.append((name, click.Command(name, help=text).get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except EaError as exc:
            raise click.ClickException(str(exc)) from None
        except (click.exceptions.Exit, click.ClickException, click.Abort, KeyboardInterrupt):
            raise
        except BrokenPipeError:
            # the reader went away (ea stats | head -1): click's main ends quietly
            raise
        except OSError as exc:  # the environment (a missing file, a full disk), not a bug
            where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
            raise click.ClickException(f"{where}{exc.strerror or exc}") from None
        except Exception as exc:
            return _bug(exc)


def _bug(exc: BaseException):
    if os.environ.get("EA_DEBUG"):
        raise exc
    click.echo(f"Error: internal error in ea (a bug, not your input): "
               f"{exc.__class__.__name__}: {exc}", err=True)
    click.echo("Please report it with the command you ran; EA_DEBUG=1 shows the traceback.",
               err=True)
    raise click.exceptions.Exit(BUG_EXIT_CODE)


@click.group(cls=EaGroup, context_settings={"help_option_names": ["-h", "--help"],
                                            "max_content_width": 100})
@click.option("--config", "config_path", metavar="FILE", default=None,
              help="YAML configuration (default: $EA_CONFIG or ./ea.yaml if present).")
@click.option("--pseudonymise", "--pseudonymize", "pseudonymise", is_flag=True, default=False,
              help="Replace the names and e-mails of role holders by stable pseudonyms "
                   "(\"Person 3F9A2B7C\") in everything this command writes or shows; key: "
                   "privacy.secret in ea.yaml or $EA_PSEUDONYM_SECRET, else random per run. "
                   "See docs/security.md.")
@click.version_option(package_name="ea")
@click.pass_context
def main(ctx: click.Context, config_path: str | None, pseudonymise: bool) -> None:
    """ea: the IT landscape of a Swedish region or municipality as a graph.

    \b
    Start here:
      ea demo                      generate a synthetic region and import it
      ea import FILES...           import inventory, integration, role, people and
                                   classification exports (.xlsx, .csv)
      ea stats                     what was imported
      ea show SYSTEM               everything known about one system

    Every command reads the snapshot ./landscape.json unless --landscape says otherwise.
    """
    ctx.ensure_object(dict)
    ctx.obj["config_path"] = config_path
    ctx.obj["pseudonymise"] = pseudonymise


_loaded: set[str] = set()


def _load(module_name: str, group: click.Group | None = None) -> None:
    """Import one command module and add its commands to ``group`` (default :func:`main`)."""
    if group is None and module_name in _loaded:
        return
    module = importlib.import_module(module_name)
    register = getattr(module, "register", None)
    if register is not None:
        register(main if group is None else group)
    if group is None:
        _loaded.add(module_name)


def registered_commands() -> dict[str, tuple[str, str]]:
    """What the modules of :mod:`ea.commands` register, in the shape of :data:`COMMANDS`
    (imports every command module: for the test that keeps the table honest)."""
    from ea import commands

    found: dict[str, tuple[str, str]] = {}
    for mod in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        if mod.name.startswith("_"):
            continue
        group = click.Group()
        _load(f"{commands.__name__}.{mod.name}", group)
        for name, cmd in group.commands.items():
            found[name] = (f"{commands.__name__}.{mod.name}",
                           cmd.get_short_help_str(limit=1000))
    return found


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
