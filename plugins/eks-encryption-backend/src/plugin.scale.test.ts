import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { ClusterArn } from 'backstage-plugin-eks-encryption-common';
import type { Knex } from 'knex';
import type {
  AwsFailure,
  EksEncryptionAwsSource,
} from 'backstage-plugin-eks-encryption-node';
import { eksEncryptionPlugin } from './plugin';
import { ARN, estateCatalog } from './service/__testUtils__/serviceFixtures';
import { createStoreTestDatabases } from './__testUtils__/databases';
import { awsSourceModule } from './__testUtils__/pluginBackend';

const databases = createStoreTestDatabases();
const TICKS = 3;

jest.setTimeout(120_000);

interface RunRow {
  id: string;
  kind: string;
  status: string;
  started_at: string | number;
  finished_at: string | number | null;
  error: string | null;
}

/** A source shared by both replicas that counts DescribeCluster per cluster. */
function countingSource() {
  const calls = new Map<string, number>();
  const denied =
    (action: AwsFailure['action']) => async (): Promise<AwsFailure> => ({
      ok: false,
      kind: 'access-denied',
      action,
      accountId: '111122223333',
      region: 'eu-west-1',
      message: 'not used by this test',
    });
  const source: EksEncryptionAwsSource = {
    async describeCluster(cluster: ClusterArn) {
      calls.set(cluster.arn, (calls.get(cluster.arn) ?? 0) + 1);
      // Long enough that two replicas running one tick would overlap.
      await new Promise(resolve => setTimeout(resolve, 300));
      return {
        ok: true,
        value: {
          arn: cluster.arn,
          name: cluster.name,
          version: '1.30',
          encryptionKeyRefs: [],
          healthIssues: [],
          tags: { owner: 'team', environment: 'production' },
        },
      };
    },
    listClusters: denied('eks:ListClusters'),
    listUpdates: denied('eks:ListUpdates'),
    describeUpdate: denied('eks:DescribeUpdate'),
    describeKey: denied('kms:DescribeKey'),
    getKeyRotationStatus: denied('kms:GetKeyRotationStatus'),
    getKeyPolicy: denied('kms:GetKeyPolicy'),
    listResourceTags: denied('kms:ListResourceTags'),
  };
  return { source, calls };
}

async function until(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) {
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}

describe.each(databases.eachSupportedId())(
  'two replicas on one %p database',
  id => {
    it('run the scheduled evaluation once per tick', async () => {
      const knex: Knex = await databases.init(id);
      const { source, calls } = countingSource();
      const replica = () =>
        startTestBackend({
          features: [
            eksEncryptionPlugin,
            schedulerServiceFactory,
            mockServices.database.factory({ knex }),
            catalogServiceMock.factory({ entities: estateCatalog() }),
            awsSourceModule(source),
            mockServices.rootConfig.factory({
              data: {
                eksEncryption: {
                  schedule: {
                    frequency: { seconds: 1 },
                    timeout: { seconds: 60 },
                  },
                },
              },
            }),
          ],
        });
      const runs = () =>
        knex<RunRow>('runs')
          .where({ kind: 'scheduled' })
          .orderBy('started_at')
          .select('id', 'status', 'started_at', 'finished_at', 'error');

      // One after the other, as a rolling deployment starts them.
      const replicas = [await replica(), await replica()];
      await until(
        async () =>
          (await runs()).filter(r => r.status === 'succeeded').length >= TICKS,
      );
      await Promise.all(replicas.map(r => r.stop()));
      await until(async () =>
        (await runs()).every(r => r.status !== 'running'),
      );

      const rows = await runs();
      expect(rows.length).toBeGreaterThanOrEqual(TICKS);
      // Stopping the replicas cancels a tick that had just started: only the
      // last run may end that way, and it says so.
      const succeeded = rows.filter(r => r.status === 'succeeded').length;
      const last = rows[rows.length - 1];
      expect(rows.slice(0, -1).every(r => r.status === 'succeeded')).toBe(true);
      expect(
        last.status === 'succeeded' ||
          (last.status === 'failed' &&
            /the backend is stopping/.test(last.error ?? '')),
      ).toBe(true);
      // One replica per tick: runs never overlap, and each evaluated every cluster once.
      for (let i = 1; i < rows.length; i++) {
        expect(Number(rows[i].started_at)).toBeGreaterThanOrEqual(
          Number(rows[i - 1].finished_at),
        );
      }
      for (const arn of [ARN.alpha, ARN.bravo, ARN.charlie]) {
        expect(calls.get(arn)).toBeGreaterThanOrEqual(succeeded);
        expect(calls.get(arn)).toBeLessThanOrEqual(rows.length);
      }
    });
  },
);
