"""What ``ea show`` says about one node: the node a reference names and everything known
about it, as plain values. The command only prints them. Not a registered query."""

from __future__ import annotations

import datetime as dt
import difflib

from ea import schema
from ea.derived.lifecycle import lifecycle
from ea.derived.organisations import effective_owners, org_label
from ea.derived.roles import UNOWNED_CLASSES, unowned_class
from ea.errors import QueryError
from ea.landscape import edge_types


def resolve(ls, ref: str) -> str:
    """The node key ``ref`` (a name, id or key) names; a system when it names several nodes
    of which one is a system. Raises :class:`~ea.errors.QueryError` with close matches when
    nothing fits, and the keys when it is ambiguous."""
    keys = ls.resolve(ref)
    if not keys:
        names = sorted({d.get("name") for _, d in ls.nodes() if d.get("name")})
        near = difflib.get_close_matches(ref, names, n=5, cutoff=0.6)
        hint = f"; did you mean: {', '.join(near)}?" if near else ""
        raise QueryError(f"'{ref}' matches nothing in the landscape{hint}")
    if len(keys) > 1:
        systems = [k for k in keys if k.startswith(schema.SYSTEM + ":")]
        if len(systems) == 1:
            return systems[0]
        raise QueryError(f"'{ref}' matches {len(keys)} nodes: {', '.join(keys[:10])}; "
                         "give the key")
    return keys[0]


def details(ls, key: str, *, as_of: dt.date | None = None) -> dict:
    """Everything known about one node, as plain values (``ea show``): its fields and raw
    cells, owning organisations (the object's when a system has none of its own), objects,
    roles with inheritance and vacancies, integrations in and out, provenance, conflicts,
    import notes; for a system with ``as_of``, ``derived``: its lifecycle as of that day and
    whether it has a working object owner (from :mod:`ea.derived`, as every report says)."""
    d = ls.node(key)
    out = {"key": key, "kind": d.get("kind"), "id": d.get("id"), "name": d.get("name")}
    fields = schema.FIELDS_BY_KIND[d["kind"]]
    out["fields"] = {f: d[f] for f in fields if f in d and f != "name"}
    out["raw"] = d.get("raw", {})
    out["organisations"] = [org_label(ls, o) for o in effective_owners(ls, key)]
    if d["kind"] == schema.SYSTEM:
        out["objects"] = [ls.name(o) for o in ls.objects_of(key)]
    if d["kind"] == schema.OBJECT:
        out["systems"] = [ls.name(s) for s in ls.systems_of(key)]
    if d["kind"] in (schema.SYSTEM, schema.OBJECT):
        roles = []
        for r in ls.roles_of(key):
            p = ls.node(r["person"])
            roles.append({"role": r["role"], "title": r.get("title"), "person": p.get("name"),
                          "email": p.get("email"), "active": p.get("active"),
                          "inherited_from": ls.name(r["inherited_from"]) if r["inherited_from"]
                          else None})
        out["roles"] = roles
        vac = list(d.get("vacant_roles", []))
        if d["kind"] == schema.SYSTEM:
            for o in ls.objects_of(key):
                vac += [{**v, "inherited_from": ls.name(o)}
                        for v in ls.node(o).get("vacant_roles", [])]
        out["vacant_roles"] = vac
    if d["kind"] == schema.SYSTEM:
        ins, outs = [], []
        for u, v, _k, e in ls.edges(schema.INTEGRATES_WITH):
            if key not in (u, v):
                continue
            item = {"type": e.get("type"), "types": edge_types(e), "frequency": e.get("frequency"),
                    "information": e.get("information"), "criticality": e.get("criticality"),
                    "via": ls.name(e["via"]) if e.get("via") else None,
                    "bidirectional": e.get("bidirectional"),
                    "recorded_by": e.get("recorded_by"), "sources": e.get("sources", []),
                    "conflicts": e.get("conflicts", [])}
            if u == key:
                outs.append({"to": ls.name(v), **item})
            if v == key:
                ins.append({"from": ls.name(u), **item})
        out["integrations_out"] = outs
        out["integrations_in"] = ins
        out["information"] = [ls.name(i) for i in ls.information_of(key)]
    if d["kind"] == schema.PERSON:
        out["roles"] = [{"role": e["role"], "on": ls.name(v)}
                        for _, v, e in ls.graph.out_edges(key, data=True)
                        if e.get("kind") == schema.HAS_ROLE]
    if d["kind"] == schema.SYSTEM and as_of is not None:
        cls = unowned_class(ls, key)
        out["derived"] = {"as_of": as_of.isoformat(),
                          "lifecycle": lifecycle(d, as_of).text(),
                          "unowned": f"unowned: {UNOWNED_CLASSES[cls]}" if cls else None}
    out["extra"] = d.get("extra", {})
    out["sources"] = d.get("sources", [])
    out["field_sources"] = d.get("field_sources", {})
    out["first_seen"], out["last_seen"] = d.get("first_seen"), d.get("last_seen")
    out["conflicts"] = d.get("conflicts", [])
    out["ledger"] = [e for e in ls.ledger.get("entries", []) if e.get("subject") == key
                     or (e.get("subject") or "").startswith(key + " ")
                     or (e.get("subject") or "").endswith(" " + key)]
    return out
