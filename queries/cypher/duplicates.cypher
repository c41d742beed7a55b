// ea duplicates: systems with product/vendor and their owning organisations.
//
// What runs where: Cypher returns the systems (name, product, vendor, version, status,
// placeholder) and their OWNED_BY organisations. ea groups them by normalised product and
// vendor and compares names (difflib ratio, configurable) in Python (queries/duplicates.py).
// The exact-product part as a Browser query:
//   MATCH (s:System)-[:OWNED_BY]->(o:Organisation) WHERE s.product IS NOT NULL
//   WITH toLower(s.product) AS product, collect(DISTINCT o.name) AS orgs, collect(s.name) AS systems
//   WHERE size(orgs) > 1 RETURN product, orgs, systems ORDER BY product

// @nodes
MATCH (s:System) WHERE NOT coalesce(s.ea_stale, false)
RETURN s.key AS key, properties(s) AS props
ORDER BY key;

// @nodes
MATCH (o:Organisation) WHERE NOT coalesce(o.ea_stale, false)
RETURN o.key AS key, 'Organisation' AS kind, o.id AS id, o.name AS name
ORDER BY key;

// @rels
MATCH (a:System)-[x:OWNED_BY]->(o:Organisation)
WHERE NOT coalesce(x.ea_stale, false) AND NOT coalesce(a.ea_stale, false)
  AND NOT coalesce(o.ea_stale, false)
RETURN a.key AS u, o.key AS v, x.ekey AS ekey, 'OWNED_BY' AS kind
ORDER BY u, v;
