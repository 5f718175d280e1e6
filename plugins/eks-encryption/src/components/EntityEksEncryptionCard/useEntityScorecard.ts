import { useApi } from '@backstage/frontend-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { eksEncryptionApiRef } from '../../api';

/** The scorecard of one entity; `value` is `undefined` when not evaluated yet. */
export function useEntityScorecard(entityRef: string) {
  const api = useApi(eksEncryptionApiRef);
  return useAsyncRetry(
    () => api.getEntityScorecard(entityRef),
    [api, entityRef],
  );
}
