"""Rendering a map model to one self-contained HTML page (pyvis and ``ea/templates/map.html``),
with a content security policy that lets the page load nothing."""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .model import MapModel, _plain


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

    here = Path(__file__).parent.parent / "templates"
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


def write_drill_down(overview: MapModel, pages: dict[str, MapModel],
                     directory: str | Path) -> list[Path]:
    """Write a drill-down (:func:`ea.maps.build_drill_down`) into ``directory`` (made when
    missing): the overview as ``index.html`` and each organisation's page under its file
    name, each written atomically. Files already there under other names are left alone.
    Returns the paths written, the overview first."""
    from .build import INDEX

    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    written = [write_map(overview, folder / INDEX)]
    for name, page in pages.items():
        written.append(write_map(page, folder / name))
    return written

