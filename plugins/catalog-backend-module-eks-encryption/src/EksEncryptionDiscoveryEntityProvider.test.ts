import type { SchedulerServiceTaskFunction } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import type { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import {
  EksEncryptionDiscoveryEntityProvider,
  REFRESH_TASK_ID,
} from './EksEncryptionDiscoveryEntityProvider';
import { DISCOVERY, PAYMENTS_ARN } from './__testUtils__/fixtures';

const BASE_URL = 'http://eks-encryption.test/api/eks-encryption';

function setup() {
  const logger = mockServices.logger.mock();
  logger.child.mockReturnValue(logger);
  const tasks: Array<{ id: string; fn: SchedulerServiceTaskFunction }> = [];
  const provider = new EksEncryptionDiscoveryEntityProvider({
    discovery: mockServices.discovery.mock({
      getBaseUrl: async () => BASE_URL,
    }),
    auth: mockServices.auth(),
    logger,
    taskRunner: { run: async task => void tasks.push(task) },
    ownerFallback: 'group:default/unknown',
  });
  const connection: jest.Mocked<EntityProviderConnection> = {
    applyMutation: jest.fn(),
    refresh: jest.fn(),
  };
  return { provider, connection, logger, tasks };
}

function answer(status: number, body: unknown) {
  return jest.spyOn(globalThis, 'fetch').mockResolvedValue(
    new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json' },
    }),
  );
}

describe('EksEncryptionDiscoveryEntityProvider', () => {
  afterEach(() => jest.restoreAllMocks());

  it('schedules one task when connected', async () => {
    const { provider, connection, tasks } = setup();
    await provider.connect(connection);
    expect(provider.getProviderName()).toBe('eks-encryption-discovery');
    expect(tasks.map(t => t.id)).toEqual([REFRESH_TASK_ID]);
  });

  it('reads GET /v1/discovery with a service token for eks-encryption and applies a full mutation', async () => {
    const fetch = answer(200, DISCOVERY);
    const { provider, connection, tasks } = setup();
    await provider.connect(connection);
    await tasks[0].fn(new AbortController().signal);

    const request = fetch.mock.calls[0][0] as Request;
    expect(request.method).toBe('GET');
    expect(request.url).toBe(`${BASE_URL}/v1/discovery`);
    expect(request.headers.get('Authorization')).toMatch(
      /^Bearer mock-service-token:.*"target":"eks-encryption"/,
    );
    expect(connection.applyMutation).toHaveBeenCalledTimes(1);
    const mutation = connection.applyMutation.mock.calls[0][0];
    expect(mutation.type).toBe('full');
    expect(
      mutation.type === 'full' &&
        mutation.entities.map(e => e.entity.metadata.annotations),
    ).toEqual([
      expect.objectContaining({ 'amazonaws.com/arn': PAYMENTS_ARN }),
      expect.anything(),
    ]);
  });

  it('applies an empty mutation when discovery lists no cluster', async () => {
    answer(200, { ...DISCOVERY, clusters: [] });
    const { provider, connection } = setup();
    await provider.connect(connection);
    await provider.refresh();
    expect(connection.applyMutation).toHaveBeenCalledWith({
      type: 'full',
      entities: [],
    });
  });

  it.each([
    ['an error status', 500, { error: { name: 'Error', message: 'boom' } }],
    ['a refusal', 403, { error: { name: 'NotAllowedError', message: 'no' } }],
    ['a body without clusters', 200, { enabled: true, listings: [] }],
    ['a body that is not JSON of an object', 200, 'nope'],
  ])('fails the run and applies nothing on %s', async (_what, status, body) => {
    answer(status, body);
    const { provider, connection, logger } = setup();
    await provider.connect(connection);
    await expect(provider.refresh()).rejects.toThrow(
      `Failed to read the discovered EKS clusters from ${BASE_URL}/v1/discovery`,
    );
    expect(connection.applyMutation).not.toHaveBeenCalled();
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining('Kept the previous EKS cluster Resources'),
      expect.any(Error),
    );
  });

  it('fails the run and applies nothing when the request cannot be sent', async () => {
    jest
      .spyOn(globalThis, 'fetch')
      .mockRejectedValue(new TypeError('fetch failed'));
    const { provider, connection } = setup();
    await provider.connect(connection);
    await expect(provider.refresh()).rejects.toThrow('fetch failed');
    expect(connection.applyMutation).not.toHaveBeenCalled();
  });

  it('fails the run and applies nothing when discovery is off in the backend', async () => {
    answer(200, { enabled: false, clusters: [], listings: [] });
    const { provider, connection } = setup();
    await provider.connect(connection);
    await expect(provider.refresh()).rejects.toThrow(
      'discovery is not enabled in the eks-encryption backend',
    );
    expect(connection.applyMutation).not.toHaveBeenCalled();
  });

  it('refuses to run before the catalog connects it', async () => {
    const { provider } = setup();
    await expect(provider.refresh()).rejects.toThrow('not connected');
  });
});
