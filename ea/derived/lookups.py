"""A read-only view of a landscape for one run of a report (:class:`Lookups`), the
``per_run`` memoiser the derived facts use on it, and :func:`collector_paused`."""

from __future__ import annotations

import functools
from collections import defaultdict

from ea.landscape import Landscape
from ea.memory import collector_paused  # noqa: F401  (re-exported: reports pause it)
from ea.schema import HAS_ROLE, OBJECT, OWNED_BY, PART_OF, PROCESSES, SYSTEM


def per_run(fn):
    """Memoise ``fn(ls, *args)`` on a :class:`Lookups` view (one run of a report); on a plain
    landscape it is computed as before. The answer is shared: treat it as read-only."""

    name = fn.__name__

    @functools.wraps(fn)
    def wrapper(ls, *args):
        if isinstance(ls, Lookups):
            # asked millions of times at 100,000 systems: one dict per function, keyed on
            # the arguments as they come (no key tuple, no closure per call)
            try:
                cache = ls._memo[name]
            except KeyError:
                cache = ls._memo[name] = {}
            try:
                return cache[args]
            except KeyError:
                value = cache[args] = fn(ls, *args)
                return value
        return fn(ls, *args)

    return wrapper


class Lookups:
    """A read-only view of a landscape for one run of a report: the same answers as the
    :class:`~ea.landscape.Landscape` lookups it stands for, each computed once.

    The landscape's lookups scan a node's edges on every call and ``nodes``/``edges`` sort
    the whole graph, so a report that asks per integration end or per role pays for a hub's
    thousands of integrations every time one of them is judged. Wrap the landscape once per
    run (:func:`lookups`) and pass the view wherever the landscape went; the derived facts
    marked ``per_run`` (effective levels and owners, holders, organisation chains) are then
    computed once per subject too. Answers are shared between callers: treat them as
    read-only, and do not keep the view across a change to the landscape. Anything else is
    the landscape's own (``resolve``, ``meta``, ...).
    """

    def __init__(self, ls: Landscape):
        self._ls = ls
        self.graph = ls.graph
        self.meta = ls.meta
        self.ledger = ls.ledger
        self._attrs: dict[str, dict] = dict(ls.graph.nodes(data=True))
        self._names: dict[str, str] = {}
        self._memo: dict[str, dict] = {}  # per function or lookup: its answers by arguments
        self._roles: dict[tuple[str, bool], list[dict]] = {}
        self._objects: dict[str, list[str]] = {}
        self._systems: dict[str, list[str]] = {}
        self._owners: dict[str, list[str]] = {}
        self._infos: dict[str, list[str]] = {}
        self._all_nodes: list[tuple[str, dict]] | None = None
        self._out: dict[tuple[str, str], list] | None = None
        self._in: dict[tuple[str, str], list] | None = None

    def __getattr__(self, name):
        if name.startswith("_"):  # not set yet (copy, pickle): no recursion into _ls
            raise AttributeError(name)
        return getattr(self._ls, name)

    def __contains__(self, key: str) -> bool:
        return key in self._attrs

    def __len__(self) -> int:
        return len(self._attrs)

    def memo(self, what: str, args: tuple, compute):
        try:
            cache = self._memo[what]
        except KeyError:
            cache = self._memo[what] = {}
        try:
            return cache[args]
        except KeyError:
            value = cache[args] = compute()
            return value

    def node(self, key: str) -> dict:
        try:
            return self._attrs[key]
        except KeyError:
            return self._ls.node(key)  # raises LandscapeError

    def name(self, key: str) -> str:
        try:
            return self._names[key]
        except KeyError:
            value = self._names[key] = self._ls.name(key)
            return value

    def nodes(self, kind: str | None = None):
        if self._all_nodes is None:
            self._all_nodes = list(self._ls.nodes())
        return iter(self.memo("nodes", (kind,), lambda: [
            (k, d) for k, d in self._all_nodes if kind is None or d.get("kind") == kind]))

    def edges(self, kind: str | None = None):
        # one kind is read and sorted alone (Landscape.edges filters before it sorts): the
        # integrations of a 10,000-system landscape without sorting its 90,000 edges
        return iter(self.memo("edges", (kind,), lambda: list(self._ls.edges(kind))))

    # The lookups below answer as the Landscape methods of the same name do (same lists,
    # same order; tests/test_lookups.py compares them on every node), but from one pass
    # over the edges instead of a scan of the node's edges per call.
    _INDEXED = (HAS_ROLE, PART_OF, OWNED_BY, PROCESSES)

    def _index(self) -> None:
        out: dict[tuple[str, str], list] = defaultdict(list)
        into: dict[tuple[str, str], list] = defaultdict(list)
        indexed = self._INDEXED
        g = self.graph
        # Every node's out-edges (in-edges) in the order out_edges(node) (in_edges) gives
        # them, read from the adjacency dicts behind those views (the views build a tuple
        # per edge through a lambda), with the collector paused: the 140,000 tuples of a
        # 10,000-system landscape otherwise set off full collections that walk the whole
        # graph (0.35 s each; 1.0 s of this index's 1.2 s, measured).
        with collector_paused():
            for u, nbrs in g._succ.items():
                for v, keyed in nbrs.items():
                    for d in keyed.values():
                        kind = d.get("kind")
                        if kind in indexed:
                            out[(u, kind)].append((v, d))
            for v, nbrs in g._pred.items():
                for u, keyed in nbrs.items():
                    for d in keyed.values():
                        kind = d.get("kind")
                        if kind in indexed:
                            into[(v, kind)].append((u, d))
        self._out, self._in = out, into

    def _edges_of(self, key: str, kind: str, *, incoming: bool = False) -> list:
        if self._out is None:
            self._index()
        return (self._in if incoming else self._out).get((key, kind), [])

    # Each lookup keeps its answers in a dict of its own, looked up before anything else
    # (unknown keys are never kept: they go to the landscape, which raises its error).
    def roles_of(self, subject: str, *, inherit: bool = True) -> list[dict]:
        try:
            return self._roles[subject, inherit]
        except KeyError:
            pass
        if subject not in self._attrs:
            return self._ls.roles_of(subject, inherit=inherit)  # the landscape's error
        own = [{"person": p, "role": d["role"], "title": d.get("title"),
                "inherited_from": None}
               for p, d in self._edges_of(subject, HAS_ROLE, incoming=True)]
        own.sort(key=lambda r: (r["role"], r["person"]))
        if not inherit or self._attrs[subject].get("kind") != SYSTEM:
            value = own
        else:
            held = {r["role"] for r in own}
            inherited = [{**r, "inherited_from": obj} for obj in self.objects_of(subject)
                         for r in self.roles_of(obj, inherit=False) if r["role"] not in held]
            inherited.sort(key=lambda r: (r["role"], r["person"]))
            value = own + inherited
        self._roles[subject, inherit] = value
        return value

    def objects_of(self, system: str) -> list[str]:
        try:
            return self._objects[system]
        except KeyError:
            pass
        if system not in self._attrs:
            return self._ls.objects_of(system)
        value = self._objects[system] = sorted(
            v for v, _d in self._edges_of(system, PART_OF) if self._attrs[v]["kind"] == OBJECT)
        return value

    def systems_of(self, obj: str) -> list[str]:
        try:
            return self._systems[obj]
        except KeyError:
            pass
        if obj not in self._attrs:
            return self._ls.systems_of(obj)
        value = self._systems[obj] = sorted(
            u for u, _d in self._edges_of(obj, PART_OF, incoming=True)
            if self._attrs[u]["kind"] == SYSTEM)
        return value

    def owners_of(self, subject: str) -> list[str]:
        try:
            return self._owners[subject]
        except KeyError:
            pass
        if subject not in self._attrs:
            return self._ls.owners_of(subject)
        value = self._owners[subject] = sorted(
            v for v, _d in self._edges_of(subject, OWNED_BY))
        return value

    def parent_of(self, org: str) -> str | None:
        if org not in self._attrs:
            return self._ls.parent_of(org)
        parts = self._edges_of(org, PART_OF)
        return parts[0][0] if parts else None

    def information_of(self, system: str) -> list[str]:
        try:
            return self._infos[system]
        except KeyError:
            pass
        if system not in self._attrs:
            return self._ls.information_of(system)
        value = self._infos[system] = sorted(
            v for v, _d in self._edges_of(system, PROCESSES))
        return value




def lookups(ls: Landscape | Lookups) -> Lookups:
    """``ls`` as a :class:`Lookups` view for one run (itself when it already is one)."""
    return ls if isinstance(ls, Lookups) else Lookups(ls)
