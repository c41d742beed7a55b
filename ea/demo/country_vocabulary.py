"""The vocabulary of the synthetic country (:mod:`ea.demo.country`): how Sweden is shaped
(21 regions, 290 municipalities), their administrations and core systems, and the national
services they share. Nothing here draws a random number.

Places are composed from Swedish name parts (``Sand`` + ``vik``): some happen to be real
place names, none is meant as one; people are invented as in the region demo. The national
services are invented stand-ins for the Inera-like services Swedish regions and
municipalities integrate with (DOMAIN.md: NPÖ, 1177, HSA, SITHS, NTjP, Navet, BankID, ...).
"""

from __future__ import annotations

from ea.demo.vocabulary import _DOMAIN_WORDS, HSF, SBF, SOF, TKF, UBF

#: The full country: regions and municipalities (Sweden: 21 and 290).
FULL_REGIONS = 21
FULL_MUNICIPALITIES = 290
#: Systems per organisation on average; below ``FULL * this`` the country is scaled down.
SYSTEMS_PER_ORGANISATION = 320
#: Share of all systems held by the regions (the rest by the municipalities).
REGION_SHARE = 0.32
#: Smallest inventory of one organisation (its core systems and some of its own).
MIN_REGION_SYSTEMS = 60
MIN_MUNICIPALITY_SYSTEMS = 25
#: Shares of all integrations: with a national service, between two organisations.
NATIONAL_SHARE = 0.08
CROSS_SHARE = 0.03
#: Share of a municipality's cross-organisation integrations that go to its own region (the
#: rest to another municipality of the same county).
TO_OWN_REGION = 0.6
#: Municipalities with an integration platform of their own: the largest, this share.
MUNICIPAL_PLATFORM_SHARE = 0.1

NATIONAL_FILE = "nationella-tjanster.xlsx"
NATIONAL_ORG = "Nationella e-tjänster"

_PLACE_HEADS = ("Al", "Ask", "Berg", "Björk", "Bred", "Dal", "Ed", "Ek", "Fal", "Fors", "Gran",
                "Hag", "Hammar", "Hed", "Holm", "Hov", "Kil", "Kvarn", "Lid", "Lind", "Ljung",
                "Mal", "Norr", "Ny", "Ran", "Sand", "Sjö", "Skog", "Sol", "Sten", "Stor",
                "Sund", "Söder", "Tran", "Ulv", "Vall", "Väster", "Åker", "Äng", "Öster")
_PLACE_TAILS = ("by", "berg", "bo", "dal", "fors", "hamn", "holm", "köping", "lunda", "mo",
                "näs", "rum", "sjö", "stad", "sund", "torp", "vik", "å", "ås", "ö")


def places() -> list[str]:
    """Every composed place name, in a fixed order (800 of them)."""
    out = []
    for head in _PLACE_HEADS:
        for tail in _PLACE_TAILS:
            if head.lower().endswith(tail) or head.lower() == tail:
                continue
            out.append(head + tail)
    return out


# ------------------------------------------------------------------------------ administrations
RLF = "Regionledningsförvaltningen"
TVF = "Tandvårdsförvaltningen"
KTF = "Kollektivtrafikförvaltningen"
RUF = "Regionala utvecklingsförvaltningen"
KLF = "Kommunledningsförvaltningen"
KFF = "Kultur- och fritidsförvaltningen"

REGION_ADMINS = (RLF, HSF, TVF, KTF, RUF)
REGION_ADMIN_WEIGHTS = (18, 58, 9, 8, 7)
MUNICIPALITY_ADMINS = (KLF, SOF, UBF, SBF, TKF, KFF)
MUNICIPALITY_ADMIN_WEIGHTS = (16, 27, 24, 13, 12, 8)

DOMAIN_WORDS = {
    **_DOMAIN_WORDS,
    RLF: _DOMAIN_WORDS["Regionstyrelseförvaltningen"],
    KLF: _DOMAIN_WORDS["Regionstyrelseförvaltningen"],
    TVF: ("Tandvårdsjournal", "Röntgen", "Ortodonti", "Kallelse", "Tandteknik", "Sterilteknik"),
    KTF: ("Biljett", "Trafikplanering", "Realtidsinformation", "Färdtjänst", "Fordon",
          "Depå", "Anropsstyrd trafik"),
    RUF: ("Projektstöd", "Näringsliv", "Kompetensförsörjning", "Regionplan", "Statistik"),
    KFF: ("Bibliotek", "Föreningsbidrag", "Lokalbokning", "Kulturskola", "Fritidsgård",
          "Bad", "Evenemang"),
}
ADMIN_INFO = {
    RLF: ("Statistik", "Rapporter", "Avtal", "Kontaktuppgifter"),
    KLF: ("Statistik", "Rapporter", "Avtal", "Kontaktuppgifter"),
    HSF: ("Remisser", "Provsvar", "Patientuppgifter", "Tidbokningar", "Läkemedelsordinationer"),
    TVF: ("Patientuppgifter", "Tidbokningar", "Röntgenbilder"),
    KTF: ("Biljetter", "Trafikdata", "Resor"),
    RUF: ("Ärenden", "Statistik", "Projektdata"),
    SOF: ("Beslut om insats", "Utförd tid", "Brukaruppgifter", "Ansökningar"),
    UBF: ("Elevuppgifter", "Schema", "Närvaro", "Betyg"),
    SBF: ("Ärenden", "Kartdata", "Fastighetsbeteckningar", "Adresser"),
    TKF: ("Felanmälningar", "Mätvärden", "Fastighetsdata", "Larm"),
    KFF: ("Bokningar", "Medlemmar", "Lån"),
}

# ------------------------------------------------------------------------------ core systems
# (key, name pattern, administration, object, ((vendor, product), ...), description, hub)
# The name is the pattern with {product} and {place}; one product is drawn per organisation.
REGION_CORE = (
    ("ehr", "{product} {place}", HSF, "Vårdinformation",
     (("Cambio", "Cosmic"), ("Oracle Health", "Millennium"), ("CompuGroup Medical", "TakeCare")),
     "Elektronisk patientjournal", True),
    ("care_planning", "Vårdplanering {place}", HSF, "Samverkan vård och omsorg",
     (("Tietoevry", "Lifecare SP"), ("Cambio", "Cosmic Link")),
     "Samordnad vård- och omsorgsplanering med kommunerna", False),
    ("economy", "{product} ekonomi {place}", RLF, "Ekonomi",
     (("CGI", "Raindance"), ("Unit4", "Unit4 ERP")), "Ekonomisystem", True),
    ("hr", "{product} HR {place}", RLF, "HR och lön",
     (("CGI", "Heroma"), ("Visma", "Personec")), "Personaladministration och lön", True),
    ("cases", "{product} ärende {place}", RLF, "Ärende och arkiv",
     (("Tietoevry", "Public 360"), ("Formpipe", "Platina")), "Diarium och ärendehantering",
     True),
    ("directory", "Katalogtjänst {place}", RLF, "Identitet och behörighet",
     (("Microsoft", "Active Directory"),), "Katalogtjänst och inloggning", True),
    ("platform", "Regional integrationsplattform {place}", RLF, "Integrationsplattform",
     (("WSO2", "WSO2 API Manager"), ("Microsoft", "BizTalk"), ("Frends", "Frends")),
     "Regionens integrationsplattform", True),
    ("bi", "Qlik Sense {place}", RLF, "Beslutsstöd", (("Qlik", "Qlik Sense"),),
     "Rapporter och analys", False),
)
MUNICIPALITY_CORE = (
    ("economy", "{product} ekonomi {place}", KLF, "Ekonomi",
     (("CGI", "Raindance"), ("Unit4", "Unit4 ERP"), ("Visma", "Visma Enterprise")),
     "Ekonomisystem", True),
    ("hr", "{product} HR {place}", KLF, "HR och lön",
     (("CGI", "Heroma"), ("Visma", "Personec"), ("Visma", "Visma Lön")),
     "Personaladministration och lön", True),
    ("cases", "{product} ärende {place}", KLF, "Ärende och arkiv",
     (("Tietoevry", "Public 360"), ("Formpipe", "Platina"), ("Tietoevry", "Ciceron"),
      ("Formpipe", "W3D3")), "Diarium och ärendehantering", True),
    ("directory", "Katalogtjänst {place}", KLF, "Identitet och behörighet",
     (("Microsoft", "Active Directory"),), "Katalogtjänst och inloggning", True),
    ("care", "{product} omsorg {place}", SOF, "Vård och omsorg",
     (("Tietoevry", "Lifecare"), ("CGI", "Treserva"), ("Tietoevry", "Combine")),
     "Verksamhetssystem för äldreomsorg, LSS och IFO", False),
    ("school", "{product} skola {place}", UBF, "Skoladministration",
     (("Tietoevry", "Edlevo"), ("IST", "IST Administration"), ("Vklass", "Vklass")),
     "Elevadministration och lärplattform", False),
    ("building", "{product} {place}", SBF, "Bygglov och tillsyn",
     (("Sokigo", "ByggR"), ("Sokigo", "Ecos")), "Bygglov och miljötillsyn", False),
    ("eservices", "{product} e-tjänster {place}", KLF, "Webb och e-tjänster",
     (("Nordic Peak", "Open ePlatform"), ("Sitevision", "SiteVision")),
     "E-tjänster för invånare", False),
)
MUNICIPAL_PLATFORM = ("platform", "Kommunal integrationsplattform {place}", KLF,
                      "Integrationsplattform", (("WSO2", "WSO2 API Manager"),
                                                ("Microsoft", "BizTalk")),
                      "Kommunens integrationsplattform", True)
#: The hubs' data direction: probability that the hub is the *source* of an integration.
HUB_OUT = {"ehr": 0.5, "economy": 0.15, "hr": 0.85, "cases": 0.3, "directory": 0.9,
           "platform": 0.5}
HUB_INFO = {
    "ehr": ("Patientuppgifter", "Remisser", "Provsvar"),
    "economy": ("Leverantörsfakturor", "Kundfakturor", "Konteringar"),
    "hr": ("Personaluppgifter", "Anställningar", "Organisationsstruktur"),
    "cases": ("Diarieförda handlingar", "Ärenden", "Beslut"),
    "directory": ("Användarkonton", "Behörigheter", "Grupper"),
    "platform": ("API-anrop", "Händelser"),
}
CROSS_INFO = ("Vårdplaneringsunderlag", "Utskrivningsmeddelanden", "Samordnad individuell plan",
              "Elevuppgifter vid flytt", "Färdtjänstbeslut", "Fakturaunderlag",
              "Gemensam lönehantering", "Statistik")

# ------------------------------------------------------------------------------ national
NATIONAL_PLATFORM = "Nationella meddelandeplattformen"
# (id, name, description, vendor, weight, org kinds, administrations, P(service is the source),
#  RIV-TA through the national platform)
NATIONAL_SERVICES = (
    ("NAT-01", "Nationell journalöversikt", "Sammanhållen journalföring mellan vårdgivare",
     "Svensk e-hälsa", 14, ("region", "kommun"), (HSF, SOF), 0.3, True),
    ("NAT-02", "Invånarportalen", "E-tjänster, tidbokning och vårdguide för invånare",
     "Svensk e-hälsa", 10, ("region",), (HSF, TVF), 0.5, True),
    ("NAT-03", "Nationella vårdkatalogen", "Katalog över vårdens personal och enheter",
     "Svensk e-hälsa", 7, ("region", "kommun"), (RLF, HSF, SOF), 0.9, False),
    ("NAT-04", "Vårdlegitimation", "E-legitimation för vårdens och omsorgens medarbetare",
     "Svensk e-hälsa", 8, ("region", "kommun"), (HSF, TVF, SOF), 0.8, False),
    ("NAT-05", "Nationella läkemedelslistan", "Förskrivna och uthämtade läkemedel",
     "Nationella läkemedelsnämnden", 6, ("region", "kommun"), (HSF, SOF), 0.4, True),
    ("NAT-06", NATIONAL_PLATFORM, "Nationell meddelandeplattform för RIV-TA-tjänster",
     "Svensk e-hälsa", 6, ("region", "kommun"), (HSF, TVF, SOF), 0.5, False),
    ("NAT-07", "Nationella säkerhetstjänster", "Loggning, spärrar och samtycken",
     "Svensk e-hälsa", 5, ("region", "kommun"), (HSF, SOF), 0.2, True),
    ("NAT-08", "Folkbokföringstjänsten", "Folkbokföringsuppgifter för offentlig sektor",
     "Statens folkbokföringsnämnd", 12, ("region", "kommun"),
     (RLF, KLF, SOF, UBF, HSF, KFF), 0.95, False),
    ("NAT-09", "Medborgarlegitimering", "E-legitimation för invånare",
     "Svensk e-legitimation", 9, ("region", "kommun"), (RLF, KLF, HSF, SOF, UBF), 0.9, False),
    ("NAT-10", "Digital myndighetspost", "Digital brevlåda för myndighetspost",
     "Statens digitaliseringsnämnd", 6, ("region", "kommun"),
     (RLF, KLF, SOF, SBF), 0.05, False),
    ("NAT-11", "Nationella skolplattformen", "Nationella prov och elevuppgifter",
     "Nationella skoldatanämnden", 6, ("kommun",), (UBF,), 0.5, False),
    ("NAT-12", "Nationell e-faktureringstjänst", "E-fakturor och e-handel mellan organisationer",
     "Offentlig e-handel", 6, ("region", "kommun"), (RLF, KLF), 0.5, False),
    ("NAT-13", "Nationellt vaccinationsregister", "Registrering av givna vaccinationer",
     "Nationella vaccinationsnämnden", 3, ("region",), (HSF,), 0.05, False),
    ("NAT-14", "Kommun- och regionstatistik", "Nyckeltal för kommuner och regioner",
     "Rådet för offentlig statistik", 2, ("region", "kommun"), (RLF, KLF), 0.05, False),
)
