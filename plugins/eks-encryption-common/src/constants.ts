/**
 * Annotation naming one or more EKS cluster ARNs, separated by commas or whitespace.
 *
 * @public
 */
export const EKS_CLUSTER_ARN_ANNOTATION =
  'aws.amazon.com/amazon-eks-cluster-arn';

/**
 * Annotation the catalog AWS module's EKS processor puts on cluster Resources.
 *
 * @public
 */
export const AWS_ARN_ANNOTATION = 'amazonaws.com/arn';

/**
 * Annotation by which an owner attests that existing Secrets were rewritten after
 * encryption was associated (an ISO 8601 date).
 *
 * @public
 */
export const SECRETS_REWRITTEN_AT_ANNOTATION =
  'aws.amazon.com/eks-secrets-rewritten-at';

/**
 * Resource `spec.type` of entities that are themselves Kubernetes clusters.
 *
 * @public
 */
export const KUBERNETES_CLUSTER_RESOURCE_TYPE = 'kubernetes-cluster';

/**
 * Most clusters one entity may name; further tokens are reported, not evaluated.
 *
 * @public
 */
export const MAX_CLUSTERS_PER_ENTITY = 50;

/**
 * Most annotation errors kept for one entity; further ones are counted in one
 * closing entry, so a hostile annotation cannot fill the store.
 *
 * @public
 */
export const MAX_ANNOTATION_ERRORS_PER_ENTITY = 20;

/**
 * Location type of the Resources the discovery entity provider
 * (`backstage-plugin-catalog-backend-module-eks-encryption`) emits, in their
 * `backstage.io/managed-by-location` annotation: `eks-encryption-discovery:<cluster ARN>`.
 * Such a Resource links its cluster without claiming it.
 *
 * @public
 */
export const DISCOVERY_LOCATION_TYPE = 'eks-encryption-discovery';
