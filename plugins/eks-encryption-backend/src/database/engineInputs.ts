import type { Knex } from 'knex';
import type { EksUpdate } from '../aws/types';
import type { KeyUse } from '../engine/types';
import { ClusterRow, FinishedUpdateRow, TABLES } from './tables';
import { valueList } from './sql';
import { toIsoOrUndefined } from './values';

/**
 * Key uses derived from the stored clusters' resolved key ARNs, so that key
 * sharing is judged across every stored cluster, not only those of one run.
 */
export async function listKeyUses(
  db: Knex,
  excludingClusterArns: readonly string[],
): Promise<KeyUse[]> {
  const query = db<ClusterRow>(TABLES.clusters)
    .whereNotNull('key_arn')
    .select('arn', 'key_arn', 'account_id', 'environment')
    .orderBy('arn');
  if (excludingClusterArns.length > 0) {
    query.whereNotIn('arn', valueList(db, excludingClusterArns));
  }
  const rows: Pick<
    ClusterRow,
    'arn' | 'key_arn' | 'account_id' | 'environment'
  >[] = await query;
  return rows.map(row => {
    const use: KeyUse = {
      clusterArn: row.arn,
      keyArn: row.key_arn ?? '',
      accountId: row.account_id,
    };
    if (row.environment !== null) use.environment = row.environment;
    return use;
  });
}

export async function getFinishedUpdates(
  db: Knex,
  ids: readonly string[],
): Promise<Map<string, EksUpdate>> {
  if (ids.length === 0) return new Map();
  const rows = await db<FinishedUpdateRow>(TABLES.finishedUpdates)
    .whereIn('id', valueList(db, ids))
    .select('id', 'type', 'status', 'created_at');
  return new Map(
    rows.map(row => {
      const update: EksUpdate = { id: row.id };
      if (row.type !== null) update.type = row.type;
      if (row.status !== null) update.status = row.status;
      const createdAt = toIsoOrUndefined(row.created_at);
      if (createdAt) update.createdAt = createdAt;
      return [row.id, update];
    }),
  );
}
