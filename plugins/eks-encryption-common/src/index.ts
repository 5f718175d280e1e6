/**
 * Types, annotation parser, check catalogue, scoring and permissions shared by the
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
  ClusterScorecard,
  ClusterVerdict,
  EncryptionState,
  EntityScorecard,
  EntityVerdict,
  Grade,
  Remediation,
  RemediationSnippet,
  Severity,
} from './types';
export {
  CHECK_IDS,
  CHECKS,
  getCheckDefinition,
  isBuiltInCheckId,
  type BuiltInCheckId,
  type CheckDefinition,
} from './checks';
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
export type {
  ClusterListItem,
  ClusterListPage,
  ClusterVerdictFilter,
  DiscoveredCluster,
  Discovery,
  DiscoveryListing,
  EntityScorecardPage,
  FindingCounts,
  OrgKpis,
  OwnerDetail,
  OwnerEntityRow,
  OwnerRollup,
  RunInfo,
  RunStatus,
  TrendPoint,
  UnclaimedKpis,
} from './api';
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
