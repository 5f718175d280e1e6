import type { TableColumn, TableOptions } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import type { FindingCounts as Counts } from 'backstage-plugin-eks-encryption-common';
import { EvaluatedAt } from './EvaluatedAt';
import { FindingCounts } from './FindingCounts';
import { StaleChip } from './StaleChip';
import { compareFindings } from './verdictOrder';

/** Rows per page of the tables that page in the browser. */
export const LOCAL_PAGE_SIZE = 10;

/** Paging for a table holding every row: pages only when there are many. */
export function localPagingOptions<T extends object>(
  rowCount: number,
): TableOptions<T> {
  return {
    paging: rowCount > LOCAL_PAGE_SIZE,
    pageSize: LOCAL_PAGE_SIZE,
    pageSizeOptions: [10, 25, 50, 100],
    emptyRowsWhenPaging: false,
    padding: 'dense',
  };
}

/** An owner column linking to the owner's catalog page. */
export function ownerColumn<T extends { ownerRef: string }>(
  options: { highlight?: boolean } = {},
): TableColumn<T> {
  return {
    title: 'Owner',
    field: 'ownerRef',
    ...(options.highlight && { highlight: true }),
    render: row => <EntityRefLink entityRef={row.ownerRef} />,
  };
}

/** Open findings by severity, the most severe first when sorted. */
export function openFindingsColumn<
  T extends { openFindings: Counts },
>(): TableColumn<T> {
  return {
    title: 'Open findings',
    field: 'openFindings',
    customSort: (a, b) => compareFindings(a.openFindings, b.openFindings),
    render: row => <FindingCounts counts={row.openFindings} />,
  };
}

/** When the row was last evaluated, marked when that result is stale. */
export function evaluatedColumn<
  T extends { evaluatedAt: string | null; stale: boolean },
>(): TableColumn<T> {
  return {
    title: 'Evaluated',
    field: 'evaluatedAt',
    render: row => (
      <Box display="flex" alignItems="center" gridGap={8}>
        <EvaluatedAt evaluatedAt={row.evaluatedAt} />
        {row.stale && <StaleChip />}
      </Box>
    ),
  };
}
