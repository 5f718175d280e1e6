import type { FetchApi } from '@backstage/core-plugin-api';
import { NotFoundError, ResponseError } from '@backstage/errors';
import { mockApis } from '@backstage/test-utils';
import { TechInsightsClient } from './TechInsightsClient';

const BASE = 'http://localhost:7007/api/tech-insights';

const check = (id: string) => ({
  id,
  type: 'json-rules-engine',
  name: `Check ${id}`,
  description: `About ${id}`,
  factIds: ['eksEncryptionFactRetriever'],
});

function jsonResponse(status: number, body: unknown) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

interface RunRequest {
  entities: string[];
  checks?: string[];
}

/** Answers /checks/run like Tech Insights: every asked entity, one result each. */
function techInsightsFetch(status = 200) {
  const runRequests: RunRequest[] = [];
  const fetch = jest.fn(
    async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      if (status !== 200)
        return jsonResponse(status, { error: { message: 'x' } });
      if (url === `${BASE}/checks`) return jsonResponse(200, [check('eks-a')]);
      if (url === `${BASE}/checks/run` && init?.method === 'POST') {
        const body: RunRequest = JSON.parse(String(init.body));
        runRequests.push(body);
        return jsonResponse(
          200,
          body.entities.map(entity => ({
            entity,
            results: [{ check: check('eks-a'), result: true, facts: {} }],
          })),
        );
      }
      return jsonResponse(404, {});
    },
  );
  const fetchApi: FetchApi = { fetch };
  return { fetchApi, fetch, runRequests };
}

function clientWith(fetchApi: FetchApi) {
  return new TechInsightsClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
    fetchApi,
  });
}

describe('TechInsightsClient', () => {
  it('makes no request for an empty entity list', async () => {
    const { fetchApi, fetch } = techInsightsFetch();
    await expect(
      clientWith(fetchApi).runChecks([], ['eks-a']),
    ).resolves.toEqual({ status: 'ok', value: [] });
    await expect(
      clientWith(fetchApi).runChecks(['component:default/a'], []),
    ).resolves.toEqual({ status: 'ok', value: [] });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('runs checks in batches of 50 normalized, unique entity refs', async () => {
    const { fetchApi, runRequests } = techInsightsFetch();
    const refs = Array.from(
      { length: 120 },
      (_, i) => `Component:default/svc-${i}`,
    );
    refs.push('component:default/SVC-0');

    const answer = await clientWith(fetchApi).runChecks(refs, ['eks-a']);

    expect(runRequests.map(r => r.entities.length)).toEqual([50, 50, 20]);
    expect(runRequests[0].entities[0]).toBe('component:default/svc-0');
    expect(runRequests.every(r => r.checks?.join() === 'eks-a')).toBe(true);
    expect(answer.status).toBe('ok');
    expect(answer.status === 'ok' && answer.value).toHaveLength(120);
  });

  it('leaves checks out of the body when none are named', async () => {
    const { fetchApi, runRequests } = techInsightsFetch();
    await clientWith(fetchApi).runChecks(['component:default/a']);
    expect(runRequests).toEqual([{ entities: ['component:default/a'] }]);
  });

  it('lists the checks', async () => {
    const { fetchApi } = techInsightsFetch();
    await expect(clientWith(fetchApi).getChecks()).resolves.toEqual({
      status: 'ok',
      value: [check('eks-a')],
    });
  });

  it('answers not-installed when Tech Insights answers 404', async () => {
    const { fetchApi } = techInsightsFetch(404);
    const client = clientWith(fetchApi);
    await expect(client.getChecks()).resolves.toEqual({
      status: 'not-installed',
    });
    await expect(client.runChecks(['component:default/a'])).resolves.toEqual({
      status: 'not-installed',
    });
  });

  it('answers not-installed when discovery does not know tech-insights', async () => {
    const { fetchApi, fetch } = techInsightsFetch();
    const client = new TechInsightsClient({
      discoveryApi: mockApis.discovery.mock({
        getBaseUrl: async () => {
          throw new NotFoundError('no plugin tech-insights');
        },
      }),
      fetchApi,
    });
    await expect(client.getChecks()).resolves.toEqual({
      status: 'not-installed',
    });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('throws a ResponseError for other failures', async () => {
    const { fetchApi } = techInsightsFetch(403);
    await expect(
      clientWith(fetchApi).runChecks(['component:default/a']),
    ).rejects.toBeInstanceOf(ResponseError);
  });

  it('rejects an answer of an unexpected shape', async () => {
    const fetchApi: FetchApi = {
      fetch: async () => jsonResponse(200, { results: [] }),
    };
    await expect(
      clientWith(fetchApi).runChecks(['component:default/a']),
    ).rejects.toThrow(/unexpected body/);
  });
});
