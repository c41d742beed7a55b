"""Integrations through ArchiMate interfaces, junctions and relationships on relationships: a
part of :class:`ea.importers.archimate.ArchiMateImporter`."""

from __future__ import annotations

from collections import defaultdict

from ea import schema
from ea.importers.archimate_model import El
from ea.importers.ledger import IMPORTED, MERGED, REJECTED, SKIPPED


class PathsMixin:
    """Interfaces, junction paths and information on flows (needs the importer's state)."""

    def _interfaces(self, interfaces: dict) -> None:
        for iface, d in sorted(interfaces.items()):
            providers = [self.sys[r.source] for r in d["providers"]]
            made = []
            for r in d["links"]:
                other = r.target if r.source == iface else r.source
                if self.kind_of[other] != "system":
                    self._set(r.id, SKIPPED, f"{r.type} {self.label(r.source)} -> "
                              f"{self.label(r.target)}: the other end is not an application "
                              "component")
                    continue
                if not providers:
                    self._set(r.id, REJECTED, f"{r.type} via {self.label(iface)}, which no "
                              "component provides (Composition, Assignment or Realization)")
                    continue
                consumer = self.sys[other]
                created = False
                for p in providers:
                    if p == consumer:
                        continue
                    a, b = (p, consumer) if r.source == iface else (consumer, p)
                    created |= self._add_integration(a, b, self.src(r.id), self._edge_values(r))
                    self.edge_of[r.id].append((a, b))
                    made.append(f"{self.ls.name(a)} -> {self.ls.name(b)}")
                self._set(r.id, IMPORTED if created else MERGED,
                          None if created else f"{r.type} via {self.label(iface)}: the "
                          "integration was already stated")
            if made:
                self._set(iface, MERGED)
                self.note(f"{self.label(iface)} mapped onto integrations: "
                          + ", ".join(dict.fromkeys(made)))
                for r in d["providers"]:
                    self._set(r.id, MERGED, f"{r.type}: provider of {self.label(iface)}")
            else:
                for r in d["providers"]:
                    self._set(r.id, SKIPPED, f"{r.type}: {self.label(iface)} has no "
                              "consuming component")

    def _junctions(self, junction_rels: list[El]) -> None:
        out_of: dict[str, list[El]] = defaultdict(list)
        for r in junction_rels:
            out_of[r.source].append(r)
        used: set[str] = set()
        junctions_used: set[str] = set()
        for r in junction_rels:
            if self.kind_of[r.source] == "junction":
                continue  # paths start at a non-junction element
            if self.kind_of[r.source] != "system":
                continue
            # walk forward through junctions (same relationship type) to non-junction ends
            stack = [(r.target, [r])]
            seen: set[str] = set()
            while stack:
                node, path = stack.pop()
                if self.kind_of.get(node) != "junction":
                    if self.kind_of.get(node) == "system" and node != r.source:
                        a, b = self.sys[r.source], self.sys[node]
                        vals = self._edge_values(r)
                        new = self._add_integration(a, b, self.src(path[-1].id), vals)
                        for x in path:
                            used.add(x.id)
                            self.edge_of[x.id].append((a, b))
                            if new:
                                self._set(x.id, IMPORTED)
                            else:
                                self._set(x.id, MERGED, f"{x.type} through a junction: part of "
                                          "an integration already stated")
                        junctions_used.update(x.target for x in path[:-1])
                        self.note(f"junction resolved: {self.ls.name(a)} -> {self.ls.name(b)}")
                    continue
                if node in seen:
                    continue
                seen.add(node)
                for nxt in out_of.get(node, []):
                    # Flow, Triggering and Serving all state the direction of a dependency:
                    # a path mixing them through junctions joins its two ends
                    stack.append((nxt.target, path + [nxt]))
        for j in junctions_used:
            self._set(j, MERGED, "junction resolved into the integrations it joins")
        for r in junction_rels:
            if r.id not in used:
                self._set(r.id, SKIPPED, f"{r.type} {self.label(r.source)} -> "
                          f"{self.label(r.target)}: the junction path joins no two components")

    def _on_relationships(self, rels: list[El]) -> None:
        """Relationships that end on a relationship: an information object associated with a
        flow that became an integration is information the integration carries."""
        info_types = ("DataObject", "BusinessObject", "Artifact")
        for r in rels:
            ends = [self.m.elements.get(r.source), self.m.elements.get(r.target)]
            obj = next((e for e in ends if e is not None and e.type in info_types), None)
            flow = r.target if r.target in self.m.relationships else r.source
            edges = self.edge_of.get(flow, [])
            if obj is None or not edges:
                what = ("the relationship it ends on became no integration" if obj is not None
                        else "only an information object (DataObject, BusinessObject, "
                        "Artifact) on a flow between components is read")
                self._set(r.id, SKIPPED, f"{r.type} {self.label(r.source)} -> "
                          f"{self.label(r.target)} ends on a relationship: {what}")
                continue
            name = obj.name or obj.id
            new = False
            for a, b in dict.fromkeys(edges):
                before = list(self.ls.graph.edges[a, b, schema.INTEGRATES_WITH].get(
                    "information", []))
                self.ls.add_integration(a, b, source=self.src(r.id), information=[name])
                new |= name not in before
                self.note(f"{obj.type} '{name}' on {self.label(flow)}: information carried "
                          f"by {self.ls.name(a)} -> {self.ls.name(b)}")
            self._set(r.id, IMPORTED if new else MERGED,
                      None if new else f"{r.type}: '{name}' already carried by the integration")
            self._set(obj.id, IMPORTED if new else MERGED,
                      None if new else f"{obj.type} '{name}': information of an integration")
