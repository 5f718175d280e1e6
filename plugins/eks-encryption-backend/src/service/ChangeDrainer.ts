import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { toError } from '@backstage/errors';
import type { EksEncryptionChangeConsumer } from 'backstage-plugin-eks-encryption-node';
import type { EksEncryptionStore } from '../database/EksEncryptionStore';

/**
 * Hands the change log to each consumer, batch by batch, from its own cursor.
 * A consumer that throws keeps its batch for the next drain and holds no other
 * consumer back. One drain runs at a time per replica; replicas are kept apart by
 * the store.
 */
export class ChangeDrainer {
  private running: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly options: {
      store: EksEncryptionStore;
      consumers: readonly EksEncryptionChangeConsumer[];
      logger: LoggerService;
      batchSize: number;
    },
  ) {}

  /**
   * Starts each consumer new to the log after the changes already logged (so it
   * sees every later run), then drains on a schedule besides after each run: a
   * batch a consumer failed is retried even when no run comes.
   */
  async start(scheduler: SchedulerService, frequencyMs: number): Promise<void> {
    await this.options.store.startChangeCursors(
      this.options.consumers.map(c => c.id),
    );
    await scheduler.scheduleTask({
      id: 'eks-encryption-changes-drain',
      frequency: { milliseconds: frequencyMs },
      timeout: { minutes: 10 },
      scope: 'local',
      fn: () => this.drain(),
    });
  }

  /** Waits for the drain under way, if any; for a shutdown hook. */
  async idle(): Promise<void> {
    await this.running?.catch(() => {});
  }

  /** Drains every consumer; a call during a drain runs one more drain after it. */
  drain(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        for (const consumer of this.options.consumers) {
          await this.drainOne(consumer);
        }
      } while (this.again);
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async drainOne(consumer: EksEncryptionChangeConsumer): Promise<void> {
    const { store, batchSize, logger } = this.options;
    try {
      while (
        (await store.drainChanges(consumer.id, batchSize, changes =>
          consumer.consume(changes),
        )) === batchSize
      );
    } catch (error) {
      logger.warn(
        `The eks-encryption change consumer ${
          consumer.id
        } failed; its changes are handed over again on the next drain: ${toError(
          error,
        )}`,
      );
    }
  }
}
