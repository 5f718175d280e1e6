import type { LoggerService } from '@backstage/backend-plugin-api';
import type { DeferredEntity } from '@backstage/plugin-catalog-node';
import {
  displayToken,
  parseClusterArn,
  type DiscoveredCluster,
} from 'backstage-plugin-eks-encryption-common';
import { clusterEntity, discoveryLocationRef } from './clusterEntity';
import { toOwnerRef } from './ownerRef';

export interface DiscoveredEntitiesOptions {
  /** The owner of a cluster without `ownerRef`: a full entity ref. */
  ownerFallback: string;
  logger: LoggerService;
}

/**
 * One Resource per discovered cluster, claimed or not. A cluster whose ARN
 * does not parse is left out with a warning rather than failing the run: one
 * odd row must not keep every other cluster out of the catalog.
 */
export function discoveredEntities(
  clusters: readonly DiscoveredCluster[],
  options: DiscoveredEntitiesOptions,
): DeferredEntity[] {
  const { ownerFallback, logger } = options;
  // Keyed by lower-cased name: the catalog compares names case-insensitively.
  const byName = new Map<string, { arn: string; deferred: DeferredEntity }>();
  for (const cluster of clusters) {
    const arn = parseClusterArn(String(cluster?.arn));
    if ('error' in arn) {
      logger.warn(
        `Skipped discovered EKS cluster '${displayToken(
          String(cluster?.arn),
        )}': ${arn.error}`,
      );
      continue;
    }
    const owner = ownerOf(cluster, ownerFallback, logger);
    const entity = clusterEntity(arn, owner);
    const name = entity.metadata.name.toLocaleLowerCase('en-US');
    const earlier = byName.get(name);
    if (earlier) {
      // The same ARN listed twice; distinct ARNs only meet on a hash collision.
      if (earlier.arn !== arn.arn) {
        logger.warn(
          `Skipped discovered EKS cluster ${arn.arn}: its entity name ${entity.metadata.name} is already used by another cluster`,
        );
      }
      continue;
    }
    byName.set(name, {
      arn: arn.arn,
      deferred: { entity, locationKey: discoveryLocationRef(arn.arn) },
    });
  }
  return [...byName.values()].map(({ deferred }) => deferred);
}

function ownerOf(
  cluster: DiscoveredCluster,
  ownerFallback: string,
  logger: LoggerService,
): string {
  if (!cluster.ownerRef) return ownerFallback;
  const ref = toOwnerRef(cluster.ownerRef);
  if (!ref) {
    logger.warn(
      `EKS cluster ${cluster.arn} has owner '${displayToken(
        cluster.ownerRef,
      )}', not an entity ref; using ${ownerFallback}`,
    );
  }
  return ref ?? ownerFallback;
}
