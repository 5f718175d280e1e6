import type { Knex } from 'knex';
import type { PruneHistoryResult } from './EksEncryptionStore';
import { TABLES } from './tables';
import { pruneRuns, type RunClock } from './runs';
import { toMillis, utcDay } from './values';
import { serializeWriters } from './writeRunResults';
import { applyAggregateChanges, captureAggregates } from './aggregateDeltas';

/**
 * Deletes history older than the retention: resolved findings (open ones are
 * current state), daily snapshots and finished runs.
 */
export async function pruneHistory(
  db: Knex,
  clock: RunClock,
  olderThan: Date,
): Promise<PruneHistoryResult> {
  const pruned = await db.transaction(async trx => {
    await serializeWriters(trx);
    const old = trx(TABLES.findings)
      .whereNotNull('resolved_at')
      .andWhere('resolved_at', '<', toMillis(olderThan));
    const clusters: { cluster_arn: string }[] = await old
      .clone()
      .distinct('cluster_arn');
    // Pruned fixes leave MTTR: their clusters' totals and owners change.
    const aggregates = await captureAggregates(trx, {
      clusters: clusters.map(c => c.cluster_arn),
      entities: [],
    });
    const findings = await old.delete();
    const day = utcDay(olderThan);
    const snapshots = await trx(TABLES.dailyVerdicts)
      .where('day', '<', day)
      .delete();
    await trx(TABLES.dailyTotals).where('day', '<', day).delete();
    await applyAggregateChanges(trx, aggregates);
    const changes = await trx(TABLES.changes)
      .where('at', '<', toMillis(olderThan))
      .delete();
    return { findings, snapshots, changes };
  });
  const runs = await pruneRuns(db, clock, olderThan);
  return { ...pruned, runs };
}
