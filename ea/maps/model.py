"""The map model (plain values, JSON-ready) and the per-system facts it draws, each from
:mod:`ea.derived`: the same numbers ``ea hubs``, ``ea orphans`` and ``ea ageing`` report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ea import schema
from ea.derived.hubs import metrics as hub_metrics
from ea.derived.lifecycle import Lifecycle, lifecycle
from ea.derived.lookups import lookups
from ea.derived.organisations import org_at_level, org_name, owning_organisation
from ea.derived.roles import unowned_class
from ea.derived.systems import classification_level, effective_levels
from ea.errors import ConfigError
from ea.landscape import Landscape
from ea.schema import INTEGRATES_WITH, SYSTEM

from .style import (
    CLASSIFICATION_COLOURS,
    EXTERNAL_COLOUR,
    LIFECYCLE_COLOURS,
    NO_OWNER_COLOUR,
    PALETTE,
)


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
    large_threshold: int = 0
    #: Organisation clusters of the systems view: ``{"label", "x", "y", "r", "color",
    #: "font"}``, drawn behind the nodes as a disc with the organisation's name above it.
    groups: list[dict] = field(default_factory=list)
    #: ``[x0, y0, x1, y1]``: what the page fits into the viewport at first (clusters and
    #: their titles), or empty to fit the nodes.
    bounds: list[float] = field(default_factory=list)
    #: Canvas units per screen pixel when ``bounds`` fit a 1,000-pixel-wide viewport.
    unit: float = 1.0
    #: The page this one links back to (an organisation page of a drill-down: the
    #: overview's file name), or empty.
    back: str = ""
    #: The organisation whose page this is (a drill-down page, drawn in the middle), or empty.
    organisation: str = ""
    #: Lines for the person who ran the command (a near-miss ``--focus`` resolved, ...).
    messages: list[str] = field(default_factory=list)

    def data(self) -> dict:
        return {"title": self.title, "view": self.view, "nodes": self.nodes,
                "edges": self.edges, "legend": self.legend, "options": self.options,
                "large": self.large, "groups": self.groups, "bounds": self.bounds,
                "unit": self.unit, "back": self.back}


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
def organisation_level(ls: Landscape, level, owners: dict) -> int:
    """The level of the organisation tree the map colours and groups by: ``maps.
    organisation_level`` as given, or for ``auto`` the top (0) when several top
    organisations own local systems (a country: one node per region and municipality, not
    ~1,800 förvaltningar), else the level below it (1: one region's förvaltningar).
    ``owners``: each system's owning organisation."""
    if level != "auto":
        try:
            return int(level)
        except (TypeError, ValueError):
            raise ConfigError("maps.organisation_level must be a level (0, 1, ...) or 'auto', "
                              f"not {level!r}") from None
    tops = {org_at_level(ls, owner, 0) for key, owner in owners.items()
            if owner is not None and not ls.node(key).get("external")}
    return 0 if len(tops) > 1 else 1


class _SystemFacts:
    """Per-system facts computed once for the whole landscape (so colours and sizes stay
    the same whichever view or filter is used), each from :mod:`ea.derived`: the hub score,
    rank and articulation points ``ea hubs`` reports, the lifecycle ``ea ageing`` reports,
    the "unowned" ``ea orphans`` counts, the effective classification."""

    def __init__(self, ls: Landscape, as_of: dt.date | None, org_level: int | str,
                 config=None):
        self.ls = ls = lookups(ls)
        self._graph = None
        self._integrations: list | None = None
        self._config = config
        self._hubs: tuple | None = None
        self.owner: dict[str, str | None] = {}
        self.group: dict[str, str] = {}
        self.unowned_class: dict[str, str] = {}
        self._as_of = as_of
        self._detail: tuple | None = None
        systems = list(ls.nodes(SYSTEM))
        for key, _d in systems:
            self.owner[key] = owning_organisation(ls, key)
        org_level = organisation_level(ls, org_level, self.owner)
        for key, d in systems:
            owner = self.owner[key]
            if owner is not None:
                self.group[key] = org_name(ls, org_at_level(ls, owner, org_level))
            elif d.get("external"):
                self.group[key] = "External (not owned locally)"
            else:
                self.group[key] = "(no owning organisation)"
            cls = unowned_class(ls, key)
            if cls:
                self.unowned_class[key] = cls
        self.unowned = set(self.unowned_class)
        named = sorted({g for g in self.group.values() if not g.startswith(("(", "External ("))},
                       key=str.casefold)
        self.group_colour = {g: PALETTE[i % len(PALETTE)] for i, g in enumerate(named)}
        self.group_colour["(no owning organisation)"] = NO_OWNER_COLOUR
        self.group_colour["External (not owned locally)"] = EXTERNAL_COLOUR

    @property
    def integrations(self) -> list[tuple[str, str, object, dict]]:
        """Every integration ``(u, v, key, attrs)`` in a stable order (sorted once: the
        organisation pages of a drill-down each read them)."""
        if self._integrations is None:
            self._integrations = sorted(
                ((u, v, k, d) for u, v, k, d in self.ls.graph.edges(keys=True, data=True)
                 if d.get("kind") == INTEGRATES_WITH), key=lambda e: e[:3])
        return self._integrations

    @property
    def graph(self):
        """The integration graph (systems view and focus only)."""
        if self._graph is None:
            self._graph = self.ls.integration_graph()
        return self._graph

    # Hub metrics (ea.derived.hubs, cached beside the snapshot where a command loaded it),
    # read when a view first needs them: the organisation view does not.
    def _hub_facts(self) -> tuple:
        if self._hubs is None:
            m = hub_metrics(self.ls, self._config)
            self._hubs = (
                {} if m.empty else {k: float(v) for k, v in m["hub_score"].items()},
                {} if m.empty else {k: int(v) for k, v in m["rank"].items()},
                set() if m.empty else set(m.index[m["articulation_point"].astype(bool)]))
        return self._hubs

    @property
    def hub(self) -> dict[str, float]:
        return self._hub_facts()[0]

    @property
    def rank(self) -> dict[str, int]:
        return self._hub_facts()[1]

    @property
    def cut(self) -> set[str]:
        return self._hub_facts()[2]

    # Lifecycle and classification of every system, computed when a view first needs them
    # (the organisation view of a big landscape does not).
    def _details(self) -> tuple:
        if self._detail is None:
            life, phase, levels, level = {}, {}, {}, {}
            for key, d in self.ls.nodes(SYSTEM):
                life[key] = lifecycle(d, self._as_of)
                phase[key] = life[key].shown
                levels[key] = effective_levels(self.ls, key)
                level[key] = classification_level(self.ls, key)
            self._detail = (life, phase, levels, level)
        return self._detail

    @property
    def life(self) -> dict[str, Lifecycle]:
        return self._details()[0]

    @property
    def lifecycle(self) -> dict[str, str]:
        return self._details()[1]

    @property
    def levels(self) -> dict[str, dict]:
        return self._details()[2]

    @property
    def level(self) -> dict[str, int | None]:
        return self._details()[3]

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
