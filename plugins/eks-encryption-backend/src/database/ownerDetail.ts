import type { Knex } from 'knex';
import { InputError } from '@backstage/errors';
import {
  VERDICT_ORDER,
  gradeFor,
  type EntityVerdict,
  type OwnerDetail,
  type OwnerEntityRow,
} from 'backstage-plugin-eks-encryption-common';
import type {
  GetOwnerDetailOptions,
  OwnerRowsQuery,
} from './EksEncryptionStore';
import type { DbBigInt } from './tables';
import { EntityScope, entitySummaries } from './scope';
import {
  SEVERITIES,
  toFindingCounts,
  type OpenFindingColumns,
} from './findingCounts';
import { computeRollups, toOwnerRollup } from './rollups';
import { emptyRollup, type RollupNumbers } from './rollupNumbers';
import { storedCombinedRollup } from './storedRollups';
import type { ReadCoverage } from './readCoverage';
import { toBoolean, toIso, toNumber, toNumberOrNull } from './values';
import { assertLimit, assertOffset } from './limits';
import type { Freshness } from './freshness';

interface EntitySummaryRow extends OpenFindingColumns {
  entity_ref: string;
  owner_ref: string | null;
  clusters: DbBigInt;
  worst_rank: DbBigInt | null;
  min_score: DbBigInt | null;
  evaluated_at: DbBigInt | null;
  stale: DbBigInt | boolean | null;
}

function toOwnerEntityRow(row: EntitySummaryRow): OwnerEntityRow {
  const rank = toNumberOrNull(row.worst_rank);
  const verdict: EntityVerdict =
    rank === null ? 'not-evaluated' : VERDICT_ORDER[rank];
  const score = rank === null ? null : toNumberOrNull(row.min_score);
  return {
    entityRef: row.entity_ref,
    ownerRef: row.owner_ref ?? '',
    verdict,
    score,
    grade: score === null ? null : gradeFor(score, verdict),
    clusters: toNumber(row.clusters),
    openFindings: toFindingCounts(row),
    evaluatedAt: row.evaluated_at === null ? null : toIso(row.evaluated_at),
    stale: toBoolean(row.stale),
  };
}

const RANK_OF = Object.fromEntries(
  VERDICT_ORDER.map((verdict, rank) => [verdict, rank]),
) as Record<EntityVerdict, number>;

type RowOrder = (a: OwnerEntityRow, b: OwnerEntityRow) => number;

const byRef: RowOrder = (a, b) =>
  a.entityRef < b.entityRef ? -1 : Number(a.entityRef > b.entityRef);

/** Most open findings first, the most severe counting first. */
const byFindings: RowOrder = (a, b) =>
  SEVERITIES.reduce(
    (order, severity) =>
      order || b.openFindings[severity] - a.openFindings[severity],
    0,
  );

/** Lowest score first, entities without a score after every score. */
const byScore: RowOrder = (a, b) =>
  (a.score ?? Infinity) - (b.score ?? Infinity);

/** Worst first: verdict, then open findings, then score, then entity ref. */
const worstFirst: RowOrder = (a, b) =>
  RANK_OF[a.verdict] - RANK_OF[b.verdict] ||
  byFindings(a, b) ||
  byScore(a, b) ||
  byRef(a, b);

/** Row orders by `sort`, ties broken worst first. */
const ROW_ORDERS: Record<NonNullable<OwnerRowsQuery['sort']>, RowOrder> = {
  verdict: worstFirst,
  entity: byRef,
  score: (a, b) => byScore(a, b) || worstFirst(a, b),
  findings: (a, b) => byFindings(a, b) || worstFirst(a, b),
  owner: (a, b) =>
    a.ownerRef < b.ownerRef
      ? -1
      : Number(a.ownerRef > b.ownerRef) || worstFirst(a, b),
};

/** The page of rows `query` asks for, and how many rows match. */
function pageOfRows(
  rows: readonly EntitySummaryRow[],
  query: OwnerRowsQuery,
): { items: OwnerEntityRow[]; totalCount: number } {
  assertOffset(query.offset);
  if (query.limit !== undefined) assertLimit(query.limit);
  const search = query.search?.toLocaleLowerCase('en-US');
  const matching = search
    ? rows.filter(row =>
        [row.entity_ref, row.owner_ref ?? ''].some(ref =>
          ref.toLocaleLowerCase('en-US').includes(search),
        ),
      )
    : rows;
  const order = ROW_ORDERS[query.sort ?? 'verdict'];
  const sorted = matching
    .map(toOwnerEntityRow)
    .sort(query.order === 'desc' ? (a, b) => order(b, a) : order);
  const offset = query.offset ?? 0;
  return {
    items: sorted.slice(
      offset,
      query.limit === undefined ? undefined : offset + query.limit,
    ),
    totalCount: matching.length,
  };
}

/**
 * The owners' rollup together: from the stored rollups when the caller may
 * read every entity of each owner it can read at all, otherwise aggregated
 * over the readable entities.
 */
async function combinedRollup(
  db: Knex,
  freshness: Freshness,
  coverage: ReadCoverage,
  scope: EntityScope & { ownerRefs: readonly string[] },
): Promise<RollupNumbers> {
  const readable = scope.readable?.entityRefs;
  if (!readable) return storedCombinedRollup(db, freshness, scope.ownerRefs);
  return coverage.read(db, readable, async covered => {
    if (!scope.ownerRefs.some(owner => covered.partlyReadable.has(owner))) {
      return storedCombinedRollup(
        db,
        freshness,
        scope.ownerRefs.filter(owner => covered.fullyReadable.has(owner)),
      );
    }
    const rollups = await computeRollups(db, freshness, scope, {
      byOwner: false,
    });
    return rollups.get('') ?? emptyRollup();
  });
}

export async function getOwnerDetail(
  db: Knex,
  freshness: Freshness,
  coverage: ReadCoverage,
  ownerRefs: readonly string[],
  options: GetOwnerDetailOptions,
): Promise<OwnerDetail> {
  if (ownerRefs.length === 0) {
    throw new InputError('At least one owner ref is required');
  }
  const scope = { readable: options.readable, ownerRefs };
  // The rollup and the rows are independent reads: they go out together.
  const [numbers, rows] = await Promise.all([
    combinedRollup(db, freshness, coverage, scope),
    entitySummaries(db, freshness, { ownerRefs }) as Promise<
      EntitySummaryRow[]
    >,
  ]);
  // An owner's rows are few: the readable set filters them here rather than
  // travel to the database as a list of every readable ref.
  const readable = options.readable?.entityRefs;
  const summaries = readable
    ? rows.filter(row => readable.has(row.entity_ref))
    : rows;
  return {
    ...toOwnerRollup(ownerRefs[0], numbers),
    ownerRefs: [...ownerRefs],
    ...pageOfRows(summaries, options),
  };
}
