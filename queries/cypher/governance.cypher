// ea governance context: what orphans and coordinate read besides their findings.
//
// The findings themselves are computed in Cypher by queries/cypher/orphans.cypher and
// queries/cypher/coordinate.cypher. This file fetches the context ea needs to rank, word and
// filter them: names and e-mail addresses (to write the reason), criticality and K/R/T/S and
// the information a system processes (to rank: högsta värdets princip), who owns what and who
// holds which role (the --organisation/--object/--person filters, the per-organisation
// summary), and the integrations (how many each system takes part in). Scalars only, no
// provenance. No parameters.
//
// What runs where: Cypher computes the findings (see those files); Python ranks them, writes
// the reasons, filters, sorts and sums up, with the same code as on a snapshot.

// @nodes
MATCH (x)
WHERE (x:System OR x:Object OR x:Person OR x:Organisation OR x:Information) AND NOT x.ea_stale
RETURN x.key AS key, x.id AS id, x.name AS name, x.aliases AS aliases, x.email AS email,
       x.path AS path, x.org_kind AS org_kind, x.active AS active, x.listed AS listed,
       x.criticality AS criticality, x.k AS k, x.r AS r, x.t AS t, x.s AS s,
       x.external AS external, x.placeholder AS placeholder, x.status AS status,
       x._json AS _json
ORDER BY key;

// @rels
MATCH (a)-[x:INTEGRATES_WITH|PART_OF|OWNED_BY|HAS_ROLE|PROCESSES]->(b)
WHERE NOT x.ea_stale AND NOT a.ea_stale AND NOT b.ea_stale
RETURN a.key AS u, b.key AS v, x.ekey AS ekey, type(x) AS kind, x.role AS role,
       x.title AS title, x.type AS type, x.frequency AS frequency,
       x.information AS information, x.via AS via, x.bidirectional AS bidirectional,
       x.criticality AS criticality, x._json AS _json
ORDER BY u, v, ekey;

// @meta
MATCH (m:EaLandscape {key: 'landscape'})
RETURN m.meta AS meta;
