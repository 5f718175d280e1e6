import type { Knex } from 'knex';
import { createStoreTestDatabases } from '../__testUtils__/databases';
import type { EksEncryptionStore } from './EksEncryptionStore';
import {
  TestClock,
  createTestStore,
  entity,
  evaluation,
  fullRun,
} from './__testUtils__/storeFixtures';

jest.setTimeout(60_000);

const ENTITY = 'component:default/a';

describe('DatabaseEksEncryptionStore runs', () => {
  const databases = createStoreTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let knex: Knex;
    let clock: TestClock;
    let store: EksEncryptionStore;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      clock = new TestClock(new Date('2026-11-27T12:00:00Z'));
      store = await createTestStore(knex, clock);
    });

    it('records a run from start to finish', async () => {
      const run = await store.createRun({ kind: 'scheduled' });
      expect(run).toEqual({
        id: expect.any(String),
        kind: 'scheduled',
        status: 'running',
        startedAt: '2026-11-27T12:00:00.000Z',
        clustersTotal: 0,
        clustersDone: 0,
      });

      clock.set('2026-11-27T12:05:00Z');
      await store.updateRunProgress(run.id, {
        clustersTotal: 10,
        clustersDone: 4,
      });
      expect(await store.getRun(run.id)).toMatchObject({
        status: 'running',
        clustersTotal: 10,
        clustersDone: 4,
      });

      await store.writeRunResults({
        ...fullRun(
          [entity(ENTITY, 'group:default/t', ['c1', 'c2'])],
          [evaluation('c1'), evaluation('c2', { error: 'denied' })],
        ),
        runId: run.id,
      });
      clock.set('2026-11-27T12:10:00Z');
      await store.finishRun(run.id, {
        status: 'succeeded',
        clustersTotal: 10,
        clustersDone: 10,
      });
      expect(await store.getRun(run.id)).toEqual({
        id: run.id,
        kind: 'scheduled',
        status: 'succeeded',
        startedAt: '2026-11-27T12:00:00.000Z',
        finishedAt: '2026-11-27T12:10:00.000Z',
        clustersTotal: 10,
        clustersDone: 10,
        entities: 1,
        clusterErrors: 1,
      });

      const failed = await store.createRun({
        kind: 'refresh',
        entityRef: ENTITY,
      });
      await store.finishRun(failed.id, {
        status: 'failed',
        error: 'catalog unavailable',
      });
      expect(await store.getRun(failed.id)).toMatchObject({
        kind: 'refresh',
        entityRef: ENTITY,
        status: 'failed',
        error: 'catalog unavailable',
      });
      expect(
        await store.getRun('00000000-0000-0000-0000-000000000000'),
      ).toBeUndefined();
    });

    it('reports a run without a heartbeat for a minute as failed', async () => {
      const run = await store.createRun({ kind: 'scheduled' });
      clock.set('2026-11-27T12:00:50Z');
      await store.updateRunProgress(run.id, {
        clustersTotal: 2,
        clustersDone: 0,
      });
      clock.set('2026-11-27T12:01:45Z');
      expect((await store.getRun(run.id))?.status).toBe('running');

      clock.set('2026-11-27T12:01:51Z');
      expect(await store.getRun(run.id)).toMatchObject({
        status: 'failed',
        finishedAt: '2026-11-27T12:01:50.000Z',
        error: expect.stringContaining('no heartbeat for 60 s'),
      });
    });

    it('finds a running or recent refresh of the same entity only', async () => {
      const since = () => new Date(clock.now().getTime() - 5 * 60_000);
      expect(
        await store.findActiveOrRecentRefresh(ENTITY, since()),
      ).toBeUndefined();

      const run = await store.createRun({ kind: 'refresh', entityRef: ENTITY });
      await store.createRun({ kind: 'scheduled' });
      await store.createRun({
        kind: 'refresh',
        entityRef: 'component:default/other',
      });

      // Still running long after `since`: found while it shows progress.
      clock.set('2026-11-27T12:20:00Z');
      await store.updateRunProgress(run.id, {
        clustersTotal: 2,
        clustersDone: 1,
      });
      expect((await store.findActiveOrRecentRefresh(ENTITY, since()))?.id).toBe(
        run.id,
      );

      await store.finishRun(run.id, { status: 'succeeded' });
      expect(
        await store.findActiveOrRecentRefresh(ENTITY, since()),
      ).toBeUndefined();
      expect(
        (
          await store.findActiveOrRecentRefresh(
            ENTITY,
            new Date('2026-11-27T11:59:00Z'),
          )
        )?.status,
      ).toBe('succeeded');

      // A dead refresh is neither active nor recent.
      const dead = await store.createRun({
        kind: 'refresh',
        entityRef: 'component:default/dead',
      });
      clock.set('2026-11-27T13:00:00Z');
      expect(
        await store.findActiveOrRecentRefresh(
          'component:default/dead',
          since(),
        ),
      ).toBeUndefined();
      expect((await store.getRun(dead.id))?.status).toBe('failed');
    });

    const budget = (requestedBy = 'user:default/ann') => ({
      since: new Date(clock.now().getTime() - 5 * 60_000),
      requestedBy,
      perCaller: {
        limit: 100,
        since: new Date(clock.now().getTime() - 60_000),
        windowMs: 60_000,
      },
      maxRunning: 100,
    });
    const started = async (
      answer: ReturnType<EksEncryptionStore['startRefresh']>,
    ) => {
      const result = await answer;
      if ('refused' in result) throw new Error(`refused: ${result.message}`);
      return result;
    };

    it('starts one refresh per entity and debounces the rest', async () => {
      const [first, second] = await Promise.all([
        started(store.startRefresh(ENTITY, budget())),
        started(store.startRefresh(ENTITY, budget())),
      ]);
      expect([first.created, second.created].sort()).toEqual([false, true]);
      expect(first.run.id).toBe(second.run.id);

      await store.finishRun(first.run.id, { status: 'succeeded' });
      clock.set('2026-11-27T12:03:00Z');
      const debounced = await store.startRefresh(ENTITY, budget());
      expect(debounced).toEqual({
        created: false,
        run: expect.objectContaining({ id: first.run.id, status: 'succeeded' }),
      });

      clock.set('2026-11-27T12:10:00Z');
      const next = await started(store.startRefresh(ENTITY, budget()));
      expect(next.created).toBe(true);
      expect(next.run.id).not.toBe(first.run.id);

      // A refresh whose process died does not block the next one.
      clock.set('2026-11-27T13:00:00Z');
      const after = await started(store.startRefresh(ENTITY, budget()));
      expect(after.created).toBe(true);
      expect((await store.getRun(next.run.id))?.status).toBe('failed');
    });

    it("refuses a caller's refreshes beyond its rate, with when to retry", async () => {
      const limited = (ref: string, caller = 'user:default/ann') =>
        store.startRefresh(ref, {
          ...budget(caller),
          perCaller: { ...budget().perCaller, limit: 2 },
        });
      expect(await limited('component:default/a')).toHaveProperty('created');
      clock.set('2026-11-27T12:00:20Z');
      expect(await limited('component:default/b')).toHaveProperty('created');
      clock.set('2026-11-27T12:00:30Z');
      expect(await limited('component:default/c')).toEqual({
        refused: 'caller-rate',
        message: 'At most 2 refreshes per 60 s per caller',
        retryAfterMs: 30_000,
      });
      // Another caller has a budget of its own; a debounced answer costs nothing.
      expect(
        await limited('component:default/c', 'user:default/bob'),
      ).toHaveProperty('created', true);
      expect(await limited('component:default/a')).toHaveProperty(
        'created',
        false,
      );
      clock.set('2026-11-27T12:01:01Z');
      expect(await limited('component:default/d')).toHaveProperty(
        'created',
        true,
      );
    });

    it('refuses refreshes beyond the cap on running ones, across callers', async () => {
      const capped = (ref: string, caller: string) =>
        store.startRefresh(ref, { ...budget(caller), maxRunning: 2 });
      const a = await started(capped('component:default/a', 'user:default/1'));
      await started(capped('component:default/b', 'user:default/2'));
      expect(await capped('component:default/c', 'user:default/3')).toEqual({
        refused: 'running-cap',
        message: '2 refreshes are running already',
        retryAfterMs: 10_000,
      });
      await store.finishRun(a.run.id, { status: 'succeeded' });
      expect(
        await capped('component:default/c', 'user:default/3'),
      ).toHaveProperty('created', true);
    });
  });
});
