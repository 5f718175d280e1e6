/**
 * Runs at most `limit` tasks at a time per key (here: per AWS account and region), in
 * the order they were submitted; tasks of different keys do not wait for each other.
 */
export class KeyedConcurrencyLimiter {
  private readonly lanes = new Map<
    string,
    { active: number; waiting: (() => void)[] }
  >();

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new Error(
        `concurrency limit must be a positive integer, got ${limit}`,
      );
    }
  }

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const lane = this.lanes.get(key) ?? { active: 0, waiting: [] };
    this.lanes.set(key, lane);
    if (lane.active >= this.limit) {
      await new Promise<void>(resolve => lane.waiting.push(resolve));
    } else {
      lane.active += 1;
    }
    try {
      return await task();
    } finally {
      const next = lane.waiting.shift();
      if (next) {
        // The slot passes straight to the next task: `active` stays the same.
        next();
      } else {
        lane.active -= 1;
        if (lane.active === 0) this.lanes.delete(key);
      }
    }
  }

  /** Tasks running for `key` right now. */
  activeCount(key: string): number {
    return this.lanes.get(key)?.active ?? 0;
  }
}
