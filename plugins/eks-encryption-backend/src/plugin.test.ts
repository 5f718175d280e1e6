import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type {
  EntityScorecard,
  EntityVerdict,
  OwnerRollup,
  RunInfo,
} from 'backstage-plugin-eks-encryption-common';
import { resolve } from 'node:path';
import request from 'supertest';
import { EXAMPLES_DIR, exampleCatalog } from './__testUtils__/exampleCatalog';
import { eksEncryptionPlugin } from './plugin';
import { EVALUATION_TASK_ID } from './service/EvaluationScheduler';
import { createStoreTestDatabases } from './__testUtils__/databases';

const databases = createStoreTestDatabases();

jest.setTimeout(60_000);

/** examples/README.md: each example entity, its owner and its verdict. */
const EXPECTED: Record<string, { owner: string; verdict: EntityVerdict }> = {
  'component:default/payments-api': { owner: 'payments', verdict: 'compliant' },
  'component:default/batch-jobs': { owner: 'data', verdict: 'non-compliant' },
  'component:default/web-frontend': { owner: 'web', verdict: 'non-compliant' },
  'component:default/analytics-pipeline': {
    owner: 'data',
    verdict: 'non-compliant',
  },
  'component:default/orders-service': {
    owner: 'payments',
    verdict: 'non-compliant',
  },
  'resource:default/orders-eks': {
    owner: 'payments',
    verdict: 'non-compliant',
  },
  'component:default/reporting-service': {
    owner: 'data',
    verdict: 'non-compliant',
  },
  'component:default/search-service': { owner: 'web', verdict: 'compliant' },
  'component:default/checkout-service': {
    owner: 'payments',
    verdict: 'compliant',
  },
  'component:default/shop-storefront': { owner: 'web', verdict: 'compliant' },
  'component:default/marketing-site': {
    owner: 'web',
    verdict: 'non-compliant',
  },
  'resource:default/partner-gateway-cluster': {
    owner: 'platform',
    verdict: 'compliant',
  },
  'component:default/partner-api': { owner: 'platform', verdict: 'compliant' },
  'component:default/ml-training': { owner: 'data', verdict: 'incomplete' },
  'component:default/ledger-service': {
    owner: 'payments',
    verdict: 'compliant',
  },
  'component:default/billing-service': {
    owner: 'payments',
    verdict: 'compliant',
  },
  'component:default/legacy-reports': { owner: 'data', verdict: 'error' },
  // Its only token is a typo: nothing could be checked, so it is incomplete.
  'component:default/typo-service': {
    owner: 'platform',
    verdict: 'incomplete',
  },
};

const asUser = mockCredentials.user.header();

describe('eksEncryptionPlugin over the demo catalog and AWS snapshot', () => {
  async function start() {
    const knex = await databases.init('SQLITE_3');
    const scheduler = mockServices.scheduler.mock();
    const backend = await startTestBackend({
      features: [
        eksEncryptionPlugin,
        scheduler.factory,
        mockServices.database.factory({ knex }),
        catalogServiceMock.factory({ entities: exampleCatalog() }),
        mockServices.rootConfig.factory({
          data: {
            eksEncryption: {
              aws: {
                source: 'snapshot',
                snapshotDir: resolve(EXAMPLES_DIR, 'aws-snapshot'),
              },
            },
          },
        }),
      ],
    });
    const task = scheduler.scheduleTask.mock.calls.find(
      ([t]) => t.id === EVALUATION_TASK_ID,
    )?.[0];
    if (!task) throw new Error(`${EVALUATION_TASK_ID} was not scheduled`);
    return { server: backend.server, task };
  }

  async function get<T>(server: Parameters<typeof request>[0], path: string) {
    const res = await request(server)
      .get(`/api/eks-encryption${path}`)
      .set('Authorization', asUser);
    expect(res.status).toBe(200);
    return res.body as T;
  }

  it('serves health without credentials and needs them elsewhere', async () => {
    const { server } = await start();

    const health = await request(server).get('/api/eks-encryption/health');
    expect(health.status).toBe(200);
    const owners = await request(server)
      .get('/api/eks-encryption/v1/owners')
      .set('Authorization', mockCredentials.none.header());
    expect(owners.status).toBe(401);
  });

  it('evaluates the demo estate and rolls it up per owner', async () => {
    const { server, task } = await start();
    await task.fn(new AbortController().signal);

    const entities: EntityScorecard[] = [];
    let cursor: string | undefined;
    do {
      const page = await get<{ items: EntityScorecard[]; nextCursor?: string }>(
        server,
        `/v1/entities?limit=5${
          cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
        }`,
      );
      entities.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);

    expect(
      Object.fromEntries(entities.map(e => [e.entityRef, e.verdict])),
    ).toEqual(
      Object.fromEntries(
        Object.entries(EXPECTED).map(([ref, { verdict }]) => [ref, verdict]),
      ),
    );
    const typo = entities.find(
      e => e.entityRef === 'component:default/typo-service',
    );
    expect(typo?.annotationErrors.map(e => e.token)).toEqual([
      'arn:aws:eks:eu-west-1:11112222:cluster/payments-prod',
      'payments-prod',
    ]);
    const billing = await get<EntityScorecard>(
      server,
      '/v1/entities/default/component/billing-service',
    );
    expect(
      billing.clusters[0].checks.find(c => c.id === 'secrets-rewritten')
        ?.status,
    ).toBe('pass');

    const { items: owners } = await get<{ items: OwnerRollup[] }>(
      server,
      '/v1/owners',
    );
    const expectedOwners = new Map<
      string,
      { entities: number; compliant: number }
    >();
    for (const { owner, verdict } of Object.values(EXPECTED)) {
      const counts = expectedOwners.get(owner) ?? { entities: 0, compliant: 0 };
      counts.entities += 1;
      if (verdict === 'compliant') counts.compliant += 1;
      expectedOwners.set(owner, counts);
    }
    expect(
      owners.map(o => [o.ownerRef, o.entities, o.compliantEntities]),
    ).toEqual(
      [...expectedOwners.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([owner, c]) => [
          `group:default/${owner}`,
          c.entities,
          c.compliant,
        ]),
    );

    const platform = await get<
      OwnerRollup & { ownerRefs: string[]; items: unknown[] }
    >(server, '/v1/owners/default/group/platform?includeChildren=true');
    const family = ['platform', 'payments', 'web'];
    expect(platform.ownerRefs).toEqual(family.map(o => `group:default/${o}`));
    expect(platform.entities).toBe(
      family.reduce((sum, o) => sum + expectedOwners.get(o)!.entities, 0),
    );
    expect(platform.compliantEntities).toBe(
      family.reduce((sum, o) => sum + expectedOwners.get(o)!.compliant, 0),
    );
  });

  it('refreshes one entity on request', async () => {
    const { server, task } = await start();
    await task.fn(new AbortController().signal);

    const started = await request(server)
      .post('/api/eks-encryption/v1/refresh')
      .set('Authorization', asUser)
      .send({ entityRef: 'component:default/payments-api' });
    expect(started.status).toBe(202);

    let run = started.body as RunInfo;
    while (run.status === 'running') {
      await new Promise(done => setTimeout(done, 50));
      run = await get<RunInfo>(server, `/v1/runs/${run.id}`);
    }
    expect(run).toMatchObject({
      kind: 'refresh',
      status: 'succeeded',
      entityRef: 'component:default/payments-api',
      clustersTotal: 1,
      clustersDone: 1,
    });
  });
});
