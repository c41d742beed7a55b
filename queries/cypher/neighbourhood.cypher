// ea — browsing query: the integrations of one system (Neo4j Browser)
//
// Every integration that starts or ends at the system named $name: which way the data flows,
// the partner, the kind of integration and the platform it passes through. In Browser, return
// the path instead (last line) to see it drawn.
//
// What runs where: ea does not run this file to answer a report (every report reads the
// graph back and runs ea's Python rules); it is for people browsing the database. See
// docs/neo4j.md. Items an import no longer states (ea_stale) are left out.
:param name => 'Raindance'

MATCH (s:System {name: $name})-[i:INTEGRATES_WITH]-(p:System)
WHERE NOT coalesce(s.ea_stale, false) AND NOT coalesce(i.ea_stale, false)
  AND NOT coalesce(p.ea_stale, false)
OPTIONAL MATCH (via:System {key: i.via})
RETURN s.name AS system,
       CASE WHEN startNode(i) = s THEN 'to' ELSE 'from' END AS direction,
       p.name AS partner, i.type AS type, via.name AS via,
       coalesce(i.bidirectional, false) AS bidirectional
ORDER BY direction, partner, type;
// drawn: MATCH path = (s:System {name: $name})-[:INTEGRATES_WITH]-(:System) RETURN path
