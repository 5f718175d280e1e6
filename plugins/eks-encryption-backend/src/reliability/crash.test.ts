import { setTimeout as sleep } from 'node:timers/promises';
import type { Knex } from 'knex';
import { FakeAwsEndpoint } from '../__testUtils__/fakeAwsEndpoint';
import { createStoreTestDatabases } from '../__testUtils__/databases';
import { BackendProcess, killAllChildren } from './__testUtils__/childProcess';
import { ARN, estateAws, estateCatalog } from './__testUtils__/estate';
import { eventually } from './__testUtils__/eventually';
import { pluginConfig, schedule } from './__testUtils__/pluginConfig';
import { postgresOf } from './__testUtils__/postgres';
import { NEVER_IN_TIME_MS, slowClusters } from './__testUtils__/slowAws';
import {
  storedEvidence,
  storedRuns,
  type StoredEvidence,
} from './__testUtils__/storedState';

/*
 * A backend process is killed with -9 in the middle of a slow scheduled run on
 * PostgreSQL. Nothing earlier runs stored may be lost; the next backend must report
 * the dead run as failed (its heartbeat stopped) and go on evaluating.
 */

const databases = createStoreTestDatabases();
const POSTGRES = postgresOf(databases);

jest.setTimeout(90_000);

/** Runs every 2 s, each with a 6 s task timeout (its task lock expires then). */
const TIMEOUT_MS = 6_000;
const SCHEDULE = schedule(2, TIMEOUT_MS / 1000);
/**
 * The second backend reports a run failed 5 s after its last heartbeat (60 s by
 * default, with no setting: see `childSpec.ts`). Its own runs take well under a
 * second, so this cannot misjudge a live one.
 */
const RUN_TIMEOUT_MS = 5_000;

function verdictsOf(evidence: StoredEvidence): Record<string, string> {
  return Object.fromEntries(
    Object.entries(evidence.clusters).map(([arn, c]) => [arn, c.verdict]),
  );
}

(POSTGRES ? describe : describe.skip)(
  'a backend killed with -9 during a slow run on PostgreSQL',
  () => {
    let knex: Knex;
    let aws: FakeAwsEndpoint;

    afterAll(async () => {
      await killAllChildren();
      await aws?.stop();
    });

    const startBackend = (options: { runTimeoutMs?: number } = {}) =>
      BackendProcess.start({
        knex,
        config: pluginConfig(aws, { schedule: SCHEDULE }),
        entities: estateCatalog(),
        ...options,
      });

    const scheduledRuns = () => storedRuns(knex, 'scheduled');

    it('loses nothing stored, reports the dead run failed, and the next backend carries on', async () => {
      knex = await databases.init(POSTGRES!);
      aws = await FakeAwsEndpoint.start(estateAws());

      // 1. A first backend evaluates the estate.
      const first = await startBackend();
      await eventually(
        'a first scheduled run to succeed',
        async () => (await scheduledRuns()).find(r => r.status === 'succeeded'),
        { timeoutMs: 20_000, describe: scheduledRuns },
      );
      const evaluated = await storedEvidence(knex);
      expect(verdictsOf(evaluated)).toEqual({
        [ARN.payments]: 'compliant',
        [ARN.orders]: 'compliant',
        [ARN.search]: 'compliant',
        [ARN.ledger]: 'non-compliant',
      });
      expect(Object.keys(evaluated.openFindings)).toEqual([
        `${ARN.ledger} customer-managed-key`,
      ]);

      // 2. AWS slows down: `orders` answers after 2.5 s (so the run writes its
      // progress), `search` and `ledger` never in time. Kill the backend mid-run.
      const slowedAt = Date.now();
      slowClusters(aws, {
        orders: 2_500,
        search: NEVER_IN_TIME_MS,
        ledger: NEVER_IN_TIME_MS,
      });
      const dying = await eventually(
        'a slow scheduled run to be running with progress',
        async () =>
          (
            await scheduledRuns()
          ).find(
            r =>
              r.startedAt >= slowedAt &&
              r.status === 'running' &&
              r.clustersDone > 0,
          ),
        { timeoutMs: 15_000, describe: scheduledRuns },
      );
      expect(dying.clustersDone).toBeLessThan(dying.clustersTotal);
      const beforeKill = await storedEvidence(knex);
      expect(verdictsOf(beforeKill)).toEqual(verdictsOf(evaluated));
      expect(beforeKill.openFindings).toEqual(evaluated.openFindings);

      await first.kill();
      const killedAt = Date.now();

      expect(await storedEvidence(knex)).toEqual(beforeKill);

      // 3. A new backend, AWS well again: the dead run is reported failed, and the
      // next run evaluates and writes. The dead run's task lock expires at most
      // TIMEOUT_MS after it started; the scheduler's janitor frees it when the new
      // backend starts (and then once a minute only), so start it after that.
      aws.clearFaults();
      await sleep(Math.max(0, dying.startedAt + TIMEOUT_MS - Date.now()));
      const second = await startBackend({ runTimeoutMs: RUN_TIMEOUT_MS });
      const reported = await eventually(
        `run ${dying.id} to be reported failed`,
        async () => {
          const { body } = await second.get(`/v1/runs/${dying.id}`);
          return body.status === 'failed' ? body : undefined;
        },
        {
          timeoutMs: 15_000,
          intervalMs: 250,
          describe: async () => (await second.get(`/v1/runs/${dying.id}`)).body,
        },
      );
      expect(reported.error).toMatch(/no heartbeat for 5 s/);

      const next = await eventually(
        'a run started after the kill to succeed',
        async () =>
          (
            await scheduledRuns()
          ).find(r => r.startedAt > killedAt && r.status === 'succeeded'),
        { timeoutMs: 30_000, describe: scheduledRuns },
      );
      expect(next.clustersDone).toBe(4);

      const afterRestart = await storedEvidence(knex);
      expect(verdictsOf(afterRestart)).toEqual(verdictsOf(evaluated));
      expect(afterRestart.openFindings).toEqual(evaluated.openFindings);
      for (const [arn, cluster] of Object.entries(afterRestart.clusters)) {
        expect({ arn, newer: cluster.evaluatedAt > killedAt }).toEqual({
          arn,
          newer: true,
        });
      }
      // Pruning after that run records the death in the table too.
      await eventually(
        `run ${dying.id} to be stored as failed`,
        async () =>
          (
            await scheduledRuns()
          ).find(r => r.id === dying.id && r.status === 'failed'),
        { timeoutMs: 5_000, describe: scheduledRuns },
      );
    });
  },
);
