"""Resolving references while importing: organisation paths to organisation nodes, system
references (names, ids, aliases, narrowed by organisation) to system keys, and people (e-mail,
then name) to person keys.

:func:`person_id` is the one rule for a person node's id, used by the tabular, ArchiMate and
Backstage importers. :class:`Resolver` is mixed into
:class:`ea.importers.tabular.TabularImporter`; it changes the graph only through
:class:`~ea.landscape.Landscape` methods.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict

from ea import schema
from ea.importers import headers as H
from ea.importers import values as V
from ea.importers.tabular_base import _ORG_PATH_SPLIT, Prepared, _text
from ea.landscape import norm_name, slug
from ea.schema import ORGANISATION, PART_OF, PERSON, SYSTEM


def person_id(email: str | None, name: str | None = None, *, fallback: str | None = None) -> str:
    """The id of a person node: the (already folded) e-mail when there is one, else
    ``fallback`` when given (Backstage: the entity reference), else ``name:<slug of name>``.

    >>> person_id("anna.andersson@region.se", "Anna Andersson")
    'anna.andersson@region.se'
    >>> person_id(None, "Anna Andersson")
    'name:anna-andersson'
    >>> person_id("", "Bo", fallback="user:default/bo")
    'user:default/bo'
    """
    if email:
        return email
    return fallback if fallback is not None else f"name:{slug(name)}"


class Resolver:
    """Methods of :class:`ea.importers.tabular.TabularImporter` (a mixin): needs ``self.ls``
    (the Landscape) and ``self.ledger``."""

    # ------------------------------------------------------------------ organisations
    def _org_paths(self, p: Prepared, cells: list) -> list[list[str]]:
        parts: list[list[str]] = []
        for fld in H.ORG_FIELDS:
            p.used_fields.add(fld)
            v = _text(p.cell(cells, fld))
            if not v:
                continue
            alts = [a for a in re.split(r"\s*[;\n]\s*|\s*,\s*", v) if a]
            parts.append(alts or [v])
        if not parts:
            return []
        paths = []
        for combo in itertools.product(*parts):
            path: list[str] = []
            for c in combo:
                path += [x for x in _ORG_PATH_SPLIT.split(c) if x]
            if path:
                paths.append(path)
        return paths

    def _org_key(self, path: list[str], source: str) -> str:
        parent = None
        key = None
        for depth in range(1, len(path) + 1):
            sub = path[:depth]
            oid = slug(*sub) if depth > 1 else slug(sub[0])
            key = self.ls.add_organisation(oid, source=source, name=sub[-1],
                                           path=" / ".join(sub))
            if parent is not None and self.ls.parent_of(key) is None:
                self.ls.add_edge(PART_OF, key, parent, source=source)
            parent = key
        return key

    def _find_org(self, name: str) -> str | None:
        """An existing organisation by full path or by a unique leaf name."""
        n = norm_name(name)
        byleaf = []
        for key, d in self.ls.nodes(ORGANISATION):
            if d.get("path") == n:
                return key
            if d.get("name") == n:
                byleaf.append(key)
        return byleaf[0] if len(byleaf) == 1 else None


    # ------------------------------------------------------------------ references
    def _name_matcher(self) -> V.NameMatcher:
        """Every known system name, id and alias, for reading dependency cells; built once
        per import and grown as placeholders are added (never rebuilt per row)."""
        if self._matcher is None:
            names = set()
            for _, d in self.ls.nodes(SYSTEM):
                if d.get("name"):
                    names.add(d["name"])
                names.add(d["id"])
                names.update(d.get("aliases") or [])
            names.update(self.cfg.get("system_aliases") or {})
            self._matcher = V.NameMatcher(sorted(names))
        return self._matcher

    def _narrow_by_organisation(self, found: list[str], context: str) -> list[str]:
        """The candidates owned within the referencing system's organisation, else within
        the nearest parent organisation that owns any; ``found`` when no level does."""
        chains = [self.ls.org_chain(o) for o in self.ls.owners_of(context)]
        if not chains:
            return found
        within = {k: {o for own in self.ls.owners_of(k) for o in self.ls.org_chain(own)}
                  for k in found}
        for depth in range(max(len(c) for c in chains)):
            level = {c[depth] for c in chains if depth < len(c)}
            hit = [k for k in found if within[k] & level]
            if hit:
                return hit
        return found

    def _resolve_system(self, p: Prepared, line: int, ref: str, column: str | None,
                        context: str | None = None) -> tuple[str | None, bool]:
        """A system key for a reference, and whether it was newly created as a placeholder.

        ``context`` is the system whose row makes the reference: a name several
        organisations register resolves to the one in its organisation, then up its
        organisation chain. Returns (None, False) for an ambiguous reference (reported)."""
        ref = norm_name(ref)
        target = self.system_aliases.get(ref, ref)
        found = self.ls.find_systems(target)
        if len(found) > 1:
            defined = [k for k in found if not self.ls.node(k).get("placeholder")]
            found = defined if defined else found
        if len(found) > 1 and context is not None:
            found = self._narrow_by_organisation(found, context)
        if len(found) > 1:
            names = ", ".join(f"{self.ls.name(k)} ({self.ls.node(k).get('organisation') or k})"
                              for k in found)
            self.ledger.add("ambiguous", f"'{ref}' matches {len(found)} systems: {names}; "
                            "use the System-ID", file=p.table.file, sheet=p.table.sheet,
                            line=line, column=column, value=ref)
            return None, False
        if found:
            key = found[0]
            if self.ls.node(key).get("placeholder"):
                self._report_unresolved(p, line, ref, column, key)
            return key, False
        sys_id = self.ls.free_system_id(slug(target), target)
        key = self.ls.add_system(sys_id, source=self._src(p, line), name=target,
                                 placeholder=True)
        if self._matcher is not None:
            self._matcher.add(target)
            self._matcher.add(sys_id)
        self._report_unresolved(p, line, ref, column, key)
        return key, True

    def _report_unresolved(self, p: Prepared, line: int, ref: str, column: str | None,
                           key: str) -> None:
        hint = ""
        near = self._near_names(ref)
        if near:
            hint = f"; did you mean {', '.join(repr(n) for n in near)}? (add system_aliases in ea.yaml)"
        self.ledger.add("unresolved", f"'{ref}' is defined by no source; kept as a placeholder "
                        f"system{hint}", file=p.table.file, sheet=p.table.sheet, line=line,
                        column=column, value=ref, subject=key)

    def _near_names(self, ref: str) -> list[str]:
        out = []
        for k in self.ls.find_loose(ref):
            d = self.ls.node(k)
            if not d.get("placeholder") and d.get("name") != ref:
                out.append(d["name"])
        return sorted(set(out))[:3]

    # ------------------------------------------------------------------ people
    def _index_people(self) -> None:
        """Index the people other sources stated (a re-import) by e-mail and by name."""
        self._person_by_email: dict[str, str] = {}
        self._person_by_name: dict[str, set[str]] = defaultdict(set)
        for key, d in self.ls.nodes(PERSON):
            if d.get("email"):
                self._person_by_email[str(d["email"]).casefold()] = key
            if d.get("name"):
                self._person_by_name[str(d["name"]).casefold()].add(key)

    def _person_key(self, name: str | None, email: str | None, src: str, *,
                    listed: bool = False, **fields) -> tuple[str, bool]:
        email = email.strip().casefold() if email else None
        name = norm_name(name) if name else None
        key = None
        if email and email in self._person_by_email:
            key = self._person_by_email[email]
        elif name and not email:
            cands = self._person_by_name.get(name.casefold(), set())
            if len(cands) == 1:
                key = next(iter(cands))
        if key is None:
            key = schema.node_key(PERSON, person_id(email, name))
        existed = key in self.ls
        vals = {"name": name, "email": email, **fields}
        if listed:
            vals["listed"] = True
        self.ls.add_person(key.split(":", 1)[1], source=src,
                           **{k: v for k, v in vals.items() if v is not None})
        if email:
            self._person_by_email[email] = key
        if name:
            self._person_by_name[name.casefold()].add(key)
        return key, existed

