import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { RunStatus } from 'backstage-plugin-eks-encryption-common';
import type {
  CreateRunOptions,
  FinishRunOptions,
  RunKind,
  RunProgress,
  StartRefreshResult,
  StoredRun,
} from './EksEncryptionStore';
import { RunRow, TABLES } from './tables';
import { toIso, toIsoOrUndefined, toMillis, toNumber } from './values';

/** What the run queries need besides the connection. */
export interface RunClock {
  now(): Date;
  /** A running run without a heartbeat for this long is dead. */
  runTimeoutMs: number;
}

function timedOutMessage(timeoutMs: number): string {
  return `The run stopped without finishing (no progress for ${Math.round(
    timeoutMs / 60_000,
  )} minutes)`;
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
export async function failDeadRuns(db: Knex, clock: RunClock): Promise<void> {
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
  since: Date,
): Promise<StartRefreshResult> {
  const existing = await findActiveOrRecentRefresh(db, clock, entityRef, since);
  if (existing) return { run: existing, created: false };

  // Frees the one-running-refresh index from runs whose process died.
  await failDeadRuns(db, clock);
  const row = newRunRow({ kind: 'refresh', entityRef }, clock.now().getTime());
  // Another replica may have started one since: the unique index ignores ours.
  await db<RunRow>(TABLES.runs).insert(row).onConflict().ignore();
  const inserted = await db<RunRow>(TABLES.runs).where({ id: row.id }).first();
  if (inserted) return { run: toStoredRun(inserted, clock), created: true };

  const winner = await findActiveOrRecentRefresh(db, clock, entityRef, since);
  if (!winner) {
    throw new Error(`Could not start a refresh of ${entityRef}`);
  }
  return { run: winner, created: false };
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
