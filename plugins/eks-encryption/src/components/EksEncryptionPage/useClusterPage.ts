import { useApi } from '@backstage/frontend-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { ClusterListQuery, eksEncryptionApiRef } from '../../api';

/** Server-side filters of the clusters list. */
export type ClusterFilters = Omit<
  ClusterListQuery,
  'limit' | 'cursor' | 'offset'
>;

/** One page of the clusters matching `filters`, numbered from 0. */
export function useClusterPage(
  filters: ClusterFilters,
  page: number,
  pageSize: number,
) {
  const api = useApi(eksEncryptionApiRef);
  const filtersKey = JSON.stringify(filters);
  return useAsyncRetry(
    () =>
      api.listClusters({
        ...filters,
        limit: pageSize,
        offset: page * pageSize,
      }),
    // `filtersKey` stands for `filters`, which callers rebuild on each render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, filtersKey, page, pageSize],
  );
}
