import type { LoggerService } from '@backstage/backend-plugin-api';
import { toError } from '@backstage/errors';
import type { CatalogLinkSource, CatalogLinks } from '../catalog/types';
import type { RefreshSettings } from '../config';
import type {
  EksEncryptionStore,
  RefreshRefused,
  StoredRun,
} from '../database/EksEncryptionStore';
import type { ClusterEvaluator, ClusterNamer } from '../engine/types';
import type { ClusterDiscovery } from '../discovery/ClusterDiscovery';
import {
  splitDiscovered,
  withDiscoveredTargets,
} from '../discovery/discoveredClusters';
import { ProgressReporter } from './ProgressReporter';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface EvaluationRunnerOptions {
  links: CatalogLinkSource;
  evaluator: ClusterEvaluator;
  store: EksEncryptionStore;
  logger: LoggerService;
  /** `eksEncryption.policy.productionValues`. */
  productionValues: readonly string[];
  /** How long resolved findings, snapshots and finished runs are kept. */
  historyRetentionMs?: number;
  /** On-demand refreshes: their time limit, debounce and budget. */
  refresh?: Partial<RefreshSettings>;
  /** Time kept from a run's deadline for writing its results. */
  writeReserveMs?: number;
  /** Lists accounts and regions on scheduled runs (`eksEncryption.discovery`). */
  discovery?: {
    lister: ClusterDiscovery;
    /** Whether the catalog has this group or user (an owner tag may name one). */
    ownerExists: (ref: string) => Promise<boolean>;
  };
  /** Called after a run's results are committed (the change log can be drained). */
  onWritten?: () => void;
  /** Minimum time between two progress writes of a run. */
  progressIntervalMs?: number;
  /** A heartbeat is written this often while a run is alive. */
  heartbeatIntervalMs?: number;
  now?: () => Date;
}

/** What bounds one run: when it must write by, and its cancellation. */
export interface RunLimits {
  /** Epoch ms by which the results must be written (the task's timeout). */
  deadline?: number;
  /** Aborted when the task is cancelled or timed out: the run writes nothing. */
  signal?: AbortSignal;
}

/** A started refresh: its run, and the background work (which never rejects). */
export interface StartedRefresh {
  run: StoredRun;
  /** False when a running or recent refresh of the entity was returned. */
  created: boolean;
  completion: Promise<void>;
}

const DEFAULT_REFRESH: RefreshSettings = {
  timeoutMs: 5 * 60_000,
  debounceMs: 60_000,
  perCallerLimit: 10,
  perCallerWindowMs: 60_000,
  maxRunning: 4,
};

/**
 * Runs evaluations: collect the catalog links, evaluate each unique cluster once,
 * write everything in one transaction. A run never throws to its caller: any
 * failure is recorded on the run and the previous results stay as they were.
 */
export class EvaluationRunner {
  private readonly links: CatalogLinkSource;
  private readonly evaluator: ClusterEvaluator;
  private readonly store: EksEncryptionStore;
  private readonly logger: LoggerService;
  private readonly productionValues: readonly string[];
  private readonly historyRetentionMs: number;
  private readonly refresh: RefreshSettings;
  private readonly writeReserveMs: number;
  private readonly progressIntervalMs: number;
  private readonly heartbeatIntervalMs: number;
  private readonly now: () => Date;
  private readonly discovery: EvaluationRunnerOptions['discovery'];
  private readonly onWritten: () => void;
  /** Aborted by `stop`: every run under way stops reading and writes nothing. */
  private readonly stopping = new AbortController();
  private readonly running = new Set<Promise<void>>();

  constructor(options: EvaluationRunnerOptions) {
    this.discovery = options.discovery;
    this.onWritten = options.onWritten ?? (() => {});
    this.links = options.links;
    this.evaluator = options.evaluator;
    this.store = options.store;
    this.logger = options.logger;
    this.productionValues = options.productionValues;
    this.historyRetentionMs = options.historyRetentionMs ?? 180 * DAY_MS;
    this.refresh = { ...DEFAULT_REFRESH, ...options.refresh };
    this.writeReserveMs = options.writeReserveMs ?? 60_000;
    this.progressIntervalMs = options.progressIntervalMs ?? 2_000;
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 15_000;
    this.now = options.now ?? (() => new Date());
  }

  /** A full run over the whole catalog, then history pruning. Resolves to the finished run. */
  runScheduled(limits: RunLimits = {}): Promise<StoredRun | undefined> {
    return this.track(this.runScheduledNow(limits));
  }

  private async runScheduledNow(
    limits: RunLimits,
  ): Promise<StoredRun | undefined> {
    let run: StoredRun;
    try {
      run = await this.store.createRun({ kind: 'scheduled' });
    } catch (error) {
      this.logger.error(`Could not start an evaluation run: ${toError(error)}`);
      return undefined;
    }
    await this.execute(run, 'all', () => this.links.collectAll(), limits);
    if (!limits.signal?.aborted && !this.stopping.signal.aborted) {
      await this.pruneHistory();
    }
    return this.store.getRun(run.id);
  }

  /**
   * Starts a refresh of one entity's clusters in the background, unless one is
   * running or just finished (checked in the runs table, so across replicas).
   * Beyond the caller's rate or the cap on running refreshes, answers the
   * refusal with when to retry.
   */
  async startRefresh(
    entityRef: string,
    requestedBy: string,
  ): Promise<StartedRefresh | RefreshRefused> {
    const nowMs = this.now().getTime();
    const started = await this.store.startRefresh(entityRef, {
      since: new Date(nowMs - this.refresh.debounceMs),
      requestedBy,
      perCaller: {
        limit: this.refresh.perCallerLimit,
        since: new Date(nowMs - this.refresh.perCallerWindowMs),
        windowMs: this.refresh.perCallerWindowMs,
      },
      maxRunning: this.refresh.maxRunning,
    });
    if ('refused' in started) return started;
    const { run, created } = started;
    const completion = created
      ? this.track(
          this.execute(
            run,
            'listed',
            async () => {
              const links = await this.links.collectEntity(entityRef);
              if (!links) throw new Error(`${entityRef} is not in the catalog`);
              return this.withStoredNamers(links);
            },
            { deadline: nowMs + this.refresh.timeoutMs },
          ),
        )
      : Promise.resolve();
    return { run, created, completion };
  }

  /**
   * A refresh sees one entity: the other entities naming its clusters, as stored
   * by earlier runs, still decide who may attest a rewrite.
   */
  private async withStoredNamers(links: CatalogLinks): Promise<CatalogLinks> {
    const own = new Set(links.entities.map(e => e.entityRef));
    const stored = await this.store.listClusterNamers(
      links.targets.map(t => t.cluster.arn),
    );
    const byArn = new Map<string, ClusterNamer[]>();
    for (const { clusterArn, ...namer } of stored) {
      if (own.has(namer.entityRef)) continue;
      byArn.set(clusterArn, [...(byArn.get(clusterArn) ?? []), namer]);
    }
    return {
      ...links,
      targets: links.targets.map(target => {
        const others = byArn.get(target.cluster.arn) ?? [];
        return others.length === 0
          ? target
          : { ...target, namedBy: [...(target.namedBy ?? []), ...others] };
      }),
    };
  }

  /**
   * Cancels every run under way (scheduled or refresh: each records that it was
   * cancelled and writes nothing else) and waits until they have finished, so that
   * none touches the database after the backend stopped. For a shutdown hook.
   */
  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.all(this.running);
  }

  /** Keeps `work` in the runs `stop` waits for until it settles. */
  private track<T>(work: Promise<T>): Promise<T> {
    const done = work.then(
      () => {},
      () => {},
    );
    this.running.add(done);
    void done.then(() => this.running.delete(done));
    return work;
  }

  /** Runs `executeRun`, cancelled by `stop` as well as by the run's own signal. */
  private execute(
    run: StoredRun,
    replace: 'all' | 'listed',
    collect: () => Promise<CatalogLinks>,
    limits: RunLimits,
  ): Promise<void> {
    const signal = limits.signal
      ? AbortSignal.any([limits.signal, this.stopping.signal])
      : this.stopping.signal;
    return this.executeRun(run, replace, collect, { ...limits, signal });
  }

  private async executeRun(
    run: StoredRun,
    replace: 'all' | 'listed',
    collect: () => Promise<CatalogLinks>,
    limits: RunLimits,
  ): Promise<void> {
    const startedAt = this.now().getTime();
    const progress = new ProgressReporter({
      store: this.store,
      runId: run.id,
      logger: this.logger,
      intervalMs: this.progressIntervalMs,
      heartbeatIntervalMs: this.heartbeatIntervalMs,
      now: () => this.now().getTime(),
    });
    progress.start();
    try {
      const linksReadAt = this.now();
      const links = await collect();
      const { entities } = links;
      const readDeadline =
        limits.deadline !== undefined
          ? this.readDeadline(limits.deadline, startedAt)
          : undefined;
      // Only a full run lists: a refresh sees one entity, not an account.
      const listings =
        replace === 'all' && this.discovery
          ? await this.discovery.lister.list({
              ...(readDeadline !== undefined ? { deadline: readDeadline } : {}),
              ...(limits.signal ? { signal: limits.signal } : {}),
            })
          : undefined;
      const targets = listings
        ? withDiscoveredTargets(links.targets, listings)
        : links.targets;
      for (const l of listings?.filter(listing => !listing.complete) ?? []) {
        this.logger.warn(
          `Discovery incomplete: ${l.accountId}/${l.region}: ${l.reason}; no cluster there is marked deleted`,
        );
      }
      progress.report(0, targets.length);
      const output = await this.evaluator.evaluate({
        targets,
        // Updates the store knows as finished are never described again.
        knownFinishedUpdates: ids => this.store.getFinishedUpdates(ids),
        // A refresh judges key sharing against the other stored clusters with
        // the same keys; a full run evaluates every linked cluster itself.
        ...(replace === 'listed'
          ? {
              storedKeyUses: (keyArns, excluding) =>
                this.store.listKeyUses(keyArns, excluding),
            }
          : {}),
        ...(readDeadline !== undefined ? { deadline: readDeadline } : {}),
        ...(limits.signal ? { signal: limits.signal } : {}),
        now: linksReadAt,
        onProgress: progress.report,
      });
      if (limits.signal?.aborted) {
        throw new Error(
          'The run was cancelled (its task timed out or the backend is stopping); nothing was written',
        );
      }
      await progress.flush();
      const split =
        listings &&
        (await splitDiscovered({
          links,
          listings,
          output,
          ownerTag: this.discovery!.lister.ownerTag,
          ownerExists: this.discovery!.ownerExists,
        }));
      const summary = await this.store.writeRunResults({
        runId: run.id,
        replace,
        entities,
        clusters: split?.linked ?? output.clusters,
        ...(split ? { discovery: split.discovery } : {}),
        finishedUpdates: output.finishedUpdates,
        productionValues: this.productionValues,
        now: this.now(),
        linksReadAt,
      });
      if (summary.rejectedClusters.length > 0) {
        this.logger.error(
          `Evaluation run ${
            run.id
          } left out evaluations whose values do not fit the database: ${summary.rejectedClusters.join(
            ', ',
          )}`,
        );
      }
      this.onWritten();
      const clusterErrors = output.clusters.filter(
        c => c.verdict === 'error',
      ).length;
      await this.store.finishRun(run.id, {
        status: 'succeeded',
        clustersTotal: targets.length,
        clustersDone: targets.length,
        entities: summary.entities,
        clusterErrors,
      });
      this.logger.info(
        `Evaluation run ${run.id} (${run.kind}) evaluated ${
          targets.length
        } clusters of ${summary.entities} entities in ${
          this.now().getTime() - startedAt
        } ms; ${clusterErrors} clusters could not be read, ${
          summary.olderSkipped
        } older than stored, ${summary.findingsOpened} findings opened, ${
          summary.findingsResolved
        } resolved${
          summary.clustersDeleted > 0
            ? `, ${summary.clustersDeleted} clusters found deleted`
            : ''
        }`,
      );
    } catch (error) {
      await this.fail(run, toError(error));
    } finally {
      progress.stop();
    }
  }
  /** When AWS reading stops: the run's deadline less the time kept for the write. */
  private readDeadline(deadline: number, startedAt: number): number {
    const reserve = Math.min(this.writeReserveMs, (deadline - startedAt) / 4);
    return deadline - reserve;
  }

  private async fail(run: StoredRun, error: Error): Promise<void> {
    this.logger.error(`Evaluation run ${run.id} (${run.kind}) failed`, error);
    try {
      await this.store.finishRun(run.id, {
        status: 'failed',
        error: error.message,
      });
    } catch (finishError) {
      this.logger.error(
        `Could not record the failure of run ${run.id}: ${toError(
          finishError,
        )}`,
      );
    }
  }

  private async pruneHistory(): Promise<void> {
    const olderThan = new Date(this.now().getTime() - this.historyRetentionMs);
    try {
      const pruned = await this.store.pruneHistory(olderThan);
      this.logger.debug(
        `Pruned history older than ${olderThan.toISOString()}: ${
          pruned.findings
        } findings, ${pruned.snapshots} snapshots, ${pruned.runs} runs`,
      );
    } catch (error) {
      this.logger.warn(`Could not prune history: ${toError(error)}`);
    }
  }
}
