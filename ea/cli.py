"""The ``ea`` command line. Commands live in :mod:`ea.commands`, one module per area."""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys

import click

from ea import commands
from ea.errors import EaError

#: Exit code of a bug in ea (EX_SOFTWARE of sysexits.h): distinct from an input or
#: configuration error (1) and a usage error (2), so a script can tell them apart.
BUG_EXIT_CODE = 70


class EaGroup(click.Group):
    """A group that turns ea's own errors (:class:`~ea.errors.EaError`: bad input, bad
    configuration, a question a query cannot answer) and the system's (``OSError``: a file
    that cannot be read or written) into one line and exit code 1, and
    anything else into a bug report line and exit code :data:`BUG_EXIT_CODE` (the
    traceback only with EA_DEBUG=1). A ``KeyError`` is a bug, never a plausible message."""

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


def _register_commands() -> None:
    for mod in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        if mod.name.startswith("_"):
            continue
        module = importlib.import_module(f"{commands.__name__}.{mod.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(main)


_register_commands()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
