import { mockServices } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import type { FactRetrieverContext } from '@backstage-community/plugin-tech-insights-node';
import {
  eksEncryptionApiLimits,
  type EntityScorecard,
} from 'backstage-plugin-eks-encryption-common';
import {
  startEntitiesServer,
  type RecordedRequest,
  type ServerAnswer,
} from '../__testUtils__/entitiesServer';
import {
  BUILT_IN_CHECKS,
  buildCluster,
  buildScorecard,
  checkResult,
  passingChecks,
} from '../__testUtils__/scorecards';
import { createEksEncryptionFactRetriever } from './eksEncryptionFactRetriever';

type Server = Awaited<ReturnType<typeof startEntitiesServer>>;

/** `GET /v1/checks` as the backend answers it with the built-in checks. */
const builtInCheckList: ServerAnswer = {
  status: 200,
  body: {
    items: BUILT_IN_CHECKS.map(({ id, severity }) => ({
      id,
      severity,
      title: `Title of ${id}`,
      description: `About ${id}`,
    })),
  },
};

const isCheckList = (request: RecordedRequest) =>
  request.path === '/api/eks-encryption/v1/checks';

describe('eksEncryptionFactRetriever', () => {
  let server: Server | undefined;

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  /** Requests for scorecard pages, the check list left out. */
  const pageRequests = () => server!.requests.filter(r => !isCheckList(r));

  async function run(
    answer: (request: RecordedRequest) => ServerAnswer,
    pageSize?: number,
    checkList: ServerAnswer = builtInCheckList,
  ) {
    server = await startEntitiesServer(request =>
      isCheckList(request) ? checkList : answer(request),
    );
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
      expect(Object.keys(values)).toHaveLength(14);
    }
    expect(byName['non-compliant'].facts.eksCheckStatuses).toMatchObject({
      'key-usable': 'fail',
      'envelope-encryption': 'pass',
    });
  });

  it('asks with a service token of tech-insights for eks-encryption', async () => {
    await run(onePage([]));
    expect(server!.requests.map(r => r.path)).toEqual([
      '/api/eks-encryption/v1/checks',
      '/api/eks-encryption/v1/entities',
    ]);
    for (const request of server!.requests) {
      expect(request.authorization).toMatch(/^Bearer mock-service-token:/);
      expect(request.authorization).toContain('"sub":"plugin:tech-insights"');
      expect(request.authorization).toContain('"target":"eks-encryption"');
    }
  });

  it('asks for the largest page the API spec allows by default', async () => {
    await run(onePage([]));
    expect(pageRequests()[0].query.get('limit')).toBe(
      String(eksEncryptionApiLimits.ListEntityScorecards.limit.maximum),
    );
  });

  it('refuses a page size outside the bounds of the API spec at creation', () => {
    const { minimum, maximum } =
      eksEncryptionApiLimits.ListEntityScorecards.limit;
    for (const pageSize of [minimum - 1, maximum + 1, 1.5]) {
      expect(() => createEksEncryptionFactRetriever({ pageSize })).toThrow(
        InputError,
      );
    }
  });

  it('publishes the status of every check the backend lists, a custom one included', async () => {
    const checkList: ServerAnswer = {
      status: 200,
      body: {
        items: [
          ...(builtInCheckList.body as { items: unknown[] }).items,
          {
            id: 'data-classification',
            title: 'Data classification tag',
            severity: 'high',
            description: 'The cluster carries a data-classification tag.',
          },
        ],
      },
    };
    const { facts } = await run(
      onePage([
        buildScorecard('component:default/tagged', [
          buildCluster('a', [
            ...passingChecks(),
            checkResult('data-classification', 'pass', 'high'),
          ]),
        ]),
        buildScorecard('component:default/untagged', [
          buildCluster('b', [
            ...passingChecks(),
            checkResult('data-classification', 'fail', 'high'),
          ]),
        ]),
      ]),
      undefined,
      checkList,
    );
    const statuses = Object.fromEntries(
      facts.map(f => [f.entity.name, f.facts.eksCheckStatuses] as const),
    );
    expect(statuses.tagged).toMatchObject({
      'data-classification': 'pass',
      'key-usable': 'pass',
    });
    expect(statuses.untagged).toMatchObject({ 'data-classification': 'fail' });
    // The named facts do not change with a custom check.
    expect(facts[1].facts).toMatchObject({
      eksEvaluationComplete: true,
      eksEnvelopeEncryption: true,
    });
  });

  it('fails the run when the checks cannot be read', async () => {
    await expect(
      run(onePage([]), undefined, {
        status: 503,
        body: { error: { name: 'Error', message: 'database down' } },
      }),
    ).rejects.toThrow(/Failed to read the EKS encryption checks/);
    await server?.close();
    server = undefined;
    await expect(
      run(onePage([]), undefined, {
        status: 200,
        body: { items: [{ id: 'x' }] },
      }),
    ).rejects.toThrow(/item 0 is not a check/);
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
      pageRequests().map(r => [r.query.get('cursor'), r.query.get('limit')]),
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
