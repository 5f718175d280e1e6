import type { ClusterArn } from 'backstage-plugin-eks-encryption-common';
import pLimit from 'p-limit';
import type {
  AwsCallOptions,
  AwsFailure,
  AwsLocation,
  AwsResult,
  EksEncryptionAwsSource,
  EksUpdate,
  KmsKey,
  KmsKeyRotation,
} from 'backstage-plugin-eks-encryption-node';
import { kmsLocation } from './arns';
import { describeFailure } from './failures';
import type {
  ClusterFacts,
  KeyFacts,
  ResolvedKeyFacts,
  UpdateHistory,
} from './facts';
import type { ClusterTarget, KnownFinishedUpdates } from './types';

const ASSOCIATE_ENCRYPTION_CONFIG = 'AssociateEncryptionConfig';
const FINISHED_STATUSES = new Set(['Successful', 'Failed', 'Cancelled']);

/** How the collector reads AWS. */
export interface CollectorOptions {
  /** Looks up which listed updates are known to be finished: never described again. */
  knownFinishedUpdates?: KnownFinishedUpdates;
  /** Told when the lookup fails; every listed update is then described. */
  onLookupError?: (cluster: ClusterArn, error: unknown) => void;
  /** Whether key tags are needed at all (some tags are required). */
  readKeyTags: boolean;
  /** `eks:DescribeUpdate` calls in flight for one cluster. */
  updateConcurrency: number;
  /** The run's deadline and cancellation, passed to every call. */
  call?: AwsCallOptions;
}

function isAssociation(update: EksUpdate, status: string): boolean {
  return (
    update.type === ASSOCIATE_ENCRYPTION_CONFIG && update.status === status
  );
}

function earlier(a: EksUpdate | undefined, b: EksUpdate): EksUpdate {
  if (!a) return b;
  return (b.createdAt ?? '') < (a.createdAt ?? '') ? b : a;
}

/** Memoises one answer per key: concurrent callers share the promise. */
class Once<T> {
  private readonly answers = new Map<string, Promise<T>>();

  get(key: string, call: () => Promise<T>): Promise<T> {
    let answer = this.answers.get(key);
    if (!answer) {
      answer = call();
      this.answers.set(key, answer);
    }
    return answer;
  }
}

/**
 * Reads what one evaluation run needs from AWS with the fewest calls: one
 * DescribeCluster and (for clusters with a key) one ListUpdates per cluster,
 * DescribeUpdate only for updates not known to be finished, one DescribeKey per key
 * reference, then one GetKeyRotationStatus, GetKeyPolicy and ListResourceTags per
 * resolved key ARN, shared by every cluster of the run.
 */
export class RunCollector {
  private readonly keyFacts = new Once<KeyFacts>();
  private readonly rotations = new Once<AwsResult<KmsKeyRotation>>();
  private readonly policies = new Once<AwsResult<string>>();
  private readonly tagSets = new Once<AwsResult<Record<string, string>>>();
  private readonly finished = new Map<string, EksUpdate>();

  private readonly call: AwsCallOptions;

  constructor(
    private readonly source: EksEncryptionAwsSource,
    private readonly options: CollectorOptions,
  ) {
    this.call = options.call ?? {};
  }

  /** Updates seen finished by this collector's DescribeUpdate calls. */
  finishedUpdates(): EksUpdate[] {
    return [...this.finished.values()];
  }

  async collect(target: ClusterTarget): Promise<ClusterFacts> {
    const described = await this.source.describeCluster(
      target.cluster,
      this.call,
    );
    if (!described.ok) return { ok: false, target, failure: described };
    const cluster = described.value;
    const keyRef = cluster.encryptionKeyRefs.find(ref => ref.length > 0);
    if (!keyRef) return { ok: true, target, cluster };
    const [key, updates] = await Promise.all([
      this.keyFacts.get(keyRef, () => this.readKey(keyRef, target.cluster)),
      this.readUpdates(target.cluster),
    ]);
    return { ok: true, target, cluster, keyRef, key, updates };
  }

  /**
   * DescribeKey with the credentials of the key's account; when that account has none,
   * with those of the cluster's account (DescribeKey and GetKeyRotationStatus work
   * across accounts, GetKeyPolicy and ListResourceTags do not).
   */
  private async readKey(ref: string, cluster: ClusterArn): Promise<KeyFacts> {
    const home = kmsLocation(ref, {
      accountId: cluster.accountId,
      region: cluster.region,
    });
    let readAt: AwsLocation = home;
    let metadata = await this.source.describeKey(ref, home, this.call);
    if (
      !metadata.ok &&
      metadata.kind === 'no-credentials' &&
      home.accountId !== cluster.accountId
    ) {
      const viaCluster: AwsLocation = {
        accountId: cluster.accountId,
        region: home.region,
      };
      const second = await this.source.describeKey(ref, viaCluster, this.call);
      if (second.ok) {
        metadata = second;
        readAt = viaCluster;
      } else {
        metadata = {
          ...metadata,
          message: `${
            metadata.message
          }; with the credentials of the cluster's account: ${describeFailure(
            second,
          )} (${second.message})`,
        };
      }
    }
    if (!metadata.ok) return { ref, metadata };
    const details = await this.readKeyDetails(metadata.value, readAt, home);
    return { ref, metadata, ...details };
  }

  private async readKeyDetails(
    key: KmsKey,
    readAt: AwsLocation,
    home: AwsLocation,
  ): Promise<Omit<ResolvedKeyFacts, 'ref' | 'metadata'>> {
    const location: AwsLocation = {
      accountId: key.accountId,
      region: kmsLocation(key.arn, home).region,
    };
    const rotationAt = readAt === home ? location : readAt;
    const readTags = this.options.readKeyTags && key.keyManager === 'CUSTOMER';
    const [rotation, policy, tags] = await Promise.all([
      this.rotations.get(key.arn, () =>
        this.source.getKeyRotationStatus(key.arn, rotationAt, this.call),
      ),
      this.policies.get(key.arn, () =>
        this.source.getKeyPolicy(key.arn, location, this.call),
      ),
      readTags
        ? this.tagSets.get(key.arn, () =>
            this.source.listResourceTags(key.arn, location, this.call),
          )
        : undefined,
    ]);
    return tags
      ? { location, rotation, policy, tags }
      : { location, rotation, policy };
  }

  /** The listed updates known to be finished; none when the lookup fails. */
  private async lookUpFinished(
    cluster: ClusterArn,
    ids: readonly string[],
  ): Promise<ReadonlyMap<string, EksUpdate>> {
    const lookup = this.options.knownFinishedUpdates;
    if (!lookup || ids.length === 0) return new Map();
    try {
      return await lookup(ids);
    } catch (error) {
      // Without the lookup every update is described again: slower, still correct.
      this.options.onLookupError?.(cluster, error);
      return new Map();
    }
  }

  /**
   * Finds the `AssociateEncryptionConfig` update. Known finished updates are read from
   * memory; the others are described until a successful association turns up.
   */
  private async readUpdates(cluster: ClusterArn): Promise<UpdateHistory> {
    const listed = await this.source.listUpdates(cluster, this.call);
    if (!listed.ok) return { ok: false, failure: listed };
    let association: EksUpdate | undefined;
    let associationInProgress: EksUpdate | undefined;
    let unread: { updateId: string; failure: AwsFailure } | undefined;
    const ids = [...new Set(listed.value)];
    const knownUpdates = await this.lookUpFinished(cluster, ids);
    const toDescribe: string[] = [];
    for (const id of ids) {
      const known = knownUpdates.get(id);
      if (!known) toDescribe.push(id);
      else if (isAssociation(known, 'Successful')) {
        association = earlier(association, known);
      }
    }
    if (association) return { ok: true, association };
    const limit = pLimit(this.options.updateConcurrency);
    const describe = async (id: string) => {
      // Once a successful association turns up, updates not started are skipped.
      if (association) return;
      const described = await this.source.describeUpdate(
        cluster,
        id,
        this.call,
      );
      if (!described.ok) {
        unread ??= { updateId: id, failure: described };
        return;
      }
      const update = { ...described.value, id };
      if (update.status && FINISHED_STATUSES.has(update.status)) {
        this.finished.set(id, update);
      }
      if (isAssociation(update, 'Successful')) {
        association = earlier(association, update);
      } else if (isAssociation(update, 'InProgress')) {
        associationInProgress = update;
      }
    };
    await Promise.all(toDescribe.map(id => limit(() => describe(id))));
    if (association) return { ok: true, association };
    return { ok: true, associationInProgress, unread };
  }
}
