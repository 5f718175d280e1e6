import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ClusterArn } from 'backstage-plugin-eks-encryption-common';
import type {
  AwsCallOptions,
  AwsLocation,
  AwsResult,
  EksCluster,
  EksEncryptionAwsSource,
  EksUpdate,
  KmsKey,
  KmsKeyRotation,
} from '../aws/types';
import type { EksEncryptionStore } from '../database/EksEncryptionStore';

/**
 * Answers `eks:DescribeUpdate` from the store for updates already known to be
 * finished, so each update is described by AWS once in its life. Listing a cluster's
 * updates looks up which of them the store knows; every other call goes to AWS.
 */
export class KnownUpdatesAwsSource implements EksEncryptionAwsSource {
  /** Known finished updates by cluster ARN, from the cluster's latest listing. */
  private readonly known = new Map<string, Map<string, EksUpdate>>();

  constructor(
    private readonly source: EksEncryptionAwsSource,
    private readonly store: Pick<EksEncryptionStore, 'getFinishedUpdates'>,
    private readonly logger: LoggerService,
  ) {}

  async listUpdates(
    cluster: ClusterArn,
    options?: AwsCallOptions,
  ): Promise<AwsResult<string[]>> {
    const listed = await this.source.listUpdates(cluster, options);
    this.known.delete(cluster.arn);
    if (listed.ok && listed.value.length > 0) {
      try {
        this.known.set(
          cluster.arn,
          await this.store.getFinishedUpdates(listed.value),
        );
      } catch (error) {
        // Without the store every update is described again: slower, still correct.
        this.logger.warn(
          `Could not read the known updates of ${cluster.arn}: ${error}`,
        );
      }
    }
    return listed;
  }

  async describeUpdate(
    cluster: ClusterArn,
    updateId: string,
    options?: AwsCallOptions,
  ): Promise<AwsResult<EksUpdate>> {
    const known = this.known.get(cluster.arn)?.get(updateId);
    if (known) return { ok: true, value: known };
    return this.source.describeUpdate(cluster, updateId, options);
  }

  describeCluster(
    cluster: ClusterArn,
    options?: AwsCallOptions,
  ): Promise<AwsResult<EksCluster>> {
    return this.source.describeCluster(cluster, options);
  }

  describeKey(
    keyRef: string,
    at: AwsLocation,
    options?: AwsCallOptions,
  ): Promise<AwsResult<KmsKey>> {
    return this.source.describeKey(keyRef, at, options);
  }

  getKeyRotationStatus(
    keyArn: string,
    at: AwsLocation,
    options?: AwsCallOptions,
  ): Promise<AwsResult<KmsKeyRotation>> {
    return this.source.getKeyRotationStatus(keyArn, at, options);
  }

  getKeyPolicy(
    keyArn: string,
    at: AwsLocation,
    options?: AwsCallOptions,
  ): Promise<AwsResult<string>> {
    return this.source.getKeyPolicy(keyArn, at, options);
  }

  listResourceTags(
    keyArn: string,
    at: AwsLocation,
    options?: AwsCallOptions,
  ): Promise<AwsResult<Record<string, string>>> {
    return this.source.listResourceTags(keyArn, at, options);
  }
}
