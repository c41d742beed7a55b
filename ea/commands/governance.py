"""Governance reports: ``ea orphans``, ``ea coordinate``, ``ea quality``, ``ea classification``
and ``ea check``. Each command loads the snapshot, runs one query module and writes its frame
(with a second table or sheet where the report has one). See ``docs/governance.md``.
"""

from __future__ import annotations

import os
from pathlib import Path

import click
import pandas as pd

from ea import output
from ea.commands._common import (
    as_of_option,
    backend,
    backend_option,
    chosen_columns,
    emit,
    excel_csv,
    filter_options,
    friendly_errors,
    get_config,
    landscape_option,
    landscape_path,
    output_options,
    pick_format,
    query_landscape,
    resolve_as_of,
    run_query,
    show_all,
)
from ea.errors import EaError
from ea.queries import FINDING_COLUMNS, SEVERITIES, check, coordinate, orphans, quality
from ea.queries import _governance_common as gc
from ea.store import snapshot


def _common(name, landscape, as_of, organisation, object_, person) -> tuple:
    # the snapshot, or with --neo4j the facts the report reads, fetched from Neo4j; one
    # read-only view for the whole command, so its tables and notes share one set of lookups
    ls = gc.lookups(query_landscape(name, landscape))
    kw = {"as_of": resolve_as_of(as_of), "config": get_config(), "organisation": organisation,
          "object": object_, "person": person}
    return ls, kw


@click.command("orphans")
@landscape_option
@backend_option
@as_of_option
@filter_options
@output_options
@friendly_errors
def orphans_cmd(landscape, as_of, organisation, object_, person, fmt, output_path):
    """Systems and förvaltningsobjekt without a working owner or manager.

    \b
    Named classes (see docs/governance.md): no_object_no_roles, missing_role,
    vacant_role, inactive_holder, no_owning_organisation, multiple_owning_boards,
    owner_is_it_manager, external_system, placeholder_system. Most critical first.
    A second table (xlsx: sheet "per organisation") counts the unowned per organisation.

    \b
    Example, from exports to an Excel report:
      ea import inventering.xlsx roller.csv personal.csv
      ea orphans -o orphans.xlsx
    """
    ls, kw = _common("orphans", landscape, as_of, organisation, object_, person)
    df = orphans.run(ls, **kw)
    summary = orphans.summary(ls, df, **kw)
    notes = orphans.notices(ls, df, kw.get("config"))
    listing = df
    # --all (every output option's): in the terminal also every row of a mandatory role
    # that no source records, said once otherwise
    if pick_format(fmt, output_path) == "table" and not show_all():
        listing, left_out = orphans.leading(df, orphans.unrecorded_roles(ls, kw.get("config")))
        if left_out:
            notes.append(f"{left_out} rows of those roles are left out here: --all or "
                         "-o orphans.xlsx lists every row")
    on_screen = pick_format(fmt, output_path) == "table" and not output_path
    if not on_screen:
        for note in notes:
            click.echo(f"Note: {note}", err=True)
    emit(listing, fmt, output_path, sheet="orphans",
         extra_sheets={"per organisation": summary},
         lead=[f"Note: {note}" for note in notes] if on_screen else None)


@click.command("coordinate")
@click.argument("target", metavar="[PERSON|OBJECT|SYSTEM]", required=False)
@click.option("--per-integration", "per_integration", is_flag=True,
              help="Output only the rows per manager and integration (for csv/json, which "
                   "carry one table).")
@click.option("--by-organisation", "by_org", is_flag=True,
              help="One row per pair of organisations (the owners of the two systems): "
                   "integrations, managers who must meet, flagged rows, worst criticality; "
                   "the summary to read first in a landscape of many organisations.")
@landscape_option
@backend_option
@as_of_option
@filter_options
@output_options
@friendly_errors
def coordinate_cmd(target, per_integration, by_org, landscape, as_of, organisation, object_,
                   person, fmt, output_path):
    """Whom each object manager must coordinate with: where two systems integrate, their
    managers must meet.

    \b
    With TARGET (a person by name or e-mail, a förvaltningsobjekt or a system) or --person,
    the answer comes first: whom to meet, each other manager once with the integrations
    that bind them and the worst criticality and T; then the partners with no one to meet
    (no manager, only referenced, external) and the integrations whose both ends you
    manage; then one row per manager and integration (xlsx: sheets "meetings" and
    "coordination"). Without a target: the pairs of managers who must meet (sheet "meeting
    matrix"), then the rows per integration. --per-integration: only those rows.
    """
    ls, kw = _common("coordinate", landscape, as_of, organisation, object_, person)
    form = pick_format(fmt, output_path)
    if by_org:
        # the rows as the integrations come, one piece at a time: no frame of every row
        emit(coordinate.by_organisation(
            ls, coordinate.pieces(ls, target=target, ordered=False, **kw)), fmt, output_path,
            sheet="organisation pairs")
        return
    if per_integration and form == "csv" and output_path:
        _stream_csv(coordinate.pieces(ls, target=target, **kw),
                    [*FINDING_COLUMNS, *coordinate.COLUMNS], output_path)
        return
    if (form == "table" and not output_path and not show_all() and not target and not person
            and not per_integration and gc.at_scale(ls, kw["config"])):
        n = gc.defined_systems(ls)
        limit = gc.summary_threshold(kw["config"])
        emit(coordinate.per_manager(ls, **kw), fmt, output_path,
             sheet="coordination per manager",
             lead=[f"{n} systems, more than reports.summary_threshold ({limit}): one row per "
                   "manager. For every pair of managers and every integration: --all, or "
                   "-o coordinate.xlsx; --per-integration -o rows.csv writes every row as it "
                   "comes; --by-organisation per pair of organisations; a person, object or "
                   "system as TARGET for whom to meet."])
        return
    df = coordinate.run(ls, target=target, **kw)
    if per_integration:
        emit(df, fmt, output_path, sheet="coordination")
    elif target or person:
        first = coordinate.meetings(ls, target=target, **kw)
        emit(first, fmt, output_path, sheet="meetings", extra_sheets={"coordination": df})
    else:
        matrix = coordinate.meeting_matrix(ls, target=target, **kw)
        emit(matrix, fmt, output_path, sheet="meeting matrix",
             extra_sheets={"coordination": df})


@click.command("quality")
@click.option("--by", "by", type=click.Choice(quality.ROLLUPS), default="rule",
              show_default=True, help="Roll the audit up per rule, object, manager or "
                                      "organisation.")
@click.option("--details", is_flag=True,
              help="Also list the failing subjects, each with the missing fact and the kind "
                   "of source that should supply it (xlsx: sheet \"details\").")
@landscape_option
@backend_option
@as_of_option
@filter_options
@output_options
@friendly_errors
def quality_cmd(by, details, landscape, as_of, organisation, object_, person, fmt,
                output_path):
    """Data quality as an audit: each rule, its scope, how many subjects pass and the share.

    \b
    Rules: has_<mandatory role>, has_organisation, has_classification,
    classification_fresh, risk_analysis_fresh, continuity_plan and rto (T >= 3),
    lifecycle_dates, vendor, recorded_both_ends, no_source_conflicts.
    """
    ls, kw = _common("quality", landscape, as_of, organisation, object_, person)
    table = quality.rollup(ls, by=by, **kw)
    extra = {"details": quality.run(ls, **kw)} if details else None
    emit(table, fmt, output_path, sheet=f"quality by {by}", extra_sheets=extra)


@click.command("classification")
@landscape_option
@backend_option
@as_of_option
@filter_options
@output_options
@friendly_errors
def classification_cmd(landscape, as_of, organisation, object_, person, fmt, output_path):
    """Classification checks: information flowing to a lower K, providers with lower
    availability or longer RTO than their dependents, T >= 3 without a continuity plan,
    effective level (over the information processed) above the recorded one, unclassified
    systems integrating with classified ones.
    """
    kw = {"as_of": resolve_as_of(as_of), "config": get_config(), "organisation": organisation,
          "object": object_, "person": person}
    emit(run_query("classification", landscape, **kw), fmt, output_path,
         sheet="classification")


class CouldNotRun(click.ClickException):
    """``ea check`` could not judge the landscape: exit status 3, apart from 1 (findings)."""

    exit_code = 3


@click.command("check")
@click.option("--fail-on", "fail_on", type=click.Choice(SEVERITIES), default=None,
              help="Exit with status 1 when any finding is at or above this severity.")
@click.option("--expect-systems", "expect_systems", type=click.IntRange(min=1), default=None,
              metavar="N", help="Refuse (exit 3) a landscape with fewer than N systems, less "
                                "the share check.max_shrink of ea.yaml (default 0.2).")
@click.option("--previous", "previous", metavar="FILE", default=None,
              type=click.Path(dir_okay=False),
              help="A previous snapshot: refuse (exit 3) a landscape that lost more than "
                   "check.max_shrink of its systems. Default: the .bak beside the snapshot.")
@click.option("--summary", "summary", is_flag=True,
              help="One row per rule (report, code, severity) with the number of findings "
                   "and of distinct subjects, instead of every finding.")
@landscape_option
@backend_option
@as_of_option
@filter_options
@output_options
@click.pass_context
def check_cmd(ctx, fail_on, expect_systems, previous, summary, landscape, as_of, organisation,
              object_, person, fmt, output_path):
    """Run every rule of orphans, coordinate, quality and classification; one findings table
    with a column naming the report. For scheduled jobs.

    \b
    Refuses to judge (exit 3) a landscape with no systems (an empty or header-only export
    would otherwise give "findings: none"), or one that shrank by more than check.max_shrink
    (default 0.2) against --expect-systems N or the previous snapshot (--previous FILE, else
    the .bak the last import kept beside the snapshot).

    \b
    Exit status:
      0  no finding at or above --fail-on (or no --fail-on)
      1  a finding at or above --fail-on
      2  a usage error (unknown option, a severity that does not exist)
      3  could not run: no or damaged snapshot, Neo4j unreachable, an empty or shrunken
         landscape, a bad ea.yaml (one line on stderr says which)

    \b
    -o findings.csv writes each finding as the rules produce it, without holding every
    row at once (for landscapes with millions of findings); --summary writes one row per
    rule instead.
    """
    try:
        ls, kw = _check(fail_on, expect_systems, previous, landscape, as_of, organisation,
                        object_, person)
        streamed = (pick_format(fmt, output_path) == "csv" and output_path and not summary)
        on_screen = pick_format(fmt, output_path) == "table" and not output_path
        lead = None
        if streamed:
            counts = _stream_findings(ls, kw, output_path)
        elif (on_screen and not summary and not show_all()
              and gc.at_scale(ls, kw["config"])):
            # one row per rule, from the findings as the rules produce them
            counts: dict[str, int] = {}

            def counted():
                for piece in check.findings(ls, **kw):
                    for sev, n in piece["severity"].value_counts().items():
                        counts[sev] = counts.get(sev, 0) + int(n)
                    yield piece

            df, summary = check.summary_of(counted()), True
            n, limit = gc.defined_systems(ls), gc.summary_threshold(kw["config"])
            lead = [f"{n} systems, more than reports.summary_threshold ({limit}): one row per "
                    f"rule, {sum(counts.values())} findings in all. Every finding: --all, or "
                    "-o findings.csv (written as the rules produce them)."]
        else:
            df = check.run(ls, **kw)
            counts = df["severity"].value_counts().to_dict() if len(df) else {}
    except EaError as exc:
        raise CouldNotRun(str(exc)) from None
    except (click.exceptions.Exit, click.ClickException, click.Abort, KeyboardInterrupt):
        raise
    except OSError as exc:
        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        raise CouldNotRun(f"{where}{exc.strerror or exc}") from None
    except Exception as exc:  # pragma: no cover - never let a crash read as "findings"
        if os.environ.get("EA_DEBUG"):
            raise
        raise CouldNotRun(f"internal error: {exc.__class__.__name__}: {exc} (please report "
                          "it; set EA_DEBUG=1 to see the traceback)") from None
    try:
        if lead:
            emit(df, fmt, output_path, sheet="check summary", lead=lead)
        elif not streamed:
            emit(check.summary(df) if summary else df, fmt, output_path,
                 sheet="check summary" if summary else "check")
    except EaError as exc:
        raise CouldNotRun(str(exc)) from None
    except OSError as exc:
        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        raise CouldNotRun(f"{where}{exc.strerror or exc}") from None
    said = ", ".join(f"{counts[s]} {s}" for s in SEVERITIES if counts.get(s)) or "none"
    click.echo(f"findings: {said}", err=True)
    worst = pd.DataFrame({"severity": [s for s in SEVERITIES if counts.get(s)]})
    if fail_on and check.fails(worst, fail_on):
        click.echo(f"failing: findings at or above {fail_on}", err=True)
        ctx.exit(1)


def _check(fail_on, expect_systems, previous, landscape, as_of, organisation, object_,
           person):
    config = get_config()
    kw = {"as_of": resolve_as_of(as_of), "config": config, "organisation": organisation,
          "object": object_, "person": person}
    # one read-only view for the refusal, the at-scale test and the four reports
    ls = gc.lookups(query_landscape("check", landscape))
    expected, source = expect_systems, "--expect-systems"
    if expected is None:
        prev = Path(previous) if previous else None
        if prev is None and backend() == "snapshot":
            bak = snapshot.backup_of(landscape_path(landscape))
            prev = bak if bak.exists() else None
        if prev is not None:
            expected = snapshot.defined_systems(prev) or None
            source = f"the previous snapshot {prev}"
    why = check.refusal(ls, expected=expected, expected_from=source, config=config)
    if why:
        where = "Neo4j" if backend() == "neo4j" else str(landscape_path(landscape))
        raise CouldNotRun(f"{where}: not checked: {why}")
    return ls, kw


def _stream_csv(pieces, columns, output_path) -> None:
    """Write the frames ``pieces`` to the CSV ``output_path`` as they come (``--columns``
    kept), saying how many rows."""
    cols = chosen_columns(pd.DataFrame(columns=columns))

    def chosen():
        for piece in pieces:
            yield piece[cols] if cols else piece

    path, n = output.write_csv_chunks(chosen(), output_path, excel=excel_csv())
    click.echo(f"wrote {n} rows to {path}", err=True)


def _stream_findings(ls, kw, output_path) -> dict[str, int]:
    """Write the findings to the CSV ``output_path`` piece by piece as the rules produce them
    (:func:`ea.queries.check.findings`); the number per severity."""
    counts: dict[str, int] = {}
    cols = chosen_columns(pd.DataFrame(columns=check.COLUMNS))

    def pieces():
        yield pd.DataFrame(columns=cols or check.COLUMNS)  # the header, even with no finding
        for piece in check.findings(ls, **kw):
            for sev, n in piece["severity"].value_counts().items():
                counts[sev] = counts.get(sev, 0) + int(n)
            yield piece[cols] if cols else piece

    path, n = output.write_csv_chunks(pieces(), output_path, excel=excel_csv())
    click.echo(f"wrote {n} rows to {path}", err=True)
    return counts


def register(group: click.Group) -> None:
    for cmd in (orphans_cmd, coordinate_cmd, quality_cmd, classification_cmd, check_cmd):
        group.add_command(cmd)
