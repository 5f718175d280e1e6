import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import {
  DEFAULT_AWS_RETRY,
  DEFAULT_CACHE,
  DEFAULT_EVALUATION_POLICY,
  readEksEncryptionConfig,
} from './config';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const read = (eksEncryption: JsonObject, root: JsonObject = {}) =>
  readEksEncryptionConfig(new ConfigReader({ ...root, eksEncryption }));

describe('readEksEncryptionConfig', () => {
  it('applies every default without eksEncryption', () => {
    expect(readEksEncryptionConfig(new ConfigReader({}))).toEqual({
      schedule: {
        frequency: { hours: 1 },
        timeout: { minutes: 15 },
        initialDelay: { seconds: 30 },
      },
      staleAfterMs: 3 * HOUR,
      writeReserveMs: 60_000,
      refresh: {
        timeoutMs: 5 * 60_000,
        debounceMs: 60_000,
        perCallerLimit: 10,
        perCallerWindowMs: 60_000,
        maxRunning: 4,
      },
      aws: { source: 'sdk', concurrency: 4, retry: DEFAULT_AWS_RETRY },
      policy: DEFAULT_EVALUATION_POLICY,
      historyRetentionMs: 180 * DAY,
      cache: {
        groupHierarchyTtlMs: 30_000,
        readableEntities: { ttlMs: 60_000, maxEntries: 100 },
      },
      changes: { drainFrequencyMs: 60_000, batchSize: 200 },
    });
  });

  it('reads every setting', () => {
    const settings = read(
      {
        schedule: { frequency: { minutes: 30 }, timeout: { minutes: 10 } },
        staleAfter: '6h',
        writeReserve: { seconds: 20 },
        refresh: {
          timeout: 'PT2M',
          debounce: '30s',
          perCaller: { limit: 3, window: { minutes: 5 } },
          maxRunning: 2,
        },
        aws: {
          source: 'snapshot',
          snapshotDir: 'snap',
          endpoint: 'http://localhost:4566',
          concurrency: 8,
          allowedAccounts: ['111122223333'],
          retry: {
            attemptTimeout: '5s',
            callBudget: { minutes: 3 },
            baseDelay: 50,
            maxDelay: '10s',
          },
        },
        policy: {
          maxRotationDays: 180,
          keySharing: 'account',
          approvedKeyArns: [
            'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
          ],
          requiredTags: ['team', ' cost-center '],
          environmentTagKeys: ['stage'],
          productionValues: ['live'],
          rewriteAttestationTag: 'rewritten',
        },
        history: { retention: '90d' },
        cache: {
          groupHierarchy: { ttl: '2m' },
          readableEntities: { ttl: { seconds: 15 }, maxEntries: 500 },
        },
        discovery: {
          enabled: true,
          regions: ['eu-west-1', 'cn-north-1'],
          ownerTag: 'team',
        },
        changes: { drainFrequency: '5m', batchSize: 50 },
      },
      {},
    );
    expect(settings).toEqual({
      schedule: expect.objectContaining({ frequency: { minutes: 30 } }),
      staleAfterMs: 6 * HOUR,
      writeReserveMs: 20_000,
      refresh: {
        timeoutMs: 120_000,
        debounceMs: 30_000,
        perCallerLimit: 3,
        perCallerWindowMs: 300_000,
        maxRunning: 2,
      },
      aws: {
        source: 'snapshot',
        snapshotDir: 'snap',
        endpoint: 'http://localhost:4566',
        concurrency: 8,
        allowedAccounts: ['111122223333'],
        retry: {
          attemptTimeoutMs: 5000,
          callBudgetMs: 180_000,
          baseDelayMs: 50,
          maxDelayMs: 10_000,
        },
      },
      policy: {
        maxRotationDays: 180,
        keySharing: 'account',
        approvedKeyArns: [
          'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        ],
        requiredTags: ['team', 'cost-center'],
        environmentTagKeys: ['stage'],
        productionValues: ['live'],
        rewriteAttestationTag: 'rewritten',
      },
      historyRetentionMs: 90 * DAY,
      cache: {
        groupHierarchyTtlMs: 120_000,
        readableEntities: { ttlMs: 15_000, maxEntries: 500 },
      },
      discovery: {
        accounts: ['111122223333'],
        regions: ['eu-west-1', 'cn-north-1'],
        ownerTag: 'team',
      },
      changes: { drainFrequencyMs: 300_000, batchSize: 50 },
    });
  });

  describe('discovery', () => {
    it('is off unless enabled', () => {
      expect(read({ discovery: { regions: ['eu-west-1'] } }).discovery).toBe(
        undefined,
      );
    });

    it('lists the accounts of the root aws config by default', () => {
      expect(
        read(
          { discovery: { enabled: true, regions: ['us-east-1'] } },
          {
            aws: {
              mainAccount: { accountId: '111122223333' },
              accounts: [{ accountId: '444455556666' }],
            },
          },
        ).discovery,
      ).toEqual({
        accounts: ['111122223333', '444455556666'],
        regions: ['us-east-1'],
        ownerTag: 'owner',
      });
    });

    it.each<[JsonObject, { allowed?: boolean }, RegExp]>([
      [
        { enabled: true, regions: ['eu-west-1'] },
        {},
        /eksEncryption\.discovery\.accounts.*lists no account/,
      ],
      [
        { enabled: true, accounts: ['1234'], regions: ['eu-west-1'] },
        {},
        /"1234" is not a 12-digit AWS account id/,
      ],
      [
        { enabled: true, accounts: ['111122223333'] },
        {},
        /eksEncryption\.discovery\.regions.*list at least one value/,
      ],
      [
        { enabled: true, accounts: ['111122223333'], regions: ['mars-1'] },
        {},
        /"mars-1" is not an AWS region/,
      ],
      [
        { enabled: true, accounts: ['999999999999'], regions: ['eu-west-1'] },
        { allowed: true },
        /999999999999 is not in eksEncryption\.aws\.allowedAccounts/,
      ],
    ])('refuses %j', (discovery, options, message) => {
      expect(() =>
        read({
          discovery,
          ...(options.allowed
            ? { aws: { allowedAccounts: ['111122223333'] } }
            : {}),
        }),
      ).toThrow(message);
    });
  });

  it.each([
    ['a duration frequency', { frequency: { minutes: 10 } }, 30 * 60_000],
    ['a cron frequency', { frequency: { cron: '0 * * * *' } }, 48 * HOUR],
    ['a manual trigger', { frequency: { trigger: 'manual' } }, 48 * HOUR],
  ])('stales after 3 × the schedule with %s, else 48 h', (_, schedule, ms) => {
    expect(
      read({ schedule: { ...schedule, timeout: { minutes: 5 } } }).staleAfterMs,
    ).toBe(ms);
  });

  describe('allowed accounts', () => {
    it('allows any account without accountDefaults or a list', () => {
      expect(read({}).aws.allowedAccounts).toBeUndefined();
    });

    it('allows only explicitly configured accounts when accountDefaults assumes a role anywhere', () => {
      expect(
        read(
          {},
          {
            aws: {
              mainAccount: { accountId: '111122223333' },
              accounts: [{ accountId: '444455556666', roleName: 'auditor' }],
              accountDefaults: { roleName: 'auditor' },
            },
          },
        ).aws.allowedAccounts,
      ).toEqual(['111122223333', '444455556666']);
    });

    it('prefers the explicit list', () => {
      expect(
        read(
          { aws: { allowedAccounts: ['777788889999'] } },
          { aws: { accountDefaults: { roleName: 'auditor' } } },
        ).aws.allowedAccounts,
      ).toEqual(['777788889999']);
    });
  });

  it.each([
    [
      { aws: { source: 'cli' } },
      'eksEncryption.aws.source: must be "sdk" or "snapshot"',
    ],
    [{ aws: { source: 'snapshot' } }, 'eksEncryption.aws.snapshotDir'],
    [
      { aws: { concurrency: 0 } },
      'eksEncryption.aws.concurrency: must be a positive integer',
    ],
    [
      { aws: { callTimeout: '10s' } },
      'eksEncryption.aws.callTimeout: this setting was replaced',
    ],
    [
      { aws: { maxAttempts: 5 } },
      'eksEncryption.aws.maxAttempts: this setting was replaced',
    ],
    [
      { aws: { retry: { callBudget: -1 } } },
      'eksEncryption.aws.retry.callBudget: must be a positive duration',
    ],
    [
      { aws: { retry: { attemptTimeout: 'soon' } } },
      'eksEncryption.aws.retry.attemptTimeout',
    ],
    [
      { aws: { allowedAccounts: ['1234'] } },
      'eksEncryption.aws.allowedAccounts: "1234" is not a 12-digit AWS account id',
    ],
    [
      { schedule: { frequency: 'often', timeout: '5m' } },
      "eksEncryption.schedule.frequency: Invalid duration 'often'",
    ],
    [
      { schedule: { frequency: { cron: '' }, timeout: '5m' } },
      'eksEncryption.schedule.frequency',
    ],
    [
      { schedule: { frequency: '30m', timeout: 'forever' } },
      "eksEncryption.schedule.timeout: Invalid duration 'forever'",
    ],
    [{ schedule: { frequency: '30m' } }, 'eksEncryption.schedule.timeout'],
    [{ schedule: { timeout: '5m' } }, 'eksEncryption.schedule.frequency'],
    [
      { schedule: { frequency: '30m', timeout: '5m', initialDelay: 'later' } },
      'eksEncryption.schedule.initialDelay',
    ],
    [
      { schedule: { frequency: '30m', timeout: '5m', scope: 'team' } },
      'eksEncryption.schedule.scope: must be "global" or "local"',
    ],
    [
      { staleAfter: 0 },
      'eksEncryption.staleAfter: must be a positive duration',
    ],
    [
      { refresh: { maxRunning: 1.5 } },
      'eksEncryption.refresh.maxRunning: must be a positive integer',
    ],
    [{ history: { retention: '-1d' } }, 'eksEncryption.history.retention'],
    [
      { policy: { maxRotationDays: 30 } },
      'eksEncryption.policy.maxRotationDays: 30 is not a whole number of days from 90 to 2560',
    ],
    [
      { policy: { keySharing: 'team' } },
      'eksEncryption.policy.keySharing: "team" is not one of cluster, environment, account',
    ],
    [
      { policy: { approvedKeyArns: [] } },
      'eksEncryption.policy.approvedKeyArns: the list is empty',
    ],
    [
      {
        policy: {
          approvedKeyArns: ['arn:aws:kms:eu-west-1:111122223333:alias/eks'],
        },
      },
      'is not a KMS key ARN',
    ],
    [
      { policy: { requiredTags: ['owner', ' '] } },
      'eksEncryption.policy.requiredTags: entries must not be empty',
    ],
    [
      { policy: { environmentTagKeys: [] } },
      'eksEncryption.policy.environmentTagKeys: list at least one value',
    ],
    [
      { policy: { rewriteAttestationTag: ' ' } },
      'eksEncryption.policy.rewriteAttestationTag: must not be empty',
    ],
  ])('refuses %j with an error naming the key', (eksEncryption, message) => {
    expect(() => read(eksEncryption as JsonObject)).toThrow(message);
  });

  describe('caches', () => {
    it('defaults to 30 s for groups, 60 s and 100 callers for readable entities', () => {
      expect(read({}).cache).toEqual(DEFAULT_CACHE);
      expect(read({ cache: {} }).cache).toEqual({
        groupHierarchyTtlMs: 30_000,
        readableEntities: { ttlMs: 60_000, maxEntries: 100 },
      });
    });

    it('reads each key alone, keeping the other defaults', () => {
      expect(
        read({ cache: { readableEntities: { ttl: 'PT5S' } } }).cache,
      ).toEqual({
        groupHierarchyTtlMs: 30_000,
        readableEntities: { ttlMs: 5_000, maxEntries: 100 },
      });
      expect(
        read({ cache: { groupHierarchy: { ttl: 1500 } } }).cache
          .groupHierarchyTtlMs,
      ).toBe(1500);
      expect(
        read({ cache: { readableEntities: { maxEntries: 1 } } }).cache
          .readableEntities.maxEntries,
      ).toBe(1);
    });

    it.each([
      [
        { groupHierarchy: { ttl: 0 } },
        'eksEncryption.cache.groupHierarchy.ttl: must be a positive duration',
      ],
      [
        { groupHierarchy: { ttl: 'often' } },
        'eksEncryption.cache.groupHierarchy.ttl',
      ],
      [
        { readableEntities: { ttl: '-1m' } },
        'eksEncryption.cache.readableEntities.ttl',
      ],
      [
        { readableEntities: { maxEntries: 0 } },
        'eksEncryption.cache.readableEntities.maxEntries: must be a positive integer',
      ],
      [
        { readableEntities: { maxEntries: 2.5 } },
        'eksEncryption.cache.readableEntities.maxEntries: must be a positive integer',
      ],
      [
        { readableEntities: { maxEntries: 'many' } },
        'eksEncryption.cache.readableEntities.maxEntries',
      ],
    ])('refuses cache %j with an error naming the key', (cache, message) => {
      expect(() => read({ cache } as JsonObject)).toThrow(message);
    });
  });

  it.each([
    ['a bad number', { aws: { concurrency: 0 } }],
    ['a bad duration', { refresh: { timeout: 'soon' } }],
    [
      'a bad schedule frequency',
      { schedule: { frequency: 'often', timeout: '5m' } },
    ],
    [
      'a bad schedule timeout',
      { schedule: { frequency: '30m', timeout: 'never' } },
    ],
  ])(
    'throws a plain Error, not a caller mistake, for %s',
    (_, eksEncryption) => {
      expect(() => read(eksEncryption as JsonObject)).toThrow(
        expect.objectContaining({ name: 'Error' }),
      );
    },
  );

  it('reads a schedule written as strings', () => {
    expect(
      read({
        schedule: { frequency: '30m', timeout: 'PT5M', initialDelay: '10s' },
      }),
    ).toMatchObject({
      schedule: { frequency: { minutes: 30 }, timeout: { minutes: 5 } },
      staleAfterMs: 90 * 60_000,
    });
  });
});
