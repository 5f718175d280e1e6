// Reading the Backstage UI tables (react-aria grids) of a page as a user sees them.

/** The table of `scope` (page or locator) that has a column titled `header`. */
export function tableWithHeader(scope, header) {
  const page = typeof scope.page === 'function' ? scope.page() : scope;
  return scope.getByRole('grid').filter({
    has: page.getByRole('columnheader', { name: header, exact: true }),
  });
}

/**
 * The rows shown, each an object keyed by its lower-case column title. A cell
 * may stack several facts (a name, then where it runs): one per line.
 */
export async function readRows(table) {
  return table.evaluate(element => {
    const headers = [...element.querySelectorAll('thead th')].map(th =>
      th.innerText.trim().toLowerCase(),
    );
    // The first cell of a row may be its row header (a th or a rowheader td).
    return [...element.querySelectorAll('tbody tr')]
      .map(tr =>
        [...tr.querySelectorAll(':scope > td, :scope > th')].map(cell =>
          cell.innerText
            .split('\n')
            .map(line => line.trim())
            .filter(Boolean)
            .join('\n'),
        ),
      )
      .filter(cells => cells.length === headers.length)
      .map(cells =>
        Object.fromEntries(headers.map((header, i) => [header, cells[i]])),
      );
  });
}

/** The lines of a cell that stacks several facts. */
export const lines = cell => cell.split('\n');
