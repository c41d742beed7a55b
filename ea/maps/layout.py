"""Deterministic start positions: one disc per organisation, the discs on a sunflower."""

from __future__ import annotations

import math
from collections import defaultdict

from .model import MapModel, _SystemFacts
from .style import ANCHOR


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
