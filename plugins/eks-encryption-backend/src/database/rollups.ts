import type { Knex } from 'knex';
import type { OwnerRollup } from 'backstage-plugin-eks-encryption-common';
import type { DbBigInt } from './tables';
import { COMPLIANT_RANK } from './sql';
import {
  ClusterCountColumns,
  clusterCountColumns,
  toClusterCounts,
} from './clusterCounts';
import { EntityScope, entitySummaries, scopedClusters } from './scope';
import { clustersAsRead, type Freshness } from './freshness';
import {
  FindingTotalColumns,
  summedFindingTotals,
  toFindingCounts,
  toMttrHours,
} from './findingCounts';
import { toNumber } from './values';
import type { ReadCoverage } from './readCoverage';
import { storedOwnerRollups } from './storedRollups';
import { emptyRollup, type RollupNumbers } from './rollupNumbers';

/** Key of the single group when a rollup is not grouped by owner. */
const ALL = '';

type Grouped<T> = T & { owner_ref?: string | null };

/** `group by` the columns, if any (an empty `group by` is invalid SQL). */
function groupedBy(query: Knex.QueryBuilder, columns: string[]): void {
  if (columns.length > 0) query.groupBy(columns);
}

/**
 * Rollups of the entities in scope, computed by the database from the entity
 * links: one per owner when `byOwner`, otherwise one under the key `''`. A
 * cluster counts once per group however many of the group's entities link to
 * it. This serves callers who may read only part of what a stored rollup
 * covers.
 */
export async function computeRollups(
  db: Knex,
  freshness: Freshness,
  scope: EntityScope,
  options: { byOwner: boolean },
): Promise<Map<string, RollupNumbers>> {
  const { byOwner } = options;
  const groupColumns = byOwner ? ['owner_ref'] : [];
  const keyOf = (row: Grouped<object>) =>
    byOwner ? row.owner_ref ?? ALL : ALL;

  const entityRows: Grouped<{
    entities: DbBigInt;
    compliant_entities: DbBigInt | null;
  }>[] = await db
    .from(entitySummaries(db, freshness, scope).as('s'))
    .modify(groupedBy, groupColumns)
    .select(
      ...groupColumns,
      db.raw('count(*) as entities'),
      db.raw(
        'sum(case when worst_rank = ? then 1 else 0 end) as compliant_entities',
        [COMPLIANT_RANK],
      ),
    );

  const clusterRows: Grouped<FindingTotalColumns & ClusterCountColumns>[] =
    await db
      .from(scopedClusters(db, scope, byOwner).as('oc'))
      .join(clustersAsRead(db, freshness).as('c'), 'c.arn', 'oc.cluster_arn')
      .modify(
        groupedBy,
        groupColumns.map(c => `oc.${c}`),
      )
      .select(
        ...groupColumns.map(c => `oc.${c}`),
        ...clusterCountColumns(db, 'c'),
        ...summedFindingTotals(db, 'c'),
      );

  const rollups = new Map<string, RollupNumbers>();
  const rollupOf = (key: string) => {
    let rollup = rollups.get(key);
    if (!rollup) {
      rollup = emptyRollup();
      rollups.set(key, rollup);
    }
    return rollup;
  };
  for (const row of entityRows) {
    const rollup = rollupOf(keyOf(row));
    rollup.entities = toNumber(row.entities);
    rollup.compliantEntities = toNumber(row.compliant_entities);
  }
  for (const row of clusterRows) {
    const rollup = rollupOf(keyOf(row));
    Object.assign(rollup, toClusterCounts(row));
    rollup.openFindings = toFindingCounts(row);
    rollup.mttrHours = toMttrHours(row);
  }
  return rollups;
}

/** Plain code-point order, independent of the locale. */
function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

export function toOwnerRollup(
  ownerRef: string,
  numbers: RollupNumbers,
): OwnerRollup {
  return {
    ownerRef,
    entities: numbers.entities,
    compliantEntities: numbers.compliantEntities,
    clusters: numbers.clusters,
    compliantClusters: numbers.compliantClusters,
    openFindings: numbers.openFindings,
    mttrHours: numbers.mttrHours,
  };
}

/**
 * Every owner's rollup. Owners whose every entity the caller may read are
 * served from the stored rollups; owners the caller may read only in part are
 * aggregated over the readable entities; the others are left out.
 */
export async function listOwners(
  db: Knex,
  freshness: Freshness,
  coverage: ReadCoverage,
  scope: EntityScope,
): Promise<OwnerRollup[]> {
  const readable = scope.readable?.entityRefs;
  const rollups = readable
    ? await coverage.read(db, readable, async covered => {
        const partly = [...covered.partlyReadable];
        const [whole, part] = await Promise.all([
          storedOwnerRollups(db, freshness, [...covered.fullyReadable]),
          partly.length === 0
            ? new Map<string, RollupNumbers>()
            : computeRollups(
                db,
                freshness,
                { ...scope, ownerRefs: partly, ownedOnly: true },
                { byOwner: true },
              ),
        ]);
        return new Map([...whole, ...part]);
      })
    : await storedOwnerRollups(db, freshness);
  return [...rollups.entries()]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([ownerRef, numbers]) => toOwnerRollup(ownerRef, numbers));
}
