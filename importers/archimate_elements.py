"""ArchiMate elements into systems, organisations, objects and role holders: a part of
:class:`ea.importers.archimate.ArchiMateImporter`. People and organisations go through the
import's :class:`~ea.importers.resolve.Resolver`."""

from __future__ import annotations

from collections import defaultdict

from ea import schema
from ea.importers import headers as H
from ea.importers import values as V
from ea.importers.archimate_model import El, _pick_name
from ea.importers.ledger import IMPORTED, MERGED
from ea.importers.resolve import org_paths
from ea.landscape import norm_name, slug
from ea.schema import OWNED_BY, PART_OF


class ElementsMixin:
    """Systems from components, with their properties, owners, objects and roles (needs the
    importer's state)."""

    def _systems(self) -> None:
        by_name: dict[str, list[str]] = defaultdict(list)
        for i, el in self.m.elements.items():
            if self.kind_of[i] != "system":
                continue
            mapped = self.props.map(el.props)
            self._report_props(mapped, i)
            name = el.name
            if not name:
                name = i
                self.warn(f"{el.type} '{i}' has no name; its identifier is used as its name", i)
            _, others = _pick_name(el, self.cfg.get("language"))
            values = dict(mapped["values"])
            values = {k: v for k, v in values.items() if k in schema.SYSTEM_FIELDS}
            values["name"] = name
            if others:
                values["aliases"] = values.get("aliases", []) + others
            if el.doc and "description" not in values:
                values["description"] = el.doc
            sid = mapped["ids"][0] if mapped["ids"] else i
            key = schema.node_key(schema.SYSTEM, sid)
            existed = key in self.ls and not self.ls.node(key).get("placeholder")
            extra = dict(mapped["extra"])
            extra["archimate_type"] = el.type
            extra["archimate_id"] = i
            self.ls.add_system(sid, source=self.src(i), raw=mapped["raw"], extra=extra, **values)
            self.ls.mark_defined(key)
            self.sys[i] = key
            by_name[name].append(i)
            self._set(i, MERGED if existed else IMPORTED,
                      f"{el.type} '{name}': merged into the existing system {key}"
                      if existed else None)
            for path in self._org_paths(mapped["orgs"]):
                okey = self.resolver.organisation(path, self.src(i))
                self.ls.add_edge(OWNED_BY, key, okey, source=self.src(i))
            for obj in mapped["objects"]:
                self._part_of(key, obj, self.src(i))
            for role, title, holder in mapped["roles"]:
                self._holders(key, role, title, holder, self.src(i), i)
        for name, ids in sorted(by_name.items()):
            if len(ids) > 1:
                self.ledger.add("warning", f"{len(ids)} elements are named '{name}' "
                                f"({', '.join(ids)}); kept as separate systems",
                                file=self.display, value=name)

    def _report_props(self, mapped: dict, ident: str) -> None:
        for w in mapped["warnings"]:
            self.warn(w, ident)
        for key in mapped["unmapped"]:
            if key not in self._unmapped_seen:
                self._unmapped_seen.add(key)
                self.ledger.add("unmapped_column", f"property '{key}' maps to no field (values "
                                "kept as extra data)", file=self.display, column=key)

    @staticmethod
    def _org_paths(orgs: list[tuple[str, str]]) -> list[list[str]]:
        """The organisation paths of an element's organisation properties, read as the
        columns of a register are: one field each (``Region``, ``Förvaltning``, ...), root
        first; two values of one field are alternatives."""
        by_field: dict[str, list[str]] = defaultdict(list)
        for fld, value in orgs:
            by_field[fld].append(value)
        return org_paths("; ".join(by_field[f]) or None for f in H.ORG_FIELDS)

    def _part_of(self, system: str, obj_name: str, source: str) -> str:
        obj_name = norm_name(obj_name)
        okey = self.ls.add_object(slug(obj_name), source=source, name=obj_name)
        self.ls.add_edge(PART_OF, system, okey, source=source)
        return okey

    def _person(self, el: El, source: str) -> str:
        """A BusinessActor holding a role: the person of its e-mail property, else of its
        name."""
        return self.resolver.person(el.name or el.id, self.props.map(el.props)["email"],
                                    source, where={"file": self.display, "subject": el.id})[0]

    def _holders(self, subject: str, role: str, title: str, text: str, source: str,
                 ident: str) -> bool:
        """Role holders written in a property cell (``Systemägare: Anna Andersson``)."""
        if V.is_vacant(text):
            self.ls.add_vacant_role(subject, role, source=source, title=title, raw=text)
            return True
        people = V.split_people(text)
        if not people:
            self.warn(f"property '{title}': no person found in '{text}'", ident, text)
            return False
        for ref in people:
            pkey, _ = self.resolver.person(ref.name, ref.email, source, where={
                "file": self.display, "column": title, "subject": ident})
            self.ls.add_role(pkey, subject, role, source=source, title=title)
        return True
