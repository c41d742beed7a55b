"""Header aliases: Swedish and English column names to canonical fields.

Headers are matched after normalising: casefold, trim, ``-``/``_``/``/``/space unified,
trailing ``?``/``:``/``*`` dropped, and again in an ASCII-folded form (å/ä/ö → a/a/o), and
again with a parenthesised suffix removed (``RTO (timmar)`` → ``rto``). Headers that are
whole questions (``Har riskanalys genomförts under det senaste året?``) are matched by
keyword rules when no alias matches exactly. The table extends through the config
(``header_aliases``, ``role_aliases``).

Role columns map to ``role:<key>`` (see :data:`ea.schema.ROLES`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ea import schema
from ea.landscape import ascii_fold

# Canonical column fields and their aliases (Swedish first, then English).
ALIASES: dict[str, tuple[str, ...]] = {
    "system_id": ("System-ID", "Systemid", "Id", "Objekt-ID", "Referens", "Referensnummer",
                  "ID", "System ID", "Key", "Application ID", "App ID"),
    "name": ("Systemnamn", "System", "Namn", "Benämning", "IT-system", "Applikation",
             "Verksamhetssystem", "Systemets namn", "Name", "System name", "Application",
             "Application name", "Tjänst"),
    "aliases": ("Alias", "Även kallat", "Andra namn", "Aliases", "Also known as"),
    "subject": ("Objekt/System", "System/Objekt", "System eller objekt", "Object/System",
                "System/Object"),
    "description": ("Beskrivning", "Syfte", "IT Beskrivning", "Verksamhet Beskrivning",
                    "Verksamhetsbeskrivning", "Kort beskrivning", "Description", "Purpose"),
    "category": ("Kategori", "Systemkategori", "Typ av system", "Systemtyp", "Category"),
    "org_root": ("Region", "Kommun", "Koncern", "Huvudman"),
    "org_board": ("Nämnd", "Bolag", "Nämnd/Bolag", "Ägande nämnd", "Board", "Committee"),
    "organisation": ("Organisation", "Förvaltning", "Ansvarig förvaltning", "Ägande förvaltning",
                     "Organisatorisk tillhörighet", "Department", "Owner organisation",
                     "Owning organisation", "Organization", "Owner organization"),
    "org_department": ("Avdelning", "Division"),
    "org_unit": ("Enhet", "Sektion", "Unit"),
    "object": ("Förvaltningsobjekt", "Objekt", "Objektnamn", "Förvaltningsobjektets namn",
               "Management object"),
    "vendor": ("Leverantör", "Systemleverantör", "Tillverkare", "Vendor", "Supplier",
               "Manufacturer"),
    "product": ("Produkt", "Produktnamn", "Product", "Product name"),
    "version": ("Version", "Versionsnummer", "Release"),
    "hosting": ("Driftform", "Drift internt eller externt", "Driftmiljö", "Driftsform",
                "Hosting", "Deployment"),
    "status": ("Livscykel", "Status", "Fas", "Livscykelstatus", "Systemstatus",
               "Var i systemets livscykel befinner sig systemet", "Lifecycle", "Phase",
               "Lifecycle status"),
    "planned_from": ("Planerad start", "Planerat införande", "Planned from", "Planned start"),
    "in_service_from": ("Drift år", "Driftår", "Driftsatt", "I drift sedan", "Infört",
                        "Införandeår", "Driftstart", "In service since", "Go-live",
                        "Go live", "In production since"),
    "phase_out_from": ("Avvecklingsår", "Planerad avveckling", "Avvecklas", "Avvecklingsdatum",
                       "Avvecklat år", "Avvecklat", "Avvecklingsdag", "Planerat avvecklingsår",
                       "Planned retirement", "Sunset", "Retirement date", "Decommissioned"),
    "end_of_life": ("Livslängd slut", "End of life", "EOL datum", "Utgångsdatum"),
    "end_of_support": ("Supportslut", "Slut på support", "EOL", "Support upphör",
                       "End of support", "Support end"),
    "contract_end": ("Avtalsslut", "Avtalstiden löper ut datum", "Avtal t.o.m.", "Avtal tom",
                     "Avtalet löper ut", "Contract end", "Contract end date"),
    "criticality": ("Verksamhetskritiskt", "Verksamhetskritisk", "Kritikalitet", "Prioritet",
                    "Kritiskt", "Criticality", "Business critical", "Tier"),
    "k": ("Konfidentialitet", "K", "Confidentiality", "C"),
    "r": ("Riktighet", "R", "Integrity", "I", "Integritet"),
    "t": ("Tillgänglighet", "T", "Availability", "A"),
    "s": ("Spårbarhet", "S", "Traceability"),
    "classification": ("Klassning", "Informationsklass", "KRT", "KRTS", "Informationsklassning",
                       "Classification", "CIA", "CIA rating"),
    "classified_at": ("Klassningsdatum", "Senast klassad", "Klassad datum", "Datum för klassning",
                      "Classified at", "Classification date"),
    "classified_by": ("Klassad av", "Klassificerad av", "Classified by"),
    "risk_assessed_at": ("Riskanalys", "Riskanalysdatum", "Senaste riskanalys",
                         "Risk assessment", "Risk assessment date", "Risk assessed"),
    "continuity_plan": ("Kontinuitetsplan", "Reservrutin", "Finns kontinuitetsplan",
                        "Continuity plan", "BCP"),
    "mtpd": ("MTPD", "Maximal tolerabel avbrottstid", "Maximalt tolererbar avbrottstid"),
    "rto": ("RTO", "Återställningstid", "Max avbrottstid", "Maximal avbrottstid"),
    "rpo": ("RPO", "Max dataförlust", "Maximal dataförlust"),
    "sla": ("SLA", "SLA-nivå", "Servicenivå", "Tillgänglighetsnivå", "SLA level",
            "Service level"),
    "personal_data": ("Personuppgifter", "Behandlar personuppgifter", "Innehåller personuppgifter",
                      "Personal data", "Personal data processed"),
    "in_house": ("Egenutvecklat", "Egenutvecklad", "In-house", "In house built"),
    "external": ("Extern", "Externt system", "Nationell tjänst", "External"),
    "user_count": ("Antal användare", "Användare", "Aktiva användare", "Antal aktiva användare",
                   "Number of users", "Users", "Active users"),
    # assessments whose value may state an intent to retire ("Avveckling")
    "it_assessment": ("IT-bedömning", "IT bedömning", "Bedömning IT", "IT:s bedömning",
                      "Teknisk bedömning", "IT assessment", "Technical assessment"),
    "business_assessment": ("Verksamhetsbedömning", "Verksamhetens bedömning",
                            "Bedömning verksamhet", "Business assessment"),
    # integrations
    "source": ("Från system", "Från", "Källa", "Källsystem", "Avsändare", "Avsändande system",
               "Producent", "Source", "From", "Source system", "From system", "Producer"),
    "target": ("Till system", "Till", "Mål", "Målsystem", "Mottagare", "Mottagande system",
               "Konsument", "Target", "To", "Target system", "To system", "Consumer"),
    "via": ("Via", "Integrationsplattform", "Plattform", "Integration platform", "Platform"),
    "integration_type": ("Integrationstyp", "Teknik", "Typ", "Integrationsteknik", "Protokoll",
                         "Type", "Protocol", "Integration type"),
    "frequency": ("Frekvens", "Periodicitet", "Frequency"),
    "information": ("Informationsmängd", "Data", "Information", "Informationsmängder",
                    "Information carried"),
    "direction": ("Riktning", "Direction"),
    # dependency cells in an inventory row, named by the arrow they draw (DOMAIN.md, checked
    # on a real register): dep_to is "this row -> listed system" (row A "Beroende till: X"
    # is A -> X, A supplies X); dep_from is "listed system -> this row" (row A "Beroende
    # från: Y" and "Beroende av: Y" are Y -> A). ea.yaml dependency_columns turns one around.
    "dep_to": ("Beroende till", "Beroenden till", "Används av", "Used by"),
    "dep_from": ("Beroende från", "Beroenden från", "Beroende av", "Depends on"),
    # people
    "email": ("E-post", "Epost", "E-postadress", "Mejl", "Mail", "Email", "E-mail"),
    "employment": ("Anställningsstatus", "Anställd", "Aktiv", "Konto aktivt", "Kontostatus",
                   "Employment status", "Active", "Account status", "Employed"),
    "title": ("Befattning", "Titel", "Job title"),
    "role_title": ("Roll", "Roll i objektet", "Role", "Role title"),
    "person": ("Person", "Rollinnehavare", "Namn på person", "Holder", "Person name"),
}

# Keyword rules for long/question headers, tried in order on the ASCII-folded form.
KEYWORD_RULES: tuple[tuple[str, str], ...] = (
    # questions first: "Har informationssäkerhetsklassning genomförts under det senaste
    # året?" is a (relative) classification date, "Vid avbrott hos leverantören?" a
    # continuity question, not a vendor
    (r"klassning.*(genomfor|gjord|gjort|utfor)|(genomfor|gjort|utfor).*klassning",
     "classified_at"),
    (r"(avbrott|storning|konkurs).*leverantor|leverantor\w*.*(avbrott|storning|konkurs)",
     "continuity_plan"),
    (r"\bit\b.*bedomning|bedomning.*\bit\b", "it_assessment"),
    (r"verksamhet\w*.*bedomning|bedomning.*verksamhet", "business_assessment"),
    (r"riskanalys.*(datum|nar)|datum.*riskanalys", "risk_assessed_at"),
    (r"riskanalys|risk assessment", "risk_assessed_at"),
    (r"livscykel|lifecycle", "status"),
    (r"drift.*(internt|externt|miljo|form)", "hosting"),
    (r"avtal.*(slut|loper ut|t ?o ?m|upphor|gar ut)", "contract_end"),
    (r"support.*(slut|upphor|end)", "end_of_support"),
    (r"avveckl", "phase_out_from"),
    (r"verksamhetskritisk", "criticality"),
    (r"personuppgift", "personal_data"),
    (r"kontinuitetsplan|reservrutin", "continuity_plan"),
    (r"(klassning|klassad|klassificer).*(datum|nar|senast)|senast klassad", "classified_at"),
    (r"konfidentialitet", "k"),
    (r"riktighet", "r"),
    (r"tillganglighet", "t"),
    (r"sparbarhet", "s"),
    (r"beroenden? till", "dep_to"),
    (r"beroenden? (fran|av)", "dep_from"),
    (r"leverantor", "vendor"),
    (r"egenutveckl", "in_house"),
    (r"(antal|aktiva) anvandare", "user_count"),
    (r"forvaltningsobjekt", "object"),
    (r"i drift sedan|driftsatt", "in_service_from"),
)

# The fields that make a row describe a system (beyond its name).
SYSTEM_ATTRIBUTE_FIELDS = frozenset({
    "description", "category", "org_root", "org_board", "organisation", "org_department",
    "org_unit", "object", "vendor", "product", "version", "hosting", "status", "planned_from",
    "in_service_from", "phase_out_from", "end_of_life", "end_of_support", "contract_end",
    "criticality", "personal_data", "in_house", "external", "user_count", "aliases",
    "dep_to", "dep_from", "it_assessment", "business_assessment",
})
#: Fields that hold free text (a name, a vendor): a column of Ja/Nej answers never fills one.
TEXT_FIELDS = frozenset({
    "description", "category", "vendor", "product", "version", "object", "classified_by",
    "sla", "title", "org_root", "org_board", "organisation", "org_department", "org_unit",
})
#: Headers that ask about "the last year": a Ja is an assessment within the year before the
#: export's as-of date.
RELATIVE_YEAR = re.compile(r"senaste (aret|12 manaderna|tolv manaderna)|last (year|12 months)|"
                           r"past (year|12 months)|inom (ett|1) ar")
CLASSIFICATION_FIELDS = frozenset({
    "k", "r", "t", "s", "classification", "classified_at", "classified_by", "risk_assessed_at",
    "continuity_plan", "mtpd", "rto", "rpo", "sla",
})
#: Dependency-cell columns: field -> the arrow it draws ("to": row -> listed, "from": listed -> row).
DEPENDENCY_DIRECTION = {"dep_to": "to", "dep_from": "from"}
DEPENDENCY_FIELDS = frozenset(DEPENDENCY_DIRECTION)
ORG_FIELDS = ("org_root", "org_board", "organisation", "org_department", "org_unit")

# record types
SYSTEMS, INTEGRATIONS, DEPENDENCIES, ROLES_WIDE, ROLES_LONG, PEOPLE, CLASSIFICATION = (
    "systems", "integrations", "dependencies", "roles", "roles_long", "people",
    "classification")


def normalise(header: object) -> str:
    """``" Var i systemets livscykel? "`` -> ``"var i systemets livscykel"``."""
    s = str(header if header is not None else "").casefold().strip()
    s = re.sub(r"[\s_\-/]+", " ", s)
    s = re.sub(r"[?:*.\s]+$", "", s).strip()
    return " ".join(s.split())


def _variants(header: object) -> list[str]:
    n = normalise(header)
    out = [n, ascii_fold(n)]
    # "Förvaltningsledare (IT)" -> "förvaltningsledare it" before "RTO (timmar)" -> "rto"
    kept = " ".join(re.sub(r"[()]", " ", n).split())
    if kept != n:
        out += [kept, ascii_fold(kept)]
    bare = re.sub(r"\s*\([^)]*\)\s*", " ", n).strip()
    if bare and bare != n:
        out += [bare, ascii_fold(bare)]
    return list(dict.fromkeys(v for v in out if v))


@dataclass
class HeaderMap:
    """How one table's headers map to fields.

    When several columns map to one field, ``candidates`` keeps them all with how each
    matched (``"alias"``: an exact alias, ``"keyword"``: a keyword rule on a long header);
    the first exact alias is used until the rows are seen (see
    :meth:`ea.importers.tabular.TabularImporter._choose_columns`), the others are in
    ``unmapped`` and ``duplicates``.
    """

    columns: dict[int, str] = field(default_factory=dict)  # column index -> field
    unmapped: dict[int, str] = field(default_factory=dict)  # column index -> header text
    headers: list[str] = field(default_factory=list)
    duplicates: dict[str, list[int]] = field(default_factory=dict)
    how: dict[int, str] = field(default_factory=dict)  # column index -> "alias" | "keyword"
    notes: dict[int, str] = field(default_factory=dict)  # column index -> why not used
    #: field -> further columns read where the chosen one is empty (as good a match, values)
    fallbacks: dict[str, list[int]] = field(default_factory=dict)

    def fields(self) -> set[str]:
        return set(self.columns.values())

    def index_of(self, field_name: str) -> list[int]:
        return ([i for i, f in self.columns.items() if f == field_name]
                + self.fallbacks.get(field_name, []))


#: How many distinct texts a :class:`HeaderMatcher` remembers (scoring reads data cells of
#: the first rows too; past this the rest are matched each time).
_HOW_CACHE_MAX = 200_000


class HeaderMatcher:
    """Matches headers to fields with the built-in aliases plus the config's."""

    def __init__(self, extra_aliases: dict | None = None, role_aliases: dict | None = None):
        table: dict[str, str] = {}

        def add(alias: str, fld: str) -> None:
            for v in _variants(alias):
                table.setdefault(v, fld)

        # config aliases first: an organisation's own words win
        for fld, aliases in (extra_aliases or {}).items():
            key = fld if (fld in ALIASES or fld.startswith("role:")) else (
                f"role:{fld}" if fld in schema.ROLES else fld)
            for a in ([aliases] if isinstance(aliases, str) else aliases or []):
                add(str(a), key)
        for role_key, names in (role_aliases or {}).items():
            for a in ([names] if isinstance(names, str) else names or []):
                add(str(a), f"role:{role_key}")
        # role titles before the generic aliases: "Objektägare" is a role, not an object
        for role in schema.ROLES.values():
            for name in role.names:
                add(name, f"role:{role.key}")
        for fld, aliases in ALIASES.items():
            for a in aliases:
                add(a, fld)
        self.table = table
        self._rules = [(re.compile(p), f) for p, f in KEYWORD_RULES]
        # text -> match_how(text): every CSV's first rows are scored once per candidate
        # delimiter, and each file of a country repeats the same headers (16 % of reading)
        self._how: dict[str, tuple[str | None, str | None]] = {}
        self.role_table = self._role_table(role_aliases)

    @staticmethod
    def _role_table(role_aliases: dict | None) -> dict[str, str]:
        t: dict[str, str] = {}
        for role_key, names in (role_aliases or {}).items():
            for a in ([names] if isinstance(names, str) else names or []):
                for v in _variants(a):
                    t.setdefault(v, role_key)
        for role in schema.ROLES.values():
            for name in role.names:
                for v in _variants(name):
                    t.setdefault(v, role.key)
        return t

    def match(self, header: object) -> str | None:
        """The field a header maps to, or None."""
        return self.match_how(header)[0]

    def match_how(self, header: object) -> tuple[str | None, str | None]:
        """The field a header maps to and how: ``"alias"`` (exact) or ``"keyword"``."""
        if type(header) is str:  # the answer for a text never changes: remembered
            hit = self._how.get(header)
            if hit is None:
                hit = self._match_how(header)
                if len(self._how) < _HOW_CACHE_MAX:
                    self._how[header] = hit
            return hit
        return self._match_how(header)

    def _match_how(self, header: object) -> tuple[str | None, str | None]:
        if header is None or str(header).strip() == "":
            return None, None
        for v in _variants(header):
            if v in self.table:
                return self.table[v], "alias"
        words = ascii_fold(normalise(header))
        if len(words.split()) >= 2 or len(words) > 12:
            for rx, fld in self._rules:
                if rx.search(words):
                    return fld, "keyword"
        return None, None

    def role_from_title(self, title: object) -> str | None:
        """A role key from a role title in a cell (``"Förvaltningsledare IT"``)."""
        if title is None:
            return None
        for v in _variants(title):
            if v in self.role_table:
                return self.role_table[v]
        # "Förvaltningsledare (IT)" and similar
        flat = re.sub(r"[()]", " ", ascii_fold(normalise(title)))
        flat = " ".join(flat.split())
        for v in (flat,):
            if v in self.role_table:
                return self.role_table[v]
        return None

    def map_headers(self, headers: Iterable[object]) -> HeaderMap:
        """Map header cells to fields. A blank header cell is named ``(column N)`` (its
        values are kept as extra data, never dropped)."""
        hm = HeaderMap(headers=[unnamed(i) if h is None or str(h).strip() == "" else str(h)
                                for i, h in enumerate(headers)])
        seen: dict[str, int] = {}
        for i, h in enumerate(hm.headers):
            fld, how = self.match_how(h) if not is_unnamed(h) else (None, None)
            if fld is None:
                hm.unmapped[i] = h
                continue
            hm.how[i] = how
            # several role or dependency columns are all read ("Beroende från" and
            # "Beroende av" both list providers)
            if fld in seen and not fld.startswith("role:") and fld not in DEPENDENCY_FIELDS:
                first = seen[fld]
                if how == "alias" and hm.how[first] == "keyword":
                    # an exact alias beats a keyword match, wherever it stands
                    del hm.columns[first]
                    hm.unmapped[first] = hm.headers[first]
                    hm.columns[i] = fld
                    seen[fld] = i
                else:
                    hm.unmapped[i] = h
                hm.duplicates.setdefault(fld, [first]).append(i)
                continue
            seen.setdefault(fld, i)
            hm.columns[i] = fld
        return hm

    def nearest(self, header: object, n: int = 3) -> list[str]:
        """Known aliases closest to a header, for error messages."""
        cands = difflib.get_close_matches(normalise(header), list(self.table), n=n, cutoff=0.5)
        return cands

    def score(self, row: Iterable[object]) -> int:
        """How many cells of a row look like known headers (for finding the header row)."""
        return sum(1 for c in row if isinstance(c, str) and self.match(c) is not None)


#: Header rows of ea's own reports (findings CSV/xlsx, quality roll-up, ledger and rejected
#: rows): fed back to ``ea import`` they are refused, never read as an inventory.
REPORT_SIGNATURES = (
    ({"subject", "name", "code", "severity", "reason"}, "an ea findings report"),
    ({"rule", "scope", "subjects", "passed", "failed", "share"}, "an ea quality roll-up"),
    ({"file", "sheet", "line", "column", "kind", "reason", "value"},
     "an ea import ledger (.ledger.csv or .rejected.csv)"),
    ({"organisation", "systems", "unowned", "share_unowned"}, "an ea orphans summary"),
    ({"manager_a", "manager_b", "relation"}, "an ea coordinate report"),
    ({"report", "subject", "code", "severity"}, "an ea check report"),
)
LEDGER_REPORT = "an ea import ledger (.ledger.csv or .rejected.csv)"


def ea_report(*rows: Iterable[object]) -> str | None:
    """What kind of ea report a header row belongs to, or None."""
    for row in rows:
        cells = {str(c).strip().casefold() for c in row or () if c is not None}
        for sig, what in REPORT_SIGNATURES:
            if sig <= cells:
                return what
    return None


def unnamed(i: int) -> str:
    """The name of a column with no header cell: ``(column 7)`` (1-based)."""
    return f"(column {i + 1})"


def is_unnamed(header: str) -> bool:
    return bool(re.fullmatch(r"\(column \d+\)", header))


def record_types(fields: set[str]) -> list[str]:
    """Which kinds of record a table with these fields carries, in processing order.

    A file can carry several: an inventory with owner and dependency columns is
    ``systems + roles + dependencies``.
    """
    roles_wide = any(f.startswith("role:") for f in fields)
    has_name = bool(fields & {"name", "system_id"})
    types: list[str] = []
    if {"source", "target"} <= fields:
        types.append(INTEGRATIONS)
        return types
    people_markers = fields & {"email", "employment", "title"}
    if ("role_title" in fields and (fields & {"person", "email", "name"})):
        types.append(ROLES_LONG)
        return types
    system_attrs = fields & SYSTEM_ATTRIBUTE_FIELDS
    subject = has_name or "subject" in fields or "object" in fields
    if people_markers and not system_attrs - set(ORG_FIELDS) - {"status"} and not roles_wide \
            and not (fields & CLASSIFICATION_FIELDS) and "system_id" not in fields:
        if fields & {"name", "person", "email"}:
            return [PEOPLE]
    if has_name and system_attrs - DEPENDENCY_FIELDS:
        types.append(SYSTEMS)
    if subject and fields & DEPENDENCY_FIELDS:
        if SYSTEMS not in types and has_name:
            types.append(SYSTEMS)
        types.append(DEPENDENCIES)
    if subject and roles_wide:
        types.append(ROLES_WIDE)
    if subject and fields & CLASSIFICATION_FIELDS:
        types.append(CLASSIFICATION)
    if not types and has_name and len(fields) == 1:
        types.append(SYSTEMS)  # a bare list of system names is an inventory too
    return types
