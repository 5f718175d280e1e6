import { useApi } from '@backstage/frontend-plugin-api';
import { eksEncryptionApiLimits } from 'backstage-plugin-eks-encryption-common';
import useAsync from 'react-use/esm/useAsync';
import { eksEncryptionApiRef } from '../../api';

const PAGE = eksEncryptionApiLimits.GetOwnerDetail.limit.maximum;

/**
 * Every entity ref an owner's rollup counts, read in the largest pages the
 * API allows: the Tech Insights rollup runs its checks over all of them.
 */
export function useOwnedEntityRefs(ownerRef: string, includeChildren: boolean) {
  const api = useApi(eksEncryptionApiRef);
  return useAsync(async () => {
    const refs: string[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await api.getOwner(ownerRef, {
        includeChildren,
        sort: 'entity',
        offset,
        limit: PAGE,
      });
      refs.push(...(page?.items ?? []).map(row => row.entityRef));
      if (!page || offset + PAGE >= page.totalCount) return refs;
    }
  }, [api, ownerRef, includeChildren]);
}
