import { useAnalytics, useApi } from '@backstage/frontend-plugin-api';
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
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import {
  eksEncryptionApiRef,
  type ClusterListItem,
  type ClusterListPage,
} from '../../api';
import { EvaluatedAt } from '../shared/EvaluatedAt';
import { FindingCounts } from '../shared/FindingCounts';
import { Formatters, useFormatters } from '../shared/format';
import { StaleChip } from '../shared/StaleChip';
import { ClusterFiltersBar } from './ClusterFiltersBar';
import {
  ClusterFilterDraft,
  ClusterFilters,
  EMPTY_CLUSTER_FILTERS,
  toClusterFilters,
} from './clusterFilters';
import { ClusterNameCell, VerdictGradeCell, WRAP } from './clusterCells';
import { withWrappingHeaders } from './wrappingHeaders';
import { useServerTable } from '../shared/useServerTable';
import { useDebouncedValue } from '../shared/useDebouncedValue';
import { OwnerLink, useOwnerLinks } from './useOwnerLinks';
import { LoadError } from '../shared/LoadError';

/**
 * Rows per page the table offers, within the API's page size (read from its
 * spec): the org page shows more clusters at once than a card shows rows.
 */
const PAGE_SIZES = [
  ...new Set(
    [20, 50, 100].map(size =>
      Math.min(size, eksEncryptionApiLimits.ListClusters.limit.maximum),
    ),
  ),
];
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
 * stay quick; text filters wait for typing to pause. Memoized: the KPIs
 * and owners arriving must not render the table again.
 */
export const ClustersTable = memo(function ClustersCard() {
  const { t } = useFormatters();
  // Filters and paging live inside the card (see OwnersTable): a new page
  // must not render the card, which would render every field again.
  return (
    <Card>
      <CardHeader>
        <Text as="h2" variant="title-small" weight="bold">
          {t('orgPage.clusters.title')}
        </Text>
      </CardHeader>
      <CardBody>
        <ClustersCardBody />
      </CardBody>
    </Card>
  );
});

/** The filters and the table of one page of clusters. */
function ClustersCardBody() {
  const api = useApi(eksEncryptionApiRef);
  const formatters = useFormatters();
  const { t } = formatters;
  const ownerLink = useOwnerLinks();
  const columns = useMemo(
    () => withWrappingHeaders(buildColumns(formatters, ownerLink)),
    [formatters, ownerLink],
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
  // A change of filters starts again at the first page.
  const { tableProps } = useServerTable<ClusterListPage, ClusterRow>({
    filter: JSON.stringify(filters),
    pageSizes: PAGE_SIZES,
    // Never more than one page, whatever the backend sends.
    fetchPage: ({ offset, limit }) =>
      api
        .listClusters({ ...filters, limit, offset })
        .then(answer => ({ ...answer, items: answer.items.slice(0, limit) })),
    rowsOf: answer => ({
      rows: answer.items.map(item => ({ ...item, id: item.arn })),
      totalCount: answer.totalCount,
    }),
  });

  return (
    <Flex direction="column" gap="4">
      <ClusterFiltersBar value={draft} onChange={setDraft} />
      {tableProps.error ? (
        <LoadError
          title={t('orgPage.clusters.loadError')}
          error={tableProps.error}
        />
      ) : (
        <Table<ClusterRow>
          {...tableProps}
          columnConfig={columns}
          emptyState={
            <Text as="p" variant="body-medium">
              {t('orgPage.clusters.noMatch')}
            </Text>
          }
        />
      )}
    </Flex>
  );
}
