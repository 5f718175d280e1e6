import {
  Entity,
  RELATION_DEPENDS_ON,
  RELATION_OWNED_BY,
  ANNOTATION_LOCATION,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  AWS_ARN_ANNOTATION,
  AnnotationError,
  ClusterArn,
  DISCOVERY_LOCATION_TYPE,
  EKS_CLUSTER_ARN_ANNOTATION,
  KUBERNETES_CLUSTER_RESOURCE_TYPE,
  SECRETS_REWRITTEN_AT_ANNOTATION,
  displayToken,
  parseAttestationDate,
  parseClusterArn,
  parseClusterArns,
} from 'backstage-plugin-eks-encryption-common';

/** The parts of an entity the linker reads; every catalog query asks for these only. */
export const LINK_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.annotations',
  'spec.owner',
  'spec.type',
  'relations',
];

/** Entity refs compare case-insensitively; the catalog stores relations lower-cased. */
export function entityRefOf(entity: Entity): string {
  return stringifyEntityRef(entity);
}

function annotation(entity: Entity, key: string): string | undefined {
  const value = entity.metadata.annotations?.[key];
  return typeof value === 'string' ? value : undefined;
}

/** The owner as a full entity ref: the `ownedBy` relation, else `spec.owner`. */
export function ownerRefOf(entity: Entity): string | undefined {
  const relation = entity.relations?.find(r => r.type === RELATION_OWNED_BY);
  if (relation) return relation.targetRef.toLocaleLowerCase('en-US');
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || owner.trim() === '') return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(owner.trim(), {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return undefined;
  }
}

/** Refs of the entities this one `dependsOn`. */
export function dependencyRefsOf(entity: Entity): string[] {
  return (entity.relations ?? [])
    .filter(r => r.type === RELATION_DEPENDS_ON)
    .map(r => r.targetRef.toLocaleLowerCase('en-US'));
}

/**
 * Clusters named by the entity's own cluster ARN annotation, and all its bad tokens:
 * the caller adds errors of its own and caps the whole list.
 */
export function ownClustersOf(entity: Entity): {
  clusters: ClusterArn[];
  errors: AnnotationError[];
} {
  const value = entity.metadata.annotations?.[EKS_CLUSTER_ARN_ANNOTATION];
  return parseClusterArns(value, { maxErrors: Infinity });
}

/**
 * The EKS clusters a Resource stands for: its cluster ARN annotation, plus
 * `amazonaws.com/arn` when that names an EKS cluster (it may name any AWS resource,
 * so anything else is silently not a cluster).
 */
export function resourceClustersOf(entity: Entity): ClusterArn[] {
  if (entity.kind.toLocaleLowerCase('en-US') !== 'resource') return [];
  const clusters = ownClustersOf(entity).clusters;
  const awsArn = annotation(entity, AWS_ARN_ANNOTATION)?.trim();
  if (awsArn) {
    const parsed = parseClusterArn(awsArn);
    if (!('error' in parsed) && !clusters.some(c => c.arn === parsed.arn)) {
      clusters.push(parsed);
    }
  }
  return clusters;
}

/** Whether the entity is a Resource of type `kubernetes-cluster`. */
export function isClusterResource(entity: Entity): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'resource' &&
    entity.spec?.type === KUBERNETES_CLUSTER_RESOURCE_TYPE
  );
}

/** Whether the discovery provider emitted the entity (it links, it does not claim). */
export function isDiscoveryResource(entity: Entity): boolean {
  const location = entity.metadata.annotations?.[ANNOTATION_LOCATION];
  return (
    isClusterResource(entity) &&
    location?.startsWith(`${DISCOVERY_LOCATION_TYPE}:`) === true
  );
}

/**
 * The owner's attestation that existing Secrets were rewritten, as an ISO timestamp,
 * or the reason the value is refused. A date in the future is refused: it would
 * attest a rewrite that has not happened.
 */
export function secretsRewrittenAtOf(
  entity: Entity,
  now: Date,
): { value?: string; error?: AnnotationError } {
  const raw = annotation(entity, SECRETS_REWRITTEN_AT_ANNOTATION)?.trim();
  if (raw === undefined || raw === '') return {};
  const parsed = parseAttestationDate(raw, now);
  if ('error' in parsed) {
    return {
      error: {
        token: displayToken(raw),
        reason: `${SECRETS_REWRITTEN_AT_ANNOTATION} ${parsed.error}`,
      },
    };
  }
  return { value: parsed.value };
}
