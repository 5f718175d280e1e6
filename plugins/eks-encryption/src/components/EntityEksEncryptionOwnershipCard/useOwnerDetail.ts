import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { eksEncryptionApiRef } from '../../api';

/** One owner's rollup with its entities, optionally with child groups. */
export function useOwnerDetail(ownerRef: string, includeChildren: boolean) {
  const api = useApi(eksEncryptionApiRef);
  return useAsyncRetry(
    () => api.getOwner(ownerRef, { includeChildren }),
    [api, ownerRef, includeChildren],
  );
}
