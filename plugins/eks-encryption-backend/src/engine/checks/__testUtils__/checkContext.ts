import type {
  CheckResult,
  ClusterArn,
} from 'backstage-plugin-eks-encryption-common';
import type {
  AwsAction,
  AwsFailure,
  AwsFailureKind,
  AwsResult,
  ClusterNamer,
  EksCluster,
  EksEncryptionCheckContext,
  EvaluationPolicy,
  KeyFacts,
  KeyUse,
  KmsKey,
  KmsKeyRotation,
  ResolvedKeyFacts,
  UnresolvedKeyFacts,
  UpdateHistory,
} from 'backstage-plugin-eks-encryption-node';
import { defaultKeyPolicy } from '../../../__testUtils__/awsEstate';
import { DEFAULT_EVALUATION_POLICY } from '../../../config';
import { encryptionState } from '../../encryptionState';
import { environmentOf } from '../../environment';
import { indexKeyUses } from '../../keyUses';

export const ACCOUNT = '111122223333';
export const OTHER_ACCOUNT = '444455556666';
const REGION = 'eu-west-1';
const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
export const KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/${KEY_ID}`;
/** A fixed evaluation time, so dates in summaries are stable. */
export const NOW = new Date('2025-01-10T12:00:00.000Z');

/** The ARN of cluster `name`, in {@link ACCOUNT} and {@link REGION} unless given. */
export function clusterArn(name = 'c', accountId = ACCOUNT): ClusterArn {
  return {
    arn: `arn:aws:eks:${REGION}:${accountId}:cluster/${name}`,
    partition: 'aws',
    region: REGION,
    accountId,
    name,
  };
}

/** A failed call, denied by default. */
export function awsFailure(
  action: AwsAction,
  kind: AwsFailureKind = 'access-denied',
  accountId = ACCOUNT,
): AwsFailure {
  return {
    ok: false,
    kind,
    action,
    accountId,
    region: REGION,
    message: `${kind} (test)`,
  };
}

/**
 * A key DescribeKey resolved: customer-managed, Enabled, rotating every 365 days, the
 * AWS default key policy and the tag `owner`, unless given otherwise.
 */
export function resolvedKey(
  init: {
    ref?: string;
    metadata?: Partial<KmsKey>;
    rotation?: Partial<KmsKeyRotation> | AwsFailure;
    /** A policy document, its JSON text, or the failure to read it. */
    policy?: Record<string, unknown> | string | AwsFailure;
    /** The key's tags, the failure to read them, or `null` for not read. */
    tags?: Record<string, string> | AwsFailure | null;
  } = {},
): ResolvedKeyFacts {
  const metadata: KmsKey = {
    arn: KEY_ARN,
    keyId: KEY_ID,
    accountId: ACCOUNT,
    keyManager: 'CUSTOMER',
    keyState: 'Enabled',
    keySpec: 'SYMMETRIC_DEFAULT',
    origin: 'AWS_KMS',
    multiRegion: false,
    ...init.metadata,
  };
  const answer = <T>(value: T | AwsFailure): AwsResult<T> =>
    value && typeof value === 'object' && (value as AwsFailure).ok === false
      ? (value as AwsFailure)
      : { ok: true, value: value as T };
  const policy = init.policy ?? defaultKeyPolicy(metadata.accountId);
  const tags = init.tags === undefined ? { owner: 'team-a' } : init.tags;
  return {
    ref: init.ref ?? metadata.arn,
    metadata: { ok: true, value: metadata },
    location: { accountId: metadata.accountId, region: REGION },
    rotation: answer<KmsKeyRotation>(
      init.rotation && 'ok' in init.rotation
        ? init.rotation
        : {
            enabled: true,
            periodInDays: 365,
            nextRotationDate: '2025-06-01T08:00:00.000Z',
            ...init.rotation,
          },
    ),
    policy:
      typeof policy === 'string' || 'ok' in policy
        ? answer<string>(policy as string | AwsFailure)
        : { ok: true, value: JSON.stringify(policy) },
    ...(tags === null ? {} : { tags: answer<Record<string, string>>(tags) }),
  };
}

/** A key reference DescribeKey gave no answer for. */
export function unresolvedKey(
  failure: AwsFailure = awsFailure('kms:DescribeKey'),
  ref = KEY_ARN,
): UnresolvedKeyFacts {
  return { ref, metadata: failure };
}

export interface ContextInit {
  name?: string;
  accountId?: string;
  /** The DescribeCluster answer, over version 1.29, tags `owner`, no health issue. */
  eks?: Partial<EksCluster>;
  /** What KMS said about the key (a resolved {@link KEY_ARN} by default), or `none`. */
  key?: KeyFacts | 'none';
  /** The key reference on the cluster; the key's own reference by default. */
  keyRef?: string;
  /** No association of encryption after creation by default. */
  updates?: UpdateHistory;
  namedBy?: ClusterNamer[];
  policy?: Partial<EvaluationPolicy>;
  /** The other key uses of the run and of stored clusters; this cluster's is added. */
  otherKeyUses?: KeyUse[];
  now?: Date;
}

/**
 * The context one check judges, built without AWS: by default a cluster `c` of
 * Kubernetes 1.29 whose Secrets are encrypted with a healthy customer-managed key,
 * under the default policy.
 */
export function checkContext(
  init: ContextInit = {},
): EksEncryptionCheckContext {
  const cluster = clusterArn(init.name, init.accountId);
  const key = init.key === 'none' ? undefined : init.key ?? resolvedKey();
  const keyRef = key ? init.keyRef ?? key.ref : undefined;
  const eks: EksCluster = {
    arn: cluster.arn,
    name: cluster.name,
    version: '1.29',
    createdAt: '2024-01-15T10:00:00.000Z',
    status: 'ACTIVE',
    encryptionKeyRefs: keyRef ? [keyRef] : [],
    healthIssues: [],
    tags: { owner: 'team-a' },
    ...init.eks,
  };
  const policy = { ...DEFAULT_EVALUATION_POLICY, ...init.policy };
  const state = encryptionState(eks);
  const environment = environmentOf(eks.tags, policy.environmentTagKeys);
  const ownUse: KeyUse[] =
    key && key.metadata.ok
      ? [
          {
            clusterArn: cluster.arn,
            keyArn: key.metadata.value.arn,
            accountId: cluster.accountId,
            ...(environment ? { environment } : {}),
          },
        ]
      : [];
  const updates: UpdateHistory | undefined = key
    ? init.updates ?? { ok: true }
    : undefined;
  return {
    cluster,
    namedBy: init.namedBy ?? [],
    eks,
    ...(state ? { encryptionState: state } : {}),
    ...(environment ? { environment } : {}),
    ...(keyRef ? { keyRef } : {}),
    ...(key ? { key } : {}),
    ...(updates ? { updates } : {}),
    keyUses: indexKeyUses(ownUse, init.otherKeyUses ?? [], new Set()),
    policy,
    now: init.now ?? NOW,
  };
}

/** Every snippet and step of a remediation, as one text to search. */
export function remediationText(result: Pick<CheckResult, 'remediation'>) {
  const r = result.remediation;
  if (!r) return '';
  return [...r.steps, ...r.snippets.map(s => s.code)].join('\n');
}
