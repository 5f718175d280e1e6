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
import { emptyRollup } from './rollupNumbers';
import { storedCombinedRollup } from './storedRollups';
import type { ReadCoverage } from './readCoverage';
import { byteOrder, likePattern } from './sql';
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

/** `order by` terms over the rows of {@link entitySummaries} (alias `e`). */
type Term = readonly [expression: string, direction: 'asc' | 'desc'];

const NOT_EVALUATED_RANK = VERDICT_ORDER.indexOf('not-evaluated');

/** Row orders by `sort`, ties broken worst first. */
function rowOrders(
  db: Knex,
): Record<NonNullable<OwnerRowsQuery['sort']>, Term[]> {
  const byRef: Term[] = [[byteOrder(db, 'e.entity_ref'), 'asc']];
  // Most open findings first, the most severe counting first.
  const byFindings: Term[] = SEVERITIES.map(s => [`e.open_${s}`, 'desc']);
  // Lowest score first; entities without a score after every score.
  const byScore: Term[] = [
    [
      'case when e.worst_rank is null or e.min_score is null then 1 else 0 end',
      'asc',
    ],
    ['case when e.worst_rank is null then null else e.min_score end', 'asc'],
  ];
  const worstFirst: Term[] = [
    [`coalesce(e.worst_rank, ${NOT_EVALUATED_RANK})`, 'asc'],
    ...byFindings,
    ...byScore,
    ...byRef,
  ];
  return {
    verdict: worstFirst,
    entity: byRef,
    score: [...byScore, ...worstFirst],
    findings: [...byFindings, ...worstFirst],
    owner: [[byteOrder(db, "coalesce(e.owner_ref, '')"), 'asc'], ...worstFirst],
  };
}

/**
 * The page of rows `query` asks for, and with a search how many rows match:
 * searched, sorted and paged in the database, so a page costs its rows, not
 * the owner's (10,000 for a parent group with its children). Without a search
 * the rows are the rollup's entities, which the rollup counts.
 */
async function pageOfRows(
  db: Knex,
  freshness: Freshness,
  scope: EntityScope,
  query: OwnerRowsQuery,
): Promise<{ items: OwnerEntityRow[]; totalCount?: number }> {
  const matching = entitySummaries(db, freshness, scope);
  if (query.search) {
    const pattern = likePattern(query.search);
    matching.where(search =>
      search
        .whereRaw(`lower(e.entity_ref) like ? escape '\\'`, [pattern])
        .orWhereRaw(`lower(coalesce(e.owner_ref, '')) like ? escape '\\'`, [
          pattern,
        ]),
    );
  }
  const flip = query.order === 'desc';
  const offset = query.offset ?? 0;
  const page = matching.clone().offset(offset);
  // The count rides along with the page: one round trip.
  if (query.search) page.select(db.raw('count(*) over () as total_count'));
  for (const [expression, direction] of rowOrders(db)[
    query.sort ?? 'verdict'
  ]) {
    const reversed = direction === 'asc' ? 'desc' : 'asc';
    page.orderByRaw(`${expression} ${flip ? reversed : direction}`);
  }
  if (query.limit !== undefined) page.limit(query.limit);
  const rows: (EntitySummaryRow & { total_count?: DbBigInt })[] = await page;
  const items = rows.map(toOwnerEntityRow);
  if (!query.search) return { items };
  // Past the last row the page is empty and says nothing: count apart.
  const countApart = async () => {
    const [{ n }] = await matching.clone().clearSelect().count({ n: '*' });
    return toNumber(n);
  };
  const totalCount =
    rows.length > 0 || offset === 0
      ? toNumber(rows[0]?.total_count)
      : await countApart();
  return { items, totalCount };
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
  assertOffset(options.offset);
  if (options.limit !== undefined) assertLimit(options.limit);
  // The rollup and the rows are independent reads: they go out together.
  const read = (scope: EntityScope & { ownerRefs: readonly string[] }) =>
    Promise.all([
      scope.readable
        ? computeRollups(db, freshness, scope, { byOwner: false }).then(
            rollups => rollups.get('') ?? emptyRollup(),
          )
        : storedCombinedRollup(db, freshness, scope.ownerRefs),
      pageOfRows(db, freshness, scope, options),
    ]);
  const readable = options.readable?.entityRefs;
  // The stored rollup serves the owners the caller reads in full; an owner
  // read in part is aggregated over its readable entities.
  const [numbers, page] = readable
    ? await coverage.read(db, readable, covered =>
        ownerRefs.some(owner => covered.partlyReadable.has(owner))
          ? read({ ownerRefs, readable: options.readable })
          : read({
              ownerRefs: ownerRefs.filter(owner =>
                covered.fullyReadable.has(owner),
              ),
            }),
      )
    : await read({ ownerRefs });
  return {
    ...toOwnerRollup(ownerRefs[0], numbers),
    ownerRefs: [...ownerRefs],
    items: page.items,
    totalCount: page.totalCount ?? numbers.entities,
  };
}
