import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import {
  clusterFixture,
  clusterTargetOf,
  fixture,
} from '../__testUtils__/awsEstate';
import { writeSnapshot } from '../__testUtils__/snapshotFixtures';
import { defaultAwsSource } from './defaultAwsSource';
import { SdkAwsSource } from './SdkAwsSource';

const sourceFor = (data: JsonObject) =>
  defaultAwsSource(
    mockServices.rootConfig({ data }),
    mockServices.logger.mock(),
  );

describe('defaultAwsSource', () => {
  it('builds the SDK source by default', () => {
    expect(sourceFor({})).toBeInstanceOf(SdkAwsSource);
  });

  it('builds the snapshot source, its folder relative to the working directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'eks-snapshot-'));
    try {
      const cluster = clusterFixture({ name: 'demo', version: '1.31' });
      await writeSnapshot(dir, fixture({ clusters: [cluster] }));
      const source = sourceFor({
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

  it('fails with a clear error when the snapshot folder is not set', () => {
    expect(() =>
      sourceFor({ eksEncryption: { aws: { source: 'snapshot' } } }),
    ).toThrow(/eksEncryption\.aws\.snapshotDir is not set/);
  });
});
