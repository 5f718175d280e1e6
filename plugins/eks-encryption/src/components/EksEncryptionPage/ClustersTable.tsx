import { useAnalytics } from '@backstage/frontend-plugin-api';
import {
  Card,
  CardBody,
  CardHeader,
  Cell,
  Flex,
  Link,
  Table,
  Text,
  type ColumnConfig,
} from '@backstage/ui';
import { eksEncryptionApiLimits } from 'backstage-plugin-eks-encryption-common';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ClusterListItem, OwnerRollup } from '../../api';
import { EvaluatedAt } from '../shared/EvaluatedAt';
import { FindingCounts } from '../shared/FindingCounts';
import { Formatters, useFormatters } from '../shared/format';
import { StaleChip } from '../shared/StaleChip';
import { ClusterFiltersBar } from './ClusterFiltersBar';
import {
  ClusterFilterDraft,
  EMPTY_CLUSTER_FILTERS,
  toClusterFilters,
} from './clusterFilters';
import { usePagingTexts } from '../shared/paging';
import { ClusterNameCell, VerdictGradeCell, WRAP } from './clusterCells';
import { withWrappingHeaders } from './wrappingHeaders';
import type { ClusterFilters } from './useClusterPage';
import { useClusterPage } from './useClusterPage';
import { useDebouncedValue } from './useDebouncedValue';
import { OwnerLink, useOwnerLinks } from './useOwnerLinks';
import { LoadError } from '../shared/LoadError';

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

/** A table row: the cluster, keyed by its ARN. */
type ClusterRow = ClusterListItem & { id: string };

/** Plain text that wraps inside its cell. */
function TextCell(props: { text: string }) {
  return (
    <Cell>
      <Text as="span" variant="body-medium" style={WRAP}>
        {props.text}
      </Text>
    </Cell>
  );
}

/** Each owner on its own line: names wrap between owners, not inside. */
function OwnersCell(props: { owners: OwnerLink[]; none: string }) {
  if (props.owners.length === 0) {
    return <TextCell text={props.none} />;
  }
  return (
    <Cell>
      <Flex direction="column" gap="1">
        {props.owners.map(owner => (
          <Link
            key={owner.href}
            href={owner.href}
            variant="body-medium"
            style={WRAP}
          >
            {owner.title}
          </Link>
        ))}
      </Flex>
    </Cell>
  );
}

// Shares of the width, no fixed sizes: the columns fit without scrolling.
function buildColumns(
  { t, number }: Formatters,
  ownerLink: (ownerRef: string) => OwnerLink,
): ColumnConfig<ClusterRow>[] {
  return [
    {
      id: 'name',
      label: t('columns.cluster'),
      defaultWidth: '2fr',
      isRowHeader: true,
      cell: row => <ClusterNameCell {...row} />,
    },
    {
      id: 'verdict',
      label: t('columns.verdict'),
      // Room for the longest label, "Evaluation error", on one line.
      defaultWidth: '1.5fr',
      cell: row => (
        <VerdictGradeCell
          verdict={row.verdict}
          grade={t('common.gradeWithScore', {
            grade: row.grade,
            score: number(row.score),
          })}
        />
      ),
    },
    {
      id: 'owners',
      label: t('columns.owners'),
      defaultWidth: '1.2fr',
      cell: row => (
        <OwnersCell
          owners={row.owners.map(ownerLink)}
          none={t('common.none')}
        />
      ),
    },
    {
      id: 'openFindings',
      label: t('columns.openFindings'),
      defaultWidth: '1.4fr',
      cell: row => (
        <Cell>
          <FindingCounts counts={row.openFindings} />
        </Cell>
      ),
    },
    {
      id: 'evaluatedAt',
      label: t('columns.evaluated'),
      defaultWidth: '1.1fr',
      // The stale mark moves below the time when the column is narrow.
      cell: row => (
        <Cell>
          <Flex gap="1" align="center" style={{ flexWrap: 'wrap' }}>
            <EvaluatedAt evaluatedAt={row.evaluatedAt} compact />
            {row.stale && <StaleChip />}
          </Flex>
        </Cell>
      ),
    },
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
  const formatters = useFormatters();
  const { t } = formatters;
  const ownerLink = useOwnerLinks();
  const columns = useMemo(
    () => withWrappingHeaders(buildColumns(formatters, ownerLink)),
    [formatters, ownerLink],
  );
  const pagingTexts = usePagingTexts(PAGE_SIZE_OPTIONS);
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
  // Never more than one page, whatever the backend sends.
  const rows = useMemo(
    () =>
      value?.items.slice(0, pageSize).map(item => ({ ...item, id: item.arn })),
    [value, pageSize],
  );
  const totalCount = value?.totalCount ?? 0;

  return (
    <Card>
      <CardHeader>
        <Text as="h2" variant="title-small" weight="bold">
          {t('orgPage.clusters.title')}
        </Text>
      </CardHeader>
      <CardBody>
        <Flex direction="column" gap="4">
          <ClusterFiltersBar
            value={draft}
            owners={props.owners}
            onChange={setDraft}
          />
          {error ? (
            <LoadError title={t('orgPage.clusters.loadError')} error={error} />
          ) : (
            <Table<ClusterRow>
              columnConfig={columns}
              data={rows}
              isPending={loading && !rows}
              isStale={loading && !!rows}
              pagination={{
                type: 'page',
                pageSize,
                offset: page * pageSize,
                totalCount,
                hasPreviousPage: page > 0,
                hasNextPage: (page + 1) * pageSize < totalCount,
                onPreviousPage: () =>
                  setPaging({ filtersKey, page: page - 1, pageSize }),
                onNextPage: () =>
                  setPaging({ filtersKey, page: page + 1, pageSize }),
                onPageSizeChange: nextPageSize =>
                  setPaging({ filtersKey, page: 0, pageSize: nextPageSize }),
                ...pagingTexts,
              }}
              emptyState={
                <Text as="p" variant="body-medium">
                  {t('orgPage.clusters.noMatch')}
                </Text>
              }
            />
          )}
        </Flex>
      </CardBody>
    </Card>
  );
}
