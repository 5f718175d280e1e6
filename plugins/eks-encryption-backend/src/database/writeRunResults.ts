import type { Knex } from 'knex';
import type {
  CheckId,
  ClusterEvaluation,
  Severity,
} from 'backstage-plugin-eks-encryption-common';
import type {
  EntityRunInput,
  RunResults,
  RunWriteSummary,
} from './EksEncryptionStore';
import {
  ClusterRow,
  EntityClusterRow,
  EntityRow,
  FindingRow,
  FinishedUpdateRow,
  RunRow,
  TABLES,
} from './tables';
import { chunk, isPostgres, rowsPerInsert, valueList } from './sql';
import { toMillis, utcDay } from './values';
import { groupBy, uniqueBy } from './collections';

/** Advisory lock key of run writes: an arbitrary constant pair. */
const WRITE_LOCK = [0x454b53, 0x77726974];

/**
 * Writes one run's results in a single transaction; see
 * `EksEncryptionStore.writeRunResults` for the rules.
 */
export async function writeRunResults(
  db: Knex,
  results: RunResults,
): Promise<RunWriteSummary> {
  const nowMs = results.now.getTime();
  const entities = uniqueBy(results.entities, e => e.entityRef);
  const evaluations = uniqueBy(results.clusters, c => c.arn);

  return db.transaction(async trx => {
    await serializeWriters(trx);
    await replaceEntities(trx, results.replace, entities, nowMs);

    const keptArns = await clustersWithPreviousEvaluation(
      trx,
      evaluations.filter(e => e.verdict === 'error').map(e => e.arn),
    );
    const stale = evaluations.filter(e => keptArns.has(e.arn));
    const fresh = evaluations.filter(e => !keptArns.has(e.arn));
    await upsertClusters(trx, fresh, results.productionValues, nowMs);
    await markStale(trx, stale, nowMs);

    const findings = await recordFindings(
      trx,
      fresh.filter(e => e.verdict !== 'error'),
      nowMs,
    );
    const clustersRemoved = await removeUnlinkedClusters(trx);
    await snapshotDay(trx, utcDay(results.now));
    await rememberFinishedUpdates(trx, results, nowMs);

    if (results.runId) {
      await trx<RunRow>(TABLES.runs)
        .where({ id: results.runId })
        .update({
          entities: entities.length,
          cluster_errors: evaluations.filter(e => e.verdict === 'error').length,
        });
    }

    return {
      entities: entities.length,
      clusters: evaluations.length,
      staleClusters: stale.length,
      findingsOpened: findings.opened,
      findingsResolved: findings.resolved,
      clustersRemoved,
    };
  });
}

/**
 * Replicas write one run at a time: a scheduled run and a refresh on another
 * replica would otherwise race on links and findings. SQLite has a single
 * writer already; PostgreSQL takes a lock released at commit or rollback.
 */
async function serializeWriters(trx: Knex.Transaction): Promise<void> {
  if (isPostgres(trx)) {
    await trx.raw('select pg_advisory_xact_lock(?, ?)', WRITE_LOCK);
  }
}

async function replaceEntities(
  trx: Knex.Transaction,
  replace: RunResults['replace'],
  entities: readonly EntityRunInput[],
  nowMs: number,
): Promise<void> {
  const refs = entities.map(e => e.entityRef);
  if (replace === 'all') {
    await trx(TABLES.entityClusters).delete();
    await trx(TABLES.entities)
      .whereNotIn('entity_ref', valueList(trx, refs))
      .delete();
  } else {
    await trx(TABLES.entityClusters)
      .whereIn('entity_ref', valueList(trx, refs))
      .delete();
  }

  const entityRows: EntityRow[] = entities.map(e => ({
    entity_ref: e.entityRef,
    owner_ref: e.ownerRef ?? null,
    annotation_errors: JSON.stringify(e.annotationErrors),
    updated_at: nowMs,
  }));
  for (const rows of chunk(entityRows, rowsPerInsert(trx, 4))) {
    await trx<EntityRow>(TABLES.entities)
      .insert(rows)
      .onConflict('entity_ref')
      .merge();
  }

  const linkRows: EntityClusterRow[] = entities.flatMap(e =>
    [...new Set(e.clusterArns)].map(arn => ({
      entity_ref: e.entityRef,
      cluster_arn: arn,
    })),
  );
  for (const rows of chunk(linkRows, rowsPerInsert(trx, 2))) {
    await trx<EntityClusterRow>(TABLES.entityClusters).insert(rows);
  }
}

/** Which of these clusters have a stored evaluation that is not an error. */
async function clustersWithPreviousEvaluation(
  trx: Knex.Transaction,
  arns: readonly string[],
): Promise<Set<string>> {
  if (arns.length === 0) return new Set();
  const rows = await trx<ClusterRow>(TABLES.clusters)
    .whereIn('arn', valueList(trx, arns))
    .whereNot('verdict', 'error')
    .select('arn');
  return new Set(rows.map(r => r.arn));
}

function toClusterRow(
  evaluation: ClusterEvaluation,
  production: ReadonlySet<string>,
  nowMs: number,
): ClusterRow {
  const environment = evaluation.environment ?? null;
  return {
    arn: evaluation.arn,
    account_id: evaluation.accountId,
    region: evaluation.region,
    name: evaluation.name,
    version: evaluation.version ?? null,
    encryption_state: evaluation.encryptionState ?? null,
    key_ref: evaluation.keyRef ?? null,
    key_arn: evaluation.keyArn ?? null,
    environment,
    is_production:
      environment !== null && production.has(environment.toLowerCase()),
    verdict: evaluation.verdict,
    score: evaluation.score,
    grade: evaluation.grade,
    evaluated_at: toMillis(evaluation.evaluatedAt),
    error: evaluation.error ?? null,
    stale: false,
    checks: JSON.stringify(evaluation.checks),
    attempted_at: nowMs,
  };
}

async function upsertClusters(
  trx: Knex.Transaction,
  evaluations: readonly ClusterEvaluation[],
  productionValues: readonly string[],
  nowMs: number,
): Promise<void> {
  const production = new Set(productionValues.map(v => v.toLowerCase()));
  const rows = evaluations.map(e => toClusterRow(e, production, nowMs));
  for (const batch of chunk(rows, rowsPerInsert(trx, 18))) {
    await trx<ClusterRow>(TABLES.clusters)
      .insert(batch)
      .onConflict('arn')
      .merge();
  }
}

/** Keeps the previous evaluation and records why the latest attempt failed. */
async function markStale(
  trx: Knex.Transaction,
  evaluations: readonly ClusterEvaluation[],
  nowMs: number,
): Promise<void> {
  const byError = groupBy(
    evaluations,
    e => e.error ?? 'The cluster could not be read',
  );
  for (const [error, group] of byError) {
    await trx<ClusterRow>(TABLES.clusters)
      .whereIn(
        'arn',
        valueList(
          trx,
          group.map(e => e.arn),
        ),
      )
      .update({ stale: true, error, attempted_at: nowMs });
  }
}

/**
 * Opens a finding for each check newly in `fail` and resolves open findings
 * whose check is no longer `fail`. Only for clusters read in this run.
 */
async function recordFindings(
  trx: Knex.Transaction,
  evaluations: readonly ClusterEvaluation[],
  nowMs: number,
): Promise<{ opened: number; resolved: number }> {
  if (evaluations.length === 0) return { opened: 0, resolved: 0 };
  const failing = new Map<string, Map<CheckId, Severity>>();
  for (const e of evaluations) {
    const checks = new Map<CheckId, Severity>();
    for (const check of e.checks) {
      if (check.status === 'fail') checks.set(check.id, check.severity);
    }
    failing.set(e.arn, checks);
  }

  const open = await trx<FindingRow>(TABLES.findings)
    .whereNull('resolved_at')
    .whereIn(
      'cluster_arn',
      valueList(
        trx,
        evaluations.map(e => e.arn),
      ),
    )
    .select('id', 'cluster_arn', 'check_id');
  const openKeys = new Set(open.map(f => `${f.cluster_arn}\n${f.check_id}`));

  const toResolve = open
    .filter(f => !failing.get(f.cluster_arn)?.has(f.check_id as CheckId))
    .map(f => Number(f.id));
  const toOpen: Omit<FindingRow, 'id'>[] = [];
  for (const [arn, checks] of failing) {
    for (const [checkId, severity] of checks) {
      if (!openKeys.has(`${arn}\n${checkId}`)) {
        toOpen.push({
          cluster_arn: arn,
          check_id: checkId,
          severity,
          opened_at: nowMs,
          resolved_at: null,
        });
      }
    }
  }

  for (const ids of chunk(toResolve, rowsPerInsert(trx, 1))) {
    await trx<FindingRow>(TABLES.findings)
      .whereIn('id', ids)
      .update({ resolved_at: nowMs });
  }
  for (const rows of chunk(toOpen, rowsPerInsert(trx, 5))) {
    await trx(TABLES.findings).insert(rows);
  }
  return { opened: toOpen.length, resolved: toResolve.length };
}

/**
 * Deletes clusters no entity links to any more, with their open findings (they
 * were not fixed, only no longer audited); resolved findings stay for MTTR.
 */
async function removeUnlinkedClusters(trx: Knex.Transaction): Promise<number> {
  const unlinked = (table: string, column: string) =>
    function notLinked(this: Knex.QueryBuilder) {
      this.select(trx.raw('1'))
        .from(TABLES.entityClusters)
        .whereRaw('??.cluster_arn = ??.??', [
          TABLES.entityClusters,
          table,
          column,
        ]);
    };
  await trx(TABLES.findings)
    .whereNull('resolved_at')
    .whereNotExists(unlinked(TABLES.findings, 'cluster_arn'))
    .delete();
  return trx(TABLES.clusters)
    .whereNotExists(unlinked(TABLES.clusters, 'arn'))
    .delete();
}

/** Today's snapshot becomes the state of every stored cluster after this write. */
async function snapshotDay(trx: Knex.Transaction, day: string): Promise<void> {
  await trx.raw(
    `insert into ?? (day, cluster_arn, verdict, score, environment, is_production, stale)
     select cast(? as varchar(10)), arn, verdict, score, environment, is_production, stale
     from ?? where true
     on conflict (day, cluster_arn) do update set
       verdict = excluded.verdict,
       score = excluded.score,
       environment = excluded.environment,
       is_production = excluded.is_production,
       stale = excluded.stale`,
    [TABLES.dailyVerdicts, day, TABLES.clusters],
  );
  await trx(TABLES.dailyVerdicts)
    .where({ day })
    .whereNotIn('cluster_arn', trx(TABLES.clusters).select('arn'))
    .delete();
}

async function rememberFinishedUpdates(
  trx: Knex.Transaction,
  results: RunResults,
  nowMs: number,
): Promise<void> {
  const rows: FinishedUpdateRow[] = uniqueBy(
    results.finishedUpdates,
    u => u.id,
  ).map(u => ({
    id: u.id,
    type: u.type ?? null,
    status: u.status ?? null,
    created_at: u.createdAt ? toMillis(u.createdAt) : null,
    recorded_at: nowMs,
  }));
  for (const batch of chunk(rows, rowsPerInsert(trx, 5))) {
    await trx<FinishedUpdateRow>(TABLES.finishedUpdates)
      .insert(batch)
      .onConflict('id')
      .merge();
  }
}
