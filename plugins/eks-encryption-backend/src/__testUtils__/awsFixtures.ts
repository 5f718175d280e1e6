import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  DescribeClusterCommand,
  DescribeUpdateCommand,
  EKSClient,
  EKSServiceException,
  ListUpdatesCommand,
  type Cluster,
  type ClusterIssueCode,
  type Update,
  type UpdateStatus,
  type UpdateType,
} from '@aws-sdk/client-eks';
import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  KMSServiceException,
  ListResourceTagsCommand,
  type KeyManagerType,
  type KeyMetadata,
  type KeySpec,
  type KeyState,
  type OriginType,
} from '@aws-sdk/client-kms';
import type {
  AwsCredentialProvider,
  AwsCredentialProviderOptions,
  AwsCredentialsManager,
} from '@backstage/integration-aws-node';
import type {
  AwsPartition,
  ClusterArn,
} from 'backstage-plugin-eks-encryption-common';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { parseKmsKeyRef } from '../aws/awsReferences';
import {
  snapshotErrorFile,
  snapshotFile,
  type SnapshotCall,
  type SnapshotError,
} from '../aws/snapshotLayout';
import type { AwsAction } from '../aws/types';

/*
 * Declarative AWS fixtures: one description of clusters, keys and injected failures that
 * can be served by mocked SDK clients (`installSdkMocks`) and written as a snapshot folder
 * (`writeSnapshot`), so one scenario runs through both AWS sources.
 */

/** Default account of the builders. */
export const FIXTURE_ACCOUNT = '111122223333';
/** Default region of the builders. */
export const FIXTURE_REGION = 'eu-west-1';

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
 * A call that fails with an AWS error. `resource` is the cluster ARN for EKS actions
 * (for `eks:DescribeUpdate` every update of that cluster fails), the key reference as
 * passed for `kms:DescribeKey` (key or alias ARN), and the key ARN for the other KMS actions.
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

/** The access key id {@link testCredentialsManager} hands out for an account. */
export function fixtureAccessKeyId(accountId: string): string {
  return `AKIDFIXTURE${accountId}`;
}

function accountOfAccessKeyId(accessKeyId: string): string | undefined {
  return accessKeyId.startsWith('AKIDFIXTURE')
    ? accessKeyId.slice('AKIDFIXTURE'.length)
    : undefined;
}

/**
 * An `AwsCredentialsManager` with static credentials per account. With `accounts`, it
 * throws like `DefaultAwsCredentialsManager` for any other account. The mocks of
 * {@link installSdkMocks} recognise the account of a call by these credentials.
 */
export function testCredentialsManager(
  accounts?: string[],
): AwsCredentialsManager & { requests: AwsCredentialProviderOptions[] } {
  const requests: AwsCredentialProviderOptions[] = [];
  return {
    requests,
    async getCredentialProvider(
      opts?: AwsCredentialProviderOptions,
    ): Promise<AwsCredentialProvider> {
      requests.push({ ...opts });
      const accountId = opts?.accountId ?? FIXTURE_ACCOUNT;
      if (accounts && !accounts.includes(accountId)) {
        throw new Error(
          `There is no AWS integration that matches ${accountId}. Please add a configuration for this AWS account.`,
        );
      }
      return {
        accountId,
        sdkCredentialProvider: async () => ({
          accessKeyId: fixtureAccessKeyId(accountId),
          secretAccessKey: 'fixture-secret-access-key',
        }),
      };
    },
  };
}

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

type Answer<T> =
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

function findCluster(
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
function findKey(
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
interface ClusterCall {
  arn: string;
  name: string;
  cluster?: ClusterFixture;
}

/** A KMS call on a reference, which may name no key of the fixture. */
interface KeyCall {
  ref: string;
  key?: KeyFixture;
}

const clusterNotFound = (name: string): Answer<never> =>
  notFound('ResourceNotFoundException', `No cluster found for name: ${name}.`);

const keyNotFound = (ref: string): Answer<never> =>
  notFound('NotFoundException', `Key '${ref}' does not exist`);

function answerDescribeCluster(
  f: AwsFixture,
  c: ClusterCall,
): Answer<{ cluster: Cluster }> {
  const failed = failureFor(f, 'eks:DescribeCluster', c.arn);
  if (failed) return failed;
  if (!c.cluster) return clusterNotFound(c.name);
  return { ok: true, output: { cluster: clusterOutput(c.cluster) } };
}

/** Every update id: the AWS CLI prints them all; the mocks page them. */
function answerListUpdates(
  f: AwsFixture,
  c: ClusterCall,
): Answer<{ updateIds: string[] }> {
  const failed = failureFor(f, 'eks:ListUpdates', c.arn);
  if (failed) return failed;
  if (!c.cluster) return clusterNotFound(c.name);
  return { ok: true, output: { updateIds: c.cluster.updates.map(u => u.id) } };
}

function answerDescribeUpdate(
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

function answerDescribeKey(
  f: AwsFixture,
  k: KeyCall,
): Answer<{ KeyMetadata: KeyMetadata }> {
  const failed = failureFor(f, 'kms:DescribeKey', k.ref);
  if (failed) return failed;
  if (!k.key) return keyNotFound(k.ref);
  return { ok: true, output: { KeyMetadata: keyMetadata(k.key) } };
}

function answerKeyCall<T>(
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

const rotationOutput = (k: KeyFixture) => ({
  KeyId: keyArnOf(k),
  KeyRotationEnabled: k.rotation.enabled,
  RotationPeriodInDays: k.rotation.enabled
    ? k.rotation.periodInDays
    : undefined,
  NextRotationDate: k.rotation.enabled
    ? toDate(k.rotation.nextRotationDate)
    : undefined,
});

const policyOutput = (k: KeyFixture) => ({
  PolicyName: 'default',
  Policy: JSON.stringify(k.policy, null, 2),
});

const tagsOf = (k: KeyFixture) =>
  Object.entries(k.tags).map(([TagKey, TagValue]) => ({ TagKey, TagValue }));

/** The three calls made per resolved key ARN, with the snapshot file of each. */
const KEY_CALLS = [
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
 * answers (listings unpaged: `ListUpdates` gives every id, `ListResourceTags` every tag).
 */
export function answerFixtureRequest(
  f: AwsFixture,
  request: FixtureRequest,
): FixtureAnswer {
  const { accountId, region } = request;
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

// ---------------------------------------------------------------------------------
// SDK mocks
// ---------------------------------------------------------------------------------

/** The mocked clients, for call-count assertions (`toHaveReceivedCommandTimes`). */
export interface SdkMocks {
  eks: AwsClientStub<EKSClient>;
  kms: AwsClientStub<KMSClient>;
  /** Restores the real `send` of both clients. */
  restore(): void;
}

export interface SdkMockOptions {
  /** Update ids per `ListUpdates` page (default 100, as EKS). */
  listUpdatesPageSize?: number;
  /** Tags per `ListResourceTags` page (default 50, as KMS). */
  listTagsPageSize?: number;
}

interface CallContext {
  region: string;
  /** Known when the client was built with {@link testCredentialsManager} credentials. */
  accountId?: string;
}

interface ResolvedClientConfig {
  region: () => Promise<string>;
  credentials?: () => Promise<{ accessKeyId: string }>;
}

async function callContext(client: { config: unknown }): Promise<CallContext> {
  const config = client.config as ResolvedClientConfig;
  const region = await config.region();
  const credentials = config.credentials
    ? await config.credentials()
    : undefined;
  return {
    region,
    accountId: credentials && accountOfAccessKeyId(credentials.accessKeyId),
  };
}

function settle<T>(service: 'eks' | 'kms', answer: Answer<T>): T {
  if (answer.ok) return answer.output;
  const Exception =
    service === 'eks' ? EKSServiceException : KMSServiceException;
  const status =
    answer.error.httpStatus ?? defaultHttpStatus(service, answer.error.name);
  throw new Exception({
    name: answer.error.name,
    message: answer.error.message,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
  });
}

function page<T>(items: T[], token: string | undefined, size: number) {
  const start = token ? Number(token) : 0;
  const end = start + size;
  return {
    items: items.slice(start, end),
    next: end < items.length ? String(end) : undefined,
  };
}

/**
 * Programs `aws-sdk-client-mock` mocks of every `EKSClient` and `KMSClient` to answer from
 * the fixture. Calls are resolved by their input and the client's region (and account,
 * when the client uses {@link testCredentialsManager} credentials). Unknown clusters
 * answer `ResourceNotFoundException`, unknown keys `NotFoundException`.
 */
export function installSdkMocks(
  f: AwsFixture,
  options: SdkMockOptions = {},
): SdkMocks {
  const updatesPageSize = options.listUpdatesPageSize ?? 100;
  const tagsPageSize = options.listTagsPageSize ?? 50;
  const eks = mockClient(EKSClient);
  const kms = mockClient(KMSClient);

  const clusterCall = async (
    input: { name?: string },
    getClient: () => { config: unknown },
  ): Promise<ClusterCall> => {
    const at = await callContext(getClient());
    const name = input.name ?? '';
    const cluster = findCluster(f, name, at.region, at.accountId);
    const arn = cluster
      ? clusterArnOf(cluster)
      : `arn:aws:eks:${at.region}:${
          at.accountId ?? FIXTURE_ACCOUNT
        }:cluster/${name}`;
    return { arn, name, cluster };
  };

  eks
    .on(DescribeClusterCommand)
    .callsFake(async (input, getClient) =>
      settle(
        'eks',
        answerDescribeCluster(f, await clusterCall(input, getClient)),
      ),
    );
  eks.on(ListUpdatesCommand).callsFake(async (input, getClient) => {
    const all = settle(
      'eks',
      answerListUpdates(f, await clusterCall(input, getClient)),
    );
    const { items, next } = page(
      all.updateIds,
      input.nextToken,
      updatesPageSize,
    );
    return { updateIds: items, nextToken: next };
  });
  eks
    .on(DescribeUpdateCommand)
    .callsFake(async (input, getClient) =>
      settle(
        'eks',
        answerDescribeUpdate(
          f,
          await clusterCall(input, getClient),
          input.updateId,
        ),
      ),
    );

  const keyCall = async (
    input: { KeyId?: string },
    getClient: () => { config: unknown },
  ): Promise<KeyCall> => {
    const at = await callContext(getClient());
    const ref = input.KeyId ?? '';
    return { ref, key: findKey(f, ref, at.region, at.accountId) };
  };

  kms
    .on(DescribeKeyCommand)
    .callsFake(async (input, getClient) =>
      settle('kms', answerDescribeKey(f, await keyCall(input, getClient))),
    );
  kms
    .on(GetKeyRotationStatusCommand)
    .callsFake(async (input, getClient) =>
      settle(
        'kms',
        answerKeyCall(
          f,
          'kms:GetKeyRotationStatus',
          await keyCall(input, getClient),
          rotationOutput,
        ),
      ),
    );
  kms
    .on(GetKeyPolicyCommand)
    .callsFake(async (input, getClient) =>
      settle(
        'kms',
        answerKeyCall(
          f,
          'kms:GetKeyPolicy',
          await keyCall(input, getClient),
          policyOutput,
        ),
      ),
    );
  kms.on(ListResourceTagsCommand).callsFake(async (input, getClient) => {
    const tags = settle(
      'kms',
      answerKeyCall(
        f,
        'kms:ListResourceTags',
        await keyCall(input, getClient),
        tagsOf,
      ),
    );
    const { items, next } = page(tags, input.Marker, tagsPageSize);
    return { Tags: items, Truncated: next !== undefined, NextMarker: next };
  });

  return {
    eks,
    kms,
    restore() {
      eks.restore();
      kms.restore();
    },
  };
}

// ---------------------------------------------------------------------------------
// Snapshot folder
// ---------------------------------------------------------------------------------

async function writeAnswer<T>(
  dir: string,
  call: SnapshotCall,
  answer: Answer<T>,
): Promise<void> {
  const file = snapshotFile(call);
  const target = join(dir, ...(answer.ok ? file : snapshotErrorFile(file)));
  const body: unknown = answer.ok
    ? answer.output
    : { name: answer.error.name, message: answer.error.message };
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, `${JSON.stringify(body, null, 2)}\n`, 'utf8');
}

const CLUSTER_ARN = /^arn:([^:]+):eks:([^:]+):(\d{12}):cluster\/(.+)$/;

/**
 * Writes the fixture as `scripts/export-aws-snapshot.sh` would have exported it, with
 * exactly the answers of {@link installSdkMocks}: every cluster's calls, `describe-key`
 * for every key ARN and alias, the three key calls per key, and `.error.json` files for
 * failures. Clusters and key references that only failures name (e.g. a cluster that
 * does not exist) are exported too, as the script would for the ARNs it is given.
 * Calls the fixture names nowhere are absent (`not in snapshot`), where the mocks
 * answer `ResourceNotFoundException` / `NotFoundException`.
 */
export async function writeSnapshot(dir: string, f: AwsFixture): Promise<void> {
  const clusters = new Map<
    string,
    ClusterCall & { accountId: string; region: string }
  >();
  for (const c of f.clusters) {
    const arn = clusterArnOf(c);
    const { name, accountId, region } = c;
    clusters.set(arn, { arn, name, cluster: c, accountId, region });
  }
  const keyRefs = new Map<
    string,
    KeyCall & { accountId: string; region: string }
  >();
  for (const k of f.keys) {
    for (const ref of [keyArnOf(k), ...k.aliases.map(a => aliasArnOf(k, a))]) {
      keyRefs.set(ref, {
        ref,
        key: k,
        accountId: k.accountId,
        region: k.region,
      });
    }
  }
  for (const { action, resource } of f.failures) {
    const cluster = CLUSTER_ARN.exec(resource);
    if (action.startsWith('eks:') && cluster && !clusters.has(resource)) {
      const [, , region, accountId, name] = cluster;
      clusters.set(resource, { arn: resource, name, accountId, region });
    }
    const ref = parseKmsKeyRef(resource);
    if (action.startsWith('kms:') && ref?.accountId && ref.region) {
      if (!keyRefs.has(resource)) {
        keyRefs.set(resource, {
          ref: resource,
          key: findKey(f, resource, ref.region, ref.accountId),
          accountId: ref.accountId,
          region: ref.region,
        });
      }
    }
  }

  for (const c of clusters.values()) {
    const at = { accountId: c.accountId, region: c.region, name: c.name };
    await writeAnswer(
      dir,
      { call: 'describe-cluster', ...at },
      answerDescribeCluster(f, c),
    );
    await writeAnswer(
      dir,
      { call: 'list-updates', ...at },
      answerListUpdates(f, c),
    );
    for (const u of c.cluster?.updates ?? []) {
      await writeAnswer(
        dir,
        { call: 'describe-update', ...at, updateId: u.id },
        answerDescribeUpdate(f, c, u.id),
      );
    }
  }
  for (const k of keyRefs.values()) {
    const ref = parseKmsKeyRef(k.ref);
    if (!ref) throw new Error(`fixture key reference ${k.ref} is invalid`);
    const at = { accountId: k.accountId, region: k.region };
    await writeAnswer(
      dir,
      { call: 'describe-key', ...at, ref },
      answerDescribeKey(f, k),
    );
    if (ref.kind !== 'key') continue;
    for (const [call, action, output] of KEY_CALLS) {
      await writeAnswer(
        dir,
        { call, ...at, keyId: ref.keyId },
        answerKeyCall<unknown>(f, action, k, output),
      );
    }
  }
}
