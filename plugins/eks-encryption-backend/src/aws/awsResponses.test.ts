import {
  addClusterNames,
  addResourceTags,
  addUpdateIds,
  ANSWER_LIMITS,
  toEksCluster,
  toEksUpdate,
  toKeyPolicy,
  toClusterNames,
  toKmsKey,
} from './awsResponses';

const asked = {
  arn: 'arn:aws:eks:eu-west-1:111122223333:cluster/prod',
  name: 'prod',
};
const long = (n: number) => 'x'.repeat(n);

describe('bounded answers', () => {
  it.each([
    ['1.29', '1.29'],
    ['1.100', '1.100'],
    ['1.29-eks-1', undefined],
    [long(17), undefined],
    ['', undefined],
  ])('keeps cluster version %p as %p', (version, kept) => {
    const cluster = toEksCluster({ cluster: { version } }, asked);
    expect(cluster.version).toBe(kept);
  });

  it('drops an update type or status that does not fit its column', () => {
    expect(
      toEksUpdate(
        { update: { type: `A${long(64)}`, status: `S${long(32)}` } },
        'u-1',
      ),
    ).toEqual({ id: 'u-1' });
    expect(
      toEksUpdate(
        { update: { type: 'AssociateEncryptionConfig', status: 'Successful' } },
        'u-1',
      ),
    ).toEqual({
      id: 'u-1',
      type: 'AssociateEncryptionConfig',
      status: 'Successful',
    });
  });

  it.each<[string, () => unknown, RegExp]>([
    [
      'an over-long ARN',
      () => toEksCluster({ cluster: { arn: long(2049) } }, asked),
      /cluster\.arn is longer than 2048/,
    ],
    [
      'an over-long key reference',
      () =>
        toEksCluster(
          {
            cluster: {
              encryptionConfig: [{ provider: { keyArn: long(3000) } }],
            },
          },
          asked,
        ),
      /provider\.keyArn is longer/,
    ],
    [
      'too many cluster tags',
      () =>
        toEksCluster(
          {
            cluster: {
              tags: Object.fromEntries(
                Array.from({ length: ANSWER_LIMITS.tags + 1 }, (_, i) => [
                  `k${i}`,
                  'v',
                ]),
              ),
            },
          },
          asked,
        ),
      /cluster tags are more than 200/,
    ],
    [
      'an over-long tag value',
      () => toEksCluster({ cluster: { tags: { owner: long(257) } } }, asked),
      /cluster tag value is longer than 256/,
    ],
    [
      'an over-long key state',
      () =>
        toKmsKey({
          KeyMetadata: {
            Arn: 'arn:aws:kms:eu-west-1:111122223333:key/k',
            KeyId: 'k',
            AWSAccountId: '111122223333',
            KeyState: long(65),
          },
        }),
      /KeyState is longer than 64/,
    ],
    [
      'an account id that is none',
      () =>
        toKmsKey({
          KeyMetadata: { Arn: 'arn', KeyId: 'k', AWSAccountId: 'root' },
        }),
      /not a 12-digit account id/,
    ],
    [
      'a policy above 32 KiB',
      () => toKeyPolicy({ Policy: long(32 * 1024 + 1) }),
      /Policy is longer than 32768/,
    ],
    [
      'more key tags than allowed, over pages',
      () => {
        const tags: Record<string, string> = {};
        const page = (from: number) => ({
          Tags: Array.from({ length: 50 }, (_, i) => ({
            TagKey: `k${from + i}`,
            TagValue: 'v',
          })),
        });
        for (let from = 0; from <= 200; from += 50) {
          addResourceTags(page(from), tags);
        }
      },
      /key tags are more than 200/,
    ],
    [
      'more update ids than allowed, over pages',
      () => {
        const ids: string[] = [];
        const page = { updateIds: Array.from({ length: 5000 }, () => 'u') };
        for (let i = 0; i < 3; i++) addUpdateIds(page, ids);
      },
      /more than 10000 updates/,
    ],
    [
      'more cluster names than allowed, over pages',
      () => {
        const names = new Set<string>();
        for (let from = 0; from <= 10_000; from += 100) {
          addClusterNames(
            { clusters: Array.from({ length: 100 }, (_, i) => `c${from + i}`) },
            names,
          );
        }
      },
      /more than 10000 clusters/,
    ],
    [
      'a listed name that is no EKS cluster name',
      () => toClusterNames({ clusters: ['ok', '../x'] }),
      /not an EKS cluster name/,
    ],
  ])('refuses %s as an unexpected answer', (_, read, message) => {
    expect(read).toThrow(
      expect.objectContaining({
        name: 'UnexpectedResponse',
        message: expect.stringMatching(message),
      }),
    );
  });

  it('counts a cluster listed on two pages once', () => {
    const names = new Set<string>();
    addClusterNames({ clusters: ['a', 'b'] }, names);
    addClusterNames({ clusters: ['b', 'c'] }, names);
    expect([...names]).toEqual(['a', 'b', 'c']);
  });

  it('cuts a health issue message to 1 KiB', () => {
    const cluster = toEksCluster(
      {
        cluster: { health: { issues: [{ code: 'X', message: long(5000) }] } },
      },
      asked,
    );
    expect(cluster.healthIssues[0].message).toHaveLength(
      ANSWER_LIMITS.message + 1,
    );
  });
});
