import type {
  Cluster,
  ClusterIssueCode,
  Update,
  UpdateStatus,
  UpdateType,
} from '@aws-sdk/client-eks';
import type {
  KeyManagerType,
  KeyMetadata,
  KeySpec,
  KeyState,
  OriginType,
} from '@aws-sdk/client-kms';
import { parseKmsKeyRef } from '../aws/awsReferences';
import type { SnapshotError } from '../aws/snapshotLayout';
import type { AwsAction } from 'backstage-plugin-eks-encryption-node';
import {
  AwsFixture,
  ClusterFixture,
  FailureFixture,
  KeyFixture,
  UpdateFixture,
  FIXTURE_ACCOUNT,
  clusterArnOf,
  keyArnOf,
  listingOf,
} from './awsEstate';

/** HTTP status AWS answers with for common error codes (informational in mocks). */
export function defaultHttpStatus(
  service: 'eks' | 'kms',
  errorName: string,
): number {
  if (service === 'kms')
    return /Internal|Dependency/.test(errorName) ? 500 : 400;
  if (/AccessDenied|Unauthorized/.test(errorName)) return 403;
  if (/NotFound/.test(errorName)) return 404;
  if (/Throttl/.test(errorName)) return 429;
  return /Client|Invalid/.test(errorName) ? 400 : 500;
}

function defaultErrorMessage(failure: FailureFixture): string {
  return `${failure.errorName} for ${failure.action} on ${failure.resource}`;
}

// ---------------------------------------------------------------------------------
// Answers, in the shapes of the SDK (dates as Date). The AWS CLI prints the same members.
// ---------------------------------------------------------------------------------

export type Answer<T> =
  | { ok: true; output: T }
  | { ok: false; error: SnapshotError & { httpStatus?: number } };

function failureFor(
  f: AwsFixture,
  action: AwsAction,
  resource: string,
): Answer<never> | undefined {
  const failure = f.failures.find(
    x => x.action === action && x.resource === resource,
  );
  if (!failure) return undefined;
  return {
    ok: false,
    error: {
      name: failure.errorName,
      message: failure.message ?? defaultErrorMessage(failure),
      httpStatus: failure.httpStatus,
    },
  };
}

function notFound(name: string, message: string): Answer<never> {
  return { ok: false, error: { name, message } };
}

const toDate = (iso: string | undefined) =>
  iso === undefined ? undefined : new Date(iso);

function clusterOutput(c: ClusterFixture): Cluster {
  return {
    name: c.name,
    arn: clusterArnOf(c),
    version: c.version,
    createdAt: toDate(c.createdAt),
    status: c.status as Cluster['status'],
    roleArn: c.roleArn,
    encryptionConfig: c.encryptionKeyRef
      ? [{ resources: ['secrets'], provider: { keyArn: c.encryptionKeyRef } }]
      : undefined,
    health: {
      issues: c.healthIssues.map(issue => ({
        code: issue.code as ClusterIssueCode,
        message: issue.message,
        resourceIds: [],
      })),
    },
    tags: c.tags,
  };
}

function updateOutput(u: UpdateFixture): Update {
  return {
    id: u.id,
    type: u.type as UpdateType,
    status: u.status as UpdateStatus,
    createdAt: toDate(u.createdAt),
    params: [],
    errors: [],
  };
}

function keyMetadata(k: KeyFixture): KeyMetadata {
  return {
    AWSAccountId: k.accountId,
    KeyId: k.keyId,
    Arn: keyArnOf(k),
    CreationDate: toDate(k.createdAt),
    Enabled: k.keyState === 'Enabled',
    KeyUsage: 'ENCRYPT_DECRYPT',
    KeyState: k.keyState as KeyState,
    DeletionDate: toDate(k.deletionDate),
    Origin: k.origin as OriginType,
    KeyManager: k.keyManager as KeyManagerType,
    KeySpec: k.keySpec as KeySpec,
    MultiRegion: k.multiRegion,
  };
}

export function findCluster(
  f: AwsFixture,
  name: string,
  region: string,
  accountId: string | undefined,
): ClusterFixture | undefined {
  return f.clusters.find(
    c =>
      c.name === name &&
      c.region === region &&
      (accountId === undefined || c.accountId === accountId),
  );
}

/** Finds the key a reference names; account and region default to the caller's. */
export function findKey(
  f: AwsFixture,
  ref: string,
  region: string,
  accountId: string | undefined,
): KeyFixture | undefined {
  const parsed = parseKmsKeyRef(ref);
  if (!parsed) return undefined;
  const inRegion = parsed.region ?? region;
  const inAccount = parsed.accountId ?? accountId;
  return f.keys.find(
    k =>
      k.region === inRegion &&
      (inAccount === undefined || k.accountId === inAccount) &&
      (parsed.kind === 'key'
        ? k.keyId === parsed.keyId
        : k.aliases.includes(parsed.aliasName)),
  );
}

/** An EKS call on a cluster, which the fixture may not describe. */
export interface ClusterCall {
  arn: string;
  name: string;
  cluster?: ClusterFixture;
}

/** A KMS call on a reference, which may name no key of the fixture. */
export interface KeyCall {
  ref: string;
  key?: KeyFixture;
}

const clusterNotFound = (name: string): Answer<never> =>
  notFound('ResourceNotFoundException', `No cluster found for name: ${name}.`);

const keyNotFound = (ref: string): Answer<never> =>
  notFound('NotFoundException', `Key '${ref}' does not exist`);

/**
 * Every cluster name of the account (any, when unknown) and region: the AWS CLI prints
 * them all; the mocks and the fake endpoint page them. An empty region lists none.
 */
export function answerListClusters(
  f: AwsFixture,
  at: { accountId?: string; region: string },
): Answer<{ clusters: string[] }> {
  const failed = failureFor(
    f,
    'eks:ListClusters',
    listingOf({
      accountId: at.accountId ?? FIXTURE_ACCOUNT,
      region: at.region,
    }),
  );
  if (failed) return failed;
  const clusters = f.clusters
    .filter(
      c =>
        c.region === at.region &&
        (at.accountId === undefined || c.accountId === at.accountId),
    )
    .map(c => c.name);
  return { ok: true, output: { clusters } };
}

export function answerDescribeCluster(
  f: AwsFixture,
  c: ClusterCall,
): Answer<{ cluster: Cluster }> {
  const failed = failureFor(f, 'eks:DescribeCluster', c.arn);
  if (failed) return failed;
  if (!c.cluster) return clusterNotFound(c.name);
  return { ok: true, output: { cluster: clusterOutput(c.cluster) } };
}

/** Every update id: the AWS CLI prints them all; the mocks page them. */
export function answerListUpdates(
  f: AwsFixture,
  c: ClusterCall,
): Answer<{ updateIds: string[] }> {
  const failed = failureFor(f, 'eks:ListUpdates', c.arn);
  if (failed) return failed;
  if (!c.cluster) return clusterNotFound(c.name);
  return { ok: true, output: { updateIds: c.cluster.updates.map(u => u.id) } };
}

export function answerDescribeUpdate(
  f: AwsFixture,
  c: ClusterCall,
  updateId: string,
): Answer<{ update: Update }> {
  const failed = failureFor(f, 'eks:DescribeUpdate', c.arn);
  if (failed) return failed;
  const update = c.cluster?.updates.find(u => u.id === updateId);
  if (!update) {
    return notFound(
      'ResourceNotFoundException',
      `No update found for ID: ${updateId} on cluster ${c.name}.`,
    );
  }
  return { ok: true, output: { update: updateOutput(update) } };
}

export function answerDescribeKey(
  f: AwsFixture,
  k: KeyCall,
): Answer<{ KeyMetadata: KeyMetadata }> {
  const failed = failureFor(f, 'kms:DescribeKey', k.ref);
  if (failed) return failed;
  if (!k.key) return keyNotFound(k.ref);
  return { ok: true, output: { KeyMetadata: keyMetadata(k.key) } };
}

export function answerKeyCall<T>(
  f: AwsFixture,
  action: AwsAction,
  k: KeyCall,
  output: (key: KeyFixture) => T,
): Answer<T> {
  const failed = failureFor(f, action, k.key ? keyArnOf(k.key) : k.ref);
  if (failed) return failed;
  if (!k.key) return keyNotFound(k.ref);
  return { ok: true, output: output(k.key) };
}

export const rotationOutput = (k: KeyFixture) => ({
  KeyId: keyArnOf(k),
  KeyRotationEnabled: k.rotation.enabled,
  RotationPeriodInDays: k.rotation.enabled
    ? k.rotation.periodInDays
    : undefined,
  NextRotationDate: k.rotation.enabled
    ? toDate(k.rotation.nextRotationDate)
    : undefined,
});

export const policyOutput = (k: KeyFixture) => ({
  PolicyName: 'default',
  Policy: JSON.stringify(k.policy, null, 2),
});

export const tagsOf = (k: KeyFixture) =>
  Object.entries(k.tags).map(([TagKey, TagValue]) => ({ TagKey, TagValue }));

/** The three calls made per resolved key ARN, with the snapshot file of each. */
export const KEY_CALLS = [
  ['get-key-rotation-status', 'kms:GetKeyRotationStatus', rotationOutput],
  ['get-key-policy', 'kms:GetKeyPolicy', policyOutput],
  [
    'list-resource-tags',
    'kms:ListResourceTags',
    (k: KeyFixture) => ({ Tags: tagsOf(k), Truncated: false }),
  ],
] as const;

// ---------------------------------------------------------------------------------
// One request, answered from the fixture (for a fake AWS endpoint)
// ---------------------------------------------------------------------------------

/** A request as an AWS endpoint sees it: the action, where, and its parameters. */
export type FixtureRequest = { accountId: string; region: string } & (
  | { action: 'eks:ListClusters' }
  | { action: 'eks:DescribeCluster' | 'eks:ListUpdates'; name: string }
  | { action: 'eks:DescribeUpdate'; name: string; updateId: string }
  | {
      action: Exclude<AwsAction, `eks:${string}`>;
      /** `KeyId` as sent: key ARN, alias ARN, key id or alias name. */
      keyId: string;
    }
);

/** An answer of the fixture: the SDK-shaped output (dates as Date) or an AWS error. */
export type FixtureAnswer = Answer<object>;

/**
 * What AWS would answer to `request` in the estate `f`, exactly as {@link installSdkMocks}
 * answers (listings unpaged: `ListClusters` gives every name, `ListUpdates` every id,
 * `ListResourceTags` every tag).
 */
export function answerFixtureRequest(
  f: AwsFixture,
  request: FixtureRequest,
): FixtureAnswer {
  const { accountId, region } = request;
  if (request.action === 'eks:ListClusters') {
    return answerListClusters(f, { accountId, region });
  }
  if (request.action.startsWith('eks:')) {
    const { name } = request as { name: string };
    const cluster = findCluster(f, name, region, accountId);
    const call: ClusterCall = {
      arn: cluster
        ? clusterArnOf(cluster)
        : `arn:aws:eks:${region}:${accountId}:cluster/${name}`,
      name,
      cluster,
    };
    if (request.action === 'eks:DescribeCluster') {
      return answerDescribeCluster(f, call);
    }
    if (request.action === 'eks:ListUpdates') {
      return answerListUpdates(f, call);
    }
    return answerDescribeUpdate(
      f,
      call,
      (request as { updateId: string }).updateId,
    );
  }
  const ref = (request as { keyId: string }).keyId;
  const call: KeyCall = { ref, key: findKey(f, ref, region, accountId) };
  switch (request.action) {
    case 'kms:DescribeKey':
      return answerDescribeKey(f, call);
    case 'kms:ListResourceTags':
      return answerKeyCall(f, request.action, call, k => ({
        Tags: tagsOf(k),
        Truncated: false,
      }));
    default: {
      const [, , output] = KEY_CALLS.find(([, a]) => a === request.action)!;
      return answerKeyCall<object>(f, request.action, call, output);
    }
  }
}
