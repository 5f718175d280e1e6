import { toError } from '@backstage/errors';
import type { SortDescriptor, TableItem, TableProps } from '@backstage/ui';
import {
  startTransition,
  useCallback,
  useEffect,
  useReducer,
  useRef,
  useState,
} from 'react';
import { useDebouncedValue } from './useDebouncedValue';
import { PAGE_SIZE_OPTIONS, usePagingTexts } from './paging';

/** What a table asks the API for: one page, sorted and searched. */
export interface ServerPageRequest {
  offset: number;
  limit: number;
  sort: SortDescriptor | null;
  /** Trimmed; empty for none. */
  search: string;
}

/** Runs `task` when the browser is next idle; returns what cancels it. */
function whenIdle(task: () => void): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const id = window.requestIdleCallback(task, { timeout: 1000 });
    return () => window.cancelIdleCallback(id);
  }
  const id = setTimeout(task, 50);
  return () => clearTimeout(id);
}

/** Typed text asks the API once typing pauses, as Backstage UI's tables do. */
const SEARCH_DEBOUNCE_MS = 200;

/** A page read; its rows are made once, so that the table keeps the same items. */
type Page<A, R> =
  | { status: 'pending' }
  | { status: 'done'; answer: A; rows: R[]; totalCount: number }
  | { status: 'failed'; error: Error };

/** The pages read for one query (what is listed, sort and search, page size). */
interface PageCache<A, R> {
  query: string;
  pages: Map<number, Page<A, R>>;
}

/**
 * A table whose API sorts, searches and pages. Unlike Backstage UI's
 * `useTable` in offset mode, it asks for a new sort or page from the click
 * itself, while the stale rows render, rather than after that render (and, for
 * a sort, after a 200 ms debounce); it renders a page that arrives in a
 * transition; and,
 * unless told not to, it reads the next page as soon as a page shows, so that
 * "next page" renders the table once, with the new rows, instead of a stale
 * table first and the rows after the round trip. Pages are kept until the
 * query changes.
 */
export function useServerTable<A, R extends TableItem>(options: {
  /** What is listed (a key); a new value starts again at the first page. */
  filter: string;
  fetchPage(request: ServerPageRequest): Promise<A>;
  rowsOf(answer: A): { rows: R[]; totalCount: number };
  /** Page sizes offered, the first one the default. */
  pageSizes?: readonly number[];
  /** Whether to read the next page ahead; yes by default. */
  readAhead?: boolean;
}) {
  const { filter, pageSizes = PAGE_SIZE_OPTIONS, readAhead = true } = options;
  const latest = useRef(options);
  latest.current = options;
  const [sort, setSort] = useState<SortDescriptor | null>(null);
  const [search, setSearch] = useState('');
  const debouncedSearch = useDebouncedValue(search, SEARCH_DEBOUNCE_MS).trim();
  const [pageSize, setPageSize] = useState(pageSizes[0]);
  const queryOf = (by: SortDescriptor | null) =>
    JSON.stringify([filter, by, debouncedSearch, pageSize]);
  const query = queryOf(sort);
  // A new query starts again at the first page.
  const [position, setPosition] = useState({ query, offset: 0 });
  const offset = position.query === query ? position.offset : 0;
  const [, pageArrived] = useReducer((count: number) => count + 1, 0);

  const cache = useRef<PageCache<A, R>>({ query, pages: new Map() });
  /** Keeps the pages of `next` only, the query shown or about to be. */
  const switchTo = (next: string) => {
    if (cache.current.query !== next) {
      cache.current = { query: next, pages: new Map() };
    }
  };
  switchTo(query);
  const wanted = useRef({ query, offset });
  wanted.current = { query, offset };

  /** Reads a page unless it was read or asked for; renders when it is the one shown. */
  const request = useCallback(
    (pageOffset: number, pageRequest: ServerPageRequest) => {
      const current = cache.current;
      if (current.pages.has(pageOffset)) return;
      current.pages.set(pageOffset, { status: 'pending' });
      const settle = (page: Page<A, R>) => {
        current.pages.set(pageOffset, page);
        const shown = wanted.current;
        // In a transition: React renders the rows in short slices.
        if (shown.query === current.query && shown.offset === pageOffset) {
          startTransition(() => pageArrived());
        }
      };
      latest.current.fetchPage(pageRequest).then(
        answer =>
          settle({ status: 'done', answer, ...latest.current.rowsOf(answer) }),
        error => settle({ status: 'failed', error: toError(error) }),
      );
    },
    [],
  );

  const page = cache.current.pages.get(offset);
  const totalCount = page?.status === 'done' ? page.totalCount : 0;
  const pageAt = (at: number, by = sort): ServerPageRequest => ({
    offset: at,
    limit: pageSize,
    sort: by,
    search: debouncedSearch,
  });
  // Pages the reader asks for are read from the event on, while the table
  // renders the stale rows; this reads what is still missing after a render.
  useEffect(() => {
    const ask = (at: number) =>
      request(at, {
        offset: at,
        limit: pageSize,
        sort,
        search: debouncedSearch,
      });
    ask(offset);
    // The next page, read while this one is looked at: once the browser is
    // idle, so that reading it does not compete with showing this one.
    if (
      readAhead &&
      page?.status === 'done' &&
      offset + pageSize < totalCount
    ) {
      return whenIdle(() => ask(offset + pageSize));
    }
    return undefined;
  }, [
    request,
    readAhead,
    offset,
    pageSize,
    sort,
    debouncedSearch,
    page,
    totalCount,
  ]);

  // The last page shown stays, marked stale, until the one asked for arrives.
  const shown = useRef<{ answer: A; rows: R[]; totalCount: number }>();
  if (page?.status === 'done') shown.current = page;
  const last = shown.current;
  const isPending = page?.status !== 'done' && page?.status !== 'failed';

  const texts = usePagingTexts(pageSizes);
  const tableProps: Pick<
    TableProps<R>,
    'data' | 'isPending' | 'isStale' | 'error' | 'pagination' | 'sort'
  > = {
    data: last?.rows,
    isPending,
    isStale: isPending && last !== undefined,
    error: page?.status === 'failed' ? page.error : undefined,
    pagination: {
      type: 'page',
      pageSize,
      offset,
      totalCount: last?.totalCount ?? 0,
      hasPreviousPage: offset > 0,
      hasNextPage: offset + pageSize < (last?.totalCount ?? 0),
      onNextPage: () => {
        setPosition({ query, offset: offset + pageSize });
        request(offset + pageSize, pageAt(offset + pageSize));
      },
      onPreviousPage: () => {
        const at = Math.max(0, offset - pageSize);
        setPosition({ query, offset: at });
        request(at, pageAt(at));
      },
      onPageSizeChange: setPageSize,
      ...texts,
    },
    sort: {
      descriptor: sort,
      onSortChange: next => {
        setSort(next);
        switchTo(queryOf(next));
        request(0, pageAt(0, next));
      },
    },
  };
  return {
    tableProps,
    search: { value: search, onChange: setSearch },
    /** The answer of the page shown; `undefined` before the first. */
    shown: shown.current,
  };
}
