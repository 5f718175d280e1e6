import type {
  EntityScorecard,
  OrgKpis,
  OwnerRollup,
} from 'backstage-plugin-eks-encryption-common';
import type { AwsAction } from 'backstage-plugin-eks-encryption-node';
import {
  clusterArnOf,
  clusterFixture,
  fixture,
  keyArnOf,
  keyFixture,
} from './__testUtils__/awsEstate';
import { annotatedComponent } from './__testUtils__/catalogEntities';
import { createStoreTestDatabases } from './__testUtils__/databases';
import { startPluginBackend } from './__testUtils__/pluginBackend';
import {
  FakeAwsEndpoint,
  type FakeFault,
} from './__testUtils__/fakeAwsEndpoint';

/*
 * What we could not see changes nothing already known: through the scheduler's task,
 * the real SDK clients over a fake AWS endpoint and the store on each database, every
 * fault class on every call leaves open findings, MTTR and every non-compliant verdict
 * as they were, never counts more clusters compliant, and never reports `pass` for a
 * check that did not pass on a clean read. Once the faults stop, everything is back.
 */

jest.setTimeout(240_000);

const ACTIONS: AwsAction[] = [
  'eks:DescribeCluster',
  'eks:ListUpdates',
  'eks:DescribeUpdate',
  'kms:DescribeKey',
  'kms:GetKeyRotationStatus',
  'kms:GetKeyPolicy',
  'kms:ListResourceTags',
];

const FAULTS: [string, FakeFault][] = [
  ['access denied', { kind: 'access-denied' }],
  ['not found', { kind: 'not-found' }],
  ['a throttling storm', { kind: 'throttle' }],
  ['persistent 5xx', { kind: 'server-error' }],
  ['a hang', { kind: 'hang' }],
  ['a malformed answer', { kind: 'malformed' }],
  ['a throttling burst', { kind: 'throttle', times: 3 }],
  ['a 5xx burst', { kind: 'server-error', times: 3 }],
];

const rotating = keyFixture({ keyId: '11111111-1111-4111-8111-111111111111' });
const disabled = keyFixture({
  keyId: '22222222-2222-4222-8222-222222222222',
  keyState: 'Disabled',
  policy: {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'Anyone',
        Effect: 'Allow',
        Principal: '*',
        Action: 'kms:Decrypt',
        Resource: '*',
      },
    ],
  },
});
const payments = clusterFixture({
  name: 'payments',
  encryptionKeyRef: keyArnOf(rotating),
  updates: [
    {
      id: 'a1b2c3d4-0000-4000-8000-000000000001',
      type: 'VersionUpdate',
      status: 'Successful',
      createdAt: '2024-06-01T00:00:00.000Z',
    },
  ],
});
const legacy = clusterFixture({
  name: 'legacy',
  encryptionKeyRef: keyArnOf(disabled),
});
const web = clusterFixture({
  name: 'web',
  tags: { owner: 'team-b', environment: 'development' },
});

const ENTITIES = [
  annotatedComponent('payments', 'team-a', clusterArnOf(payments)),
  annotatedComponent('legacy', 'team-b', clusterArnOf(legacy)),
  annotatedComponent('web', 'team-b', clusterArnOf(web)),
];

/** The numbers people act on, and every verdict and check status. */
interface Observed {
  kpis: Pick<
    OrgKpis,
    'openFindings' | 'mttrHours' | 'compliantClusters' | 'clusters'
  >;
  owners: Pick<OwnerRollup, 'ownerRef' | 'openFindings' | 'mttrHours'>[];
  verdicts: Record<string, string>;
  checks: Record<string, string>;
  resolvedFindings: number;
}

describe('eksEncryptionPlugin under AWS faults', () => {
  const databases = createStoreTestDatabases();
  let aws: FakeAwsEndpoint;

  beforeAll(async () => {
    aws = await FakeAwsEndpoint.start(
      fixture({
        clusters: [payments, legacy, web],
        keys: [rotating, disabled],
      }),
    );
  });

  afterAll(async () => {
    await aws.stop();
  });

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    it('keeps findings, MTTR and verdicts when AWS fails, and recovers after', async () => {
      aws.clearFaults();
      const knex = await databases.init(databaseId);
      const { backend, run, get } = await startPluginBackend({
        knex,
        entities: ENTITIES,
        // Attempts may be slow on a loaded machine; only a real fault may give up.
        source: aws.sdkSource({
          retry: { attemptTimeoutMs: 1000, callBudgetMs: 1500 },
        }),
      });
      const observe = async (): Promise<Observed> => {
        const kpis = await get<OrgKpis>('/v1/kpis');
        const { items: owners } = await get<{ items: OwnerRollup[] }>(
          '/v1/owners',
        );
        const verdicts: Record<string, string> = {};
        const checks: Record<string, string> = {};
        for (const name of ['payments', 'legacy', 'web']) {
          const card = await get<EntityScorecard>(
            `/v1/entities/default/component/${name}`,
          );
          verdicts[name] = card.verdict;
          for (const c of card.clusters.flatMap(cl => cl.checks)) {
            checks[`${name}/${c.id}`] = c.status;
          }
        }
        const [{ n }] = await knex('findings')
          .whereNotNull('resolved_at')
          .count({ n: '*' });
        return {
          kpis: {
            openFindings: kpis.openFindings,
            mttrHours: kpis.mttrHours,
            compliantClusters: kpis.compliantClusters,
            clusters: kpis.clusters,
          },
          owners: owners.map(o => ({
            ownerRef: o.ownerRef,
            openFindings: o.openFindings,
            mttrHours: o.mttrHours,
          })),
          verdicts,
          checks,
          resolvedFindings: Number(n),
        };
      };

      // History first: rotation off (a finding), fixed (MTTR), off again (open).
      rotating.rotation.enabled = false;
      await run();
      rotating.rotation.enabled = true;
      await run();
      rotating.rotation.enabled = false;
      await run();
      const baseline = await observe();
      expect(baseline.kpis.openFindings).toEqual({
        critical: 1,
        high: 2,
        medium: 1,
        low: 0,
      });
      expect(baseline.kpis.mttrHours).toBeGreaterThan(0);
      expect(baseline.verdicts).toEqual({
        payments: 'compliant',
        legacy: 'non-compliant',
        web: 'non-compliant',
      });

      for (const action of ACTIONS) {
        for (const [name, fault] of FAULTS) {
          // KMS saying a key does not exist is evidence, not a fault: the key is
          // gone and key-usable fails (DefaultClusterEvaluator.faults.test.ts).
          if (fault.kind === 'not-found' && action === 'kms:DescribeKey')
            continue;
          aws.clearFaults();
          aws.fault(action, fault);
          await run();
          const seen = await observe();
          const where = `${name} on ${action}`;

          expect({ where, numbers: seen.kpis.openFindings }).toEqual({
            where,
            numbers: baseline.kpis.openFindings,
          });
          expect({ where, mttr: seen.kpis.mttrHours }).toEqual({
            where,
            mttr: baseline.kpis.mttrHours,
          });
          expect({ where, owners: seen.owners }).toEqual({
            where,
            owners: baseline.owners,
          });
          expect({ where, resolved: seen.resolvedFindings }).toEqual({
            where,
            resolved: baseline.resolvedFindings,
          });
          expect(seen.kpis.compliantClusters).toBeLessThanOrEqual(
            baseline.kpis.compliantClusters,
          );
          const verdictsChanged = Object.entries(baseline.verdicts).filter(
            ([entity, verdict]) =>
              verdict !== 'compliant' && seen.verdicts[entity] !== verdict,
          );
          expect({ where, verdictsChanged }).toEqual({
            where,
            verdictsChanged: [],
          });
          const passedUnseen = Object.entries(seen.checks).filter(
            ([check, status]) =>
              status === 'pass' && baseline.checks[check] !== 'pass',
          );
          expect({ where, passedUnseen }).toEqual({ where, passedUnseen: [] });
          // A fault that passes within the budget does not show at all.
          const transient = 'times' in fault;
          expect({ where, seen: transient ? seen : baseline }).toEqual({
            where,
            seen: baseline,
          });
        }
      }

      aws.clearFaults();
      await run();
      expect(await observe()).toEqual(baseline);
      const cards = await get<{ items: EntityScorecard[] }>('/v1/entities');
      const findings = cards.items.flatMap(card =>
        card.clusters.flatMap(c => c.checks.flatMap(k => k.openFinding ?? [])),
      );
      expect(findings).toHaveLength(4);
      expect(findings.filter(f => f.unverifiedSince)).toEqual([]);
      rotating.rotation.enabled = true;
      await backend.stop();
    });
  });
});
