"""What goes into the board pack, gathered from the reports themselves.

Every figure comes from a registered query (orphans, check, hubs, ageing, replacement,
classification, and people/diff when present) or from :mod:`ea.derived`; nothing here
judges a system on its own, so the pack always agrees with what ``ea orphans``, ``ea hubs``
and ``ea ageing`` print for the same snapshot and date.

Examples
--------
>>> import datetime as dt
>>> from ea.landscape import Landscape
>>> ls = Landscape()
>>> _ = ls.add_organisation("rs", name="Regionstyrelsen", path="Regionstyrelsen")
>>> _ = ls.add_system("a", name="Raindance", criticality=4)
>>> _ = ls.add_edge("OWNED_BY", "System:a", "Organisation:rs")
>>> pack = build(ls, as_of=dt.date(2026, 11, 29))
>>> pack.totals["systems"], pack.totals["systems_unowned"]
(1, 1)
>>> pack.organisations[["name", "systems", "unowned"]].values.tolist()
[['Regionstyrelsen', 1, 1]]
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from ea import i18n, queries
from ea.derived import organisations as orgs
from ea.derived import roles
from ea.derived.systems import local_systems
from ea.landscape import Landscape
from ea.schema import OBJECT

#: Ageing codes drawn on the timeline, by the end they mark.
SUPPORT_CODES = ("END_OF_SUPPORT_PASSED", "END_OF_SUPPORT_UPCOMING")
LIFE_CODES = ("END_OF_LIFE_PASSED", "END_OF_LIFE_UPCOMING", "VENDOR_EOL_PASSED",
              "VENDOR_EOL_UPCOMING")

ORG_COLUMNS = ["organisation", "name", "systems", "unowned", "share_unowned", "objects",
               "objects_unowned", "share_objects_unowned", "critical", "high"]
FINDING_COLUMNS = ["severity", "report", "name", "organisation", "code", "reason"]
HUB_COLUMNS = ["rank", "name", "organisation", "severity", "organisation_count",
               "group_systems", "group_people", "group_gaps", "rules"]
QUARTER_COLUMNS = ["quarter", "start", "end_of_support", "end_of_life", "systems"]
REPLACEMENT_COLUMNS = ["rank", "name", "organisation", "end_kind", "end_date", "months_left",
                       "dependant_count", "score"]
CLASSIFICATION_COLUMNS = ["code", "severity", "findings", "systems", "example"]


@dataclass
class BoardPack:
    """Everything the writers render; every frame is plain data (no node keys needed)."""

    title: str
    as_of: dt.date
    lang: str
    sources: list[str]
    scope: str | None
    totals: dict
    organisations: pd.DataFrame
    findings: pd.DataFrame
    finding_counts: pd.DataFrame
    hubs: pd.DataFrame
    quarters: pd.DataFrame
    replacement: pd.DataFrame
    classification: pd.DataFrame
    people: pd.DataFrame | None = None
    changes: pd.DataFrame | None = None
    change_counts: pd.DataFrame | None = None
    notes: list[str] = field(default_factory=list)


def _quarter(d: dt.date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def _quarter_start(y: int, q: int) -> dt.date:
    return dt.date(y, 3 * (q - 1) + 1, 1)


def _org_name(ls: Landscape, key: str) -> str:
    org = orgs.owning_organisation(ls, key)
    return orgs.org_label(ls, org) if org else ""


def _sources(ls: Landscape) -> list[str]:
    """The imported files with what became of their rows (from the import ledger)."""
    out = []
    stats = (ls.ledger or {}).get("files") or []
    for f in stats:
        label = f["file"] + (f" [{f['sheet']}]" if f.get("sheet") else "")
        out.append(f"{label}: {f.get('rows', 0)} rows, {f.get('imported', 0)} imported, "
                   f"{f.get('merged', 0)} merged, {f.get('rejected', 0)} rejected")
    if not out:
        out = [str(f.get("file") if isinstance(f, dict) else f)
               for f in ls.meta.get("files") or []]
    return out


def _region(ls: Landscape) -> str | None:
    """The name of the one top organisation, when there is exactly one."""
    from ea.schema import ORGANISATION

    roots = [k for k, _d in ls.nodes(ORGANISATION) if ls.parent_of(k) is None]
    return ls.name(roots[0]) if len(roots) == 1 else None


def _objects_by_org(ls: Landscape, scope_orgs: set[str] | None) -> dict[str, tuple[int, int]]:
    """Per owning organisation: förvaltningsobjekt judged, and those without a working
    object owner (:func:`ea.derived.roles.unowned_class`)."""
    counts: dict[str, list[int]] = {}
    for key, _d in ls.nodes(OBJECT):
        owners = orgs.effective_owners(ls, key) or [""]
        cls = roles.unowned_class(ls, key)
        for org in owners:
            if scope_orgs is not None and org not in scope_orgs:
                continue
            c = counts.setdefault(org, [0, 0])
            c[0] += 1
            c[1] += 1 if cls else 0
    return {k: (v[0], v[1]) for k, v in counts.items()}


def _scope_orgs(ls: Landscape, organisation: str | None) -> set[str] | None:
    """The organisations ``--organisation`` selects: the named ones and those below them
    (the queries, which run first, have already refused a name that matches nothing)."""
    if not organisation:
        return None
    from ea.schema import ORGANISATION

    out: set[str] = set()
    for org in ls.resolve(organisation, kind=ORGANISATION):
        out |= {org, *orgs.org_descendants(ls, org)}
    return out


def build(landscape: Landscape, *, as_of: dt.date, config=None, organisation: str | None = None,
          previous: Landscape | None = None, lang: str = "sv", title: str | None = None,
          horizon: str = "24m", progress=None) -> BoardPack:
    """Gather the board pack for ``landscape`` as of ``as_of``.

    Parameters
    ----------
    landscape : Landscape
    as_of : datetime.date
    config : ea.config.Config, optional
    organisation : str, optional
        Only this organisation and those below it (as ``ea orphans --organisation``).
    previous : Landscape, optional
        An earlier snapshot: adds "changes since the last report" when ``ea diff`` exists.
    lang : {"sv", "en"}
    horizon : str
        How far ahead the ageing timeline looks ("24m").
    progress : callable, optional
        Called with a short label before each part (for a progress line in the CLI).
    """
    ls = landscape
    step = progress or (lambda _label: None)
    kw = {"as_of": as_of, "config": config}

    def in_scope(key: str) -> bool:
        if scope_orgs is None:
            return True
        return bool(set(orgs.effective_owners(ls, key)) & scope_orgs)

    # --- unowned, per organisation (the orphans report's own summary)
    step("orphans")
    orphans = queries.get("orphans").func(ls, organisation=organisation, **kw)
    scope_orgs = _scope_orgs(ls, organisation)
    from ea.queries import orphans as orphans_mod

    summary = orphans_mod.summary(ls, orphans, organisation=organisation, **kw)
    objects = _objects_by_org(ls, scope_orgs)

    step("check")
    check = queries.get("check").func(ls, organisation=organisation, **kw)
    severe = check[check["severity"].isin(["critical", "high"])].copy()
    # coordinate's findings are one per manager and integration end: counted per report,
    # listed by ``ea coordinate``; the list and the per-organisation counts name systems
    severe_systems = severe[severe["report"] != "coordinate"]
    sev_by_org: dict[str, dict[str, int]] = {}
    for subj, sev in zip(severe_systems["subject"], severe_systems["severity"], strict=True):
        if subj not in ls:
            continue
        for org in orgs.effective_owners(ls, subj) or [""]:
            c = sev_by_org.setdefault(org, {"critical": 0, "high": 0})
            c[sev] += 1
    rows = []
    seen = set()
    for r in summary.itertuples(index=False):
        n_obj, u_obj = objects.get(r.organisation, (0, 0))
        sev = sev_by_org.get(r.organisation, {})
        seen.add(r.organisation)
        rows.append({"organisation": r.organisation, "name": r.name, "systems": r.systems,
                     "unowned": r.unowned, "share_unowned": r.share_unowned,
                     "objects": n_obj, "objects_unowned": u_obj,
                     "share_objects_unowned": round(u_obj / n_obj, 3) if n_obj else 0.0,
                     "critical": sev.get("critical", 0), "high": sev.get("high", 0)})
    for org, (n_obj, u_obj) in sorted(objects.items()):
        if org in seen:
            continue
        sev = sev_by_org.get(org, {})
        rows.append({"organisation": org,
                     "name": orgs.org_label(ls, org) if org else "(no organisation)",
                     "systems": 0, "unowned": 0, "share_unowned": 0.0, "objects": n_obj,
                     "objects_unowned": u_obj,
                     "share_objects_unowned": round(u_obj / n_obj, 3) if n_obj else 0.0,
                     "critical": sev.get("critical", 0), "high": sev.get("high", 0)})
    org_df = pd.DataFrame(rows, columns=ORG_COLUMNS)

    local = [k for k in local_systems(ls) if in_scope(k)]
    unowned_systems = sum(1 for k in local if roles.unowned_class(ls, k))
    n_objects = sum(v[0] for v in objects.values())
    u_objects = sum(v[1] for v in objects.values())

    names = {}

    def name_of(key):
        if key not in names:
            names[key] = ls.name(key) if key in ls else str(key)
        return names[key]

    counts = severe.groupby(["report", "severity"]).size().unstack(fill_value=0) \
        if len(severe) else pd.DataFrame()
    finding_counts = pd.DataFrame({
        "report": list(counts.index),
        "critical": [int(counts.loc[r].get("critical", 0)) for r in counts.index],
        "high": [int(counts.loc[r].get("high", 0)) for r in counts.index]},
        columns=["report", "critical", "high"])
    findings = pd.DataFrame({
        "severity": severe_systems["severity"], "report": severe_systems["report"],
        "name": severe_systems["name"],
        "organisation": [_org_name(ls, s) if s in ls else ""
                         for s in severe_systems["subject"]],
        "code": severe_systems["code"],
        "reason": [i18n.reason(lang, c, r) for c, r in zip(severe_systems["code"],
                                                          severe_systems["reason"],
                                                          strict=True)]},
        columns=FINDING_COLUMNS)
    findings = findings.sort_values(
        ["severity", "report", "organisation", "name"],
        key=lambda s: s.map({"critical": 0, "high": 1}) if s.name == "severity" else s,
        kind="stable").reset_index(drop=True)

    # --- hubs that need joint continuity planning, with their groups
    step("hubs")
    hubs_mod = queries.get("hubs")
    hubs = hubs_mod.func(ls, top=0, **kw)
    jcp = hubs[hubs["code"] == "JOINT_CONTINUITY_PLANNING"] if len(hubs) else hubs
    jcp = jcp[[in_scope(k) for k in jcp["subject"]]] if len(jcp) else jcp
    from ea.queries import hubs as hubs_query

    groups = hubs_query.continuity_groups(ls, hubs=jcp, **kw) if len(jcp) else None
    hub_rows = []
    for h in jcp.itertuples(index=False):
        g = groups[groups["hub"] == h.subject] if groups is not None else pd.DataFrame()
        people = g["person"].dropna().nunique() if len(g) else 0
        gaps = int(g["note"].isin(["vacant", "missing"]).sum()) if len(g) else 0
        hub_rows.append({"rank": int(h.rank), "name": h.name,
                         "organisation": h.organisation if isinstance(h.organisation, str)
                         else _org_name(ls, h.subject),
                         "severity": h.severity, "organisation_count": int(h.organisation_count),
                         "group_systems": int(g["system"].nunique()) if len(g) else 1,
                         "group_people": int(people), "group_gaps": gaps,
                         "rules": i18n.hub_rules(lang, h.rules) if lang == "sv"
                         else _rules(h.rules)})
    hub_df = pd.DataFrame(hub_rows, columns=HUB_COLUMNS)

    # --- ageing: ends per quarter, and the replacement list
    step("ageing")
    ageing = queries.get("ageing").func(ls, horizon=horizon, **kw)
    ageing = ageing[[in_scope(k) for k in ageing["subject"]]] if len(ageing) else ageing
    quarters = _quarters(ageing, as_of, horizon_months=_months(horizon))
    step("replacement")
    repl = queries.get("replacement").func(ls, horizon=horizon, **kw)
    repl = repl[[in_scope(k) for k in repl["subject"]]] if len(repl) else repl
    repl_df = pd.DataFrame({
        "rank": repl["rank"], "name": repl["name"],
        "organisation": [_org_name(ls, k) for k in repl["subject"]],
        "end_kind": repl["end_kind"], "end_date": repl["end_date"],
        "months_left": repl["months_left"], "dependant_count": repl["dependant_count"],
        "score": repl["score"]}, columns=REPLACEMENT_COLUMNS).head(20).reset_index(drop=True)

    # --- classification and continuity gaps, per rule
    step("classification")
    cls = queries.get("classification").func(ls, organisation=organisation, **kw)
    cls_rows = []
    if len(cls):
        for (code, sev), g in cls.groupby(["code", "severity"], sort=False):
            cls_rows.append({"code": code, "severity": sev, "findings": len(g),
                             "systems": g["subject"].nunique(),
                             "example": i18n.reason(lang, code, str(g.iloc[0]["reason"]))})
    cls_df = pd.DataFrame(cls_rows, columns=CLASSIFICATION_COLUMNS)
    if len(cls_df):
        cls_df = cls_df.sort_values(
            ["severity", "findings"], ascending=[True, False], kind="stable",
            key=lambda s: s.map(queries.SEVERITY_RANK) if s.name == "severity" else s,
        ).reset_index(drop=True)

    notes = []
    step("people")
    people = _people_view(queries.get("people").func(ls, **kw)) \
        if "people" in queries.names() else None
    if people is not None and len(people) and "reason" in people and "code" in people:
        people["reason"] = [i18n.reason(lang, c, r) for c, r in zip(
            people["code"].tolist(), people["reason"].tolist(), strict=True)]
    changes = change_counts = None
    if previous is not None:
        step("changes")
        from ea.queries import diff

        changes_all = diff.run(previous, ls, as_of=as_of, config=config)
        if scope_orgs is not None and len(changes_all):
            changes_all = changes_all[[_change_in_scope(previous, ls, s, scope_orgs)
                                       for s in changes_all["subject"]]]
        changes, change_counts = _changes_view(changes_all, lang)
    totals = {
        "systems": len(local), "systems_unowned": unowned_systems,
        "share_systems_unowned": round(unowned_systems / len(local), 3) if local else 0.0,
        "objects": n_objects, "objects_unowned": u_objects,
        "share_objects_unowned": round(u_objects / n_objects, 3) if n_objects else 0.0,
        "critical": int((severe["severity"] == "critical").sum()),
        "high": int((severe["severity"] == "high").sum()),
        "hubs_joint_planning": len(hub_df),
        "ending_within_horizon": int(quarters["systems"].map(len).sum()) if len(quarters) else 0,
        "classification_findings": int(cls_df["findings"].sum()) if len(cls_df) else 0,
    }
    no_org = "(ingen organisation)" if lang == "sv" else "(no organisation)"
    org_df["name"] = [no_org if not o else n for o, n in zip(org_df["organisation"],
                                                              org_df["name"], strict=True)]
    region = _region(ls)
    if region:
        prefix = f"{region} / "
        for df in (org_df, findings, hub_df, repl_df):
            for col in ("name", "organisation"):
                if col in df.columns and (col == "organisation" or df is org_df):
                    df[col] = [v[len(prefix):] if isinstance(v, str) and v.startswith(prefix)
                               else v for v in df[col]]
    return BoardPack(
        title=title or region or ("IT-landskapet" if lang == "sv" else "The IT landscape"),
        as_of=as_of, lang=lang, sources=_sources(ls), scope=organisation, totals=totals,
        organisations=org_df, findings=findings, finding_counts=finding_counts, hubs=hub_df, quarters=quarters,
        replacement=repl_df, classification=cls_df, people=people, changes=changes,
        change_counts=change_counts, notes=notes)


def _rules(value) -> str:
    if isinstance(value, list | tuple | set):
        return ", ".join(str(v).replace("_", " ") for v in value)
    return str(value or "").replace("_", " ").replace(";", ",")


PEOPLE_COLUMNS = ["name", "severity", "code", "roles", "critical_systems",
                  "sole_holder_count", "reason"]
CHANGE_COLUMNS = ["category", "change", "name", "severity", "reason"]


def _people_view(df: pd.DataFrame) -> pd.DataFrame:
    """``ea people``'s most serious rows, in the columns a board reads."""
    cols = [c for c in PEOPLE_COLUMNS if c in df.columns]
    serious = df[df["severity"].isin(["critical", "high"])] if "severity" in df else df
    return serious[cols].head(25).reset_index(drop=True)


def _change_in_scope(previous: Landscape, ls: Landscape, subject: str, scope: set[str]) -> bool:
    """Whether a change of ``ea diff`` concerns the pack's organisations: its subject (for
    an integration, ``A -> B``, either end) owned by one of them now, or, when it is gone,
    in the previous snapshot."""
    for key in str(subject).split(" -> "):
        side = ls if key in ls else previous if key in previous else None
        if side is not None and set(orgs.effective_owners(side, key)) & scope:
            return True
    return False


def _changes_view(df: pd.DataFrame, lang: str = "en") -> tuple[pd.DataFrame, pd.DataFrame]:
    """``ea diff``'s changes: counts per area and kind of change, and the changes that need
    attention (everything but the informational ones); areas, kinds of change and reasons
    in ``lang``, as ``ea diff --lang`` words them."""
    counts = (df.groupby(["category", "change"], sort=True).size().rename("findings")
              .reset_index()) if len(df) else pd.DataFrame(columns=["category", "change",
                                                                   "findings"])
    worth = df[df["severity"] != "info"] if len(df) else df
    view = worth[[c for c in CHANGE_COLUMNS if c in worth.columns]].reset_index(drop=True)
    if len(view):
        view["reason"] = [i18n.reason(lang, c, r) for c, r in zip(
            worth["code"].tolist(), worth["reason"].tolist(), strict=True)]
    for frame in (view, counts):
        for col in ("category", "change"):
            if len(frame):
                frame[col] = [i18n.value(lang, col, v) for v in frame[col].tolist()]
    return view, counts


def _months(horizon: str) -> int:
    from ea.queries.ageing import parse_horizon

    return parse_horizon(horizon)


def _quarters(ageing: pd.DataFrame, as_of: dt.date, *, horizon_months: int) -> pd.DataFrame:
    """Distinct systems whose support or life ends per quarter: everything already passed
    in one first bucket, then each quarter from ``as_of``'s to the end of the horizon."""
    first = _quarter(as_of)
    y, q = first
    buckets = [("passed", None)]
    for _ in range((horizon_months + 2) // 3 + 1):
        buckets.append((f"{y} Q{q}", _quarter_start(y, q)))
        y, q = (y + 1, 1) if q == 4 else (y, q + 1)
    counts = {b: {"end_of_support": set(), "end_of_life": set()} for b, _ in buckets}
    labels = {}
    if len(ageing):
        rows = ageing[ageing["code"].isin(SUPPORT_CODES + LIFE_CODES)]
        for r in rows.itertuples(index=False):
            d = r.date
            if isinstance(d, str):
                try:
                    d = dt.date.fromisoformat(d[:10])
                except ValueError:
                    continue
            if not isinstance(d, dt.date):
                continue
            kind = "end_of_support" if r.code in SUPPORT_CODES else "end_of_life"
            if d < as_of:
                bucket = "passed"
            else:
                yq = _quarter(d)
                bucket = f"{yq[0]} Q{yq[1]}"
                if bucket not in counts:
                    continue
            counts[bucket][kind].add(r.subject)
            labels[r.subject] = r.name
    out = []
    for b, start in buckets:
        sup, life = counts[b]["end_of_support"], counts[b]["end_of_life"]
        out.append({"quarter": b, "start": start, "end_of_support": len(sup),
                    "end_of_life": len(life),
                    "systems": sorted({labels[k] for k in sup | life})})
    return pd.DataFrame(out, columns=QUARTER_COLUMNS)
