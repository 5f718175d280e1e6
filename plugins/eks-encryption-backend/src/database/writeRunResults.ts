import type { Knex } from 'knex';
import {
  summarizeCluster,
  type CheckResult,
  type CheckStatus,
  type ClusterEvaluation,
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
  FindingResolution,
  FindingRow,
  FinishedUpdateRow,
  RunRow,
  TABLES,
} from './tables';
import { chunk, insertRows, isPostgres, rowsPerInsert, valueList } from './sql';
import { toMillis, toNumber, utcDay } from './values';
import { groupBy, uniqueBy } from './collections';
import { closeDays, rebuildAggregates, reopenDays } from './aggregates';
import { applyAggregateChanges, captureAggregates } from './aggregateDeltas';
import {
  ChangeLog,
  firstRemediation,
  logEntityVerdicts,
  updateFindingsLogged,
} from './changeLog';
import { writeDiscovery } from './writeDiscovery';

/** Advisory lock key of run writes: an arbitrary constant pair. */
const WRITE_LOCK = [0x454b53, 0x77726974];
const DAY_MS = 86_400_000;

/**
 * Writes one run's results in a single transaction; see
 * `EksEncryptionStore.writeRunResults` for the rules.
 */
export async function writeRunResults(
  db: Knex,
  results: RunResults,
): Promise<RunWriteSummary> {
  const nowMs = results.now.getTime();
  const linksReadMs = (results.linksReadAt ?? results.now).getTime();
  const entities = uniqueBy(results.entities, e => e.entityRef);
  const evaluations = uniqueBy(results.clusters, c => c.arn);

  return db.transaction(async trx => {
    await serializeWriters(trx);
    // A refresh changes only its entities and their clusters, old and new.
    const refreshed =
      results.replace === 'all'
        ? undefined
        : await linkedClusters(
            trx,
            entities.map(e => e.entityRef),
          );
    const aggregates =
      refreshed &&
      (await captureAggregates(trx, {
        entities: entities.map(e => e.entityRef),
        clusters: [
          ...refreshed,
          ...evaluations.map(e => e.arn),
          ...entities.flatMap(e => e.clusterArns),
        ],
      }));
    const changes = new ChangeLog();
    const { written: entitiesWritten, linksChanged } = await replaceEntities(
      trx,
      results.replace,
      entities,
      linksReadMs,
    );

    const stored = await storedEvaluations(
      trx,
      evaluations.map(e => e.arn),
    );
    // Newest wins: an evaluation read before the stored one is dropped.
    const newer = evaluations.filter(e => {
      const previous = stored.get(e.arn);
      return !previous || previous.evaluatedAt <= toMillis(e.evaluatedAt);
    });
    const stale = newer.filter(
      e => e.verdict === 'error' && stored.get(e.arn)?.hasEvidence,
    );
    const fresh = await countUnverifiedAsFailing(
      trx,
      newer.filter(e => !stale.includes(e)),
    );
    const rejected = await upsertClusters(trx, fresh, results.productionValues);
    await markStale(trx, stale);

    const written = fresh.filter(e => !rejected.has(e.arn));
    logClusterVerdicts(changes, stored, written, stale);
    const findings = await recordFindings(trx, written, nowMs, {
      changes,
      initial: new Set(written.filter(e => !stored.has(e.arn)).map(e => e.arn)),
    });
    await markUnverified(
      trx,
      stale.map(e => e.arn),
      nowMs,
      changes,
    );
    const clustersDeleted = results.discovery
      ? await writeDiscovery(trx, results.discovery, {
          nowMs,
          productionValues: results.productionValues,
          changes,
        })
      : 0;
    const clustersRemoved = await removeUnlinkedClusters(
      trx,
      nowMs,
      refreshed,
      changes,
    );
    await snapshotDay(trx, results.now, aggregates?.clusterArns);
    await rememberFinishedUpdates(trx, results, nowMs);
    if (aggregates) await applyAggregateChanges(trx, aggregates);
    else {
      // Owners' cluster sets change only with links, owners or stored clusters.
      const added = written.filter(e => !stored.has(e.arn)).map(e => e.arn);
      const clustersStored = clustersRemoved > 0 || added.length > 0;
      await rebuildAggregates(trx, {
        linksReadAt: linksReadMs,
        ownerClusters: linksChanged || clustersStored,
        // A cluster stored again counts the fixes kept from its earlier life.
        findingTotalsOf: [...changes.clustersWithFindingChanges(), ...added],
      });
    }
    await logEntityVerdicts(trx, changes, aggregates?.entityRefs);
    await changes.write(trx, { runId: results.runId, nowMs });

    if (results.runId) {
      await trx<RunRow>(TABLES.runs)
        .where({ id: results.runId })
        .update({
          entities: entities.length,
          cluster_errors: evaluations.filter(e => e.verdict === 'error').length,
        });
    }

    return {
      entities: entitiesWritten.length,
      clusters: newer.length,
      staleClusters: stale.length,
      olderSkipped: evaluations.length - newer.length,
      findingsOpened: findings.opened,
      findingsResolved: findings.resolved,
      clustersRemoved,
      clustersDeleted,
      rejectedClusters: [...rejected].map(
        ([arn, column]) => `${arn} (${column})`,
      ),
    };
  });
}

/**
 * Replicas write one run at a time: a scheduled run and a refresh on another
 * replica would otherwise race on links and findings. SQLite has a single
 * writer already; PostgreSQL takes a lock released at commit or rollback.
 */
export async function serializeWriters(trx: Knex.Transaction): Promise<void> {
  if (isPostgres(trx)) {
    await trx.raw('select pg_advisory_xact_lock(?, ?)', WRITE_LOCK);
  }
}

/**
 * Replaces the links of the entities listed, unless a later catalog read (a
 * refresh that started after this run) already wrote them; a full run also
 * deletes the entities it did not see, unless they were read after it.
 * Returns the refs of the entities written, and whether any owner's set of
 * linked clusters may have changed (an entity deleted, a link or an owner
 * changed).
 */
async function replaceEntities(
  trx: Knex.Transaction,
  replace: RunResults['replace'],
  entities: readonly EntityRunInput[],
  linksReadMs: number,
): Promise<{ written: string[]; linksChanged: boolean }> {
  const refs = entities.map(e => e.entityRef);
  let deleted = 0;
  if (replace === 'all') {
    const gone: string[] = await trx(TABLES.entities)
      .whereNotIn('entity_ref', valueList(trx, refs))
      .where('updated_at', '<=', linksReadMs)
      .pluck('entity_ref');
    if (gone.length > 0) {
      await trx(TABLES.entityClusters)
        .whereIn('entity_ref', valueList(trx, gone))
        .delete();
      deleted = await trx(TABLES.entities)
        .whereIn('entity_ref', valueList(trx, gone))
        .delete();
    }
  }
  const storedRows: EntityRow[] = await trx(TABLES.entities)
    .whereIn('entity_ref', valueList(trx, refs))
    .select(
      'entity_ref',
      'owner_ref',
      'annotation_errors',
      'secrets_rewritten_at',
      'updated_at',
    );
  const storedOf = new Map(storedRows.map(r => [r.entity_ref, r]));
  const writable = entities.filter(
    e => !(toNumber(storedOf.get(e.entityRef)?.updated_at) > linksReadMs),
  );
  const ownersChanged = writable.some(
    e =>
      storedOf.has(e.entityRef) &&
      storedOf.get(e.entityRef)?.owner_ref !== (e.ownerRef ?? null),
  );

  const entityRows: EntityRow[] = writable.map(e => ({
    entity_ref: e.entityRef,
    owner_ref: e.ownerRef ?? null,
    annotation_errors: JSON.stringify(e.annotationErrors),
    updated_at: linksReadMs,
    secrets_rewritten_at: e.secretsRewrittenAt ?? null,
  }));
  // Most entities are as stored: one statement moves their read time (a full
  // run's moves with their summaries, rebuildAggregates), and only new or
  // changed rows are written whole.
  const isAsStored = (row: EntityRow) => {
    const stored = storedOf.get(row.entity_ref);
    return (
      stored !== undefined &&
      stored.owner_ref === row.owner_ref &&
      stored.annotation_errors === row.annotation_errors &&
      stored.secrets_rewritten_at === row.secrets_rewritten_at
    );
  };
  const unchanged = entityRows.filter(isAsStored);
  const changed = entityRows.filter(row => !isAsStored(row));
  if (unchanged.length > 0 && replace !== 'all') {
    await trx<EntityRow>(TABLES.entities)
      .whereIn(
        'entity_ref',
        valueList(
          trx,
          unchanged.map(row => row.entity_ref),
        ),
      )
      .update({ updated_at: linksReadMs });
  }
  await insertRows(trx, TABLES.entities, changed, { key: 'entity_ref' });

  const linkRows: EntityClusterRow[] = writable.flatMap(e =>
    [...new Set(e.clusterArns)].map(arn => ({
      entity_ref: e.entityRef,
      cluster_arn: arn,
    })),
  );
  const linksReplaced = await replaceLinks(
    trx,
    writable.map(e => e.entityRef),
    linkRows,
  );
  return {
    written: writable.map(e => e.entityRef),
    linksChanged: deleted > 0 || ownersChanged || linksReplaced,
  };
}

/**
 * Makes these entities' links `links`, writing only the differences: links
 * rarely change between runs, and rewriting every one is churn.
 */
async function replaceLinks(
  trx: Knex.Transaction,
  entityRefs: readonly string[],
  links: readonly EntityClusterRow[],
): Promise<boolean> {
  const key = (l: EntityClusterRow) => `${l.entity_ref}\n${l.cluster_arn}`;
  const stored: EntityClusterRow[] = await trx(TABLES.entityClusters)
    .whereIn('entity_ref', valueList(trx, entityRefs))
    .select('entity_ref', 'cluster_arn');
  const wanted = new Set(links.map(key));
  const kept = new Set(stored.map(key));
  const gone = stored.filter(l => !wanted.has(key(l)));
  for (const rows of chunk(gone, rowsPerInsert(trx, 2))) {
    await trx(TABLES.entityClusters)
      .whereIn(
        ['entity_ref', 'cluster_arn'],
        rows.map(l => [l.entity_ref, l.cluster_arn]),
      )
      .delete();
  }
  const added = links.filter(l => !kept.has(key(l)));
  await insertRows(trx, TABLES.entityClusters, added);
  return gone.length + added.length > 0;
}

/** The clusters these entities link to before a refresh replaces their links. */
async function linkedClusters(
  trx: Knex.Transaction,
  entityRefs: readonly string[],
): Promise<string[]> {
  const rows: { cluster_arn: string }[] = await trx(TABLES.entityClusters)
    .whereIn('entity_ref', valueList(trx, entityRefs))
    .distinct('cluster_arn');
  return rows.map(r => r.cluster_arn);
}

interface StoredEvaluation {
  evaluatedAt: number;
  /** A successful read is stored (not only an error). */
  hasEvidence: boolean;
  verdict: string;
  stale: boolean;
}

/** The stored evaluation time of these clusters, and whether it holds evidence. */
async function storedEvaluations(
  trx: Knex.Transaction,
  arns: readonly string[],
): Promise<Map<string, StoredEvaluation>> {
  if (arns.length === 0) return new Map();
  const rows: Pick<ClusterRow, 'arn' | 'evaluated_at' | 'verdict' | 'stale'>[] =
    await trx<ClusterRow>(TABLES.clusters)
      .whereIn('arn', valueList(trx, arns))
      .select('arn', 'evaluated_at', 'verdict', 'stale');
  return new Map(
    rows.map(r => [
      r.arn,
      {
        evaluatedAt: toNumber(r.evaluated_at),
        hasEvidence: r.verdict !== 'error',
        verdict: r.verdict,
        stale: Boolean(r.stale),
      },
    ]),
  );
}

/**
 * A `cluster-verdict` change for each cluster whose verdict moved, and for each
 * that could not be read any more (`error`; its stored evidence stays, stale).
 */
function logClusterVerdicts(
  changes: ChangeLog,
  stored: ReadonlyMap<string, StoredEvaluation>,
  written: readonly ClusterEvaluation[],
  stale: readonly ClusterEvaluation[],
): void {
  for (const e of written) {
    const previous = stored.get(e.arn);
    if (previous && previous.verdict === e.verdict && !previous.stale) continue;
    changes.add({
      type: 'cluster-verdict',
      clusterArn: e.arn,
      verdict: e.verdict,
      ...(previous
        ? {
            previousVerdict: previous.stale
              ? 'error'
              : (previous.verdict as ClusterEvaluation['verdict']),
          }
        : { initial: true }),
      ...(e.error ? { summary: e.error } : {}),
    });
  }
  for (const e of stale) {
    const previous = stored.get(e.arn);
    if (!previous || previous.stale) continue;
    changes.add({
      type: 'cluster-verdict',
      clusterArn: e.arn,
      previousVerdict: previous.verdict as ClusterEvaluation['verdict'],
      verdict: 'error',
      ...(e.error ? { summary: e.error } : {}),
    });
  }
}

function toClusterRow(
  evaluation: ClusterEvaluation,
  production: ReadonlySet<string>,
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
    attempted_at: toMillis(evaluation.evaluatedAt),
  };
}

/** Widths of the bounded columns (migrations/): a row that does not fit is never sent. */
const COLUMN_WIDTHS: Partial<Record<keyof ClusterRow, number>> = {
  account_id: 12,
  region: 32,
  version: 16,
  encryption_state: 32,
  verdict: 16,
  grade: 1,
};

/** The first bounded column the row overflows, if any. */
function overflowingColumn(row: ClusterRow): string | undefined {
  for (const [column, width] of Object.entries(COLUMN_WIDTHS)) {
    const value = row[column as keyof ClusterRow];
    if (typeof value === 'string' && value.length > width!) return column;
  }
  return undefined;
}

/**
 * Upserts the evaluations; one whose values overflow a column is left out (and
 * returned, ARN → column) so that one cluster's bad data never fails the run for
 * the others.
 */
async function upsertClusters(
  trx: Knex.Transaction,
  evaluations: readonly ClusterEvaluation[],
  productionValues: readonly string[],
): Promise<Map<string, string>> {
  const production = new Set(productionValues.map(v => v.toLowerCase()));
  const rejected = new Map<string, string>();
  const rows = evaluations
    .map(e => toClusterRow(e, production))
    .filter(row => {
      const column = overflowingColumn(row);
      if (column) rejected.set(row.arn, column);
      return !column;
    });
  await insertRows(trx, TABLES.clusters, rows, { key: 'arn' });
  return rejected;
}

/**
 * Keeps the previous evaluation and records why the latest attempt failed, and
 * when (the evaluation's time stays that of the last evidence).
 */
async function markStale(
  trx: Knex.Transaction,
  evaluations: readonly ClusterEvaluation[],
): Promise<void> {
  // One statement per distinct (error, attempt time), not one per cluster.
  const byUpdate = groupBy(evaluations, e =>
    JSON.stringify({
      error: e.error ?? 'The cluster could not be read',
      attempted_at: toMillis(e.evaluatedAt),
    }),
  );
  for (const [update, group] of byUpdate) {
    await trx<ClusterRow>(TABLES.clusters)
      .whereIn(
        'arn',
        valueList(
          trx,
          group.map(e => e.arn),
        ),
      )
      .update({ stale: true, ...JSON.parse(update) });
  }
}

/**
 * What could not be seen changes nothing already known: a check that is `unknown`
 * while its finding is open still counts as failing in the cluster's verdict (the
 * check itself stays `unknown`, and its finding shows "unverified since").
 */
async function countUnverifiedAsFailing(
  trx: Knex.Transaction,
  evaluations: ClusterEvaluation[],
): Promise<ClusterEvaluation[]> {
  const withUnknowns = evaluations.filter(e =>
    e.checks.some(c => c.status === 'unknown'),
  );
  if (withUnknowns.length === 0) return evaluations;
  const open: Pick<FindingRow, 'cluster_arn' | 'check_id'>[] =
    await trx<FindingRow>(TABLES.findings)
      .whereNull('resolved_at')
      .whereIn(
        'cluster_arn',
        valueList(
          trx,
          withUnknowns.map(e => e.arn),
        ),
      )
      .select('cluster_arn', 'check_id');
  if (open.length === 0) return evaluations;
  const failing = new Set(open.map(f => `${f.cluster_arn}\n${f.check_id}`));
  return evaluations.map(e => {
    const counted = e.checks.map(c =>
      c.status === 'unknown' && failing.has(`${e.arn}\n${c.id}`)
        ? { ...c, status: 'fail' as const }
        : c,
    );
    if (counted.every((c, i) => c === e.checks[i])) return e;
    return { ...e, ...summarizeCluster(counted, e.error) };
  });
}

/** What a check's status does to its open finding. */
function findingChange(
  status: CheckStatus | undefined,
): 'open' | 'unverified' | FindingResolution {
  switch (status) {
    case 'fail':
      return 'open';
    case 'pass':
    case 'warn':
      return 'fixed';
    case 'not-applicable':
      return 'not-applicable';
    case 'unknown':
      return 'unverified';
    default:
      return 'check-removed';
  }
}

/**
 * Findings follow evidence: a `fail` opens one (or confirms it), `pass` or `warn`
 * resolves it as `fixed`, a `not-applicable` as `not-applicable`, a check no
 * longer judged as `check-removed`; an `unknown` leaves it open, unverified since
 * now. Only for clusters read in this run (an `error` evaluation changes nothing
 * here: see {@link markUnverified}).
 */
async function recordFindings(
  trx: Knex.Transaction,
  evaluations: readonly ClusterEvaluation[],
  nowMs: number,
  log: {
    changes: ChangeLog;
    /** Clusters evaluated for the first time: their findings are not regressions. */
    initial: ReadonlySet<string>;
  },
): Promise<{ opened: number; resolved: number }> {
  const read = evaluations.filter(e => e.verdict !== 'error');
  if (read.length === 0) return { opened: 0, resolved: 0 };
  const statuses = new Map<string, Map<string, CheckResult>>();
  for (const e of read) {
    statuses.set(e.arn, new Map(e.checks.map(c => [c.id, c])));
  }

  const open: Pick<
    FindingRow,
    'id' | 'cluster_arn' | 'check_id' | 'severity' | 'unverified_since'
  >[] = await trx<FindingRow>(TABLES.findings)
    .whereNull('resolved_at')
    .whereIn(
      'cluster_arn',
      valueList(
        trx,
        read.map(e => e.arn),
      ),
    )
    .select('id', 'cluster_arn', 'check_id', 'severity', 'unverified_since');
  const openKeys = new Set(open.map(f => `${f.cluster_arn}\n${f.check_id}`));

  const changes = new Map<
    string,
    { values: Partial<FindingRow>; ids: number[] }
  >();
  const change = (id: number, values: Partial<FindingRow>) => {
    const key = JSON.stringify(values);
    const group = changes.get(key) ?? { values, ids: [] };
    group.ids.push(id);
    changes.set(key, group);
  };
  let resolved = 0;
  for (const finding of open) {
    const id = Number(finding.id);
    const check = statuses.get(finding.cluster_arn)?.get(finding.check_id);
    const next = findingChange(check?.status);
    const logged = {
      clusterArn: finding.cluster_arn,
      checkId: finding.check_id,
      severity: finding.severity as CheckResult['severity'],
    };
    if (next === 'unverified') {
      if (finding.unverified_since === null) {
        change(id, { unverified_since: nowMs });
        log.changes.add({ type: 'finding-unverified', ...logged });
      }
    } else if (next === 'open') {
      if (finding.unverified_since !== null) {
        change(id, { unverified_since: null });
      }
    } else {
      change(id, { resolved_at: nowMs, resolution: next });
      log.changes.add({
        type: 'finding-resolved',
        ...logged,
        resolution: next,
      });
      resolved += 1;
    }
  }

  const toOpen: Omit<FindingRow, 'id'>[] = [];
  for (const e of read) {
    for (const check of e.checks) {
      if (check.status !== 'fail') continue;
      if (openKeys.has(`${e.arn}\n${check.id}`)) continue;
      const remediation = firstRemediation(check);
      log.changes.add({
        type: 'finding-opened',
        clusterArn: e.arn,
        checkId: check.id,
        severity: check.severity,
        summary: check.summary,
        ...(remediation ? { remediation } : {}),
        ...(log.initial.has(e.arn) ? { initial: true } : {}),
      });
      toOpen.push({
        cluster_arn: e.arn,
        check_id: check.id,
        severity: check.severity,
        opened_at: nowMs,
        resolved_at: null,
        resolution: null,
        unverified_since: null,
      });
    }
  }

  for (const { values, ids } of changes.values()) {
    for (const batch of chunk(ids, rowsPerInsert(trx, 1))) {
      await trx<FindingRow>(TABLES.findings)
        .whereIn('id', batch)
        .update(values);
    }
  }
  await insertRows(trx, TABLES.findings, toOpen);
  return { opened: toOpen.length, resolved };
}

/** Open findings of clusters that could not be read stay open, unverified since now. */
async function markUnverified(
  trx: Knex.Transaction,
  arns: readonly string[],
  nowMs: number,
  changes: ChangeLog,
): Promise<void> {
  if (arns.length === 0) return;
  await updateFindingsLogged(
    () =>
      trx<FindingRow>(TABLES.findings)
        .whereNull('resolved_at')
        .whereNull('unverified_since')
        .whereIn('cluster_arn', valueList(trx, arns)),
    { unverified_since: nowMs },
    changes,
    'finding-unverified',
  );
}

/**
 * Deletes clusters no entity links to any more; their open findings are resolved
 * as `unlinked` (not fixed, only no longer audited), so history and MTTR keep them.
 * A refresh can only unlink what its entities linked before: `candidates`.
 */
async function removeUnlinkedClusters(
  trx: Knex.Transaction,
  nowMs: number,
  candidates: readonly string[] | undefined,
  changes: ChangeLog,
): Promise<number> {
  if (candidates?.length === 0) return 0;
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
  const findings = trx(TABLES.findings)
    .whereNull('resolved_at')
    .whereNotExists(unlinked(TABLES.findings, 'cluster_arn'));
  const clusters = trx(TABLES.clusters).whereNotExists(
    unlinked(TABLES.clusters, 'arn'),
  );
  if (candidates) {
    findings.whereIn('cluster_arn', valueList(trx, candidates));
    clusters.whereIn('arn', valueList(trx, candidates));
  }
  await updateFindingsLogged(
    () => findings.clone(),
    { resolved_at: nowMs, resolution: 'unlinked' },
    changes,
    'finding-resolved',
  );
  return clusters.delete();
}

/**
 * Today's snapshot becomes the state of every stored cluster after this write,
 * with the time of its evidence: staleness is judged when the trend is read.
 * The first write of a day copies every cluster and closes the days before;
 * a later write copies only the clusters it `changed`.
 */
async function snapshotDay(
  trx: Knex.Transaction,
  now: Date,
  changed: readonly string[] | undefined,
): Promise<void> {
  const day = utcDay(now);
  const dayEndMs = Date.parse(`${day}T00:00:00.000Z`) + DAY_MS;
  // `min` is answered from the primary key's index; `limit 1` would be
  // planned as a table scan, and today's rows are the table's last.
  const [{ first }] = await trx(TABLES.dailyVerdicts)
    .where({ day })
    .min({ first: 'cluster_arn' });
  const started = first !== null;
  const only = started ? changed : undefined;
  if (!started) {
    await reopenDays(trx, day);
    await closeDays(trx, day);
  }
  if (only?.length === 0) return;
  const copied = trx
    .from(TABLES.clusters)
    .select(
      trx.raw('cast(? as varchar(10))', [day]),
      'arn',
      'verdict',
      'score',
      'environment',
      'is_production',
      'stale',
      'evaluated_at',
      trx.raw('?', [dayEndMs]),
      trx.raw('? - evaluated_at', [dayEndMs]),
    );
  if (only) copied.whereIn('arn', valueList(trx, only));
  else copied.where(trx.raw('true'));
  // Inlined: SQLite takes no parenthesised select in an insert with an upsert.
  const select = copied.toSQL();
  await trx.raw(
    `insert into ${TABLES.dailyVerdicts} (day, cluster_arn, verdict, score, environment, is_production, stale, evaluated_at, day_end_at, evidence_age)
     ${select.sql}
     on conflict (day, cluster_arn) do update set
       verdict = excluded.verdict,
       score = excluded.score,
       environment = excluded.environment,
       is_production = excluded.is_production,
       stale = excluded.stale,
       evaluated_at = excluded.evaluated_at,
       day_end_at = excluded.day_end_at,
       evidence_age = excluded.evidence_age`,
    select.bindings,
  );
  const gone = trx(TABLES.dailyVerdicts)
    .where({ day })
    .whereNotExists(
      trx(TABLES.clusters)
        .select(trx.raw('1'))
        .whereRaw('??.arn = ??.cluster_arn', [
          TABLES.clusters,
          TABLES.dailyVerdicts,
        ]),
    );
  if (only) gone.whereIn('cluster_arn', valueList(trx, only));
  await gone.delete();
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
  await insertRows(trx, TABLES.finishedUpdates, rows, { key: 'id' });
}
