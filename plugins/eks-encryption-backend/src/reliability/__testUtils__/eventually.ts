import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Polls `probe` until it returns a value (anything but `undefined`), every
 * `intervalMs`, for at most `timeoutMs`; then fails naming `what` and the last
 * state `describe` gives, so a timeout says what was seen instead.
 */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  options: {
    timeoutMs: number;
    intervalMs?: number;
    describe?: () => Promise<unknown>;
  },
): Promise<T> {
  const { timeoutMs, intervalMs = 100 } = options;
  const startedAt = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() - startedAt > timeoutMs) {
      const seen = options.describe ? await options.describe() : undefined;
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${what}${
          seen === undefined ? '' : `; last seen: ${JSON.stringify(seen)}`
        }`,
      );
    }
    await sleep(intervalMs);
  }
}
