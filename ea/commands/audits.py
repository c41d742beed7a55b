"""The audits' follow-up questions: ``ea diff`` (what changed since last time), ``ea people``
(who carries too much) and ``ea precheck`` (what a new system drags in). See docs/audits.md.
"""

from __future__ import annotations

import filecmp
import gc
import re
from pathlib import Path

import click

from ea.commands._common import (
    as_of_option,
    backend,
    backend_option,
    emit,
    friendly_errors,
    get_config,
    landscape_option,
    landscape_path,
    output_options,
    query_landscape,
    resolve_as_of,
)
from ea.errors import QueryError, SnapshotError
from ea.queries.diff import FAIL_CHOICES

HISTORY_RE = re.compile(r"^landscape-(\d{4}-\d{2}-\d{2})(?:-(\d+))?\.json$")


# --------------------------------------------------------------------------- history
def history_entries(folder: Path) -> list[Path]:
    """The snapshots ``ea import --keep-history`` kept in ``folder``, oldest first."""
    found = []
    for p in Path(folder).iterdir():
        m = HISTORY_RE.match(p.name)
        if m and p.is_file():
            found.append((m.group(1), int(m.group(2) or 1), p))
    return [p for _d, _n, p in sorted(found)]


def keep_history(snapshot_file: Path, folder: Path, day: str) -> Path:
    """Copy the snapshot just written into ``folder`` as ``landscape-<day>[-n].json``."""
    from ea.atomic import atomic_write

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    target, n = folder / f"landscape-{day}.json", 1
    while target.exists():
        n += 1
        target = folder / f"landscape-{day}-{n}.json"
    data = Path(snapshot_file).read_bytes()
    atomic_write(target, lambda tmp: Path(tmp).write_bytes(data))
    return target


def _previous(folder: Path, current: Path) -> Path:
    """The newest history entry that is not the current snapshot itself."""
    entries = history_entries(folder)
    for p in reversed(entries):
        if not current.exists() or not filecmp.cmp(p, current, shallow=False):
            return p
    raise SnapshotError(f"{folder}: no earlier snapshot in the history "
                        f"({len(entries)} entr{'y' if len(entries) == 1 else 'ies'}, none "
                        f"different from {current}); import with --keep-history {folder} "
                        "again after the sources change")


def _neo4j_pair(paths: tuple[str, ...], landscape: str | None):
    """OLD's snapshot (given, or the newest entry of a history folder), NEW the landscape in
    the Neo4j database (stale items left out, as every report reads it; read when called),
    and its label."""
    from ea.commands._common import neo4j_store
    from ea.queries import _neo4j

    if landscape or len(paths) != 1:
        raise click.UsageError(
            "with --neo4j, NEW is the Neo4j database: give one OLD, an earlier snapshot "
            "(e.g. 'ea neo4j pull -o before.json' before the import) or a history folder "
            "(its newest snapshot), and no --landscape")
    given = Path(paths[0])
    if given.is_dir():
        entries = history_entries(given)
        if not entries:
            raise SnapshotError(f"{given}: no snapshot in the history folder "
                                f"(landscape-YYYY-MM-DD.json)")
        given = entries[-1]
    store = neo4j_store()
    return given, lambda: _neo4j.landscape(store), f"Neo4j at {store.settings.describe()}"


def _load_pair(paths: tuple[str, ...], landscape: str | None):
    """Loaders of OLD and NEW (called one after the other, so ``ea diff`` holds one
    landscape at a time; pseudonymised with one shared key when asked), and their labels.
    With the Neo4j backend NEW is the database (:func:`_neo4j_pair`)."""
    from ea.store import snapshot

    root = click.get_current_context().find_root()
    if (root.obj or {}).get("backend") == "neo4j" and len(paths) == 2:
        raise click.UsageError("--neo4j compares the Neo4j database with one OLD snapshot; "
                               "leave it out to compare two snapshots")
    pseudonymised = (root.obj or {}).get("pseudonymise")
    if backend() == "neo4j" and len(paths) < 2:
        old_p, new_load, new_p = _neo4j_pair(paths, landscape)
        old_load = (lambda: snapshot.load(old_p)) if pseudonymised \
            else (lambda: _load_cached(old_p))
    else:
        if len(paths) == 2:
            old_p, new_p = Path(paths[0]), Path(paths[1])
        elif len(paths) == 1:
            new_p = landscape_path(landscape)
            given = Path(paths[0])
            old_p = _previous(given, new_p) if given.is_dir() else given
        else:
            raise click.UsageError("give OLD and NEW snapshots, or one: a history folder "
                                   "(from 'ea import --keep-history DIR') or an older "
                                   "snapshot, compared with the current snapshot")
        if not pseudonymised:
            # each with its own hub cache, as load_landscape gives one: a snapshot is ranked
            # once, by whichever command needs it first (ea.store.cache)
            return (lambda: _load_cached(old_p)), (lambda: _load_cached(new_p)), old_p, new_p
        old_load, new_load = (lambda: snapshot.load(old_p)), (lambda: snapshot.load(new_p))
    if not pseudonymised:
        return old_load, new_load, old_p, new_p
    import secrets

    from ea.privacy import pseudonymise, secret_from

    # one key for both, so an unchanged holder keeps one pseudonym across the two (the
    # copies carry no cache, as load_landscape's pseudonymised landscape carries none)
    key = secret_from(get_config()) or secrets.token_hex(32)
    return (lambda: pseudonymise(old_load(), secret=key)), \
        (lambda: pseudonymise(new_load(), secret=key)), old_p, new_p


def _load_cached(path: Path):
    from ea.store import cache, snapshot

    before = cache.stamp(path)
    ls = snapshot.load(path)
    cache.attach(ls, path, before)
    return ls


@click.command("diff")
@click.argument("snapshots", nargs=-1, metavar="[OLD] [NEW]")
@landscape_option
@backend_option
@click.option("--fail-on", "fail_on", default=None, metavar="new-SEVERITY",
              type=click.Choice(FAIL_CHOICES),
              help="Exit with status 1 when a new change (added, new finding, hub entering "
                   "the list) is at or above this severity, e.g. new-critical.")
@as_of_option
@output_options
@friendly_errors
@click.pass_context
def diff_cmd(ctx, snapshots, landscape, fail_on, as_of, fmt, output_path):
    """What changed between two snapshots: systems and integrations added and removed,
    renames, owners and role holders, classification and lifecycle, orphan findings new,
    resolved and still open, hubs entering or leaving the joint-continuity list.

    \b
    Keyed on stable ids: a system with the same id and a new name is a rename.
    With one argument: a history folder kept by 'ea import --keep-history DIR' (its newest
    snapshot different from the current one) or an older snapshot, compared with the
    current snapshot (--landscape). A second table (xlsx: sheet "changes per category") counts the
    changes. Dates come from the snapshots (their import date); --as-of overrides NEW's.

    \b
    With --neo4j, NEW is the Neo4j database and OLD one earlier snapshot or a history
    folder (its newest): pull the server's state before an import to compare the two runs:
      ea neo4j pull -o history/landscape-2026-10-01.json
      ea import exports/*.xlsx --neo4j
      ea diff --neo4j history/

    \b
    Exit status: 1 when --fail-on is given and a new change is at or above it.
    Example, in a monthly job:
      ea import --keep-history history/ exports/*.xlsx
      ea diff history/ -o changes.xlsx --fail-on new-critical
    """
    from ea.queries import diff

    old_load, new_load, old_p, new_p = _load_pair(snapshots, landscape)
    day = resolve_as_of(as_of) if as_of else None
    cfg = get_config()
    # OLD gathered as the comparison reads it, then let go before NEW is loaded: two
    # country-sized landscapes do not fit in memory together
    old = old_load()
    old_date = diff.snapshot_date(old)
    side = diff.old_side(old, config=cfg)
    del old
    gc.collect()
    new = new_load()
    df = diff.compare(side, new, as_of=day, config=cfg)
    summ = diff.summary(df)
    emit(df, fmt, output_path, sheet="changes", extra_sheets={"changes per category": summ})
    click.echo(f"{old_p} ({old_date or 'undated'}) → {new_p} "
               f"({day or diff.snapshot_date(new) or 'undated'}): "
               + (", ".join(f"{r['count']} {r['category']} {r['change']}"
                            for r in summ.to_dict("records")) or "no changes"), err=True)
    if fail_on and diff.fails(df, fail_on):
        click.echo(f"failing: new changes at or above {fail_on.removeprefix('new-')}", err=True)
        ctx.exit(1)


@click.command("people")
@click.option("--top", type=click.IntRange(min=0), default=None,
              help="Rows of the bus-factor list (default: people.bus_factor_top in ea.yaml, "
                   "20; 0 for all).")
@landscape_option
@backend_option
@as_of_option
@output_options
@friendly_errors
def people_cmd(top, landscape, as_of, fmt, output_path):
    """Key-person risk: per person, roles held (count, weighted by criticality, objects and
    organisations), key roles on critical systems and hubs held by them alone, holders who
    have left; per organisation, open roles and the share of critical systems depending on
    one person; the bus-factor list.

    \b
    Tables (xlsx sheets): people, roles per organisation, bus factor. Thresholds in ea.yaml
    (section people). The list names people: share it with 'ea --pseudonymise people'.
    """
    from ea.queries import people

    ls = query_landscape("people", landscape)  # the snapshot, or with --neo4j the server's
    out = people.report(ls, as_of=resolve_as_of(as_of), config=get_config(), top=top)
    emit(out["people"], fmt, output_path, sheet="people",
         extra_sheets={k: v for k, v in out.items() if k != "people"})


@click.command("precheck")
@click.argument("planned_file", metavar="[PLANNED.csv|.yaml]", required=False,
                type=click.Path(exists=True, dir_okay=False))
@click.option("--name", default=None, help="Name of the planned system.")
@click.option("--organisation", "--org", "organisation", default=None,
              help="The organisation that will own it.")
@click.option("--product", default=None, help="Product (to find who already runs it).")
@click.option("--vendor", default=None, help="Vendor.")
@click.option("--from", "receives_from", multiple=True, metavar="SYSTEM",
              help="A system it will receive data from (repeatable).")
@click.option("--to", "sends_to", multiple=True, metavar="SYSTEM",
              help="A system it will send data to (repeatable).")
@click.option("--both", "exchanges_with", multiple=True, metavar="SYSTEM",
              help="A system it will exchange data with both ways (repeatable).")
@click.option("--information", multiple=True, metavar="NAME",
              help="An information set (informationsmängd) it will process (repeatable).")
@landscape_option
@backend_option
@as_of_option
@output_options
@friendly_errors
def precheck_cmd(planned_file, name, organisation, product, vendor, receives_from, sends_to,
                 exchanges_with, information, landscape, as_of, fmt, output_path):
    """Before procuring a system: whom to involve and what it inherits.

    \b
    The planned system on the command line, or as a one-row CSV or a YAML file with the
    fields name, organisation, product, vendor, receives_from, sends_to, exchanges_with,
    information (lists separated by ';'); options add to the file. Answers: the
    integrations and the managers who must meet for each; the classification it inherits
    (K of what flows in, T of what depends on it); the hubs it will load and the
    continuity groups it joins; systems already doing the same (same product or a
    near-identical name); partners that are unowned or ageing.

    \b
    Example, for the decision memo:
      ea precheck --name "Ny journalapp" --org "Hälso- och sjukvårdsförvaltningen" \\
          --product Appify --from Cosmic --to Larmcentral -o precheck.md
    """
    from ea.queries import precheck

    data: dict = {}
    if planned_file:
        base = precheck.load_planned(planned_file)
        data = {k: getattr(base, k) for k in (*precheck.TEXT_FIELDS, *precheck.LIST_FIELDS)}
    for key, value in (("name", name), ("organisation", organisation), ("product", product),
                       ("vendor", vendor)):
        if value:
            data[key] = value
    for key, values in (("receives_from", receives_from), ("sends_to", sends_to),
                        ("exchanges_with", exchanges_with), ("information", information)):
        data[key] = [*(data.get(key) or []), *values]
    if not data.get("name"):
        raise click.UsageError("name the planned system: --name NAME, or a PLANNED file")
    plan = precheck.planned_from_mapping(data)
    if not (plan.receives_from or plan.sends_to or plan.exchanges_with or plan.information
            or plan.product):
        raise QueryError("say what the planned system will do: --from/--to/--both SYSTEM, "
                         "--information NAME or --product")
    ls = query_landscape("precheck", landscape)
    cfg = get_config()
    out = precheck.run(ls, plan, as_of=resolve_as_of(as_of), config=cfg,
                       eol_table=_eol_table(cfg))
    emit(out["precheck"], fmt, output_path, sheet="precheck",
         extra_sheets={k: v for k, v in out.items() if k != "precheck"})


def _eol_table(cfg):
    """The vendor end-of-life table of ``ageing.endoflife_files`` in ea.yaml, if any."""
    from ea.importers import endoflife
    from ea.queries import ageing

    base = Path(cfg.path).parent if cfg.path else Path(".")
    files = []
    for f in cfg.section("ageing", ageing.DEFAULTS).get("endoflife_files") or []:
        p = Path(f)
        files.append(p if p.is_absolute() else base / p)
    return endoflife.read(files) if files else None


def register(group: click.Group) -> None:
    for cmd in (diff_cmd, people_cmd, precheck_cmd):
        group.add_command(cmd)
