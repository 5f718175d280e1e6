import {
  DescribeClusterCommand,
  DescribeUpdateCommand,
  EKSClient,
  ListUpdatesCommand,
  paginateListClusters,
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
import {
  DefaultRateLimiter,
  type DefaultRateLimiterOptions,
} from '@smithy/core/retry';
import type { ClusterArn } from 'backstage-plugin-eks-encryption-common';
import {
  DEFAULT_AWS_RETRY,
  readEksEncryptionConfig,
  type AwsRetrySettings,
} from '../config';
import {
  awsFailure,
  noCredentialsFailure,
  otherFailure,
  UnexpectedResponseError,
} from './awsErrors';
import {
  addClusterNames,
  addResourceTags,
  addUpdateIds,
  toEksCluster,
  toEksUpdate,
  toKeyPolicy,
  toKmsKey,
  toKmsKeyRotation,
} from './awsResponses';
import { KeyedConcurrencyLimiter } from './KeyedConcurrencyLimiter';
import {
  CallGaveUpError,
  isUnreadableAnswer,
  PatientCall,
  untilAborted,
  type RetryLane,
} from './patientCall';
import { withDeadline } from './withDeadline';
import {
  invalidUpdateIdFailure,
  isValidUpdateId,
  kmsCallTarget,
} from './awsReferences';
import type {
  AwsAction,
  AwsCallOptions,
  AwsFailure,
  AwsLocation,
  AwsResult,
  EksCluster,
  EksEncryptionAwsSource,
  EksUpdate,
  KmsKey,
  KmsKeyRotation,
} from 'backstage-plugin-eks-encryption-node';

/** @public */
export interface SdkAwsSourceOptions {
  /** Credentials per account; usually `DefaultAwsCredentialsManager.fromConfig(config)`. */
  credentialsManager: AwsCredentialsManager;
  logger?: LoggerService;
  /** Endpoint for both EKS and KMS, e.g. a LocalStack-compatible emulator. */
  endpoint?: string;
  /** Calls in flight per account and region (default 4). */
  concurrency?: number;
  /** The only accounts called; a call located elsewhere is `no-credentials`. Default: any. */
  allowedAccounts?: readonly string[];
  /** How patient each call is; `eksEncryption.aws.retry` defaults for what is left out. */
  retry?: Partial<AwsRetrySettings>;
  /**
   * Attempts per request at most, however much budget is left. With 1, errors come back
   * as they are, unretried (tests over mocked clients). Default: unlimited.
   */
  maxAttempts?: number;
  /** Tuning of the adaptive token bucket of each account and region (tests make it fast). */
  rateLimiter?: DefaultRateLimiterOptions;
}

interface Clients {
  eks: EKSClient;
  kms: KMSClient;
}

/**
 * What one account and region keeps between calls: its clients and the adaptive send
 * rate they share. Kept only while the clients exist or are being created, so both are
 * bounded by the accounts and regions that can be called.
 */
interface Location {
  clients: Promise<Clients>;
  rate: DefaultRateLimiter;
}

/** Sends one request of a call, retried within the call's budget. */
type Send = <O>(
  request: (abortSignal: AbortSignal) => Promise<O>,
) => Promise<O>;

/** What one call works with: the clients of its location and a way to send. */
interface AwsCall {
  clients: Clients;
  send: Send;
}

/** Pages of one listing read at most, so a looping `nextToken` cannot hang a run. */
const MAX_PAGES = 1000;

/** Clusters per `ListClusters` page: the most EKS gives, so the fewest requests. */
const LIST_CLUSTERS_PAGE_SIZE = 100;

/**
 * Reads EKS and KMS with the AWS SDK v3. One EKS and one KMS client per account and
 * region live as long as the source; they make one attempt per request and this class
 * retries (see `patientCall.ts`): throttling, 5xx and hung attempts are retried with
 * jittered backoff under one adaptive rate limiter (the SDK's own token bucket) and one
 * bound on calls in flight per account and region, until the call's budget,
 * min(`retry.callBudgetMs`, the run's deadline), is spent. Never throws.
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
    const settings = readEksEncryptionConfig(config).aws;
    return new SdkAwsSource({
      credentialsManager:
        options.credentialsManager ??
        DefaultAwsCredentialsManager.fromConfig(config),
      logger: options.logger,
      endpoint: settings.endpoint,
      concurrency: settings.concurrency,
      allowedAccounts: settings.allowedAccounts,
      retry: settings.retry,
    });
  }

  private readonly locations = new Map<string, Location>();
  private readonly limiter: KeyedConcurrencyLimiter;
  private readonly retry: AwsRetrySettings;
  private readonly allowedAccounts?: ReadonlySet<string>;

  constructor(private readonly options: SdkAwsSourceOptions) {
    this.limiter = new KeyedConcurrencyLimiter(options.concurrency ?? 4);
    this.retry = { ...DEFAULT_AWS_RETRY, ...options.retry };
    if (options.allowedAccounts) {
      this.allowedAccounts = new Set(options.allowedAccounts);
    }
  }

  /** Closes every client's connections; later calls create new clients. */
  destroy(): void {
    const locations = [...this.locations.values()];
    this.locations.clear();
    for (const { clients: created } of locations) {
      created.then(
        ({ eks, kms }) => {
          eks.destroy();
          kms.destroy();
        },
        () => {},
      );
    }
  }

  listClusters(
    at: AwsLocation,
    options?: AwsCallOptions,
  ): Promise<AwsResult<string[]>> {
    return this.attempt('eks:ListClusters', at, options, async call => {
      const names = new Set<string>();
      const tokens = new Set<string>();
      const pages = paginateListClusters(
        {
          client: sendingThrough(call.clients.eks, call.send),
          pageSize: LIST_CLUSTERS_PAGE_SIZE,
        },
        // Without `include: 'all'`: EKS clusters only, not EKS Connector ones (no encryption).
        {},
      );
      for await (const page of pages) {
        addClusterNames(page, names);
        const token = page.nextToken;
        if (!token) continue;
        if (tokens.has(token) || tokens.size >= MAX_PAGES) {
          throw new UnexpectedResponseError(
            'ListClusters pagination did not end',
          );
        }
        tokens.add(token);
      }
      return [...names];
    });
  }

  describeCluster(
    cluster: ClusterArn,
    options?: AwsCallOptions,
  ): Promise<AwsResult<EksCluster>> {
    return this.attempt(
      'eks:DescribeCluster',
      locate(cluster),
      options,
      async call => {
        const { eks } = call.clients;
        const answer = await call.send(abortSignal =>
          eks.send(new DescribeClusterCommand({ name: cluster.name }), {
            abortSignal,
          }),
        );
        return toEksCluster(answer, cluster);
      },
    );
  }

  listUpdates(
    cluster: ClusterArn,
    options?: AwsCallOptions,
  ): Promise<AwsResult<string[]>> {
    return this.attempt(
      'eks:ListUpdates',
      locate(cluster),
      options,
      async call => {
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
          addUpdateIds(answer, ids);
          nextToken = answer.nextToken ?? undefined;
          if (!nextToken) return ids;
          if (seen.has(nextToken)) break;
          seen.add(nextToken);
        }
        throw new UnexpectedResponseError('ListUpdates pagination did not end');
      },
    );
  }

  describeUpdate(
    cluster: ClusterArn,
    updateId: string,
    options?: AwsCallOptions,
  ): Promise<AwsResult<EksUpdate>> {
    const at = locate(cluster);
    if (!isValidUpdateId(updateId)) {
      return Promise.resolve(invalidUpdateIdFailure(at, updateId));
    }
    return this.attempt('eks:DescribeUpdate', at, options, async call => {
      const { eks } = call.clients;
      const answer = await call.send(abortSignal =>
        eks.send(new DescribeUpdateCommand({ name: cluster.name, updateId }), {
          abortSignal,
        }),
      );
      return toEksUpdate(answer, updateId);
    });
  }

  describeKey(
    keyRef: string,
    at: AwsLocation,
    options?: AwsCallOptions,
  ): Promise<AwsResult<KmsKey>> {
    return this.attemptKms(
      'kms:DescribeKey',
      keyRef,
      at,
      'key-or-alias',
      options,
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
    options?: AwsCallOptions,
  ): Promise<AwsResult<KmsKeyRotation>> {
    return this.attemptKms(
      'kms:GetKeyRotationStatus',
      keyArn,
      at,
      'key',
      options,
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

  getKeyPolicy(
    keyArn: string,
    at: AwsLocation,
    options?: AwsCallOptions,
  ): Promise<AwsResult<string>> {
    return this.attemptKms(
      'kms:GetKeyPolicy',
      keyArn,
      at,
      'key',
      options,
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
    options?: AwsCallOptions,
  ): Promise<AwsResult<Record<string, string>>> {
    return this.attemptKms(
      'kms:ListResourceTags',
      keyArn,
      at,
      'key',
      options,
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
    options: AwsCallOptions | undefined,
    work: (kms: KMSClient, send: Send) => Promise<T>,
  ): Promise<AwsResult<T>> {
    const target = kmsCallTarget(action, keyRef, at, accepts);
    if ('ok' in target) return Promise.resolve(target);
    return this.attempt(action, target.at, options, call =>
      work(call.clients.kms, call.send),
    );
  }

  /**
   * Runs `work` with the clients of `at` within one call's budget; turns an account not
   * allowed or without credentials into `no-credentials`, a spent budget or a cancelled
   * run into `failed`, and any other error into a classified failure.
   */
  private async attempt<T>(
    action: AwsAction,
    at: AwsLocation,
    options: AwsCallOptions | undefined,
    work: (call: AwsCall) => Promise<T>,
  ): Promise<AwsResult<T>> {
    if (this.allowedAccounts && !this.allowedAccounts.has(at.accountId)) {
      return otherFailure(
        'no-credentials',
        action,
        at,
        `not called: account ${at.accountId} is not in eksEncryption.aws.allowedAccounts`,
      );
    }
    // Set before the first send: requests go out only once the clients exist.
    let location: Location | undefined;
    const call = new PatientCall({
      retry: this.retry,
      bounds: options,
      lane: this.laneOf(at, () => location!.rate),
      maxAttempts: this.options.maxAttempts,
    });
    try {
      call.throwIfStopped();
      let clients: Clients;
      try {
        location = this.locationOf(at);
        clients = await call.wait(location.clients);
      } catch (error) {
        if (error instanceof CallGaveUpError) throw error;
        return noCredentialsFailure(action, at, error);
      }
      const value = await work({
        clients,
        send: request => call.send(request),
      });
      return { ok: true, value };
    } catch (error) {
      const failure = this.failureOf(action, at, error);
      this.options.logger?.debug(
        `${action} in account ${at.accountId}, region ${at.region}: ${failure.kind} (${failure.message})`,
      );
      return failure;
    } finally {
      call.finish();
    }
  }

  private failureOf(
    action: AwsAction,
    at: AwsLocation,
    error: unknown,
  ): AwsFailure {
    if (error instanceof CallGaveUpError) {
      return otherFailure('failed', action, at, error.message);
    }
    if (
      error instanceof Error &&
      !(error instanceof UnexpectedResponseError) &&
      isUnreadableAnswer(error)
    ) {
      // The SDK appends a hint on `$response` to parse errors: the first line says it.
      return otherFailure(
        'failed',
        action,
        at,
        `unreadable answer (${error.name}: ${error.message.split('\n')[0]})`,
      );
    }
    return awsFailure(action, at, error);
  }

  /**
   * Slots in flight and the adaptive send rate of one account and region; `rateOf`
   * gives the rate of the location's clients (the slots need no state when idle).
   */
  private laneOf(at: AwsLocation, rateOf: () => DefaultRateLimiter): RetryLane {
    const key = laneKey(at);
    return {
      acquire: async signal => {
        const release = await this.limiter.acquire(key, signal);
        try {
          await untilAborted(rateOf().getSendToken(), signal);
          return release;
        } catch (error) {
          release();
          throw error;
        }
      },
      record: outcome => rateOf().updateClientSendingRate(outcome),
    };
  }

  /** The clients and send rate of `at`, created on first use. */
  private locationOf(at: AwsLocation): Location {
    const key = laneKey(at);
    const existing = this.locations.get(key);
    if (existing) return existing;
    const location: Location = {
      clients: this.createClients(at),
      rate: new DefaultRateLimiter(this.options.rateLimiter),
    };
    this.locations.set(key, location);
    // A failed lookup may be a passing STS fault: the next call tries again. Its send
    // rate goes too, so an account or region that cannot be called keeps nothing.
    location.clients.catch(() => {
      if (this.locations.get(key) === location) this.locations.delete(key);
    });
    return location;
  }

  private async createClients(at: AwsLocation): Promise<Clients> {
    // Finding the main account may call STS: bounded like one attempt.
    const provider: AwsCredentialProvider = await withDeadline(
      this.retry.attemptTimeoutMs,
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
      // One attempt per request: retries, their backoff and the rate limit are ours.
      retryMode: 'standard',
      maxAttempts: 1,
    };
    return { eks: new EKSClient(config), kms: new KMSClient(config) };
  }
}

/**
 * `eks` for the SDK's paginators, which call `client.send` and want an `EKSClient`:
 * every page request goes through the call's `send` (retries, attempt timeout, abort,
 * rate limit), like the requests the other calls make.
 */
function sendingThrough(eks: EKSClient, send: Send): EKSClient {
  const client: EKSClient = Object.create(eks);
  client.send = ((command: Parameters<EKSClient['send']>[0]) =>
    send(abortSignal =>
      eks.send(command, { abortSignal }),
    )) as EKSClient['send'];
  return client;
}

function locate(cluster: ClusterArn): AwsLocation {
  return { accountId: cluster.accountId, region: cluster.region };
}

function laneKey(at: AwsLocation): string {
  return `${at.accountId}/${at.region}`;
}
