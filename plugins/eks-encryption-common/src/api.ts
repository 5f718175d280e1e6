import type {
  CheckResult,
  ClusterScorecard,
  ClusterVerdict,
  EntityScorecard,
  EntityVerdict,
  Grade,
  Severity,
} from './types';

/**
 * Open findings (checks in `fail`) counted by severity.
 *
 * @public
 */
export type FindingCounts = Record<Severity, number>;

/**
 * One page of `GET /v1/entities`.
 *
 * @public
 */
export interface EntityScorecardPage {
  items: EntityScorecard[];
  /** Pass as `cursor` to read the next page; absent on the last page. */
  nextCursor?: string;
}

/**
 * A row of `GET /v1/clusters`.
 *
 * @public
 */
export interface ClusterListItem extends Omit<ClusterScorecard, 'checks'> {
  /** Owners of the readable entities linked to this cluster. */
  owners: string[];
  /** Readable entities linked to this cluster. */
  entityRefs: string[];
  openFindings: FindingCounts;
}

/** @public */
export interface ClusterListPage {
  items: ClusterListItem[];
  totalCount: number;
  nextCursor?: string;
}

/**
 * Rollup of one owner (`GET /v1/owners` rows).
 *
 * @public
 */
export interface OwnerRollup {
  ownerRef: string;
  entities: number;
  compliantEntities: number;
  clusters: number;
  compliantClusters: number;
  openFindings: FindingCounts;
  /** Mean time to resolve a failing check, over findings resolved in the retention window. */
  mttrHours: number | null;
}

/** @public */
export interface OwnerEntityRow {
  entityRef: string;
  ownerRef: string;
  verdict: EntityVerdict;
  score: number | null;
  grade: Grade | null;
  clusters: number;
  openFindings: FindingCounts;
  evaluatedAt: string | null;
  stale: boolean;
}

/**
 * `GET /v1/owners/:namespace/:kind/:name`.
 *
 * @public
 */
export interface OwnerDetail extends OwnerRollup {
  /** Owners included: the owner itself and, when asked, its child groups. */
  ownerRefs: string[];
  /** One page of the owner's readable entities, in the order asked. */
  items: OwnerEntityRow[];
  /** Rows matching the search, over every page. */
  totalCount: number;
}

/** @public */
export interface TrendPoint {
  /** Day, YYYY-MM-DD. */
  day: string;
  clusters: number;
  compliantClusters: number;
  productionClusters: number;
  compliantProductionClusters: number;
}

/**
 * `GET /v1/kpis`.
 *
 * @public
 */
export interface OrgKpis {
  productionClusters: number;
  compliantProductionClusters: number;
  /** Share of production clusters compliant, 0–100; null without production clusters. */
  productionCompliancePercent: number | null;
  clusters: number;
  compliantClusters: number;
  openFindings: FindingCounts;
  mttrHours: number | null;
  trend: TrendPoint[];
  /** Only for callers with `eks-encryption.unclaimed.read`. */
  unclaimed?: UnclaimedKpis;
}

/**
 * Unclaimed production clusters and how many comply.
 *
 * @public
 */
export interface UnclaimedKpis {
  productionClusters: number;
  compliantProductionClusters: number;
}

/**
 * A cluster found by discovery. `claimed`: a catalog entity (other than a Resource
 * the discovery provider emits) links it. `checks` only for unclaimed clusters.
 *
 * @public
 */
export interface DiscoveredCluster {
  arn: string;
  accountId: string;
  region: string;
  name: string;
  claimed: boolean;
  /** The value of the cluster's owner tag. */
  ownerTag?: string;
  /** The catalog group or user the owner tag names, when it names one. */
  ownerRef?: string;
  environment?: string;
  isProduction?: boolean;
  verdict?: ClusterVerdict;
  score?: number;
  grade?: Grade;
  evaluatedAt?: string;
  checks?: CheckResult[];
  firstSeenAt: string;
  /** The last listing that showed the cluster. */
  listedAt: string;
}

/**
 * The last listing of one account and region; `reason` says why it is incomplete.
 *
 * @public
 */
export interface DiscoveryListing {
  accountId: string;
  region: string;
  listedAt: string;
  complete: boolean;
  reason?: string;
}

/**
 * `GET /v1/discovery`.
 *
 * @public
 */
export interface Discovery {
  enabled: boolean;
  clusters: DiscoveredCluster[];
  listings: DiscoveryListing[];
}

/** @public */
export type RunStatus = 'running' | 'succeeded' | 'failed';

/**
 * `GET /v1/runs/:id` and the answer of `POST /v1/refresh`.
 *
 * @public
 */
export interface RunInfo {
  id: string;
  kind: 'scheduled' | 'refresh';
  status: RunStatus;
  entityRef?: string;
  startedAt: string;
  finishedAt?: string;
  clustersTotal: number;
  clustersDone: number;
  error?: string;
}

/** @public */
export type ClusterVerdictFilter = ClusterVerdict;
