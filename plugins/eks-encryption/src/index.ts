/**
 * Frontend of the EKS Secrets encryption plugins: scorecard card, team rollup
 * card and org page.
 *
 * @packageDocumentation
 */
export {
  eksEncryptionPlugin,
  EntityEksEncryptionCard,
  EntityEksEncryptionOwnershipCard,
  EksEncryptionPage,
} from './plugin';
export { isEksEncryptionAvailable } from './isEksEncryptionAvailable';
export { eksEncryptionApiRef, EksEncryptionClient } from './api';
export type {
  AnnotationError,
  CheckDefinition,
  CheckResult,
  ClusterListItem,
  ClusterListPage,
  ClusterListQuery,
  ClusterScorecard,
  DiscoveredCluster,
  Discovery,
  DiscoveryListing,
  EksEncryptionApi,
  EntityRefInput,
  EntityScorecard,
  EntityScorecardPage,
  FindingCounts,
  OrgKpis,
  OwnerDetail,
  OwnerEntityRow,
  OwnerQuery,
  OwnerRollup,
  Remediation,
  RemediationSnippet,
  RunInfo,
  Severity,
  TrendPoint,
  UnclaimedKpis,
} from './api';
export type { EntityEksEncryptionCardProps } from './components/EntityEksEncryptionCard';
export type { EntityEksEncryptionOwnershipCardProps } from './components/EntityEksEncryptionOwnershipCard';
