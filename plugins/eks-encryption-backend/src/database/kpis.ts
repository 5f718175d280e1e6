import type { Knex } from 'knex';
import type {
  OrgKpis,
  TrendPoint,
} from 'backstage-plugin-eks-encryption-common';
import type { GetKpisOptions } from './EksEncryptionStore';
import { EntityScope, isUnrestricted, scopedClusters } from './scope';
import { computeRollups, emptyRollup } from './rollups';
import {
  ClusterCountColumns,
  clusterCountColumns,
  toClusterCounts,
} from './clusterCounts';
import { utcDay } from './values';
import { dailyVerdictsAsRead, type Freshness } from './freshness';

interface TrendRow extends ClusterCountColumns {
  day: string;
}

/**
 * Daily counts from the snapshots. Unrestricted, a day counts every cluster
 * stored that day; restricted, only the clusters now linked to an entity in
 * scope (access and ownership are known for today only).
 */
async function trend(
  db: Knex,
  freshness: Freshness,
  scope: EntityScope,
  since: Date | undefined,
): Promise<TrendPoint[]> {
  const query = db
    .from(dailyVerdictsAsRead(db, freshness).as('s'))
    .groupBy('s.day')
    .orderBy('s.day')
    .select('s.day', ...clusterCountColumns(db, 's'));
  if (!isUnrestricted(scope)) {
    query.whereIn('s.cluster_arn', scopedClusters(db, scope, false));
  }
  if (since) query.where('s.day', '>=', utcDay(since));
  const rows: TrendRow[] = await query;
  return rows.map(row => ({ day: row.day, ...toClusterCounts(row) }));
}

export async function getKpis(
  db: Knex,
  freshness: Freshness,
  options: GetKpisOptions,
): Promise<OrgKpis> {
  const scope: EntityScope = {
    readable: options.readable,
    ownerRefs: options.ownerRefs,
  };
  const rollups = await computeRollups(db, freshness, scope, {
    byOwner: false,
    entities: false,
  });
  const numbers = rollups.get('') ?? emptyRollup();
  return {
    productionClusters: numbers.productionClusters,
    compliantProductionClusters: numbers.compliantProductionClusters,
    productionCompliancePercent:
      numbers.productionClusters === 0
        ? null
        : (numbers.compliantProductionClusters / numbers.productionClusters) *
          100,
    clusters: numbers.clusters,
    compliantClusters: numbers.compliantClusters,
    openFindings: numbers.openFindings,
    mttrHours: numbers.mttrHours,
    trend: await trend(db, freshness, scope, options.trendSince),
  };
}
