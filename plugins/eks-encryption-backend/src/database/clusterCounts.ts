import type { Knex } from 'knex';
import type { DbBigInt } from './tables';
import { toNumber } from './values';

/** The names of the columns {@link clusterCountColumns} selects. */
export const CLUSTER_COUNTS = [
  'clusters',
  'compliant_clusters',
  'production_clusters',
  'compliant_production_clusters',
];

/** The columns selected by {@link clusterCountColumns}. */
export interface ClusterCountColumns {
  clusters: DbBigInt;
  compliant_clusters: DbBigInt | null;
  production_clusters: DbBigInt | null;
  compliant_production_clusters: DbBigInt | null;
}

/**
 * Counts of the grouped rows of `alias`, a table or subquery with a cluster's
 * `verdict` and `is_production`: all, compliant, production, and both.
 */
export function clusterCountColumns(db: Knex, alias: string): Knex.Raw[] {
  const verdict = `${alias}.verdict`;
  const isProduction = `${alias}.is_production`;
  return [
    db.raw('count(*) as clusters'),
    db.raw(
      `sum(case when ?? = 'compliant' then 1 else 0 end) as compliant_clusters`,
      [verdict],
    ),
    db.raw('sum(case when ?? then 1 else 0 end) as production_clusters', [
      isProduction,
    ]),
    db.raw(
      `sum(case when ?? and ?? = 'compliant' then 1 else 0 end) as compliant_production_clusters`,
      [isProduction, verdict],
    ),
  ];
}

export function toClusterCounts(row: ClusterCountColumns): {
  clusters: number;
  compliantClusters: number;
  productionClusters: number;
  compliantProductionClusters: number;
} {
  return {
    clusters: toNumber(row.clusters),
    compliantClusters: toNumber(row.compliant_clusters),
    productionClusters: toNumber(row.production_clusters),
    compliantProductionClusters: toNumber(row.compliant_production_clusters),
  };
}
