"""The board pack: one document for a regional board or its auditors.

:func:`build` gathers, from the same queries every other command runs (nothing here
computes a finding of its own), what a board asks of the landscape:

- per organisation and for the whole: systems and förvaltningsobjekt without a working
  object owner, and their share (``ea orphans``' one definition of unowned);
- the critical and high findings of every governance rule (``ea check``);
- hubs that need joint continuity planning, with the size of their continuity groups
  (``ea hubs``);
- ageing: systems reaching end of support or end of life per quarter, and the top of the
  replacement list (``ea ageing``, ``ea replacement``);
- classification and continuity gaps (``ea classification``), counted per rule;
- key-person risk (``ea people``) and changes since a previous snapshot (``ea diff``) when
  those reports exist and, for the changes, a previous snapshot is given.

The writers turn a :class:`BoardPack` into a workbook with native charts
(:mod:`ea.boardpack.xlsx`), a self-contained printable HTML page with inline SVG charts
(:mod:`ea.boardpack.html`) and a PDF printed from that page by headless Chromium
(:mod:`ea.boardpack.pdf`). Labels are Swedish (``lang="sv"``, the default for a Swedish
board) or English (``lang="en"``).
"""

from __future__ import annotations

from ea.boardpack.data import BoardPack, build

__all__ = ["BoardPack", "build", "write"]


def write(pack: BoardPack, path, *, progress=None) -> str:
    """Write ``pack`` to ``path``; the format follows the suffix (.xlsx, .html, .pdf).

    Returns the format written. Raises :class:`ea.errors.EaError` for another suffix.
    """
    from pathlib import Path

    from ea.errors import EaError

    suffix = Path(path).suffix.lower()
    if suffix == ".xlsx":
        from ea.boardpack import xlsx

        xlsx.write(pack, path)
        return "xlsx"
    if suffix in (".html", ".htm"):
        from ea.boardpack import html

        html.write(pack, path)
        return "html"
    if suffix == ".pdf":
        from ea.boardpack import pdf

        pdf.write(pack, path)
        return "pdf"
    raise EaError(f"{path}: a board pack is written as .xlsx, .html or .pdf, "
                      f"not '{suffix or 'no suffix'}'")
