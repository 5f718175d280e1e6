import { useApi } from '@backstage/frontend-plugin-api';
import type { SortDescriptor } from '@backstage/ui';
import { useRef } from 'react';
import {
  eksEncryptionApiRef,
  type OwnerDetail,
  type OwnerEntityRow,
  type OwnerQuery,
} from '../../api';
import { useServerTable } from '../shared/useServerTable';

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

/** The rollup of an answer, without its page of rows. */
function rollupKey(detail: OwnerDetail): string {
  return JSON.stringify([
    detail.ownerRef,
    detail.ownerRefs,
    detail.entities,
    detail.compliantEntities,
    detail.clusters,
    detail.compliantClusters,
    detail.openFindings,
    detail.mttrHours,
  ]);
}

function rowsOf(answer: OwnerDetail | undefined) {
  return {
    rows: (answer?.items ?? []).map(row => ({ ...row, id: row.entityRef })),
    totalCount: answer?.totalCount ?? 0,
  };
}

/**
 * An owner's rollup and its entities a page at a time: the API sorts,
 * searches and pages, so a large team or a parent group costs one page. The
 * rollup comes with every page; `undefined` means the owner is unknown, and
 * `null` that nothing has answered yet.
 */
export function useOwnerRows(ownerRef: string, includeChildren: boolean) {
  const api = useApi(eksEncryptionApiRef);
  const table = useServerTable<OwnerDetail | undefined, OwnedEntityRow>({
    // A new owner or child-group choice reads its first page again.
    filter: JSON.stringify([ownerRef, includeChildren]),
    fetchPage: ({ offset, limit, sort, search }) =>
      api.getOwner(ownerRef, {
        includeChildren,
        search: search || undefined,
        offset,
        limit,
        ...toSort(sort),
      }),
    rowsOf,
  });
  // The rollup is the same on every page: keeping the object it was lets the
  // summary skip rendering again when only the rows changed.
  const rollup = useRef<OwnerDetail | undefined | null>(null);
  if (table.shown) {
    const next = table.shown.answer;
    const previous = rollup.current;
    const same =
      previous && next ? rollupKey(previous) === rollupKey(next) : false;
    if (!same) rollup.current = next;
  }
  return { ...table, detail: rollup.current };
}
