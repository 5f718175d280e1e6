import { setTimeout as sleep } from 'node:timers/promises';
import {
  isServerError,
  isThrottlingError,
  isTransientError,
} from '@smithy/core/retry';
import type { AwsRetrySettings } from '../config';
import { classifyAwsError, UnexpectedResponseError } from './awsErrors';
import type { AwsCallOptions } from 'backstage-plugin-eks-encryption-node';

/*
 * Our own retry loop around single SDK requests (the clients make one attempt each):
 * throttling, 5xx, network errors and hung attempts are retried with full-jitter
 * exponential backoff until the call's budget, min(callBudget, run deadline), is spent.
 * Access denied, not found, missing credentials and unreadable answers are not retried.
 */

/** Why an attempt failed in a way worth another try. */
export type AttemptFault =
  | 'throttled'
  | 'server-error'
  | 'timed-out'
  | 'network';

/** Why a call stopped before it had an answer. */
type StopReason = 'cancelled' | 'deadline' | 'budget';

/** The reason a call's signal aborts with. */
class CallStop {
  constructor(readonly why: StopReason) {}
}

/** One attempt went unanswered for too long; it was aborted and counts as transient. */
export class AttemptTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(
      `no answer within ${formatDuration(timeoutMs)}; the attempt was aborted`,
    );
    this.name = 'TimeoutError';
  }
}

/** A call that ended without an answer: its message says what happened and why it stopped. */
export class CallGaveUpError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CallGaveUp';
  }
}

/** Where one call's attempts queue: slots in flight and the send rate of one account and region. */
export interface RetryLane {
  /** Waits for a slot and a send token; resolves with the function that frees the slot. */
  acquire(signal: AbortSignal): Promise<() => void>;
  /** Tells the lane's rate limiter how an attempt ended (its output or its error). */
  record(outcome: object): void;
}

export interface PatientCallOptions {
  retry: AwsRetrySettings;
  /** The run's deadline and cancellation. */
  bounds?: AwsCallOptions;
  lane?: RetryLane;
  /** Attempts per request at most; unlimited within the budget by default. */
  maxAttempts?: number;
  /** Source of jitter, [0, 1). */
  random?: () => number;
}

const UNLIMITED_LANE: RetryLane = {
  acquire: async () => () => {},
  record: () => {},
};

/**
 * Full-jitter backoff before retry number `retry` (0 for the first retry): a random
 * delay from 0 up to min(maxDelay, baseDelay * 2^retry), in whole milliseconds.
 */
export function backoffDelay(
  retry: number,
  settings: Pick<AwsRetrySettings, 'baseDelayMs' | 'maxDelayMs'>,
  random: () => number = Math.random,
): number {
  const cap = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** retry);
  return Math.floor(Math.min(Math.max(random(), 0), 1) * cap);
}

function statusOf(error: object): number | undefined {
  const status = (error as { $metadata?: { httpStatusCode?: unknown } })
    .$metadata?.httpStatusCode;
  return typeof status === 'number' ? status : undefined;
}

/** An answer that arrived but cannot be read: the same bytes will not parse next time. */
export function isUnreadableAnswer(error: object): boolean {
  const status = statusOf(error);
  if (status !== undefined && status >= 500) return false;
  return (
    error instanceof UnexpectedResponseError ||
    (error as { name?: unknown }).name === 'SyntaxError' ||
    '$responseBodyText' in error
  );
}

/**
 * What makes `error` worth another attempt, by the SDK's own error classifier; undefined
 * for errors that retrying cannot fix.
 */
export function retryableFault(error: unknown): AttemptFault | undefined {
  if (error instanceof AttemptTimeoutError) return 'timed-out';
  if (typeof error !== 'object' || error === null) return undefined;
  if (classifyAwsError(error) !== 'failed' || isUnreadableAnswer(error)) {
    return undefined;
  }
  const sdkError = error as Parameters<typeof isThrottlingError>[0];
  if (isThrottlingError(sdkError)) return 'throttled';
  const status = statusOf(error) ?? 0;
  if (isServerError(sdkError) || (status >= 500 && status <= 599)) {
    return 'server-error';
  }
  if (isTransientError(sdkError)) {
    return sdkError.name === 'TimeoutError' ? 'timed-out' : 'network';
  }
  return undefined;
}

/** "250 ms", "1.5 s", "2 min". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${Number((ms / 1000).toFixed(1))} s`;
}

function times(n: number): string {
  if (n === 1) return 'once';
  if (n === 2) return 'twice';
  return `${n} times`;
}

const FAULT_WORDS: Record<AttemptFault, (n: number) => string> = {
  throttled: n => `throttled ${times(n)}`,
  'server-error': n => `failed ${times(n)} with a server error`,
  'timed-out': n => `timed out ${times(n)}`,
  network: n => `lost the connection ${times(n)}`,
};

function errorText(error: unknown): string {
  const { name, message } = error as { name?: unknown; message?: unknown };
  const first =
    typeof message === 'string' ? message.split('\n')[0].slice(0, 300) : '';
  const label = typeof name === 'string' ? name : 'Error';
  return first ? `${label}: ${first}` : label;
}

/** `promise`, or the signal's reason if it aborts first (the promise runs on unobserved). */
export function untilAborted<T>(
  promise: Promise<T>,
  signal: AbortSignal,
): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      value => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      error => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * One attempt with a signal of its own, aborted after `timeoutMs` or with `parent`;
 * settles by then even if `request` ignores its signal.
 */
async function attemptOnce<O>(
  request: (signal: AbortSignal) => Promise<O>,
  timeoutMs: number,
  parent: AbortSignal,
): Promise<O> {
  if (parent.aborted) throw parent.reason;
  const controller = new AbortController();
  const forward = () => controller.abort(parent.reason);
  parent.addEventListener('abort', forward, { once: true });
  const timer = setTimeout(
    () => controller.abort(new AttemptTimeoutError(timeoutMs)),
    timeoutMs,
  );
  try {
    return await untilAborted(request(controller.signal), controller.signal);
  } catch (error) {
    throw controller.signal.aborted ? controller.signal.reason : error;
  } finally {
    clearTimeout(timer);
    parent.removeEventListener('abort', forward);
  }
}

/**
 * The time and retries of one call (one source method, all its pages). Create it when
 * the call starts, `send` every request through it, and `finish` it in a `finally`.
 */
export class PatientCall {
  private readonly controller = new AbortController();
  private readonly started = Date.now();
  private readonly end: number;
  private readonly endsAt: 'deadline' | 'budget';
  private readonly timer?: NodeJS.Timeout;
  private readonly runSignal?: AbortSignal;
  private readonly lane: RetryLane;
  private readonly random: () => number;
  private readonly faults = new Map<AttemptFault, number>();
  private attempts = 0;
  private lastError: unknown;
  /** Stopped before it began: the run was already cancelled or past its deadline. */
  private readonly stoppedAtStart: boolean;

  constructor(private readonly options: PatientCallOptions) {
    const budgetEnd = this.started + options.retry.callBudgetMs;
    const deadline = options.bounds?.deadline;
    if (deadline !== undefined && deadline <= budgetEnd) {
      this.end = deadline;
      this.endsAt = 'deadline';
    } else {
      this.end = budgetEnd;
      this.endsAt = 'budget';
    }
    this.lane = options.lane ?? UNLIMITED_LANE;
    this.random = options.random ?? Math.random;
    this.runSignal = options.bounds?.signal;
    this.stoppedAtStart = !!this.runSignal?.aborted || this.end <= this.started;
    if (this.runSignal?.aborted) {
      this.stop('cancelled');
    } else if (this.end <= this.started) {
      this.stop(this.endsAt);
    } else {
      this.runSignal?.addEventListener('abort', this.onCancel, { once: true });
      this.timer = setTimeout(
        () => this.stop(this.endsAt),
        this.end - this.started,
      );
    }
  }

  /** Aborted when the run is cancelled or the call's time is up. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Frees the call's timer and its listener on the run's signal. */
  finish(): void {
    clearTimeout(this.timer);
    this.runSignal?.removeEventListener('abort', this.onCancel);
  }

  /** Throws a {@link CallGaveUpError} if the call may not start anything more. */
  throwIfStopped(): void {
    if (this.signal.aborted) throw this.gaveUp(false);
  }

  /**
   * Waits for `work` (e.g. a credential lookup) no longer than the call may last; a stop
   * becomes a {@link CallGaveUpError}.
   */
  async wait<T>(work: Promise<T>): Promise<T> {
    try {
      return await untilAborted(work, this.signal);
    } catch (error) {
      if (error instanceof CallStop) throw this.gaveUp(false);
      throw error;
    }
  }

  /**
   * Sends one request, retrying what is worth it. Resolves with its output; rejects with
   * the request's own error when it is not worth a retry (or after a single allowed
   * attempt), else with a {@link CallGaveUpError}.
   */
  async send<O>(request: (signal: AbortSignal) => Promise<O>): Promise<O> {
    const { retry, maxAttempts } = this.options;
    for (let retries = 0; ; retries++) {
      this.throwIfStopped();
      let release: () => void;
      try {
        release = await this.lane.acquire(this.signal);
      } catch (error) {
        if (error instanceof CallStop) throw this.gaveUp(false);
        throw error;
      }
      try {
        this.attempts += 1;
        const output = await attemptOnce(
          request,
          retry.attemptTimeoutMs,
          this.signal,
        );
        this.record(output);
        return output;
      } catch (error) {
        if (error instanceof CallStop) throw this.gaveUp(true);
        this.record(error);
        const fault = retryableFault(error);
        if (!fault) throw error;
        this.faults.set(fault, (this.faults.get(fault) ?? 0) + 1);
        this.lastError = error;
        if (maxAttempts !== undefined && retries + 1 >= maxAttempts) {
          throw this.attempts === 1 ? error : this.gaveUp(false, 'attempts');
        }
      } finally {
        release();
      }
      const delay = backoffDelay(retries, retry, this.random);
      // A backoff that ends past the budget would only end in the same failure, later.
      if (Date.now() + delay >= this.end) throw this.gaveUp(false, this.endsAt);
      try {
        await sleep(delay, undefined, { signal: this.signal });
      } catch {
        throw this.gaveUp(false);
      }
    }
  }

  private readonly onCancel = () => this.stop('cancelled');

  private stop(why: StopReason): void {
    if (!this.controller.signal.aborted) {
      this.controller.abort(new CallStop(why));
    }
  }

  private record(outcome: unknown): void {
    if (typeof outcome !== 'object' || outcome === null) return;
    try {
      this.lane.record(outcome);
    } catch {
      // The rate limiter only steers the pace; a surprise in it must not fail the call.
    }
  }

  /** The error that ends the call, saying what happened and why it stopped. */
  private gaveUp(
    inFlight: boolean,
    reason?: StopReason | 'attempts',
  ): CallGaveUpError {
    const stopped = this.signal.reason;
    const why =
      reason ?? (stopped instanceof CallStop ? stopped.why : this.endsAt);
    const elapsed = formatDuration(Date.now() - this.started);
    const faults = [...this.faults]
      .map(([fault, n]) => FAULT_WORDS[fault](n))
      .join(', ');
    const history = faults
      ? `${faults} in ${elapsed} (${errorText(this.lastError)})`
      : undefined;
    const aborted = inFlight ? '; the attempt in flight was aborted' : '';

    if (why === 'cancelled') {
      if (this.attempts === 0)
        return new CallGaveUpError('not called: the run was cancelled');
      return new CallGaveUpError(
        `the run was cancelled after ${elapsed}${aborted}${
          history ? `; so far: ${history}` : ''
        }`,
      );
    }
    if (why === 'attempts') {
      return new CallGaveUpError(
        `${history}; gave up after ${this.attempts} attempts`,
      );
    }
    const limit =
      why === 'deadline'
        ? "the run's deadline"
        : `the call budget of ${formatDuration(
            this.options.retry.callBudgetMs,
          )}`;
    if (this.stoppedAtStart) {
      return new CallGaveUpError(
        why === 'deadline'
          ? "not called: the run's deadline had passed"
          : `not called: ${limit} was spent`,
      );
    }
    if (history) {
      return new CallGaveUpError(`${history}; gave up at ${limit}${aborted}`);
    }
    return new CallGaveUpError(
      inFlight
        ? `no answer in ${elapsed}; gave up at ${limit}${aborted}`
        : `waited ${elapsed} for the rate limit and calls in flight of the account and region; gave up at ${limit}`,
    );
  }
}
