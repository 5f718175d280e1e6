import 'aws-sdk-client-mock-jest';
import {
  DescribeClusterCommand,
  DescribeUpdateCommand,
  ListClustersCommand,
  ListUpdatesCommand,
} from '@aws-sdk/client-eks';
import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  ListResourceTagsCommand,
} from '@aws-sdk/client-kms';
import { ConfigReader } from '@backstage/config';
import {
  aliasArnOf,
  clusterArnOf,
  clusterFixture,
  clusterTargetOf,
  fixture,
  keyArnOf,
  keyFixture,
  listingOf,
} from '../__testUtils__/awsEstate';
import { installSdkMocks, type SdkMocks } from '../__testUtils__/sdkMocks';
import {
  fixtureAccessKeyId,
  testCredentialsManager,
} from '../__testUtils__/testCredentials';
import { SdkAwsSource } from './SdkAwsSource';

const key = keyFixture({
  keyId: '1234abcd-12ab-34cd-56ef-1234567890ab',
  aliases: ['alias/eks-prod'],
  keyState: 'PendingDeletion',
  deletionDate: '2025-03-01T00:00:00.000Z',
  rotation: { enabled: true, periodInDays: 180 },
  tags: { owner: 'payments', costCenter: '42' },
});
const cluster = clusterFixture({
  name: 'prod',
  version: '1.27',
  createdAt: '2023-02-03T04:05:06.000Z',
  encryptionKeyRef: aliasArnOf(key),
  healthIssues: [{ code: 'KmsKeyMarkedForDeletion', message: 'scheduled' }],
  tags: { owner: 'payments', environment: 'production' },
  roleArn: 'arn:aws:iam::111122223333:role/eks',
  updates: [
    {
      id: 'a1b2c3d4-0000-0000-0000-000000000001',
      type: 'AssociateEncryptionConfig',
      status: 'Successful',
      createdAt: '2023-05-06T07:08:09.000Z',
    },
    {
      id: 'a1b2c3d4-0000-0000-0000-000000000002',
      type: 'VersionUpdate',
      status: 'Successful',
      createdAt: '2023-06-06T07:08:09.000Z',
    },
    {
      id: 'a1b2c3d4-0000-0000-0000-000000000003',
      type: 'VersionUpdate',
      status: 'InProgress',
      createdAt: '2023-07-06T07:08:09.000Z',
    },
  ],
});
const at = { accountId: key.accountId, region: key.region };

/**
 * Entries in every Map and Set a source holds, in its own fields and theirs: whatever
 * it caches per account and region, however it is arranged.
 */
function entriesKeptBy(source: SdkAwsSource): number {
  let entries = 0;
  const visit = (value: unknown, depth: number) => {
    if (value instanceof Map || value instanceof Set) {
      entries += value.size;
    } else if (depth > 0 && value && typeof value === 'object') {
      for (const field of Object.values(value)) visit(field, depth - 1);
    }
  };
  visit(source, 2);
  return entries;
}

describe('SdkAwsSource', () => {
  let mocks: SdkMocks;
  afterEach(() => mocks.restore());

  // One attempt: the mocks answer `send` itself, so errors come back unretried;
  // retries run over HTTP in SdkAwsSource.http.test.ts.
  function source(accounts?: string[]) {
    return new SdkAwsSource({
      credentialsManager: testCredentialsManager(accounts),
      maxAttempts: 1,
    });
  }

  describe('maps AWS answers to the domain types', () => {
    beforeEach(() => {
      mocks = installSdkMocks(fixture({ clusters: [cluster], keys: [key] }), {
        listUpdatesPageSize: 2,
        listTagsPageSize: 1,
      });
    });

    it('describes a cluster, dates as ISO 8601', async () => {
      await expect(
        source().describeCluster(clusterTargetOf(cluster)),
      ).resolves.toEqual({
        ok: true,
        value: {
          arn: clusterArnOf(cluster),
          name: 'prod',
          version: '1.27',
          createdAt: '2023-02-03T04:05:06.000Z',
          status: 'ACTIVE',
          roleArn: 'arn:aws:iam::111122223333:role/eks',
          encryptionKeyRefs: [aliasArnOf(key)],
          healthIssues: [
            { code: 'KmsKeyMarkedForDeletion', message: 'scheduled' },
          ],
          tags: { owner: 'payments', environment: 'production' },
        },
      });
      expect(mocks.eks).toHaveReceivedCommandWith(DescribeClusterCommand, {
        name: 'prod',
      });
    });

    it('reads every page of ListUpdates', async () => {
      await expect(
        source().listUpdates(clusterTargetOf(cluster)),
      ).resolves.toEqual({
        ok: true,
        value: cluster.updates.map(u => u.id),
      });
      expect(mocks.eks).toHaveReceivedCommandTimes(ListUpdatesCommand, 2);
      expect(mocks.eks).toHaveReceivedNthSpecificCommandWith(
        2,
        ListUpdatesCommand,
        {
          name: 'prod',
          nextToken: '2',
        },
      );
    });

    it('describes an update', async () => {
      const update = cluster.updates[0];
      await expect(
        source().describeUpdate(clusterTargetOf(cluster), update.id),
      ).resolves.toEqual({ ok: true, value: update });
      expect(mocks.eks).toHaveReceivedCommandWith(DescribeUpdateCommand, {
        name: 'prod',
        updateId: update.id,
      });
    });

    it('resolves an alias ARN to the key ARN', async () => {
      await expect(source().describeKey(aliasArnOf(key), at)).resolves.toEqual({
        ok: true,
        value: {
          arn: keyArnOf(key),
          keyId: key.keyId,
          accountId: key.accountId,
          keyManager: 'CUSTOMER',
          keyState: 'PendingDeletion',
          keySpec: 'SYMMETRIC_DEFAULT',
          origin: 'AWS_KMS',
          multiRegion: false,
          deletionDate: '2025-03-01T00:00:00.000Z',
        },
      });
      expect(mocks.kms).toHaveReceivedCommandWith(DescribeKeyCommand, {
        KeyId: aliasArnOf(key),
      });
    });

    it('reads rotation, the default policy and every page of tags', async () => {
      const s = source();
      await expect(s.getKeyRotationStatus(keyArnOf(key), at)).resolves.toEqual({
        ok: true,
        value: { enabled: true, periodInDays: 180 },
      });
      const policy = await s.getKeyPolicy(keyArnOf(key), at);
      expect(policy.ok && JSON.parse(policy.value)).toEqual(key.policy);
      expect(mocks.kms).toHaveReceivedCommandWith(GetKeyPolicyCommand, {
        KeyId: keyArnOf(key),
        PolicyName: 'default',
      });
      await expect(s.listResourceTags(keyArnOf(key), at)).resolves.toEqual({
        ok: true,
        value: { owner: 'payments', costCenter: '42' },
      });
      expect(mocks.kms).toHaveReceivedCommandTimes(ListResourceTagsCommand, 2);
    });

    it('refuses an alias where a key ARN is required, without calling AWS', async () => {
      const result = await source().getKeyPolicy(aliasArnOf(key), at);
      expect(result).toMatchObject({ ok: false, kind: 'failed' });
      expect(mocks.kms).toHaveReceivedCommandTimes(GetKeyPolicyCommand, 0);
    });
  });

  describe('listClusters', () => {
    const names = ['a', 'b', 'c', 'd', 'e'];
    const estate = fixture({
      clusters: [
        ...names.map(name => clusterFixture({ name })),
        clusterFixture({ name: 'other-region', region: 'us-east-1' }),
        clusterFixture({ name: 'other-account', accountId: '444455556666' }),
      ],
    });
    const throttled = Object.assign(new Error('Rate exceeded'), {
      name: 'ThrottlingException',
      $metadata: { httpStatusCode: 429 },
    });

    it('reads every page, 100 asked each time', async () => {
      mocks = installSdkMocks(estate, { listClustersPageSize: 2 });
      await expect(source().listClusters(at)).resolves.toEqual({
        ok: true,
        value: names,
      });
      expect(mocks.eks).toHaveReceivedCommandTimes(ListClustersCommand, 3);
      // The SDK's paginator reuses one input: each call shows the last token.
      expect(mocks.eks).toHaveReceivedCommandWith(ListClustersCommand, {
        maxResults: 100,
      });
    });

    it('is access-denied when IAM refuses eks:ListClusters', async () => {
      mocks = installSdkMocks(
        fixture({
          ...estate,
          failures: [
            {
              action: 'eks:ListClusters',
              resource: listingOf(at),
              errorName: 'AccessDeniedException',
              message: 'no',
            },
          ],
        }),
      );
      await expect(source().listClusters(at)).resolves.toEqual({
        ok: false,
        kind: 'access-denied',
        action: 'eks:ListClusters',
        accountId: at.accountId,
        region: at.region,
        message: 'AccessDeniedException: no',
      });
    });

    it('retries a throttled page, not the pages before it', async () => {
      mocks = installSdkMocks(estate);
      const tokens: (string | undefined)[] = [];
      let throttles = 1;
      mocks.eks.on(ListClustersCommand).callsFake(async input => {
        tokens.push(input.nextToken);
        if (!input.nextToken) return { clusters: ['a'], nextToken: 'p2' };
        if (throttles-- > 0) throw throttled;
        return { clusters: ['b'] };
      });
      const s = new SdkAwsSource({
        credentialsManager: testCredentialsManager(),
        retry: { baseDelayMs: 1 },
      });
      await expect(s.listClusters(at)).resolves.toEqual({
        ok: true,
        value: ['a', 'b'],
      });
      expect(tokens).toEqual([undefined, 'p2', 'p2']);
    });

    it('a token that repeats is failed, not an endless loop', async () => {
      mocks = installSdkMocks(estate);
      mocks.eks
        .on(ListClustersCommand)
        .resolves({ clusters: ['a'], nextToken: 'again' });
      await expect(source().listClusters(at)).resolves.toMatchObject({
        ok: false,
        kind: 'failed',
        action: 'eks:ListClusters',
        message: expect.stringContaining('pagination did not end'),
      });
      expect(mocks.eks).toHaveReceivedCommandTimes(ListClustersCommand, 2);
    });

    it('refuses a name that is not an EKS cluster name', async () => {
      mocks = installSdkMocks(estate);
      mocks.eks.on(ListClustersCommand).resolves({ clusters: ['../../etc'] });
      await expect(source().listClusters(at)).resolves.toMatchObject({
        ok: false,
        kind: 'failed',
        message: expect.stringContaining('not an EKS cluster name'),
      });
    });
  });

  describe('classifies failures by error name', () => {
    const target = clusterTargetOf(cluster);

    it.each([
      ['AccessDeniedException', 'access-denied'],
      ['AccessDenied', 'access-denied'],
      ['UnauthorizedOperation', 'access-denied'],
      ['ResourceNotFoundException', 'not-found'],
      ['ServerException', 'failed'],
      ['ThrottlingException', 'failed'],
    ])('EKS %s → %s', async (errorName, kind) => {
      mocks = installSdkMocks(
        fixture({
          clusters: [cluster],
          failures: [
            {
              action: 'eks:DescribeCluster',
              resource: clusterArnOf(cluster),
              errorName,
              message: 'no',
            },
          ],
        }),
      );
      await expect(source().describeCluster(target)).resolves.toEqual({
        ok: false,
        kind,
        action: 'eks:DescribeCluster',
        accountId: cluster.accountId,
        region: cluster.region,
        message: `${errorName}: no`,
      });
    });

    it.each([
      ['AccessDeniedException', 'access-denied'],
      ['NotFoundException', 'not-found'],
      ['KMSInternalException', 'failed'],
    ])('KMS %s (a KMSServiceException) → %s', async (errorName, kind) => {
      mocks = installSdkMocks(
        fixture({
          keys: [key],
          failures: [
            { action: 'kms:GetKeyPolicy', resource: keyArnOf(key), errorName },
          ],
        }),
      );
      const result = await source().getKeyPolicy(keyArnOf(key), at);
      expect(result).toMatchObject({
        ok: false,
        kind,
        action: 'kms:GetKeyPolicy',
        accountId: key.accountId,
      });
      expect(!result.ok && result.message).toContain(errorName);
    });

    it('an unknown cluster is not-found, an unknown key too', async () => {
      mocks = installSdkMocks(fixture());
      await expect(source().describeCluster(target)).resolves.toMatchObject({
        ok: false,
        kind: 'not-found',
      });
      await expect(
        source().describeKey(keyArnOf(key), at),
      ).resolves.toMatchObject({ ok: false, kind: 'not-found' });
    });

    it('an answer without a cluster is failed', async () => {
      mocks = installSdkMocks(fixture());
      mocks.eks.on(DescribeClusterCommand).resolves({});
      await expect(source().describeCluster(target)).resolves.toMatchObject({
        ok: false,
        kind: 'failed',
        message: expect.stringContaining('without a cluster'),
      });
    });

    it('a ListUpdates token that repeats is failed, not an endless loop', async () => {
      mocks = installSdkMocks(fixture({ clusters: [cluster] }));
      mocks.eks
        .on(ListUpdatesCommand)
        .resolves({ updateIds: ['x'], nextToken: 'again' });
      await expect(source().listUpdates(target)).resolves.toMatchObject({
        ok: false,
        kind: 'failed',
        message: expect.stringContaining('pagination'),
      });
      expect(mocks.eks).toHaveReceivedCommandTimes(ListUpdatesCommand, 2);
    });
  });

  describe('credentials', () => {
    it('an account without credentials is no-credentials, naming the config to add', async () => {
      mocks = installSdkMocks(fixture({ clusters: [cluster] }));
      const result = await source(['444455556666']).describeCluster(
        clusterTargetOf(cluster),
      );
      expect(result).toMatchObject({
        ok: false,
        kind: 'no-credentials',
        action: 'eks:DescribeCluster',
        accountId: '111122223333',
      });
      expect(!result.ok && result.message).toMatch(
        /111122223333.*aws\.accounts\[\].*accountId.*roleName.*aws\.mainAccount/s,
      );
      expect(mocks.eks).toHaveReceivedCommandTimes(DescribeClusterCommand, 0);
    });

    it('a credential lookup that hangs is no-credentials at the attempt timeout', async () => {
      mocks = installSdkMocks(fixture({ clusters: [cluster] }));
      const s = new SdkAwsSource({
        credentialsManager: {
          getCredentialProvider: () => new Promise<never>(() => {}),
        },
        retry: { attemptTimeoutMs: 50 },
      });
      await expect(
        s.describeCluster(clusterTargetOf(cluster)),
      ).resolves.toMatchObject({
        ok: false,
        kind: 'no-credentials',
        message: expect.stringContaining('no answer within 50 ms'),
      });
    });

    it('calls with the credentials of the account asked for', async () => {
      const other = clusterFixture({ name: 'prod', accountId: '444455556666' });
      mocks = installSdkMocks(
        fixture({ clusters: [cluster, { ...other, version: '1.30' }] }),
      );
      const s = source();
      const first = await s.describeCluster(clusterTargetOf(cluster));
      const second = await s.describeCluster(clusterTargetOf(other));
      expect(first.ok && first.value.version).toBe('1.27');
      expect(second.ok && second.value.version).toBe('1.30');
    });

    it('asks for credentials once per account and region, then reuses the clients', async () => {
      mocks = installSdkMocks(fixture({ clusters: [cluster], keys: [key] }));
      const credentialsManager = testCredentialsManager();
      const s = new SdkAwsSource({ credentialsManager });
      await s.describeCluster(clusterTargetOf(cluster));
      await s.listUpdates(clusterTargetOf(cluster));
      await s.describeKey(keyArnOf(key), at);
      await s.describeKey(keyArnOf(key), { ...at, region: 'us-east-1' });
      // The key ARN names eu-west-1: the call goes there whatever the caller said.
      expect(credentialsManager.requests).toEqual([
        { accountId: '111122223333' },
      ]);
    });

    it('a failed credential lookup is not kept: the next call asks again', async () => {
      mocks = installSdkMocks(fixture({ clusters: [cluster] }));
      const working = testCredentialsManager();
      let failures = 1;
      const s = new SdkAwsSource({
        credentialsManager: {
          getCredentialProvider: async options => {
            if (failures-- > 0) throw new Error('STS is having a moment');
            return working.getCredentialProvider(options);
          },
        },
      });
      await expect(
        s.describeCluster(clusterTargetOf(cluster)),
      ).resolves.toMatchObject({ ok: false, kind: 'no-credentials' });
      await expect(
        s.describeCluster(clusterTargetOf(cluster)),
      ).resolves.toMatchObject({ ok: true });
    });

    it('keeps nothing for an account or region it could not create clients for', async () => {
      mocks = installSdkMocks(fixture({ clusters: [cluster] }));
      // No allowedAccounts: annotations may name any account, with or without credentials.
      const s = new SdkAwsSource({
        credentialsManager: testCredentialsManager(['111122223333']),
      });
      const ok = await s.describeCluster(clusterTargetOf(cluster));
      expect(ok.ok).toBe(true);
      const kept = entriesKeptBy(s);
      expect(kept).toBeGreaterThan(0);

      for (let i = 0; i < 20; i++) {
        for (const region of ['eu-west-1', 'us-east-1', 'ap-south-1']) {
          const elsewhere = clusterFixture({
            name: 'prod',
            accountId: String(200000000000 + i),
            region,
          });
          await expect(
            s.describeCluster(clusterTargetOf(elsewhere)),
          ).resolves.toMatchObject({ ok: false, kind: 'no-credentials' });
        }
      }
      // Clients, their send rates and slots: only what the working account has.
      expect(entriesKeptBy(s)).toBe(kept);
    });

    it('builds clients that make one attempt per request, on the endpoint', async () => {
      mocks = installSdkMocks(fixture({ clusters: [cluster], keys: [key] }));
      const seen: unknown[] = [];
      const record = async (getClient: () => { config: unknown }) => {
        const config = getClient().config as {
          retryStrategy: () => Promise<{ mode?: string }>;
          maxAttempts: () => Promise<number>;
          endpoint?: () => Promise<{ hostname: string }>;
        };
        seen.push({
          mode: (await config.retryStrategy()).mode,
          maxAttempts: await config.maxAttempts(),
          host: (await config.endpoint?.())?.hostname,
        });
        return {};
      };
      mocks.eks.on(DescribeClusterCommand).callsFake((_, c) => record(c));
      mocks.kms.on(DescribeKeyCommand).callsFake((_, c) => record(c));
      const s = new SdkAwsSource({
        credentialsManager: testCredentialsManager(),
        endpoint: 'http://localhost:4566',
      });
      await s.describeCluster(clusterTargetOf(cluster));
      await s.describeKey(keyArnOf(key), at);
      expect(seen).toEqual([
        { mode: 'standard', maxAttempts: 1, host: 'localhost' },
        { mode: 'standard', maxAttempts: 1, host: 'localhost' },
      ]);
    });

    it('retries what the SDK classifies as throttling, within the budget', async () => {
      mocks = installSdkMocks(fixture({ clusters: [cluster] }));
      const throttled = Object.assign(new Error('Rate exceeded'), {
        name: 'ThrottlingException',
        $metadata: { httpStatusCode: 429 },
      });
      mocks.eks
        .on(DescribeClusterCommand)
        .rejectsOnce(throttled)
        .resolves({ cluster: { name: 'prod' } });
      const s = new SdkAwsSource({
        credentialsManager: testCredentialsManager(),
        retry: { baseDelayMs: 1 },
      });
      await expect(
        s.describeCluster(clusterTargetOf(cluster)),
      ).resolves.toMatchObject({ ok: true });
      expect(mocks.eks).toHaveReceivedCommandTimes(DescribeClusterCommand, 2);
    });

    it('fromConfig takes credentials from the root aws config', async () => {
      const other = clusterFixture({ name: 'prod', accountId: '444455556666' });
      mocks = installSdkMocks(
        fixture({ clusters: [cluster, { ...other, version: '1.30' }] }),
      );
      const s = SdkAwsSource.fromConfig(
        new ConfigReader({
          aws: {
            accounts: [
              {
                accountId: '444455556666',
                accessKeyId: fixtureAccessKeyId('444455556666'),
                secretAccessKey: 'secret',
              },
            ],
          },
        }),
      );
      const result = await s.describeCluster(clusterTargetOf(other));
      expect(result.ok && result.value.version).toBe('1.30');
    });

    it('fromConfig calls only eksEncryption.aws.allowedAccounts', async () => {
      mocks = installSdkMocks(fixture({ clusters: [cluster] }));
      const s = SdkAwsSource.fromConfig(
        new ConfigReader({
          eksEncryption: { aws: { allowedAccounts: ['444455556666'] } },
        }),
        { credentialsManager: testCredentialsManager() },
      );
      await expect(
        s.describeCluster(clusterTargetOf(cluster)),
      ).resolves.toMatchObject({
        ok: false,
        kind: 'no-credentials',
        message: expect.stringContaining(
          'account 111122223333 is not in eksEncryption.aws.allowedAccounts',
        ),
      });
      expect(mocks.eks).toHaveReceivedCommandTimes(DescribeClusterCommand, 0);
    });
  });

  describe('concurrency', () => {
    it('keeps at most `concurrency` calls in flight per account and region', async () => {
      const clusters = [
        ...['a', 'b', 'c', 'd', 'e'].map(name => clusterFixture({ name })),
        ...['f', 'g', 'h'].map(name =>
          clusterFixture({ name, region: 'us-east-1' }),
        ),
      ];
      mocks = installSdkMocks(fixture({ clusters }));
      const inFlight = new Map<string, number>();
      const most = new Map<string, number>();
      let total = 0;
      let mostTotal = 0;
      mocks.eks
        .on(DescribeClusterCommand)
        .callsFake(async (input, getClient) => {
          const region = await getClient().config.region();
          inFlight.set(region, (inFlight.get(region) ?? 0) + 1);
          most.set(
            region,
            Math.max(most.get(region) ?? 0, inFlight.get(region)!),
          );
          total += 1;
          mostTotal = Math.max(mostTotal, total);
          // Stay in flight long enough for every other call to queue up.
          await new Promise(resolve => setTimeout(resolve, 20));
          inFlight.set(region, inFlight.get(region)! - 1);
          total -= 1;
          return { cluster: { name: input.name } };
        });
      const s = new SdkAwsSource({
        credentialsManager: testCredentialsManager(),
        concurrency: 2,
      });
      const results = await Promise.all(
        clusters.map(c => s.describeCluster(clusterTargetOf(c))),
      );
      expect(results.every(r => r.ok)).toBe(true);
      expect(Object.fromEntries(most)).toEqual({
        'eu-west-1': 2,
        'us-east-1': 2,
      });
      // The regions do not wait for each other.
      expect(mostTotal).toBe(4);
    });
  });
});
