import type { Knex } from 'knex';
import { TABLES } from './tables';
import { CLUSTER_COUNTS, clusterCountColumns } from './clusterCounts';
import {
  COMPLIANT_RANK,
  INCOMPLETE_RANK,
  isPostgres,
  verdictRank,
  whereInUnlessAll,
} from './sql';
import {
  FINDING_TOTALS,
  SEVERITIES,
  summedFindingTotals,
} from './findingCounts';

/**
 * The rollups kept with the results (migration `20261130000000_rollups`):
 * per-cluster finding totals, each entity's stored verdict, each owner's
 * cluster set and rollup, and the totals of each closed day. Every write
 * maintains them in its own transaction; staleness is left to the reads.
 */

/** Columns of `owner_rollups` besides its key. */
export const OWNER_ROLLUP_COLUMNS = [
  'entities',
  'compliant_entities',
  ...CLUSTER_COUNTS,
  ...FINDING_TOTALS,
];

/** `table (columns)`, the target of an `insert … select`. */
function intoColumns(
  db: Knex,
  table: string,
  columns: readonly string[],
): Knex.Raw {
  return db.raw(`?? (${columns.map(() => '??').join(', ')})`, [
    table,
    ...columns,
  ]);
}

/**
 * Rebuilds every aggregate from the stored results: after a full run, and
 * once after the migration; owners' cluster sets only when they may have
 * changed. A refresh or a prune changes them by difference
 * instead (aggregateDeltas.ts).
 */
export async function rebuildAggregates(
  trx: Knex.Transaction,
  options: {
    ownerClusters: boolean;
    /**
     * Clusters whose finding totals may have moved (every cluster when
     * undefined): a full run changes few, and recounting every cluster reads
     * every finding kept for the history window.
     */
    findingTotalsOf?: readonly string[];
    /** A full run's links read time, which its entities take (see {@link updateEntitySummaries}). */
    linksReadAt?: number;
  },
): Promise<void> {
  await updateFindingTotals(trx, options.findingTotalsOf);
  await updateEntitySummaries(trx, undefined, options.linksReadAt);
  if (options.ownerClusters) await rebuildOwnerClusters(trx);
  await rebuildOwnerRollups(trx);
  await rebuildOrgRollup(trx);
  await bumpVersion(trx);
}

/** The organisation's row: every stored cluster once. */
async function rebuildOrgRollup(trx: Knex.Transaction): Promise<void> {
  const [totals] = await trx
    .from({ c: TABLES.clusters })
    .select(...clusterCountColumns(trx, 'c'), ...summedFindingTotals(trx, 'c'));
  await trx(TABLES.orgRollup)
    .where({ id: 1 })
    .update(
      Object.fromEntries(
        Object.entries(totals).map(([column, value]) => [column, value ?? 0]),
      ),
    );
}

/** Readers memoize on this version: every write moves it on. */
export async function bumpVersion(trx: Knex.Transaction): Promise<void> {
  await trx(TABLES.aggregateState)
    .where({ id: 1 })
    .update({ version: trx.raw('version + 1'), built: true });
}

/** Whether the aggregates were ever built (false right after the migration). */
async function aggregatesBuilt(db: Knex): Promise<boolean> {
  const row = await db(TABLES.aggregateState).where({ id: 1 }).first('built');
  return Boolean(row?.built);
}

/** The version readers key their memos by. */
export async function aggregateVersion(db: Knex): Promise<string> {
  const row = await db(TABLES.aggregateState).where({ id: 1 }).first('version');
  return String(row?.version ?? 0);
}

/**
 * `update <table> set <columns> from (<grouped>) s where s.<key> = <table>.<key>`:
 * one statement for every row, whichever database. `grouped` must give a row
 * for each row to update (left joins), so that a row without matches resets.
 * Rows whose columns already hold the values are left alone: between runs
 * most do, and rewriting them costs every index on the table.
 */
async function updateFrom(
  trx: Knex.Transaction,
  table: string,
  key: string,
  columns: readonly string[],
  grouped: Knex.QueryBuilder,
): Promise<void> {
  const { sql, bindings } = grouped.toSQL();
  const set = columns.map(column => `${column} = s.${column}`).join(', ');
  const distinct = isPostgres(trx) ? 'is distinct from' : 'is not';
  const changed = columns
    .map(column => `${table}.${column} ${distinct} s.${column}`)
    .join(' or ');
  await trx.raw(
    `update ${table} set ${set} from (${sql}) s where s.${key} = ${table}.${key} and (${changed})`,
    bindings,
  );
}

/** Open findings by severity and fixed-finding totals per cluster (all when undefined). */
export async function updateFindingTotals(
  trx: Knex.Transaction,
  clusters: readonly string[] | undefined,
): Promise<void> {
  if (clusters?.length === 0) return;
  const count = (condition: string) =>
    trx.raw(`sum(case when ${condition} then 1 else 0 end)`);
  const totals = whereInUnlessAll(
    trx,
    trx
      .from({ c: TABLES.clusters })
      .leftJoin({ f: TABLES.findings }, 'f.cluster_arn', 'c.arn')
      .groupBy('c.arn')
      .select(
        'c.arn',
        ...SEVERITIES.map(severity =>
          trx.raw('? as ??', [
            count(`f.resolved_at is null and f.severity = '${severity}'`),
            `open_${severity}`,
          ]),
        ),
        // MTTR counts fixes only: unlinked, deleted or no longer judged is not fixed.
        trx.raw('? as fixed_count', [count(`f.resolution = 'fixed'`)]),
        trx.raw(
          `coalesce(sum(case when f.resolution = 'fixed' then f.resolved_at - f.opened_at else 0 end), 0) as fixed_millis`,
        ),
      ),
    'c.arn',
    clusters,
  );
  await updateFrom(trx, TABLES.clusters, 'arn', FINDING_TOTALS, totals);
}

/** The entity summary columns {@link updateEntitySummaries} keeps. */
const ENTITY_SUMMARY = [
  'verdict_rank',
  'evidence_at',
  'cluster_count',
  'min_score',
  'stale_clusters',
  ...SEVERITIES.map(severity => `open_${severity}`),
];

/**
 * Each entity's summary over its stored clusters, before staleness: worst
 * verdict (capped at `incomplete` by annotation errors: an entity is only as
 * good as what could be checked), oldest evidence (compliant at read time
 * while it is fresh), cluster count, lowest score, clusters whose latest read
 * failed, and open findings. With `linksReadAt`, an entity read before it
 * takes it as `updated_at` in the same statement: a full run then rewrites
 * each entity row once, not twice.
 */
export async function updateEntitySummaries(
  trx: Knex.Transaction,
  entities: readonly string[] | undefined,
  linksReadAt?: number,
): Promise<void> {
  if (entities?.length === 0) return;
  const rank = trx.raw('min(?)', [verdictRank(trx, 'c.verdict')]);
  const summaries = whereInUnlessAll(
    trx,
    trx
      .from({ e: TABLES.entities })
      .leftJoin({ l: TABLES.entityClusters }, 'l.entity_ref', 'e.entity_ref')
      .leftJoin({ c: TABLES.clusters }, 'c.arn', 'l.cluster_arn')
      .groupBy('e.entity_ref', 'e.annotation_errors')
      .select(
        'e.entity_ref',
        trx.raw(
          `case when e.annotation_errors <> '[]' and (? is null or ? > ${INCOMPLETE_RANK}) then ${INCOMPLETE_RANK} else ? end as verdict_rank`,
          [rank, rank, rank],
        ),
        trx.raw('min(c.evaluated_at) as evidence_at'),
        trx.raw('count(c.arn) as cluster_count'),
        trx.raw('min(c.score) as min_score'),
        trx.raw('sum(case when c.stale then 1 else 0 end) as stale_clusters'),
        ...SEVERITIES.map(severity =>
          trx.raw('coalesce(sum(??), 0) as ??', [
            `c.open_${severity}`,
            `open_${severity}`,
          ]),
        ),
      ),
    'e.entity_ref',
    entities,
  );
  if (linksReadAt !== undefined) {
    summaries.select(
      trx.raw(
        'case when max(e.updated_at) < ? then ? else max(e.updated_at) end as updated_at',
        [linksReadAt, linksReadAt],
      ),
    );
  }
  await updateFrom(
    trx,
    TABLES.entities,
    'entity_ref',
    linksReadAt === undefined
      ? ENTITY_SUMMARY
      : [...ENTITY_SUMMARY, 'updated_at'],
    summaries,
  );
}

/** Each owner's distinct stored clusters, linked through its entities. */
async function rebuildOwnerClusters(trx: Knex.Transaction): Promise<void> {
  await trx(TABLES.ownerClusters).delete();
  const linked = trx
    .from({ e: TABLES.entities })
    .join({ l: TABLES.entityClusters }, 'l.entity_ref', 'e.entity_ref')
    .join({ c: TABLES.clusters }, 'c.arn', 'l.cluster_arn')
    .whereNotNull('e.owner_ref')
    .distinct('e.owner_ref', 'l.cluster_arn');
  await trx
    .into(intoColumns(trx, TABLES.ownerClusters, ['owner_ref', 'cluster_arn']))
    .insert(linked);
}

/**
 * Each owner's rollup row: entities by stored verdict, and its cluster set's
 * counts and finding totals (a cluster counts once per owner).
 */
async function rebuildOwnerRollups(trx: Knex.Transaction): Promise<void> {
  await trx(TABLES.ownerRollups).delete();
  const entityTotals = trx
    .from({ e: TABLES.entities })
    .whereNotNull('e.owner_ref')
    .groupBy('e.owner_ref')
    .select(
      'e.owner_ref',
      trx.raw('count(*) as entities'),
      trx.raw(
        'sum(case when e.verdict_rank = ? then 1 else 0 end) as compliant_entities',
        [COMPLIANT_RANK],
      ),
    );
  const clusterTotals = trx
    .from({ oc: TABLES.ownerClusters })
    .join({ c: TABLES.clusters }, 'c.arn', 'oc.cluster_arn')
    .groupBy('oc.owner_ref')
    .select(
      'oc.owner_ref',
      ...clusterCountColumns(trx, 'c'),
      ...summedFindingTotals(trx, 'c'),
    );
  const zeros = [...CLUSTER_COUNTS, ...FINDING_TOTALS].map(column =>
    trx.raw('coalesce(??, 0) as ??', [`ct.${column}`, column]),
  );
  const rows = trx
    .from(entityTotals.as('et'))
    .leftJoin(clusterTotals.as('ct'), 'ct.owner_ref', 'et.owner_ref')
    .select('et.owner_ref', 'et.entities', 'et.compliant_entities', ...zeros);
  await trx
    .into(
      intoColumns(trx, TABLES.ownerRollups, [
        'owner_ref',
        ...OWNER_ROLLUP_COLUMNS,
      ]),
    )
    .insert(rows);
}

/**
 * Totals of each day before `today` that has snapshots but no totals yet; a
 * day is final once it is over. Called on the first write of a day.
 */
export async function closeDays(
  trx: Knex.Transaction,
  today: string,
): Promise<void> {
  const closed = trx(TABLES.dailyTotals).select('day');
  const totals = trx
    .from({ s: TABLES.dailyVerdicts })
    .where('s.day', '<', today)
    .whereNotIn('s.day', closed)
    .groupBy('s.day')
    .select('s.day', ...clusterCountColumns(trx, 's'));
  await trx
    .into(intoColumns(trx, TABLES.dailyTotals, ['day', ...CLUSTER_COUNTS]))
    .insert(totals);
}

/** A write for `day` reopens it and every later day (a clock set back in tests). */
export async function reopenDays(
  trx: Knex.Transaction,
  day: string,
): Promise<void> {
  await trx(TABLES.dailyTotals).where('day', '>=', day).delete();
}

/**
 * Builds every aggregate from the stored results, once, after the migration
 * that added them (an upgraded installation keeps its history).
 */
export async function buildAggregatesOnce(
  db: Knex,
  today: string,
  serializeWriters: (trx: Knex.Transaction) => Promise<void>,
): Promise<void> {
  if (await aggregatesBuilt(db)) return;
  await db.transaction(async trx => {
    await serializeWriters(trx);
    if (await aggregatesBuilt(trx)) return;
    await trx(TABLES.dailyVerdicts)
      .whereNull('evidence_age')
      .update({ evidence_age: trx.raw('day_end_at - evaluated_at') });
    await closeDays(trx, today);
    await rebuildAggregates(trx, { ownerClusters: true });
    // Verdicts stored before the change log existed are known, not changes.
    await trx(TABLES.entities).update({
      logged_verdict_rank: trx.raw('coalesce(verdict_rank, -1)'),
    });
  });
}
