"""``ea report``: the board pack for a regional board or its auditors."""

from __future__ import annotations

import sys

import click

from ea.commands._common import (
    as_of_option,
    friendly_errors,
    get_config,
    landscape_option,
    load_landscape,
    resolve_as_of,
)


@click.command("report")
@landscape_option
@as_of_option
@click.option("--output", "-o", "output_path", metavar="FILE", required=True,
              help="The board pack to write: .xlsx (native charts, print setup), .html "
                   "(self-contained, printable) or .pdf (the HTML printed by headless "
                   "Chromium).")
@click.option("--organisation", "--org", "organisation", metavar="NAME", default=None,
              help="Only this organisation (and those below it).")
@click.option("--previous", "previous_path", metavar="SNAPSHOT|DIR", default=None,
              type=click.Path(exists=True),
              help="An earlier snapshot, or the folder of import --keep-history (its newest "
                   "snapshot that differs from this one): adds the changes since the last "
                   "report (ea diff).")
@click.option("--lang", type=click.Choice(["sv", "en"]), default=None,
              help="Language of the pack (default: 'lang' in ea.yaml, else sv).")
@click.option("--title", default=None, metavar="TEXT",
              help="The name on the title page (default: the region's name in the "
                   "snapshot).")
@click.option("--horizon", default="24m", show_default=True,
              help="How far ahead the ageing timeline looks.")
@friendly_errors
def report_cmd(landscape, as_of, output_path, organisation, previous_path, lang, title,
               horizon):
    """Write the board pack: unowned systems and objects per organisation (bar chart),
    critical and high findings, hubs that need joint continuity planning with their
    groups, ageing per quarter (chart) and the replacement list, classification and
    continuity gaps, on a title page with the as-of date and the source files.

    \b
    Examples:
      ea report -o styrelse.xlsx
      ea report -o styrelse.pdf --as-of 2026-12-31 --lang sv
      ea report -o hsf.html --organisation "Hälso- och sjukvårdsförvaltningen"
    """
    from ea import boardpack

    cfg = get_config()
    day = resolve_as_of(as_of)
    if previous_path:
        from ea.commands.audits import _load_pair

        # as ea diff loads them: each with its hub cache, or pseudonymised with one key
        old_load, new_load, _old, _new = _load_pair((previous_path,), landscape)
        previous, ls = old_load(), new_load()
    else:
        ls, previous = load_landscape(landscape), None
    lang = lang or cfg.get("lang") or "sv"
    tty = sys.stderr.isatty()

    def progress(label: str) -> None:
        if tty:
            click.echo(f"\r\033[Kboard pack: {label} …", err=True, nl=False)

    pack = boardpack.build(ls, as_of=day, config=cfg, organisation=organisation,
                           previous=previous, lang=lang, title=title, horizon=horizon,
                           progress=progress)
    progress("writing")
    fmt = boardpack.write(pack, output_path)
    if tty:
        click.echo("\r\033[K", err=True, nl=False)
    t = pack.totals
    click.echo(f"wrote the board pack ({fmt}) to {output_path}: {t['systems']} systems, "
               f"{t['systems_unowned']} without a working object owner, {t['critical']} "
               f"critical and {t['high']} high findings, {t['hubs_joint_planning']} hubs for "
               "joint continuity planning", err=True)


def register(group: click.Group) -> None:
    group.add_command(report_cmd)
