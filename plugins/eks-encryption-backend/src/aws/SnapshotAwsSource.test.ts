import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  aliasArnOf,
  clusterArnOf,
  clusterFixture,
  clusterTargetOf,
  keyArnOf,
} from '../__testUtils__/awsEstate';
import { installSdkMocks } from '../__testUtils__/sdkMocks';
import { writeSnapshot } from '../__testUtils__/snapshotFixtures';
import { testCredentialsManager } from '../__testUtils__/testCredentials';
import {
  deleted,
  deniedListing,
  everyAnswer,
  evaluationAnswers,
  legacy,
  missing,
  OTHER_ACCOUNT,
  prod,
  prodKey,
  scenario,
  scenarioTargets,
} from '../__testUtils__/awsScenario';
import { SdkAwsSource } from './SdkAwsSource';
import { SnapshotAwsSource } from './SnapshotAwsSource';

describe('SnapshotAwsSource', () => {
  let dir: string;
  let source: SnapshotAwsSource;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'eks-snapshot-'));
    await writeSnapshot(dir, scenario);
    source = new SnapshotAwsSource({ directory: dir });
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('answers exactly as the SDK source does for the same AWS answers', async () => {
    const mocks = installSdkMocks(scenario);
    try {
      // One attempt, as the AWS CLI export made: a 5xx is recorded, not retried.
      const sdk = new SdkAwsSource({
        credentialsManager: testCredentialsManager(),
        maxAttempts: 1,
      });
      const fromSdk = await everyAnswer(sdk);
      const fromSnapshot = await everyAnswer(source);
      expect(fromSnapshot).toStrictEqual(fromSdk);
      expect(await evaluationAnswers(source, scenarioTargets)).toStrictEqual(
        await evaluationAnswers(sdk, scenarioTargets),
      );
      // The comparison covers successes and every failure kind the scenario holds.
      const kinds = Object.values(fromSdk).map(r =>
        (r as { ok: boolean; kind?: string }).ok
          ? 'ok'
          : (r as { kind: string }).kind,
      );
      expect(new Set(kinds)).toEqual(
        new Set(['ok', 'not-found', 'access-denied', 'failed']),
      );
    } finally {
      mocks.restore();
    }
  });

  it('reads a cluster, its updates and its key through an alias', async () => {
    await expect(
      source.describeCluster(clusterTargetOf(prod)),
    ).resolves.toEqual({
      ok: true,
      value: {
        arn: clusterArnOf(prod),
        name: 'payments-prod',
        version: '1.29',
        createdAt: '2024-01-15T10:00:00.000Z',
        status: 'ACTIVE',
        encryptionKeyRefs: [aliasArnOf(prodKey)],
        healthIssues: [],
        tags: { owner: 'team-a', environment: 'production' },
      },
    });
    await expect(source.listUpdates(clusterTargetOf(prod))).resolves.toEqual({
      ok: true,
      value: ['11111111-2222-3333-4444-555555555555'],
    });
    const at = { accountId: prodKey.accountId, region: prodKey.region };
    const key = await source.describeKey(
      aliasArnOf(prodKey, 'alias/eks/prod'),
      at,
    );
    expect(key.ok && key.value.arn).toBe(keyArnOf(prodKey));
    await expect(
      source.getKeyRotationStatus(keyArnOf(prodKey), at),
    ).resolves.toEqual({
      ok: true,
      value: {
        enabled: true,
        periodInDays: 730,
        nextRotationDate: '2026-01-01T00:00:00.000Z',
      },
    });
  });

  it('replays a recorded failure as the same kind', async () => {
    const at = { accountId: OTHER_ACCOUNT, region: 'us-east-1' };
    await expect(source.getKeyPolicy(keyArnOf(deleted), at)).resolves.toEqual({
      ok: false,
      kind: 'access-denied',
      action: 'kms:GetKeyPolicy',
      accountId: OTHER_ACCOUNT,
      region: 'us-east-1',
      message:
        'AccessDeniedException: not authorized to perform kms:GetKeyPolicy',
    });
    await expect(
      source.describeCluster(clusterTargetOf(missing)),
    ).resolves.toMatchObject({ ok: false, kind: 'not-found' });
  });

  describe('listClusters', () => {
    const at = { accountId: prod.accountId, region: prod.region };

    it('reads the cluster listing of an account and region', async () => {
      await expect(source.listClusters(at)).resolves.toEqual({
        ok: true,
        value: ['payments-prod', 'legacy', 'managed'],
      });
    });

    it('replays a recorded failure', async () => {
      await expect(source.listClusters(deniedListing)).resolves.toEqual({
        ok: false,
        kind: 'access-denied',
        action: 'eks:ListClusters',
        ...deniedListing,
        message:
          'AccessDeniedException: not authorized to perform eks:ListClusters',
      });
    });

    it('a missing listing is failed, not an empty list', async () => {
      for (const where of [
        { ...at, region: 'ap-south-1' },
        { accountId: '999988887777', region: 'eu-west-1' },
      ]) {
        await expect(source.listClusters(where)).resolves.toEqual({
          ok: false,
          kind: 'failed',
          action: 'eks:ListClusters',
          ...where,
          message: `the snapshot has no cluster listing for account ${where.accountId}, region ${where.region} (no ${where.accountId}/${where.region}/eks/list-clusters.json)`,
        });
      }
    });

    it('an empty listing is an empty list', async () => {
      const file = join(dir, '111122223333/eu-west-1/eks/list-clusters.json');
      await writeFile(file, '{"clusters": []}', 'utf8');
      await expect(source.listClusters(at)).resolves.toEqual({
        ok: true,
        value: [],
      });
    });

    it('a single page exported with --no-paginate is failed', async () => {
      const file = join(dir, '111122223333/eu-west-1/eks/list-clusters.json');
      await writeFile(
        file,
        JSON.stringify({ clusters: ['a'], nextToken: 'more' }),
        'utf8',
      );
      await expect(source.listClusters(at)).resolves.toMatchObject({
        ok: false,
        kind: 'failed',
        message: expect.stringContaining('--no-paginate'),
      });
    });

    it('never reads outside the snapshot folder', async () => {
      await expect(
        source.listClusters({ ...at, region: '../../etc' }),
      ).resolves.toMatchObject({
        ok: false,
        kind: 'failed',
        message: expect.stringContaining('invalid account or region'),
      });
    });
  });

  it('a call not in the snapshot is failed, naming the file', async () => {
    const unknown = clusterFixture({ name: 'never-exported' });
    await expect(
      source.describeCluster(clusterTargetOf(unknown)),
    ).resolves.toMatchObject({
      ok: false,
      kind: 'failed',
      message: `not in snapshot: 111122223333/eu-west-1/eks/clusters/never-exported/describe-cluster.json`,
    });
  });

  it('an account not in the snapshot is failed, naming the account', async () => {
    const elsewhere = clusterFixture({ name: 'x', accountId: '999988887777' });
    await expect(
      source.describeCluster(clusterTargetOf(elsewhere)),
    ).resolves.toMatchObject({
      ok: false,
      kind: 'failed',
      message: expect.stringContaining(
        'account 999988887777 is not in the snapshot',
      ),
    });
  });

  it('unparseable JSON is failed', async () => {
    const file = join(
      dir,
      '111122223333/eu-west-1/eks/clusters/legacy/describe-cluster.json',
    );
    await writeFile(file, '{"cluster": ', 'utf8');
    await expect(
      source.describeCluster(clusterTargetOf(legacy)),
    ).resolves.toMatchObject({
      ok: false,
      kind: 'failed',
      message: expect.stringContaining('not valid JSON'),
    });
  });

  it('an answer of the wrong shape is failed', async () => {
    const file = join(
      dir,
      '111122223333/eu-west-1/eks/clusters/legacy/describe-cluster.json',
    );
    await writeFile(file, '{"cluster": {"createdAt": "yesterday"}}', 'utf8');
    await expect(
      source.describeCluster(clusterTargetOf(legacy)),
    ).resolves.toMatchObject({
      ok: false,
      kind: 'failed',
      message: expect.stringContaining('cluster.createdAt is not a timestamp'),
    });
  });

  it('reads AWS CLI timestamps in any of its formats', async () => {
    const folder = join(dir, '111122223333/eu-west-1/eks/clusters/cli');
    await mkdir(folder, { recursive: true });
    await writeFile(
      join(folder, 'describe-cluster.json'),
      JSON.stringify({
        cluster: { name: 'cli', createdAt: '2024-01-15T11:00:00.000000+01:00' },
      }),
    );
    await writeFile(
      join(folder, 'list-updates.json'),
      JSON.stringify({ updateIds: ['u-1'], nextToken: 'more' }),
    );
    const cli = clusterTargetOf(clusterFixture({ name: 'cli' }));
    const described = await source.describeCluster(cli);
    expect(described.ok && described.value.createdAt).toBe(
      '2024-01-15T10:00:00.000Z',
    );
    await writeFile(
      join(folder, 'describe-cluster.json'),
      JSON.stringify({ cluster: { name: 'cli', createdAt: 1705312800.5 } }),
    );
    const epoch = await source.describeCluster(cli);
    expect(epoch.ok && epoch.value.createdAt).toBe('2024-01-15T10:00:00.500Z');
    // A single page exported with --no-paginate is incomplete, not the whole list.
    await expect(source.listUpdates(cli)).resolves.toMatchObject({
      ok: false,
      kind: 'failed',
      message: expect.stringContaining('--no-paginate'),
    });
  });

  it('reads nothing once the run is cancelled', async () => {
    const run = new AbortController();
    run.abort();
    await expect(
      source.describeCluster(clusterTargetOf(prod), { signal: run.signal }),
    ).resolves.toMatchObject({
      ok: false,
      kind: 'failed',
      message: 'not read: the run was cancelled',
    });
    // The deadline needs no enforcing: nothing here waits on a network.
    await expect(
      source.describeCluster(clusterTargetOf(prod), { deadline: 0 }),
    ).resolves.toMatchObject({ ok: true });
  });

  it('never reads outside the snapshot folder', async () => {
    const at = { accountId: '111122223333', region: 'eu-west-1' };
    await expect(
      source.describeUpdate(clusterTargetOf(prod), '../../../../etc/passwd'),
    ).resolves.toMatchObject({ ok: false, kind: 'failed' });
    await expect(
      source.getKeyPolicy('arn:aws:kms:eu-west-1:111122223333:key/../../x', at),
    ).resolves.toMatchObject({ ok: false, kind: 'failed' });
  });
});
