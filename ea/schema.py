"""The canonical vocabulary of ea: node kinds, edge kinds, fields, pm3 roles, lifecycle
phases and the classification scale.

One place, imported everywhere. ``docs/schema.md`` describes every field for people;
this module is what the code checks against.
"""

from __future__ import annotations

from dataclasses import dataclass

# --------------------------------------------------------------------------- node kinds
SYSTEM = "System"
OBJECT = "Object"
PERSON = "Person"
ORGANISATION = "Organisation"
INFORMATION = "Information"

NODE_KINDS = (SYSTEM, OBJECT, PERSON, ORGANISATION, INFORMATION)

# --------------------------------------------------------------------------- edge kinds
INTEGRATES_WITH = "INTEGRATES_WITH"  # System -> System, in the direction data flows
PART_OF = "PART_OF"  # System -> Object, Organisation -> Organisation
OWNED_BY = "OWNED_BY"  # System/Object -> Organisation
HAS_ROLE = "HAS_ROLE"  # Person -> Object/System
PROCESSES = "PROCESSES"  # System -> Information

EDGE_KINDS = (INTEGRATES_WITH, PART_OF, OWNED_BY, HAS_ROLE, PROCESSES)

EDGE_ENDS = {
    INTEGRATES_WITH: ({SYSTEM}, {SYSTEM}),
    PART_OF: ({SYSTEM, ORGANISATION}, {OBJECT, ORGANISATION}),
    OWNED_BY: ({SYSTEM, OBJECT}, {ORGANISATION}),
    HAS_ROLE: ({PERSON}, {OBJECT, SYSTEM}),
    PROCESSES: ({SYSTEM}, {INFORMATION}),
}

# ------------------------------------------------------------------------------ fields
# Field types: str, text (long str), date (ISO "YYYY-MM-DD"), int, float, bool (True/False/
# None for unknown), level (classification 0-4), list (list of str).
DATE_FIELDS = (
    "planned_from",
    "in_service_from",
    "phase_out_from",
    "end_of_life",
    "end_of_support",
    "contract_end",
    "classified_at",
    "risk_assessed_at",
    "continuity_plan_at",
    # lower bounds from answers to "... under det senaste året?": a Ja means on or after
    # this day (the year before the import's as-of date); quality's freshness reads them
    "classified_since",
    "risk_assessed_since",
)
LEVEL_FIELDS = ("k", "r", "t", "s")
CLASSIFICATION_ASPECTS = {
    "k": "Konfidentialitet (confidentiality)",
    "r": "Riktighet (integrity)",
    "t": "Tillgänglighet (availability)",
    "s": "Spårbarhet (traceability)",
}

SYSTEM_FIELDS: dict[str, str] = {
    "name": "str",
    "aliases": "list",
    "description": "text",
    "category": "str",
    "organisation": "str",  # name of the owning organisation as the source wrote it
    "object": "str",  # name of the förvaltningsobjekt as the source wrote it
    "vendor": "str",
    "product": "str",
    "version": "str",
    "hosting": "str",  # on_prem | external | hybrid
    "status": "str",  # recorded lifecycle status, canonical (see LIFECYCLE)
    **{f: "date" for f in DATE_FIELDS},
    "criticality": "int",  # 1-4, 4 = helt verksamhetskritiskt
    **{f: "level" for f in LEVEL_FIELDS},
    "classification_scale": "str",  # how digit levels were read: names | 0-4 | 1-4 | ... (assumed)
    "classified_by": "str",
    "sla": "str",
    "mtpd_hours": "float",
    "rto_hours": "float",
    "rpo_hours": "float",
    "continuity_plan": "bool",
    "risk_assessed": "bool",
    "classified": "bool",  # answer to "Har klassning genomförts ...?"
    "retirement_intended": "bool",  # an assessment column says "Avveckling"
    "it_assessment": "str",
    "business_assessment": "str",
    "personal_data": "bool",
    "in_house": "bool",
    "user_count": "int",
    "external": "bool",  # not owned locally (national service, other principal)
    "placeholder": "bool",  # referenced, never defined
}

OBJECT_FIELDS: dict[str, str] = {
    "name": "str",
    "description": "text",
    "organisation": "str",
    **{f: "level" for f in LEVEL_FIELDS},
    "classification_scale": "str",
    "classified_at": "date",
    "classified_by": "str",
    "risk_assessed_at": "date",
    "risk_assessed": "bool",
    "risk_assessed_since": "date",
    "classified": "bool",
    "classified_since": "date",
    "sla": "str",
    "mtpd_hours": "float",
    "rto_hours": "float",
    "rpo_hours": "float",
    "continuity_plan": "bool",
    "continuity_plan_at": "date",
}

PERSON_FIELDS: dict[str, str] = {
    "name": "str",
    "email": "str",
    "title": "str",
    "organisation": "str",
    "active": "bool",  # None = unknown (not in any people list)
    "listed": "bool",  # appears in an imported people list (HR/directory export)
}

ORGANISATION_FIELDS: dict[str, str] = {
    "name": "str",
    "path": "str",  # "Region X / Regionstyrelseförvaltningen / IT-avdelningen"
    "org_kind": "str",  # region, kommun, nämnd, bolag, förvaltning, avdelning, enhet
}

INFORMATION_FIELDS: dict[str, str] = {
    "name": "str",
    **{f: "level" for f in LEVEL_FIELDS},
    "classification_scale": "str",
}

FIELDS_BY_KIND = {
    SYSTEM: SYSTEM_FIELDS,
    OBJECT: OBJECT_FIELDS,
    PERSON: PERSON_FIELDS,
    ORGANISATION: ORGANISATION_FIELDS,
    INFORMATION: INFORMATION_FIELDS,
}

INTEGRATION_FIELDS: dict[str, str] = {
    "type": "str",  # api | file | db | mq | event | manual | other (the first of `types`)
    "types": "list",  # set when a record lists several types: "(API; Fil)" -> [api, file]
    "frequency": "str",
    "information": "list",
    "criticality": "int",  # 1-4: how critical this dependency is for the receiving system
    "via": "str",  # node key of the platform system the integration passes through
    "bidirectional": "bool",
    "description": "text",
    "recorded_by": "list",  # which ends stated a dependency-cell record: "source", "target"
}

# Attributes every node and edge may carry besides its fields.
META_ATTRS = ("kind", "id", "sources", "first_seen", "last_seen", "raw", "conflicts", "extra",
              "field_sources")

# ------------------------------------------------------------------------------ pm3 roles


@dataclass(frozen=True)
class Role:
    key: str
    label: str
    side: str  # business | it | both
    level: str  # strategic | tactical | operational | ""
    names: tuple[str, ...]  # Swedish and English names seen in real registers


ROLES: dict[str, Role] = {
    r.key: r
    for r in (
        Role("object_owner", "Object owner", "business", "strategic",
             ("Objektägare", "Objektsägare", "Systemägare", "Juridisk systemägare",
              "Operativ systemägare", "Object owner", "System owner", "Business owner",
              "Product owner", "Ägare")),
        Role("object_owner_it", "IT object owner", "it", "strategic",
             ("Objektägare IT", "IT-objektägare", "IT objektägare", "IT owner")),
        Role("business_manager", "Business manager", "business", "tactical",
             ("Förvaltningsledare verksamhet", "Förvaltningsledare", "Objektledare verksamhet",
              "Objektledare", "Objektförvaltare", "Systemförvaltare", "Systemförvaltare verksamhet",
              "Systemansvarig verksamhet", "Systemansvariga verksamhet", "Business manager",
              "Business system manager")),
        Role("it_manager", "IT manager", "it", "tactical",
             ("Förvaltningsledare IT", "Objektledare IT", "IT-förvaltningsledare",
              "Systemförvaltare IT", "Teknisk förvaltare", "Systemansvarig IT",
              "Systemansvariga IT", "IT manager", "Technical owner", "IT system manager")),
        Role("it_specialist", "IT specialist", "it", "operational",
             ("Systemadministratör", "IT-specialist", "Teknisk kontakt", "Technical contact",
              "System administrator")),
        Role("business_specialist", "Business specialist", "business", "operational",
             ("Verksamhetsspecialist", "Superanvändare", "Key user", "Super user")),
        Role("operations", "Operations", "it", "operational",
             ("Driftansvarig", "Systemdriftsansvarig", "Driftleverantör", "Operations")),
        Role("information_owner", "Information owner", "business", "",
             ("Informationsägare", "Information owner")),
        Role("security_coordinator", "Security coordinator", "both", "",
             ("Informationssäkerhetssamordnare", "IT-säkerhetssamordnare",
              "Security coordinator")),
    )
}

MANAGER_ROLES = ("business_manager", "it_manager")
DEFAULT_MANDATORY_ROLES = ("object_owner", "business_manager", "it_manager")

# ------------------------------------------------------------------------------ lifecycle
LIFECYCLE = ("planned", "implementing", "active", "phasing_out", "retired")
LIFECYCLE_LABELS = {
    "planned": "Planned (planerad)",
    "implementing": "Being introduced (under införande)",
    "active": "In service (i drift / under förvaltning)",
    "phasing_out": "Phasing out (under avveckling)",
    "retired": "Retired (avvecklad)",
}

# ------------------------------------------------------------------------ classification
LEVEL_NAMES = {
    0: "ingen/försumbar",
    1: "måttlig",
    2: "betydande",
    3: "allvarlig",
    4: "synnerligen allvarlig",
}
CRITICALITY_NAMES = {
    4: "Helt verksamhetskritiskt",
    3: "Till betydande del verksamhetskritiskt",
    2: "Till betydande del ej verksamhetskritiskt",
    1: "Ej verksamhetskritiskt",
}
INTEGRATION_TYPES = ("api", "file", "db", "mq", "event", "manual", "other")
HOSTING = ("on_prem", "external", "hybrid")


def node_key(kind: str, id_: str) -> str:
    """The graph key of a node: ``"<Kind>:<id>"``, unique across kinds."""
    return f"{kind}:{id_}"


def split_key(key: str) -> tuple[str, str]:
    kind, _, id_ = key.partition(":")
    return kind, id_
