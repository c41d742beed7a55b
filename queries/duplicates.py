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
from collections import Counter, defaultdict

import networkx as nx
import numpy as np
import pandas as pd

from ea.derived.lookups import lookups
from ea.derived.organisations import org_name
from ea.landscape import loose_name
from ea.queries import FINDING_COLUMNS, register, sort_findings
from ea.queries._graphalg import tidy

DEFAULTS = {"name_ratio": 0.9, "include_retired": False}
BLOCK = 4  # characters of the folded name that candidate pairs share at the start or end
_ALPHABET = {c: i for i, c in enumerate("abcdefghijklmnopqrstuvwxyz0123456789")}  # loose_name's
_PAIRS = 1 << 19  # pairs of a block compared at once (memory: 36 bytes each, a few times)

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
    # the product group each system is in (pairs inside one are not repeated by name)
    product_group: dict[str, int] = {}
    number = 0
    labels: dict[str, str] = {}

    def label_of(k):
        if k not in labels:
            labels[k] = label(k)
        return labels[k]

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
            number += 1
            for k in grp:
                product_group[k] = number
            for k, others in _others(grp, label_of):
                s = systems[k]
                rows.append(_row(names, k, s, "DUPLICATE_PRODUCT", "medium",
                                 f"{s['name']} runs the product "
                                 f"'{s['d'].get('product')}', also registered by other "
                                 f"organisations: {'; '.join(others)}.",
                                 f"product:{prod}", len(grp), len(orgs), others))
    pairs = nx.Graph()
    for a, b in _similar_names(systems, ratio):
        if set(systems[a]["orgs"]) == set(systems[b]["orgs"]):
            continue
        ga_, gb = product_group.get(a), product_group.get(b)
        if ga_ is not None and ga_ == gb:
            continue  # already in one product group
        pairs.add_edge(a, b)
    for comp in sorted(nx.connected_components(pairs), key=lambda c: min(c)):
        grp = sorted(comp)
        orgs = {o for k in grp for o in systems[k]["orgs"]}
        first = min(systems[k]["name"] for k in grp)
        for k, others in _others(grp, label_of):
            s = systems[k]
            rows.append(_row(names, k, s, "SIMILAR_NAME", "low",
                             f"{s['name']} has a near-identical name to systems of other "
                             f"organisations: {'; '.join(others)}.",
                             f"name:{first}", len(grp), len(orgs), others))
    if not rows:
        return pd.DataFrame(columns=COLUMNS)
    return tidy(sort_findings(pd.DataFrame(rows, columns=COLUMNS), "group"))


def _others(grp: list[str], label_of):
    """Each member of a group with the sorted labels of the others: the group's labels are
    sorted once and each member's own left out (a country's groups hold hundreds of
    systems; sorting and naming them again per member grew with the square), and the
    members' lists share the label strings."""
    everyone = sorted((label_of(k), k) for k in grp)
    labels = [lab for lab, _k in everyone]
    at = {k: pos for pos, (_lab, k) in enumerate(everyone)}
    for k in grp:  # in the group's order, as the rows are written
        pos = at[k]
        yield k, labels[:pos] + labels[pos + 1:]


def _similar_names(systems: dict, ratio: float):
    """The pairs ``(a, b)`` (``a < b``) whose folded names are equal, or pass
    ``difflib.SequenceMatcher(None, name_a, name_b)``'s ``real_quick_ratio``, ``quick_ratio``
    and ``ratio`` at ``ratio``, among the pairs sharing their first or last :data:`BLOCK`
    characters.

    The two quick bounds are computed for a whole block at once (numpy, the same float
    arithmetic as difflib's: ``2.0 * matches / (len_a + len_b)``, matches the shorter length,
    then the characters in common), so only the few pairs that pass them reach
    ``SequenceMatcher``: a country's blocks hold thousands of names (every municipality's
    ``...holm``), and a matcher per pair grew with their square.
    """
    keys = [k for k in sorted(systems) if systems[k]["loose"]]
    if not keys:
        return []
    loose = [systems[k]["loose"] for k in keys]
    length = np.array([len(x) for x in loose], dtype=np.int64)
    tallies = [Counter(x) for x in loose]
    most = max(n for t in tallies for n in t.values())
    counts = np.zeros((len(keys), len(_ALPHABET)), dtype=np.uint8 if most < 256 else np.int64)
    for i, t in enumerate(tallies):
        for ch, n in t.items():
            counts[i, _ALPHABET[ch]] = n
    heads: dict[str, list[int]] = defaultdict(list)
    tails: dict[str, list[int]] = defaultdict(list)
    for i, x in enumerate(loose):
        heads[x[:BLOCK]].append(i)
        tails[x[-BLOCK:]].append(i)
    head_of = {x[:BLOCK]: n for n, x in enumerate(heads)}
    head_id = np.array([head_of[x[:BLOCK]] for x in loose], dtype=np.int64)
    out = []
    for side, blocks in (("head", heads), ("tail", tails)):
        for block in blocks.values():
            if len(block) < 2:
                continue
            # by length: a pair can pass real_quick_ratio only when the longer name is at
            # most (2 / ratio - 1) times the shorter, so each name meets a window of the
            # names after it (the exact test follows on the pairs)
            order = np.array(sorted(block, key=lambda x: (length[x], x)), dtype=np.int64)
            ls_ = length[order]
            n = len(order)
            if ratio > 0:
                hi = np.searchsorted(ls_, np.floor(ls_ * (2.0 / ratio - 1.0)) + 1, side="right")
            else:
                hi = np.full(n, n)
            cnt = np.maximum(hi - np.arange(n) - 1, 0)
            ends = np.cumsum(cnt)
            p0 = 0
            while p0 < n:
                base = ends[p0 - 1] if p0 else 0
                p1 = max(int(np.searchsorted(ends, base + _PAIRS, side="right")), p0 + 1)
                c = cnt[p0:p1]
                total = int(c.sum())
                if total:
                    pp = np.repeat(np.arange(p0, p1), c)
                    first = np.repeat(np.cumsum(c) - c, c)
                    qq = pp + 1 + (np.arange(total) - first)
                    x, y = order[pp], order[qq]
                    i, j = np.minimum(x, y), np.maximum(x, y)
                else:
                    i = j = np.zeros(0, dtype=np.int64)
                p0 = p1
                if side == "tail":  # compared already in their shared head block
                    keep = head_id[i] != head_id[j]
                    i, j = i[keep], j[keep]
                li, lj = length[i], length[j]
                keep = 2.0 * np.minimum(li, lj) / (li + lj) >= ratio
                i, j, li, lj = i[keep], j[keep], li[keep], lj[keep]
                common = np.minimum(counts[i], counts[j]).sum(axis=1)
                keep = 2.0 * common / (li + lj) >= ratio
                for x, y in zip(i[keep].tolist(), j[keep].tolist(), strict=True):
                    a, b = loose[x], loose[y]
                    if a == b or difflib.SequenceMatcher(None, a, b).ratio() >= ratio:
                        out.append((keys[x], keys[y]))
    return sorted(out)


def _row(landscape, key, s, code, severity, reason, group, size, norgs, others) -> dict:
    d = s["d"]
    return {"subject": key, "name": s["name"], "code": code, "severity": severity,
            "reason": reason, "group": group, "group_size": size,
            "organisation": "; ".join(org_name(landscape, o) for o in s["orgs"]),
            "organisation_count": norgs, "vendor": d.get("vendor"), "product": d.get("product"),
            "version": d.get("version"), "status": d.get("status"), "others": others}
