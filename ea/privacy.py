"""Pseudonymisation of role holders: keep personal data out of shared reports.

The names and e-mail addresses of the people who hold pm3 roles are personal data under the
GDPR. :func:`pseudonymise` returns a copy of a landscape in which every person is replaced by
a stable pseudonym such as ``Person 3F9A2B7C`` (e-mail ``person-3f9a2b7c@pseudonym.invalid``),
so reports, maps and exports made from it can be shared while still showing *that* one person
holds five roles, or that two objects share a manager.

What is replaced, everywhere in the landscape (nodes, edges, snapshot metadata and the
import ledger, including ``raw`` values, ``extra`` columns, conflicts, vacant-role notes,
``classified_by`` and ledger entries):

- each Person's name, e-mail and id, and their node key (``Person:anna.berg@x.se`` becomes
  ``Person:person-3f9a2b7c@pseudonym.invalid``); edges follow the node;
- exact occurrences of those names and e-mails inside other text, ignoring case, as whole
  words: the name (``Anna Berg``), the name in ``Berg, Anna`` order, the e-mail, and the
  local part of the e-mail when it reads like a personal login (``anna.berg``). Names
  shorter than four characters are replaced only where a whole value equals them, so that
  a person called "Bo" does not eat every "bo" in the landscape.

What is kept: role titles ("Objektägare" is a role, not a name), job titles, organisations,
whether a person is active or listed, and everything about systems and objects. A name
that appears only as free text and never as a person (a manager typed into a notes column
of an inventory, never in a role list) is not known to be a name and is not replaced:
check the ``extra`` columns of your sources before sharing.

The pseudonym is the first 8 hex digits of an HMAC-SHA256 of the person's e-mail (else
their id) keyed by a secret:

- ``secret`` argument, else ``privacy.secret`` in ``ea.yaml``, else the environment
  variable ``EA_PSEUDONYM_SECRET``: the same person gets the same pseudonym in every report
  made with that secret, so reports can be compared over time. Whoever holds the secret can
  test a guessed e-mail against a pseudonym, so keep it as secret as the names themselves.
- no secret: a random key for this run only; pseudonyms cannot be linked across runs (or
  reversed by guessing), but also not compared between two reports.

Examples
--------
>>> from ea.landscape import Landscape
>>> ls = Landscape()
>>> s = ls.add_system("S1", name="Raindance", description="Ask Anna Berg")
>>> p = ls.add_person("anna.berg@x.se", name="Anna Berg", email="anna.berg@x.se")
>>> _ = ls.add_role(p, s, "object_owner", title="Objektägare")
>>> safe = pseudonymise(ls, secret="s3cret")
>>> [(d["name"], d["email"]) for _, d in safe.nodes("Person")]
[('Person A6FA14E5', 'person-a6fa14e5@pseudonym.invalid')]
>>> safe.node("System:S1")["description"]
'Ask Person A6FA14E5'
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets

from ea.landscape import Landscape
from ea.schema import PERSON

ENV_SECRET = "EA_PSEUDONYM_SECRET"
DOMAIN = "pseudonym.invalid"  # RFC 2606: a domain that can never receive mail
_MIN_FREE_TEXT = 4


def secret_from(config=None) -> str | None:
    """The configured secret: ``privacy.secret`` in the config, else ``$EA_PSEUDONYM_SECRET``."""
    if config is not None:
        value = config.section("privacy", {"secret": None}).get("secret")
        if value:
            return str(value)
    return os.environ.get(ENV_SECRET) or None


def _token(key: bytes, identity: str, digits: int) -> str:
    return hmac.new(key, b"ea-person\0" + identity.encode("utf-8"),
                    hashlib.sha256).hexdigest()[:digits]


def person_pseudonyms(landscape: Landscape, key: bytes) -> dict[str, dict]:
    """``{person node key: {"name", "email", "id", "key"}}`` of the pseudonyms."""
    people = {}
    for nkey, d in landscape.nodes(PERSON):
        email = (d.get("email") or "").strip().casefold()
        people[nkey] = email or str(d.get("id") or nkey)
    digits = 8
    while True:
        tokens = {k: _token(key, ident, digits) for k, ident in people.items()}
        if len(set(tokens.values())) == len(tokens) or digits >= 64:
            break
        digits *= 2  # two people met on one pseudonym: lengthen all (deterministic)
    out = {}
    for nkey, tok in tokens.items():
        d = landscape.node(nkey)
        email = f"person-{tok}@{DOMAIN}"
        pid = email if d.get("email") else f"name:person-{tok}"
        out[nkey] = {"name": f"Person {tok.upper()}", "email": email if d.get("email") else None,
                     "id": pid, "key": f"{PERSON}:{pid}"}
    return out


def _replacements(landscape: Landscape, pseudo: dict[str, dict]) -> tuple[dict, dict]:
    """(whole-value table, free-text table): casefolded original -> replacement."""
    whole: dict[str, str] = {}
    free: dict[str, str] = {}

    def add(original, new, *, free_text: bool = True) -> None:
        if not original or not new:
            return
        text = " ".join(str(original).split())
        if not text:
            return
        whole.setdefault(text.casefold(), new)
        if free_text and len(text) >= _MIN_FREE_TEXT:
            free.setdefault(text.casefold(), new)

    for nkey, p in pseudo.items():
        d = landscape.node(nkey)
        add(nkey, p["key"])
        add(d.get("id"), p["id"])
        email = (d.get("email") or "").strip()
        if email:
            add(email, p["email"])
            local = email.split("@", 1)[0]
            if re.search(r"[._-]", local) and len(local) >= 5:
                add(local, p["email"].split("@", 1)[0])
        name = " ".join(str(d.get("name") or "").split())
        if name:
            add(name, p["name"], free_text=len(name) >= _MIN_FREE_TEXT)
            parts = name.split(" ")
            if len(parts) >= 2:
                add(f"{parts[-1]}, {' '.join(parts[:-1])}", p["name"])
                add(f"{parts[-1]} {' '.join(parts[:-1])}", p["name"])
    return whole, free


def _pattern(words) -> re.Pattern:
    alts = "|".join(re.escape(w).replace(r"\ ", r"\s+")
                    for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w.@-])(?:{alts})(?![\w@-]|\.\w)", re.IGNORECASE)


_SPLIT = re.compile(r"[\s.@_,-]")
_WORD = re.compile(r"[^\W_]+")


class _Scrubber:
    """Replaces known names in every string of a nested value. Strings are looked at once
    (memoised); only those holding the first word of some known name are searched, with a
    small pattern per first word, so 4,000 people over a 10,000-system landscape take
    seconds, not minutes."""

    def __init__(self, whole: dict[str, str], free: dict[str, str]):
        self.whole = whole
        self.free = free
        self.by_first: dict[str, list[str]] = {}
        for w in free:
            self.by_first.setdefault(_SPLIT.split(w, maxsplit=1)[0], []).append(w)
        self._rx: dict[str, re.Pattern] = {}
        self._memo: dict[str, str] = {}

    def _sub(self, s: str) -> str:
        hit = self.whole.get(" ".join(s.split()).casefold())
        if hit is not None:
            return hit
        firsts = {w for w in _WORD.findall(s.casefold()) if w in self.by_first}
        for first in sorted(firsts):
            rx = self._rx.get(first)
            if rx is None:
                rx = self._rx[first] = _pattern(self.by_first[first])
            s = rx.sub(lambda m: self.free.get(" ".join(m[0].split()).casefold(), m[0]), s)
        return s

    def text(self, s: str) -> str:
        out = self._memo.get(s)
        if out is None:
            out = self._memo[s] = self._sub(s)
        return out

    def __call__(self, value):
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {(self.text(k) if isinstance(k, str) else k): self(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self(v) for v in value]
        if isinstance(value, tuple):
            return tuple(self(v) for v in value)
        if isinstance(value, set):
            return {self(v) for v in value}
        return value


def pseudonymise(landscape: Landscape, *, secret: str | None = None,
                 config=None) -> Landscape:
    """A copy of ``landscape`` with every person replaced by a stable pseudonym.

    Parameters
    ----------
    landscape : Landscape
        Left unchanged.
    secret : str, optional
        The HMAC key. Default: ``privacy.secret`` of ``config``, else
        ``$EA_PSEUDONYM_SECRET``, else a random key for this call only (pseudonyms then
        differ between runs).
    config : ea.config.Config, optional
        Where to look for ``privacy.secret``.

    Returns
    -------
    Landscape
        A new landscape (graph, meta and ledger copied) with names, e-mails and person ids
        replaced wherever they occur; ``meta["pseudonymised"]`` is True.
    """
    from ea.store import snapshot

    secret = secret or secret_from(config)
    key = secret.encode("utf-8") if secret else secrets.token_bytes(32)
    pseudo = person_pseudonyms(landscape, key)
    whole, free = _replacements(landscape, pseudo)
    scrub = _Scrubber(whole, free)
    data = snapshot.to_dict(landscape)
    out = {k: (v if k in ("format", "version") else scrub(v)) for k, v in data.items()}
    # a person's own fields are set outright (not left to text matching)
    by_new_key = {p["key"]: p for p in pseudo.values()}
    for n in out["nodes"]:
        p = by_new_key.get(n["key"])
        if p is not None:
            n["name"], n["id"] = p["name"], p["id"]
            if n.get("email"):
                n["email"] = p["email"]
    result = snapshot.from_dict(out)
    result.meta["pseudonymised"] = True
    # filters (--person, coordinate PERSON, show) may name the real person: resolve() finds
    # the pseudonym; nothing prints this table
    result.pseudonyms = dict(whole)
    return result


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_QUOTED = re.compile(r"'[^'\n]*'")
_HEADERS = re.compile(r"(headers?) \(([^()]*)\)")


def scrub_message(text: str) -> str:
    """An error message with what may be a person's name or e-mail taken out: e-mail
    addresses, quoted cell values and the header cells of a table whose headers could not be
    read (a people list without its header row shows its first person there). For
    ``ea --pseudonymise import``, where no landscape knows the names yet.

    >>> scrub_message("f.csv:1: cannot tell what this holds from its headers (Anna Berg, "
    ...               "anna.berg@x.se, Aktiv); value 'Bo Ek'")
    "f.csv:1: cannot tell what this holds from its headers (3 cells, hidden by --pseudonymise); value '…'"
    """
    text = _HEADERS.sub(lambda m: f"{m[1]} ({len(m[2].split(','))} cells, hidden by "
                                  "--pseudonymise)", text)
    text = _EMAIL.sub("<e-mail>", text)
    return _QUOTED.sub("'…'", text)
