import {
  parseClusterArn,
  partitionOfRegion,
  type ClusterArn,
} from 'backstage-plugin-eks-encryption-common';
import type {
  AwsCallOptions,
  EksEncryptionAwsSource,
} from 'backstage-plugin-eks-encryption-node';
import pLimit from 'p-limit';
import type { DiscoverySettings } from '../config';
import { describeFailure } from '../engine/failures';

/** One account and region as its listing left it. */
export interface DiscoveryListing {
  accountId: string;
  region: string;
  /** Every page was read: a cluster missing from it is gone. */
  complete: boolean;
  /** Why it is incomplete. */
  reason?: string;
  clusters: ClusterArn[];
}

// Listings in flight at once; each is itself limited per account and region by the source.
const LISTINGS_IN_FLIGHT = 4;

/**
 * Lists the clusters of the configured accounts and regions through the run's AWS
 * source: one `eks:ListClusters` page per 100 clusters per account and region.
 */
export class ClusterDiscovery {
  constructor(
    private readonly source: EksEncryptionAwsSource,
    private readonly settings: DiscoverySettings,
  ) {}

  get ownerTag(): string {
    return this.settings.ownerTag;
  }

  async list(call: AwsCallOptions = {}): Promise<DiscoveryListing[]> {
    const limit = pLimit(LISTINGS_IN_FLIGHT);
    const locations = this.settings.accounts.flatMap(accountId =>
      this.settings.regions.map(region => ({ accountId, region })),
    );
    return Promise.all(
      locations.map(at => limit(() => this.listOne(at.accountId, at.region, call))),
    );
  }

  private async listOne(
    accountId: string,
    region: string,
    call: AwsCallOptions,
  ): Promise<DiscoveryListing> {
    const listed = await this.source.listClusters({ accountId, region }, call);
    if (!listed.ok) {
      return {
        accountId,
        region,
        complete: false,
        reason: `${describeFailure(listed)}: ${listed.message}`,
        clusters: [],
      };
    }
    const partition = partitionOfRegion(region) ?? 'aws';
    const clusters: ClusterArn[] = [];
    for (const name of new Set(listed.value)) {
      const arn = parseClusterArn(
        `arn:${partition}:eks:${region}:${accountId}:cluster/${name}`,
      );
      // A name AWS would never return: the listing cannot be trusted to be whole.
      if ('error' in arn) {
        return {
          accountId,
          region,
          complete: false,
          reason: `eks:ListClusters returned an invalid cluster name: ${arn.error}`,
          clusters,
        };
      }
      clusters.push(arn);
    }
    return { accountId, region, complete: true, clusters };
  }
}
