import { useApi } from '@backstage/frontend-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { eksEncryptionApiRef } from '../../api';

/** Organisation-wide KPIs and the daily compliance trend of the last `days` days. */
export function useOrgKpis(days: number) {
  const api = useApi(eksEncryptionApiRef);
  return useAsyncRetry(() => api.getKpis({ days }), [api, days]);
}
