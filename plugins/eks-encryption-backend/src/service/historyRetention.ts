import type { Config } from '@backstage/config';
import { readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

const KEY = 'eksEncryption.history.retention';
const DEFAULT_RETENTION_MS = durationToMilliseconds({ days: 180 });

/**
 * `eksEncryption.history.retention` in milliseconds (default 180 days): how long
 * resolved findings, daily snapshots and finished runs are kept.
 */
export function readHistoryRetentionMs(config: Config): number {
  if (!config.has(KEY)) return DEFAULT_RETENTION_MS;
  const retention = durationToMilliseconds(
    readDurationFromConfig(config, { key: KEY }),
  );
  if (!(retention > 0)) {
    throw new Error(`${KEY} must be a positive duration`);
  }
  return retention;
}
