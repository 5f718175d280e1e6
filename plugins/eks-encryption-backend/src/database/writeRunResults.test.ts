import type { Knex } from 'knex';
import type { ClusterEvaluation } from 'backstage-plugin-eks-encryption-common';
import { createStoreTestDatabases } from '../__testUtils__/databases';
import type { EksEncryptionStore } from './EksEncryptionStore';
import {
  checks,
  clusterArn,
  createTestStore,
  entity,
  evaluation,
  fullRun,
  refresh,
  TEAM_A,
  TEAM_B,
} from './__testUtils__/storeFixtures';

jest.setTimeout(60_000);

describe('DatabaseEksEncryptionStore.writeRunResults', () => {
  const databases = createStoreTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let knex: Knex;
    let store: EksEncryptionStore;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      store = await createTestStore(knex);
    });

    it('replaces the latest evaluation of a cluster', async () => {
      await store.writeRunResults(
        fullRun(
          [entity('component:default/a', TEAM_A, ['c1'])],
          [evaluation('c1', { checks: checks({ 'key-rotation': 'fail' }) })],
          '2026-11-26T12:00:00Z',
        ),
      );
      const first = await store.getEntityScorecard('component:default/a');
      expect(first?.clusters[0].score).toBeLessThan(100);

      await store.writeRunResults(
        fullRun(
          [entity('component:default/a', TEAM_A, ['c1'])],
          [
            evaluation('c1', {
              environment: 'prod',
              keyArn: 'arn:aws:kms:eu-west-1:111122223333:key/k1',
              evaluatedAt: '2026-11-27T12:00:00.000Z',
            }),
          ],
        ),
      );
      const scorecard = await store.getEntityScorecard('component:default/a');
      expect(scorecard).toMatchObject({
        entityRef: 'component:default/a',
        verdict: 'compliant',
        score: 100,
        grade: 'A',
        evaluatedAt: '2026-11-27T12:00:00.000Z',
        stale: false,
      });
      expect(scorecard?.clusters).toEqual([
        {
          arn: clusterArn('c1'),
          accountId: '111122223333',
          region: 'eu-west-1',
          name: 'c1',
          version: '1.30',
          encryptionState: 'kms-key',
          keyRef: 'arn:aws:kms:eu-west-1:111122223333:key/k1',
          keyArn: 'arn:aws:kms:eu-west-1:111122223333:key/k1',
          environment: 'prod',
          verdict: 'compliant',
          score: 100,
          grade: 'A',
          evaluatedAt: '2026-11-27T12:00:00.000Z',
          stale: false,
          checks: checks(),
        },
      ]);
      expect(Number((await knex('clusters').count({ n: '*' }))[0].n)).toBe(1);
    });

    it('keeps the previous evaluation, marked stale, when a cluster cannot be read', async () => {
      const failing = evaluation('c1', {
        checks: checks({ 'customer-managed-key': 'fail' }),
        evaluatedAt: '2026-11-26T12:00:00.000Z',
      });
      await store.writeRunResults(
        fullRun(
          [entity('component:default/a', TEAM_A, ['c1', 'c2'])],
          [failing, evaluation('c2', { error: 'first failure' })],
          '2026-11-26T12:00:00Z',
        ),
      );

      const denied =
        'eks:DescribeCluster denied in account 111122223333 (AccessDeniedException)';
      const summary = await store.writeRunResults(
        fullRun(
          [entity('component:default/a', TEAM_A, ['c1', 'c2'])],
          [
            evaluation('c1', { error: denied }),
            evaluation('c2', { error: 'second failure' }),
          ],
        ),
      );
      expect(summary.staleClusters).toBe(1);

      const scorecard = await store.getEntityScorecard('component:default/a');
      const [c1, c2] = scorecard!.clusters;
      expect(c1).toEqual({
        ...failing,
        checks: failing.checks.map(c =>
          c.id === 'customer-managed-key'
            ? {
                ...c,
                // The finding stays open: nothing was fixed, it could not be read.
                openFinding: {
                  openedAt: '2026-11-26T12:00:00.000Z',
                  unverifiedSince: '2026-11-27T12:00:00.000Z',
                },
              }
            : c,
        ),
        stale: true,
        error: denied,
        staleReason: `Last read successfully 2026-11-26T12:00:00.000Z. Latest attempt: ${denied}`,
      });
      // A cluster never read successfully keeps an error row, not stale.
      expect(c2).toMatchObject({
        verdict: 'error',
        stale: false,
        error: 'second failure',
      });
      expect(scorecard).toMatchObject({
        verdict: 'non-compliant',
        stale: true,
        evaluatedAt: '2026-11-26T12:00:00.000Z',
      });
      // The stale cluster's finding is neither resolved nor reopened.
      const kpis = await store.getKpis();
      expect(kpis.openFindings.high).toBe(1);

      await store.writeRunResults(
        fullRun(
          [entity('component:default/a', TEAM_A, ['c1'])],
          [evaluation('c1')],
          '2026-11-28T12:00:00Z',
        ),
      );
      const recovered = await store.getEntityScorecard('component:default/a');
      expect(recovered?.clusters).toHaveLength(1);
      expect(recovered?.clusters[0].stale).toBe(false);
      expect(recovered?.clusters[0]).not.toHaveProperty('error');
      expect((await store.getKpis()).openFindings.high).toBe(0);
    });

    it('replaces every link on a full run and only the refreshed entity links on a refresh', async () => {
      await store.writeRunResults(
        fullRun(
          [
            entity('component:default/a', TEAM_A, ['c1', 'c2']),
            entity('component:default/b', TEAM_B, ['c2']),
            entity('component:default/gone', TEAM_B, ['c3']),
          ],
          [evaluation('c1'), evaluation('c2'), evaluation('c3')],
        ),
      );
      expect(
        await store.getEntityScorecard('component:default/gone'),
      ).toBeDefined();

      await store.writeRunResults(
        fullRun(
          [
            entity('component:default/a', TEAM_A, ['c1', 'c2']),
            entity('component:default/b', TEAM_B, ['c2']),
          ],
          [evaluation('c1'), evaluation('c2')],
        ),
      );
      expect(
        await store.getEntityScorecard('component:default/gone'),
      ).toBeUndefined();
      expect(
        (await store.listClusters({ limit: 10 })).items.map(c => c.name),
      ).toEqual(['c1', 'c2']);

      // The refresh drops c2 from a; b still links to it.
      await store.writeRunResults(
        refresh(entity('component:default/a', TEAM_A, ['c1']), [
          evaluation('c1'),
        ]),
      );
      const arnsOf = async (ref: string) =>
        (await store.getEntityScorecard(ref))?.clusters.map(c => c.name);
      expect(await arnsOf('component:default/a')).toEqual(['c1']);
      expect(await arnsOf('component:default/b')).toEqual(['c2']);

      // Once nobody links to c2 it is no longer stored.
      const summary = await store.writeRunResults(
        refresh(entity('component:default/b', TEAM_B, []), []),
      );
      expect(summary.clustersRemoved).toBe(1);
      expect(await arnsOf('component:default/b')).toEqual([]);
      expect(
        (await store.listClusters({ limit: 10 })).items.map(c => c.name),
      ).toEqual(['c1']);
      expect(
        await store.getEntityScorecard('component:default/b'),
      ).toMatchObject({ verdict: 'not-evaluated', score: null, grade: null });
    });

    it('opens and resolves findings and computes MTTR over resolved ones', async () => {
      const a = entity('component:default/a', TEAM_A, ['c1']);
      const at = (hours: number) =>
        new Date(Date.UTC(2026, 10, 1) + hours * 3_600_000).toISOString();
      const write = (c1: ClusterEvaluation, hours: number) =>
        store.writeRunResults(fullRun([a], [c1], at(hours)));

      let summary = await write(
        evaluation('c1', {
          checks: checks({ 'key-rotation': 'fail', 'key-policy': 'fail' }),
        }),
        0,
      );
      expect(summary).toMatchObject({ findingsOpened: 2, findingsResolved: 0 });

      summary = await write(
        evaluation('c1', {
          checks: checks({ 'key-policy': 'fail', 'key-usable': 'unknown' }),
        }),
        10,
      );
      expect(summary).toMatchObject({ findingsOpened: 0, findingsResolved: 1 });

      summary = await write(evaluation('c1', { error: 'timeout' }), 20);
      expect(summary).toMatchObject({ findingsOpened: 0, findingsResolved: 0 });

      // warn is not a failure: the key-policy finding resolves after 30 hours.
      summary = await write(
        evaluation('c1', { checks: checks({ 'key-policy': 'warn' }) }),
        30,
      );
      expect(summary).toMatchObject({ findingsOpened: 0, findingsResolved: 1 });

      summary = await write(
        evaluation('c1', { checks: checks({ 'key-rotation': 'fail' }) }),
        40,
      );
      expect(summary).toMatchObject({ findingsOpened: 1, findingsResolved: 0 });

      const kpis = await store.getKpis();
      expect(kpis.openFindings).toEqual({
        critical: 0,
        high: 0,
        medium: 1,
        low: 0,
      });
      expect(kpis.mttrHours).toBe(20);
      const [owner] = await store.listOwners();
      expect(owner).toMatchObject({ ownerRef: TEAM_A, mttrHours: 20 });

      const rows = await knex('findings').orderBy('id');
      expect(
        rows.map(r => [
          r.check_id,
          Number(r.opened_at),
          r.resolved_at === null ? null : Number(r.resolved_at),
        ]),
      ).toEqual([
        ['key-rotation', Date.parse(at(0)), Date.parse(at(10))],
        ['key-policy', Date.parse(at(0)), Date.parse(at(30))],
        ['key-rotation', Date.parse(at(40)), null],
      ]);
    });

    it('upserts one snapshot per cluster and day and reports the trend', async () => {
      const a = entity('component:default/a', TEAM_A, ['c1']);
      const b = entity('component:default/b', TEAM_B, ['c2']);
      const bad = { checks: checks({ 'envelope-encryption': 'fail' }) };

      await store.writeRunResults(
        fullRun(
          [a, b],
          [
            evaluation('c1'),
            evaluation('c2', { ...bad, environment: 'Production' }),
          ],
          '2026-11-25T08:00:00Z',
        ),
      );
      // Later the same day c2 is fixed: the day's snapshot is replaced.
      await store.writeRunResults(
        refresh(
          b,
          [evaluation('c2', { environment: 'Production' })],
          '2026-11-25T20:00:00Z',
        ),
      );
      await store.writeRunResults(
        fullRun(
          [a, b],
          [
            evaluation('c1', bad),
            evaluation('c2', { ...bad, environment: 'Production' }),
          ],
          '2026-11-26T08:00:00Z',
        ),
      );

      const kpis = await store.getKpis();
      expect(kpis.trend).toEqual([
        {
          day: '2026-11-25',
          clusters: 2,
          compliantClusters: 2,
          productionClusters: 1,
          compliantProductionClusters: 1,
        },
        {
          day: '2026-11-26',
          clusters: 2,
          compliantClusters: 0,
          productionClusters: 1,
          compliantProductionClusters: 0,
        },
      ]);
      expect(kpis).toMatchObject({
        clusters: 2,
        compliantClusters: 0,
        productionClusters: 1,
        compliantProductionClusters: 0,
        productionCompliancePercent: 0,
      });

      const since = await store.getKpis({
        trendSince: new Date('2026-11-26T00:00:00Z'),
      });
      expect(since.trend.map(p => p.day)).toEqual(['2026-11-26']);

      const teamB = await store.getKpis({ ownerRefs: [TEAM_B] });
      expect(
        teamB.trend.map(p => [p.day, p.clusters, p.compliantClusters]),
      ).toEqual([
        ['2026-11-25', 1, 1],
        ['2026-11-26', 1, 0],
      ]);
    });

    it('writes runs larger than one statement may hold', async () => {
      const names = Array.from({ length: 600 }, (_, i) => `c${i}`);
      const summary = await store.writeRunResults(
        fullRun(
          Array.from({ length: 1200 }, (_, i) =>
            entity(`component:default/e${i}`, TEAM_A, [
              names[i % 600],
              names[(i + 1) % 600],
            ]),
          ),
          names.map(name =>
            evaluation(name, { checks: checks({ 'key-rotation': 'fail' }) }),
          ),
        ),
      );
      expect(summary).toMatchObject({
        entities: 1200,
        clusters: 600,
        findingsOpened: 600,
      });
      const [owner] = await store.listOwners();
      expect(owner).toMatchObject({
        entities: 1200,
        clusters: 600,
        openFindings: { medium: 600 },
      });
    });

    it('lets concurrent writes (other replicas) finish one after the other', async () => {
      const a = entity('component:default/a', TEAM_A, ['c1', 'c2']);
      const b = entity('component:default/b', TEAM_B, ['c2']);
      const failing = { checks: checks({ 'key-policy': 'fail' }) };
      const summaries = await Promise.all([
        store.writeRunResults(
          fullRun([a, b], [evaluation('c1', failing), evaluation('c2')]),
        ),
        store.writeRunResults(
          fullRun([a, b], [evaluation('c1', failing), evaluation('c2')]),
        ),
        store.writeRunResults(refresh(b, [evaluation('c2', failing)])),
      ]);
      // Whatever order they commit in, the refresh read the catalog last: its links win.
      expect(summaries.map(s => s.entities).sort()).toEqual(
        expect.arrayContaining([1]),
      );
      expect(
        (await store.listClusters({ limit: 10 })).items.map(c => [
          c.name,
          c.entityRefs,
        ]),
      ).toEqual([
        ['c1', ['component:default/a']],
        ['c2', ['component:default/a', 'component:default/b']],
      ]);
      expect(Number((await knex('findings').count({ n: '*' }))[0].n)).toBe(
        summaries.reduce((n, s) => n + s.findingsOpened, 0),
      );
    });

    it('remembers finished updates by id', async () => {
      await store.writeRunResults({
        ...fullRun([], []),
        finishedUpdates: [
          {
            id: 'u1',
            type: 'AssociateEncryptionConfig',
            status: 'Successful',
            createdAt: '2026-01-02T03:04:05.000Z',
          },
          { id: 'u2' },
        ],
      });
      const updates = await store.getFinishedUpdates(['u1', 'u2', 'u3']);
      expect([...updates.entries()]).toEqual([
        [
          'u1',
          {
            id: 'u1',
            type: 'AssociateEncryptionConfig',
            status: 'Successful',
            createdAt: '2026-01-02T03:04:05.000Z',
          },
        ],
        ['u2', { id: 'u2' }],
      ]);
      expect(await store.getFinishedUpdates([])).toEqual(new Map());
    });

    it('reads the key uses of the stored clusters sharing a key', async () => {
      const shared = 'arn:aws:kms:eu-west-1:111122223333:key/shared';
      await store.writeRunResults(
        fullRun(
          [
            entity('component:default/a', TEAM_A, ['c1', 'c2']),
            entity('component:default/b', TEAM_B, ['c3']),
          ],
          [
            evaluation('c1', { keyArn: shared, environment: 'prod' }),
            evaluation('c2', { keyArn: shared }),
            evaluation('c3'),
          ],
        ),
      );
      expect(await store.listKeyUses([shared], [clusterArn('c1')])).toEqual([
        {
          clusterArn: clusterArn('c2'),
          keyArn: shared,
          accountId: '111122223333',
        },
      ]);
      expect(
        (await store.listKeyUses([shared], [])).map(k => k.clusterArn),
      ).toEqual([clusterArn('c1'), clusterArn('c2')]);
      expect(await store.listKeyUses([], [])).toEqual([]);
    });

    it('prunes history older than the retention', async () => {
      const a = entity('component:default/a', TEAM_A, ['c1']);
      const failing = evaluation('c1', {
        checks: checks({ 'key-rotation': 'fail', 'key-policy': 'fail' }),
      });
      await store.writeRunResults(
        fullRun([a], [failing], '2026-10-01T00:00:00Z'),
      );
      await store.writeRunResults(
        fullRun(
          [a],
          [evaluation('c1', { checks: checks({ 'key-policy': 'fail' }) })],
          '2026-10-02T00:00:00Z',
        ),
      );
      await store.writeRunResults(
        fullRun([a], [failing], '2026-11-20T00:00:00Z'),
      );
      const oldRun = await store.createRun({ kind: 'scheduled' });
      await store.finishRun(oldRun.id, { status: 'succeeded' });
      await knex('runs')
        .where({ id: oldRun.id })
        .update({ finished_at: Date.parse('2026-10-01T00:00:00Z') });
      const runningRun = await store.createRun({ kind: 'scheduled' });

      const pruned = await store.pruneHistory(new Date('2026-11-01T00:00:00Z'));
      expect(pruned).toEqual({
        findings: 1,
        snapshots: 2,
        runs: 1,
        changes: expect.any(Number),
      });

      // Open findings (opened before the cutoff) and recent history stay.
      expect((await store.getKpis()).openFindings).toMatchObject({
        high: 1,
        medium: 1,
      });
      expect((await store.getKpis()).trend.map(p => p.day)).toEqual([
        '2026-11-20',
      ]);
      expect(await store.getRun(oldRun.id)).toBeUndefined();
      expect(await store.getRun(runningRun.id)).toBeDefined();
    });

    // Failures are matched by message: under Jest, better-sqlite3 errors may
    // come from another realm and fail `instanceof Error`.
    describe('when the write fails halfway', () => {
      const first = () =>
        fullRun(
          [
            entity('component:default/a', TEAM_A, ['c1']),
            entity('component:default/b', TEAM_B, ['c2']),
          ],
          [
            evaluation('c1', { checks: checks({ 'key-rotation': 'fail' }) }),
            evaluation('c2'),
          ],
          '2026-11-26T12:00:00Z',
        );

      async function readEverything() {
        return {
          a: await store.getEntityScorecard('component:default/a'),
          b: await store.getEntityScorecard('component:default/b'),
          clusters: await store.listClusters({ limit: 100 }),
          owners: await store.listOwners(),
          kpis: await store.getKpis(),
          keyUses: await store.listKeyUses(
            ['arn:aws:kms:eu-west-1:111122223333:key/k1'],
            [],
          ),
          updates: await store.getFinishedUpdates(['u1']),
        };
      }

      it('keeps the previous results when a cluster row is rejected', async () => {
        await store.writeRunResults(first());
        const before = await readEverything();

        // A name-less cluster violates NOT NULL after the links were replaced.
        const broken = {
          ...evaluation('c3'),
          name: null,
        } as unknown as ClusterEvaluation;
        await expect(
          store.writeRunResults(
            fullRun(
              [entity('component:default/c', TEAM_B, ['c3', 'c1'])],
              [evaluation('c1'), broken],
              '2026-11-27T12:00:00Z',
            ),
          ),
        ).rejects.toHaveProperty(
          'message',
          expect.stringMatching(/not[ -]null/i),
        );

        expect(await readEverything()).toEqual(before);
        expect(
          await store.getEntityScorecard('component:default/c'),
        ).toBeUndefined();
      });

      it('keeps the previous results when the last statement fails', async () => {
        await store.writeRunResults(first());
        const before = await readEverything();

        await expect(
          store.writeRunResults({
            ...fullRun(
              [entity('component:default/a', TEAM_A, ['c1'])],
              [evaluation('c1')],
              '2026-11-27T12:00:00Z',
            ),
            finishedUpdates: [
              { id: 'u1' },
              { id: null } as unknown as { id: string },
            ],
          }),
        ).rejects.toHaveProperty(
          'message',
          expect.stringMatching(/not[ -]null/i),
        );

        expect(await readEverything()).toEqual(before);
      });
    });
  });
});
