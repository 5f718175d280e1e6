import type { ClusterArn } from 'backstage-plugin-eks-encryption-common';

/**
 * The AWS API actions the auditor calls, as IAM names them.
 *
 * @public
 */
export type AwsAction =
  | 'eks:ListClusters'
  | 'eks:DescribeCluster'
  | 'eks:ListUpdates'
  | 'eks:DescribeUpdate'
  | 'kms:DescribeKey'
  | 'kms:GetKeyRotationStatus'
  | 'kms:GetKeyPolicy'
  | 'kms:ListResourceTags';

/**
 * Why a call gave no answer.
 * - `access-denied`: IAM (or a key policy) refused the action.
 * - `not-found`: the cluster, update or key does not exist.
 * - `no-credentials`: no credentials are configured for the account.
 * - `failed`: anything else (timeout, 5xx, unparseable or unexpected response); retries are spent.
 *
 * @public
 */
export type AwsFailureKind =
  | 'access-denied'
  | 'not-found'
  | 'no-credentials'
  | 'failed';

/** @public */
export interface AwsFailure {
  ok: false;
  kind: AwsFailureKind;
  action: AwsAction;
  accountId: string;
  region: string;
  /** Human-readable reason, e.g. the SDK error name and message. */
  message: string;
}

/** @public */
export type AwsResult<T> = { ok: true; value: T } | AwsFailure;

/**
 * A cluster as `eks:DescribeCluster` shows it, reduced to what the checks read.
 *
 * @public
 */
export interface EksCluster {
  arn: string;
  name: string;
  version?: string;
  /** ISO 8601. */
  createdAt?: string;
  status?: string;
  roleArn?: string;
  /** Key references of `encryptionConfig[].provider.keyArn` (key or alias ARNs). */
  encryptionKeyRefs: string[];
  /** `health.issues[]`. */
  healthIssues: { code: string; message?: string }[];
  tags: Record<string, string>;
}

/**
 * An update as `eks:DescribeUpdate` shows it.
 *
 * @public
 */
export interface EksUpdate {
  id: string;
  type?: string;
  status?: string;
  /** ISO 8601. */
  createdAt?: string;
}

/**
 * `kms:DescribeKey` → `KeyMetadata`, reduced to what the checks read.
 *
 * @public
 */
export interface KmsKey {
  arn: string;
  keyId: string;
  accountId: string;
  keyManager?: 'CUSTOMER' | 'AWS' | string;
  keyState?: string;
  keySpec?: string;
  origin?: string;
  multiRegion?: boolean;
  /** ISO 8601. */
  deletionDate?: string;
}

/**
 * `kms:GetKeyRotationStatus`.
 *
 * @public
 */
export interface KmsKeyRotation {
  enabled: boolean;
  periodInDays?: number;
  /** ISO 8601. */
  nextRotationDate?: string;
}

/**
 * Where a call goes: the account and region of the resource.
 *
 * @public
 */
export interface AwsLocation {
  accountId: string;
  region: string;
}

/**
 * What bounds one call in time, from the run that makes it.
 *
 * @public
 */
export interface AwsCallOptions {
  /** Epoch ms: no attempt starts after it and none runs past it; retries stop there. */
  deadline?: number;
  /** The run was cancelled: calls in flight are aborted, none starts. */
  signal?: AbortSignal;
}

/**
 * Read access to EKS and KMS. Implementations never throw: every answer is an
 * {@link AwsResult}. Two ship with the backend plugin: `sdk` (AWS SDK v3) and
 * `snapshot` (AWS CLI JSON on disk); a module replaces them through
 * `eksEncryptionAwsSourceExtensionPoint`.
 *
 * @public
 */
export interface EksEncryptionAwsSource {
  /** Names of every cluster in the account and region, all pages read (discovery). */
  listClusters(
    at: AwsLocation,
    options?: AwsCallOptions,
  ): Promise<AwsResult<string[]>>;
  describeCluster(
    cluster: ClusterArn,
    options?: AwsCallOptions,
  ): Promise<AwsResult<EksCluster>>;
  /** Every update id of the cluster, all pages read. */
  listUpdates(
    cluster: ClusterArn,
    options?: AwsCallOptions,
  ): Promise<AwsResult<string[]>>;
  describeUpdate(
    cluster: ClusterArn,
    updateId: string,
    options?: AwsCallOptions,
  ): Promise<AwsResult<EksUpdate>>;
  /** `keyRef` is a key ARN or alias ARN, called in the key's account and region. */
  describeKey(
    keyRef: string,
    at: AwsLocation,
    options?: AwsCallOptions,
  ): Promise<AwsResult<KmsKey>>;
  /** `keyArn` is always a resolved key ARN (never an alias). */
  getKeyRotationStatus(
    keyArn: string,
    at: AwsLocation,
    options?: AwsCallOptions,
  ): Promise<AwsResult<KmsKeyRotation>>;
  /** The `default` key policy document, as JSON text. */
  getKeyPolicy(
    keyArn: string,
    at: AwsLocation,
    options?: AwsCallOptions,
  ): Promise<AwsResult<string>>;
  listResourceTags(
    keyArn: string,
    at: AwsLocation,
    options?: AwsCallOptions,
  ): Promise<AwsResult<Record<string, string>>>;
}
