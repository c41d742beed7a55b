"""Core commands: import, show, stats, demo."""

from __future__ import annotations

import contextlib
import json
from collections import Counter
from pathlib import Path

import click
import pandas as pd

from ea import i18n, schema
from ea.commands._common import (
    DEFAULT_LANDSCAPE,
    _pseudonymising,
    as_of_option,
    excel_csv,
    excel_option,
    get_config,
    landscape_option,
    landscape_path,
    lang_option,
    language,
    load_landscape,
    resolve_as_of,
)
from ea.errors import EaError, SnapshotError
from ea.queries import show
from ea.store import snapshot


def _summary_frame(ledger) -> pd.DataFrame:
    rows = []
    for f in ledger.files:
        k = ledger.kinds(f)
        rows.append({
            # a space before the sheet, so a narrow column breaks there, not mid-name
            "file": f.label.replace("[", " [", 1),
            "record types": " + ".join(f.record_types) or "-",
            "rows": f.rows,
            "imported": f.imported,
            "merged": f.merged,
            "rejected": f.rejected,
            "skipped": f.skipped,
            "unresolved": k.get("unresolved", 0) + k.get("ambiguous", 0),
            "one-sided": k.get("one_sided", 0),
            "conflicts": (k.get("conflict", 0) + k.get("disagreement", 0)
                          + k.get("direction_conflict", 0)),
            "warnings": k.get("warning", 0),
        })
    return pd.DataFrame(rows)


def side_file_names(out: Path) -> tuple[Path, Path]:
    """``<stem>.rejected.csv`` and ``<stem>.ledger.csv`` beside the snapshot."""
    stem = out.name[: -len(out.suffix)] if out.suffix else out.name
    return out.with_name(f"{stem}.rejected.csv"), out.with_name(f"{stem}.ledger.csv")


def write_side_files(ledger, out: Path, *, unit=None) -> tuple[Path, Path]:
    """The rejected rows and the whole ledger as CSV beside the snapshot (for Swedish Excel
    with --excel or excel_csv in ea.yaml); with ``unit`` (an :class:`ea.atomic.Unit`) as
    part of its writes."""
    from ea.atomic import Unit
    from ea.importers.ledger import ENTRY_KINDS

    rejected, full = side_file_names(out)
    excel = excel_csv()
    with (Unit() if unit is None else contextlib.nullcontext(unit)) as u:
        u.text(rejected, ledger.rejected_csv(("rejected",), excel=excel))
        u.text(full, ledger.rejected_csv(ENTRY_KINDS, excel=excel))
    return rejected, full


def _scoped_base(out: Path, files, replace: bool):
    """(the previous landscape, the landscape to import into): the snapshot at ``out``
    without what ``files`` stated (see ea.store.scope), or (None, None) with --replace or
    no snapshot yet."""
    from ea.importers import _display_names
    from ea.store import scope

    if replace or not out.exists():
        return None, None
    try:
        prev = snapshot.load(out)
    except SnapshotError as exc:
        raise SnapshotError(f"{exc}; or import with --replace to rebuild it from the files "
                            "given only") from None
    names = _display_names([Path(f) for f in files]).values()
    return prev, scope.without(prev, names)


#: How many names a line of the import summary lists before it says "and N more".
LIST_AT_MOST = 8


def _some(names: list[str]) -> str:
    """``names`` joined, the first :data:`LIST_AT_MOST` of them when there are more (a
    country's import has hundreds of files; ``ea stats`` lists every one).

    >>> _some(["a", "b"])
    'a, b'
    >>> _some([f"f{i}" for i in range(10)])
    'f0, f1, f2, f3, f4, f5, f6, f7, and 2 more'
    """
    if len(names) <= LIST_AT_MOST:
        return ", ".join(names)
    return ", ".join(names[:LIST_AT_MOST]) + f", and {len(names) - LIST_AT_MOST} more"


def _dependency_readings(readings: list[tuple[str, list[str]]], in_word: str = "in"
                         ) -> list[str]:
    """The lines saying how each register's dependency columns were read: one block per
    file when each reads differently; files that read alike share one block, listed under it.

    >>> print("\\n".join(_dependency_readings([("a.csv", ["x → y"]), ("b.csv", ["x → y"])])))
      x → y
        in a.csv, b.csv
    """
    groups: dict[tuple[str, ...], list[str]] = {}
    for label, lines in readings:
        groups.setdefault(tuple(lines), []).append(label)
    if all(len(labels) == 1 for labels in groups.values()):
        width = max(len(label) for label, _ in readings)
        return [f"  {label if j == 0 else '':<{width}}  {line}"
                for label, lines in readings for j, line in enumerate(lines)]
    out = []
    for lines, labels in groups.items():
        out += [f"  {line}" for line in lines]
        out.append(f"    {in_word} {_some(labels)}")
    return out


def _sources_line(ls, given, new_ledger) -> str:
    """The sources the landscape holds after an import, and a hint when a kept file holds
    the same kind of records as one imported now (a renamed export, e.g. a dated name, is a
    new source: the old one is kept until --replace)."""
    from ea.importers import _display_names

    now = set(_display_names([Path(f) for f in given]).values())
    files = [f.get("file") for f in ls.meta.get("files") or [] if f.get("file")]
    kept = sorted(f for f in files if f not in now)
    text = f"The landscape holds {len(files)} source{'s' if len(files) != 1 else ''}: "
    text += _some(sorted(f for f in files if f in now)) + " (imported now)"
    listed_all = len(files) - len(kept) <= LIST_AT_MOST and len(kept) <= LIST_AT_MOST
    if not kept:
        return text + ("." if listed_all else "; 'ea stats' lists every one.")
    dates = {f.get("file"): f.get("imported_at") for f in ls.meta.get("files") or []}
    text += "; kept from earlier imports: " + _some(
        [f + (f" ({dates[f]})" if dates.get(f) else "") for f in kept])
    text += " ('ea import --replace FILES' rebuilds from the files given only"
    text += ")." if listed_all else "; 'ea stats' lists every source)."
    types_now = {t for f in new_ledger.files for t in f.record_types if t != "people"}
    same = sorted({f.get("file") for f in ls.ledger.get("files") or []
                   if f.get("file") in kept and types_now & set(f.get("record_types") or [])})
    if "systems" in types_now and same:
        text += (f"\nNote: {', '.join(same)} (kept) also state{'s' if len(same) == 1 else ''} "
                 f"{' and '.join(sorted(types_now))}; if a file imported now replaces "
                 f"{'it' if len(same) == 1 else 'them'} under a new name, import with --replace.")
    return text


def run_import(files, out: Path, as_of, *, quiet: bool = False, replace: bool = False):
    """Import ``files`` into the snapshot ``out``: what they state replaces what they stated
    before, what other sources stated is kept (all of it is replaced with ``replace``).
    Holds the snapshot's lock throughout; snapshot, ledger and rejected rows are written as
    one unit (see ea.atomic)."""
    # the collector would walk the whole new landscape right after the import (import_files
    # keeps it off while importing) and again while saving, to free nothing: it stays off
    # here, and what the import built goes to the oldest generation before it is back on
    import gc

    from ea.memory import collector_paused

    with collector_paused(keep=True):
        result = _run_import(files, out, as_of, quiet=quiet, replace=replace)
    # The new landscape lives to the end of the command, as a loaded one does (see
    # _common.load_landscape): out of the collector's walks. Left in its oldest
    # generation, the full collection at interpreter exit walked and freed all of it
    # (0.6 s CPU at 10,000 systems, about 10 s at 100,000) after the work was done.
    gc.freeze()
    return result


def _run_import(files, out: Path, as_of, *, quiet: bool, replace: bool):
    from ea.atomic import Unit, locked
    from ea.importers import import_files
    from ea.importers.ledger import Ledger
    from ea.store import scope
    from ea.terminal import progress

    with locked(out):
        prev, base = _scoped_base(out, files, replace)
        with progress(None if not quiet else False) as bar:
            result = import_files(files, get_config(), imported_at=as_of, progress=bar,
                                  base=base)
        if prev is not None:
            from ea.importers import _display_names

            scope.settle(result.landscape, base, result.ledger)
            result.landscape.ledger = result.ledger.to_dict()

            given = _display_names([Path(f) for f in files]).values()
            result.landscape.ledger = scope.merge_ledger(prev.ledger, result.landscape.ledger,
                                                         given)
        with Unit() as unit:  # ledger CSVs first, the snapshot last
            rejected, full = write_side_files(Ledger.from_dict(result.landscape.ledger), out,
                                              unit=unit)
            snapshot.save(result.landscape, out, unit=unit)
    if not quiet:
        import textwrap

        from ea.terminal import terminal_width, wrap

        led = result.ledger
        lang = language()
        click.echo(_table(_summary_frame(led), lang))
        from ea.importers.tabular import dependency_reading

        readings = [(f.label, r) for f in led.files if (r := dependency_reading(f))]
        if readings:
            click.echo("\n" + i18n.text(lang, "dependency_columns"))
            readings = [(label, [i18n.sentence(lang, line) for line in lines])
                        for label, lines in readings]
            for line in _dependency_readings(readings, "i" if lang == "sv" else "in"):
                click.echo(textwrap.fill(line, terminal_width(), subsequent_indent=" " * 7,
                                         break_on_hyphens=False)
                           if line.startswith("    ") else line)
        kinds = Counter(e.kind for e in led.entries)
        st = _import_counts(result.landscape)
        n = st["nodes"]
        click.echo("\n" + wrap(i18n.text(
            lang, "import_counts", systems=n["System"], placeholders=st["placeholder_systems"],
            external=st["external_systems"], objects=n["Object"], people=n["Person"],
            organisations=n["Organisation"], integrations=st["edges"]["INTEGRATES_WITH"])))
        notes = [f"{kinds[k]} {i18n.import_kind(lang, k)}" for k in i18n.IMPORT_KINDS
                 if kinds.get(k)]
        if notes:
            click.echo(wrap(i18n.text(lang, "to_review", items=", ".join(notes))))
        for line in led.summary_lines():
            click.echo(i18n.sentence(lang, line))
        for line in _sources_line(result.landscape, files, result.ledger).split("\n"):
            click.echo(wrap(i18n.sentence(lang, line)))
        total_rej = sum(f.get("rejected", 0) for f in result.landscape.ledger.get("files", []))
        line = i18n.text(lang, "snapshot_files", out=out, n=total_rej, rejected=rejected,
                         full=full)
        # paths are never broken: one per line when the line does not fit
        click.echo(line if len(line) <= terminal_width() else "\n".join(
            part[:1].upper() + part[1:] for part in line.split("   ")))
    from ea.importers import EMPTY_FILE

    for e in result.ledger.entries:  # shown even with --quiet: a nightly job must see it
        if e.kind == "warning" and e.reason == EMPTY_FILE:
            click.echo(f"Warning: {e.file}: {EMPTY_FILE}", err=True)
        if e.kind == "skipped" and e.reason.endswith("written by ea: ignored"):
            click.echo(f"Skipped {e.file}: {e.reason}", err=True)
    return result


def _import_counts(ls) -> dict:
    """The counts of :meth:`Landscape.stats` the import summary prints, in one pass over the
    nodes and edges: ``stats()`` also counts systems without roles and conflicts, which the
    summary does not show (7.6 s of a 100,000-system import's 86 s CPU)."""
    from ea.schema import EDGE_KINDS, NODE_KINDS, SYSTEM

    nodes = dict.fromkeys(NODE_KINDS, 0)
    placeholders = external = 0
    for d in ls.graph._node.values():
        kind = d.get("kind")
        nodes[kind] = nodes.get(kind, 0) + 1
        if kind == SYSTEM:
            placeholders += bool(d.get("placeholder"))
            external += bool(d.get("external"))
    edges = dict.fromkeys(EDGE_KINDS, 0)
    for nbrs in ls.graph._succ.values():
        for kd in nbrs.values():
            for d in kd.values():
                edges[d["kind"]] = edges.get(d["kind"], 0) + 1
    return {"nodes": nodes, "edges": edges, "placeholder_systems": placeholders,
            "external_systems": external}


def _table(df: pd.DataFrame, lang: str = "en") -> str:
    from ea import terminal

    return terminal.render_table(df, width=terminal.terminal_width(),
                                 colour=terminal.use_colour(), drop_zeros=True,
                                 lang=lang).rstrip("\n")


@click.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--output", "-o", "out", metavar="FILE", default=None,
              help="Snapshot to write (default: the --landscape default, ./landscape.json).")
@as_of_option
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@excel_option
@lang_option
@click.option("--neo4j", "to_neo4j", is_flag=True,
              help="Also write the result to Neo4j (see 'ea neo4j --help'); only the "
                   "imported files' data is replaced or marked stale there.")
@click.option("--keep-history", "history", metavar="DIR", default=None,
              help="Also keep a dated copy of the snapshot in DIR "
                   "(landscape-<as-of date>.json), for 'ea diff DIR'.")
@click.option("--replace", is_flag=True,
              help="Rebuild the snapshot from the files given only. Without it, the files "
                   "given replace what they stated before and what other files stated is "
                   "kept.")
@click.option("--no-facts", "no_facts", is_flag=True,
              help="With --neo4j: do not stamp the derived facts (ea_unowned, ea_hub_score, "
                   "...) on the systems (see 'ea neo4j push --help').")
def import_cmd(files, out, as_of, quiet, to_neo4j, history, replace, no_facts):
    """Import exports (.xlsx, .csv) into a landscape snapshot.

    \b
    Give every file of the landscape at once, in any order: the system inventory,
    integration lists, pm3 role lists, people (HR) lists and the classification/SLA
    register (LISA, KLASSA). The record type of each file or sheet is recognised from its
    headers (Swedish or English).

    \b
    Prints per file: record types, rows imported/merged/rejected, unresolved references
    and conflicts. Rejected rows with their reasons go to <snapshot>.rejected.csv, every
    ledger entry to <snapshot>.ledger.csv (both skipped when given as input).

    \b
    Into an existing snapshot, the files given replace what they stated at their last
    import (by file name, all sheets) and what other files stated is kept: after a full
    import, 'ea import roller.csv' updates the roles only. --replace rebuilds from the
    files given alone. The summary lists the sources the landscape now holds. A second
    import into the same snapshot waits for the first (up to EA_LOCK_WAIT seconds, 30).

    \b
    Example:
      ea import systemforteckning.xlsx integrationer.csv roller.csv personal.csv lisa.xlsx
    """
    out_path = Path(out) if out else landscape_path(None)
    day = resolve_as_of(as_of)
    try:
        result = run_import(list(files), out_path, day, quiet=quiet, replace=replace)
    except EaError as exc:
        if not _pseudonymising():
            raise
        from ea.privacy import scrub_message

        raise click.ClickException(scrub_message(str(exc))) from None
    if history:
        from ea.commands.audits import keep_history

        kept = keep_history(out_path, Path(history), day.isoformat())
        if not quiet:
            click.echo(f"History: {kept}")
    if to_neo4j:
        from ea.commands.neo4j import push_landscape

        push_landscape(result.landscape, quiet=quiet, as_of=day, facts=not no_facts)


def _fmt_level(d: dict, f: str, lang: str = "en") -> str:
    v = d.get(f)
    raw = d.get("raw", {}).get(f)
    if v is None:
        return f"{f.upper()}: -" + (i18n.text(lang, "show_raw", raw=raw) if raw else "")
    s = f"{f.upper()}{v} {schema.LEVEL_NAMES.get(v, '')}"
    if raw and str(raw) != str(v):
        s += i18n.text(lang, "show_raw", raw=raw)
    return s


def _show_text(ls, info: dict, lang: str = "en") -> str:
    def t(key, **kw):
        return i18n.text(lang, f"show_{key}", **kw)

    sv = lang == "sv"
    lines = []
    d = ls.node(info["key"])
    flags = [f for f in ("external", "placeholder") if d.get(f)]
    kind = i18n.value(lang, "kind", info["kind"])
    lines.append(f"{info['name']}  [{kind} {info['id']}]" +
                 (f"  ({', '.join(i18n.MAP_SV.get(f, f) if sv else f for f in flags)})"
                  if flags else ""))
    if d.get("placeholder"):
        lines.append(t("placeholder"))
    if info.get("organisations"):
        lines.append(t("organisation") + "; ".join(info["organisations"]))
    if info.get("objects"):
        lines.append(t("objects") + "; ".join(info["objects"]))
    if info.get("systems"):
        lines.append(t("systems") + "; ".join(info["systems"]))
    f = info["fields"]
    plain = [k for k in f if k not in schema.LEVEL_FIELDS and k not in schema.DATE_FIELDS
             and k not in ("aliases", "organisation", "object", "classification_scale", "status")]
    if plain:
        lines.append(t("facts"))
        for k in plain:
            lines.append(f"  {i18n.field_name(lang, k)}: {i18n.fact(lang, k, f[k])}"
                         + _src(info, k))
    if d["kind"] in (schema.SYSTEM, schema.OBJECT, schema.INFORMATION):
        lines.append(t("classification") + ", ".join(
            _fmt_level(d, x, lang) for x in schema.LEVEL_FIELDS) +
            (t("scale", scale={"names": "namn"}.get(d["classification_scale"],
                                                     d["classification_scale"]) if sv
               else d["classification_scale"]) if d.get("classification_scale")
             else ""))
    dates = [k for k in schema.DATE_FIELDS if k in f or k in info["raw"]]
    if dates or "status" in f:
        lines.append(t("lifecycle"))
        if "status" in f:
            lines.append(t("status", status=i18n._PHASES_SV.get(f["status"], f["status"])
                           if sv else f["status"]) + _src(info, "status"))
        for k in dates:
            raw = info["raw"].get(k)
            val = f.get(k, "-")
            lines.append(f"  {i18n.field_name(lang, k)}: {val}" +
                         (t("raw", raw=raw) if raw else "") + _src(info, k))
    derived = info.get("derived") or {}
    if derived:
        lines.append(t("as_of", day=derived["as_of"]))
        if derived.get("lifecycle"):
            lines.append(t("phase", phase=i18n._map_text(derived["lifecycle"]) if sv
                           else derived["lifecycle"]))
        if "unowned" in derived:
            state = derived["unowned"] or t("working")
            if sv and derived["unowned"]:
                state = i18n._map_marks(state)
            lines.append(t("owner", state=state))
    if "roles" in info:
        lines.append(t("roles"))
        if not info["roles"] and not info.get("vacant_roles"):
            lines.append(t("none_recorded"))
        for r in info["roles"]:
            who = r.get("person") or r.get("email") or "?"
            if r.get("email") and r.get("person"):
                who += f" <{r['email']}>"
            state = {True: "", False: t("inactive"), None: t("not_listed")}.get(
                r.get("active"), "")
            inh = t("inherited", what=r["inherited_from"]) if r.get("inherited_from") else ""
            on = t("on", what=r["on"]) if r.get("on") else ""
            lines.append(f"  {i18n.role(lang, r['role'])}: {who}{on}{state}{inh}")
        for v in info.get("vacant_roles", []):
            inh = t("inherited", what=v["inherited_from"]) if v.get("inherited_from") else ""
            lines.append(t("vacant", role=i18n.role(lang, v["role"]), raw=v.get("raw") or "",
                           inh=inh))
    for label, items, arrow in ((t("out"), info.get("integrations_out"), "to"),
                                (t("in"), info.get("integrations_in"), "from")):
        if items is None:
            continue
        lines.append(f"\n{label}: {len(items)}")
        for i in items:
            types = i.get("types") or ([i["type"]] if i.get("type") else [])
            bits = [", ".join(i18n._TYPES_SV.get(x, x) if sv else x for x in types) or "?"]
            if i.get("criticality"):
                bits.append(t("criticality", c=i["criticality"]))
            if i.get("via"):
                bits.append(f"via {i['via']}")
            if i.get("frequency"):
                bits.append(i18n.value(lang, "frequency", i["frequency"]))
            if i.get("information"):
                bits.append(", ".join(i["information"]))
            if i.get("recorded_by") and len(i["recorded_by"]) == 1:
                bits.append(t("one_end"))
            lines.append(f"  {i[arrow]}  ({'; '.join(bits)})")
            for c in i.get("conflicts") or []:
                vals = t("vs").join(t("from", value=repr(v["value"]), source=v["source"])
                                    for v in c["values"])
                lines.append(t("disagree", field=i18n.field_name(lang, c["field"]), vals=vals))
    if info.get("extra"):
        lines.append(t("extra"))
        for k, v in sorted(info["extra"].items()):
            lines.append(f"  {k}: {v}")
    lines.append(t("provenance"))
    for s in info["sources"]:
        lines.append(f"  {s}")
    if info.get("first_seen"):
        lines.append(t("seen", first=info["first_seen"], last=info["last_seen"]))
    if info["conflicts"]:
        lines.append(t("conflicts"))
        for c in info["conflicts"]:
            vals = "; ".join(t("from", value=repr(v["value"]), source=v["source"])
                             for v in c["values"])
            lines.append(f"  {i18n.field_name(lang, c['field'])}: {vals}")
    if info["ledger"]:
        lines.append(t("ledger"))
        for e in info["ledger"]:
            where = e.get("file") or ""
            if e.get("line"):
                where += f":{e['line']}"
            lines.append(f"  [{e['kind']}] {e['reason']}" + (f" ({where})" if where else ""))
    return "\n".join(lines) + "\n"


def _src(info: dict, field: str) -> str:
    s = info["field_sources"].get(field)
    return f"   <- {s}" if s else ""


@click.command("show")
@click.argument("ref", metavar="SYSTEM")
@landscape_option
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json"]), default="text",
              help="text for people, json for scripts.")
@as_of_option
@lang_option
def show_cmd(ref, landscape, fmt, as_of):
    """Everything known about one system (or object, person, organisation).

    SYSTEM is a name, an id or a node key. Shows organisation, object, roles (own and
    inherited from the förvaltningsobjekt, vacant ones), integrations in and out,
    classification with raw values, lifecycle, provenance (which file and row stated
    what) and conflicts between sources.
    """
    ls = load_landscape(landscape)
    info = show.details(ls, show.resolve(ls, ref), as_of=resolve_as_of(as_of))
    if fmt == "json":
        click.echo(json.dumps(info, ensure_ascii=False, indent=1, default=str))
    else:
        click.echo(_show_text(ls, info, language()), nl=False)


@click.command("stats")
@landscape_option
@click.option("--format", "-f", "fmt", type=click.Choice(["table", "json"]), default="table")
@lang_option
def stats_cmd(landscape, fmt):
    """Counts of what the snapshot holds, and the import ledger per file."""
    from ea.importers.ledger import Ledger

    ls = load_landscape(landscape)
    st = ls.stats()
    led = Ledger.from_dict(ls.ledger)
    if fmt == "json":
        st["files"] = [{"file": f.label, "record_types": f.record_types, "rows": f.rows,
                        "imported": f.imported, "merged": f.merged, "rejected": f.rejected}
                       for f in led.files]
        st["ledger"] = dict(Counter(e.kind for e in led.entries))
        st["imported_at"] = ls.meta.get("imported_at")
        click.echo(json.dumps(st, ensure_ascii=False, indent=1))
        return
    from ea.terminal import wrap

    lang = language()
    click.echo(wrap(i18n.text(lang, "stats_imported", at=ls.meta.get("imported_at", "?"),
                              n=len(ls.meta.get("files", [])))))
    click.echo(wrap(i18n.text(lang, "stats_nodes", items=", ".join(
        i18n.kind_count(lang, k, v) for k, v in st["nodes"].items()))))
    click.echo(wrap(i18n.text(lang, "stats_edges", items=", ".join(
        i18n.kind_count(lang, k, v) for k, v in st["edges"].items()))))
    click.echo(wrap(i18n.text(lang, "stats_systems", placeholders=st["placeholder_systems"],
                              external=st["external_systems"],
                              no_roles=st["systems_without_roles"],
                              conflicts=st["conflicts"])))
    if led.files:
        click.echo("")
        click.echo(_table(_summary_frame(led), lang))


@click.command("demo")
@click.option("--out", "out_dir", metavar="DIR", default="demo", show_default=True,
              help="Folder for the generated export files.")
@click.option("--size", type=click.IntRange(50, 1_000_000), default=300, show_default=True,
              help="Number of systems.")
@click.option("--seed", type=int, default=7, show_default=True)
@click.option("--country", is_flag=True,
              help="A whole country instead of one region: regions and municipalities (21 and "
                   "290 at --size 100000 and above, fewer below), each with its own exports, "
                   "sharing national services; --size counts all their systems.")
@click.option("--no-ids", is_flag=True,
              help="With --country: inventories without System-ID columns (every reference "
                   "resolves by name).")
@click.option("--unresolved-roles", is_flag=True,
              help="With --country: also a role list per organisation, half of whose rows "
                   "name systems no inventory defines.")
@click.option("--landscape", "-l", "landscape", metavar="FILE", default=None,
              help="Snapshot to write (default ./landscape.json).")
@as_of_option
def demo_cmd(out_dir, size, seed, country, no_ids, unresolved_roles, landscape, as_of):
    """Generate a realistic synthetic region (or country) as Swedish exports, and import it.

    Writes the files a region really has (an inventory workbook, an integration list in
    Windows-1252, a pm3 role list, an HR export and a LISA-style classification register,
    with the gaps and messy cells real ones have), imports them, and tells you what to try
    next. With --country, every region and municipality writes its own. Deterministic for a
    given --size and --seed.
    """
    from ea import demo

    out = Path(out_dir)
    from ea.terminal import progress

    if (no_ids or unresolved_roles) and not country:
        raise click.UsageError("--no-ids and --unresolved-roles go with --country")
    if country and size < demo.MIN_COUNTRY_SIZE:
        raise click.UsageError(f"a country needs --size {demo.MIN_COUNTRY_SIZE} or more")
    with progress() as bar:
        if country:
            files = demo.generate_country(out, size=size, seed=seed, with_ids=not no_ids,
                                          unresolved_roles=unresolved_roles, progress=bar)
        else:
            files = demo.generate(out, size=size, seed=seed, progress=bar)
    paths = list(files.paths) if hasattr(files, "paths") else list(files)
    if country:
        click.echo(files.summary())
    else:
        click.echo(f"Generated a synthetic region in {out}/:")
        for p in paths:
            click.echo(f"  {p}")
    click.echo("")
    target = Path(landscape) if landscape else landscape_path(None)
    run_import(paths, target, resolve_as_of(as_of), replace=True)
    lopt = "" if str(target) == DEFAULT_LANDSCAPE else f" -l {target}"
    hubs = getattr(files, "hubs", ()) or ("Raindance ekonomi",)
    if isinstance(hubs, dict):  # a country: the first region's hubs
        hubs = next(iter(hubs.values()))
    example = f'"{hubs[0]}"' if " " in hubs[0] else hubs[0]
    ea = ea_command()
    click.echo("\nTry next:")
    tries = (
        (f"{ea} stats{lopt}", "what was imported"),
        (f"{ea} show {example}{lopt}", "everything about one system, with provenance"),
        (f"{ea} orphans{lopt} -o orphans.xlsx", "the orphan-object report for the security officer"),
        (f"{ea} coordinate{lopt}", "who must meet whom, per integration"),
        (f"{ea} hubs{lopt}", "hubs that need joint continuity planning"),
        (f"{ea} map{lopt} -o map.html", "an interactive dependency map"),
    )
    w = max(44, *(len(cmd) for cmd, _ in tries))
    for cmd, what in tries:
        click.echo(f"  {cmd:<{w}} {what}")
    if ea != "ea":
        click.echo(f"\n({ea} is ea in its virtualenv; 'source {Path(ea).parent}/activate' puts "
                   "ea on the PATH.)")


def ea_command() -> str:
    """How the user can run ea again: ``ea`` when that name on the PATH is this program, else
    the path it was started by (``.venv/bin/ea`` after ``make demo``)."""
    import os
    import shutil
    import sys

    argv0 = sys.argv[0] if sys.argv else ""
    if Path(argv0).name != "ea":
        return "ea"
    on_path = shutil.which("ea")
    if on_path and Path(on_path).resolve() == Path(argv0).resolve():
        return "ea"
    rel = os.path.relpath(argv0)
    if rel.startswith(os.pardir):
        return str(Path(argv0).resolve())
    return rel if os.sep in rel else f".{os.sep}{rel}"


def register(group: click.Group) -> None:
    for cmd in (import_cmd, show_cmd, stats_cmd, demo_cmd):
        group.add_command(cmd)
