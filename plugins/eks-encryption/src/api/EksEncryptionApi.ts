import { createApiRef } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type { ClusterVerdict } from 'backstage-plugin-eks-encryption-common';
import type {
  CheckDefinition,
  ClusterListPage,
  Discovery,
  EntityScorecard,
  EntityScorecardPage,
  OrgKpis,
  OwnerDetail,
  OwnerRollup,
  RunInfo,
} from './types';

/**
 * An entity reference as a string (`kind:namespace/name`) or its parts.
 *
 * @public
 */
export type EntityRefInput = string | CompoundEntityRef;

/**
 * Filters and paging of {@link EksEncryptionApi.listClusters}.
 *
 * @public
 */
export interface ClusterListQuery {
  /** Owner entity reference, e.g. `group:default/platform`. */
  owner?: string;
  verdict?: ClusterVerdict;
  accountId?: string;
  region?: string;
  environment?: string;
  /** Free text matched against cluster name and ARN. */
  search?: string;
  /**
   * Items per page, within
   * `eksEncryptionApiLimits.ListClusters.limit` (read from the API spec).
   */
  limit?: number;
  /** The `nextCursor` of the previous page; wins over `offset`. */
  cursor?: string;
  /** Rows to skip, for page-numbered tables. */
  offset?: number;
}

/**
 * Which page of an owner's entities to read; the rollup counts them all.
 *
 * @public
 */
export interface OwnerQuery {
  /** Also count the entities of the owner's child groups, recursively. */
  includeChildren?: boolean;
  /** Part of the entity ref or owner ref, case-insensitive. */
  search?: string;
  /** `verdict` (worst first) by default; every order starts with the worst. */
  sort?: 'verdict' | 'entity' | 'score' | 'findings' | 'owner';
  order?: 'asc' | 'desc';
  /** Rows to skip. */
  offset?: number;
  limit?: number;
}

/**
 * Reads scorecards, rollups and KPIs from the eks-encryption backend and asks
 * for re-evaluations.
 *
 * @public
 */
export interface EksEncryptionApi {
  /**
   * The scorecard of one entity; `undefined` when the entity has not been
   * evaluated yet or the caller cannot read it.
   */
  getEntityScorecard(
    entityRef: EntityRefInput,
  ): Promise<EntityScorecard | undefined>;
  listEntityScorecards(options?: {
    cursor?: string;
    limit?: number;
  }): Promise<EntityScorecardPage>;
  listClusters(query?: ClusterListQuery): Promise<ClusterListPage>;
  listOwners(): Promise<OwnerRollup[]>;
  /**
   * Every registered check, built in or added by a backend module, in the
   * order scorecards list them.
   */
  listChecks(): Promise<CheckDefinition[]>;
  /**
   * One owner's rollup over everything it owns, with one page of its
   * entities (`limit` at most `eksEncryptionApiLimits.GetOwnerDetail.limit`
   * from the API spec, the server's default page when absent); `undefined`
   * when the owner is unknown or unreadable.
   */
  getOwner(
    ownerRef: EntityRefInput,
    options?: OwnerQuery,
  ): Promise<OwnerDetail | undefined>;
  /** Org KPIs; `days` limits the trend to that many days, counting today. */
  getKpis(options?: { days?: number }): Promise<OrgKpis>;
  /**
   * The clusters discovery found in the configured AWS accounts and how
   * complete each account and region's last listing was; `claimed: false`
   * keeps only the clusters no catalog entity claims. Rejects with a 403
   * `ResponseError` without `eks-encryption.unclaimed.read`.
   */
  getDiscovery(options?: { claimed?: boolean }): Promise<Discovery>;
  /** Starts a re-evaluation of one entity's clusters. */
  refresh(entityRef: EntityRefInput): Promise<RunInfo>;
  getRun(runId: string): Promise<RunInfo>;
}

/**
 * Reference to the {@link EksEncryptionApi}.
 *
 * @public
 */
export const eksEncryptionApiRef = createApiRef<EksEncryptionApi>({
  id: 'plugin.eks-encryption.service',
});
