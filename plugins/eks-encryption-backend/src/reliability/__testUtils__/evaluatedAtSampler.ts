import { setTimeout as sleep } from 'node:timers/promises';
import type { Knex } from 'knex';
import { evaluatedAt } from './storedState';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Reads every cluster's stored `evaluated_at` every `intervalMs` while runs go on,
 * and notes each time one went back in time or vanished: a write of an older read.
 */
export class EvaluatedAtSampler {
  /** What went wrong, in words; empty while the newest read always won. */
  readonly regressions: string[] = [];
  samples = 0;
  private readonly last = new Map<string, number>();
  private stopped = false;
  private failure?: unknown;
  private readonly loop: Promise<void>;

  constructor(knex: Knex, intervalMs = 100) {
    this.loop = this.sample(knex, intervalMs).catch(error => {
      this.failure = error;
    });
  }

  /** Stops sampling after one last sample; throws if a sample could not be read. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
    if (this.failure) throw this.failure;
  }

  private async sample(knex: Knex, intervalMs: number): Promise<void> {
    while (!this.stopped) {
      this.compare(await evaluatedAt(knex));
      await sleep(intervalMs);
    }
    this.compare(await evaluatedAt(knex));
  }

  private compare(now: Record<string, number>): void {
    this.samples += 1;
    for (const [arn, before] of this.last) {
      const after = now[arn];
      if (after === undefined) {
        this.regressions.push(`${arn} vanished (was read at ${iso(before)})`);
      } else if (after < before) {
        this.regressions.push(
          `${arn} went back from a read at ${iso(before)} to ${iso(after)}`,
        );
      }
    }
    this.last.clear();
    for (const [arn, at] of Object.entries(now)) this.last.set(arn, at);
  }
}
