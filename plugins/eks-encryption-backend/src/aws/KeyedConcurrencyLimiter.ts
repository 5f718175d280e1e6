interface Lane {
  active: number;
  waiting: { grant: () => void }[];
}

/**
 * Runs at most `limit` tasks at a time per key (here: per AWS account and region), in
 * the order they were submitted; tasks of different keys do not wait for each other.
 */
export class KeyedConcurrencyLimiter {
  private readonly lanes = new Map<string, Lane>();

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new Error(
        `concurrency limit must be a positive integer, got ${limit}`,
      );
    }
  }

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const release = await this.acquire(key);
    try {
      return await task();
    } finally {
      release();
    }
  }

  /**
   * Waits for a slot of `key`; resolves with the function that gives it back (call it
   * once). When `signal` aborts first, the wait ends with its reason and takes no slot.
   */
  acquire(key: string, signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const lane = this.lanes.get(key) ?? { active: 0, waiting: [] };
    this.lanes.set(key, lane);
    if (lane.active < this.limit) {
      lane.active += 1;
      return Promise.resolve(this.releaser(key, lane));
    }
    return new Promise((resolve, reject) => {
      const waiter = { grant: () => {} };
      const onAbort = () => {
        const at = lane.waiting.indexOf(waiter);
        if (at >= 0) lane.waiting.splice(at, 1);
        reject(signal!.reason);
      };
      waiter.grant = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve(this.releaser(key, lane));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      lane.waiting.push(waiter);
    });
  }

  /** Tasks running for `key` right now. */
  activeCount(key: string): number {
    return this.lanes.get(key)?.active ?? 0;
  }

  private releaser(key: string, lane: Lane): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = lane.waiting.shift();
      if (next) {
        // The slot passes straight to the next task: `active` stays the same.
        next.grant();
      } else {
        lane.active -= 1;
        if (lane.active === 0) this.lanes.delete(key);
      }
    };
  }
}
