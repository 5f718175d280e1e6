import { useApiHolder } from '@backstage/frontend-plugin-api';
import {
  entityPresentationApiRef,
  entityPresentationSnapshot,
  useEntityRefLink,
} from '@backstage/plugin-catalog-react';
import { useCallback } from 'react';

/** How an owner shows in a table cell: its name and catalog page. */
export interface OwnerLink {
  title: string;
  href: string;
}

/**
 * Names and links owners for table cells. One hook per table rather than one
 * per row: pages of many rows render without a subscription each.
 */
export function useOwnerLinks(): (ownerRef: string) => OwnerLink {
  const entityLink = useEntityRefLink();
  const presentationApi = useApiHolder().get(entityPresentationApiRef);
  return useCallback(
    (ownerRef: string) => ({
      title: entityPresentationSnapshot(
        ownerRef,
        { defaultKind: 'group' },
        presentationApi,
      ).primaryTitle,
      href: entityLink(ownerRef),
    }),
    [entityLink, presentationApi],
  );
}
