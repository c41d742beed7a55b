// ea — browsing query: integrations between systems of different organisations (Browser)
//
// Every integration whose two ends have different owning organisations, as ea derives them
// (the push stamps ea_owning_organisation on each system: its own owner, else its
// förvaltningsobjekt's; see docs/neo4j.md), with the platform it passes through. A system
// without an owning organisation is left out (`ea orphans` lists those). Set $organisation
// to a name to see only the flows that leave or enter it, or to null for all.
//
// What runs where: ea does not run this file to answer a report (every report reads the
// graph back and runs ea's Python rules); it is for people browsing the database. See
// docs/neo4j.md. Items an import no longer states (ea_stale) are left out.
:param organisation => null

MATCH (a:System)-[i:INTEGRATES_WITH]->(b:System)
WHERE NOT coalesce(a.ea_stale, false) AND NOT coalesce(i.ea_stale, false)
  AND NOT coalesce(b.ea_stale, false)
  AND a.ea_owning_organisation <> b.ea_owning_organisation
MATCH (oa:Organisation {key: a.ea_owning_organisation})
MATCH (ob:Organisation {key: b.ea_owning_organisation})
WHERE $organisation IS NULL OR $organisation IN [oa.name, ob.name]
OPTIONAL MATCH (via:System {key: i.via})
RETURN oa.name AS from_organisation, a.name AS from_system, b.name AS to_system,
       ob.name AS to_organisation, i.type AS type, via.name AS via
ORDER BY from_organisation, to_organisation, from_system, to_system, type;
