"""Every governance rule in one findings table, for scheduled jobs.

Runs :mod:`~ea.queries.orphans`, :mod:`~ea.queries.coordinate`, :mod:`~ea.queries.quality`
and :mod:`~ea.queries.classification` with the same as-of date, config and filters, and
stacks their findings. From ``coordinate`` only the flagged rows are taken (codes
``partner_unowned``, ``partner_ending_life``, ``partner_external``): the plain
``coordinate`` rows say who must meet, which is no rule broken.

``ea check --fail-on SEVERITY`` exits with 1 when any finding is at or above that severity.

Before the rules run, :func:`refusal` asks whether the landscape is fit to judge at all: an
empty landscape has no findings, and "findings: none" from an export that came out empty is
worse than no answer. ``ea check`` refuses, with exit status 3, a landscape with no systems,
and one with fewer systems than expected (``--expect-systems N``, or the previous snapshot)
by more than ``check.max_shrink`` (a share, default 0.2) of ``ea.yaml``.

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
from collections.abc import Iterable, Iterator

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
    pieces = list(findings(landscape, as_of=as_of, config=config, organisation=organisation,
                           object=object, person=person))
    return pd.concat(pieces, ignore_index=True) if pieces else pd.DataFrame(columns=COLUMNS)


def findings(landscape: Landscape, *, as_of: dt.date, config: Config | None = None,
             organisation: str | None = None, object: str | None = None,  # noqa: A002
             person: str | None = None) -> Iterator[pd.DataFrame]:
    """The rows of :func:`run`, in its order, in pieces (one per severity and report) and
    without the one frame of every finding: for writing millions of findings to a file as
    they come (``ea check -o findings.csv``). Most severe first; inside a severity the
    reports in the order of :data:`REPORTS`, each in its own order; unknown severities last."""
    kw = {"as_of": as_of, "config": config, "organisation": organisation, "object": object,
          "person": person}
    reports: list[tuple[str, list[tuple]]] = []
    with gc.collector_paused():
        view = gc.lookups(landscape)  # the four reports share one set of lookups
        for name in REPORTS:
            reports.append((name, _rows(name, view, kw)))
    severity = FINDING_COLUMNS.index("severity")
    for sev in sorted(SEVERITY_RANK, key=SEVERITY_RANK.get):
        for name, rows in reports:
            piece = [(name, *r) for r in rows if r[severity] == sev]
            if piece:
                yield pd.DataFrame(piece, columns=COLUMNS)
    for name, rows in reports:
        piece = [(name, *r) for r in rows if r[severity] not in SEVERITY_RANK]
        if piece:
            yield pd.DataFrame(piece, columns=COLUMNS)


def _rows(name: str, view: gc.Lookups, kw: dict) -> list[tuple]:
    """One report's findings as tuples of :data:`~ea.queries.FINDING_COLUMNS`, in that
    report's order. Quality and classification hand their rows one at a time, so only these
    five columns are ever kept; orphans and coordinate (only the rows with a finding, worded
    alone) are taken from their frames."""
    if name == "quality":
        return gc.ordered_rows(quality.findings(view, **kw), FINDING_COLUMNS,
                               asc=quality.ORDER)
    if name == "classification":
        return gc.ordered_rows(classification.findings(view, **kw), FINDING_COLUMNS,
                               asc=classification.ORDER)
    df = (coordinate.flagged if name == "coordinate" else orphans.run)(view, **kw)
    return list(df[FINDING_COLUMNS].itertuples(index=False, name=None)) if len(df) else []


#: Columns of :func:`summary`.
SUMMARY_COLUMNS = ["report", "code", "severity", "findings", "subjects"]


def summary(findings: pd.DataFrame) -> pd.DataFrame:
    """The findings per rule: one row per report, code and severity with the number of
    findings and of distinct subjects; most severe first, then in the order of
    :data:`REPORTS`, then the most findings. What ``ea check --summary`` writes, and what to
    read first when the findings run into millions.

    >>> df = pd.DataFrame({"report": ["orphans", "orphans", "quality"],
    ...                    "subject": ["a", "a", "b"], "name": ["A", "A", "B"],
    ...                    "code": ["missing_role", "missing_role", "no_k"],
    ...                    "severity": ["high", "high", "low"], "reason": ["", "", ""]})
    >>> summary(df).values.tolist()
    [['orphans', 'missing_role', 'high', 2, 1], ['quality', 'no_k', 'low', 1, 1]]
    """
    if findings.empty:
        return pd.DataFrame(columns=SUMMARY_COLUMNS)
    g = findings.groupby(["report", "code", "severity"], sort=False)
    out = g.size().rename("findings").to_frame().join(g["subject"].nunique().rename(
        "subjects")).reset_index()
    return _rule_order(out)


def summary_of(pieces: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """:func:`summary` of the pieces of :func:`findings`, one piece at a time (a rule's
    findings are all in one piece: pieces are per severity and report)."""
    parts = [summary(p) for p in pieces if len(p)]
    if not parts:
        return pd.DataFrame(columns=SUMMARY_COLUMNS)
    return _rule_order(pd.concat(parts, ignore_index=True))


def _rule_order(out: pd.DataFrame) -> pd.DataFrame:
    order = {r: i for i, r in enumerate(REPORTS)}
    out = out.assign(_s=out["severity"].map(lambda s: SEVERITY_RANK.get(s, len(SEVERITY_RANK))),
                     _r=out["report"].map(lambda r: order.get(r, len(order))))
    out = out.sort_values(["_s", "_r", "findings", "code"], ascending=[True, True, False, True],
                          kind="stable")
    return out[SUMMARY_COLUMNS].reset_index(drop=True)


#: ``check`` section of ea.yaml.
DEFAULTS = {"max_shrink": 0.2}


def defined_systems(landscape: Landscape) -> int:
    """Systems some source defines (placeholders for unresolved references not counted)."""
    return gc.defined_systems(landscape)


def max_shrink(config: Config | None) -> float:
    """``check.max_shrink`` of the config: the share of systems a landscape may lose against
    the expected count before ``check`` refuses it."""
    value = (config or Config()).section("check", DEFAULTS)["max_shrink"]
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value < 1:
        raise QueryError(f"check.max_shrink must be a share from 0 to below 1 (0.2 is 20 %), "
                         f"not {value!r}")
    return float(value)


def refusal(landscape: Landscape, *, expected: int | None = None, expected_from: str = "",
            config: Config | None = None) -> str | None:
    """Why the rules must not be run on ``landscape`` (None when they may).

    Parameters
    ----------
    landscape : Landscape
    expected : int, optional
        The number of systems the landscape should hold (``--expect-systems``, or the count
        in the previous snapshot).
    expected_from : str
        Where ``expected`` comes from, for the message.
    config : ea.config.Config, optional
        ``check.max_shrink``.

    Examples
    --------
    >>> from ea.landscape import Landscape
    >>> refusal(Landscape())
    'the landscape holds no systems (an empty or header-only inventory export?)'
    >>> ls = Landscape()
    >>> _ = ls.add_system("a", name="A")
    >>> refusal(ls, expected=10, expected_from="--expect-systems")
    'the landscape holds 1 systems, 90 % fewer than the 10 of --expect-systems (more than the 20 % check.max_shrink allows)'
    """
    share = max_shrink(config)
    n = defined_systems(landscape)
    if n == 0:
        placeholders = sum(1 for _ in landscape.nodes("System"))
        extra = (f"; only {placeholders} placeholders for references" if placeholders else "")
        return f"the landscape holds no systems (an empty or header-only inventory export?){extra}"
    if expected and n < expected * (1 - share):
        lost = 1 - n / expected
        return (f"the landscape holds {n} systems, {lost * 100:.0f} % fewer than the "
                f"{expected} of {expected_from} (more than the {share * 100:.0f} % "
                "check.max_shrink allows)")
    return None


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
