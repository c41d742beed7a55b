"""Data quality in the style of an audit: each rule, its scope, how many subjects pass.

Like iTop's audit, every rule has a scope (which subjects it applies to) and a condition;
the report says how many subjects in scope pass and the share, per rule (:func:`rollup` with
``by="rule"``) or rolled up per förvaltningsobjekt, manager or organisation. :func:`run` (the
registered query) returns the failing subjects, one finding per rule and subject, each naming
the missing fact and which kind of source should supply it.

Subjects are the local, not retired systems (neither external nor placeholders) and, for the
integration rules, the integrations between them.

Rules
-----
========================  =====================================  ==========================
code                      scope → condition                       source that supplies it
========================  =====================================  ==========================
``has_<role>``            systems → a holder of each mandatory    role list
                          role (own or inherited; when a people
                          list was imported, one still active)
``has_organisation``      systems → an owning organisation        inventory
``has_classification``    systems → K, R and T all recorded       LISA/KLASSA register
``classification_fresh``  systems → classified within             LISA/KLASSA register
                          ``freshness_months``
``risk_analysis_fresh``   systems → risk analysis within          LISA/KLASSA register
                          ``freshness_months``
``continuity_plan``       systems with effective T ≥ 3 →          LISA/KLASSA register
                          continuity plan recorded as yes
``rto``                   systems with effective T ≥ 3 → RTO      LISA/KLASSA register
``lifecycle_dates``       systems → a start date (in service,     inventory
                          or planned) and an end date (end of
                          support/life, phase-out or contract end)
``vendor``                systems → a vendor, or marked in-house  inventory
``recorded_both_ends``    integrations stated in inventory        inventory (the other
                          dependency cells → stated by both ends  end's dependency column)
``no_source_conflicts``   systems and integrations → the          the sources in conflict
                          sources agree on every field
========================  =====================================  ==========================

``has_<role>`` is one rule per mandatory role (``orphans.mandatory_roles``); an inactive or
departed holder points at the HR list (``source`` = ``role list, HR list``).

Columns of :func:`run`
----------------------
subject, name, code, severity, reason
    Subject is a system key, or ``"<source key> -> <target key>"`` for an integration;
    ``code`` is the rule. Severity ``medium`` when the system (either end of an integration)
    has criticality ≥ 3 or effective K/R/T ≥ 3, else ``low``; conflicts ``low``.
rule_scope
    What the rule applies to.
missing
    The fact that is missing or wrong, in plain words.
source
    Which kind of source should supply it: inventory, role list, LISA/KLASSA register,
    HR list, integration list, or the sources in conflict.
objects, organisations, managers
    Where the subject belongs (for the roll-ups).

Config (section ``quality``)
----------------------------
``freshness_months`` (default ``12``), ``high_t`` (default ``3``: the T level from which a
continuity plan and an RTO are required), ``manager_roles`` (default
``[business_manager, it_manager]``: who a subject counts under in ``--by manager``).

Examples
--------
>>> import datetime as dt
>>> from ea.landscape import Landscape
>>> from ea.queries import quality
>>> ls = Landscape()
>>> _ = ls.add_system("x", name="X", vendor="CGI", k=1, r=1, t=1)
>>> r = quality.rollup(ls, as_of=dt.date(2026, 11, 25))
>>> r.set_index("rule").loc[["vendor", "has_classification", "rto"], ["subjects", "passed"]]\
.values.tolist()
[[1, 1], [1, 1], [0, 0]]
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

import pandas as pd

from ea import schema
from ea.config import Config
from ea.errors import QueryError
from ea.landscape import Landscape
from ea.schema import INTEGRATES_WITH

from . import _governance_common as gc
from . import orphans, register

DEFAULTS = {"freshness_months": 12, "high_t": 3, "manager_roles": list(schema.MANAGER_ROLES)}

COLUMNS = ["rule_scope", "missing", "source", "objects", "organisations", "managers"]
ROLLUPS = ("rule", "object", "manager", "organisation")
#: The columns that order findings of one severity (then name, code, subject).
ORDER = ("code",)

INVENTORY = "inventory"
ROLE_LIST = "role list"
REGISTER = "LISA/KLASSA register"
HR_LIST = "HR list"


@dataclass(slots=True)
class Check:
    rule: str
    scope: str
    source: str
    subject: str
    name: str
    passed: bool
    missing: str | None = None
    source_detail: str | None = None  # overrides ``source`` for this subject


def _rules(cfg: dict, mandatory: list[str]) -> list[tuple[str, str, str]]:
    m = cfg["freshness_months"]
    t = cfg["high_t"]
    out = [(f"has_{r}", "systems", ROLE_LIST) for r in mandatory]
    out += [
        ("has_organisation", "systems", INVENTORY),
        ("has_classification", "systems", REGISTER),
        ("classification_fresh", f"systems (within {m} months)", REGISTER),
        ("risk_analysis_fresh", f"systems (within {m} months)", REGISTER),
        ("continuity_plan", f"systems with T ≥ {t}", REGISTER),
        ("rto", f"systems with T ≥ {t}", REGISTER),
        ("lifecycle_dates", "systems", INVENTORY),
        ("vendor", "systems", INVENTORY),
        ("recorded_both_ends", "integrations stated in dependency cells", INVENTORY),
        ("no_source_conflicts", "systems and integrations", "the sources in conflict"),
    ]
    return out


def settings(config: Config | None) -> dict:
    sec = gc.config_or_default(config).section("quality", DEFAULTS)
    try:
        sec["freshness_months"] = int(sec["freshness_months"])
        sec["high_t"] = int(sec["high_t"])
    except (TypeError, ValueError):
        from ea.errors import ConfigError

        raise ConfigError("quality.freshness_months and quality.high_t must be whole numbers") \
            from None
    return sec


def _conflict_text(conflicts: list[dict]) -> tuple[str, str]:
    fields, sources = [], []
    for c in conflicts:
        vals = " vs ".join(repr(v.get("value")) for v in c.get("values", []))
        fields.append(f"{c.get('field')}: {vals}")
        for v in c.get("values", []):
            if v.get("source") and v["source"] not in sources:
                sources.append(v["source"])
    return "; ".join(fields), ", ".join(sources)


def fact_params(ls: Landscape, cfg: dict, mandatory: list[str], as_of: dt.date) -> dict:
    """The parameters of the facts."""
    return {"mandatory_roles": list(mandatory), "high_t": int(cfg["high_t"]),
            "cutoff": gc.add_months(as_of, -int(cfg["freshness_months"])).isoformat(),
            "judge_people": gc.people_judged(ls)}


_LIFECYCLE = {"start": "start date (in service since)",
              "end": "end date (end of support/life, phase-out, contract end)"}

_END_FIELDS = ("end_of_support", "end_of_life", "phase_out_from", "contract_end")
_FRESH = (("classification_fresh", "classified_at", "classified_since"),
          ("risk_analysis_fresh", "risk_assessed_at", "risk_assessed_since"))


def _subject_facts(ls: Landscape, params: dict, kept=None):
    """Every (rule, subject) check, passed or not, one subject at a time, in the order the
    report lists them: ``(subject, ends, facts)`` for each local, not retired system by key
    (``ends`` None), then each integration between them by source, target and key (``ends``
    the pair). ``facts`` are ``(rule, passed, detail)`` in the order of the rules; a failing
    check's ``detail`` (else None) says what is missing: the holders who have left
    (``people``), the missing aspects, lifecycle ends or integration ends (``missing``), the
    date found (``day``), the effective T (``level``), the continuity plan as recorded
    (``value``), the conflicts; :func:`_missing` words it. ``kept(key)`` (optional) says which
    systems are in scope: the others, and the integrations with an end outside it, are not
    judged at all."""
    roles = [(role, f"has_{role}") for role in params["mandatory_roles"]]
    judge = params["judge_people"]
    cutoff = params["cutoff"]
    high_t = params["high_t"]
    systems = gc.local_systems(ls)
    for key in systems:
        if kept is not None and not kept(key):
            continue
        d = ls.node(key)
        out: list[tuple[str, bool, dict | None]] = []
        for role, rule in roles:
            people = gc.holders(ls, key, role)[0]
            if not people:
                out.append((rule, False, None))
            elif judge and all(gc.person_gone(ls, p) for p in people):
                out.append((rule, False, {"people": people}))
            else:
                out.append((rule, True, None))
        out.append(("has_organisation", bool(gc.effective_owners(ls, key)), None))
        rec = gc.recorded_levels(ls, key)
        missing = [a.upper() for a in gc.KRT if rec[a] is None]
        out.append(("has_classification", not missing, {"missing": missing} if missing
                    else None))
        for rule, field, since in _FRESH:
            # a date, or the lower bound a Ja to "... under det senaste året?" gives
            days = [x for x in (gc.parse_date(d.get(field)), gc.parse_date(d.get(since))) if x]
            day = max(days).isoformat() if days else None
            passed = day is not None and day >= cutoff
            out.append((rule, passed, None if passed else {"day": day}))
        t = gc.effective_levels(ls, key)["t"]
        if t is not None and t >= high_t:
            plan = d.get("continuity_plan")
            out.append(("continuity_plan", plan is True,
                        None if plan is True else {"level": t, "value": plan}))
            has_rto = d.get("rto_hours") is not None
            out.append(("rto", has_rto, None if has_rto else {"level": t}))
        start = d.get("in_service_from") or (d.get("planned_from")
                                             if d.get("status") == "planned" else None)
        end = any(d.get(f) for f in _END_FIELDS)
        missing = [w for w, ok in (("start", start), ("end", end)) if not ok]
        out.append(("lifecycle_dates", not missing, {"missing": missing} if missing else None))
        out.append(("vendor", bool(d.get("vendor") or d.get("in_house") is True), None))
        conflicts = d.get("conflicts")
        out.append(("no_source_conflicts", not conflicts,
                    {"conflicts": conflicts} if conflicts else None))
        yield key, None, out
    local = set(systems)
    # edges come ordered by (source, target, key); the report orders the key as text
    edges = [(u, v, k, e) for u, v, k, e in ls.edges(INTEGRATES_WITH)
             if u in local and v in local]
    edges.sort(key=lambda x: (x[0], x[1], str(x[2])))
    for u, v, _k, e in edges:
        if kept is not None and not (kept(u) and kept(v)):
            continue
        out = []
        recorded = set(e.get("recorded_by") or ())
        if recorded:
            missing = [x for x, end in ((u, "source"), (v, "target")) if end not in recorded]
            out.append(("recorded_both_ends", not missing,
                        {"missing": missing} if missing else None))
        conflicts = e.get("conflicts")
        out.append(("no_source_conflicts", not conflicts,
                    {"conflicts": conflicts} if conflicts else None))
        yield f"{u} -> {v}", (u, v), out


def _missing(ls: Landscape, rule: str, f: dict, months: int) -> tuple[str | None, str | None]:
    """A failing check's missing fact (its ``detail``) in plain words, and the source that
    overrides the rule's (None when the rule's own)."""
    miss = list(f.get("missing") or [])
    if rule.startswith("has_") and rule[4:] in schema.ROLES:
        label = schema.ROLES[rule[4:]].label.lower()
        people = list(f.get("people") or [])
        if people:
            return (f"{label} has left ({', '.join(ls.name(p) for p in people)})",
                    f"{ROLE_LIST}, {HR_LIST}")
        return f"no {label}", None
    if rule == "has_organisation":
        return "no owning organisation", None
    if rule == "has_classification":
        return f"no classification level for {', '.join(miss)}", None
    if rule in ("classification_fresh", "risk_analysis_fresh"):
        what = "classification" if rule == "classification_fresh" else "risk analysis"
        return (f"no {what} date" if f.get("day") is None else
                f"{what} dated {f['day']}, older than {months} months"), None
    if rule == "continuity_plan":
        t = f.get("level")
        return (f"T{t} but no continuity plan recorded" if f.get("value") is None
                else f"T{t} and continuity plan recorded as no"), None
    if rule == "rto":
        return f"T{f.get('level')} but no RTO", None
    if rule == "lifecycle_dates":
        return "no " + " and no ".join(_LIFECYCLE[m] for m in miss), None
    if rule == "vendor":
        return "no vendor (and not marked in-house)", None
    if rule == "recorded_both_ends":
        return (f"not recorded in {', '.join(ls.name(m) for m in miss)}'s "
                "inventory row"), None
    if rule == "no_source_conflicts":
        text, srcs = _conflict_text(list(f.get("conflicts") or []))
        return f"sources disagree on {text}", (f"sources in conflict: {srcs}" if srcs
                                               else None)
    return None, None


class _Rules:
    """The rule list's lookups, for wording facts as checks."""

    def __init__(self, rules: list[tuple[str, str, str]]):
        self.scope = {r: s for r, s, _ in rules}
        self.source = {r: src for r, _, src in rules}

    def checks(self, ls: Landscape, subject: str, name: str, facts: list, months: int):
        """One subject's facts (from :func:`_subject_facts`) as checks."""
        for rule, passed, detail in facts:
            if rule not in self.scope:
                continue
            missing, source = (None, None) if passed else _missing(ls, rule, detail or {},
                                                                   months)
            yield Check(rule, self.scope[rule], self.source[rule], subject, name, passed,
                        missing, source)


def _kept(ls: Landscape, scope: gc.Scope):
    keep: dict[str, bool] = {}

    def kept(key):
        if key not in keep:
            keep[key] = key in ls and (not scope.active or scope.keep([key]))
        return keep[key]

    return kept


def _checks(ls: Landscape, *, as_of: dt.date, config: Config | None,
            organisation: str | None, object: str | None,  # noqa: A002
            person: str | None):
    """Every (rule, subject) check in scope as :func:`evaluate` lists them, one at a time
    (never a list of every check), and the rule list."""
    cfg = settings(config)
    mandatory = list(orphans.settings(config)["mandatory_roles"])
    rules = _rules(cfg, mandatory)
    scope = gc.Scope(ls, organisation=organisation, object=object, person=person)
    params = fact_params(ls, cfg, mandatory, as_of)
    words = _Rules(rules)
    months = cfg["freshness_months"]

    def stream():
        for subject, ends, group in _subject_facts(ls, params, _kept(ls, scope)):
            name = ls.name(subject) if ends is None else \
                f"{ls.name(ends[0])} -> {ls.name(ends[1])}"
            yield from words.checks(ls, subject, name, group, months)

    return stream(), rules


def evaluate(landscape: Landscape, *, as_of: dt.date, config: Config | None = None,
             organisation: str | None = None, object: str | None = None,  # noqa: A002
             person: str | None = None) -> tuple[list[Check], list[tuple[str, str, str]]]:
    """Every (rule, subject) check in scope, passed or not, and the rule list
    ``(rule, scope, source)``."""
    checks, rules = _checks(gc.lookups(landscape), as_of=as_of, config=config,
                            organisation=organisation, object=object, person=person)
    return list(checks), rules


def _ends(subject: str) -> list[str]:
    return subject.split(" -> ") if " -> " in subject else [subject]


def _groups(ls: Landscape, subject: str, by: str, manager_roles) -> list[tuple[str, str]]:
    out: dict[str, str] = {}
    for s in _ends(subject):
        if by == "object":
            for o in ls.objects_of(s):
                out[o] = ls.name(o)
        elif by == "organisation":
            for o in gc.effective_owners(ls, s):
                out[o] = gc.org_label(ls, o)
        elif by == "manager":
            for r in ls.roles_of(s):
                if r["role"] in manager_roles:
                    out[r["person"]] = ls.name(r["person"])
    if not out:
        return [("", {"object": "(no object)", "organisation": "(no organisation)",
                      "manager": "(no manager)"}[by])]
    return sorted(out.items())


@register("quality", "Data quality audit: each rule, its scope, the failing subjects")
def run(landscape: Landscape, *, as_of: dt.date, config: Config | None = None,
        organisation: str | None = None, object: str | None = None,  # noqa: A002
        person: str | None = None) -> pd.DataFrame:
    """The failing subjects of every quality rule, one finding per rule and subject.

    Parameters
    ----------
    landscape : Landscape
    as_of : datetime.date
        Judges freshness (``freshness_months`` back from it).
    config : ea.config.Config, optional
        Sections ``quality`` and ``orphans`` (mandatory roles).
    organisation, object, person : str, optional
        Filters on the subject (for an integration: either end).

    Returns
    -------
    pandas.DataFrame
        Columns in the module docstring.
    """
    ls = gc.lookups(landscape)
    checks, _ = _checks(ls, as_of=as_of, config=config, organisation=organisation,
                        object=object, person=person)
    rows = list(_failing(ls, checks, settings(config), full=True))
    return gc.frame(rows, COLUMNS, asc=ORDER)


def findings(landscape: Landscape, *, as_of: dt.date, config: Config | None = None,
             organisation: str | None = None, object: str | None = None,  # noqa: A002
             person: str | None = None):
    """The rows of :func:`run` with only the finding columns (subject, name, code, severity,
    reason), one dict at a time in the order the checks come (not the report's order): what
    ``ea check`` takes, without the roll-up columns nobody reads there."""
    ls = gc.lookups(landscape)
    checks, _ = _checks(ls, as_of=as_of, config=config, organisation=organisation,
                        object=object, person=person)
    return _failing(ls, checks, settings(config), full=False)


def _failing(ls: Landscape, checks, cfg: dict, *, full: bool):
    """The failing checks as finding rows; ``full`` adds the columns of :data:`COLUMNS`."""
    counts = gc.integration_counts(ls)
    manager_roles = cfg["manager_roles"]
    high_of: dict[str, bool] = {}  # a system fails several rules: weigh it once

    def high(s: str) -> bool:
        if s not in high_of:
            w = gc.weight(ls, s, counts)
            high_of[s] = (w[0] or 0) >= 3 or (w[1] or 0) >= 3
        return high_of[s]

    for c in checks:
        if c.passed:
            continue
        ends = _ends(c.subject)
        high_end = any([high(s) for s in ends])
        sev = "low" if c.rule == "no_source_conflicts" or not high_end else "medium"
        source = c.source_detail or c.source
        row = {"subject": c.subject, "name": c.name, "code": c.rule, "severity": sev,
               "reason": f"{c.missing}; to be supplied by the {source}"}
        if full:
            row.update({
                "rule_scope": c.scope, "missing": c.missing, "source": source,
                "objects": sorted({ls.name(o) for s in ends for o in ls.objects_of(s)}),
                "organisations": sorted({gc.org_label(ls, o) for s in ends
                                         for o in gc.effective_owners(ls, s)}),
                "managers": sorted({ls.name(r["person"]) for s in ends for r in ls.roles_of(s)
                                    if r["role"] in manager_roles}),
            })
        yield row


def rollup(landscape: Landscape, *, as_of: dt.date, config: Config | None = None,
           by: str = "rule", organisation: str | None = None,
           object: str | None = None, person: str | None = None) -> pd.DataFrame:  # noqa: A002
    """How many subjects pass, per rule or per object, manager or organisation.

    ``by="rule"`` columns: ``rule``, ``scope``, ``source``, ``subjects`` (in scope),
    ``passed``, ``failed``, ``share`` (passed / subjects, 0-1; empty when no subject is in
    scope). Every rule is listed, in a fixed order.

    ``by="object"|"manager"|"organisation"`` columns: ``group`` (node key; empty for "none"),
    ``name``, ``subjects`` (systems and integrations counted under the group), ``checks``
    (rule × subject pairs in scope), ``passed``, ``failed``, ``share``, ``failing_rules``
    ("rule (n)", most failures first). An integration counts under the groups of both ends;
    a system under each of its objects, owners or managers. Sorted by share, lowest first.
    """
    if by not in ROLLUPS:
        raise QueryError(f"--by must be one of {', '.join(ROLLUPS)}, not '{by}'")
    ls = gc.lookups(landscape)
    checks, rules = _checks(ls, as_of=as_of, config=config, organisation=organisation,
                            object=object, person=person)
    if by == "rule":
        n: dict[str, int] = defaultdict(int)
        p: dict[str, int] = defaultdict(int)
        for c in checks:
            n[c.rule] += 1
            p[c.rule] += c.passed
        rows = []
        for rule, scope, source in rules:
            rows.append({"rule": rule, "scope": scope, "source": source, "subjects": n[rule],
                         "passed": p[rule], "failed": n[rule] - p[rule],
                         "share": round(p[rule] / n[rule], 3) if n[rule] else None})
        return pd.DataFrame(rows, columns=["rule", "scope", "source", "subjects", "passed",
                                           "failed", "share"])
    manager_roles = set(settings(config)["manager_roles"])
    acc: dict[str, dict] = {}
    for c in checks:
        for key, name in _groups(ls, c.subject, by, manager_roles):
            g = acc.setdefault(key, {"name": name, "subjects": set(), "checks": 0,
                                     "passed": 0, "fail": defaultdict(int)})
            g["subjects"].add(c.subject)
            g["checks"] += 1
            g["passed"] += c.passed
            if not c.passed:
                g["fail"][c.rule] += 1
    rows = []
    for key, g in acc.items():
        fails = sorted(g["fail"].items(), key=lambda kv: (-kv[1], kv[0]))
        rows.append({"group": key, "name": g["name"], "subjects": len(g["subjects"]),
                     "checks": g["checks"], "passed": g["passed"],
                     "failed": g["checks"] - g["passed"],
                     "share": round(g["passed"] / g["checks"], 3) if g["checks"] else None,
                     "failing_rules": [f"{r} ({n})" for r, n in fails]})
    cols = ["group", "name", "subjects", "checks", "passed", "failed", "share", "failing_rules"]
    df = pd.DataFrame(rows, columns=cols)
    if df.empty:
        return df
    return df.sort_values(["share", "name"], kind="stable").reset_index(drop=True)
