import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  clusterFixture,
  clusterTargetOf,
  fixture,
  keyArnOf,
  keyFixture,
} from '../__testUtils__/awsEstate';
import { writeSnapshot } from '../__testUtils__/snapshotFixtures';
import { testCredentialsManager } from '../__testUtils__/testCredentials';
import {
  everyAnswer,
  scenario,
  scenarioTargets,
  evaluationAnswers,
} from '../__testUtils__/awsScenario';
import {
  FakeAwsEndpoint,
  type FakeFault,
} from '../__testUtils__/fakeAwsEndpoint';
import { SnapshotAwsSource } from './SnapshotAwsSource';
import type { AwsAction } from 'backstage-plugin-eks-encryption-node';

/*
 * The real SDK clients (serialisation, errors, aborts) and our retries against a fake
 * AWS endpoint on 127.0.0.1: what aws-sdk-client-mock, which replaces `send`, cannot show.
 */

const key = keyFixture({
  keyId: '1234abcd-12ab-34cd-56ef-1234567890ab',
  aliases: ['alias/eks-prod'],
  tags: { owner: 'payments', costCenter: '42', tier: 'gold' },
});
const cluster = clusterFixture({
  name: 'prod',
  encryptionKeyRef: keyArnOf(key),
  updates: [1, 2, 3].map(n => ({
    id: `a1b2c3d4-0000-0000-0000-00000000000${n}`,
    type: 'VersionUpdate',
    status: 'Successful',
    createdAt: '2024-05-06T07:08:09.000Z',
  })),
});
const target = clusterTargetOf(cluster);
const at = { accountId: key.accountId, region: key.region };

/** One call of each action, on the estate's cluster and key. */
const CALLS: Record<AwsAction, (aws: FakeAwsEndpoint) => Promise<unknown>> = {
  'eks:ListClusters': aws => aws.sdkSource().listClusters(at),
  'eks:DescribeCluster': aws => aws.sdkSource().describeCluster(target),
  'eks:ListUpdates': aws => aws.sdkSource().listUpdates(target),
  'eks:DescribeUpdate': aws =>
    aws.sdkSource().describeUpdate(target, cluster.updates[0].id),
  'kms:DescribeKey': aws => aws.sdkSource().describeKey(keyArnOf(key), at),
  'kms:GetKeyRotationStatus': aws =>
    aws.sdkSource().getKeyRotationStatus(keyArnOf(key), at),
  'kms:GetKeyPolicy': aws => aws.sdkSource().getKeyPolicy(keyArnOf(key), at),
  'kms:ListResourceTags': aws =>
    aws.sdkSource().listResourceTags(keyArnOf(key), at),
};
const ACTIONS = Object.keys(CALLS) as AwsAction[];

describe('SdkAwsSource over HTTP', () => {
  let aws: FakeAwsEndpoint;

  beforeEach(async () => {
    aws = await FakeAwsEndpoint.start(
      fixture({ clusters: [cluster], keys: [key] }),
      { updatesPageSize: 2, tagsPageSize: 2 },
    );
  });
  afterEach(() => aws.stop());

  it('speaks REST-JSON to EKS and JSON 1.1 to KMS, every page read', async () => {
    const source = aws.sdkSource();
    await expect(source.describeCluster(target)).resolves.toMatchObject({
      ok: true,
      value: {
        createdAt: '2024-01-15T10:00:00.000Z',
        encryptionKeyRefs: [keyArnOf(key)],
      },
    });
    await expect(source.listUpdates(target)).resolves.toEqual({
      ok: true,
      value: cluster.updates.map(u => u.id),
    });
    await expect(source.listResourceTags(keyArnOf(key), at)).resolves.toEqual({
      ok: true,
      value: key.tags,
    });
    expect(aws.requests.map(r => r.action)).toEqual([
      'eks:DescribeCluster',
      'eks:ListUpdates',
      'eks:ListUpdates',
      'kms:ListResourceTags',
      'kms:ListResourceTags',
    ]);
  });

  it('lists every cluster of an account and region, 100 a page', async () => {
    const names = Array.from(
      { length: 250 },
      (_, i) => `c-${String(i).padStart(3, '0')}`,
    );
    aws.estate = fixture({
      clusters: [
        ...names.map(name => clusterFixture({ name })),
        clusterFixture({ name: 'elsewhere', region: 'us-east-1' }),
      ],
    });
    await expect(aws.sdkSource().listClusters(at)).resolves.toEqual({
      ok: true,
      value: names,
    });
    expect(aws.calls('eks:ListClusters')).toBe(3);
    expect(aws.calls()).toBe(3);
  });

  it('lists an account and region without clusters as empty', async () => {
    await expect(
      aws.sdkSource().listClusters({ ...at, region: 'us-east-1' }),
    ).resolves.toEqual({ ok: true, value: [] });
  });

  it('answers the shared scenario exactly as the snapshot source does', async () => {
    aws.estate = scenario;
    const dir = await mkdtemp(join(tmpdir(), 'eks-http-'));
    try {
      await writeSnapshot(dir, scenario);
      const snapshot = new SnapshotAwsSource({ directory: dir });
      // One attempt: the scenario's KMSInternalException comes back as recorded.
      const sdk = aws.sdkSource({ maxAttempts: 1 });
      expect(await everyAnswer(sdk)).toStrictEqual(await everyAnswer(snapshot));
      expect(await evaluationAnswers(sdk, scenarioTargets)).toStrictEqual(
        await evaluationAnswers(snapshot, scenarioTargets),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  describe.each(ACTIONS)('%s', action => {
    it.each<[string, FakeFault & { times: number }]>([
      ['a throttling burst', { kind: 'throttle', times: 3 }],
      ['a 5xx burst', { kind: 'server-error', times: 2 }],
      ['a hung attempt', { kind: 'hang', times: 1 }],
    ])('recovers from %s by retrying', async (_, fault) => {
      const clean = await CALLS[action](aws);
      const pages = aws.calls(action);
      aws.fault(action, fault);
      await expect(CALLS[action](aws)).resolves.toEqual(clean);
      // The SDK makes one attempt per request: every retry is ours.
      expect(aws.calls(action)).toBe(2 * pages + fault.times);
    });

    it.each<[FakeFault, string, RegExp]>([
      [{ kind: 'access-denied' }, 'access-denied', /^AccessDeniedException: /],
      [{ kind: 'not-found' }, 'not-found', /NotFoundException: /],
      [{ kind: 'malformed' }, 'failed', /./],
    ])('does not retry %o', async (fault, kind, message) => {
      aws.fault(action, fault);
      await expect(CALLS[action](aws)).resolves.toMatchObject({
        ok: false,
        kind,
        action,
        message: expect.stringMatching(message),
      });
      expect(aws.calls(action)).toBe(1);
    });
  });

  it('gives up on a throttling storm at the call budget, saying so', async () => {
    aws.fault('kms:GetKeyPolicy', { kind: 'throttle' });
    const started = Date.now();
    const result = await aws
      .sdkSource({ retry: { callBudgetMs: 300 } })
      .getKeyPolicy(keyArnOf(key), at);
    expect(Date.now() - started).toBeLessThan(300 + 200);
    expect(result).toMatchObject({
      ok: false,
      kind: 'failed',
      action: 'kms:GetKeyPolicy',
      message: expect.stringMatching(
        /^throttled \d+ times in \d+ ms \(ThrottlingException: Rate exceeded\); gave up at the call budget of 300 ms(; the attempt in flight was aborted)?$/,
      ),
    });
    expect(aws.calls('kms:GetKeyPolicy')).toBeGreaterThan(3);
  });

  it("gives up on persistent 5xx at the run's deadline when it comes first", async () => {
    aws.fault('eks:DescribeCluster', { kind: 'server-error' });
    const started = Date.now();
    const result = await aws
      .sdkSource({ retry: { callBudgetMs: 60_000 } })
      .describeCluster(target, { deadline: started + 250 });
    expect(Date.now() - started).toBeLessThan(250 + 200);
    expect(result).toMatchObject({
      ok: false,
      kind: 'failed',
      message: expect.stringMatching(
        /^failed \d+ times with a server error in \d+ ms \(ServiceUnavailableException: .*\); gave up at the run's deadline(; the attempt in flight was aborted)?$/,
      ),
    });
  });

  it('aborts every hung attempt at the attempt timeout, then gives up', async () => {
    aws.fault('eks:DescribeCluster', { kind: 'hang' });
    const result = await aws
      .sdkSource({ retry: { attemptTimeoutMs: 100, callBudgetMs: 450 } })
      .describeCluster(target);
    expect(result).toMatchObject({
      ok: false,
      kind: 'failed',
      message: expect.stringMatching(
        /^timed out \d times in \d+ ms \(TimeoutError: no answer within 100 ms; the attempt was aborted\); gave up at the call budget of 450 ms/,
      ),
    });
    expect(aws.calls('eks:DescribeCluster')).toBeGreaterThanOrEqual(3);
    // The SDK really dropped the connections: the server never closes them itself.
    await aws.hungRequestsClosed();
    expect(aws.hangingRequests).toBe(0);
  });

  it('a cancelled run starts no call and aborts the calls in flight', async () => {
    const source = aws.sdkSource({ retry: { callBudgetMs: 60_000 } });
    const cancelled = new AbortController();
    cancelled.abort();
    await expect(
      source.describeCluster(target, { signal: cancelled.signal }),
    ).resolves.toMatchObject({
      ok: false,
      kind: 'failed',
      message: 'not called: the run was cancelled',
    });
    expect(aws.calls()).toBe(0);

    aws.fault('kms:DescribeKey', { kind: 'hang' });
    const run = new AbortController();
    const started = Date.now();
    const pending = source.describeKey(keyArnOf(key), at, {
      signal: run.signal,
    });
    setTimeout(() => run.abort(), 50);
    await expect(pending).resolves.toMatchObject({
      ok: false,
      kind: 'failed',
      message: expect.stringMatching(
        /^the run was cancelled after \d+ ms; the attempt in flight was aborted$/,
      ),
    });
    expect(Date.now() - started).toBeLessThan(200);
    await aws.hungRequestsClosed();
  });

  it("a run's deadline already passed makes no call", async () => {
    await expect(
      aws.sdkSource().describeCluster(target, { deadline: Date.now() - 1 }),
    ).resolves.toMatchObject({
      ok: false,
      kind: 'failed',
      message: "not called: the run's deadline had passed",
    });
    expect(aws.calls()).toBe(0);
  });

  it('calls no account outside allowedAccounts, and creates no client for it', async () => {
    const credentialsManager = testCredentialsManager();
    const source = aws.sdkSource({
      credentialsManager,
      allowedAccounts: ['444455556666'],
    });
    await expect(source.describeCluster(target)).resolves.toEqual({
      ok: false,
      kind: 'no-credentials',
      action: 'eks:DescribeCluster',
      accountId: cluster.accountId,
      region: cluster.region,
      message:
        'not called: account 111122223333 is not in eksEncryption.aws.allowedAccounts',
    });
    expect(aws.calls()).toBe(0);
    expect(credentialsManager.requests).toEqual([]);
  });

  it('paces one account and region after a throttle, not the others', async () => {
    const other = clusterFixture({ name: 'other', region: 'us-east-1' });
    aws.estate.clusters.push(other);
    // The SDK's adaptive token bucket, refilling ~5 tokens a second after a throttle.
    const source = aws.sdkSource({
      rateLimiter: { minFillRate: 5 },
      concurrency: 8,
      retry: { callBudgetMs: 5000 },
    });
    aws.fault('eks:DescribeCluster', { kind: 'throttle', times: 1 });
    await expect(source.describeCluster(target)).resolves.toMatchObject({
      ok: true,
    });
    const timed = async (t: typeof target) => {
      const started = Date.now();
      const results = await Promise.all(
        [1, 2, 3, 4].map(() => source.describeCluster(t)),
      );
      expect(results.every(r => r.ok)).toBe(true);
      return Date.now() - started;
    };
    const [throttledLane, otherLane] = await Promise.all([
      timed(target),
      timed(clusterTargetOf(other)),
    ]);
    // Four sends wait for at least three refills (~200 ms each); the other lane does not.
    expect(throttledLane).toBeGreaterThanOrEqual(300);
    expect(otherLane).toBeLessThan(250);
  });

  it('bounds what an answer may hold before it reaches a result', async () => {
    aws.estate = fixture({
      clusters: [
        {
          ...cluster,
          version: '1.29-'.padEnd(100, 'x'),
          updates: [
            {
              ...cluster.updates[0],
              type: 'T'.repeat(65),
              status: 'S'.repeat(33),
            },
          ],
        },
      ],
      keys: [{ ...key, policy: { Statement: 'x'.repeat(40 * 1024) } }],
    });
    const source = aws.sdkSource();
    const described = await source.describeCluster(target);
    expect(described.ok && described.value).not.toHaveProperty('version');
    const update = await source.describeUpdate(target, cluster.updates[0].id);
    expect(update).toEqual({
      ok: true,
      value: {
        id: cluster.updates[0].id,
        createdAt: cluster.updates[0].createdAt,
      },
    });
    await expect(source.getKeyPolicy(keyArnOf(key), at)).resolves.toMatchObject(
      {
        ok: false,
        kind: 'failed',
        message: expect.stringContaining('longer than 32768 characters'),
      },
    );
  });
});
