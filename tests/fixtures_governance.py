"""A small hand-built landscape for the governance reports (orphans, coordinate, quality,
classification, check). Invented people only.

What it holds, and why (every expected finding is asserted in the tests by name and count):

Organisations: Region Test (region) ⟵ Regionstyrelsen (nämnd) ⟵ Regionstyrelseförvaltningen
(förvaltning) ⟵ IT-avdelningen (avdelning); Region Test ⟵ Hälso- och sjukvårdsnämnden (nämnd)
⟵ Hälso- och sjukvårdsförvaltningen (förvaltning).

Objects (förvaltningsobjekt) and their roles:

- Ekonomi (RSF): complete roles (Anna Ek owner, Bo Berg business, Cecilia Dal IT): its systems
  Raindance and Proceedo **inherit** them.
- HR (RSF): owner David Falk is **inactive** in the people list; business manager **vacant**;
  IT manager Cecilia Dal. System Heroma inherits both gaps.
- Vårdinformation (HSF): no IT manager on the object; its system Cosmic has its own (Ida
  Karlsson), so only the object misses one.
- Ärende (no owning organisation): system Platina (phasing out) has no owner either.
- Integration (IT-avdelningen): the platform WSO2 API Manager.

Systems without an object: Lifecare (no roles at all, HSF), Qlik Sense (own roles: Erik Gran is
owner *and* IT manager, business manager Fatima Holm is absent from the people list; owned by
**two boards**). External: HSA-katalogen. Placeholder: Gammalt lönesystem. Retired: Agresso
(never reported).

Integrations: Heroma → Raindance (recorded at both ends), Cosmic → Lifecare **via WSO2**,
HSA-katalogen → Cosmic, Lifecare → Platina, Raindance → Proceedo (sources disagree on the type),
Raindance → Qlik Sense (recorded at one end only), Gammalt lönesystem → Heroma.
"""

from __future__ import annotations

import datetime as dt

from ea.landscape import Landscape
from ea.schema import OWNED_BY, PART_OF, PROCESSES

AS_OF = dt.date(2026, 11, 25)

PEOPLE = {
    # id: (name, active, listed)
    "anna": ("Anna Ek", True, True),
    "bo": ("Bo Berg", True, True),
    "cecilia": ("Cecilia Dal", True, True),
    "david": ("David Falk", False, True),
    "erik": ("Erik Gran", True, True),
    "fatima": ("Fatima Holm", None, None),
    "gustav": ("Gustav Ivarsson", True, True),
    "hanna": ("Hanna Jak", True, True),
    "ida": ("Ida Karlsson", True, True),
    "johan": ("Johan Lind", True, True),
    "karin": ("Karin Mod", True, True),
    "lena": ("Lena Nord", True, True),
}


def build() -> Landscape:
    ls = Landscape(meta={"people_lists": ["personal.csv"]})
    src = "inventering.xlsx:System"

    # organisations
    orgs = {
        "region": ("Region Test", "region", None),
        "rs": ("Regionstyrelsen", "nämnd", "region"),
        "rsf": ("Regionstyrelseförvaltningen", "förvaltning", "rs"),
        "itavd": ("IT-avdelningen", "avdelning", "rsf"),
        "hsn": ("Hälso- och sjukvårdsnämnden", "nämnd", "region"),
        "hsf": ("Hälso- och sjukvårdsförvaltningen", "förvaltning", "hsn"),
    }
    keys: dict[str, str] = {}
    for oid, (name, kind, _parent) in orgs.items():
        keys[oid] = ls.add_organisation(oid, name=name, org_kind=kind)
    for oid, (_name, _kind, parent) in orgs.items():
        if parent:
            ls.add_edge(PART_OF, keys[oid], keys[parent])
    for oid in orgs:
        chain, cur = [], oid
        while cur:
            chain.append(orgs[cur][0])
            cur = orgs[cur][2]
        ls.graph.nodes[keys[oid]]["path"] = " / ".join(reversed(chain))

    # people (personal.csv is the imported HR list; Fatima Holm is not in it)
    p = {}
    for pid, (name, active, listed) in PEOPLE.items():
        fields = {"name": name, "email": f"{pid}@regiontest.se"}
        if active is not None:
            fields["active"] = active
        if listed is not None:
            fields["listed"] = listed
        p[pid] = ls.add_person(pid, source="roller.csv", **fields)

    # information
    patient = ls.add_information("patientuppgifter", name="Patientuppgifter", k=4, r=3, t=3)
    lon = ls.add_information("loneuppgifter", name="Löneuppgifter", k=3, r=3, t=2)

    # objects
    o = {}
    for oid, name, owner in (("ekonomi", "Ekonomi", "rsf"), ("hr", "HR", "rsf"),
                             ("vard", "Vårdinformation", "hsf"), ("arende", "Ärende", None),
                             ("integration", "Integration", "itavd")):
        o[oid] = ls.add_object(oid, source=src, name=name)
        if owner:
            ls.add_edge(OWNED_BY, o[oid], keys[owner])
    roles = [
        ("anna", "ekonomi", "object_owner"), ("bo", "ekonomi", "business_manager"),
        ("cecilia", "ekonomi", "it_manager"),
        ("david", "hr", "object_owner"), ("cecilia", "hr", "it_manager"),
        ("gustav", "vard", "object_owner"), ("hanna", "vard", "business_manager"),
        ("anna", "arende", "object_owner"), ("bo", "arende", "business_manager"),
        ("cecilia", "arende", "it_manager"),
        ("johan", "integration", "object_owner"), ("lena", "integration", "business_manager"),
        ("karin", "integration", "it_manager"),
    ]
    for pid, oid, role in roles:
        ls.add_role(p[pid], o[oid], role, source="roller.csv")
    ls.add_vacant_role(o["hr"], "business_manager", source="roller.csv:7",
                       title="Förvaltningsledare verksamhet", raw="Vakant")

    # systems
    s = {}
    s["raindance"] = ls.add_system(
        "raindance", source=src + ":2", name="Raindance", vendor="CGI", criticality=4, k=2, r=3,
        t=3, continuity_plan=True, rto_hours=8.0, classified_at="2026-03-01",
        risk_assessed_at="2026-03-01", in_service_from="2010-01-01", contract_end="2028-12-31")
    ls.add_system("raindance", source="lisa.xlsx:3", vendor="CGI Sverige")  # a conflict
    s["proceedo"] = ls.add_system(
        "proceedo", source=src + ":3", name="Proceedo", vendor="Visma", criticality=2, k=2,
        r=2, t=2, classified_at="2024-05-01", in_service_from="2018-01-01",
        end_of_support="2027-03-31")
    s["heroma"] = ls.add_system(
        "heroma", source=src + ":4", name="Heroma", vendor="CGI", criticality=3, k=3, r=3, t=3,
        rto_hours=24.0, classified_at="2026-01-10", risk_assessed_at="2026-01-10",
        in_service_from="2012-01-01", contract_end="2029-06-30")
    s["cosmic"] = ls.add_system(
        "cosmic", source=src + ":5", name="Cosmic", vendor="Cambio", criticality=4, k=4, r=4,
        t=4, continuity_plan=True, rto_hours=4.0, classified_at="2026-06-01",
        risk_assessed_at="2026-06-01", in_service_from="2015-01-01",
        end_of_support="2030-12-31")
    s["lifecare"] = ls.add_system(
        "lifecare", source=src + ":6", name="Lifecare", vendor="Tieto", criticality=4, k=3,
        r=3, t=4, continuity_plan=True, rto_hours=4.0, classified_at="2025-09-01",
        risk_assessed_at="2025-01-01", in_service_from="2011-01-01")
    s["qlik"] = ls.add_system("qlik", source=src + ":7", name="Qlik Sense", vendor="Qlik",
                              criticality=2)
    s["platina"] = ls.add_system(
        "platina", source=src + ":8", name="Platina", status="phasing_out", criticality=3,
        k=2, r=2, t=2, classified_at="2026-02-01", risk_assessed_at="2026-02-01",
        in_service_from="2009-01-01", phase_out_from="2027-06-30")
    s["wso2"] = ls.add_system(
        "wso2", source=src + ":9", name="WSO2 API Manager", vendor="WSO2", criticality=3, k=2,
        r=2, t=3, continuity_plan=True, rto_hours=4.0, classified_at="2026-04-01",
        risk_assessed_at="2026-04-01", in_service_from="2019-01-01",
        end_of_support="2029-01-01")
    s["hsa"] = ls.add_system("hsa", source=src + ":10", name="HSA-katalogen", external=True)
    s["gammal"] = ls.add_system("gammal", source=src + ":4", name="Gammalt lönesystem",
                                placeholder=True)
    s["agresso"] = ls.add_system("agresso", source=src + ":11", name="Agresso",
                                 status="retired")

    for sid, oid in (("raindance", "ekonomi"), ("proceedo", "ekonomi"), ("heroma", "hr"),
                     ("cosmic", "vard"), ("platina", "arende"), ("wso2", "integration")):
        ls.add_edge(PART_OF, s[sid], o[oid])
    ls.add_edge(OWNED_BY, s["lifecare"], keys["hsf"])
    ls.add_edge(OWNED_BY, s["qlik"], keys["rsf"])
    ls.add_edge(OWNED_BY, s["qlik"], keys["hsf"])
    ls.add_role(p["ida"], s["cosmic"], "it_manager", source="roller.csv")
    ls.add_role(p["erik"], s["qlik"], "object_owner", source="roller.csv")
    ls.add_role(p["erik"], s["qlik"], "it_manager", source="roller.csv")
    ls.add_role(p["fatima"], s["qlik"], "business_manager", source="roller.csv")
    ls.add_edge(PROCESSES, s["cosmic"], patient)
    ls.add_edge(PROCESSES, s["lifecare"], patient)
    ls.add_edge(PROCESSES, s["heroma"], lon)

    # integrations
    ls.add_integration(s["heroma"], s["raindance"], source=src + ":4", type="file",
                       frequency="daily", information=["Löneuppgifter"],
                       recorded_by=["source", "target"])
    ls.add_integration(s["cosmic"], s["lifecare"], source="integrationer.csv:2", type="api",
                       via=s["wso2"])
    ls.add_integration(s["hsa"], s["cosmic"], source="integrationer.csv:3", type="api")
    ls.add_integration(s["lifecare"], s["platina"], source="integrationer.csv:4", type="file")
    ls.add_integration(s["raindance"], s["proceedo"], source="integrationer.csv:5", type="api")
    ls.add_integration(s["raindance"], s["proceedo"], source="integrationer2.csv:2",
                       type="file")  # a conflict on the edge
    ls.add_integration(s["raindance"], s["qlik"], source=src + ":2", type="db",
                       recorded_by=["source"])
    ls.add_integration(s["gammal"], s["heroma"], source=src + ":4", type="file")
    return ls
