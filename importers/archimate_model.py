"""ArchiMate files read into a :class:`Model` of elements, relationships and folders.

The Open Group exchange format 3.x and Archi's native ``.archimate`` files, parsed with
:mod:`defusedxml`; no mapping to the landscape here (see :mod:`ea.importers.archimate`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from defusedxml import ElementTree as DET

from ea.errors import InputError
from ea.landscape import norm_name

NS3 = "http://www.opengroup.org/xsd/archimate/3.0/"
NS21 = "http://www.opengroup.org/xsd/archimate"
NS_ARCHI = "http://www.archimatetool.com/archimate"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# native .archimate relationship names (Archi 2.x and 4.x) -> exchange names
NATIVE_RELATIONS = {"UsedBy": "Serving"}


@dataclass
class El:
    id: str
    type: str
    names: list[tuple[str | None, str]] = field(default_factory=list)
    doc: str | None = None
    props: list[tuple[str, str]] = field(default_factory=list)
    source: str | None = None  # relationships only
    target: str | None = None
    name: str | None = None  # chosen name


@dataclass
class Model:
    name: str | None
    elements: dict[str, El]
    relationships: dict[str, El]
    order: list[str]  # element and relationship ids in document order
    folders: list[tuple[list[str], list[str]]]  # (folder path, ids directly inside)


# ------------------------------------------------------------------------------ parsing


def _local(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        ns, _, local = tag[1:].partition("}")
        return ns, local
    return "", tag


def _xsi_type(e) -> str:
    t = e.get(f"{{{XSI}}}type") or ""
    return t.split(":", 1)[-1]


def _text(e) -> str | None:
    if e is None or e.text is None:
        return None
    s = " ".join(e.text.split())
    return s or None


def _parse_exchange(root, display: str) -> Model:
    ns = {"a": NS3}
    propdefs: dict[str, str] = {}
    for pd in root.findall("a:propertyDefinitions/a:propertyDefinition", ns):
        nm = _text(pd.find("a:name", ns))
        propdefs[pd.get("identifier")] = nm or pd.get("identifier")

    def props(e) -> list[tuple[str, str]]:
        out = []
        for p in e.findall("a:properties/a:property", ns):
            key = propdefs.get(p.get("propertyDefinitionRef"), p.get("propertyDefinitionRef"))
            vals = [_text(v) for v in p.findall("a:value", ns)]
            val = next((v for v in vals if v), None)
            if key and val is not None:
                out.append((key, val))
        return out

    def names(e) -> list[tuple[str | None, str]]:
        return [(n.get(XML_LANG), t) for n in e.findall("a:name", ns) if (t := _text(n))]

    def doc(e) -> str | None:
        return next((t for d in e.findall("a:documentation", ns) if (t := _text(d))), None)

    elements: dict[str, El] = {}
    rels: dict[str, El] = {}
    order: list[str] = []
    for e in root.findall("a:elements/a:element", ns):
        el = El(e.get("identifier") or "", _xsi_type(e), names(e), doc(e), props(e))
        if el.id:
            elements.setdefault(el.id, el)
            order.append(el.id)
    for r in root.findall("a:relationships/a:relationship", ns):
        el = El(r.get("identifier") or "", _xsi_type(r), names(r), doc(r), props(r),
                r.get("source"), r.get("target"))
        if el.id:
            rels.setdefault(el.id, el)
            order.append(el.id)
    folders: list[tuple[list[str], list[str]]] = []

    def walk(item, path: list[str]) -> None:
        refs = []
        for child in item.findall("a:item", ns):
            if child.get("identifierRef"):
                refs.append(child.get("identifierRef"))
                continue
            label = next((t for lb in child.findall("a:label", ns) if (t := _text(lb))), None)
            walk(child, path + [label or "(unnamed folder)"])
        if path:
            folders.append((path, refs))

    for org in root.findall("a:organizations", ns):
        walk(org, [])
    model_name = next((t for n in root.findall("a:name", ns) if (t := _text(n))), None)
    return Model(model_name, elements, rels, order, folders)


def _parse_native(root, display: str) -> Model:
    elements: dict[str, El] = {}
    rels: dict[str, El] = {}
    order: list[str] = []
    folders: list[tuple[list[str], list[str]]] = []

    def props(e) -> list[tuple[str, str]]:
        return [(p.get("key"), " ".join((p.get("value") or "").split()))
                for p in e.findall("property") if p.get("key") and (p.get("value") or "").strip()]

    def element(e) -> str | None:
        t = _xsi_type(e)
        if not e.get("id") or not t or t in ("ArchimateDiagramModel", "SketchModel",
                                              "DiagramModel", "CanvasModel"):
            return None
        if "DiagramModel" in t or t.startswith("Canvas"):
            return None
        name = " ".join((e.get("name") or "").split())
        d = e.get("documentation") or _text(e.find("documentation"))
        if t.endswith("Relationship"):
            base = t[: -len("Relationship")]
            el = El(e.get("id"), NATIVE_RELATIONS.get(base, base), [(None, name)] if name else [],
                    d, props(e), e.get("source"), e.get("target"))
            rels.setdefault(el.id, el)
        else:
            el = El(e.get("id"), t, [(None, name)] if name else [], d, props(e))
            elements.setdefault(el.id, el)
        order.append(el.id)
        return el.id

    def walk(folder, path: list[str]) -> None:
        refs = []
        for child in folder:
            _, tag = _local(child.tag)
            if tag == "folder":
                label = " ".join((child.get("name") or "").split()) or "(unnamed folder)"
                walk(child, path + [label])
            elif tag == "element":
                i = element(child)
                if i:
                    refs.append(i)
        if path:
            folders.append((path, refs))

    walk(root, [])
    return Model(root.get("name"), elements, rels, order, folders)


def read_model(path: Path, display: str) -> Model:
    """Parse an exchange-format or native Archi file; raise InputError for anything else."""
    try:
        root = DET.parse(str(path)).getroot()
    except DET.ParseError as exc:
        line = getattr(exc, "position", (None,))[0]
        raise InputError(f"not well-formed XML ({exc})", file=display, line=line) from None
    except (DET.DTDForbidden, DET.EntitiesForbidden, DET.ExternalReferenceForbidden) as exc:
        raise InputError(f"refused: the XML declares a DTD or entities ({exc.__class__.__name__})",
                         file=display) from None
    ns, local = _local(root.tag)
    if local == "model" and ns == NS3:
        return _parse_exchange(root, display)
    if local == "model" and ns == NS_ARCHI:
        return _parse_native(root, display)
    if local == "model" and ns.rstrip("/") == NS21:
        raise InputError("ArchiMate 2.1 exchange format is not supported: open the model in "
                         "Archi and export it as Open Exchange Format 3.x (or pass the "
                         ".archimate file)", file=display)
    raise InputError(f"not an ArchiMate model: the root element is <{local}>"
                     + (f" in namespace {ns}" if ns else "")
                     + f" (expected <model> in {NS3} or Archi's {NS_ARCHI})", file=display)


def detect(path: Path) -> bool:
    """Every .xml/.archimate file is ours: :func:`read_model` explains what is wrong with
    one that is not an ArchiMate model."""
    return True


def _pick_name(el: El, language: str | None) -> tuple[str | None, list[str]]:
    if not el.names:
        return None, []
    prefs = [x for x in (language, "sv", "en") if x]
    chosen = None
    for lang in prefs:
        chosen = next((t for lg, t in el.names if (lg or "").split("-")[0].casefold() == lang),
                      None)
        if chosen:
            break
    chosen = norm_name(chosen or el.names[0][1])
    others = sorted({norm_name(t) for _, t in el.names if norm_name(t) != chosen})
    return chosen, others
