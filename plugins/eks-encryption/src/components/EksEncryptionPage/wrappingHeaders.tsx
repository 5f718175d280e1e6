import { Column, type ColumnConfig, type TableItem } from '@backstage/ui';

/** Lets a header wrap where BUI would cut it off with an ellipsis. */
const WRAPPING_LABEL = {
  whiteSpace: 'normal',
  overflowWrap: 'anywhere',
} as const;

/**
 * The columns with headers that wrap onto a second line: many columns share a
 * narrow table, and a cut-off header would hide what the column holds.
 */
export function withWrappingHeaders<T extends TableItem>(
  columns: ColumnConfig<T>[],
): ColumnConfig<T>[] {
  return columns.map(column => ({
    ...column,
    header: () => (
      <Column
        id={column.id}
        isRowHeader={column.isRowHeader}
        allowsSorting={column.isSortable}
        width={column.width}
        defaultWidth={column.defaultWidth}
        minWidth={column.minWidth}
        maxWidth={column.maxWidth}
      >
        <span style={WRAPPING_LABEL}>{column.label}</span>
      </Column>
    ),
  }));
}
