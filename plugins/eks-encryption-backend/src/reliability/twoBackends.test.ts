import type { TestBackend } from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import type { Knex } from 'knex';
import { createStoreTestDatabases } from '../__testUtils__/databases';
import { FakeAwsEndpoint } from '../__testUtils__/fakeAwsEndpoint';
import {
  ARN,
  component,
  estateAws,
  estateCatalog,
} from './__testUtils__/estate';
import { EvaluatedAtSampler } from './__testUtils__/evaluatedAtSampler';
import { eventually } from './__testUtils__/eventually';
import { postRefresh } from './__testUtils__/pluginApi';
import {
  anotherPool,
  startSchedulingBackend,
} from './__testUtils__/schedulingBackend';
import { pluginConfig, schedule } from './__testUtils__/pluginConfig';
import { postgresOf } from './__testUtils__/postgres';
import { NEVER_IN_TIME_MS, slowClusters } from './__testUtils__/slowAws';
import { TestCatalog } from './__testUtils__/testCatalog';
import {
  storedEvidence,
  storedRuns,
  type RunState,
} from './__testUtils__/storedState';

/*
 * Two replicas share one PostgreSQL database. Replica A runs the scheduled
 * evaluation; replica B only serves the API (its scheduler waits an hour before
 * it takes part). AWS becomes slow for two clusters, so A's run cannot read the
 * estate within its task timeout; meanwhile the catalog links one more cluster to
 * `checkout` and B refreshes `checkout`. Whatever A's run does afterwards, the
 * stored evaluation of every cluster must stay the newest read, and the links the
 * refresh wrote must survive.
 *
 * A run ends in one of two ways when AWS outlasts its task timeout:
 * - it stops reading at its deadline (less the write reserve) and writes what it
 *   read: older reads than the refresh's are dropped, unread clusters keep their
 *   last evidence, marked stale;
 * - its task is aborted first and it writes nothing. A replica's own timeout never
 *   fires first, since the deadline is taken from that same timeout; the scheduler
 *   uses the timeout stored with the task, though, which the last replica to start
 *   writes: here B, started with a shorter timeout than A's (a config change
 *   rolled out while A runs).
 */

const databases = createStoreTestDatabases();
const POSTGRES = postgresOf(databases);

jest.setTimeout(60_000);

/** The clusters A cannot read in time; `payments` and `orders` answer at once. */
const SLOW = { search: NEVER_IN_TIME_MS, ledger: NEVER_IN_TIME_MS };
/** `checkout` as the refresh reads it: with `spare` linked. */
const CHECKOUT_GROWN = component('checkout', 'team-a', [
  'payments',
  'orders',
  'spare',
]);

(POSTGRES ? describe : describe.skip)(
  'two replicas on one PostgreSQL database, AWS slower than the task timeout',
  () => {
    let aws: FakeAwsEndpoint;
    let catalog: TestCatalog;
    let knex: Knex;
    const pools: Knex[] = [];
    const backends: TestBackend[] = [];

    beforeEach(async () => {
      knex = await databases.init(POSTGRES!);
      aws = await FakeAwsEndpoint.start(estateAws());
      catalog = new TestCatalog(estateCatalog());
    });

    afterEach(async () => {
      await Promise.all(backends.splice(0).map(b => b.stop()));
      await Promise.all(pools.splice(0).map(p => p.destroy()));
      await aws.stop();
    });

    /** A replica with its own connection pool; `schedule` as in app-config. */
    async function replica(scheduleConfig: JsonObject): Promise<TestBackend> {
      const pool = anotherPool(knex);
      pools.push(pool);
      const backend = await startSchedulingBackend({
        knex: pool,
        catalog,
        config: pluginConfig(aws, { schedule: scheduleConfig }),
      });
      backends.push(backend);
      return backend;
    }

    const scheduledRuns = () => storedRuns(knex, 'scheduled');

    function runFinished(id: string) {
      return eventually(
        `run ${id} to finish`,
        async () =>
          (await storedRuns(knex)).find(
            r => r.id === id && r.status !== 'running',
          ),
        { timeoutMs: 20_000, describe: () => storedRuns(knex) },
      );
    }

    /** Waits for a scheduled run started after `since` to succeed. */
    function scheduledRunSucceeded(what: string, since: number) {
      return eventually(
        what,
        async () =>
          (await scheduledRuns()).find(
            r => r.startedAt > since && r.status === 'succeeded',
          ),
        { timeoutMs: 15_000, describe: scheduledRuns },
      );
    }

    /** Slows AWS down and waits for A's next run to be reading it. */
    async function slowRunOfA(): Promise<RunState> {
      const slowedAt = Date.now();
      slowClusters(aws, SLOW);
      return eventually(
        'a scheduled run to be reading the slow AWS',
        async () =>
          (await scheduledRuns()).find(
            r =>
              r.startedAt >= slowedAt &&
              r.status === 'running' &&
              r.clustersTotal > 0,
          ),
        { timeoutMs: 10_000, describe: scheduledRuns },
      );
    }

    /** The catalog links `spare` to `checkout`; B refreshes `checkout`. */
    async function refreshCheckoutOn(b: TestBackend): Promise<RunState> {
      catalog.replace([
        CHECKOUT_GROWN,
        ...estateCatalog().filter(e => e.metadata.name !== 'checkout'),
      ]);
      const started = await postRefresh(b.server, 'component:default/checkout');
      expect(started.status).toBe(202);
      return runFinished(started.body.id);
    }

    /**
     * The story of both tests, with the task timeout each replica is configured
     * with: A evaluates the estate; B joins; AWS slows down; while A's run reads
     * it, B refreshes `checkout`. The evidence stored before A's slow run, after
     * the refresh and once A's run ended, and what the sampler saw meanwhile.
     */
    async function slowRunRacingARefresh(timeoutSeconds: {
      a: number;
      b: number;
    }) {
      await replica(schedule(1, timeoutSeconds.a));
      await scheduledRunSucceeded('a first scheduled run to succeed', 0);
      const b = await replica({
        ...schedule(1, timeoutSeconds.b),
        initialDelay: { hours: 1 },
      });
      // From the next claim on, the task runs with the settings B stored.
      await scheduledRunSucceeded(
        'a run claimed after B stored its task settings to succeed',
        Date.now(),
      );
      const sampler = new EvaluatedAtSampler(knex);

      const slowRun = await slowRunOfA();
      const before = await storedEvidence(knex);
      const refresh = await refreshCheckoutOn(b);
      expect(refresh.status).toBe('succeeded');
      // The refresh was written while A's run was still reading.
      const stillRunning = (await storedRuns(knex)).find(
        r => r.id === slowRun.id,
      );
      expect(stillRunning?.status).toBe('running');
      const refreshed = await storedEvidence(knex);

      const slowRunEnded = await runFinished(slowRun.id);
      await sampler.stop();
      return {
        before,
        refreshed,
        slowRunEnded,
        after: await storedEvidence(knex),
        sampler,
      };
    }

    it('a run cut at its deadline writes only what it read, never over the newer refresh', async () => {
      const { before, refreshed, slowRunEnded, after, sampler } =
        await slowRunRacingARefresh({ a: 6, b: 6 });

      // A read `payments` and `orders` before the refresh did, and could not read
      // `search` and `ledger` before its deadline: it wrote what it had, and none of
      // it replaced a newer read.
      expect(slowRunEnded).toMatchObject({ status: 'succeeded', error: null });
      expect(sampler.regressions).toEqual([]);
      expect(sampler.samples).toBeGreaterThan(10);
      for (const arn of [ARN.payments, ARN.orders, ARN.spare]) {
        expect({ arn, ...after.clusters[arn] }).toEqual({
          arn,
          ...refreshed.clusters[arn],
        });
      }
      for (const arn of [ARN.search, ARN.ledger]) {
        expect({ arn, ...after.clusters[arn] }).toEqual({
          arn,
          ...before.clusters[arn],
          stale: true,
        });
      }
      expect(after.links['component:default/checkout']).toEqual(
        [ARN.orders, ARN.payments, ARN.spare].sort(),
      );
      expect(after.openFindings).toEqual(before.openFindings);
    });

    it('a run aborted by a shorter task timeout writes nothing', async () => {
      // A believes it has 30 s; B, started later with 3 s, set the task's timeout.
      const { before, refreshed, slowRunEnded, after, sampler } =
        await slowRunRacingARefresh({ a: 30, b: 3 });

      expect(slowRunEnded).toMatchObject({ status: 'failed' });
      expect(slowRunEnded.error).toMatch(/cancelled.*nothing was written/);
      expect(after).toEqual(refreshed);
      expect(sampler.regressions).toEqual([]);
      expect(after.links['component:default/checkout']).toEqual(
        [ARN.orders, ARN.payments, ARN.spare].sort(),
      );
      for (const arn of [ARN.search, ARN.ledger]) {
        expect({ arn, ...after.clusters[arn] }).toEqual({
          arn,
          ...before.clusters[arn],
        });
      }
    });
  },
);
