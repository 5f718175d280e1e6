import type { Entity } from '@backstage/catalog-model';
import type {
  AnnotationError,
  ClusterArn,
} from 'backstage-plugin-eks-encryption-common';
import { EKS_CLUSTER_ARN_ANNOTATION } from 'backstage-plugin-eks-encryption-common';
import {
  dependencyRefsOf,
  entityRefOf,
  isClusterResource,
  ownClustersOf,
  ownerRefOf,
  resourceClustersOf,
  secretsRewrittenAtOf,
} from './annotations';
import type { CatalogLinks, EntityClusterLinks } from './types';

interface ClusterEntry {
  cluster: ClusterArn;
  secretsRewrittenAt?: string;
}

/**
 * Gathers catalog entities page by page and turns them into entity links and unique
 * cluster targets. Resources must be added before the entities that depend on them
 * are built, which {@link LinkAccumulator.build} guarantees by working at the end.
 */
export class LinkAccumulator {
  private readonly resources = new Map<string, Entity>();
  private readonly entities = new Map<string, Entity>();

  constructor(private readonly now: Date) {}

  /** A Resource that may stand for clusters; kept only when it does. */
  addResource(entity: Entity): void {
    if (resourceClustersOf(entity).length > 0) {
      this.resources.set(entityRefOf(entity), entity);
    }
  }

  /** An entity that may get a scorecard. */
  addEntity(entity: Entity): void {
    this.entities.set(entityRefOf(entity), entity);
  }

  hasResource(entityRef: string): boolean {
    return this.resources.has(entityRef);
  }

  /** Refs of the Resources that stand for at least one cluster. */
  clusterResourceRefs(): string[] {
    return [...this.resources.keys()];
  }

  build(): CatalogLinks {
    const clusters = new Map<string, ClusterEntry>();
    const attest = (cluster: ClusterArn, date: string | undefined) => {
      const entry = clusters.get(cluster.arn) ?? { cluster };
      if (
        date &&
        (!entry.secretsRewrittenAt || date > entry.secretsRewrittenAt)
      ) {
        entry.secretsRewrittenAt = date;
      }
      clusters.set(cluster.arn, entry);
    };

    const entities: EntityClusterLinks[] = [];
    for (const [entityRef, entity] of this.entities) {
      const { linked, errors, hasAnnotation } = this.clustersOf(entity);
      const rewritten = secretsRewrittenAtOf(entity, this.now);
      if (!hasAnnotation && linked.length === 0) continue;
      if (rewritten.error) errors.push(rewritten.error);
      for (const cluster of linked) attest(cluster, rewritten.value);
      entities.push({
        entityRef,
        ownerRef: ownerRefOf(entity),
        clusterArns: linked.map(c => c.arn),
        annotationErrors: errors,
      });
    }

    // A Resource's attestation counts for its clusters even without a scorecard of its own.
    for (const resource of this.resources.values()) {
      const { value } = secretsRewrittenAtOf(resource, this.now);
      if (!value) continue;
      for (const cluster of resourceClustersOf(resource)) {
        if (clusters.has(cluster.arn)) attest(cluster, value);
      }
    }

    entities.sort((a, b) => a.entityRef.localeCompare(b.entityRef));
    const targets = [...clusters.values()]
      .sort((a, b) => a.cluster.arn.localeCompare(b.cluster.arn))
      .map(({ cluster, secretsRewrittenAt }) =>
        secretsRewrittenAt ? { cluster, secretsRewrittenAt } : { cluster },
      );
    return { entities, targets };
  }

  private clustersOf(entity: Entity): {
    linked: ClusterArn[];
    errors: AnnotationError[];
    hasAnnotation: boolean;
  } {
    const own = ownClustersOf(entity);
    const linked = new Map<string, ClusterArn>();
    for (const cluster of own.clusters) linked.set(cluster.arn, cluster);
    if (isClusterResource(entity)) {
      for (const cluster of resourceClustersOf(entity)) {
        linked.set(cluster.arn, cluster);
      }
    }
    for (const dependency of dependencyRefsOf(entity)) {
      const resource = this.resources.get(dependency);
      if (!resource) continue;
      for (const cluster of resourceClustersOf(resource)) {
        if (!linked.has(cluster.arn)) linked.set(cluster.arn, cluster);
      }
    }
    return {
      linked: [...linked.values()],
      errors: [...own.errors],
      hasAnnotation:
        entity.metadata.annotations?.[EKS_CLUSTER_ARN_ANNOTATION] !== undefined,
    };
  }
}
