"""Options and helpers shared by the CLI commands.

Every command module in :mod:`ea.commands` defines click commands and a
``register(group)`` function that adds them to the ``ea`` group; :mod:`ea.cli` discovers the
modules. Commands stay thin: parse options, call one importer/query/output, report.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import os
from pathlib import Path

import click
import pandas as pd

from ea import config as config_mod
from ea import i18n, output
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


def _pseudonymising() -> bool:
    ctx = click.get_current_context(silent=True)
    return bool(ctx is not None and (ctx.find_root().obj or {}).get("pseudonymise"))


def maybe_pseudonymise(ls):
    """Apply ``ea --pseudonymise``: people's names and e-mails replaced by stable
    pseudonyms in everything the command shows or writes (see docs/security.md)."""
    if _pseudonymising():
        from ea.privacy import pseudonymise

        return pseudonymise(ls, config=get_config())
    return ls


def load_landscape(value: str | None, *, backend: str = "snapshot"):
    """The landscape a command reads: the snapshot ``value`` (or the default one), or with
    ``backend="neo4j"`` the one in the configured Neo4j database, read back into the same
    model (see docs/neo4j.md); pseudonymised under ``ea --pseudonymise``."""
    if backend == "neo4j":
        if value:
            raise click.UsageError("--landscape reads a snapshot; it cannot be combined with "
                                   "the Neo4j backend")
        from ea.queries import _neo4j

        return maybe_pseudonymise(_neo4j.landscape(neo4j_store()))
    from ea.store import cache, snapshot

    path = landscape_path(value)
    before = cache.stamp(path)
    ls = snapshot.load(path)
    if _pseudonymising():
        return maybe_pseudonymise(ls)
    cache.attach(ls, path, before)  # hub metrics computed once per snapshot (ea.store.cache)
    # The command keeps this landscape to its end: take it out of the cyclic collector's
    # walks, which otherwise go over every node and edge dict again each time the report's
    # own objects set it off (ea orphans at 10,000 systems: 6.6 -> 4.2 s CPU;
    # bench/snapshot_load.py). Frozen objects are still freed when nothing refers to them.
    gc.freeze()
    return ls


def as_of_option(func):
    return click.option(
        "--as-of", "as_of", metavar="YYYY-MM-DD", default=None,
        help="The date to judge ages and deadlines against (default: as_of in ea.yaml, "
             "else today).")(func)


def resolve_as_of(value: str | None) -> dt.date:
    if value:
        return config_mod.parse_as_of(value)
    return get_config().as_of or dt.date.today()


def _remember(key: str):
    """A click callback that keeps an output option on the root context, so ``emit`` reads
    it without every command passing it along."""

    def callback(ctx: click.Context, _param, value):
        root = ctx.find_root()
        root.ensure_object(dict)
        root.obj[key] = value
        return value

    return callback


def output_options(func):
    func = click.option("--output", "-o", "output_path", metavar="FILE", default=None,
                        help="Write to FILE instead of the terminal; the format follows the "
                             "suffix: " + ", ".join(f".{s}" for s in output.SUFFIXES) +
                             ".")(func)
    func = click.option("--format", "-f", "fmt", type=click.Choice(output.FORMATS),
                        default=None,
                        help="Output format (default: table, or taken from --output's "
                             "suffix).")(func)
    func = click.option("--all", "all_rows", is_flag=True, expose_value=False,
                        callback=_remember("all_rows"),
                        help="Terminal: show every row (default: a summary and the first "
                             "rows).")(func)
    func = click.option("--no-pager", "no_pager", is_flag=True, expose_value=False,
                        callback=_remember("no_pager"),
                        help="Terminal: print straight through, even when the report is "
                             "longer than the screen (default: a pager, $PAGER else less).")(func)
    func = click.option("--columns", metavar="A,B,...", default=None, expose_value=False,
                        callback=_remember("columns"),
                        help="Only these columns, in this order (any format; the table "
                             "lists the others).")(func)
    return lang_option(excel_option(func))


def lang_option(func):
    """``--lang sv|en``: the language people read (see :mod:`ea.i18n`)."""
    return click.option("--lang", type=click.Choice(i18n.LANGS), default=None,
                        expose_value=False, callback=_remember("lang"),
                        help="Language of what people read (terminal, xlsx, md): headers, "
                             "titles, finding names, severities, roles; csv and json keep "
                             "their English keys (default: lang in ea.yaml, else en).")(func)


def language() -> str:
    """The language of human-facing output: ``--lang``, else ``lang`` in ea.yaml, else
    English."""
    value = _root_option("lang")
    if value is None and click.get_current_context(silent=True) is not None:
        value = get_config().get("lang")
    try:
        return i18n.check(value)
    except EaError as exc:
        raise click.UsageError(f"ea.yaml: {exc}") from None


def excel_option(func):
    """``--excel``: CSV for Swedish Excel (see :func:`excel_csv`)."""
    return click.option("--excel", is_flag=True, default=None, expose_value=False,
                        callback=_remember("excel"),
                        help="CSV for Swedish Excel: ';' between cells, decimal comma and "
                             "a UTF-8 BOM (default: excel_csv in ea.yaml).")(func)


def filter_options(func):
    func = click.option("--person", metavar="NAME|EMAIL", default=None,
                        help="Only findings that concern this person.")(func)
    func = click.option("--object", "object_", metavar="NAME", default=None,
                        help="Only findings about this förvaltningsobjekt and its systems.")(func)
    func = click.option("--organisation", "--org", "organisation", metavar="NAME", default=None,
                        help="Only findings in this organisation (or below it).")(func)
    return func


def pick_format(fmt: str | None, output_path: str | None) -> str:
    """``--format``, else the format of ``--output``'s suffix, else ``table``; a suffix ea
    cannot write (``.xls``, ``.pdf``) is a usage error naming the ones it can."""
    if output_path:
        suffix = Path(output_path).suffix.lower().lstrip(".")
        known = output.SUFFIXES.get(suffix)
        if known is None:
            can = ", ".join(f".{s}" for s in output.SUFFIXES)
            what = f"'.{suffix}'" if suffix else "no suffix"
            raise click.UsageError(
                f"cannot write {output_path}: {what} is not a format ea writes; use one of "
                f"{can} (or --format {'|'.join(output.FORMATS)} with one of those suffixes)")
        return fmt or known
    return fmt or "table"


def _root_option(key: str, default=None):
    ctx = click.get_current_context(silent=True)
    if ctx is None:
        return default
    value = (ctx.find_root().obj or {}).get(key)
    return default if value is None else value


def show_all() -> bool:
    """``--all``: every row in the terminal (files always hold every row)."""
    return bool(_root_option("all_rows"))


def use_pager() -> bool:
    """Whether a long report in a terminal may go through a pager (not with ``--no-pager``)."""
    return not _root_option("no_pager")


def excel_csv() -> bool:
    """CSV for people in Swedish Excel: ``--excel``, else ``excel_csv`` in ea.yaml."""
    flag = _root_option("excel")
    if flag:
        return True
    ctx = click.get_current_context(silent=True)
    return bool(ctx is not None and get_config().get("excel_csv"))


def chosen_columns(df: pd.DataFrame) -> list[str] | None:
    """The columns ``--columns`` asks for, checked against ``df``."""
    raw = _root_option("columns")
    if not raw:
        return None
    cols = [c.strip() for c in str(raw).split(",") if c.strip()]
    unknown = [c for c in cols if c not in df.columns]
    if unknown:
        raise click.UsageError(
            f"--columns: no column {', '.join(repr(c) for c in unknown)}; this report has "
            f"{', '.join(map(str, df.columns))}")
    return cols


def emit(df: pd.DataFrame, fmt: str | None, output_path: str | None, *,
         sheet: str = "findings", extra_sheets: dict[str, pd.DataFrame] | None = None,
         view: str | None = None, lead: list[str] | None = None,
         extra_rows: dict[str, int] | None = None) -> None:
    """Print or write ``df`` (and any extra tables) in the chosen format.

    In a terminal the report is drawn as :mod:`ea.terminal` says (the view ``view``, else
    ``sheet``, in :mod:`ea.views`): a summary, the first rows in the default columns, the
    extra tables under their titles; ``lead`` lines (a summary sentence, notes) come first,
    wrapped to the width. Files hold every row. ``extra_rows``: the row count of an extra
    table given as its first rows only, for the terminal (see
    :func:`ea.terminal.render_report`)."""
    from ea import terminal

    fmt = pick_format(fmt, output_path)
    if fmt == "xlsx" and not output_path:
        raise click.UsageError("xlsx needs --output FILE.xlsx")
    cols = chosen_columns(df)
    lang = language()
    if lead:  # notes and summary sentences in the language people read
        lead = [i18n.sentence(lang, line) for line in lead]
    if fmt == "table" and not output_path:
        terminal.show(terminal.render_report(
            df, view or sheet, extra_sheets, width=terminal.terminal_width(),
            colour=terminal.use_colour(), all_rows=show_all(),
            columns=cols, lead=lead, lang=lang, extra_rows=extra_rows), pager=use_pager())
        return
    if cols:
        df = df[cols]
    if fmt == "table":  # a .txt file: every row, the width of a wide terminal, no colour
        text = terminal.render_report(df, view or sheet, extra_sheets,
                                      width=terminal.terminal_width(default=120),
                                      all_rows=True, columns=cols, lead=lead, lang=lang)
        result = output.write_text(text, output_path)
    else:
        with terminal.progress() as progress:
            result = output.write(df, fmt, output_path, sheet=sheet,
                                  extra_sheets=extra_sheets, excel=excel_csv(),
                                  progress=progress, lang=lang)
    if output_path:
        click.echo(f"wrote {len(df)} rows to {result}", err=True)
        for name, rows, parts in output.SPLIT_SHEETS if fmt == "xlsx" else ():
            click.echo(f"Note: sheet '{name}' has {rows:,} rows, more than Excel's "
                       f"{output.XLSX_MAX_ROWS:,} a sheet: continued on sheets "
                       f"'{name} (2)' to '{name} ({parts})' (csv keeps one file)", err=True)
        if fmt == "xlsx" and output.CUT_CELLS:
            where = sorted(set(output.CUT_CELLS))
            click.echo(f"Warning: {len(output.CUT_CELLS)} cells longer than Excel's 32,767 "
                       "characters were cut (marked '[cut by ea: …]'): " + ", ".join(
                           f"{s} / {c}" for s, c in where[:5]), err=True)
    else:
        click.echo(result, nl=False)


def friendly_errors(func):
    """Turn ea's own errors into one clear line and a non-zero exit; anything else is a bug
    and reaches :class:`ea.cli.EaGroup`, which says so."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except EaError as exc:
            raise click.ClickException(str(exc)) from None

    return wrapper


# --------------------------------------------------------------------------- backends
BACKENDS = ("snapshot", "neo4j")


def _set_backend(ctx: click.Context, _param, value: bool) -> None:
    if value:
        root = ctx.find_root()
        root.ensure_object(dict)
        root.obj["backend"] = "neo4j"


def backend_option(func):
    """``--neo4j``: answer from the Neo4j database (see docs/neo4j.md) instead of the
    snapshot. Also ``EA_BACKEND=neo4j`` or ``backend: neo4j`` in ea.yaml."""
    return click.option(
        "--neo4j", "use_neo4j", is_flag=True, expose_value=False, callback=_set_backend,
        is_eager=True,
        help="Read the landscape from Neo4j (NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD or the "
             "'neo4j:' section of ea.yaml) instead of the snapshot.")(func)


def backend() -> str:
    """The backend in force: ``--neo4j``, else ``$EA_BACKEND``, else ``backend`` in ea.yaml,
    else ``snapshot``."""
    ctx = click.get_current_context()
    root = ctx.find_root()
    root.ensure_object(dict)
    value = (root.obj.get("backend") or os.environ.get("EA_BACKEND")
             or get_config().get("backend") or "snapshot")
    value = str(value).strip().lower()
    if value not in BACKENDS:
        raise click.UsageError(f"backend must be one of {', '.join(BACKENDS)}, not '{value}'")
    return value


def neo4j_store():
    """An open :class:`ea.store.neo4j.Store` for the configured server (closed with the
    command)."""
    from ea.store import neo4j as n4

    ctx = click.get_current_context()
    root = ctx.find_root()
    root.ensure_object(dict)
    if "neo4j_store" not in root.obj:
        store = n4.connect(get_config())
        store.check()
        root.obj["neo4j_store"] = store
        root.call_on_close(store.close)
    return root.obj["neo4j_store"]


def query_landscape(name: str, landscape_opt: str | None):
    """The landscape query ``name`` runs on, from the backend in force (every query reads the
    same model on either backend)."""
    return load_landscape(landscape_opt, backend=backend())


def run_query(name: str, landscape_opt: str | None, **kw) -> pd.DataFrame:
    """Run the registered query ``name`` on the backend in force (snapshot or Neo4j)."""
    from ea import queries

    return queries.get(name).func(query_landscape(name, landscape_opt), **kw)
