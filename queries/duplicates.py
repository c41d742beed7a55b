"""Consolidation candidates: the same product, or near-identical names, registered by
several organisations.

Stockholm's rule is that every digital service has exactly one owning board; the same
product registered separately by two administrations is the first place to look for
consolidation.

Rules
-----
``DUPLICATE_PRODUCT`` (medium)
    Systems whose product (case, accents, spaces and punctuation folded) is the same, owned
    by at least two different organisations. When both record a vendor and the vendors differ,
    they are not grouped.
``SIMILAR_NAME`` (low)
    Systems of different organisations whose names are the same after folding, or whose
    ``difflib.SequenceMatcher`` ratio on the folded names is at least
    ``duplicates.name_ratio`` (0.9); pairs already in a product group are not repeated. Groups
    are the connected sets of such pairs. Candidate pairs share the first or the last four
    characters of their folded names (blocking, so large landscapes stay fast); two names
    that differ in both their first and last four characters are not compared.

Only systems with an owning organisation are compared (placeholders and unowned external
services cannot be "registered by several organisations"); systems recorded as ``retired`` are
left out unless ``duplicates.include_retired`` is true.

Columns: the finding columns plus ``group`` (``product:<folded product>`` or
``name:<first name>``), ``group_size``, ``organisation``, ``organisation_count``, ``vendor``,
``product``, ``version``, ``status``, ``others`` (the other systems of the group as
``Name (Organisation)``).

Examples
--------
>>> import datetime as dt
>>> from ea.landscape import Landscape
>>> ls = Landscape()
>>> for o in ("A", "B"):
...     _ = ls.add_organisation(o, name=o)
>>> _ = ls.add_system("x", name="Heroma", product="Heroma")
>>> _ = ls.add_system("y", name="Heroma HR", product="heroma")
>>> _ = ls.add_edge("OWNED_BY", "System:x", "Organisation:A")
>>> _ = ls.add_edge("OWNED_BY", "System:y", "Organisation:B")
>>> run(ls, as_of=dt.date(2026, 11, 25))[["name", "code", "others"]].values.tolist()
[['Heroma', 'DUPLICATE_PRODUCT', ['Heroma HR (B)']], ['Heroma HR', 'DUPLICATE_PRODUCT', ['Heroma (A)']]]
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections import defaultdict

import networkx as nx
import pandas as pd

from ea.derived.lookups import lookups
from ea.derived.organisations import org_name
from ea.landscape import loose_name
from ea.queries import FINDING_COLUMNS, register, sort_findings
from ea.queries._graphalg import tidy

DEFAULTS = {"name_ratio": 0.9, "include_retired": False}
BLOCK = 4  # characters of the folded name that candidate pairs share at the start or end

COLUMNS = [*FINDING_COLUMNS, "group", "group_size", "organisation", "organisation_count",
           "vendor", "product", "version", "status", "others"]


@register("duplicates", "Consolidation candidates registered by several organisations")
def run(landscape, *, as_of: dt.date | None = None, config=None, **_params) -> pd.DataFrame:
    """Consolidation candidates (see module docstring).

    Parameters
    ----------
    landscape : ea.landscape.Landscape
    as_of : datetime.date
        Not used (kept for the common query signature).
    config : ea.config.Config, optional
        Section ``duplicates``: ``name_ratio``, ``include_retired``.
    """
    cfg = config.section("duplicates", DEFAULTS) if config is not None else dict(DEFAULTS)
    ratio = float(cfg["name_ratio"])
    systems = {}
    for key, d in landscape.nodes("System"):
        orgs = tuple(landscape.owners_of(key))
        if not orgs or d.get("placeholder"):
            continue
        if d.get("status") == "retired" and not cfg["include_retired"]:
            continue
        systems[key] = {"d": d, "orgs": orgs, "name": landscape.name(key),
                        "loose": loose_name(landscape.name(key))}

    names = lookups(landscape)  # org_name counts the names once per run on the view

    def label(k):
        return f"{systems[k]['name']} ({', '.join(org_name(names, o) for o in systems[k]['orgs'])})"

    rows = []
    covered: set[frozenset] = set()
    by_product: dict[str, list[str]] = defaultdict(list)
    for k, s in systems.items():
        prod = loose_name(s["d"].get("product") or "")
        if prod:
            by_product[prod].append(k)
    for prod, keys in sorted(by_product.items()):
        # split by vendor when vendors are recorded and differ
        vendors = defaultdict(list)
        for k in keys:
            vendors[loose_name(systems[k]["d"].get("vendor") or "")].append(k)
        named = [v for v in vendors if v]
        groups = []
        if len(named) <= 1:
            groups.append(keys)
        else:
            for v in named:
                groups.append(vendors[v])
            if vendors.get(""):
                groups.append(vendors[""])  # vendor unknown: grouped on their own
        for grp in groups:
            orgs = {o for k in grp for o in systems[k]["orgs"]}
            if len(orgs) < 2:
                continue
            for a in grp:
                for b in grp:
                    if a != b:
                        covered.add(frozenset((a, b)))
            for k in grp:
                s = systems[k]
                others = sorted(label(o) for o in grp if o != k)
                rows.append(_row(names, k, s, "DUPLICATE_PRODUCT", "medium",
                                 f"{s['name']} runs the product "
                                 f"'{s['d'].get('product')}', also registered by other "
                                 f"organisations: {'; '.join(others)}.",
                                 f"product:{prod}", len(grp), len(orgs), others))
    # near-identical names across organisations; compared within blocks of names that share
    # their first or last four folded characters (a 0.9 match differs in at most one or two
    # characters of a typical name), so 10,000 systems take seconds, not hours
    pairs = nx.Graph()
    blocks: dict[tuple[str, str], list[str]] = defaultdict(list)
    for k in sorted(systems):
        lk = systems[k]["loose"]
        if lk:
            blocks[("head", lk[:BLOCK])].append(k)
            blocks[("tail", lk[-BLOCK:])].append(k)
    for (side, _), block in blocks.items():
        for i, a in enumerate(block):
            la = systems[a]["loose"]
            for b in block[i + 1:]:
                if side == "tail" and la[:BLOCK] == systems[b]["loose"][:BLOCK]:
                    continue  # compared already in their shared "head" block
                if set(systems[a]["orgs"]) == set(systems[b]["orgs"]):
                    continue
                if frozenset((a, b)) in covered:
                    continue
                lb = systems[b]["loose"]
                if la == lb:
                    pairs.add_edge(a, b)
                    continue
                sm = difflib.SequenceMatcher(None, la, lb)
                if sm.real_quick_ratio() >= ratio and sm.quick_ratio() >= ratio and \
                        sm.ratio() >= ratio:
                    pairs.add_edge(a, b)
    for comp in sorted(nx.connected_components(pairs), key=lambda c: min(c)):
        grp = sorted(comp)
        orgs = {o for k in grp for o in systems[k]["orgs"]}
        first = min(systems[k]["name"] for k in grp)
        for k in grp:
            s = systems[k]
            others = sorted(label(o) for o in grp if o != k)
            rows.append(_row(names, k, s, "SIMILAR_NAME", "low",
                             f"{s['name']} has a near-identical name to systems of other "
                             f"organisations: {'; '.join(others)}.",
                             f"name:{first}", len(grp), len(orgs), others))
    if not rows:
        return pd.DataFrame(columns=COLUMNS)
    return tidy(sort_findings(pd.DataFrame(rows, columns=COLUMNS), "group"))


def _row(landscape, key, s, code, severity, reason, group, size, norgs, others) -> dict:
    d = s["d"]
    return {"subject": key, "name": s["name"], "code": code, "severity": severity,
            "reason": reason, "group": group, "group_size": size,
            "organisation": "; ".join(org_name(landscape, o) for o in s["orgs"]),
            "organisation_count": norgs, "vendor": d.get("vendor"), "product": d.get("product"),
            "version": d.get("version"), "status": d.get("status"), "others": others}
