import {
  DescribeClusterCommand,
  DescribeUpdateCommand,
  EKSClient,
  EKSServiceException,
  ListClustersCommand,
  ListUpdatesCommand,
} from '@aws-sdk/client-eks';
import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  KMSServiceException,
  ListResourceTagsCommand,
} from '@aws-sdk/client-kms';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { AwsFixture, FIXTURE_ACCOUNT, clusterArnOf } from './awsEstate';
import { accountOfAccessKeyId } from './testCredentials';
import {
  Answer,
  ClusterCall,
  KeyCall,
  answerDescribeCluster,
  answerDescribeKey,
  answerDescribeUpdate,
  answerKeyCall,
  answerListClusters,
  answerListUpdates,
  defaultHttpStatus,
  findCluster,
  findKey,
  policyOutput,
  rotationOutput,
  tagsOf,
} from './awsAnswers';

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
  /** Cluster names per `ListClusters` page at most (default 100); `maxResults` caps it too. */
  listClustersPageSize?: number;
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
  const clustersPageSize = options.listClustersPageSize ?? 100;
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

  eks.on(ListClustersCommand).callsFake(async (input, getClient) => {
    const all = settle(
      'eks',
      answerListClusters(f, await callContext(getClient())),
    );
    const { items, next } = page(
      all.clusters,
      input.nextToken,
      Math.min(clustersPageSize, input.maxResults ?? 100),
    );
    return { clusters: items, nextToken: next };
  });
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
