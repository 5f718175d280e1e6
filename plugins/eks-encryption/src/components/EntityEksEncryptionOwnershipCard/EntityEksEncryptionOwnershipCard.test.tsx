import type { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  AnalyticsApi,
  analyticsApiRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import {
  MockFetchApi,
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { eksEncryptionApiRef } from '../../api';
import { buildOwnerRow, pagedOwner } from '../../__testUtils__/fixtures';
import { mockEksEncryptionApi } from '../../__testUtils__/mockEksEncryptionApi';
import { EntityEksEncryptionOwnershipCard } from './EntityEksEncryptionOwnershipCard';

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments' },
  spec: { type: 'team', children: ['payments-checkout'] },
};

const user: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'jane' },
  spec: { memberOf: ['payments'] },
};

const rows = [
  buildOwnerRow({ entityRef: 'component:default/checkout', score: 95 }),
  buildOwnerRow({
    entityRef: 'component:default/ledger',
    verdict: 'incomplete',
    score: 82,
    grade: 'B',
  }),
  buildOwnerRow({
    entityRef: 'component:default/payments-api',
    verdict: 'non-compliant',
    score: 40,
    grade: 'F',
    clusters: 2,
    openFindings: { critical: 1, high: 1, medium: 0, low: 0 },
  }),
  buildOwnerRow({
    entityRef: 'component:default/reports',
    verdict: 'not-evaluated',
    score: null,
    grade: null,
    clusters: 0,
    evaluatedAt: null,
  }),
  buildOwnerRow({
    entityRef: 'component:default/batch',
    verdict: 'error',
    score: 70,
    grade: 'C',
    stale: true,
  }),
  buildOwnerRow({
    entityRef: 'component:default/fraud',
    verdict: 'non-compliant',
    score: 55,
    grade: 'D',
    openFindings: { critical: 2, high: 0, medium: 1, low: 0 },
  }),
];

/** Tech Insights with one `eks-*` check that every entity passes. */
function techInsightsFetch() {
  const check = { id: 'eks-compliant', name: 'EKS compliant', description: '' };
  return jest.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    if (url.endsWith('/api/tech-insights/checks')) {
      return Response.json([check]);
    }
    if (url.endsWith('/api/tech-insights/checks/run')) {
      const { entities } = JSON.parse(String(init?.body)) as {
        entities: string[];
      };
      return Response.json(
        entities.map(entity => ({
          entity,
          results: [{ check, result: true }],
        })),
      );
    }
    return new Response('', { status: 404 });
  });
}

async function renderCard(
  api: ReturnType<typeof mockEksEncryptionApi>,
  entity: Entity = group,
  fetch = techInsightsFetch(),
  analyticsApi: AnalyticsApi = mockApis.analytics(),
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [eksEncryptionApiRef, api],
        [
          discoveryApiRef,
          mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
        ],
        [fetchApiRef, new MockFetchApi({ baseImplementation: fetch })],
        [analyticsApiRef, analyticsApi],
      ]}
    >
      <EntityProvider entity={entity}>
        <EntityEksEncryptionOwnershipCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

/**
 * The entity names of the owned-entities grid (the first one; the Tech
 * Insights grid follows), top to bottom: the first link of each row's first
 * cell, as the owner's link may follow it in that cell.
 */
function entityColumn(): string[] {
  const [grid] = screen.getAllByRole('grid');
  return Array.from(grid.querySelectorAll('tbody tr')).map(
    row => row.querySelector('td:first-child a')?.textContent ?? '',
  );
}

describe('EntityEksEncryptionOwnershipCard', () => {
  it('lists the team entities worst first, with summary and links', async () => {
    const api = mockEksEncryptionApi();
    api.getOwner.mockImplementation(pagedOwner(rows, { compliantClusters: 3 }));
    await renderCard(api);

    expect(await screen.findByText('Owned entities')).toBeInTheDocument();
    // The first page, in the API's order; every entity for Tech Insights.
    expect(api.getOwner).toHaveBeenCalledWith('group:default/payments', {
      includeChildren: false,
      offset: 0,
      limit: 10,
    });
    expect(api.getOwner).toHaveBeenCalledWith('group:default/payments', {
      includeChildren: false,
      sort: 'entity',
      offset: 0,
      limit: 500,
    });
    expect(entityColumn()).toEqual([
      'fraud',
      'payments-api',
      'batch',
      'ledger',
      'reports',
      'checkout',
    ]);
    expect(screen.getByText('fraud').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/component/fraud',
    );
    expect(screen.getByText('1 of 6')).toBeInTheDocument();
    expect(screen.getByText('3 of 6')).toBeInTheDocument();
    expect(screen.getByText('30 hours')).toBeInTheDocument();
    expect(screen.getByText('Critical 3')).toBeInTheDocument();
    expect(screen.getAllByText('Non-compliant')).toHaveLength(2);
    expect(screen.getByText('Evaluation error')).toBeInTheDocument();
    expect(screen.getByText('Stale')).toBeInTheDocument();
    expect(screen.getByText('reports').closest('tr')).toHaveTextContent(
      /Never$/,
    );
  });

  it('includes child groups when the switch is on', async () => {
    const api = mockEksEncryptionApi();
    api.getOwner.mockImplementation(async (_ref, options) =>
      options?.includeChildren
        ? pagedOwner(
            [
              ...rows.slice(0, 1),
              buildOwnerRow({
                entityRef: 'component:default/cart',
                ownerRef: 'group:default/payments-checkout',
                verdict: 'non-compliant',
                score: 30,
                grade: 'F',
              }),
            ],
            {
              ownerRefs: [
                'group:default/payments',
                'group:default/payments-checkout',
              ],
            },
          )(_ref, options)
        : pagedOwner(rows.slice(0, 1))(_ref, options),
    );
    const analyticsApi = mockApis.analytics.mock();
    await renderCard(api, group, techInsightsFetch(), analyticsApi);
    expect(await screen.findByText('checkout')).toBeInTheDocument();
    expect(screen.queryByText('cart')).not.toBeInTheDocument();
    expect(screen.queryByRole('columnheader', { name: 'Owner' })).toBeNull();

    fireEvent.click(screen.getByLabelText('Include child groups'));
    expect(analyticsApi.captureEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        action: 'toggle',
        subject: 'include-child-groups',
        attributes: {
          ownerRef: 'group:default/payments',
          includeChildren: true,
        },
      }),
    );

    expect(await screen.findByText('cart')).toBeInTheDocument();
    expect(api.getOwner).toHaveBeenCalledWith('group:default/payments', {
      includeChildren: true,
      offset: 0,
      limit: 10,
    });
    expect(entityColumn()).toEqual(['cart', 'checkout']);
    expect(screen.getByText('payments-checkout')).toBeInTheDocument();
  });

  it('rolls up the Tech Insights checks of the owned entities', async () => {
    const api = mockEksEncryptionApi();
    api.getOwner.mockImplementation(pagedOwner(rows.slice(0, 2)));
    const fetch = techInsightsFetch();
    await renderCard(api, group, fetch);
    expect(await screen.findByText('Tech Insights checks')).toBeInTheDocument();
    await waitFor(() =>
      expect(fetch).toHaveBeenCalledWith(
        'http://localhost:7007/api/tech-insights/checks/run',
        expect.objectContaining({
          body: JSON.stringify({
            entities: [
              'component:default/checkout',
              'component:default/ledger',
            ],
            checks: ['eks-compliant'],
          }),
        }),
      ),
    );
  });

  it('has no child-group switch on a user page', async () => {
    const api = mockEksEncryptionApi();
    api.getOwner.mockImplementation(pagedOwner(rows.slice(0, 2)));
    await renderCard(api, user);
    expect(await screen.findByText('ledger')).toBeInTheDocument();
    expect(api.getOwner).toHaveBeenCalledWith('user:default/jane', {
      includeChildren: false,
      offset: 0,
      limit: 10,
    });
    expect(screen.queryByLabelText('Include child groups')).toBeNull();
  });

  it('renders one page of a thousand entities', async () => {
    const many = Array.from({ length: 1000 }, (_, i) =>
      buildOwnerRow({
        entityRef: `component:default/service-${String(i).padStart(4, '0')}`,
        verdict: i === 999 ? 'non-compliant' : 'compliant',
        score: i === 999 ? 10 : 100,
      }),
    );
    const api = mockEksEncryptionApi();
    api.getOwner.mockImplementation(pagedOwner(many));
    await renderCard(api);
    await waitFor(() => expect(entityColumn()).toHaveLength(10));
    expect(entityColumn()[0]).toBe('service-0999');
    expect(screen.getAllByText(/1-10 of 1,000/).length).toBeGreaterThan(0);

    // The next page, sorting and searching are asked of the API.
    fireEvent.click(screen.getByRole('button', { name: /next/i }));
    await waitFor(() => expect(entityColumn()[0]).toBe('service-0009'));
    expect(api.getOwner).toHaveBeenCalledWith(
      'group:default/payments',
      expect.objectContaining({ offset: 10, limit: 10 }),
    );
    fireEvent.click(screen.getByRole('columnheader', { name: /Entity/ }));
    await waitFor(() =>
      expect(api.getOwner).toHaveBeenCalledWith(
        'group:default/payments',
        expect.objectContaining({ sort: 'entity', order: 'asc', offset: 0 }),
      ),
    );
    fireEvent.change(screen.getByRole('searchbox'), {
      target: { value: '0123' },
    });
    await waitFor(() => expect(entityColumn()).toEqual(['service-0123']));
    expect(api.getOwner).toHaveBeenCalledWith(
      'group:default/payments',
      expect.objectContaining({ search: '0123', offset: 0 }),
    );
  });

  it.each([
    ['an owner without evaluated entities (zeros)', 'zeros'],
    ['an owner the API does not know (404)', 'unknown'],
  ])('shows "nothing linked yet" for %s', async (_, answer) => {
    const api = mockEksEncryptionApi();
    api.getOwner.mockResolvedValue(
      answer === 'zeros'
        ? {
            ownerRef: 'group:default/payments',
            ownerRefs: ['group:default/payments'],
            entities: 0,
            compliantEntities: 0,
            clusters: 0,
            compliantClusters: 0,
            openFindings: { critical: 0, high: 0, medium: 0, low: 0 },
            mttrHours: null,
            items: [],
            totalCount: 0,
          }
        : undefined,
    );
    await renderCard(api);
    expect(await screen.findByText('Nothing linked yet')).toBeInTheDocument();
  });

  it('shows API errors', async () => {
    const api = mockEksEncryptionApi();
    api.getOwner.mockRejectedValue(new Error('owners query failed'));
    await renderCard(api);
    expect(
      (await screen.findAllByText(/owners query failed/)).length,
    ).toBeGreaterThan(0);
  });
});
