import type { Knex } from 'knex';
import type { TrendPoint } from 'backstage-plugin-eks-encryption-common';
import { TABLES, type DbBigInt } from './tables';
import { valueList, whereInUnlessAll } from './sql';
import {
  clustersAsRead,
  dailyVerdictsAsRead,
  staleCompliantClusters,
  staleCompliantEntities,
  staleCompliantSnapshots,
  type Freshness,
} from './freshness';
import {
  clusterCountColumns,
  toClusterCounts,
  type ClusterCountColumns,
} from './clusterCounts';
import {
  summedFindingTotals,
  toFindingCounts,
  toMttrHours,
  type FindingTotalColumns,
} from './findingCounts';
import { emptyRollup, type RollupNumbers } from './rollupNumbers';
import { toNumber } from './values';

/**
 * Reads of the aggregates kept with the results (see aggregates.ts). They are
 * counted by stored verdict; staleness is applied here, at read time: the few
 * compliant rows whose evidence is older than `staleAfter` are found through
 * an index and counted as `incomplete` instead.
 */

type OwnerRollupRow = ClusterCountColumns &
  FindingTotalColumns & {
    owner_ref: string;
    entities: DbBigInt;
    compliant_entities: DbBigInt;
    stale_entities: DbBigInt | null;
    stale_clusters: DbBigInt | null;
    stale_production: DbBigInt | null;
  };

function withFindingTotals(
  numbers: RollupNumbers,
  row: FindingTotalColumns,
): RollupNumbers {
  return {
    ...numbers,
    openFindings: toFindingCounts(row),
    mttrHours: toMttrHours(row),
  };
}

/**
 * Owner rollups from `owner_rollups`: every owner, or the ones listed. An
 * owner's stale compliant entities and clusters count as not compliant. One
 * statement (one round trip): each owner's row with its stale rows counted.
 */
export async function storedOwnerRollups(
  db: Knex,
  freshness: Freshness,
  ownerRefs?: readonly string[],
): Promise<Map<string, RollupNumbers>> {
  if (ownerRefs?.length === 0) return new Map();
  const staleEntities = whereInUnlessAll(
    db,
    staleCompliantEntities(db, freshness)
      .groupBy('e.owner_ref')
      .select('e.owner_ref', db.raw('count(*) as entities')),
    'e.owner_ref',
    ownerRefs,
  );
  const staleClusters = whereInUnlessAll(
    db,
    staleCompliantClusters(db, freshness)
      .join({ oc: TABLES.ownerClusters }, 'oc.cluster_arn', 'c.arn')
      .groupBy('oc.owner_ref')
      .select(
        'oc.owner_ref',
        db.raw('count(*) as clusters'),
        db.raw(
          'sum(case when c.is_production then 1 else 0 end) as production',
        ),
      ),
    'oc.owner_ref',
    ownerRefs,
  );
  const rows: OwnerRollupRow[] = await whereInUnlessAll(
    db,
    db
      .from({ r: TABLES.ownerRollups })
      .leftJoin(staleEntities.as('se'), 'se.owner_ref', 'r.owner_ref')
      .leftJoin(staleClusters.as('sc'), 'sc.owner_ref', 'r.owner_ref')
      .select(
        'r.*',
        'se.entities as stale_entities',
        'sc.clusters as stale_clusters',
        'sc.production as stale_production',
      ),
    'r.owner_ref',
    ownerRefs,
  );
  const rollups = new Map<string, RollupNumbers>();
  for (const row of rows) {
    const counts = toClusterCounts(row);
    rollups.set(
      row.owner_ref,
      withFindingTotals(
        {
          ...emptyRollup(),
          entities: toNumber(row.entities),
          compliantEntities:
            toNumber(row.compliant_entities) - toNumber(row.stale_entities),
          ...counts,
          compliantClusters:
            counts.compliantClusters - toNumber(row.stale_clusters),
          compliantProductionClusters:
            counts.compliantProductionClusters - toNumber(row.stale_production),
        },
        row,
      ),
    );
  }
  return rollups;
}

/**
 * One rollup for several owners together: entities summed over their rows,
 * clusters over the union of their cluster sets (a cluster shared by two of
 * them counts once). Without owners: every stored cluster (each is linked).
 */
export async function storedCombinedRollup(
  db: Knex,
  freshness: Freshness,
  ownerRefs?: readonly string[],
): Promise<RollupNumbers> {
  if (ownerRefs?.length === 0) return emptyRollup();
  if (!ownerRefs) return storedOrgRollup(db, freshness);
  if (ownerRefs.length === 1) {
    const [owner] = ownerRefs;
    const rollups = await storedOwnerRollups(db, freshness, ownerRefs);
    return rollups.get(owner) ?? emptyRollup();
  }
  const numbers = await clusterRollup(
    db,
    freshness,
    db(TABLES.ownerClusters)
      .whereIn('owner_ref', valueList(db, ownerRefs))
      .select('cluster_arn'),
  );
  const owners = await storedOwnerRollups(db, freshness, ownerRefs);
  for (const owner of owners.values()) {
    numbers.entities += owner.entities;
    numbers.compliantEntities += owner.compliantEntities;
  }
  return numbers;
}

/**
 * The organisation's numbers from `org_rollup`, less the compliant clusters
 * whose evidence went stale (found through the verdict index).
 */
async function storedOrgRollup(
  db: Knex,
  freshness: Freshness,
): Promise<RollupNumbers> {
  const [[row], [stale]] = await Promise.all([
    db(TABLES.orgRollup).where({ id: 1 }).select('*') as Promise<
      (ClusterCountColumns & FindingTotalColumns)[]
    >,
    staleCompliantClusters(db, freshness).select(
      db.raw('count(*) as clusters'),
      db.raw('sum(case when c.is_production then 1 else 0 end) as production'),
    ) as Promise<{ clusters: DbBigInt; production: DbBigInt | null }[]>,
  ]);
  const counts = toClusterCounts(row);
  return withFindingTotals(
    {
      ...emptyRollup(),
      ...counts,
      compliantClusters: counts.compliantClusters - toNumber(stale.clusters),
      compliantProductionClusters:
        counts.compliantProductionClusters - toNumber(stale.production),
    },
    row,
  );
}

/**
 * Cluster counts and finding totals of these clusters, from their rows, with staleness applied; entities left 0.
 */
export async function clusterRollup(
  db: Knex,
  freshness: Freshness,
  arns: Knex.QueryBuilder,
): Promise<RollupNumbers> {
  const [row]: (ClusterCountColumns & FindingTotalColumns)[] = await db
    .from(clustersAsRead(db, freshness).whereIn('r.arn', arns).as('c'))
    .select(...clusterCountColumns(db, 'c'), ...summedFindingTotals(db, 'c'));
  return withFindingTotals({ ...emptyRollup(), ...toClusterCounts(row) }, row);
}

/** The last day whose totals are kept (days up to it are over). */
export async function lastClosedDay(db: Knex): Promise<string | undefined> {
  const [row] = await db(TABLES.dailyTotals).max('day as day');
  return (row?.day as string | null) ?? undefined;
}

/**
 * The organisation's trend: closed days from `daily_totals` less their stale
 * compliant snapshots (found by `evidence_age`), and the days not closed yet
 * (today) counted from their snapshots.
 */
export async function storedTrend(
  db: Knex,
  freshness: Freshness,
  since: string | undefined,
): Promise<TrendPoint[]> {
  const from = (query: Knex.QueryBuilder, column: string) =>
    since ? query.where(column, '>=', since) : query;
  const closed: (ClusterCountColumns & { day: string })[] = await from(
    db(TABLES.dailyTotals).select('*'),
    'day',
  ).orderBy('day');
  const lastClosed = closed.at(-1)?.day;
  const [stale, open]: [
    { day: string; clusters: DbBigInt; production: DbBigInt }[],
    (ClusterCountColumns & { day: string })[],
  ] = await Promise.all([
    lastClosed === undefined
      ? []
      : from(
          staleCompliantSnapshots(db, freshness)
            .where('s.day', '<=', lastClosed)
            .groupBy('s.day')
            .select(
              's.day',
              db.raw('count(*) as clusters'),
              db.raw(
                'sum(case when s.is_production then 1 else 0 end) as production',
              ),
            ),
          's.day',
        ),
    from(
      db
        .from(dailyVerdictsAsRead(db, freshness).as('s'))
        .modify(query => {
          if (lastClosed !== undefined) query.where('s.day', '>', lastClosed);
        })
        .groupBy('s.day')
        .select('s.day', ...clusterCountColumns(db, 's')),
      's.day',
    ).orderBy('s.day'),
  ]);
  const staleOf = new Map(stale.map(r => [r.day, r]));
  const points = closed.map(row => {
    const counts = toClusterCounts(row);
    const corrections = staleOf.get(row.day);
    return {
      day: row.day,
      ...counts,
      compliantClusters:
        counts.compliantClusters - toNumber(corrections?.clusters),
      compliantProductionClusters:
        counts.compliantProductionClusters - toNumber(corrections?.production),
    };
  });
  return [
    ...points,
    ...open.map(row => ({ day: row.day, ...toClusterCounts(row) })),
  ];
}
