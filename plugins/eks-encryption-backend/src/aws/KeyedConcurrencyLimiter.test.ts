import { KeyedConcurrencyLimiter } from './KeyedConcurrencyLimiter';

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise(resolve => setImmediate(resolve));

describe('KeyedConcurrencyLimiter', () => {
  it('runs at most `limit` tasks per key, in submission order', async () => {
    const limiter = new KeyedConcurrencyLimiter(2);
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    const runs = gates.map((gate, i) =>
      limiter.run('a', async () => {
        started.push(i);
        await gate.promise;
        return i;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    expect(limiter.activeCount('a')).toBe(2);
    gates[1].resolve();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    gates[0].resolve();
    gates[2].resolve();
    gates[3].resolve();
    await expect(Promise.all(runs)).resolves.toEqual([0, 1, 2, 3]);
    expect(limiter.activeCount('a')).toBe(0);
  });

  it('keys do not wait for each other', async () => {
    const limiter = new KeyedConcurrencyLimiter(1);
    const gate = deferred();
    const blocked = limiter.run('a', () => gate.promise);
    await expect(limiter.run('b', async () => 'b')).resolves.toBe('b');
    gate.resolve();
    await blocked;
  });

  it('frees the slot when a task fails', async () => {
    const limiter = new KeyedConcurrencyLimiter(1);
    await expect(
      limiter.run('a', async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(limiter.run('a', async () => 'next')).resolves.toBe('next');
    expect(limiter.activeCount('a')).toBe(0);
  });

  it('a wait ended by its signal takes no slot and leaves the queue', async () => {
    const limiter = new KeyedConcurrencyLimiter(1);
    const release = await limiter.acquire('a');
    const gaveUp = new AbortController();
    const waiting = limiter.acquire('a', gaveUp.signal);
    const next = limiter.acquire('a');
    gaveUp.abort(new Error('budget spent'));
    await expect(waiting).rejects.toThrow('budget spent');
    release();
    // The slot went to the next waiter, not to the one that gave up.
    const releaseNext = await next;
    expect(limiter.activeCount('a')).toBe(1);
    releaseNext();
    releaseNext();
    expect(limiter.activeCount('a')).toBe(0);
  });

  it('an aborted signal does not even queue', async () => {
    const limiter = new KeyedConcurrencyLimiter(1);
    await expect(
      limiter.acquire('a', AbortSignal.abort(new Error('cancelled'))),
    ).rejects.toThrow('cancelled');
    expect(limiter.activeCount('a')).toBe(0);
  });

  it('refuses a limit below one', () => {
    expect(() => new KeyedConcurrencyLimiter(0)).toThrow(/positive integer/);
  });
});
