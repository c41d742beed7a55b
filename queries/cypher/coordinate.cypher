// ea coordinate: where two systems integrate, their managers must meet.
//
// Paste into Neo4j Browser after setting:
//   :param roles => ['business_manager', 'it_manager']
//   :param as_of => '2026-11-25'
//   :param horizon_months => 12
//
// What runs where: the statement below returns one row per manager and end of an integration:
// the integration (source, target, ekey, via), the end (system, partner, party, direction),
// the manager (person, role, inherited_from), the partner's and the platform's managers, the
// partner's flags (unowned, placeholder, external, ending: <why>) and the finding code. ea
// (queries/coordinate.py) then only ranks the rows (criticality and availability of the pair),
// writes the reason, filters and sorts, with the same code as on a snapshot.
//
// Conventions: stale items are left out (NOT x.ea_stale). A system's managers are its own
// holders of each role in $roles, else those of its förvaltningsobjekt (PART_OF). An
// integration through a platform (via) pairs the real producer and consumer; the platform's
// managers get a row towards each end (party 'platform').

// @findings
MATCH (u:System)-[x:INTEGRATES_WITH]->(v:System)
WHERE u <> v AND NOT x.ea_stale AND NOT u.ea_stale AND NOT v.ea_stale
OPTIONAL MATCH (p:System {key: x.via}) WHERE NOT p.ea_stale
// the managers of both ends and of the platform
CALL {
  WITH u, v, p
  UNWIND [n IN [u, v, p] WHERE n IS NOT NULL] AS s
  WITH s, COLLECT { MATCH (q:Person)-[h:HAS_ROLE]->(s) WHERE NOT h.ea_stale AND NOT q.ea_stale
                    RETURN {person: q.key, role: h.role, inherited_from: null} } AS own
  WITH s, own + COLLECT {
            MATCH (q:Person)-[h:HAS_ROLE]->(o:Object)<-[i:PART_OF]-(s)
            WHERE NOT h.role IN [r IN own | r.role]
              AND NOT h.ea_stale AND NOT q.ea_stale AND NOT i.ea_stale AND NOT o.ea_stale
            RETURN {person: q.key, role: h.role, inherited_from: o.key} } AS held
  RETURN collect({system: s.key, managers: [m IN held WHERE m.role IN $roles]}) AS managers
}
// the ends: producer and consumer, and the platform towards each of them
WITH x, p, managers,
     [{system: u, partner: v, party: 'producer', end: 0,
       direction: CASE WHEN x.bidirectional THEN 'both' ELSE 'outgoing' END},
      {system: v, partner: u, party: 'consumer', end: 1,
       direction: CASE WHEN x.bidirectional THEN 'both' ELSE 'incoming' END}] +
     CASE WHEN p IS NULL THEN [] ELSE
       [{system: p, partner: u, party: 'platform', end: 2, direction: 'carries from'},
        {system: p, partner: v, party: 'platform', end: 3, direction: 'carries to'}] END AS ends
UNWIND ends AS e
WITH x, p, managers, e, e.partner AS partner
WHERE e.system <> partner
WITH x, p, e, partner,
     head([m IN managers WHERE m.system = e.system.key | m.managers]) AS mine,
     head([m IN managers WHERE m.system = partner.key | m.managers]) AS theirs,
     CASE WHEN p IS NULL THEN [] ELSE head([m IN managers WHERE m.system = p.key | m.managers])
     END AS platform_managers
// is the partner ending its life: phasing out or retired, or an end date within the horizon
WITH x, p, e, partner, mine, theirs, platform_managers,
     CASE WHEN partner.status IN ['phasing_out', 'retired'] THEN 'status ' + partner.status
          ELSE head([f IN ['end_of_support', 'end_of_life', 'phase_out_from']
                     WHERE left(trim(toString(partner[f])), 10) =~ '\\d{4}-\\d{2}-\\d{2}'
                       AND left(trim(toString(partner[f])), 10)
                           <= toString(date($as_of) + duration({months: $horizon_months}))
                     | f + ' ' + left(trim(toString(partner[f])), 10)]) END AS ending
WITH x, p, e, partner, mine, theirs, platform_managers,
     [f IN [CASE WHEN coalesce(partner.placeholder, false) THEN 'placeholder'
                 WHEN coalesce(partner.external, false) THEN 'external'
                 WHEN size(theirs) = 0 THEN 'unowned' END,
            'ending: ' + ending] WHERE f IS NOT NULL] AS flags
UNWIND mine AS m
RETURN startNode(x).key AS source, endNode(x).key AS target, x.ekey AS ekey,
       p.key AS via, e.end AS end, e.system.key AS system, partner.key AS partner,
       e.party AS party, e.direction AS direction,
       m.person AS person, m.role AS role, m.inherited_from AS inherited_from,
       theirs AS partner_managers, platform_managers, flags,
       CASE WHEN 'unowned' IN flags OR 'placeholder' IN flags THEN 'partner_unowned'
            WHEN any(f IN flags WHERE f STARTS WITH 'ending') THEN 'partner_ending_life'
            WHEN 'external' IN flags THEN 'partner_external'
            ELSE 'coordinate' END AS code
ORDER BY source, target, ekey, end, person, role;
