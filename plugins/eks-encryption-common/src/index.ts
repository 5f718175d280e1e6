/**
 * Types, annotation parser, scoring and permissions shared by the
 * EKS Secrets encryption plugins.
 *
 * @packageDocumentation
 */
export {
  AWS_ARN_ANNOTATION,
  DISCOVERY_LOCATION_TYPE,
  EKS_CLUSTER_ARN_ANNOTATION,
  KUBERNETES_CLUSTER_RESOURCE_TYPE,
  MAX_ANNOTATION_ERRORS_PER_ENTITY,
  MAX_CLUSTERS_PER_ENTITY,
  SECRETS_REWRITTEN_AT_ANNOTATION,
} from './constants';
export type {
  AnnotationError,
  CheckId,
  CheckResult,
  CheckStatus,
  ClusterEvaluation,
  ClusterListItem,
  ClusterListPage,
  ClusterScorecard,
  ClusterVerdict,
  ClusterVerdictFilter,
  DiscoveredCluster,
  Discovery,
  DiscoveryListing,
  EncryptionState,
  EntityScorecard,
  EntityScorecardPage,
  EntityVerdict,
  FindingCounts,
  Grade,
  OrgKpis,
  OwnerDetail,
  OwnerEntityRow,
  OwnerRollup,
  Remediation,
  RemediationSnippet,
  RunInfo,
  RunStatus,
  Severity,
  TrendPoint,
  UnclaimedKpis,
} from './types';
export type { CheckDefinition } from './checks';
export {
  capAnnotationErrors,
  displayToken,
  parseAttestationDate,
  parseClusterArn,
  partitionOfRegion,
  parseClusterArns,
  type AwsPartition,
  type ClusterArn,
  type ParseClusterArnsOptions,
  type ParsedClusterArns,
} from './annotation';
export {
  clusterVerdict,
  gradeFor,
  scoreChecks,
  SEVERITY_WEIGHTS,
  summarizeCluster,
  summarizeEntity,
  VERDICT_ORDER,
  worstVerdict,
} from './scoring';
export {
  eksEncryptionPermissions,
  eksEncryptionRefreshPermission,
  eksEncryptionUnclaimedReadPermission,
} from './permissions';
export {
  createEksEncryptionApiClient,
  eksEncryptionApiLimits,
  requireBody,
  type EksEncryptionApiCheck,
  type EksEncryptionApiClient,
  type EksEncryptionApiClientOptions,
  type EksEncryptionApiPaths,
  type EksEncryptionApiSchemas,
} from './apiClient';
