import knexFactory, { type Knex } from 'knex';
import type { EksEncryptionChange } from 'backstage-plugin-eks-encryption-node';
import { createStoreTestDatabases } from '../__testUtils__/databases';
import { postgresOf } from '../reliability/__testUtils__/postgres';
import type { EksEncryptionStore } from './EksEncryptionStore';
import {
  TestClock,
  checks,
  createTestStore,
  entity,
  evaluation,
  fullRun,
  refresh,
} from './__testUtils__/storeFixtures';

/*
 * The change log is written with the results, in their transaction, and handed to
 * each consumer in order from its own cursor: a batch whose consumer throws comes
 * again, one consumed never does, and replicas on one database never hand out
 * the same change twice.
 */

jest.setTimeout(60_000);

const TEAM = 'group:default/team-a';
const A = 'component:default/a';
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 1);
const at = (hours: number) => new Date(T0 + hours * HOUR).toISOString();

/** Everything after the consumer's cursor, consumed. */
async function drainAll(
  store: EksEncryptionStore,
  consumerId: string,
): Promise<EksEncryptionChange[]> {
  const seen: EksEncryptionChange[] = [];
  while (
    (await store.drainChanges(consumerId, 100, async changes => {
      seen.push(...changes);
    })) > 0
  );
  return seen;
}

const brief = (c: EksEncryptionChange) =>
  [
    c.type,
    c.clusterArn?.split('/').pop() ?? c.entityRefs.join(','),
    c.checkId ?? '',
    c.resolution ?? '',
    c.previousVerdict ?? '',
    c.verdict ?? '',
    c.initial ? 'initial' : '',
  ].join(' ');

describe('the change log', () => {
  const databases = createStoreTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let knex: Knex;
    let store: EksEncryptionStore;
    const clock = new TestClock(new Date(at(0)));

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      store = await createTestStore(knex, clock, { staleAfterMs: 48 * HOUR });
      // The consumer starts here: after the changes logged so far (none).
      await store.startChangeCursors(['test']);
    });

    it('logs findings opened, fixed and unverified, and verdict changes, with their entities', async () => {
      const failing = evaluation('c1', {
        checks: checks({ 'key-rotation': 'fail', 'key-policy': 'fail' }),
        evaluatedAt: at(0),
      });
      await store.writeRunResults({
        ...fullRun([entity(A, TEAM, ['c1'])], [failing], at(0)),
        runId: 'run-1',
      });
      const first = await drainAll(store, 'test');
      expect(first.map(brief)).toEqual([
        'cluster-verdict c1    non-compliant initial',
        'finding-opened c1 key-rotation    initial',
        'finding-opened c1 key-policy    initial',
        `entity-verdict ${A}    non-compliant initial`,
      ]);
      const opened = first.find(c => c.checkId === 'key-rotation')!;
      expect(opened).toMatchObject({
        runId: 'run-1',
        at: at(0),
        entityRefs: [A],
        severity: 'medium',
        summary: 'key-rotation is fail',
      });

      // Rotation fixed; the policy can no longer be read.
      await store.writeRunResults(
        fullRun(
          [entity(A, TEAM, ['c1'])],
          [
            evaluation('c1', {
              checks: checks({ 'key-policy': 'unknown' }),
              evaluatedAt: at(1),
            }),
          ],
          at(1),
        ),
      );
      // An open finding that cannot be checked still counts: the verdict stays.
      expect((await drainAll(store, 'test')).map(brief).sort()).toEqual([
        'finding-resolved c1 key-rotation fixed   ',
        'finding-unverified c1 key-policy    ',
      ]);

      // The cluster cannot be read at all: its evidence stays, stale.
      await store.writeRunResults(
        refresh(
          entity(A, TEAM, ['c1']),
          [evaluation('c1', { error: 'denied', evaluatedAt: at(2) })],
          at(2),
        ),
      );
      expect((await drainAll(store, 'test')).map(brief)).toEqual([
        'cluster-verdict c1   non-compliant error ',
      ]);
      // Nothing more when nothing changed.
      await store.writeRunResults(
        refresh(
          entity(A, TEAM, ['c1']),
          [evaluation('c1', { error: 'denied', evaluatedAt: at(3) })],
          at(3),
        ),
      );
      expect(await drainAll(store, 'test')).toEqual([]);
    });

    it('logs the findings an unlinked cluster leaves as unlinked, never fixed', async () => {
      await store.writeRunResults(
        fullRun(
          [entity(A, TEAM, ['c1'])],
          [
            evaluation('c1', {
              checks: checks({ 'key-rotation': 'fail' }),
              evaluatedAt: at(0),
            }),
          ],
          at(0),
        ),
      );
      await drainAll(store, 'test');
      await store.writeRunResults(fullRun([entity(A, TEAM, [])], [], at(1)));
      expect((await drainAll(store, 'test')).map(brief)).toEqual([
        'finding-resolved c1 key-rotation unlinked   ',
        `entity-verdict ${A}   compliant not-evaluated `,
      ]);
    });

    it('hands a batch over again until its consumer succeeds, and each consumer from its own cursor', async () => {
      await store.writeRunResults(
        fullRun(
          [entity(A, TEAM, ['c1'])],
          [evaluation('c1', { evaluatedAt: at(0) })],
          at(0),
        ),
      );
      const offered: number[] = [];
      const failing = async (changes: EksEncryptionChange[]) => {
        offered.push(...changes.map(c => c.id));
        throw new Error('send failed');
      };
      await expect(store.drainChanges('test', 100, failing)).rejects.toThrow(
        'send failed',
      );
      const retried = await drainAll(store, 'test');
      expect(retried.map(c => c.id)).toEqual(offered);
      expect(await drainAll(store, 'test')).toEqual([]);

      // A consumer seen for the first time starts after what is logged.
      expect(await drainAll(store, 'late')).toEqual([]);
      await store.writeRunResults(
        fullRun(
          [entity(A, TEAM, ['c1'])],
          [
            evaluation('c1', {
              checks: checks({ 'key-policy': 'fail' }),
              evaluatedAt: at(1),
            }),
          ],
          at(1),
        ),
      );
      const late = await drainAll(store, 'late');
      expect(late.length).toBeGreaterThan(0);
      expect(await drainAll(store, 'test')).toEqual(late);
    });

    it('prunes changes past the retention with the history', async () => {
      await store.writeRunResults(
        fullRun(
          [entity(A, TEAM, ['c1'])],
          [evaluation('c1', { evaluatedAt: at(0) })],
          at(0),
        ),
      );
      const pruned = await store.pruneHistory(new Date(at(1)));
      // The cluster's and the entity's first verdicts.
      expect(pruned.changes).toBe(2);
      expect(await knex('changes').count({ n: '*' })).toEqual([
        { n: databaseId.startsWith('POSTGRES') ? '0' : 0 },
      ]);
    });
  });

  // PostgreSQL only (required in CI): SQLite here is one process's in-memory database.
  const postgres = postgresOf(databases);
  (postgres ? describe : describe.skip)('on PostgreSQL', () => {
    it('is drained exactly once by two replicas on one database', async () => {
      const knex = await databases.init(postgres!);
      const other = knexFactory({
        client: 'pg',
        connection: knex.client.config.connection,
      });
      try {
        const clock = new TestClock(new Date(at(0)));
        const [first, second] = [
          await createTestStore(knex, clock),
          await createTestStore(other, clock),
        ];
        await first.drainChanges('notify', 10, async () => {});
        const names = Array.from({ length: 40 }, (_, i) => `c${i}`);
        await first.writeRunResults(
          fullRun(
            names.map(n => entity(`component:default/${n}`, TEAM, [n])),
            names.map(n =>
              evaluation(n, {
                checks: checks({ 'key-rotation': 'fail' }),
                evaluatedAt: at(0),
              }),
            ),
            at(0),
          ),
        );
        const consumed: number[] = [];
        const consume = async (changes: EksEncryptionChange[]) => {
          // Slow enough that the replicas' drains overlap.
          await new Promise(resolve => setTimeout(resolve, 20));
          consumed.push(...changes.map(c => c.id));
        };
        const drain = async (store: EksEncryptionStore) => {
          while ((await store.drainChanges('notify', 10, consume)) > 0);
        };
        await Promise.all([drain(first), drain(second), drain(first)]);
        const logged = await knex('changes').orderBy('id').pluck('id');
        expect(consumed.sort((a, b) => a - b)).toEqual(logged.map(Number));
        expect(new Set(consumed).size).toBe(consumed.length);
      } finally {
        await other.destroy();
      }
    });
  });
});
