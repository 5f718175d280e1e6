import { mockServices } from '@backstage/backend-test-utils';
import type { FactRetrieverContext } from '@backstage-community/plugin-tech-insights-node';
import type { EntityScorecard } from 'backstage-plugin-eks-encryption-common';
import {
  startEntitiesServer,
  type RecordedRequest,
  type ServerAnswer,
} from '../testUtils/entitiesServer';
import {
  buildCluster,
  buildScorecard,
  passingChecks,
} from '../testUtils/scorecards';
import { createEksEncryptionFactRetriever } from './eksEncryptionFactRetriever';

type Server = Awaited<ReturnType<typeof startEntitiesServer>>;

describe('eksEncryptionFactRetriever', () => {
  let server: Server | undefined;

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function run(
    answer: (request: RecordedRequest) => ServerAnswer,
    pageSize?: number,
  ) {
    server = await startEntitiesServer(answer);
    const baseUrl = server.baseUrl;
    const discovery = mockServices.discovery.mock({
      getBaseUrl: async pluginId => {
        expect(pluginId).toBe('eks-encryption');
        return baseUrl;
      },
    });
    const logger = mockServices.logger.mock();
    const retriever = createEksEncryptionFactRetriever({ pageSize });
    const context: FactRetrieverContext = {
      config: mockServices.rootConfig(),
      discovery,
      logger,
      auth: mockServices.auth({ pluginId: 'tech-insights' }),
      urlReader: mockServices.urlReader.mock(),
      entityFilter: retriever.entityFilter,
    };
    return { facts: await retriever.handler(context), logger };
  }

  const onePage = (items: EntityScorecard[]) => (): ServerAnswer => ({
    status: 200,
    body: { items },
  });

  it('publishes facts for compliant, non-compliant, incomplete, error and unevaluated entities', async () => {
    const { facts } = await run(
      onePage([
        buildScorecard('component:default/compliant', [
          buildCluster('a', passingChecks()),
        ]),
        buildScorecard('component:default/non-compliant', [
          buildCluster('b', passingChecks({ 'key-usable': 'fail' })),
        ]),
        buildScorecard('Resource:default/incomplete', [
          buildCluster('c', passingChecks({ 'key-policy': 'unknown' })),
        ]),
        buildScorecard('component:default/error', [
          buildCluster('d', [], {
            encryptionState: undefined,
            error: 'eks:DescribeCluster denied in account 111122223333',
          }),
        ]),
        buildScorecard('component:default/no-clusters', []),
      ]),
    );

    const byName = Object.fromEntries(
      facts.map(f => [f.entity.name, f] as const),
    );
    expect(Object.keys(byName)).toEqual([
      'compliant',
      'non-compliant',
      'incomplete',
      'error',
      'no-clusters',
    ]);
    expect(byName.compliant).toEqual({
      entity: { kind: 'component', namespace: 'default', name: 'compliant' },
      facts: expect.objectContaining({
        eksEvaluationComplete: true,
        eksVerdict: 'compliant',
        eksKeyUsable: true,
      }),
    });
    expect(byName['non-compliant'].facts).toMatchObject({
      eksEvaluationComplete: true,
      eksVerdict: 'non-compliant',
      eksKeyUsable: false,
      eksNonCompliantClusterCount: 1,
    });
    expect(byName.incomplete.entity.kind).toBe('Resource');
    expect(byName.incomplete.facts).toMatchObject({
      eksEvaluationComplete: false,
      eksVerdict: 'incomplete',
      eksKeyPolicyScoped: false,
    });
    expect(byName.error.facts).toMatchObject({
      eksEvaluationComplete: false,
      eksVerdict: 'error',
      eksEncryptionState: 'unknown',
      eksEnvelopeEncryption: false,
    });
    expect(byName['no-clusters'].facts).toMatchObject({
      eksEvaluationComplete: false,
      eksVerdict: 'not-evaluated',
      eksClusterCount: 0,
    });
    for (const { facts: values } of facts) {
      expect(Object.keys(values)).toHaveLength(13);
    }
  });

  it('asks with a service token of tech-insights for eks-encryption', async () => {
    await run(onePage([]));
    expect(server!.requests).toHaveLength(1);
    const [request] = server!.requests;
    expect(request.path).toBe('/api/eks-encryption/v1/entities');
    expect(request.authorization).toMatch(/^Bearer mock-service-token:/);
    expect(request.authorization).toContain('"sub":"plugin:tech-insights"');
    expect(request.authorization).toContain('"target":"eks-encryption"');
  });

  it('follows nextCursor over three pages', async () => {
    const pages: Record<string, { items: EntityScorecard[]; next?: string }> = {
      first: {
        items: [
          buildScorecard('component:default/one', [
            buildCluster('a', passingChecks()),
          ]),
        ],
        next: 'c2',
      },
      c2: {
        items: [
          buildScorecard('component:default/two', []),
          buildScorecard('component:default/three', [
            buildCluster('b', passingChecks()),
          ]),
        ],
        next: 'c3',
      },
      c3: {
        items: [
          buildScorecard('resource:default/four', [
            buildCluster('c', passingChecks()),
          ]),
        ],
      },
    };
    const { facts } = await run(request => {
      const page = pages[request.query.get('cursor') ?? 'first'];
      return {
        status: 200,
        body: { items: page.items, nextCursor: page.next },
      };
    }, 2);

    expect(facts.map(f => f.entity.name)).toEqual([
      'one',
      'two',
      'three',
      'four',
    ]);
    expect(
      server!.requests.map(r => [r.query.get('cursor'), r.query.get('limit')]),
    ).toEqual([
      [null, '2'],
      ['c2', '2'],
      ['c3', '2'],
    ]);
  });

  it('fails the run when a page fails, naming the page', async () => {
    await expect(
      run(request =>
        request.query.get('cursor') === 'c2'
          ? { status: 503, body: { error: { message: 'database down' } } }
          : {
              status: 200,
              body: {
                items: [buildScorecard('component:default/one', [])],
                nextCursor: 'c2',
              },
            },
      ),
    ).rejects.toThrow(/Failed to read page 2 of EKS encryption scorecards/);
  });

  it('fails the run on an answer that is not a page', async () => {
    await expect(
      run(() => ({ status: 200, body: { entities: [] } })),
    ).rejects.toThrow(/page 1.*no items array/);
    await server?.close();
    server = undefined;
    await expect(
      run(() => ({ status: 200, body: 'not json' })),
    ).rejects.toThrow(/page 1/);
  });

  it('fails the run when the server repeats a cursor', async () => {
    await expect(
      run(() => ({ status: 200, body: { items: [], nextCursor: 'again' } })),
    ).rejects.toThrow(/returned cursor 'again' twice/);
  });

  it('publishes one fact set per entity and only for evaluated kinds', async () => {
    const { facts, logger } = await run(
      onePage([
        buildScorecard('component:default/twice', []),
        buildScorecard('Component:default/Twice', [
          buildCluster('a', passingChecks()),
        ]),
        buildScorecard('group:default/team-a', [
          buildCluster('b', passingChecks()),
        ]),
        buildScorecard('not a ref', []),
      ]),
    );
    expect(facts).toHaveLength(1);
    expect(facts[0].facts.eksClusterCount).toBe(1);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining("invalid entity ref 'not a ref'"),
    );
  });
});
