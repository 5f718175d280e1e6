import {
  eksEncryptionApiLimits,
  type ClusterVerdict,
} from 'backstage-plugin-eks-encryption-common';
import type { ClusterListQuery } from '../../api';

/** Server-side filters of the clusters list. */
export type ClusterFilters = Omit<
  ClusterListQuery,
  'limit' | 'cursor' | 'offset'
>;

/** What the filter fields hold, as typed. */
export interface ClusterFilterDraft {
  search: string;
  verdict: ClusterVerdict | '';
  owner: string;
  accountId: string;
  region: string;
  environment: string;
}

export const EMPTY_CLUSTER_FILTERS: ClusterFilterDraft = {
  search: '',
  verdict: '',
  owner: '',
  accountId: '',
  region: '',
  environment: '',
};

/** What `GET /v1/clusters` accepts, read from the API spec. */
const QUERY_LIMITS = eksEncryptionApiLimits.ListClusters;
const ACCOUNT_ID = new RegExp(QUERY_LIMITS.accountId.pattern);
const REGION = new RegExp(QUERY_LIMITS.region.pattern);

/** Longest value each free-text filter may have. */
export const FILTER_MAX_LENGTH = {
  search: QUERY_LIMITS.search.maxLength,
  environment: QUERY_LIMITS.environment.maxLength,
} as const;

/** Whether a typed account id can be sent (empty means "any"). */
export function isValidAccountId(value: string): boolean {
  const trimmed = value.trim();
  return trimmed === '' || ACCOUNT_ID.test(trimmed);
}

/** Whether a typed region can be sent (empty means "any"). */
export function isValidRegion(value: string): boolean {
  const trimmed = value.trim();
  return trimmed === '' || REGION.test(trimmed);
}

function nonEmpty(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * The query for the typed filters. An account id or region still being typed
 * is left out rather than sent, which the backend would refuse.
 */
export function toClusterFilters(draft: ClusterFilterDraft): ClusterFilters {
  return {
    search: nonEmpty(draft.search),
    verdict: draft.verdict === '' ? undefined : draft.verdict,
    owner: nonEmpty(draft.owner),
    accountId: isValidAccountId(draft.accountId)
      ? nonEmpty(draft.accountId)
      : undefined,
    region: isValidRegion(draft.region) ? nonEmpty(draft.region) : undefined,
    environment: nonEmpty(draft.environment),
  };
}
