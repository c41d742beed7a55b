"""The landscape as an ArchiMate Model Exchange File (Open Group format 3.x).

Archi (File › Import › Open Exchange XML Model) and other ArchiMate tools read it.

Identifiers are **stable**: ``"id-" + sha1(node key)[:16]`` for elements and
``"id-" + sha1(from|kind|to|edge key)[:16]`` for relationships, so exporting the same
landscape twice gives the same identifiers and a second import into Archi updates the
elements instead of duplicating them. The file is deterministic (sorted by key).

=====================================  ==================================================
landscape                              ArchiMate
=====================================  ==================================================
System                                 ApplicationComponent, with a ``System-ID``
                                       property (the importer takes it back as the id)
                                       and one property per field (Status, Vendor, K, ...)
Object (förvaltningsobjekt)            Grouping; ``PART_OF`` → Composition Grouping →
                                       component
Organisation                           BusinessActor; ``OWNED_BY`` → Assignment actor →
                                       component (or Grouping); ``PART_OF`` between
                                       organisations → Composition parent → child
Person with a role                     BusinessActor; ``HAS_ROLE`` → Assignment actor →
                                       component named by the role's Swedish title
vacant role                            BusinessRole named by the title, Assignment role →
                                       component
Information                            DataObject; ``PROCESSES`` → Access component →
                                       DataObject
INTEGRATES_WITH                        Flow from producer to consumer, named by the
                                       information carried; type, frequency, criticality,
                                       via, direction as properties
=====================================  ==================================================

What does not survive a round trip through ArchiMate (export, then ``ea import``):
provenance (``sources``, ``first_seen``), conflicts and raw values, ``extra`` data, the
``via`` platform and ``bidirectional`` of an integration (written as properties, not read
back as such), roles on förvaltningsobjekt (Assignment to a Grouping is not read back),
the organisation hierarchy (Composition between actors is not read back), a person's
e-mail as the person's id (written as a property), the edge's ``recorded_by``, and the
``placeholder`` flag (a placeholder system becomes an ordinary component).
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET  # writing only; every parse goes through defusedxml
from pathlib import Path

from ea import schema
from ea.cells import xml_safe
from ea.landscape import Landscape, edge_types
from ea.output import atomic_write
from ea.schema import (
    HAS_ROLE,
    INFORMATION,
    INTEGRATES_WITH,
    OBJECT,
    ORGANISATION,
    OWNED_BY,
    PART_OF,
    PERSON,
    PROCESSES,
    SYSTEM,
)

NS = "http://www.opengroup.org/xsd/archimate/3.0/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{NS} http://www.opengroup.org/xsd/archimate/3.1/archimate3_Model.xsd"

ELEMENT_TYPES = {SYSTEM: "ApplicationComponent", OBJECT: "Grouping",
                 ORGANISATION: "BusinessActor", PERSON: "BusinessActor",
                 INFORMATION: "DataObject"}

#: field -> property name (names the importer's alias table maps back to the field)
SYSTEM_PROPERTIES = {
    "id": "System-ID", "vendor": "Vendor", "product": "Product", "version": "Version",
    "category": "Category", "hosting": "Hosting", "status": "Status",
    "planned_from": "Planned from", "in_service_from": "In service since",
    "phase_out_from": "Planned retirement", "end_of_life": "End of life",
    "end_of_support": "End of support", "contract_end": "Contract end",
    "criticality": "Criticality", "k": "Konfidentialitet", "r": "Riktighet",
    "t": "Tillgänglighet", "s": "Spårbarhet", "classified_at": "Klassningsdatum",
    "classified_by": "Klassad av", "risk_assessed_at": "Riskanalysdatum",
    "continuity_plan": "Kontinuitetsplan", "mtpd_hours": "MTPD", "rto_hours": "RTO",
    "rpo_hours": "RPO", "sla": "SLA", "personal_data": "Personal data",
    "in_house": "In-house", "external": "External", "user_count": "Number of users",
    "aliases": "Aliases",
}
LEVEL_WORDS = {0: "Försumbar", 1: "Måttlig", 2: "Betydande", 3: "Allvarlig",
               4: "Synnerligen allvarlig"}


def stable_id(*parts: str) -> str:
    """``"id-" + sha1("|".join(parts))[:16]``: an xs:ID that only depends on the key."""
    return "id-" + hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:16]


def _value(field: str, v) -> str | None:
    if v is None or v == [] or v == "":
        return None
    if field in ("k", "r", "t", "s"):
        return LEVEL_WORDS.get(v, str(v))
    if field == "criticality":
        return schema.CRITICALITY_NAMES.get(v, str(v))
    if field.endswith("_hours"):
        return f"{float(v):g} h"
    if isinstance(v, bool):
        return "Ja" if v else "Nej"
    if isinstance(v, list):
        return "; ".join(str(x) for x in v)
    return str(v)


class _Writer:
    def __init__(self, landscape: Landscape, name: str):
        self.ls = landscape
        ET.register_namespace("", NS)
        ET.register_namespace("xsi", XSI)
        self.root = ET.Element(f"{{{NS}}}model", {
            f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION, "identifier": stable_id("ea-model", name)})
        self._text(self.root, "name", name)
        self.elements = ET.SubElement(self.root, f"{{{NS}}}elements")
        self.relationships = ET.SubElement(self.root, f"{{{NS}}}relationships")
        self.propdefs: dict[str, str] = {}
        self.ids: dict[str, str] = {}

    def _text(self, parent, tag: str, text: str, lang: bool = True):
        e = ET.SubElement(parent, f"{{{NS}}}{tag}")
        if lang:
            e.set("{http://www.w3.org/XML/1998/namespace}lang", "sv")
        e.text = text
        return e

    def _props(self, parent, props: list[tuple[str, str]]) -> None:
        props = [(k, v) for k, v in props if v is not None]
        if not props:
            return
        holder = ET.SubElement(parent, f"{{{NS}}}properties")
        for k, v in props:
            ref = self.propdefs.setdefault(k, stable_id("property", k))
            p = ET.SubElement(holder, f"{{{NS}}}property", {"propertyDefinitionRef": ref})
            self._text(p, "value", v)

    def element(self, key: str, xsi_type: str, name: str, doc: str | None,
                props: list[tuple[str, str]]) -> str:
        ident = stable_id(key)
        self.ids[key] = ident
        e = ET.SubElement(self.elements, f"{{{NS}}}element",
                          {"identifier": ident, f"{{{XSI}}}type": xsi_type})
        self._text(e, "name", name)
        if doc:
            self._text(e, "documentation", doc)
        self._props(e, props)
        return ident

    def relationship(self, rel_key: str, xsi_type: str, source: str, target: str,
                     name: str | None = None, props: list[tuple[str, str]] | None = None) -> str:
        ident = stable_id(rel_key)
        r = ET.SubElement(self.relationships, f"{{{NS}}}relationship", {
            "identifier": ident, "source": source, "target": target, f"{{{XSI}}}type": xsi_type})
        if name:
            self._text(r, "name", name)
        self._props(r, props or [])
        return ident

    def finish(self) -> ET.Element:
        if len(self.relationships) == 0:
            self.root.remove(self.relationships)
        if len(self.elements) == 0:
            self.root.remove(self.elements)
        if self.propdefs:
            defs = ET.SubElement(self.root, f"{{{NS}}}propertyDefinitions")
            for name, ident in sorted(self.propdefs.items(), key=lambda x: x[1]):
                pd = ET.SubElement(defs, f"{{{NS}}}propertyDefinition",
                                   {"identifier": ident, "type": "string"})
                self._text(pd, "name", name)
        return self.root


def to_element_tree(landscape: Landscape, name: str = "ea landscape") -> ET.Element:
    """The exchange-format ``<model>`` element for ``landscape``."""
    w = _Writer(landscape, name)
    ls = landscape
    for key, d in ls.nodes():
        kind = d["kind"]
        label = d.get("name") or d.get("id") or key
        props: list[tuple[str, str]] = []
        if kind == SYSTEM:
            props = [(p, _value(f, d.get(f))) for f, p in SYSTEM_PROPERTIES.items()]
        elif kind == PERSON:
            props = [("E-post", d.get("email")), ("Befattning", d.get("title"))]
        elif kind == ORGANISATION:
            props = [("Organisation path", d.get("path"))]
        elif kind in (OBJECT, INFORMATION):
            props = [(SYSTEM_PROPERTIES[f], _value(f, d.get(f))) for f in ("k", "r", "t", "s")
                     if d.get(f) is not None]
        w.element(key, ELEMENT_TYPES[kind], label, d.get("description"), props)
    # vacant roles become BusinessRole elements
    for key, d in ls.nodes():
        for vac in d.get("vacant_roles") or []:
            title = schema.ROLES[vac["role"]].names[0]
            rkey = f"VacantRole:{key}|{vac['role']}"
            rid = w.element(rkey, "BusinessRole", title, "vacant (no person holds the role)", [])
            w.relationship(f"{rkey}|assigned", "Assignment", rid, w.ids[key])
    for u, v, k, d in ls.edges():
        kind = d["kind"]
        rk = f"{u}|{kind}|{v}|{k}"
        su, sv = w.ids[u], w.ids[v]
        if kind == INTEGRATES_WITH:
            via = d.get("via")
            props = [("Type", "; ".join(edge_types(d)) or None), ("Frequency", d.get("frequency")),
                     ("Criticality", _value("criticality", d.get("criticality"))),
                     ("Via", ls.name(via) if via and via in ls else None),
                     ("Direction", "both" if d.get("bidirectional") else None),
                     ("Description", d.get("description"))]
            info = "; ".join(d.get("information") or []) or None
            w.relationship(rk, "Flow", su, sv, info, props)
        elif kind == PART_OF:
            # the container composes the part: Object -> System, parent org -> child org
            w.relationship(rk, "Composition", sv, su)
        elif kind == OWNED_BY:
            w.relationship(rk, "Assignment", sv, su)
        elif kind == HAS_ROLE:
            w.relationship(rk, "Assignment", su, sv, schema.ROLES[d["role"]].names[0])
        elif kind == PROCESSES:
            w.relationship(rk, "Access", su, sv)
    root = w.finish()
    for e in root.iter():  # the one sanitiser (ea.cells), once more before writing
        if e.text:
            e.text = xml_safe(e.text)
        for k, v in e.attrib.items():
            if isinstance(v, str):
                e.attrib[k] = xml_safe(v)
    ET.indent(root)
    return root


def write_archimate(landscape: Landscape, path: str | Path, name: str = "ea landscape") -> Path:
    """Write the exchange file; returns the path."""
    path = Path(path)
    tree = ET.ElementTree(to_element_tree(landscape, name))
    atomic_write(path, lambda tmp: tree.write(tmp, encoding="utf-8", xml_declaration=True))
    return path
