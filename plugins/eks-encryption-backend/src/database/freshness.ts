import type { Knex } from 'knex';
import { TABLES } from './tables';
import { FINDING_TOTALS, SEVERITIES } from './findingCounts';
import { COMPLIANT_RANK, INCOMPLETE_RANK } from './sql';

/**
 * Stale has a limit: a cluster not read successfully within `staleAfterMs` counts
 * as `incomplete` in every answer, except that a last known `non-compliant` (or
 * `error`) stays what it was. The one rule lives here, in SQL, and every read
 * goes through it, so scorecards, lists, rollups, KPIs and the trend agree.
 */
export interface Freshness {
  /** The time of the read. */
  nowMs: number;
  staleAfterMs: number;
}

/** The verdict of `alias` as counted when its evidence was read at `evaluatedAt`. */
export function countedVerdict(
  db: Knex,
  alias: string,
  cutoff: Knex.Raw,
): Knex.Raw {
  return db.raw(
    `case when ??.verdict = 'compliant' and ??.evaluated_at < ? then 'incomplete' else ??.verdict end`,
    [alias, alias, cutoff, alias],
  );
}

/**
 * The clusters table as every read sees it: `verdict` is the counted verdict,
 * `stale` is true when the latest attempt failed or the evidence is past
 * `staleAfter`, `stored_verdict` is the verdict of the last evidence; with
 * the cluster's finding totals.
 */
/** Evidence read before this no longer proves compliance. */
export function evidenceCutoff(db: Knex, freshness: Freshness): Knex.Raw {
  return db.raw('?', [freshness.nowMs - freshness.staleAfterMs]);
}

export function clustersAsRead(
  db: Knex,
  freshness: Freshness,
): Knex.QueryBuilder {
  const cutoff = evidenceCutoff(db, freshness);
  return db
    .from({ r: TABLES.clusters })
    .select(
      'r.arn',
      'r.account_id',
      'r.region',
      'r.name',
      'r.version',
      'r.encryption_state',
      'r.key_ref',
      'r.key_arn',
      'r.environment',
      'r.is_production',
      db.raw('? as verdict', [countedVerdict(db, 'r', cutoff)]),
      'r.verdict as stored_verdict',
      'r.score',
      'r.grade',
      'r.evaluated_at',
      'r.error',
      db.raw('(r.stale or r.evaluated_at < ?) as stale', [cutoff]),
      'r.checks',
      'r.attempted_at',
      ...FINDING_TOTALS.map(column => `r.${column}`),
    );
}

/**
 * The entities table as every read sees it, from the summaries each write
 * keeps (aggregates.ts): `worst_rank` (VERDICT_ORDER index; null without
 * clusters) is `incomplete` when it was `compliant` on evidence past
 * `staleAfter`; `clusters`, `min_score`, `evaluated_at` (oldest evidence),
 * `stale` (a cluster's latest read failed or its evidence is past
 * `staleAfter`) and the open findings of its clusters.
 */
export function entitiesAsRead(
  db: Knex,
  freshness: Freshness,
): Knex.QueryBuilder {
  const cutoff = freshness.nowMs - freshness.staleAfterMs;
  return db
    .from({ e: TABLES.entities })
    .select(
      'e.entity_ref',
      'e.owner_ref',
      db.raw(
        `case when e.verdict_rank = ${COMPLIANT_RANK} and e.evidence_at < ? then ${INCOMPLETE_RANK} else e.verdict_rank end as worst_rank`,
        [cutoff],
      ),
      'e.cluster_count as clusters',
      'e.min_score',
      'e.evidence_at as evaluated_at',
      db.raw(
        'case when e.stale_clusters > 0 or e.evidence_at < ? then 1 else 0 end as stale',
        [cutoff],
      ),
      ...SEVERITIES.map(severity => `e.open_${severity}`),
    );
}

/**
 * The daily snapshots as the trend counts them: a day's verdict goes stale
 * against the end of that day (or now, for today).
 */
export function dailyVerdictsAsRead(
  db: Knex,
  freshness: Freshness,
): Knex.QueryBuilder {
  const { nowMs, staleAfterMs } = freshness;
  const cutoff = db.raw(
    '(case when s0.day_end_at > ? then ? else s0.day_end_at end) - ?',
    [nowMs, nowMs, staleAfterMs],
  );
  return db
    .from({ s0: TABLES.dailyVerdicts })
    .select(
      's0.day',
      's0.cluster_arn',
      db.raw('? as verdict', [countedVerdict(db, 's0', cutoff)]),
      's0.is_production',
    );
}

/*
 * The same rule seen from the kept aggregates (aggregates.ts), which count
 * stored verdicts: the rows it turns from compliant to incomplete, as index
 * ranges, so a read subtracts them instead of rereading every row.
 */

/** Clusters (alias `c`) counted compliant by the aggregates but stale now. */
export function staleCompliantClusters(
  db: Knex,
  freshness: Freshness,
): Knex.QueryBuilder {
  return db
    .from({ c: TABLES.clusters })
    .where('c.verdict', 'compliant')
    .where('c.evaluated_at', '<', freshness.nowMs - freshness.staleAfterMs);
}

/** Entities (alias `e`) counted compliant by the aggregates but stale now. */
export function staleCompliantEntities(
  db: Knex,
  freshness: Freshness,
): Knex.QueryBuilder {
  return db
    .from({ e: TABLES.entities })
    .where('e.verdict_rank', COMPLIANT_RANK)
    .where('e.evidence_at', '<', freshness.nowMs - freshness.staleAfterMs);
}

/**
 * Snapshots (alias `s`) of closed days counted compliant by the day totals
 * but stale at their day's end (`evidence_age` is day end less evidence time).
 */
export function staleCompliantSnapshots(
  db: Knex,
  freshness: Freshness,
): Knex.QueryBuilder {
  return db
    .from({ s: TABLES.dailyVerdicts })
    .where('s.verdict', 'compliant')
    .where('s.evidence_age', '>', freshness.staleAfterMs);
}
