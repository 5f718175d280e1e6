import type { LoggerService } from '@backstage/backend-plugin-api';
import type { EksEncryptionStore } from '../database/EksEncryptionStore';

/**
 * Turns the evaluator's synchronous progress callbacks into at most one store write
 * at a time and one per interval. The writes are the run's heartbeat: while started,
 * one is written every `heartbeatIntervalMs` even without progress (a slow AWS
 * call), so a run whose process died is told from one that is waiting.
 */
export class ProgressReporter {
  private pending: Promise<void> = Promise.resolve();
  private writing = false;
  private lastWriteAt = 0;
  private latest = { clustersDone: 0, clustersTotal: 0 };
  private heartbeat?: NodeJS.Timeout;

  constructor(
    private readonly options: {
      store: Pick<EksEncryptionStore, 'updateRunProgress'>;
      runId: string;
      logger: LoggerService;
      intervalMs: number;
      heartbeatIntervalMs?: number;
      now: () => number;
    },
  ) {}

  /** Starts the heartbeat. */
  start(): void {
    const { heartbeatIntervalMs } = this.options;
    if (!heartbeatIntervalMs || this.heartbeat) return;
    this.heartbeat = setInterval(() => {
      if (!this.writing) this.pending = this.write();
    }, heartbeatIntervalMs);
    // A heartbeat never keeps the process alive on its own.
    this.heartbeat.unref();
  }

  /** Stops the heartbeat. */
  stop(): void {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  /** Records progress; writes it now unless a write is under way or was just made. */
  report = (clustersDone: number, clustersTotal: number): void => {
    this.latest = { clustersDone, clustersTotal };
    const { intervalMs, now } = this.options;
    if (this.writing || now() - this.lastWriteAt < intervalMs) return;
    this.pending = this.write();
  };

  /** Waits for the write under way, then stores the latest progress. */
  async flush(): Promise<void> {
    await this.pending;
    await this.write();
  }

  private async write(): Promise<void> {
    const { store, runId, logger, now } = this.options;
    this.writing = true;
    this.lastWriteAt = now();
    try {
      await store.updateRunProgress(runId, { ...this.latest });
    } catch (error) {
      // Progress is advisory; the run goes on and its result is written at the end.
      logger.warn(`Could not store progress of run ${runId}: ${error}`);
    } finally {
      this.writing = false;
    }
  }
}
