"""Named queries over a :class:`~ea.landscape.Landscape`.

Each question is a module in this package. A query is a pure function::

    run(landscape, *, as_of: datetime.date, config: ea.config.Config | None = None, **params)
        -> pandas.DataFrame

returning one row per finding with at least the columns of :data:`FINDING_COLUMNS`
(``subject`` (node key), ``name``, ``code``, ``severity``, ``reason``) plus the query's own
columns, documented in the module docstring. Modules register their function with
:func:`register`; :func:`get` and :func:`names` find them. Modules are discovered
automatically, so adding a query means adding one module.

Examples
--------
>>> from ea import queries
>>> "stats" in queries.names() or True
True
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from ea.errors import QueryError

FINDING_COLUMNS = ["subject", "name", "code", "severity", "reason"]

#: Severity scale, most severe first. ``ea check --fail-on`` compares against it.
SEVERITIES = ("critical", "high", "medium", "low", "info")
SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}


@dataclass(frozen=True)
class Query:
    name: str
    func: Callable[..., pd.DataFrame]
    summary: str
    module: str


_REGISTRY: dict[str, Query] = {}
_DISCOVERED = False


def register(name: str, summary: str = ""):
    """Decorator: register ``func`` as the query ``name``."""

    def deco(func):
        _REGISTRY[name] = Query(name, func, summary or (func.__doc__ or "").strip().split("\n")[0],
                                func.__module__)
        return func

    return deco


def _discover() -> None:
    global _DISCOVERED
    if _DISCOVERED:
        return
    _DISCOVERED = True
    for mod in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not mod.name.startswith("_"):
            importlib.import_module(f"{__name__}.{mod.name}")


def names() -> list[str]:
    _discover()
    return sorted(_REGISTRY)


def get(name: str) -> Query:
    _discover()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise QueryError(f"unknown query {name!r}; known: {', '.join(sorted(_REGISTRY))}") from None


def empty_findings(extra_columns: list[str] | tuple[str, ...] = ()) -> pd.DataFrame:
    """An empty findings frame with the standard and the given columns."""
    return pd.DataFrame(columns=[*FINDING_COLUMNS, *extra_columns])


def sort_findings(df: pd.DataFrame, *more: str) -> pd.DataFrame:
    """Most severe first, then by the given columns, then name and code; index reset."""
    if df.empty:
        return df.reset_index(drop=True)
    rank = df["severity"].map(SEVERITY_RANK).fillna(len(SEVERITIES))
    cols = [*more, "name", "code"]
    out = df.assign(_rank=rank).sort_values(["_rank", *cols], kind="stable")
    return out.drop(columns="_rank").reset_index(drop=True)


def scoped_subjects(landscape, *, organisation: str | None = None, object: str | None = None,  # noqa: A002
                    person: str | None = None) -> set[str] | None:
    """The systems and objects that pass the ``--organisation/--object/--person`` filters, as
    every report judges them; None when no filter is given (see
    ``_governance_common.Scope``)."""
    from ._governance_common import scoped_subjects as compute

    return compute(landscape, organisation=organisation, object=object, person=person)
