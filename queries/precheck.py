"""Before procuring a system: what it will drag in.

A region's process for introducing IT systems (need → procurement → introduction) exists
because "possibilities of integration with other IT solutions are missed" and later
management suffers. Given a *planned* system (name, organisation, product and vendor, the
systems it will exchange data with and in which direction, the information it will process),
:func:`run` answers, from the current landscape:

``precheck``
    One row per question with its answer in words (the first page of a decision memo).
``planned integrations``
    One row per planned integration: the partner, the direction, the partner's owning
    organisation, levels and role holders (own or inherited from its förvaltningsobjekt), and
    the people who must meet to agree on it.
``inherited classification``
    The classification the planned system inherits: K at least the highest K of the systems
    that send it data and of the information it will process; T at least the highest T of
    the systems that will depend on it (receive its data). Judged by the rules of
    :mod:`ea.queries.classification` (``confidentiality_downflow``,
    ``availability_below_dependent``) applied to the planned system and its partners, so a
    precheck and a later ``ea classification`` agree.
``hubs loaded``
    The hubs it will load (partners among :mod:`ea.queries.hubs`' ranking) and the
    continuity groups it joins (a partner within ``hubs.group_hops`` - 1 hops of a hub that
    needs joint continuity planning, as :func:`ea.queries.hubs.continuity_groups` builds
    them).
``consolidation``
    Systems already registered that do the same: the same product, or a near-identical name,
    by the rule of :mod:`ea.queries.duplicates` (the planned system is compared as if it were
    registered by its organisation).
``partners at risk``
    The partners' own findings in :mod:`ea.queries.orphans` (unowned, missing or vacant
    roles, holders who have left) and :mod:`ea.queries.ageing` (end of support or life,
    vendor end of life, contract end), run on the partners' neighbourhood (see
    :func:`_neighbourhood`; a test checks it gives the whole landscape's rows).

The planned system (see :func:`planned_from_mapping`) is given as a mapping with the keys
``name``, ``organisation``, ``product``, ``vendor``, ``receives_from``, ``sends_to``,
``exchanges_with`` (both directions) and ``information`` (Informationsmängd names known to the
landscape). Every reference must resolve to exactly one system, organisation or
information set; an unknown one is an error naming close matches (nothing is invented).

Config (section ``precheck``): ``hubs`` (true; false skips the hub ranking and its
centrality computation on large landscapes).

Examples
--------
>>> import datetime as dt
>>> from ea.landscape import Landscape
>>> ls = Landscape()
>>> a = ls.add_system("a", name="Journal", k=3, t=2)
>>> b = ls.add_system("b", name="Larm", k=1, t=3)
>>> plan = planned_from_mapping({"name": "Ny app", "receives_from": ["Journal"],
...                              "sends_to": ["Larm"]})
>>> out = run(ls, plan, as_of=dt.date(2026, 11, 25))
>>> out["inherited classification"][["aspect", "level", "because"]].values.tolist()
[['K', 3, 'receives data from Journal (K3)'], ['T', 3, 'Larm (T3) depends on it']]
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from ea import schema
from ea.config import Config
from ea.derived import hubs as dhubs
from ea.derived import lookups as dlk
from ea.derived import organisations as dorg
from ea.derived import roles as droles
from ea.derived import systems as dsys
from ea.errors import QueryError
from ea.landscape import Landscape, loose_name
from ea.schema import INFORMATION, INTEGRATES_WITH, ORGANISATION, OWNED_BY, PROCESSES, SYSTEM

from . import _governance_common as gc
from . import ageing, classification, duplicates, hubs, orphans

DEFAULTS = {"hubs": True}
PLANNED_ID = "(planned)"
PLANNED_KEY = schema.node_key(SYSTEM, PLANNED_ID)
_ORG_STANDIN = schema.node_key(ORGANISATION, "(planned organisation)")

LIST_FIELDS = ("receives_from", "sends_to", "exchanges_with", "information")
TEXT_FIELDS = ("name", "organisation", "product", "vendor")
#: Header aliases of the one-row CSV / YAML keys (Swedish and English).
ALIASES = {
    "name": ("name", "namn", "system", "systemnamn"),
    "organisation": ("organisation", "organization", "förvaltning", "forvaltning", "ägare",
                     "owner"),
    "product": ("product", "produkt"),
    "vendor": ("vendor", "leverantör", "leverantor", "supplier"),
    "receives_from": ("receives_from", "receives from", "tar emot från", "från", "from",
                      "beroende av"),
    "sends_to": ("sends_to", "sends to", "skickar till", "till", "to"),
    "exchanges_with": ("exchanges_with", "exchanges with", "utbyter med", "both",
                       "båda riktningar"),
    "information": ("information", "informationsmängd", "informationsmängder",
                    "information sets"),
}

INTEGRATION_COLUMNS = ["partner", "partner_name", "direction", "organisation", "k", "t",
                       "criticality", "object_owner", "business_manager", "it_manager",
                       "who_must_meet", "flags"]
CLASSIFICATION_COLUMNS = ["aspect", "level", "because", "source", "source_name"]
CONTINUITY_COLUMNS = ["hub", "hub_name", "relation", "through", "rank", "degree",
                      "organisations", "reason"]
CONSOLIDATION_COLUMNS = ["subject", "name", "code", "organisation", "vendor", "product",
                         "version", "status", "reason"]
RISK_COLUMNS = ["subject", "name", "report", "code", "severity", "reason"]


@dataclass
class Planned:
    """A system not yet in the landscape."""

    name: str
    organisation: str | None = None
    product: str | None = None
    vendor: str | None = None
    receives_from: list[str] = field(default_factory=list)
    sends_to: list[str] = field(default_factory=list)
    exchanges_with: list[str] = field(default_factory=list)
    information: list[str] = field(default_factory=list)


def _split(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        items = [str(v) for v in value if v is not None]
    else:
        items = str(value).replace("\n", ";").split(";")
    return [" ".join(i.split()) for i in items if str(i).strip()]


def planned_from_mapping(data: dict, *, where: str = "planned system") -> Planned:
    """A :class:`Planned` from a mapping with the keys of :data:`ALIASES` (Swedish or
    English); lists as YAML lists or ``;``-separated text."""
    if not isinstance(data, dict):
        raise QueryError(f"{where}: expected the fields of one planned system")
    lookup = {a.casefold(): k for k, names in ALIASES.items() for a in names}
    out: dict = {}
    for key, value in data.items():
        canon = lookup.get(str(key).strip().casefold())
        if canon is None:
            known = ", ".join(ALIASES)
            raise QueryError(f"{where}: unknown field '{key}' (known: {known})")
        if canon in LIST_FIELDS:
            out.setdefault(canon, []).extend(_split(value))
        elif value is not None and str(value).strip():
            out[canon] = " ".join(str(value).split())
    if not out.get("name"):
        raise QueryError(f"{where}: the planned system needs a name")
    return Planned(**out)


def load_planned(path: str | Path) -> Planned:
    """Read a planned system from a one-row CSV (``;`` or ``,`` separated, UTF-8 or
    Windows-1252) or a YAML mapping."""
    p = Path(path)
    raw = p.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    if p.suffix.lower() in (".yaml", ".yml"):
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = f":{mark.line + 1}" if mark is not None else ""
            raise QueryError(f"{p}{line}: invalid YAML") from None
        return planned_from_mapping(data or {}, where=str(p))
    if p.suffix.lower() not in (".csv", ".txt"):
        raise QueryError(f"{p}: give the planned system as .csv or .yaml")
    first = text.splitlines()[0] if text.strip() else ""
    delim = ";" if first.count(";") >= first.count(",") else ","
    rows = [r for r in csv.reader(io.StringIO(text), delimiter=delim)
            if any(c.strip() for c in r)]
    if len(rows) != 2:
        raise QueryError(f"{p}: expected a header row and one row for the planned system "
                         f"(found {max(len(rows) - 1, 0)} data rows)")
    header, row = rows
    if len(row) > len(header):
        raise QueryError(f"{p}:2: {len(row)} cells but {len(header)} headers")
    return planned_from_mapping(dict(zip(header, row, strict=False)), where=f"{p}:2")


def _one(ls, ref: str, kind: str, what: str) -> str:
    # a system's exact id, name or alias from the landscape's name index, else the full
    # resolution (case-insensitive, close matches named on failure)
    found = ls.find_systems(ref) if kind == SYSTEM else []
    found = found or gc.resolve_ref(ls, ref, (kind,), what)
    if len(found) > 1:
        raise QueryError(f"'{ref}' names {len(found)} {what}s "
                         f"({', '.join(ls.name(k) + ' [' + k + ']' for k in found[:5])}); "
                         "give the id")
    return found[0]


def _partners(ls, plan: Planned) -> list[tuple[str, str]]:
    """(system key, direction) per planned integration: ``in`` (data flows to the planned
    system), ``out`` (from it), ``both``."""
    out: dict[str, str] = {}
    for refs, direction in ((plan.receives_from, "in"), (plan.sends_to, "out"),
                            (plan.exchanges_with, "both")):
        for ref in refs:
            key = _one(ls, ref, SYSTEM, "system")
            prev = out.get(key)
            out[key] = direction if prev in (None, direction) else "both"
    return sorted(out.items(), key=lambda kv: (ls.name(kv[0]), kv[0]))


_DIRECTION = {"in": "receives data from it", "out": "sends data to it",
              "both": "exchanges data both ways"}


def _sub_landscape(ls, keys: set[str]) -> Landscape:
    return Landscape(ls.graph.subgraph(keys).copy(), meta=dict(ls.meta))


def _classification(ls, plan: Planned, partners, info: list[str]) -> pd.DataFrame:
    """The K and T the planned system inherits, by the classification rules run on the
    planned system and its partners (partner levels: their effective levels)."""
    keep = {p for p, _ in partners} | set(info)
    for p, _ in partners:
        keep.update(ls.information_of(p))
    sub = _sub_landscape(ls, keep)
    own = {"k": 0, "t": 0}
    planned = sub.add_system(PLANNED_ID, name=plan.name, **own)
    for i in info:
        sub.add_edge(PROCESSES, planned, i)
    for p, direction in partners:
        if direction == "in":
            sub.add_integration(p, planned)
        elif direction == "out":
            sub.add_integration(planned, p)
        else:
            sub.add_integration(planned, p, bidirectional=True)
    lk = dlk.lookups(sub)
    facts = classification.facts(lk, classification.fact_params(
        classification.DEFAULTS))
    rows = []
    eff = dsys.effective_levels(lk, planned)
    for aspect in ("k", "t"):
        for i in info:
            lvl = dsys.level(sub.node(i).get(aspect))
            if lvl:
                rows.append({"aspect": aspect.upper(), "level": lvl,
                             "because": f"processes {sub.name(i)} ({aspect.upper()}{lvl})",
                             "source": i, "source_name": sub.name(i)})
    for f in facts:
        if f["subject"] != planned:
            continue
        partner, plvl = f["partner"], f["partner_level"]
        if f["code"] == "confidentiality_downflow":
            rows.append({"aspect": "K", "level": plvl,
                         "because": f"receives data from {sub.name(partner)} (K{plvl})",
                         "source": partner, "source_name": sub.name(partner)})
        elif f["code"] == "availability_below_dependent":
            rows.append({"aspect": "T", "level": plvl,
                         "because": f"{sub.name(partner)} (T{plvl}) depends on it",
                         "source": partner, "source_name": sub.name(partner)})
    df = pd.DataFrame(rows, columns=CLASSIFICATION_COLUMNS)
    out = []
    for aspect in ("K", "T"):
        part = df[df["aspect"] == aspect]
        level = max([eff[aspect.lower()] or 0, *part["level"].tolist()])
        if part.empty:
            out.append({"aspect": aspect, "level": level,
                        "because": "nothing it receives or serves requires more",
                        "source": None, "source_name": None})
            continue
        top = part[part["level"] == part["level"].max()].sort_values("source_name")
        out += top.to_dict("records")
    return gc.whole_numbers(pd.DataFrame(out, columns=CLASSIFICATION_COLUMNS))


def _integrations(ls, plan: Planned, partners, risks: dict[str, list[str]],
                  hub_rank: dict) -> pd.DataFrame:
    rows = []
    for p, direction in partners:
        d = ls.node(p)
        eff = dsys.effective_levels(ls, p)
        # names only: the memo is read by people (e-mails are in 'ea show')
        holders = {role: [ls.name(x) for x in droles.holders_of(ls, p, role)]
                   for role in ("object_owner", *schema.MANAGER_ROLES)}
        managers = [f"{x} ({schema.ROLES[r].label}, {ls.name(p)})"
                    for r in schema.MANAGER_ROLES for x in holders[r]]
        gaps = [schema.ROLES[r].label.lower() for r in schema.MANAGER_ROLES if not holders[r]]
        who = [f"the managers of {plan.name} (to be appointed)", *managers]
        if gaps:
            who.append(f"{ls.name(p)} has no {' and no '.join(gaps)}: its object owner "
                       f"({', '.join(holders['object_owner']) or 'none either'}) must appoint")
        flags = list(risks.get(p, []))
        if d.get("external"):
            flags.append("external")
        if d.get("placeholder"):
            flags.append("placeholder (referenced, never defined)")
        if p in hub_rank:
            flags.append(hub_rank[p][0])
        rows.append({
            "partner": p, "partner_name": ls.name(p), "direction": _DIRECTION[direction],
            "organisation": [dorg.org_label(ls, o) for o in dorg.effective_owners(ls, p)],
            "k": eff["k"], "t": eff["t"], "criticality": dsys.level(d.get("criticality")),
            "object_owner": holders["object_owner"],
            "business_manager": holders["business_manager"],
            "it_manager": holders["it_manager"], "who_must_meet": who,
            "flags": list(dict.fromkeys(flags))})
    return gc.whole_numbers(pd.DataFrame(rows, columns=INTEGRATION_COLUMNS))


def _continuity(ls, partners, config, as_of) -> tuple[pd.DataFrame, dict]:
    ranked = hubs.run(ls, as_of=as_of, config=config)
    if ranked.empty:
        return pd.DataFrame(columns=CONTINUITY_COLUMNS), {}
    pset = {p for p, _ in partners}
    by_key = {r["subject"]: r for r in ranked.to_dict("records")}
    rows, hub_rank = [], {}
    for p in sorted(pset & by_key.keys(), key=lambda k: by_key[k]["rank"]):
        r = by_key[p]
        jcp = r["code"] == "JOINT_CONTINUITY_PLANNING"
        hub_rank[p] = ("hub needing joint continuity planning" if jcp
                       else f"hub (rank {r['rank']})", r["rank"])
        rows.append({"hub": p, "hub_name": r["name"],
                     "relation": "loads this hub" + (" and joins its continuity group"
                                                    if jcp else ""),
                     "through": r["name"], "rank": r["rank"], "degree": r["degree"],
                     "organisations": r["organisations"], "reason": r["reason"]})
    hops = int(dhubs.settings(config)["group_hops"])
    if hops > 1:
        groups = hubs.continuity_groups(ls, as_of=as_of, config=config, hubs=ranked)
        near = groups[(groups["system"].isin(pset)) & (groups["distance"] < hops)
                      & (groups["distance"] > 0)]
        for hub, grp in near.groupby("hub", sort=True):
            r = by_key[hub]
            if hub in pset:
                continue
            rows.append({"hub": hub, "hub_name": r["name"],
                         "relation": "joins its continuity group",
                         "through": sorted(set(grp["system_name"])), "rank": r["rank"],
                         "degree": r["degree"], "organisations": r["organisations"],
                         "reason": r["reason"]})
    return pd.DataFrame(rows, columns=CONTINUITY_COLUMNS), hub_rank


def _consolidation(ls, plan: Planned, org: str | None, config) -> pd.DataFrame:
    """Duplicates' rule, run on the planned system and the systems it could pair with
    (same folded product, or a folded name sharing duplicates' blocking key)."""
    name = loose_name(plan.name)
    prod = loose_name(plan.product or "")
    block = duplicates.BLOCK
    keep: set[str] = set()
    for k, d in ls.nodes(SYSTEM):
        ln = loose_name(ls.name(k))
        if (prod and loose_name(d.get("product") or "") == prod) or (
                name and ln and (ln[:block] == name[:block] or ln[-block:] == name[-block:])):
            keep.add(k)
            keep.update(ls.owners_of(k))
    sub = _sub_landscape(ls, keep | ({org} if org else set()))
    planned = sub.add_system(PLANNED_ID, name=plan.name, product=plan.product,
                             vendor=plan.vendor)
    owner = org or sub.add_organisation(_ORG_STANDIN.split(":", 1)[1],
                                        name="(the planned system's organisation)")
    sub.add_edge(OWNED_BY, planned, owner)
    found = duplicates.run(sub, config=config)
    if found.empty or planned not in set(found["subject"]):
        return pd.DataFrame(columns=CONSOLIDATION_COLUMNS)
    groups = set(found.loc[found["subject"] == planned, "group"])
    rows = found[(found["group"].isin(groups)) & (found["subject"] != planned)].copy()
    rows["reason"] = [
        (f"runs the same product ({r['product']})" if r["code"] == "DUPLICATE_PRODUCT"
         else f"near-identical name to '{plan.name}'") + f", registered by {r['organisation']}"
        for r in rows.to_dict("records")]
    return rows[CONSOLIDATION_COLUMNS].reset_index(drop=True)


def _neighbourhood(ls, partners) -> Landscape:
    """The part of the landscape the partners' own orphan and ageing findings read: the
    partners, every system they integrate with (as an end or a platform), their
    förvaltningsobjekt, the people holding roles on them, the information they process, and
    every organisation. ``orphans`` and ``ageing`` run on it give each partner the rows the
    whole landscape gives it (same roles, owners and boards, same integration count, same
    neighbours for propagated end of life), at a fraction of the cost."""
    g = ls.graph
    pset = {p for p, _ in partners}
    keep = set(pset)
    for u, v, d in g.edges(data=True):
        if d.get("kind") != INTEGRATES_WITH:
            continue
        via = d.get("via")
        if u in pset or v in pset or via in pset:
            keep.update(x for x in (u, v, via) if x and x in g)
    for p in pset:
        objects = ls.objects_of(p)
        keep.update(objects)
        keep.update(ls.information_of(p))
        for subject in (p, *objects):
            keep.update(r["person"] for r in ls.roles_of(subject, inherit=False))
    keep.update(k for k, _ in ls.nodes(ORGANISATION))
    return _sub_landscape(ls, keep)


def _risks(ls, partners, as_of, config, eol_table) -> pd.DataFrame:
    pset = {p for p, _ in partners}
    near = _neighbourhood(ls, partners)
    o = orphans.run(near, as_of=as_of, config=config)
    o = o[o["subject"].isin(pset)].assign(report="orphans")
    a = ageing.run(near, as_of=as_of, config=config, eol_table=eol_table)
    a = a[a["subject"].isin(pset)].assign(report="ageing")
    df = pd.concat([x[RISK_COLUMNS] for x in (o, a) if len(x)], ignore_index=True) \
        if len(o) or len(a) else pd.DataFrame(columns=RISK_COLUMNS)
    return gc.frame(df.to_dict("records"), RISK_COLUMNS, asc=("report",)) if len(df) \
        else pd.DataFrame(columns=RISK_COLUMNS)


@dlk.collector_paused()
def run(landscape: Landscape, planned: Planned, *, as_of: dt.date,
        config: Config | None = None, eol_table: pd.DataFrame | None = None
        ) -> dict[str, pd.DataFrame]:
    """Answer the precheck questions for ``planned`` (see the module docstring).

    Returns
    -------
    dict of str to pandas.DataFrame
        ``precheck`` (the summary), ``planned integrations``, ``inherited classification``,
        ``hubs loaded``,
        ``consolidation``, ``partners at risk``.
    """
    cfg = gc.config_or_default(config).section("precheck", DEFAULTS)
    ls = dlk.lookups(landscape)
    org = _one(ls, planned.organisation, ORGANISATION, "organisation") \
        if planned.organisation else None
    partners = _partners(ls, planned)
    info = [_one(ls, ref, INFORMATION, "information set") for ref in planned.information]
    cls = _classification(ls, planned, partners, info)
    risk_rows = _risks(ls, partners, as_of, config, eol_table)
    risks: dict[str, list[str]] = {}
    for r in risk_rows.to_dict("records"):
        if r["severity"] in ("critical", "high", "medium"):
            risks.setdefault(r["subject"], []).append(r["code"])
    if cfg["hubs"]:
        cont, hub_rank = _continuity(landscape, partners, config, as_of)
    else:
        cont, hub_rank = pd.DataFrame(columns=CONTINUITY_COLUMNS), {}
    integ = _integrations(ls, planned, partners, risks, hub_rank)
    cons = _consolidation(ls, planned, org, config)
    summary = _summary(ls, planned, org, partners, cls, cont, cons, risk_rows, cfg)
    return {"precheck": summary, "planned integrations": integ,
            "inherited classification": cls, "hubs loaded": cont, "consolidation": cons,
            "partners at risk": risk_rows}


def _summary(ls, plan, org, partners, cls, cont, cons, risks, cfg) -> pd.DataFrame:
    def level(aspect):
        part = cls[cls["aspect"] == aspect]
        lvl = int(part["level"].max()) if len(part) else 0
        return lvl, "; ".join(part["because"])

    k, kwhy = level("K")
    t, twhy = level("T")
    n_in = sum(1 for _, d in partners if d in ("in", "both"))
    n_out = sum(1 for _, d in partners if d in ("out", "both"))
    at_risk = sorted(set(risks["name"])) if len(risks) else []
    rows = [
        ("planned system", f"{plan.name}" + (f" ({plan.product}" + (f", {plan.vendor}"
                                                                      if plan.vendor else "")
                                             + ")" if plan.product else "")),
        ("organisation", dorg.org_label(ls, org) if org else "not given"),
        ("integrations", f"{len(partners)} partner system(s): receives from {n_in}, sends "
                         f"to {n_out}; see 'planned integrations' for whom to involve"),
        ("inherited confidentiality", f"K{k} ({kwhy})"),
        ("inherited availability", f"T{t} ({twhy})"),
        ("continuity", ("not judged (precheck.hubs: false)" if not cfg["hubs"] else
                        "; ".join(f"{r['hub_name']}: {r['relation']}"
                                  for r in cont.to_dict("records"))
                        or "loads no ranked hub")),
        ("consolidation", "; ".join(f"{r['name']} ({r['organisation']})"
                                    for r in cons.to_dict("records"))
         or "no system with the same product or a near-identical name"),
        ("partners at risk", ", ".join(at_risk) or "none unowned or ageing"),
    ]
    return pd.DataFrame(rows, columns=["question", "answer"])
