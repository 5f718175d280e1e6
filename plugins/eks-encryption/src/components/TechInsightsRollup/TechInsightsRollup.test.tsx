import {
  discoveryApiRef,
  fetchApiRef,
  type FetchApi,
} from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { cellUnder } from '../../__testUtils__/tables';
import { TechInsightsRollup } from './TechInsightsRollup';

const BASE = 'http://localhost:7007/api/tech-insights';

const check = (id: string) => ({
  id,
  type: 'json-rules-engine',
  name: `Name of ${id}`,
  description: `About ${id}`,
  factIds: ['eksEncryptionFactRetriever'],
});

function jsonResponse(status: number, body: unknown) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

/** Results per normalized entity ref, as Tech Insights would answer them. */
const RESULTS: Record<string, unknown> = {
  'component:default/payments-api': {
    results: [
      { check: check('eks-compliant'), result: true, facts: {} },
      { check: check('eks-key-usable'), result: true, facts: {} },
    ],
  },
  'component:default/billing': {
    results: [{ check: check('eks-compliant'), result: false, facts: {} }],
  },
  'resource:default/cluster-prod': {
    error: { name: 'Error', message: 'Failed to run rules engine' },
    results: [],
  },
};

function techInsights(
  options: { status?: number; checks?: ReturnType<typeof check>[] } = {},
) {
  const { status = 200 } = options;
  const checks = options.checks ?? [
    check('eks-compliant'),
    check('eks-key-usable'),
    check('docs-present'),
  ];
  const runBodies: { entities: string[]; checks?: string[] }[] = [];
  const fetch = jest.fn(
    async (input: RequestInfo | URL, init?: RequestInit) => {
      if (status !== 200) return jsonResponse(status, { error: {} });
      const url = String(input);
      if (url === `${BASE}/checks`) return jsonResponse(200, checks);
      const body = JSON.parse(String(init?.body));
      runBodies.push(body);
      return jsonResponse(
        200,
        body.entities.map((entity: string) => ({
          entity,
          results: [],
          ...(RESULTS[entity] as object),
        })),
      );
    },
  );
  const fetchApi: FetchApi = { fetch };
  return { fetchApi, fetch, runBodies };
}

async function renderRollup(entityRefs: string[], fetchApi: FetchApi) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [
          discoveryApiRef,
          mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
        ],
        [fetchApiRef, fetchApi],
      ]}
    >
      <TechInsightsRollup entityRefs={entityRefs} />
    </TestApiProvider>,
    {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

const TEAM = [
  'component:default/payments-api',
  'Component:default/Billing',
  'resource:default/cluster-prod',
];

describe('TechInsightsRollup', () => {
  it('counts passed, failed and no data per eks-* check and links failing entities', async () => {
    const { fetchApi, runBodies } = techInsights();
    await renderRollup(TEAM, fetchApi);

    const compliant = await screen.findByTestId('check-eks-compliant');
    expect(
      within(compliant).getByText('Name of eks-compliant'),
    ).toBeInTheDocument();
    expect(cellUnder(compliant, 'Passed')).toHaveTextContent('1');
    expect(cellUnder(compliant, 'Failed')).toHaveTextContent('1');
    expect(cellUnder(compliant, 'No data')).toHaveTextContent('1');
    expect(within(compliant).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/component/Billing',
    );

    const usable = screen.getByTestId('check-eks-key-usable');
    expect(cellUnder(usable, 'Passed')).toHaveTextContent('1');
    expect(cellUnder(usable, 'Failed')).toHaveTextContent('0');
    expect(cellUnder(usable, 'No data')).toHaveTextContent('2');
    expect(within(usable).queryByRole('link')).not.toBeInTheDocument();

    expect(screen.queryByTestId('check-docs-present')).not.toBeInTheDocument();
    expect(runBodies).toEqual([
      {
        entities: [
          'component:default/payments-api',
          'component:default/billing',
          'resource:default/cluster-prod',
        ],
        checks: ['eks-compliant', 'eks-key-usable'],
      },
    ]);
  });

  it('explains how to install Tech Insights when it is not installed', async () => {
    const { fetchApi } = techInsights({ status: 404 });
    await renderRollup(TEAM, fetchApi);

    expect(
      await screen.findByText('Tech Insights is not installed'),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/plugin-tech-insights-backend-module-jsonfc/).length,
    ).toBeGreaterThan(0);
    expect(
      screen.getAllByText(/eksEncryptionFactRetriever/).length,
    ).toBeGreaterThan(0);
  });

  it('explains how to configure the checks when none is an eks-* check', async () => {
    const { fetchApi, runBodies } = techInsights({
      checks: [check('docs-present')],
    });
    await renderRollup(TEAM, fetchApi);

    expect(
      await screen.findByText('No eks-* Tech Insights check is configured'),
    ).toBeInTheDocument();
    expect(runBodies).toEqual([]);
  });

  it('makes no request for a team without entities', async () => {
    const { fetchApi, fetch } = techInsights();
    await renderRollup([], fetchApi);

    expect(screen.getByText('No entities to check.')).toBeInTheDocument();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('shows a failing answer as an error', async () => {
    const { fetchApi } = techInsights({ status: 500 });
    await renderRollup(TEAM, fetchApi);

    expect(
      await screen.findByText(/Request failed with 500/),
    ).toBeInTheDocument();
  });
});
