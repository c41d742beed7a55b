// ea impact: the system-to-system projection plus who manages each system (scalars only).
//
// What runs where: Cypher returns the systems, the integrations between them, owning
// organisations, and the pm3 roles on systems and on their förvaltningsobjekt (a system
// inherits its object's roles). ea walks the graph from the chosen system (shortest paths,
// components without it) in Python. The system is an ea parameter (--system); in Browser you
// can look at its neighbourhood with:
//   :param system => 'Raindance'
//   MATCH p = (s:System {name: $system})-[:INTEGRATES_WITH*1..3]->(:System) RETURN p

// @nodes
MATCH (s:System) WHERE NOT coalesce(s.ea_stale, false)
RETURN s.key AS key, 'System' AS kind, s.id AS id, s.name AS name, s.aliases AS aliases,
       s.external AS external, s.placeholder AS placeholder, s.t AS t,
       s.criticality AS criticality
ORDER BY key;

// @nodes
MATCH (x) WHERE (x:Organisation OR x:Object OR x:Person) AND NOT coalesce(x.ea_stale, false)
RETURN x.key AS key, labels(x)[0] AS kind, x.id AS id, x.name AS name, x.email AS email
ORDER BY key;

// @rels
MATCH (a:System)-[x:INTEGRATES_WITH]->(b:System)
WHERE NOT coalesce(x.ea_stale, false)
  AND NOT coalesce(a.ea_stale, false) AND NOT coalesce(b.ea_stale, false)
RETURN a.key AS u, b.key AS v, x.ekey AS ekey, 'INTEGRATES_WITH' AS kind, x.via AS via,
       x.bidirectional AS bidirectional, x.type AS type
ORDER BY u, v, ekey;

// @rels
MATCH (a)-[x:OWNED_BY|PART_OF|HAS_ROLE]->(b)
WHERE (a:System OR a:Person) AND (b:Organisation OR b:Object OR b:System)
  AND NOT coalesce(x.ea_stale, false)
  AND NOT coalesce(a.ea_stale, false) AND NOT coalesce(b.ea_stale, false)
RETURN a.key AS u, b.key AS v, x.ekey AS ekey, type(x) AS kind, x.role AS role,
       x.title AS title
ORDER BY u, v, ekey;
