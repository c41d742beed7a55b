"""Exports of the landscape in exchange formats other tools read.

- :mod:`ea.export.archimate`: ArchiMate Model Exchange File Format 3.x (Archi, BiZZdesign,
  any tool that imports the Open Group format), with stable identifiers;
- :mod:`ea.export.graphml`: GraphML and GEXF for yEd, Gephi and Cytoscape;
- :mod:`ea.export.tables`: CSV files in the shape the tabular importer reads, so that
  ``export → ea import`` is a round trip.

:func:`export` dispatches by format name. Library code: nothing is printed; errors are
:class:`ea.errors.EaError`.
"""

from __future__ import annotations

from pathlib import Path

from ea.errors import EaError
from ea.landscape import Landscape

FORMATS = ("archimate", "graphml", "gexf", "csv")


def export(landscape: Landscape, fmt: str, path: str | Path) -> list[Path]:
    """Write ``landscape`` in ``fmt`` to ``path``; returns the files written.

    ``csv`` writes a folder of files (``path`` is the folder); the others one file.
    """
    path = Path(path)
    if fmt == "archimate":
        from ea.export.archimate import write_archimate

        return [write_archimate(landscape, path)]
    if fmt in ("graphml", "gexf"):
        from ea.export.graphml import write_gexf, write_graphml

        return [(write_graphml if fmt == "graphml" else write_gexf)(landscape, path)]
    if fmt == "csv":
        from ea.export.tables import write_tables

        return write_tables(landscape, path)
    raise EaError(f"unknown export format '{fmt}' (choose one of {', '.join(FORMATS)})")
