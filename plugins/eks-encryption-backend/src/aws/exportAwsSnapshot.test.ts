import { execFile } from 'node:child_process';
import { chmod, copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { writeSnapshot } from '../__testUtils__/snapshotFixtures';
import { clusterTargetOf, listingOf } from '../__testUtils__/awsEstate';
import {
  deniedListing,
  evaluationAnswers,
  legacy,
  managed,
  OTHER_ACCOUNT,
  prod,
  scenario,
  scenarioListings,
  scenarioTargets,
} from '../__testUtils__/awsScenario';
import { SnapshotAwsSource } from './SnapshotAwsSource';

const run = promisify(execFile);
const SCRIPT = resolve(__dirname, '../../scripts/export-aws-snapshot.sh');
const FAKE_AWS = resolve(__dirname, '../__testUtils__/fake-aws.sh');

/*
 * Runs scripts/export-aws-snapshot.sh against a fake `aws` that answers from a snapshot
 * of the test scenario, and reads what the script wrote with SnapshotAwsSource.
 */
// Dozens of short processes per export: slow on a busy machine, not a measure of speed.
jest.setTimeout(60_000);

describe('scripts/export-aws-snapshot.sh', () => {
  let work: string;
  let env: NodeJS.ProcessEnv;

  beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), 'eks-export-'));
    await writeSnapshot(join(work, 'aws'), scenario);
    await copyFile(FAKE_AWS, join(work, 'aws-bin'));
    await chmod(join(work, 'aws-bin'), 0o755);
    // The fake is found on PATH as `aws`.
    await run('mkdir', ['-p', join(work, 'bin')]);
    await run('ln', ['-s', join(work, 'aws-bin'), join(work, 'bin', 'aws')]);
    env = {
      ...process.env,
      PATH: `${join(work, 'bin')}:${process.env.PATH}`,
      FAKE_AWS_SNAPSHOT: join(work, 'aws'),
      FAKE_AWS_LOG: join(work, 'calls.log'),
      [`EKS_SNAPSHOT_PROFILE_${OTHER_ACCOUNT}`]: OTHER_ACCOUNT,
    };
  });
  afterEach(() => rm(work, { recursive: true, force: true }));

  it('writes a snapshot that reads exactly like the AWS answers it recorded', async () => {
    const out = join(work, 'out');
    const arns = scenarioTargets.map(t => t.arn);
    await run('bash', [SCRIPT, out, ...arns, listingOf(deniedListing)], {
      env,
    });

    const recordedSource = new SnapshotAwsSource({
      directory: join(work, 'aws'),
    });
    const exportedSource = new SnapshotAwsSource({ directory: out });
    const recorded = await evaluationAnswers(recordedSource, scenarioTargets);
    const exported = await evaluationAnswers(exportedSource, scenarioTargets);
    expect(exported).toStrictEqual(recorded);
    expect(Object.keys(exported).length).toBeGreaterThan(10);
    // Every account and region named is listed, the denied listing recorded as such.
    for (const at of scenarioListings) {
      expect(await exportedSource.listClusters(at)).toStrictEqual(
        await recordedSource.listClusters(at),
      );
    }
    await expect(
      exportedSource.listClusters(deniedListing),
    ).resolves.toMatchObject({ ok: false, kind: 'access-denied' });

    const calls = await readFile(join(work, 'calls.log'), 'utf8');
    expect(calls).toContain('--policy-name default');
    // Calls in the other account use its profile.
    expect(calls).toMatch(
      new RegExp(`--profile ${OTHER_ACCOUNT} kms get-key-policy`),
    );
  });

  it('reads the cluster ARNs from a file', async () => {
    const out = join(work, 'out');
    const list = join(work, 'clusters.txt');
    await run('bash', [
      '-c',
      `printf '# clusters\\n%s, %s\\n' "$0" "$1" > "${list}"`,
      scenarioTargets[0].arn,
      scenarioTargets[1].arn,
    ]);
    await run('bash', [SCRIPT, out, '-f', list], { env });
    const source = new SnapshotAwsSource({ directory: out });
    for (const target of scenarioTargets.slice(0, 2)) {
      await expect(source.describeCluster(target)).resolves.toMatchObject({
        ok: true,
      });
    }
  });

  it('exports every cluster an account and region lists', async () => {
    const out = join(work, 'out');
    await run('bash', [SCRIPT, out, listingOf(prod)], { env });
    const source = new SnapshotAwsSource({ directory: out });
    await expect(source.listClusters(prod)).resolves.toEqual({
      ok: true,
      value: [prod.name, legacy.name, managed.name],
    });
    for (const cluster of [prod, legacy, managed]) {
      await expect(
        source.describeCluster(clusterTargetOf(cluster)),
      ).resolves.toMatchObject({ ok: true, value: { name: cluster.name } });
    }
  });

  it('refuses an argument that is not a cluster ARN, before calling AWS', async () => {
    await expect(
      run(
        'bash',
        [SCRIPT, join(work, 'out'), 'arn:aws:eks:eu-west-1:1:cluster/x'],
        {
          env,
        },
      ),
    ).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('not an EKS cluster ARN'),
    });
    await expect(readFile(join(work, 'calls.log'), 'utf8')).rejects.toThrow();
  });
});
