import { MockFetchApi, mockApis } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import {
  buildRun,
  compliantScorecard,
  orgKpis,
  ownerRollups,
  unclaimedDiscovery,
} from '../__testUtils__/fixtures';
import { EksEncryptionClient } from './EksEncryptionClient';

const BASE = 'http://localhost:7007/api/eks-encryption';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

function errorResponse(status: number, name: string, message: string) {
  return jsonResponse(status, {
    error: { name, message },
    request: { method: 'GET', url: '/v1/anything' },
    response: { statusCode: status },
  });
}

function setup(response: Response = jsonResponse(200, {})) {
  const requests: Request[] = [];
  const fetch = jest.fn(
    async (input: RequestInfo | URL, init?: RequestInit) => {
      requests.push(new Request(input, init));
      return response.clone();
    },
  );
  const client = new EksEncryptionClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
    fetchApi: new MockFetchApi({ baseImplementation: fetch }),
  });
  const requested = () => requests[0].url;
  return { client, fetch, requests, requested };
}

describe('EksEncryptionClient', () => {
  it('reads a scorecard by namespace, kind and name', async () => {
    const { client, requested } = setup(jsonResponse(200, compliantScorecard));
    await expect(
      client.getEntityScorecard('component:default/payments-api'),
    ).resolves.toEqual(compliantScorecard);
    expect(requested()).toBe(
      `${BASE}/v1/entities/default/component/payments-api`,
    );
  });

  it('normalizes and encodes every path segment', async () => {
    const { client, requested } = setup(jsonResponse(200, compliantScorecard));
    await client.getEntityScorecard({
      kind: 'Component',
      namespace: 'Team A',
      name: 'a/b?c#d',
    });
    expect(requested()).toBe(
      `${BASE}/v1/entities/team%20a/component/a%2Fb%3Fc%23d`,
    );
  });

  it('fills in the default namespace', async () => {
    const { client, requested } = setup(jsonResponse(200, compliantScorecard));
    await client.getEntityScorecard('resource:cluster-prod');
    expect(requested()).toBe(
      `${BASE}/v1/entities/default/resource/cluster-prod`,
    );
  });

  it('answers undefined for an entity that is not evaluated or not readable', async () => {
    const { client } = setup(
      errorResponse(404, 'NotFoundError', 'No scorecard for that entity'),
    );
    await expect(
      client.getEntityScorecard('component:default/unknown'),
    ).resolves.toBeUndefined();
  });

  it('turns a Backstage error body into a ResponseError', async () => {
    const { client } = setup(
      errorResponse(500, 'Error', 'database unavailable'),
    );
    const error = await client
      .getEntityScorecard('component:default/payments-api')
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(500);
    expect(error.body.error.message).toBe('database unavailable');
  });

  it('pages entity scorecards with cursor and limit', async () => {
    const { client, requested } = setup(
      jsonResponse(200, { items: [], nextCursor: 'abc' }),
    );
    await expect(
      client.listEntityScorecards({ cursor: 'x+y/z=', limit: 50 }),
    ).resolves.toEqual({ items: [], nextCursor: 'abc' });
    expect(requested()).toBe(
      `${BASE}/v1/entities?cursor=x%2By%2Fz%3D&limit=50`,
    );
  });

  it('sends only the cluster filters that are set, encoded', async () => {
    const { client, requested } = setup(
      jsonResponse(200, { items: [], totalCount: 0 }),
    );
    await client.listClusters({
      owner: 'group:default/team a',
      verdict: 'non-compliant',
      accountId: '111122223333',
      region: 'eu-west-1',
      environment: 'production',
      search: 'pay&ments',
      limit: 20,
      offset: 40,
    });
    const url = new URL(requested());
    expect(`${url.origin}${url.pathname}`).toBe(`${BASE}/v1/clusters`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      owner: 'group:default/team a',
      verdict: 'non-compliant',
      accountId: '111122223333',
      region: 'eu-west-1',
      environment: 'production',
      search: 'pay&ments',
      limit: '20',
      offset: '40',
    });
    expect(requested()).toContain('search=pay%26ments');
  });

  it('lists clusters without a query string when nothing is filtered', async () => {
    const { client, requested } = setup(
      jsonResponse(200, { items: [], totalCount: 0 }),
    );
    await client.listClusters({ search: '' });
    expect(requested()).toBe(`${BASE}/v1/clusters`);
  });

  it('unwraps the owner rollups', async () => {
    const { client, requested } = setup(
      jsonResponse(200, { items: ownerRollups }),
    );
    await expect(client.listOwners()).resolves.toEqual(ownerRollups);
    expect(requested()).toBe(`${BASE}/v1/owners`);
  });

  it('lists the registered checks, custom ones included, in API order', async () => {
    const checks = [
      {
        id: 'envelope-encryption',
        title: 'Secrets envelope encryption',
        severity: 'critical',
        description: 'Secrets are envelope-encrypted.',
      },
      {
        id: 'data-classification',
        title: 'Data classification tag',
        severity: 'high',
        description: 'The cluster carries a data-classification tag.',
      },
    ];
    const { client, requested } = setup(jsonResponse(200, { items: checks }));
    await expect(client.listChecks()).resolves.toEqual(checks);
    expect(requested()).toBe(`${BASE}/v1/checks`);
  });

  it('turns a refused check list into a ResponseError', async () => {
    const { client } = setup(
      errorResponse(401, 'AuthenticationError', 'No token'),
    );
    const error = await client.listChecks().catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(401);
    expect(error.body.error.name).toBe('AuthenticationError');
  });

  it('asks for child groups only when wanted', async () => {
    const first = setup(jsonResponse(200, { items: [] }));
    await first.client.getOwner('group:default/payments', {
      includeChildren: true,
    });
    expect(first.requested()).toBe(
      `${BASE}/v1/owners/default/group/payments?includeChildren=true`,
    );
    const second = setup(jsonResponse(200, { items: [] }));
    await second.client.getOwner('group:default/payments');
    expect(second.requested()).toBe(`${BASE}/v1/owners/default/group/payments`);
  });

  it('reads the KPIs with an optional number of trend days', async () => {
    const { client, requested } = setup(jsonResponse(200, orgKpis));
    await expect(client.getKpis({ days: 90 })).resolves.toEqual(orgKpis);
    expect(requested()).toBe(`${BASE}/v1/kpis?days=90`);
  });

  it('asks discovery for unclaimed clusters only when told', async () => {
    const unclaimed = setup(jsonResponse(200, unclaimedDiscovery));
    await expect(
      unclaimed.client.getDiscovery({ claimed: false }),
    ).resolves.toEqual(unclaimedDiscovery);
    expect(unclaimed.requested()).toBe(`${BASE}/v1/discovery?claimed=false`);

    const all = setup(jsonResponse(200, unclaimedDiscovery));
    await all.client.getDiscovery();
    expect(all.requested()).toBe(`${BASE}/v1/discovery`);
  });

  it('maps a discovery refused for want of the permission to a ResponseError', async () => {
    const { client } = setup(
      errorResponse(403, 'NotAllowedError', 'Unclaimed clusters not allowed'),
    );
    const error = await client.getDiscovery({ claimed: false }).catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
    expect(error.body.error.name).toBe('NotAllowedError');
  });

  it('posts a refresh with the normalized entity ref', async () => {
    const run = buildRun();
    const { client, requests } = setup(jsonResponse(202, run));
    await expect(
      client.refresh({
        kind: 'Component',
        namespace: 'Default',
        name: 'Payments-API',
      }),
    ).resolves.toEqual(run);
    const [request] = requests;
    expect(request.url).toBe(`${BASE}/v1/refresh`);
    expect(request.method).toBe('POST');
    expect(request.headers.get('Content-Type')).toBe('application/json');
    await expect(request.json()).resolves.toEqual({
      entityRef: 'component:default/payments-api',
    });
  });

  it('maps a refused refresh to a ResponseError', async () => {
    const { client } = setup(
      errorResponse(403, 'NotAllowedError', 'Refresh not allowed'),
    );
    const error = await client
      .refresh('component:default/payments-api')
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
    expect(error.body.error.name).toBe('NotAllowedError');
  });

  it('reads a run by its encoded id and reports an unknown run', async () => {
    const { client, requested } = setup(jsonResponse(200, buildRun()));
    await client.getRun('run/42');
    expect(requested()).toBe(`${BASE}/v1/runs/run%2F42`);

    const missing = setup(errorResponse(404, 'NotFoundError', 'No such run'));
    await expect(missing.client.getRun('nope')).rejects.toBeInstanceOf(
      ResponseError,
    );
  });
});
