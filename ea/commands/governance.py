"""Governance reports: ``ea orphans``, ``ea coordinate``, ``ea quality``, ``ea classification``
and ``ea check``. Each command loads the snapshot, runs one query module and writes its frame
(with a second table or sheet where the report has one). See ``docs/governance.md``.
"""

from __future__ import annotations

import click

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
    run_query,
    show_all,
)
from ea.queries import SEVERITIES, check, coordinate, orphans, quality


def _common(name, landscape, as_of, organisation, object_, person) -> tuple:
    # the snapshot, or with --neo4j the facts the report reads, fetched from Neo4j
    ls = query_landscape(name, landscape)
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
    for note in notes:
        click.echo(f"Note: {note}", err=pick_format(fmt, output_path) != "table")
    emit(listing, fmt, output_path, sheet="orphans",
         extra_sheets={"per organisation": summary})


@click.command("coordinate")
@click.argument("target", metavar="[PERSON|OBJECT|SYSTEM]", required=False)
@landscape_option
@backend_option
@as_of_option
@filter_options
@output_options
@friendly_errors
def coordinate_cmd(target, landscape, as_of, organisation, object_, person, fmt, output_path):
    """Whom each object manager must coordinate with: where two systems integrate, their
    managers must meet.

    \b
    With TARGET (a person by name or e-mail, a förvaltningsobjekt or a system) or --person,
    the answer comes first: whom to meet, each other manager once with the integrations
    that bind them and the worst criticality and T; then the partners with no one to meet
    (no manager, only referenced, external) and the integrations whose both ends you
    manage; then one row per manager and integration (xlsx: sheets "meetings" and
    "coordination"). Without a target: the pairs of managers who must meet (sheet "meeting
    matrix"), then the rows per integration.
    """
    ls, kw = _common("coordinate", landscape, as_of, organisation, object_, person)
    df = coordinate.run(ls, target=target, **kw)
    if target or person:
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


@click.command("check")
@click.option("--fail-on", "fail_on", type=click.Choice(SEVERITIES), default=None,
              help="Exit with status 1 when any finding is at or above this severity.")
@landscape_option
@backend_option
@as_of_option
@filter_options
@output_options
@friendly_errors
@click.pass_context
def check_cmd(ctx, fail_on, landscape, as_of, organisation, object_, person, fmt,
              output_path):
    """Run every rule of orphans, coordinate, quality and classification; one findings table
    with a column naming the report. For scheduled jobs.

    \b
    Exit status: 0 when no finding is at or above --fail-on (or without --fail-on),
    1 when one is (or on an error, with a one-line message), 2 on a usage error.
    """
    kw = {"as_of": resolve_as_of(as_of), "config": get_config(), "organisation": organisation,
          "object": object_, "person": person}
    df = run_query("check", landscape, **kw)
    emit(df, fmt, output_path, sheet="check")
    counts = df["severity"].value_counts().to_dict() if len(df) else {}
    summary = ", ".join(f"{counts[s]} {s}" for s in SEVERITIES if counts.get(s)) or "none"
    click.echo(f"findings: {summary}", err=True)
    if fail_on and check.fails(df, fail_on):
        click.echo(f"failing: findings at or above {fail_on}", err=True)
        ctx.exit(1)


def register(group: click.Group) -> None:
    for cmd in (orphans_cmd, coordinate_cmd, quality_cmd, classification_cmd, check_cmd):
        group.add_command(cmd)
