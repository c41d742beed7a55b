"""The board pack as one self-contained, printable HTML page.

Charts are inline SVG drawn here from the pack's figures (no script, no CDN, nothing
fetched: a Content-Security-Policy forbids every request); every name is HTML-escaped. The
print stylesheet gives A4 landscape pages, a title page of its own, table headers repeated
on each page and no row split across pages, so :mod:`ea.boardpack.pdf` prints it as it is.
"""

from __future__ import annotations

import datetime as dt
import math
from html import escape

import pandas as pd

from ea.atomic import atomic_write_text
from ea.boardpack import labels as L
from ea.boardpack.data import BoardPack

#: Rows of the findings list shown in the page; the workbook has them all.
MAX_FINDINGS = 60

_CSS = """
:root { --ink:#1b1b1b; --muted:#5a5a5a; --line:#d0d7de; --blue:#1f4e79; --sys:#c0392b;
        --obj:#e59866; --sup:#2e86c1; --life:#922b21; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: var(--ink);
       margin: 0 auto; max-width: 1100px; padding: 24px; font-size: 13px; line-height: 1.4; }
h1 { font-size: 28px; margin: 0 0 4px; color: var(--blue); }
h2 { font-size: 19px; margin: 28px 0 8px; color: var(--blue);
     border-bottom: 2px solid var(--blue); padding-bottom: 3px; }
.sub { font-size: 20px; margin: 0 0 18px; }
.meta { color: var(--muted); margin: 2px 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr));
         gap: 10px; margin: 18px 0; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; }
.card .v { font-size: 24px; font-weight: bold; color: var(--blue); }
.card .k { color: var(--muted); font-size: 12px; }
.card.alert .v { color: var(--sys); }
table { border-collapse: collapse; width: 100%; margin: 8px 0 4px; }
th, td { border: 1px solid var(--line); padding: 4px 6px; text-align: left;
         vertical-align: top; }
td { overflow-wrap: anywhere; }
th { hyphens: auto; }
th { background: var(--blue); color: #fff; font-weight: bold; }
td.n { text-align: right; white-space: nowrap; }
tr:nth-child(even) td { background: #f6f8fa; }
.sev-critical { color: #fff; background: #8e0000 !important; font-weight: bold; }
.sev-high { color: #8e0000; font-weight: bold; }
.more, .note { color: var(--muted); font-style: italic; }
ul.sources { margin: 4px 0 0 18px; padding: 0; }
svg text { font-family: inherit; }
.titlepage { min-height: 170mm; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  .titlepage { page-break-after: always; }
  h2 { page-break-after: avoid; }
  thead { display: table-header-group; }
  tr, .card, svg { page-break-inside: avoid; }
  section { page-break-before: auto; }
}
"""


def _e(v) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    if isinstance(v, list | tuple | set):
        v = ", ".join(str(x) for x in v)
    if hasattr(v, "item") and not isinstance(v, str):
        v = v.item()
    if isinstance(v, pd.Timestamp | dt.datetime):
        v = v.date()
    if isinstance(v, dt.date):
        v = v.isoformat()
    return escape(str(v))


def _pct(v) -> str:
    try:
        return f"{round(float(v) * 100):d} %"
    except (TypeError, ValueError):
        return ""


def _table(df: pd.DataFrame, lang: str, *, limit: int | None = None) -> str:
    w = L.words(lang)
    if df is None or df.empty:
        return f"<p class='note'>{escape(w['none'])}</p>"
    shown = df.head(limit) if limit else df
    head = "".join(f"<th>{escape(L.column(lang, c))}</th>" for c in df.columns)
    rows = []
    for r in shown.itertuples(index=False):
        cells = []
        for c, v in zip(df.columns, r, strict=True):
            if c in L.PERCENT:
                cells.append(f"<td class='n'>{_pct(v)}</td>")
            elif c == "severity":
                cells.append(f"<td class='sev-{_e(v)}'>{escape(L.severity(lang, str(v)))}</td>")
            elif c == "report":
                cells.append(f"<td>{escape(L.report(lang, str(v)))}</td>")
            elif c == "code":
                cells.append(f"<td>{escape(L.code(lang, str(v)))}</td>")
            elif c == "quarter" and v == "passed":
                cells.append(f"<td>{escape(w['passed'])}</td>")
            elif isinstance(v, int | float) and not isinstance(v, bool):
                cells.append(f"<td class='n'>{_e(v)}</td>")
            else:
                cells.append(f"<td>{_e(v)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    more = ""
    if limit and len(df) > limit:
        more = f"<p class='more'>{escape(w['more_rows'].format(n=len(df) - limit))}</p>"
    return (f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
            f"{more}")


def bar_chart(labels: list[str], series: list[tuple[str, list[float], str]], *,
              title: str, percent: bool = True) -> str:
    """Horizontal grouped bars, one group per label; values 0–1 when ``percent``."""
    if not labels:
        return ""
    label_w, bar_w, row_h = 330, 470, 12 * len(series) + 10
    top = 40
    height = top + row_h * len(labels) + 30
    width = label_w + bar_w + 70
    vmax = 1.0 if percent else max([max(v) for _, v, _ in series] + [1])
    out = [f"<svg xmlns='http://www.w3.org/2000/svg' role='img' width='{width}' "
           f"height='{height}' viewBox='0 0 {width} {height}'>",
           f"<title>{escape(title)}</title>",
           f"<text x='0' y='16' font-size='14' font-weight='bold'>{escape(title)}</text>"]
    lx = label_w
    for name, _vals, colour in series:
        out.append(f"<rect x='{lx}' y='24' width='10' height='10' fill='{colour}'/>"
                   f"<text x='{lx + 14}' y='33' font-size='11'>{escape(name)}</text>")
        lx += 16 + 7 * len(name)
    for i, lab in enumerate(labels):
        y0 = top + i * row_h
        text = lab if len(lab) <= 48 else lab[:47] + "…"
        out.append(f"<text x='{label_w - 8}' y='{y0 + row_h / 2 + 4}' font-size='11' "
                   f"text-anchor='end'>{escape(text)}</text>")
        for j, (_name, vals, colour) in enumerate(series):
            v = float(vals[i] or 0)
            bw = bar_w * (v / vmax if vmax else 0)
            y = y0 + 4 + j * 12
            out.append(f"<rect x='{label_w}' y='{y}' width='{bw:.1f}' height='10' "
                       f"fill='{colour}'/>")
            val = _pct(v) if percent else f"{v:g}"
            out.append(f"<text x='{label_w + bw + 4:.1f}' y='{y + 9}' font-size='10'>"
                       f"{escape(val)}</text>")
    axis_y = top + row_h * len(labels) + 4
    out.append(f"<line x1='{label_w}' y1='{top}' x2='{label_w}' y2='{axis_y}' "
               "stroke='#888'/>")
    for t in (0, 0.25, 0.5, 0.75, 1.0):
        x = label_w + bar_w * t
        tick = _pct(t) if percent else f"{vmax * t:g}"
        out.append(f"<text x='{x:.1f}' y='{axis_y + 14}' font-size='10' "
                   f"text-anchor='middle'>{escape(tick)}</text>")
    out.append("</svg>")
    return "".join(out)


def column_chart(labels: list[str], stacks: list[tuple[str, list[int], str]], *,
                 title: str) -> str:
    """Stacked columns, one per label (counts)."""
    if not labels:
        return ""
    col_w, gap, plot_h, top = 44, 14, 180, 44
    width = 40 + len(labels) * (col_w + gap) + 20
    height = top + plot_h + 50
    totals = [sum(s[1][i] for s in stacks) for i in range(len(labels))]
    vmax = max(totals + [1])
    out = [f"<svg xmlns='http://www.w3.org/2000/svg' role='img' width='{width}' "
           f"height='{height}' viewBox='0 0 {width} {height}'>",
           f"<title>{escape(title)}</title>",
           f"<text x='0' y='16' font-size='14' font-weight='bold'>{escape(title)}</text>"]
    lx = 40
    for name, _vals, colour in stacks:
        out.append(f"<rect x='{lx}' y='24' width='10' height='10' fill='{colour}'/>"
                   f"<text x='{lx + 14}' y='33' font-size='11'>{escape(name)}</text>")
        lx += 22 + 7 * len(name)
    base = top + plot_h
    for i, lab in enumerate(labels):
        x = 40 + i * (col_w + gap)
        y = base
        for _name, vals, colour in stacks:
            h = plot_h * vals[i] / vmax
            y -= h
            if h > 0:
                out.append(f"<rect x='{x}' y='{y:.1f}' width='{col_w}' height='{h:.1f}' "
                           f"fill='{colour}'/>")
        out.append(f"<text x='{x + col_w / 2}' y='{y - 4:.1f}' font-size='11' "
                   f"text-anchor='middle'>{totals[i]}</text>")
        out.append(f"<text x='{x + col_w / 2}' y='{base + 14}' font-size='10' "
                   f"text-anchor='middle'>{escape(lab)}</text>")
    out.append(f"<line x1='36' y1='{base}' x2='{width - 10}' y2='{base}' stroke='#888'/>")
    out.append("</svg>")
    return "".join(out)


def render(pack: BoardPack) -> str:
    """The whole page as a string."""
    lang = pack.lang
    w = L.words(lang)
    cards = []
    for key, value in pack.totals.items():
        v = _pct(value) if key in L.PERCENT else _e(value)
        alert = " alert" if key in ("systems_unowned", "critical") and value else ""
        cards.append(f"<div class='card{alert}'><div class='v'>{v}</div>"
                     f"<div class='k'>{escape(w.get(key, key))}</div></div>")
    sources = "".join(f"<li>{_e(s)}</li>" for s in pack.sources) or \
        f"<li>{escape(w['no_sources'])}</li>"
    notes = "".join(f"<p class='note'>{_e(n)}</p>" for n in pack.notes)
    parts = [
        "<!DOCTYPE html>",
        f"<html lang='{escape(lang)}'><head><meta charset='utf-8'>",
        "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; img-src data:\">",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<title>{escape(w['pack'])}: {_e(pack.title)} ({pack.as_of.isoformat()})</title>",
        f"<style>{_CSS}</style></head><body>",
        "<section class='titlepage'>",
        f"<h1>{escape(w['pack'])}</h1><p class='sub'>{_e(pack.title)}</p>",
        f"<p class='meta'>{escape(w['as_of'])} <strong>{pack.as_of.isoformat()}</strong></p>",
        f"<p class='meta'>{escape(w['scope'])}: {_e(pack.scope) or escape(w['whole'])}</p>",
        f"<h2>{escape(w['key_figures'])}</h2><div class='cards'>{''.join(cards)}</div>",
        f"<h2>{escape(w['sources'])}</h2><ul class='sources'>{sources}</ul>{notes}",
        f"<p class='meta'>{escape(w['generated_by'])}</p>",
        "</section>",
    ]
    org = pack.organisations
    chart_org = org[org["systems"] + org["objects"] > 0]
    parts += [f"<section><h2>{escape(w['unowned_title'])}</h2>",
              bar_chart(list(chart_org["name"]),
                        [(w["share_unowned"], list(chart_org["share_unowned"]), "#c0392b"),
                         (w["share_objects_unowned_col"],
                          list(chart_org["share_objects_unowned"]), "#e59866")],
                        title=w["unowned_chart"]),
              _table(org.drop(columns=["organisation"]), lang), "</section>"]
    counts = _table(pack.finding_counts, lang)
    parts += [f"<section><h2>{escape(w['findings_title'])}</h2>", counts,
              f"<p class='note'>{escape(w['coordinate_note'])}</p>",
              _table(pack.findings, lang, limit=MAX_FINDINGS), "</section>"]
    parts += [f"<section><h2>{escape(w['hubs_title'])}</h2>", _table(pack.hubs, lang),
              "</section>"]
    q = pack.quarters
    labels = [w["passed"] if x == "passed" else x for x in q["quarter"]]
    parts += [f"<section><h2>{escape(w['ageing_title'])}</h2>",
              column_chart(labels, [(w["end_of_support"], list(q["end_of_support"]), "#2e86c1"),
                                    (w["end_of_life"], list(q["end_of_life"]), "#922b21")],
                           title=w["ageing_chart"]),
              _table(q.drop(columns=["start"]), lang),
              f"<h2>{escape(w['replacement_title'])}</h2>", _table(pack.replacement, lang),
              "</section>"]
    parts += [f"<section><h2>{escape(w['classification_title'])}</h2>",
              _table(pack.classification, lang), "</section>"]
    if pack.people is not None:
        parts += [f"<section><h2>{escape(w['people_title'])}</h2>",
                  _table(pack.people, lang), "</section>"]
    if pack.changes is not None:
        parts += [f"<section><h2>{escape(w['changes_title'])}</h2>",
                  _table(pack.change_counts, lang),
                  _table(pack.changes, lang, limit=80), "</section>"]
    parts.append("</body></html>")
    return "\n".join(parts)


def write(pack: BoardPack, path) -> None:
    """Write the page to ``path`` (atomically)."""
    atomic_write_text(path, render(pack))
