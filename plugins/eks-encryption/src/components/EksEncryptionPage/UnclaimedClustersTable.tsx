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
import { ClusterNameCell, VerdictGradeCell } from './clusterCells';

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
        <Text as="span" variant="body-medium">
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
      <Text as="span" variant="body-medium" style={{ whiteSpace: 'nowrap' }}>
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

// Shares of the width: where a cluster runs sits under its name, so the
// table fits its card without cutting names off.
function buildColumns(formatters: Formatters): ColumnConfig<UnclaimedRow>[] {
  const { t } = formatters;
  return [
    {
      id: 'name',
      defaultWidth: '2fr',
      label: t('columns.cluster'),
      isRowHeader: true,
      isSortable: true,
      cell: row => <ClusterNameCell {...row} />,
    },
    {
      id: 'owner',
      defaultWidth: '1.5fr',
      label: t('columns.owner'),
      cell: row => <OwnerCell cluster={row} />,
    },
    {
      id: 'verdict',
      defaultWidth: '1.5fr',
      label: t('columns.verdict'),
      isSortable: true,
      cell: row => (
        <VerdictGradeCell
          verdict={verdictOf(row)}
          grade={gradeText(row, formatters)}
        />
      ),
    },
    {
      id: 'evaluatedAt',
      defaultWidth: '1fr',
      label: t('columns.evaluated'),
      isSortable: true,
      cell: row => <TimeCell at={row.evaluatedAt} />,
    },
    {
      id: 'firstSeenAt',
      defaultWidth: '1fr',
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
    case 'evaluatedAt':
      return (a.evaluatedAt ?? '').localeCompare(b.evaluatedAt ?? '');
    case 'name':
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
