"""Helpers shared by the governance reports: ``orphans``, ``coordinate``, ``quality``,
``classification`` and ``check``.

Nothing here is a query of its own (the leading underscore keeps the registry from importing
it as one). The derived facts every report asks about (which systems count, effective levels,
role holders with inheritance, vacancies, owning organisations and their chains, "unowned")
are computed in :mod:`ea.derived` and only named here, so ``gc.holders`` is
:func:`ea.derived.roles.holders`. What is the reports' own:

- how much a subject matters (criticality, classification, number of integrations), to rank,
  and the findings frame;
- the ``--organisation/--object/--person`` filters, and resolving a reference with
  close-match suggestions when it is unknown.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator

import pandas as pd

from ea.config import Config
from ea.derived.lifecycle import add_months, ending_life, parse_date  # noqa: F401
from ea.derived.lookups import Lookups, collector_paused, lookups  # noqa: F401
from ea.derived.organisations import (  # noqa: F401
    effective_owners,
    org_chain,
    org_children,
    org_descendants,
    org_label,
)
from ea.derived.roles import (  # noqa: F401
    holders,
    holders_of,
    people_judged,
    person_gone,
    person_label,
    vacancy,
)
from ea.derived.systems import (  # noqa: F401
    KRT,
    effective_levels,
    integration_counts,
    is_classified,
    is_local,
    is_retired,
    level,
    local_systems,
    max_known,
    recorded_levels,
)
from ea.errors import QueryError
from ea.landscape import Landscape
from ea.schema import OBJECT, ORGANISATION, PERSON, SYSTEM

from . import FINDING_COLUMNS, SEVERITIES, SEVERITY_RANK


def config_or_default(config: Config | None) -> Config:
    return config if config is not None else Config()


def format_levels(levels: dict) -> str:
    """``{"k": 2, "r": 3, "t": None}`` -> ``"K2 R3 T–"``."""
    return " ".join(f"{a.upper()}{'–' if levels.get(a) is None else levels[a]}"
                    for a in ("k", "r", "t", "s") if a in levels)


# --------------------------------------------------------------------------- scale
#: ``reports`` section of ea.yaml: above ``summary_threshold`` systems ``ea coordinate`` and
#: ``ea check`` show their summary in the terminal (``--all`` and files give every row).
REPORT_DEFAULTS = {"summary_threshold": 3000}


def summary_threshold(config: Config | None) -> int:
    """``reports.summary_threshold`` of the config (a whole number of systems, 0 or more)."""
    value = config_or_default(config).section("reports", REPORT_DEFAULTS)["summary_threshold"]
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise QueryError(f"reports.summary_threshold must be a whole number of systems "
                         f"(0 or more), not {value!r}")
    return value


def defined_systems(ls: Landscape) -> int:
    """Systems some source defines (placeholders for unresolved references not counted)."""
    return sum(1 for _, d in ls.nodes(SYSTEM) if not d.get("placeholder"))


def at_scale(ls: Landscape, config: Config | None) -> bool:
    """Whether ``ls`` holds more systems than ``reports.summary_threshold``: reports then
    lead with their summary rather than a row per finding."""
    return defined_systems(ls) > summary_threshold(config)


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


#: Rows per frame of :func:`frame_pieces` (as :data:`ea.output.CSV_CHUNK_ROWS`).
PIECE_ROWS = 20_000


def _desc_key(v) -> float:
    # as frame() orders a ``desc`` column: pd.to_numeric(errors="coerce").fillna(-1), high
    # first (negated, for an ascending sort)
    if v is None:
        return 1.0
    try:
        f = float(v)
    except (TypeError, ValueError):
        return 1.0
    return 1.0 if f != f else -f


def frame_pieces(rows: Iterable[dict], columns: list[str], *, desc: Iterable[str] = (),
                 asc: Iterable[str] = (), size: int | None = None,
                 ordered: bool = True) -> Iterator[pd.DataFrame]:
    """:func:`frame` in pieces of at most ``size`` rows (default :data:`PIECE_ROWS`), never
    one frame of every row: the rows are kept as plain tuples with their sort key until
    their piece is made, each piece made as :func:`frame` makes the whole, so the CSV of the
    pieces is byte for byte the CSV of :func:`frame`. ``ordered=False``: in the order the
    rows come, holding one piece at a time. At least one piece (empty when there are no
    rows), for a file's header.

    >>> rows = [{"subject": s, "name": s, "code": "x", "severity": sev, "reason": ""}
    ...         for s, sev in (("a", "low"), ("b", "high"), ("c", "low"))]
    >>> [p["subject"].tolist() for p in frame_pieces(rows, [], size=2)]
    [['b', 'a'], ['c']]
    """
    size = size or PIECE_ROWS
    cols = [*FINDING_COLUMNS, *[c for c in columns if c not in FINDING_COLUMNS]]

    def piece(values: list[tuple]) -> pd.DataFrame:
        df = pd.DataFrame(values, columns=cols)
        return whole_numbers(df) if len(df) else df

    if not ordered:
        buf: list[tuple] = []
        made = False
        for r in rows:
            buf.append(tuple(map(r.get, cols)))
            if len(buf) == size:
                yield piece(buf)
                buf, made = [], True
        if buf or not made:
            yield piece(buf)
        return
    values = ordered_rows(rows, cols, desc=desc, asc=asc)
    for start in range(0, max(len(values), 1), size):
        yield piece(values[start:start + size])
        values[start:start + size] = [None] * len(values[start:start + size])


def ordered_rows(rows: Iterable[dict], columns: list[str], *, desc: Iterable[str] = (),
                 asc: Iterable[str] = ()) -> list[tuple]:
    """The values of ``columns`` of each row (dicts, taken one at a time), in the order
    :func:`frame` puts them: severity, ``desc``, ``asc``, then name, code and subject.

    >>> rows = [{"subject": s, "name": s, "code": "x", "severity": sev}
    ...         for s, sev in (("b", "low"), ("c", "high"), ("a", "low"))]
    >>> ordered_rows(rows, ["subject"])
    [('c',), ('a',), ('b',)]
    """
    last = len(SEVERITIES)
    desc, asc = list(desc), [*asc, "name", "code", "subject"]

    def text(v) -> str:
        return "" if v is None else v if type(v) is str else str(v)

    keyed = [((SEVERITY_RANK.get(r.get("severity"), last),
               *map(_desc_key, map(r.get, desc)), *map(text, map(r.get, asc))),
              tuple(map(r.get, columns))) for r in rows]
    keyed.sort(key=lambda kv: kv[0])  # stable: ties keep the order the rows came in
    return [kv[1] for kv in keyed]


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


def scoped_subjects(ls: Landscape, *, organisation: str | None = None,
                    object: str | None = None, person: str | None = None  # noqa: A002
                    ) -> set[str] | None:
    """The keys of the systems and objects that pass the filters (:class:`Scope`), None when
    no filter is given: for reports whose rows are about one subject each."""
    scope = Scope(lookups(ls), organisation=organisation, object=object, person=person)
    if not scope.active:
        return None
    return {k for kind in (SYSTEM, OBJECT) for k, _d in ls.nodes(kind) if scope.keep([k])}


def apply_scope(rows: list[dict], scope: Scope, related: str = "_related") -> list[dict]:
    """Keep the rows whose related keys pass ``scope``; drop the helper column."""
    out = []
    for r in rows:
        keys = r.pop(related, None) or [r.get("subject")]
        if not scope.active or scope.keep(keys):
            out.append(r)
    return out
