import { ResponseError } from '@backstage/errors';
import {
  createEksEncryptionApiClient,
  eksEncryptionApiLimits,
  requireBody,
} from './apiClient';

const BASE = 'http://localhost:7007/api/eks-encryption';

function answering(status: number, body?: unknown) {
  const requests: Request[] = [];
  const fetch = jest.fn(async (request: Request) => {
    requests.push(request);
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });
  });
  return { fetch, requests };
}

describe('createEksEncryptionApiClient', () => {
  it('sends typed requests to the base URL and returns the body', async () => {
    const { fetch, requests } = answering(200, { items: [] });
    const client = createEksEncryptionApiClient({
      baseUrl: BASE,
      fetch,
      headers: { Authorization: 'Bearer token' },
    });
    const answer = await client.request('get', '/v1/entities', {
      params: { query: { limit: 2, cursor: 'a/b' } },
    });
    expect(requireBody(answer)).toEqual({ items: [] });
    expect(requests[0].url).toBe(`${BASE}/v1/entities?limit=2&cursor=a%2Fb`);
    expect(requests[0].headers.get('Authorization')).toBe('Bearer token');
  });

  it('rejects every answer outside 2xx with a ResponseError and its body', async () => {
    const { fetch } = answering(404, {
      error: { name: 'NotFoundError', message: 'No such run' },
      response: { statusCode: 404 },
    });
    const client = createEksEncryptionApiClient({ baseUrl: BASE, fetch });
    const error = await client
      .request('get', '/v1/runs/{id}', { params: { path: { id: 'x' } } })
      .catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(404);
    expect(error.body.error.message).toBe('No such run');
  });

  it('treats a successful answer without a body as an error', async () => {
    const { fetch } = answering(200);
    const client = createEksEncryptionApiClient({ baseUrl: BASE, fetch });
    const answer = await client.request('get', '/v1/checks');
    expect(() => requireBody(answer)).toThrow(/answered 200 without a body/);
  });
});

describe('eksEncryptionApiLimits', () => {
  it('holds the page size bounds of the spec', () => {
    expect(eksEncryptionApiLimits.ListEntityScorecards.limit).toEqual({
      minimum: 1,
      maximum: expect.any(Number),
      default: expect.any(Number),
    });
    expect(eksEncryptionApiLimits.ListClusters.limit).toEqual(
      eksEncryptionApiLimits.ListEntityScorecards.limit,
    );
  });
});
