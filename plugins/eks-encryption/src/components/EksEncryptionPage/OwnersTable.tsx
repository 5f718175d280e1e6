import {
  Card,
  CardBody,
  CardHeader,
  Cell,
  CellText,
  Flex,
  SearchField,
  Table,
  Text,
  useTable,
  type ColumnConfig,
  type SortDescriptor,
} from '@backstage/ui';
import { memo, useMemo } from 'react';
import type { OwnerRollup } from '../../api';
import { FindingCounts } from '../shared/FindingCounts';
import { Formatters, useFormatters } from '../shared/format';
import { compareFindings } from '../shared/verdictOrder';
import { useLocalPaging } from '../shared/paging';
import { OwnerLink, useOwnerLinks } from './useOwnerLinks';
import { withWrappingHeaders } from './wrappingHeaders';

/** A table row: the rollup, keyed by owner. */
type OwnerRow = OwnerRollup & { id: string };

function complianceRatio(part: number, whole: number): number {
  return whole === 0 ? 1 : part / whole;
}

const entityRatio = (row: OwnerRollup) =>
  complianceRatio(row.compliantEntities, row.entities);
const clusterRatio = (row: OwnerRollup) =>
  complianceRatio(row.compliantClusters, row.clusters);

/** Most open findings first, then the lowest share of compliant clusters. */
function compareOwners(a: OwnerRollup, b: OwnerRollup): number {
  return (
    compareFindings(a.openFindings, b.openFindings) ||
    clusterRatio(a) - clusterRatio(b) ||
    a.ownerRef.localeCompare(b.ownerRef)
  );
}

/** Compares two rows by a sortable column, ascending. */
function compareBy(column: string, a: OwnerRow, b: OwnerRow): number {
  switch (column) {
    case 'owner':
      return a.ownerRef.localeCompare(b.ownerRef);
    case 'compliantEntities':
      return entityRatio(a) - entityRatio(b);
    case 'compliantClusters':
      return clusterRatio(a) - clusterRatio(b);
    case 'openFindings':
      return compareFindings(a.openFindings, b.openFindings);
    case 'mttrHours':
      return (a.mttrHours ?? -1) - (b.mttrHours ?? -1);
    default:
      return 0;
  }
}

function sortRows(rows: OwnerRow[], sort: SortDescriptor): OwnerRow[] {
  const column = String(sort.column);
  const direction = sort.direction === 'descending' ? -1 : 1;
  return [...rows].sort(
    (a, b) => direction * compareBy(column, a, b) || compareOwners(a, b),
  );
}

function searchRows(rows: OwnerRow[], search: string): OwnerRow[] {
  const needle = search.trim().toLocaleLowerCase();
  if (!needle) return rows;
  return rows.filter(row => row.ownerRef.toLocaleLowerCase().includes(needle));
}

// Shares of the width, no fixed sizes: the table never scrolls sideways.
// Owners are named as the catalog presents them only in the rows shown: a
// thousand owners would otherwise ask the catalog for a thousand titles.
function buildColumns(
  { t, number, mttr }: Formatters,
  ownerLink: (ownerRef: string) => OwnerLink,
): ColumnConfig<OwnerRow>[] {
  const partOfWhole = (part: number, whole: number) =>
    t('common.partOfWhole', { part: number(part), whole: number(whole) });
  return [
    {
      id: 'owner',
      label: t('columns.owner'),
      defaultWidth: '2fr',
      isRowHeader: true,
      isSortable: true,
      cell: row => {
        const owner = ownerLink(row.ownerRef);
        return <CellText title={owner.title} href={owner.href} />;
      },
    },
    {
      id: 'compliantEntities',
      label: t('columns.compliantEntities'),
      defaultWidth: '1fr',
      isSortable: true,
      cell: row => (
        <CellText title={partOfWhole(row.compliantEntities, row.entities)} />
      ),
    },
    {
      id: 'compliantClusters',
      label: t('columns.compliantClusters'),
      defaultWidth: '1fr',
      isSortable: true,
      cell: row => (
        <CellText title={partOfWhole(row.compliantClusters, row.clusters)} />
      ),
    },
    {
      id: 'openFindings',
      label: t('columns.openFindings'),
      defaultWidth: '1.5fr',
      isSortable: true,
      cell: row => (
        <Cell>
          <FindingCounts counts={row.openFindings} />
        </Cell>
      ),
    },
    {
      id: 'mttrHours',
      label: t('columns.mttr'),
      defaultWidth: '1fr',
      isSortable: true,
      cell: row => <CellText title={mttr(row.mttrHours)} />,
    },
  ];
}

/**
 * One row per owner, the owners with most open findings first. Memoized: the
 * KPIs arriving must not render the table again.
 */
export const OwnersTable = memo(function OwnersCard(props: {
  owners: OwnerRollup[];
}) {
  // The table's state lives inside the card: a BUI card gives what it holds a
  // new background context each time it renders, which renders every BUI
  // component in it again; paging must render the table, not the card.
  return (
    <Card>
      <OwnersCardContent owners={props.owners} />
    </Card>
  );
});

/** The card's header with the search field, and the table. */
function OwnersCardContent(props: { owners: OwnerRollup[] }) {
  const ownerLink = useOwnerLinks();
  const rows = useMemo(
    () =>
      props.owners
        .map(owner => ({ ...owner, id: owner.ownerRef }))
        .sort(compareOwners),
    [props.owners],
  );
  const { tableProps, search } = useTable<OwnerRow>({
    mode: 'complete',
    data: rows,
    sortFn: sortRows,
    searchFn: searchRows,
    paginationOptions: useLocalPaging(rows.length),
  });
  const formatters = useFormatters();
  const { t } = formatters;
  const columns = useMemo(
    () => withWrappingHeaders(buildColumns(formatters, ownerLink)),
    [formatters, ownerLink],
  );
  return (
    <>
      <CardHeader>
        <Flex
          justify="between"
          align="center"
          gap="3"
          style={{ flexWrap: 'wrap' }}
        >
          <Text as="h2" variant="title-small" weight="bold">
            {t('orgPage.owners')}
          </Text>
          <SearchField
            aria-label={t('orgPage.ownersSearch')}
            placeholder={t('orgPage.ownersSearch')}
            size="small"
            value={search.value}
            onChange={search.onChange}
          />
        </Flex>
      </CardHeader>
      <CardBody>
        <Table
          {...tableProps}
          columnConfig={columns}
          emptyState={
            <Text as="p" variant="body-medium">
              {t('orgPage.ownersNoMatch')}
            </Text>
          }
        />
      </CardBody>
    </>
  );
}
