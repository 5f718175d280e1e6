import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { readAwsSourceConfig } from './awsSourceConfig';

const read = (aws: JsonObject) =>
  readAwsSourceConfig(new ConfigReader({ eksEncryption: { aws } }));

describe('readAwsSourceConfig', () => {
  it('defaults to the SDK with 4 calls per account and region, 10 s, 5 attempts', () => {
    expect(readAwsSourceConfig(new ConfigReader({}))).toEqual({
      source: 'sdk',
      concurrency: 4,
      callTimeoutMs: 10_000,
      maxAttempts: 5,
    });
  });

  it('reads every setting', () => {
    expect(
      read({
        source: 'snapshot',
        snapshotDir: 'snap',
        endpoint: 'http://localhost:4566',
        concurrency: 8,
        callTimeout: { seconds: 3 },
        maxAttempts: 2,
      }),
    ).toEqual({
      source: 'snapshot',
      snapshotDir: 'snap',
      endpoint: 'http://localhost:4566',
      concurrency: 8,
      callTimeoutMs: 3000,
      maxAttempts: 2,
    });
  });

  it.each([
    [2500, 2500],
    ['2s', 2000],
    ['PT1.5S', 1500],
  ])('reads callTimeout %p as %p ms', (callTimeout, ms) => {
    expect(read({ callTimeout }).callTimeoutMs).toBe(ms);
  });

  it('refuses a snapshot source without a folder', () => {
    expect(() => read({ source: 'snapshot' })).toThrow(
      /eksEncryption\.aws\.snapshotDir is not set/,
    );
  });

  it.each([
    [{ source: 'cli' }, /must be "sdk" or "snapshot"/],
    [{ concurrency: 0 }, /concurrency must be a positive integer/],
    [{ maxAttempts: 1.5 }, /maxAttempts must be a positive integer/],
    [{ callTimeout: -1 }, /callTimeout must be a positive duration/],
  ])('refuses %p', (aws, error) => {
    expect(() => read(aws)).toThrow(error);
  });
});
