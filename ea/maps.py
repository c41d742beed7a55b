"""Interactive dependency maps: a Landscape (and optionally a query's findings) as one
self-contained HTML file.

Two layers, kept apart so the drawing library can be replaced:

* :func:`build_map` turns a :class:`~ea.landscape.Landscape` into a :class:`MapModel`: the
  view (whole landscape, a focused neighbourhood, or one node per organisation), filters,
  colouring, sizing by hub score, markers (unowned systems, articulation points, external
  systems, placeholders), overlays of query findings and a legend that says what was hidden.
  Plain Python values only; deterministic (sorted nodes and edges, no randomness).
* :class:`PyvisRenderer` turns a model into HTML with pyvis and our own template
  ``ea/templates/map.html``. vis-network's JavaScript and CSS come from the files pyvis ships
  and are inlined, so the page loads nothing from the network (no CDN, no Bootstrap).

pyvis 0.3.2 traps avoided here: no ``show()`` (needs a notebook) and no ``write_html`` with
``cdn_resources="local"`` (loads from a CDN, copies ``lib/`` into the working directory); no
pyvis template (pulls Bootstrap from a CDN); no ``from_nx`` (mutates the graph, quadratic);
node ids are ``str``; numbers are converted to plain ``int``/``float``; options are passed as
a dict (``set_options`` strips spaces).

Tooltips and the legend are built in the browser from text with ``textContent``: names from
the data are never parsed as HTML.

Examples
--------
>>> from ea.landscape import Landscape
>>> ls = Landscape()
>>> a = ls.add_system("a", name="Raindance")
>>> b = ls.add_system("b", name="<img src=x onerror=alert(1)>")
>>> _ = ls.add_integration(a, b, type="file")
>>> model = build_map(ls)
>>> [n["label"] for n in model.nodes if not n.get("layout_only")]
['Raindance', '<img src=x onerror=alert(1)>']
>>> html = render_html(model)
>>> import re
>>> "<img src=x" in html, re.findall(r"<(?:script|link)[^>]*(?:src|href)=", html)
(False, [])
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from ea import schema
from ea.derived.hubs import metrics as hub_metrics
from ea.derived.lifecycle import UNKNOWN, Lifecycle, lifecycle
from ea.derived.lookups import lookups
from ea.derived.organisations import org_at_level, org_descendants, owning_organisation
from ea.derived.roles import UNOWNED_CLASSES, UNOWNED_LABEL, unowned_class
from ea.derived.systems import classification_level, classification_text, effective_levels
from ea.errors import QueryError
from ea.landscape import Landscape, edge_types
from ea.schema import INTEGRATES_WITH, OBJECT, ORGANISATION, PERSON, SYSTEM

#: Settings read from the ``maps`` section of ea.yaml.
DEFAULTS = {
    # Above this many nodes the map switches to settings that keep the browser responsive.
    "large_threshold": 1000,
    # Which level of the organisation tree colours the map: 0 = the top (the region),
    # 1 = the level below it (förvaltningar), ...
    "organisation_level": 1,
}

VIEWS = ("systems", "organisation")
ANCHOR = "layout-anchor:"
COLOR_BY = ("organisation", "lifecycle", "classification")

# Colour-blind-aware categorical palette (Tableau 10 followed by softer companions).
PALETTE = (
    "#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2", "#edc948",
    "#9c755f", "#ff9da7", "#86bcb6", "#d4a6c8", "#a0cbe8", "#8cd17d",
)
NO_OWNER_COLOUR = "#bab0ac"
EXTERNAL_COLOUR = "#79706e"
LIFECYCLE_COLOURS = {
    "planned": "#a0cbe8",
    "implementing": "#4e79a7",
    "active": "#59a14f",
    "phasing_out": "#f28e2b",
    "retired": "#e15759",
    UNKNOWN: "#bab0ac",
}
CLASSIFICATION_COLOURS = {
    0: "#d9f0d3", 1: "#a6dba0", 2: "#fee08b", 3: "#fc8d59", 4: "#d73027", None: "#d0d0d0",
}
UNOWNED_COLOUR = "#d62728"
SEVERITY_COLOURS = {
    "critical": "#b10026", "high": "#e31a1c", "medium": "#fd8d3c", "low": "#fecc5c",
    "info": "#6baed6",
}
EDGE_COLOUR = "#8e99a6"
# Edge style by integration type: vis-network `dashes` (False = solid line).
EDGE_DASHES: dict[str, Any] = {
    "api": False,
    "file": [8, 6],
    "db": [2, 5],
    "mq": [12, 4, 2, 4],
    "event": [12, 4, 2, 4],
    "manual": [18, 8],
    "other": [4, 4],
    UNKNOWN: False,
}
EDGE_TYPE_LABELS = {
    "api": "API / service call", "file": "file transfer", "db": "database link",
    "mq": "message queue", "event": "event", "manual": "manual", "other": "other",
    UNKNOWN: "type not recorded",
}
SHAPES = {
    "local": ("dot", "System owned locally"),
    "external": ("square", "External system (national service, other principal)"),
    "placeholder": ("triangle", "Referenced but never defined (placeholder)"),
    "articulation": ("diamond", "Articulation point: removing it splits the integration graph"),
}


@dataclass
class MapModel:
    """What a map shows, as plain values (JSON-ready, deterministic).

    ``nodes``/``edges`` are vis-network items plus ``tip``: the tooltip as a list of
    ``[label, text]`` rows (plain text, escaped by the page). ``legend`` describes colours,
    shapes, edge styles, markers and what was hidden; ``options`` are vis-network options.
    """

    title: str
    view: str
    nodes: list[dict] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)
    legend: dict = field(default_factory=dict)
    options: dict = field(default_factory=dict)
    large: bool = False

    def data(self) -> dict:
        return {"title": self.title, "view": self.view, "nodes": self.nodes,
                "edges": self.edges, "legend": self.legend, "options": self.options,
                "large": self.large}


# ----------------------------------------------------------------------------- helpers
def _plain(value: Any) -> Any:
    """Numpy scalars and other number types -> plain int/float (JSON-serialisable)."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "item"):  # numpy scalar
        return _plain(value.item())
    if isinstance(value, float):
        return round(value, 3)
    return value


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(_text(v) for v in value if _text(v))
    return str(value)


# ------------------------------------------------------------------------------ model
class _SystemFacts:
    """Per-system facts computed once for the whole landscape (so colours and sizes stay
    the same whichever view or filter is used), each from :mod:`ea.derived`: the hub score,
    rank and articulation points ``ea hubs`` reports, the lifecycle ``ea ageing`` reports,
    the "unowned" ``ea orphans`` counts, the effective classification."""

    def __init__(self, ls: Landscape, as_of: dt.date | None, org_level: int, config=None):
        self.ls = ls = lookups(ls)
        self.graph = ls.integration_graph()
        m = hub_metrics(ls, config)
        self.hub: dict[str, float] = {} if m.empty else {
            k: float(v) for k, v in m["hub_score"].items()}
        self.rank: dict[str, int] = {} if m.empty else {k: int(v) for k, v in m["rank"].items()}
        self.cut: set[str] = set() if m.empty else set(m.index[m["articulation_point"].astype(bool)])
        self.owner: dict[str, str | None] = {}
        self.group: dict[str, str] = {}
        self.life: dict[str, Lifecycle] = {}
        self.lifecycle: dict[str, str] = {}
        self.levels: dict[str, dict] = {}
        self.level: dict[str, int | None] = {}
        self.unowned_class: dict[str, str] = {}
        for key, d in ls.nodes(SYSTEM):
            owner = owning_organisation(ls, key)
            self.owner[key] = owner
            if owner is not None:
                self.group[key] = ls.name(org_at_level(ls, owner, org_level))
            elif d.get("external"):
                self.group[key] = "External (not owned locally)"
            else:
                self.group[key] = "(no owning organisation)"
            self.life[key] = lifecycle(d, as_of)
            self.lifecycle[key] = self.life[key].shown
            self.levels[key] = effective_levels(ls, key)
            self.level[key] = classification_level(ls, key)
            cls = unowned_class(ls, key)
            if cls:
                self.unowned_class[key] = cls
        self.unowned = set(self.unowned_class)
        named = sorted({g for g in self.group.values() if not g.startswith(("(", "External ("))},
                       key=str.casefold)
        self.group_colour = {g: PALETTE[i % len(PALETTE)] for i, g in enumerate(named)}
        self.group_colour["(no owning organisation)"] = NO_OWNER_COLOUR
        self.group_colour["External (not owned locally)"] = EXTERNAL_COLOUR

    def colour(self, key: str, color_by: str) -> tuple[str, str]:
        """(colour, legend label) of a system."""
        if color_by == "lifecycle":
            lc = self.lifecycle[key]
            return LIFECYCLE_COLOURS[lc], schema.LIFECYCLE_LABELS.get(lc, "Lifecycle unknown")
        if color_by == "classification":
            lvl = self.level[key]
            label = ("Not classified" if lvl is None
                     else f"Highest K/R/T/S level {lvl} ({schema.LEVEL_NAMES[lvl]})")
            return CLASSIFICATION_COLOURS[lvl], label
        g = self.group[key]
        return self.group_colour[g], g


def _resolve_focus(ls: Landscape, ref: str) -> tuple[str, list[str]]:
    keys = [k for k in ls.resolve(ref)
            if ls.node(k).get("kind") in (SYSTEM, OBJECT, PERSON, ORGANISATION)]
    if not keys:
        raise QueryError(f"--focus: no system, object, person or organisation called {ref!r}")
    if len(keys) > 1:
        raise QueryError(f"--focus: {ref!r} is ambiguous: "
                         + ", ".join(f"{ls.name(k)} ({k})" for k in keys[:10]))
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
    return key, seeds


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


def _sunflower(n: int, spacing: float) -> list[tuple[float, float]]:
    """n points filling a disc evenly (Vogel's sunflower): deterministic starting positions."""
    golden = math.pi * (3 - math.sqrt(5))
    return [(spacing * math.sqrt(i + 0.5) * math.cos(i * golden),
             spacing * math.sqrt(i + 0.5) * math.sin(i * golden)) for i in range(n)]


def _cluster_positions(members: dict[str, list[str]], spacing: float) -> dict[str, tuple]:
    """Start positions: one disc per group, the groups themselves laid out on a sunflower,
    biggest group in the middle. Gives the physics a start where organisations sit together."""
    groups = sorted(members, key=lambda g: (-len(members[g]), g.casefold()))
    radius = {g: spacing * math.sqrt(len(members[g]) + 1) for g in groups}
    step = 2.2 * max(radius.values(), default=spacing)
    centres = _sunflower(len(groups), step)
    pos = {}
    for g, (cx, cy) in zip(groups, centres, strict=True):
        for key, (x, y) in zip(sorted(members[g]), _sunflower(len(members[g]), spacing),
                               strict=True):
            pos[key] = (round(cx + x, 1), round(cy + y, 1))
    return pos


def build_map(landscape: Landscape, *, as_of: dt.date | None = None, config=None,
              view: str = "systems", focus: str | None = None, depth: int = 1,
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
    view : {"systems", "organisation"}
        One node per system, or one node per organisation with edges weighted by the
        number of integrations between them.
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
    if view not in VIEWS:
        raise QueryError(f"unknown map view {view!r}; choose one of {', '.join(VIEWS)}")
    if color_by not in COLOR_BY:
        raise QueryError(f"--color-by: choose one of {', '.join(COLOR_BY)}")
    if lifecycle:
        bad = [x for x in lifecycle if x not in (*schema.LIFECYCLE, UNKNOWN)]
        if bad:
            raise QueryError(f"--lifecycle: unknown phase {bad[0]!r}; choose from "
                             + ", ".join((*schema.LIFECYCLE, UNKNOWN)))
    settings = config.section("maps", DEFAULTS) if config is not None else dict(DEFAULTS)
    threshold = int(settings["large_threshold"])
    ls = landscape

    def step(n: int) -> None:
        if progress:
            progress("building the map", n, 4)

    step(0)
    facts = _SystemFacts(ls, as_of, int(settings["organisation_level"]), config)
    g = facts.graph
    step(1)

    # ---- which systems: focus, then filters
    notes: list[str] = []
    hidden: list[str] = []
    focus_key, seeds = (None, [])
    if focus:
        focus_key, seeds = _resolve_focus(ls, focus)
        candidates = _neighbourhood(g, seeds, depth)
    else:
        candidates = set(g.nodes)
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
            hidden.append(f"{reasons[why]} systems hidden by filter: {filter_labels[why]}")
    outside = len(g) - len(candidates)
    if focus_key:
        notes.append(f"Focus: {ls.name(focus_key)} ({ls.node(focus_key)['kind']}), "
                     f"{depth} integration hop(s); {outside} systems lie further out")

    # ---- integrations among the visible systems (folded per pair and type), the rest counted
    folded: dict[tuple, list[dict]] = defaultdict(list)
    cut_by_filter = beyond = outside_focus = 0
    for u, v, _k, d in ls.edges(INTEGRATES_WITH):
        if u in visible and v in visible:
            folded[(u, v, d.get("type") or UNKNOWN)].append(d)
        elif u in candidates and v in candidates:
            cut_by_filter += 1
        elif u in visible or v in visible:
            beyond += 1
        else:
            outside_focus += 1
    if cut_by_filter:
        hidden.append(f"{cut_by_filter} integrations hidden with those systems")
    if beyond:
        hidden.append(f"{beyond} integrations lead beyond the focus")
    if outside_focus:
        hidden.append(f"{outside_focus} integrations lie wholly outside the focus")

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
    model = MapModel(title=title or _default_title(ls, view, focus_key), view=view)
    if view == "organisation":
        _organisation_view(model, ls, facts, visible, folded, overlay)
    else:
        _system_view(model, ls, facts, visible, folded, overlay, set(seeds), color_by)
    shown_nodes = sum(1 for n in model.nodes if not n.get("layout_only"))
    shown_edges = sum(1 for e in model.edges if not e.get("layout_only"))
    model.large = shown_nodes > threshold
    model.options = _options(model.large, view)
    if model.large:
        notes.append(f"{shown_nodes} nodes is above maps.large_threshold ({threshold}): "
                     "quick layout, straight edges. For an overview try "
                     "'ea map --by organisation', or narrow with --focus or --organisation")
    step(3)
    _place(model, facts, visible)
    step(4)
    model.legend["notes"] = notes
    model.legend["hidden"] = hidden
    model.legend["counts"] = {"nodes": shown_nodes, "edges": shown_edges}
    model.nodes = _plain(model.nodes)
    model.edges = _plain(model.edges)
    return model


def _default_title(ls: Landscape, view: str, focus_key: str | None) -> str:
    base = ls.meta.get("name") or "IT landscape"
    if focus_key:
        return f"{base}: around {ls.name(focus_key)}"
    return f"{base}: organisations" if view == "organisation" else f"{base}: dependency map"


def _edge_tip(ls: Landscape, u: str, v: str, items: list[dict]) -> list[list[str]]:
    tip = [["Integration", f"{ls.name(u)} → {ls.name(v)}"]]
    types = sorted({t for d in items for t in (edge_types(d) or [UNKNOWN])})
    tip.append(["Type", ", ".join(EDGE_TYPE_LABELS.get(t, t) for t in types)])
    if len(items) > 1:
        tip.append(["Integrations", str(len(items))])
    for label, f in (("Frequency", "frequency"), ("Information", "information")):
        vals = sorted({_text(d.get(f)) for d in items} - {""})
        if vals:
            tip.append([label, "; ".join(vals)])
    vias = sorted({ls.name(d["via"]) for d in items if d.get("via") in ls})
    if vias:
        tip.append(["Via", ", ".join(vias)])
    if any(d.get("bidirectional") for d in items):
        tip.append(["Direction", "both ways"])
    return tip


def _system_tip(ls: Landscape, facts: _SystemFacts, key: str, d: dict) -> list[list[str]]:
    tip = [["System", ls.name(key)]]
    owner = facts.owner[key]
    owner_text = (ls.node(owner).get("path") or ls.name(owner)) if owner else "none recorded"
    tip.append(["Owner", owner_text])
    roles = ls.roles_of(key)
    owners = sorted({ls.name(r["person"]) for r in roles if r["role"] == "object_owner"})
    managers = sorted({ls.name(r["person"]) for r in roles if r["role"] in schema.MANAGER_ROLES})
    tip.append(["Object owner", ", ".join(owners) or "none"])
    tip.append(["Managers", ", ".join(managers) or "none"])
    objs = [ls.name(o) for o in ls.objects_of(key)]
    if objs:
        tip.append(["Object", ", ".join(objs)])
    tip.append(["Classification", classification_text(facts.levels[key])])
    tip.append(["Lifecycle", facts.life[key].text()])
    if isinstance(d.get("criticality"), int):
        tip.append(["Criticality", f"{d['criticality']} "
                    f"({schema.CRITICALITY_NAMES.get(d['criticality'], '')})"])
    ug = facts.graph
    tip.append(["Integrations", f"{ug.in_degree(key)} in, {ug.out_degree(key)} out; "
                f"hub score {facts.hub.get(key, 0):.3f} (rank {facts.rank.get(key, '–')} "
                f"in ea hubs)"])
    marks = []
    if d.get("external"):
        marks.append("external")
    if d.get("placeholder"):
        marks.append("referenced, never defined")
    if key in facts.unowned:
        marks.append(f"unowned: {UNOWNED_CLASSES[facts.unowned_class[key]]}")
    if key in facts.cut:
        marks.append("articulation point")
    if marks:
        tip.append(["Marked", "; ".join(marks)])
    return tip


def _system_view(model: MapModel, ls: Landscape, facts: _SystemFacts, visible: set[str],
                 folded: dict, overlay: dict, seeds: set[str], color_by: str) -> None:
    colours: dict[str, list] = {}
    shape_counts: Counter = Counter()
    for key in sorted(visible):
        d = ls.node(key)
        colour, label = facts.colour(key, color_by)
        entry = colours.setdefault(label, [colour, 0])
        entry[1] += 1
        if d.get("placeholder"):
            shape = "placeholder"
        elif d.get("external"):
            shape = "external"
        elif key in facts.cut:
            shape = "articulation"
        else:
            shape = "local"
        shape_counts[shape] += 1
        border, width = "#2b2b2b", 1
        node = {"id": key, "label": ls.name(key), "shape": SHAPES[shape][0],
                "value": round(facts.hub.get(key, 0.0), 3)}
        if key in facts.cut and shape != "articulation":
            width = 3
        if key in facts.unowned:
            border, width = UNOWNED_COLOUR, 3
            node["shapeProperties"] = {"borderDashes": [4, 2]}
            node["shadow"] = {"enabled": True, "color": "rgba(214,39,40,0.55)", "size": 12,
                              "x": 0, "y": 0}
        tip = _system_tip(ls, facts, key, d)
        if key in overlay:
            rows = overlay[key]
            sev = min((r.get("severity") for r in rows),
                      key=lambda s: schema_rank(s))
            ring = SEVERITY_COLOURS.get(sev, "#6baed6")
            node["shadow"] = {"enabled": True, "color": ring, "size": 22, "x": 0, "y": 0}
            border, width = ring, 5
            for r in rows:
                tip.append([f"Finding ({r['_query']})",
                            f"{_text(r.get('code'))} [{_text(r.get('severity'))}]: "
                            f"{_text(r.get('reason'))}"])
        elif overlay:
            node["opacity"] = 0.3
        if key in seeds and len(seeds) < len(visible):
            node["font"] = {"bold": True}
            width = max(width, 4)
        node["color"] = {"background": colour, "border": border,
                         "highlight": {"background": colour, "border": "#000000"},
                         "hover": {"background": colour, "border": "#000000"}}
        node["borderWidth"] = width
        node["tip"] = tip
        model.nodes.append(node)
    # Layout only: a hidden anchor per organisation, tied to its systems by hidden springs,
    # so each organisation's systems settle together (vis-network keeps hidden items in
    # the physics). Not counted, not drawn.
    for gname in sorted({facts.group[k] for k in visible}):
        model.nodes.append({"id": f"{ANCHOR}{gname}", "label": " ", "hidden": True,
                            "shape": "dot", "value": 0, "layout_only": True})
    for key in sorted(visible):
        model.edges.append({"id": f"{ANCHOR}{key}", "from": key,
                            "to": f"{ANCHOR}{facts.group[key]}", "hidden": True,
                            "length": 40, "arrows": "", "layout_only": True})
    for (u, v, t), items in sorted(folded.items()):
        edge = {"id": f"{u}|{v}|{t}", "from": u, "to": v, "dashes": EDGE_DASHES.get(t, False),
                "width": round(1 + math.log2(len(items)), 2), "tip": _edge_tip(ls, u, v, items),
                "arrows": "to, from" if any(d.get("bidirectional") for d in items) else "to"}
        model.edges.append(edge)
    title = {"organisation": "Colour: owning organisation",
             "lifecycle": "Colour: lifecycle", "classification": "Colour: classification"}
    model.legend.update({
        "colour_title": title[color_by],
        "colours": [{"label": lab, "color": c, "count": n}
                    for lab, (c, n) in sorted(colours.items(), key=lambda kv: kv[0].casefold())],
        "shapes": [{"shape": SHAPES[s][0], "label": SHAPES[s][1], "count": shape_counts[s]}
                   for s in SHAPES if shape_counts[s]],
        "markers": [m for m in (
            {"kind": "unowned", "color": UNOWNED_COLOUR,
             "label": UNOWNED_LABEL,
             "count": sum(1 for k in visible if k in facts.unowned)},
            {"kind": "size", "label": "Size: hub score, as in 'ea hubs'", "count": None},
        ) if m["count"] is None or m["count"]],
        "edges": [{"dashes": EDGE_DASHES.get(t, False), "label": EDGE_TYPE_LABELS.get(t, t),
                   "count": n}
                  for t, n in sorted(Counter(t for (_, _, t) in folded).items())],
        "edge_note": "Arrows point the way data flows; thicker = more integrations",
    })


def schema_rank(severity: Any) -> int:
    from ea.queries import SEVERITY_RANK

    return SEVERITY_RANK.get(severity, 99)


def _organisation_view(model: MapModel, ls: Landscape, facts: _SystemFacts, visible: set[str],
                       folded: dict, overlay: dict) -> None:
    members: dict[str, list[str]] = defaultdict(list)
    for key in sorted(visible):
        members[facts.group[key]].append(key)
    pair: dict[tuple[str, str], Counter] = defaultdict(Counter)
    internal: Counter = Counter()
    for (u, v, t), items in folded.items():
        gu, gv = facts.group[u], facts.group[v]
        if gu == gv:
            internal[gu] += len(items)
        else:
            pair[(gu, gv)][t] += len(items)
    for gname in sorted(members, key=str.casefold):
        keys = members[gname]
        colour = facts.group_colour[gname]
        unowned = sum(1 for k in keys if k in facts.unowned)
        found = sum(len(overlay.get(k, [])) for k in keys)
        tip = [["Organisation", gname], ["Systems", str(len(keys))],
               ["Unowned systems", str(unowned)],
               ["Integrations inside", str(internal[gname])],
               ["Biggest hubs", ", ".join(ls.name(k) for k in sorted(
                   keys, key=lambda k: (-facts.hub.get(k, 0), k))[:5])]]
        node = {"id": f"group:{gname}", "label": f"{gname} ({len(keys)})",
                "shape": "square" if gname.startswith("External (") else "dot",
                "value": len(keys), "borderWidth": 4 if unowned else 1,
                "color": {"background": colour,
                          "border": UNOWNED_COLOUR if unowned else "#2b2b2b"}}
        if overlay:
            tip.append(["Findings", str(found)])
            if not found:
                node["opacity"] = 0.3
        node["tip"] = tip
        model.nodes.append(node)
    for (gu, gv), types in sorted(pair.items()):
        n = sum(types.values())
        model.edges.append({
            "id": f"group:{gu}|group:{gv}", "from": f"group:{gu}", "to": f"group:{gv}",
            "label": str(n), "value": n, "arrows": "to",
            "tip": [["Integrations", f"{gu} → {gv}: {n}"],
                    ["By type", ", ".join(f"{EDGE_TYPE_LABELS.get(t, t)} {c}"
                                          for t, c in sorted(types.items()))]]})
    model.legend.update({
        "colour_title": "One node per organisation (size: number of systems)",
        "colours": [{"label": g, "color": facts.group_colour[g], "count": len(members[g])}
                    for g in sorted(members, key=str.casefold)],
        "shapes": [], "edges": [],
        "markers": [{"kind": "unowned", "color": UNOWNED_COLOUR,
                     "label": "Red border: has unowned systems",
                     "count": sum(1 for g in members
                                  if any(k in facts.unowned for k in members[g]))}],
        "edge_note": "Edge label and width: number of integrations, in the way data flows",
    })


def _options(large: bool, view: str = "systems") -> dict:
    opts: dict = {
        "nodes": {"scaling": {"min": 10, "max": 48,
                              "label": {"enabled": True, "min": 12, "max": 36,
                                        "drawThreshold": 9, "maxVisible": 40}},
                  "font": {"face": "Helvetica, Arial, sans-serif", "strokeWidth": 3,
                           "strokeColor": "#ffffff"}},
        "edges": {"color": {"color": EDGE_COLOUR, "highlight": "#2b2b2b", "hover": "#2b2b2b",
                            "opacity": 0.75},
                  "arrows": {"to": {"scaleFactor": 0.5}, "from": {"scaleFactor": 0.5}},
                  "scaling": {"min": 1, "max": 8},
                  "smooth": {"enabled": True, "type": "continuous", "roundness": 0.3},
                  "font": {"size": 11, "strokeWidth": 3, "align": "middle"}},
        "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False,
                        "keyboard": False, "multiselect": True},
        "layout": {"randomSeed": 7, "improvedLayout": False},
        "physics": {"enabled": True, "solver": "forceAtlas2Based",
                    "forceAtlas2Based": {"gravitationalConstant": -70, "centralGravity": 0.008,
                                         "springLength": 90, "springConstant": 0.06,
                                         "avoidOverlap": 0.3},
                    "stabilization": {"enabled": True, "iterations": 400,
                                      "updateInterval": 50, "fit": True},
                    "minVelocity": 1.0},
    }
    if view == "organisation":
        opts["nodes"]["scaling"] = {"min": 14, "max": 60,
                                    "label": {"enabled": True, "min": 13, "max": 20}}
        opts["edges"]["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.15}
        opts["edges"]["scaling"] = {"min": 1, "max": 12,
                                    "label": {"enabled": False}}
        opts["physics"]["forceAtlas2Based"].update({"springLength": 260,
                                                    "gravitationalConstant": -400})
    if large:
        opts["edges"]["smooth"] = False
        opts["interaction"]["hideEdgesOnDrag"] = True
        opts["physics"] = {"enabled": True, "solver": "barnesHut",
                           "barnesHut": {"gravitationalConstant": -3000, "springLength": 90,
                                         "springConstant": 0.04, "avoidOverlap": 0.1},
                           "stabilization": {"enabled": True, "iterations": 100,
                                             "updateInterval": 50, "fit": True},
                           "minVelocity": 2.0}
    return opts


def _place(model: MapModel, facts: _SystemFacts, visible: set[str]) -> None:
    """Start positions in Python: one disc per organisation (organisations sit together)."""
    if model.view == "organisation":
        members = {n["id"]: [n["id"]] for n in model.nodes}
        pos = _cluster_positions(members, 160.0)
    else:
        members: dict[str, list[str]] = defaultdict(list)
        for key in visible:
            members[facts.group[key]].append(key)
        pos = _cluster_positions(members, 28.0)
        for gname, keys in members.items():
            xs = [pos[k] for k in keys]
            pos[f"{ANCHOR}{gname}"] = (round(sum(x for x, _ in xs) / len(xs), 1),
                                       round(sum(y for _, y in xs) / len(xs), 1))
    for n in model.nodes:
        n["x"], n["y"] = pos[n["id"]]


# --------------------------------------------------------------------------- renderer
class PyvisRenderer:
    """Renders a :class:`MapModel` to one self-contained HTML page with pyvis and
    ``ea/templates/map.html``. Replaceable: anything with ``render(model) -> str`` will do."""

    VIS_DIR = ("templates", "lib", "vis-9.1.2")

    def render(self, model: MapModel) -> str:
        from pyvis.network import Network

        net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
        net.node_ids = _IdList()  # pyvis checks membership in a list: O(n) per edge
        for n in model.nodes:
            opts = dict(n)
            net.add_node(str(opts.pop("id")), label=opts.pop("label"),
                         shape=opts.pop("shape", "dot"), **opts)
        for e in model.edges:
            opts = dict(e)
            net.add_edge(opts.pop("from"), opts.pop("to"), **opts)
        net.options = model.options  # a dict: pyvis's set_options would strip spaces
        nodes, edges, _heading, _h, _w, _opts = net.get_network_data()
        data = {**model.data(), "nodes": _plain(nodes), "edges": _plain(edges)}
        html = _environment().get_template("map.html").render(
            title=model.title, data=data, vis_js=_asset("vis-network.min.js"),
            vis_css=_asset("vis-network.css"))
        return html.replace("__EA_CSP__", _content_security_policy(html), 1)


_SCRIPT_RE = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def _content_security_policy(html: str) -> str:
    """A policy that lets the page load nothing at all and run only its own inline scripts
    (by hash): no request can leave the page, and an event handler smuggled into the page
    would not run."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(m.group(1).encode("utf-8")).digest()).decode()
        + "'" for m in _SCRIPT_RE.finditer(html))
    return (f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; "
            "img-src data:; font-src data:; connect-src 'none'; form-action 'none'; "
            "base-uri 'none'")


class _IdList(list):
    """A list with set-speed membership tests (pyvis scans ``node_ids`` on every add)."""

    def __init__(self):
        super().__init__()
        self._set: set = set()

    def append(self, item):
        self._set.add(item)
        super().append(item)

    def __contains__(self, item):
        return item in self._set


@lru_cache(maxsize=1)
def _environment():
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    here = Path(__file__).parent / "templates"
    return Environment(loader=FileSystemLoader(str(here)), autoescape=select_autoescape(["html"]),
                       keep_trailing_newline=True)


@lru_cache(maxsize=4)
def _asset(name: str):
    """A vis-network file shipped inside the pyvis package, safe to inline."""
    from markupsafe import Markup

    res = resources.files("pyvis").joinpath(*PyvisRenderer.VIS_DIR, name)
    text = res.read_text(encoding="utf-8")
    # Inline code must not close its own element early.
    text = text.replace("</script", "<\\/script").replace("</style", "<\\/style")
    return Markup(text)


def render_html(model: MapModel, renderer: PyvisRenderer | None = None) -> str:
    """The map as one self-contained HTML page (str)."""
    return (renderer or PyvisRenderer()).render(model)


def write_map(model: MapModel, path: str | Path) -> Path:
    """Write the map atomically to ``path``; returns the path."""
    from ea.store.snapshot import atomic_write_text

    atomic_write_text(path, render_html(model), backup=False)
    return Path(path)
