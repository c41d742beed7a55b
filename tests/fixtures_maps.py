"""A small hand-built landscape for the map tests (invented names only).

Region X has two administrations; Regionstyrelseförvaltningen (RSF) has an IT department.
Integrations (data flow), undirected shape a tree: Evil - Raindance - Heroma - Cosmic - {NPÖ,
Platina}, Heroma - Ghost. Articulation points: Raindance, Heroma, Cosmic. Unowned: Cosmic (no
role holder) and the system named ``<img src=x onerror=alert(1)>`` (no owning organisation).
NPÖ is external, Ghost a placeholder.
"""

from __future__ import annotations

from ea.landscape import Landscape

EVIL = "<img src=x onerror=alert(1)>"


def build() -> Landscape:
    ls = Landscape(meta={"name": "Region X"})
    region = ls.add_organisation("region-x", name="Region X", path="Region X")
    rsf = ls.add_organisation("rsf", name="Regionstyrelseförvaltningen",
                              path="Region X / Regionstyrelseförvaltningen")
    it = ls.add_organisation("rsf-it", name="IT-avdelningen",
                             path="Region X / Regionstyrelseförvaltningen / IT-avdelningen")
    hsf = ls.add_organisation("hsf", name="Hälso- och sjukvårdsförvaltningen",
                              path="Region X / Hälso- och sjukvårdsförvaltningen")
    ls.add_edge("PART_OF", rsf, region)
    ls.add_edge("PART_OF", hsf, region)
    ls.add_edge("PART_OF", it, rsf)

    raindance = ls.add_system("raindance", name="Raindance", k=2, r=3, t=3, criticality=4,
                              status="active", in_service_from="2012-01-01")
    heroma = ls.add_system("heroma", name="Heroma", status="active",
                           phase_out_from="2026-06-01", criticality=3)
    cosmic = ls.add_system("cosmic", name="Cosmic", criticality=4, k=3, r=3, t=4, s=2)
    platina = ls.add_system("platina", name="Platina", status="planned", criticality=2)
    evil = ls.add_system("evil", name=EVIL, criticality=1)
    npo = ls.add_system("npo", name="NPÖ", external=True)
    ghost = ls.add_system("ghost", name="Ghost", placeholder=True)

    ls.add_edge("OWNED_BY", raindance, it)
    hr = ls.add_object("hr", name="HR")
    ls.add_edge("OWNED_BY", hr, rsf)
    ls.add_edge("PART_OF", heroma, hr)
    ls.add_edge("OWNED_BY", cosmic, hsf)
    ls.add_edge("OWNED_BY", platina, hsf)

    anna = ls.add_person("anna", name="Anna Exempel", email="anna@x.se")
    bo = ls.add_person("bo", name="Bo Påhittad", email="bo@x.se")
    cia = ls.add_person("cia", name="Cia Testsson", email="cia@x.se")
    ls.add_role(anna, raindance, "object_owner")
    ls.add_role(bo, raindance, "it_manager")
    ls.add_role(cia, raindance, "business_manager")
    ls.add_role(anna, hr, "object_owner")
    ls.add_role(cia, platina, "business_manager")
    ls.add_role(bo, evil, "it_manager")

    ls.add_integration(raindance, heroma, type="file", frequency="daily",
                       information=["Löner"])
    ls.add_integration(raindance, heroma, type="api", via=platina)
    ls.add_integration(heroma, cosmic, type="api")
    ls.add_integration(cosmic, npo, type="api", bidirectional=True)
    ls.add_integration(platina, cosmic, type="db")
    ls.add_integration(evil, raindance, type="mq")
    ls.add_integration(ghost, heroma, type="other")
    return ls
