import { UnexpectedResponseError } from './awsErrors';
import { isValidClusterName } from './awsReferences';
import type {
  EksCluster,
  EksUpdate,
  KmsKey,
  KmsKeyRotation,
} from 'backstage-plugin-eks-encryption-node';

/*
 * Maps EKS and KMS answers to the domain types. The SDK and the AWS CLI return the same
 * members; only timestamps differ (SDK: Date; CLI: ISO 8601 text, or epoch seconds with
 * `cli_timestamp_format = none`), so both sources share these functions and give equal
 * values for equal answers.
 */

/** A timestamp as the SDK (Date) or the AWS CLI (text or epoch seconds) gives it. */
type AwsTimestamp = Date | string | number;

/** `eks:ListClusters` output (one page). */
export interface ListClustersAnswer {
  clusters?: string[];
  nextToken?: string | null;
}

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

/*
 * Every string an answer brings is bounded here, at the edge, so a hostile or broken
 * answer cannot blow up memory or overflow a column of the store:
 * - identifiers, ARNs, enum values, tags and the key policy longer than AWS allows are
 *   refused (the call is `failed`, "unexpected answer"): the checks read them, so a
 *   truncated or missing value could turn into a wrong verdict;
 * - `cluster.version` (column varchar(16)), `update.type` (varchar(64)) and
 *   `update.status` (varchar(32)) are dropped (left undefined) unless they look like
 *   what EKS returns ("1.29", "AssociateEncryptionConfig", "Successful"): the checks
 *   treat an unknown version as unknown, and an update without a recognised type or
 *   status as neither an association nor finished (it is described again next run);
 * - free text (health issue messages) is cut to a length.
 */
export const ANSWER_LIMITS = {
  /** Cluster names (EKS: 100), key ids, update ids (UUIDs). */
  name: 256,
  /** ARNs (IAM: 2048). */
  arn: 2048,
  /** Enum values such as `KeyState`, `KeySpec`, `status`, health issue codes. */
  token: 64,
  /** Tag keys (EKS and KMS: 128) and values (256). */
  tagKey: 128,
  tagValue: 256,
  /** Tags per cluster or key (EKS and KMS allow 50). */
  tags: 200,
  /** Health issues of a cluster, key references of its encryption config. */
  listItems: 100,
  /** Cluster names of one account and region, all pages together. */
  clusterNames: 10_000,
  /** Update ids of one cluster, all pages together. */
  updateIds: 10_000,
  /** Characters of a health issue message kept. */
  message: 1024,
  /** Key policy document (KMS: 32 KiB). */
  policy: 32 * 1024,
} as const;

/** What EKS versions look like ("1.29"): fits `clusters.version` varchar(16). */
const EKS_VERSION = /^\d{1,3}\.\d{1,3}$/;
/** `update.type` fits varchar(64), `update.status` varchar(32). */
const UPDATE_TYPE = /^[A-Za-z][A-Za-z0-9]{0,63}$/;
const UPDATE_STATUS = /^[A-Za-z][A-Za-z0-9]{0,31}$/;
const ACCOUNT_ID = /^\d{12}$/;

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

/** A string of at most `max` characters; refuses anything else. */
function optionalString(
  value: unknown,
  what: string,
  max: number,
): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    throw new UnexpectedResponseError(`${what} is not a string`);
  }
  if (value.length > max) {
    throw new UnexpectedResponseError(
      `${what} is longer than ${max} characters`,
    );
  }
  return value;
}

/** A string matching `pattern`, or undefined when it does not (see above). */
function stringIfLike(
  value: unknown,
  what: string,
  pattern: RegExp,
): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    throw new UnexpectedResponseError(`${what} is not a string`);
  }
  return pattern.test(value) ? value : undefined;
}

/** Free text, cut to `max` characters. */
function cutString(
  value: unknown,
  what: string,
  max: number,
): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    throw new UnexpectedResponseError(`${what} is not a string`);
  }
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

/** A list of at most `max` items (absent: empty). */
function optionalList(value: unknown, what: string, max: number): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    throw new UnexpectedResponseError(`${what} is not a list`);
  }
  if (value.length > max) {
    throw new UnexpectedResponseError(`${what} has more than ${max} items`);
  }
  return value;
}

/** Adds one tag, bounded, to `tags`; refuses more than the limit in all. */
function addTag(
  tags: Record<string, string>,
  key: unknown,
  value: unknown,
  what: string,
): void {
  const tagKey = optionalString(key, `${what} key`, ANSWER_LIMITS.tagKey);
  if (tagKey === undefined) return;
  const tagValue =
    typeof value === 'string'
      ? optionalString(value, `${what} value`, ANSWER_LIMITS.tagValue)!
      : '';
  if (
    !Object.hasOwn(tags, tagKey) &&
    Object.keys(tags).length >= ANSWER_LIMITS.tags
  ) {
    throw new UnexpectedResponseError(
      `${what}s are more than ${ANSWER_LIMITS.tags}`,
    );
  }
  tags[tagKey] = tagValue;
}

/** ISO 8601 of an AWS timestamp; refuses values that are not dates. */
function toIsoTimestamp(
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
  const keyRefs = optionalList(
    cluster.encryptionConfig,
    'cluster.encryptionConfig',
    ANSWER_LIMITS.listItems,
  )
    .map(config =>
      optionalString(
        isObject(config) && isObject(config.provider)
          ? config.provider.keyArn
          : undefined,
        'provider.keyArn',
        ANSWER_LIMITS.arn,
      ),
    )
    .filter((ref): ref is string => !!ref);
  const tags: Record<string, string> = {};
  if (cluster.tags !== undefined && cluster.tags !== null) {
    if (!isObject(cluster.tags)) {
      throw new UnexpectedResponseError('cluster.tags is not an object');
    }
    for (const [key, value] of Object.entries(cluster.tags)) {
      if (typeof value === 'string') addTag(tags, key, value, 'cluster tag');
    }
  }
  const issues = optionalList(
    isObject(cluster.health) ? cluster.health.issues : undefined,
    'cluster.health.issues',
    ANSWER_LIMITS.listItems,
  ).filter(isObject);
  return withoutUndefined({
    arn:
      optionalString(cluster.arn, 'cluster.arn', ANSWER_LIMITS.arn) ??
      asked.arn,
    name:
      optionalString(cluster.name, 'cluster.name', ANSWER_LIMITS.name) ??
      asked.name,
    version: stringIfLike(cluster.version, 'cluster.version', EKS_VERSION),
    createdAt: toIsoTimestamp(cluster.createdAt, 'cluster.createdAt'),
    status: optionalString(
      cluster.status,
      'cluster.status',
      ANSWER_LIMITS.token,
    ),
    roleArn: optionalString(
      cluster.roleArn,
      'cluster.roleArn',
      ANSWER_LIMITS.arn,
    ),
    encryptionKeyRefs: [...new Set(keyRefs)],
    healthIssues: issues.map(issue =>
      withoutUndefined({
        code:
          optionalString(
            issue.code,
            'health issue code',
            ANSWER_LIMITS.token,
          ) ?? 'Unknown',
        message: cutString(
          issue.message,
          'health issue message',
          ANSWER_LIMITS.message,
        ),
      }),
    ),
    tags,
  });
}

/** The cluster names of one `eks:ListClusters` page (the AWS CLI prints every page as one). */
export function toClusterNames(answer: ListClustersAnswer): string[] {
  const names = new Set<string>();
  addClusterNames(answer, names);
  return [...names];
}

/**
 * Adds the cluster names of one `eks:ListClusters` page to `names`, all pages bounded
 * together. A name that is not an EKS cluster name is refused: discovery makes ARNs and
 * snapshot paths of them. A cluster created while the pages are read can shift a name
 * onto the next page too: it counts once.
 */
export function addClusterNames(
  answer: ListClustersAnswer,
  names: Set<string>,
): void {
  const page = optionalList(
    answer.clusters,
    'ListClusters clusters',
    ANSWER_LIMITS.clusterNames,
  );
  if (names.size + page.length > ANSWER_LIMITS.clusterNames) {
    throw new UnexpectedResponseError(
      `ListClusters listed more than ${ANSWER_LIMITS.clusterNames} clusters`,
    );
  }
  for (const name of page) {
    if (typeof name !== 'string' || !isValidClusterName(name)) {
      throw new UnexpectedResponseError(
        'ListClusters returned something that is not an EKS cluster name',
      );
    }
    names.add(name);
  }
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
    id: optionalString(update.id, 'update.id', ANSWER_LIMITS.name) ?? askedId,
    type: stringIfLike(update.type, 'update.type', UPDATE_TYPE),
    status: stringIfLike(update.status, 'update.status', UPDATE_STATUS),
    createdAt: toIsoTimestamp(update.createdAt, 'update.createdAt'),
  });
}

/** The update ids of one `eks:ListUpdates` page. */
export function toUpdateIds(answer: ListUpdatesAnswer): string[] {
  const ids: string[] = [];
  addUpdateIds(answer, ids);
  return ids;
}

/** Adds the update ids of one `eks:ListUpdates` page to `ids`, all pages bounded together. */
export function addUpdateIds(answer: ListUpdatesAnswer, ids: string[]): void {
  const page = optionalList(
    answer.updateIds,
    'ListUpdates updateIds',
    ANSWER_LIMITS.updateIds,
  );
  if (ids.length + page.length > ANSWER_LIMITS.updateIds) {
    throw new UnexpectedResponseError(
      `ListUpdates listed more than ${ANSWER_LIMITS.updateIds} updates`,
    );
  }
  for (const id of page) {
    if (typeof id !== 'string') {
      throw new UnexpectedResponseError('ListUpdates returned a non-string id');
    }
    ids.push(optionalString(id, 'update id', ANSWER_LIMITS.name)!);
  }
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
  const field = (name: keyof typeof metadata, max: number) =>
    optionalString(metadata[name], `KeyMetadata.${name}`, max);
  const arn = field('Arn', ANSWER_LIMITS.arn);
  const keyId = field('KeyId', ANSWER_LIMITS.name);
  const accountId =
    field('AWSAccountId', ANSWER_LIMITS.token) ??
    (arn ? ACCOUNT_OF_ARN.exec(arn)?.[1] : undefined);
  if (!arn || !keyId || !accountId) {
    throw new UnexpectedResponseError(
      'DescribeKey answered without the key ARN, key id or account',
    );
  }
  if (!ACCOUNT_ID.test(accountId)) {
    throw new UnexpectedResponseError(
      'KeyMetadata.AWSAccountId is not a 12-digit account id',
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
    keyManager: field('KeyManager', ANSWER_LIMITS.token),
    keyState: field('KeyState', ANSWER_LIMITS.token),
    keySpec: field('KeySpec', ANSWER_LIMITS.token),
    origin: field('Origin', ANSWER_LIMITS.token),
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
  return optionalString(answer.Policy, 'Policy', ANSWER_LIMITS.policy)!;
}

/** Adds one `kms:ListResourceTags` page to `tags`. */
export function addResourceTags(
  answer: ListResourceTagsAnswer,
  tags: Record<string, string>,
): void {
  const page = optionalList(
    answer.Tags,
    'ListResourceTags Tags',
    ANSWER_LIMITS.tags,
  );
  for (const tag of page) {
    if (isObject(tag) && typeof tag.TagKey === 'string') {
      addTag(tags, tag.TagKey, tag.TagValue, 'key tag');
    }
  }
}
