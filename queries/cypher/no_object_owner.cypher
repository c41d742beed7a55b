// ea — browsing query: systems nobody is recorded as object owner of (Neo4j Browser)
//
// Systems with no HAS_ROLE {role: 'object_owner'} on the system itself nor on the
// förvaltningsobjekt it is PART_OF: what the graph records, not ea's verdict. ea's verdict is
// stamped on every system by the push: ea_unowned and ea_unowned_class (see `ea orphans` and
// docs/governance.md for the classes), as of ea_as_of; they are returned alongside, with
// what makes a system not the region's own concern (external, placeholder, retired).
//
// What runs where: ea does not run this file to answer a report (every report reads the
// graph back and runs ea's Python rules); it is for people browsing the database. See
// docs/neo4j.md. Items an import no longer states (ea_stale) are left out.

MATCH (s:System)
WHERE NOT coalesce(s.ea_stale, false)
  AND NOT EXISTS {
    MATCH (p:Person)-[r:HAS_ROLE {role: 'object_owner'}]->(s)
    WHERE NOT coalesce(r.ea_stale, false) AND NOT coalesce(p.ea_stale, false) }
  AND NOT EXISTS {
    MATCH (s)-[po:PART_OF]->(o:Object)<-[r:HAS_ROLE {role: 'object_owner'}]-(p:Person)
    WHERE NOT coalesce(po.ea_stale, false) AND NOT coalesce(o.ea_stale, false)
      AND NOT coalesce(r.ea_stale, false) AND NOT coalesce(p.ea_stale, false) }
RETURN s.name AS system, s.status AS status, coalesce(s.external, false) AS external,
       coalesce(s.placeholder, false) AS placeholder, s.ea_unowned AS unowned,
       s.ea_unowned_class AS unowned_class, s.ea_as_of AS as_of
ORDER BY system;
