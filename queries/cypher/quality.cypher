// ea quality: data quality in the style of an audit, every rule checked on every subject.
//
// Paste into Neo4j Browser (enable "multi-statement query editor"), after setting:
//   :param mandatory_roles => ['object_owner', 'business_manager', 'it_manager']
//   :param high_t => 3
//   :param cutoff => '2025-11-25'
//   :param judge_people => true
// (cutoff: the as-of date less quality.freshness_months, ISO; judge_people: a people/HR list
// was imported, so someone absent from it has left.)
//
// What runs where: the statements below return one row per rule and subject, passed or not:
// rule, subject (system key, or "<source key> -> <target key>" for an integration), source,
// target and ekey (an integration's), passed, and what is missing when it fails: people (the
// holders who have left), missing (aspects K/R/T, lifecycle ends start/end, or the
// integration ends that did not record it), day (the date found, ISO), level (effective T),
// value (the continuity plan as recorded), conflicts (as stored: JSON text).
// ea (queries/quality.py) then orders them, words what is missing and which source should
// supply it, applies the filters, lists the failing subjects and rolls the checks up per rule,
// förvaltningsobjekt, manager or organisation, with the same code as on a snapshot.
//
// Conventions: stale items (no longer stated by their source) are left out: NOT x.ea_stale.
// Subjects are the local (neither external nor placeholder), not retired systems and the
// integrations between two of them. A system inherits its object's holders of a role it
// holds nobody in itself (PART_OF). A level is a whole number 0-4; a date is read from the
// first ten characters of its value (YYYY-MM-DD).

// @findings
// has_<role>: each mandatory role has a holder (own, else through the object), and when a
// people list was imported not only people who have left (inactive or not listed).
MATCH (s:System)
WHERE NOT s.ea_stale AND coalesce(s.status, '') <> 'retired'
  AND NOT coalesce(s.external, false) AND NOT coalesce(s.placeholder, false)
UNWIND $mandatory_roles AS role
WITH s, role,
     COLLECT { MATCH (p:Person)-[h:HAS_ROLE {role: role}]->(s)
               WHERE NOT h.ea_stale AND NOT p.ea_stale
               RETURN DISTINCT p ORDER BY p.key } AS own,
     COLLECT { MATCH (p:Person)-[h:HAS_ROLE {role: role}]->(o:Object)<-[i:PART_OF]-(s)
               WHERE NOT h.ea_stale AND NOT p.ea_stale AND NOT i.ea_stale AND NOT o.ea_stale
               RETURN DISTINCT p ORDER BY p.key } AS inherited
WITH s, role, CASE WHEN size(own) > 0 THEN own ELSE inherited END AS holders
WITH s, role, holders,
     size(holders) > 0 AND $judge_people
       AND all(p IN holders WHERE p.active = false OR NOT coalesce(p.listed, false)) AS gone
RETURN 'has_' + role AS rule, s.key AS subject, null AS source, null AS target, null AS ekey,
       size(holders) > 0 AND NOT gone AS passed,
       CASE WHEN gone THEN [p IN holders | p.key] ELSE [] END AS people, [] AS missing,
       null AS day, null AS level, null AS value, [] AS conflicts
ORDER BY subject, rule;

// @findings
// The other system rules: has_organisation (own OWNED_BY, else the object's);
// has_classification (K, R and T recorded); classification_fresh and risk_analysis_fresh
// (dated on or after $cutoff); continuity_plan (recorded as yes) and rto (recorded), only for
// an effective T >= $high_t; lifecycle_dates (a start: in service from, or planned from when
// planned; and an end: end of support/life, phase-out or contract end); vendor (or in-house);
// no_source_conflicts.
MATCH (s:System)
WHERE NOT s.ea_stale AND coalesce(s.status, '') <> 'retired'
  AND NOT coalesce(s.external, false) AND NOT coalesce(s.placeholder, false)
CALL {
  WITH s
  OPTIONAL MATCH (s)-[pr:PROCESSES]->(i:Information) WHERE NOT pr.ea_stale AND NOT i.ea_stale
  WITH s, [s] + collect(i) AS sources
  UNWIND sources AS src
  RETURN max(CASE WHEN src.t IS :: BOOLEAN THEN null ELSE toIntegerOrNull(src.t) END) AS t
}
WITH s, t,
     EXISTS { MATCH (s)-[b:OWNED_BY]->(org) WHERE NOT b.ea_stale AND NOT org.ea_stale }
     OR EXISTS { MATCH (s)-[i:PART_OF]->(o:Object)-[b:OWNED_BY]->(org)
                 WHERE NOT i.ea_stale AND NOT o.ea_stale AND NOT b.ea_stale
                   AND NOT org.ea_stale } AS owned,
     [a IN ['k', 'r', 't'] WHERE s[a] IS :: BOOLEAN OR toIntegerOrNull(s[a]) IS NULL
      | toUpper(a)] AS unclassified,
     [p IN [['classified_at', 'classified_since'], ['risk_assessed_at', 'risk_assessed_since']] |
      reduce(m = null, f IN p |
        CASE WHEN left(trim(toStringOrNull(s[f])), 10) =~ '[0-9]{4}-[0-9]{2}-[0-9]{2}'
                  AND (m IS NULL OR left(trim(toStringOrNull(s[f])), 10) > m)
             THEN left(trim(toStringOrNull(s[f])), 10) ELSE m END)] AS days,
     [x IN [s.in_service_from, CASE WHEN s.status = 'planned' THEN s.planned_from END]
      WHERE NOT coalesce(x, '') IN ['', false, 0]] AS starts,
     [x IN [s.end_of_support, s.end_of_life, s.phase_out_from, s.contract_end]
      WHERE NOT coalesce(x, '') IN ['', false, 0]] AS ends,
     coalesce(s.conflicts, '[]') = '[]' AS agreed
UNWIND [
  {rule: 'has_organisation', passed: owned},
  {rule: 'has_classification', passed: size(unclassified) = 0, missing: unclassified},
  {rule: 'classification_fresh', passed: coalesce(days[0] >= $cutoff, false), day: days[0]},
  {rule: 'risk_analysis_fresh', passed: coalesce(days[1] >= $cutoff, false), day: days[1]},
  CASE WHEN t >= $high_t THEN {rule: 'continuity_plan', level: t, value: s.continuity_plan,
                               passed: coalesce(s.continuity_plan = true, false)} END,
  CASE WHEN t >= $high_t THEN {rule: 'rto', level: t, passed: s.rto_hours IS NOT NULL} END,
  {rule: 'lifecycle_dates', passed: size(starts) > 0 AND size(ends) > 0,
   missing: CASE WHEN size(starts) = 0 THEN ['start'] ELSE [] END
            + CASE WHEN size(ends) = 0 THEN ['end'] ELSE [] END},
  {rule: 'vendor', passed: NOT coalesce(s.vendor, '') IN ['', false, 0]
                           OR coalesce(s.in_house = true, false)},
  {rule: 'no_source_conflicts', passed: agreed,
   conflicts: CASE WHEN agreed THEN [] ELSE s.conflicts END}
] AS c
WITH s, c WHERE c IS NOT NULL
RETURN c.rule AS rule, s.key AS subject, null AS source, null AS target, null AS ekey,
       c.passed AS passed, [] AS people, coalesce(c.missing, []) AS missing, c.day AS day,
       c.level AS level, c.value AS value, coalesce(c.conflicts, []) AS conflicts
ORDER BY subject, rule;

// @findings
// Integrations between two subjects: recorded_both_ends (an integration stated in inventory
// dependency cells, recorded_by, is stated by both ends) and no_source_conflicts.
MATCH (u:System)-[x:INTEGRATES_WITH]->(v:System)
WHERE NOT x.ea_stale
  AND all(n IN [u, v] WHERE NOT n.ea_stale AND coalesce(n.status, '') <> 'retired'
          AND NOT coalesce(n.external, false) AND NOT coalesce(n.placeholder, false))
WITH u, v, x,
     CASE WHEN valueType(x.recorded_by) STARTS WITH 'LIST' THEN x.recorded_by ELSE [] END
       AS recorded,
     coalesce(x.conflicts, '[]') = '[]' AS agreed
UNWIND [
  CASE WHEN size(recorded) > 0 THEN
    {rule: 'recorded_both_ends',
     missing: [e IN [[u.key, 'source'], [v.key, 'target']] WHERE NOT e[1] IN recorded | e[0]],
     conflicts: []}
  END,
  {rule: 'no_source_conflicts', missing: [],
   conflicts: CASE WHEN agreed THEN [] ELSE x.conflicts END}
] AS c
WITH u, v, x, c, agreed WHERE c IS NOT NULL
RETURN c.rule AS rule, u.key + ' -> ' + v.key AS subject, u.key AS source, v.key AS target,
       x.ekey AS ekey,
       CASE c.rule WHEN 'recorded_both_ends' THEN size(c.missing) = 0 ELSE agreed END
         AS passed,
       [] AS people, c.missing AS missing, null AS day, null AS level, null AS value,
       c.conflicts AS conflicts
ORDER BY source, target, ekey, rule;
