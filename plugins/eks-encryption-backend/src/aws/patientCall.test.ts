import type { AwsRetrySettings } from '../config';
import { UnexpectedResponseError } from './awsErrors';
import {
  AttemptTimeoutError,
  backoffDelay,
  CallGaveUpError,
  formatDuration,
  PatientCall,
  retryableFault,
  type PatientCallOptions,
} from './patientCall';

/** An error as the SDK throws it: the AWS code in `name`, the HTTP status in `$metadata`. */
function awsError(name: string, status?: number, extra: object = {}) {
  return Object.assign(new Error(`${name} happened`), {
    name,
    ...(status ? { $metadata: { httpStatusCode: status } } : {}),
    ...extra,
  });
}

const throttled = () => awsError('ThrottlingException', 400);

const QUICK: AwsRetrySettings = {
  attemptTimeoutMs: 1000,
  callBudgetMs: 1000,
  baseDelayMs: 1,
  maxDelayMs: 4,
};

/** Runs `request` through a fresh call and finishes it. */
async function patiently<O>(
  request: (signal: AbortSignal) => Promise<O>,
  options: Omit<Partial<PatientCallOptions>, 'retry'> & {
    retry?: Partial<AwsRetrySettings>;
  } = {},
): Promise<O> {
  const call = new PatientCall({
    ...options,
    retry: { ...QUICK, ...options.retry },
  });
  try {
    return await call.send(request);
  } finally {
    call.finish();
  }
}

/** A request that answers with the next of `outcomes` (errors are thrown), counting calls. */
function scripted(...outcomes: unknown[]) {
  const request = jest.fn(async (_signal: AbortSignal) => {
    const next = outcomes.length > 1 ? outcomes.shift() : outcomes[0];
    if (next instanceof Error) throw next;
    return next;
  });
  return request;
}

/** Never answers; rejects when its signal aborts. */
function hanging(signals: AbortSignal[] = []) {
  return (signal: AbortSignal) => {
    signals.push(signal);
    return new Promise<never>((_, reject) =>
      signal.addEventListener('abort', () => reject(awsError('AbortError'))),
    );
  };
}

async function gaveUp(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    e => e,
  );
  expect(error).toBeInstanceOf(CallGaveUpError);
  return (error as Error).message;
}

describe('backoffDelay', () => {
  const settings = { baseDelayMs: 100, maxDelayMs: 1000 };

  it.each([
    [0, 100],
    [1, 200],
    [3, 800],
    [4, 1000],
    [60, 1000],
  ])('retry %i draws from [0, %i) ms', (retry, cap) => {
    expect(backoffDelay(retry, settings, () => 0)).toBe(0);
    expect(backoffDelay(retry, settings, () => 0.999999)).toBe(cap - 1);
    for (let i = 0; i < 200; i++) {
      const delay = backoffDelay(retry, settings);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(cap);
    }
  });

  it('spreads its delays (full jitter)', () => {
    const delays = new Set(
      Array.from({ length: 50 }, () => backoffDelay(10, settings)),
    );
    expect(delays.size).toBeGreaterThan(10);
  });
});

describe('retryableFault', () => {
  const cases: Record<string, [unknown, string | undefined]> = {
    '429': [awsError('SomethingElse', 429), 'throttled'],
    ThrottlingException: [throttled(), 'throttled'],
    '500': [awsError('KMSInternalException', 500), 'server-error'],
    '503': [awsError('ServiceUnavailableException', 503), 'server-error'],
    '599': [awsError('Weird', 599), 'server-error'],
    'a 502 HTML page': [awsError('SyntaxError', 502), 'server-error'],
    ECONNRESET: [
      awsError('Error', undefined, { code: 'ECONNRESET' }),
      'network',
    ],
    'a hung attempt': [new AttemptTimeoutError(10), 'timed-out'],
    AccessDeniedException: [awsError('AccessDeniedException', 400), undefined],
    NotFoundException: [awsError('NotFoundException', 400), undefined],
    ResourceNotFoundException: [
      awsError('ResourceNotFoundException', 404),
      undefined,
    ],
    CredentialsProviderError: [awsError('CredentialsProviderError'), undefined],
    ExpiredTokenException: [awsError('ExpiredTokenException', 400), undefined],
    'an unparseable 200': [
      awsError('SyntaxError', 200, { $responseBodyText: '{' }),
      undefined,
    ],
    'an unexpected answer': [
      new UnexpectedResponseError('no cluster'),
      undefined,
    ],
    ValidationException: [awsError('ValidationException', 400), undefined],
    'a string': ['boom', undefined],
  };

  it.each(Object.keys(cases))('%s', name => {
    const [error, fault] = cases[name];
    expect(retryableFault(error)).toBe(fault);
  });
});

describe('PatientCall', () => {
  it('retries a throttling burst and returns the answer', async () => {
    const request = scripted(throttled(), throttled(), 'answer');
    await expect(patiently(request)).resolves.toBe('answer');
    expect(request).toHaveBeenCalledTimes(3);
  });

  it.each([
    ['AccessDeniedException', awsError('AccessDeniedException', 400)],
    ['NotFoundException', awsError('NotFoundException', 400)],
    ['CredentialsProviderError', awsError('CredentialsProviderError')],
    [
      'an unparseable answer',
      awsError('SyntaxError', 200, { $responseBodyText: '{' }),
    ],
    ['an unexpected answer', new UnexpectedResponseError('no cluster')],
  ])('throws %s as it is, after one attempt', async (_, error) => {
    const request = scripted(error, 'never');
    await expect(patiently(request)).rejects.toBe(error);
    expect(request).toHaveBeenCalledTimes(1);
  });

  it('waits the jittered backoff between attempts', async () => {
    const sent: number[] = [];
    const request = jest.fn(async () => {
      sent.push(Date.now());
      if (sent.length < 3) throw throttled();
      return 'answer';
    });
    await patiently(request, {
      retry: { baseDelayMs: 40, maxDelayMs: 1000 },
      random: () => 0.999,
    });
    // Retry 0 waits up to 40 ms, retry 1 up to 80 ms: here the top of each range.
    expect(sent[1] - sent[0]).toBeGreaterThanOrEqual(35);
    expect(sent[2] - sent[1]).toBeGreaterThanOrEqual(75);
  });

  it('gives up at the call budget when it ends before the deadline', async () => {
    const started = Date.now();
    const message = await gaveUp(
      patiently(scripted(throttled()), {
        retry: { callBudgetMs: 80 },
        bounds: { deadline: Date.now() + 10_000 },
      }),
    );
    expect(Date.now() - started).toBeLessThan(80 + 50);
    expect(message).toMatch(
      /^throttled \d+ times in \d+ ms \(ThrottlingException: ThrottlingException happened\); gave up at the call budget of 80 ms(; the attempt in flight was aborted)?$/,
    );
  });

  it("gives up at the run's deadline when it ends before the budget", async () => {
    const started = Date.now();
    const message = await gaveUp(
      patiently(scripted(awsError('ServiceUnavailableException', 503)), {
        retry: { callBudgetMs: 10_000 },
        bounds: { deadline: Date.now() + 80 },
      }),
    );
    expect(Date.now() - started).toBeLessThan(80 + 50);
    expect(message).toMatch(
      /^failed \d+ times with a server error in \d+ ms \(ServiceUnavailableException: .*\); gave up at the run's deadline(; the attempt in flight was aborted)?$/,
    );
  });

  it('starts no backoff that would end past the budget', async () => {
    const request = scripted(throttled());
    const started = Date.now();
    const message = await gaveUp(
      patiently(request, {
        retry: { callBudgetMs: 500, baseDelayMs: 5000, maxDelayMs: 5000 },
        random: () => 0.5,
      }),
    );
    // The one backoff (2.5 s) would pass the budget: no waiting for nothing.
    expect(Date.now() - started).toBeLessThan(100);
    expect(request).toHaveBeenCalledTimes(1);
    expect(message).toMatch(
      /^throttled once in \d+ ms .*; gave up at the call budget of 500 ms$/,
    );
  });

  it('aborts a hung attempt at the attempt timeout and retries it', async () => {
    const signals: AbortSignal[] = [];
    const answers = [hanging(signals), async () => 'answer'];
    const started = Date.now();
    await expect(
      patiently(signal => answers.shift()!(signal), {
        retry: { attemptTimeoutMs: 30 },
      }),
    ).resolves.toBe('answer');
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    expect(signals[0].aborted).toBe(true);
  });

  it('settles at the attempt timeout even when the request ignores its signal', async () => {
    const message = await gaveUp(
      patiently(() => new Promise<never>(() => {}), {
        retry: { attemptTimeoutMs: 20, callBudgetMs: 70 },
      }),
    );
    expect(message).toMatch(
      /^timed out (twice|\d times) in \d+ ms \(TimeoutError: no answer within 20 ms; the attempt was aborted\); gave up at the call budget of 70 ms/,
    );
  });

  it('cuts the attempt in flight at the budget', async () => {
    const signals: AbortSignal[] = [];
    const started = Date.now();
    const message = await gaveUp(
      patiently(hanging(signals), {
        retry: { attemptTimeoutMs: 10_000, callBudgetMs: 50 },
      }),
    );
    expect(Date.now() - started).toBeLessThan(50 + 50);
    expect(signals).toHaveLength(1);
    expect(signals[0].aborted).toBe(true);
    expect(message).toMatch(
      /^no answer in \d+ ms; gave up at the call budget of 50 ms; the attempt in flight was aborted$/,
    );
  });

  it("makes no attempt once the run's deadline has passed", async () => {
    const request = scripted('answer');
    await expect(
      gaveUp(patiently(request, { bounds: { deadline: Date.now() - 1 } })),
    ).resolves.toBe("not called: the run's deadline had passed");
    expect(request).not.toHaveBeenCalled();
  });

  describe('when the run is cancelled', () => {
    it('makes no attempt', async () => {
      const run = new AbortController();
      run.abort();
      const request = scripted('answer');
      await expect(
        gaveUp(patiently(request, { bounds: { signal: run.signal } })),
      ).resolves.toBe('not called: the run was cancelled');
      expect(request).not.toHaveBeenCalled();
    });

    it('aborts the attempt in flight', async () => {
      const run = new AbortController();
      const signals: AbortSignal[] = [];
      setTimeout(() => run.abort(), 20);
      const started = Date.now();
      const message = await gaveUp(
        patiently(hanging(signals), { bounds: { signal: run.signal } }),
      );
      expect(Date.now() - started).toBeLessThan(100);
      expect(signals[0].aborted).toBe(true);
      expect(message).toMatch(
        /^the run was cancelled after \d+ ms; the attempt in flight was aborted$/,
      );
    });

    it('stops waiting in a backoff', async () => {
      const run = new AbortController();
      const request = scripted(throttled());
      setTimeout(() => run.abort(), 20);
      const started = Date.now();
      const message = await gaveUp(
        patiently(request, {
          retry: { baseDelayMs: 5000, maxDelayMs: 5000, callBudgetMs: 60_000 },
          random: () => 0.99,
          bounds: { signal: run.signal },
        }),
      );
      expect(Date.now() - started).toBeLessThan(100);
      expect(request).toHaveBeenCalledTimes(1);
      expect(message).toMatch(
        /^the run was cancelled after \d+ ms; so far: throttled once in \d+ ms \(ThrottlingException: .*\)$/,
      );
    });

    it('leaves no listener on the run signal', async () => {
      const run = new AbortController();
      const remove = jest.spyOn(run.signal, 'removeEventListener');
      await patiently(scripted('answer'), { bounds: { signal: run.signal } });
      expect(remove).toHaveBeenCalledWith('abort', expect.any(Function));
    });
  });

  it('with maxAttempts 1, hands back the first error unretried', async () => {
    const error = throttled();
    await expect(patiently(scripted(error), { maxAttempts: 1 })).rejects.toBe(
      error,
    );
  });

  it('with maxAttempts, gives up after that many attempts', async () => {
    const request = scripted(throttled());
    await expect(
      gaveUp(patiently(request, { maxAttempts: 3 })),
    ).resolves.toMatch(/^throttled 3 times in .*; gave up after 3 attempts$/);
    expect(request).toHaveBeenCalledTimes(3);
  });

  it('takes a slot and a send token of its lane per attempt, and reports each outcome', async () => {
    const events: string[] = [];
    const lane = {
      acquire: jest.fn(async () => {
        events.push('acquire');
        return () => events.push('release');
      }),
      record: jest.fn((outcome: object) =>
        events.push(outcome instanceof Error ? outcome.name : 'answer'),
      ),
    };
    await patiently(scripted(throttled(), { answer: 1 }), { lane });
    expect(events).toEqual([
      'acquire',
      'ThrottlingException',
      'release',
      'acquire',
      'answer',
      'release',
    ]);
  });

  it('gives up while waiting for its lane when the budget ends', async () => {
    const lane = {
      acquire: (signal: AbortSignal) =>
        new Promise<() => void>((_, reject) =>
          signal.addEventListener('abort', () => reject(signal.reason)),
        ),
      record: () => {},
    };
    const message = await gaveUp(
      patiently(scripted('answer'), { lane, retry: { callBudgetMs: 30 } }),
    );
    expect(message).toMatch(
      /^waited \d+ ms for the rate limit and calls in flight of the account and region; gave up at the call budget of 30 ms$/,
    );
  });
});

describe('formatDuration', () => {
  it.each([
    [250, '250 ms'],
    [9800, '9.8 s'],
    [10_000, '10 s'],
    [120_000, '2 min'],
  ])('%i → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
