"""GraphML (yEd, Cytoscape) and GEXF (Gephi) through networkx's writers.

The writers are given a cleaned copy of the landscape graph: every node and edge keeps its
attributes, flattened to ``str``/``int``/``float``/``bool`` (lists joined with ``"; "``,
dicts such as ``conflicts``, ``raw`` and ``extra`` as JSON text, ``None`` dropped). An
attribute whose values have different types on different nodes (or edges) is written as
text everywhere, so each attribute has one declared type. The node key (``System:raindance``)
is the graph id; ``label`` is the name; the node's own ``id`` attribute is written as
``ea_id`` (GEXF would otherwise take it as the node id).

Examples
--------
>>> import tempfile, os, networkx as nx
>>> from ea.landscape import Landscape
>>> ls = Landscape()
>>> a = ls.add_system("S1", name="Raindance", k=2)
>>> b = ls.add_system("S2", name="Heroma")
>>> _ = ls.add_integration(a, b, type="file", information=["lön", "konto"])
>>> path = write_graphml(ls, os.path.join(tempfile.mkdtemp(), "ls.graphml"))
>>> g = nx.read_graphml(path)
>>> g.nodes["System:S1"]["label"], g.nodes["System:S1"]["k"]
('Raindance', 2)
>>> list(g.edges(data="information"))[0][2]
'lön; konto'
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import networkx as nx

from ea.cells import xml_safe
from ea.landscape import Landscape
from ea.output import atomic_write

_SCALARS = (bool, int, float, str)


def _flat(value):
    """A value as str/int/float/bool, or None to drop it."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, str):
        return xml_safe(value)  # the one sanitiser (ea.cells), once more before writing
    if isinstance(value, _SCALARS):
        return value
    if isinstance(value, list | tuple | set):
        items = [_flat(v) for v in value]
        items = [str(v) if not isinstance(v, str) else v for v in items if v is not None]
        return "; ".join(items) if items else None
    if isinstance(value, dict):
        return xml_safe(json.dumps(value, ensure_ascii=False, sort_keys=True,
                                   default=str)) if value else None
    if hasattr(value, "item"):
        return _flat(value.item())
    return xml_safe(str(value))


def _unify(items: list[dict]) -> None:
    """Make each attribute's values one type across ``items`` (in place)."""
    types: dict[str, set[type]] = {}
    for d in items:
        for k, v in d.items():
            types.setdefault(k, set()).add(type(v))
    for k, ts in types.items():
        if len(ts) == 1:
            continue
        to = float if ts <= {int, float} else str
        for d in items:
            if k in d:
                d[k] = to(d[k])


def clean_graph(landscape: Landscape) -> nx.MultiDiGraph:
    """A copy of the landscape graph that GraphML and GEXF writers accept."""
    g = nx.MultiDiGraph()
    node_attrs = []
    for key, d in landscape.nodes():
        attrs = {}
        for k, v in d.items():
            f = _flat(v)
            if f is not None:
                attrs["ea_id" if k == "id" else k] = f
        attrs["label"] = xml_safe(str(d.get("name") or d.get("id") or key))
        node_attrs.append(attrs)
        g.add_node(xml_safe(key), **attrs)
    edge_attrs = []
    for u, v, k, d in landscape.edges():
        attrs = {}
        for name, val in d.items():
            f = _flat(val)
            if f is not None:
                attrs["ea_id" if name == "id" else name] = f
        edge_attrs.append(attrs)
        g.add_edge(xml_safe(u), xml_safe(v), key=xml_safe(str(k)), **attrs)
    _unify(node_attrs)
    _unify(edge_attrs)
    # write the unified values back (the dicts were copied into the graph)
    for (key, _), attrs in zip(landscape.nodes(), node_attrs, strict=True):
        g.nodes[xml_safe(key)].update(attrs)
    for (u, v, k, _), attrs in zip(landscape.edges(), edge_attrs, strict=True):
        g.edges[xml_safe(u), xml_safe(v), xml_safe(str(k))].update(attrs)
    g.graph["name"] = "ea landscape"
    return g


def write_graphml(landscape: Landscape, path: str | Path) -> Path:
    """Write the landscape as GraphML; returns the path."""
    path = Path(path)
    g = clean_graph(landscape)
    atomic_write(path, lambda tmp: nx.write_graphml(g, tmp, encoding="utf-8", prettyprint=True))
    return path


def write_gexf(landscape: Landscape, path: str | Path) -> Path:
    """Write the landscape as GEXF 1.2; returns the path."""
    path = Path(path)
    g = clean_graph(landscape)
    atomic_write(path, lambda tmp: nx.write_gexf(g, tmp, encoding="utf-8", prettyprint=True))
    return path
