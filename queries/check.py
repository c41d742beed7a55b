"""Every governance rule in one findings table, for scheduled jobs.

Runs :mod:`~ea.queries.orphans`, :mod:`~ea.queries.coordinate`, :mod:`~ea.queries.quality`
and :mod:`~ea.queries.classification` with the same as-of date, config and filters, and
stacks their findings. From ``coordinate`` only the flagged rows are taken (codes
``partner_unowned``, ``partner_ending_life``, ``partner_external``): the plain
``coordinate`` rows say who must meet, which is no rule broken.

``ea check --fail-on SEVERITY`` exits with 1 when any finding is at or above that severity.

Columns
-------
report
    The report the finding comes from: ``orphans``, ``coordinate``, ``quality`` or
    ``classification``.
subject, name, code, severity, reason
    As in that report (for ``coordinate`` the subject is the manager).

Examples
--------
>>> import datetime as dt
>>> from ea.landscape import Landscape
>>> from ea.queries import check
>>> ls = Landscape()
>>> _ = ls.add_system("x", name="Lonely", criticality=4)
>>> df = check.run(ls, as_of=dt.date(2026, 11, 25))
>>> sorted(set(df["report"]))
['orphans', 'quality']
>>> check.worst(df)
'critical'
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ea.config import Config
from ea.errors import QueryError
from ea.landscape import Landscape

from . import (
    FINDING_COLUMNS,
    SEVERITIES,
    SEVERITY_RANK,
    classification,
    coordinate,
    orphans,
    quality,
    register,
)
from . import _governance_common as gc

REPORTS = ("orphans", "coordinate", "quality", "classification")
COLUMNS = ["report", *FINDING_COLUMNS]


@register("check", "All governance rules in one findings table")
def run(landscape: Landscape, *, as_of: dt.date, config: Config | None = None,
        organisation: str | None = None, object: str | None = None,  # noqa: A002
        person: str | None = None) -> pd.DataFrame:
    """Findings of the four governance reports, most severe first.

    Parameters
    ----------
    landscape : Landscape
    as_of : datetime.date
    config : ea.config.Config, optional
    organisation, object, person : str, optional
        Passed to every report.

    Returns
    -------
    pandas.DataFrame
        Columns ``report``, ``subject``, ``name``, ``code``, ``severity``, ``reason``.
    """
    kw = {"as_of": as_of, "config": config, "organisation": organisation, "object": object,
          "person": person}
    frames = []
    with gc.collector_paused():
        view = gc.lookups(landscape)  # the four reports share one set of lookups
        for name, mod in (("orphans", orphans), ("coordinate", coordinate),
                          ("quality", quality), ("classification", classification)):
            df = mod.run(view, **kw)
            if name == "coordinate":
                df = df[df["code"] != "coordinate"]
            if len(df):
                frames.append(df[FINDING_COLUMNS].assign(report=name)[COLUMNS])
    if not frames:
        return pd.DataFrame(columns=COLUMNS)
    out = pd.concat(frames, ignore_index=True)
    order = {r: i for i, r in enumerate(REPORTS)}
    out = out.assign(_s=out["severity"].map(SEVERITY_RANK), _r=out["report"].map(order))
    out = out.sort_values(["_s", "_r"], kind="stable")  # reports keep their own order inside
    return out.drop(columns=["_s", "_r"]).reset_index(drop=True)


def worst(findings: pd.DataFrame) -> str | None:
    """The most severe severity among ``findings``, None when there are none."""
    if findings.empty:
        return None
    return min(findings["severity"], key=lambda s: SEVERITY_RANK.get(s, len(SEVERITIES)))


def fails(findings: pd.DataFrame, fail_on: str) -> bool:
    """True when any finding is at or above ``fail_on``."""
    if fail_on not in SEVERITY_RANK:
        raise QueryError(f"--fail-on must be one of {', '.join(SEVERITIES)}, not '{fail_on}'")
    w = worst(findings)
    return w is not None and SEVERITY_RANK[w] <= SEVERITY_RANK[fail_on]
