// ea orphans: systems and förvaltningsobjekt without a working owner or manager.
//
// Paste into Neo4j Browser (enable "multi-statement query editor"), after setting:
//   :param mandatory_roles => ['object_owner', 'business_manager', 'it_manager']
//   :param board_kinds => ['nämnd', 'bolag', 'styrelse', 'board']
//   :param forbid_owner_as_it_manager => true
//   :param judge_people => true
// (judge_people: a people/HR list was imported, so someone absent from it has left.)
//
// What runs where: each statement below computes one class of findings and returns one row
// per finding with scalar columns: subject (node key), code, role, people (person keys),
// inherited_from (object key), as_written (a vacancy as written), boards (organisation keys).
// ea (queries/orphans.py) then only ranks them (criticality, classification, integrations),
// writes the reason in plain words, sorts, filters and sums up per organisation, with the same
// code as on a snapshot.
//
// Conventions: stale items (no longer stated by their source) are left out: NOT x.ea_stale.
// A system inherits its object's holders of a role it holds nobody in itself (PART_OF).
// Vacancies ("Vakant") are in the list property ea_vacant_roles, as written in
// ea_vacant_written (same order).

// @findings
// External systems and placeholders: their own class, never a local failure. An external
// system's local contacts are whoever holds a role on it (own, else via its object).
MATCH (s:System)
WHERE NOT s.ea_stale AND coalesce(s.status, '') <> 'retired'
  AND (coalesce(s.external, false) OR coalesce(s.placeholder, false))
WITH s, COLLECT { MATCH (p:Person)-[h:HAS_ROLE]->(s)
                  WHERE NOT h.ea_stale AND NOT p.ea_stale RETURN h.role } AS own_roles
WITH s, COLLECT { MATCH (p:Person)-[h:HAS_ROLE]->(s)
                  WHERE NOT h.ea_stale AND NOT p.ea_stale RETURN p.key
                  UNION
                  MATCH (p:Person)-[h:HAS_ROLE]->(o:Object)<-[i:PART_OF]-(s)
                  WHERE NOT h.role IN own_roles AND NOT h.ea_stale AND NOT p.ea_stale
                    AND NOT i.ea_stale AND NOT o.ea_stale RETURN p.key } AS contacts
RETURN s.key AS subject,
       CASE WHEN coalesce(s.external, false) THEN 'external_system'
            ELSE 'placeholder_system' END AS code,
       null AS role,
       CASE WHEN coalesce(s.external, false) THEN contacts ELSE [] END AS people,
       null AS inherited_from, null AS as_written, [] AS boards
ORDER BY subject;

// @findings
// Systems in no förvaltningsobjekt and with no roles of their own: nobody answers for them.
MATCH (s:System)
WHERE NOT s.ea_stale AND coalesce(s.status, '') <> 'retired'
  AND NOT coalesce(s.external, false) AND NOT coalesce(s.placeholder, false)
  AND NOT EXISTS { MATCH (s)-[i:PART_OF]->(o:Object) WHERE NOT i.ea_stale AND NOT o.ea_stale }
  AND NOT EXISTS { MATCH (p:Person)-[h:HAS_ROLE]->(s) WHERE NOT h.ea_stale AND NOT p.ea_stale }
RETURN s.key AS subject, 'no_object_no_roles' AS code, null AS role, [] AS people,
       null AS inherited_from, null AS as_written, [] AS boards
ORDER BY subject;

// @findings
// Each mandatory role on each object and local system (not those reported just above):
// held by people who have all left (inactive_holder), else nobody holds it and it is
// recorded as vacant (vacant_role; the system's own record, else its object's), else it is
// missing (missing_role). Holders: the subject's own, else those of its object(s).
MATCH (x)
WHERE NOT x.ea_stale
  AND (x:Object OR (x:System AND coalesce(x.status, '') <> 'retired'
       AND NOT coalesce(x.external, false) AND NOT coalesce(x.placeholder, false)
       AND (EXISTS { MATCH (x)-[i:PART_OF]->(o:Object) WHERE NOT i.ea_stale AND NOT o.ea_stale }
            OR EXISTS { MATCH (p:Person)-[h:HAS_ROLE]->(x)
                        WHERE NOT h.ea_stale AND NOT p.ea_stale })))
UNWIND $mandatory_roles AS role
WITH x, role,
     COLLECT { MATCH (p:Person)-[h:HAS_ROLE {role: role}]->(x)
               WHERE NOT h.ea_stale AND NOT p.ea_stale RETURN DISTINCT p } AS own,
     COLLECT { MATCH (p:Person)-[h:HAS_ROLE {role: role}]->(o:Object)<-[i:PART_OF]-(x:System)
               WHERE NOT h.ea_stale AND NOT p.ea_stale AND NOT i.ea_stale AND NOT o.ea_stale
               RETURN {person: p, object: o.key} } AS inherited
WITH x, role,
     CASE WHEN size(own) > 0 THEN own
          ELSE reduce(ps = [], r IN inherited |
                      CASE WHEN r.person IN ps THEN ps ELSE ps + r.person END) END AS holders,
     CASE WHEN size(own) > 0 OR size(inherited) = 0 THEN null
          ELSE reduce(m = null, r IN inherited |
                      CASE WHEN m IS NULL OR r.object < m THEN r.object ELSE m END) END AS via
// a vacancy recorded on the subject, else on the first of its objects that records one
WITH x, role, holders, via,
     [i IN range(0, size(coalesce(x.ea_vacant_roles, [])) - 1)
      WHERE x.ea_vacant_roles[i] = role | x.ea_vacant_written[i]] AS own_vacancy,
     COLLECT { MATCH (x:System)-[i:PART_OF]->(o:Object)
               WHERE NOT i.ea_stale AND NOT o.ea_stale AND role IN o.ea_vacant_roles
               WITH o ORDER BY o.key LIMIT 1
               RETURN {object: o.key, written: [j IN range(0, size(o.ea_vacant_roles) - 1)
                       WHERE o.ea_vacant_roles[j] = role | o.ea_vacant_written[j]][0]} }
       AS object_vacancy
WITH x, role, holders, via, own_vacancy, object_vacancy,
     size(holders) > 0 AND $judge_people
       AND all(p IN holders WHERE p.active = false OR NOT coalesce(p.listed, false)) AS all_left
WHERE size(holders) = 0 OR all_left
RETURN x.key AS subject,
       CASE WHEN all_left THEN 'inactive_holder'
            WHEN size(own_vacancy) > 0 OR size(object_vacancy) > 0 THEN 'vacant_role'
            ELSE 'missing_role' END AS code,
       role,
       [p IN holders | p.key] AS people,
       CASE WHEN all_left THEN via
            WHEN size(own_vacancy) > 0 THEN null
            ELSE object_vacancy[0].object END AS inherited_from,
       CASE WHEN all_left THEN null
            WHEN size(own_vacancy) > 0 THEN own_vacancy[0]
            ELSE object_vacancy[0].written END AS as_written,
       [] AS boards
ORDER BY subject, role;

// @findings
// Vacancies of roles that are not mandatory, recorded on the subject and held by nobody
// (not even through the system's object).
MATCH (x)
WHERE NOT x.ea_stale AND x.ea_vacant_roles IS NOT NULL
  AND (x:Object OR (x:System AND coalesce(x.status, '') <> 'retired'
       AND NOT coalesce(x.external, false) AND NOT coalesce(x.placeholder, false)))
UNWIND range(0, size(x.ea_vacant_roles) - 1) AS i
WITH x, x.ea_vacant_roles[i] AS role, x.ea_vacant_written[i] AS written
WHERE NOT role IN $mandatory_roles
  AND NOT EXISTS { MATCH (p:Person)-[h:HAS_ROLE {role: role}]->(x)
                   WHERE NOT h.ea_stale AND NOT p.ea_stale }
  AND NOT EXISTS { MATCH (p:Person)-[h:HAS_ROLE {role: role}]->(o:Object)<-[po:PART_OF]-(x:System)
                   WHERE NOT h.ea_stale AND NOT p.ea_stale AND NOT po.ea_stale
                     AND NOT o.ea_stale }
RETURN x.key AS subject, 'vacant_role' AS code, role, [] AS people,
       null AS inherited_from, written AS as_written, [] AS boards
ORDER BY subject, role;

// @findings
// Owning organisations: the subject's own OWNED_BY, else (a system) its objects' owners or
// (an object) its systems' owners. None: no_owning_organisation. Each owner counts under its
// board: the nearest organisation up the PART_OF chain (itself included) whose org_kind is
// one of $board_kinds, else itself; a board above another one counts once. More than one
// board: multiple_owning_boards.
MATCH (x)
WHERE NOT x.ea_stale
  AND (x:Object OR (x:System AND coalesce(x.status, '') <> 'retired'
       AND NOT coalesce(x.external, false) AND NOT coalesce(x.placeholder, false)))
WITH x, COLLECT { MATCH (x)-[b:OWNED_BY]->(org:Organisation)
                  WHERE NOT b.ea_stale AND NOT org.ea_stale RETURN DISTINCT org } AS own
WITH x, CASE WHEN size(own) > 0 THEN own ELSE COLLECT {
          MATCH (x)-[i:PART_OF]-(other)-[b:OWNED_BY]->(org:Organisation)
          WHERE (other:Object OR other:System)
            AND NOT i.ea_stale AND NOT other.ea_stale AND NOT b.ea_stale AND NOT org.ea_stale
          RETURN DISTINCT org } END AS owners
CALL {
  WITH owners
  UNWIND owners AS org
  OPTIONAL MATCH chain = (org)-[:PART_OF*0..]->(b:Organisation)
  WHERE toLower(coalesce(b.org_kind, '')) IN [k IN $board_kinds | toLower(k)]
    AND all(n IN nodes(chain) WHERE NOT n.ea_stale)
    AND all(r IN relationships(chain) WHERE NOT r.ea_stale)
  WITH org, b ORDER BY length(chain)
  WITH org, collect(b)[0] AS board
  RETURN collect(DISTINCT coalesce(board, org)) AS boards
}
WITH x, owners, [b IN boards WHERE NOT any(c IN boards WHERE c <> b
                   AND EXISTS { MATCH (c)-[:PART_OF*1..]->(b) })] AS boards
WHERE size(owners) = 0 OR size(boards) > 1
RETURN x.key AS subject,
       CASE WHEN size(owners) = 0 THEN 'no_owning_organisation'
            ELSE 'multiple_owning_boards' END AS code,
       null AS role, [] AS people, null AS inherited_from, null AS as_written,
       [b IN boards | b.key] AS boards
ORDER BY subject;

// @findings
// The same person is object owner and IT manager (when $forbid_owner_as_it_manager); holders
// as above: the subject's own, else its object's.
MATCH (x)
WHERE $forbid_owner_as_it_manager AND NOT x.ea_stale
  AND (x:Object OR (x:System AND coalesce(x.status, '') <> 'retired'
       AND NOT coalesce(x.external, false) AND NOT coalesce(x.placeholder, false)))
UNWIND ['object_owner', 'it_manager'] AS role
WITH x, role,
     COLLECT { MATCH (p:Person)-[h:HAS_ROLE {role: role}]->(x)
               WHERE NOT h.ea_stale AND NOT p.ea_stale RETURN DISTINCT p.key } AS own,
     COLLECT { MATCH (p:Person)-[h:HAS_ROLE {role: role}]->(o:Object)<-[i:PART_OF]-(x:System)
               WHERE NOT h.ea_stale AND NOT p.ea_stale AND NOT i.ea_stale AND NOT o.ea_stale
               RETURN DISTINCT p.key } AS inherited
WITH x, role, CASE WHEN size(own) > 0 THEN own ELSE inherited END AS holders
WITH x, collect(holders) AS by_role
WITH x, [p IN by_role[0] WHERE p IN by_role[1]] AS both
WHERE size(both) > 0
RETURN x.key AS subject, 'owner_is_it_manager' AS code, null AS role, both AS people,
       null AS inherited_from, null AS as_written, [] AS boards
ORDER BY subject;
