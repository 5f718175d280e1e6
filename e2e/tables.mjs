// Reading the Backstage tables (material-table) of a page as a user sees them.

/** The table of `scope` (page or locator) that has a column titled `header`. */
export function tableWithHeader(scope, header) {
  const page = typeof scope.page === 'function' ? scope.page() : scope;
  return scope.getByRole('table').filter({
    has: page.getByRole('columnheader', { name: header, exact: true }),
  });
}

/** The rows shown, each an object keyed by its lower-case column title. */
export async function readRows(table) {
  return table.evaluate(element => {
    const headers = [...element.querySelectorAll('thead th')].map(th =>
      th.innerText.trim().toLowerCase(),
    );
    return [...element.querySelectorAll('tbody tr')]
      .map(tr => [...tr.querySelectorAll('td')].map(td => td.innerText.trim()))
      .filter(cells => cells.length === headers.length)
      .map(cells =>
        Object.fromEntries(headers.map((header, i) => [header, cells[i]])),
      );
  });
}
