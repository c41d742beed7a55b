// ea classification: checks of K (konfidentialitet), T (tillgänglighet) and RTO nobody computes today.
//
// Paste into Neo4j Browser (enable "multi-statement query editor"), after setting:
//   :param high_t => 3
// (high_t: the T level from which a continuity plan is required and a dependent counts as
// demanding.)
//
// What runs where: each statement below computes one group of findings and returns one row
// per finding with scalar columns: subject (system key), code, partner (system key), level
// and partner_level (the subject's and partner's value for the aspect; hours for RTO), via
// (the first platform among the flows), integrations (flows carrying the finding),
// first_via/platform_of (what the first flow passed through: a platform, or [producer,
// consumer] when the subject or partner is itself the platform), aspects (effective above
// recorded), partners (classified partners), continuity_plan (as recorded).
// ea (queries/classification.py) then only sets the severity, writes the reason in plain
// words, filters and sorts, with the same code as on a snapshot.
//
// Conventions: stale items (no longer stated by their source) are left out: NOT x.ea_stale.
// Effective levels (högsta värdets princip): per aspect the highest of the system's own level
// and those of the Information it PROCESSES; unknown only when every one is unknown.
// A level is a whole number 0-4 (a boolean or unreadable value counts as unknown).
// Subjects are local (neither external nor placeholder), not retired systems; any system
// counts as the other end.

// @findings
// Pairwise checks along every direction data moves. An integration u -> v moves data u -> v
// (and v -> u when bidirectional); through a platform p (via) it also moves u -> p and p -> v,
// so the platform is judged as receiver and provider. Per flow (sender a, receiver b):
//   confidentiality_downflow: K(a) > K(b), subject b (partner a);
//   availability_below_dependent: T(a) < T(b), subject a (b depends on it);
//   rto_longer_than_dependent: rto_hours(a) > rto_hours(b), subject a.
// Folded per (subject, partner, code) with the flows in order (u, v, ekey, forward first).
MATCH (u:System)-[x:INTEGRATES_WITH]->(v:System)
WHERE u <> v AND NOT x.ea_stale AND NOT u.ea_stale AND NOT v.ea_stale
OPTIONAL MATCH (p:System {key: x.via}) WHERE NOT p.ea_stale
CALL {
  WITH u, v, p
  UNWIND [n IN [u, v, p] WHERE n IS NOT NULL] AS n
  WITH DISTINCT n
  OPTIONAL MATCH (n)-[pr:PROCESSES]->(i:Information) WHERE NOT pr.ea_stale AND NOT i.ea_stale
  WITH n, [n] + collect(i) AS sources
  UNWIND sources AS src
  WITH n, max(CASE WHEN src.k IS :: BOOLEAN THEN null ELSE toIntegerOrNull(src.k) END) AS k,
          max(CASE WHEN src.t IS :: BOOLEAN THEN null ELSE toIntegerOrNull(src.t) END) AS t
  RETURN collect({key: n.key, k: k, t: t}) AS eff
}
WITH u, v, x, p, eff,
     CASE WHEN x.bidirectional = true THEN [[u, v], [v, u]] ELSE [[u, v]] END AS dirs
UNWIND range(0, size(dirs) - 1) AS d
WITH u, v, x, p, eff, d, dirs[d][0] AS a, dirs[d][1] AS b
UNWIND CASE WHEN p IS NULL OR p IN [a, b] THEN [{s: a, r: b, via: p.key, seq: 3 * d}]
            ELSE [{s: a, r: b, via: p.key, seq: 3 * d},
                  {s: a, r: p, platform_of: [a.key, b.key], seq: 3 * d + 1},
                  {s: p, r: b, platform_of: [a.key, b.key], seq: 3 * d + 2}] END AS f
WITH u, v, x, f, [e IN eff WHERE e.key = f.s.key][0] AS es, [e IN eff WHERE e.key = f.r.key][0] AS er
WITH u, v, x, f, es, er,
     [s IN [f.s, f.r] | s.status <> 'retired' OR s.status IS NULL] AS alive,
     [s IN [f.s, f.r] | NOT coalesce(s.external, false) AND NOT coalesce(s.placeholder, false)]
       AS local
UNWIND [
  CASE WHEN local[1] AND alive[1] AND es.k > er.k
       THEN {code: 'confidentiality_downflow', subject: f.r.key, partner: f.s.key,
             level: er.k, partner_level: es.k} END,
  CASE WHEN local[0] AND alive[0] AND es.t < er.t
       THEN {code: 'availability_below_dependent', subject: f.s.key, partner: f.r.key,
             level: es.t, partner_level: er.t} END,
  CASE WHEN local[0] AND alive[0] AND toFloat(f.s.rto_hours) > toFloat(f.r.rto_hours)
       THEN {code: 'rto_longer_than_dependent', subject: f.s.key, partner: f.r.key,
             level: f.s.rto_hours, partner_level: f.r.rto_hours} END
] AS hit
WITH u, v, x, f, hit WHERE hit IS NOT NULL
WITH hit, f, u.key AS uk, v.key AS vk, x.ekey AS ek ORDER BY uk, vk, ek, f.seq
WITH hit.subject AS subject, hit.code AS code, hit.partner AS partner,
     hit.level AS level, hit.partner_level AS partner_level, collect(f) AS flows
RETURN subject, code, partner, level, partner_level,
       [f IN flows WHERE f.via IS NOT NULL | f.via][0] AS via,
       size(flows) AS integrations, flows[0].via AS first_via,
       flows[0].platform_of AS platform_of, [] AS aspects, [] AS partners,
       null AS continuity_plan
ORDER BY subject, code, partner;

// @findings
// Per system: effective T >= $high_t without a continuity plan recorded as yes
// (high_t_without_continuity_plan); an effective level above the recorded one, or a level
// only through the information processed (effective_above_recorded, aspects listed);
// no K, R or T at all but integrating with a classified system
// (unclassified_integrates_classified, partners listed with their highest level).
MATCH (s:System)
WHERE NOT s.ea_stale AND coalesce(s.status, '') <> 'retired'
  AND NOT coalesce(s.external, false) AND NOT coalesce(s.placeholder, false)
CALL {
  WITH s
  OPTIONAL MATCH (s)-[pr:PROCESSES]->(i:Information) WHERE NOT pr.ea_stale AND NOT i.ea_stale
  WITH s, [s] + collect(i) AS sources
  UNWIND sources AS src
  RETURN max(CASE WHEN src.k IS :: BOOLEAN THEN null ELSE toIntegerOrNull(src.k) END) AS k,
         max(CASE WHEN src.r IS :: BOOLEAN THEN null ELSE toIntegerOrNull(src.r) END) AS r,
         max(CASE WHEN src.t IS :: BOOLEAN THEN null ELSE toIntegerOrNull(src.t) END) AS t,
         max(CASE WHEN src.s IS :: BOOLEAN THEN null ELSE toIntegerOrNull(src.s) END) AS s_
}
WITH s, {k: k, r: r, t: t, s: s_} AS e,
     {k: CASE WHEN s.k IS :: BOOLEAN THEN null ELSE toIntegerOrNull(s.k) END,
      r: CASE WHEN s.r IS :: BOOLEAN THEN null ELSE toIntegerOrNull(s.r) END,
      t: CASE WHEN s.t IS :: BOOLEAN THEN null ELSE toIntegerOrNull(s.t) END,
      s: CASE WHEN s.s IS :: BOOLEAN THEN null ELSE toIntegerOrNull(s.s) END} AS rec
WITH s, e, [a IN ['k', 'r', 't', 's']
            WHERE e[a] IS NOT NULL AND (rec[a] IS NULL OR e[a] > rec[a])] AS above
// classified partners (either direction), judged on their effective K, R, T
CALL {
  WITH s, e
  WITH s WHERE e.k IS NULL AND e.r IS NULL AND e.t IS NULL
  MATCH (s)-[x:INTEGRATES_WITH]-(q:System)
  WHERE q <> s AND NOT x.ea_stale AND NOT q.ea_stale
  WITH DISTINCT q
  OPTIONAL MATCH (q)-[pr:PROCESSES]->(i:Information) WHERE NOT pr.ea_stale AND NOT i.ea_stale
  WITH q, [q] + collect(i) AS sources
  UNWIND sources AS src
  WITH q, max(CASE WHEN src.k IS :: BOOLEAN THEN null ELSE toIntegerOrNull(src.k) END) AS k,
          max(CASE WHEN src.r IS :: BOOLEAN THEN null ELSE toIntegerOrNull(src.r) END) AS r,
          max(CASE WHEN src.t IS :: BOOLEAN THEN null ELSE toIntegerOrNull(src.t) END) AS t
  WITH q, [l IN [k, r, t] WHERE l IS NOT NULL] AS known
  WHERE size(known) > 0
  WITH q, reduce(m = known[0], l IN known | CASE WHEN l > m THEN l ELSE m END) AS top
  ORDER BY q.key
  RETURN collect(q.key) AS partners, max(top) AS top
}
UNWIND [
  CASE WHEN e.t >= $high_t AND NOT coalesce(s.continuity_plan = true, false)
       THEN {code: 'high_t_without_continuity_plan', level: e.t, aspects: [], partners: [],
             continuity_plan: s.continuity_plan} END,
  CASE WHEN size(above) > 0
       THEN {code: 'effective_above_recorded', aspects: above, partners: [],
             level: reduce(m = e[above[0]], a IN above | CASE WHEN e[a] > m THEN e[a] ELSE m END)}
       END,
  CASE WHEN size(partners) > 0
       THEN {code: 'unclassified_integrates_classified', partners: partners,
             partner_level: top, aspects: []} END
] AS hit
WITH s, hit WHERE hit IS NOT NULL
RETURN s.key AS subject, hit.code AS code, null AS partner, hit.level AS level,
       hit.partner_level AS partner_level, null AS via, null AS integrations,
       null AS first_via, null AS platform_of, hit.aspects AS aspects,
       hit.partners AS partners, hit.continuity_plan AS continuity_plan
ORDER BY subject, code;
