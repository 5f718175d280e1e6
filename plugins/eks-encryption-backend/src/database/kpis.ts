import type { Knex } from 'knex';
import type {
  OrgKpis,
  TrendPoint,
} from 'backstage-plugin-eks-encryption-common';
import type { GetKpisOptions } from './EksEncryptionStore';
import { EntityScope, scopedClusters } from './scope';
import { valueList } from './sql';
import { TABLES } from './tables';
import type { RollupNumbers } from './rollupNumbers';
import {
  clusterRollup,
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
 * Daily counts from the snapshots of these clusters: the clusters now linked
 * to an entity in scope (access and ownership are known for today only).
 */
async function trend(
  db: Knex,
  freshness: Freshness,
  clusterArns: Knex.QueryBuilder,
  since: Date | undefined,
  days: { upTo?: string; after?: string },
): Promise<TrendPoint[]> {
  // Days and clusters are filtered before the staleness rule, so the primary
  // key (day, cluster) serves them.
  const snapshots = dailyVerdictsAsRead(db, freshness).whereIn(
    's0.cluster_arn',
    clusterArns,
  );
  if (since) snapshots.where('s0.day', '>=', utcDay(since));
  if (days.upTo !== undefined) snapshots.where('s0.day', '<=', days.upTo);
  if (days.after !== undefined) {
    // Listed, the few days not closed yet (today) lead the key lookup.
    const open: { day: string }[] = await db(TABLES.dailyVerdicts)
      .where('day', '>', days.after)
      .distinct('day');
    snapshots.whereIn(
      's0.day',
      open.map(d => d.day),
    );
  }
  const query = db
    .from(snapshots.as('s'))
    .groupBy('s.day')
    .orderBy('s.day')
    .select('s.day', ...clusterCountColumns(db, 's'));
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
 * The clusters linked to an entity in scope. With a caller's coverage, whole
 * owners come from their kept cluster sets and only the other readable
 * entities from their links.
 */
function clustersInScope(
  db: Knex,
  scope: EntityScope,
  covered: Coverage | undefined,
): Knex.QueryBuilder {
  if (!covered) return scopedClusters(db, scope, false);
  return db(TABLES.ownerClusters)
    .whereIn('owner_ref', valueList(db, [...covered.fullyReadable]))
    .select('cluster_arn')
    .union(
      db
        .from({ l: TABLES.entityClusters })
        .join({ c: TABLES.clusters }, 'c.arn', 'l.cluster_arn')
        .whereIn('l.entity_ref', valueList(db, covered.otherReadable))
        .select('l.cluster_arn'),
    );
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
  const arns = () => clustersInScope(db, scope, covered);
  const closedDays = () =>
    upTo === undefined
      ? Promise.resolve([])
      : trend(db, freshness, arns(), since, { upTo });
  const [numbers, closed, open] = await Promise.all([
    clusterRollup(db, freshness, arns()),
    covered
      ? covered.remember(`trend ${since?.toISOString()} ${upTo}`, closedDays)
      : closedDays(),
    trend(db, freshness, arns(), since, { after: upTo }),
  ]);
  return toKpis(numbers, [...closed, ...open]);
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
