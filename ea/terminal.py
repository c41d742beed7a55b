"""Reports for people in a terminal, drawn with ``rich``: tables that fit the width (long
cells wrap, nothing is cut), a summary of counts per class and severity before the top rows,
second tables under their own titles, severity in colour.

Colour only on a terminal, never with ``NO_COLOR`` set (https://no-color.org), forced with
``FORCE_COLOR``. The width is ``$COLUMNS``, else the terminal's, else 80. Cell text is data:
markup is off and control characters are shown as ``?``, so a name cannot move the cursor or
recolour the screen. Output longer than the screen goes through a pager (``$PAGER``, else
``less -R``) when standard output is a terminal.

>>> import pandas as pd
>>> df = pd.DataFrame({"subject": ["System:x"], "name": ["Lonely"], "code": ["missing_role"],
...                    "severity": ["high"], "reason": ["no it manager"]})
>>> print(render_report(df, "orphans", width=60, colour=False))
Orphans: objects and systems without a working owner or
manager: 1 row
<BLANKLINE>
Per class and severity:
class         high  total
─────────────────────────
missing_role     1      1
<BLANKLINE>
name    code          severity  reason
─────────────────────────────────────────────
Lonely  missing_role  high      no it manager
<BLANKLINE>
"""

from __future__ import annotations

import contextlib
import io
import math
import numbers
import os
import re
import shutil
import sys
from collections.abc import Mapping, Sequence

import pandas as pd

from ea import i18n
from ea.views import View, view

SEVERITY_STYLE = {"critical": "bold red", "high": "red", "medium": "yellow", "low": "cyan",
                  "info": "dim"}
# the same colours for the severities in Swedish words (--lang sv)
SEVERITY_STYLE.update({i18n.severity("sv", k): v for k, v in list(SEVERITY_STYLE.items())})
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_KEY = re.compile(r"^[A-Z][A-Za-z]+:\S")
_NUMERIC_KINDS = "iuf"
_TEXT = 10  # a column of text is not squeezed below this width (else: one block per row)
_WIDE = ("reason", "why")  # beside these, other text columns take at most 20 % of the width
_WORD = 22  # a one-word column (code, role, date) keeps up to this many characters unwrapped
_LABELS = ("code", "class", "role", "kind", "effect")  # words for a code (see ea.i18n)
_LABEL = 18  # beside a reason, such words wrap at this width


# ------------------------------------------------------------------------- the terminal
def _env_flag(name: str) -> bool:
    return bool(os.environ.get(name, ""))


def _isatty(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def terminal_width(default: int = 80) -> int:
    """``$COLUMNS``, else the width of the terminal on stdout, stderr or stdin, else
    ``default`` (so ``ea orphans | less`` still fits the screen)."""
    cols = os.environ.get("COLUMNS", "")
    if cols.isdigit() and int(cols) > 0:
        return int(cols)
    for fd in (1, 2, 0):
        try:
            return max(os.get_terminal_size(fd).columns, 20)
        except (OSError, ValueError):
            continue
    return default


def terminal_height() -> int:
    lines = os.environ.get("LINES", "")
    if lines.isdigit() and int(lines) > 0:
        return int(lines)
    return shutil.get_terminal_size((80, 24)).lines


def use_colour(stream=None) -> bool:
    """Whether to colour: never with NO_COLOR, always with FORCE_COLOR, else on a terminal."""
    if _env_flag("NO_COLOR"):
        return False
    if _env_flag("FORCE_COLOR"):
        return True
    return _isatty(stream if stream is not None else sys.stdout)


def _console(w: int, colour_on: bool):
    from rich.console import Console

    return Console(file=io.StringIO(), width=w, color_system="standard" if colour_on else None,
                   force_terminal=colour_on, no_color=not colour_on, highlight=False,
                   markup=False, emoji=False, soft_wrap=False, legacy_windows=False,
                   force_jupyter=False, force_interactive=False)


def show(text: str, *, pager: bool = True) -> None:
    """Print ``text`` to stdout, through a pager when it is longer than the screen and stdout
    is a terminal."""
    import click

    if pager and _isatty(sys.stdout) and text.count("\n") > terminal_height() - 2:
        # color=None: click keeps the colours for a pager that shows them (less, to which
        # it gives -R unless $LESS says otherwise) and strips them for one that cannot
        click.echo_via_pager(text, color=None)
    else:
        click.echo(text, nl=False, color=use_colour())


def wrap(text: str, width: int | None = None) -> str:
    """A line of prose wrapped to the terminal, continuation lines indented."""
    import textwrap

    return textwrap.fill(text, width=width or terminal_width(), subsequent_indent="  ",
                         break_on_hyphens=False)


# ------------------------------------------------------------------------------ cells
def cell(value, column: str = "", lang: str = "en") -> str:
    """One value as text for a person: lists joined with "; ", shares as percentages, floats
    rounded, booleans yes/no, control characters as ``?``."""
    if value is None or value is pd.NaT:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if column.startswith("share"):
            return f"{value:.0%}"
        text = f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
        return text.replace(".", ",") if lang == "sv" else text  # a decimal comma in Swedish
    if isinstance(value, bool):
        return i18n.text(lang, "yes" if value else "no")
    if isinstance(value, list | tuple | set):
        return "; ".join(cell(v, lang=lang) for v in value if v is not None)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {cell(v, lang=lang)}" for k, v in value.items())
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalar
        try:
            return cell(value.item(), column, lang)
        except (AttributeError, ValueError):
            pass
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return _CONTROL.sub("?", " ".join(str(value).split()))


def header(column: str, lang: str = "en") -> str:
    """A column's header: its key with spaces (English), or its Swedish words."""
    return i18n.header(lang, column)


def is_internal(df: pd.DataFrame, column: str) -> bool:
    """A column of node keys ("System:SYS-0013", "Person:a@b.se")."""
    if column in ("subject", "key"):
        return True
    sample = [v for v in df[column].head(20).tolist() if isinstance(v, str) and v]
    return bool(sample) and all(_KEY.match(v) for v in sample)


def default_columns(df: pd.DataFrame, v: View) -> list[str]:
    if v.columns is not None:
        cols = [c for c in v.columns if c in df.columns]
        if cols:
            return cols
    return [c for c in df.columns if not is_internal(df, str(c))]


# ------------------------------------------------------------------------------ tables
def _numeric(df: pd.DataFrame, column: str) -> bool:
    """A column of numbers (a numeric dtype, or objects that are all int/float)."""
    kind = df[column].dtype.kind
    if kind in _NUMERIC_KINDS:
        return True
    if kind != "O":
        return False
    values = [v for v in df[column].tolist() if v is not None
              and not (isinstance(v, float) and math.isnan(v))]
    return bool(values) and all(isinstance(v, numbers.Number) and not isinstance(v, bool)
                                for v in values)


def table(df: pd.DataFrame, columns: Sequence[str], *, title: str | None = None,
          caption: str | None = None, width: int | None = None, lang: str = "en"):
    """A rich Table of ``columns`` of ``df``: numbers right-aligned, text wrapping at word
    boundaries (folding words longer than the column), severity in colour."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    t = Table(title=title, title_justify="left", title_style="bold", caption=caption,
              caption_justify="left", caption_style="dim", box=box.SIMPLE_HEAD,
              show_edge=False, header_style="bold", pad_edge=False, padding=(0, 1),
              collapse_padding=True)
    texts = [[cell(v, c, lang) for v in df[c].tolist()] for c in columns]
    # with a reason beside them, other text columns stay narrow so the reason gets the room
    cap = int(width * 0.2) if width and any(c in _WIDE for c in columns) else None
    need = 2 * (len(columns) - 1)  # the narrowest the table can be drawn
    for c, values in zip(columns, texts, strict=True):
        longest = max((len(v) for v in values), default=0)
        if _numeric(df, c):
            t.add_column(header(c, lang), justify="right", no_wrap=True,
                         min_width=len(header(c, lang)))
            need += max(longest, len(header(c, lang)))
            continue
        one_word = bool(values) and not any(" " in v for v in values)
        if one_word:
            # codes, roles, dates, one-word names: kept whole up to a point, the columns of
            # several words give way first
            least = min(max(longest, len(header(c, lang).split(" ")[0])), _WORD)
            most = max(least, min(longest, _WORD + 8)) if cap else None
        elif c in _LABELS:
            # a finding, role or kind in words (--lang sv): narrow, whole words
            words = max((len(w) for v in values for w in v.split()), default=0)
            least = min(max(words, len(header(c, lang).split(" ")[0])), _WORD)
            most = max(least, _LABEL) if cap else None
        else:
            least = min(longest, max(len(header(c, lang)), _TEXT))
            # room for the longest word (an organisation like "Kommunledningsförvaltningen"
            # is not folded mid-word), up to _WORD + 8
            words = max((len(w) for v in values for w in v.split()), default=0)
            most = (max(least, cap, min(words, _WORD + 8))
                    if cap and c not in _WIDE else None)
        t.add_column(header(c, lang), overflow="fold", min_width=least, max_width=most,
                     no_wrap=one_word and longest <= _WORD + 8)
        need += least
    t.minimum_width = need
    for row in zip(*texts, strict=True):
        t.add_row(*(Text(v, style=SEVERITY_STYLE.get(v, "")) if c == "severity" else Text(v)
                    for c, v in zip(columns, row, strict=True)))
    return t


def records(df: pd.DataFrame, columns: Sequence[str], lang: str = "en"):
    """Each row as a block of "column  value" lines: for tables whose columns cannot fit
    the width side by side."""
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    blocks = []
    for row in zip(*([cell(v, c, lang) for v in df[c].tolist()] for c in columns),
                   strict=True):
        t = Table(box=box.SIMPLE, show_header=False, show_edge=False, pad_edge=False,
                  padding=(0, 1), collapse_padding=True)
        t.add_column(style="bold", no_wrap=True)
        t.add_column(overflow="fold")
        for c, v in zip(columns, row, strict=True):
            t.add_row(header(c, lang), Text(v, style=SEVERITY_STYLE.get(v, "") if c == "severity"
                                      else ""))
        blocks += [t, Text("")]
    return Group(*blocks[:-1])


def fitted(con, df: pd.DataFrame, columns: Sequence[str], lang: str = "en"):
    """A table of ``columns`` if they fit the console side by side, else :func:`records`."""
    t = table(df, columns, width=con.width, lang=lang)
    if t.minimum_width > con.width:
        return records(df, columns, lang)
    return t


def summary_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Counts per class (``code``) and severity, the worst classes first."""
    from ea.queries import SEVERITIES, SEVERITY_RANK

    sev = [s for s in SEVERITIES if s in set(df["severity"])]
    counts = df.groupby(["code", "severity"], sort=False).size().unstack(fill_value=0)
    counts = counts.reindex(columns=sev, fill_value=0)
    counts["total"] = counts.sum(axis=1)
    worst = df.groupby("code", sort=False)["severity"].agg(
        lambda s: min(SEVERITY_RANK.get(x, 99) for x in s))
    counts["_worst"] = worst
    counts = counts.sort_values(["_worst", "total"], ascending=[True, False], kind="stable")
    out = counts.drop(columns="_worst").reset_index().rename(columns={"code": "class"})
    return out.astype({c: "int64" for c in out.columns if c != "class"})


def _rows(con, df: pd.DataFrame, v: View, cols: list[str], all_rows: bool,
          lang: str = "en", n: int | None = None) -> int:
    """Print the first rows of ``df`` (every row with ``all_rows``); return how many were
    left out. ``n``: how many rows there are when ``df`` holds only the first of them."""
    n = len(df) if n is None else n
    limit = None if all_rows else v.limit
    shown = df if limit is None or n <= limit else df.head(limit)
    shown = i18n.translate(shown, lang)  # codes, severities, roles in words (sv)
    if len(shown) < n:
        con.print(i18n.text(lang, "first_of", shown=len(shown), n=n))
    if len(shown) > FAST_ROWS:
        con.file.write(_long_table(con, shown, cols, lang))
    else:
        con.print(fitted(con, shown, cols, lang))
    con.print()
    return n - len(shown)


#: above this many rows (--all) the rows are laid out in the column widths rich computes for
#: the first of them: rich draws ~1,000 rows a second, a 20,000-row --all would take longer
#: than computing the report
FAST_ROWS = 1000
_ANSI = {"bold red": "\x1b[1;31m", "red": "\x1b[31m", "yellow": "\x1b[33m",
         "cyan": "\x1b[36m", "dim": "\x1b[2m"}


def _long_table(con, df: pd.DataFrame, cols: list[str], lang: str = "en") -> str:
    """Every row of a long table, in the widths rich chooses for its first 200 rows and
    each column's longest cell:
    the same look (header, rule, two spaces between columns, wrapped cells, coloured
    severity) at a fraction of the cost."""
    import textwrap

    data = [[cell(v, c, lang) for v in df[c].tolist()] for c in cols]
    # the widths of the first rows and of each column's longest cell
    longest = {max(range(len(values)), key=lambda i: len(values[i])) for values in data}
    head = df.iloc[sorted(set(range(min(200, len(df)))) | longest)]
    t = table(head, cols, width=con.width, lang=lang)
    colour_on = con.color_system is not None
    if t.minimum_width > con.width:  # one block per row, as records() draws it
        keys = [header(c, lang) for c in cols]
        kw = max(len(k) for k in keys)
        vw = max(con.width - kw - 2, 10)
        blocks = []
        for row in zip(*data, strict=True):
            lines = []
            for k, c, v in zip(keys, cols, row, strict=True):
                parts = [v] if len(v) <= vw else textwrap.wrap(v, vw, break_on_hyphens=False)
                style = SEVERITY_STYLE.get(v) if c == "severity" and colour_on else None
                for i, part in enumerate(parts or [""]):
                    label = k.ljust(kw) if i == 0 else " " * kw
                    if colour_on and i == 0:
                        label = "\x1b[1m" + label + "\x1b[0m"
                    text = _ANSI[style] + part + "\x1b[0m" if style else part
                    lines.append(f"{label}  {text}".rstrip())
            blocks.append("\n".join(lines))
        return "\n\n".join(blocks) + "\n"
    # rich's own layout: widths with one space of padding right of every column but the
    # last, and one separator between columns (as Table.__rich_console__ computes them)
    widths = t._calculate_column_widths(con, con.options.update_width(
        con.width - t._extra_width))
    widths = [w - 1 for w in widths[:-1]] + widths[-1:]
    numeric = [_numeric(head, c) for c in cols]

    def line(cells: list[list[str]], styles: list[str | None]) -> list[str]:
        rows = max(len(c) for c in cells)
        out = []
        for i in range(rows):
            parts = []
            for cell_lines, w, num, style in zip(cells, widths, numeric, styles, strict=True):
                text = cell_lines[i] if i < len(cell_lines) else ""
                text = text.rjust(w) if num else text.ljust(w)
                if style and colour_on and text.strip():
                    text = _ANSI[style] + text + "\x1b[0m"
                parts.append(text)
            out.append("  ".join(parts).rstrip())
        return out

    lines = line([[header(c, lang)] for c in cols], [None] * len(cols))
    if colour_on:
        lines = ["\x1b[1m" + lines[0] + "\x1b[0m"]
    lines.append("─" * min(sum(widths) + 2 * (len(cols) - 1), con.width))
    for row in zip(*data, strict=True):
        cells = [[v] if len(v) <= w else textwrap.wrap(v, w, break_on_hyphens=False)
                 for v, w in zip(row, widths, strict=True)]
        styles = [SEVERITY_STYLE.get(v) if c == "severity" else None
                  for c, v in zip(cols, row, strict=True)]
        lines += line(cells, styles)
    return "\n".join(lines) + "\n"


def _summary(con, df: pd.DataFrame, v: View, lang: str = "en") -> None:
    """Counts per class and severity, when the view wants them and the rows have both."""
    if v.summary and {"code", "severity"} <= set(df.columns):
        counts = i18n.translate(summary_frame(df), lang)
        if lang == "sv":  # the severity columns in words
            counts = counts.rename(columns={c: i18n.severity(lang, c) for c in counts.columns
                                            if c not in ("class", "total")})
        con.print(i18n.text(lang, "per_class"))
        con.print(fitted(con, counts, list(counts.columns), lang))
        con.print()


def _title(con, text: str, n: int, lang: str = "en") -> None:
    con.print(i18n.text(lang, "rows_1" if n == 1 else "rows_n", title=text, n=n), style="bold")
    con.print()


def render_report(df: pd.DataFrame, name: str,
                  extras: Mapping[str, pd.DataFrame] | None = None, *, width: int = 80,
                  colour: bool = False, all_rows: bool = False,
                  columns: Sequence[str] | None = None,
                  lead: Sequence[str] | None = None, lang: str = "en",
                  extra_rows: Mapping[str, int] | None = None) -> str:
    """The report ``name`` (see :mod:`ea.views`) as terminal text: a title with the row count,
    the counts per class and severity, the first rows (all with ``all_rows``) in the default
    columns (or ``columns``), then each of ``extras`` as its own titled table, and a line
    saying what was left out and how to see it. ``lead`` lines come before all of it.
    ``extra_rows``: the row count of an extra given as its first rows only (at least the
    view's limit of them; not with ``all_rows``).
    ``lang`` ("en" or "sv", see :mod:`ea.i18n`): the language of titles, headers, summary
    lines, codes, severities and roles; the reasons stay as the query wrote them."""
    con = _console(width, colour)
    v = view(name)
    n = len(df)
    for line in lead or ():  # sentences, wrapped between words to the width of the table
        con.print(wrap(line, width))
    if lead:
        con.print()
    _title(con, i18n.title(lang, name, v.title), n, lang)
    left_out = []
    if n == 0:
        con.print(i18n.text(lang, "none"))
        con.print()
    else:
        _summary(con, df, v, lang)
        cols = list(columns) if columns else default_columns(df, v)
        more = _rows(con, df, v, cols, all_rows, lang)
        if more:
            left_out.append(i18n.text(lang, "more_rows", n=more))
        hidden = [str(c) for c in df.columns if c not in cols and not is_internal(df, str(c))]
        if hidden:  # the keys --columns takes
            names = ", ".join(hidden[:8])
            if len(hidden) > 8:
                names = i18n.text(lang, "and_more", names=names, n=len(hidden) - 8)
            left_out.append(i18n.text(lang, "the_columns", names=names))
    for title, extra in (extras or {}).items():
        ev = view(title)
        count = (extra_rows or {}).get(title, len(extra))
        _title(con, i18n.title(lang, title, ev.title), count, lang)
        if not count:
            con.print(i18n.text(lang, "none"))
            con.print()
            continue
        _summary(con, extra, ev, lang)
        more = _rows(con, extra, ev, default_columns(extra, ev), all_rows, lang, count)
        if more:
            left_out.append(i18n.text(lang, "more_rows_of", n=more,
                                      title=i18n.title(lang, title, title)))
    if left_out:
        con.print(i18n.text(lang, "not_shown", what="; ".join(left_out)), style="dim")
    return _tidy(con.file.getvalue())


def _tidy(text: str) -> str:
    """Without the spaces rich pads lines with."""
    return "\n".join(line.rstrip() for line in text.split("\n")).rstrip("\n") + "\n"


def render_table(df: pd.DataFrame, *, width: int | None = None, colour: bool = False,
                 columns: Sequence[str] | None = None, title: str | None = None,
                 drop_zeros: bool = False, lang: str = "en") -> str:
    """One plain table, every row (the import summary, ``ea stats``). ``drop_zeros``: a
    count column that is 0 in every row is said in one line under the table instead, to
    leave its width to the names."""
    con = _console(width or terminal_width(), colour)
    zeros: list[str] = []
    if drop_zeros and not df.empty:
        zeros = [str(c) for c in (columns or df.columns)
                 if df[c].dtype.kind in "iu" and not df[c].any()]
        columns = [c for c in (columns or df.columns) if str(c) not in zeros]
    if df.empty:
        con.print(i18n.text(lang, "no_rows"))
    else:
        if title:
            con.print(title, style="bold")
        con.print(fitted(con, i18n.translate(df, lang), list(columns or df.columns), lang))
        if zeros:
            con.print(i18n.text(lang, "zeros", names=", ".join(header(z, lang) for z in zeros)))
    return _tidy(con.file.getvalue())


# ---------------------------------------------------------------------------- progress
class _Silent:
    def __call__(self, phase: str, done: int, total: int) -> None:
        return None


@contextlib.contextmanager
def progress(enabled: bool | None = None):
    """A ``progress(phase, done, total)`` callback for library functions, drawn as a bar on
    stderr while the block runs (one bar, the current phase; gone when the block ends).
    Silent unless stderr is a terminal (``enabled`` overrides). Library code never prints:
    it takes such a callback (``import_files``, ``demo.generate``, ``neo4j.push``/``pull``,
    ``maps.build_map``, ``output.write_xlsx``)."""
    if enabled is None:
        enabled = _isatty(sys.stderr)
    if not enabled:
        yield _Silent()
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    con = Console(file=sys.stderr, color_system="standard" if use_colour(sys.stderr) else None,
                  no_color=not use_colour(sys.stderr), highlight=False, markup=False)
    bars = Progress(TextColumn("{task.description}", markup=False), BarColumn(),
                    MofNCompleteColumn(), TimeElapsedColumn(), console=con, transient=True,
                    refresh_per_second=8)
    tasks: dict[str, int] = {}
    current: list[str] = []

    def update(phase: str, done: int, total: int) -> None:
        phase = cell(phase)
        if phase not in tasks:
            if current:
                bars.update(tasks[current[-1]], visible=False)
            tasks[phase] = bars.add_task(phase, total=max(total, 1))
            current.append(phase)
        bars.update(tasks[phase], completed=done, total=max(total, 1))

    with bars:
        yield update
