import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { cellUnder } from '../../__testUtils__/tables';
import { CheckRollupTable, FAILING_LINKS_SHOWN } from './CheckRollupTable';

const check = {
  id: 'eks-compliant',
  type: 'json-rules-engine',
  name: 'EKS Secrets encryption compliant',
  description: 'Every cluster is compliant',
  factIds: ['eksEncryptionFactRetriever'],
};

describe('CheckRollupTable', () => {
  it('links the first failing entities and counts the rest', async () => {
    const failed = Array.from(
      { length: FAILING_LINKS_SHOWN + 3 },
      (_, i) => `component:default/service-${i}`,
    );
    await renderInTestApp(
      <CheckRollupTable rows={[{ check, passed: [], failed, noData: [] }]} />,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );

    const row = screen.getByTestId('check-eks-compliant');
    expect(cellUnder(row, 'Failed')).toHaveTextContent('8');
    expect(within(row).getAllByRole('link')).toHaveLength(FAILING_LINKS_SHOWN);
    expect(row).toHaveTextContent('and 3 more');
  });
});
