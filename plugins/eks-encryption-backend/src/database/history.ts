import type { Knex } from 'knex';
import type { PruneHistoryResult } from './EksEncryptionStore';
import { TABLES } from './tables';
import { pruneRuns, type RunClock } from './runs';
import { toMillis, utcDay } from './values';

/**
 * Deletes history older than the retention: resolved findings (open ones are
 * current state), daily snapshots and finished runs.
 */
export async function pruneHistory(
  db: Knex,
  clock: RunClock,
  olderThan: Date,
): Promise<PruneHistoryResult> {
  const findings = await db(TABLES.findings)
    .whereNotNull('resolved_at')
    .andWhere('resolved_at', '<', toMillis(olderThan))
    .delete();
  const snapshots = await db(TABLES.dailyVerdicts)
    .where('day', '<', utcDay(olderThan))
    .delete();
  const runs = await pruneRuns(db, clock, olderThan);
  return { findings, snapshots, runs };
}
