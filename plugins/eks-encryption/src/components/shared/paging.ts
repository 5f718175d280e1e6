import type {
  CompletePaginationOptions,
  PageSizeOption,
  PaginationOptions,
} from '@backstage/ui';
import { useMemo } from 'react';
import { useFormatters } from './format';

/** Rows per page of every table, unless the reader picks another size. */
export const PAGE_SIZE = 10;

/** Page sizes the tables offer. */
export const PAGE_SIZE_OPTIONS: readonly number[] = [PAGE_SIZE, 25, 50, 100];

/** The pager's translated texts: "1-10 of 45" and "10 per page". */
export function usePagingTexts(
  sizes: readonly number[] = PAGE_SIZE_OPTIONS,
): Pick<PaginationOptions, 'pageSizeOptions' | 'getLabel'> {
  const { t, number } = useFormatters();
  return useMemo(
    () => ({
      pageSizeOptions: sizes.map(
        (size): PageSizeOption => ({
          value: size,
          label: t('paging.pageSize', { size: number(size) }),
        }),
      ),
      getLabel: ({ pageSize, offset = 0, totalCount = 0 }) =>
        t('paging.range', {
          from: number(Math.min(offset + 1, totalCount)),
          to: number(Math.min(offset + pageSize, totalCount)),
          total: number(totalCount),
        }),
    }),
    [t, number, sizes],
  );
}

/**
 * Paging of a table that holds every row in the browser: a pager only when
 * there is more than one page.
 */
export function useLocalPaging(rowCount: number): CompletePaginationOptions {
  const texts = usePagingTexts();
  const paged = rowCount > PAGE_SIZE;
  return useMemo(
    () => ({ type: paged ? 'page' : 'none', pageSize: PAGE_SIZE, ...texts }),
    [paged, texts],
  );
}
