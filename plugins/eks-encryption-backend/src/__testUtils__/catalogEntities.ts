import type { Entity } from '@backstage/catalog-model';
import { EKS_CLUSTER_ARN_ANNOTATION } from 'backstage-plugin-eks-encryption-common';

/** A Component owned by `owner` whose cluster ARN annotation holds `clusters` as is. */
export function annotatedComponent(
  name: string,
  owner: string,
  clusters: string,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: { [EKS_CLUSTER_ARN_ANNOTATION]: clusters },
    },
    spec: { type: 'service', owner, lifecycle: 'production' },
  };
}
