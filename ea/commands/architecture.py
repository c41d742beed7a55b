"""Architect analyses on the command line: ``ea hubs``, ``ea impact``, ``ea ageing``,
``ea duplicates``. Thin: parse options, call the query, emit."""

from __future__ import annotations

from pathlib import Path

import click
import pandas as pd

from ea.commands._common import (
    as_of_option,
    backend_option,
    emit,
    filter_options,
    friendly_errors,
    get_config,
    landscape_option,
    output_options,
    pick_format,
    query_landscape,
    resolve_as_of,
    show_all,
)


# ------------------------------------------------------------------------------ filters
def subjects_for(landscape, organisation=None, object_=None, person=None) -> set | None:
    """Node keys that pass the --organisation/--object/--person filters (None: no filter),
    as every report judges them (:func:`ea.queries.scoped_subjects`)."""
    from ea.queries import scoped_subjects

    return scoped_subjects(landscape, organisation=organisation, object=object_, person=person)


def _apply(df: pd.DataFrame, keep: set | None, column: str = "subject") -> pd.DataFrame:
    if keep is None or df.empty:
        return df
    return df[df[column].isin(keep)].reset_index(drop=True)


def _common(func):
    for deco in (filter_options, output_options, as_of_option, backend_option,
                 landscape_option):
        func = deco(func)
    return func


def _context(ls, landscape_opt, organisation, object_, person, *, full: bool = False):
    """The landscape the filters (and the continuity groups) read: the query's own, on
    either backend (Neo4j gives the same model as the snapshot)."""
    return ls


# ------------------------------------------------------------------------------ commands
@click.command("hubs")
@_common
@click.option("--top", type=click.IntRange(min=0), default=None,
              help="List this many systems of highest hub score besides the flagged ones "
                   "(default: hubs.top, 20).")
@click.option("--hops", type=click.IntRange(min=1), default=None,
              help="Continuity group: managers of systems within this many hops "
                   "(default: hubs.group_hops, 1).")
@click.option("--groups", "groups_only", is_flag=True,
              help="Output only the continuity groups (one row per person and system).")
@click.option("--scope", type=click.Choice(["all", "organisation", "between"]), default="all",
              show_default=True,
              help="all: hubs of the whole landscape; organisation: hubs within each "
                   "organisation's own graph; between: organisations and national services "
                   "ranked on the graph where each organisation is one node.")
@friendly_errors
def hubs_cmd(landscape, as_of, fmt, output_path, organisation, object_, person, top, hops,
             groups_only, scope):
    """Integration hubs, and those that need joint continuity planning.

    Ranks systems by degree, betweenness (exact up to hubs.exact_max_nodes systems),
    articulation points, bridges and k-core, weighted by availability class, criticality and
    the organisations involved. Flagged hubs get their continuity group (owner and managers
    plus the managers of every system within --hops), as a second table (sheet
    'continuity_groups' in xlsx; use --groups for csv/json).
    """
    from ea.derived.lookups import lookups
    from ea.queries import hubs
    from ea.views import view

    # one view for the run: the metrics, the continuity groups and the filters index the
    # landscape's edges once between them
    ls = lookups(query_landscape("hubs", landscape))
    cfg = get_config()
    if hops is not None:
        cfg = _with(cfg, "hubs", group_hops=hops)
    day = resolve_as_of(as_of)
    if scope == "between":
        emit(hubs.between_organisations(ls, config=cfg), fmt, output_path,
             sheet="hubs_between")
        return
    if scope == "organisation":
        df = hubs.within_organisations(ls, config=cfg, top=top)
        emit(_apply(df, subjects_for(_context(ls, landscape, organisation, object_, person),
                                     organisation, object_, person)),
             fmt, output_path, sheet="hubs_organisation")
        return
    df = hubs.run(ls, as_of=day, config=cfg, top=top)
    ctx = _context(ls, landscape, organisation, object_, person, full=True)
    limit = view("continuity_groups").limit
    if (not groups_only and pick_format(fmt, output_path) == "table" and not output_path
            and not show_all() and limit is not None):
        # the terminal shows the first groups' rows and the count: only those rows are made
        df = _apply(df, subjects_for(ctx, organisation, object_, person))
        head, count = hubs.continuity_preview(ctx, rows=limit, as_of=day, config=cfg, hubs=df)
        emit(df, fmt, output_path, sheet="hubs", extra_sheets={"continuity_groups": head},
             extra_rows={"continuity_groups": count})
        return
    if groups_only or pick_format(fmt, output_path) not in ("csv", "json"):
        groups = hubs.continuity_groups(ctx, as_of=day, config=cfg, hubs=df)
    else:  # a csv or json file holds the findings only (--groups for the groups)
        groups = pd.DataFrame(columns=hubs.GROUP_COLUMNS)
    keep = subjects_for(ctx, organisation, object_, person)
    df = _apply(df, keep)
    groups = groups[groups["hub"].isin(set(df["subject"]))].reset_index(drop=True)
    if groups_only:
        emit(groups, fmt, output_path, sheet="continuity_groups")
    else:
        emit(df, fmt, output_path, sheet="hubs", extra_sheets={"continuity_groups": groups})


@click.command("impact")
@click.argument("system")
@_common
@click.option("--depth", type=click.IntRange(min=1), default=None,
              help="Follow at most N integration steps (default: no limit).")
@click.option("--direction", type=click.Choice(["downstream", "upstream", "both"]),
              default="downstream", show_default=True,
              help="downstream: who receives data from SYSTEM; upstream: whom it receives "
                   "data from; both: either.")
@friendly_errors
def impact_cmd(system, landscape, as_of, fmt, output_path, organisation, object_, person, depth,
               direction):
    """What stops if SYSTEM stops, what is only degraded, what is merely reachable: each
    system with its path and why, then what becomes disconnected without it.

    \b
    A dependant stops when its dependency is critical enough (impact.stops_at, default 3 of
    1-4; unknown: its own criticality or T), is degraded otherwise, and only stopped systems
    pass the outage on; a platform passes it on only for the integrations it carries. The
    summary line comes first ("stops: 12 systems in 3 organisations; degraded: 40; ...").
    """
    from ea.queries import impact

    ls = query_landscape("impact", landscape)
    df = impact.run(ls, as_of=resolve_as_of(as_of), config=get_config(), system=system,
                    depth=depth, direction=direction)
    summary = df.attrs.get("summary")
    keep = subjects_for(_context(ls, landscape, organisation, object_, person), organisation,
                        object_, person)
    if keep is not None:
        df = df[(df["code"] != "IMPACT_REACHED") | df["subject"].isin(keep)].reset_index(drop=True)
    lead = [summary] if summary and pick_format(fmt, output_path) == "table" else None
    emit(df, fmt, output_path, sheet="impact", lead=lead)


@click.command("ageing")
@_common
@click.option("--horizon", default=None, metavar="PERIOD",
              help="How far ahead to look: 24m, 2y, 18 months (default: ageing.horizon, 24m).")
@click.option("--eol", "eol_files", multiple=True, metavar="FILE",
              type=click.Path(exists=True, dir_okay=True),
              help="Vendor end-of-life data: endoflife.date product files (.md/.json), a "
                   "directory of them, or a CSV of product;version;eol. Repeatable; added to "
                   "ageing.endoflife_files.")
@click.option("--replacement", "replacement_only", is_flag=True,
              help="Output only the prioritised replacement list.")
@friendly_errors
def ageing_cmd(landscape, as_of, fmt, output_path, organisation, object_, person, horizon,
               eol_files, replacement_only):
    """What is ageing and what hangs off it, with a prioritised replacement list.

    Lifecycle from dates (status as fallback, conflicts reported), passed and upcoming end of
    support / end of life / contract end / planned retirement within the horizon, vendor end
    of life from endoflife.date, years in service, and end of life propagated to every system
    that integrates with an ageing one. The replacement list (sheet 'replacement' in xlsx;
    --replacement for csv/json) shows each part of its score.
    """
    from ea.importers import endoflife
    from ea.queries import ageing

    ls = query_landscape("ageing", landscape)
    cfg = get_config()
    files = [Path(f) for f in eol_files]
    base = Path(cfg.path).parent if cfg.path else Path(".")
    for f in cfg.section("ageing", ageing.DEFAULTS).get("endoflife_files") or []:
        p = Path(f)
        files.append(p if p.is_absolute() else base / p)
    table = endoflife.read(files) if files else None
    day = resolve_as_of(as_of)
    if horizon is not None:
        ageing.parse_horizon(horizon)  # a bad value fails before any work
    df = ageing.run(ls, as_of=day, config=cfg, horizon=horizon, eol_table=table)
    rep = ageing.replacement(ls, as_of=day, config=cfg, horizon=horizon, eol_table=table)
    keep = subjects_for(_context(ls, landscape, organisation, object_, person), organisation,
                        object_, person)
    df, rep = _apply(df, keep), _apply(rep, keep)
    if replacement_only:
        emit(rep, fmt, output_path, sheet="replacement")
    else:
        emit(df, fmt, output_path, sheet="ageing", extra_sheets={"replacement": rep})


@click.command("duplicates")
@_common
@friendly_errors
def duplicates_cmd(landscape, as_of, fmt, output_path, organisation, object_, person):
    """Consolidation candidates: the same product, or near-identical names, registered by
    several organisations."""
    from ea.queries import duplicates

    ls = query_landscape("duplicates", landscape)
    df = duplicates.run(ls, as_of=resolve_as_of(as_of), config=get_config())
    ctx = _context(ls, landscape, organisation, object_, person)
    emit(_apply(df, subjects_for(ctx, organisation, object_, person)), fmt, output_path,
         sheet="duplicates")


def _with(cfg, section: str, **values):
    """A copy of ``cfg`` with ``values`` set in ``section`` (command-line overrides)."""
    from ea.config import Config

    data = dict(cfg.data)
    data[section] = {**(cfg.data.get(section) or {}), **values}
    return Config(data=data, path=cfg.path)


def register(group: click.Group) -> None:
    for cmd in (hubs_cmd, impact_cmd, ageing_cmd, duplicates_cmd):
        group.add_command(cmd)
