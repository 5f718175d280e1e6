import { useApi } from '@backstage/frontend-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { eksEncryptionApiRef } from '../../api';

/** One rollup row per owner. */
export function useOwnerRollups() {
  const api = useApi(eksEncryptionApiRef);
  return useAsyncRetry(() => api.listOwners(), [api]);
}
