import { within } from '@testing-library/react';

/** The cell of `row` in the column headed `header`. */
export function cellUnder(row: HTMLElement, header: string): HTMLElement {
  const table = row.closest('table') as HTMLElement;
  const headers = within(table).getAllByRole('columnheader');
  const index = headers.findIndex(cell => cell.textContent === header);
  expect(index).toBeGreaterThanOrEqual(0);
  return row.children[index] as HTMLElement;
}
