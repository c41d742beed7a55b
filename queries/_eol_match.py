"""Matching a system's product and version to a vendor end-of-life table (endoflife.date or
a CSV, read by :mod:`ea.importers.endoflife`): used by ``ea ageing``."""

from __future__ import annotations

import re

import pandas as pd

from ea.landscape import loose_name


def _none(v):
    if v is None or (isinstance(v, float) and v != v) or v is pd.NA:
        return None
    return v


def _strip_label(label: str) -> list[str]:
    out = [label]
    s = re.sub(r"'[^']*'", "", label)
    s = re.sub(r"\([^)]*\)", "", s)
    s = " ".join(s.split())
    if s and s not in out:
        out.append(s)
    return out


def match_eol(eol_table: pd.DataFrame | None, product, version, vendor=None,
              aliases: dict | None = None) -> dict | None:
    """The release of ``product``/``version`` in an end-of-life table, or ``None``.

    The product matches when its normalised name (case, accents, spaces and punctuation
    folded), alone or prefixed with the vendor, equals a normalised name of the table's
    product (its id, title or alternate names), or through ``aliases``. The version matches a
    release's cycle exactly, then its label (with a quoted or bracketed codename and a leading
    product title removed: SQL Server ``2019`` is cycle 15.0, labelled ``2019 'Aris/Seattle'``),
    then the longest cycle or label that is a prefix of the version at a ``.``/``-``/space
    boundary (``15.0.4123.1`` -> ``15.0``).

    Returns the row as a dict, or ``None`` when product or version is unknown.
    """
    if eol_table is None or len(eol_table) == 0 or not _none(product) or not _none(version):
        return None
    pkeys = {loose_name(product)}
    if _none(vendor):
        pkeys.add(loose_name(f"{vendor} {product}"))
    for k, v in (aliases or {}).items():
        if loose_name(k) in pkeys:
            pkeys.add(loose_name(v))
    cands = []
    for row in eol_table.to_dict("records"):
        names = list(row.get("names") or []) + [row.get("product"), row.get("title")]
        keys = {loose_name(n) for n in names if _none(n)}
        if _none(row.get("vendor")):
            keys |= {loose_name(f"{row['vendor']} {n}") for n in names if _none(n)}
        if keys & pkeys:
            cands.append(row)
    if not cands:
        return None
    ver = " ".join(str(version).split()).casefold()
    title = (_none(cands[0].get("title")) or "").casefold()

    def forms(row) -> list[str]:
        out = []
        label = _none(row.get("label"))
        if label:
            for f in _strip_label(str(label)):
                f = f.casefold()
                out.append(f)
                if title and f.startswith(title + " "):
                    out.append(f[len(title) + 1:])
        return out

    for row in cands:
        if _none(row.get("cycle")) is not None and str(row["cycle"]).casefold() == ver:
            return row
    for row in cands:
        if ver in forms(row):
            return row
    best, best_len = None, 0
    for row in cands:
        for f in [str(row.get("cycle") or "").casefold(), *forms(row)]:
            if f and len(f) > best_len and ver.startswith(f) and \
                    (len(ver) == len(f) or ver[len(f)] in ".- _"):
                best, best_len = row, len(f)
    return best
