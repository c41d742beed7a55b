"""Options and helpers shared by the CLI commands.

Every command module in :mod:`ea.commands` defines click commands and a
``register(group)`` function that adds them to the ``ea`` group; :mod:`ea.cli` discovers the
modules. Commands stay thin: parse options, call one importer/query/output, report.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from pathlib import Path

import click
import pandas as pd

from ea import config as config_mod
from ea import output
from ea.errors import EaError

DEFAULT_LANDSCAPE = "landscape.json"


def get_config(ctx: click.Context | None = None) -> config_mod.Config:
    ctx = ctx or click.get_current_context()
    root = ctx.find_root()
    root.ensure_object(dict)
    if "config" not in root.obj:
        root.obj["config"] = config_mod.load(root.obj.get("config_path"))
    return root.obj["config"]


def landscape_path(value: str | None) -> Path:
    if value:
        return Path(value)
    cfg = get_config()
    return Path(os.environ.get("EA_LANDSCAPE") or cfg.get("landscape") or DEFAULT_LANDSCAPE)


def landscape_option(func):
    return click.option(
        "--landscape", "-l", "landscape", metavar="FILE", default=None,
        help="Landscape snapshot to read (default: 'landscape' in ea.yaml, $EA_LANDSCAPE, "
             "or ./landscape.json).")(func)


def load_landscape(value: str | None):
    from ea.store import snapshot

    return snapshot.load(landscape_path(value))


def as_of_option(func):
    return click.option(
        "--as-of", "as_of", metavar="YYYY-MM-DD", default=None,
        help="The date to judge ages and deadlines against (default: as_of in ea.yaml, "
             "else today).")(func)


def resolve_as_of(value: str | None) -> dt.date:
    if value:
        return config_mod.parse_as_of(value)
    return get_config().as_of or dt.date.today()


def output_options(func):
    func = click.option("--output", "-o", "output_path", metavar="FILE", default=None,
                        help="Write to FILE instead of the terminal (needed for xlsx).")(func)
    func = click.option("--format", "-f", "fmt", type=click.Choice(output.FORMATS),
                        default=None,
                        help="Output format (default: table, or taken from --output's "
                             "extension).")(func)
    return func


def filter_options(func):
    func = click.option("--person", metavar="NAME|EMAIL", default=None,
                        help="Only findings that concern this person.")(func)
    func = click.option("--object", "object_", metavar="NAME", default=None,
                        help="Only findings about this förvaltningsobjekt and its systems.")(func)
    func = click.option("--organisation", "--org", "organisation", metavar="NAME", default=None,
                        help="Only findings in this organisation (or below it).")(func)
    return func


def pick_format(fmt: str | None, output_path: str | None) -> str:
    if fmt:
        return fmt
    if output_path:
        ext = Path(output_path).suffix.lower().lstrip(".")
        return {"xlsx": "xlsx", "csv": "csv", "json": "json", "md": "md",
                "markdown": "md"}.get(ext, "table")
    return "table"


def emit(df: pd.DataFrame, fmt: str | None, output_path: str | None, *,
         sheet: str = "findings", extra_sheets: dict[str, pd.DataFrame] | None = None) -> None:
    """Print or write ``df`` (and any extra tables) in the chosen format."""
    fmt = pick_format(fmt, output_path)
    if fmt == "xlsx" and not output_path:
        raise click.UsageError("xlsx needs --output FILE.xlsx")
    result = output.write(df, fmt, output_path, sheet=sheet, extra_sheets=extra_sheets)
    if output_path:
        click.echo(f"wrote {len(df)} rows to {result}", err=True)
    else:
        click.echo(result, nl=False)


def friendly_errors(func):
    """Turn expected failures into one clear line and a non-zero exit."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except EaError as exc:
            raise click.ClickException(str(exc)) from None
        except KeyError as exc:  # unknown query names and the like
            raise click.ClickException(str(exc.args[0] if exc.args else exc)) from None

    return wrapper
