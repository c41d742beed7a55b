"""Importing some sources into a landscape that holds others: what each source stated.

``ea import roller.csv`` after a full import used to leave a landscape of the role list
alone (0 systems) with no warning. The embedded store now behaves like the Neo4j store:
re-importing a source replaces what *that source* stated and keeps what the other sources
stated. A *source* is an imported file, named as the ledger names it; provenance strings
(``sources`` of every node and edge, ``field_sources``, conflict values, vacant-role notes)
hold ``file:line``, ``file[Sheet]:line`` or ``file#id``, so the file is read back from them.

:func:`without` takes the previous landscape and a set of files, and returns a copy with
everything those files stated taken out:

- a node or edge stated only by those files goes (edges of a removed node with it);
- a node or edge also stated by other files stays, with those files' lines removed from
  ``sources``; a field whose value came from one of those files is taken out (the value
  another file stated, kept in ``conflicts``, takes its place); conflict values and vacant
  roles of those files go;
- a system that only sources without a systems table still state becomes a placeholder
  again (it is referenced, no longer defined).

The files given are then imported *into* that copy, so their references resolve against
what the other files defined, exactly as in a full import. The ledger and ``meta["files"]``
are merged the same way: the entries of the files given are replaced, the others kept.
"""

from __future__ import annotations

import copy

from ea.landscape import Landscape

#: Record types that define systems (see ea.importers.headers): a system stated only by
#: other kinds of rows (integrations, roles, classification) is a reference.
DEFINING = ("systems",)


class Scope:
    """A set of source files and the test "did one of them state this provenance line"."""

    def __init__(self, files):
        self.files = frozenset(str(f) for f in files)
        self._prefixes = tuple(f + c for f in sorted(self.files) for c in ":[#")

    def __contains__(self, source) -> bool:
        if not source:
            return False
        s = str(source)
        return s in self.files or s.startswith(self._prefixes)

    def file_of(self, source) -> str | None:
        """The file of a provenance line, if it is one of the scope's."""
        s = str(source or "")
        for f in self.files:
            if s == f or s.startswith((f + ":", f + "[", f + "#")):
                return f
        return None


def source_file(source: str) -> tuple[str, str | None]:
    """``"a.xlsx[Blad1]:12"`` -> ``("a.xlsx", "Blad1")``; ``"b.csv:3"`` -> ``("b.csv", None)``;
    ``"m.xml#id-1"`` -> ``("m.xml", None)``."""
    s = str(source)
    head = s.split("#", 1)[0] if "#" in s else s.rpartition(":")[0] or s
    if head.endswith("]") and "[" in head:
        i = head.rindex("[")
        return head[:i], head[i + 1:-1]
    return head, None


def _strip_attrs(d: dict, scope: Scope) -> None:
    """Take out of one node's or edge's attributes what the scope's files stated."""
    fsrc = d.get("field_sources") or {}
    conflicts = d.get("conflicts") or []
    by_field = {c.get("field"): c for c in conflicts}
    for field, src in list(fsrc.items()):
        if src not in scope:
            continue
        del fsrc[field]
        c = by_field.get(field)
        others = [v for v in (c or {}).get("values", []) if v.get("source") not in scope]
        if others:
            d[field] = others[0].get("value")
            if others[0].get("source"):
                fsrc[field] = others[0]["source"]
            if others[0].get("raw") is not None:
                d.setdefault("raw", {})[field] = others[0]["raw"]
            elif field in (d.get("raw") or {}):
                del d["raw"][field]
        else:
            d.pop(field, None)
            if field in (d.get("raw") or {}):
                del d["raw"][field]
    if conflicts:
        kept = []
        for c in conflicts:
            vals = [v for v in c.get("values", []) if v.get("source") not in scope]
            if len({repr(v.get("value")) for v in vals}) > 1:
                kept.append({**c, "values": vals})
        if kept:
            d["conflicts"] = kept
        else:
            d.pop("conflicts", None)
    vac = d.get("vacant_roles")
    if vac:
        kept_vac = []
        for v in vac:
            srcs = v.get("sources") or []
            left = [s for s in srcs if s not in scope]
            if left or not srcs:
                kept_vac.append({**v, "sources": left} if srcs else v)
        if kept_vac:
            d["vacant_roles"] = kept_vac
        else:
            del d["vacant_roles"]


def without(landscape: Landscape, files) -> Landscape:
    """A copy of ``landscape`` without what ``files`` stated (see the module docstring).
    After importing into it, call :func:`settle`.

    Examples
    --------
    >>> ls = Landscape()
    >>> a = ls.add_system("S1", source="inv.csv:2", name="Raindance", vendor="CGI")
    >>> b = ls.add_system("S2", source="inv.csv:3", name="Heroma")
    >>> p = ls.add_person("anna@x.se", source="roller.csv:2", name="Anna Berg")
    >>> _ = ls.add_role(p, a, "object_owner", source="roller.csv:2")
    >>> kept = without(ls, ["roller.csv"])
    >>> sorted(k for k, _ in kept.nodes())
    ['System:S1', 'System:S2']
    """
    scope = Scope(files)
    defining = _defining_tables(landscape.ledger)
    g = landscape.graph.copy()
    # edges first: an edge another file still states keeps its ends alive
    drop = []
    referenced: dict[str, list[str]] = {}
    for u, v, k, d in g.edges(keys=True, data=True):
        srcs = d.get("sources") or []
        kept = [s for s in srcs if s not in scope]
        if srcs and not kept:
            drop.append((u, v, k))
            continue
        for end in (u, v):
            referenced.setdefault(end, []).extend(kept[:1])
        if len(kept) == len(srcs):
            continue
        g.edges[u, v, k].update(copy.deepcopy({x: y for x, y in d.items()
                                               if isinstance(y, dict | list)}))
        d = g.edges[u, v, k]
        d["sources"] = kept
        _strip_attrs(d, scope)
    g.remove_edges_from(drop)
    gone, demoted = [], {}
    for key, d in g.nodes(data=True):
        srcs = d.get("sources") or []
        if not any(s in scope for s in srcs):
            continue
        kept = [s for s in srcs if s not in scope]
        if not kept and key not in referenced:
            gone.append(key)
            continue
        old = dict(d)
        g.nodes[key].update(copy.deepcopy({k: v for k, v in d.items()
                                           if isinstance(v, dict | list)}))
        d = g.nodes[key]
        d["sources"] = kept or list(dict.fromkeys(referenced[key]))
        _strip_attrs(d, scope)
        if d.get("kind") == "System" and not old.get("placeholder") and not any(
                source_file(s) in defining or source_file(s)[0] in defining for s in kept):
            # no longer defined by any kept file: the import may define it again, else it
            # becomes a placeholder for the references (settle)
            demoted[key] = {f: old.get(f) for f in ("name", "placeholder",
                                                    "defined_after_reference")}
            demoted[key]["refs"] = [] if kept else list(d["sources"])
            d.pop("placeholder", None)
            d.pop("defined_after_reference", None)
            d.get("field_sources", {}).pop("placeholder", None)
        elif not kept:
            demoted[key] = {"name": old.get("name"), "placeholder": old.get("placeholder"),
                            "refs": list(d["sources"])}
    g.remove_nodes_from(gone)
    meta = merge_meta(copy.deepcopy(landscape.meta), {}, files)
    out = Landscape(g, meta=meta, ledger={})
    out.scope_demoted = demoted  # for settle()
    return out


def settle(landscape: Landscape, base: Landscape, ledger=None) -> None:
    """After importing into ``base`` (:func:`without`): a node no kept file and no file of
    this import states, but other files still refer to, keeps its name and, for a system,
    becomes a placeholder, listed as unresolved in ``ledger`` (an :class:`ea.importers.ledger.
    Ledger`); a system the import defined again keeps the flags it had."""
    defining = _defining_tables(landscape.ledger)
    for key, was in getattr(base, "scope_demoted", {}).items():
        if key not in landscape:
            continue
        d = landscape.node(key)
        srcs = d.get("sources") or []
        if not d.get("name") and was.get("name"):
            d["name"] = was["name"]
            if srcs:
                d.setdefault("field_sources", {})["name"] = srcs[0]
        refs = set(was.get("refs") or ())
        if refs and any(s not in refs for s in srcs):
            d["sources"] = srcs = [s for s in srcs if s not in refs]  # stated again
        if d.get("kind") != "System":
            continue
        if was.get("placeholder") and "placeholder" not in d:
            d["placeholder"] = True  # a placeholder still, for the references left
            if srcs:
                d.setdefault("field_sources", {})["placeholder"] = srcs[0]
            continue
        if was.get("placeholder"):
            continue
        if any(source_file(s) in defining or source_file(s)[0] in defining for s in srcs):
            for flag in ("placeholder", "defined_after_reference"):  # defined again
                if was.get(flag) is None:
                    d.pop(flag, None)
                    d.get("field_sources", {}).pop(flag, None)
                else:
                    d[flag] = was[flag]
            continue
        d["placeholder"] = True
        if srcs:
            d.setdefault("field_sources", {})["placeholder"] = srcs[0]
        if ledger is not None:
            file, sheet = source_file(srcs[0]) if srcs else ("", None)
            ledger.add("unresolved", f"'{d.get('name')}' is no longer defined by any source "
                       "(the file that defined it was imported again without it); still "
                       "referenced, kept as a placeholder system", file=file, sheet=sheet,
                       value=d.get("name"), subject=key)


def _defining_tables(ledger: dict) -> set:
    """The (file, sheet) pairs, and the model files, that define systems."""
    out: set = set()
    for f in (ledger or {}).get("files") or []:
        types = f.get("record_types") or []
        fmt = (f.get("format") or "").lower()
        if any(t in DEFINING for t in types):
            out.add((f.get("file"), f.get("sheet")))
        elif fmt and fmt not in ("csv", "tsv", "txt", "xlsx", "xlsm", "xls", "ods"):
            out.add(f.get("file"))  # ArchiMate, Backstage: model files define systems
    return out


def merge_meta(old: dict, new: dict, files) -> dict:
    """``new`` over ``old``, with ``files``/``people_lists`` of the scope's files replaced
    and the others kept."""
    scope = Scope(files)
    out = {**old, **new}
    kept = [f for f in old.get("files") or [] if f.get("file") not in scope]
    out["files"] = kept + list(new.get("files") or [])
    people = [f for f in old.get("people_lists") or [] if f not in scope]
    people += [f for f in new.get("people_lists") or [] if f not in people]
    if people:
        out["people_lists"] = people
    else:
        out.pop("people_lists", None)
    return out


def merge_ledger(old: dict, new: dict, files) -> dict:
    """The ledger of the scope's files replaced by ``new``; other files' counts and entries
    kept. Entries tied to no file (suggestions over all names) are recomputed by every import,
    so only the new ones are kept; an entry the new import repeats is not doubled."""
    scope = Scope(files)
    if not old:
        return dict(new)
    out = {**old, **new}
    out["files"] = ([f for f in old.get("files") or [] if f.get("file") not in scope]
                    + list(new.get("files") or []))
    seen = set()
    entries = []
    for e in [e for e in old.get("entries") or []
              if e.get("file") and e.get("file") not in scope] + list(new.get("entries") or []):
        key = tuple(sorted((k, str(v)) for k, v in e.items()))
        if key not in seen:
            seen.add(key)
            entries.append(e)
    out["entries"] = entries
    return out
