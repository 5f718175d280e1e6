import {
  useEntityPresentation,
  useEntityRefLink,
} from '@backstage/plugin-catalog-react';
import {
  Cell,
  CellText,
  Table,
  Text,
  useTable,
  type ColumnConfig,
  type SortDescriptor,
} from '@backstage/ui';
import type { EntityVerdict } from 'backstage-plugin-eks-encryption-common';
import { useMemo } from 'react';
import type { DiscoveredCluster } from '../../api';
import { Formatters, useFormatters } from '../shared/format';
import { useLocalPaging } from '../shared/paging';
import { verdictRank } from '../shared/verdictOrder';
import { VerdictLabel } from '../shared/StatusLabel';

/** A table row: the cluster, keyed by its ARN. */
type UnclaimedRow = DiscoveredCluster & { id: string };

/** An unclaimed cluster has no verdict until its first evaluation. */
function verdictOf(cluster: DiscoveredCluster): EntityVerdict {
  return cluster.verdict ?? 'not-evaluated';
}

/** Worst verdict first, production before the rest, then by name. */
function compareUnclaimed(a: DiscoveredCluster, b: DiscoveredCluster) {
  return (
    verdictRank(verdictOf(a)) - verdictRank(verdictOf(b)) ||
    Number(b.isProduction ?? false) - Number(a.isProduction ?? false) ||
    a.name.localeCompare(b.name)
  );
}

function VerdictCell(props: { verdict: EntityVerdict }) {
  return (
    <Cell>
      <VerdictLabel verdict={props.verdict} />
    </Cell>
  );
}

/** The catalog group or user the owner tag names, linked to its page. */
function OwnerRefCell(props: { ownerRef: string }) {
  const entityLink = useEntityRefLink();
  const { primaryTitle } = useEntityPresentation(props.ownerRef, {
    defaultKind: 'group',
  });
  return <CellText title={primaryTitle} href={entityLink(props.ownerRef)} />;
}

/**
 * The catalog group or user the owner tag names; else the tag's raw value
 * (it names nobody in the catalog); else "unowned".
 */
function OwnerCell(props: { cluster: DiscoveredCluster }) {
  const { ownerRef, ownerTag } = props.cluster;
  const { t } = useFormatters();
  if (ownerRef) return <OwnerRefCell ownerRef={ownerRef} />;
  return (
    <Cell>
      {ownerTag ? (
        <Text
          as="span"
          variant="body-medium"
          title={t('unclaimed.ownerTagTitle')}
        >
          {ownerTag}
        </Text>
      ) : (
        <Text as="span" variant="body-medium" color="secondary">
          {t('unclaimed.unowned')}
        </Text>
      )}
    </Cell>
  );
}

/** "3 hours ago", the exact time on hover; "Never" without a time. */
function TimeCell(props: { at?: string }) {
  const { at } = props;
  const { t, relativeTime, timestamp } = useFormatters();
  return (
    <Cell>
      <Text
        as="span"
        variant="body-medium"
        color="secondary"
        style={{ whiteSpace: 'nowrap' }}
      >
        {at ? (
          <time dateTime={at} title={timestamp(at)}>
            {relativeTime(at)}
          </time>
        ) : (
          t('common.never')
        )}
      </Text>
    </Cell>
  );
}

function gradeText(
  cluster: DiscoveredCluster,
  { t, number }: Formatters,
): string {
  if (!cluster.grade) return t('unclaimed.noGrade');
  return cluster.score === undefined
    ? cluster.grade
    : t('common.gradeWithScore', {
        grade: cluster.grade,
        score: number(cluster.score),
      });
}

// Fixed widths for short values, the rest shared: account ids and names are never cut.
function buildColumns(formatters: Formatters): ColumnConfig<UnclaimedRow>[] {
  const { t } = formatters;
  return [
    {
      id: 'name',
      defaultWidth: '2fr',
      label: t('columns.cluster'),
      isRowHeader: true,
      isSortable: true,
      // Account and region have their own columns; the full ARN is a tooltip.
      cell: row => (
        <Cell>
          <Text
            as="span"
            variant="body-medium"
            weight="bold"
            title={row.arn}
            style={{ whiteSpace: 'nowrap' }}
          >
            {row.name}
          </Text>
        </Cell>
      ),
    },
    {
      id: 'accountId',
      defaultWidth: 150,
      label: t('columns.account'),
      isSortable: true,
      cell: row => <CellText title={row.accountId} />,
    },
    {
      id: 'region',
      defaultWidth: 110,
      label: t('columns.region'),
      isSortable: true,
      cell: row => <CellText title={row.region} />,
    },
    {
      id: 'environment',
      defaultWidth: 120,
      label: t('columns.environment'),
      isSortable: true,
      cell: row =>
        row.environment ? (
          <CellText title={row.environment} />
        ) : (
          <CellText title={t('common.notTagged')} color="secondary" />
        ),
    },
    {
      id: 'owner',
      defaultWidth: '1.5fr',
      label: t('columns.owner'),
      cell: row => <OwnerCell cluster={row} />,
    },
    {
      id: 'verdict',
      defaultWidth: 130,
      label: t('columns.verdict'),
      isSortable: true,
      cell: row => <VerdictCell verdict={verdictOf(row)} />,
    },
    {
      id: 'score',
      defaultWidth: 100,
      label: t('columns.grade'),
      isSortable: true,
      cell: row => <CellText title={gradeText(row, formatters)} />,
    },
    {
      id: 'evaluatedAt',
      defaultWidth: 120,
      label: t('columns.evaluated'),
      isSortable: true,
      cell: row => <TimeCell at={row.evaluatedAt} />,
    },
    {
      id: 'firstSeenAt',
      defaultWidth: 120,
      label: t('columns.firstSeen'),
      isSortable: true,
      cell: row => <TimeCell at={row.firstSeenAt} />,
    },
  ];
}

/** Compares two rows by a sortable column, ascending; missing values last. */
function compareBy(
  column: string,
  a: UnclaimedRow,
  b: UnclaimedRow,
): number | undefined {
  switch (column) {
    case 'verdict':
      return verdictRank(verdictOf(a)) - verdictRank(verdictOf(b));
    case 'score':
      return (a.score ?? -1) - (b.score ?? -1);
    case 'evaluatedAt':
      return (a.evaluatedAt ?? '').localeCompare(b.evaluatedAt ?? '');
    case 'name':
    case 'accountId':
    case 'region':
    case 'environment':
    case 'firstSeenAt':
      return (a[column] ?? '').localeCompare(b[column] ?? '');
    default:
      return undefined;
  }
}

function sortRows(rows: UnclaimedRow[], sort: SortDescriptor): UnclaimedRow[] {
  const column = String(sort.column);
  const direction = sort.direction === 'descending' ? -1 : 1;
  return [...rows].sort(
    (a, b) =>
      direction * (compareBy(column, a, b) ?? 0) || compareUnclaimed(a, b),
  );
}

/** The unclaimed clusters, worst first, sortable and paged in the browser. */
export function UnclaimedClustersTable(props: {
  clusters: DiscoveredCluster[];
}) {
  const rows = useMemo(
    () =>
      props.clusters
        .map(cluster => ({ ...cluster, id: cluster.arn }))
        .sort(compareUnclaimed),
    [props.clusters],
  );
  const { tableProps } = useTable<UnclaimedRow>({
    mode: 'complete',
    data: rows,
    sortFn: sortRows,
    paginationOptions: useLocalPaging(rows.length),
  });
  const formatters = useFormatters();
  const columns = useMemo(() => buildColumns(formatters), [formatters]);
  return <Table {...tableProps} columnConfig={columns} />;
}
