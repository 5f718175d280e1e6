import type { Knex } from 'knex';
import type {
  OrgKpis,
  TrendPoint,
} from 'backstage-plugin-eks-encryption-common';
import type { GetKpisOptions } from './EksEncryptionStore';
import { EntityScope, isUnrestricted, scopedClusters } from './scope';
import { computeRollups } from './rollups';
import { emptyRollup, type RollupNumbers } from './rollupNumbers';
import {
  lastClosedDay,
  storedCombinedRollup,
  storedTrend,
} from './storedRollups';
import type { Coverage, ReadCoverage } from './readCoverage';
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
  days: { upTo?: string; after?: string } = {},
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
  if (days.upTo !== undefined) query.where('s.day', '<=', days.upTo);
  if (days.after !== undefined) query.where('s.day', '>', days.after);
  const rows: TrendRow[] = await query;
  return rows.map(row => ({ day: row.day, ...toClusterCounts(row) }));
}

/**
 * The organisation's KPIs. A caller who may read every entity gets them from
 * the stored aggregates; a team's KPIs, or a caller who may read only part of
 * the catalog, are aggregated over the entities in scope.
 */
export async function getKpis(
  db: Knex,
  freshness: Freshness,
  coverage: ReadCoverage,
  options: GetKpisOptions,
): Promise<OrgKpis> {
  const scope: EntityScope = {
    readable: options.readable,
    ownerRefs: options.ownerRefs,
  };
  const since = options.trendSince && utcDay(options.trendSince);
  const readable = scope.readable?.entityRefs;
  if (scope.ownerRefs) return computedKpis(db, freshness, scope, options);
  if (!readable) return storedKpis(db, freshness, since);
  return coverage.read(db, readable, covered =>
    covered.everything
      ? storedKpis(db, freshness, since)
      : computedKpis(db, freshness, scope, options, covered),
  );
}

async function storedKpis(
  db: Knex,
  freshness: Freshness,
  since: string | undefined,
): Promise<OrgKpis> {
  const [numbers, points] = await Promise.all([
    storedCombinedRollup(db, freshness),
    storedTrend(db, freshness, since),
  ]);
  return toKpis(numbers, points);
}

/**
 * KPIs over the entities in scope. A caller's closed days do not change until
 * the next write: they are kept with the caller's coverage; today is counted
 * at each read.
 */
async function computedKpis(
  db: Knex,
  freshness: Freshness,
  scope: EntityScope,
  options: GetKpisOptions,
  covered?: Coverage,
): Promise<OrgKpis> {
  const since = options.trendSince;
  const upTo = await lastClosedDay(db);
  const closedDays = () =>
    upTo === undefined
      ? Promise.resolve([])
      : trend(db, freshness, scope, since, { upTo });
  const [rollups, closed, open] = await Promise.all([
    computeRollups(db, freshness, scope, { byOwner: false, entities: false }),
    covered
      ? covered.remember(`trend ${since?.toISOString()} ${upTo}`, closedDays)
      : closedDays(),
    trend(db, freshness, scope, since, { after: upTo }),
  ]);
  return toKpis(rollups.get('') ?? emptyRollup(), [...closed, ...open]);
}

function toKpis(numbers: RollupNumbers, points: TrendPoint[]): OrgKpis {
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
    trend: points,
  };
}
