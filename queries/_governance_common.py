"""Helpers shared by the governance reports: ``orphans``, ``coordinate``, ``quality``,
``classification`` and ``check``.

Nothing here is a query of its own (the leading underscore keeps the registry from importing
it as one). The helpers answer the small questions every report asks the same way:

- which systems count (local, not retired), which levels a system effectively has
  (``högsta värdets princip``: the highest over its own and the information it processes);
- who holds a pm3 role on a subject, inherited from the object when the system has none;
- which organisations own a subject, and which organisations lie below another (PART_OF);
- how much a subject matters (criticality, classification, number of integrations), to rank;
- the ``--organisation/--object/--person`` filters, and resolving a person's reference with
  close-match suggestions when it is unknown.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import functools
import gc as _collector
from collections import defaultdict
from collections.abc import Iterable

import pandas as pd

from ea import schema
from ea.config import Config
from ea.errors import QueryError
from ea.landscape import Landscape
from ea.schema import (
    HAS_ROLE,
    INTEGRATES_WITH,
    OBJECT,
    ORGANISATION,
    OWNED_BY,
    PART_OF,
    PERSON,
    PROCESSES,
    SYSTEM,
)

from . import FINDING_COLUMNS, SEVERITIES, SEVERITY_RANK

KRT = ("k", "r", "t")
ENDING_STATUSES = ("phasing_out", "retired")
END_DATES = ("end_of_support", "end_of_life", "phase_out_from")


def _per_run(fn):
    """Memoise ``fn(ls, *args)`` on a :class:`Lookups` view (one run of a report); on a plain
    landscape it is computed as before. The answer is shared: treat it as read-only."""

    @functools.wraps(fn)
    def wrapper(ls, *args):
        if isinstance(ls, Lookups):
            return ls.memo(fn.__name__, args, lambda: fn(ls, *args))
        return fn(ls, *args)

    return wrapper


# --------------------------------------------------------------------------- small values
def parse_date(value) -> dt.date | None:
    """An ISO date string (or date) as a :class:`datetime.date`; None when absent or unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by ``months`` (negative goes back), clamped to the month's last day."""
    total = day.year * 12 + (day.month - 1) + int(months)
    year, month = divmod(total, 12)
    month += 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, d))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


def level(value) -> int | None:
    """A classification level 0-4 as int, None when unknown."""
    if value is None or isinstance(value, bool):
        return None
    try:
        if isinstance(value, float) and value != value:
            return None
        return int(value)
    except (TypeError, ValueError):
        return None


def max_known(values: Iterable) -> int | None:
    known = [v for v in (level(x) for x in values) if v is not None]
    return max(known) if known else None


def config_or_default(config: Config | None) -> Config:
    return config if config is not None else Config()


def format_levels(levels: dict) -> str:
    """``{"k": 2, "r": 3, "t": None}`` -> ``"K2 R3 T–"``."""
    return " ".join(f"{a.upper()}{'–' if levels.get(a) is None else levels[a]}"
                    for a in ("k", "r", "t", "s") if a in levels)


# --------------------------------------------------------------------------- systems
def is_local(data: dict) -> bool:
    """A system the region answers for: neither external nor a placeholder."""
    return not data.get("external") and not data.get("placeholder")


def is_retired(data: dict) -> bool:
    return data.get("status") == "retired"


def local_systems(ls: Landscape) -> list[str]:
    """Keys of local, not retired systems, sorted."""
    return [k for k, d in ls.nodes(SYSTEM) if is_local(d) and not is_retired(d)]


def recorded_levels(ls: Landscape, key: str) -> dict[str, int | None]:
    d = ls.node(key)
    return {a: level(d.get(a)) for a in schema.LEVEL_FIELDS}


@_per_run
def effective_levels(ls: Landscape, key: str) -> dict[str, int | None]:
    """Per aspect, the highest of the system's own level and those of the Information it
    PROCESSES (högsta värdets princip). Unknown stays None only when every source is unknown."""
    out = recorded_levels(ls, key)
    for info in ls.information_of(key):
        d = ls.node(info)
        for a in schema.LEVEL_FIELDS:
            out[a] = max_known([out[a], d.get(a)])
    return out


def is_classified(levels: dict) -> bool:
    return any(levels.get(a) is not None for a in KRT)


def ending_life(data: dict, as_of: dt.date, horizon_months: int) -> str | None:
    """Why a system is ending its life within the horizon (text), or None."""
    status = data.get("status")
    if status in ENDING_STATUSES:
        return f"status {status}"
    limit = add_months(as_of, horizon_months)
    for f in END_DATES:
        day = parse_date(data.get(f))
        if day is not None and day <= limit:
            return f"{f} {day.isoformat()}"
    return None


def integration_counts(ls: Landscape) -> dict[str, int]:
    """Number of integrations each system takes part in (as producer, consumer or platform)."""
    counts: dict[str, int] = defaultdict(int)
    for u, v, _k, d in ls.edges(INTEGRATES_WITH):
        ends = {u, v}
        if d.get("via"):
            ends.add(d["via"])
        for e in ends:
            counts[e] += 1
    return counts


# --------------------------------------------------------------------------- organisations
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


@_per_run
def org_chain(ls: Landscape, org: str) -> list[str]:
    """``org`` and its ancestors, nearest first, cycle-safe."""
    chain, cur = [], org
    while cur is not None and cur not in chain:
        chain.append(cur)
        cur = ls.parent_of(cur)
    return chain


def org_label(ls: Landscape, org: str) -> str:
    d = ls.node(org)
    return d.get("path") or ls.name(org)


@_per_run
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


# --------------------------------------------------------------------------- roles
@_per_run
def holders(ls: Landscape, subject: str, role: str) -> tuple[list[str], str | None]:
    """People holding ``role`` on ``subject`` and the object it came from (None when own)."""
    people = [r["person"] for r in ls.roles_of(subject) if r["role"] == role]
    inherited = {r["inherited_from"] for r in ls.roles_of(subject) if r["role"] == role}
    inherited.discard(None)
    return sorted(set(people)), (sorted(inherited)[0] if inherited else None)


def vacancy(ls: Landscape, subject: str, role: str) -> tuple[dict | None, str | None]:
    """The "vakant" record of ``role`` on the subject, else on its object(s)."""
    for v in ls.node(subject).get("vacant_roles") or []:
        if v.get("role") == role:
            return v, None
    if ls.node(subject).get("kind") == SYSTEM:
        for obj in ls.objects_of(subject):
            for v in ls.node(obj).get("vacant_roles") or []:
                if v.get("role") == role:
                    return v, obj
    return None, None


def people_judged(ls: Landscape) -> bool:
    """True when a people (HR/directory) list was imported, so absence from it means something."""
    return bool(ls.meta.get("people_lists"))


def person_gone(ls: Landscape, person: str) -> str | None:
    """Why a person no longer counts as a role holder ("inactive", "not in the people list"),
    or None. Only meaningful when :func:`people_judged`."""
    d = ls.node(person)
    if d.get("active") is False:
        return "inactive"
    if not d.get("listed"):
        return "not in the people list"
    return None


def person_label(ls: Landscape, person: str) -> str:
    d = ls.node(person)
    name = d.get("name") or d.get("id")
    return f"{name} <{d['email']}>" if d.get("email") and d.get("email") != name else str(name)


# --------------------------------------------------------------------------- ranking
def weight(ls: Landscape, key: str, counts: dict[str, int]) -> tuple[int | None, int | None, int]:
    """(criticality, classification = max of effective K/R/T, integrations) of a system; of an
    object, the maximum over it and its systems (integrations summed)."""
    d = ls.node(key)
    if d.get("kind") == OBJECT:
        systems = ls.systems_of(key)
        crit = max_known(ls.node(s).get("criticality") for s in systems)
        cls = max_known([*(d.get(a) for a in KRT),
                         *(max_known(effective_levels(ls, s)[a] for a in KRT) for s in systems)])
        return crit, cls, sum(counts.get(s, 0) for s in systems)
    if d.get("kind") != SYSTEM:
        return None, None, 0
    eff = effective_levels(ls, key)
    return level(d.get("criticality")), max_known(eff[a] for a in KRT), counts.get(key, 0)


def ranked_severity(crit: int | None, cls: int | None, integrations: int, *,
                    hub_integrations: int = 10) -> str:
    """Severity from what is at stake: the worst of criticality (4 critical, 3 high, 2 medium),
    classification (max K/R/T: 4 critical, 3 high, 2 medium) and integrations (at least
    ``hub_integrations`` high, any medium); else low."""
    ranks = []
    for v in (crit, cls):
        if v is not None:
            ranks.append({4: 0, 3: 1, 2: 2}.get(min(int(v), 4), 3))
    if integrations >= hub_integrations:
        ranks.append(1)
    elif integrations > 0:
        ranks.append(2)
    return SEVERITIES[min(ranks, default=3)]


def cap(severity: str, at_most: str) -> str:
    """``severity`` but no worse than ``at_most``."""
    return SEVERITIES[max(SEVERITY_RANK[severity], SEVERITY_RANK[at_most])]


def at_least(severity: str, floor: str) -> str:
    return SEVERITIES[min(SEVERITY_RANK[severity], SEVERITY_RANK[floor])]


def frame(rows: list[dict], columns: list[str], *, desc: Iterable[str] = (),
          asc: Iterable[str] = ()) -> pd.DataFrame:
    """Rows as a findings frame: most severe first, then the ``desc`` columns high to low
    (unknown last), then the ``asc`` columns, then name, code and subject."""
    cols = [*FINDING_COLUMNS, *[c for c in columns if c not in FINDING_COLUMNS]]
    df = pd.DataFrame(rows, columns=cols)
    if df.empty:
        return df
    keys, order = ["_rank"], [True]
    tmp = df.assign(_rank=df["severity"].map(SEVERITY_RANK).fillna(len(SEVERITIES)))
    for i, c in enumerate(desc):
        tmp[f"_d{i}"] = pd.to_numeric(tmp[c], errors="coerce").fillna(-1)
        keys.append(f"_d{i}")
        order.append(False)
    for i, c in enumerate([*asc, "name", "code", "subject"]):
        tmp[f"_a{i}"] = tmp[c].map(lambda v: "" if v is None else str(v))
        keys.append(f"_a{i}")
        order.append(True)
    tmp = tmp.sort_values(keys, ascending=order, kind="stable")
    return whole_numbers(tmp[cols].reset_index(drop=True))


def whole_numbers(df: pd.DataFrame, columns: Iterable[str] | None = None) -> pd.DataFrame:
    """Float columns that only hold whole numbers (levels, counts with gaps) become plain
    ints with None for unknown, so outputs show ``4`` rather than ``4.0``."""
    for c in (df.columns if columns is None else columns):
        if pd.api.types.is_float_dtype(df[c]):
            vals = df[c].tolist()
            if all(v != v or float(v).is_integer() for v in vals):
                df[c] = pd.Series([None if v != v else int(v) for v in vals], index=df.index,
                                  dtype=object)
    return df


# --------------------------------------------------------------------------- references
def _names_of(ls: Landscape, kinds: Iterable[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for kind in kinds:
        for key, d in ls.nodes(kind):
            for n in (d.get("name"), d.get("id"), d.get("email")):
                if n:
                    out.setdefault(str(n), key)
    return out


def resolve_ref(ls: Landscape, ref: str, kinds: Iterable[str], what: str) -> list[str]:
    """Resolve ``ref`` (key, id, name or e-mail) to node keys of ``kinds``; raise
    :class:`~ea.errors.QueryError` naming close matches when nothing fits."""
    kinds = tuple(kinds)
    found: list[str] = []
    for kind in kinds:
        found += ls.resolve(ref, kind=kind)
    if found:
        return sorted(set(found))
    names = _names_of(ls, kinds)
    folded = {n.casefold(): key for n, key in names.items()}
    close = difflib.get_close_matches(str(ref).casefold(), list(folded), n=10, cutoff=0.6)
    suggestions = list(dict.fromkeys(ls.name(folded[c]) for c in close))[:5]
    hint = f"; did you mean: {', '.join(suggestions)}?" if suggestions else ""
    raise QueryError(f"no {what} named '{ref}'{hint}")


class Scope:
    """The ``--organisation/--object/--person`` filters as a predicate on node keys.

    A finding is kept when any of its related keys (its subject, partner systems, people)
    falls inside every filter given: an organisation filter includes the organisations
    below it (PART_OF) and judges systems and objects by their owners (a system without
    owners of its own by its object's); an object filter keeps the object and its systems;
    a person filter keeps the person and the systems and objects they hold a role on
    (inherited roles included).
    """

    def __init__(self, ls: Landscape, *, organisation: str | None = None,
                 object: str | None = None, person: str | None = None):  # noqa: A002
        self.ls = ls
        self.orgs: set[str] | None = None
        self.objects: set[str] | None = None
        self.people: set[str] | None = None
        if organisation:
            self.orgs = set()
            for o in resolve_ref(ls, organisation, (ORGANISATION,), "organisation"):
                self.orgs |= org_descendants(ls, o)
        if object:
            self.objects = set(resolve_ref(ls, object, (OBJECT,), "förvaltningsobjekt"))
        if person:
            self.people = set(resolve_ref(ls, person, (PERSON,), "person"))
        self._cache: dict[tuple[str, str], bool] = {}

    @property
    def active(self) -> bool:
        return any(x is not None for x in (self.orgs, self.objects, self.people))

    def _in_org(self, key: str) -> bool:
        kind = self.ls.node(key).get("kind")
        if kind == ORGANISATION:
            return key in self.orgs
        if kind in (SYSTEM, OBJECT):
            return bool(set(effective_owners(self.ls, key)) & self.orgs)
        return False

    def _in_object(self, key: str) -> bool:
        kind = self.ls.node(key).get("kind")
        if kind == OBJECT:
            return key in self.objects
        if kind == SYSTEM:
            return bool(set(self.ls.objects_of(key)) & self.objects)
        return False

    def _with_person(self, key: str) -> bool:
        kind = self.ls.node(key).get("kind")
        if kind == PERSON:
            return key in self.people
        if kind in (SYSTEM, OBJECT):
            return any(r["person"] in self.people for r in self.ls.roles_of(key))
        return False

    def _test(self, name: str, key: str) -> bool:
        ck = (name, key)
        if ck not in self._cache:
            self._cache[ck] = key in self.ls and getattr(self, name)(key)
        return self._cache[ck]

    def keep(self, keys: Iterable[str | None]) -> bool:
        keys = [k for k in keys if k]
        if self.orgs is not None and not any(self._test("_in_org", k) for k in keys):
            return False
        if self.objects is not None and not any(self._test("_in_object", k) for k in keys):
            return False
        if self.people is not None and not any(self._test("_with_person", k) for k in keys):
            return False
        return True


def apply_scope(rows: list[dict], scope: Scope, related: str = "_related") -> list[dict]:
    """Keep the rows whose related keys pass ``scope``; drop the helper column."""
    out = []
    for r in rows:
        keys = r.pop(related, None) or [r.get("subject")]
        if not scope.active or scope.keep(keys):
            out.append(r)
    return out


# --------------------------------------------------------------------------- facts
#: Name of the attribute a backend sets on a landscape to answer the fact questions itself
#: (``queries/_neo4j.py`` sets it to run the Cypher files); absent on a snapshot.
FACT_SOURCE = "fact_source"


def fact_rows(ls: Landscape, query: str, params: dict, compute) -> list[dict]:
    """The fact rows of ``query``: from the landscape's fact source when a backend attached
    one (Neo4j: the statements of ``queries/cypher/<query>.cypher`` run with ``params``), else
    ``compute()`` (the same rules in Python, on the embedded graph). Both give the same rows;
    the query's shared finishing step turns them into findings."""
    source = getattr(ls, FACT_SOURCE, None)
    if source is None:
        return compute()
    return source(query, params)


def holders_of(ls: Landscape, subject: str, role: str) -> list[str]:
    """Keys of the people holding ``role`` on ``subject`` (own, else inherited), sorted."""
    return holders(ls, subject, role)[0]


# --------------------------------------------------------------------------- per-run lookups
class Lookups:
    """A read-only view of a landscape for one run of a report: the same answers as the
    :class:`~ea.landscape.Landscape` lookups it stands for, each computed once.

    The landscape's lookups scan a node's edges on every call and ``nodes``/``edges`` sort
    the whole graph, so a report that asks per integration end or per role pays for a hub's
    thousands of integrations every time one of them is judged. Wrap the landscape once per
    run (:func:`lookups`) and pass the view wherever the landscape went; the helpers marked
    ``_per_run`` here (effective levels and owners, holders, organisation chains) are then
    computed once per subject too. Answers are shared between callers: treat them as
    read-only, and do not keep the view across a change to the landscape. Anything else is
    the landscape's own (``resolve``, ``meta``, ``fact_source``, ...).
    """

    def __init__(self, ls: Landscape):
        self._ls = ls
        self.graph = ls.graph
        self.meta = ls.meta
        self.ledger = ls.ledger
        self._attrs: dict[str, dict] = dict(ls.graph.nodes(data=True))
        self._names: dict[str, str] = {}
        self._memo: dict[tuple, object] = {}
        self._all_nodes: list[tuple[str, dict]] | None = None
        self._all_edges: list[tuple[str, str, str, dict]] | None = None
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
        key = (what, *args)
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = compute()
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
        if self._all_edges is None:
            self._all_edges = list(self._ls.edges())
        return iter(self.memo("edges", (kind,), lambda: [
            e for e in self._all_edges if kind is None or e[3].get("kind") == kind]))

    # The governance lookups below answer as the Landscape methods of the same name do (same
    # lists, same order; tests/test_lookups.py compares them on every node), but from one
    # pass over the edges instead of a scan of the node's edges per call.
    _INDEXED = (HAS_ROLE, PART_OF, OWNED_BY, PROCESSES)

    def _index(self) -> None:
        out: dict[tuple[str, str], list] = defaultdict(list)
        into: dict[tuple[str, str], list] = defaultdict(list)
        # every node's out-edges (in-edges) in the order out_edges(node) (in_edges) gives them
        for u, v, d in self.graph.out_edges(data=True):
            if d.get("kind") in self._INDEXED:
                out[(u, d["kind"])].append((v, d))
        for u, v, d in self.graph.in_edges(data=True):
            if d.get("kind") in self._INDEXED:
                into[(v, d["kind"])].append((u, d))
        self._out, self._in = out, into

    def _edges_of(self, key: str, kind: str, *, incoming: bool = False) -> list:
        if self._out is None:
            self._index()
        return (self._in if incoming else self._out).get((key, kind), [])

    def roles_of(self, subject: str, *, inherit: bool = True) -> list[dict]:
        if subject not in self._attrs:
            return self._ls.roles_of(subject, inherit=inherit)  # the landscape's error

        def compute():
            own = [{"person": p, "role": d["role"], "title": d.get("title"),
                    "inherited_from": None}
                   for p, d in self._edges_of(subject, HAS_ROLE, incoming=True)]
            own.sort(key=lambda r: (r["role"], r["person"]))
            if not inherit or self._attrs[subject].get("kind") != SYSTEM:
                return own
            held = {r["role"] for r in own}
            inherited = [{**r, "inherited_from": obj} for obj in self.objects_of(subject)
                         for r in self.roles_of(obj, inherit=False) if r["role"] not in held]
            inherited.sort(key=lambda r: (r["role"], r["person"]))
            return own + inherited

        return self.memo("roles_of", (subject, inherit), compute)

    def objects_of(self, system: str) -> list[str]:
        if system not in self._attrs:
            return self._ls.objects_of(system)
        return self.memo("objects_of", (system,), lambda: sorted(
            v for v, _d in self._edges_of(system, PART_OF) if self._attrs[v]["kind"] == OBJECT))

    def systems_of(self, obj: str) -> list[str]:
        if obj not in self._attrs:
            return self._ls.systems_of(obj)
        return self.memo("systems_of", (obj,), lambda: sorted(
            u for u, _d in self._edges_of(obj, PART_OF, incoming=True)
            if self._attrs[u]["kind"] == SYSTEM))

    def owners_of(self, subject: str) -> list[str]:
        if subject not in self._attrs:
            return self._ls.owners_of(subject)
        return self.memo("owners_of", (subject,),
                         lambda: sorted(v for v, _d in self._edges_of(subject, OWNED_BY)))

    def parent_of(self, org: str) -> str | None:
        if org not in self._attrs:
            return self._ls.parent_of(org)
        parts = self._edges_of(org, PART_OF)
        return parts[0][0] if parts else None

    def information_of(self, system: str) -> list[str]:
        if system not in self._attrs:
            return self._ls.information_of(system)
        return self.memo("information_of", (system,),
                         lambda: sorted(v for v, _d in self._edges_of(system, PROCESSES)))


@contextlib.contextmanager
def collector_paused():
    """Pause Python's cyclic garbage collector while a report builds its rows.

    A report on a large landscape allocates hundreds of thousands of row dicts and lists;
    each allocation burst triggers a full collection that walks every object alive, the
    whole landscape graph included (at 10k systems, half of ``coordinate``'s time). The rows
    hold no reference cycles, so nothing is lost by collecting once afterwards instead.
    Nests; restores the collector as it was, also on an error.
    """
    was = _collector.isenabled()
    _collector.disable()
    try:
        yield
    finally:
        if was:
            _collector.enable()


def lookups(ls: Landscape | Lookups) -> Lookups:
    """``ls`` as a :class:`Lookups` view for one run (itself when it already is one)."""
    return ls if isinstance(ls, Lookups) else Lookups(ls)
