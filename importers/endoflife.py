"""Read vendor end-of-life data into a plain table.

Sources:

* `endoflife.date <https://endoflife.date>`_ product files: the repository's
  ``products/<product>.md`` (Markdown with YAML front matter, ``releases:`` a list of
  ``{releaseCycle, releaseLabel?, codename?, releaseDate, eoas?, eol, ...}``), or the JSON of its
  API (``/api/<product>.json``, a list of ``{cycle, releaseLabel?, eol, support?, ...}``; or the
  v1 ``{"result": {"name", "label", "releases": [{"name", "label", "eolFrom", "isEol"}]}}``).
* A CSV (``,`` or ``;``, UTF-8 or Windows-1252) with columns ``product``, ``version`` and an
  end-of-life date (``eol`` / ``end_of_life`` / ``date``; Swedish ``produkt``, ``version``,
  ``supportslut``/``datum`` also accepted), optionally ``vendor`` and ``support`` (end of
  active support).

``eol`` (and ``eoas``) in endoflife.date is an ISO date **or a boolean**: ``true`` means already
ended with an unknown date, ``false`` means no end announced. Both are kept: ``eol`` holds the
date when there is one, ``eol_ended`` holds the boolean when there is none.

Pure reading: nothing is written to a landscape. Errors are one line naming the file
(:class:`ea.errors.InputError`).

Table columns (:data:`COLUMNS`): ``product`` (the file's product id, or the CSV cell),
``title``, ``names`` (names a system's product may be written as: id, title, alternate URLs),
``vendor``, ``cycle``, ``label`` (release label with ``__CODENAME__``/``__RELEASE_CYCLE__``
filled in), ``codename``, ``release_date``, ``eol``, ``eol_ended``, ``support_end``,
``support_ended``, ``source``.

Examples
--------
>>> import pathlib, tempfile
>>> p = pathlib.Path(tempfile.mkdtemp()) / "eol.csv"
>>> _ = p.write_text("product;version;eol\\nHeroma;5;2027-12-31\\n", encoding="utf-8")
>>> read_csv(p)[["product", "cycle", "eol", "eol_ended"]].values.tolist()
[['Heroma', '5', '2027-12-31', None]]
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pandas as pd
import yaml

from ea.errors import InputError

COLUMNS = ["product", "title", "names", "vendor", "cycle", "label", "codename",
           "release_date", "eol", "eol_ended", "support_end", "support_ended", "source"]

_CSV_ALIASES = {
    "product": ("product", "produkt", "name", "namn"),
    "version": ("version", "cycle", "release", "releasecycle", "utgava"),
    "eol": ("eol", "endoflife", "end of life", "date", "datum", "supportslut", "slut på support",
            "eol date", "eoldate"),
    "support": ("support", "eoas", "end of support", "active support", "supportslut aktiv"),
    "vendor": ("vendor", "leverantör", "leverantor", "tillverkare"),
}


def _head(text: str) -> str:
    return " ".join(re.sub(r"[_\-]+", " ", text.strip().casefold()).split())


def _date_or_bool(value, *, file: str, what: str):
    """-> (iso date or None, bool or None)."""
    if value is None or value == "":
        return None, None
    if isinstance(value, bool):
        return None, value
    if isinstance(value, dt.datetime):
        return value.date().isoformat(), None
    if isinstance(value, dt.date):
        return value.isoformat(), None
    s = str(value).strip()
    low = s.casefold()
    if low in ("true", "yes", "ja"):
        return None, True
    if low in ("false", "no", "nej"):
        return None, False
    try:
        return dt.date.fromisoformat(s[:10]).isoformat(), None
    except ValueError:
        raise InputError(f"{what}: '{s}' is neither a date (YYYY-MM-DD) nor true/false",
                         file=file) from None


def _label(template, cycle: str, codename) -> str | None:
    if not template:
        return None
    out = str(template).replace("__RELEASE_CYCLE__", cycle)
    out = out.replace("__CODENAME__", str(codename) if codename else "")
    out = re.sub(r"<[^>]+>", "", out)  # LTS labels carry HTML
    out = " ".join(out.replace("''", "").replace("()", "").split())
    return out or None


def _rows_from_releases(product: str, title: str | None, names: list[str], releases,
                        *, file: str, default_label=None) -> list[dict]:
    if not isinstance(releases, list):
        raise InputError("no list of releases found", file=file)
    rows = []
    for i, rel in enumerate(releases, start=1):
        if not isinstance(rel, dict):
            raise InputError(f"release {i} is not a mapping", file=file)
        cycle = rel.get("releaseCycle", rel.get("cycle", rel.get("name")))
        if cycle is None:
            raise InputError(f"release {i} has no releaseCycle", file=file)
        cycle = str(cycle)
        eol, eol_b = _date_or_bool(rel.get("eol", rel.get("eolFrom")), file=file,
                                   what=f"release {cycle} eol")
        if eol is None and eol_b is None and "isEol" in rel:
            eol_b = bool(rel["isEol"])
        sup, sup_b = _date_or_bool(rel.get("eoas", rel.get("support", rel.get("eoasFrom"))),
                                   file=file, what=f"release {cycle} support")
        rdate, _ = _date_or_bool(rel.get("releaseDate"), file=file,
                                 what=f"release {cycle} releaseDate")
        label = _label(rel.get("releaseLabel", rel.get("label")) or default_label, cycle,
                       rel.get("codename"))
        rows.append({"product": product, "title": title, "names": names, "vendor": None,
                     "cycle": cycle, "label": label, "codename": rel.get("codename"),
                     "release_date": rdate, "eol": eol, "eol_ended": eol_b,
                     "support_end": sup, "support_ended": sup_b, "source": f"{file}#{cycle}"})
    return rows


def read_product(path: str | Path) -> pd.DataFrame:
    """Read one endoflife.date product file (``.md`` front matter or API ``.json``)."""
    p = Path(path)
    file = str(p)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError("file not found", file=file) from None
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text", file=file) from None
    product = p.stem
    if p.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"invalid JSON ({exc.msg})", file=file, line=exc.lineno) from None
        title, names, default_label = None, [product], None
        if isinstance(data, dict):
            res = data.get("result", data)
            product = str(res.get("name") or product)
            title = res.get("label") or res.get("title")
            names = [product] + ([title] if title else []) + list(res.get("aliases") or [])
            releases = res.get("releases")
        else:
            releases = data
        return _frame(_rows_from_releases(product, title, names, releases, file=file,
                                          default_label=default_label))
    m = re.match(r"\A---\s*\n(.*?)\n---\s*(\n|\Z)", text, re.S)
    if not m:
        raise InputError("no YAML front matter (expected an endoflife.date products/*.md file)",
                         file=file)
    try:
        front = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(f"invalid YAML front matter ({getattr(exc, 'problem', None) or exc})",
                         file=file, line=(mark.line + 2) if mark else None) from None
    if not isinstance(front, dict):
        raise InputError("front matter is not a mapping", file=file)
    title = front.get("title")
    names = [product] + ([str(title)] if title else [])
    names += [str(u).strip("/") for u in front.get("alternate_urls") or []]
    return _frame(_rows_from_releases(product, title, names, front.get("releases"), file=file,
                                      default_label=front.get("releaseLabel")))


def _frame(rows: list[dict]) -> pd.DataFrame:
    return _tidy(pd.DataFrame(rows, columns=COLUMNS, dtype=object))


def read_csv(path: str | Path) -> pd.DataFrame:
    """Read a CSV of product, version and end-of-life date (see module docstring)."""
    p = Path(path)
    file = str(p)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise InputError("file not found", file=file) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    first = text.split("\n", 1)[0]
    delim = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delim)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError("empty file", file=file) from None
    cols: dict[str, int] = {}
    for i, h in enumerate(header):
        hn = _head(h)
        for field, aliases in _CSV_ALIASES.items():
            if field not in cols and hn in {_head(a) for a in aliases}:
                cols[field] = i
    for need in ("product", "eol"):
        if need not in cols:
            raise InputError(f"no '{need}' column (header: {', '.join(header)})", file=file,
                             line=1)
    rows = []
    for line, rec in enumerate(reader, start=2):
        if not any(c.strip() for c in rec):
            continue

        def cell(field, rec=rec):
            i = cols.get(field)
            return rec[i].strip() if i is not None and i < len(rec) else ""

        product = cell("product")
        if not product:
            raise InputError("product is empty", file=file, line=line)
        where = f"{file}:{line}"
        eol, eol_b = _date_or_bool(cell("eol"), file=where, what="eol")
        sup, sup_b = _date_or_bool(cell("support"), file=where, what="support")
        vendor = cell("vendor") or None
        rows.append({"product": product, "title": product, "names": [product], "vendor": vendor,
                     "cycle": cell("version") or None, "label": None, "codename": None,
                     "release_date": None, "eol": eol, "eol_ended": eol_b, "support_end": sup,
                     "support_ended": sup_b, "source": where})
    return _frame(rows)


def read(paths) -> pd.DataFrame:
    """Read any number of product files (``.md``/``.json``), CSV files, or directories of them
    (every ``*.md``/``*.json``/``*.csv`` inside, sorted) into one table."""
    if isinstance(paths, str | Path):
        paths = [paths]
    frames = []
    for path in paths:
        p = Path(path)
        if p.is_dir():
            files = sorted(f for f in p.iterdir()
                           if f.suffix.lower() in (".md", ".json", ".csv"))
            if not files:
                raise InputError("no .md, .json or .csv files in directory", file=str(p))
        else:
            files = [p]
        for f in files:
            frames.append(read_csv(f) if f.suffix.lower() == ".csv" else read_product(f))
    if not frames:
        return _frame([])
    return _tidy(pd.concat(frames, ignore_index=True))


def _tidy(df: pd.DataFrame) -> pd.DataFrame:
    df = df.astype(object)
    return df.where(df.notna(), None)
