import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  eksEncryptionUnclaimedReadPermission,
  type Discovery,
  type OrgKpis,
} from 'backstage-plugin-eks-encryption-common';
import {
  eksEncryptionChangesExtensionPoint,
  type EksEncryptionChange,
} from 'backstage-plugin-eks-encryption-node';
import request from 'supertest';
import {
  clusterArnOf,
  clusterFixture,
  fixture,
  keyArnOf,
  keyFixture,
  listingOf,
} from './__testUtils__/awsEstate';
import { annotatedComponent } from './__testUtils__/catalogEntities';
import { createStoreTestDatabases } from './__testUtils__/databases';
import { FakeAwsEndpoint } from './__testUtils__/fakeAwsEndpoint';
import { startPluginBackend } from './__testUtils__/pluginBackend';
import { eventually } from './reliability/__testUtils__/eventually';
import { FINDINGS_TOPIC } from './service/eventsPublisher';

/*
 * Discovery through the scheduler's task, the real SDK clients over a fake AWS
 * endpoint and the store on each database: every listed cluster is evaluated once,
 * claimed or not; unclaimed ones are seen only with `eks-encryption.unclaimed.read`
 * and stay out of every entity rollup; a complete listing that lacks a cluster
 * resolves its findings as `cluster-deleted` (MTTR unchanged); an incomplete one
 * deletes nothing. Every change reaches the events service and each consumer once.
 */

jest.setTimeout(120_000);

const ACCOUNT = '111122223333';
const ownKey = (keyId: string) => keyFixture({ keyId });
const paymentsKey = ownKey('11111111-1111-4111-8111-111111111111');
const orphanKey = ownKey('33333333-3333-4333-8333-333333333333');
const associated = [
  {
    id: 'a1b2c3d4-0000-4000-8000-000000000001',
    type: 'AssociateEncryptionConfig',
    status: 'Successful',
    createdAt: '2024-06-01T00:00:00.000Z',
  },
];
const payments = clusterFixture({
  name: 'payments',
  encryptionKeyRef: keyArnOf(paymentsKey),
  updates: associated,
});
const retired = clusterFixture({ name: 'retired' });
const orphanOk = clusterFixture({
  name: 'orphan-ok',
  encryptionKeyRef: keyArnOf(orphanKey),
  updates: associated,
  tags: { owner: 'team-a', environment: 'production' },
});
const orphanLegacy = clusterFixture({
  name: 'orphan-legacy',
  tags: { owner: 'nobody', environment: 'production' },
});

const TEAM_A: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team-a', namespace: 'default' },
  spec: { type: 'team', children: [] },
};
const ENTITIES = [
  TEAM_A,
  annotatedComponent('payments', 'team-a', clusterArnOf(payments)),
  annotatedComponent('retired', 'team-a', clusterArnOf(retired)),
];

const CONFIG = {
  eksEncryption: {
    discovery: {
      enabled: true,
      accounts: [ACCOUNT],
      regions: ['eu-west-1', 'us-east-1'],
    },
  },
};

describe('eksEncryptionPlugin discovery', () => {
  const databases = createStoreTestDatabases();
  let aws: FakeAwsEndpoint;

  beforeAll(async () => {
    aws = await FakeAwsEndpoint.start();
  });

  afterAll(async () => {
    await aws.stop();
  });

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    it('evaluates unclaimed clusters, shows them only to the permitted, and resolves deleted clusters as cluster-deleted', async () => {
      aws.clearFaults();
      aws.estate = fixture({
        clusters: [payments, retired, orphanOk, orphanLegacy],
        keys: [paymentsKey, orphanKey],
      });
      let unclaimed: AuthorizeResult.ALLOW | AuthorizeResult.DENY =
        AuthorizeResult.ALLOW;
      const published: EksEncryptionChange[] = [];
      const consumed: number[] = [];
      let failNext = true;
      const { backend, run, drain, get } = await startPluginBackend({
        knex: await databases.init(databaseId),
        entities: ENTITIES,
        source: aws.sdkSource(),
        config: CONFIG,
        features: [
          mockServices.permissions.mock({
            authorize: async requests =>
              requests.map(({ permission }) => ({
                result:
                  permission.name === eksEncryptionUnclaimedReadPermission.name
                    ? unclaimed
                    : AuthorizeResult.ALLOW,
              })),
            authorizeConditional: async requests =>
              requests.map(() => ({ result: AuthorizeResult.ALLOW })),
          }).factory,
          createBackendModule({
            pluginId: 'eks-encryption',
            moduleId: 'test-change-readers',
            register(env) {
              env.registerInit({
                deps: {
                  events: eventsServiceRef,
                  changes: eksEncryptionChangesExtensionPoint,
                },
                async init({ events, changes }) {
                  await events.subscribe({
                    id: 'test',
                    topics: [FINDINGS_TOPIC],
                    onEvent: async ({ eventPayload }) => {
                      published.push(eventPayload as EksEncryptionChange);
                    },
                  });
                  changes.addConsumer({
                    id: 'flaky',
                    async consume(batch) {
                      if (failNext) {
                        failNext = false;
                        throw new Error('first send fails');
                      }
                      consumed.push(...batch.map(c => c.id));
                    },
                  });
                },
              });
            },
          }),
        ],
      });
      const discovery = (query = '') => get<Discovery>(`/v1/discovery${query}`);
      const kpis = () => get<OrgKpis>('/v1/kpis');

      // Day 1: four clusters listed, each described once; two listing calls.
      const before = aws.requests.length;
      await run();
      const calls = aws.requests.slice(before);
      expect(calls.filter(r => r.action === 'eks:ListClusters')).toHaveLength(2);
      expect(
        calls
          .filter(r => r.action === 'eks:DescribeCluster')
          .map(r => r.resource)
          .sort(),
      ).toEqual(['orphan-legacy', 'orphan-ok', 'payments', 'retired']);

      const day1 = await discovery();
      expect(day1.enabled).toBe(true);
      expect(
        day1.clusters.map(c => [c.name, c.claimed, c.ownerRef, c.verdict]),
      ).toEqual([
        ['orphan-legacy', false, undefined, 'non-compliant'],
        ['orphan-ok', false, 'group:default/team-a', 'compliant'],
        ['payments', true, 'group:default/team-a', undefined],
        ['retired', true, 'group:default/team-a', undefined],
      ]);
      expect(day1.clusters[0]).toMatchObject({
        ownerTag: 'nobody',
        isProduction: true,
        checks: expect.arrayContaining([
          expect.objectContaining({ id: 'envelope-encryption' }),
        ]),
      });
      expect(day1.listings.map(l => [l.region, l.complete])).toEqual([
        ['eu-west-1', true],
        ['us-east-1', true],
      ]);
      expect((await discovery('?claimed=false')).clusters).toHaveLength(2);

      const kpis1 = await kpis();
      // Unclaimed clusters stay out of the entity KPIs, counted apart.
      expect(kpis1.clusters).toBe(2);
      expect(kpis1.unclaimed).toEqual({
        productionClusters: 2,
        compliantProductionClusters: 1,
      });

      // Without the permission: 403, and no unclaimed counts.
      unclaimed = AuthorizeResult.DENY;
      const denied = await request(backend.server)
        .get('/api/eks-encryption/v1/discovery')
        .set('Authorization', mockCredentials.user.header());
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toContain(
        'eks-encryption.unclaimed.read',
      );
      expect((await kpis()).unclaimed).toBeUndefined();
      unclaimed = AuthorizeResult.ALLOW;

      // Day 2: `retired` is gone from a complete listing.
      aws.estate = fixture({
        clusters: [payments, orphanOk, orphanLegacy],
        keys: [paymentsKey, orphanKey],
      });
      await run();
      const kpis2 = await kpis();
      const open = (k: OrgKpis) =>
        Object.values(k.openFindings).reduce((a, b) => a + b, 0);
      expect(open(kpis1)).toBeGreaterThan(0);
      expect(open(kpis2)).toBeLessThan(open(kpis1));
      expect(kpis2.mttrHours).toBe(kpis1.mttrHours);
      expect((await discovery()).clusters.map(c => c.name)).toEqual([
        'orphan-legacy',
        'orphan-ok',
        'payments',
      ]);

      // Day 3: eu-west-1 cannot be listed; `orphan-ok` is gone but not deleted.
      aws.fault(
        'eks:ListClusters',
        { kind: 'access-denied' },
        { resource: listingOf({ accountId: ACCOUNT, region: 'eu-west-1' }) },
      );
      aws.estate = fixture({
        clusters: [payments, orphanLegacy],
        keys: [paymentsKey],
      });
      await run();
      const day3 = await discovery();
      expect(day3.clusters.map(c => c.name)).toContain('orphan-ok');
      expect(day3.listings[0]).toMatchObject({
        region: 'eu-west-1',
        complete: false,
        reason: expect.stringContaining('eks:ListClusters denied'),
      });

      // Every change reached the events service, and the flaky consumer once.
      await drain();
      await drain();
      const deletedFindings = await eventually(
        'the cluster-deleted resolutions on the events service',
        async () => {
          const found = published.filter(
            c =>
              c.type === 'finding-resolved' &&
              c.resolution === 'cluster-deleted',
          );
          return found.length > 0 ? found : undefined;
        },
        { timeoutMs: 10_000 },
      );
      expect(
        deletedFindings.every(c => c.clusterArn === clusterArnOf(retired)),
      ).toBe(true);
      expect(new Set(consumed).size).toBe(consumed.length);
      expect(consumed.sort((a, b) => a - b)).toEqual(
        published.map(c => c.id).sort((a, b) => a - b),
      );
      await backend.stop();
    });
  });
});
