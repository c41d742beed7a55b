"""People-list rows and pm3 role rows (wide and long): part of
:class:`ea.importers.tabular.TabularImporter`.
"""

from __future__ import annotations

from ea import schema
from ea.importers import headers as H
from ea.importers import values as V
from ea.importers.ledger import IMPORTED, MERGED
from ea.importers.tabular_base import _EMAIL_RE, ACTIVE_WORDS, INACTIVE_WORDS, Prepared, _text
from ea.landscape import norm_name, slug
from ea.schema import OBJECT, PART_OF


class PeopleRows:
    """Methods of :class:`ea.importers.tabular.TabularImporter` (a mixin)."""

    def _row_person(self, p: Prepared, line: int, cells: list) -> str:
        src = self._src(p, line)
        for f in ("name", "person", "email", "employment", "status", "title", *H.ORG_FIELDS):
            p.used_fields.add(f)
        name = _text(p.cell(cells, "person")) or _text(p.cell(cells, "name"))
        email = _text(p.cell(cells, "email"))
        if email and not _EMAIL_RE.match(email):
            self.ledger.add("warning", f"'{email}' does not look like an e-mail address",
                            file=p.table.file, sheet=p.table.sheet, line=line,
                            column=p.header("email"), value=email)
        if not name and not email:
            return self._reject(p, line, "no name or e-mail for the person", p.header("name"))
        fields: dict = {}
        status = _text(p.cell(cells, "employment")) or _text(p.cell(cells, "status"))
        if status:
            folded = status.casefold()
            if any(folded.startswith(w) for w in INACTIVE_WORDS):
                fields["active"] = False
            elif any(folded.startswith(w) for w in ACTIVE_WORDS):
                fields["active"] = True
            else:
                self.ledger.add("warning", f"employment status '{status}' not understood; "
                                "the person's activity is unknown", file=p.table.file,
                                sheet=p.table.sheet, line=line,
                                column=p.header("employment") or p.header("status"), value=status)
        else:
            fields["active"] = True  # listed in a people export with no status column
        title = _text(p.cell(cells, "title"))
        if title:
            fields["title"] = title
        paths = self._org_paths(p, cells)
        if paths:
            fields["organisation"] = " / ".join(paths[0])
        key, existed = self.resolver.person(
            name, email, src, listed=True,
            where=self._at(p, line, p.header("person") or p.header("name")), **fields)
        lists = self.ls.meta.setdefault("people_lists", [])
        if p.stats.label not in lists:
            lists.append(p.stats.label)
        return MERGED if existed else IMPORTED

    # ------------------------------------------------------------------ roles
    def _role_subject(self, p: Prepared, line: int, cells: list) -> tuple[str | None, bool]:
        """The subject (system or object) a role row is about; (key, created)."""
        if line in p.row_subject:
            return p.row_subject[line], False
        src = self._src(p, line)
        for f in ("object", "subject", "name", "system_id"):
            p.used_fields.add(f)
        obj = _text(p.cell(cells, "object"))
        sysref = _text(p.cell(cells, "system_id")) or (
            _text(p.cell(cells, "name")) if not self._name_is_person(p) else None)
        subj = _text(p.cell(cells, "subject"))
        if obj:
            okey = schema.node_key(OBJECT, slug(norm_name(obj)))
            created = okey not in self.ls
            okey = self._object(obj, src)
            if sysref:
                skey, screated = self._resolve_system(p, line, sysref,
                                                      p.header("system_id") or p.header("name"))
                if skey:
                    self.ls.add_edge(PART_OF, skey, okey, source=src)
                    created = created or screated
            return okey, created
        ref = sysref or subj
        if not ref:
            return None, False
        if subj and not sysref and not self.ls.find_systems(self.resolver.canonical(subj)):
            okey = schema.node_key(OBJECT, slug(norm_name(subj)))
            if okey in self.ls:
                return okey, False
        return self._resolve_system(p, line, ref, p.header("system_id") or p.header("name")
                                    or p.header("subject"))

    def _add_holders(self, p: Prepared, line: int, subject: str, role: str, cell,
                     title: str | None, column: str | None) -> str | None:
        src = self._src(p, line)
        text = _text(cell)
        if not text:
            return None
        if V.is_vacant(text):
            before = len(self.ls.node(subject).get("vacant_roles", []))
            self.ls.add_vacant_role(subject, role, source=src, title=title, raw=text)
            return IMPORTED if len(self.ls.node(subject)["vacant_roles"]) > before else MERGED
        people = V.split_people(text)
        if not people:
            self.ledger.add("warning", f"no person found in '{text}'", file=p.table.file,
                            sheet=p.table.sheet, line=line, column=column, value=text)
            return None
        outcome = MERGED
        for ref in people:
            pkey, _ = self.resolver.person(ref.name, ref.email, src,
                                            where=self._at(p, line, column))
            new = not self.ls.graph.has_edge(pkey, subject, f"{schema.HAS_ROLE}|{role}")
            self.ls.add_role(pkey, subject, role, source=src, title=title)
            if new:
                outcome = IMPORTED
        return outcome

    def _row_roles_wide(self, p: Prepared, line: int, cells: list) -> str | None:
        subject, created = self._role_subject(p, line, cells)
        role_cols = p.memo.get("role_cols")
        if role_cols is None:
            role_cols = p.memo["role_cols"] = [
                (i, f.split(":", 1)[1]) for i, f in sorted(p.hmap.columns.items())
                if f.startswith("role:")]
            for i, _ in role_cols:
                p.used_fields.add(p.hmap.columns[i])
        has_values = any(_text(cells[i]) for i, _ in role_cols if i < len(cells))
        if subject is None:
            if has_values and H.SYSTEMS not in p.types:
                return self._reject(p, line, "roles without a system or förvaltningsobjekt to "
                                    "attach them to", p.header("object") or p.header("name"))
            return None
        outs = [IMPORTED] if created else []
        for i, role in role_cols:
            if i >= len(cells):
                continue
            o = self._add_holders(p, line, subject, role, cells[i], p.hmap.headers[i],
                                  p.hmap.headers[i])
            if o:
                outs.append(o)
        if IMPORTED in outs:
            return IMPORTED
        if outs:
            return MERGED
        if H.SYSTEMS in p.types:
            return None
        return MERGED if not created else IMPORTED

    @staticmethod
    def _name_is_person(p: Prepared) -> bool:
        """In a long role list, a generic name column ("Namn") holds the person when a
        separate column names the subject; otherwise it names the system."""
        hit = p.memo.get("name_is_person")
        if hit is None:
            f = p.hmap.fields()
            hit = p.memo["name_is_person"] = (
                H.ROLES_LONG in p.types and "person" not in f
                and bool(f & {"object", "system_id", "subject"}))
        return hit

    def _row_roles_long(self, p: Prepared, line: int, cells: list) -> str | None:
        p.used_fields.update({"role_title", "person", "email", "name"})
        title = _text(p.cell(cells, "role_title"))
        if not title:
            return self._reject(p, line, "no role title", p.header("role_title"))
        role = self.matcher.role_from_title(title)
        if role is None:
            known = sorted({n for r in schema.ROLES.values() for n in r.names})
            import difflib
            near = difflib.get_close_matches(title, known, n=2, cutoff=0.6)
            hint = f" (nearest: {', '.join(near)})" if near else ""
            return self._reject(p, line, f"unknown role title '{title}'{hint}; add it to "
                                "role_aliases in ea.yaml", p.header("role_title"))
        subject, created = self._role_subject(p, line, cells)
        if subject is None:
            return self._reject(p, line, "no system or förvaltningsobjekt for the role",
                                p.header("object") or p.header("system_id"))
        person = _text(p.cell(cells, "person"))
        if person is None and self._name_is_person(p):
            person = _text(p.cell(cells, "name"))
        email = _text(p.cell(cells, "email"))
        if person and V.is_vacant(person) and not email:
            return self._add_holders(p, line, subject, role, person, title, p.header("person"))
        if not person and not email:
            self.ls.add_vacant_role(subject, role, source=self._src(p, line), title=title,
                                    raw=None)
            return IMPORTED
        src = self._src(p, line)
        pkey, _ = self.resolver.person(person, email, src, where=self._at(
            p, line, p.header("person") or p.header("name")))
        new = not self.ls.graph.has_edge(pkey, subject, f"{schema.HAS_ROLE}|{role}")
        self.ls.add_role(pkey, subject, role, source=src, title=title)
        return IMPORTED if (new or created) else MERGED

