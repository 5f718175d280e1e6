import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  DEFAULT_NAMESPACE,
  stringifyLocationRef,
  type Entity,
} from '@backstage/catalog-model';
import {
  AWS_ARN_ANNOTATION,
  DISCOVERY_LOCATION_TYPE,
  KUBERNETES_CLUSTER_RESOURCE_TYPE,
  type ClusterArn,
} from 'backstage-plugin-eks-encryption-common';
import { discoveredClusterEntityName } from './entityName';

/** As the catalog AWS module writes it on its EKS Resources. */
const AWS_ACCOUNT_ID_ANNOTATION = 'amazonaws.com/account-id';
/** Labels, unlike annotations, can be filtered on in the catalog UI. */
const AWS_ACCOUNT_ID_LABEL = 'amazonaws.com/account-id';
const AWS_REGION_LABEL = 'amazonaws.com/region';

/**
 * `eks-encryption-discovery:<cluster ARN>`: the backend tells the provider's
 * Resources from others by this location type, so they link their cluster
 * without claiming it.
 */
export function discoveryLocationRef(arn: string): string {
  return stringifyLocationRef({ type: DISCOVERY_LOCATION_TYPE, target: arn });
}

/** The Resource the provider emits for one discovered cluster. */
export function clusterEntity(cluster: ClusterArn, owner: string): Entity {
  const location = discoveryLocationRef(cluster.arn);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: discoveredClusterEntityName(cluster),
      namespace: DEFAULT_NAMESPACE,
      title: cluster.name,
      description: `EKS cluster ${cluster.name} in AWS account ${cluster.accountId}, region ${cluster.region}, found by the EKS Secrets encryption discovery.`,
      annotations: {
        [ANNOTATION_LOCATION]: location,
        [ANNOTATION_ORIGIN_LOCATION]: location,
        [AWS_ARN_ANNOTATION]: cluster.arn,
        [AWS_ACCOUNT_ID_ANNOTATION]: cluster.accountId,
      },
      labels: {
        [AWS_ACCOUNT_ID_LABEL]: cluster.accountId,
        [AWS_REGION_LABEL]: cluster.region,
      },
    },
    spec: {
      type: KUBERNETES_CLUSTER_RESOURCE_TYPE,
      owner,
    },
  };
}
