import type { SdkAwsSourceOptions } from '../aws/SdkAwsSource';

type RetryStrategyV2 = Extract<
  NonNullable<SdkAwsSourceOptions['retryStrategy']>,
  { acquireInitialRetryToken: unknown }
>;

/**
 * The SDK standard retry rule (retry throttling and transient errors until
 * `maxAttempts`) with a fixed short delay and no rate limiting, so tests over HTTP
 * retry in milliseconds instead of the seconds of the real backoff.
 */
export function quickRetryStrategy(
  maxAttempts: number,
  delayMs = 5,
): RetryStrategyV2 {
  const token = (count: number) => ({
    getRetryCount: () => count,
    getRetryDelay: () => delayMs,
  });
  return {
    async acquireInitialRetryToken() {
      return token(0);
    },
    async refreshRetryTokenForRetry(previous, info) {
      const retryable =
        info.errorType === 'THROTTLING' || info.errorType === 'TRANSIENT';
      const attempts = previous.getRetryCount() + 1;
      if (!retryable || attempts >= maxAttempts) {
        throw new Error('No retry token available');
      }
      return token(attempts);
    },
    recordSuccess() {},
  };
}
