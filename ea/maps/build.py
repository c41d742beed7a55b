"""``build_map``: which systems a map shows (focus, filters), what it says was hidden, the
findings overlaid; the views draw it."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

import networkx as nx
import pandas as pd

from ea import schema
from ea.derived.lifecycle import UNKNOWN
from ea.derived.lookups import collector_paused
from ea.derived.organisations import org_descendants, owning_organisation
from ea.errors import QueryError
from ea.landscape import Landscape
from ea.schema import OBJECT, ORGANISATION, PERSON, SYSTEM

from .layout import _place
from .model import MapModel, _plain, _SystemFacts
from .style import (
    COLOR_BY,
    DEFAULTS,
    VIEWS,
    _options,
)
from .views import _organisation_view, _partner_organisations, _system_view

FOCUS_KINDS = (SYSTEM, OBJECT, PERSON, ORGANISATION)


def _candidates(ls: Landscape, keys) -> str:
    return ", ".join(f"{ls.name(k)} ({ls.node(k)['kind'].lower()})" for k in keys[:10]) + (
        f" and {len(keys) - 10} more" if len(keys) > 10 else "")


def near_misses(ls: Landscape, ref: str) -> tuple[list[str], str]:
    """Systems, objects, people and organisations a ``ref`` that names nothing exactly may
    mean, and how they match: ``"starts with it"`` (a name that begins with ``ref``; when
    several do, the one that does in the same letter case, if only one does),
    ``"contains it"`` (a name with ``ref`` inside it), else ``"close to"`` (close spellings,
    as ``ea show`` suggests them). Case, accents, spaces and punctuation are folded away
    (:func:`ea.landscape.loose_name`). Sorted by name; ``([], "")`` when nothing is near."""
    import difflib

    from ea.landscape import loose_name, norm_name

    want = loose_name(ref)
    if not want:
        return [], ""
    named = sorted(((ls.name(k), k) for k, d in ls.graph.nodes(data=True)
                    if d.get("kind") in FOCUS_KINDS), key=lambda t: (t[0].casefold(), t[1]))
    folded = [(loose_name(n), n, k) for n, k in named]
    starts = [(n, k) for f, n, k in folded if f.startswith(want)]
    if len(starts) > 1:
        same_case = [k for n, k in starts if norm_name(n).startswith(norm_name(ref))]
        if len(same_case) == 1:
            others = ", ".join(f"{n} ({ls.node(k)['kind'].lower()})"
                               for n, k in starts if k != same_case[0])
            return same_case, f"starts with it in that letter case (also: {others})"
    if starts:
        return [k for _n, k in starts], "starts with it"
    keys = [k for f, _n, k in folded if want in f]
    if keys:
        return keys, "contains it"
    close = set(difflib.get_close_matches(ref, [n for n, _ in named], n=5, cutoff=0.6))
    return [k for n, k in named if n in close], "close to"


def _resolve_focus(ls: Landscape, ref: str) -> tuple[str, list[str], str | None]:
    """The node ``--focus`` names and its systems (and a note when a near miss was used).

    Exact (name, id, e-mail, key; then case-insensitive) as ``ea show`` resolves it, a
    single system preferred among several nodes of that name; else the one name that starts
    with ``ref`` or, failing that, contains it, used with a note. Several such names, or none,
    is an error naming the candidates."""
    note = None
    keys = [k for k in ls.resolve(ref) if ls.node(k).get("kind") in FOCUS_KINDS]
    if len(keys) > 1:
        systems = [k for k in keys if ls.node(k)["kind"] == SYSTEM]
        if len(systems) != 1:
            raise QueryError(f"--focus: {ref!r} is ambiguous, it names {len(keys)}: "
                             f"{_candidates(ls, keys)}; give the id or key")
        keys = systems
    if not keys:
        near, how = near_misses(ls, ref)
        if len(near) == 1 and how != "close to":
            keys = near
            note = (f"--focus {ref!r}: using {ls.name(near[0])} "
                    f"({ls.node(near[0])['kind'].lower()}), the only name that {how}")
        elif near:
            raise QueryError(f"--focus: no system, object, person or organisation called "
                             f"{ref!r}; did you mean: {_candidates(ls, near)}?")
        else:
            raise QueryError(
                f"--focus: no system, object, person or organisation called {ref!r}")
    key = keys[0]
    kind = ls.node(key)["kind"]
    if kind == SYSTEM:
        seeds = [key]
    elif kind == OBJECT:
        seeds = ls.systems_of(key)
    elif kind == PERSON:
        seeds = set()
        for _, subj, d in ls.graph.out_edges(key, data=True):
            if d.get("kind") != schema.HAS_ROLE:
                continue
            if ls.node(subj)["kind"] == SYSTEM:
                seeds.add(subj)
            else:
                seeds.update(ls.systems_of(subj))
        seeds = sorted(seeds)
    else:  # organisation: its systems and those of every organisation below it
        below = org_descendants(ls, key)
        seeds = sorted(s for s, _ in ls.nodes(SYSTEM) if owning_organisation(ls, s) in below)
    if not seeds:
        raise QueryError(f"--focus: {ls.name(key)} ({kind}) has no systems to show")
    return key, seeds, note


def _neighbourhood(g: nx.DiGraph, seeds: list[str], depth: int) -> set[str]:
    ug = g.to_undirected(as_view=True)
    seen = set(seeds)
    frontier = set(seeds)
    for _ in range(max(depth, 0)):
        nxt = {m for n in frontier for m in ug.neighbors(n)} - seen
        seen |= nxt
        frontier = nxt
    return seen


def _org_filter(ls: Landscape, name: str) -> set[str]:
    orgs = [k for k in ls.resolve(name, ORGANISATION)]
    if not orgs:
        raise QueryError(f"--organisation: no organisation called {name!r}")
    return set().union(*(org_descendants(ls, o) for o in orgs))


def _findings_by_node(ls: Landscape, findings: pd.DataFrame | None) -> dict[str, list[dict]]:
    """Findings keyed by system (a finding about an object applies to its systems)."""
    out: dict[str, list[dict]] = defaultdict(list)
    if findings is None or findings.empty:
        return out
    for row in findings.to_dict("records"):
        subj = row.get("subject")
        if not isinstance(subj, str) or subj not in ls:
            continue
        kind = ls.node(subj).get("kind")
        targets = [subj] if kind == SYSTEM else ls.systems_of(subj) if kind == OBJECT else []
        if kind == ORGANISATION:
            targets = [subj]
        for t in targets:
            out[t].append(row)
    return out


def build_map(landscape: Landscape, *, as_of: dt.date | None = None, config=None,
              view: str = "auto", focus: str | None = None, depth: int = 1,
              organisation: str | None = None, criticality: int | None = None,
              lifecycle: list[str] | tuple[str, ...] | None = None,
              external: bool | None = None, color_by: str = "organisation",
              findings: dict[str, pd.DataFrame] | None = None,
              title: str | None = None, progress=None) -> MapModel:
    """Build the map model of a landscape.

    Parameters
    ----------
    landscape : Landscape
    as_of : datetime.date, optional
        Derive lifecycle phases from the dates as of this day (else the recorded status).
    config : ea.config.Config, optional
        Reads the ``maps`` section (see :data:`DEFAULTS`).
    view : {"auto", "systems", "organisation"}
        One node per system, or one node per organisation with edges weighted by the
        number of integrations between them. ``auto``: the organisation view when the
        whole landscape (no ``focus``, no ``organisation``) has more than
        ``maps.large_threshold`` systems to show, else the systems view.
    focus : str, optional
        A system, object, person or organisation (name, id or key): show its systems and
        their neighbours up to ``depth`` integration hops.
    organisation, criticality, lifecycle, external
        Filters: systems of this organisation or below it; of criticality >= N; in one of
        these lifecycle phases; only external (True) or only local (False) systems. The
        focus systems themselves are never filtered out. The legend counts what was hidden.
    color_by : {"organisation", "lifecycle", "classification"}
    findings : dict of name -> DataFrame, optional
        Query findings (columns subject, code, severity, reason) to overlay: their systems
        are ringed in the severity's colour, the others faded.
    title : str, optional

    progress : callable, optional
        ``progress("building the map", step, steps)`` between the steps (facts, selection,
        nodes and edges, layout); nothing is printed here.

    Returns
    -------
    MapModel
    """
    _check_options(view, color_by, lifecycle)
    settings = _settings(config)

    def step(n: int) -> None:
        if progress:
            progress("building the map", n, 4)

    step(0)
    with collector_paused():  # the map's values hold no cycles (see ea.derived.lookups)
        facts = _SystemFacts(landscape, as_of, settings["organisation_level"], config)
        step(1)
        return _build(landscape, facts, settings, view=view, focus=focus, depth=depth,
                      organisation=organisation, criticality=criticality,
                      lifecycle=lifecycle, external=external, color_by=color_by,
                      findings=findings, title=title, step=step)


def _check_options(view: str, color_by: str, lifecycle) -> None:
    if view not in VIEWS:
        raise QueryError(f"unknown map view {view!r}; choose one of {', '.join(VIEWS)}")
    if color_by not in COLOR_BY:
        raise QueryError(f"--color-by: choose one of {', '.join(COLOR_BY)}")
    if lifecycle:
        bad = [x for x in lifecycle if x not in (*schema.LIFECYCLE, UNKNOWN)]
        if bad:
            raise QueryError(f"--lifecycle: unknown phase {bad[0]!r}; choose from "
                             + ", ".join((*schema.LIFECYCLE, UNKNOWN)))


def _settings(config) -> dict:
    return config.section("maps", DEFAULTS) if config is not None else dict(DEFAULTS)


def _build(ls: Landscape, facts: _SystemFacts, settings: dict, *, view: str,
           focus: str | None = None, depth: int = 1, organisation: str | None = None,
           criticality: int | None = None, lifecycle=None, external: bool | None = None,
           color_by: str = "organisation", findings: dict | None = None,
           title: str | None = None, group: str | None = None, step=None) -> MapModel:
    """One map from facts computed once: :func:`build_map`'s work after the facts, also
    run once per organisation page of :func:`build_drill_down` (``group``: that
    organisation's systems and the systems they exchange data with)."""
    threshold = int(settings["large_threshold"])
    step = step or (lambda n: None)
    systems = list(facts.owner)

    # ---- which systems: focus (or one organisation's page), then filters
    notes: list[str] = []
    hidden: list[str] = []
    focus_key, seeds, focus_note = (None, [], None)
    members: set[str] = set()
    if focus:
        focus_key, seeds, focus_note = _resolve_focus(ls, focus)
        candidates = _neighbourhood(facts.graph, seeds, depth)
    elif group is not None:
        members = {k for k in systems if facts.group[k] == group}
        candidates = _neighbourhood(facts.graph, sorted(members), 1)
    else:
        candidates = set(systems)
    keep_orgs = _org_filter(ls, organisation) if organisation else None
    reasons: Counter = Counter()
    visible = set()
    for key in sorted(candidates):
        d = ls.node(key)
        why = None
        if key not in seeds:
            if keep_orgs is not None and facts.owner[key] not in keep_orgs:
                why = "organisation"
            elif criticality is not None and not (isinstance(d.get("criticality"), int)
                                                  and d["criticality"] >= criticality):
                why = "criticality"
            elif lifecycle and facts.lifecycle[key] not in lifecycle:
                why = "lifecycle"
            elif external is not None and bool(d.get("external")) != external:
                why = "external"
        if why:
            reasons[why] += 1
        else:
            visible.add(key)
    filter_labels = {"organisation": f"not in organisation {organisation!r}",
                     "criticality": f"criticality below {criticality} or not recorded",
                     "lifecycle": "lifecycle not " + "/".join(lifecycle or ()),
                     "external": "external" if external is False else "owned locally"}
    for why in ("organisation", "criticality", "lifecycle", "external"):
        if reasons[why]:
            hidden.append(f"{_n(reasons[why], 'system')} hidden by filter: {filter_labels[why]}")
    outside = len(systems) - len(candidates)
    if focus_note:
        notes.append(focus_note)
    if focus_key:
        notes.append(f"Focus: {ls.name(focus_key)} ({ls.node(focus_key)['kind']}), "
                     f"{depth} integration hop(s); {outside} systems lie further out")
    fold = None
    if group is not None:
        own = len(members & visible)
        threshold_ = int(settings["large_threshold"])
        if len(visible) > threshold_ and len(visible) > own:
            # Too many to draw one by one: the partners become one node per organisation.
            fold = visible - members
            notes.append(f"{group}: its {own} systems, and the {len(fold)} systems of other "
                         f"organisations they exchange data with as one node per "
                         f"organisation (all {len(visible)} would be above "
                         f"maps.large_threshold, {threshold_}). Click one to open its page")
        else:
            notes.append(f"{group}: its {own} systems and the {len(visible) - own} systems "
                         f"of other organisations they exchange data with")

    # ---- integrations among the visible systems (folded per pair and type), the rest counted
    folded: dict[tuple, list[dict]] = defaultdict(list)
    cut_by_filter = beyond = outside_focus = 0
    for u, v, _k, d in facts.integrations:
        if u in visible and v in visible:
            folded[(u, v, d.get("type") or UNKNOWN)].append(d)
        elif u in candidates and v in candidates:
            cut_by_filter += 1
        elif u in visible or v in visible:
            beyond += 1
        else:
            outside_focus += 1
    if cut_by_filter:
        hidden.append(f"{_n(cut_by_filter, 'integration')} hidden with those systems")
    where = "this map" if group is not None else "the focus"
    if beyond:
        hidden.append(f"{_n(beyond, 'integration')} lead{'s' if beyond == 1 else ''} beyond {where}")
    if outside_focus:
        hidden.append(f"{_n(outside_focus, 'integration')} lie{'s' if outside_focus == 1 else ''} wholly "
                      f"outside {where}")

    overlay = {}
    for name, frame in sorted((findings or {}).items()):
        for key, rows in _findings_by_node(ls, frame).items():
            overlay.setdefault(key, []).extend({**r, "_query": name} for r in rows)
    if findings:
        total = sum(len(f) for f in findings.values())
        shown = sum(len(v) for k, v in overlay.items() if k in visible)
        notes.append(f"Highlighted: {', '.join(sorted(findings))}: {total} findings, "
                     f"{len({k for k in overlay if k in visible})} systems on this map"
                     + (f" ({total - shown} findings concern nothing shown here)"
                        if total > shown else ""))

    step(2)
    across: dict[tuple, list[dict]] = {}
    if fold:
        visible = visible - fold
        among = sum(len(items) for (u, v, _t), items in folded.items()
                    if u in fold and v in fold)
        across = {e: items for e, items in folded.items() if (e[0] in fold) != (e[1] in fold)}
        folded = {e: items for e, items in folded.items()
                  if e[0] not in fold and e[1] not in fold}
        if among:
            hidden.append(f"{_n(among, 'integration')} among the other organisations' systems")
    large = len(visible) > threshold
    if view == "auto":
        view = ("organisation" if large and not focus_key and not organisation
                and group is None else "systems")
        if view == "organisation":
            notes.append(f"{len(visible)} systems is above maps.large_threshold ({threshold}): "
                         "one node per organisation. Click one for the command that maps its "
                         "systems (ea map --organisation NAME); 'ea map -o DIR/' writes a page "
                         "per organisation to click through, 'ea map --by system' every system")
    elif large and view == "systems" and group is None:
        notes.append(f"{len(visible)} systems is above maps.large_threshold ({threshold}): "
                     "for an overview try 'ea map --by organisation', or narrow with --focus "
                     "or --organisation")
    model = MapModel(title=title or _default_title(ls, view, focus_key, group), view=view,
                     organisation=group or "")
    if focus_note:
        model.messages.append(focus_note)
    if view == "organisation":
        _organisation_view(model, ls, facts, visible, folded, overlay)
    else:
        _system_view(model, ls, facts, visible, folded, overlay, set(seeds), color_by)
        if fold:
            _partner_organisations(model, ls, facts, group, across)
    shown_nodes = len(model.nodes)
    shown_edges = len(model.edges)
    model.large = large
    model.large_threshold = threshold
    model.options = _options(view, shown_nodes)
    step(3)
    _place(model, facts, visible, int(settings["hub_labels"]))
    step(4)
    model.legend["notes"] = notes
    model.legend["hidden"] = hidden
    model.legend["counts"] = {"nodes": shown_nodes, "edges": shown_edges}
    if fold:
        partners = sum(1 for n in model.nodes if n.get("partner"))
        model.legend["counts"].update(nodes=shown_nodes - partners, organisations=partners)
    model.nodes = _plain(model.nodes)
    model.edges = _plain(model.edges)
    return model


def _default_title(ls: Landscape, view: str, focus_key: str | None,
                   group: str | None = None) -> str:
    base = ls.meta.get("name") or "IT landscape"
    if group is not None:
        return f"{base}: {group}"
    if focus_key:
        return f"{base}: around {ls.name(focus_key)}"
    return f"{base}: organisations" if view == "organisation" else f"{base}: dependency map"


#: The drill-down's overview page; each organisation's page links back to it.
INDEX = "index.html"


def page_names(groups) -> dict[str, str]:
    """A file name for each organisation's page: ``org-`` and its name folded to ASCII
    letters, digits and hyphens (at most 60 of them), numbered when two fold alike. Names
    are untrusted: nothing of them but those characters reaches a path or a link.

    >>> page_names(["Hälso- och sjukvårdsförvaltningen", "../../etc", "HÄLSO- OCH SJUKVÅRDSFÖRVALTNINGEN"])
    {'Hälso- och sjukvårdsförvaltningen': 'org-halso-och-sjukvardsforvaltningen.html', '../../etc': 'org-etc.html', 'HÄLSO- OCH SJUKVÅRDSFÖRVALTNINGEN': 'org-halso-och-sjukvardsforvaltningen-2.html'}
    """
    import re
    import unicodedata

    out: dict[str, str] = {}
    taken: set[str] = set()
    for g in groups:
        ascii_ = unicodedata.normalize("NFKD", g).encode("ascii", "ignore").decode()
        slug = re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")[:60].strip("-")
        base = f"org-{slug or 'organisation'}"
        name, i = f"{base}.html", 1
        while name in taken:
            i += 1
            name = f"{base}-{i}.html"
        taken.add(name)
        out[g] = name
    return out


def build_drill_down(landscape: Landscape, *, as_of: dt.date | None = None, config=None,
                     criticality: int | None = None,
                     lifecycle: list[str] | tuple[str, ...] | None = None,
                     external: bool | None = None, color_by: str = "organisation",
                     findings: dict[str, pd.DataFrame] | None = None,
                     title: str | None = None,
                     progress=None) -> tuple[MapModel, dict[str, MapModel]]:
    """The organisation view and one map per organisation, linked: ``ea map -o DIR/``.

    The overview is the organisation view (one node per organisation, one edge per pair);
    clicking an organisation opens its page: its systems and the systems of other
    organisations they exchange data with, each in its organisation's disc, positions
    computed here. Every page links back to the overview. The per-system facts (owners,
    unowned, hub metrics, lifecycle) are computed once for all pages, so every page
    says what ``ea orphans`` and ``ea hubs`` say.

    Parameters are :func:`build_map`'s filters, applied on every page.

    Returns
    -------
    (MapModel, dict of file name -> MapModel)
        The overview (to be written as :data:`INDEX`; its organisation nodes carry
        ``href``, the file name of their page) and the pages.

    Examples
    --------
    >>> from ea.landscape import Landscape
    >>> ls = Landscape()
    >>> org = ls.add_organisation("o", name="Socialförvaltningen")
    >>> a, b = ls.add_system("a", name="Procapita"), ls.add_system("b", name="NPÖ", external=True)
    >>> _ = ls.add_edge("OWNED_BY", a, org)
    >>> _ = ls.add_integration(a, b)
    >>> overview, pages = build_drill_down(ls)
    >>> [(n["label"], n["href"]) for n in overview.nodes]
    [('External (not owned locally) (1)', 'org-external-not-owned-locally.html'), ('Socialförvaltningen (1)', 'org-socialforvaltningen.html')]
    >>> sorted(n["label"] for n in pages["org-socialforvaltningen.html"].nodes)
    ['NPÖ', 'Procapita']
    """
    _check_options("organisation", color_by, lifecycle)
    settings = _settings(config)
    options = dict(criticality=criticality, lifecycle=lifecycle, external=external,
                   findings=findings)
    with collector_paused():
        facts = _SystemFacts(landscape, as_of, settings["organisation_level"], config)
        overview = _build(landscape, facts, settings, view="organisation", title=title,
                          **options)
        groups = [n["id"].removeprefix("group:") for n in overview.nodes]
        names = page_names(groups)
        for n in overview.nodes:
            name = names[n["id"].removeprefix("group:")]
            n["href"] = name
            n.pop("drill", None)
            n["tip"] = [r for r in n["tip"] if r[0] != "Its systems"] + [
                ["Its map", f"click to open {name}"]]
        for c in overview.legend["colours"]:
            c["href"] = names[c["label"]]
        overview.legend["drill_note"] = ("Click an organisation (or its name above) to open "
                                         "the map of its systems")
        pages: dict[str, MapModel] = {}
        for i, g in enumerate(groups):
            if progress:
                progress("building the organisation pages", i, len(groups))
            page = _build(landscape, facts, settings, view="systems", group=g,
                          color_by=color_by, title=f"{title}: {g}" if title else None,
                          **options)
            page.back = INDEX
            for n in page.nodes:  # a big page's partners, one node per organisation
                if n.get("partner") in names:
                    n["href"] = names[n["partner"]]
                    n["tip"].append(["Its map", f"click to open {n['href']}"])
            pages[names[g]] = page
        if progress:
            progress("building the organisation pages", len(groups), len(groups))
    return overview, pages


def _n(n: int, noun: str) -> str:
    """``1 integration``, ``3 integrations``: a count with its English noun (ea/i18n.py reads
    the sentences back into Swedish)."""
    return f"{n} {noun}{'' if n == 1 else 's'}"
