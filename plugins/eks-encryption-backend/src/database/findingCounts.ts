import type { Knex } from 'knex';
import type {
  FindingCounts,
  Severity,
} from 'backstage-plugin-eks-encryption-common';
import { toNumber } from './values';
import { TABLES, type DbBigInt } from './tables';

const SEVERITIES: readonly Severity[] = [
  'critical',
  'high',
  'medium',
  'low',
];

export function emptyFindingCounts(): FindingCounts {
  return { critical: 0, high: 0, medium: 0, low: 0 };
}

/**
 * Select expressions counting open findings of alias `f` per severity, as
 * columns `open_critical`, `open_high`, ...
 */
export function openFindingColumns(db: Knex): Knex.Raw[] {
  return SEVERITIES.map(severity =>
    db.raw(
      `sum(case when f.resolved_at is null and f.severity = ? then 1 else 0 end) as ??`,
      [severity, `open_${severity}`],
    ),
  );
}

/**
 * Findings aggregated per cluster, so that rollups join one row per cluster
 * instead of the whole history: `cluster_arn`, the open counts of
 * {@link openFindingColumns} and, when `resolved`, `resolved_count` and
 * `resolved_millis` (sum of resolution times).
 */
export function findingsPerCluster(
  db: Knex,
  options: { resolved: boolean },
): Knex.QueryBuilder {
  const query = db
    .from({ f: TABLES.findings })
    .groupBy('f.cluster_arn')
    .select('f.cluster_arn', ...openFindingColumns(db));
  if (!options.resolved) return query.whereNull('f.resolved_at');
  return query.select(
    // MTTR counts fixes only: unlinked, deleted or no longer judged is not fixed.
    db.raw(
      `sum(case when f.resolution = 'fixed' then 1 else 0 end) as resolved_count`,
    ),
    db.raw(
      `sum(case when f.resolution = 'fixed' then f.resolved_at - f.opened_at else 0 end) as resolved_millis`,
    ),
  );
}

/**
 * Sums of the {@link findingsPerCluster} columns of alias `alias`, under the
 * same names.
 */
export function summedFindingColumns(
  db: Knex,
  alias: string,
  options: { resolved: boolean },
): Knex.Raw[] {
  const columns = [
    ...SEVERITIES.map(severity => `open_${severity}`),
    ...(options.resolved ? ['resolved_count', 'resolved_millis'] : []),
  ];
  return columns.map(column =>
    db.raw('sum(??) as ??', [`${alias}.${column}`, column]),
  );
}

export type OpenFindingColumns = Partial<
  Record<`open_${Severity}`, DbBigInt | null>
>;

export function toFindingCounts(
  row: OpenFindingColumns | undefined,
): FindingCounts {
  const counts = emptyFindingCounts();
  if (!row) return counts;
  for (const severity of SEVERITIES) {
    counts[severity] = toNumber(row[`open_${severity}`]);
  }
  return counts;
}
