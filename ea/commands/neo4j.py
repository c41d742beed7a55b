"""``ea neo4j push|pull|status``: the landscape in a Neo4j database (see docs/neo4j.md).

The server comes from ``NEO4J_URI``, ``NEO4J_USER``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``
(and ``NEO4J_TIMEOUT``) or the ``neo4j:`` section of ea.yaml; the password is never printed.
A server that cannot be reached, refuses the login, lacks the database or goes away half-way
is one ``Error: ...`` line and a non-zero exit; ``status`` names imports that did not complete.
"""

from __future__ import annotations

import time

import click

from ea.commands._common import (
    as_of_option,
    friendly_errors,
    get_config,
    landscape_option,
    landscape_path,
    load_landscape,
    neo4j_store,
    resolve_as_of,
)
from ea.terminal import progress


def no_facts_option(func):
    return click.option(
        "--no-facts", "no_facts", is_flag=True,
        help="Do not compute and stamp the derived facts (ea_unowned, ea_hub_score, ...) on "
             "the systems; removes those an earlier push left on them. For a store that "
             "only answers 'ea ... --neo4j' reports, which never read them.")(func)


def push_landscape(landscape, *, quiet: bool = False, batch_size: int | None = None,
                   as_of=None, facts: bool = True) -> None:
    """Write ``landscape`` to the configured Neo4j database, with its derived facts stamped
    as of ``as_of`` (default: the command's ``--as-of``, else ea.yaml's, else today; with
    ``facts=False`` none, and earlier ones removed from the systems written), and say what
    was written. Hub metrics come from the snapshot's cache when ``landscape`` has one."""
    from ea.commands.core import _some  # a country's push covers hundreds of files
    from ea.store import neo4j as n4
    from ea.store.neo4j import facts as n4facts

    if as_of is None:
        as_of = resolve_as_of(click.get_current_context().params.get("as_of"))
    store = neo4j_store()
    if not quiet:
        click.echo(f"Writing to Neo4j at {store.settings.describe()} ...", err=True)
    t0 = time.monotonic()
    derived = (n4facts.derived_facts(landscape, as_of=as_of, config=get_config()) if facts
               else n4facts.cleared(landscape))
    t_facts = time.monotonic() - t0
    with progress(False if quiet else None) as bar:  # a bar on a terminal, else silent
        res = n4.push(store, landscape, progress=bar, batch_size=batch_size or n4.BATCH_SIZE,
                      derived=derived)
    if not quiet:
        said = (f"derived facts as of {as_of.isoformat()} ({t_facts:.1f} s of it)" if facts
                else "no derived facts (--no-facts; earlier ones removed)")
        click.echo(
            f"Neo4j run {res.run}: {res.nodes} nodes and {res.relationships} relationships "
            f"written in {time.monotonic() - t0:.1f} s for {_some(res.sources)}; "
            f"{res.stale_nodes} nodes and {res.stale_relationships} relationships no longer "
            f"stated by these sources marked stale (nothing deleted); {said}.", err=True)


def import_to_neo4j(result) -> None:
    """The ``ea import --neo4j`` step: push what was just imported."""
    push_landscape(result.landscape)


@click.group("neo4j")
def neo4j_group():
    """The landscape in a Neo4j database: push a snapshot, pull one back, show status.

    \b
    Connection: NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE, or the 'neo4j:'
    section of ea.yaml (uri, user, password, database). Queries read Neo4j with --neo4j
    (or EA_BACKEND=neo4j, or 'backend: neo4j' in ea.yaml).
    """


@neo4j_group.command("push")
@landscape_option
@as_of_option
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@click.option("--batch-size", type=click.IntRange(1, 100_000), default=None, metavar="N",
              help="Rows per transaction (default 1000).")
@no_facts_option
@friendly_errors
def push_cmd(landscape, as_of, quiet, batch_size, no_facts):
    """Write a snapshot to Neo4j (idempotent; re-pushing the sources of a snapshot marks what
    they no longer state as stale, never deletes). Each batch is one transaction; if the push
    stops half-way, what was written is consistent and pushing again completes it. Systems
    get ea's derived facts (unowned, lifecycle phase, hub metrics, ...) as ea_ properties
    stamped with --as-of (see docs/neo4j.md); --no-facts skips them."""
    ls = load_landscape(landscape)
    push_landscape(ls, quiet=quiet, batch_size=batch_size, as_of=resolve_as_of(as_of),
                   facts=not no_facts)


@neo4j_group.command("pull")
@click.option("--output", "-o", "out", metavar="FILE", required=True,
              help="Snapshot file to write.")
@friendly_errors
def pull_cmd(out):
    """Read the landscape in Neo4j (stale items left out) into a snapshot file."""
    from ea.store import neo4j as n4
    from ea.store import snapshot

    with progress() as bar:
        ls = n4.pull(neo4j_store(), progress=bar)
    path = snapshot.save(ls, landscape_path(out))
    st = ls.stats()
    click.echo(f"wrote {path}: {sum(st['nodes'].values())} nodes, "
               f"{sum(st['edges'].values())} relationships", err=True)


@neo4j_group.command("status")
@friendly_errors
def status_cmd():
    """Counts per label and relationship type, stale counts and the last import runs."""
    from ea.store import neo4j as n4

    store = neo4j_store()
    info = n4.status(store)
    click.echo(f"Neo4j at {store.settings.describe()}")
    for row in info["nodes"]:
        click.echo(f"  :{row['label']:<14} {row['n']:>8} nodes   ({row['stale']} stale)")
    for row in info["relationships"]:
        click.echo(f"  :{row['type']:<14} {row['n']:>8} relationships ({row['stale']} stale)")
    if not info["nodes"]:
        click.echo("  (empty: run 'ea neo4j push' or 'ea import FILES... --neo4j')")
    for r in info["runs"]:
        click.echo(f"  run {r['run']}: {r['status']}, {r['started_at']}, "
                   f"{r['nodes_written']}/{r['nodes']} nodes, "
                   f"{r['relationships_written']}/{r['relationships']} relationships, "
                   f"sources {', '.join(r['sources'] or [])}")
    for r in info.get("incomplete") or []:
        how = ("failed" if r["status"] == "failed" else
               "was stopped, or is still running")
        click.echo(f"Incomplete: run {r['run']} {how} (last write {r['updated_at'] or r['started_at']}"
                   f"): {r['nodes_written']} of {r['nodes']} nodes and "
                   f"{r['relationships_written']} of {r['relationships']} relationships written "
                   f"for {', '.join(r['sources'] or [])}; run the same import again to "
                   f"complete it.")


def register(group: click.Group) -> None:
    group.add_command(neo4j_group)
