import { readDurationFromConfig, type Config } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

/** `eksEncryption.aws`, with defaults applied. */
export interface AwsSourceConfig {
  source: 'sdk' | 'snapshot';
  /** As written in config; resolve it against the process working directory. */
  snapshotDir?: string;
  endpoint?: string;
  concurrency: number;
  callTimeoutMs: number;
  maxAttempts: number;
}

const KEY = 'eksEncryption.aws';

/** Reads `eksEncryption.aws`; throws a clear error for invalid values. */
export function readAwsSourceConfig(config: Config): AwsSourceConfig {
  const aws = config.getOptionalConfig(KEY);
  const source = aws?.getOptionalString('source') ?? 'sdk';
  if (source !== 'sdk' && source !== 'snapshot') {
    throw new Error(
      `${KEY}.source must be "sdk" or "snapshot", got "${source}"`,
    );
  }
  const snapshotDir = aws?.getOptionalString('snapshotDir');
  if (source === 'snapshot' && !snapshotDir) {
    throw new Error(
      `${KEY}.source is "snapshot" but ${KEY}.snapshotDir is not set: point it at a folder ` +
        'written by scripts/export-aws-snapshot.sh (relative to the backend working directory)',
    );
  }
  return {
    source,
    snapshotDir,
    endpoint: aws?.getOptionalString('endpoint'),
    concurrency: positiveInteger(aws, 'concurrency', 4),
    callTimeoutMs: readCallTimeoutMs(aws),
    maxAttempts: positiveInteger(aws, 'maxAttempts', 5),
  };
}

function positiveInteger(
  aws: Config | undefined,
  key: string,
  fallback: number,
): number {
  const value = aws?.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${KEY}.${key} must be a positive integer, got ${value}`);
  }
  return value;
}

/** `callTimeout`: milliseconds as a number, or a duration (`{ seconds: 10 }`, `'10s'`, `'PT10S'`). */
function readCallTimeoutMs(aws: Config | undefined): number {
  if (!aws?.has('callTimeout')) return 10_000;
  const raw = aws.get('callTimeout');
  const ms =
    typeof raw === 'number'
      ? raw
      : durationToMilliseconds(
          readDurationFromConfig(aws, { key: 'callTimeout' }),
        );
  if (!Number.isFinite(ms) || ms <= 0) {
    throw new Error(`${KEY}.callTimeout must be a positive duration`);
  }
  return ms;
}
