"""Who answers for a subject: pm3 role holders (inherited from the object when the system
has none of its own), vacancies, holders who have left, and the one definition of
"unowned"."""

from __future__ import annotations

from ea.landscape import Landscape
from ea.schema import HAS_ROLE, SYSTEM

from .lookups import per_run
from .systems import is_local, is_retired

#: The classes of "unowned" (no working object owner), in the words every report uses. The
#: codes are the orphan finding codes that say it.
UNOWNED_CLASSES = {
    "no_object_no_roles": "in no förvaltningsobjekt and no roles of its own",
    "missing_role": "no object owner recorded",
    "vacant_role": "object owner recorded as vacant",
    "inactive_holder": "object owner has left",
}
#: What "unowned" means, as the map legend, ``ea orphans`` and the Neo4j properties say it.
UNOWNED_LABEL = "Unowned: no working object owner"
OWNER_ROLE = "object_owner"


@per_run
def holders(ls: Landscape, subject: str, role: str) -> tuple[list[str], str | None]:
    """People holding ``role`` on ``subject`` and the object it came from (None when own)."""
    people = [r["person"] for r in ls.roles_of(subject) if r["role"] == role]
    inherited = {r["inherited_from"] for r in ls.roles_of(subject) if r["role"] == role}
    inherited.discard(None)
    return sorted(set(people)), (sorted(inherited)[0] if inherited else None)


def holders_of(ls: Landscape, subject: str, role: str) -> list[str]:
    """Keys of the people holding ``role`` on ``subject`` (own, else inherited), sorted."""
    return holders(ls, subject, role)[0]


def vacancy(ls: Landscape, subject: str, role: str) -> tuple[dict | None, str | None]:
    """The "vakant" record of ``role`` on the subject, else on its object(s)."""
    for v in ls.node(subject).get("vacant_roles") or []:
        if v.get("role") == role:
            return v, None
    if ls.node(subject).get("kind") == SYSTEM:
        for obj in ls.objects_of(subject):
            for v in ls.node(obj).get("vacant_roles") or []:
                if v.get("role") == role:
                    return v, obj
    return None, None


def people_judged(ls: Landscape) -> bool:
    """True when a people (HR/directory) list was imported, so absence from it means something."""
    return bool(ls.meta.get("people_lists"))


def person_gone(ls: Landscape, person: str) -> str | None:
    """Why a person no longer counts as a role holder ("inactive", "not in the people list"),
    or None. Only meaningful when :func:`people_judged`."""
    d = ls.node(person)
    if d.get("active") is False:
        return "inactive"
    if not d.get("listed"):
        return "not in the people list"
    return None


def person_label(ls: Landscape, person: str) -> str:
    d = ls.node(person)
    name = d.get("name") or d.get("id")
    return f"{name} <{d['email']}>" if d.get("email") and d.get("email") != name else str(name)


def role_gap(ls: Landscape, subject: str, role: str) -> dict | None:
    """Why nobody works in ``role`` on ``subject``, or None when someone does.

    ``{"code": ..., "people": [...], "inherited_from": obj|None, "vacancy": dict|None}`` with
    code ``inactive_holder`` (held only by people who have left; judged only when a people
    list was imported), ``vacant_role`` (recorded as vacant, on the subject or its object)
    or ``missing_role`` (not recorded at all).
    """
    people, inherited = holders(ls, subject, role)
    if people:
        if people_judged(ls) and all(person_gone(ls, p) for p in people):
            return {"code": "inactive_holder", "people": people, "inherited_from": inherited,
                    "vacancy": None}
        return None
    vac, vac_from = vacancy(ls, subject, role)
    if vac is not None:
        return {"code": "vacant_role", "people": [], "inherited_from": vac_from,
                "vacancy": vac}
    return {"code": "missing_role", "people": [], "inherited_from": None, "vacancy": None}


def nobody_at_all(ls: Landscape, subject: str) -> bool:
    """A system in no förvaltningsobjekt and with no roles of its own: nobody to ask."""
    d = ls.node(subject)
    return (d.get("kind") == SYSTEM and not ls.objects_of(subject)
            and not ls.roles_of(subject))


def unowned_class(ls: Landscape, subject: str) -> str | None:
    """The class of "unowned" a local, not retired system or object is in (a key of
    :data:`UNOWNED_CLASSES`), None when it has a working object owner or is not judged
    (external, placeholder, retired)."""
    d = ls.node(subject)
    if not is_local(d) or is_retired(d):
        return None
    if nobody_at_all(ls, subject):
        return "no_object_no_roles"
    gap = role_gap(ls, subject, OWNER_ROLE)
    return gap["code"] if gap else None


def role_recorded(ls: Landscape, role: str) -> bool:
    """Does any imported source record ``role`` at all (a holder or a vacancy, anywhere)?
    False for a register with no column for it: then every subject lacks it, and saying so
    per subject says nothing."""
    for _u, _v, _k, d in ls.edges(HAS_ROLE):
        if d.get("role") == role:
            return True
    for _k, d in ls.nodes():
        if any(v.get("role") == role for v in d.get("vacant_roles") or []
               if isinstance(v, dict)):
            return True
    return False
