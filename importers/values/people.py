"""People cells: :func:`split_people`, :func:`is_vacant`, :class:`PersonRef`.

Part of :mod:`ea.importers.values` (see its docstring for examples)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ea.importers.values._base import _fold, _is_blank, _is_unknown_marker, _text

# ------------------------------------------------------------------------------ people


@dataclass(frozen=True)
class PersonRef:
    """One person named in a role cell.

    Attributes
    ----------
    name
        Display name, or None when only an e-mail was given.
    email
        Lower-cased e-mail address, or None.
    raw
        This person's part of the cell.
    """

    name: str | None
    email: str | None
    raw: str


_RE_VACANT = re.compile(
    r"(?:vakan[st]\w*|vacan[tc]\w*|saknas|missing|(?:ej|inte) (?:tillsatt|utsedd|utsett|"
    r"bemannad)|ingen|tbd|tba|under rekrytering|rekrytering pagar|rekryteras|n\.?n\.?)"
    r"(?![a-z0-9])"
)
_RE_EMAIL = re.compile(r"[^\s<>()\[\],;:@\"']+@[^\s<>()\[\],;:@\"']+\.[^\s<>()\[\],;:@\"'.]+")
_RE_LAST_FIRST = re.compile(r"([^\s,@;]+)\s*,\s*([^\s,@;]+)")
_RE_PEOPLE_JOIN = re.compile(r"\s+(?:och|&|/)\s+", re.IGNORECASE)
_RE_SPACES = re.compile(r"\s+")
_RE_PARENS = re.compile(r"\((.*)\)")
_RE_TRAILING_PARENS = re.compile(r"\s*\([^()]*\)\s*$")
_RE_MAILTO = re.compile(r"(?i)mailto:")
_RE_PUNCT = re.compile(r"[\s<>()\[\]\"']")
_RE_HSPACE = re.compile(r"[ \t\u00a0]+")


def _split_depth0(text: str, seps: str) -> list[str]:
    """Split on any char of ``seps`` outside () <> [] brackets."""
    parts, depth, start = [], 0, 0
    for i, c in enumerate(text):
        if c in "(<[":
            depth += 1
        elif c in ")>]" and depth:
            depth -= 1
        elif depth == 0 and c in seps:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    if depth:  # unbalanced: fall back to a plain split
        parts = re.split("[" + re.escape(seps) + "]", text)  # rare: compiled per call
    return parts


def _vacant_part(text: str) -> bool:
    if _RE_EMAIL.search(text):  # an address names a person: "n.n@aa.se" is not "N.N."
        return False
    folded = _fold(text).strip(" ()[]{}.,;:!*")
    return bool(folded) and bool(_RE_VACANT.match(folded))


def is_vacant(value: object) -> bool:
    """Whether a role cell says the role is vacant.

    Parameters
    ----------
    value
        A role cell.

    Returns
    -------
    bool
        True for ``vakant``, ``(vakant)``, ``saknas``, ``ej tillsatt``, ``Ingen``, ``TBD``,
        ``Vacant``, ``under rekrytering`` (also when every part of a list is such a marker).
        False for blank cells and unknown markers such as ``-``: unknown is not vacant.
    """
    if _is_blank(value) or not isinstance(value, str):
        return False
    return _is_vacant_text(value)


@functools.lru_cache(maxsize=65536)
def _is_vacant_text(value: str) -> bool:
    """:func:`is_vacant` of a non-blank string (a pure function of it: memoised, since role
    lists repeat the same holders thousands of times)."""
    parts = [p for p in _split_depth0(_text(value), ";,\n") if p.strip()]
    return bool(parts) and all(_vacant_part(p) for p in parts)


def _clean_name(text: str) -> str | None:
    text = text.replace("<", " ").replace(">", " ")
    text = _RE_SPACES.sub(" ", text).strip(" \t\"'`,:;-\u2013")
    if m := _RE_PARENS.fullmatch(text):
        text = m[1].strip()
    else:
        while m := _RE_TRAILING_PARENS.search(text):
            if m.start() == 0:
                break
            text = text[: m.start()]
    text = _RE_SPACES.sub(" ", text).strip(" \t\"'`,:;-\u2013")
    return text or None


def _person(part: str) -> list[PersonRef]:
    raw = part.strip()
    body = _RE_MAILTO.sub("", raw)
    emails = list(_RE_EMAIL.finditer(body))
    if len(emails) > 1:
        leftover = _RE_EMAIL.sub(" ", body)
        if not _RE_PUNCT.sub("", leftover):
            return [PersonRef(None, m[0].lower(), m[0]) for m in emails]
    if emails:
        m = emails[0]
        return [PersonRef(_clean_name(body[: m.start()] + " " + body[m.end():]),
                          m[0].lower(), raw)]
    name = _clean_name(body)
    return [PersonRef(name, None, raw)] if name else []


def split_people(value: object) -> list[PersonRef]:
    """Split a role cell into the people it names.

    Parameters
    ----------
    value
        Names and e-mails separated by ``;``, newline, ``,`` or `` och `` / `` & `` /
        `` / ``; each as ``Name <e-mail>``, ``e-mail (Name)``, a bare e-mail or a name.

    Returns
    -------
    list of PersonRef
        E-mails lower-cased. ``Andersson, Anna`` (one comma, two single words, no ``@``) is
        one person "Anna Andersson". A parenthesised title after a name is dropped. Empty
        parts, unknown markers (``-``) and vacancy markers (``vakant``) are not people.
    """
    if _is_blank(value):
        return []
    text = _text(value) if not isinstance(value, str) else value.replace("\r\n", "\n")
    return list(_split_people_text(text))


@functools.lru_cache(maxsize=65536)
def _split_people_text(text: str) -> tuple[PersonRef, ...]:
    """:func:`split_people` of a cell's text (a pure function of it, of immutable
    PersonRefs: memoised, since role lists repeat the same holders thousands of times)."""
    people: list[PersonRef] = []
    for chunk in _split_depth0(text, ";\n\r"):
        chunk = _RE_HSPACE.sub(" ", chunk).strip()
        if not chunk:
            continue
        if m := _RE_LAST_FIRST.fullmatch(chunk):
            if not _vacant_part(m[1]) and not _vacant_part(m[2]):
                people.append(PersonRef(f"{m[2]} {m[1]}", None, chunk))
                continue
        for piece in _split_depth0(chunk, ","):
            for part in _RE_PEOPLE_JOIN.split(piece):
                part = part.strip()
                if not part or _is_unknown_marker(part) or _vacant_part(part):
                    continue
                people.extend(_person(part))
    return tuple(people)


