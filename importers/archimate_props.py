"""ArchiMate properties to canonical fields, through the header alias table."""

from __future__ import annotations

import re

from ea import schema
from ea.config import Config
from ea.importers import headers as H
from ea.importers import values as V
from ea.landscape import norm_name

#: Dutch BIV property names (Beschikbaarheid, Integriteit, Vertrouwelijkheid) and a few
#: more spellings seen in models, added to the header alias table.
EXTRA_ALIASES = {
    "t": ["Beschikbaarheid", "B"],
    "r": ["Integriteit"],
    "k": ["Vertrouwelijkheid", "V"],
    "status": ["Lifecycle state", "Levenscyclus"],
    "role_title": ["Rol"],
}
#: Dutch BIV level words -> the Swedish three-step names parse_level knows.
DUTCH_LEVELS = {"laag": "Låg", "basis": "Låg", "midden": "Medel", "gemiddeld": "Medel",
                "hoog": "Hög", "zeer hoog": "Mycket hög"}


class PropertyMapper:
    """Maps ``(key, value)`` properties to canonical fields through the alias table."""

    def __init__(self, config: Config):
        extra = {k: list(v if isinstance(v, list | tuple) else [v])
                 for k, v in (config.get("header_aliases") or {}).items()}
        for k, v in EXTRA_ALIASES.items():
            extra[k] = extra.get(k, []) + v
        self.matcher = H.HeaderMatcher(extra, config.get("role_aliases") or {})
        self.scale = config.get("classification_scale")

    def map(self, props: list[tuple[str, str]]) -> dict:
        """``{"values", "raw", "extra", "orgs", "objects", "roles", "ids", "unmapped",
        "warnings", "email", "role_title"}``; ``orgs`` as (organisation field, value)."""
        out: dict = {"values": {}, "raw": {}, "extra": {}, "orgs": [], "objects": [],
                     "roles": [], "ids": [], "unmapped": [], "warnings": [], "email": None,
                     "role_title": None}
        vals, raw = out["values"], out["raw"]

        def put(fld: str, parsed: V.Parsed, key: str) -> None:
            if not parsed.ok:
                out["warnings"].append(f"property '{key}': could not read '{parsed.raw}'"
                                       + (f" ({parsed.note})" if parsed.note else "")
                                       + "; kept as raw text")
            if parsed.value is not None:
                vals.setdefault(fld, parsed.value)
            if parsed.raw is not None and (parsed.value is None or str(parsed.value) != parsed.raw):
                raw.setdefault(fld, parsed.raw)

        for key, value in props:
            fld = self.matcher.match(key)
            if fld is None or fld == "name":
                out["extra"].setdefault(key, value)
                if fld is None:
                    out["unmapped"].append(key)
                continue
            if fld.startswith("role:"):
                out["roles"].append((fld.split(":", 1)[1], key, value))
            elif fld == "system_id":
                out["ids"].append(value)
            elif fld in H.ORG_FIELDS:
                out["orgs"].append((fld, value))
            elif fld == "object":
                out["objects"].append(value)
            elif fld == "email":
                out["email"] = value
            elif fld == "role_title":
                out["role_title"] = value
            elif fld == "status":
                put("status", V.parse_lifecycle(value), key)
            elif fld in ("k", "r", "t", "s"):
                v = DUTCH_LEVELS.get(value.strip().casefold(), value)
                p = V.parse_level(v, scale=self.scale)
                if v != value:
                    p = V.Parsed(p.value, value, p.note, p.ok)
                put(fld, p, key)
                if p.value is not None:
                    vals.setdefault("classification_scale", "names" if not value.strip().isdigit()
                                    else str(self.scale or "0-4"))
            elif fld == "classification":
                for aspect, p in V.parse_combined_classification(value, scale=self.scale).items():
                    if aspect == "_error":
                        put("classification", p, key)
                    elif not aspect.startswith("_"):
                        put(aspect, p, key)
            elif fld in schema.DATE_FIELDS:
                put(fld, V.parse_date(value), key)
            elif fld == "criticality":
                put(fld, V.parse_criticality(value), key)
            elif fld == "hosting":
                put(fld, V.parse_hosting(value), key)
            elif fld in ("personal_data", "in_house", "external", "continuity_plan"):
                put(fld, V.parse_bool(value), key)
            elif fld in ("mtpd", "rto", "rpo"):
                put(f"{fld}_hours", V.parse_duration_hours(value), key)
            elif fld == "aliases":
                vals.setdefault("aliases", [norm_name(a) for a in re.split(r"\s*[;\n]\s*", value)
                                            if a.strip()])
            elif fld == "user_count" and value.strip().isdigit():
                vals.setdefault("user_count", int(value.strip()))
            elif fld in ("description", "category", "vendor", "product", "version",
                         "classified_by", "sla"):
                vals.setdefault(fld, value)
            elif fld == "integration_type":
                put("type", V.parse_integration_type(value), key)
            elif fld == "frequency":
                put("frequency", V.parse_frequency(value), key)
            elif fld == "information":
                vals.setdefault("information", [x for x in re.split(r"\s*[;\n]\s*", value) if x])
            else:
                out["extra"].setdefault(key, value)
        return out
