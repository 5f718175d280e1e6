import type { EksEncryptionApiCheck } from 'backstage-plugin-eks-encryption-common';

// The shapes the eks-encryption API answers with: common's aliases of the
// types generated from its OpenAPI spec, under the names the components use.

export type {
  AnnotationError,
  CheckResult,
  ClusterListItem,
  ClusterListPage,
  ClusterScorecard,
  DiscoveredCluster,
  Discovery,
  DiscoveryListing,
  EntityScorecard,
  EntityScorecardPage,
  FindingCounts,
  OrgKpis,
  OwnerDetail,
  OwnerEntityRow,
  OwnerRollup,
  Remediation,
  RemediationSnippet,
  RunInfo,
  Severity,
  TrendPoint,
  UnclaimedKpis,
} from 'backstage-plugin-eks-encryption-common';

/**
 * A check as `GET /v1/checks` lists it.
 *
 * @public
 */
export type CheckDefinition = EksEncryptionApiCheck;
