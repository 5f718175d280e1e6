import type { Knex } from 'knex';
import type { ClusterEvaluation } from 'backstage-plugin-eks-encryption-common';
import { createStoreTestDatabases } from '../__testUtils__/databases';
import type { EksEncryptionStore } from './EksEncryptionStore';
import {
  TestClock,
  check,
  checks,
  clusterArn,
  createTestStore,
  entity,
  evaluation,
  fullRun,
  refresh,
} from './__testUtils__/storeFixtures';

/*
 * The trust rules of the store, on every database: findings follow evidence,
 * stale has a limit, an entity is only as good as what could be checked, newest
 * wins, and one cluster's bad data never fails the write for the others.
 */

jest.setTimeout(60_000);

const TEAM = 'group:default/team-a';
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 1);
const at = (hours: number) => new Date(T0 + hours * HOUR).toISOString();

describe('trust rules of the store', () => {
  const databases = createStoreTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let knex: Knex;
    let store: EksEncryptionStore;
    const clock = new TestClock(new Date(at(0)));

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      clock.set(at(0));
      store = await createTestStore(knex, clock, { staleAfterMs: 3 * HOUR });
    });

    /** Writes a full run of entity a → c1 at `hours`, read at that time. */
    async function runAt(hours: number, c1: ClusterEvaluation) {
      clock.set(at(hours));
      return store.writeRunResults(
        fullRun(
          [entity('component:default/a', TEAM, ['c1'])],
          [{ ...c1, evaluatedAt: at(hours) }],
          at(hours),
        ),
      );
    }

    /** The same write as a refresh of entity a (kept rollups by difference). */
    async function refreshAt(hours: number, c1: ClusterEvaluation) {
      clock.set(at(hours));
      return store.writeRunResults(
        refresh(
          entity('component:default/a', TEAM, ['c1']),
          [{ ...c1, evaluatedAt: at(hours) }],
          at(hours),
        ),
      );
    }

    /** The numbers people act on. */
    async function numbers() {
      const kpis = await store.getKpis();
      const [owner] = await store.listOwners();
      const card = await store.getEntityScorecard('component:default/a');
      return {
        open: kpis.openFindings,
        mttrHours: kpis.mttrHours,
        compliantClusters: kpis.compliantClusters,
        ownerOpen: owner?.openFindings,
        ownerMttr: owner?.mttrHours,
        verdict: card?.verdict,
      };
    }

    const failing = () =>
      evaluation('c1', {
        checks: checks({ 'key-usable': 'fail', 'key-rotation': 'fail' }),
      });

    const unknownChecks = () =>
      evaluation('c1', {
        checks: checks({ 'key-usable': 'unknown', 'key-rotation': 'unknown' }),
      });
    const unreadable = () => evaluation('c1', { error: 'denied' });

    it.each([
      ['the failing checks become unknown', unknownChecks, runAt],
      ['the cluster cannot be read', unreadable, runAt],
      ['the failing checks become unknown in a refresh', unknownChecks, refreshAt],
      ['the cluster cannot be read in a refresh', unreadable, refreshAt],
    ])(
      'keeps findings open and MTTR unchanged when %s',
      async (_, unverifiable, write) => {
        // One finding fixed first, so that MTTR has a value to keep.
        await runAt(0, failing());
        await runAt(
          2,
          evaluation('c1', { checks: checks({ 'key-usable': 'fail' }) }),
        );
        await runAt(2.5, failing());
        const before = await numbers();
        expect(before.open).toMatchObject({ critical: 1, medium: 1 });
        expect(before.mttrHours).toBe(2);

        const summary = await write(3, unverifiable());
        expect(summary.findingsResolved).toBe(0);
        const after = await numbers();
        expect(after).toEqual({
          ...before,
          verdict: after.verdict,
        });
        expect(after.verdict).not.toBe('compliant');

        const card = await store.getEntityScorecard('component:default/a');
        const usable = card!.clusters[0].checks.find(
          c => c.id === 'key-usable',
        );
        expect(usable?.openFinding).toEqual({
          openedAt: at(0),
          unverifiedSince: at(3),
        });

        // Evidence again: still failing, verified again; then fixed, counted.
        await runAt(4, failing());
        const confirmed = await store.getEntityScorecard('component:default/a');
        expect(
          confirmed!.clusters[0].checks.find(c => c.id === 'key-usable')
            ?.openFinding,
        ).toEqual({ openedAt: at(0) });
        await runAt(6, evaluation('c1'));
        const fixed = await numbers();
        expect(fixed.open).toEqual({ critical: 0, high: 0, medium: 0, low: 0 });
        // (2 h + 6 h + 3.5 h) / 3 fixes
        expect(fixed.mttrHours).toBeCloseTo((2 + 6 + 3.5) / 3);
      },
    );

    it('resolves without counting a fix when a check no longer applies, is removed or the cluster is unlinked', async () => {
      await runAt(
        0,
        evaluation('c1', {
          checks: checks({ 'key-rotation': 'fail', 'key-policy': 'fail' }),
        }),
      );
      await runAt(
        1,
        evaluation('c1', {
          checks: [
            ...checks({ 'key-rotation': 'not-applicable' }).filter(
              c => c.id !== 'key-policy',
            ),
          ],
        }),
      );
      await store.writeRunResults(
        fullRun([entity('component:default/a', TEAM, [])], [], at(2)),
      );
      const rows = await knex('findings').orderBy('check_id');
      expect(rows.map(r => [r.check_id, r.resolution])).toEqual([
        ['key-policy', 'check-removed'],
        ['key-rotation', 'not-applicable'],
      ]);
      expect((await store.getKpis()).mttrHours).toBeNull();

      await runAt(3, evaluation('c1', { checks: checks({ 'key-policy': 'fail' }) }));
      await store.writeRunResults(
        fullRun([entity('component:default/a', TEAM, [])], [], at(4)),
      );
      const unlinked = await knex('findings').whereNull('opened_at').orWhere(
        'opened_at',
        T0 + 3 * HOUR,
      );
      expect(unlinked.map(r => r.resolution)).toEqual(['unlinked']);
      expect(await numbers()).toMatchObject({
        open: { critical: 0, high: 0, medium: 0, low: 0 },
        mttrHours: null,
      });
    });

    it('counts a cluster past staleAfter as incomplete everywhere, but keeps non-compliant', async () => {
      await store.writeRunResults(
        fullRun(
          [
            entity('component:default/a', TEAM, ['c1']),
            entity('component:default/b', TEAM, ['c2']),
          ],
          [
            evaluation('c1', { evaluatedAt: at(0), environment: 'prod' }),
            evaluation('c2', {
              evaluatedAt: at(0),
              environment: 'prod',
              checks: checks({ 'key-usable': 'fail' }),
            }),
          ],
          at(0),
        ),
      );
      clock.set(at(2.9));
      expect(await store.getKpis()).toMatchObject({
        compliantClusters: 1,
        compliantProductionClusters: 1,
      });

      // Later attempts fail: the last evidence is kept, but no longer counts as fresh.
      clock.set(at(5));
      await store.writeRunResults(
        fullRun(
          [
            entity('component:default/a', TEAM, ['c1']),
            entity('component:default/b', TEAM, ['c2']),
          ],
          [
            evaluation('c1', { evaluatedAt: at(5), error: 'deleted?' }),
            evaluation('c2', { evaluatedAt: at(5), error: 'deleted?' }),
          ],
          at(5),
        ),
      );
      const a = await store.getEntityScorecard('component:default/a');
      expect(a).toMatchObject({ verdict: 'incomplete', stale: true });
      expect(a!.clusters[0]).toMatchObject({
        verdict: 'incomplete',
        lastVerdict: 'compliant',
        evaluatedAt: at(0),
        stale: true,
        error: 'deleted?',
      });
      expect(a!.clusters[0].staleReason).toContain('counts as incomplete');
      expect(
        (await store.getEntityScorecard('component:default/b'))?.verdict,
      ).toBe('non-compliant');

      const kpis = await store.getKpis();
      expect(kpis).toMatchObject({
        compliantClusters: 0,
        compliantProductionClusters: 0,
        productionCompliancePercent: 0,
      });
      expect(kpis.trend.map(p => [p.day, p.compliantClusters])).toEqual([
        [at(0).slice(0, 10), 0],
      ]);
      expect(await store.listOwners()).toMatchObject([
        { ownerRef: TEAM, compliantEntities: 0, compliantClusters: 0 },
      ]);
      expect(
        (await store.listClusters({ limit: 10, verdict: 'incomplete' })).items,
      ).toHaveLength(1);
      expect(
        (await store.listClusters({ limit: 10, verdict: 'compliant' })).items,
      ).toHaveLength(0);
      const detail = await store.getOwnerDetail([TEAM]);
      expect(detail.items.map(i => [i.entityRef, i.verdict, i.stale])).toEqual(
        [
          ['component:default/b', 'non-compliant', true],
          ['component:default/a', 'incomplete', true],
        ],
      );
    });

    it('makes an entity with annotation errors incomplete at best, in every aggregate', async () => {
      const badToken = { token: 'arn:aws:eks:xx', reason: 'not an ARN' };
      await store.writeRunResults(
        fullRun(
          [
            entity('component:default/a', TEAM, ['c1'], [badToken]),
            entity('component:default/only-bad', TEAM, [], [badToken]),
          ],
          [evaluation('c1', { evaluatedAt: at(0) })],
          at(0),
        ),
      );
      expect(
        await store.getEntityScorecard('component:default/a'),
      ).toMatchObject({ verdict: 'incomplete', score: 100 });
      expect(
        await store.getEntityScorecard('component:default/only-bad'),
      ).toMatchObject({ verdict: 'incomplete', score: null });
      expect(await store.listOwners()).toMatchObject([
        { entities: 2, compliantEntities: 0, compliantClusters: 1 },
      ]);
      const detail = await store.getOwnerDetail([TEAM]);
      expect(detail.items.map(i => i.verdict)).toEqual([
        'incomplete',
        'incomplete',
      ]);
    });

    it('never replaces an evaluation or links read later', async () => {
      // A refresh read the catalog and AWS at 2 h and wrote first.
      await store.writeRunResults({
        ...refresh(
          entity('component:default/a', TEAM, ['c1', 'c2']),
          [
            evaluation('c1', { evaluatedAt: at(2) }),
            evaluation('c2', { evaluatedAt: at(2) }),
          ],
          at(2),
        ),
        linksReadAt: new Date(at(2)),
      });
      // An older full run (read at 1 h, without c2 and without b's new link) writes last.
      const summary = await store.writeRunResults({
        ...fullRun(
          [entity('component:default/a', TEAM, ['c1'])],
          [
            evaluation('c1', {
              evaluatedAt: at(1),
              checks: checks({ 'key-policy': 'fail' }),
            }),
          ],
          at(3),
        ),
        linksReadAt: new Date(at(1)),
      });
      expect(summary).toMatchObject({ olderSkipped: 1, findingsOpened: 0 });
      const card = await store.getEntityScorecard('component:default/a');
      expect(card?.clusters.map(c => [c.name, c.verdict, c.evaluatedAt])).toEqual(
        [
          ['c1', 'compliant', at(2)],
          ['c2', 'compliant', at(2)],
        ],
      );
    });

    it("writes every other cluster when one cluster's values do not fit the database", async () => {
      const hostile = {
        ...evaluation('c2'),
        version: '1.29-hostile-version-string',
      };
      const summary = await store.writeRunResults(
        fullRun(
          [entity('component:default/a', TEAM, ['c1', 'c2'])],
          [evaluation('c1', { checks: checks({ 'key-policy': 'fail' }) }), hostile],
          at(0),
        ),
      );
      expect(summary.rejectedClusters).toEqual([`${clusterArn('c2')} (version)`]);
      expect(summary.findingsOpened).toBe(1);
      const card = await store.getEntityScorecard('component:default/a');
      expect(card?.clusters.map(c => c.name)).toEqual(['c1']);
      expect(check('key-policy', 'fail').severity).toBe('high');
    });
  });
});
