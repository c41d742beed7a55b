// ea ageing and replacement: systems with their lifecycle facts, owners and integrations.
//
// What runs where: Cypher returns every system with its properties (lifecycle dates, status,
// vendor/product/version, criticality, K/R/T), its owning organisations and the integrations
// (what hangs off an ageing system). ea derives the lifecycle, matches the vendor
// end-of-life table (a file, not in the graph), applies the horizon and scores replacement in
// Python, with the same functions as on a snapshot (queries/ageing.py). For a quick look in
// Browser at what ends within two years:
//   :param as_of => '2026-11-25'
//   MATCH (s:System) WHERE coalesce(s.end_of_support, s.end_of_life) <= toString(date($as_of) + duration('P2Y'))
//   RETURN s.name, s.end_of_support, s.end_of_life ORDER BY s.name

// @nodes
MATCH (s:System) WHERE NOT coalesce(s.ea_stale, false)
RETURN s.key AS key, properties(s) AS props
ORDER BY key;

// @nodes
MATCH (o:Organisation) WHERE NOT coalesce(o.ea_stale, false)
RETURN o.key AS key, 'Organisation' AS kind, o.id AS id, o.name AS name
ORDER BY key;

// @rels
MATCH (a:System)-[x:INTEGRATES_WITH|OWNED_BY]->(b)
WHERE NOT coalesce(x.ea_stale, false)
  AND NOT coalesce(a.ea_stale, false) AND NOT coalesce(b.ea_stale, false)
RETURN a.key AS u, b.key AS v, x.ekey AS ekey, properties(x) AS props
ORDER BY u, v, ekey;
