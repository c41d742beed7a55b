"""Interactive dependency maps: a Landscape (and optionally a query's findings) as one
self-contained HTML file.

Two layers, kept apart so the drawing library can be replaced:

* :func:`build_map` turns a :class:`~ea.landscape.Landscape` into a :class:`MapModel`: the
  view (whole landscape, a focused neighbourhood, or one node per organisation), filters,
  colouring, sizing by hub score, markers (unowned systems, articulation points, external
  systems, placeholders), overlays of query findings, a legend that says what was hidden,
  and every node's position (:mod:`ea.maps.layout`: the browser does no physics).
  Plain Python values only; deterministic (sorted nodes and edges, seeded layout).
* :func:`build_drill_down` builds the organisation view and one such map per organisation,
  linked both ways (``ea map -o DIR/``; :func:`write_drill_down` writes them).
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
>>> [n["label"] for n in model.nodes]
['Raindance', '<img src=x onerror=alert(1)>']
>>> html = render_html(model)
>>> import re
>>> "<img src=x" in html, re.findall(r"<(?:script|link)[^>]*(?:src|href)=", html)
(False, [])
"""

from .build import INDEX, build_drill_down, build_map, page_names
from .model import MapModel, _plain
from .render import PyvisRenderer, render_html, write_drill_down, write_map
from .style import (
    CLASSIFICATION_COLOURS,
    COLOR_BY,
    DEFAULTS,
    EDGE_DASHES,
    EDGE_TYPE_LABELS,
    LIFECYCLE_COLOURS,
    PALETTE,
    SEVERITY_COLOURS,
    SHAPES,
    UNKNOWN,
    UNOWNED_COLOUR,
    VIEWS,
)

__all__ = ["CLASSIFICATION_COLOURS", "COLOR_BY", "DEFAULTS", "EDGE_DASHES",
           "EDGE_TYPE_LABELS", "INDEX", "LIFECYCLE_COLOURS", "PALETTE", "SEVERITY_COLOURS",
           "SHAPES", "UNKNOWN", "UNOWNED_COLOUR", "VIEWS", "MapModel", "PyvisRenderer",
           "_plain", "build_drill_down", "build_map", "page_names", "render_html",
           "write_drill_down", "write_map"]
