"""The vocabulary of Region Exempelland: file layout, organisation, products, national
services, value vocabularies and invented names (nothing here draws a random number)."""

from __future__ import annotations

import datetime as dt

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
