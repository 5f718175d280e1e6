import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { readDurationFromConfig, type Config } from '@backstage/config';
import { toError } from '@backstage/errors';
import { durationToMilliseconds, type HumanDuration } from '@backstage/types';
import { partitionOfRegion } from 'backstage-plugin-eks-encryption-common';
import { isKmsKeyArn } from './engine/arns';
import type { EvaluationPolicy, KeySharingScope } from './engine/types';

/**
 * Every `eksEncryption.*` setting, read once at startup with defaults applied.
 * A mistake throws a plain `Error` naming the key: it is the operator's, not a caller's.
 */

const ROOT = 'eksEncryption';

/** `eksEncryption.aws`. */
interface AwsSourceSettings {
  source: 'sdk' | 'snapshot';
  /** As written in config; resolve it against the process working directory. */
  snapshotDir?: string;
  endpoint?: string;
  /** Calls in flight per account and region. */
  concurrency: number;
  /**
   * Accounts annotations may name; undefined: any account that has credentials.
   * With `aws.accountDefaults` and no `allowedAccounts`, the accounts configured explicitly.
   */
  allowedAccounts?: readonly string[];
  retry: AwsRetrySettings;
}

/** `eksEncryption.aws.retry`: how patient one AWS call is. */
export interface AwsRetrySettings {
  /** One attempt without an answer for this long is aborted (a hung call) and retried. */
  attemptTimeoutMs: number;
  /** Longest one call may take, retries included; the run's time left may cut it shorter. */
  callBudgetMs: number;
  /** First backoff after a throttle or 5xx; doubles per attempt, with full jitter. */
  baseDelayMs: number;
  /** Longest single backoff. */
  maxDelayMs: number;
}

/** `eksEncryption.refresh`: on-demand refreshes of one entity. */
export interface RefreshSettings {
  /** Longest a refresh run may take before it writes what it has. */
  timeoutMs: number;
  /** A refresh of the same entity started this recently is returned instead of a new one. */
  debounceMs: number;
  /** Refreshes one caller may start per `perCallerWindowMs`, across replicas. */
  perCallerLimit: number;
  perCallerWindowMs: number;
  /** Refresh runs running at once, across replicas. */
  maxRunning: number;
}

/** `eksEncryption.cache`: in-memory caches that keep catalog reads off requests. */
export interface CacheSettings {
  /** How long the copy of the catalog's groups and users is kept. */
  groupHierarchyTtlMs: number;
  /** Each caller's readable entities (and read decision), per replica. */
  readableEntities: {
    /** The longest a revoked read can still count. */
    ttlMs: number;
    maxEntries: number;
  };
}

/** `eksEncryption.discovery`: listing every cluster of some accounts and regions. */
export interface DiscoverySettings {
  /** Accounts listed: `discovery.accounts`, else `aws.allowedAccounts`, else the root `aws` config's. */
  accounts: readonly string[];
  regions: readonly string[];
  /** Cluster tag naming the owning catalog group or user of an unclaimed cluster. */
  ownerTag: string;
}

/** `eksEncryption.changes`: draining the change log to its consumers. */
interface ChangeSettings {
  /** How often consumers are drained besides right after each run. */
  drainFrequencyMs: number;
  /** Changes handed to a consumer at once. */
  batchSize: number;
}

export interface EksEncryptionConfig {
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** A cluster not read successfully for this long counts as `incomplete` in every aggregate. */
  staleAfterMs: number;
  /** Time kept from a run's deadline for writing its results. */
  writeReserveMs: number;
  refresh: RefreshSettings;
  aws: AwsSourceSettings;
  policy: EvaluationPolicy;
  /** How long resolved findings, daily snapshots and finished runs are kept. */
  historyRetentionMs: number;
  cache: CacheSettings;
  /** Undefined: discovery is off (the default). */
  discovery?: DiscoverySettings;
  changes: ChangeSettings;
}

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { hours: 1 },
  timeout: { minutes: 15 },
  initialDelay: { seconds: 30 },
};

/** The policy applied when `eksEncryption.policy` is absent. */
export const DEFAULT_EVALUATION_POLICY: Readonly<EvaluationPolicy> = {
  maxRotationDays: 365,
  keySharing: 'environment',
  requiredTags: ['owner'],
  environmentTagKeys: ['environment', 'env'],
  productionValues: ['production', 'prod'],
  rewriteAttestationTag: 'secrets-rewritten-at',
};

export const DEFAULT_AWS_RETRY: Readonly<AwsRetrySettings> = {
  attemptTimeoutMs: 10_000,
  callBudgetMs: 120_000,
  baseDelayMs: 200,
  maxDelayMs: 20_000,
};

const KEY_SHARING_SCOPES: readonly KeySharingScope[] = [
  'cluster',
  'environment',
  'account',
];
// KMS accepts automatic rotation periods from 90 to 2560 days.
const MIN_ROTATION_DAYS = 90;
const MAX_ROTATION_DAYS = 2560;
const ACCOUNT_ID = /^\d{12}$/;
const HOUR_MS = 3_600_000;

function invalid(key: string, why: string): Error {
  return new Error(`Invalid config ${key}: ${why}`);
}

/** Runs `read`; any error it throws becomes a config mistake naming `key`. */
function readingKey<T>(key: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw invalid(key, toError(error).message);
  }
}

/** A duration as an object, `'10s'` or ISO 8601 (numbers are milliseconds), or the fallback. */
function readDurationMs(
  config: Config,
  key: string,
  fallbackMs: number,
): number {
  if (!config.has(key)) return fallbackMs;
  const raw = config.get(key);
  const ms = readingKey(key, () =>
    typeof raw === 'number'
      ? raw
      : durationToMilliseconds(readDurationFromConfig(config, { key })),
  );
  if (!Number.isFinite(ms) || ms <= 0) {
    throw invalid(key, 'must be a positive duration');
  }
  return ms;
}

function readPositiveInteger(
  config: Config,
  key: string,
  fallback: number,
): number {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw invalid(key, `must be a positive integer, got ${value}`);
  }
  return value;
}

function readNames(
  config: Config,
  key: string,
  fallback: readonly string[],
  allowEmpty: boolean,
): string[] {
  const values = config.getOptionalStringArray(key);
  if (values === undefined) return [...fallback];
  const names = values.map(v => v.trim());
  if (names.some(n => n.length === 0)) {
    throw invalid(key, 'entries must not be empty');
  }
  if (!allowEmpty && names.length === 0) {
    throw invalid(key, 'list at least one value');
  }
  return [...new Set(names)];
}

function readSchedule(config: Config): SchedulerServiceTaskScheduleDefinition {
  const key = `${ROOT}.schedule`;
  const configured = config.getOptionalConfig(key);
  if (!configured) return DEFAULT_SCHEDULE;
  // Backstage's reader throws an `InputError` naming the key relative to the schedule: read
  // each part alone first, so that a mistake names its full key.
  const part = (name: string) => `${key}.${name}`;
  readingKey(part('frequency'), () => {
    const value = configured.get('frequency');
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      if (typeof value.cron === 'string' && value.cron) return;
      if (value.trigger === 'manual') return;
    }
    readDurationFromConfig(configured, { key: 'frequency' });
  });
  for (const name of ['timeout', 'initialDelay']) {
    if (name === 'timeout' || configured.has(name)) {
      readingKey(part(name), () =>
        readDurationFromConfig(configured, { key: name }),
      );
    }
  }
  const scope = readingKey(part('scope'), () =>
    configured.getOptionalString('scope'),
  );
  if (scope !== undefined && scope !== 'global' && scope !== 'local') {
    throw invalid(part('scope'), `must be "global" or "local", got "${scope}"`);
  }
  return readingKey(key, () =>
    readSchedulerServiceTaskScheduleDefinitionFromConfig(configured),
  );
}

/** Milliseconds of a schedule's `frequency` or `timeout`, when it is a duration. */
export function scheduleDurationMs(
  value: SchedulerServiceTaskScheduleDefinition['frequency'] | undefined,
): number | undefined {
  if (!value || typeof value !== 'object') return undefined;
  if ('cron' in value || 'trigger' in value) return undefined;
  if ('toMillis' in value && typeof value.toMillis === 'function') {
    return value.toMillis();
  }
  return durationToMilliseconds(value as HumanDuration);
}

function readPolicy(config: Config): EvaluationPolicy {
  const key = (name: string) => `${ROOT}.policy.${name}`;
  const defaults = DEFAULT_EVALUATION_POLICY;

  const maxRotationDays =
    config.getOptionalNumber(key('maxRotationDays')) ??
    defaults.maxRotationDays;
  if (
    !Number.isInteger(maxRotationDays) ||
    maxRotationDays < MIN_ROTATION_DAYS ||
    maxRotationDays > MAX_ROTATION_DAYS
  ) {
    throw invalid(
      key('maxRotationDays'),
      `${maxRotationDays} is not a whole number of days from ${MIN_ROTATION_DAYS} to ${MAX_ROTATION_DAYS} (the rotation periods KMS supports)`,
    );
  }

  const keySharing =
    config.getOptionalString(key('keySharing')) ?? defaults.keySharing;
  if (!KEY_SHARING_SCOPES.includes(keySharing as KeySharingScope)) {
    throw invalid(
      key('keySharing'),
      `"${keySharing}" is not one of ${KEY_SHARING_SCOPES.join(', ')}`,
    );
  }

  const approvedKeyArns = config.getOptionalStringArray(key('approvedKeyArns'));
  if (approvedKeyArns !== undefined) {
    if (approvedKeyArns.length === 0) {
      throw invalid(
        key('approvedKeyArns'),
        'the list is empty; leave it out to skip the approved-key check',
      );
    }
    const bad = approvedKeyArns.find(arn => !isKmsKeyArn(arn));
    if (bad !== undefined) {
      throw invalid(
        key('approvedKeyArns'),
        `"${bad}" is not a KMS key ARN (arn:<partition>:kms:<region>:<account-id>:key/<key-id>)`,
      );
    }
  }

  const rewriteAttestationTag = (
    config.getOptionalString(key('rewriteAttestationTag')) ??
    defaults.rewriteAttestationTag
  ).trim();
  if (rewriteAttestationTag.length === 0) {
    throw invalid(key('rewriteAttestationTag'), 'must not be empty');
  }

  return {
    maxRotationDays,
    keySharing: keySharing as KeySharingScope,
    ...(approvedKeyArns
      ? { approvedKeyArns: [...new Set(approvedKeyArns)] }
      : {}),
    requiredTags: readNames(
      config,
      key('requiredTags'),
      defaults.requiredTags,
      true,
    ),
    environmentTagKeys: readNames(
      config,
      key('environmentTagKeys'),
      defaults.environmentTagKeys,
      false,
    ),
    productionValues: readNames(
      config,
      key('productionValues'),
      defaults.productionValues,
      true,
    ),
    rewriteAttestationTag,
  };
}

/** Accounts named in the root `aws` config (main account and `aws.accounts[]`). */
function configuredAccounts(config: Config): string[] {
  const accounts = new Set<string>();
  const main = config.getOptionalString('aws.mainAccount.accountId');
  if (main) accounts.add(main);
  for (const account of config.getOptionalConfigArray('aws.accounts') ?? []) {
    const id = account.getOptionalString('accountId');
    if (id) accounts.add(id);
  }
  return [...accounts];
}

function readAllowedAccounts(config: Config): string[] | undefined {
  const key = `${ROOT}.aws.allowedAccounts`;
  const listed = config.getOptionalStringArray(key);
  if (listed !== undefined) {
    const bad = listed.find(id => !ACCOUNT_ID.test(id));
    if (bad !== undefined) {
      throw invalid(key, `"${bad}" is not a 12-digit AWS account id`);
    }
    return [...new Set(listed)];
  }
  // A role name for every account would let any annotation pick an account to assume a role in.
  if (config.has('aws.accountDefaults.roleName')) {
    return configuredAccounts(config);
  }
  return undefined;
}

function readAws(config: Config): AwsSourceSettings {
  const key = (name: string) => `${ROOT}.aws.${name}`;
  const source = config.getOptionalString(key('source')) ?? 'sdk';
  if (source !== 'sdk' && source !== 'snapshot') {
    throw invalid(
      key('source'),
      `must be "sdk" or "snapshot", got "${source}"`,
    );
  }
  const snapshotDir = config.getOptionalString(key('snapshotDir'));
  if (source === 'snapshot' && !snapshotDir) {
    throw invalid(
      key('snapshotDir'),
      `${key('source')} is "snapshot" but ${key(
        'snapshotDir',
      )} is not set: point it at a folder written by scripts/export-aws-snapshot.sh (relative to the backend working directory)`,
    );
  }
  for (const removed of ['callTimeout', 'maxAttempts']) {
    if (config.has(key(removed))) {
      throw invalid(
        key(removed),
        `this setting was replaced by ${key(
          'retry',
        )}.{attemptTimeout, callBudget}`,
      );
    }
  }
  const retry = (name: string) => key(`retry.${name}`);
  const settings: AwsSourceSettings = {
    source,
    concurrency: readPositiveInteger(config, key('concurrency'), 4),
    retry: {
      attemptTimeoutMs: readDurationMs(
        config,
        retry('attemptTimeout'),
        DEFAULT_AWS_RETRY.attemptTimeoutMs,
      ),
      callBudgetMs: readDurationMs(
        config,
        retry('callBudget'),
        DEFAULT_AWS_RETRY.callBudgetMs,
      ),
      baseDelayMs: readDurationMs(
        config,
        retry('baseDelay'),
        DEFAULT_AWS_RETRY.baseDelayMs,
      ),
      maxDelayMs: readDurationMs(
        config,
        retry('maxDelay'),
        DEFAULT_AWS_RETRY.maxDelayMs,
      ),
    },
  };
  if (snapshotDir) settings.snapshotDir = snapshotDir;
  const endpoint = config.getOptionalString(key('endpoint'));
  if (endpoint) settings.endpoint = endpoint;
  const allowedAccounts = readAllowedAccounts(config);
  if (allowedAccounts) settings.allowedAccounts = allowedAccounts;
  return settings;
}

function readRefresh(config: Config): RefreshSettings {
  const key = (name: string) => `${ROOT}.refresh.${name}`;
  return {
    timeoutMs: readDurationMs(config, key('timeout'), 5 * 60_000),
    debounceMs: readDurationMs(config, key('debounce'), 60_000),
    perCallerLimit: readPositiveInteger(config, key('perCaller.limit'), 10),
    perCallerWindowMs: readDurationMs(config, key('perCaller.window'), 60_000),
    maxRunning: readPositiveInteger(config, key('maxRunning'), 4),
  };
}

export const DEFAULT_CACHE: Readonly<CacheSettings> = {
  groupHierarchyTtlMs: 30_000,
  readableEntities: { ttlMs: 60_000, maxEntries: 100 },
};

function readCache(config: Config): CacheSettings {
  const key = (name: string) => `${ROOT}.cache.${name}`;
  return {
    groupHierarchyTtlMs: readDurationMs(
      config,
      key('groupHierarchy.ttl'),
      DEFAULT_CACHE.groupHierarchyTtlMs,
    ),
    readableEntities: {
      ttlMs: readDurationMs(
        config,
        key('readableEntities.ttl'),
        DEFAULT_CACHE.readableEntities.ttlMs,
      ),
      maxEntries: readPositiveInteger(
        config,
        key('readableEntities.maxEntries'),
        DEFAULT_CACHE.readableEntities.maxEntries,
      ),
    },
  };
}

function readDiscovery(
  config: Config,
  aws: AwsSourceSettings,
): DiscoverySettings | undefined {
  const key = (name: string) => `${ROOT}.discovery.${name}`;
  if (!config.getOptionalBoolean(key('enabled'))) return undefined;
  const listed = config.getOptionalStringArray(key('accounts'));
  const bad = listed?.find(id => !ACCOUNT_ID.test(id));
  if (bad !== undefined) {
    throw invalid(key('accounts'), `"${bad}" is not a 12-digit AWS account id`);
  }
  const accounts = [
    ...new Set(listed ?? aws.allowedAccounts ?? configuredAccounts(config)),
  ];
  if (accounts.length === 0) {
    throw invalid(
      key('accounts'),
      `discovery is enabled but lists no account: set ${key(
        'accounts',
      )}, ${ROOT}.aws.allowedAccounts or the root aws config's accounts`,
    );
  }
  const outside = aws.allowedAccounts
    ? accounts.find(id => !aws.allowedAccounts!.includes(id))
    : undefined;
  if (outside !== undefined) {
    throw invalid(
      key('accounts'),
      `${outside} is not in ${ROOT}.aws.allowedAccounts`,
    );
  }
  const regions = readNames(config, key('regions'), [], false);
  if (regions.length === 0) {
    throw invalid(key('regions'), 'list at least one value');
  }
  const badRegion = regions.find(r => !partitionOfRegion(r));
  if (badRegion !== undefined) {
    throw invalid(key('regions'), `"${badRegion}" is not an AWS region`);
  }
  const ownerTag = (
    config.getOptionalString(key('ownerTag')) ?? 'owner'
  ).trim();
  if (ownerTag.length === 0)
    throw invalid(key('ownerTag'), 'must not be empty');
  return { accounts, regions, ownerTag };
}

function readChanges(config: Config): ChangeSettings {
  const key = (name: string) => `${ROOT}.changes.${name}`;
  return {
    drainFrequencyMs: readDurationMs(config, key('drainFrequency'), 60_000),
    batchSize: readPositiveInteger(config, key('batchSize'), 200),
  };
}

/** Reads every `eksEncryption.*` setting; throws an `Error` naming the first bad key. */
export function readEksEncryptionConfig(config: Config): EksEncryptionConfig {
  const schedule = readSchedule(config);
  const frequencyMs = scheduleDurationMs(schedule.frequency);
  const staleAfterMs = readDurationMs(
    config,
    `${ROOT}.staleAfter`,
    frequencyMs ? 3 * frequencyMs : 48 * HOUR_MS,
  );
  const aws = readAws(config);
  const discovery = readDiscovery(config, aws);
  return {
    schedule,
    staleAfterMs,
    writeReserveMs: readDurationMs(config, `${ROOT}.writeReserve`, 60_000),
    refresh: readRefresh(config),
    aws,
    policy: readPolicy(config),
    historyRetentionMs: readDurationMs(
      config,
      `${ROOT}.history.retention`,
      180 * 24 * HOUR_MS,
    ),
    cache: readCache(config),
    ...(discovery ? { discovery } : {}),
    changes: readChanges(config),
  };
}
