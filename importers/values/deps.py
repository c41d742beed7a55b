"""Reference/dependency cells: :class:`NameMatcher`, :func:`parse_dependency_cell`,
:func:`parse_integration_types`, :class:`DepRef`.

Part of :mod:`ea.importers.values` (see its docstring for examples)."""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ea.importers.values._base import _RE_HSPACE, Parsed, _is_blank
from ea.importers.values.enums import parse_criticality
from ea.importers.values.integration import parse_integration_type

# ------------------------------------------------------------------- dependency cells


@dataclass(frozen=True)
class DepRef:
    """One reference in a dependency cell.

    Attributes
    ----------
    name
        The known name when resolved, else the entry's name text.
    resolved
        True when matched against a known name.
    criticality
        From a ``: Hög`` detail (via :func:`parse_criticality`), or None.
    type
        From a ``(API)`` detail (via :func:`parse_integration_type`), or None; the first
        of ``types`` when the detail lists several.
    raw
        This entry's text.
    types
        Every integration type of the detail, in order: ``(API; Fil)`` gives two.
    """

    name: str
    resolved: bool
    criticality: Parsed | None
    type: Parsed | None
    raw: str
    types: tuple[Parsed, ...] = ()


_BOUNDARY_CHARS = ":,;(\n"


def _normalise_ws(text: str) -> str:
    return _RE_HSPACE.sub(" ", text).strip()


class NameMatcher:
    """Find known system names (and ids/aliases) inside dependency cells.

    Matching is exact after whitespace normalisation and case-SENSITIVE (case variants are
    reported by the importer as suggestions, not silently resolved). Names are indexed by
    their first three characters, each key holding the distinct name lengths longest first,
    so a lookup costs a few dict probes however many names are known.

    Parameters
    ----------
    names
        Known names; blanks are ignored. The first spelling given for a normalised name is
        the one returned.
    """

    _KEY = 3

    def __init__(self, names: Iterable[str]):
        self._names: dict[str, str] = {}
        lengths: dict[str, set[int]] = defaultdict(set)
        for name in names:
            if _is_blank(name):
                continue
            original = str(name)
            norm = _normalise_ws(original)
            if norm not in self._names:
                self._names[norm] = original.strip()
                lengths[norm[: self._KEY]].add(len(norm))
        self._lengths = {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}

    def add(self, name: str) -> None:
        """Know one more name (a placeholder created during the import): a few dict
        operations, so the matcher grows with the landscape instead of being rebuilt."""
        if _is_blank(name):
            return
        original = str(name)
        norm = _normalise_ws(original)
        if norm in self._names:
            return
        self._names[norm] = original.strip()
        key = norm[: self._KEY]
        cur = self._lengths.get(key, ())
        if len(norm) not in cur:
            self._lengths[key] = tuple(sorted((*cur, len(norm)), reverse=True))

    def __len__(self) -> int:
        return len(self._names)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and _normalise_ws(name) in self._names

    @staticmethod
    def _at_boundary(text: str, end: int) -> bool:
        while end < len(text) and text[end] in " \t":
            end += 1
        return end == len(text) or text[end] in _BOUNDARY_CHARS

    def _match(self, text: str, pos: int) -> tuple[str, int] | None:
        for k in range(self._KEY, 0, -1):
            if pos + k > len(text):
                continue
            for length in self._lengths.get(text[pos: pos + k], ()):
                end = pos + length
                if end <= len(text) and text[pos:end] in self._names \
                        and self._at_boundary(text, end):
                    return self._names[text[pos:end]], end
        return None

    def match_at(self, text: str, pos: int) -> str | None:
        """The longest known name starting at ``text[pos]`` that ends at a boundary.

        Parameters
        ----------
        text
            Whitespace-normalised text (single spaces; :func:`parse_dependency_cell`
            normalises cells before matching).
        pos
            Where the name must start.

        Returns
        -------
        str or None
            The known name, if one ends at the end of ``text`` or before optional spaces
            and one of ``:`` ``,`` ``;`` ``(`` or a newline.
        """
        hit = self._match(text, pos)
        return hit[0] if hit else None


def _scan(text: str, i: int, stops: str, *, paren_aware: bool) -> int:
    """Index of the first char in ``stops`` at depth 0 from ``i`` (or len(text))."""
    depth = 0
    for j in range(i, len(text)):
        c = text[j]
        if paren_aware and c == "(":
            depth += 1
        elif paren_aware and c == ")" and depth:
            depth -= 1
        elif depth == 0 and c in stops:
            return j
    if paren_aware and depth:
        return _scan(text, i, stops, paren_aware=False)
    return len(text)


def _closing_paren(text: str, i: int) -> int:
    """Index of the ``)`` closing the ``(`` at ``i``, or -1."""
    depth = 0
    for j in range(i, len(text)):
        if text[j] == "(":
            depth += 1
        elif text[j] == ")":
            depth -= 1
            if depth == 0:
                return j
    return -1


@functools.lru_cache(maxsize=16384)
def _criticality(words: str) -> Parsed:
    """:func:`parse_criticality` of the words after a name's ``:`` (memoised: ``Hög``,
    ``Medel`` over and over; the result is immutable)."""
    return parse_criticality(words)


_TYPE_LIST_SPLIT = re.compile(r"\s*(?:[;,/+&]|\boch\b|\band\b)\s*", re.I)


def _type_list(inner: str) -> tuple[Parsed, ...]:
    """Every integration type in a detail such as ``API; Fil`` (empty when a part is not a
    type); a single type gives one."""
    parts = [x for x in _TYPE_LIST_SPLIT.split(inner.strip()) if x]
    if len(parts) > 1:
        parsed = [parse_integration_type(x) for x in parts]
        if all(q.value not in (None, "other") for q in parsed):
            out: list[Parsed] = []
            for q in parsed:
                if all(q.value != o.value for o in out):
                    out.append(q)
            return tuple(out)
    whole = parse_integration_type(inner)
    return () if whole.value in (None, "other") else (whole,)


def parse_integration_types(value: object) -> tuple[Parsed, ...]:
    """Every integration type of a cell that lists several (``API; Fil`` -> api, file);
    one for a single type; empty when the text is not a list of known types."""
    if _is_blank(value):
        return ()
    return _type_list(str(value))


@functools.lru_cache(maxsize=16384)
def _type_detail(inner: str) -> tuple[Parsed, ...] | Parsed:
    """What a ``(...)`` after a name says (memoised: registers repeat ``(API)``, ``(Fil)``;
    the result is immutable)."""
    types = _type_list(inner)
    if types:
        return types
    return Parsed(None, inner.strip() or None,
                  note=f"detail '({inner.strip()})' is not an integration type", ok=False)


def parse_dependency_cell(value: object, matcher: NameMatcher | None) -> list[DepRef]:
    """Parse a dependency cell such as ``Raindance: Hög (API), Trimbel NIS, TCN, DMS (SEE,
    SN): Medel (Fil), Heroma``.

    Parameters
    ----------
    value
        The cell. Entries are separated by ``,``, ``;`` or newlines; each is a system name
        optionally followed by ``: <criticality>`` and/or ``(<type>)`` in either order.
    matcher
        Known names. System names contain commas and parentheses, so at each entry the
        longest known name is tried first; only when none matches is an unresolved name read
        up to the next ``:``, ``,``, ``;`` or newline outside parentheses (a trailing
        ``(...)`` that reads as an integration type is split off as the type).

    Returns
    -------
    list of DepRef
        In cell order; unresolved entries have ``resolved=False`` (the importer reports them,
        never invents systems from them).
    """
    if _is_blank(value):
        return []
    if matcher is None:
        matcher = NameMatcher(())
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(_normalise_ws(line) for line in text.split("\n"))
    refs: list[DepRef] = []
    i, n = 0, len(text)
    while i < n:
        while i < n and text[i] in " ,;\n":
            i += 1
        if i >= n:
            break
        start = i
        type_p: Parsed | None = None
        types: tuple[Parsed, ...] = ()
        crit: Parsed | None = None
        hit = matcher._match(text, i)
        if hit:
            name, i = hit
            resolved = True
        else:
            j = _scan(text, i, ":,;\n", paren_aware=True)
            name = text[i:j].strip()
            i = j
            if (m := re.search(r"\s*\(([^()]*)\)$", name)) and m.start() > 0:
                found = _type_list(m[1])
                if found:
                    types, type_p, name = found, found[0], name[: m.start()].strip()
            resolved = False
        while True:
            k = i
            while k < n and text[k] == " ":
                k += 1
            if k < n and text[k] == ":" and crit is None:
                e = _scan(text, k + 1, "(,;\n", paren_aware=False)
                words = text[k + 1: e].strip()
                crit = _criticality(words) if words else None
                i = e
            elif k < n and text[k] == "(" and type_p is None:
                e = _closing_paren(text, k)
                if e < 0:
                    break
                detail = _type_detail(text[k + 1: e])
                if isinstance(detail, tuple):
                    types, type_p = detail, detail[0]
                else:
                    type_p = detail
                i = e + 1
            else:
                break
        i = _scan(text, i, ",;\n", paren_aware=True)
        raw = text[start:i].strip()
        if name:
            refs.append(DepRef(name, resolved, crit, type_p, raw, types))
    return refs
