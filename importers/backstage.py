"""Backstage software catalogs into the landscape.

Reads catalog descriptor YAML (``catalog-info.yaml``, multi-document files, ``kind:
Location`` files whose targets are followed relative to the file) and the JSON the catalog
REST API returns (``GET /api/catalog/entities``: a list of entities, or ``{"items":
[...]}``), whose ``relations`` are used besides ``spec``. YAML is read with
:class:`yaml.SafeLoader` (what ``yaml.safe_load_all`` uses), node by node so that every entity
keeps the line it starts on; nothing else is ever constructed.

Mapping (``docs/exchange.md`` has the full table):

- ``Component``, ``API``, ``Resource`` and ``System`` → System (id = the entity reference,
  ``component:default/petstore``; ``category`` = kind and type). A Backstage ``System`` is
  also the förvaltningsobjekt (Object, same reference) that it and its members are part of.
- ``Group`` → Organisation (``spec.parent``/``children`` → PART_OF; id = the entity
  reference); ``User`` → Person through the import's resolver (:mod:`ea.importers.resolve`):
  the person of its e-mail in any source; without an e-mail the one person of its display
  name (a people list, a role list, an ArchiMate actor), unless that is another catalog user;
  else a new person, id = the e-mail or the entity reference.
- ``spec.owner`` / ``ownedBy``: a Group → OWNED_BY that organisation; a User → that person
  holds ``object_owner``. An owner that is **not in the catalog** is kept as the raw
  reference (``extra.owner``) and reported as an ``unresolved`` ledger entry; the system gets
  no owner, so the orphan queries find it as unowned.
- ``dependsOn`` → an integration from the dependency to the dependent (data flows from what
  is depended on, as for ``Beroende av`` in inventories). ``consumesApis`` → an
  integration from each provider of the API (``providesApis``) to the consumer, ``via`` the
  API; an API nobody provides is itself the source. ``providesApis`` alone adds no edge.
- ``spec.lifecycle`` → status (``production`` → active, ``experimental`` → implementing,
  ``deprecated`` → phasing_out).
- ``Domain`` → mapped: its name is kept on the systems in it (``extra.domain``).
- ``Location`` → mapped: its targets are read. A URL target or one outside the folder of the
  file named on the command line is reported, never fetched; a cycle is reported once.

References resolve across every Backstage file of one import, whatever their order: each
file re-resolves what earlier files left open, and an ``unresolved`` entry is withdrawn when
a later file defines the entity.

Ledger: one row per entity. *imported*: it became a node; *merged*: a Location or Domain
(mapped), or an entity already read; *skipped*: not an entity, or a kind outside the
landscape model (``Template``), with a ``skipped`` entry.
"""

from __future__ import annotations

import json
import re
import weakref
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ea import schema
from ea.config import Config
from ea.errors import InputError
from ea.importers import values as V
from ea.importers.ledger import IMPORTED, MERGED, SKIPPED, Entry, FileStats, Ledger
from ea.importers.resolve import Resolver
from ea.landscape import Landscape, norm_name
from ea.schema import OBJECT, ORGANISATION, OWNED_BY, PART_OF, PERSON, SYSTEM

SYSTEM_KINDS = ("component", "api", "resource", "system")
KNOWN_KINDS = SYSTEM_KINDS + ("group", "user", "domain", "location", "template")

_REF = re.compile(r"^(?:(?P<kind>[A-Za-z][\w-]*):)?(?:(?P<ns>[^:/]+)/)?(?P<name>[^:/]+)$")


def parse_ref(ref: str, default_kind: str | None = None,
              default_ns: str = "default") -> tuple[str | None, str, str] | None:
    """``"group:default/team-a"`` -> ``("group", "default", "team-a")``; lower-cased."""
    if isinstance(ref, dict):  # {kind, namespace, name} in REST relations
        k, ns, n = ref.get("kind"), ref.get("namespace"), ref.get("name")
        return ((k or default_kind or "").lower() or None, (ns or default_ns).lower(),
                str(n).lower()) if n else None
    m = _REF.match(str(ref).strip())
    if not m:
        return None
    kind = (m["kind"] or default_kind)
    return (kind.lower() if kind else None, (m["ns"] or default_ns).lower(), m["name"].lower())


def ref_str(kind: str, ns: str, name: str) -> str:
    return f"{kind}:{ns}/{name}"


@dataclass
class Entity:
    kind: str
    ns: str
    name: str
    data: dict
    file: str
    line: int | None
    key: str | None = None  # node key in the landscape

    @property
    def ref(self) -> str:
        return ref_str(self.kind, self.ns, self.name)

    @property
    def src(self) -> str:
        return f"{self.file}:{self.line}" if self.line else f"{self.file}#{self.ref}"

    @property
    def spec(self) -> dict:
        s = self.data.get("spec")
        return s if isinstance(s, dict) else {}

    @property
    def meta(self) -> dict:
        m = self.data.get("metadata")
        return m if isinstance(m, dict) else {}


@dataclass
class _State:
    """What one import has read from Backstage files so far."""

    entities: dict[str, Entity] = field(default_factory=dict)
    visited: set[Path] = field(default_factory=set)
    open_entries: dict[tuple, Entry] = field(default_factory=dict)


_STATES: weakref.WeakKeyDictionary[Ledger, _State] = weakref.WeakKeyDictionary()


# ------------------------------------------------------------------------------- reading


def _documents(path: Path, display: str) -> list[tuple[object, int | None]]:
    """``(document, line)`` pairs of a YAML or JSON file."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text", file=display) from None
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"not valid JSON ({exc.msg})", file=display, line=exc.lineno) from None
        except RecursionError:
            raise InputError("refused: the JSON is nested too deeply to be a catalog",
                             file=display) from None
        _no_lone_surrogates(data, text, display)
        if isinstance(data, dict) and isinstance(data.get("items"), list):
            data = data["items"]
        if isinstance(data, dict):
            data = [data]
        if not isinstance(data, list):
            raise InputError("not a Backstage catalog: expected a list of entities or "
                             "{\"items\": [...]}", file=display)
        return [(d, None) for d in data]
    out = []
    loader = yaml.SafeLoader(text)
    try:
        while loader.check_node():
            node = loader.get_node()
            line = node.start_mark.line + 1 if node is not None else None
            out.append((loader.construct_document(node), line))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(f"not valid YAML ({getattr(exc, 'problem', None) or exc})",
                         file=display, line=mark.line + 1 if mark else None) from None
    except RecursionError:
        raise InputError("refused: the YAML is nested too deeply to be a catalog",
                         file=display) from None
    finally:
        loader.dispose()
    _no_lone_surrogates([d for d, _ in out], text, display)
    return out


_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}|\\U0000[dD][89a-fA-F]")


def _no_lone_surrogates(data, text: str, display: str) -> None:
    """JSON and YAML can spell a lone UTF-16 surrogate (``"\\ud800"``), which is no
    character: no file could hold it, and every write of the landscape would fail. A clear
    error naming the line, not an "internal error: UnicodeEncodeError" later."""
    if not _ESCAPED_SURROGATE.search(text):
        return
    try:
        json.dumps(data, ensure_ascii=False, default=str).encode("utf-8")
    except UnicodeEncodeError:
        lines = [text.count("\n", 0, m.start()) + 1 for m in _ESCAPED_SURROGATE.finditer(text)]
        raise InputError("a text holds a lone UTF-16 surrogate (\\udXXX), which is no "
                         "character; fix the escape", file=display,
                         line=lines[0] if lines else None) from None


def _looks_like_entity(doc: object) -> bool:
    return (isinstance(doc, dict) and isinstance(doc.get("kind"), str)
            and isinstance(doc.get("metadata"), dict) and doc["metadata"].get("name"))


class BackstageImporter:
    """Reads catalog files into the landscape; users and the organisation tree go through
    ``resolver`` (the import's one :class:`~ea.importers.resolve.Resolver`; a new one when
    not given)."""

    def __init__(self, landscape: Landscape, ledger: Ledger, config: Config,
                 resolver: Resolver | None = None):
        self.ls = landscape
        self.ledger = ledger
        self.cfg = config
        self.resolver = resolver or Resolver(landscape, ledger, config)
        self.state = _STATES.setdefault(ledger, _State())

    # -------------------------------------------------------------- files and locations
    def read_root(self, path: Path, display: str) -> None:
        root_dir = path.resolve().parent
        prefix = Path(display).parent
        found_entity = self._read(path.resolve(), display, root_dir, prefix, chain=[])
        if not found_entity:
            raise InputError("not a Backstage catalog file: no entity with kind and "
                             "metadata.name (expected catalog-info YAML or the JSON of "
                             "/api/catalog/entities)", file=display)
        self._resolve()

    def _read(self, path: Path, display: str, root_dir: Path, prefix: Path,
              chain: list[Path]) -> bool:
        stats = self.ledger.file(display, fmt="backstage")
        stats.record_types = ["entities"]
        self.state.visited.add(path)
        docs = _documents(path, display)
        any_entity = False
        for doc, line in docs:
            if doc is None:
                continue  # an empty document between two '---'
            if not _looks_like_entity(doc):
                self.ledger.count(stats, SKIPPED)
                self.ledger.add("skipped", "not a Backstage entity (needs kind and "
                                "metadata.name)", file=display, line=line)
                continue
            any_entity = True
            kind = doc["kind"].strip().lower()
            ns = str(doc["metadata"].get("namespace") or "default").lower()
            ent = Entity(kind, ns, str(doc["metadata"]["name"]).lower(), doc, display, line)
            if kind == "location":
                self.ledger.count(stats, MERGED)
                self._location(ent, path, display, root_dir, prefix, chain + [path], stats)
                continue
            if kind not in KNOWN_KINDS or kind == "template":
                self.ledger.count(stats, SKIPPED)
                self.ledger.add("skipped", f"kind {doc['kind']} is not part of the landscape "
                                "model", file=display, line=line, value=ent.ref)
                continue
            self.ledger.count(stats, self._entity(ent, stats))
        return any_entity

    def _location(self, ent: Entity, path: Path, display: str, root_dir: Path, prefix: Path,
                  chain: list[Path], stats: FileStats) -> None:
        spec = ent.spec
        targets = list(spec.get("targets") or [])
        if spec.get("target"):
            targets.insert(0, spec["target"])
        where = {"file": display, "line": ent.line}
        read = 0
        for t in targets:
            t = str(t).strip()
            if spec.get("type") == "url" or re.match(r"^[a-z][a-z0-9+.-]*://", t, re.I):
                self.ledger.add("skipped", f"Location target '{t}' is a URL: not fetched (ea "
                                "reads no network); import the file itself", value=t, **where)
                continue
            if t.startswith("file:"):
                t = t[5:]
            base = path.parent
            if any(c in t for c in "*?["):
                matches = sorted(p.resolve() for p in base.glob(t) if p.is_file())
            else:
                matches = [(base / t).resolve()]
            for m in matches:
                if not m.is_relative_to(root_dir):
                    self.ledger.add("skipped", f"Location target '{t}' lies outside the folder "
                                    "of the file named on the command line: not read", value=t,
                                    **where)
                    continue
                if not m.exists():
                    self.ledger.add("warning", f"Location target '{t}' does not exist",
                                    value=t, **where)
                    continue
                if m in chain:
                    self.ledger.add("warning", f"Location cycle: '{t}' is already being read; "
                                    "not read again", value=t, **where)
                    continue
                if m in self.state.visited:
                    stats.notes.append(f"Location {ent.ref}: '{t}' was already read")
                    continue
                rel = m.relative_to(root_dir)
                self._read(m, str(prefix / rel) if str(prefix) != "." else rel.as_posix(),
                           root_dir, prefix, chain)
                read += 1
        stats.notes.append(f"Location {ent.ref} mapped: {read} target file(s) read")

    # -------------------------------------------------------------- entities
    def _entity(self, ent: Entity, stats: FileStats) -> str:
        prev = self.state.entities.get(ent.ref)
        if prev is not None:
            stats.notes.append(f"{ent.ref} already read from {prev.src}; merged")
            self._node(ent)  # adds this source and any new values
            return MERGED
        self.state.entities[ent.ref] = ent
        if ent.kind == "domain":
            stats.notes.append(f"Domain {ent.ref} mapped: kept as extra.domain on its systems")
            return MERGED
        self._node(ent)
        return IMPORTED

    def _node(self, ent: Entity) -> None:
        meta, spec = ent.meta, ent.spec
        name = norm_name(meta.get("title") or meta.get("name"))
        extra = {"backstage_ref": ent.ref}
        if meta.get("tags"):
            extra["tags"] = ", ".join(str(t) for t in meta["tags"])
        if spec.get("owner"):
            extra["owner"] = str(spec["owner"])
        if ent.kind in SYSTEM_KINDS:
            values: dict = {"name": name}
            raw: dict = {}
            if meta.get("title") and meta["title"] != meta["name"]:
                values["aliases"] = [str(meta["name"])]
            if meta.get("description"):
                values["description"] = " ".join(str(meta["description"]).split())
            typ = spec.get("type")
            values["category"] = f"{ent.data['kind']} ({typ})" if typ else ent.data["kind"]
            if spec.get("lifecycle"):
                p = V.parse_lifecycle(spec["lifecycle"])
                if p.value:
                    values["status"] = p.value
                if p.raw != p.value:
                    raw["status"] = p.raw
                if not p.ok:
                    self.ledger.add("warning", f"lifecycle '{p.raw}' not understood; kept raw",
                                    file=ent.file, line=ent.line, value=p.raw, subject=ent.ref)
            ent.key = self.ls.add_system(ent.ref, source=ent.src, raw=raw, extra=extra, **values)
            if ent.kind == "system":
                self.ls.add_object(ent.ref, source=ent.src, name=name)
        elif ent.kind == "group":
            profile = spec.get("profile") if isinstance(spec.get("profile"), dict) else {}
            ent.key = self.ls.add_organisation(ent.ref, source=ent.src,
                                               name=norm_name(profile.get("displayName") or name),
                                               org_kind=spec.get("type"))
        elif ent.kind == "user":
            profile = spec.get("profile") if isinstance(spec.get("profile"), dict) else {}
            # the e-mail decides; without one the user is the one person of that name, unless
            # that person is another user of the catalog (the reference is an identity)
            ent.key, _ = self.resolver.person(profile.get("displayName") or name,
                                              str(profile.get("email") or "") or None, ent.src,
                                              identity=ent.ref, where={
                                                  "file": ent.file, "line": ent.line,
                                                  "subject": ent.ref})

    # -------------------------------------------------------------- references
    def _targets(self, ent: Entity, spec_keys: tuple[str, ...], rel_types: tuple[str, ...],
                 default_kind: str | None) -> list[tuple[str, object]]:
        """(raw reference, parsed) from spec fields and REST ``relations``."""
        out = []
        for k in spec_keys:
            v = ent.spec.get(k)
            for item in (v if isinstance(v, list) else [v] if v else []):
                out.append((str(item), parse_ref(item, default_kind, ent.ns)))
        for r in ent.data.get("relations") or []:
            if isinstance(r, dict) and r.get("type") in rel_types:
                tgt = r.get("targetRef") or r.get("target")
                if tgt:
                    out.append((tgt if isinstance(tgt, str) else ref_str(*parse_ref(tgt)),
                                parse_ref(tgt, default_kind, ent.ns)))
        seen, uniq = set(), []
        for raw, p in out:
            if p not in seen:
                seen.add(p)
                uniq.append((raw, p))
        return uniq

    def _find(self, parsed) -> Entity | None:
        if parsed is None:
            return None
        kind, ns, name = parsed
        if kind:
            return self.state.entities.get(ref_str(kind, ns, name))
        hits = [e for e in self.state.entities.values() if e.ns == ns and e.name == name]
        return hits[0] if len(hits) == 1 else None

    def _open(self, ent: Entity, what: str, raw: str, reason: str) -> None:
        key = (ent.ref, what, raw)
        if key not in self.state.open_entries:
            self.state.open_entries[key] = self.ledger.add(
                "unresolved", reason, file=ent.file, line=ent.line, column=what, value=raw,
                subject=ent.key or ent.ref)

    def _close(self, ent: Entity, what: str, raw: str) -> None:
        e = self.state.open_entries.pop((ent.ref, what, raw), None)
        if e is not None and e in self.ledger.entries:
            self.ledger.entries.remove(e)

    def _resolve(self) -> None:
        ents = sorted(self.state.entities.values(), key=lambda e: e.ref)
        providers: dict[str, list[Entity]] = {}
        for e in ents:
            if e.key is None:
                continue
            for _raw, p in self._targets(e, ("providesApis",), ("providesApi",), "api"):
                api = self._find(p)
                if api is not None:
                    providers.setdefault(api.ref, []).append(e)
        for e in ents:
            if e.kind == "group":
                self._group(e)
            elif e.kind == "user":
                self._user(e)
            elif e.kind in SYSTEM_KINDS:
                self._owner(e)
                self._membership(e)
                self._depends(e)
                self._consumes(e, providers)

    def _group(self, e: Entity) -> None:
        for raw, p in self._targets(e, ("parent",), ("childOf",), "group"):
            parent = self._find(p)
            if parent is not None and parent.key:
                if self.resolver.link_organisation(e.key, parent.key, e.src):
                    self._close(e, "spec.parent", raw)
            elif parent is None:
                self._open(e, "spec.parent", raw, f"parent group '{raw}' of {e.ref} is not in "
                           "the catalog")
        for _raw, p in self._targets(e, ("children",), ("parentOf",), "group"):
            child = self._find(p)
            if child is not None and child.key:
                self.resolver.link_organisation(child.key, e.key, e.src)
        self.ls.set_computed(e.key, "path", self.resolver.organisation_path(e.key))

    def _user(self, e: Entity) -> None:
        for _raw, p in self._targets(e, ("memberOf",), ("memberOf",), "group"):
            g = self._find(p)
            if g is not None and g.key:
                self.resolver.add_to_person(e.key, e.src, organisation=self.ls.node(g.key).get(
                    "path") or self.ls.name(g.key))

    def _owner(self, e: Entity) -> None:
        for raw, p in self._targets(e, ("owner",), ("ownedBy",), "group"):
            o = self._find(p)
            subjects = [e.key] + ([schema.node_key(OBJECT, e.ref)] if e.kind == "system" else [])
            if o is None or o.key is None:
                self._open(e, "spec.owner", raw, f"owner '{raw}' of {e.ref} is not in the "
                           "catalog: the system is left unowned (the reference is kept as "
                           "extra.owner)")
                continue
            self._close(e, "spec.owner", raw)
            kind = self.ls.node(o.key)["kind"]
            for s in subjects:
                if kind == ORGANISATION:
                    self.ls.add_edge(OWNED_BY, s, o.key, source=e.src)
                elif kind == PERSON:
                    self.ls.add_role(o.key, s, "object_owner", source=e.src,
                                     title="owner (Backstage spec.owner)")

    def _membership(self, e: Entity) -> None:
        if e.kind == "system":
            self.ls.add_edge(PART_OF, e.key, schema.node_key(OBJECT, e.ref), source=e.src)
            for raw, p in self._targets(e, ("domain",), ("partOf",), "domain"):
                d = self._find(p)
                if d is not None and d.kind == "domain":
                    self._close(e, "spec.domain", raw)
                    self.ls.set_extra(e.key, "domain", d.name)
                    for s in self.ls.systems_of(schema.node_key(OBJECT, e.ref)):
                        self.ls.set_extra(s, "domain", d.name, overwrite=False)
                elif d is None:
                    self._open(e, "spec.domain", raw, f"domain '{raw}' of {e.ref} is not in "
                               "the catalog")
            return
        for raw, p in self._targets(e, ("system",), ("partOf",), "system"):
            s = self._find(p)
            if s is None:
                self._open(e, "spec.system", raw, f"system '{raw}' of {e.ref} is not in the "
                           "catalog")
                continue
            if s.kind != "system":
                continue
            self._close(e, "spec.system", raw)
            okey = schema.node_key(OBJECT, s.ref)
            self.ls.add_edge(PART_OF, e.key, okey, source=e.src)
            dom = self.ls.node(s.key).get("extra", {}).get("domain")
            if dom:
                self.ls.set_extra(e.key, "domain", dom)
            self.ls.set_extra(e.key, "system", s.ref)

    def _integration(self, a: Entity, b: Entity, e: Entity, *, via: str | None = None,
                     **values) -> None:
        if a.key == b.key or a.key is None or b.key is None:
            return
        if self.ls.node(a.key)["kind"] != SYSTEM or self.ls.node(b.key)["kind"] != SYSTEM:
            return
        self.ls.add_integration(a.key, b.key, source=e.src, via=via, **values)

    def _depends(self, e: Entity) -> None:
        for raw, p in self._targets(e, ("dependsOn",), ("dependsOn",), None):
            d = self._find(p)
            if d is None:
                self._open(e, "spec.dependsOn", raw, f"dependency '{raw}' of {e.ref} is not in "
                           "the catalog")
                continue
            self._close(e, "spec.dependsOn", raw)
            typ = "db" if d.kind == "resource" and str(d.spec.get("type", "")).lower() in (
                "database", "db") else None
            self._integration(d, e, e, **({"type": typ} if typ else {}))

    def _consumes(self, e: Entity, providers: dict[str, list[Entity]]) -> None:
        for raw, p in self._targets(e, ("consumesApis",), ("consumesApi",), "api"):
            api = self._find(p)
            if api is None:
                self._open(e, "spec.consumesApis", raw, f"API '{raw}' consumed by {e.ref} is "
                           "not in the catalog")
                continue
            self._close(e, "spec.consumesApis", raw)
            provs = providers.get(api.ref) or []
            if provs:
                for prov in provs:
                    self._integration(prov, e, e, via=api.key, type="api")
            else:
                self._integration(api, e, e, type="api")


def import_file(path, landscape: Landscape, ledger: Ledger, config: Config | None = None, *,
                display: str, resolver: Resolver | None = None) -> None:
    """Import one Backstage catalog file (YAML or REST JSON), following its Locations;
    users and groups resolved through ``resolver`` (the import's one resolver)."""
    BackstageImporter(landscape, ledger, config or Config(), resolver).read_root(Path(path),
                                                                              display)
