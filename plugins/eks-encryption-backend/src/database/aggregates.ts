import type { Knex } from 'knex';
import { VERDICT_ORDER } from 'backstage-plugin-eks-encryption-common';
import { TABLES } from './tables';
import { COMPLIANT_RANK, valueList, verdictRank } from './sql';
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

const INCOMPLETE_RANK = VERDICT_ORDER.indexOf('incomplete');

/** Restricts `column` to `values`, or not at all when `values` is undefined. */
function whereIn(
  db: Knex,
  query: Knex.QueryBuilder,
  column: string,
  values: readonly string[] | undefined,
): Knex.QueryBuilder {
  return values === undefined
    ? query
    : query.whereIn(column, valueList(db, values));
}

/**
 * Rebuilds every aggregate from the stored results: after a full run, and
 * once after the migration. A refresh or a prune changes them by difference
 * instead (aggregateDeltas.ts).
 */
export async function rebuildAggregates(trx: Knex.Transaction): Promise<void> {
  await updateFindingTotals(trx, undefined);
  await updateEntityVerdicts(trx, undefined);
  await rebuildOwnerClusters(trx);
  await rebuildOwnerRollups(trx);
  await bumpVersion(trx);
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

/** Open findings by severity and fixed-finding totals per cluster (all when undefined). */
export async function updateFindingTotals(
  trx: Knex.Transaction,
  clusters: readonly string[] | undefined,
): Promise<void> {
  if (clusters?.length === 0) return;
  const findingsOf = (condition: string, value: string) =>
    trx.raw(
      `(select ${value} from ?? f where f.cluster_arn = ??.arn and ${condition})`,
      [TABLES.findings, TABLES.clusters],
    );
  const totals: Record<string, Knex.Raw> = {};
  for (const severity of SEVERITIES) {
    totals[`open_${severity}`] = findingsOf(
      `f.resolved_at is null and f.severity = '${severity}'`,
      'count(*)',
    );
  }
  // MTTR counts fixes only: unlinked, deleted or no longer judged is not fixed.
  totals.fixed_count = findingsOf(`f.resolution = 'fixed'`, 'count(*)');
  totals.fixed_millis = findingsOf(
    `f.resolution = 'fixed'`,
    'coalesce(sum(f.resolved_at - f.opened_at), 0)',
  );
  await whereIn(trx, trx(TABLES.clusters), 'arn', clusters).update(totals);
}

/**
 * Each entity's worst stored cluster verdict (before staleness) and the time
 * of its oldest evidence: compliant at read time when that evidence is fresh.
 */
export async function updateEntityVerdicts(
  trx: Knex.Transaction,
  entities: readonly string[] | undefined,
): Promise<void> {
  if (entities?.length === 0) return;
  const overClusters = (value: string | Knex.Raw) =>
    trx.raw(
      `(select ${
        typeof value === 'string' ? value : '?'
      } from ?? l join ?? c on c.arn = l.cluster_arn where l.entity_ref = ??.entity_ref)`,
      [
        ...(typeof value === 'string' ? [] : [value]),
        TABLES.entityClusters,
        TABLES.clusters,
        TABLES.entities,
      ],
    );
  await whereIn(trx, trx(TABLES.entities), 'entity_ref', entities).update({
    verdict_rank: overClusters(
      trx.raw('min(?)', [verdictRank(trx, 'c.verdict')]),
    ),
    evidence_at: overClusters('min(c.evaluated_at)'),
  });
  // An entity is only as good as what could be checked.
  await whereIn(trx, trx(TABLES.entities), 'entity_ref', entities)
    .whereNot('annotation_errors', '[]')
    .where(q =>
      q.whereNull('verdict_rank').orWhere('verdict_rank', '>', INCOMPLETE_RANK),
    )
    .update({ verdict_rank: INCOMPLETE_RANK });
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
    .into(trx.raw('?? (owner_ref, cluster_arn)', [TABLES.ownerClusters]))
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
      trx.raw('count(*) as clusters'),
      trx.raw(
        `sum(case when c.verdict = 'compliant' then 1 else 0 end) as compliant_clusters`,
      ),
      trx.raw(
        'sum(case when c.is_production then 1 else 0 end) as production_clusters',
      ),
      trx.raw(
        `sum(case when c.is_production and c.verdict = 'compliant' then 1 else 0 end) as compliant_production_clusters`,
      ),
      ...summedFindingTotals(trx, 'c'),
    );
  const zeros = ['clusters', 'compliant_clusters', 'production_clusters']
    .concat('compliant_production_clusters', FINDING_TOTALS)
    .map(column => trx.raw('coalesce(??, 0) as ??', [`ct.${column}`, column]));
  const rows = trx
    .from(entityTotals.as('et'))
    .leftJoin(clusterTotals.as('ct'), 'ct.owner_ref', 'et.owner_ref')
    .select('et.owner_ref', 'et.entities', 'et.compliant_entities', ...zeros);
  const columns = [
    'owner_ref',
    'entities',
    'compliant_entities',
    'clusters',
    'compliant_clusters',
    'production_clusters',
    'compliant_production_clusters',
    ...FINDING_TOTALS,
  ];
  await trx
    .into(
      trx.raw(`?? (${columns.map(() => '??').join(', ')})`, [
        TABLES.ownerRollups,
        ...columns,
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
    .select(
      's.day',
      trx.raw('count(*) as clusters'),
      trx.raw(
        `sum(case when s.verdict = 'compliant' then 1 else 0 end) as compliant_clusters`,
      ),
      trx.raw(
        'sum(case when s.is_production then 1 else 0 end) as production_clusters',
      ),
      trx.raw(
        `sum(case when s.is_production and s.verdict = 'compliant' then 1 else 0 end) as compliant_production_clusters`,
      ),
    );
  await trx
    .into(
      trx.raw(
        '?? (day, clusters, compliant_clusters, production_clusters, compliant_production_clusters)',
        [TABLES.dailyTotals],
      ),
    )
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
    await rebuildAggregates(trx);
  });
}
