import type {
  AwsCallOptions,
  AwsResult,
  EksCluster,
  EksEncryptionAwsSource,
} from 'backstage-plugin-eks-encryption-node';
import type { ClusterArn } from 'backstage-plugin-eks-encryption-common';
import { clusterArnOf, clusterFixture } from './__testUtils__/awsEstate';
import { annotatedComponent } from './__testUtils__/catalogEntities';
import { createStoreTestDatabases } from './__testUtils__/databases';
import { startPluginBackend } from './__testUtils__/pluginBackend';

/*
 * A backend stops while a run is reading AWS. Plugins stop before the scheduler
 * aborts its tasks, so the plugin cancels its own runs and waits for them: once
 * `stop` resolves, no run of the plugin is left to write to a database that its
 * owner may now close (a query then waits for a connection that never comes, and
 * keeps the process alive).
 */

/** DescribeCluster answers only when the run is cancelled; nothing else is called. */
function sourceHangingUntilCancelled(
  reading: () => void,
): EksEncryptionAwsSource {
  const never = () => new Promise<never>(() => {});
  return {
    listClusters: never,
    describeUpdate: never,
    describeKey: never,
    getKeyRotationStatus: never,
    getKeyPolicy: never,
    listResourceTags: never,
    listUpdates: never,
    describeCluster(
      cluster: ClusterArn,
      options?: AwsCallOptions,
    ): Promise<AwsResult<EksCluster>> {
      reading();
      return new Promise(resolve => {
        const cancelled = () =>
          resolve({
            ok: false,
            kind: 'failed',
            action: 'eks:DescribeCluster',
            accountId: cluster.accountId,
            region: cluster.region,
            message: 'cancelled',
          });
        if (options?.signal?.aborted) cancelled();
        options?.signal?.addEventListener('abort', cancelled, { once: true });
      });
    },
  };
}

describe('eksEncryptionPlugin shutdown', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'cancels the run under way and waits for it on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      let startReading: () => void = () => {};
      const reading = new Promise<void>(resolve => {
        startReading = resolve;
      });
      const { backend, run } = await startPluginBackend({
        knex,
        entities: [
          annotatedComponent(
            'checkout',
            'team-a',
            clusterArnOf(clusterFixture({ name: 'payments' })),
          ),
        ],
        source: sourceHangingUntilCancelled(startReading),
      });

      // The task's own signal is never aborted: only the plugin's stop can end it.
      let settled = false;
      const running = Promise.resolve(run()).then(() => {
        settled = true;
      });
      await reading;
      await backend.stop();

      expect(settled).toBe(true);
      await running;
      const runs = await knex('runs').select('status', 'error');
      expect(runs).toEqual([
        {
          status: 'failed',
          error: expect.stringContaining('the backend is stopping'),
        },
      ]);
    },
  );
});
