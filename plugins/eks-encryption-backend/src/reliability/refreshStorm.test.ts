import { mockCredentials } from '@backstage/backend-test-utils';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { Server } from 'node:http';
import { createStoreTestDatabases } from '../__testUtils__/databases';
import { FakeAwsEndpoint } from '../__testUtils__/fakeAwsEndpoint';
import { component, estateAws, estateCatalog } from './__testUtils__/estate';
import { eventually } from './__testUtils__/eventually';
import { listScorecards, postRefresh } from './__testUtils__/pluginApi';
import { startSchedulingBackend } from './__testUtils__/schedulingBackend';
import { pluginConfig, schedule } from './__testUtils__/pluginConfig';
import { storedRuns } from './__testUtils__/storedState';
import { TestCatalog } from './__testUtils__/testCatalog';

/*
 * One caller sends 200 refreshes at once through the HTTP API, over 33 entities,
 * against the default budget (10 refreshes per caller per minute, 4 running at
 * once). Each answer must be 202 (a new or a recent refresh of the entity) or 429
 * with Retry-After; no more refresh runs may start than the caller's budget; every
 * one that did must succeed; and the scorecards a full run stored before the storm
 * must all still be there.
 */

const databases = createStoreTestDatabases();

jest.setTimeout(60_000);

const REQUESTS = 200;
/** `eksEncryption.refresh.perCaller.limit` by default. */
const PER_CALLER_LIMIT = 10;
const CALLER = mockCredentials.user().principal.userEntityRef;

/** Thirty more components, each naming one of the estate's linked clusters. */
const STORM_TARGETS = Array.from({ length: 30 }, (_, i) =>
  component(`service-${i}`, 'team-b', [
    (['payments', 'orders', 'search', 'ledger'] as const)[i % 4],
  ]),
);
const ENTITY_REFS = [...estateCatalog(), ...STORM_TARGETS]
  .filter(e => e.kind === 'Component')
  .map(e => stringifyEntityRef(e));

/** Sends every refresh at once; the status and Retry-After of each answer. */
async function storm(server: Server) {
  const answers = await Promise.all(
    Array.from({ length: REQUESTS }, (_, i) =>
      postRefresh(server, ENTITY_REFS[i % ENTITY_REFS.length]),
    ),
  );
  return answers.map(res => ({
    status: res.status,
    retryAfter: res.headers['retry-after'] as string | undefined,
    runId: res.status === 202 ? (res.body.id as string) : undefined,
  }));
}

function countBy<T>(items: T[], key: (item: T) => string) {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

describe.each(databases.eachSupportedId())(
  'a storm of refreshes from one caller on %p',
  id => {
    let aws: FakeAwsEndpoint;

    afterEach(async () => {
      await aws?.stop();
    });

    it('is answered 202 or 429, starts no more runs than the budget, and loses nothing', async () => {
      const knex = await databases.init(id);
      aws = await FakeAwsEndpoint.start(estateAws());
      const backend = await startSchedulingBackend({
        knex,
        catalog: new TestCatalog([...estateCatalog(), ...STORM_TARGETS]),
        // One full run at start, then none during the test.
        config: pluginConfig(aws, { schedule: schedule(3600, 60) }),
      });
      await eventually(
        'the full run to succeed',
        async () =>
          (
            await storedRuns(knex, 'scheduled')
          ).find(r => r.status === 'succeeded'),
        { timeoutMs: 15_000, describe: () => storedRuns(knex) },
      );
      const before = await listScorecards(backend.server);
      expect(before.map(card => card.entityRef).sort()).toEqual(
        [...ENTITY_REFS].sort(),
      );

      const answers = await storm(backend.server);

      const counts = countBy(answers, a => String(a.status));
      expect(Object.keys(counts).sort()).toEqual(['202', '429']);
      const refused = answers.filter(a => a.status === 429);
      expect(
        refused.filter(a => !/^[1-9]\d*$/.test(a.retryAfter ?? '')),
      ).toEqual([]);

      const refreshes = await storedRuns(knex, 'refresh');
      expect(refreshes.length).toBeGreaterThan(0);
      expect(refreshes.length).toBeLessThanOrEqual(PER_CALLER_LIMIT);
      expect(new Set(refreshes.map(r => r.requestedBy))).toEqual(
        new Set([CALLER]),
      );
      const created = new Set(refreshes.map(r => r.id));
      const answered = new Set(answers.flatMap(a => a.runId ?? []));
      expect([...answered].filter(runId => !created.has(runId))).toEqual([]);

      const finished = await eventually(
        'every refresh run to finish',
        async () => {
          const runs = await storedRuns(knex, 'refresh');
          return runs.every(r => r.status !== 'running') ? runs : undefined;
        },
        { timeoutMs: 20_000, describe: () => storedRuns(knex, 'refresh') },
      );
      expect(finished.filter(r => r.status !== 'succeeded')).toEqual([]);

      const after = await listScorecards(backend.server);
      const summary = (cards: typeof before) =>
        Object.fromEntries(
          cards.map(c => [
            c.entityRef,
            { verdict: c.verdict, clusters: c.clusters.map(k => k.arn) },
          ]),
        );
      expect(summary(after)).toEqual(summary(before));

      await backend.stop();
    });
  },
);
