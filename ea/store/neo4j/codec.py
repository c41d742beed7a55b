"""How landscape values and provenance are stored in Neo4j.

Values
------
Strings, numbers, booleans and non-empty lists of one scalar type are stored as they are, so
Cypher can use them (``s.t >= 3``, ``'file' IN ...``). Anything else (the provenance
``conflicts``, ``vacant_roles``, ``raw``, ``extra``, ``field_sources``, empty lists, mixed lists)
is stored as a JSON string and its name listed in the node's ``_json`` property; an attribute
whose value is ``None`` is listed in ``_nulls``. :func:`decode` undoes both, so snapshot →
Neo4j → snapshot is lossless. Properties named ``ea_...`` are the store's own (stamps, derived
facts) and never come back as attributes.

Sources
-------
A *source* is an imported file (``landscape.meta["files"]``; a landscape with none is the
single source :data:`NO_SOURCE`). A provenance line names its file as ``file:line`` or, for a
workbook, ``file[sheet]:line``; :func:`of_source` says whether a line belongs to a file, and
the store's Cypher uses the same test (:data:`OF_SOURCE_CYPHER`).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterable
from typing import Any

import msgspec

from ea import schema
from ea.landscape import Landscape

from .connection import Neo4jStoreError

LANDSCAPE_LABEL = "EaLandscape"
RUN_LABEL = "EaRun"
LANDSCAPE_KEY = "landscape"
NO_SOURCE = "(landscape)"
SEP = "\t"
#: Properties the store adds; never part of the landscape's own attributes (nor are the
#: ``ea_...`` ones).
STORE_PROPS = ("key", "ekey", "_json", "_nulls", "ea_seen", "ea_stale_sources", "ea_stale")
INT64 = (-(2 ** 63), 2 ** 63 - 1)


def _native(v: Any) -> bool:
    """True when Neo4j stores ``v`` as it is (and gives the same value back)."""
    if isinstance(v, bool) or isinstance(v, str):
        return True
    if isinstance(v, int):
        return INT64[0] <= v <= INT64[1]
    if isinstance(v, float):
        return True
    if isinstance(v, list) and v:
        types = {type(x) for x in v}
        return len(types) == 1 and types <= {str, bool, int, float} and all(_native(x) for x in v)
    return False


def encode(attrs: dict, *, skip: Iterable[str] = ()) -> dict:
    """Landscape attributes as Neo4j properties (plus ``_json`` and ``_nulls``)."""
    props: dict[str, Any] = {}
    js, nulls = [], []
    skip = set(skip)
    for name, v in attrs.items():
        if name in skip:
            continue
        if name in STORE_PROPS:
            raise Neo4jStoreError(f"attribute name '{name}' is reserved by the Neo4j store")
        if v is None:
            nulls.append(name)
            props[name] = None  # removes an old value on re-import
        elif _native(v):
            props[name] = v
        else:
            js.append(name)
            props[name] = _json(v)
    props["_json"] = sorted(js)
    props["_nulls"] = sorted(nulls)
    return props


def _default(o):
    if isinstance(o, dt.date):
        return o.isoformat()
    if isinstance(o, set | tuple):
        return sorted(o) if isinstance(o, set) else list(o)
    return str(o)


# one encoder for every value (json.dumps with options builds a new one per call)
_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, default=_default)
_FAST = msgspec.json.Encoder(order="sorted", enc_hook=_default)


def _json(v: Any) -> str:
    """``v`` as JSON text with sorted keys: msgspec (4x faster, most of the values a push
    encodes are provenance dicts of strings), else the standard library where msgspec would
    refuse or change the value (keys that are not strings; NaN and infinities, which msgspec
    writes as null)."""
    try:
        out = _FAST.encode(v)
    except TypeError:
        return _JSON.encode(v)
    return _JSON.encode(v) if b"null" in out else out.decode()


def decode(props: dict, *, drop: Iterable[str] = STORE_PROPS) -> dict:
    """Neo4j properties back to landscape attributes."""
    js = set(props.get("_json") or [])
    out = {}
    for name, v in props.items():
        if name in drop or name.startswith("ea_"):
            continue
        out[name] = json.loads(v) if name in js and isinstance(v, str) else v
    for name in props.get("_nulls") or []:
        out.setdefault(name, None)
    return out


def check_label(label: str) -> str:
    """``label`` if it is one of the ea schema's (and the store's own), else an error: labels
    and relationship types are put in Cypher text, so only known names may be."""
    if label not in (*schema.NODE_KINDS, LANDSCAPE_LABEL, RUN_LABEL):
        raise Neo4jStoreError(f"not a label of the ea schema: {label!r}")
    return label


def check_type(rel: str) -> str:
    if rel not in schema.EDGE_KINDS:
        raise Neo4jStoreError(f"not a relationship type of the ea schema: {rel!r}")
    return rel


# --------------------------------------------------------------------------- sources
def of_source(line: Any, file: str) -> bool:
    """True when the provenance ``line`` was stated by ``file``: ``file`` itself,
    ``file:12`` or ``file[Sheet]:12``.

    >>> of_source("systemforteckning.xlsx[Systemförteckning]:12", "systemforteckning.xlsx")
    True
    >>> of_source("roller.csv:3", "roller.csv"), of_source("roller.csv.bak:3", "roller.csv")
    (True, False)
    """
    s = str(line)
    return s == file or s.startswith(file + ":") or s.startswith(file + "[")


#: :func:`of_source` in Cypher, for a line ``s`` and a file ``f``.
OF_SOURCE_CYPHER = "(s = f OR s STARTS WITH f + ':' OR s STARTS WITH f + '[')"


def run_sources(landscape: Landscape) -> list[str]:
    """The sources a push covers: the imported files, else ``"(landscape)"``."""
    files = [f.get("file") for f in landscape.meta.get("files") or [] if f.get("file")]
    return sorted(set(files)) or [NO_SOURCE]


def source_of(line: Any, scope) -> str | None:
    """The file of ``scope`` (a list or a frozenset of files) that stated the provenance
    ``line`` (the longest name that matches, as :func:`of_source` says), or None.

    >>> source_of("a.csv[B]:3", ["a.csv", "a.csv[B]"]), source_of("a:b.csv:3", ["a", "a:b.csv"])
    ('a.csv[B]', 'a:b.csv')
    >>> source_of("x.csv", ["x.csv"]), source_of("x.csvy:1", ["x.csv"])
    ('x.csv', None)
    """
    s = str(line)
    files = scope if isinstance(scope, frozenset) else frozenset(scope)
    if s in files:
        return s
    # the candidates are the prefixes that end where ':' or '[' begins, longest first; the
    # lines of one file share their prefix up to the last one (``file[sheet]`` of
    # ``file[sheet]:12``), so that answer is remembered
    i = max(s.rfind(":"), s.rfind("["))
    return _prefix_source(s[:i], files) if i >= 0 else None


@functools.lru_cache(maxsize=1 << 16)
def _prefix_source(s: str, files: frozenset[str]) -> str | None:
    while s not in files:
        i = max(s.rfind(":"), s.rfind("["))
        if i < 0:
            return None
        s = s[:i]
    return s


def stating_sources(sources: list | None, scope) -> list[str]:
    """Which of the run's sources (a list or a frozenset of files) stated an item, from its
    ``sources`` lines."""
    files = scope if isinstance(scope, frozenset) else frozenset(scope)
    out = {f for f in (source_of(s, files) for s in sources or []) if f}
    # an item with no source of the run (hand-built, or stated by an implicit record) is
    # owed to every source of the run
    return sorted(out or files)


def in_scope(name: Any, scope: list[str]) -> bool:
    """True when a meta or ledger entry's file belongs to the run's sources (an entry tied
    to no file belongs to the latest run)."""
    return not name or source_of(name, scope) is not None
