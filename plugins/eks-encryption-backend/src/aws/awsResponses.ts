import { UnexpectedResponseError } from './awsErrors';
import type { EksCluster, EksUpdate, KmsKey, KmsKeyRotation } from './types';

/*
 * Maps EKS and KMS answers to the domain types. The SDK and the AWS CLI return the same
 * members; only timestamps differ (SDK: Date; CLI: ISO 8601 text, or epoch seconds with
 * `cli_timestamp_format = none`), so both sources share these functions and give equal
 * values for equal answers.
 */

/** A timestamp as the SDK (Date) or the AWS CLI (text or epoch seconds) gives it. */
export type AwsTimestamp = Date | string | number;

/** `eks:DescribeCluster` output. */
export interface DescribeClusterAnswer {
  cluster?: {
    arn?: string;
    name?: string;
    version?: string;
    createdAt?: AwsTimestamp;
    status?: string;
    roleArn?: string;
    encryptionConfig?: { provider?: { keyArn?: string } }[];
    health?: { issues?: { code?: string; message?: string }[] };
    tags?: Record<string, string>;
  };
}

/** `eks:ListUpdates` output (one page). */
export interface ListUpdatesAnswer {
  updateIds?: string[];
  nextToken?: string | null;
}

/** `eks:DescribeUpdate` output. */
export interface DescribeUpdateAnswer {
  update?: {
    id?: string;
    type?: string;
    status?: string;
    createdAt?: AwsTimestamp;
  };
}

/** `kms:DescribeKey` output. */
export interface DescribeKeyAnswer {
  KeyMetadata?: {
    Arn?: string;
    KeyId?: string;
    AWSAccountId?: string;
    KeyManager?: string;
    KeyState?: string;
    KeySpec?: string;
    Origin?: string;
    MultiRegion?: boolean;
    DeletionDate?: AwsTimestamp;
  };
}

/** `kms:GetKeyRotationStatus` output. */
export interface KeyRotationAnswer {
  KeyRotationEnabled?: boolean;
  RotationPeriodInDays?: number;
  NextRotationDate?: AwsTimestamp;
}

/** `kms:GetKeyPolicy` output. */
export interface KeyPolicyAnswer {
  Policy?: string;
}

/** `kms:ListResourceTags` output (one page). */
export interface ListResourceTagsAnswer {
  Tags?: { TagKey?: string; TagValue?: string }[];
  Truncated?: boolean;
  NextMarker?: string | null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Refuses an answer that is not a JSON object at all. */
export function expectObject<T>(value: unknown, what: string): T {
  if (!isObject(value)) {
    throw new UnexpectedResponseError(`${what} is not a JSON object`);
  }
  return value as T;
}

function optionalString(value: unknown, what: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    throw new UnexpectedResponseError(`${what} is not a string`);
  }
  return value;
}

/** ISO 8601 of an AWS timestamp; refuses values that are not dates. */
export function toIsoTimestamp(
  value: AwsTimestamp | undefined | null,
  what: string,
): string | undefined {
  if (value === undefined || value === null) return undefined;
  let date: Date | undefined;
  if (value instanceof Date) date = value;
  else if (typeof value === 'number') date = new Date(value * 1000);
  else if (typeof value === 'string') date = new Date(value);
  if (!date || Number.isNaN(date.getTime())) {
    throw new UnexpectedResponseError(`${what} is not a timestamp`);
  }
  return date.toISOString();
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T;
}

/** `eks:DescribeCluster` → {@link EksCluster}; `arn` and `name` are those asked for. */
export function toEksCluster(
  answer: DescribeClusterAnswer,
  asked: { arn: string; name: string },
): EksCluster {
  const cluster = answer.cluster;
  if (!isObject(cluster)) {
    throw new UnexpectedResponseError(
      'DescribeCluster answered without a cluster',
    );
  }
  const keyRefs = (cluster.encryptionConfig ?? [])
    .map(config => optionalString(config.provider?.keyArn, 'provider.keyArn'))
    .filter((ref): ref is string => !!ref);
  const tags: Record<string, string> = {};
  for (const [key, value] of Object.entries(cluster.tags ?? {})) {
    if (typeof value === 'string') tags[key] = value;
  }
  return withoutUndefined({
    arn: optionalString(cluster.arn, 'cluster.arn') ?? asked.arn,
    name: optionalString(cluster.name, 'cluster.name') ?? asked.name,
    version: optionalString(cluster.version, 'cluster.version'),
    createdAt: toIsoTimestamp(cluster.createdAt, 'cluster.createdAt'),
    status: optionalString(cluster.status, 'cluster.status'),
    roleArn: optionalString(cluster.roleArn, 'cluster.roleArn'),
    encryptionKeyRefs: [...new Set(keyRefs)],
    healthIssues: (cluster.health?.issues ?? []).map(issue =>
      withoutUndefined({
        code: optionalString(issue.code, 'health issue code') ?? 'Unknown',
        message: optionalString(issue.message, 'health issue message'),
      }),
    ),
    tags,
  });
}

/** `eks:DescribeUpdate` → {@link EksUpdate}; `id` defaults to the one asked for. */
export function toEksUpdate(
  answer: DescribeUpdateAnswer,
  askedId: string,
): EksUpdate {
  const update = answer.update;
  if (!isObject(update)) {
    throw new UnexpectedResponseError(
      'DescribeUpdate answered without an update',
    );
  }
  return withoutUndefined({
    id: optionalString(update.id, 'update.id') ?? askedId,
    type: optionalString(update.type, 'update.type'),
    status: optionalString(update.status, 'update.status'),
    createdAt: toIsoTimestamp(update.createdAt, 'update.createdAt'),
  });
}

/** The update ids of one `eks:ListUpdates` page. */
export function toUpdateIds(answer: ListUpdatesAnswer): string[] {
  if (answer.updateIds !== undefined && !Array.isArray(answer.updateIds)) {
    throw new UnexpectedResponseError('ListUpdates updateIds is not a list');
  }
  return (answer.updateIds ?? []).map(id => {
    if (typeof id !== 'string') {
      throw new UnexpectedResponseError('ListUpdates returned a non-string id');
    }
    return id;
  });
}

const ACCOUNT_OF_ARN = /^arn:[^:]+:kms:[^:]*:(\d{12}):/;

/** `kms:DescribeKey` → {@link KmsKey}; `arn` is `KeyMetadata.Arn`. */
export function toKmsKey(answer: DescribeKeyAnswer): KmsKey {
  const metadata = answer.KeyMetadata;
  if (!isObject(metadata)) {
    throw new UnexpectedResponseError(
      'DescribeKey answered without KeyMetadata',
    );
  }
  const arn = optionalString(metadata.Arn, 'KeyMetadata.Arn');
  const keyId = optionalString(metadata.KeyId, 'KeyMetadata.KeyId');
  const accountId =
    optionalString(metadata.AWSAccountId, 'KeyMetadata.AWSAccountId') ??
    (arn ? ACCOUNT_OF_ARN.exec(arn)?.[1] : undefined);
  if (!arn || !keyId || !accountId) {
    throw new UnexpectedResponseError(
      'DescribeKey answered without the key ARN, key id or account',
    );
  }
  if (
    metadata.MultiRegion !== undefined &&
    typeof metadata.MultiRegion !== 'boolean'
  ) {
    throw new UnexpectedResponseError(
      'KeyMetadata.MultiRegion is not a boolean',
    );
  }
  return withoutUndefined({
    arn,
    keyId,
    accountId,
    keyManager: optionalString(metadata.KeyManager, 'KeyMetadata.KeyManager'),
    keyState: optionalString(metadata.KeyState, 'KeyMetadata.KeyState'),
    keySpec: optionalString(metadata.KeySpec, 'KeyMetadata.KeySpec'),
    origin: optionalString(metadata.Origin, 'KeyMetadata.Origin'),
    multiRegion: metadata.MultiRegion,
    deletionDate: toIsoTimestamp(
      metadata.DeletionDate,
      'KeyMetadata.DeletionDate',
    ),
  });
}

/** `kms:GetKeyRotationStatus` → {@link KmsKeyRotation}. */
export function toKmsKeyRotation(answer: KeyRotationAnswer): KmsKeyRotation {
  if (typeof answer.KeyRotationEnabled !== 'boolean') {
    throw new UnexpectedResponseError(
      'GetKeyRotationStatus answered without KeyRotationEnabled',
    );
  }
  const period = answer.RotationPeriodInDays;
  if (period !== undefined && period !== null && typeof period !== 'number') {
    throw new UnexpectedResponseError('RotationPeriodInDays is not a number');
  }
  return withoutUndefined({
    enabled: answer.KeyRotationEnabled,
    periodInDays: period ?? undefined,
    nextRotationDate: toIsoTimestamp(
      answer.NextRotationDate,
      'NextRotationDate',
    ),
  });
}

/** `kms:GetKeyPolicy` → the policy document text. */
export function toKeyPolicy(answer: KeyPolicyAnswer): string {
  if (typeof answer.Policy !== 'string') {
    throw new UnexpectedResponseError('GetKeyPolicy answered without a Policy');
  }
  return answer.Policy;
}

/** Adds one `kms:ListResourceTags` page to `tags`. */
export function addResourceTags(
  answer: ListResourceTagsAnswer,
  tags: Record<string, string>,
): void {
  if (answer.Tags !== undefined && !Array.isArray(answer.Tags)) {
    throw new UnexpectedResponseError('ListResourceTags Tags is not a list');
  }
  for (const tag of answer.Tags ?? []) {
    if (isObject(tag) && typeof tag.TagKey === 'string') {
      tags[tag.TagKey] = typeof tag.TagValue === 'string' ? tag.TagValue : '';
    }
  }
}
