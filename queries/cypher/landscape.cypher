// ea: the whole current landscape as rows: the fallback for a query without a Cypher file
// of its own (the governance reports have their own: orphans, coordinate, quality,
// classification, and governance.cypher for their context).
//
// Paste into Neo4j Browser (enable "multi-statement query editor") or run one statement at a
// time. These reports judge the current state; they take no parameters. In ea the dates come
// from --as-of, e.g. in Browser you may keep one at hand with:
//   :param as_of => date('2026-11-25')
//
// What runs where: Cypher returns every current (not stale) node and relationship of the five
// kinds with its properties, and the import metadata (people lists, ledger); ea rebuilds the
// graph from these rows and runs the query in Python (the same code as on a snapshot).
// Provenance values (conflicts, vacant_roles, raw, extra, field_sources) are JSON strings;
// the names of such properties are listed in _json.

// @nodes
MATCH (x)
WHERE (x:System OR x:Object OR x:Person OR x:Organisation OR x:Information)
  AND NOT coalesce(x.ea_stale, false)
RETURN x.key AS key, properties(x) AS props
ORDER BY key;

// @rels
MATCH (a)-[x:INTEGRATES_WITH|PART_OF|OWNED_BY|HAS_ROLE|PROCESSES]->(b)
WHERE NOT coalesce(x.ea_stale, false)
  AND NOT coalesce(a.ea_stale, false) AND NOT coalesce(b.ea_stale, false)
RETURN a.key AS u, b.key AS v, x.ekey AS ekey, properties(x) AS props
ORDER BY u, v, ekey;

// @meta
MATCH (m:EaLandscape {key: 'landscape'})
RETURN m.meta AS meta, m.ledger AS ledger;
