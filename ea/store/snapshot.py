"""The embedded store: one versioned JSON file.

``ea import`` writes it, every other command reads it. The file holds the graph (nodes and
edges with all attributes), the snapshot metadata and the import ledger. Writes are atomic:
the snapshot goes to a temporary file in the same folder, is flushed to disk, and then
renamed over the old one; the previous snapshot is kept as ``<name>.bak`` (hard-linked
before the rename, so there is never a moment without a snapshot).

Output is deterministic: nodes and edges sorted by key, dict keys sorted, so importing the
same files twice gives byte-identical snapshots.

Loading is the floor of every report, so :func:`load` is built for it (issue 18, chosen by
measurement in bench/snapshot_load.py; at 10,000 systems 2.0 s -> 1.0 s CPU and a bare load's
peak 330 -> 214 MiB; a bare load of 100,000, whole process, 38 s -> 16 s CPU and 3.1 -> 1.8
GiB): the file stays the same text (JSON, one node or edge per line, version 1), read line by
line with msgspec (the standard library reads what msgspec refuses, so the values and the
errors are the ones ea always gave), with Python's cyclic garbage collector paused while the
records pile up, the texts a snapshot repeats in every record made one object each, and each
record's own dict put into the graph as its attribute dict; every record is still checked
field by field. A columnar, MessagePack or SQLite layout read no faster into the dicts a
landscape is made of, and would have cost the file its readability.
"""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path

import networkx as nx

from ea import schema
from ea.atomic import atomic_write_text, fsync_dir, keep_backup  # noqa: F401 (re-exported)
from ea.errors import SnapshotError
from ea.landscape import Landscape
from ea.memory import collector_paused

FORMAT = "ea-snapshot"
VERSION = 1


def to_dict(landscape: Landscape) -> dict:
    g = landscape.graph
    nodes = [{"key": k, **g.nodes[k]} for k in sorted(g.nodes)]
    edges = [
        {"source": u, "target": v, "key": k, **d}
        for u, v, k, d in sorted(g.edges(keys=True, data=True), key=lambda e: e[:3])
    ]
    return {
        "format": FORMAT,
        "version": VERSION,
        "meta": landscape.meta,
        "nodes": nodes,
        "edges": edges,
        "ledger": landscape.ledger,
    }


def from_dict(data: dict, *, where: str = "snapshot", backup: Path | None = None) -> Landscape:
    """A landscape from a snapshot document, checked as :func:`load` checks a file (the
    message names the node or edge by its position)."""
    check = _Checker(where, backup)
    check.head(data, layout="document")
    with collector_paused(keep=True):  # see ea.memory
        build = _Builder(check)
        for i, n in enumerate(data["nodes"]):
            build.node(n, f"node {i + 1}")
        for i, e in enumerate(data["edges"]):
            build.edge(e, f"edge {i + 1}")
    check.ledger(data["ledger"], "ledger")
    return Landscape(build.graph, meta=data["meta"], ledger=data["ledger"])


# --------------------------------------------------------------------------- validation
# A snapshot is read by every command; a damaged or hand-edited one must stop the command
# with a line naming what is wrong, never give empty-looking reports (a "meta": null lost
# every inactive-holder finding) or a KeyError. The check is written by hand, line by line,
# because it runs on every load: at 10,000 systems it costs a few per cent of the load
# (measured in tests/test_hostile_input.py's neighbour bench, see docs/security.md).

def _is_list_of_str(v) -> bool:
    return not v or set(map(type, v)) == _STR


def _is_conflicts(v) -> bool:
    return all(isinstance(c, dict) and isinstance(c.get("field"), str)
               and isinstance(c.get("values"), list)
               and all(isinstance(x, dict) for x in c["values"]) for c in v)


_STR = {str}
_NONE = type(None)
# field type -> (the exact Python types allowed, a deeper check or None, what to call it)
_TYPE_CHECKS = {
    "str": ({str}, None, "a text"), "text": ({str}, None, "a text"),
    "date": ({str}, lambda v: len(v) >= 10 and v[4] == "-" and v[7] == "-",
             "a date (YYYY-MM-DD)"),
    "int": ({int}, None, "a whole number"), "float": ({int, float}, None, "a number"),
    "bool": ({bool}, None, "true or false"),
    "level": ({int}, lambda v: 0 <= v <= 4, "a level 0-4"),
    "list": ({list}, _is_list_of_str, "a list of texts"),
}
_META_CHECKS = {
    "sources": ({list}, _is_list_of_str, "a list of texts"),
    "first_seen": ({str}, None, "a text"), "last_seen": ({str}, None, "a text"),
    "raw": ({dict}, None, "an object"), "extra": ({dict}, None, "an object"),
    "field_sources": ({dict}, None, "an object"),
    "conflicts": ({list}, _is_conflicts, "a list of {field, values} objects"),
    "vacant_roles": ({list}, lambda v: all(isinstance(x, dict) and isinstance(x.get("role"), str)
                                           for x in v), "a list of {role, ...} objects"),
}


def _compile(fields: dict[str, str]) -> tuple:
    out = {**{f: _TYPE_CHECKS[t] for f, t in fields.items()}, **_META_CHECKS}
    return ({name: frozenset({*types, _NONE}) for name, (types, _, _) in out.items()},
            {name: deep for name, (_, deep, _) in out.items() if deep is not None},
            {name: what for name, (_, _, what) in out.items()})


_NODE_CHECKS = {kind: _compile(fields) for kind, fields in schema.FIELDS_BY_KIND.items()}
_EDGE_CHECKS = {kind: _compile(schema.INTEGRATION_FIELDS if kind == schema.INTEGRATES_WITH
                               else {"role": "str", "title": "str"})
                for kind in schema.EDGE_KINDS}
_EDGE_ENDS_OK = {(uk, vk, kind) for kind, (uks, vks) in schema.EDGE_ENDS.items()
                 for uk in uks for vk in vks}
_KEY_TYPES = (str, int)
# the fields of ea.importers.ledger.FileStats and .Entry (the store may not import the
# importers; tests/test_hostile_input.py holds the two in step)
LEDGER_FILE_KEYS = frozenset({"file", "sheet", "format", "record_types", "header_line", "rows",
                              "imported", "merged", "rejected", "blank", "skipped", "columns",
                              "dependencies", "not_used", "notes"})
LEDGER_ENTRY_KEYS = frozenset({"kind", "reason", "file", "sheet", "line", "column", "value",
                               "subject"})


def _show(v) -> str:
    text = json.dumps(v, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


class _Checker:
    """Checks one snapshot, part by part; every error names the file and the line (or the
    node's position) and says where the backup is."""

    def __init__(self, where: str, backup: Path | None = None):
        self.where = where
        self.backup = backup
        # A parser makes a new text object for every value it reads, and a snapshot says
        # the same texts again and again: the source row of a record in its 'sources' and
        # again for every field in its 'field_sources', the import date twice in every
        # record, kinds, types, roles. Reading each through one dict makes equal texts one
        # object: at 10,000 systems 79 of the 85 MiB of texts were repeats, and the load's
        # peak fell from 288 to 214 MiB for 0.15 s (bench/snapshot_load.py).
        self.share = {}.setdefault

    def fail(self, at: str | None, what: str) -> SnapshotError:
        hint = (f"; a backup is at {self.backup}" if self.backup is not None
                else "; run 'ea import' again to rebuild it")
        place = f"{self.where}:{at}" if at else self.where
        return SnapshotError(f"{place}: damaged snapshot: {what}{hint}")

    def head(self, data, *, layout: str) -> None:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise SnapshotError(f"{self.where}: not an ea snapshot (run 'ea import' to make one)")
        if "version" not in data:
            raise self.fail(None, "missing 'version'")
        version = data["version"]
        if type(version) is not int or version < 1:
            raise self.fail(None, f"'version' must be a whole number from 1, not {_show(version)}")
        if version > VERSION:
            raise SnapshotError(
                f"{self.where}: snapshot version {version} is newer than this ea "
                f"understands ({VERSION}); upgrade ea")
        wanted = ("meta", "nodes", "edges", "ledger") if layout == "document" else ("meta",)
        missing = [k for k in wanted if k not in data]
        if missing:
            raise self.fail(None, "missing " + ", ".join(f"'{k}'" for k in missing))
        self.meta(data["meta"])
        if layout == "document":
            for k in ("nodes", "edges"):
                if not isinstance(data[k], list):
                    raise self.fail(None, f"'{k}' must be a list, not {_show(data[k])}")

    def meta(self, meta) -> None:
        if not isinstance(meta, dict):
            raise self.fail(None, f"'meta' must be an object, not {_show(meta)}")
        files = meta.get("files", [])
        if not isinstance(files, list) or not all(
                isinstance(f, dict) and isinstance(f.get("file"), str) for f in files):
            raise self.fail(None, "'meta.files' must be a list of {file, sha256} objects")
        people = meta.get("people_lists", [])
        if not isinstance(people, list) or not _is_list_of_str(people):
            raise self.fail(None, "'meta.people_lists' must be a list of file names")
        if not isinstance(meta.get("imported_at", ""), str):
            raise self.fail(None, f"'meta.imported_at' must be a date, not "
                                  f"{_show(meta['imported_at'])}")

    def _attrs(self, item: dict, checks: tuple, at: str, what: str) -> None:
        """Check a record's fields; and, in the same pass, make equal texts one object (see
        ``self.share``)."""
        types, deep, words = checks
        get, share = types.get, self.share
        for name, value in item.items():
            vt = type(value)
            if vt is str:
                item[name] = share(value, value)
            elif vt is dict and name == "field_sources":
                try:
                    for field, source in value.items():
                        value[field] = share(source, source)
                except TypeError:  # not a text: kept as it is (no report reads it as one)
                    pass
            t = get(name)
            if t is not None and vt not in t:
                raise self.fail(at, f"{what}: '{name}' must be {words[name]}, not {_show(value)}")
        for name in deep.keys() & item.keys():
            value = item[name]
            if value is not None and not deep[name](value):
                raise self.fail(at, f"{what}: '{name}' must be {words[name]}, not {_show(value)}")
        sources = item.get("sources")
        if sources:  # checked above: a list of texts
            item["sources"] = list(map(share, sources, sources))

    def node(self, item, at: str, g) -> tuple[str, dict]:
        if not isinstance(item, dict):
            raise self.fail(at, f"a node must be an object, not {_show(item)}")
        key, kind = item.pop("key", None), item.get("kind")
        if not isinstance(key, str):
            raise self.fail(at, "node without a 'key'" if key is None
                            else f"node key must be a text, not {_show(key)}")
        if kind not in _NODE_CHECKS:
            raise self.fail(at, f"node {key}: unknown kind {_show(kind)} (expected one of "
                                f"{', '.join(schema.NODE_KINDS)})")
        if not isinstance(item.get("id"), str):
            raise self.fail(at, f"node {key}: 'id' must be a text, not {_show(item.get('id'))}")
        if key != f"{kind}:{item['id']}":
            raise self.fail(at, f"node {key}: key does not match kind and id ({kind}:{item['id']})")
        if key in g:
            raise self.fail(at, f"node {key} appears twice")
        self._attrs(item, _NODE_CHECKS[kind], at, f"node {key}")
        return key, item

    def _edge_slow(self, item, at: str, g) -> tuple[str, str, object, dict]:
        if not isinstance(item, dict):
            raise self.fail(at, f"an edge must be an object, not {_show(item)}")
        u, v, k = item.pop("source", None), item.pop("target", None), item.pop("key", None)
        for name, end in (("source", u), ("target", v)):
            if not isinstance(end, str):
                raise self.fail(at, f"edge without a '{name}'" if end is None
                                else f"edge {name} must be a node key, not {_show(end)}")
        if type(k) not in (str, int):
            raise self.fail(at, f"edge {u} -> {v}: 'key' must be a text, not {_show(k)}")
        kind = item.get("kind")
        if kind not in _EDGE_CHECKS:
            raise self.fail(at, f"edge {u} -> {v}: unknown kind {_show(kind)} (expected one of "
                                f"{', '.join(schema.EDGE_KINDS)})")
        nodes = g._node  # the plain dict behind g.nodes
        for end in (u, v):
            if end not in nodes:
                raise self.fail(at, f"edge {u} -> {v}: no node {end}")
        ukinds, vkinds = schema.EDGE_ENDS[kind]
        if nodes[u]["kind"] not in ukinds or nodes[v]["kind"] not in vkinds:
            raise self.fail(at, f"edge {u} -> {v}: {kind} cannot join {nodes[u]['kind']} to "
                                f"{nodes[v]['kind']}")
        if g.has_edge(u, v, k):
            raise self.fail(at, f"edge {u} -> {v} ({k}) appears twice")
        self._attrs(item, _EDGE_CHECKS[kind], at, f"edge {u} -> {v}")
        return u, v, k, item

    def ledger(self, ledger, at: str | None) -> None:
        if not isinstance(ledger, dict):
            raise self.fail(at, f"'ledger' must be an object, not {_show(ledger)}")
        for part, allowed, required in (("files", LEDGER_FILE_KEYS, ("file", "file")),
                                        ("entries", LEDGER_ENTRY_KEYS, ("kind", "reason"))):
            items = ledger.get(part, [])
            if not isinstance(items, list):
                raise self.fail(at, f"'ledger.{part}' must be a list, not {_show(items)}")
            r1, r2 = required
            # one pass in a comprehension: a ledger holds tens of thousands of entries
            bad = [i for i, x in enumerate(items) if type(x) is not dict
                   or not x.keys() <= allowed or type(x.get(r1)) is not str
                   or type(x.get(r2)) is not str]
            if bad:
                i = bad[0]
                x = items[i]
                if not isinstance(x, dict):
                    raise self.fail(at, f"ledger.{part}[{i}] must be an object, not {_show(x)}")
                odd = sorted(k for k in x if k not in allowed)
                raise self.fail(at, f"ledger.{part}[{i}]: " + (
                    f"unknown key '{odd[0]}'" if odd else
                    f"missing '{r1 if type(x.get(r1)) is not str else r2}'"))


class _Builder:
    """Checks records with a :class:`_Checker` and puts them straight into a new graph's
    dicts: the record's own dict becomes the node's (or edge's) attribute dict, where
    ``add_node(key, **attrs)`` would copy it (measured: building the 10,000-system graph
    0.38 s through ``add_node``/``add_edge``, 0.10 s so; bench/snapshot_load.py). The
    result is the graph ``add_node``/``add_edge`` would build
    (tests/test_snapshot_format.py compares them)."""

    def __init__(self, check: _Checker):
        self.check = check
        self.graph = g = nx.MultiDiGraph()
        self._node, self._succ, self._pred = g._node, g._succ, g._pred

    def node(self, item, at: str) -> None:
        key, attrs = self.check.node(item, at, self.graph)
        self._node[key] = attrs
        self._succ[key] = {}
        self._pred[key] = {}

    def edge(self, item, at: str) -> None:
        # the fast path (this runs 70,000 times per 10,000 systems): one try, one set
        # lookup; anything odd goes to the checker's slow path, which says what is wrong
        try:
            u, v, k, kind = item["source"], item["target"], item["key"], item["kind"]
            nodes = self._node
            keys = self._succ[u].get(v)
            ok = ((nodes[u]["kind"], nodes[v]["kind"], kind) in _EDGE_ENDS_OK
                  and type(k) in _KEY_TYPES and (keys is None or k not in keys))
        except (KeyError, TypeError, AttributeError):
            ok = False
        if ok:
            del item["source"], item["target"], item["key"]
            self.check._attrs(item, _EDGE_CHECKS[kind], at, f"edge {u} -> {v}")
            attrs = item
        else:
            u, v, k, attrs = self.check._edge_slow(item, at, self.graph)
            keys = self._succ[u].get(v)
        if keys is None:
            keys = self._succ[u][v] = self._pred[v][u] = {}
        keys[k] = attrs


#: One encoder for every record: ``json.dumps`` with these options builds a new encoder per
#: call (112,000 calls per 10,000 systems); the text is the same.
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, default=str)


def _j(value) -> str:
    return _ENCODER.encode(value)


def write_to(fh, landscape: Landscape) -> None:
    """Stream the snapshot to a text file: one node or edge per line, so writing a
    100,000-system landscape never holds the whole document in memory (it did: 6.9 GB
    peak against 2.4 GB for the landscape itself) and diffs of two snapshots stay
    readable. The result is one ordinary JSON document."""
    g = landscape.graph
    # networkx's own dicts rather than its views: ``g.edges[u, v, k]`` builds a view per
    # edge, a third of the write at 10,000 systems; the records and their order are the same
    node, succ = g._node, g._succ
    j = _ENCODER.encode
    fh.write("{\n")
    fh.write(f'"format": {_j(FORMAT)},\n"version": {VERSION},\n"meta": {_j(landscape.meta)},\n')
    fh.write('"nodes": [')
    for i, k in enumerate(sorted(node)):
        fh.write(("\n" if i == 0 else ",\n") + j({"key": k, **node[k]}))
    fh.write('\n],\n"edges": [')
    edges = sorted((u, v, k) for u, nbrs in succ.items() for v, kd in nbrs.items() for k in kd)
    for i, (u, v, k) in enumerate(edges):
        fh.write(("\n" if i == 0 else ",\n")
                 + j({"source": u, "target": v, "key": k, **succ[u][v][k]}))
    fh.write(f'\n],\n"ledger": {_j(landscape.ledger)}\n}}\n')


def dumps(landscape: Landscape) -> str:
    buf = io.StringIO()
    write_to(buf, landscape)
    return buf.getvalue()


def save(landscape: Landscape, path: str | os.PathLike, *, unit=None) -> Path:
    """Write the snapshot atomically, keeping the previous one as ``<name>.bak``; with
    ``unit`` (an :class:`ea.atomic.Unit`) as part of that unit's writes, renamed when it
    commits."""
    if unit is not None:
        unit.text(path, lambda fh: write_to(fh, landscape), backup=True)
    else:
        atomic_write_text(path, lambda fh: write_to(fh, landscape), backup=True)
    return Path(path)


def backup_of(path: str | os.PathLike) -> Path:
    """Where :func:`save` keeps the previous snapshot: ``<name>.bak`` beside it."""
    p = Path(path)
    return p.with_name(p.name + ".bak")


def load(path: str | os.PathLike) -> Landscape:
    """Read and check a snapshot. Anything that is not what :func:`write_to` writes (an
    unknown node kind, a node that is not an object, a missing key, ``"meta": null``, a
    version that is not a number) is a :class:`SnapshotError` naming the file, the line and
    what is wrong, and where the backup is when there is one."""
    p = Path(path)
    if not p.exists():
        raise SnapshotError(
            f"{p}: no landscape snapshot here; run 'ea import FILES...' (or 'ea demo') first, "
            "or pass --landscape")
    bak = backup_of(p)
    check = _Checker(str(p), bak if bak.exists() else None)
    with p.open("rb") as fh:
        streamed = _read_lines(fh, check)
    if streamed is not None:
        return streamed
    try:  # another layout (pretty-printed, say): any valid JSON snapshot still loads
        data = json.loads(p.read_bytes().decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise check.fail(None, f"not UTF-8 text (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        if isinstance(exc.doc, str) and exc.doc.startswith("{") or exc.lineno > 1:
            raise check.fail(str(exc.lineno), f"not valid JSON ({exc.msg})") from None
        raise SnapshotError(f"{p}: not an ea snapshot (run 'ea import' to make one)") from None
    _no_lone_surrogates(data, check, None)
    return from_dict(data, where=str(p), backup=check.backup)




def _no_lone_surrogates(value, check: _Checker, at: str | None) -> None:
    """JSON can spell a lone UTF-16 surrogate (``"\\ud800"``) that no file can hold: every
    later write would fail. Only called on text that holds such an escape."""
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise check.fail(at, "a text holds a lone UTF-16 surrogate (\\udXXX), which is "
                             "no character") from None


def _loads(line: bytes, check: _Checker, lineno: int):
    """One line's JSON value. msgspec reads it (2.5x faster than the standard library, the
    same values: a number beyond 64 bits stays a whole number, where orjson makes it a
    float); what msgspec refuses is read again by the standard library, which either
    accepts it as ea always did (NaN) or refuses it in the words ea always used (a lone
    surrogate, which msgspec refuses too, is refused below)."""
    try:
        return _decode(line)
    except _DecodeError:
        pass
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise check.fail(str(lineno), f"not UTF-8 text (byte {exc.start + 1} of the line)"
                         ) from None
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise check.fail(str(lineno), f"not valid JSON ({exc.msg})") from None
    if "\\u" in text and _SURROGATE.search(text):
        _no_lone_surrogates(value, check, str(lineno))
    return value


try:
    import msgspec
except ImportError:  # an environment set up before ea needed it: slower, the same values
    class _DecodeError(Exception):
        pass

    def _decode(line: bytes):
        raise _DecodeError  # every line goes the standard library's way (_loads)
else:
    _decode, _DecodeError = msgspec.json.Decoder().decode, msgspec.DecodeError
_SURROGATE = re.compile(r"\\u[dD][89abcdefABCDEF]")
_HEAD_KEYS = ("format", "version", "meta")


def _read_lines(fh, check: _Checker) -> Landscape | None:
    """Read a snapshot in the layout :func:`write_to` writes (one node or edge per line,
    ``fh`` opened in binary) straight into the graph, never holding the whole document: at
    100,000 systems ``json.loads`` of the file took the process to 6.7 GB. Each line is
    checked as it is read, so an error names its line. Returns None when the file has
    another layout (any valid JSON snapshot still loads, through ``json.loads``)."""
    head: dict = {}
    if fh.readline() != b"{\n":
        return None
    lineno = 1
    for line in fh:
        lineno += 1
        if line.startswith(b'"nodes": ['):
            break
        key, sep, value = line.rstrip(b"\n").rstrip(b",").partition(b": ")
        if not sep or not (key.startswith(b'"') and key.endswith(b'"')):
            return None
        name = key[1:-1].decode("utf-8", "replace")
        if not name.isidentifier() or name not in _HEAD_KEYS:
            return None
        head[name] = _loads(value, check, lineno)
    else:
        return None
    if head.get("format") != FORMAT:
        raise SnapshotError(f"{check.where}: not an ea snapshot (run 'ea import' to make one)")
    check.head(head, layout="lines")
    section = "nodes"
    ledger = None
    with collector_paused(keep=True):  # see ea.memory
        build = _Builder(check)
        node, edge, decode, fast_error = build.node, build.edge, _decode, _DecodeError
        for line in fh:
            lineno += 1
            text = line[:-2] if line.endswith(b",\n") else line.rstrip(b"\n")
            if text != b"]" and section in ("nodes", "edges"):  # a node or an edge: the hot path
                try:
                    item = decode(text)
                except fast_error:
                    item = _loads(text, check, lineno)
                if section == "nodes":
                    node(item, str(lineno))
                else:
                    edge(item, str(lineno))
                continue
            if text == b"]" and section in ("nodes", "edges"):  # "],": the comma is cut above
                section = "after " + section
                continue
            if text == b'"edges": [' and section == "after nodes":
                section = "edges"
                continue
            if text.startswith(b'"ledger": ') and section == "after edges":
                ledger = _loads(text[len(b'"ledger": '):], check, lineno)
                check.ledger(ledger, str(lineno))
                section = "end"
                continue
            if text == b"}" and section == "end":
                break
            raise check.fail(str(lineno), f"unexpected line {_show(_text(text))} (the snapshot "
                                          "is cut or was edited by hand)")
        else:
            raise check.fail(str(lineno), "the file ends before the snapshot does (cut short?)")
    rest = fh.read()
    if rest.strip():
        raise check.fail(str(lineno + 1), "text after the end of the snapshot")
    return Landscape(build.graph, meta=head["meta"], ledger=ledger)


def _text(line: bytes) -> str:
    return line.decode("utf-8", "replace")


def defined_systems(path: str | os.PathLike) -> int:
    """How many systems some source defines (placeholders for unresolved references not
    counted) in the snapshot at ``path``, as ``ea.derived`` counts them in its landscape,
    read from the node lines without building the graph: ``ea check`` compares the landscape
    with the previous snapshot (the ``.bak`` an import keeps), and loading that one beside
    the current doubled its memory (3.7 GB of snapshots at 100,000 systems). Only the node
    section is read; a snapshot in another layout, or one whose node lines cannot be read,
    is loaded (and so refused as :func:`load` refuses it)."""
    p = Path(path)
    try:
        with p.open("rb") as fh:
            n = _count_defined(fh)
    except OSError:
        n = None
    if n is None:
        return sum(1 for _, d in load(p).nodes(schema.SYSTEM) if not d.get("placeholder"))
    return n


def _count_defined(fh) -> int | None:
    if fh.readline() != b"{\n":
        return None
    head_format = None
    for line in fh:
        if line.startswith(b'"nodes": ['):
            break
        if line.startswith(b'"format": '):
            try:
                head_format = json.loads(line[len(b'"format": '):].rstrip(b",\n"))
            except ValueError:
                return None
    else:
        return None
    if head_format != FORMAT:
        return None
    kind = b'"' + schema.SYSTEM.encode() + b'"'  # on every system's line, however spaced
    n = 0
    for line in fh:
        text = line[:-2] if line.endswith(b",\n") else line.rstrip(b"\n")
        if text == b"]":
            return n
        if kind not in text:
            continue
        try:
            item = json.loads(text)
        except ValueError:
            return None
        if not isinstance(item, dict):
            return None
        if item.get("kind") == schema.SYSTEM and not item.get("placeholder"):
            n += 1
    return None
