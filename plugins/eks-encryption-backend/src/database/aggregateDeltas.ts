import type { Knex } from 'knex';
import { TABLES, type DbBigInt } from './tables';
import {
  COMPLIANT_RANK,
  chunk,
  insertRows,
  rowsPerInsert,
  valueList,
} from './sql';
import { FINDING_TOTALS } from './findingCounts';
import {
  OWNER_ROLLUP_COLUMNS,
  bumpVersion,
  updateEntitySummaries,
  updateFindingTotals,
} from './aggregates';
import { toNumber } from './values';

/**
 * Aggregates of a refresh or a prune, kept in step by difference: what a few
 * clusters and entities contributed to their owners' rollups before the write
 * is taken away and what they contribute after is added, so the work follows
 * the entity refreshed (its clusters, the entities sharing them, their
 * owners' rows), never a whole owner or table.
 */

const CLUSTER_OFFSET = OWNER_ROLLUP_COLUMNS.indexOf('clusters');

interface State {
  /** A stored cluster's contribution to each owner holding it, from `clusters`. */
  clusters: Map<string, number[]>;
  /** A stored entity's owner and whether it counts as compliant. */
  entities: Map<string, { owner: string | null; compliant: boolean }>;
  /** Owner and cluster pairs of `owner_clusters`, as `owner\ncluster`. */
  members: Set<string>;
}

/** What the aggregates of some clusters and entities looked like before a write. */
export interface AggregateSnapshot {
  clusterArns: string[];
  entityRefs: string[];
  before: State;
}

const memberKey = (owner: string, arn: string) => `${owner}\n${arn}`;

/**
 * Takes the snapshot before a write: `clusters` it may change (judged, linked
 * or unlinked) and `entities` it may replace; every entity linked to one of
 * those clusters comes too (its verdict may change).
 */
export async function captureAggregates(
  trx: Knex.Transaction,
  changing: { clusters: readonly string[]; entities: readonly string[] },
): Promise<AggregateSnapshot> {
  const clusterArns = [...new Set(changing.clusters)];
  const linked: { entity_ref: string }[] =
    clusterArns.length === 0
      ? []
      : await trx(TABLES.entityClusters)
          .whereIn('cluster_arn', valueList(trx, clusterArns))
          .distinct('entity_ref');
  const entityRefs = [
    ...new Set([...changing.entities, ...linked.map(l => l.entity_ref)]),
  ];
  return {
    clusterArns,
    entityRefs,
    before: await readState(trx, clusterArns, entityRefs),
  };
}

/**
 * After the write: refreshes the snapshot's finding totals and entity
 * verdicts, their owners' cluster sets, and adds the difference to each
 * owner's rollup.
 */
export async function applyAggregateChanges(
  trx: Knex.Transaction,
  snapshot: AggregateSnapshot,
): Promise<void> {
  const { clusterArns, entityRefs, before } = snapshot;
  await updateFindingTotals(trx, clusterArns);
  await updateEntitySummaries(trx, entityRefs);
  const members = await membersFromLinks(trx, clusterArns);
  await replaceMembers(trx, before.members, members);
  const after = await readState(trx, clusterArns, entityRefs);

  const deltas = new Map<string, number[]>();
  const add = (owner: string, sign: 1 | -1, values: number[], from = 0) => {
    const delta = deltas.get(owner) ?? OWNER_ROLLUP_COLUMNS.map(() => 0);
    values.forEach((value, i) => {
      delta[from + i] += sign * value;
    });
    deltas.set(owner, delta);
  };
  const entityPart = (state: State, sign: 1 | -1) => {
    for (const { owner, compliant } of state.entities.values()) {
      if (owner !== null) add(owner, sign, [1, compliant ? 1 : 0]);
    }
  };
  const clusterPart = (state: State, keys: Set<string>, sign: 1 | -1) => {
    for (const key of keys) {
      const [owner, arn] = key.split('\n');
      const values = state.clusters.get(arn);
      if (values) add(owner, sign, values, CLUSTER_OFFSET);
    }
  };
  entityPart(before, -1);
  entityPart(after, 1);
  clusterPart(before, before.members, -1);
  clusterPart(after, members, 1);
  await addToOwnerRollups(trx, deltas);
  await addToOrgRollup(trx, clusterArns, before, after);
  await bumpVersion(trx);
}

async function readState(
  trx: Knex.Transaction,
  clusterArns: readonly string[],
  entityRefs: readonly string[],
): Promise<State> {
  const state: State = {
    clusters: new Map(),
    entities: new Map(),
    members: new Set(),
  };
  if (clusterArns.length > 0) {
    const clusters: ({
      arn: string;
      verdict: string;
      is_production: boolean | number;
    } & Record<string, DbBigInt>)[] = await trx(TABLES.clusters)
      .whereIn('arn', valueList(trx, clusterArns))
      .select('arn', 'verdict', 'is_production', ...FINDING_TOTALS);
    for (const c of clusters) {
      const compliant = c.verdict === 'compliant' ? 1 : 0;
      const production = c.is_production ? 1 : 0;
      state.clusters.set(c.arn, [
        1,
        compliant,
        production,
        compliant * production,
        ...FINDING_TOTALS.map(column => toNumber(c[column])),
      ]);
    }
    const members: { owner_ref: string; cluster_arn: string }[] = await trx(
      TABLES.ownerClusters,
    )
      .whereIn('cluster_arn', valueList(trx, clusterArns))
      .select('owner_ref', 'cluster_arn');
    for (const m of members) {
      state.members.add(memberKey(m.owner_ref, m.cluster_arn));
    }
  }
  if (entityRefs.length > 0) {
    const entities: {
      entity_ref: string;
      owner_ref: string | null;
      verdict_rank: DbBigInt | null;
    }[] = await trx(TABLES.entities)
      .whereIn('entity_ref', valueList(trx, entityRefs))
      .select('entity_ref', 'owner_ref', 'verdict_rank');
    for (const e of entities) {
      state.entities.set(e.entity_ref, {
        owner: e.owner_ref,
        compliant:
          e.verdict_rank !== null &&
          toNumber(e.verdict_rank) === COMPLIANT_RANK,
      });
    }
  }
  return state;
}

/** Which owners hold these clusters now, from the entity links. */
async function membersFromLinks(
  trx: Knex.Transaction,
  clusterArns: readonly string[],
): Promise<Set<string>> {
  if (clusterArns.length === 0) return new Set();
  const rows: { owner_ref: string; cluster_arn: string }[] = await trx
    .from({ l: TABLES.entityClusters })
    .join({ e: TABLES.entities }, 'e.entity_ref', 'l.entity_ref')
    .join({ c: TABLES.clusters }, 'c.arn', 'l.cluster_arn')
    .whereIn('l.cluster_arn', valueList(trx, clusterArns))
    .whereNotNull('e.owner_ref')
    .distinct('e.owner_ref', 'l.cluster_arn');
  return new Set(rows.map(r => memberKey(r.owner_ref, r.cluster_arn)));
}

async function replaceMembers(
  trx: Knex.Transaction,
  before: Set<string>,
  after: Set<string>,
): Promise<void> {
  const pairs = (keys: string[]) =>
    keys.map(key => {
      const [owner_ref, cluster_arn] = key.split('\n');
      return { owner_ref, cluster_arn };
    });
  for (const { owner_ref, cluster_arn } of pairs(
    [...before].filter(key => !after.has(key)),
  )) {
    await trx(TABLES.ownerClusters).where({ owner_ref, cluster_arn }).delete();
  }
  const added = pairs([...after].filter(key => !before.has(key)));
  await insertRows(trx, TABLES.ownerClusters, added);
}

/** Adds each owner's delta to its row (a new owner gets one); empty owners go. */
async function addToOwnerRollups(
  trx: Knex.Transaction,
  deltas: Map<string, number[]>,
): Promise<void> {
  const rows = [...deltas]
    .filter(([, delta]) => delta.some(value => value !== 0))
    .map(([owner, delta]) => ({
      owner_ref: owner,
      ...Object.fromEntries(OWNER_ROLLUP_COLUMNS.map((c, i) => [c, delta[i]])),
    }));
  if (rows.length === 0) return;
  const sum = Object.fromEntries(
    OWNER_ROLLUP_COLUMNS.map(column => [
      column,
      trx.raw('?? + excluded.??', [`${TABLES.ownerRollups}.${column}`, column]),
    ]),
  );
  for (const batch of chunk(
    rows,
    rowsPerInsert(trx, OWNER_ROLLUP_COLUMNS.length + 1),
  )) {
    await trx(TABLES.ownerRollups)
      .insert(batch)
      .onConflict('owner_ref')
      .merge(sum);
  }
  await trx(TABLES.ownerRollups)
    .whereIn(
      'owner_ref',
      valueList(
        trx,
        rows.map(r => r.owner_ref),
      ),
    )
    .where('entities', '<=', 0)
    .delete();
}

/** The organisation holds every stored cluster once. */
async function addToOrgRollup(
  trx: Knex.Transaction,
  clusterArns: readonly string[],
  before: State,
  after: State,
): Promise<void> {
  const columns = OWNER_ROLLUP_COLUMNS.slice(CLUSTER_OFFSET);
  const delta = columns.map(() => 0);
  for (const arn of clusterArns) {
    columns.forEach((_, i) => {
      delta[i] +=
        (after.clusters.get(arn)?.[i] ?? 0) -
        (before.clusters.get(arn)?.[i] ?? 0);
    });
  }
  if (delta.every(value => value === 0)) return;
  await trx(TABLES.orgRollup)
    .where({ id: 1 })
    .update(
      Object.fromEntries(
        columns.map((column, i) => [
          column,
          trx.raw('?? + ?', [column, delta[i]]),
        ]),
      ),
    );
}
