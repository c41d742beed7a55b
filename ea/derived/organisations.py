"""Who owns what: owning organisations (with the object's as fallback), organisation chains
and the organisations below one."""

from __future__ import annotations

from collections import defaultdict

from ea.landscape import Landscape
from ea.schema import OBJECT, ORGANISATION, PART_OF, SYSTEM

from .lookups import per_run


def org_children(ls: Landscape) -> dict[str, list[str]]:
    children: dict[str, list[str]] = defaultdict(list)
    for u, v, _k, _d in ls.edges(PART_OF):
        if ls.node(u).get("kind") == ORGANISATION and ls.node(v).get("kind") == ORGANISATION:
            children[v].append(u)
    return children


def org_descendants(ls: Landscape, org: str) -> set[str]:
    """``org`` and every organisation below it (PART_OF), cycle-safe."""
    children = org_children(ls)
    seen, todo = set(), [org]
    while todo:
        o = todo.pop()
        if o in seen:
            continue
        seen.add(o)
        todo.extend(children.get(o, []))
    return seen


@per_run
def org_chain(ls: Landscape, org: str) -> list[str]:
    """``org`` and its ancestors, nearest first, cycle-safe: the model's walk
    (:meth:`ea.landscape.Landscape.org_chain`), once per run on a lookups view."""
    return Landscape.org_chain(ls, org)


def org_label(ls: Landscape, org: str) -> str:
    """An organisation as people read it: its path ("Region Exempel / Hälso- och sjukvård")
    when recorded, else its name."""
    d = ls.node(org)
    return d.get("path") or ls.name(org)


@per_run
def _names_in_use(ls: Landscape) -> dict[str, int]:
    """How many organisations carry each name (case-folded)."""
    counts: dict[str, int] = defaultdict(int)
    for key, d in ls.graph.nodes(data=True):
        if d.get("kind") == ORGANISATION:
            counts[ls.name(key).casefold()] += 1
    return counts


def org_name(ls: Landscape, org: str) -> str:
    """An organisation as a table cell names it: its name when no other organisation carries
    that name, else its path. A country has a "Socialförvaltningen" in every municipality;
    a bare name there would make 290 organisations read as one. The names are counted once
    per run on a :func:`~ea.derived.lookups.lookups` view, on every call on a bare
    landscape: a report naming many organisations passes the view.

    >>> from ea.landscape import Landscape
    >>> ls = Landscape()
    >>> keys = [ls.add_node("Organisation", path, name=path.split(" / ")[-1], path=path)
    ...         for path in ("Ås kommun / Socialförvaltningen", "Bo kommun / Socialförvaltningen",
    ...                      "Bo kommun / Skolan")]
    >>> [org_name(ls, k) for k in keys]
    ['Ås kommun / Socialförvaltningen', 'Bo kommun / Socialförvaltningen', 'Skolan']
    """
    name = ls.name(org)
    if _names_in_use(ls).get(name.casefold(), 0) > 1:
        return org_label(ls, org)
    return name


def org_at_level(ls: Landscape, org: str, level: int) -> str:
    """The organisation at ``level`` of ``org``'s chain counted from the top (0 = the top,
    1 = the level below it); ``org``'s own top-most ancestor-or-self when the chain is
    shorter."""
    top_first = org_chain(ls, org)[::-1]
    return top_first[min(max(level, 0), len(top_first) - 1)]


@per_run
def effective_owners(ls: Landscape, key: str) -> list[str]:
    """Owning organisations: the subject's own OWNED_BY; else, for a system, its objects'
    owners, and for an object, the owners of its systems (as importers often state the
    organisation per system row only)."""
    own = ls.owners_of(key)
    kind = ls.node(key).get("kind")
    if own or kind not in (SYSTEM, OBJECT):
        return own
    related = ls.objects_of(key) if kind == SYSTEM else ls.systems_of(key)
    out: set[str] = set()
    for other in related:
        out.update(ls.owners_of(other))
    return sorted(out)


def owning_organisation(ls: Landscape, key: str) -> str | None:
    """The one organisation a system is drawn and grouped under: the first of
    :func:`effective_owners`, None when it has none."""
    owners = effective_owners(ls, key)
    return owners[0] if owners else None
