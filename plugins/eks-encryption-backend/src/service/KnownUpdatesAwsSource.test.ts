import { mockServices } from '@backstage/backend-test-utils';
import { parseClusterArn } from 'backstage-plugin-eks-encryption-common';
import type { ClusterArn } from 'backstage-plugin-eks-encryption-common';
import type { EksEncryptionAwsSource, EksUpdate } from '../aws/types';
import { KnownUpdatesAwsSource } from './KnownUpdatesAwsSource';

const CLUSTER = parseClusterArn(
  'arn:aws:eks:eu-west-1:111122223333:cluster/alpha',
) as ClusterArn;
const KNOWN: EksUpdate = {
  id: 'known',
  type: 'AssociateEncryptionConfig',
  status: 'Successful',
  createdAt: '2025-01-01T00:00:00.000Z',
};

function fakeSource() {
  const describeUpdate = jest.fn(async (_: ClusterArn, id: string) => ({
    ok: true as const,
    value: { id, type: 'VersionUpdate', status: 'InProgress' },
  }));
  const source = {
    listUpdates: jest.fn(async () => ({
      ok: true as const,
      value: ['known', 'new'],
    })),
    describeUpdate,
  } as unknown as EksEncryptionAwsSource;
  return { source, describeUpdate };
}

describe('KnownUpdatesAwsSource', () => {
  it('answers updates the store knows as finished without calling AWS', async () => {
    const { source, describeUpdate } = fakeSource();
    const store = {
      getFinishedUpdates: jest.fn(async () => new Map([['known', KNOWN]])),
    };
    const known = new KnownUpdatesAwsSource(
      source,
      store,
      mockServices.logger.mock(),
    );

    await expect(known.listUpdates(CLUSTER)).resolves.toEqual({
      ok: true,
      value: ['known', 'new'],
    });
    await expect(known.describeUpdate(CLUSTER, 'known')).resolves.toEqual({
      ok: true,
      value: KNOWN,
    });
    await expect(known.describeUpdate(CLUSTER, 'new')).resolves.toMatchObject({
      ok: true,
      value: { id: 'new', status: 'InProgress' },
    });

    expect(store.getFinishedUpdates).toHaveBeenCalledWith(['known', 'new']);
    expect(describeUpdate).toHaveBeenCalledTimes(1);
    expect(describeUpdate).toHaveBeenCalledWith(CLUSTER, 'new', undefined);
  });

  it('describes every update when the store cannot be read', async () => {
    const { source, describeUpdate } = fakeSource();
    const logger = mockServices.logger.mock();
    const known = new KnownUpdatesAwsSource(
      source,
      { getFinishedUpdates: jest.fn().mockRejectedValue(new Error('down')) },
      logger,
    );

    await known.listUpdates(CLUSTER);
    await known.describeUpdate(CLUSTER, 'known');

    expect(describeUpdate).toHaveBeenCalledWith(CLUSTER, 'known', undefined);
    expect(logger.warn).toHaveBeenCalled();
  });
});
