import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { useTheme } from '@material-ui/core/styles';
import type { OwnerEntityRow } from '../../api';
import { useMemo } from 'react';
import { VerdictLabel } from '../shared/StatusLabel';
import { Formatters, useFormatters } from '../shared/format';
import {
  evaluatedColumn,
  LOCAL_PAGE_SIZE,
  localPagingOptions,
  openFindingsColumn,
  ownerColumn,
  singleLine,
  withNarrowGutters,
} from '../shared/tableColumns';
import { compareWorstFirst, verdictRank } from '../shared/verdictOrder';

function buildColumns(
  showOwner: boolean,
  { t, number }: Formatters,
): TableColumn<OwnerEntityRow>[] {
  const columns: TableColumn<OwnerEntityRow>[] = [
    {
      title: t('columns.entity'),
      field: 'entityRef',
      highlight: true,
      cellStyle: singleLine(),
      render: row => <EntityRefLink entityRef={row.entityRef} />,
    },
    {
      title: t('columns.verdict'),
      field: 'verdict',
      customSort: (a, b) => verdictRank(a.verdict) - verdictRank(b.verdict),
      render: row => <VerdictLabel verdict={row.verdict} />,
    },
    {
      title: t('columns.grade'),
      field: 'score',
      cellStyle: singleLine(),
      render: row =>
        row.grade === null
          ? t('common.none')
          : t('common.gradeWithScore', {
              grade: row.grade,
              score: number(row.score ?? 0),
            }),
    },
    // Unsortable: a sort arrow's room would widen these short columns past
    // the card, and the worst-first order already leads with what matters.
    {
      title: t('columns.clusters'),
      field: 'clusters',
      type: 'numeric',
      sorting: false,
      render: row => number(row.clusters),
    },
    openFindingsColumn(t),
    { ...evaluatedColumn<OwnerEntityRow>(t), sorting: false },
  ];
  if (showOwner) {
    columns.splice(1, 0, ownerColumn(t));
  }
  return columns;
}

/**
 * The owner's entities, worst first, a page at a time so that large teams
 * stay responsive.
 */
export function OwnedEntitiesTable(props: {
  rows: OwnerEntityRow[];
  showOwner: boolean;
}) {
  const { rows, showOwner } = props;
  // material-table writes into the row objects it gets: hand it copies.
  const data = useMemo(
    () => rows.map(row => ({ ...row })).sort(compareWorstFirst),
    [rows],
  );
  const gutter = useTheme().spacing(2);
  const formatters = useFormatters();
  const columns = useMemo(
    () => withNarrowGutters(buildColumns(showOwner, formatters), gutter),
    [showOwner, formatters, gutter],
  );
  return (
    <Table<OwnerEntityRow>
      title={formatters.t('ownershipCard.ownedEntities')}
      columns={columns}
      data={data}
      options={{
        ...localPagingOptions(data.length),
        search: data.length > LOCAL_PAGE_SIZE,
      }}
    />
  );
}
