import { CallTimeoutError } from './awsErrors';

/**
 * Runs `work` with a signal aborted after `timeoutMs`, and settles by then even when
 * `work` ignores the signal (a credential lookup, a socket that never answers): it then
 * rejects with a {@link CallTimeoutError}.
 */
export async function withDeadline<T>(
  timeoutMs: number,
  work: (abortSignal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const timeout = new CallTimeoutError(timeoutMs);
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort(timeout);
      reject(timeout);
    }, timeoutMs);
  });
  try {
    return await Promise.race([work(controller.signal), expired]);
  } catch (error) {
    throw controller.signal.aborted ? timeout : error;
  } finally {
    clearTimeout(timer);
  }
}
