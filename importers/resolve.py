"""One resolver for every importer: people, organisations and system references.

:func:`ea.importers.import_files` makes one :class:`Resolver` per import and hands it to the
tabular, ArchiMate and Backstage importers, so what several sources state about one person
or one organisation becomes one node whatever the format:

- **people**: the e-mail, case-folded, is a person's identity; a person given by name only
  is the one person of that name (case-folded) already known, else a person keyed by the
  name (``name:<slug>``); two people with one name and different e-mails stay two, and a
  name both carry then resolves to neither (an ``ambiguous`` ledger entry). A source's own
  id for a person (a Backstage ``User`` reference) keeps two entities of that source apart
  when they share a name.
- **organisations**: a path (``Region X / Förvaltning Y``; ``/``, ``>`` or ``\\`` between
  levels) is a chain of organisation nodes keyed by the slug of their path, each level
  ``PART_OF`` the one above; :func:`org_paths` reads the organisation fields of a record
  (``;`` or ``,`` between alternatives).
- **systems**: names, ids and aliases (``system_aliases`` in ea.yaml), narrowed by the
  referencing system's organisation; a reference nobody defines becomes a placeholder system
  and an ``unresolved`` ledger entry (file, line, reason), an ambiguous one an ``ambiguous``
  entry.

The resolver changes the graph only through :class:`~ea.landscape.Landscape` methods, which
stamp provenance.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

from ea import schema
from ea.config import Config
from ea.importers import values as V
from ea.importers.ledger import Ledger
from ea.landscape import Landscape, norm_name, slug
from ea.schema import PART_OF, PERSON, SYSTEM

#: Between the levels of an organisation path.
ORG_PATH_SPLIT = re.compile(r"\s*(?:/|>|\\)\s*")
#: Between alternative organisations in one value.
_ORG_ALTERNATIVES = re.compile(r"\s*[;\n]\s*|\s*,\s*")


def person_id(email: str | None, name: str | None = None, *, fallback: str | None = None) -> str:
    """The id of a new person node: the (already folded) e-mail when there is one, else
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


@functools.lru_cache(maxsize=65536)
def _org_ident(levels: tuple[str, ...]) -> tuple[str, str]:
    """An organisation's id and path text from its path levels (memoised: every row of an
    inventory names its organisation again)."""
    return slug(*levels), " / ".join(levels)


def split_org_path(path: str | Sequence[str]) -> list[str]:
    """The levels of an organisation path, root first.

    >>> split_org_path("Region X/Förvaltning Y")
    ['Region X', 'Förvaltning Y']
    >>> split_org_path(["Region  X", "Förvaltning Y > Avdelning Z"])
    ['Region X', 'Förvaltning Y', 'Avdelning Z']
    """
    parts = [path] if isinstance(path, str) else list(path)
    return [norm_name(x) for p in parts for x in ORG_PATH_SPLIT.split(str(p).strip()) if x]


def org_paths(values: Iterable[str | None]) -> list[list[str]]:
    """The organisation paths a record states, from the values of its organisation fields
    in the order of :data:`ea.importers.headers.ORG_FIELDS` (root first; blanks skipped).
    Alternatives (``;``, ``,`` or a new line between them) give one path each.

    >>> org_paths(["Region X", None, "Förvaltning Y"])
    [['Region X', 'Förvaltning Y']]
    >>> org_paths(["Region X/Förvaltning Y; Region X > Förvaltning Z"])
    [['Region X', 'Förvaltning Y'], ['Region X', 'Förvaltning Z']]
    """
    parts: list[list[str]] = []
    for v in values:
        v = str(v).strip() if v is not None else ""
        if not v:
            continue
        alts = [a for a in _ORG_ALTERNATIVES.split(v) if a]
        parts.append(alts or [v])
    paths = []
    for combo in itertools.product(*parts) if parts else ():
        path = split_org_path(combo)
        if path:
            paths.append(path)
    return paths


class Resolver:
    """Resolves people, organisations and system references into one landscape.

    Parameters
    ----------
    landscape : Landscape
        The landscape being imported into; the people it already holds (a re-import into
        what other sources stated) are indexed.
    ledger : Ledger
        Where unresolved and ambiguous references are reported.
    config : Config, optional
        ``system_aliases``.

    Examples
    --------
    >>> from ea.landscape import Landscape
    >>> from ea.importers.ledger import Ledger
    >>> r = Resolver(Landscape(), Ledger())
    >>> r.person("Anna Andersson", "Anna.Andersson@Region.se", "roles.xlsx:2")
    ('Person:anna.andersson@region.se', False)
    >>> r.person("anna andersson", None, "model.xml#a1")
    ('Person:anna.andersson@region.se', True)
    >>> r.organisation("Region X / Förvaltning Y", "model.xml#a1")
    'Organisation:region-x--forvaltning-y'
    """

    def __init__(self, landscape: Landscape, ledger: Ledger, config: Config | None = None):
        self.ls = landscape
        self.ledger = ledger
        aliases = (config or Config()).get("system_aliases") or {}
        self.system_aliases = {norm_name(k): norm_name(v) for k, v in aliases.items()}
        self._alias_names = list(aliases)
        self._names: V.NameMatcher | None = None
        self._person_by_email: dict[str, str] = {}
        self._person_by_name: dict[str, set[str]] = defaultdict(set)
        self._person_by_identity: dict[str, str] = {}
        self._identity_of: dict[str, str] = {}
        for key, d in landscape.nodes(PERSON):
            # a person keyed by neither e-mail nor name carries a source's own id (Backstage)
            ident = d["id"] if not d.get("email") and not str(d["id"]).startswith("name:") \
                else None
            self._index_person(key, d.get("email"), d.get("name"), ident)

    # ------------------------------------------------------------------ people
    def _index_person(self, key: str, email: str | None, name: str | None,
                      identity: str | None) -> None:
        if email:
            self._person_by_email[str(email).casefold()] = key
        if name:
            self._person_by_name[str(name).casefold()].add(key)
        if identity:
            self._person_by_identity[identity] = key
            self._identity_of.setdefault(key, identity)

    def person(self, name: str | None, email: str | None, source: str, *,
               identity: str | None = None, where: dict | None = None,
               **fields) -> tuple[str, bool]:
        """The key of the person a record names, added or merged with ``fields``; and whether
        the person was already known.

        The e-mail (case-folded) decides when there is one. Without one: the person this
        source already gave ``identity``; else the one known person of that name (not one
        holding another ``identity``); else a new person keyed by ``identity`` or the name.
        A name that fits several people links to none of them: an ``ambiguous`` ledger entry
        placed by ``where`` (``file``, ``sheet``, ``line``, ``column``, ``subject``) says so.
        """
        email = email.strip().casefold() or None if email else None
        name = norm_name(name) or None if name else None
        key = None
        cands: set[str] = set()
        if email:
            key = self._person_by_email.get(email)
        elif identity and identity in self._person_by_identity:
            key = self._person_by_identity[identity]
        elif name:
            cands = {k for k in self._person_by_name.get(name.casefold(), ())
                     if identity is None or self._identity_of.get(k) in (None, identity)}
            if len(cands) == 1:
                key = next(iter(cands))
        if key is None:
            key = schema.node_key(PERSON, person_id(email, name, fallback=identity))
            if len(cands) > 1:
                self._ambiguous_person(name, key, cands, where or {})
        existed = key in self.ls
        vals = {"name": name, "email": email, **fields}
        self.ls.add_person(key.split(":", 1)[1], source=source,
                           **{k: v for k, v in vals.items() if v is not None})
        self._index_person(key, email, name, identity)
        return key, existed

    def _ambiguous_person(self, name: str, key: str, cands: set[str], where: dict) -> None:
        who = ", ".join(sorted(self.ls.node(k).get("email") or self.ls.node(k)["id"]
                               for k in cands))
        self.ledger.add("ambiguous", f"'{name}' is the name of {len(cands)} people ({who}); a "
                        f"name alone cannot say which: kept as {key.split(':', 1)[1]} (write "
                        "the e-mail to link it)", value=name, **{"subject": key, **where})

    def add_to_person(self, key: str, source: str, **fields) -> None:
        """Add what a source states about a person already resolved (Backstage: the
        organisation of a group the user is a member of)."""
        self.ls.add_person(self.ls.node(key)["id"], source=source, **fields)

    # ------------------------------------------------------------------ organisations
    def organisation(self, path: str | Sequence[str], source: str) -> str:
        """The key of the deepest organisation of ``path`` (a string or its levels), each
        level added (keyed by the slug of its path) and joined ``PART_OF`` the one above
        unless it already has a parent."""
        parts = split_org_path(path)
        if not parts:  # a name of separators only ("/"): the name itself, as written
            text = path if isinstance(path, str) else " ".join(map(str, path))
            parts = [norm_name(text) or "?"]
        parent = key = None
        for depth in range(1, len(parts) + 1):
            sub = tuple(parts[:depth])
            ident = _org_ident(sub)
            key = self.ls.add_organisation(ident[0], source=source, name=sub[-1],
                                           path=ident[1])
            if parent is not None:
                self.link_organisation(key, parent, source)
            parent = key
        return key

    def link_organisation(self, child: str, parent: str, source: str) -> bool:
        """``child`` PART_OF ``parent`` unless ``child`` already has a parent; True when
        linked."""
        if self.ls.parent_of(child) is not None:
            return False
        self.ls.add_edge(PART_OF, child, parent, source=source)
        return True

    def organisation_path(self, key: str) -> str:
        """The path of names from the root organisation down to ``key``."""
        return " / ".join(self.ls.name(k) for k in reversed(self.ls.org_chain(key)))

    # ------------------------------------------------------------------ systems
    def canonical(self, ref: str) -> str:
        """A system reference with ``system_aliases`` applied (whitespace normalised)."""
        ref = norm_name(ref)
        return self.system_aliases.get(ref, ref)

    def name_matcher(self) -> V.NameMatcher:
        """Every known system name, id and alias, for reading dependency cells; built once
        and grown as placeholders are added (never rebuilt per row)."""
        if self._names is None:
            names = set(self._alias_names)
            for _, d in self.ls.nodes(SYSTEM):
                if d.get("name"):
                    names.add(d["name"])
                names.add(d["id"])
                names.update(d.get("aliases") or [])
            self._names = V.NameMatcher(sorted(names))
        return self._names

    def forget_names(self) -> None:
        """Rebuild :meth:`name_matcher` on its next use (after systems were defined)."""
        self._names = None

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

    def system(self, ref: str, *, source: str, file: str | None, sheet: str | None = None,
               line: int | None = None, column: str | None = None,
               context: str | None = None) -> tuple[str | None, bool]:
        """A system key for a reference, and whether it was newly created as a placeholder.

        ``context`` is the system whose record makes the reference: a name several
        organisations register resolves to the one in its organisation, then up its
        organisation chain. ``source`` stamps a placeholder; ``file``, ``sheet``, ``line``
        and ``column`` place the ledger entries. Returns (None, False) for an ambiguous
        reference (reported)."""
        where = {"file": file, "sheet": sheet, "line": line, "column": column}
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
                            "use the System-ID", value=ref, **where)
            return None, False
        if found:
            key = found[0]
            if self.ls.node(key).get("placeholder"):
                self._report_unresolved(ref, key, where)
            return key, False
        sys_id = self.ls.free_system_id(slug(target), target)
        key = self.ls.add_system(sys_id, source=source, name=target, placeholder=True)
        if self._names is not None:
            self._names.add(target)
            self._names.add(sys_id)
        self._report_unresolved(ref, key, where)
        return key, True

    def _report_unresolved(self, ref: str, key: str, where: dict) -> None:
        hint = ""
        near = self._near_names(ref)
        if near:
            hint = f"; did you mean {', '.join(repr(n) for n in near)}? (add system_aliases in ea.yaml)"
        self.ledger.add("unresolved", f"'{ref}' is defined by no source; kept as a placeholder "
                        f"system{hint}", value=ref, subject=key, **where)

    def _near_names(self, ref: str) -> list[str]:
        out = []
        for k in self.ls.find_loose(ref):
            d = self.ls.node(k)
            if not d.get("placeholder") and d.get("name") != ref:
                out.append(d["name"])
        return sorted(set(out))[:3]
