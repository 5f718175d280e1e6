import { ConflictError } from '@backstage/errors';
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { RunStatus } from 'backstage-plugin-eks-encryption-common';
import type {
  CreateRunOptions,
  FinishRunOptions,
  RefreshRefused,
  RunKind,
  RunProgress,
  StartRefreshOptions,
  StartRefreshResult,
  StoredRun,
} from './EksEncryptionStore';
import { isPostgres } from './sql';
import { RunRow, TABLES, type DbBigInt } from './tables';
import { toIso, toIsoOrUndefined, toMillis, toNumber } from './values';

/** What the run queries need besides the connection. */
export interface RunClock {
  now(): Date;
  /** A running run without a heartbeat for this long is dead. */
  runTimeoutMs: number;
}

/** Advisory lock key of refresh admission: an arbitrary constant pair. */
const REFRESH_LOCK = [0x454b53, 0x72667368];
/** When the cap on running refreshes is reached, how long to wait before asking again. */
const RUNNING_CAP_RETRY_MS = 10_000;

function timedOutMessage(timeoutMs: number): string {
  return `The run stopped without finishing: no heartbeat for ${Math.round(
    timeoutMs / 1000,
  )} s (its backend process died or lost the database)`;
}

function isTimedOut(row: RunRow, nowMs: number, clock: RunClock): boolean {
  return (
    row.status === 'running' &&
    toNumber(row.heartbeat_at) < nowMs - clock.runTimeoutMs
  );
}

function toStoredRun(row: RunRow, clock: RunClock): StoredRun {
  const nowMs = clock.now().getTime();
  const timedOut = isTimedOut(row, nowMs, clock);
  const run: StoredRun = {
    id: row.id,
    kind: row.kind as RunKind,
    status: (timedOut ? 'failed' : row.status) as RunStatus,
    startedAt: toIso(row.started_at),
    clustersTotal: row.clusters_total,
    clustersDone: row.clusters_done,
  };
  if (row.entity_ref !== null) run.entityRef = row.entity_ref;
  const finishedAt = timedOut
    ? toIso(toNumber(row.heartbeat_at) + clock.runTimeoutMs)
    : toIsoOrUndefined(row.finished_at);
  if (finishedAt) run.finishedAt = finishedAt;
  const error = timedOut ? timedOutMessage(clock.runTimeoutMs) : row.error;
  if (error) run.error = error;
  if (row.entities !== null) run.entities = row.entities;
  if (row.cluster_errors !== null) run.clusterErrors = row.cluster_errors;
  return run;
}

function newRunRow(options: CreateRunOptions, nowMs: number): RunRow {
  return {
    id: randomUUID(),
    kind: options.kind,
    status: 'running',
    entity_ref: options.entityRef ?? null,
    started_at: nowMs,
    heartbeat_at: nowMs,
    finished_at: null,
    clusters_total: 0,
    clusters_done: 0,
    entities: null,
    cluster_errors: null,
    error: null,
    requested_by: options.requestedBy ?? null,
  };
}

export async function createRun(
  db: Knex,
  clock: RunClock,
  options: CreateRunOptions,
): Promise<StoredRun> {
  const row = newRunRow(options, clock.now().getTime());
  await db<RunRow>(TABLES.runs).insert(row);
  return toStoredRun(row, clock);
}

export async function updateRunProgress(
  db: Knex,
  clock: RunClock,
  runId: string,
  progress: RunProgress,
): Promise<void> {
  await db<RunRow>(TABLES.runs).where({ id: runId }).update({
    clusters_total: progress.clustersTotal,
    clusters_done: progress.clustersDone,
    heartbeat_at: clock.now().getTime(),
  });
}

export async function finishRun(
  db: Knex,
  clock: RunClock,
  runId: string,
  options: FinishRunOptions,
): Promise<void> {
  const nowMs = clock.now().getTime();
  const update: Partial<RunRow> = {
    status: options.status,
    error: options.error ?? null,
    finished_at: nowMs,
    heartbeat_at: nowMs,
  };
  if (options.clustersTotal !== undefined) {
    update.clusters_total = options.clustersTotal;
  }
  if (options.clustersDone !== undefined) {
    update.clusters_done = options.clustersDone;
  }
  if (options.entities !== undefined) update.entities = options.entities;
  if (options.clusterErrors !== undefined) {
    update.cluster_errors = options.clusterErrors;
  }
  await db<RunRow>(TABLES.runs).where({ id: runId }).update(update);
}

export async function getRun(
  db: Knex,
  clock: RunClock,
  runId: string,
): Promise<StoredRun | undefined> {
  const row = await db<RunRow>(TABLES.runs).where({ id: runId }).first();
  return row ? toStoredRun(row, clock) : undefined;
}

export async function findActiveOrRecentRefresh(
  db: Knex,
  clock: RunClock,
  entityRef: string,
  since: Date,
): Promise<StoredRun | undefined> {
  const aliveAfter = clock.now().getTime() - clock.runTimeoutMs;
  const row = await db<RunRow>(TABLES.runs)
    .where({ kind: 'refresh', entity_ref: entityRef })
    .andWhere(recent =>
      recent
        .where('started_at', '>=', toMillis(since))
        .orWhere(alive =>
          alive
            .where('status', 'running')
            .andWhere('heartbeat_at', '>=', aliveAfter),
        ),
    )
    .orderBy('started_at', 'desc')
    .first();
  return row ? toStoredRun(row, clock) : undefined;
}

/** Marks running runs without a heartbeat for longer than the timeout as failed. */
async function failDeadRuns(db: Knex, clock: RunClock): Promise<void> {
  const nowMs = clock.now().getTime();
  await db<RunRow>(TABLES.runs)
    .where('status', 'running')
    .andWhere('heartbeat_at', '<', nowMs - clock.runTimeoutMs)
    .update({
      status: 'failed',
      error: timedOutMessage(clock.runTimeoutMs),
      finished_at: nowMs,
    });
}

export async function startRefresh(
  db: Knex,
  clock: RunClock,
  entityRef: string,
  options: StartRefreshOptions,
): Promise<StartRefreshResult | RefreshRefused> {
  return db.transaction(async trx => {
    // Replicas admit refreshes one at a time, so the budgets hold when they race.
    if (isPostgres(trx)) {
      await trx.raw('select pg_advisory_xact_lock(?, ?)', REFRESH_LOCK);
    }
    const existing = await findActiveOrRecentRefresh(
      trx,
      clock,
      entityRef,
      options.since,
    );
    if (existing) return { run: existing, created: false };

    // Frees the one-running-refresh index and the cap from runs whose process died.
    await failDeadRuns(trx, clock);
    const refused = await refreshBudgetRefusal(trx, clock, options);
    if (refused) return refused;

    const row = newRunRow(
      { kind: 'refresh', entityRef, requestedBy: options.requestedBy },
      clock.now().getTime(),
    );
    // The unique index still guards a replica that skipped the lock (SQLite has one writer).
    await trx<RunRow>(TABLES.runs).insert(row).onConflict().ignore();
    const inserted = await trx<RunRow>(TABLES.runs)
      .where({ id: row.id })
      .first();
    if (inserted) return { run: toStoredRun(inserted, clock), created: true };

    const winner = await findActiveOrRecentRefresh(
      trx,
      clock,
      entityRef,
      options.since,
    );
    if (!winner) {
      throw new ConflictError(
        `Could not start a refresh of ${entityRef}: another replica holds it`,
      );
    }
    return { run: winner, created: false };
  });
}

/** Why a new refresh may not start now, if the caller's rate or the running cap is spent. */
async function refreshBudgetRefusal(
  trx: Knex.Transaction,
  clock: RunClock,
  options: StartRefreshOptions,
): Promise<RefreshRefused | undefined> {
  const nowMs = clock.now().getTime();
  const { perCaller } = options;
  const mine = await trx(TABLES.runs)
    .where({ kind: 'refresh', requested_by: options.requestedBy })
    .andWhere('started_at', '>=', toMillis(perCaller.since))
    .first<{ n: DbBigInt; oldest: DbBigInt | null } | undefined>(
      trx.raw('count(*) as n'),
      trx.raw('min(started_at) as oldest'),
    );
  if (toNumber(mine?.n) >= perCaller.limit) {
    return {
      refused: 'caller-rate',
      message: `At most ${perCaller.limit} refreshes per ${Math.round(
        perCaller.windowMs / 1000,
      )} s per caller`,
      retryAfterMs: Math.max(
        1000,
        toNumber(mine?.oldest) + perCaller.windowMs - nowMs,
      ),
    };
  }
  const running = await trx<RunRow>(TABLES.runs)
    .where({ kind: 'refresh', status: 'running' })
    .andWhere('heartbeat_at', '>=', nowMs - clock.runTimeoutMs)
    .count({ n: '*' })
    .first();
  if (toNumber(running?.n) >= options.maxRunning) {
    return {
      refused: 'running-cap',
      message: `${options.maxRunning} refreshes are running already`,
      retryAfterMs: RUNNING_CAP_RETRY_MS,
    };
  }
  return undefined;
}

/** Deletes runs that finished before `olderThan`; dead runs count as finished. */
export async function pruneRuns(
  db: Knex,
  clock: RunClock,
  olderThan: Date,
): Promise<number> {
  await failDeadRuns(db, clock);
  return db<RunRow>(TABLES.runs)
    .whereNot('status', 'running')
    .andWhere('finished_at', '<', toMillis(olderThan))
    .delete();
}
