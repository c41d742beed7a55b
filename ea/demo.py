"""Synthetic "Region Exempelland": the files a Swedish region really exports, plus ground truth.

:func:`generate` writes five files into a directory, messy in the ways real exports are messy
(see ``/work/shared/DOMAIN.md``), and returns a :class:`DemoFiles` describing what was planted so
tests and demos can check the importers and queries against known answers.

=========================  ===================================================================
file                       what it is
=========================  ===================================================================
``systemforteckning.xlsx`` the system inventory (sheet ``Systemförteckning``) and a sheet
                           ``Nationella tjänster`` with the national services (external)
``integrationer.csv``      integrations in the direction data flows; Windows-1252, ``;``, CRLF
``roller.csv``             pm3 roles per förvaltningsobjekt; UTF-8 with BOM, ``;``, CRLF
``personal.csv``           HR/directory export of every role holder; UTF-8, ``,``
``lisa.xlsx``              classification/SLA register (sheet ``Klassning``), LISA style
=========================  ===================================================================

Everything is invented: the region, places, people (common Swedish first and last names
combined at random; e-mails ``fornamn.efternamn@exempelland.se``). Product and vendor names are
the real products Swedish regions use. The output is deterministic: the same ``(size, seed)``
gives byte-identical files (fixed xlsx metadata and zip timestamps).

Examples
--------
>>> import tempfile
>>> from ea.demo import generate
>>> demo = generate(tempfile.mkdtemp(), size=60, seed=1)
>>> demo.n_systems, len(demo.national_services)
(60, 11)
"""

from __future__ import annotations

import csv
import datetime as dt
import gc
import os
import random
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

__all__ = ["AS_OF", "MIN_SIZE", "DemoFiles", "MessyCell", "generate"]

AS_OF = dt.date(2026, 11, 25)
"""The date the ground truth refers to (ageing, stale classifications)."""
MIN_SIZE = 50
"""Smallest ``size`` that still holds every planted case."""

REGION = "Region Exempelland"
MAIL_DOMAIN = "exempelland.se"
_FIXED_DATETIME = dt.datetime(2026, 1, 1, 0, 0, 0)
_ZIP_TIME = (2026, 1, 1, 0, 0, 0)

# ------------------------------------------------------------------------------ file layout
SYSTEMS_FILE = "systemforteckning.xlsx"
INTEGRATIONS_FILE = "integrationer.csv"
ROLES_FILE = "roller.csv"
PEOPLE_FILE = "personal.csv"
LISA_FILE = "lisa.xlsx"

SYSTEMS_SHEET = "Systemförteckning"
NATIONAL_SHEET = "Nationella tjänster"
LISA_SHEET = "Klassning"

LIFECYCLE_HEADER = "Var i systemets livscykel befinner sig systemet? "
RISK_HEADER = "Har riskanalys genomförts under det senaste året?"
SYSTEM_HEADERS = (
    "System-ID",
    "Systemnamn",
    "Beskrivning",
    "Förvaltning",
    "Förvaltningsobjekt",
    "Leverantör",
    "Produkt",
    "Version",
    "Driftform",
    LIFECYCLE_HEADER,
    "Driftsatt",
    "Planerad avveckling",
    "Supportslut",
    "Avtalstiden löper ut datum",
    "Verksamhetskritiskt",
    "Personuppgifter",
    RISK_HEADER,
    "Systemägare",
    "Beroende till",
    "Beroende från",
)
NATIONAL_HEADERS = ("System-ID", "Systemnamn", "Beskrivning", "Leverantör", "Extern")
INTEGRATION_HEADERS = (
    "Från system",
    "Till system",
    "Via",
    "Integrationstyp",
    "Frekvens",
    "Informationsmängd",
    "Kritikalitet",
)
ROLE_HEADERS = (
    "Förvaltningsobjekt",
    "Objektägare",
    "Förvaltningsledare verksamhet",
    "Förvaltningsledare IT",
    "Systemadministratör",
)
PEOPLE_HEADERS = ("Namn", "E-post", "Förvaltning", "Anställningsstatus")
LISA_HEADERS = (
    "Objekt/System",
    "Konfidentialitet",
    "Riktighet",
    "Tillgänglighet",
    "Spårbarhet",
    "Klassningsdatum",
    "Klassad av",
    "MTPD",
    "RTO",
    "RPO",
    "Kontinuitetsplan",
    "Riskanalysdatum",
    "SLA-nivå",
    "KRT",
)

# ------------------------------------------------------------------------------ organisation
RSF = "Regionstyrelseförvaltningen"
HSF = "Hälso- och sjukvårdsförvaltningen"
SOF = "Socialförvaltningen"
UBF = "Utbildningsförvaltningen"
TKF = "Tekniska förvaltningen"
SBF = "Samhällsbyggnadsförvaltningen"
ADMINISTRATIONS = (RSF, HSF, SOF, UBF, TKF, SBF)
# share of generated systems per administration (healthcare dominates a region)
_ADMIN_WEIGHTS = (14, 40, 16, 12, 10, 8)

TRIMBEL = "Trimbel NIS, TCN, DMS (SEE, SN)"
LIFECARE = "Lifecare (SoL, LSS)"
NTJP = "Nationella tjänsteplattformen (NTjP)"
WSO2 = "WSO2 API Manager"
BIZTALK = "BizTalk integrationsplattform"
IN_HOUSE = "Egenutvecklad"

# name, administration, object, vendor, product, description
_CORE: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("Raindance ekonomi", RSF, "Ekonomi", "CGI", "Raindance", "Ekonomisystem: redovisning, reskontror och budget"),
    ("Visma Proceedo e-handel", RSF, "Ekonomi", "Visma", "Visma Proceedo", "E-handel och beställningar"),
    ("Unit4 ERP projektredovisning", RSF, "Ekonomi", "Unit4", "Unit4", "Projekt- och anläggningsredovisning"),
    ("Fakturatolkning ReadSoft", RSF, "Ekonomi", "Tungsten Automation", "ReadSoft", "Skanning och tolkning av leverantörsfakturor"),
    ("Heroma HR", RSF, "HR och lön", "CGI", "Heroma", "Personaladministration och lön"),
    ("Medvind schemaläggning", RSF, "HR och lön", "Medvind Informationsteknik", "Medvind", "Schemaläggning och bemanning"),
    ("Personec P lön", RSF, "HR och lön", "Visma", "Personec", "Äldre lönesystem för timavlönade"),
    ("Public 360 ärende", RSF, "Ärende och arkiv", "Tietoevry", "Public 360", "Diarium, ärende- och dokumenthantering"),
    ("Metakatalog", RSF, "Identitet och behörighet", IN_HOUSE, "Metakatalog", "Regionens katalog över personer, konton och organisation"),
    ("Active Directory katalogtjänst", RSF, "Identitet och behörighet", "Microsoft", "Active Directory", "Katalogtjänst och inloggning"),
    ("MIM identitetshantering", RSF, "Identitet och behörighet", "Microsoft", "MIM", "Provisionering av konton och behörigheter"),
    (WSO2, RSF, "Integrationsplattform", "WSO2", "WSO2 API Manager", "Regionens API-plattform"),
    (BIZTALK, RSF, "Integrationsplattform", "Microsoft", "BizTalk", "Äldre integrationsplattform för filöverföring och meddelanden"),
    ("RPA-plattform", RSF, "Integrationsplattform", "UiPath", "RPA-plattform", "Robotiserad processautomation"),
    ("Qlik Sense beslutsstöd", RSF, "Beslutsstöd", "Qlik", "Qlik Sense", "Regionövergripande rapporter och analys"),
    ("SiteVision webbplats", RSF, "Webb och e-tjänster", "Sitevision", "SiteVision", "Extern webbplats och intranät"),
    ("Open ePlatform e-tjänster", RSF, "Webb och e-tjänster", "Nordic Peak", "Open ePlatform", "E-tjänsteplattform för invånare"),
    ("Cosmic", HSF, "Vårdinformation", "Cambio", "Cosmic", "Elektronisk patientjournal"),
    ("TakeCare", HSF, "Vårdinformation", "CompuGroup Medical", "TakeCare", "Patientjournal som ersätts av Cosmic"),
    ("Journalarkiv Exempelland", HSF, "Vårdinformation", IN_HOUSE, "", "Läsarkiv för avslutade journalsystem"),
    ("Millennium", HSF, "Framtidens vårdinformationsmiljö", "Oracle Health", "Millennium", "Nytt vårdinformationsstöd under införande"),
    ("Qlik Sense vårdanalys", HSF, "Vårdanalys", "Qlik", "Qlik Sense", "Uppföljning av vårdproduktion"),
    (LIFECARE, SOF, "Vård och omsorg", "Tietoevry", "Lifecare", "Verksamhetssystem för äldreomsorg och LSS"),
    ("Treserva", SOF, "Individ och familj", "CGI", "Treserva", "Verksamhetssystem för individ- och familjeomsorg"),
    ("Combine", SOF, "Vård och omsorg", "Tietoevry", "Combine", "Planering och uppföljning av hemtjänst"),
    ("Platina ärendehantering", SOF, "Nämndadministration social", "Formpipe", "Platina", "Diarium för socialnämnden"),
    ("Edlevo", UBF, "Skoladministration", "Tietoevry", "Edlevo", "Elevadministration och antagning"),
    ("Vklass", UBF, "Lärplattform", "Vklass", "Vklass", "Lärplattform och frånvarohantering"),
    ("Alvis elevhälsa", UBF, "Elevhälsa", "Alvis Journalsystem", "Alvis", "Elevhälsojournal"),
    ("Ciceron dokument- och ärendehantering", UBF, "Nämndadministration utbildning", "Tietoevry", "Ciceron", "Diarium för utbildningsnämnden"),
    ("ByggR", SBF, "Bygglov", "Sokigo", "ByggR", "Bygglovshantering"),
    ("Ecos 2 miljö- och hälsoskydd", SBF, "Miljötillsyn", "Sokigo", "Ecos", "Tillsyn inom miljö- och hälsoskydd"),
    ("ArcGIS Enterprise", SBF, "Geodata", "Esri", "ArcGIS", "Kartor och geodata"),
    ("Platina diarium", SBF, "Nämndadministration samhällsbyggnad", "Formpipe", "Platina", "Diarium för samhällsbyggnadsnämnden"),
    ("W3D3 diarium", SBF, "Nämndadministration samhällsbyggnad", "Formpipe", "W3D3", "Äldre diarium, läsläge"),
    (TRIMBEL, TKF, "Ledningsnät", "Trimbel", "Trimbel NIS", "Nätinformationssystem för ledningsnät"),
    ("Fastighetssystem Vitec", TKF, "Fastighetsförvaltning", "Vitec", "Vitec Fastighet", "Fastighetsregister och hyresavtal"),
    ("Lokalbokning Exempelland", TKF, "Fastighetsförvaltning", IN_HOUSE, "", "Bokning av lokaler och konferensrum"),
)

HUBS = (
    "Raindance ekonomi",
    "Heroma HR",
    "Public 360 ärende",
    "Metakatalog",
    "Active Directory katalogtjänst",
    WSO2,
)
"""Local hubs, all owned by Regionstyrelseförvaltningen."""

# the direction data flows for each hub: probability that the hub is the *source*
_HUB_OUT = {
    "Raindance ekonomi": 0.15,
    "Heroma HR": 0.85,
    "Public 360 ärende": 0.3,
    "Metakatalog": 0.9,
    "Active Directory katalogtjänst": 0.9,
    WSO2: 0.5,
}
_HUB_INFO = {
    "Raindance ekonomi": ("Leverantörsfakturor", "Kundfakturor", "Konteringar", "Attestflöden"),
    "Heroma HR": ("Personaluppgifter", "Anställningar", "Organisationsstruktur", "Frånvaro"),
    "Public 360 ärende": ("Diarieförda handlingar", "Ärenden", "Beslut"),
    "Metakatalog": ("Användarkonton", "Behörigheter", "Organisationsträd"),
    "Active Directory katalogtjänst": ("Användarkonton", "Grupper", "Autentisering"),
    WSO2: ("API-anrop", "Händelser"),
}

# (id, name, description, vendor)
NATIONAL: tuple[tuple[str, str, str, str], ...] = (
    ("NAT-01", "Inera NPÖ", "Nationell patientöversikt", "Inera"),
    ("NAT-02", "1177", "Invånartjänster: e-tjänster, tidbokning och vårdguide", "Inera"),
    ("NAT-03", "HSA-katalogen", "Nationell katalog över personal och vårdenheter", "Inera"),
    ("NAT-04", "SITHS", "E-legitimation för vårdens medarbetare", "Inera"),
    ("NAT-05", "Pascal", "Ordination av dosdispenserade läkemedel", "Inera"),
    ("NAT-06", NTJP, "Nationell tjänsteplattform för RIV-TA-meddelanden", "Inera"),
    ("NAT-07", "Säkerhetstjänster", "Loggning, spärrar och samtycken", "Inera"),
    ("NAT-08", "Skatteverket Navet", "Folkbokföringsuppgifter", "Skatteverket"),
    ("NAT-09", "BankID", "E-legitimation för invånare", "Finansiell ID-Teknik BID"),
    ("NAT-10", "Freja eID", "E-legitimation för invånare", "Freja eID Group"),
    ("NAT-11", "Mina meddelanden", "Digital brevlåda för myndighetspost", "DIGG"),
)
NATIONAL_HUBS = (NTJP,)

# ------------------------------------------------------------------------------ vocabularies
_DOMAIN_WORDS = {
    RSF: ("Inköp", "Avtal", "Rekrytering", "Kompetens", "Arkiv", "Intranät", "Telefoni",
          "Kontaktcenter", "Utskrift", "Rapport", "Tidredovisning", "Resebokning",
          "Kommunikation", "Förtroendevalda", "Lönestatistik"),
    HSF: ("Labb", "Röntgen", "Tandvård", "Läkemedel", "Vårdplanering", "Remiss", "Provsvar",
          "Ambulans", "Operation", "Dietist", "Rehab", "Mödravård", "Psykiatri", "Kvalitetsregister",
          "Dosering", "Screening", "Sterilteknik", "Blodcentral", "Dialys", "Intensivvård",
          "Akutvård", "Vaccination", "Hörsel", "Smittskydd", "Patientsäkerhet", "Bemanning"),
    SOF: ("Bistånd", "Hemtjänst", "Färdtjänst", "Försörjningsstöd", "Barnavård", "Boende",
          "Trygghetslarm", "Familjerätt", "Missbruk", "Socialjour", "Nyckelhantering",
          "Insatsplanering"),
    UBF: ("Elevregister", "Schema", "Antagning", "Skolskjuts", "Frånvaro", "Betyg", "Måltid",
          "Vuxenutbildning", "Bibliotek", "Folkhögskola", "Läromedel"),
    TKF: ("Fastighet", "Fordon", "Energi", "Driftövervakning", "Städ", "Avfall", "Parkering",
          "Felanmälan", "Passage", "Larm", "Reservkraft", "Ventilation"),
    SBF: ("Bygglov", "Karta", "Livsmedelskontroll", "Detaljplan", "Lantmäteri", "Adress",
          "Kollektivtrafik", "Naturvård", "Bostadsanpassning", "Trafik"),
}
_PLACES = ("Norrby", "Söderås", "Västerhamn", "Östervik", "Älvdala", "Björkå", "Granlunda",
           "Sjöholm", "Kvarnby", "Lindö", "Hagaberg", "Ekbacka", "Tallmo", "Åsbro", "Ängby",
           "Forsheda", "Rönnvik", "Mossby")
_SUFFIXES = ("Web", "Mobil", "Plus", "Online", "Analys", "Portal", "Arkiv", "Bokning", "Rapport")
_PREFIXES = ("e", "Mitt ", "Digital ")
_JOURNAL_X = ("Doc", "Plus", "Mobil", "Flex", "Vy", "Sök", "Lab", "Bild", "Bas", "Kom")
_VENDORS = ("Tietoevry", "CGI", "Visma", "Sokigo", "Formpipe", "Cambio", "Atea", "Sweco",
            "Norconsult", "Nordic Peak", "Stratsys", "Vitec", "Knowit", "Exempelsoft AB",
            "Nordvik Data AB", "Fjällsystem AB", "Medicinsk Data Norr AB", "Omsorgsdata AB")
_ADMIN_INFO = {
    RSF: ("Statistik", "Rapporter", "Avtal", "Kontaktuppgifter"),
    HSF: ("Remisser", "Provsvar", "Patientuppgifter", "Tidbokningar", "Läkemedelsordinationer"),
    SOF: ("Beslut om insats", "Utförd tid", "Brukaruppgifter", "Ansökningar"),
    UBF: ("Elevuppgifter", "Schema", "Närvaro", "Betyg"),
    TKF: ("Felanmälningar", "Mätvärden", "Fastighetsdata", "Larm"),
    SBF: ("Ärenden", "Kartdata", "Fastighetsbeteckningar", "Adresser"),
}

CRITICALITY_PHRASES = (
    "Helt verksamhetskritiskt",
    "Till betydande del verksamhetskritiskt",
    "Till betydande del ej verksamhetskritiskt",
    "Ej verksamhetskritiskt",
)
LIFECYCLE_VALUES = (
    "Planerad",
    "Under införande",
    "Under förvaltning",
    "Under aktiv vidareutveckling",
    "Under avveckling",
    "Avvecklad",
)
CONTRACT_TEXTS = (
    "Löpande - uppsägningstid på 3-12 månader",
    "Tillsvidare, 6 månaders uppsägning",
    "Löpande",
)
#: Criticality of one dependency as written in a dependency cell -> level 1-4.
DEP_LEVELS = {"Hög": 3, "Medel": 2, "Låg": 1, **{p: 4 - i for i, p in enumerate(CRITICALITY_PHRASES)},
              **{str(i): i for i in range(1, 5)}}
#: Integration types as written in a dependency cell -> canonical types.
DEP_TYPES = {"API": ("api",), "Fil": ("file",), "API; Fil": ("api", "file"),
             "Fil; API": ("file", "api")}
UNRESOLVED_NAMES = ("Gamla Melior-arkivet", "Provtagningsanvisningar extern")
NEAR_MISS = ("Take Care", "TakeCare")
_LEVEL_NAMES = ("Försumbar", "Måttlig", "Betydande", "Allvarlig", "Synnerligen allvarlig")
_DURATIONS = (("30 min", 0.5), ("1 h", 1), ("2 h", 2), ("4 h", 4), ("8 h", 8), ("24 timmar", 24),
              ("1 dygn", 24), ("2 dygn", 48), ("3 dagar", 72), ("1 vecka", 168))

FIRST_NAMES = (
    "Anna", "Eva", "Maria", "Karin", "Sara", "Lena", "Kerstin", "Emma", "Ingrid", "Malin",
    "Jenny", "Hanna", "Linda", "Annika", "Susanne", "Elin", "Johanna", "Birgitta", "Sofia", "Ida",
    "Åsa", "Ebba", "Maja", "Helena", "Camilla", "Lars", "Mikael", "Anders", "Johan", "Erik",
    "Per", "Karl", "Peter", "Thomas", "Jan", "Daniel", "Fredrik", "Hans", "Andreas", "Stefan",
    "Mats", "Magnus", "Mattias", "Jonas", "Niklas", "Björn", "Göran", "Ulf", "Åke", "Örjan",
    "Anna-Karin", "Per-Olof",
)
LAST_NAMES = (
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
    "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson",
    "Jönsson", "Lindberg", "Jakobsson", "Magnusson", "Olofsson", "Lindström", "Lindqvist",
    "Lindgren", "Berg", "Axelsson", "Bergström", "Lundberg", "Lundgren", "Lundqvist", "Mattsson",
    "Berglund", "Fredriksson", "Sandberg", "Henriksson", "Forsberg", "Sjöberg", "Wallin",
    "Engström", "Eklund", "Danielsson", "Lundin", "Håkansson", "Björk", "Bergman", "Gunnarsson",
    "Holm", "Wikström", "Samuelsson", "Isaksson", "Fransson", "Bergqvist", "Nyström", "Holmberg",
    "Arvidsson", "Löfgren", "Söderberg", "Nyberg", "Blomqvist", "Claesson", "Nordström",
    "Mårtensson", "Åberg", "Öberg", "Hedlund",
)
_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"})


def _compound(word: str) -> str:
    """The first part of a Swedish compound: Fastighet -> Fastighets(system)."""
    return word + "s" if word.endswith(("ning", "ing", "het", "tion", "tal", "skap")) else word


def ascii_fold(text: str) -> str:
    """Lower-case and fold å/ä/ö to a/a/o, as e-mail addresses are written."""
    return text.lower().translate(_FOLD)


# ------------------------------------------------------------------------------ results
@dataclass(frozen=True)
class MessyCell:
    """One deliberately planted oddity: where it is and what kind it is.

    ``row`` is the 1-based row in the sheet or the 1-based line in the CSV file (the header is
    row 1, so the first data row is 2).
    """

    file: str
    sheet: str | None
    row: int
    column: str
    value: str
    kind: str


@dataclass
class DemoFiles:
    """The written files and the ground truth planted in them.

    Names refer to ``Systemnamn`` as written in the inventory; pairs of dependencies are
    ``(dependent, dependency)``: the arrow dependency -> dependent, written in the
    dependency's *Beroende till* and the dependent's *Beroende från*;
    ``one_sided_dependencies`` adds which end alone records it (``dependent``/``provider``);
    ``dependency_details`` gives the criticality (1-4) and integration types each
    dependency's cell states (for disagreements: the dependent's). ``direction_conflicts``
    are pairs whose two rows each list the other under *Beroende till* (two edges; not in
    ``dependency_pairs``, counted in ``n_dependencies``). Integrations are counted as distinct system pairs across the
    inventory's dependency cells and ``integrationer.csv`` (the two never state the same
    pair).
    """

    out_dir: Path
    systemforteckning: Path
    integrationer: Path
    roller: Path
    personal: Path
    lisa: Path
    size: int
    seed: int
    as_of: dt.date = AS_OF
    n_systems: int = 0
    national_services: tuple[str, ...] = ()
    n_objects: int = 0
    n_people: int = 0
    n_dependencies: int = 0
    n_integration_rows: int = 0
    n_integrations: int = 0
    hubs: tuple[str, ...] = HUBS
    national_hubs: tuple[str, ...] = NATIONAL_HUBS
    integration_platforms: tuple[str, ...] = (WSO2, BIZTALK)
    n_via_rows: int = 0
    orphans: tuple[str, ...] = ()
    unowned: tuple[str, ...] = ()
    n_blank_owner: int = 0
    objects_without_roles: tuple[str, ...] = ()
    n_vacant_role_cells: int = 0
    ended_people: tuple[str, ...] = ()
    on_leave_people: tuple[str, ...] = ()
    inactive_role_holders: tuple[str, ...] = ()
    dual_role: tuple[str, str] = ("", "")
    duplicate_products: dict[str, tuple[str, ...]] = field(default_factory=dict)
    ageing: tuple[str, ...] = ()
    ageing_hub_dependants: tuple[tuple[str, str], ...] = ()
    in_house: tuple[str, ...] = ()
    names_with_commas: tuple[str, ...] = (TRIMBEL, LIFECARE)
    dependency_pairs: tuple[tuple[str, str], ...] = ()
    dependency_details: tuple[tuple[str, str, int, tuple[str, ...]], ...] = ()
    one_sided_dependencies: tuple[tuple[str, str, str], ...] = ()
    dependency_disagreements: tuple[tuple[str, str, str], ...] = ()
    direction_conflicts: tuple[tuple[str, str], ...] = ()
    unresolved_references: tuple[tuple[str, str], ...] = ()
    near_misses: tuple[tuple[str, str, str], ...] = ()
    n_classified: int = 0
    unclassified: tuple[str, ...] = ()
    krt_rows: tuple[str, ...] = ()
    stale_classifications: tuple[str, ...] = ()
    messy_cells: tuple[MessyCell, ...] = ()
    value_counts: dict[str, int] = field(default_factory=dict)

    @property
    def paths(self) -> tuple[Path, ...]:
        """Every written file, in a fixed order."""
        return (self.systemforteckning, self.integrationer, self.roller, self.personal, self.lisa)

    def summary(self) -> str:
        """A few lines saying what was generated."""
        return "\n".join(
            (
                f"{REGION} (size={self.size}, seed={self.seed}) in {self.out_dir}:",
                f"  {self.n_systems} systems + {len(self.national_services)} national services, "
                f"{self.n_objects} förvaltningsobjekt, {self.n_people} people",
                f"  {self.n_integrations} integrations ({self.n_dependencies} in dependency cells, "
                f"{self.n_integration_rows} rows in {INTEGRATIONS_FILE}); hubs: "
                + ", ".join(self.hubs),
                f"  {len(self.unowned)} unowned systems ({len(self.orphans)} orphans), "
                f"{len(self.objects_without_roles)} objects without roles, "
                f"{len(self.inactive_role_holders)} role holders inactive in HR (ended or on leave)",
                f"  {len(self.ageing)} ageing systems (as of {self.as_of.isoformat()}), "
                f"{len(self.unclassified)} systems without classification",
            )
        )


# ------------------------------------------------------------------------------ internals
@dataclass
class _System:
    name: str
    admin: str
    vendor: str
    product: str
    description: str
    word: str = ""
    obj: int | None = None  # index into objects
    core: bool = False
    owners: list[int] = field(default_factory=list)  # people indices
    owner_sep: str = ", "
    ageing: str = ""  # "", support_passed, support_soon, retire_soon, retired
    lifecycle: str = ""
    sid: str = ""
    row: int = 0  # 1-based sheet row


@dataclass
class _Object:
    name: str
    admin: str
    systems: list[int] = field(default_factory=list)
    # role -> list of people indices; None = "Vakant"; [] = blank
    roles: dict[str, list[int] | None] = field(default_factory=dict)


@dataclass
class _Person:
    first: str
    last: str
    email: str
    admin: str
    status: str = "Aktiv"

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


_NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def _col_letter(i: int) -> str:
    out = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        out = chr(65 + r) + out
    return out


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


class _Xlsx:
    """A minimal, streaming-fast, reproducible xlsx writer (shared strings, ISO date style).

    openpyxl without lxml writes about 100,000 cells a second, too slow for size=100,000, and
    stamps the current time into the package; this writes the same OOXML parts Excel does
    with fixed metadata and fixed zip timestamps, so equal input gives equal bytes.
    Cells: ``None``/``""`` are left out, ``int``/``float`` are numbers, ``datetime.date`` is an
    Excel serial with a ``yyyy-mm-dd`` format, everything else a shared string.
    """

    def __init__(self) -> None:
        self.sheets: list[tuple[str, str]] = []
        self.strings: dict[str, int] = {}
        self.n_string_refs = 0

    def _sid(self, text: str) -> int:
        self.n_string_refs += 1
        idx = self.strings.get(text)
        if idx is None:
            idx = self.strings[text] = len(self.strings)
        return idx

    def add_sheet(self, name: str, rows) -> None:
        letters: list[str] = []
        parts = [_XML_HEAD, f'<worksheet xmlns="{_NS_MAIN}">', "", "<sheetData>"]
        n_rows = 0
        append = parts.append
        date_type, str_type = dt.date, str
        for r, row in enumerate(rows, start=1):
            while len(letters) < len(row):
                letters.append(_col_letter(len(letters)))
            cells = []
            for c, value in enumerate(row):
                if value is None or value == "":
                    continue
                ref = f"{letters[c]}{r}"
                t = type(value)
                if t is str_type:
                    cells.append(f'<c r="{ref}" t="s"><v>{self._sid(value)}</v></c>')
                elif t is int or t is float:
                    cells.append(f'<c r="{ref}"><v>{value!r}</v></c>')
                elif t is date_type:
                    cells.append(f'<c r="{ref}" s="1"><v>{(value - _EXCEL_EPOCH).days}</v></c>')
                else:
                    cells.append(f'<c r="{ref}" t="s"><v>{self._sid(str(value))}</v></c>')
            append(f'<row r="{r}">{"".join(cells)}</row>')
            n_rows = r
        append("</sheetData></worksheet>")
        # readers (openpyxl read-only, calamine) size the sheet from <dimension>
        last = f"{_col_letter(max(len(letters), 1) - 1)}{max(n_rows, 1)}"
        parts[2] = f'<dimension ref="A1:{last}"/>'
        self.sheets.append((name, "".join(parts)))

    def save(self, path: Path) -> None:
        n = len(self.sheets)
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for i in range(1, n + 1)
        )
        ct = "application/vnd.openxmlformats-officedocument"
        content_types = (
            f'{_XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{ct}.spreadsheetml.sheet.main+xml"/>'
            f"{overrides}"
            f'<Override PartName="/xl/styles.xml" ContentType="{ct}.spreadsheetml.styles+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{ct}.spreadsheetml.sharedStrings+xml"/>'
            '<Override PartName="/docProps/core.xml" ContentType="application/'
            'vnd.openxmlformats-package.core-properties+xml"/>'
            f'<Override PartName="/docProps/app.xml" ContentType="{ct}.extended-properties+xml"/>'
            "</Types>"
        )
        rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        root_rels = (
            f'{_XML_HEAD}<Relationships xmlns="{_NS_PKG_REL}">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
            'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
            f'<Relationship Id="rId3" Type="{rel}/extended-properties" Target="docProps/app.xml"/>'
            "</Relationships>"
        )
        stamp = _FIXED_DATETIME.strftime("%Y-%m-%dT%H:%M:%SZ")
        core = (
            f'{_XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/'
            '2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:creator>{REGION}</dc:creator>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
            "</cp:coreProperties>"
        )
        app = (
            f'{_XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/'
            '2006/extended-properties"><Application>Microsoft Excel</Application></Properties>'
        )
        sheets = "".join(
            f'<sheet name="{_esc(name)}" sheetId="{i}" r:id="rId{i}"/>'
            for i, (name, _xml) in enumerate(self.sheets, start=1)
        )
        workbook = (
            f'{_XML_HEAD}<workbook xmlns="{_NS_MAIN}" xmlns:r="{_NS_REL}">'
            f"<sheets>{sheets}</sheets></workbook>"
        )
        wb_rels = "".join(
            f'<Relationship Id="rId{i}" Type="{rel}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, n + 1)
        )
        wb_rels = (
            f'{_XML_HEAD}<Relationships xmlns="{_NS_PKG_REL}">{wb_rels}'
            f'<Relationship Id="rId{n + 1}" Type="{rel}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId{n + 2}" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>'
            "</Relationships>"
        )
        styles = (
            f'{_XML_HEAD}<styleSheet xmlns="{_NS_MAIN}">'
            '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>'
            '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
            '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
            "</cellXfs>"
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            "</styleSheet>"
        )
        sst_items = []
        for text in self.strings:
            space = ' xml:space="preserve"' if text != text.strip() else ""
            sst_items.append(f"<si><t{space}>{_esc(text)}</t></si>")
        sst = (
            f'{_XML_HEAD}<sst xmlns="{_NS_MAIN}" count="{self.n_string_refs}" '
            f'uniqueCount="{len(self.strings)}">{"".join(sst_items)}</sst>'
        )
        parts = [
            ("[Content_Types].xml", content_types),
            ("_rels/.rels", root_rels),
            ("docProps/app.xml", app),
            ("docProps/core.xml", core),
            ("xl/workbook.xml", workbook),
            ("xl/_rels/workbook.xml.rels", wb_rels),
            ("xl/styles.xml", styles),
            *((f"xl/worksheets/sheet{i}.xml", xml) for i, (_n, xml) in enumerate(self.sheets, 1)),
            ("xl/sharedStrings.xml", sst),
        ]
        with ZipFile(path, "w", ZIP_DEFLATED) as zf:
            for name, text in parts:
                info = ZipInfo(name, date_time=_ZIP_TIME)
                info.compress_type = ZIP_DEFLATED
                info.external_attr = 0o600 << 16
                zf.writestr(info, text.encode("utf-8"), compresslevel=6)


class _Gen:
    """Builds the landscape in memory, then writes it. One instance per generate() call."""

    def __init__(self, size: int, seed: int, integrations_per_system: float = 2.5) -> None:
        self.size = size
        self.integrations_per_system = integrations_per_system
        self.rng = random.Random(seed)
        # a second stream for the details of dependency cells, so that varying them leaves
        # every other draw (and so the rest of the region) as it was
        self.detail_rng = random.Random(seed * 1_000_003 + 1)
        self.systems: list[_System] = []
        self.objects: list[_Object] = []
        self.people: list[_Person] = []
        self.taken: set[str] = set()  # casefolded names in use
        self.email_taken: set[str] = set()
        self.name_count: Counter[str] = Counter()
        self.messy: list[MessyCell] = []
        self.counts: Counter[str] = Counter()
        self.by_name: dict[str, int] = {}
        self.next_n: dict[str, int] = {}
        for n in (*(c[0] for c in _CORE), *(n[1] for n in NATIONAL), *UNRESOLVED_NAMES,
                  NEAR_MISS[0]):
            self.taken.add(n.casefold())

    # .................................................................... systems
    def _unique(self, base: str, prefix: str = "") -> str:
        """``base``, or ``base 2``, ``base 3``… whichever is free (casefolded, per namespace)."""
        name = base
        n = self.next_n.get(prefix + base, 2)
        while (prefix + name).casefold() in self.taken:
            name = f"{base} {n}"
            n += 1
        self.next_n[prefix + base] = n
        self.taken.add((prefix + name).casefold())
        return name

    def _gen_name(self, admin: str, word: str) -> str:
        rng = self.rng
        for _ in range(3):
            r = rng.random()
            if admin == HSF and word == "Bemanning":
                base = f"Journal{rng.choice(_JOURNAL_X)}"
            elif r < 0.4:
                base = f"{_compound(word)}system {rng.choice(_PLACES)}"
            elif r < 0.6:
                base = f"{word} {rng.choice(_SUFFIXES)}"
            elif r < 0.7:
                p = rng.choice(_PREFIXES)
                base = f"{p}{word}" if p.endswith(" ") else f"{p}{word.capitalize()}"
            else:
                base = f"{word} {rng.choice(_PLACES)}"
            if base.casefold() not in self.taken:
                self.taken.add(base.casefold())
                return base
        return self._unique(base)

    def build_systems(self) -> None:
        rng = self.rng
        for name, admin, _obj, vendor, product, desc in _CORE:
            self.systems.append(_System(name, admin, vendor, product, desc, core=True))
        n_gen = self.size - len(_CORE)
        admins = rng.choices(ADMINISTRATIONS, weights=_ADMIN_WEIGHTS, k=n_gen)
        n_in_house = max(1, round(0.01 * self.size))
        in_house = set(rng.sample(range(n_gen), n_in_house))
        for i, admin in enumerate(admins):
            word = rng.choice(_DOMAIN_WORDS[admin])
            name = self._gen_name(admin, word)
            vendor = IN_HOUSE if i in in_house else rng.choice(_VENDORS)
            product = "" if vendor == IN_HOUSE or rng.random() < 0.5 else f"{word} {vendor.split()[0]}"
            desc = "" if rng.random() < 0.06 else (
                f"Verksamhetsstöd för {word.lower()} inom {admin[0].lower() + admin[1:]}"
            )
            self.systems.append(_System(name, admin, vendor, product, desc, word=word))
        self.by_name = {s.name: i for i, s in enumerate(self.systems)}

    # .................................................................... objects
    def build_objects(self) -> None:
        rng = self.rng
        core_objs: dict[str, int] = {}
        for i, (_n, admin, obj, *_rest) in enumerate(_CORE):
            if obj not in core_objs:
                core_objs[obj] = len(self.objects)
                self.objects.append(_Object(obj, admin))
                self.taken.add(("obj:" + obj).casefold())
            self.systems[i].obj = core_objs[obj]
            self.objects[core_objs[obj]].systems.append(i)
        gen = list(range(len(_CORE), len(self.systems)))
        n_orphans = max(2, round(0.05 * self.size))
        self.orphan_idx = set(rng.sample(gen, n_orphans))
        per_admin: dict[str, list[int]] = {a: [] for a in ADMINISTRATIONS}
        for i in gen:
            if i not in self.orphan_idx:
                per_admin[self.systems[i].admin].append(i)
        sizes, weights = (1, 2, 3, 4, 5, 6), (25, 25, 20, 15, 10, 5)
        for admin in ADMINISTRATIONS:
            members = per_admin[admin]
            pos = 0
            while pos < len(members):
                k = rng.choices(sizes, weights)[0]
                group = members[pos:pos + k]
                pos += k
                first = self.systems[group[0]]
                if k == 1 and rng.random() < 0.5:
                    base = first.name
                else:
                    base = f"{first.word} {rng.choice(_PLACES)}"
                name = self._unique(base, "obj:")
                oi = len(self.objects)
                self.objects.append(_Object(name, admin, group))
                for s in group:
                    self.systems[s].obj = oi

    # .................................................................... people and roles
    def _new_person(self, admin: str) -> int:
        rng = self.rng
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        local = f"{ascii_fold(first)}.{ascii_fold(last)}"
        email = f"{local}@{MAIL_DOMAIN}"
        n = 2
        while email in self.email_taken:
            email = f"{local}{n}@{MAIL_DOMAIN}"
            n += 1
        self.email_taken.add(email)
        self.people.append(_Person(first, last, email, admin))
        self.name_count[f"{first} {last}"] += 1
        return len(self.people) - 1

    def build_roles(self) -> None:
        rng = self.rng
        n_obj = len(self.objects)
        obj_per_admin = Counter(o.admin for o in self.objects)
        # disjoint pools: business owners and managers per administration; IT people central
        owners = {a: [self._new_person(a) for _ in range(max(2, obj_per_admin[a] // 5))]
                  for a in ADMINISTRATIONS}
        bmanagers = {a: [self._new_person(a) for _ in range(max(2, obj_per_admin[a] // 2))]
                     for a in ADMINISTRATIONS}
        it_managers = [self._new_person(RSF) for _ in range(max(3, n_obj // 5))]
        sysadmins = [self._new_person(RSF) for _ in range(max(3, n_obj // 3))]

        core_n_obj = len({c[2] for c in _CORE})
        gen_objs = list(range(core_n_obj, n_obj))
        no_roles = set(rng.sample(gen_objs, 2))
        self.no_roles = no_roles
        pools = (
            ("Objektägare", owners, 0.04, 0.03, 0.05),
            ("Förvaltningsledare verksamhet", bmanagers, 0.06, 0.05, 0.08),
            ("Förvaltningsledare IT", None, 0.05, 0.04, 0.10),
            ("Systemadministratör", None, 0.06, 0.07, 0.20),
        )
        for oi, obj in enumerate(self.objects):
            for role, pool, p_vacant, p_blank, p_two in pools:
                if oi in no_roles:
                    obj.roles[role] = []
                    continue
                if role == "Förvaltningsledare IT":
                    cands = it_managers
                elif role == "Systemadministratör":
                    cands = sysadmins
                else:
                    cands = pool[obj.admin]
                r = rng.random()
                core_obj = oi < core_n_obj
                if not core_obj and r < p_vacant:
                    obj.roles[role] = None
                elif not core_obj and r < p_vacant + p_blank:
                    obj.roles[role] = []
                else:
                    k = 2 if rng.random() < p_two else 1
                    obj.roles[role] = rng.sample(cands, k)
        # one person is both object owner and IT manager of the same object
        dual_obj = next(oi for oi in gen_objs if oi not in no_roles
                        and self.objects[oi].roles["Objektägare"])
        dual_person = self.objects[dual_obj].roles["Objektägare"][0]
        self.objects[dual_obj].roles["Förvaltningsledare IT"] = [dual_person]
        self.dual = (dual_obj, dual_person)

        # system owners (Systemägare in the inventory)
        for si, s in enumerate(self.systems):
            if si in self.orphan_idx or s.obj is None:
                continue
            obj = self.objects[s.obj]
            if s.obj in no_roles:
                continue  # nobody at all
            if not s.core and rng.random() < 0.06:
                continue  # blank owner cell
            owner = obj.roles["Objektägare"] or []
            if not owner:
                if rng.random() < 0.6:
                    continue
                owner = obj.roles["Förvaltningsledare verksamhet"] or []
            s.owners = list(owner)
            if rng.random() < 0.12 and obj.roles["Förvaltningsledare verksamhet"]:
                extra = [p for p in obj.roles["Förvaltningsledare verksamhet"] if p not in s.owners]
                s.owners += extra[:1]
            s.owner_sep = "; " if rng.random() < 0.35 else ", "
        # planted: both separators occur in multi-owner cells, whatever the size
        for name, sep in (("Cosmic", "; "), ("Raindance ekonomi", ", ")):
            s = self.systems[self.by_name[name]]
            mgr = self.objects[s.obj].roles["Förvaltningsledare verksamhet"] or []
            s.owners = list(dict.fromkeys(s.owners + mgr))[:2]
            s.owner_sep = sep

        # HR status: a few ended, a few on leave, all among role holders
        holders: list[int] = []
        seen: set[int] = set()
        for obj in self.objects:
            for v in obj.roles.values():
                for p in v or []:
                    if p not in seen:
                        seen.add(p)
                        holders.append(p)
        dual_p = self.dual[1]
        cands = [p for p in holders if p != dual_p]
        n_ended = max(3, round(0.01 * len(self.people)))
        n_leave = max(2, round(0.015 * len(self.people)))
        picked = rng.sample(cands, n_ended + n_leave)
        # make sure one ended person is an object owner somewhere
        all_owners = {p for o in self.objects for p in (o.roles["Objektägare"] or [])}
        owner_holders = [p for p in cands if p in all_owners]
        if not set(picked[:n_ended]) & set(owner_holders):
            extra = next(p for p in owner_holders if p not in picked)
            picked[0] = extra
        for p in picked[:n_ended]:
            self.people[p].status = "Avslutad"
        for p in picked[n_ended:]:
            self.people[p].status = "Tjänstledig"
        self.role_holders = set(holders)

    def _person_cell(self, people: list[int] | None) -> str:
        if people is None:
            self.counts["role_vakant"] += 1
            return "Vakant"
        out = []
        for p in people:
            person = self.people[p]
            if self.name_count[person.name] == 1 and self.rng.random() < 0.2:
                out.append(person.name)
            else:
                out.append(person.email)
        return ", ".join(out)

    # .................................................................... lifecycle and dates
    def build_lifecycle(self) -> None:
        rng = self.rng
        n_ageing = max(12, round(0.04 * self.size))
        core_ageing = {
            "TakeCare": "retire_soon",
            BIZTALK: "support_soon",
            "Personec P lön": "support_passed",
            "Fakturatolkning ReadSoft": "support_passed",
        }
        gen = [i for i in range(len(_CORE), len(self.systems))]
        gen_ageing = rng.sample(gen, n_ageing - len(core_ageing))
        kinds = ("support_passed", "support_soon", "retire_soon", "retired")
        for name, kind in core_ageing.items():
            self.systems[self.by_name[name]].ageing = kind
        for j, i in enumerate(gen_ageing):
            self.systems[i].ageing = kinds[j % 4]
        self.gen_ageing = gen_ageing
        for s in self.systems:
            if s.ageing in ("retire_soon",):
                s.lifecycle = "Under avveckling"
            elif s.ageing == "retired":
                s.lifecycle = "Avvecklad"
            elif s.ageing:
                s.lifecycle = rng.choice(("Under förvaltning", "Under förvaltning", "Under avveckling"))
            elif s.name == "Millennium":
                s.lifecycle = "Under införande"
            elif s.core:
                s.lifecycle = "Under förvaltning"
            else:
                s.lifecycle = rng.choices(
                    ("Under förvaltning", "Under aktiv vidareutveckling", "Under införande",
                     "Planerad", ""), (70, 14, 7, 4, 5))[0]

    def _date(self, y0: int, y1: int) -> dt.date:
        rng = self.rng
        return dt.date(rng.randint(y0, y1), rng.randint(1, 12), rng.randint(1, 28))

    def _driftsatt(self, s: _System):
        rng = self.rng
        if s.lifecycle == "Planerad":
            return None if rng.random() < 0.6 else 2027
        if s.lifecycle == "Under införande":
            return self._date(2026, 2027) if rng.random() < 0.5 else None
        y0, y1 = (1994, 2012) if s.ageing else (1998, 2024)
        r = rng.random()
        if r < 0.5:
            self.counts["driftsatt_date"] += 1
            return self._date(y0, y1)
        if r < 0.75:
            self.counts["driftsatt_year"] += 1
            return rng.randint(y0, y1)
        if r < 0.9:
            self.counts["driftsatt_yyyymm"] += 1
            return rng.randint(y0, y1) * 100 + rng.randint(1, 12)
        return None

    def _system_dates(self, s: _System):
        """Planerad avveckling, Supportslut, Avtal: respecting the ageing ground truth."""
        rng = self.rng
        retire = support = contract = None
        if s.ageing == "support_passed":
            support = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), 28)
        elif s.ageing == "support_soon":
            support = dt.date(rng.choice((2027, 2028)), rng.randint(1, 10), rng.randint(1, 28))
        elif s.ageing == "retire_soon":
            retire = rng.choice((2026, 2027))
        elif s.ageing == "retired":
            retire = rng.choice((2024, 2025))
        if s.ageing:
            if support is not None and rng.random() < 0.5:
                support = support.isoformat()
                self.counts["supportslut_iso"] += 1
            contract = self._date(2025, 2028) if rng.random() < 0.5 else None
            return retire, support, contract
        r = rng.random()
        if r < 0.15:
            retire = 9999
            self.counts["avveckling_9999"] += 1
        elif r < 0.30:
            retire = rng.randint(2030, 2040)
        r = rng.random()
        if r < 0.30:
            support = self._date(2029, 2038).isoformat()
            self.counts["supportslut_iso"] += 1
        elif r < 0.55:
            support = self._date(2029, 2038)
        r = rng.random()
        if r < 0.50:
            contract = self._date(2029, 2034)
        elif r < 0.60:
            contract = self._date(2029, 2034).isoformat()
        return retire, support, contract

    # .................................................................... dependencies
    def build_dependencies(self) -> None:
        """Pairs (dependent, dependency) written into Beroende till/från.

        A dependency ``a`` depends on ``b`` is the arrow b -> a: the provider's row lists the
        dependent under *Beroende till*, the dependent's row lists the provider under
        *Beroende från*. ``where`` says which ends record it: ``both``, ``dependent`` (only
        a's *från*), ``provider`` (only b's *till*), ``disagree_type``/``disagree_crit``
        (both, with different details)."""
        rng = self.rng
        n = len(self.systems)
        n_nat = len(NATIONAL)
        self.used: set[tuple[int, int]] = set()  # undirected keys over all files
        self.deps: list[tuple[int, int, str, str, str]] = []  # a, b, crit, type, where
        in_count = [0] * (n + n_nat)
        out_count = [0] * n
        per_admin: dict[str, list[int]] = {a: [] for a in ADMINISTRATIONS}
        for i, s in enumerate(self.systems):
            per_admin[s.admin].append(i)
        core_idx = list(range(len(_CORE)))

        def key(a: int, b: int) -> tuple[int, int]:
            return (a, b) if a < b else (b, a)

        def add(a: int, b: int, where: str = "both", crit: str | None = None,
                typ: str | None = None) -> bool:
            if a == b or key(a, b) in self.used:
                return False
            self.used.add(key(a, b))
            planted = crit is not None or typ is not None
            crit = crit or rng.choices(("Hög", "Medel", "Låg"), (3, 5, 3))[0]
            typ = typ or ("API" if rng.random() < 0.6 else "Fil")
            if not planted:  # the other written forms of DOMAIN.md, from the second stream
                crit, typ = self._dep_details(crit, typ)
            self.deps.append((a, b, crit, typ, where))
            in_count[b] += 1
            out_count[a] += 1
            return True

        nat = {row[1]: n + j for j, row in enumerate(NATIONAL)}
        bn = self.by_name
        # planted: names with commas are depended on by others
        for dep in ("ArcGIS Enterprise", "ByggR", "Fastighetssystem Vitec"):
            add(bn[dep], bn[TRIMBEL])
        tkf_gen = [i for i in per_admin[TKF] if i >= len(_CORE)][:4]
        for i in tkf_gen:
            add(i, bn[TRIMBEL], "both")
        add(bn["Treserva"], bn[LIFECARE])
        add(bn["Combine"], bn[LIFECARE])
        # planted: hubs depending on ageing systems
        self.ageing_hub = [("Raindance ekonomi", "Fakturatolkning ReadSoft"),
                           ("Heroma HR", "Personec P lön"),
                           ("Metakatalog", self.systems[self.gen_ageing[0]].name),
                           ("Public 360 ärende", self.systems[self.gen_ageing[1]].name)]
        for hub, old in self.ageing_hub:
            planted = add(bn[hub], bn[old], "both", "Hög")
            assert planted, (hub, old)
        add(bn["Journalarkiv Exempelland"], bn["TakeCare"], "both", "Hög", "Fil")
        # planted: disagreements between the two ends
        add(bn["Qlik Sense vårdanalys"], bn["Cosmic"], "disagree_type", "Medel", "API")
        add(bn["Qlik Sense beslutsstöd"], bn["Raindance ekonomi"], "disagree_crit", "Hög", "Fil")
        # only one end can record a dependency on a national service (no columns there)
        add(bn["Cosmic"], nat["SITHS"], "dependent", "Helt verksamhetskritiskt", "API")
        add(bn["Open ePlatform e-tjänster"], nat["BankID"], "dependent", "Hög", "API; Fil")

        target = round(0.7 * self.size)
        cap_in, cap_out = 25, 8
        order = list(range(n))
        rng.shuffle(order)
        pos = 0
        tries = 0
        while len(self.deps) < target and tries < 20 * target:
            tries += 1
            a = order[pos % n]
            pos += 1
            if out_count[a] >= cap_out:
                continue
            r = rng.random()
            if r < 0.55:
                b = rng.choice(per_admin[self.systems[a].admin])
            elif r < 0.75:
                b = rng.choice(core_idx)
            else:
                b = rng.randrange(n)
            if in_count[b] >= cap_in:
                continue
            u = rng.random()
            where = "both" if u < 0.75 else ("dependent" if u < 0.9 else "provider")
            add(a, b, where)

        # planted: two ends that contradict each other on the direction (each lists the
        # other under Beroende till); deterministic, so the draws above stay as they were
        pool = [i for i in per_admin[SBF] if i >= len(_CORE)] + list(range(len(_CORE), n))
        self.direction_conflicts = [next(
            (a, b) for a in pool for b in pool if a < b and key(a, b) not in self.used)]
        for a, b in self.direction_conflicts:
            self.used.add(key(a, b))
        # planted: a near miss and references to systems that exist nowhere (one end only)
        hsf_gen = [i for i in per_admin[HSF] if i >= len(_CORE)]
        self.near_miss_at = hsf_gen[0] if hsf_gen else bn["Cosmic"]
        self.unresolved_at = [bn["Cosmic"], hsf_gen[1] if len(hsf_gen) > 1 else bn["Millennium"]]

    def _dep_details(self, crit: str, typ: str) -> tuple[str, str]:
        r = self.detail_rng
        x = r.random()
        if x < 0.10:
            crit = {"Hög": CRITICALITY_PHRASES[1], "Medel": CRITICALITY_PHRASES[2],
                    "Låg": CRITICALITY_PHRASES[3]}[crit]
        elif x < 0.14 and crit == "Hög":
            crit = CRITICALITY_PHRASES[0]
        elif x < 0.18:
            crit = str(DEP_LEVELS[crit])
        if r.random() < 0.12:
            typ = "API; Fil" if typ == "API" else "Fil; API"
        return crit, typ

    # .................................................................... integrations.csv
    def build_integrations(self) -> None:
        rng = self.rng
        n = len(self.systems)
        nat = {row[1]: n + j for j, row in enumerate(NATIONAL)}
        bn = self.by_name
        self.rows: list[list] = []  # [from, to, via, type, freq, info, crit]
        degree = [0] * (n + len(NATIONAL))
        for a, b, *_ in self.deps:
            degree[a] += 1
            degree[b] += 1

        def key(a: int, b: int) -> tuple[int, int]:
            return (a, b) if a < b else (b, a)

        def crit() -> str:
            return rng.choices(("Hög", "Medel", "Låg", ""), (25, 45, 25, 5))[0]

        def freq() -> str:
            return rng.choices(("Realtid", "Varje timme", "Dagligen", "Veckovis", "Månadsvis",
                                "Vid behov"), (30, 10, 35, 12, 8, 5))[0]

        def add(a: int, b: int, via: str = "", typ: str = "", info: str = "",
                fq: str = "", kr: str = "") -> bool:
            if a == b or key(a, b) in self.used:
                return False
            self.used.add(key(a, b))
            if not typ:
                typ = rng.choices(("API", "Fil", "Batch", "Databas", "Meddelandekö", "Manuell"),
                                  (40, 25, 10, 8, 7, 5))[0]
            if not via and typ in ("API", "Meddelandekö", "Fil") and n > 0:
                r = rng.random()
                plats = (bn[WSO2], bn[BIZTALK])
                if a not in plats and b not in plats:
                    if r < 0.35:
                        via = WSO2
                    elif r < 0.45:
                        via = BIZTALK
            if not info:
                s = self.systems[a] if a < n else self.systems[b] if b < n else None
                info = rng.choice(_ADMIN_INFO[s.admin]) if s else "Meddelanden"
            self.rows.append([a, b, via, typ, fq or freq(), info, kr or crit()])
            degree[a] += 1
            degree[b] += 1
            return True

        # national services
        riv = dict(via=NTJP, typ="RIV-TA", fq="Realtid")
        add(bn["Cosmic"], nat["Inera NPÖ"], info="Journaluppgifter", kr="Hög", **riv)
        add(bn["TakeCare"], nat["Inera NPÖ"], info="Journaluppgifter", kr="Hög", **riv)
        add(bn["Millennium"], nat["Inera NPÖ"], info="Journaluppgifter", kr="Medel", **riv)
        add(bn["Cosmic"], nat["Pascal"], info="Läkemedelsordinationer", kr="Hög", **riv)
        add(nat["1177"], bn["Cosmic"], info="Tidbokningar", kr="Hög", **riv)
        add(bn["Cosmic"], nat["Säkerhetstjänster"], info="Åtkomstloggar och samtycken", kr="Hög", **riv)
        add(bn["Cosmic"], nat[NTJP], typ="RIV-TA", fq="Realtid", info="Remisser", kr="Hög")
        add(nat["HSA-katalogen"], bn["Metakatalog"], typ="Fil", fq="Dagligen",
            info="Personal och vårdenheter", kr="Hög")
        add(nat["Skatteverket Navet"], bn["Metakatalog"], typ="Fil", fq="Dagligen",
            info="Folkbokföringsuppgifter", kr="Hög")
        add(nat["Skatteverket Navet"], bn["Treserva"], typ="API", info="Folkbokföringsuppgifter")
        add(nat["Skatteverket Navet"], bn["Edlevo"], typ="Fil", info="Folkbokföringsuppgifter")
        add(nat["SITHS"], bn["Active Directory katalogtjänst"], typ="API", info="Certifikat")
        add(nat["Freja eID"], bn["Open ePlatform e-tjänster"], typ="API", info="Autentisering")
        add(bn["Open ePlatform e-tjänster"], nat["Mina meddelanden"], typ="API",
            info="Beslut och meddelanden")
        add(bn["Public 360 ärende"], nat["Mina meddelanden"], typ="API", info="Beslut")
        add(bn[TRIMBEL], bn["Qlik Sense beslutsstöd"], typ="Fil", fq="Veckovis", info="Ledningsdata")
        add(bn[LIFECARE], bn["Raindance ekonomi"], typ="Fil", fq="Månadsvis", info="Avgifter")
        # NTjP is the national hub: HSF systems talk RIV-TA to it or through it
        for i, s in enumerate(self.systems):
            if s.admin == HSF and not s.core and rng.random() < 0.35:
                if rng.random() < 0.6:
                    add(i, nat[NTJP], typ="RIV-TA", fq="Realtid")
                else:
                    target = rng.choice(("Inera NPÖ", "Säkerhetstjänster", "1177", "Pascal"))
                    add(i, nat[target], **riv)

        # heavy-tailed local traffic: a third of the rows touch a hub, the rest pick both
        # ends by capped Pareto weights (most systems 1-5 integrations, a few 10-20)
        hubs = [bn[h] for h in HUBS]
        hub_set = set(hubs)
        others = [i for i in range(n) if i not in hub_set]
        cum: list[float] = []
        total = 0.0
        for i in others:
            w = min(rng.paretovariate(1.6), 8.0)
            if self.systems[i].core:
                w += 2.0
            total += w
            cum.append(total)
        target_edges = round(self.integrations_per_system * self.size) - len(self.deps)
        budget = 0
        turn = 0
        while len(self.rows) < target_edges and budget < 6 * target_edges:
            budget += 1
            if rng.random() < 0.35:
                h = hubs[turn % len(hubs)]  # round robin: every hub gets its share
                turn += 1
                o = rng.choices(others, cum_weights=cum)[0]
                name = self.systems[h].name
                a, b = (h, o) if rng.random() < _HUB_OUT[name] else (o, h)
                add(a, b, info=rng.choice(_HUB_INFO[name]))
            else:
                a, b = rng.choices(others, cum_weights=cum, k=2)
                add(a, b)
        # every system integrates with something
        for i in range(n):
            while degree[i] == 0:
                o = rng.choices(others, cum_weights=cum)[0]
                if rng.random() < 0.5:
                    add(i, o)
                else:
                    add(o, i)

    # .................................................................... writers
    def _owner_cell(self, s: _System) -> str:
        return s.owner_sep.join(self.people[p].email for p in s.owners)

    def write_systems(self, path: Path) -> None:
        rng = self.rng
        n = len(self.systems)
        order = list(range(n))
        rng.shuffle(order)
        width = max(4, len(str(n)))
        for pos, i in enumerate(order):
            self.systems[i].sid = f"SYS-{pos + 1:0{width}d}"
            self.systems[i].row = pos + 2
        national_names = [row[1] for row in NATIONAL]

        def nm(idx: int) -> str:
            return self.systems[idx].name if idx < n else national_names[idx - n]

        till: list[list[str]] = [[] for _ in range(n)]
        fran: list[list[str]] = [[] for _ in range(n)]
        # a depends on b is b -> a: a's row lists b under "Beroende från", b's row lists a
        # under "Beroende till" (national services have no dependency columns)
        for a, b, crit, typ, where in self.deps:
            if where in ("both", "dependent", "disagree_type", "disagree_crit"):
                fran[a].append(f"{nm(b)}: {crit} ({typ})")
            if b < n and where in ("both", "provider", "disagree_type", "disagree_crit"):
                if where == "disagree_type":
                    typ = "Fil" if typ == "API" else "API"
                elif where == "disagree_crit":
                    crit = "Låg" if crit != "Låg" else "Hög"
                till[b].append(f"{nm(a)}: {crit} ({typ})")
        for a, b in self.direction_conflicts:
            till[a].append(f"{nm(b)}: Medel (Fil)")
            till[b].append(f"{nm(a)}: Medel (Fil)")
        sheet = (SYSTEMS_FILE, SYSTEMS_SHEET)
        near = self.near_miss_at
        fran[near].append(f"{NEAR_MISS[0]}: Hög (Fil)")
        for idx, ref in zip(self.unresolved_at, UNRESOLVED_NAMES, strict=True):
            fran[idx].append(f"{ref}: {'Låg' if 'arkiv' in ref else 'Medel'} (Fil)")

        rows: list[list] = [list(SYSTEM_HEADERS)]
        n_text_contract = max(3, round(0.01 * n))
        text_contract = set(rng.sample([i for i in range(n) if not self.systems[i].ageing],
                                       n_text_contract))
        n_text = 0
        col = SYSTEM_HEADERS.index
        for i in order:
            s = self.systems[i]
            retire, support, contract = self._system_dates(s)
            if i in text_contract:
                contract = CONTRACT_TEXTS[n_text % len(CONTRACT_TEXTS)]
                n_text += 1
                self.messy.append(MessyCell(*sheet, s.row, SYSTEM_HEADERS[col("Avtalstiden löper ut datum")],
                                            contract, "contract_text"))
            important = s.name in HUBS or s.core
            hosting = "Internt" if s.name in HUBS else rng.choices(
                ("Internt", "Externt", "Moln", "SaaS", "Hybrid"), (45, 20, 10, 15, 10))[0]
            if s.name in HUBS:
                critic = CRITICALITY_PHRASES[0]
            else:
                critic = rng.choices(CRITICALITY_PHRASES + ("",), (15, 30, 30, 20, 5))[0]
            version = "" if rng.random() < 0.2 else rng.choice((
                f"{rng.randint(1, 12)}.{rng.randint(0, 9)}",
                f"{rng.randint(2015, 2026)}.{rng.randint(1, 4)}",
                f"R{rng.randint(10, 24)}",
            ))
            row = [
                s.sid,
                s.name,
                s.description,
                f"{REGION} / {s.admin}",
                self.objects[s.obj].name if s.obj is not None else "",
                s.vendor,
                s.product,
                version,
                hosting,
                s.lifecycle,
                self._driftsatt(s),
                retire,
                support,
                contract,
                critic,
                rng.choices(("Ja", "Nej", "Vet ej"), (55, 35, 10))[0],
                rng.choices(("Ja", "Nej", "Delvis", "-", ""), (30 if important else 20, 35, 15, 10, 10))[0],
                self._owner_cell(s),
                ", ".join(till[i]),
                ", ".join(fran[i]),
            ]
            rows.append(row)
        # record the planted dependency oddities with their rows
        for a, b, _c, _t, where in self.deps:
            if where.startswith("disagree"):
                self.messy.append(MessyCell(*sheet, self.systems[b].row, "Beroende till",
                                            self.systems[a].name, where))
        for a, b in self.direction_conflicts:
            self.messy.append(MessyCell(*sheet, self.systems[b].row, "Beroende till",
                                        self.systems[a].name, "direction_conflict"))
        self.messy.append(MessyCell(*sheet, self.systems[near].row, "Beroende från",
                                    NEAR_MISS[0], "near_miss"))
        for idx, ref in zip(self.unresolved_at, UNRESOLVED_NAMES, strict=True):
            self.messy.append(MessyCell(*sheet, self.systems[idx].row, "Beroende från", ref,
                                        "unresolved_reference"))
        self.messy.append(MessyCell(*sheet, 1, LIFECYCLE_HEADER, LIFECYCLE_HEADER,
                                    "header_trailing_space"))

        book = _Xlsx()
        book.add_sheet(SYSTEMS_SHEET, rows)
        book.add_sheet(NATIONAL_SHEET, [list(NATIONAL_HEADERS)]
                       + [[sid, name, desc, vendor, "Ja"] for sid, name, desc, vendor in NATIONAL])
        book.save(path)

    def write_integrations(self, path: Path) -> None:
        rng = self.rng
        n = len(self.systems)
        national_names = [row[1] for row in NATIONAL]

        def nm(idx: int) -> str:
            return self.systems[idx].name if idx < n else national_names[idx - n]

        out = []
        for a, b, via, typ, fq, info, kr in self.rows:
            out.append([nm(a), nm(b), via, typ, fq, info, kr])
        # planted: references written with another case or a trailing space
        plants = (
            ("Raindance ekonomi", 1, "raindance ekonomi", "case_variant"),
            ("Heroma HR", 0, "Heroma HR ", "trailing_space"),
            ("Public 360 ärende", 1, "PUBLIC 360 ÄRENDE", "case_variant"),
        )
        for name, col, written, kind in plants:
            cands = [j for j, r in enumerate(out) if r[col] == name]
            if not cands:
                continue
            j = rng.choice(cands)
            out[j][col] = written
            self.messy.append(MessyCell(INTEGRATIONS_FILE, None, j + 2, INTEGRATION_HEADERS[col],
                                        written, kind))
        self.counts["integration_via_rows"] = sum(1 for r in out if r[2])
        with open(path, "w", encoding="cp1252", newline="") as fh:
            w = csv.writer(fh, delimiter=";", lineterminator="\r\n")
            w.writerow(INTEGRATION_HEADERS)
            w.writerows(out)

    def write_roles(self, path: Path) -> None:
        with open(path, "w", encoding="utf-8-sig", newline="") as fh:
            w = csv.writer(fh, delimiter=";", lineterminator="\r\n")
            w.writerow(ROLE_HEADERS)
            for obj in self.objects:
                w.writerow([obj.name] + [self._person_cell(obj.roles[r]) for r in ROLE_HEADERS[1:]])

    def write_people(self, path: Path) -> None:
        with open(path, "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, delimiter=",", lineterminator="\n")
            w.writerow(PEOPLE_HEADERS)
            for p in self.people:
                w.writerow([p.name, p.email, p.admin, p.status])

    def write_lisa(self, path: Path) -> None:
        rng = self.rng
        n = len(self.systems)
        n_missing = round(0.35 * n)
        protected = {self.by_name[h] for h in HUBS}
        cands = [i for i in range(n) if i not in protected]
        missing = set(rng.sample(cands, n_missing))
        self.unclassified = [self.systems[i].name for i in range(n) if i in missing]
        classified = [i for i in range(n) if i not in missing]
        krt = set(rng.sample([i for i in classified if i not in protected],
                             max(3, round(0.01 * n))))
        self.krt_rows: list[str] = []
        self.stale: list[str] = []
        rows: list[list] = [list(LISA_HEADERS)]
        row_no = 1
        for i in classified:
            s = self.systems[i]
            row_no += 1
            levels = [rng.choices((0, 1, 2, 3, 4), (5, 25, 35, 28, 7))[0] for _ in range(4)]
            if s.name in HUBS:
                levels[2] = max(levels[2], 3)
            if i in krt:
                cells = ["", "", "", ""]
                combo = f"K{levels[0]} R{levels[1]} T{levels[2]}"
                self.krt_rows.append(s.name)
                self.messy.append(MessyCell(LISA_FILE, LISA_SHEET, row_no, "KRT", combo,
                                            "combined_classification"))
            else:
                combo = ""
                style = rng.random()
                cells = []
                for lv in levels:
                    if rng.random() < 0.1:
                        cells.append("")
                    elif style < 0.65:
                        cells.append(_LEVEL_NAMES[lv])
                    else:
                        cells.append(lv if rng.random() < 0.7 else str(lv))
            r = rng.random()
            if r < 0.1:
                classified_at = None
            elif r < 0.35:
                classified_at = AS_OF - dt.timedelta(days=rng.randint(400, 2500))
                self.stale.append(s.name)
            else:
                classified_at = AS_OF - dt.timedelta(days=rng.randint(10, 330))
            by = ""
            if s.obj is not None and rng.random() < 0.8:
                mgr = self.objects[s.obj].roles.get("Förvaltningsledare verksamhet") or []
                if mgr:
                    p = self.people[mgr[0]]
                    by = p.name if rng.random() < 0.5 else p.email
            mtpd = rto = rpo = ""
            if rng.random() < 0.6:
                j = rng.randrange(len(_DURATIONS))
                rto = _DURATIONS[j][0]
                mtpd = _DURATIONS[min(len(_DURATIONS) - 1, j + rng.randint(0, 3))][0]
                rpo = _DURATIONS[rng.randint(0, max(0, j))][0] if rng.random() < 0.8 else ""
                if rng.random() < 0.15:
                    mtpd = ""
            plan = rng.choices(("Ja", "Nej", ""), (40, 30, 30))[0]
            risk = None if rng.random() < 0.4 else AS_OF - dt.timedelta(days=rng.randint(20, 1500))
            sla = rng.choices(("Guld", "Silver", "Brons", ""), (15, 30, 25, 30))[0]
            if s.name in HUBS:
                sla = "Guld"
            rows.append([s.name, *cells, classified_at, by, mtpd, rto, rpo, plan, risk, sla, combo])
        self.n_classified = len(classified)
        book = _Xlsx()
        book.add_sheet(LISA_SHEET, rows)
        book.save(path)


def generate(out_dir: str | os.PathLike, *, size: int = 300, seed: int = 7,
             integrations_per_system: float = 2.5, progress=None) -> DemoFiles:
    """Write a synthetic Region Exempelland into ``out_dir`` and return what was planted.

    Parameters
    ----------
    out_dir
        Directory to write into; created if missing. Existing demo files are overwritten.
    size
        Number of systems in the inventory sheet (national services come on top), at least
        :data:`MIN_SIZE`.
    seed
        Seed of the random generator; the same ``(size, seed)`` gives byte-identical files.
    integrations_per_system
        Integrations per system, counted once per integration (each has two ends, so 2.5
        means about five integration ends per system). The benchmark uses 5.0 for the
        "10,000 systems / 50,000 integrations" region of issue 8.
    progress
        Optional ``progress("generating the region", step, steps)`` after each step of
        building and writing; nothing is printed here.

    Returns
    -------
    DemoFiles
        The written paths and the ground truth (counts, names of unowned systems, hubs,
        ageing systems, planted messy cells and where they are).

    Examples
    --------
    >>> import tempfile
    >>> demo = generate(tempfile.mkdtemp(), size=50)
    >>> demo.n_systems
    50
    """
    if size < MIN_SIZE:
        raise ValueError(f"size must be at least {MIN_SIZE} (got {size})")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    # Millions of small, acyclic objects: the cyclic GC only costs time here (~30 % at 100k).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _generate(out, size, seed, integrations_per_system, progress)
    finally:
        if gc_was_enabled:
            gc.enable()


def _generate(out: Path, size: int, seed: int, integrations_per_system: float = 2.5,
              progress=None) -> DemoFiles:
    g = _Gen(size, seed, integrations_per_system)
    paths = {name: out / name for name in (SYSTEMS_FILE, INTEGRATIONS_FILE, ROLES_FILE,
                                           PEOPLE_FILE, LISA_FILE)}
    steps = [g.build_systems, g.build_objects, g.build_roles, g.build_lifecycle,
             g.build_dependencies, g.build_integrations,
             lambda: g.write_systems(paths[SYSTEMS_FILE]),
             lambda: g.write_integrations(paths[INTEGRATIONS_FILE]),
             lambda: g.write_roles(paths[ROLES_FILE]),
             lambda: g.write_people(paths[PEOPLE_FILE]),
             lambda: g.write_lisa(paths[LISA_FILE])]
    for i, run in enumerate(steps):
        if progress:
            progress("generating the region", i, len(steps))
        run()
    if progress:
        progress("generating the region", len(steps), len(steps))

    return _ground_truth(g, out, paths, size, seed)


def _ground_truth(g: _Gen, out: Path, paths: dict[str, Path], size: int, seed: int) -> DemoFiles:
    n = len(g.systems)
    national_names = tuple(row[1] for row in NATIONAL)

    def nm(idx: int) -> str:
        return g.systems[idx].name if idx < n else national_names[idx - n]

    def has_owner_person(obj: _Object) -> bool:
        return bool(obj.roles.get("Objektägare"))

    orphans = tuple(s.name for i, s in enumerate(g.systems) if i in g.orphan_idx)
    unowned = tuple(
        s.name for s in g.systems
        if not s.owners and (s.obj is None or not has_owner_person(g.objects[s.obj]))
    )
    products: dict[str, list[str]] = {}
    admins_of: dict[str, set[str]] = {}
    for s in g.systems:
        if s.product:
            products.setdefault(s.product, []).append(s.name)
            admins_of.setdefault(s.product, set()).add(s.admin)
    dup = {p: tuple(names) for p, names in sorted(products.items()) if len(admins_of[p]) > 1}
    ended = tuple(p.email for p in g.people if p.status == "Avslutad")
    leave = tuple(p.email for p in g.people if p.status == "Tjänstledig")
    holders_inactive = tuple(
        p.email for i, p in enumerate(g.people) if p.status != "Aktiv" and i in g.role_holders
    )
    deps = tuple((nm(a), nm(b)) for a, b, *_ in g.deps)
    one_sided = tuple((nm(a), nm(b), w) for a, b, _c, _t, w in g.deps
                      if w in ("dependent", "provider"))
    details = tuple((nm(a), nm(b), DEP_LEVELS[c], DEP_TYPES[t]) for a, b, c, t, _w in g.deps)
    disagreements = tuple(
        (nm(a), nm(b), "type" if w == "disagree_type" else "criticality")
        for a, b, _c, _t, w in g.deps if w.startswith("disagree")
    )
    counts = dict(sorted(g.counts.items()))
    counts["contract_text"] = sum(1 for m in g.messy if m.kind == "contract_text")
    dual_obj, dual_person = g.dual
    return DemoFiles(
        out_dir=out,
        systemforteckning=paths[SYSTEMS_FILE],
        integrationer=paths[INTEGRATIONS_FILE],
        roller=paths[ROLES_FILE],
        personal=paths[PEOPLE_FILE],
        lisa=paths[LISA_FILE],
        size=size,
        seed=seed,
        n_systems=n,
        national_services=national_names,
        n_objects=len(g.objects),
        n_people=len(g.people),
        n_dependencies=len(g.deps) + len(g.direction_conflicts),
        n_integration_rows=len(g.rows),
        n_integrations=len(g.deps) + len(g.direction_conflicts) + len(g.rows),
        n_via_rows=g.counts["integration_via_rows"],
        orphans=orphans,
        unowned=unowned,
        n_blank_owner=sum(1 for s in g.systems if not s.owners),
        objects_without_roles=tuple(g.objects[i].name for i in sorted(g.no_roles)),
        n_vacant_role_cells=g.counts["role_vakant"],
        ended_people=ended,
        on_leave_people=leave,
        inactive_role_holders=holders_inactive,
        dual_role=(g.objects[dual_obj].name, g.people[dual_person].email),
        duplicate_products=dup,
        ageing=tuple(s.name for s in g.systems if s.ageing),
        ageing_hub_dependants=tuple(g.ageing_hub),
        in_house=tuple(s.name for s in g.systems if s.vendor == IN_HOUSE),
        dependency_pairs=deps,
        dependency_details=details,
        one_sided_dependencies=one_sided,
        dependency_disagreements=disagreements,
        direction_conflicts=tuple((nm(a), nm(b)) for a, b in g.direction_conflicts),
        unresolved_references=tuple(
            (nm(i), ref) for i, ref in zip(g.unresolved_at, UNRESOLVED_NAMES, strict=True)
        ),
        near_misses=((nm(g.near_miss_at), NEAR_MISS[0], NEAR_MISS[1]),),
        n_classified=g.n_classified,
        unclassified=tuple(g.unclassified),
        krt_rows=tuple(g.krt_rows),
        stale_classifications=tuple(g.stale),
        messy_cells=tuple(g.messy),
        value_counts=counts,
    )
