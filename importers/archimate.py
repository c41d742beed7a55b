"""ArchiMate models into the landscape.

Reads the Open Group **ArchiMate Model Exchange File Format 3.x** (namespace
``http://www.opengroup.org/xsd/archimate/3.0/``, also used by 3.1 files) and Archi's native
``.archimate`` files. Every XML file is parsed with :mod:`defusedxml`. The ArchiMate 2.1
exchange namespace is rejected with a one-line :class:`~ea.errors.InputError` (export the
model again from Archi as exchange format 3.x); a file that is not an ArchiMate model is
rejected the same way, so nothing is ever imported as an empty landscape.

Mapping (``docs/exchange.md`` has the full table):

- ``ApplicationComponent`` (and the types listed in ``archimate.system_types``) → System,
  id = the element's ``System-ID`` property when it has one, else its identifier.
- ``Flow`` and ``Triggering`` between systems → an integration in their direction;
  ``Serving`` → an integration **from the serving element to the served one**.
- ``ApplicationInterface`` (and ``ApplicationService``): the components that compose, are
  assigned to or realise it are its providers; every ``Serving``/``Flow`` from it to a
  component (or ``Flow`` from a component into it) becomes a provider → consumer
  integration. The interface itself is *mapped* (ledger: merged).
- ``AndJunction``/``OrJunction`` (``Junction`` in Archi's files) are resolved: every path
  X → junction(s) → Y of Flow/Triggering/Serving relationships between systems becomes X → Y.
- ``Grouping`` with Composition/Aggregation to components, a component that composes or
  aggregates other components, and user folders of the ``organizations`` tree → Object
  (``archimate.groups_as`` / ``archimate.folders_as``: ``object`` (default),
  ``organisation`` or ``none``). Archi's top-level layer folders are not objects.
- ``BusinessRole`` assigned to a component: a pm3 role (its name through the role alias
  table), held by the ``BusinessActor``\\ s assigned to the role, vacant when none is.
  ``BusinessActor`` assigned to a component: a Person holding the role named by the
  assignment (its name or ``Roll``/``Role`` property); an actor whose own name is a role
  title is a vacant role; any other actor is the owning Organisation. People (by e-mail
  property, else by name) and organisations (paths such as ``Region X / Förvaltning Y``;
  ``Region``/``Förvaltning``/``Avdelning`` properties are one path, root first, as register
  columns are) go through the import's resolver (:mod:`ea.importers.resolve`), so a person
  or organisation a register also names is one node.
- ``DataObject`` accessed by a system → Information, with ``PROCESSES``.
- Properties → fields through the header alias table (``status``, ``Livscykel``, ``K``/
  ``Konfidentialitet``, ``Klassning``, ``Systemägare``, ..., and the Dutch BIV properties
  ``Beschikbaarheid``/``Integriteit``/``Vertrouwelijkheid`` as T/R/K); other properties are
  kept in the node's ``extra``.

- A relationship that ends on a relationship (``Association``/``Aggregation``/``Composition``/
  ``Access``/``Realization`` between a ``DataObject``/``BusinessObject``/``Artifact`` and a flow
  that became an integration) is followed: the object's name is information the integration
  carries. Other relationships on relationships are skipped with the reason.

Ledger: one row per element and per relationship. *imported*: it became a node or an
edge; *merged*: it was mapped onto something else (the file's ``notes`` say onto what);
*skipped*: left out on purpose (not part of the landscape model: a process, a node, a
junction that joins no two components), with an entry of kind ``skipped`` giving the reason;
*rejected*: it should have been read but could not (an end missing from the model, a flow
from a component to itself, a role title ea does not know), with an entry of kind
``rejected``, written to the rejected CSV. Provenance:
``"<file>#<identifier>"`` (ElementTree through defusedxml keeps no line numbers).
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from ea import schema
from ea.config import Config
from ea.errors import InputError
from ea.importers.archimate_elements import ElementsMixin
from ea.importers.archimate_model import El, Model, _pick_name, detect, read_model
from ea.importers.archimate_paths import PathsMixin
from ea.importers.archimate_props import PropertyMapper
from ea.importers.ledger import IMPORTED, MERGED, REJECTED, SKIPPED, Ledger
from ea.importers.resolve import Resolver
from ea.landscape import Landscape, slug
from ea.schema import OWNED_BY, PROCESSES

__all__ = ["ArchiMateImporter", "PropertyMapper", "detect", "import_file", "read_model"]

DEFAULTS = {
    "system_types": ["ApplicationComponent"],
    "interface_types": ["ApplicationInterface", "ApplicationService"],
    "groups_as": "object",
    "folders_as": "object",
    "language": None,
}

#: Archi's top-level folders (one per layer): never objects or organisations.
LAYER_FOLDERS = {"strategy", "business", "application", "technology & physical", "technology",
                 "physical", "motivation", "implementation & migration", "other", "relations",
                 "views", "diagrams"}

FLOW_TYPES = ("Flow", "Triggering", "Serving")
JUNCTION_TYPES = ("AndJunction", "OrJunction", "Junction")
CONTAINER_TYPES = ("Composition", "Aggregation")


class ArchiMateImporter(ElementsMixin, PathsMixin):
    """Maps one parsed :class:`Model` into the landscape, accounting for every element and
    relationship in the ledger. People and organisations are resolved by ``resolver`` (the
    import's one :class:`~ea.importers.resolve.Resolver`; a new one when not given)."""

    def __init__(self, model: Model, landscape: Landscape, ledger: Ledger, config: Config,
                 display: str, resolver: Resolver | None = None):
        self.m = model
        self.ls = landscape
        self.ledger = ledger
        self.resolver = resolver or Resolver(landscape, ledger, config)
        self.cfg = config.section("archimate", DEFAULTS)
        self.display = display
        self.props = PropertyMapper(config)
        self.matcher = self.props.matcher
        self.stats = ledger.file(display, fmt="archimate")
        self.stats.record_types = ["elements", "relationships"]
        self.outcome: dict[str, tuple[str, str | None]] = {}
        self.sys: dict[str, str] = {}  # element id -> System key
        self.edge_of: dict[str, list[tuple[str, str]]] = defaultdict(list)  # rel -> integrations
        self._unmapped_seen: set[str] = set()
        self._roles_of_role: dict[str, list[str]] = defaultdict(list)  # BusinessRole -> actors
        language = self.cfg.get("language")
        for el in list(model.elements.values()) + list(model.relationships.values()):
            el.name, _ = _pick_name(el, language)

    # -------------------------------------------------------------- bookkeeping
    def src(self, ident: str) -> str:
        return f"{self.display}#{ident}"

    def _set(self, ident: str, outcome: str, reason: str | None = None, *,
             force: bool = False) -> None:
        """Record an outcome; imported beats merged beats rejected unless ``force``."""
        rank = {IMPORTED: 2, MERGED: 1, REJECTED: 0, SKIPPED: 0}
        cur = self.outcome.get(ident)
        if force or cur is None or rank[outcome] > rank[cur[0]]:
            self.outcome[ident] = (outcome, reason)

    def note(self, text: str) -> None:
        self.stats.notes.append(text)

    def label(self, ident: str) -> str:
        el = self.m.elements.get(ident) or self.m.relationships.get(ident)
        if el is None:
            return f"'{ident}'"
        return f"{el.type} '{el.name or ident}'"

    def warn(self, reason: str, ident: str, value: str | None = None) -> None:
        self.ledger.add("warning", reason, file=self.display, value=value, subject=ident)

    # -------------------------------------------------------------- the run
    def run(self) -> None:
        els, rels = self.m.elements, self.m.relationships
        sys_types = set(self.cfg["system_types"])
        iface_types = set(self.cfg["interface_types"])
        self.kind_of = {}
        for i, el in els.items():
            if el.type in sys_types:
                self.kind_of[i] = "system"
            elif el.type in iface_types:
                self.kind_of[i] = "interface"
            elif el.type in JUNCTION_TYPES:
                self.kind_of[i] = "junction"
            else:
                self.kind_of[i] = el.type
        self._systems()
        # actors assigned to business roles (needed before the roles on systems)
        for r in rels.values():
            if (r.type == "Assignment" and els.get(r.source) and els.get(r.target)
                    and els[r.source].type == "BusinessActor"
                    and els[r.target].type == "BusinessRole"):
                self._roles_of_role[r.target].append(r.source)
        interfaces: dict[str, dict] = defaultdict(lambda: {"providers": [], "links": []})
        junction_rels: list[El] = []
        groups: dict[str, list[tuple[str, str]]] = defaultdict(list)  # group -> [(rel, sys)]
        on_relationships: list[El] = []
        for rid in self.m.order:
            r = rels.get(rid)
            if r is None:
                continue
            s, t = r.source, r.target
            if s not in els or t not in els:
                bad = s if s not in els else t
                if bad in rels and (s in els or s in rels) and (t in els or t in rels):
                    on_relationships.append(r)  # followed once the integrations exist
                    continue
                self._set(rid, REJECTED, f"{r.type} relationship skipped: its "
                          f"{'source' if bad == s else 'target'} '{bad}' is not in the model")
                continue
            ks, kt = self.kind_of[s], self.kind_of[t]
            if r.type in FLOW_TYPES and "junction" in (ks, kt):
                junction_rels.append(r)
            elif r.type in FLOW_TYPES and ks == "system" and kt == "system":
                self._integration(r, s, t)
            elif r.type in FLOW_TYPES and "interface" in (ks, kt):
                iface = t if kt == "interface" else s
                if r.type == "Serving" and ks == "system" and kt == "interface":
                    self._set(rid, SKIPPED, f"Serving from {self.label(s)} to "
                              f"{self.label(t)}: a component serving an interface states no "
                              "consumer")
                    continue
                interfaces[iface]["links"].append(r)
            elif (r.type in ("Composition", "Assignment", "Realization") and ks == "system"
                  and kt == "interface"):
                interfaces[t]["providers"].append(r)
            elif r.type in CONTAINER_TYPES and ks == "system" and kt == "system":
                self._container(r, s, t)
            elif r.type in CONTAINER_TYPES and els[s].type == "Grouping" and kt == "system":
                groups[s].append((rid, t))
            elif r.type == "Assignment" and kt == "system" and els[s].type in (
                    "BusinessActor", "BusinessRole"):
                self._assignment(r, s, t)
            elif (r.type == "Assignment" and els[s].type == "BusinessActor"
                  and els[t].type == "BusinessRole"):
                pass  # decided with the role's assignments to systems, below
            elif r.type == "Access" and ks == "system" and els[t].type == "DataObject":
                self._access(r, s, t)
            else:
                self._set(rid, SKIPPED, self._why_not(r))
        self._interfaces(interfaces)
        self._junctions(junction_rels)
        self._on_relationships(on_relationships)
        self._groups(groups)
        self._folders()
        self._actor_role_assignments()
        if not self.sys:
            types = ", ".join(sorted(self.cfg["system_types"]))
            self.ledger.add("warning", f"the model has no element of the system types ({types}):"
                            " no systems imported; set archimate.system_types in ea.yaml to "
                            "read other element types as systems", file=self.display)
        self._finish()

    def _why_not(self, r: El) -> str:
        ends = f"{self.label(r.source)} -> {self.label(r.target)}"
        if r.type in FLOW_TYPES:
            return (f"{r.type} {ends}: only flows between application components become "
                    "integrations")
        if r.type in CONTAINER_TYPES:
            return (f"{r.type} {ends}: only a component or Grouping containing components "
                    "becomes a förvaltningsobjekt")
        if r.type == "Assignment":
            return f"Assignment {ends}: only actors and roles assigned to components are roles"
        if r.type == "Access":
            return f"Access {ends}: only a component accessing a DataObject is read"
        return f"{r.type} {ends} is not part of the landscape model"

    # -------------------------------------------------------------- relationships
    def _edge_values(self, r: El) -> dict:
        mapped = self.props.map(r.props)
        vals = {k: v for k, v in mapped["values"].items() if k in schema.INTEGRATION_FIELDS}
        if r.name:
            if r.type == "Flow":
                vals.setdefault("information", [x for x in re.split(r"\s*;\s*", r.name) if x])
            else:
                vals.setdefault("description", r.name)
        if r.type == "Triggering":
            vals.setdefault("type", "event")
        return vals

    def _add_integration(self, a: str, b: str, source: str, values: dict) -> bool:
        """Add a -> b; True when the edge is new."""
        new = not self.ls.graph.has_edge(a, b, schema.INTEGRATES_WITH)
        self.ls.add_integration(a, b, source=source, **values)
        return new

    def _integration(self, r: El, s: str, t: str) -> None:
        a, b = self.sys[s], self.sys[t]
        if a == b:
            self._set(r.id, REJECTED, f"{r.type} from {self.label(s)} to itself")
            return
        new = self._add_integration(a, b, self.src(r.id), self._edge_values(r))
        self.edge_of[r.id].append((a, b))
        self._set(r.id, IMPORTED if new else MERGED,
                  None if new else f"{r.type}: same integration as an earlier relationship "
                  f"({self.ls.name(a)} -> {self.ls.name(b)})")

    def _container(self, r: El, s: str, t: str) -> None:
        parent, child = self.sys[s], self.sys[t]
        if self.cfg["groups_as"] == "none":
            self._set(r.id, SKIPPED, f"{r.type} of components not read (archimate.groups_as: "
                      "none)")
            return
        name = self.ls.name(parent)
        if self.cfg["groups_as"] == "organisation":
            org = self.resolver.organisation(name, self.src(s))
            for k in (parent, child):
                self.ls.add_edge(OWNED_BY, k, org, source=self.src(r.id))
        else:
            for k in (parent, child):
                self._part_of(k, name, self.src(r.id))
        self._set(r.id, IMPORTED)
        self.note(f"{self.label(s)} contains {self.label(t)}: both are part of the "
                  f"{'organisation' if self.cfg['groups_as'] == 'organisation' else 'object'} "
                  f"'{name}'")

    def _access(self, r: El, s: str, t: str) -> None:
        el = self.m.elements[t]
        name = el.name or t
        ikey = self.ls.add_information(slug(name), source=self.src(t), name=name)
        new = not self.ls.graph.has_edge(self.sys[s], ikey, PROCESSES)
        self.ls.add_edge(PROCESSES, self.sys[s], ikey, source=self.src(r.id))
        self._set(t, IMPORTED)
        self._set(r.id, IMPORTED if new else MERGED,
                  None if new else "Access: the same system and information as an earlier one")

    def _assignment(self, r: El, s: str, t: str) -> None:
        el = self.m.elements[s]
        subject = self.sys[t]
        source = self.src(r.id)
        if el.type == "BusinessRole":
            role = self.matcher.role_from_title(el.name or "")
            if role is None:
                self._set(r.id, REJECTED, f"BusinessRole '{el.name}' is not a pm3 role title; "
                          "add it to role_aliases in ea.yaml")
                return
            actors = self._roles_of_role.get(s, [])
            if actors:
                for a in actors:
                    pkey = self._person(self.m.elements[a], self.src(a))
                    self.ls.add_role(pkey, subject, role, source=source, title=el.name)
                    self._set(a, IMPORTED)
                self.note(f"BusinessRole '{el.name}' mapped onto role {role} on "
                          f"{self.ls.name(subject)}, held by "
                          + ", ".join(self.m.elements[a].name or a for a in actors))
            else:
                self.ls.add_vacant_role(subject, role, source=source, title=el.name)
                self.note(f"BusinessRole '{el.name}' mapped onto a vacant {role} role on "
                          f"{self.ls.name(subject)} (no actor assigned to the role)")
            self._set(s, MERGED, f"BusinessRole '{el.name}': mapped onto role {role}")
            self._set(r.id, IMPORTED)
            return
        # a BusinessActor assigned to a component
        rmapped = self.props.map(r.props)
        title = rmapped["role_title"] or r.name
        role = self.matcher.role_from_title(title) if title else None
        if role:
            pkey = self._person(el, self.src(s))
            self.ls.add_role(pkey, subject, role, source=source, title=title)
            self._set(s, IMPORTED)
            self._set(r.id, IMPORTED)
            return
        own = self.matcher.role_from_title(el.name or "")
        if own:
            self.ls.add_vacant_role(subject, own, source=source, title=el.name)
            self._set(s, MERGED, f"BusinessActor '{el.name}' is a role title: mapped onto a "
                      f"vacant {own} role")
            self._set(r.id, IMPORTED)
            self.note(f"BusinessActor '{el.name}' mapped onto a vacant {own} role on "
                      f"{self.ls.name(subject)} (the actor names a role, not a person)")
            return
        org = self.resolver.organisation(el.name or el.id, self.src(s))
        self.ls.add_edge(OWNED_BY, subject, org, source=source)
        self._set(s, IMPORTED)
        self._set(r.id, IMPORTED)

    def _actor_role_assignments(self) -> None:
        els = self.m.elements
        for r in self.m.relationships.values():
            if r.id in self.outcome or r.type != "Assignment":
                continue
            s, t = els.get(r.source), els.get(r.target)
            if not (s and t and s.type == "BusinessActor" and t.type == "BusinessRole"):
                continue
            if self.outcome.get(t.id, (REJECTED,))[0] == MERGED:
                self._set(r.id, MERGED, f"Assignment of actor '{s.name}' to role '{t.name}': "
                          "the actor holds the role on its systems")
            else:
                self._set(r.id, SKIPPED, f"Assignment of actor '{s.name}' to role '{t.name}': "
                          "the role is not assigned to an application component")

    def _groups(self, groups: dict) -> None:
        mode = self.cfg["groups_as"]
        for g, members in sorted(groups.items()):
            el = self.m.elements[g]
            name = el.name or g
            if mode == "none":
                for rid, _ in members:
                    self._set(rid, SKIPPED, "Grouping not read (archimate.groups_as: none)")
                continue
            for rid, sys_el in members:
                if mode == "organisation":
                    org = self.resolver.organisation(name, self.src(g))
                    self.ls.add_edge(OWNED_BY, self.sys[sys_el], org, source=self.src(rid))
                else:
                    self._part_of(self.sys[sys_el], name, self.src(rid))
                self._set(rid, IMPORTED)
            self._set(g, IMPORTED)

    def _folders(self) -> None:
        mode = self.cfg["folders_as"]
        if mode == "none":
            return
        for path, refs in self.m.folders:
            if len(path) == 1 and path[0].casefold() in LAYER_FOLDERS:
                continue
            members = [self.sys[i] for i in refs if i in self.sys]
            if not members:
                continue
            user_path = path[1:] if path[0].casefold() in LAYER_FOLDERS else path
            name = user_path[-1]
            for key in members:
                src = f"{self.display}#folder:{' / '.join(path)}"
                if mode == "organisation":
                    org = self.resolver.organisation(user_path, src)
                    self.ls.add_edge(OWNED_BY, key, org, source=src)
                else:
                    self._part_of(key, name, src)
            self.note(f"folder '{' / '.join(path)}' -> {mode} '{name}' with {len(members)} "
                      "system(s)")

    # -------------------------------------------------------------- the ledger
    def _finish(self) -> None:
        for ident in self.m.order:
            el = self.m.elements.get(ident) or self.m.relationships.get(ident)
            got = self.outcome.get(ident)
            if got is None:
                if ident in self.m.elements:
                    k = self.kind_of[ident]
                    if k == "interface":
                        why = f"{el.type} '{el.name or ident}' joins no provider and consumer"
                    elif k == "junction":
                        why = "junction joins no two application components"
                    elif el.type == "Grouping":
                        why = f"Grouping '{el.name or ident}' contains no application component"
                    elif el.type in ("BusinessActor", "BusinessRole"):
                        why = (f"{el.type} '{el.name or ident}' is not assigned to an "
                               "application component")
                    elif el.type == "DataObject":
                        why = (f"DataObject '{el.name or ident}' is accessed by no "
                               "application component")
                    else:
                        why = f"{el.type} is not part of the landscape model"
                else:
                    why = f"{el.type} relationship not read"
                got = (SKIPPED, why)
            outcome, reason = got
            self.ledger.count(self.stats, outcome)
            if outcome in (REJECTED, SKIPPED):
                self.ledger.add(outcome, reason or "not part of the landscape model",
                                file=self.display, value=el.name, subject=ident)
            elif outcome == MERGED and reason:
                self.note(reason)


def import_file(path, landscape: Landscape, ledger: Ledger, config: Config | None = None, *,
                display: str, resolver: Resolver | None = None) -> None:
    """Import one ArchiMate exchange (3.x) or Archi ``.archimate`` file, resolving people and
    organisations through ``resolver`` (the import's one resolver)."""
    config = config or Config()
    model = read_model(Path(path), display)
    if not model.elements and not model.relationships:
        raise InputError("the ArchiMate model has no elements and no relationships",
                         file=display)
    ArchiMateImporter(model, landscape, ledger, config, display, resolver).run()
