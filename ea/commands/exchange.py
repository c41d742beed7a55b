"""``ea export``: the landscape in ArchiMate, GraphML, GEXF or CSV.

Importing goes through ``ea import FILES...``, which picks the reader by extension
(``.xml``/``.archimate`` ArchiMate, ``.yaml``/``.yml``/``.json`` Backstage).
"""

from __future__ import annotations

import click

from ea.commands._common import friendly_errors, landscape_option, load_landscape
from ea.export import FORMATS, export


@click.command("export")
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), required=True,
              help="archimate: Open Group exchange XML (Archi); graphml: yEd, Cytoscape; "
                   "gexf: Gephi; csv: a folder of tables that 'ea import' reads back.")
@click.option("--output", "-o", "out", metavar="PATH", required=True,
              help="File to write (for csv: a folder).")
@landscape_option
@friendly_errors
def export_cmd(fmt, out, landscape):
    """Write the landscape in an exchange format other tools read."""
    ls = load_landscape(landscape)
    files = export(ls, fmt, out)
    for f in files:
        click.echo(f"wrote {f}", err=True)


def register(group: click.Group) -> None:
    group.add_command(export_cmd)
