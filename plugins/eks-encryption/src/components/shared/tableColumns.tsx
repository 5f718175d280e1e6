import type { TableColumn, TableOptions } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import type { FindingCounts as Counts } from 'backstage-plugin-eks-encryption-common';
import type { CSSProperties } from 'react';
import { EvaluatedAt } from './EvaluatedAt';
import type { EksTranslate } from './format';
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

/**
 * Style of a cell whose text must stay on one line (names, ids, grades):
 * the theme lets table cells break inside words. A new object each time,
 * as the Backstage table writes into the styles of highlighted columns.
 */
export function singleLine(): CSSProperties {
  return { whiteSpace: 'nowrap' };
}

/**
 * The columns with `gutter` px between cells instead of the theme's wider
 * padding, for tables with many columns or inside another card. The first
 * column keeps its left padding, which lines it up with the table title.
 */
export function withNarrowGutters<T extends object>(
  columns: TableColumn<T>[],
  gutter: number,
): TableColumn<T>[] {
  return columns.map((column, index) => {
    const padding: CSSProperties = {
      ...(index > 0 && { paddingLeft: gutter / 2 }),
      paddingRight: gutter / 2,
    };
    const { cellStyle } = column;
    return {
      ...column,
      headerStyle: { ...column.headerStyle, ...padding },
      cellStyle:
        typeof cellStyle === 'function'
          ? (data: unknown, row: T) => ({ ...cellStyle(data, row), ...padding })
          : { ...cellStyle, ...padding },
    };
  });
}

/** An owner column linking to the owner's catalog page. */
export function ownerColumn<T extends { ownerRef: string }>(
  t: EksTranslate,
  options: { highlight?: boolean } = {},
): TableColumn<T> {
  return {
    title: t('columns.owner'),
    field: 'ownerRef',
    ...(options.highlight && { highlight: true }),
    cellStyle: singleLine(),
    render: row => <EntityRefLink entityRef={row.ownerRef} />,
  };
}

/** Open findings by severity, the most severe first when sorted. */
export function openFindingsColumn<T extends { openFindings: Counts }>(
  t: EksTranslate,
): TableColumn<T> {
  return {
    title: t('columns.openFindings'),
    field: 'openFindings',
    customSort: (a, b) => compareFindings(a.openFindings, b.openFindings),
    render: row => <FindingCounts counts={row.openFindings} />,
  };
}

/**
 * When the row was last evaluated ("3 hours ago"), marked when that result is
 * stale; the chip moves below the time when the column is narrow.
 */
export function evaluatedColumn<
  T extends { evaluatedAt: string | null; stale: boolean },
>(t: EksTranslate): TableColumn<T> {
  return {
    title: t('columns.evaluated'),
    field: 'evaluatedAt',
    render: row => (
      <Box display="flex" flexWrap="wrap" alignItems="center" gridGap={8}>
        <Box component="span" whiteSpace="nowrap">
          <EvaluatedAt evaluatedAt={row.evaluatedAt} compact />
        </Box>
        {row.stale && <StaleChip />}
      </Box>
    ),
  };
}
