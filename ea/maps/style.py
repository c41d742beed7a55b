"""How a map looks: the ``maps`` settings, colours, shapes, edge styles and the
vis-network options. No facts here: what is unowned, a hub or ageing comes from
:mod:`ea.derived`."""

from __future__ import annotations

from typing import Any

from ea.derived.lifecycle import UNKNOWN

#: Settings read from the ``maps`` section of ea.yaml.
DEFAULTS = {
    # Above this many systems the whole-landscape map opens as the organisation view (one
    # node per organisation; drill down with --organisation), unless --by system is given.
    "large_threshold": 2500,
    # How many of the top hubs (in ea hubs' order) get an always-visible label.
    "hub_labels": 30,
    # Which level of the organisation tree colours and groups the map: 0 = the top (the
    # region, each municipality), 1 = the level below it (förvaltningar), ...; "auto": 0
    # when several top organisations own local systems (a country, a group of
    # municipalities), else 1 (one region's förvaltningar)
    "organisation_level": "auto",
}

VIEWS = ("auto", "systems", "organisation")
#: Above this many nodes edges are drawn straight and hidden while dragging (drawing speed).
FAST_DRAW = 600
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


def _options(view: str, nodes: int) -> dict:
    """vis-network options. Positions come from Python (:mod:`ea.maps.layout`), so physics
    is off: the first paint is the finished layout, and dragging a node just moves it."""
    opts: dict = {
        "nodes": {"scaling": {"min": 10, "max": 40, "label": {"enabled": False}},
                  "font": {"face": "Helvetica, Arial, sans-serif", "size": 14,
                           "strokeWidth": 4, "strokeColor": "#ffffff"}},
        "edges": {"color": {"color": EDGE_COLOUR, "highlight": "#2b2b2b", "hover": "#2b2b2b",
                            "opacity": 0.6},
                  "arrows": {"to": {"scaleFactor": 0.5}, "from": {"scaleFactor": 0.5}},
                  "scaling": {"min": 1, "max": 8},
                  "smooth": {"enabled": True, "type": "continuous", "roundness": 0.3},
                  "font": {"size": 11, "strokeWidth": 3, "align": "middle"}},
        "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False,
                        "keyboard": False, "multiselect": True},
        "layout": {"randomSeed": 7, "improvedLayout": False},
        "physics": {"enabled": False},
    }
    if view == "organisation":
        opts["nodes"]["scaling"] = {"min": 16, "max": 60, "label": {"enabled": False}}
        opts["nodes"]["font"].update({"size": 16, "background": "rgba(255,255,255,0.8)"})
        opts["edges"]["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.15}
        opts["edges"]["scaling"] = {"min": 1, "max": 12, "label": {"enabled": False}}
    if nodes > FAST_DRAW:
        opts["edges"]["smooth"] = False
        opts["interaction"]["hideEdgesOnDrag"] = True
        opts["interaction"]["hideEdgesOnZoom"] = True
    return opts
