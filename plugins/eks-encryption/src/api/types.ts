import type {
  EksEncryptionApiCheck,
  EksEncryptionApiSchemas as Schemas,
} from 'backstage-plugin-eks-encryption-common';

// The shapes the eks-encryption API answers with, generated from its OpenAPI
// spec (see backstage-plugin-eks-encryption-common), under the names the
// components use.

/** @public */
export type CheckDefinition = EksEncryptionApiCheck;
/** @public */
export type CheckResult = Schemas['CheckResult'];
/** @public */
export type Remediation = Schemas['Remediation'];
/** @public */
export type RemediationSnippet = Schemas['RemediationSnippet'];
/** @public */
export type AnnotationError = Schemas['AnnotationError'];
/** @public */
export type ClusterScorecard = Schemas['ClusterScorecard'];
/** @public */
export type EntityScorecard = Schemas['EntityScorecard'];
/** @public */
export type EntityScorecardPage = Schemas['EntityScorecardPage'];
/** @public */
export type ClusterListItem = Schemas['ClusterListItem'];
/** @public */
export type ClusterListPage = Schemas['ClusterListPage'];
/** @public */
export type FindingCounts = Schemas['FindingCounts'];
/** @public */
export type OwnerRollup = Schemas['OwnerRollup'];
/** @public */
export type OwnerEntityRow = Schemas['OwnerEntityRow'];
/** @public */
export type OwnerDetail = Schemas['OwnerDetail'];
/** @public */
export type TrendPoint = Schemas['TrendPoint'];
/** @public */
export type OrgKpis = Schemas['OrgKpis'];
/** @public */
export type UnclaimedKpis = Schemas['UnclaimedKpis'];
/** @public */
export type DiscoveredCluster = Schemas['DiscoveredCluster'];
/** @public */
export type DiscoveryListing = Schemas['DiscoveryListing'];
/** @public */
export type Discovery = Schemas['Discovery'];
/** @public */
export type RunInfo = Schemas['RunInfo'];
/** @public */
export type Severity = Schemas['Severity'];
