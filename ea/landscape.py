"""The in-memory landscape graph.

A :class:`Landscape` wraps a :class:`networkx.MultiDiGraph` (reachable as ``.graph`` for
notebook users). Node keys are ``"<Kind>:<id>"`` (see :func:`ea.schema.node_key`); every node
carries ``kind``, ``id`` and its fields, every edge carries ``kind``. Typed add/merge methods
stamp provenance (``sources``: the file and row of every record that stated a node or edge)
and keep disagreements: when a second record states a different value for a field, the
first value stays, and the conflict is kept in the node's ``conflicts`` list with every value
and its source.

Examples
--------
>>> from ea.landscape import Landscape
>>> ls = Landscape()
>>> a = ls.add_system("raindance", source="systems.csv:2", name="Raindance", vendor="CGI")
>>> b = ls.add_system("heroma", source="systems.csv:3", name="Heroma")
>>> _ = ls.add_integration(a, b, source="integrations.csv:2", type="file")
>>> sorted(ls.integration_graph().edges())
[('System:raindance', 'System:heroma')]
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

import networkx as nx
import pandas as pd

from ea import schema
from ea.schema import (
    HAS_ROLE,
    INFORMATION,
    INTEGRATES_WITH,
    OBJECT,
    ORGANISATION,
    OWNED_BY,
    PART_OF,
    PERSON,
    PROCESSES,
    SYSTEM,
    node_key,
)


class LandscapeError(Exception):
    """Raised on a misuse of the landscape API (unknown node, wrong edge ends)."""


_SLUG_RE = re.compile(r"[^a-z0-9]+")


def ascii_fold(text: str) -> str:
    """Fold å/ä/ö (and other accents) to ASCII: ``"Hälso- och sjukvård"`` -> ``"Halso- och sjukvard"``."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def slug(*parts: str | None) -> str:
    """A stable, readable id from names: ``slug("Heroma", "Region X")`` -> ``"heroma--region-x"``."""
    out = []
    for p in parts:
        if p is None or str(p).strip() == "":
            continue
        s = _SLUG_RE.sub("-", ascii_fold(str(p)).casefold()).strip("-")
        out.append(s or "x")
    return "--".join(out) or "x"


def norm_name(name: str) -> str:
    """Whitespace-normalised name used for exact reference resolution."""
    return " ".join(str(name).split())


def loose_name(name: str) -> str:
    """Aggressively normalised name (case, accents, spaces, punctuation folded away), used
    only to *suggest* that two different names may mean the same system."""
    return re.sub(r"[^a-z0-9]", "", ascii_fold(str(name)).casefold())


def edge_types(d: dict) -> list[str]:
    """Every integration type of an INTEGRATES_WITH edge: ``types`` (a dependency cell's
    ``(API; Fil)`` lists two), else the single ``type``; ``[]`` when none is known."""
    types = d.get("types")
    if types:
        return list(types)
    return [d["type"]] if d.get("type") else []


def _is_blank(value: Any) -> bool:
    if value is None:
        return True
    t = type(value)
    if t is str or t is list or t is dict or t is tuple or t is set:  # the common types first
        return not value
    if t is int or t is bool:
        return False
    if isinstance(value, float) and value != value:  # NaN
        return True
    if isinstance(value, str | list | tuple | set | dict) and len(value) == 0:
        return True
    return False


#: fields merged as a union of values, not as one value with conflicts
_LIST_FIELDS = frozenset(("aliases", "information", "recorded_by"))
_FIELD_SETS = {k: frozenset(v) for k, v in schema.FIELDS_BY_KIND.items()}
_INTEGRATION_FIELDS = frozenset(schema.INTEGRATION_FIELDS)


class Landscape:
    """The landscape graph with typed, provenance-stamping add/merge methods.

    Parameters
    ----------
    graph : networkx.MultiDiGraph, optional
        An existing graph to wrap (as read back from a snapshot or Neo4j).
    meta : dict, optional
        Snapshot metadata (import date, files, config digest).
    """

    def __init__(self, graph: nx.MultiDiGraph | None = None, meta: dict | None = None,
                 ledger: dict | None = None):
        self.graph: nx.MultiDiGraph = graph if graph is not None else nx.MultiDiGraph()
        self.meta: dict = dict(meta or {})
        # The import ledger (see ea.importers.ledger.Ledger.to_dict()); kept with the snapshot
        self.ledger: dict = dict(ledger or {})
        # name -> system keys, kept up to date on every insert once built (see find_systems)
        self._name_index: dict[str, set[str]] | None = None
        self._loose_index: dict[str, set[str]] | None = None
        self._source_sets: dict[int, tuple[list, set]] = {}
        #: set by ea.privacy.pseudonymise: a real name, e-mail or id (casefolded) -> its
        #: pseudonym, so ``--person "Anna Berg"`` finds the pseudonymised person
        self.pseudonyms: dict[str, str] = {}

    # ------------------------------------------------------------------ basic access
    def __contains__(self, key: str) -> bool:
        return key in self.graph

    def __len__(self) -> int:
        return self.graph.number_of_nodes()

    def node(self, key: str) -> dict:
        try:
            return self.graph._node[key]  # what graph.nodes[key] returns, without the view
        except KeyError:
            raise LandscapeError(f"no such node: {key}") from None

    def nodes(self, kind: str | None = None) -> Iterator[tuple[str, dict]]:
        """Iterate ``(key, attrs)`` over nodes, optionally of one kind, in key order."""
        for key in sorted(self.graph.nodes):
            data = self.graph.nodes[key]
            if kind is None or data.get("kind") == kind:
                yield key, data

    def edges(self, kind: str | None = None) -> Iterator[tuple[str, str, str, dict]]:
        """Iterate ``(u, v, key, attrs)`` over edges, optionally of one kind, in a stable order."""
        # read from the adjacency dicts behind ``graph.edges`` (its view makes a tuple per
        # edge through a generator) and filtered before sorting, not after: one kind of a
        # 10,000-system landscape in 0.08 s instead of 0.54 (hubs, dependencies and the
        # partner graph each walk the integrations); the same edges in the same order
        es = [(u, v, k, d) for u, nbrs in self.graph._succ.items()
              for v, keyed in nbrs.items() for k, d in keyed.items()
              if kind is None or d.get("kind") == kind]
        es.sort(key=lambda e: (e[0], e[1], e[2]))
        yield from es

    def count(self, kind: str) -> int:
        return sum(1 for _, d in self.graph.nodes(data=True) if d.get("kind") == kind)

    # ------------------------------------------------------------------ writes
    def _stamp(self, attrs: dict, source: str | None) -> None:
        sources = attrs.get("sources")
        if sources is None:
            sources = attrs["sources"] = []
        if source and (not sources or sources[-1] != source):
            if len(sources) < 32:
                if source not in sources:
                    sources.append(source)
            else:  # hubs and organisations are stated by thousands of rows
                seen = self._source_sets.get(id(sources))
                if seen is None or seen[0] is not sources:
                    seen = self._source_sets[id(sources)] = (sources, set(sources))
                if source not in seen[1]:
                    seen[1].add(source)
                    sources.append(source)
        seen = self.meta.get("imported_at")
        if seen:
            attrs.setdefault("first_seen", seen)
            attrs["last_seen"] = seen

    def _merge_fields(self, attrs: dict, fields: dict, source: str | None,
                      raw: dict | None) -> None:
        """Merge ``fields`` into ``attrs``; a different non-blank value becomes a conflict."""
        fsrc = attrs.get("field_sources")
        if fsrc is None:
            fsrc = attrs["field_sources"] = {}
        blank = _is_blank
        for name, value in fields.items():
            if value is None or (not value if type(value) is str else blank(value)):
                continue
            if name in _LIST_FIELDS:
                cur = attrs.setdefault(name, [])
                for v in value if isinstance(value, list | tuple | set) else [value]:
                    if v not in cur:
                        cur.append(v)
                continue
            old = attrs.get(name)
            if old is None or blank(old):
                attrs[name] = value
                if source:
                    fsrc[name] = source
                if raw and name in raw and raw[name] is not None and str(raw[name]) != str(value):
                    attrs.setdefault("raw", {})[name] = raw[name]
                continue
            if old == value:
                continue
            self._add_conflict(attrs, name, value, source, raw)
        # raw values of fields that did not parse to a value are kept too
        if raw:
            for name, rv in raw.items():
                if (blank(fields.get(name)) and not blank(rv)
                        and name not in attrs.get("raw", {}) and blank(attrs.get(name))):
                    attrs.setdefault("raw", {})[name] = rv

    def _add_conflict(self, attrs: dict, name: str, value: Any, source: str | None,
                      raw: dict | None) -> None:
        conflicts = attrs.setdefault("conflicts", [])
        for c in conflicts:
            if c["field"] == name:
                if not any(v["value"] == value for v in c["values"]):
                    c["values"].append({"value": value, "source": source,
                                        "raw": (raw or {}).get(name)})
                return
        first_src = attrs.get("field_sources", {}).get(name)
        conflicts.append({
            "field": name,
            "values": [
                {"value": attrs.get(name), "source": first_src,
                 "raw": attrs.get("raw", {}).get(name)},
                {"value": value, "source": source, "raw": (raw or {}).get(name)},
            ],
        })

    def add_node(self, kind: str, id_: str, *, source: str | None = None,
                 raw: dict | None = None, extra: dict | None = None, **fields: Any) -> str:
        """Add a node or merge into the existing one; returns its key.

        ``fields`` are canonical values (see :mod:`ea.schema`); ``raw`` maps a field to the
        value as the source wrote it; ``extra`` keeps source columns that map to no field.
        """
        allowed = _FIELD_SETS.get(kind)
        if allowed is None:
            raise LandscapeError(f"unknown node kind: {kind}")
        if not fields.keys() <= allowed:
            unknown = set(fields) - allowed
            raise LandscapeError(f"unknown {kind} field(s): {', '.join(sorted(unknown))}")
        key = f"{kind}:{id_}"  # ea.schema.node_key, inlined: called for every row
        g = self.graph
        attrs = g._node.get(key)
        new = attrs is None
        if new:
            g.add_node(key, kind=kind, id=id_)
            attrs = g._node[key]
        self._merge_fields(attrs, fields, source, raw)
        if extra:
            ex = attrs.setdefault("extra", {})
            for k, v in extra.items():
                if not _is_blank(v):
                    ex.setdefault(k, v)
        self._stamp(attrs, source)
        if kind == SYSTEM and (new or fields.get("name") or fields.get("aliases")):
            self._index_system(key, attrs)
        return key

    def add_system(self, id_: str, *, source: str | None = None, **fields: Any) -> str:
        return self.add_node(SYSTEM, id_, source=source, **fields)

    def add_object(self, id_: str, *, source: str | None = None, **fields: Any) -> str:
        return self.add_node(OBJECT, id_, source=source, **fields)

    def add_person(self, id_: str, *, source: str | None = None, **fields: Any) -> str:
        return self.add_node(PERSON, id_, source=source, **fields)

    def add_organisation(self, id_: str, *, source: str | None = None, **fields: Any) -> str:
        return self.add_node(ORGANISATION, id_, source=source, **fields)

    def add_information(self, id_: str, *, source: str | None = None, **fields: Any) -> str:
        return self.add_node(INFORMATION, id_, source=source, **fields)

    def add_edge(self, kind: str, u: str, v: str, *, key: str | None = None,
                 source: str | None = None, raw: dict | None = None, **props: Any) -> str:
        """Add an edge or merge into the existing one with the same ends and key."""
        if kind not in schema.EDGE_KINDS:
            raise LandscapeError(f"unknown edge kind: {kind}")
        g = self.graph
        nodes = g._node  # networkx's node-attribute dicts: the views cost more than the work
        for end in (u, v):
            if end not in nodes:
                raise LandscapeError(f"no such node: {end}")
        ukinds, vkinds = schema.EDGE_ENDS[kind]
        if nodes[u]["kind"] not in ukinds or nodes[v]["kind"] not in vkinds:
            raise LandscapeError(
                f"{kind} cannot join {nodes[u]['kind']} to {nodes[v]['kind']}")
        ekey = key or kind
        attrs = g._succ[u].get(v, {}).get(ekey)
        if attrs is None:
            g.add_edge(u, v, key=ekey, kind=kind)
            attrs = g._succ[u][v][ekey]
        self._merge_fields(attrs, props, source, raw)
        self._stamp(attrs, source)
        return ekey

    def add_integration(self, source_system: str, target_system: str, *,
                        source: str | None = None, via: str | None = None,
                        raw: dict | None = None, **props: Any) -> str:
        """Add an integration in the direction data flows. One edge per (from, to, via)."""
        unknown = props.keys() - _INTEGRATION_FIELDS
        if unknown:
            raise LandscapeError(f"unknown integration field(s): {', '.join(sorted(unknown))}")
        ekey = INTEGRATES_WITH if not via else f"{INTEGRATES_WITH}|via={via}"
        if via:
            props["via"] = via
        return self.add_edge(INTEGRATES_WITH, source_system, target_system, key=ekey,
                             source=source, raw=raw, **props)

    def add_role(self, person: str, subject: str, role: str, *, source: str | None = None,
                 title: str | None = None) -> str:
        """``person`` holds pm3 ``role`` (a key of :data:`ea.schema.ROLES`) on ``subject``."""
        if role not in schema.ROLES:
            raise LandscapeError(f"unknown role: {role}")
        return self.add_edge(HAS_ROLE, person, subject, key=f"{HAS_ROLE}|{role}",
                             source=source, role=role, title=title)

    def add_vacant_role(self, subject: str, role: str, *, source: str | None = None,
                        title: str | None = None, raw: str | None = None) -> None:
        """Record that ``role`` on ``subject`` is stated but held by nobody ("vakant")."""
        attrs = self.node(subject)
        vac = attrs.setdefault("vacant_roles", [])
        for v in vac:
            if v["role"] == role:
                if source and source not in v["sources"]:
                    v["sources"].append(source)
                return
        vac.append({"role": role, "title": title, "raw": raw, "sources": [source] if source else []})

    # ------------------------------------------------------------------ lookups
    def _index_system(self, key: str, d: dict) -> None:
        """Add one system's id, name and aliases to the name indexes that exist.

        Values only ever get added to a node (the first value of a field stays, aliases
        are a union), so inserting is enough: an import resolves each reference in
        constant time instead of rebuilding the index per row."""
        idx = self._name_index
        if idx is not None:
            idx[norm_name(d.get("id", ""))].add(key)
            if d.get("name"):
                idx[norm_name(d["name"])].add(key)
            for a in d.get("aliases", []) or []:
                idx[norm_name(a)].add(key)
        if self._loose_index is not None and d.get("name"):
            self._loose_index[loose_name(d["name"])].add(key)

    def invalidate_indexes(self) -> None:
        """Forget the name indexes (after changing nodes through ``.graph`` directly)."""
        self._name_index = None
        self._loose_index = None

    def _systems_in(self, keys) -> list[str]:
        nodes = self.graph._node
        return sorted(k for k in keys if k in nodes and nodes[k].get("kind") == SYSTEM)

    def find_systems(self, ref: str) -> list[str]:
        """Systems whose id, name or alias equals ``ref`` (whitespace-normalised, exact case)."""
        if self._name_index is None:
            self._name_index = defaultdict(set)
            for key, d in self.graph.nodes(data=True):
                if d.get("kind") == SYSTEM:
                    self._index_system(key, d)
        keys = self._name_index.get(norm_name(ref))
        if not keys:
            return []
        if len(keys) == 1:  # the usual case (an import resolves every reference here)
            for k in keys:
                d = self.graph._node.get(k)
                return [k] if d is not None and d.get("kind") == SYSTEM else []
        return self._systems_in(keys)

    def find_loose(self, name: str) -> list[str]:
        """Systems whose name equals ``name`` once case, accents, spaces and punctuation are
        folded away (:func:`loose_name`): candidates for a near-duplicate suggestion only."""
        if self._loose_index is None:
            self._loose_index = defaultdict(set)
            for key, d in self.graph.nodes(data=True):
                if d.get("kind") == SYSTEM and d.get("name"):
                    self._loose_index[loose_name(d["name"])].add(key)
        return self._systems_in(self._loose_index.get(loose_name(name), ()))

    def free_system_id(self, id_: str, name: str) -> str:
        """``id_`` when it is free or already names ``name``; else ``id_`` with a short digest
        of the exact name, so two systems whose names differ (``Bokning`` / ``Bokning+``,
        ``Lön inkl. webb`` / ``LÖN, inkl webb``) never merge because their slugs collide."""
        key = node_key(SYSTEM, id_)
        if key not in self.graph or self.graph.nodes[key].get("name") in (None, name):
            return id_
        import hashlib

        return f"{id_}--{hashlib.sha256(name.encode('utf-8')).hexdigest()[:8]}"

    def org_chain(self, org: str) -> list[str]:
        """``org`` and its parent organisations (PART_OF), nearest first, cycle-safe."""
        chain: list[str] = []
        cur: str | None = org
        while cur is not None and cur not in chain:
            chain.append(cur)
            cur = self.parent_of(cur)
        return chain

    def mark_defined(self, key: str, *, after_reference: bool = False) -> None:
        """A placeholder system (made for a reference) is now defined by a source.

        ``after_reference`` records that a reference came first (the tabular importer shows
        it). No-op for a node that is not a placeholder. Importers call this rather than
        writing the node's attributes themselves."""
        d = self.node(key)
        if d.get("placeholder"):
            d["placeholder"] = False
            if after_reference:
                d.setdefault("defined_after_reference", True)

    def set_computed(self, key: str, field: str, value: Any) -> None:
        """Set a field an importer computed from the graph (not stated by a source, so no
        provenance stamp and no conflict), e.g. an organisation's ``path``."""
        self.node(key)[field] = value

    def set_extra(self, key: str, name: str, value: Any, *, overwrite: bool = True) -> None:
        """Set one value of a node's ``extra`` that an importer worked out from other records
        (Backstage: a component's domain and system); ``overwrite=False`` keeps a value
        already there."""
        extra = self.node(key).setdefault("extra", {})
        if overwrite:
            extra[name] = value
        else:
            extra.setdefault(name, value)

    def resolve(self, ref: str, kind: str | None = None) -> list[str]:
        """Resolve a user's reference (key, id, name, or e-mail) to node keys.

        Exact matches first; when nothing matches exactly, a case-insensitive match on name or
        id. Used by the CLI (``ea show Raindance``), not by importers.
        """
        if self.pseudonyms:  # a pseudonymised landscape: the real name names the pseudonym
            ref = self.pseudonyms.get(" ".join(str(ref).split()).casefold(), ref)
        if ref in self.graph and (kind is None or self.graph.nodes[ref]["kind"] == kind):
            return [ref]
        exact, loose = [], []
        target = norm_name(ref)
        tfold = target.casefold()
        for key, d in self.graph.nodes(data=True):
            if kind is not None and d.get("kind") != kind:
                continue
            names = [d.get("id", ""), d.get("name") or "", d.get("email") or ""]
            names += list(d.get("aliases") or [])
            if any(norm_name(n) == target for n in names if n):
                exact.append(key)
            elif any(norm_name(n).casefold() == tfold for n in names if n):
                loose.append(key)
        return sorted(exact or loose)

    def name(self, key: str) -> str:
        d = self.graph.nodes[key]
        return d.get("name") or d.get("id") or key

    # ------------------------------------------------------------------ governance views
    def roles_of(self, subject: str, *, inherit: bool = True) -> list[dict]:
        """Role holders of a system or object.

        Returns a list of ``{"person", "role", "title", "inherited_from"}``; a system inherits
        its object's roles for any role it does not hold itself.
        """
        own = []
        for person, _, data in self.graph.in_edges(subject, data=True):
            if data.get("kind") == HAS_ROLE:
                own.append({"person": person, "role": data["role"], "title": data.get("title"),
                            "inherited_from": None})
        own.sort(key=lambda r: (r["role"], r["person"]))
        if not inherit or self.graph.nodes[subject].get("kind") != SYSTEM:
            return own
        held = {r["role"] for r in own}
        inherited = []
        for obj in self.objects_of(subject):
            for r in self.roles_of(obj, inherit=False):
                if r["role"] not in held:
                    inherited.append({**r, "inherited_from": obj})
        inherited.sort(key=lambda r: (r["role"], r["person"]))
        return own + inherited

    def objects_of(self, system: str) -> list[str]:
        return sorted(v for _, v, d in self.graph.out_edges(system, data=True)
                      if d.get("kind") == PART_OF and self.graph.nodes[v]["kind"] == OBJECT)

    def systems_of(self, obj: str) -> list[str]:
        return sorted(u for u, _, d in self.graph.in_edges(obj, data=True)
                      if d.get("kind") == PART_OF and self.graph.nodes[u]["kind"] == SYSTEM)

    def owners_of(self, subject: str) -> list[str]:
        """Owning organisations of a system or object (OWNED_BY)."""
        return sorted(v for _, v, d in self.graph.out_edges(subject, data=True)
                      if d.get("kind") == OWNED_BY)

    def parent_of(self, org: str) -> str | None:
        for _, v, d in self.graph.out_edges(org, data=True):
            if d.get("kind") == PART_OF:
                return v
        return None

    def information_of(self, system: str) -> list[str]:
        return sorted(v for _, v, d in self.graph.out_edges(system, data=True)
                      if d.get("kind") == PROCESSES)

    # ------------------------------------------------------------------ tidy views
    def systems(self) -> pd.DataFrame:
        """One row per system with its fields, owning organisation and object names.

        Columns: ``key``, ``id``, ``name``, every field of :data:`ea.schema.SYSTEM_FIELDS`
        that any system has, plus ``organisations``, ``objects`` and ``sources``.
        """
        rows = []
        for key, d in self.nodes(SYSTEM):
            row = {"key": key, "id": d.get("id")}
            for f in schema.SYSTEM_FIELDS:
                if f in d:
                    row[f] = d[f]
            row["organisations"] = [self.name(o) for o in self.owners_of(key)]
            row["objects"] = [self.name(o) for o in self.objects_of(key)]
            row["sources"] = list(d.get("sources", []))
            rows.append(row)
        cols = ["key", "id", "name"]
        df = pd.DataFrame(rows)
        if df.empty:
            return pd.DataFrame(columns=cols)
        return df[cols + [c for c in df.columns if c not in cols]]

    def integrations(self) -> pd.DataFrame:
        """One row per INTEGRATES_WITH edge: ``source``, ``target``, names and properties."""
        rows = []
        for u, v, _k, d in self.edges(INTEGRATES_WITH):
            rows.append({"source": u, "target": v, "source_name": self.name(u),
                         "target_name": self.name(v),
                         **{f: d.get(f) for f in schema.INTEGRATION_FIELDS},
                         "sources": list(d.get("sources", []))})
        cols = ["source", "target", "source_name", "target_name", *schema.INTEGRATION_FIELDS,
                "sources"]
        return pd.DataFrame(rows, columns=cols)

    def integration_graph(self, *, expand_via: bool = False) -> nx.DiGraph:
        """The system-to-system graph in the direction data flows.

        One edge per ordered pair; a bidirectional integration gives both directions. Each
        edge has ``count`` (integrations folded into it) and ``types``. With
        ``expand_via=True`` an integration through a platform P is drawn as A -> P -> B (the
        platform as the hub it is); by default it stays A -> B, pairing the real producer and
        consumer.
        """
        g = nx.DiGraph()
        for key, d in self.nodes(SYSTEM):
            g.add_node(key, name=d.get("name"), external=bool(d.get("external")),
                       placeholder=bool(d.get("placeholder")))
        for u, v, _k, d in self.edges(INTEGRATES_WITH):
            hops = [(u, v)]
            via = d.get("via")
            if expand_via and via and via in g:
                hops = [(u, via), (via, v)]
            if d.get("bidirectional"):
                hops += [(b, a) for a, b in hops]
            for a, b in hops:
                if a == b:
                    continue
                if g.has_edge(a, b):
                    g[a][b]["count"] += 1
                    for t in edge_types(d):
                        if t not in g[a][b]["types"]:
                            g[a][b]["types"].append(t)
                else:
                    g.add_edge(a, b, count=1, types=edge_types(d))
        return g

    def conflicts(self) -> pd.DataFrame:
        """Every field on which sources disagree: subject, field, values and their sources."""
        rows = []
        for key, d in self.nodes():
            for c in d.get("conflicts", []):
                rows.append({"subject": key, "name": self.name(key), "field": c["field"],
                             "values": [v["value"] for v in c["values"]],
                             "sources": [v["source"] for v in c["values"]]})
        for u, v, _k, d in self.edges():
            for c in d.get("conflicts", []):
                rows.append({"subject": f"{u} -> {v}",
                             "name": f"{self.name(u)} -> {self.name(v)}", "field": c["field"],
                             "values": [x["value"] for x in c["values"]],
                             "sources": [x["source"] for x in c["values"]]})
        return pd.DataFrame(rows, columns=["subject", "name", "field", "values", "sources"])

    def stats(self) -> dict:
        """Counts a person checks first: nodes per kind, edges per kind, placeholders,
        external systems, systems without any role, conflicts."""
        kinds = {k: self.count(k) for k in schema.NODE_KINDS}
        edges = {k: 0 for k in schema.EDGE_KINDS}
        for _, _, d in self.graph.edges(data=True):
            edges[d["kind"]] = edges.get(d["kind"], 0) + 1
        systems = list(self.nodes(SYSTEM))
        return {
            "nodes": kinds,
            "edges": edges,
            "placeholder_systems": sum(1 for _, d in systems if d.get("placeholder")),
            "external_systems": sum(1 for _, d in systems if d.get("external")),
            "systems_without_roles": sum(1 for k, _ in systems if not self.roles_of(k)),
            "conflicts": len(self.conflicts()),
        }

    def copy(self) -> Landscape:
        import copy as _copy

        out = Landscape(self.graph.copy(), _copy.deepcopy(self.meta), _copy.deepcopy(self.ledger))
        out.pseudonyms = dict(self.pseudonyms)
        return out

    def subjects_with(self, kind: str, predicate) -> Iterable[str]:
        return [k for k, d in self.nodes(kind) if predicate(d)]
