import { eksEncryptionUnclaimedReadPermission } from 'backstage-plugin-eks-encryption-common';
import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import express from 'express';
import type { Knex } from 'knex';
import request from 'supertest';
import type { EksEncryptionStore } from '../database/EksEncryptionStore';
import { BUILT_IN_CHECKS } from '../engine/checks';
import { CheckRegistry } from '../engine/CheckRegistry';
import { createStoreTestDatabases } from '../__testUtils__/databases';
import { CatalogLinkCollector } from '../catalog/CatalogLinkCollector';
import { EntityRefresher } from './EntityRefresher';
import type { RefreshSettings } from '../config';
import { EvaluationRunner, StartedRefresh } from './EvaluationRunner';
import { OwnerHierarchy } from './OwnerHierarchy';
import { ReadAccess } from './readAccess';
import { UnclaimedAccess } from './UnclaimedAccess';
import { createRouter } from './router';
import {
  ARN,
  ESTATE_CLUSTERS,
  ESTATE_ENTITIES,
  RecordingEvaluator,
  createStore,
  estateCatalog,
} from './__testUtils__/serviceFixtures';

const databases = createStoreTestDatabases();
const NOW = new Date('2026-01-10T09:00:00Z');

const CONDITIONAL: PolicyDecision = {
  result: AuthorizeResult.CONDITIONAL,
  pluginId: 'catalog',
  resourceType: 'catalog-entity',
  conditions: {
    rule: 'IS_ENTITY_OWNER',
    resourceType: 'catalog-entity',
    params: { claims: ['group:default/team-a'] },
  },
};

describe('createRouter', () => {
  let knex: Knex;
  let store: EksEncryptionStore;

  beforeAll(async () => {
    knex = await databases.init('SQLITE_3');
    store = await createStore(knex, () => NOW);
    await store.writeRunResults({
      replace: 'all',
      entities: ESTATE_ENTITIES,
      clusters: ESTATE_CLUSTERS,
      finishedUpdates: [],
      productionValues: ['production'],
      now: NOW,
    });
  });

  afterAll(async () => {
    await knex.destroy();
  });

  /**
   * An app over the real store. `catalog` is what the catalog returns to the
   * caller (a conditional decision leaves out what the caller may not read).
   */
  async function app(
    options: {
      read?: PolicyDecision;
      refresh?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
      catalog?: Entity[];
      /** What the plugin's own credentials see (the group hierarchy); default `catalog`. */
      serviceCatalog?: Entity[];
      refreshBudget?: Partial<RefreshSettings>;
      /** The `eks-encryption.unclaimed.read` decision; default DENY. */
      unclaimed?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
      discoveryEnabled?: boolean;
    } = {},
  ) {
    const permissions = mockServices.permissions.mock({
      authorizeConditional: async () => [
        options.read ?? { result: AuthorizeResult.ALLOW },
      ],
      authorize: async requests =>
        requests.map(({ permission }) => ({
          result:
            permission.name === eksEncryptionUnclaimedReadPermission.name
              ? options.unclaimed ?? AuthorizeResult.DENY
              : options.refresh ?? AuthorizeResult.ALLOW,
        })),
    });
    const catalog = catalogServiceMock({
      entities: options.catalog ?? estateCatalog(),
    });
    const auditor = mockServices.auditor.mock();
    const auditEvent = {
      success: jest.fn(async () => {}),
      fail: jest.fn(async () => {}),
    };
    auditor.createEvent.mockResolvedValue(auditEvent);
    const evaluator = new RecordingEvaluator(
      arn => ESTATE_CLUSTERS.find(c => c.arn === arn)!,
    );
    const runner = new EvaluationRunner({
      links: new CatalogLinkCollector({ catalog, auth: mockServices.auth() }),
      evaluator,
      store,
      logger: mockServices.logger.mock(),
      productionValues: ['production'],
      refresh: options.refreshBudget,
      now: () => NOW,
    });
    const refreshes: StartedRefresh[] = [];
    const readAccess = new ReadAccess({
      permissions,
      catalog,
      userInfo: mockServices.userInfo(),
      ttlMs: 60_000,
      maxEntries: 10,
    });
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      auditor,
      store,
      readAccess,
      owners: new OwnerHierarchy({
        catalog: options.serviceCatalog
          ? catalogServiceMock({ entities: options.serviceCatalog })
          : catalog,
        auth: mockServices.auth(),
        ttlMs: 30_000,
      }),
      checks: new CheckRegistry().definitions(),
      unclaimedAccess: new UnclaimedAccess(permissions),
      discoveryEnabled: options.discoveryEnabled ?? false,
      refresher: new EntityRefresher({
        permissions,
        readAccess,
        runner: {
          startRefresh: async (entityRef, requestedBy) => {
            const started = await runner.startRefresh(entityRef, requestedBy);
            if (!('refused' in started)) refreshes.push(started);
            return started;
          },
        },
      }),
      now: () => NOW,
    });
    const server = express().use(router).use(mockErrorHandler());
    return {
      server,
      permissions,
      auditor,
      auditEvent,
      evaluator,
      settled: () => Promise.all(refreshes.map(r => r.completion)),
    };
  }

  const unauthenticated = mockCredentials.none.header();

  describe('GET /health', () => {
    it('answers ok', async () => {
      const { server } = await app();
      const res = await request(server).get('/health');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok' });
    });
  });

  describe('GET /v1/checks', () => {
    it('lists every registered check in scorecard order, for callers only', async () => {
      const { server } = await app();
      const res = await request(server).get('/v1/checks');
      expect(res.status).toBe(200);
      expect(res.body.items.map((c: { id: string }) => c.id)).toEqual(
        BUILT_IN_CHECKS.map(c => c.id),
      );
      expect(res.body.items[0]).toEqual({
        id: 'envelope-encryption',
        title: expect.any(String),
        severity: 'critical',
        description: expect.any(String),
      });
      const anonymous = await request(server)
        .get('/v1/checks')
        .set('Authorization', unauthenticated);
      expect(anonymous.status).toBe(401);
    });
  });

  describe('GET /v1/entities', () => {
    it('pages through the scorecards', async () => {
      const { server } = await app();

      const first = await request(server).get('/v1/entities?limit=2');
      expect(first.status).toBe(200);
      expect(
        first.body.items.map((i: { entityRef: string }) => i.entityRef),
      ).toEqual(['component:default/payments', 'component:default/search']);
      expect(first.body.nextCursor).toEqual(expect.any(String));

      const second = await request(server)
        .get('/v1/entities')
        .query({ limit: 2, cursor: first.body.nextCursor });
      expect(second.status).toBe(200);
      expect(
        second.body.items.map((i: { entityRef: string }) => i.entityRef),
      ).toEqual(['component:default/secret-project']);
      expect(second.body.nextCursor).toBeUndefined();
    });

    it.each([
      ['limit=abc'],
      ['limit=0'],
      ['limit=501'],
      ['cursor=%25%25%25'],
      ['unknown=1'],
    ])('rejects %s', async query => {
      const { server } = await app();
      const res = await request(server).get(`/v1/entities?${query}`);
      expect(res.status).toBe(400);
    });

    it('needs credentials', async () => {
      const { server } = await app();
      const res = await request(server)
        .get('/v1/entities')
        .set('Authorization', unauthenticated);
      expect(res.status).toBe(401);
    });

    it('lists only what a conditional decision lets the caller read', async () => {
      const { server } = await app({
        read: CONDITIONAL,
        catalog: estateCatalog().filter(
          e => e.metadata.name !== 'secret-project',
        ),
      });
      const res = await request(server).get('/v1/entities');
      expect(res.status).toBe(200);
      expect(
        res.body.items.map((i: { entityRef: string }) => i.entityRef),
      ).toEqual(['component:default/payments', 'component:default/search']);
    });

    it('lists nothing when reading is denied', async () => {
      const { server } = await app({ read: { result: AuthorizeResult.DENY } });
      const res = await request(server).get('/v1/entities');
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([]);
    });
  });

  describe('GET /v1/entities/:namespace/:kind/:name', () => {
    it("answers the entity's scorecard", async () => {
      const { server } = await app();
      const res = await request(server).get(
        '/v1/entities/default/Component/payments',
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        entityRef: 'component:default/payments',
        verdict: 'non-compliant',
        grade: 'D',
        stale: false,
        annotationErrors: [],
      });
      expect(
        res.body.clusters.map((c: { arn: string }) => c.arn).sort(),
      ).toEqual([ARN.alpha, ARN.bravo].sort());
      const bravo = res.body.clusters.find(
        (c: { arn: string }) => c.arn === ARN.bravo,
      );
      expect(bravo.checks).toContainEqual(
        expect.objectContaining({ id: 'customer-managed-key', status: 'fail' }),
      );
    });

    it('answers 404 for an entity that was never evaluated', async () => {
      const { server } = await app();
      const res = await request(server).get(
        '/v1/entities/default/component/unknown',
      );
      expect(res.status).toBe(404);
    });

    it.each([
      ['a name with a space', '/v1/entities/default/component/bad%20name'],
      ['a kind with a colon', '/v1/entities/default/comp%3Aonent/payments'],
      ['a name too long', `/v1/entities/default/component/${'x'.repeat(300)}`],
    ])('answers 400 for %s', async (_, path) => {
      const { server } = await app();
      const res = await request(server).get(path);
      expect(res.status).toBe(400);
    });

    it('answers 404 for an entity the caller may not read', async () => {
      const conditional = await app({
        read: CONDITIONAL,
        catalog: estateCatalog().filter(e => e.metadata.name !== 'payments'),
      });
      const hidden = await request(conditional.server).get(
        '/v1/entities/default/component/payments',
      );
      expect(hidden.status).toBe(404);

      const visible = await request(conditional.server).get(
        '/v1/entities/default/component/search',
      );
      expect(visible.status).toBe(200);
      expect(visible.body.verdict).toBe('incomplete');

      const denied = await app({ read: { result: AuthorizeResult.DENY } });
      const res = await request(denied.server).get(
        '/v1/entities/default/component/search',
      );
      expect(res.status).toBe(404);
    });

    it('needs credentials', async () => {
      const { server } = await app();
      const res = await request(server)
        .get('/v1/entities/default/component/payments')
        .set('Authorization', unauthenticated);
      expect(res.status).toBe(401);
    });
  });

  describe('GET /v1/clusters', () => {
    const arns = (body: { items: { arn: string }[] }) =>
      body.items.map(i => i.arn);

    it('lists clusters with their owners and filters them', async () => {
      const { server } = await app();

      const all = await request(server).get('/v1/clusters');
      expect(all.status).toBe(200);
      expect(all.body.totalCount).toBe(3);
      const alpha = all.body.items.find(
        (i: { arn: string }) => i.arn === ARN.alpha,
      );
      expect(alpha.owners.sort()).toEqual([
        'group:default/team-a',
        'group:default/team-c',
      ]);

      const nonCompliant = await request(server).get(
        '/v1/clusters?verdict=non-compliant',
      );
      expect(arns(nonCompliant.body)).toEqual([ARN.bravo]);

      const byAccount = await request(server).get(
        '/v1/clusters?accountId=444455556666',
      );
      expect(arns(byAccount.body)).toEqual([ARN.bravo]);

      const byOwner = await request(server).get('/v1/clusters?owner=team-b');
      expect(arns(byOwner.body)).toEqual([ARN.charlie]);

      const byEnvironment = await request(server).get(
        '/v1/clusters?environment=production&region=eu-west-1&search=ALP',
      );
      expect(arns(byEnvironment.body)).toEqual([ARN.alpha]);

      const paged = await request(server).get('/v1/clusters?limit=1');
      expect(paged.body.items).toHaveLength(1);
      expect(paged.body.totalCount).toBe(3);
      expect(paged.body.nextCursor).toEqual(expect.any(String));
    });

    it.each([
      ['verdict=bogus'],
      ['verdict=not-evaluated'],
      ['accountId=123'],
      ['region=mars'],
      ['limit=abc'],
      ['offset=-1'],
      ['owner=group:default/'],
      ['owner=a/b/c'],
    ])('rejects %s', async query => {
      const { server } = await app();
      const res = await request(server).get(`/v1/clusters?${query}`);
      expect(res.status).toBe(400);
    });

    it('leaves out clusters only unreadable entities link to', async () => {
      const { server } = await app({
        read: CONDITIONAL,
        catalog: estateCatalog().filter(e => e.metadata.name !== 'search'),
      });
      const res = await request(server).get('/v1/clusters');
      expect(arns(res.body).sort()).toEqual([ARN.alpha, ARN.bravo].sort());
    });

    it('needs credentials', async () => {
      const { server } = await app();
      const res = await request(server)
        .get('/v1/clusters')
        .set('Authorization', unauthenticated);
      expect(res.status).toBe(401);
    });
  });

  describe('GET /v1/owners', () => {
    it('rolls up per owner', async () => {
      const { server } = await app();
      const res = await request(server).get('/v1/owners');
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([
        expect.objectContaining({
          ownerRef: 'group:default/team-a',
          entities: 1,
          compliantEntities: 0,
          clusters: 2,
          compliantClusters: 1,
          openFindings: { critical: 0, high: 1, medium: 0, low: 0 },
        }),
        expect.objectContaining({
          ownerRef: 'group:default/team-b',
          entities: 1,
          compliantEntities: 0,
          clusters: 1,
          compliantClusters: 0,
        }),
        expect.objectContaining({
          ownerRef: 'group:default/team-c',
          entities: 1,
          compliantEntities: 1,
        }),
      ]);
    });

    it('leaves unreadable entities out of the rollups', async () => {
      const { server } = await app({
        read: CONDITIONAL,
        catalog: estateCatalog().filter(
          e => e.metadata.name !== 'secret-project',
        ),
      });
      const res = await request(server).get('/v1/owners');
      expect(
        res.body.items.map((o: { ownerRef: string }) => o.ownerRef),
      ).toEqual(['group:default/team-a', 'group:default/team-b']);
    });

    it('needs credentials', async () => {
      const { server } = await app();
      const res = await request(server)
        .get('/v1/owners')
        .set('Authorization', unauthenticated);
      expect(res.status).toBe(401);
    });
  });

  describe('GET /v1/owners/:namespace/:kind/:name', () => {
    it("answers one owner's rollup, with its child groups when asked", async () => {
      const { server } = await app();

      const own = await request(server).get('/v1/owners/default/group/team-a');
      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({
        ownerRef: 'group:default/team-a',
        ownerRefs: ['group:default/team-a'],
        entities: 1,
        clusters: 2,
      });

      const withChildren = await request(server).get(
        '/v1/owners/default/group/team-a?includeChildren=true',
      );
      expect(withChildren.status).toBe(200);
      expect(withChildren.body.ownerRefs).toEqual([
        'group:default/team-a',
        'group:default/team-c',
      ]);
      expect(withChildren.body.entities).toBe(2);
      expect(
        withChildren.body.items
          .map((i: { entityRef: string }) => i.entityRef)
          .sort(),
      ).toEqual([
        'component:default/payments',
        'component:default/secret-project',
      ]);
      expect(withChildren.body.clusters).toBe(2);

      const withoutChildren = await request(server).get(
        '/v1/owners/default/group/team-a?includeChildren=false',
      );
      expect(withoutChildren.body.ownerRefs).toEqual(['group:default/team-a']);
    });

    it('answers one page of rows in the order asked, with every row counted', async () => {
      const { server } = await app();
      const path = '/v1/owners/default/group/team-a?includeChildren=true';
      const page = await request(server).get(
        `${path}&sort=entity&order=desc&limit=1`,
      );
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({ entities: 2, totalCount: 2 });
      expect(
        page.body.items.map((i: { entityRef: string }) => i.entityRef),
      ).toEqual(['component:default/secret-project']);

      const next = await request(server).get(
        `${path}&sort=entity&order=desc&limit=1&offset=1`,
      );
      expect(
        next.body.items.map((i: { entityRef: string }) => i.entityRef),
      ).toEqual(['component:default/payments']);

      const found = await request(server).get(`${path}&search=SECRET`);
      expect(found.body).toMatchObject({ entities: 2, totalCount: 1 });
    });

    it('answers 404 alike for an unknown owner and an owner the caller may not read', async () => {
      const { server } = await app({
        read: CONDITIONAL,
        catalog: estateCatalog().filter(e => e.metadata.name !== 'team-b'),
        serviceCatalog: estateCatalog(),
      });
      const unknown = await request(server).get(
        '/v1/owners/default/group/nobody',
      );
      const hidden = await request(server).get(
        '/v1/owners/default/group/team-b',
      );
      expect([unknown.status, hidden.status]).toEqual([404, 404]);
      expect(unknown.body.error.message).toBe('No owner group:default/nobody');
      expect(hidden.body.error.message).toBe('No owner group:default/team-b');
    });

    it('answers zeros for an owner without evaluated entities', async () => {
      const { server } = await app({
        catalog: [
          ...estateCatalog(),
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Group',
            metadata: { namespace: 'default', name: 'newcomers' },
            spec: { type: 'team', children: [] },
          },
        ],
      });
      const res = await request(server).get(
        '/v1/owners/default/group/newcomers',
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        ownerRef: 'group:default/newcomers',
        entities: 0,
        clusters: 0,
        openFindings: { critical: 0, high: 0, medium: 0, low: 0 },
        mttrHours: null,
        items: [],
      });
    });

    it.each([
      [
        'includeChildren=maybe',
        '/v1/owners/default/group/team-a?includeChildren=maybe',
      ],
      ['a bad name', '/v1/owners/default/group/team%2Fa'],
      ['sort=size', '/v1/owners/default/group/team-a?sort=size'],
      ['limit=0', '/v1/owners/default/group/team-a?limit=0'],
      ['limit=501', '/v1/owners/default/group/team-a?limit=501'],
      ['offset=-1', '/v1/owners/default/group/team-a?offset=-1'],
      ['an empty search', '/v1/owners/default/group/team-a?search='],
    ])('answers 400 for %s', async (_, path) => {
      const { server } = await app();
      const res = await request(server).get(path);
      expect(res.status).toBe(400);
    });

    it('needs credentials', async () => {
      const { server } = await app();
      const res = await request(server)
        .get('/v1/owners/default/group/team-a')
        .set('Authorization', unauthenticated);
      expect(res.status).toBe(401);
    });
  });

  describe('GET /v1/kpis', () => {
    it('answers the organisation KPIs', async () => {
      const { server } = await app();
      const res = await request(server).get('/v1/kpis?days=7');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        clusters: 3,
        compliantClusters: 1,
        productionClusters: 2,
        compliantProductionClusters: 1,
        productionCompliancePercent: 50,
        openFindings: { critical: 0, high: 1, medium: 0, low: 0 },
      });
      expect(res.body.trend).toEqual([
        expect.objectContaining({ day: '2026-01-10', clusters: 3 }),
      ]);
    });

    it.each([['days=abc'], ['days=0']])('rejects %s', async query => {
      const { server } = await app();
      const res = await request(server).get(`/v1/kpis?${query}`);
      expect(res.status).toBe(400);
    });

    it('needs credentials', async () => {
      const { server } = await app();
      const res = await request(server)
        .get('/v1/kpis')
        .set('Authorization', unauthenticated);
      expect(res.status).toBe(401);
    });
  });

  describe('POST /v1/refresh and GET /v1/runs/:id', () => {
    it('starts one refresh, audits it, and returns it again while it is recent', async () => {
      const { server, auditor, auditEvent, evaluator, settled } = await app();

      const started = await request(server)
        .post('/v1/refresh')
        .send({ entityRef: 'component:default/search' });
      expect(started.status).toBe(202);
      expect(started.body).toMatchObject({
        kind: 'refresh',
        entityRef: 'component:default/search',
        status: 'running',
      });
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          eventId: 'entity-refresh',
          severityLevel: 'medium',
          meta: { entityRef: 'component:default/search' },
        }),
      );
      expect(auditEvent.success).toHaveBeenCalledWith({
        meta: { runId: started.body.id },
      });

      const again = await request(server)
        .post('/v1/refresh')
        .send({ entityRef: 'Component:default/search' });
      expect(again.status).toBe(202);
      expect(again.body.id).toBe(started.body.id);

      await settled();
      expect(evaluator.inputs).toHaveLength(1);
      expect(evaluator.inputs[0].targets.map(t => t.cluster.arn)).toEqual([
        ARN.charlie,
      ]);

      const run = await request(server).get(`/v1/runs/${started.body.id}`);
      expect(run.status).toBe(200);
      expect(run.body).toMatchObject({
        id: started.body.id,
        status: 'succeeded',
        clustersTotal: 1,
        clustersDone: 1,
      });
    });

    it("answers 429 with Retry-After beyond the caller's refresh budget", async () => {
      const { server, auditEvent, settled } = await app({
        refreshBudget: { perCallerLimit: 2, perCallerWindowMs: 60_000 },
      });
      const refresh = (entityRef: string) =>
        request(server).post('/v1/refresh').send({ entityRef });

      expect((await refresh('component:default/payments')).status).toBe(202);
      expect((await refresh('component:default/search')).status).toBe(202);
      // The same entity again joins its recent refresh: no budget spent.
      expect((await refresh('component:default/search')).status).toBe(202);
      const refused = await refresh('component:default/secret-project');
      expect(refused.status).toBe(429);
      expect(refused.headers['retry-after']).toBe('60');
      expect(refused.body.error).toEqual({
        name: 'TooManyRequestsError',
        message: 'At most 2 refreshes per 60 s per caller',
      });
      expect(auditEvent.fail).toHaveBeenCalledWith({
        error: expect.objectContaining({
          message: 'At most 2 refreshes per 60 s per caller',
        }),
      });
      await settled();
    });

    it('answers 403 without the refresh permission, and audits the refusal', async () => {
      const { server, permissions, auditEvent } = await app({
        refresh: AuthorizeResult.DENY,
      });
      const res = await request(server)
        .post('/v1/refresh')
        .send({ entityRef: 'component:default/payments' });
      expect(res.status).toBe(403);
      expect(permissions.authorize).toHaveBeenCalledWith(
        [
          {
            permission: expect.objectContaining({
              name: 'eks-encryption.refresh',
            }),
            resourceRef: 'component:default/payments',
          },
        ],
        { credentials: expect.anything() },
      );
      expect(auditEvent.fail).toHaveBeenCalledWith({
        error: expect.objectContaining({ name: 'NotAllowedError' }),
      });
    });

    it('answers 404 for an entity the caller may not read or the catalog does not know', async () => {
      const denied = await app({ read: { result: AuthorizeResult.DENY } });
      const hidden = await request(denied.server)
        .post('/v1/refresh')
        .send({ entityRef: 'component:default/payments' });
      expect(hidden.status).toBe(404);

      const { server } = await app();
      const unknown = await request(server)
        .post('/v1/refresh')
        .send({ entityRef: 'component:default/unknown' });
      expect(unknown.status).toBe(404);
    });

    it.each([
      ['no body', undefined],
      ['no entityRef', {}],
      ['a ref without kind', { entityRef: 'payments' }],
      ['a ref of the wrong type', { entityRef: 42 }],
      [
        'unknown fields',
        { entityRef: 'component:default/payments', force: true },
      ],
    ])('answers 400 for %s', async (_, body) => {
      const { server } = await app();
      const res = await request(server).post('/v1/refresh').send(body);
      expect(res.status).toBe(400);
    });

    it('needs credentials', async () => {
      const { server } = await app();
      const res = await request(server)
        .post('/v1/refresh')
        .set('Authorization', unauthenticated)
        .send({ entityRef: 'component:default/payments' });
      expect(res.status).toBe(401);
    });

    it('answers 404 for an unknown run and for a run of an unreadable entity', async () => {
      const { server, settled } = await app();
      expect((await request(server).get('/v1/runs/no-such-run')).status).toBe(
        404,
      );

      const started = await request(server)
        .post('/v1/refresh')
        .send({ entityRef: 'component:default/payments' });
      await settled();
      const denied = await app({ read: { result: AuthorizeResult.DENY } });
      const res = await request(denied.server).get(
        `/v1/runs/${started.body.id}`,
      );
      expect(res.status).toBe(404);
    });

    it('needs credentials to read a run', async () => {
      const { server } = await app();
      const res = await request(server)
        .get('/v1/runs/anything')
        .set('Authorization', unauthenticated);
      expect(res.status).toBe(401);
    });
  });
});
