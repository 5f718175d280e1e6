import type { EksEncryptionApiSchemas as Schemas } from './apiClient';

// The shapes of the eks-encryption API, aliases of the types generated from
// its OpenAPI spec (plugins/eks-encryption-backend/src/schema/openapi.yaml):
// the spec is their one definition, documented there.

/**
 * The id of a registered check: a built-in one or one a backend module added, so any
 * string matching `^[a-z0-9-]{1,64}$`. `GET /v1/checks` lists the registered ones.
 *
 * @public
 */
export type CheckId = Schemas['CheckId'];

/** @public */
export type Severity = Schemas['Severity'];

/** @public */
export type CheckStatus = Schemas['CheckStatus'];

/** @public */
export type ClusterVerdict = Schemas['ClusterVerdict'];

/** @public */
export type EntityVerdict = Schemas['EntityVerdict'];

/** @public */
export type Grade = Schemas['Grade'];

/**
 * How a cluster's Secrets are encrypted at rest.
 * `none`: before 1.28 without a KMS key; `aws-owned-default`: 1.28+ without a KMS key;
 * `kms-key`: an encryption config names a KMS key.
 *
 * @public
 */
export type EncryptionState = Schemas['EncryptionState'];

/** @public */
export type RemediationSnippet = Schemas['RemediationSnippet'];

/** @public */
export type Remediation = Schemas['Remediation'];

/** @public */
export type CheckResult = Schemas['CheckResult'];

/** @public */
export type ClusterScorecard = Schemas['ClusterScorecard'];

/**
 * The evaluation of one cluster, as the engine produces it: a scorecard's
 * cluster before the store judges its staleness and links.
 *
 * @public
 */
export type ClusterEvaluation = Omit<
  ClusterScorecard,
  'stale' | 'lastVerdict' | 'staleReason' | 'alsoLinkedBy'
>;

/** @public */
export type AnnotationError = Schemas['AnnotationError'];

/** @public */
export type EntityScorecard = Schemas['EntityScorecard'];

/**
 * Open findings (checks in `fail`) counted by severity.
 *
 * @public
 */
export type FindingCounts = Schemas['FindingCounts'];

/**
 * One page of `GET /v1/entities`.
 *
 * @public
 */
export type EntityScorecardPage = Schemas['EntityScorecardPage'];

/**
 * A row of `GET /v1/clusters`.
 *
 * @public
 */
export type ClusterListItem = Schemas['ClusterListItem'];

/** @public */
export type ClusterListPage = Schemas['ClusterListPage'];

/**
 * Rollup of one owner (`GET /v1/owners` rows).
 *
 * @public
 */
export type OwnerRollup = Schemas['OwnerRollup'];

/** @public */
export type OwnerEntityRow = Schemas['OwnerEntityRow'];

/**
 * `GET /v1/owners/:namespace/:kind/:name`.
 *
 * @public
 */
export type OwnerDetail = Schemas['OwnerDetail'];

/** @public */
export type TrendPoint = Schemas['TrendPoint'];

/**
 * `GET /v1/kpis`.
 *
 * @public
 */
export type OrgKpis = Schemas['OrgKpis'];

/**
 * Unclaimed production clusters and how many comply.
 *
 * @public
 */
export type UnclaimedKpis = Schemas['UnclaimedKpis'];

/**
 * A cluster found by discovery. `claimed`: a catalog entity (other than a Resource
 * the discovery provider emits) links it. `checks` only for unclaimed clusters.
 *
 * @public
 */
export type DiscoveredCluster = Schemas['DiscoveredCluster'];

/**
 * The last listing of one account and region; `reason` says why it is incomplete.
 *
 * @public
 */
export type DiscoveryListing = Schemas['DiscoveryListing'];

/**
 * `GET /v1/discovery`.
 *
 * @public
 */
export type Discovery = Schemas['Discovery'];

/**
 * `GET /v1/runs/:id` and the answer of `POST /v1/refresh`.
 *
 * @public
 */
export type RunInfo = Schemas['RunInfo'];

/** @public */
export type RunStatus = RunInfo['status'];

/** @public */
export type ClusterVerdictFilter = ClusterVerdict;
