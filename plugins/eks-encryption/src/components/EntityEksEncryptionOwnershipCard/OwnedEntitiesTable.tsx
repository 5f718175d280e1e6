import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { useTheme } from '@material-ui/core/styles';
import type { OwnerEntityRow } from '../../api';
import { useMemo } from 'react';
import { VerdictLabel } from '../shared/StatusLabel';
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

function buildColumns(showOwner: boolean): TableColumn<OwnerEntityRow>[] {
  const columns: TableColumn<OwnerEntityRow>[] = [
    {
      title: 'Entity',
      field: 'entityRef',
      highlight: true,
      cellStyle: singleLine(),
      render: row => <EntityRefLink entityRef={row.entityRef} />,
    },
    {
      title: 'Verdict',
      field: 'verdict',
      customSort: (a, b) => verdictRank(a.verdict) - verdictRank(b.verdict),
      render: row => <VerdictLabel verdict={row.verdict} />,
    },
    {
      title: 'Grade',
      field: 'score',
      cellStyle: singleLine(),
      render: row =>
        row.grade === null ? 'None' : `${row.grade} (${row.score ?? 0}/100)`,
    },
    // Unsortable: a sort arrow's room would widen these short columns past
    // the card, and the worst-first order already leads with what matters.
    { title: 'Clusters', field: 'clusters', type: 'numeric', sorting: false },
    openFindingsColumn(),
    { ...evaluatedColumn<OwnerEntityRow>(), sorting: false },
  ];
  if (showOwner) {
    columns.splice(1, 0, ownerColumn());
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
  const columns = useMemo(
    () => withNarrowGutters(buildColumns(showOwner), gutter),
    [showOwner, gutter],
  );
  return (
    <Table<OwnerEntityRow>
      title="Owned entities"
      columns={columns}
      data={data}
      options={{
        ...localPagingOptions(data.length),
        search: data.length > LOCAL_PAGE_SIZE,
      }}
    />
  );
}
