import {
  Entity,
  RELATION_DEPENDS_ON,
  parseEntityRef,
} from '@backstage/catalog-model';
import {
  EKS_CLUSTER_ARN_ANNOTATION,
  KUBERNETES_CLUSTER_RESOURCE_TYPE,
} from 'backstage-plugin-eks-encryption-common';

function isClusterResource(entity: Entity): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'resource' &&
    entity.spec?.type === KUBERNETES_CLUSTER_RESOURCE_TYPE
  );
}

function dependsOnResource(entity: Entity): boolean {
  return (entity.relations ?? []).some(relation => {
    if (relation.type !== RELATION_DEPENDS_ON) {
      return false;
    }
    try {
      return (
        parseEntityRef(relation.targetRef).kind.toLocaleLowerCase('en-US') ===
        'resource'
      );
    } catch {
      return false;
    }
  });
}

/**
 * Whether an entity can have an EKS Secrets encryption scorecard: it names
 * clusters with the `aws.amazon.com/amazon-eks-cluster-arn` annotation, is a
 * `kubernetes-cluster` Resource, or depends on a Resource that may name one.
 *
 * @public
 */
export function isEksEncryptionAvailable(entity: Entity): boolean {
  return (
    Boolean(entity.metadata.annotations?.[EKS_CLUSTER_ARN_ANNOTATION]) ||
    isClusterResource(entity) ||
    dependsOnResource(entity)
  );
}
