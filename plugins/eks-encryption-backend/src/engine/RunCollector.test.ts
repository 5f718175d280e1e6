import { parseClusterArn } from 'backstage-plugin-eks-encryption-common';
import type { ClusterArn } from 'backstage-plugin-eks-encryption-common';
import type {
  EksEncryptionAwsSource,
  EksUpdate,
} from 'backstage-plugin-eks-encryption-node';
import { RunCollector } from './RunCollector';
import type { CollectorOptions } from './RunCollector';

const CLUSTER = parseClusterArn(
  'arn:aws:eks:eu-west-1:111122223333:cluster/alpha',
) as ClusterArn;
const KEY_ARN =
  'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const KNOWN: EksUpdate = {
  id: 'known',
  type: 'VersionUpdate',
  status: 'Successful',
  createdAt: '2025-01-01T00:00:00.000Z',
};

function fakeSource() {
  const describeUpdate = jest.fn(async (_: ClusterArn, id: string) => ({
    ok: true as const,
    value: { id, type: 'VersionUpdate', status: 'Successful' },
  }));
  const source = {
    describeCluster: jest.fn(async () => ({
      ok: true as const,
      value: {
        arn: CLUSTER.arn,
        name: 'alpha',
        encryptionKeyRefs: [KEY_ARN],
        healthIssues: [],
        tags: {},
      },
    })),
    describeKey: jest.fn(async () => ({
      ok: false as const,
      kind: 'access-denied',
      action: 'kms:DescribeKey',
      accountId: CLUSTER.accountId,
      region: CLUSTER.region,
      message: 'denied',
    })),
    listUpdates: jest.fn(async () => ({
      ok: true as const,
      value: ['known', 'new', 'known'],
    })),
    describeUpdate,
  } as unknown as EksEncryptionAwsSource;
  return { source, describeUpdate };
}

function collector(
  source: EksEncryptionAwsSource,
  options: Partial<CollectorOptions>,
) {
  return new RunCollector(source, {
    readKeyTags: false,
    updateConcurrency: 4,
    ...options,
  });
}

describe('RunCollector known finished updates', () => {
  it('looks the listed updates up once and describes only the unknown ones', async () => {
    const { source, describeUpdate } = fakeSource();
    const knownFinishedUpdates = jest.fn(
      async () => new Map([['known', KNOWN]]),
    );
    const run = collector(source, { knownFinishedUpdates });

    await run.collect({ cluster: CLUSTER });

    expect(knownFinishedUpdates).toHaveBeenCalledTimes(1);
    expect(knownFinishedUpdates).toHaveBeenCalledWith(['known', 'new']);
    expect(describeUpdate).toHaveBeenCalledTimes(1);
    expect(describeUpdate).toHaveBeenCalledWith(CLUSTER, 'new', {});
    // Only updates newly seen finished are handed back to remember.
    expect(run.finishedUpdates().map(u => u.id)).toEqual(['new']);
  });

  it('describes every update when the lookup fails, and says so', async () => {
    const { source, describeUpdate } = fakeSource();
    const onLookupError = jest.fn();
    const run = collector(source, {
      knownFinishedUpdates: jest.fn().mockRejectedValue(new Error('down')),
      onLookupError,
    });

    await run.collect({ cluster: CLUSTER });

    expect(describeUpdate).toHaveBeenCalledTimes(2);
    expect(describeUpdate).toHaveBeenCalledWith(CLUSTER, 'known', {});
    expect(onLookupError).toHaveBeenCalledWith(CLUSTER, new Error('down'));
  });

  it('asks nothing when a cluster lists no update', async () => {
    const { source } = fakeSource();
    (source.listUpdates as jest.Mock).mockResolvedValue({
      ok: true,
      value: [],
    });
    const knownFinishedUpdates = jest.fn();
    await collector(source, { knownFinishedUpdates }).collect({
      cluster: CLUSTER,
    });
    expect(knownFinishedUpdates).not.toHaveBeenCalled();
  });
});
