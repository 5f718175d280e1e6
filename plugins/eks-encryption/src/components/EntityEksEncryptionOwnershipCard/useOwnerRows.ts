import { useApi } from '@backstage/frontend-plugin-api';
import { useTable, type SortDescriptor } from '@backstage/ui';
import { useMemo, useState } from 'react';
import {
  eksEncryptionApiRef,
  type OwnerDetail,
  type OwnerEntityRow,
  type OwnerQuery,
} from '../../api';
import { PAGE_SIZE, usePagingTexts } from '../shared/paging';

/** A table row: the entity, keyed by its ref. */
export type OwnedEntityRow = OwnerEntityRow & { id: string };

/** Table columns the API sorts by, and the order each asks for. */
const SORTS: Record<string, NonNullable<OwnerQuery['sort']>> = {
  entityRef: 'entity',
  verdict: 'verdict',
  openFindings: 'findings',
};

function toSort(
  sort: SortDescriptor | null,
): Pick<OwnerQuery, 'sort' | 'order'> {
  const by = sort && SORTS[String(sort.column)];
  if (!by) return {};
  return { sort: by, order: sort.direction === 'descending' ? 'desc' : 'asc' };
}

/**
 * An owner's rollup and its entities a page at a time: the API sorts,
 * searches and pages, so a large team or a parent group costs one page. The
 * rollup comes with every page; `undefined` means the owner is unknown, and
 * `null` that nothing has answered yet.
 */
export function useOwnerRows(ownerRef: string, includeChildren: boolean) {
  const api = useApi(eksEncryptionApiRef);
  const [detail, setDetail] = useState<OwnerDetail | undefined | null>(null);
  // A new filter makes the table read its first page again.
  const filter = useMemo(
    () => ({ ownerRef, includeChildren }),
    [ownerRef, includeChildren],
  );
  const texts = usePagingTexts();
  const table = useTable<OwnedEntityRow, typeof filter>({
    mode: 'offset',
    filter,
    paginationOptions: { pageSize: PAGE_SIZE, ...texts },
    getData: async ({ offset, pageSize, sort, search, filter: current }) => {
      const answer = await api.getOwner(current?.ownerRef ?? ownerRef, {
        includeChildren: current?.includeChildren,
        search: search.trim() || undefined,
        offset,
        limit: pageSize,
        ...toSort(sort),
      });
      setDetail(answer);
      return {
        data: (answer?.items ?? []).map(row => ({ ...row, id: row.entityRef })),
        totalCount: answer?.totalCount ?? 0,
      };
    },
  });
  return { ...table, detail };
}
