"""Positions computed in Python, before the page loads: the browser does no physics.

The systems view is a per-organisation cluster layout. Each organisation's systems are laid
out on their own with rustworkx's Fruchterman-Reingold ``spring_layout`` (seeded, a fixed
number of iterations) on the integrations inside the organisation, scaled into a disc whose
area grows with the number of systems; the discs are then packed around the biggest one
(greedy, along a spiral) and each is drawn with its organisation's name. Measured on the
2,000-system demo region (``bench/map_layout.py``): 0.3 s of CPU for all clusters, against
1.2 s for one spring layout of the whole graph with rustworkx, 8.1 s with NetworkX's
``spring_layout`` (scipy) and 16.6 s with its ``forceatlas2_layout``; and the clusters read
at a glance, where a whole-graph layout is a ball.

The organisation view puts one node per organisation on a circle, biggest first, clockwise
from the top.

Hub labels: the top hubs (``ea hubs`` rank order) get an always-visible label in a font
sized to the map, accepted greedily only where it overlaps no label already placed and no
organisation title (see :func:`_hub_labels`); other names show on hover or when zoomed in.

Everything is deterministic: sorted inputs, a fixed seed, positions rounded to 0.1.
"""

from __future__ import annotations

import math
from collections import defaultdict

from .model import MapModel, _SystemFacts

SEED = 7
ITERATIONS = 60
#: Canvas units of disc radius per square root of the number of systems in a cluster.
SPACING = 30.0
#: Node radius range (vis-network ``nodes.scaling``), used to keep labels clear of nodes.
NODE_MIN, NODE_MAX = 10, 40
#: A title or label is this many canvas units per screen pixel when the whole map fits a
#: viewport about 1,000 px wide: font sizes follow, so the map reads the same at any size.
VIEW_PX = 1000.0
#: The page draws each organisation's ring this far outside its disc.
RING = 12.0


def _iterations(n: int) -> int:
    """Spring iterations for a cluster of n systems: each costs n², so above 1,500 fewer
    (4,000 systems: 15 iterations, 1.3 s of CPU instead of 5.4 s for 60)."""
    return ITERATIONS if n <= 1500 else max(15, int(ITERATIONS * (1500 / n) ** 2))


def _spring(keys: list[str], edges: list[tuple[str, str]]) -> dict[str, tuple[float, float]]:
    """Seeded Fruchterman-Reingold (rustworkx) of one cluster, in the unit disc.

    The force layout decides each system's direction and its order of distance from the
    centre (hubs in the middle, systems with no integration inside the organisation on the
    rim); the distances are then evened out (the i-th nearest of n at sqrt((i + ½)/n)) so the
    disc is filled evenly instead of a tight core in an empty ring."""
    if len(keys) == 1:
        return {keys[0]: (0.0, 0.0)}
    import rustworkx as rx

    idx = {k: i for i, k in enumerate(keys)}
    g = rx.PyGraph()
    g.add_nodes_from(keys)
    g.add_edges_from_no_data(sorted({(min(idx[a], idx[b]), max(idx[a], idx[b]))
                                     for a, b in edges if a != b}))
    pos = rx.spring_layout(g, seed=SEED, num_iter=_iterations(len(keys)))
    xy = [tuple(pos[i]) for i in range(len(keys))]
    cx = sum(x for x, _ in xy) / len(xy)
    cy = sum(y for _, y in xy) / len(xy)
    polar = [(math.hypot(x - cx, y - cy), math.atan2(y - cy, x - cx), i)
             for i, (x, y) in enumerate(xy)]
    n = len(keys)
    out = {}
    for rank, (_d, a, i) in enumerate(sorted(polar)):
        r = math.sqrt((rank + 0.5) / n)
        out[keys[i]] = (r * math.cos(a), r * math.sin(a))
    return out


def _title_box(cx: float, cy: float, r: float, text: str, size: float) -> tuple:
    """The box of an organisation's title, centred above its disc (see the page's drawing)."""
    w = 0.62 * size * len(text)
    bottom = cy - r - RING - 0.25 * size
    return (cx - w / 2, bottom - 1.15 * size, cx + w / 2, bottom)


def _circle_hits_box(x: float, y: float, r: float, box: tuple) -> bool:
    nx_ = min(max(x, box[0]), box[2])
    ny_ = min(max(y, box[1]), box[3])
    return math.hypot(x - nx_, y - ny_) < r


def _pack(radii: dict[str, float], titles: dict[str, str], size: float,
          gap: float, first: str | None = None) -> dict[str, tuple[float, float]]:
    """Centres for discs of the given radii, each with its title above it: ``first`` (else
    the biggest) in the middle, each next one, biggest first, at the first place along a
    spiral where neither its disc nor its title comes closer than ``gap`` to a disc or
    title already placed."""
    order = sorted(radii, key=lambda g: (g != first, -radii[g], g.casefold(), g))
    placed: list[tuple[float, float, float, tuple]] = []
    centres = {}
    step = max(gap, min(radii.values()) / 2)

    def free(x: float, y: float, r: float) -> bool:
        box = _title_box(x, y, r, titles[g], size)
        grown = (box[0] - gap, box[1] - gap, box[2] + gap, box[3] + gap)
        for px, py, pr, pbox in placed:
            if math.hypot(x - px, y - py) < r + pr + 2 * RING + gap:
                return False
            if _overlaps(grown, pbox) or _circle_hits_box(px, py, pr + RING, grown):
                return False
            if _circle_hits_box(x, y, r + RING + gap, pbox):
                return False
        return True

    for g in order:
        r = radii[g]
        t = 0.0
        while True:
            rho = step * t / (2 * math.pi)
            x, y = rho * math.cos(t), rho * math.sin(t)
            if not placed or free(x, y, r):
                break
            t += max(0.05, step / max(rho, step))
        centres[g] = (x, y)
        placed.append((x, y, r, _title_box(x, y, r, titles[g], size)))
    return centres


def _radius(value: float, lo: float, hi: float) -> float:
    """A system's radius from its hub score: square-root scaled between NODE_MIN and
    NODE_MAX, so the biggest platform does not shrink every other hub to a dot."""
    if hi <= lo:
        return float(NODE_MIN)
    return round(NODE_MIN + math.sqrt((value - lo) / (hi - lo)) * (NODE_MAX - NODE_MIN), 1)


def _sizes(model: MapModel) -> tuple[float, float]:
    """Set every system's ``size`` (its drawn radius) from its hub score (``value``)."""
    values = [n["value"] for n in model.nodes]
    lo, hi = (min(values), max(values)) if values else (0.0, 0.0)
    for n in model.nodes:
        n["size"] = _radius(n["value"], lo, hi)
    return lo, hi


def _overlaps(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


#: Where a hub's label may go, in the order tried.
LABEL_SIDES = ("below", "above", "right", "left")


def _label_box(x: float, y: float, r: float, text: str, size: float, side: str) -> tuple:
    """The box of a hub label of ``size`` on one ``side`` of a node of radius ``r`` (the page
    draws it there: :data:`LABEL_SIDES`)."""
    w = 0.6 * size * max(len(text), 1)
    h = 1.2 * size
    pad = 0.2 * size
    if side == "below":
        return (x - w / 2, y + r + pad, x + w / 2, y + r + pad + h)
    if side == "above":
        return (x - w / 2, y - r - pad - h, x + w / 2, y - r - pad)
    if side == "right":
        return (x + r + pad, y - h / 2, x + r + pad + w, y + h / 2)
    return (x - r - pad - w, y - h / 2, x - r - pad, y + h / 2)


def _hub_labels(model: MapModel, facts: _SystemFacts, keep_clear: list[tuple],
                size: float, top: int) -> list[tuple]:
    """Always-visible labels for the top hubs (at most ``top``), in ``ea hubs`` rank order.

    Each goes on the first side of its node (below, above, right, left) where it overlaps
    no label already placed, no box in ``keep_clear`` (the organisation titles) and no
    labelled node; a hub with no such side gets none and the next one is tried. The page
    draws these labels at ``size`` canvas units at most, smaller when zoomed in, so they never
    overlap at any zoom. Every other node gets ``quiet_label``: its name shows on hover,
    or when zoomed in. Returns the boxes of the labels placed."""
    boxes = list(keep_clear)
    order = sorted((n for n in model.nodes if not n.get("partner")),
                   key=lambda n: (facts.rank.get(n["id"], 10**9), n["label"], n["id"]))
    # A label keeps clear of the nodes of every top hub, not only those already labelled,
    # so a hub's label does not take the place of the next one's.
    circles = [(n["x"], n["y"], n["size"]) for n in order[:top]]
    chosen = 0
    for n in order:
        if chosen >= top:
            break
        x, y, r = n["x"], n["y"], n["size"]
        if any(_circle_hits_box(x, y, r, b) for b in boxes[len(keep_clear):]):
            continue  # an earlier label covers this node
        for side in LABEL_SIDES:
            box = _label_box(x, y, r, n["label"], size, side)
            if not any(_overlaps(box, b) for b in boxes) and not any(
                    _circle_hits_box(cx, cy, cr, box) for cx, cy, cr in circles
                    if (cx, cy) != (x, y)):
                break
        else:
            continue
        boxes.append(box)
        n["hub_label"] = {"side": side, "size": round(size, 1)}
        chosen += 1
    for n in model.nodes:
        if not n.get("hub_label") and not n.get("partner"):
            n["quiet_label"] = True
    return boxes[len(keep_clear):]


def _extent(centres: dict, radii: dict) -> float:
    xs = [c[0] + s * (radii[g] + RING) for g, c in centres.items() for s in (-1, 1)]
    ys = [c[1] + s * (radii[g] + RING) for g, c in centres.items() for s in (-1, 1)]
    return max(max(xs) - min(xs), (max(ys) - min(ys)) * 1.4, 1.0)


def _place_systems(model: MapModel, facts: _SystemFacts, visible: set[str],
                   hub_labels: int) -> None:
    members: dict[str, list[str]] = defaultdict(list)
    for key in sorted(visible):
        members[facts.group[key]].append(key)
    inside: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for u, v in sorted(facts.graph.edges()):
        if u in visible and v in visible and facts.group[u] == facts.group[v]:
            inside[facts.group[u]].append((u, v))
    _sizes(model)
    size = {n["id"]: n["size"] for n in model.nodes}
    # A disc's area grows with its systems, and leaves room for its biggest nodes.
    radii = {g: max(SPACING * max(1.5, math.sqrt(len(keys))),
                    math.sqrt(sum((2.5 * size[k]) ** 2 for k in keys)))
             for g, keys in members.items()}
    titles = {g: f"{g} ({len(keys)})" for g, keys in members.items()}
    # Fonts are sized to read once the whole map fits a viewport (VIEW_PX wide), so they
    # depend on the extent, which depends on the titles: estimate, pack, then pack again
    # with the fonts of the first packing.
    extent = 2.2 * math.sqrt(sum(r * r for r in radii.values()) * math.pi)
    for _ in range(2):
        unit = max(extent / VIEW_PX, 1.0)  # canvas units per screen pixel at fit
        title_size = 15 * unit
        centres = _pack(radii, titles, title_size, gap=6 * unit,
                        first=model.organisation or None)
        extent = _extent(centres, radii)
    pos: dict[str, tuple[float, float]] = {}
    for g, keys in members.items():
        cx, cy = centres[g]
        r = radii[g]
        for k, (x, y) in _spring(keys, inside[g]).items():
            pos[k] = (round(cx + r * x, 1), round(cy + r * y, 1))
    partners = [n for n in model.nodes if n.get("partner")]
    for n in model.nodes:
        if not n.get("partner"):
            n["x"], n["y"] = pos[n["id"]]
    keep_clear = [_title_box(*centres[g], radii[g], titles[g], title_size) for g in members]
    model.groups = [{"label": titles[g], "x": round(centres[g][0], 1),
                     "y": round(centres[g][1], 1), "r": round(radii[g], 1),
                     "color": facts.group_colour[g], "font": round(title_size, 1)}
                    for g in sorted(members, key=str.casefold)]
    labels = _hub_labels(model, facts, keep_clear, round(12 * unit, 1), hub_labels)
    labels += _place_partners(partners, centres, radii, unit, keep_clear)
    model.unit = round(unit, 3)
    # What the page fits into the viewport at first: every disc, title and hub label, not
    # only the nodes.
    xs = [c for g in members for c in (centres[g][0] - radii[g] - RING,
                                       centres[g][0] + radii[g] + RING)]
    ys = [centres[g][1] + radii[g] + RING for g in members]
    for box in keep_clear:
        xs += [box[0], box[2]]
        ys.append(box[1])
    for box in labels:
        xs += [box[0], box[2]]
        ys += [box[1], box[3]]
    model.bounds = [round(min(xs), 1), round(min(ys), 1), round(max(xs), 1), round(max(ys), 1)]
    # Integrations between organisations drawn fainter than those inside one, so each
    # cluster's own structure shows through.
    if len(members) > 1 or partners:
        for e in model.edges:
            if facts.group.get(e["from"]) != facts.group.get(e["to"]):
                e["color"] = {"opacity": 0.25}


def _place_partners(partners: list[dict], centres: dict, radii: dict, unit: float,
                    keep_clear: list[tuple]) -> list[tuple]:
    """An organisation page with its partners folded (one node per other organisation):
    those nodes evenly on a ring around the organisation's disc, clockwise, the top left
    free for the disc's title; each name on the node's outer side (drawn as the hub labels
    are), in a font that reads at first view. Returns their label boxes."""
    if not partners:
        return []
    (cx, cy), = centres.values()
    (r,) = radii.values()
    size = round(14 * unit, 1)
    ring = r + RING + 40 * unit
    for _ in range(200):  # out from the disc until nothing covers its title
        boxes = []
        for i, n in enumerate(partners):
            a = -math.pi / 2 + 2 * math.pi * (i + 0.5) / len(partners)
            n["x"] = round(cx + ring * math.cos(a), 1)
            n["y"] = round(cy + ring * math.sin(a), 1)
            n["size"] = size
            c = math.cos(a)
            side = "right" if c > 0.3 else "left" if c < -0.3 else (
                "below" if math.sin(a) > 0 else "above")
            n["hub_label"] = {"side": side, "size": size}
            boxes.append(_label_box(n["x"], n["y"], size, n["label"], size, side))
        if not any(_overlaps(b, t) or _circle_hits_box(n["x"], n["y"], size, t)
                   for n, b in zip(partners, boxes, strict=True) for t in keep_clear):
            break
        ring += 10 * unit
    return boxes


def _place_organisations(model: MapModel) -> None:
    nodes = model.nodes
    order = sorted(nodes, key=lambda n: (-n["value"], n["label"].casefold(), n["id"]))
    k = len(order)
    radius = 0.0 if k == 1 else max(420.0, 170.0 * k / math.pi)
    for i, n in enumerate(order):
        a = -math.pi / 2 + 2 * math.pi * i / max(k, 1)
        n["x"], n["y"] = round(radius * math.cos(a), 1), round(radius * math.sin(a), 1)


def _place(model: MapModel, facts: _SystemFacts, visible: set[str], hub_labels: int) -> None:
    """Positions for every node (and, in the systems view, the organisation clusters and
    which nodes carry an always-visible label)."""
    if model.view == "organisation":
        _place_organisations(model)
    else:
        _place_systems(model, facts, visible, hub_labels)
