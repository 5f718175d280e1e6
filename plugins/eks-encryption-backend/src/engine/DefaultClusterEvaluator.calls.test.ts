import 'aws-sdk-client-mock-jest';
import {
  DescribeClusterCommand,
  DescribeUpdateCommand,
  ListUpdatesCommand,
} from '@aws-sdk/client-eks';
import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  ListResourceTagsCommand,
} from '@aws-sdk/client-kms';
import { mockServices } from '@backstage/backend-test-utils';
import type { ClusterArn } from 'backstage-plugin-eks-encryption-common';
import { SdkAwsSource } from '../aws/SdkAwsSource';
import type {
  AwsResult,
  EksCluster,
  EksEncryptionAwsSource,
} from 'backstage-plugin-eks-encryption-node';
import {
  aliasArnOf,
  clusterArnOf,
  clusterFixture,
  clusterTargetOf,
  fixture,
  keyArnOf,
  keyFixture,
  type AwsFixture,
  type ClusterFixture,
  type KeyFixture,
  type UpdateFixture,
} from '../__testUtils__/awsEstate';
import { installSdkMocks, type SdkMocks } from '../__testUtils__/sdkMocks';
import { testCredentialsManager } from '../__testUtils__/testCredentials';
import { checkOf, clusterNamed, NOW } from './__testUtils__/evaluationHarness';
import { DefaultClusterEvaluator } from './DefaultClusterEvaluator';
import { DEFAULT_EVALUATION_POLICY } from '../config';
import type { EksUpdate } from 'backstage-plugin-eks-encryption-node';
import type { EvaluationInput, KnownFinishedUpdates } from './types';

const uuid = (prefix: string, n: number) =>
  `${prefix}-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** The store's `getFinishedUpdates`, over a map. */
function lookupOf(known: ReadonlyMap<string, EksUpdate>): KnownFinishedUpdates {
  return async ids =>
    new Map(
      ids.flatMap(id => {
        const update = known.get(id);
        return update ? [[id, update] as const] : [];
      }),
    );
}

function sdkSource(accounts?: string[]) {
  return new SdkAwsSource({
    credentialsManager: testCredentialsManager(accounts),
    maxAttempts: 1,
  });
}

function evaluator(source: EksEncryptionAwsSource, clustersInFlight?: number) {
  return new DefaultClusterEvaluator({
    source,
    policy: DEFAULT_EVALUATION_POLICY,
    logger: mockServices.logger.mock(),
    ...(clustersInFlight ? { clustersInFlight } : {}),
  });
}

describe('DefaultClusterEvaluator AWS calls', () => {
  let mocks: SdkMocks;
  afterEach(() => mocks.restore());

  describe('200 entities → 40 clusters → 7 keys', () => {
    const keys: KeyFixture[] = Array.from({ length: 7 }, (_, i) =>
      keyFixture({ keyId: uuid('0000000k', i), aliases: [`alias/eks-${i}`] }),
    );
    const knownUpdate = (i: number): UpdateFixture => ({
      id: uuid('aaaaaaaa', i),
      type: 'VersionUpdate',
      status: 'Successful',
      createdAt: '2024-02-01T00:00:00.000Z',
    });
    const newUpdate = (i: number): UpdateFixture => ({
      id: uuid('bbbbbbbb', i),
      type: 'VersionUpdate',
      status: 'Successful',
      createdAt: '2024-09-01T00:00:00.000Z',
    });
    const clusters: ClusterFixture[] = Array.from({ length: 40 }, (_, i) => {
      const key = keys[i % 7];
      return clusterFixture({
        name: `cluster-${i}`,
        // Three keys are configured through alias ARNs.
        encryptionKeyRef: i % 7 < 3 ? aliasArnOf(key) : keyArnOf(key),
        tags: { owner: 'team-a', environment: `env-${i % 7}` },
        updates: [knownUpdate(i), newUpdate(i)],
      });
    });
    const f = fixture({ clusters, keys });
    const finishedUpdates = new Map<string, EksUpdate>(
      clusters.map((_, i) => [knownUpdate(i).id, knownUpdate(i)]),
    );
    // Five entities per cluster; the evaluator sees each cluster once.
    const targets = Array.from({ length: 200 }, (_, i) => ({
      cluster: clusterTargetOf(clusters[i % 40]),
    }));

    it('makes the minimum number of calls of each kind', async () => {
      mocks = installSdkMocks(f);
      const out = await evaluator(sdkSource()).evaluate({
        targets,
        knownFinishedUpdates: lookupOf(finishedUpdates),
        now: NOW,
      });

      expect(out.clusters).toHaveLength(40);
      expect(out.clusters.every(c => c.verdict === 'compliant')).toBe(true);
      expect(mocks.eks).toHaveReceivedCommandTimes(DescribeClusterCommand, 40);
      expect(mocks.eks).toHaveReceivedCommandTimes(ListUpdatesCommand, 40);
      expect(mocks.eks).toHaveReceivedCommandTimes(DescribeUpdateCommand, 40);
      expect(mocks.kms).toHaveReceivedCommandTimes(DescribeKeyCommand, 7);
      expect(mocks.kms).toHaveReceivedCommandTimes(
        GetKeyRotationStatusCommand,
        7,
      );
      expect(mocks.kms).toHaveReceivedCommandTimes(GetKeyPolicyCommand, 7);
      expect(mocks.kms).toHaveReceivedCommandTimes(ListResourceTagsCommand, 7);
    });

    it('resolves alias ARNs before any other KMS call and uses the key ARN after', async () => {
      mocks = installSdkMocks(f);
      await evaluator(sdkSource()).evaluate({
        targets,
        knownFinishedUpdates: lookupOf(finishedUpdates),
        now: NOW,
      });
      for (const [i, key] of keys.entries()) {
        expect(mocks.kms).toHaveReceivedCommandWith(DescribeKeyCommand, {
          KeyId: i < 3 ? aliasArnOf(key) : keyArnOf(key),
        });
        expect(mocks.kms).toHaveReceivedCommandWith(
          GetKeyRotationStatusCommand,
          {
            KeyId: keyArnOf(key),
          },
        );
        expect(mocks.kms).toHaveReceivedCommandWith(GetKeyPolicyCommand, {
          KeyId: keyArnOf(key),
          PolicyName: 'default',
        });
        expect(mocks.kms).toHaveReceivedCommandWith(ListResourceTagsCommand, {
          KeyId: keyArnOf(key),
        });
      }
      const afterResolution = mocks.kms
        .calls()
        .filter(call => !(call.args[0] instanceof DescribeKeyCommand))
        .map(call => (call.args[0].input as { KeyId?: string }).KeyId);
      expect(afterResolution).toHaveLength(21);
      expect(afterResolution.filter(id => id?.includes(':alias/'))).toEqual([]);
    });

    it('never describes an update already known to be finished', async () => {
      mocks = installSdkMocks(f);
      const out = await evaluator(sdkSource()).evaluate({
        targets,
        knownFinishedUpdates: lookupOf(finishedUpdates),
        now: NOW,
      });
      for (const id of finishedUpdates.keys()) {
        expect(mocks.eks).not.toHaveReceivedCommandWith(DescribeUpdateCommand, {
          updateId: id,
        });
      }
      expect(out.finishedUpdates.map(u => u.id).sort()).toEqual(
        clusters.map((_, i) => newUpdate(i).id).sort(),
      );
      expect(out.keyUses).toHaveLength(40);
    });
  });

  it('describes no update when a known finished one is the association', async () => {
    const key = keyFixture({ keyId: uuid('0000000k', 1) });
    const associated: UpdateFixture = {
      id: uuid('cccccccc', 1),
      type: 'AssociateEncryptionConfig',
      status: 'Successful',
      createdAt: '2024-05-05T00:00:00.000Z',
    };
    const cluster = clusterFixture({
      name: 'associated',
      encryptionKeyRef: keyArnOf(key),
      updates: [
        associated,
        { ...associated, id: uuid('dddddddd', 1), type: 'VersionUpdate' },
      ],
    });
    mocks = installSdkMocks(fixture({ clusters: [cluster], keys: [key] }));
    const out = await evaluator(sdkSource()).evaluate({
      targets: [{ cluster: clusterTargetOf(cluster) }],
      knownFinishedUpdates: lookupOf(new Map([[associated.id, associated]])),
      now: NOW,
    });
    expect(mocks.eks).toHaveReceivedCommandTimes(DescribeUpdateCommand, 0);
    const check = checkOf(out, 'associated', 'secrets-rewritten');
    expect(check.status).toBe('warn');
    expect(check.summary).toContain('2024-05-05');
  });

  it('shares the key calls of an alias and a key ARN naming the same key', async () => {
    const key = keyFixture({
      keyId: uuid('0000000k', 2),
      aliases: ['alias/shared'],
    });
    const a = clusterFixture({ name: 'a', encryptionKeyRef: aliasArnOf(key) });
    const b = clusterFixture({ name: 'b', encryptionKeyRef: keyArnOf(key) });
    mocks = installSdkMocks(fixture({ clusters: [a, b], keys: [key] }));
    const out = await evaluator(sdkSource()).evaluate({
      targets: [a, b].map(c => ({ cluster: clusterTargetOf(c) })),
      now: NOW,
    });
    expect(mocks.kms).toHaveReceivedCommandTimes(DescribeKeyCommand, 2);
    expect(mocks.kms).toHaveReceivedCommandTimes(
      GetKeyRotationStatusCommand,
      1,
    );
    expect(mocks.kms).toHaveReceivedCommandTimes(GetKeyPolicyCommand, 1);
    expect(mocks.kms).toHaveReceivedCommandTimes(ListResourceTagsCommand, 1);
    expect(clusterNamed(out, 'a').keyArn).toBe(keyArnOf(key));
    // Both tag "environment: production", so sharing stays within the scope.
    expect(checkOf(out, 'a', 'key-dedicated').summary).toBe(
      'The KMS key is shared only within environment "production" (1 other cluster)',
    );
  });

  it('reads neither updates nor KMS for a cluster without a key', async () => {
    const cluster = clusterFixture({ name: 'plain' });
    mocks = installSdkMocks(fixture({ clusters: [cluster] }));
    await evaluator(sdkSource()).evaluate({
      targets: [{ cluster: clusterTargetOf(cluster) }],
      now: NOW,
    });
    expect(mocks.eks).toHaveReceivedCommandTimes(DescribeClusterCommand, 1);
    expect(mocks.eks).toHaveReceivedCommandTimes(ListUpdatesCommand, 0);
    expect(mocks.kms.calls()).toHaveLength(0);
  });

  it('reads a key in another account with the cluster account credentials, never its policy', async () => {
    const key = keyFixture({
      keyId: uuid('0000000k', 3),
      accountId: '444455556666',
    });
    const cluster = clusterFixture({
      name: 'c',
      encryptionKeyRef: keyArnOf(key),
    });
    mocks = installSdkMocks(fixture({ clusters: [cluster], keys: [key] }));
    await evaluator(sdkSource(['111122223333'])).evaluate({
      targets: [{ cluster: clusterTargetOf(cluster) }],
      now: NOW,
    });
    expect(mocks.kms).toHaveReceivedCommandTimes(DescribeKeyCommand, 1);
    expect(mocks.kms).toHaveReceivedCommandTimes(
      GetKeyRotationStatusCommand,
      1,
    );
    expect(mocks.kms).toHaveReceivedCommandTimes(GetKeyPolicyCommand, 0);
    expect(mocks.kms).toHaveReceivedCommandTimes(ListResourceTagsCommand, 0);
  });
});

/** A source over a fixture whose calls wait a turn, to observe concurrency. */
class CountingSource implements EksEncryptionAwsSource {
  inFlight = 0;
  maxInFlight = 0;
  constructor(
    private readonly inner: EksEncryptionAwsSource,
    private readonly throwFor?: string,
  ) {}

  async describeCluster(cluster: ClusterArn): Promise<AwsResult<EksCluster>> {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await new Promise(resolve => setImmediate(resolve));
      if (cluster.name === this.throwFor) throw new Error('socket hang up');
      return await this.inner.describeCluster(cluster);
    } finally {
      this.inFlight -= 1;
    }
  }
  listClusters: EksEncryptionAwsSource['listClusters'] = at =>
    this.inner.listClusters(at);
  listUpdates = (c: ClusterArn) => this.inner.listUpdates(c);
  describeUpdate = (c: ClusterArn, id: string) =>
    this.inner.describeUpdate(c, id);
  describeKey: EksEncryptionAwsSource['describeKey'] = (r, at) =>
    this.inner.describeKey(r, at);
  getKeyRotationStatus: EksEncryptionAwsSource['getKeyRotationStatus'] = (
    k,
    at,
  ) => this.inner.getKeyRotationStatus(k, at);
  getKeyPolicy: EksEncryptionAwsSource['getKeyPolicy'] = (k, at) =>
    this.inner.getKeyPolicy(k, at);
  listResourceTags: EksEncryptionAwsSource['listResourceTags'] = (k, at) =>
    this.inner.listResourceTags(k, at);
}

describe('DefaultClusterEvaluator runs', () => {
  let mocks: SdkMocks;
  afterEach(() => mocks.restore());

  const clusters = Array.from({ length: 12 }, (_, i) =>
    clusterFixture({ name: `run-${i}` }),
  );
  const f: AwsFixture = fixture({ clusters });
  const input = (extra: Partial<EvaluationInput> = {}): EvaluationInput => ({
    targets: clusters.map(c => ({ cluster: clusterTargetOf(c) })),
    now: NOW,
    ...extra,
  });

  it('bounds the clusters in flight and reports progress up to the total', async () => {
    mocks = installSdkMocks(f);
    const source = new CountingSource(sdkSource());
    const progress: [number, number][] = [];
    await evaluator(source, 3).evaluate(
      input({ onProgress: (done, total) => progress.push([done, total]) }),
    );
    expect(source.maxInFlight).toBe(3);
    expect(progress[0]).toEqual([0, 12]);
    expect(progress[progress.length - 1]).toEqual([12, 12]);
    expect(progress.map(([done]) => done)).toEqual(
      Array.from({ length: 13 }, (_, i) => i),
    );
  });

  it('never throws: a failing cluster becomes an error, the others are judged', async () => {
    mocks = installSdkMocks(f);
    const source = new CountingSource(sdkSource(), 'run-4');
    const out = await evaluator(source).evaluate(
      input({
        onProgress: () => {
          throw new Error('listener broke');
        },
      }),
    );
    expect(clusterNamed(out, 'run-4')).toMatchObject({
      verdict: 'error',
      error: 'evaluation failed: socket hang up',
    });
    expect(
      out.clusters.filter(c => c.verdict !== 'error').map(c => c.arn),
    ).toEqual(clusters.filter(c => c.name !== 'run-4').map(clusterArnOf));
  });
});
