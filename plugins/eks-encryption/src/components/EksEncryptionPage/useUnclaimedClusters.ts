import { useApi } from '@backstage/frontend-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { eksEncryptionApiRef } from '../../api';

/** The clusters discovery found that no catalog entity claims, with the listings. */
export function useUnclaimedClusters() {
  const api = useApi(eksEncryptionApiRef);
  return useAsyncRetry(() => api.getDiscovery({ claimed: false }), [api]);
}
