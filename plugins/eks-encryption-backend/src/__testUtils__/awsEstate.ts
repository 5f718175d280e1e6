import type {
  AwsPartition,
  ClusterArn,
} from 'backstage-plugin-eks-encryption-common';
import type { AwsAction } from 'backstage-plugin-eks-encryption-node';

/*
 * Declarative AWS fixtures: one description of clusters, keys and injected failures that
 * can be served by mocked SDK clients (`installSdkMocks` in `sdkMocks.ts`), by a fake
 * endpoint (`answerFixtureRequest` in `awsAnswers.ts`) and written as a snapshot folder
 * (`writeSnapshot` in `snapshotFixtures.ts`), so one scenario runs through every AWS source.
 */

/** Default account of the builders. */
export const FIXTURE_ACCOUNT = '111122223333';
/** Default region of the builders. */
const FIXTURE_REGION = 'eu-west-1';

/** An EKS update as `eks:DescribeUpdate` returns it. */
export interface UpdateFixture {
  id: string;
  /** e.g. `AssociateEncryptionConfig`, `VersionUpdate`. */
  type: string;
  /** e.g. `Successful`, `InProgress`, `Failed`. */
  status: string;
  /** ISO 8601. */
  createdAt: string;
}

/** An EKS cluster. */
export interface ClusterFixture {
  partition: AwsPartition;
  accountId: string;
  region: string;
  name: string;
  version: string;
  /** ISO 8601. */
  createdAt: string;
  status: string;
  roleArn?: string;
  /** `encryptionConfig[0].provider.keyArn`: a key ARN or an alias ARN; none when absent. */
  encryptionKeyRef?: string;
  healthIssues: { code: string; message?: string }[];
  tags: Record<string, string>;
  updates: UpdateFixture[];
}

/** A KMS key. */
export interface KeyFixture {
  partition: AwsPartition;
  accountId: string;
  region: string;
  keyId: string;
  /** Full alias names, e.g. `alias/eks-prod`. */
  aliases: string[];
  keyManager: 'CUSTOMER' | 'AWS';
  keyState: string;
  keySpec: string;
  origin: string;
  multiRegion: boolean;
  /** ISO 8601; set for keys pending deletion. */
  deletionDate?: string;
  /** ISO 8601. */
  createdAt: string;
  rotation: {
    enabled: boolean;
    periodInDays?: number;
    /** ISO 8601. */
    nextRotationDate?: string;
  };
  /** The `default` key policy document. */
  policy: Record<string, unknown>;
  tags: Record<string, string>;
}

/**
 * A call that fails with an AWS error. `resource` is {@link listingOf} the account and
 * region for `eks:ListClusters`, the cluster ARN for the other EKS actions (for
 * `eks:DescribeUpdate` every update of that cluster fails), the key reference as passed
 * for `kms:DescribeKey` (key or alias ARN), and the key ARN for the other KMS actions.
 */
export interface FailureFixture {
  action: AwsAction;
  resource: string;
  /** The AWS error code, e.g. `AccessDeniedException`. */
  errorName: string;
  message?: string;
  httpStatus?: number;
}

/** A whole AWS estate for one scenario. */
export interface AwsFixture {
  clusters: ClusterFixture[];
  keys: KeyFixture[];
  failures: FailureFixture[];
}

/** `arn:<partition>:eks:<region>:<account>:cluster/<name>`. */
export function clusterArnOf(cluster: ClusterFixture): string {
  return `arn:${cluster.partition}:eks:${cluster.region}:${cluster.accountId}:cluster/${cluster.name}`;
}

/** The `resource` of an `eks:ListClusters` failure: `<accountId>/<region>`. */
export function listingOf(at: { accountId: string; region: string }): string {
  return `${at.accountId}/${at.region}`;
}

/** The parsed cluster ARN, as the AWS sources take it. */
export function clusterTargetOf(cluster: ClusterFixture): ClusterArn {
  return {
    arn: clusterArnOf(cluster),
    partition: cluster.partition,
    region: cluster.region,
    accountId: cluster.accountId,
    name: cluster.name,
  };
}

/** `arn:<partition>:kms:<region>:<account>:key/<keyId>`. */
export function keyArnOf(key: KeyFixture): string {
  return `arn:${key.partition}:kms:${key.region}:${key.accountId}:key/${key.keyId}`;
}

/** The ARN of one of the key's aliases (the first by default). */
export function aliasArnOf(
  key: KeyFixture,
  aliasName = key.aliases[0],
): string {
  if (!aliasName) throw new Error(`key ${key.keyId} has no alias`);
  return `arn:${key.partition}:kms:${key.region}:${key.accountId}:${aliasName}`;
}

/** The account-root statement every new KMS key policy starts with. */
export function defaultKeyPolicy(accountId: string): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Id: 'key-default-1',
    Statement: [
      {
        Sid: 'Enable IAM User Permissions',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${accountId}:root` },
        Action: 'kms:*',
        Resource: '*',
      },
    ],
  };
}

/**
 * A cluster with sensible defaults: account {@link FIXTURE_ACCOUNT}, region
 * {@link FIXTURE_REGION}, version 1.29, created 2024-01-15, ACTIVE, no key, no health
 * issues, tags `owner: team-a` and `environment: production`, no updates.
 */
export function clusterFixture(
  init: Pick<ClusterFixture, 'name'> & Partial<ClusterFixture>,
): ClusterFixture {
  return {
    partition: 'aws',
    accountId: FIXTURE_ACCOUNT,
    region: FIXTURE_REGION,
    version: '1.29',
    createdAt: '2024-01-15T10:00:00.000Z',
    status: 'ACTIVE',
    healthIssues: [],
    tags: { owner: 'team-a', environment: 'production' },
    updates: [],
    ...init,
  };
}

/**
 * A key with sensible defaults: account {@link FIXTURE_ACCOUNT}, region
 * {@link FIXTURE_REGION}, customer-managed, Enabled, SYMMETRIC_DEFAULT from AWS_KMS,
 * single-Region, no alias, rotation every 365 days, the default key policy, tag
 * `owner: team-a`.
 */
export function keyFixture(
  init: Pick<KeyFixture, 'keyId'> & Partial<KeyFixture>,
): KeyFixture {
  const accountId = init.accountId ?? FIXTURE_ACCOUNT;
  return {
    partition: 'aws',
    accountId,
    region: FIXTURE_REGION,
    aliases: [],
    keyManager: 'CUSTOMER',
    keyState: 'Enabled',
    keySpec: 'SYMMETRIC_DEFAULT',
    origin: 'AWS_KMS',
    multiRegion: false,
    createdAt: '2023-06-01T08:00:00.000Z',
    rotation: {
      enabled: true,
      periodInDays: 365,
      nextRotationDate: '2025-06-01T08:00:00.000Z',
    },
    policy: defaultKeyPolicy(accountId),
    tags: { owner: 'team-a' },
    ...init,
  };
}

/** An AWS estate; every part optional. */
export function fixture(parts: Partial<AwsFixture> = {}): AwsFixture {
  return {
    clusters: parts.clusters ?? [],
    keys: parts.keys ?? [],
    failures: parts.failures ?? [],
  };
}
