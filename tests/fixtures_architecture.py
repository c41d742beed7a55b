"""Hand-built landscapes for the architect analyses (hubs, impact, ageing, duplicates).

Invented people only.

``hub_landscape()`` — ten systems, three administrations and an external national service::

    Heroma ─┬─ Raindance ─┐            (Heroma, Raindance, Medvind, Qlik: a clique, RSF)
            ├─ Medvind    ├─ Platina ── Lifecare ── Treserva      (Lifecare, Treserva: SOC)
            └─ Qlik       ┘                 │
                                         BizTalk (integration platform, RSF)
                                         │     │
                                      Cosmic   NPÖ (external, Inera, no owner)
                                      (HSF)

Data flows Heroma -> Raindance, Medvind, Qlik, Platina; Raindance -> Qlik, Platina;
Medvind -> Raindance, Qlik; Platina -> Lifecare; Lifecare -> Treserva; Cosmic -> Lifecare and
Cosmic -> NPÖ, both *through* BizTalk. Heroma and Raindance have the highest degree (4) but
are no articulation points; Platina, Lifecare and BizTalk are.
"""

from __future__ import annotations

from ea.landscape import Landscape

RSF = "Organisation:rsf"
HSF = "Organisation:hsf"
SOC = "Organisation:soc"


def _orgs(ls: Landscape) -> None:
    ls.add_organisation("region", name="Region Exempel", org_kind="region")
    for id_, name in (("rsf", "Regionstyrelseförvaltningen"),
                      ("hsf", "Hälso- och sjukvårdsförvaltningen"),
                      ("soc", "Socialförvaltningen")):
        ls.add_organisation(id_, name=name, org_kind="förvaltning",
                            path=f"Region Exempel / {name}")
        ls.add_edge("PART_OF", f"Organisation:{id_}", "Organisation:region")


def _sys(ls: Landscape, id_: str, name: str, org: str | None, **fields) -> str:
    key = ls.add_system(id_, source="fixture", name=name, **fields)
    if org:
        ls.add_edge("OWNED_BY", key, org)
    return key


def hub_landscape() -> Landscape:
    ls = Landscape()
    _orgs(ls)
    s = {}
    for id_, name, org, t, crit in (
            ("heroma", "Heroma", RSF, 3, 3), ("raindance", "Raindance", RSF, 2, 3),
            ("medvind", "Medvind", RSF, 2, 2), ("qlik", "Qlik Sense", RSF, 2, 2),
            ("platina", "Platina", RSF, 3, 2), ("lifecare", "Lifecare", SOC, 3, 4),
            ("treserva", "Treserva", SOC, 2, 2), ("biztalk", "BizTalk", RSF, 3, 2),
            ("cosmic", "Cosmic", HSF, 4, 4)):
        s[id_] = _sys(ls, id_, name, org, t=t, criticality=crit, status="active")
    s["npo"] = _sys(ls, "npo", "NPÖ", None, external=True)
    for a, b in (("heroma", "raindance"), ("heroma", "medvind"), ("heroma", "qlik"),
                 ("raindance", "qlik"), ("medvind", "qlik"), ("medvind", "raindance"),
                 ("heroma", "platina"), ("raindance", "platina"), ("platina", "lifecare"),
                 ("lifecare", "treserva")):
        ls.add_integration(s[a], s[b], source="fixture", type="file")
    ls.add_integration(s["cosmic"], s["lifecare"], source="fixture", type="mq", via=s["biztalk"])
    ls.add_integration(s["cosmic"], s["npo"], source="fixture", type="api", via=s["biztalk"])
    # governance: the platform's object, and managers of the systems around it
    obj = ls.add_object("integration", name="Integrationsplattform")
    ls.add_edge("PART_OF", s["biztalk"], obj)
    ls.add_edge("OWNED_BY", obj, RSF)
    omsorg = ls.add_object("omsorg", name="Omsorg")
    ls.add_edge("PART_OF", s["lifecare"], omsorg)
    people = {}
    for id_, name in (("anna", "Anna Berg"), ("karl", "Karl Lund"), ("sara", "Sara Ek"),
                      ("olle", "Olle Nord"), ("maja", "Maja Holm"), ("nils", "Nils Vik")):
        people[id_] = ls.add_person(id_, name=name, email=f"{id_}@example.se")
    ls.add_role(people["anna"], obj, "object_owner")
    ls.add_role(people["karl"], obj, "it_manager")
    ls.add_vacant_role(obj, "business_manager", title="Förvaltningsledare verksamhet",
                       raw="Vakant")
    ls.add_role(people["sara"], s["cosmic"], "business_manager")
    ls.add_role(people["olle"], s["cosmic"], "it_manager")
    ls.add_role(people["maja"], omsorg, "business_manager")
    ls.add_role(people["nils"], s["heroma"], "it_manager")
    return ls


def ageing_landscape() -> Landscape:
    """Systems with lifecycle dates, vendor products and one integration to an ageing system.

    At 2026-11-25 with a 24-month horizon (to 2028-11-25):

    * Procapita (SOC, active): end of life 2027-08-31 (9 months), in service since 2005,
      criticality 4, T3; sends data to Treserva and, through BizTalk, to Cosmic.
    * Treserva (SOC, active): receives from Procapita -> EOL_PROPAGATED.
    * Ciceron (RSF): recorded active, phase_out_from 2026-01-01 passed -> LIFECYCLE_CONFLICT;
      contract end 2026-06-30 passed.
    * Exchange (RSF): Microsoft Exchange 4.0 SP5, endoflife.date ``eol: true`` (no date).
    * SharePoint (RSF): Microsoft SharePoint Subscription Edition, ``eol: false``.
    * SQL-plattform (RSF): Microsoft SQL Server "2019" (cycle 15.0, eol 2030-01-08).
    * Egenutvecklat (HSF): in-house, in service 2001-05-01, end of support 2028-03-31.
    * Gammalt (HSF): recorded retired, end of life 2020-01-01 -> nothing.
    """
    ls = Landscape()
    _orgs(ls)
    s = {}
    s["procapita"] = _sys(ls, "procapita", "Procapita", SOC, status="active",
                          end_of_life="2027-08-31", in_service_from="2005-03-01", criticality=4,
                          t=3, k=2, r=3, vendor="Tieto", product="Procapita")
    s["treserva"] = _sys(ls, "treserva", "Treserva", SOC, status="active",
                         in_service_from="2019-01-01", criticality=3, t=2)
    s["biztalk"] = _sys(ls, "biztalk", "BizTalk", RSF, status="active", criticality=2)
    s["cosmic"] = _sys(ls, "cosmic", "Cosmic", HSF, status="active", criticality=4,
                       in_service_from="2016-09-01")
    s["ciceron"] = _sys(ls, "ciceron", "Ciceron", RSF, status="active",
                        in_service_from="2012-02-01", phase_out_from="2026-01-01",
                        contract_end="2026-06-30")
    s["exchange"] = _sys(ls, "exchange", "Exchange", RSF, status="active", vendor="Microsoft",
                         product="Exchange", version="4.0 SP5", criticality=2)
    s["sharepoint"] = _sys(ls, "sharepoint", "SharePoint", RSF, status="active",
                           vendor="Microsoft", product="SharePoint",
                           version="Subscription Edition")
    s["sql"] = _sys(ls, "sql", "SQL-plattform", RSF, status="active", vendor="Microsoft",
                    product="SQL Server", version="2019")
    s["egen"] = _sys(ls, "egen", "Egenutvecklat", HSF, status="active", in_house=True,
                     in_service_from="2001-05-01", end_of_support="2028-03-31", criticality=2)
    s["gammalt"] = _sys(ls, "gammalt", "Gammalt", HSF, status="retired",
                        end_of_life="2020-01-01")
    ls.add_integration(s["procapita"], s["treserva"], source="fixture", type="file")
    ls.add_integration(s["procapita"], s["cosmic"], source="fixture", type="mq",
                       via=s["biztalk"])
    ls.add_integration(s["gammalt"], s["cosmic"], source="fixture", type="file")
    return ls


def duplicates_landscape() -> Landscape:
    ls = Landscape()
    _orgs(ls)
    _sys(ls, "heroma-rsf", "Heroma", RSF, vendor="CGI", product="Heroma", version="5")
    _sys(ls, "heroma-hsf", "Heroma HR", HSF, vendor="CGI", product="HEROMA")
    _sys(ls, "heroma-soc", "Personalsystem", SOC, product="Heroma")  # vendor unknown
    _sys(ls, "treserva-soc", "Treserva", SOC, vendor="CGI", product="Treserva")
    _sys(ls, "ecos-rsf", "Ecos 2", RSF, vendor="Sokigo", product="Ecos")
    _sys(ls, "ecos-soc", "Ecos", SOC, vendor="Ecoclime", product="Ecos")  # another vendor
    _sys(ls, "platina-rsf", "Platina ärende", RSF)
    _sys(ls, "platina-hsf", "Platina Ärende", HSF)  # same name after folding
    _sys(ls, "w3d3-rsf", "W3D3", RSF, product="W3D3")
    _sys(ls, "w3d3-rsf2", "W3D3 arkiv", RSF, product="W3D3")  # same organisation only
    _sys(ls, "sitevision-hsf", "SiteVision extern", HSF, status="retired", product="SiteVision")
    _sys(ls, "sitevision-soc", "SiteVision", SOC, product="SiteVision")
    _sys(ls, "orphan", "Heroma", None, product="Heroma")  # no owner: not compared
    return ls
