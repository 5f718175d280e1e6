import type { Knex } from 'knex';
import type { EksUpdate } from 'backstage-plugin-eks-encryption-node';
import type { ClusterNamer, KeyUse } from '../engine/types';
import {
  ClusterRow,
  EntityClusterRow,
  EntityRow,
  FinishedUpdateRow,
  TABLES,
} from './tables';
import { valueList } from './sql';
import { toIsoOrUndefined } from './values';

/**
 * Key uses of the stored clusters with one of `keyArns` (by the key index), so
 * that a refresh judges key sharing across every stored cluster while reading
 * only the clusters that share its keys.
 */
export async function listKeyUses(
  db: Knex,
  keyArns: readonly string[],
  excludingClusterArns: readonly string[],
): Promise<KeyUse[]> {
  if (keyArns.length === 0) return [];
  const query = db<ClusterRow>(TABLES.clusters)
    .whereIn('key_arn', valueList(db, keyArns))
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

/** The stored entities linked to these clusters, by the cluster index. */
export async function listClusterNamers(
  db: Knex,
  clusterArns: readonly string[],
): Promise<(ClusterNamer & { clusterArn: string })[]> {
  if (clusterArns.length === 0) return [];
  const rows: (Pick<EntityClusterRow, 'cluster_arn'> &
    Pick<EntityRow, 'entity_ref' | 'owner_ref' | 'secrets_rewritten_at'>)[] =
    await db
      .from({ l: TABLES.entityClusters })
      .join({ e: TABLES.entities }, 'e.entity_ref', 'l.entity_ref')
      .whereIn('l.cluster_arn', valueList(db, clusterArns))
      .select(
        'l.cluster_arn',
        'e.entity_ref',
        'e.owner_ref',
        'e.secrets_rewritten_at',
      )
      .orderBy(['l.cluster_arn', 'e.entity_ref']);
  return rows.map(row => ({
    clusterArn: row.cluster_arn,
    entityRef: row.entity_ref,
    ...(row.owner_ref === null ? {} : { ownerRef: row.owner_ref }),
    ...(row.secrets_rewritten_at === null
      ? {}
      : { secretsRewrittenAt: row.secrets_rewritten_at }),
  }));
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
