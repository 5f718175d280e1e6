import {
  DescribeClusterCommand,
  DescribeUpdateCommand,
  EKSClient,
  ListUpdatesCommand,
  type EKSClientConfig,
} from '@aws-sdk/client-eks';
import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  ListResourceTagsCommand,
} from '@aws-sdk/client-kms';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  DefaultAwsCredentialsManager,
  type AwsCredentialProvider,
  type AwsCredentialsManager,
} from '@backstage/integration-aws-node';
import type { ClusterArn } from 'backstage-plugin-eks-encryption-common';
import {
  awsFailure,
  noCredentialsFailure,
  UnexpectedResponseError,
} from './awsErrors';
import {
  addResourceTags,
  toEksCluster,
  toEksUpdate,
  toKeyPolicy,
  toKmsKey,
  toKmsKeyRotation,
  toUpdateIds,
} from './awsResponses';
import { readAwsSourceConfig } from './awsSourceConfig';
import { KeyedConcurrencyLimiter } from './KeyedConcurrencyLimiter';
import { withDeadline } from './withDeadline';
import {
  invalidUpdateIdFailure,
  isValidUpdateId,
  kmsCallTarget,
} from './awsReferences';
import type {
  AwsAction,
  AwsLocation,
  AwsResult,
  EksCluster,
  EksEncryptionAwsSource,
  EksUpdate,
  KmsKey,
  KmsKeyRotation,
} from './types';

/** @public */
export interface SdkAwsSourceOptions {
  /** Credentials per account; usually `DefaultAwsCredentialsManager.fromConfig(config)`. */
  credentialsManager: AwsCredentialsManager;
  logger?: LoggerService;
  /** Endpoint for both EKS and KMS, e.g. a LocalStack-compatible emulator. */
  endpoint?: string;
  /** Calls in flight per account and region (default 4). */
  concurrency?: number;
  /** Longest a call may take, retries included, before it is aborted (default 10 000 ms). */
  callTimeoutMs?: number;
  /** Attempts per call, first included (default 5). */
  maxAttempts?: number;
  /** Replaces the SDK's adaptive retry strategy (e.g. shorter backoff). */
  retryStrategy?: EKSClientConfig['retryStrategy'];
}

interface Clients {
  eks: EKSClient;
  kms: KMSClient;
}

/** What one attempt works with: the clients of its location and a way to send. */
interface AwsCall {
  clients: Clients;
  send: <O>(request: (abortSignal: AbortSignal) => Promise<O>) => Promise<O>;
}

/** Pages of one listing read at most, so a looping `nextToken` cannot hang a run. */
const MAX_PAGES = 1000;

/**
 * Reads EKS and KMS with the AWS SDK v3. One EKS and one KMS client per account and
 * region live as long as the source, so the adaptive retry rate limiter of each sees all
 * of that account's traffic; calls are bounded per account and region and each is
 * aborted after `callTimeoutMs`. Never throws.
 *
 * @public
 */
export class SdkAwsSource implements EksEncryptionAwsSource {
  static fromConfig(
    config: Config,
    options: {
      logger?: LoggerService;
      credentialsManager?: AwsCredentialsManager;
    } = {},
  ): SdkAwsSource {
    const settings = readAwsSourceConfig(config);
    return new SdkAwsSource({
      credentialsManager:
        options.credentialsManager ??
        DefaultAwsCredentialsManager.fromConfig(config),
      logger: options.logger,
      endpoint: settings.endpoint,
      concurrency: settings.concurrency,
      callTimeoutMs: settings.callTimeoutMs,
      maxAttempts: settings.maxAttempts,
    });
  }

  private readonly clients = new Map<string, Promise<Clients>>();
  private readonly limiter: KeyedConcurrencyLimiter;
  private readonly callTimeoutMs: number;

  constructor(private readonly options: SdkAwsSourceOptions) {
    this.limiter = new KeyedConcurrencyLimiter(options.concurrency ?? 4);
    this.callTimeoutMs = options.callTimeoutMs ?? 10_000;
  }

  describeCluster(cluster: ClusterArn): Promise<AwsResult<EksCluster>> {
    return this.attempt('eks:DescribeCluster', locate(cluster), async call => {
      const { eks } = call.clients;
      const answer = await call.send(abortSignal =>
        eks.send(new DescribeClusterCommand({ name: cluster.name }), {
          abortSignal,
        }),
      );
      return toEksCluster(answer, cluster);
    });
  }

  listUpdates(cluster: ClusterArn): Promise<AwsResult<string[]>> {
    return this.attempt('eks:ListUpdates', locate(cluster), async call => {
      const { eks } = call.clients;
      const ids: string[] = [];
      const seen = new Set<string>();
      let nextToken: string | undefined;
      for (let pages = 0; pages < MAX_PAGES; pages++) {
        const command = new ListUpdatesCommand({
          name: cluster.name,
          nextToken,
        });
        const answer = await call.send(abortSignal =>
          eks.send(command, { abortSignal }),
        );
        ids.push(...toUpdateIds(answer));
        nextToken = answer.nextToken ?? undefined;
        if (!nextToken) return ids;
        if (seen.has(nextToken)) break;
        seen.add(nextToken);
      }
      throw new UnexpectedResponseError('ListUpdates pagination did not end');
    });
  }

  describeUpdate(
    cluster: ClusterArn,
    updateId: string,
  ): Promise<AwsResult<EksUpdate>> {
    const at = locate(cluster);
    if (!isValidUpdateId(updateId)) {
      return Promise.resolve(invalidUpdateIdFailure(at, updateId));
    }
    return this.attempt('eks:DescribeUpdate', at, async call => {
      const { eks } = call.clients;
      const answer = await call.send(abortSignal =>
        eks.send(new DescribeUpdateCommand({ name: cluster.name, updateId }), {
          abortSignal,
        }),
      );
      return toEksUpdate(answer, updateId);
    });
  }

  describeKey(keyRef: string, at: AwsLocation): Promise<AwsResult<KmsKey>> {
    return this.attemptKms(
      'kms:DescribeKey',
      keyRef,
      at,
      'key-or-alias',
      async (kms, send) => {
        const answer = await send(abortSignal =>
          kms.send(new DescribeKeyCommand({ KeyId: keyRef }), { abortSignal }),
        );
        return toKmsKey(answer);
      },
    );
  }

  getKeyRotationStatus(
    keyArn: string,
    at: AwsLocation,
  ): Promise<AwsResult<KmsKeyRotation>> {
    return this.attemptKms(
      'kms:GetKeyRotationStatus',
      keyArn,
      at,
      'key',
      async (kms, send) => {
        const answer = await send(abortSignal =>
          kms.send(new GetKeyRotationStatusCommand({ KeyId: keyArn }), {
            abortSignal,
          }),
        );
        return toKmsKeyRotation(answer);
      },
    );
  }

  getKeyPolicy(keyArn: string, at: AwsLocation): Promise<AwsResult<string>> {
    return this.attemptKms(
      'kms:GetKeyPolicy',
      keyArn,
      at,
      'key',
      async (kms, send) => {
        const answer = await send(abortSignal =>
          kms.send(
            new GetKeyPolicyCommand({ KeyId: keyArn, PolicyName: 'default' }),
            { abortSignal },
          ),
        );
        return toKeyPolicy(answer);
      },
    );
  }

  listResourceTags(
    keyArn: string,
    at: AwsLocation,
  ): Promise<AwsResult<Record<string, string>>> {
    return this.attemptKms(
      'kms:ListResourceTags',
      keyArn,
      at,
      'key',
      async (kms, send) => {
        const tags: Record<string, string> = {};
        const seen = new Set<string>();
        let Marker: string | undefined;
        for (let pages = 0; pages < MAX_PAGES; pages++) {
          const command = new ListResourceTagsCommand({
            KeyId: keyArn,
            Marker,
          });
          const answer = await send(abortSignal =>
            kms.send(command, { abortSignal }),
          );
          addResourceTags(answer, tags);
          Marker = answer.Truncated
            ? answer.NextMarker ?? undefined
            : undefined;
          if (!Marker) return tags;
          if (seen.has(Marker)) break;
          seen.add(Marker);
        }
        throw new UnexpectedResponseError(
          'ListResourceTags pagination did not end',
        );
      },
    );
  }

  /**
   * A KMS call on `keyRef`, made in the region the reference names; a
   * reference of the wrong kind fails without a call.
   */
  private attemptKms<T>(
    action: AwsAction,
    keyRef: string,
    at: AwsLocation,
    accepts: 'key' | 'key-or-alias',
    work: (kms: KMSClient, send: AwsCall['send']) => Promise<T>,
  ): Promise<AwsResult<T>> {
    const target = kmsCallTarget(action, keyRef, at, accepts);
    if ('ok' in target) return Promise.resolve(target);
    return this.attempt(action, target.at, call =>
      work(call.clients.kms, call.send),
    );
  }

  /**
   * Runs `work` with the clients of `at`; turns a missing credential into
   * `no-credentials` and any error into a classified failure.
   */
  private async attempt<T>(
    action: AwsAction,
    at: AwsLocation,
    work: (call: AwsCall) => Promise<T>,
  ): Promise<AwsResult<T>> {
    let clients: Clients;
    try {
      clients = await this.clientsFor(at);
    } catch (error) {
      return noCredentialsFailure(action, at, error);
    }
    try {
      const value = await work({
        clients,
        send: request => this.send(at, request),
      });
      return { ok: true, value };
    } catch (error) {
      const failure = awsFailure(action, at, error);
      this.options.logger?.debug(
        `${action} in account ${at.accountId}, region ${at.region}: ${failure.kind} (${failure.message})`,
      );
      return failure;
    }
  }

  /** One request: waits for a slot of its account and region, aborted at the deadline. */
  private send<O>(
    at: AwsLocation,
    request: (abortSignal: AbortSignal) => Promise<O>,
  ): Promise<O> {
    return this.limiter.run(laneOf(at), () =>
      withDeadline(this.callTimeoutMs, request),
    );
  }

  private clientsFor(at: AwsLocation): Promise<Clients> {
    const lane = laneOf(at);
    let clients = this.clients.get(lane);
    if (!clients) {
      clients = this.createClients(at);
      this.clients.set(lane, clients);
      // A failed lookup may be a passing STS fault: the next call tries again.
      clients.catch(() => this.clients.delete(lane));
    }
    return clients;
  }

  private async createClients(at: AwsLocation): Promise<Clients> {
    // Finding the main account may call STS: bounded like any other call.
    const provider: AwsCredentialProvider = await withDeadline(
      this.callTimeoutMs,
      () =>
        this.options.credentialsManager.getCredentialProvider({
          accountId: at.accountId,
        }),
    );
    this.options.logger?.debug(
      `Creating EKS and KMS clients for account ${at.accountId} in ${at.region}`,
    );
    const config = {
      region: at.region,
      credentials: provider.sdkCredentialProvider,
      endpoint: this.options.endpoint,
      retryMode: 'adaptive',
      maxAttempts: this.options.maxAttempts ?? 5,
      ...(this.options.retryStrategy
        ? { retryStrategy: this.options.retryStrategy }
        : {}),
    };
    return { eks: new EKSClient(config), kms: new KMSClient(config) };
  }
}

function locate(cluster: ClusterArn): AwsLocation {
  return { accountId: cluster.accountId, region: cluster.region };
}

function laneOf(at: AwsLocation): string {
  return `${at.accountId}/${at.region}`;
}
