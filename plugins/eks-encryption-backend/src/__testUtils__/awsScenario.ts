import type { ClusterArn } from 'backstage-plugin-eks-encryption-common';
import type { EksEncryptionAwsSource } from 'backstage-plugin-eks-encryption-node';
import {
  aliasArnOf,
  clusterArnOf,
  clusterFixture,
  clusterTargetOf,
  fixture,
  keyArnOf,
  keyFixture,
  listingOf,
  type AwsFixture,
} from './awsEstate';

/*
 * One small AWS estate with every kind of answer (success, not-found, access-denied,
 * failed; alias, AWS-managed, cross-account and pending-deletion keys; a denied
 * listing), and two ways to read it through an AWS source, for tests that compare
 * sources.
 */

export const OTHER_ACCOUNT = '444455556666';

export const prodKey = keyFixture({
  keyId: '1234abcd-12ab-34cd-56ef-1234567890ab',
  aliases: ['alias/eks/prod', 'alias/secrets'],
  rotation: {
    enabled: true,
    periodInDays: 730,
    nextRotationDate: '2026-01-01T00:00:00.000Z',
  },
  tags: { owner: 'payments' },
});
const awsManaged = keyFixture({
  keyId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
  keyManager: 'AWS',
  aliases: ['alias/aws/eks'],
  tags: {},
});
export const deleted = keyFixture({
  keyId: 'mrk-0123456789abcdef0123456789abcdef',
  accountId: OTHER_ACCOUNT,
  region: 'us-east-1',
  keyState: 'PendingDeletion',
  deletionDate: '2025-02-01T00:00:00.000Z',
  multiRegion: true,
  rotation: { enabled: false },
});
export const prod = clusterFixture({
  name: 'payments-prod',
  encryptionKeyRef: aliasArnOf(prodKey),
  updates: [
    {
      id: '11111111-2222-3333-4444-555555555555',
      type: 'AssociateEncryptionConfig',
      status: 'Successful',
      createdAt: '2024-03-01T12:00:00.000Z',
    },
  ],
});
export const legacy = clusterFixture({
  name: 'legacy',
  version: '1.27',
  tags: {},
});
export const managed = clusterFixture({
  name: 'managed',
  encryptionKeyRef: keyArnOf(awsManaged),
});
const crossAccount = clusterFixture({
  name: 'batch',
  accountId: OTHER_ACCOUNT,
  region: 'us-east-1',
  encryptionKeyRef: keyArnOf(deleted),
  healthIssues: [{ code: 'KmsKeyMarkedForDeletion' }],
});
export const missing = clusterFixture({ name: 'gone' });
/** An account and region without clusters whose listing is denied. */
export const deniedListing = { accountId: OTHER_ACCOUNT, region: 'eu-west-1' };

export const scenario: AwsFixture = fixture({
  clusters: [prod, legacy, managed, crossAccount],
  keys: [prodKey, awsManaged, deleted],
  failures: [
    {
      action: 'eks:DescribeCluster',
      resource: clusterArnOf(missing),
      errorName: 'ResourceNotFoundException',
      message: 'No cluster found for name: gone.',
    },
    {
      action: 'kms:GetKeyPolicy',
      resource: keyArnOf(deleted),
      errorName: 'AccessDeniedException',
      message: 'not authorized to perform kms:GetKeyPolicy',
    },
    {
      action: 'eks:ListUpdates',
      resource: clusterArnOf(managed),
      errorName: 'AccessDeniedException',
    },
    {
      action: 'kms:ListResourceTags',
      resource: keyArnOf(awsManaged),
      errorName: 'KMSInternalException',
    },
    {
      action: 'eks:ListClusters',
      resource: listingOf(deniedListing),
      errorName: 'AccessDeniedException',
      message: 'not authorized to perform eks:ListClusters',
    },
  ],
});

/** Every account and region with a cluster of the scenario, and the denied listing. */
export const scenarioListings = [
  ...new Map(
    [...scenario.clusters, deniedListing].map(({ accountId, region }) => [
      listingOf({ accountId, region }),
      { accountId, region },
    ]),
  ).values(),
];

/** Every call the scenario allows, with its answer, keyed by call. */
export async function everyAnswer(source: EksEncryptionAwsSource) {
  const results: Record<string, unknown> = {};
  for (const at of scenarioListings) {
    results[`listClusters ${listingOf(at)}`] = await source.listClusters(at);
  }
  for (const c of [...scenario.clusters, missing]) {
    const target = clusterTargetOf(c);
    results[`describeCluster ${c.name}`] = await source.describeCluster(target);
    results[`listUpdates ${c.name}`] = await source.listUpdates(target);
    for (const u of c.updates) {
      results[`describeUpdate ${u.id}`] = await source.describeUpdate(
        target,
        u.id,
      );
    }
  }
  for (const k of scenario.keys) {
    const at = { accountId: k.accountId, region: k.region };
    for (const ref of [keyArnOf(k), ...k.aliases.map(a => aliasArnOf(k, a))]) {
      results[`describeKey ${ref}`] = await source.describeKey(ref, at);
    }
    const arn = keyArnOf(k);
    results[`rotation ${arn}`] = await source.getKeyRotationStatus(arn, at);
    results[`policy ${arn}`] = await source.getKeyPolicy(arn, at);
    results[`tags ${arn}`] = await source.listResourceTags(arn, at);
  }
  return results;
}

/**
 * The calls an evaluation makes, following the answers: DescribeCluster, ListUpdates and
 * DescribeUpdate per cluster; DescribeKey per key reference in its ARN's account; then
 * the three key calls per resolved key ARN.
 */
export async function evaluationAnswers(
  source: EksEncryptionAwsSource,
  targets: ClusterArn[],
) {
  const results: Record<string, unknown> = {};
  for (const target of targets) {
    const described = await source.describeCluster(target);
    results[`describeCluster ${target.arn}`] = described;
    const listed = await source.listUpdates(target);
    results[`listUpdates ${target.arn}`] = listed;
    for (const id of listed.ok ? listed.value : []) {
      results[`describeUpdate ${id}`] = await source.describeUpdate(target, id);
    }
    for (const ref of described.ok ? described.value.encryptionKeyRefs : []) {
      const [, , , region, accountId] = ref.split(':');
      const key = await source.describeKey(ref, { accountId, region });
      results[`describeKey ${ref}`] = key;
      if (!key.ok) continue;
      const at = { accountId: key.value.accountId, region };
      const arn = key.value.arn;
      results[`rotation ${arn}`] = await source.getKeyRotationStatus(arn, at);
      results[`policy ${arn}`] = await source.getKeyPolicy(arn, at);
      results[`tags ${arn}`] = await source.listResourceTags(arn, at);
    }
  }
  return results;
}

/** Every cluster the scenario names, the one that does not exist included. */
export const scenarioTargets = [...scenario.clusters, missing].map(
  clusterTargetOf,
);
