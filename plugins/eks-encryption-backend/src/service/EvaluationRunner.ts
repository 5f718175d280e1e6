import type { LoggerService } from '@backstage/backend-plugin-api';
import { toError } from '@backstage/errors';
import type { CatalogLinkSource, CatalogLinks } from '../catalog/types';
import type {
  EksEncryptionStore,
  StoredRun,
} from '../database/EksEncryptionStore';
import type { ClusterEvaluator, KeyUse } from '../engine/types';
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
  /** A refresh started this recently is returned instead of starting another. */
  refreshDebounceMs?: number;
  /** Minimum time between two progress writes of a run. */
  progressIntervalMs?: number;
  now?: () => Date;
}

/** A started refresh: its run, and the background work (which never rejects). */
export interface StartedRefresh {
  run: StoredRun;
  /** False when a running or recent refresh of the entity was returned. */
  created: boolean;
  completion: Promise<void>;
}

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
  private readonly refreshDebounceMs: number;
  private readonly progressIntervalMs: number;
  private readonly now: () => Date;

  constructor(options: EvaluationRunnerOptions) {
    this.links = options.links;
    this.evaluator = options.evaluator;
    this.store = options.store;
    this.logger = options.logger;
    this.productionValues = options.productionValues;
    this.historyRetentionMs = options.historyRetentionMs ?? 180 * DAY_MS;
    this.refreshDebounceMs = options.refreshDebounceMs ?? 60_000;
    this.progressIntervalMs = options.progressIntervalMs ?? 2_000;
    this.now = options.now ?? (() => new Date());
  }

  /** A full run over the whole catalog, then history pruning. Resolves to the finished run. */
  async runScheduled(): Promise<StoredRun | undefined> {
    let run: StoredRun;
    try {
      run = await this.store.createRun({ kind: 'scheduled' });
    } catch (error) {
      this.logger.error(`Could not start an evaluation run: ${toError(error)}`);
      return undefined;
    }
    await this.execute(run, 'all', () => this.links.collectAll());
    await this.pruneHistory();
    return this.store.getRun(run.id);
  }

  /**
   * Starts a refresh of one entity's clusters in the background, unless one is
   * running or just finished (checked in the runs table, so across replicas).
   */
  async startRefresh(entityRef: string): Promise<StartedRefresh> {
    const since = new Date(this.now().getTime() - this.refreshDebounceMs);
    const { run, created } = await this.store.startRefresh(entityRef, since);
    const completion = created
      ? this.execute(run, 'listed', async () => {
          const links = await this.links.collectEntity(entityRef);
          if (!links) throw new Error(`${entityRef} is not in the catalog`);
          return links;
        })
      : Promise.resolve();
    return { run, created, completion };
  }

  private async execute(
    run: StoredRun,
    replace: 'all' | 'listed',
    collect: () => Promise<CatalogLinks>,
  ): Promise<void> {
    const startedAt = this.now().getTime();
    const progress = new ProgressReporter({
      store: this.store,
      runId: run.id,
      logger: this.logger,
      intervalMs: this.progressIntervalMs,
      now: () => this.now().getTime(),
    });
    try {
      const { entities, targets } = await collect();
      progress.report(0, targets.length);
      // A refresh judges key sharing against every other stored cluster; a full
      // run evaluates every linked cluster itself, and the rest is about to go.
      const storedKeyUses: KeyUse[] =
        replace === 'listed'
          ? await this.store.listKeyUses(targets.map(t => t.cluster.arn))
          : [];
      const output = await this.evaluator.evaluate({
        targets,
        storedKeyUses,
        now: this.now(),
        onProgress: progress.report,
      });
      await progress.flush();
      const summary = await this.store.writeRunResults({
        runId: run.id,
        replace,
        entities,
        clusters: output.clusters,
        finishedUpdates: output.finishedUpdates,
        productionValues: this.productionValues,
        now: this.now(),
      });
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
          summary.findingsOpened
        } findings opened, ${summary.findingsResolved} resolved`,
      );
    } catch (error) {
      await this.fail(run, toError(error));
    }
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
