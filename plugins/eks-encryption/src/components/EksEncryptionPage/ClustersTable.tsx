import {
  InfoCard,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useAnalytics } from '@backstage/core-plugin-api';
import { EntityRefLinks } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { eksEncryptionApiLimits } from 'backstage-plugin-eks-encryption-common';
import type { ClusterListItem, OwnerRollup } from '../../api';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useClusterPage } from './useClusterPage';
import { useDebouncedValue } from './useDebouncedValue';
import { VerdictLabel } from '../shared/StatusLabel';
import { Formatters, useFormatters } from '../shared/format';
import {
  evaluatedColumn,
  openFindingsColumn,
  singleLine,
  withNarrowGutters,
} from '../shared/tableColumns';
import { ClusterFiltersBar } from './ClusterFiltersBar';
import {
  ClusterFilterDraft,
  EMPTY_CLUSTER_FILTERS,
  toClusterFilters,
} from './clusterFilters';
import type { ClusterFilters } from './useClusterPage';

/** Rows per page the table offers, within the API's page size (read from its spec). */
const PAGE_SIZE_OPTIONS = [
  ...new Set(
    [20, 50, 100].map(size =>
      Math.min(size, eksEncryptionApiLimits.ListClusters.limit.maximum),
    ),
  ),
];
const DEFAULT_PAGE_SIZE = PAGE_SIZE_OPTIONS[0];
const TYPING_DEBOUNCE_MS = 300;

function buildColumns({
  t,
  number,
}: Formatters): TableColumn<ClusterListItem>[] {
  return [
    {
      title: t('columns.cluster'),
      field: 'name',
      highlight: true,
      cellStyle: singleLine(),
      // Account and region have their own columns; the full ARN is a tooltip.
      render: row => (
        <Typography variant="body2" title={row.arn}>
          <strong>{row.name}</strong>
        </Typography>
      ),
    },
    {
      title: t('columns.verdict'),
      field: 'verdict',
      render: row => <VerdictLabel verdict={row.verdict} />,
    },
    {
      title: t('columns.grade'),
      field: 'grade',
      cellStyle: singleLine(),
      render: row =>
        t('common.gradeWithScore', {
          grade: row.grade,
          score: number(row.score),
        }),
    },
    {
      title: t('columns.account'),
      field: 'accountId',
      cellStyle: singleLine(),
    },
    { title: t('columns.region'), field: 'region', cellStyle: singleLine() },
    {
      title: t('columns.environment'),
      field: 'environment',
      render: row => row.environment ?? t('common.notTagged'),
    },
    {
      title: t('columns.owners'),
      field: 'owners',
      // Several owners wrap between names, never inside one.
      cellStyle: { wordBreak: 'normal' },
      render: row =>
        row.owners.length === 0 ? (
          t('common.none')
        ) : (
          <EntityRefLinks entityRefs={row.owners} defaultKind="group" />
        ),
    },
    openFindingsColumn(t),
    evaluatedColumn(t),
  ];
}

/**
 * Reports each filter whose applied value changed as an analytics event:
 * typed text once typing pauses, not on each key.
 */
function useFilterAnalytics(filters: ClusterFilters) {
  const analytics = useAnalytics();
  const previous = useRef(filters);
  useEffect(() => {
    const before = previous.current;
    previous.current = filters;
    for (const name of Object.keys(filters) as (keyof ClusterFilters)[]) {
      if (filters[name] !== before[name]) {
        analytics.captureEvent('filter', name, {
          attributes: { value: filters[name] ?? '' },
        });
      }
    }
  }, [analytics, filters]);
}

/**
 * Every cluster, filtered and paged by the backend so that large estates
 * stay quick; text filters wait for typing to pause.
 */
export function ClustersTable(props: { owners: OwnerRollup[] }) {
  const gutter = useTheme().spacing(2);
  const formatters = useFormatters();
  const { t } = formatters;
  // Nine columns share the card: the theme's wide cell padding would not fit.
  const narrowColumns = useMemo(
    () => withNarrowGutters(buildColumns(formatters), gutter),
    [formatters, gutter],
  );
  const [draft, setDraft] = useState<ClusterFilterDraft>(EMPTY_CLUSTER_FILTERS);
  const debouncedDraft = useDebouncedValue(draft, TYPING_DEBOUNCE_MS);
  // Selects apply at once; only typed text waits.
  const filters = useMemo(
    () =>
      toClusterFilters({
        ...debouncedDraft,
        verdict: draft.verdict,
        owner: draft.owner,
      }),
    [debouncedDraft, draft.verdict, draft.owner],
  );
  useFilterAnalytics(filters);
  const filtersKey = JSON.stringify(filters);
  const [paging, setPaging] = useState({
    filtersKey,
    page: 0,
    pageSize: DEFAULT_PAGE_SIZE,
  });
  // A change of filters starts again at the first page.
  const page = paging.filtersKey === filtersKey ? paging.page : 0;
  const { pageSize } = paging;
  const { value, loading, error } = useClusterPage(filters, page, pageSize);
  // material-table writes into the row objects it gets: hand it copies.
  const rows = useMemo(
    () => (value?.items ?? []).map(item => ({ ...item })),
    [value],
  );

  return (
    <InfoCard title={t('orgPage.clusters.title')}>
      <ClusterFiltersBar
        value={draft}
        owners={props.owners}
        onChange={setDraft}
      />
      <Box mt={2}>
        {error ? (
          <ResponseErrorPanel error={error} />
        ) : (
          <Table<ClusterListItem>
            columns={narrowColumns}
            data={rows}
            isLoading={loading}
            page={page}
            totalCount={value?.totalCount ?? 0}
            onPageChange={(nextPage, nextPageSize) =>
              setPaging({ filtersKey, page: nextPage, pageSize: nextPageSize })
            }
            onRowsPerPageChange={nextPageSize =>
              setPaging({ filtersKey, page: 0, pageSize: nextPageSize })
            }
            options={{
              paging: true,
              pageSize,
              pageSizeOptions: PAGE_SIZE_OPTIONS,
              emptyRowsWhenPaging: false,
              padding: 'dense',
              search: false,
              sorting: false,
              toolbar: false,
            }}
            emptyContent={
              <Box p={2}>
                <Typography variant="body2">
                  {t('orgPage.clusters.noMatch')}
                </Typography>
              </Box>
            }
          />
        )}
      </Box>
    </InfoCard>
  );
}
