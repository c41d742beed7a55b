"""The two views of a map: one node per system (colour, shape, size, rings, tooltips) and
one node per organisation."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import Any

from ea import schema
from ea.derived.lifecycle import UNKNOWN
from ea.derived.roles import UNOWNED_CLASSES, UNOWNED_LABEL
from ea.derived.systems import classification_text
from ea.landscape import Landscape, edge_types

from .model import MapModel, _SystemFacts, _text
from .style import (
    EDGE_DASHES,
    EDGE_TYPE_LABELS,
    SEVERITY_COLOURS,
    SHAPES,
    UNOWNED_COLOUR,
)


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
        "severities": _severity_legend(overlay, visible),
    })


def _severity_legend(overlay: dict, visible: set[str]) -> list[dict]:
    """With ``--highlight``: each severity's ring colour and how many systems shown carry
    it as their most severe finding (the colour the ring takes)."""
    worst = Counter(min((r.get("severity") for r in rows), key=schema_rank)
                    for k, rows in overlay.items() if k in visible)
    return [{"label": f"Finding, most severe: {sev}", "color": colour, "count": worst[sev]}
            for sev, colour in SEVERITY_COLOURS.items() if worst[sev]]


def drill_command(group: str, external_group: str, no_owner_group: str) -> str | None:
    """The command that maps one organisation's systems (the organisation view's
    drill-down)."""
    import shlex

    if group == external_group:
        return "ea map --external"
    if group == no_owner_group:
        return None
    # double quotes read the same in every shell; shlex's quoting when they would not do
    quoted = shlex.quote(group) if any(c in group for c in '"$`\\!') else f'"{group}"'
    return f"ea map --organisation {quoted}"


def schema_rank(severity: Any) -> int:
    from ea.queries import SEVERITY_RANK

    return SEVERITY_RANK.get(severity, 99)


def _organisation_view(model: MapModel, ls: Landscape, facts: _SystemFacts, visible: set[str],
                       folded: dict, overlay: dict) -> None:
    members: dict[str, list[str]] = defaultdict(list)
    for key in sorted(visible):
        members[facts.group[key]].append(key)
    # One edge per pair of organisations, whichever way the data flows: its width is the
    # number of integrations, its tooltip gives them per direction and per type.
    pair: dict[tuple[str, str], dict[str, Counter]] = defaultdict(
        lambda: {"types": Counter(), "ways": Counter()})
    internal: Counter = Counter()
    for (u, v, t), items in folded.items():
        gu, gv = facts.group[u], facts.group[v]
        if gu == gv:
            internal[gu] += len(items)
            continue
        a, b = sorted((gu, gv))
        counts = pair[(a, b)]
        counts["types"][t] += len(items)
        for d in items:
            counts["ways"]["both" if d.get("bidirectional")
                           else "forward" if gu == a else "back"] += 1
    for gname in sorted(members, key=str.casefold):
        keys = members[gname]
        colour = facts.group_colour[gname]
        unowned = sum(1 for k in keys if k in facts.unowned)
        found = sum(len(overlay.get(k, [])) for k in keys)
        tip = [["Organisation", gname], ["Systems", str(len(keys))],
               ["Unowned systems", str(unowned)],
               ["Integrations inside", str(internal[gname])]]
        node = {"id": f"group:{gname}", "label": f"{gname} ({len(keys)})",
                "shape": "square" if gname.startswith("External (") else "dot",
                "value": len(keys), "borderWidth": 4 if unowned else 1,
                "color": {"background": colour,
                          "border": UNOWNED_COLOUR if unowned else "#2b2b2b",
                          "highlight": {"background": colour, "border": "#000000"},
                          "hover": {"background": colour, "border": "#000000"}}}
        if overlay:
            tip.append(["Findings", str(found)])
            if not found:
                node["opacity"] = 0.3
        drill = drill_command(gname, "External (not owned locally)", "(no owning organisation)")
        if drill:
            tip.append(["Its systems", drill])
            node["drill"] = drill
        node["tip"] = tip
        model.nodes.append(node)
    for (a, b), counts in sorted(pair.items()):
        types, ways = counts["types"], counts["ways"]
        n = sum(types.values())
        tip = [["Integrations", f"{a} – {b}: {n}"]]
        for label, way in ((f"{a} → {b}", "forward"), (f"{b} → {a}", "back"),
                           ("Both ways", "both")):
            if ways[way]:
                tip.append([label, str(ways[way])])
        tip.append(["By type", ", ".join(f"{EDGE_TYPE_LABELS.get(t, t)} {c}"
                                         for t, c in sorted(types.items()))])
        one_way = {w for w in ("forward", "back") if ways[w]}
        arrows = ("to" if one_way == {"forward"} and not ways["both"]
                  else "from" if one_way == {"back"} and not ways["both"] else "to, from")
        model.edges.append({
            "id": f"group:{a}|group:{b}", "from": f"group:{a}", "to": f"group:{b}",
            "label": str(n), "value": n, "arrows": arrows, "tip": tip,
            "ways": {w: ways[w] for w in ("forward", "back", "both")}})
    model.legend.update({
        "colour_title": "One node per organisation (size: number of systems)",
        "colours": [{"label": g, "color": facts.group_colour[g], "count": len(members[g])}
                    for g in sorted(members, key=str.casefold)],
        "shapes": [], "edges": [],
        "markers": [{"kind": "unowned", "color": UNOWNED_COLOUR,
                     "label": "Red border: has unowned systems",
                     "count": sum(1 for g in members
                                  if any(k in facts.unowned for k in members[g]))}],
        "edge_note": ("One line per pair of organisations; its label and width: the number "
                      "of integrations between them, arrows the way data flows (hover for "
                      "the count each way)"),
        "drill_note": "Click an organisation for the command that maps its systems",
        "severities": _severity_legend(overlay, visible),
    })


def _partner_organisations(model: MapModel, ls: Landscape, facts: _SystemFacts, group: str,
                           across: dict) -> None:
    """An organisation page too big to draw every partner: one node per other organisation
    (``partner``: its name; the page links it to that organisation's page) and one edge per
    system of ``group`` and organisation it exchanges data with, each way."""
    systems: dict[str, set[str]] = defaultdict(set)
    links: dict[tuple[str, str], list[tuple[str, dict]]] = defaultdict(list)
    for (u, v, _t), items in across.items():
        if facts.group[u] == group:  # data flows from this organisation's system
            other, a, b, partner = facts.group[v], u, f"group:{facts.group[v]}", v
        else:
            other, a, b, partner = facts.group[u], f"group:{facts.group[u]}", v, u
        systems[other].add(partner)
        links[(a, b)].extend((partner, d) for d in items)
    top = max((n["value"] for n in model.nodes), default=1.0) or 1.0
    for other in sorted(systems, key=str.casefold):
        colour = facts.group_colour[other]
        n_links = sum(len(v) for (a, b), v in links.items() if f"group:{other}" in (a, b))
        model.nodes.append({
            "id": f"group:{other}", "label": f"{other} ({len(systems[other])})",
            "shape": "square" if other.startswith("External (") else "dot",
            "value": top, "partner": other, "borderWidth": 2,
            "color": {"background": colour, "border": "#2b2b2b",
                      "highlight": {"background": colour, "border": "#000000"},
                      "hover": {"background": colour, "border": "#000000"}},
            "tip": [["Organisation", other],
                    ["Its systems here", f"{len(systems[other])} exchange data with {group}"],
                    ["Integrations", str(n_links)]]})
    for (a, b), items in sorted(links.items()):
        partners = sorted({ls.name(p) for p, _d in items}, key=str.casefold)
        types = sorted({t for _p, d in items for t in (edge_types(d) or [UNKNOWN])})
        name_a = ls.name(a) if a in facts.group else a.removeprefix("group:")
        name_b = ls.name(b) if b in facts.group else b.removeprefix("group:")
        tip = [["Integrations", f"{name_a} → {name_b}: {len(items)}"],
               ["Type", ", ".join(EDGE_TYPE_LABELS.get(t, t) for t in types)],
               ["Its systems", ", ".join(partners[:10])
                + (f" and {len(partners) - 10} more" if len(partners) > 10 else "")]]
        model.edges.append({
            "id": f"{a}|{b}", "from": a, "to": b, "width": round(1 + math.log2(len(items)), 2),
            "dashes": EDGE_DASHES.get(types[0], False) if len(types) == 1 else False,
            "arrows": "to, from" if any(d.get("bidirectional") for _p, d in items) else "to",
            "tip": tip})
    model.legend["markers"].append({
        "kind": "size", "count": len(systems),
        "label": "Other organisations, one node each (the number: their systems that "
                 "exchange data with this one's)"})

