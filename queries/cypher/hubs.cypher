// ea hubs: the system-to-system projection (scalars only, no node objects).
//
// What runs where: Cypher returns the systems with the few properties the hub rules read,
// the integrations between them (with the platform they pass through) and each system's
// owning organisations. ea builds the integration graph in memory and runs betweenness,
// articulation points, bridges and core numbers (NetworkX/rustworkx) and the hub rules in
// Python: these are graph algorithms, not set questions (no GDS needed on the server).
// No parameters. Example of the same data as a Browser view:
//   MATCH p = (:System)-[:INTEGRATES_WITH]->(:System) RETURN p LIMIT 300

// @nodes
MATCH (s:System) WHERE NOT coalesce(s.ea_stale, false)
RETURN s.key AS key, 'System' AS kind, s.id AS id, s.name AS name, s.aliases AS aliases,
       s.external AS external, s.placeholder AS placeholder, s.t AS t,
       s.criticality AS criticality
ORDER BY key;

// @nodes
MATCH (:System)-[:OWNED_BY]->(o:Organisation) WHERE NOT coalesce(o.ea_stale, false)
RETURN DISTINCT o.key AS key, 'Organisation' AS kind, o.id AS id, o.name AS name
ORDER BY key;

// @rels
MATCH (a:System)-[x:INTEGRATES_WITH]->(b:System)
WHERE NOT coalesce(x.ea_stale, false)
  AND NOT coalesce(a.ea_stale, false) AND NOT coalesce(b.ea_stale, false)
RETURN a.key AS u, b.key AS v, x.ekey AS ekey, 'INTEGRATES_WITH' AS kind, x.via AS via,
       x.bidirectional AS bidirectional, x.type AS type
ORDER BY u, v, ekey;

// @rels
MATCH (a:System)-[x:OWNED_BY]->(o:Organisation)
WHERE NOT coalesce(x.ea_stale, false) AND NOT coalesce(a.ea_stale, false)
  AND NOT coalesce(o.ea_stale, false)
RETURN a.key AS u, o.key AS v, x.ekey AS ekey, 'OWNED_BY' AS kind
ORDER BY u, v;
