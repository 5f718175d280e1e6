import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import type { OwnerEntityRow } from 'backstage-plugin-eks-encryption-common';
import { useMemo } from 'react';
import { EvaluatedAt } from '../shared/EvaluatedAt';
import { FindingCounts } from '../shared/FindingCounts';
import { StaleChip } from '../shared/StaleChip';
import { VerdictLabel } from '../shared/StatusLabel';
import {
  compareFindings,
  compareWorstFirst,
  verdictRank,
} from '../shared/verdictOrder';

const PAGE_SIZE = 10;

function buildColumns(showOwner: boolean): TableColumn<OwnerEntityRow>[] {
  const columns: TableColumn<OwnerEntityRow>[] = [
    {
      title: 'Entity',
      field: 'entityRef',
      highlight: true,
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
      render: row =>
        row.grade === null ? 'None' : `${row.grade} (${row.score ?? 0}/100)`,
    },
    { title: 'Clusters', field: 'clusters', type: 'numeric' },
    {
      title: 'Open findings',
      field: 'openFindings',
      customSort: (a, b) => compareFindings(a.openFindings, b.openFindings),
      render: row => <FindingCounts counts={row.openFindings} />,
    },
    {
      title: 'Evaluated',
      field: 'evaluatedAt',
      render: row => (
        <Box display="flex" alignItems="center" gridGap={8}>
          <EvaluatedAt evaluatedAt={row.evaluatedAt} />
          {row.stale && <StaleChip />}
        </Box>
      ),
    },
  ];
  if (showOwner) {
    columns.splice(1, 0, {
      title: 'Owner',
      field: 'ownerRef',
      render: row => <EntityRefLink entityRef={row.ownerRef} />,
    });
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
  const columns = useMemo(() => buildColumns(showOwner), [showOwner]);
  return (
    <Table<OwnerEntityRow>
      title="Owned entities"
      columns={columns}
      data={data}
      options={{
        paging: data.length > PAGE_SIZE,
        pageSize: PAGE_SIZE,
        pageSizeOptions: [10, 25, 50, 100],
        emptyRowsWhenPaging: false,
        padding: 'dense',
        search: data.length > PAGE_SIZE,
      }}
    />
  );
}
