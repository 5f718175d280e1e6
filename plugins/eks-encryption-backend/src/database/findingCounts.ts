import type { Knex } from 'knex';
import type {
  FindingCounts,
  Severity,
} from 'backstage-plugin-eks-encryption-common';
import { millisToHours, toNumber } from './values';
import type { DbBigInt } from './tables';

export const SEVERITIES: readonly Severity[] = [
  'critical',
  'high',
  'medium',
  'low',
];

/**
 * The finding totals each cluster row keeps (see aggregates.ts), and each
 * owner rollup sums: open findings by severity, and the count and summed
 * duration of fixed findings (the inputs of MTTR).
 */
export const FINDING_TOTALS = [
  ...SEVERITIES.map(severity => `open_${severity}`),
  'fixed_count',
  'fixed_millis',
];

export type OpenFindingColumns = Partial<
  Record<`open_${Severity}`, DbBigInt | null>
>;

export type FindingTotalColumns = OpenFindingColumns & {
  fixed_count?: DbBigInt | null;
  fixed_millis?: DbBigInt | null;
};

export function emptyFindingCounts(): FindingCounts {
  return { critical: 0, high: 0, medium: 0, low: 0 };
}

/** Sums of the {@link FINDING_TOTALS} of alias `alias`, under the same names. */
export function summedFindingTotals(db: Knex, alias: string): Knex.Raw[] {
  return FINDING_TOTALS.map(column =>
    db.raw('sum(??) as ??', [`${alias}.${column}`, column]),
  );
}

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

/** Mean hours from opening to fixing, or null without fixes. */
export function toMttrHours(row: FindingTotalColumns): number | null {
  const fixed = toNumber(row.fixed_count);
  return fixed === 0 ? null : millisToHours(toNumber(row.fixed_millis) / fixed);
}
