import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import {
  clusterFixture,
  clusterTargetOf,
  fixture,
  writeSnapshot,
} from '../__testUtils__/awsFixtures';
import { eksEncryptionAwsSourceServiceRef } from './awsSourceServiceRef';
import { SdkAwsSource } from './SdkAwsSource';
import type { EksEncryptionAwsSource } from './types';

/** Starts a backend whose one plugin takes the AWS source from the service ref. */
async function sourceFor(config: JsonObject) {
  let source: EksEncryptionAwsSource | undefined;
  const backend = await startTestBackend({
    features: [
      mockServices.rootConfig.factory({ data: config }),
      createBackendPlugin({
        pluginId: 'probe',
        register(env) {
          env.registerInit({
            deps: { aws: eksEncryptionAwsSourceServiceRef },
            async init({ aws }) {
              source = aws;
            },
          });
        },
      }),
    ],
  });
  await backend.stop();
  if (!source) throw new Error('the plugin did not start');
  return source;
}

describe('eksEncryptionAwsSourceServiceRef', () => {
  it('builds the SDK source by default', async () => {
    await expect(sourceFor({})).resolves.toBeInstanceOf(SdkAwsSource);
  });

  it('builds the snapshot source, its folder relative to the working directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'eks-snapshot-'));
    try {
      const cluster = clusterFixture({ name: 'demo', version: '1.31' });
      await writeSnapshot(dir, fixture({ clusters: [cluster] }));
      const source = await sourceFor({
        eksEncryption: {
          aws: {
            source: 'snapshot',
            snapshotDir: relative(process.cwd(), dir),
          },
        },
      });
      const described = await source.describeCluster(clusterTargetOf(cluster));
      expect(described.ok && described.value.version).toBe('1.31');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('fails to start with a clear error when the snapshot folder is not set', async () => {
    await expect(
      sourceFor({ eksEncryption: { aws: { source: 'snapshot' } } }),
    ).rejects.toThrow(/eksEncryption\.aws\.snapshotDir is not set/);
  });
});
