import type { Entity } from '@backstage/catalog-model';
import {
  EKS_CLUSTER_ARN_ANNOTATION,
  capAnnotationErrors,
  type AnnotationError,
  type ClusterArn,
} from 'backstage-plugin-eks-encryption-common';
import type { ClusterNamer, ClusterTarget } from '../engine/types';
import {
  dependencyRefsOf,
  entityRefOf,
  isClusterResource,
  isDiscoveryResource,
  ownClustersOf,
  ownerRefOf,
  resourceClustersOf,
  secretsRewrittenAtOf,
} from './annotations';
import type { CatalogLinks, EntityClusterLinks } from './types';

interface ClusterEntry {
  cluster: ClusterArn;
  namedBy: Map<string, ClusterNamer>;
}

const ALLOWED_ACCOUNTS_KEY = 'eksEncryption.aws.allowedAccounts';

/**
 * Gathers catalog entities page by page and turns them into entity links and unique
 * cluster targets. Resources must be added before the entities that depend on them
 * are built, which {@link LinkAccumulator.build} guarantees by working at the end.
 *
 * A cluster in an account outside `allowedAccounts` (when set) is never linked and
 * never becomes a target: it is an annotation error on the entity that names it, or
 * inherits it from a Resource.
 */
export class LinkAccumulator {
  private readonly resources = new Map<string, Entity>();
  private readonly entities = new Map<string, Entity>();
  private readonly allowed?: ReadonlySet<string>;

  constructor(private readonly now: Date, allowedAccounts?: readonly string[]) {
    if (allowedAccounts) this.allowed = new Set(allowedAccounts);
  }

  /** A Resource that may stand for clusters; kept only when it does (allowed or not). */
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

  /** Refs of the Resources that stand for at least one cluster, allowed or not. */
  clusterResourceRefs(): string[] {
    return [...this.resources.keys()];
  }

  build(): CatalogLinks {
    const clusters = new Map<string, ClusterEntry>();
    const name = (cluster: ClusterArn, namer: ClusterNamer) => {
      const entry = clusters.get(cluster.arn) ?? {
        cluster,
        namedBy: new Map<string, ClusterNamer>(),
      };
      if (!entry.namedBy.has(namer.entityRef)) {
        entry.namedBy.set(namer.entityRef, namer);
      }
      clusters.set(cluster.arn, entry);
    };

    const entities: EntityClusterLinks[] = [];
    for (const [entityRef, entity] of this.entities) {
      const { linked, errors, hasAnnotation } = this.clustersOf(
        entity,
        entityRef,
      );
      if (!hasAnnotation && linked.length === 0 && errors.length === 0) {
        continue;
      }
      const rewritten = secretsRewrittenAtOf(entity, this.now);
      if (rewritten.error) errors.push(rewritten.error);
      const ownerRef = ownerRefOf(entity);
      const namer = namerOf(entityRef, ownerRef, rewritten.value);
      for (const cluster of linked) name(cluster, namer);
      entities.push({
        entityRef,
        ...(ownerRef ? { ownerRef } : {}),
        clusterArns: linked.map(c => c.arn),
        annotationErrors: capAnnotationErrors(errors),
        ...(rewritten.value ? { secretsRewrittenAt: rewritten.value } : {}),
        ...(isDiscoveryResource(entity) ? { claims: false as const } : {}),
      });
    }

    // A Resource names the clusters it stands for, even without a scorecard of its own.
    for (const [resourceRef, resource] of this.resources) {
      const standsFor = resourceClustersOf(resource).filter(c =>
        clusters.has(c.arn),
      );
      if (standsFor.length === 0) continue;
      const namer = namerOf(
        resourceRef,
        ownerRefOf(resource),
        secretsRewrittenAtOf(resource, this.now).value,
      );
      for (const cluster of standsFor) name(cluster, namer);
    }

    entities.sort((a, b) => a.entityRef.localeCompare(b.entityRef));
    const targets: ClusterTarget[] = [...clusters.values()]
      .sort((a, b) => a.cluster.arn.localeCompare(b.cluster.arn))
      .map(({ cluster, namedBy }) => ({
        cluster,
        namedBy: [...namedBy.values()].sort((a, b) =>
          a.entityRef.localeCompare(b.entityRef),
        ),
      }));
    return { entities, targets };
  }

  private isAllowed(cluster: ClusterArn): boolean {
    return !this.allowed || this.allowed.has(cluster.accountId);
  }

  private clustersOf(
    entity: Entity,
    entityRef: string,
  ): {
    linked: ClusterArn[];
    errors: AnnotationError[];
    hasAnnotation: boolean;
  } {
    const own = ownClustersOf(entity);
    const errors = [...own.errors];
    const linked = new Map<string, ClusterArn>();
    const refused = new Set<string>();
    const named = [...own.clusters];
    if (isClusterResource(entity)) named.push(...resourceClustersOf(entity));
    for (const cluster of named) {
      if (linked.has(cluster.arn) || refused.has(cluster.arn)) continue;
      if (this.isAllowed(cluster)) {
        linked.set(cluster.arn, cluster);
      } else {
        refused.add(cluster.arn);
        errors.push({
          token: cluster.arn,
          reason: `account ${cluster.accountId} is not in ${ALLOWED_ACCOUNTS_KEY}`,
        });
      }
    }
    for (const dependency of dependencyRefsOf(entity)) {
      const resource = this.resources.get(dependency);
      if (!resource || dependency === entityRef) continue;
      for (const cluster of resourceClustersOf(resource)) {
        if (linked.has(cluster.arn)) continue;
        if (this.isAllowed(cluster)) {
          linked.set(cluster.arn, cluster);
        } else if (!refused.has(cluster.arn)) {
          refused.add(cluster.arn);
          errors.push({
            token: cluster.arn,
            reason: `${dependency}, which this entity depends on, names a cluster in account ${cluster.accountId}, which is not in ${ALLOWED_ACCOUNTS_KEY}; it is not inherited`,
          });
        }
      }
    }
    return {
      linked: [...linked.values()],
      errors,
      hasAnnotation:
        entity.metadata.annotations?.[EKS_CLUSTER_ARN_ANNOTATION] !== undefined,
    };
  }
}

function namerOf(
  entityRef: string,
  ownerRef: string | undefined,
  secretsRewrittenAt: string | undefined,
): ClusterNamer {
  return {
    entityRef,
    ...(ownerRef ? { ownerRef } : {}),
    ...(secretsRewrittenAt ? { secretsRewrittenAt } : {}),
  };
}
