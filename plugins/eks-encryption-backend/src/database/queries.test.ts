import type { Knex } from 'knex';
import { InputError } from '@backstage/errors';
import { createStoreTestDatabases } from '../__testUtils__/databases';
import type { EksEncryptionStore } from './EksEncryptionStore';
import {
  checks,
  clusterArn,
  createTestStore,
  entity,
  evaluation,
  fullRun,
  TEAM_A,
  TEAM_B,
} from './__testUtils__/storeFixtures';

jest.setTimeout(60_000);

const TEAM_C = 'group:default/team-c';

/**
 * Six entities over five clusters, three owners:
 * - team-a: a1 → c1 (compliant, prod), c2 (non-compliant: customer-managed-key fails);
 *           a2 → c1
 * - team-b: b1 → c2, c3 (compliant, key-rotation fails: medium);
 *           b2 → c4 (could not be read)
 * - team-c: x1 → c5 (compliant, prod)
 * - no owner: orphan → c5
 */
const C2 = clusterArn('c2', '444455556666');

async function seed(store: EksEncryptionStore) {
  await store.writeRunResults(
    fullRun(
      [
        entity('component:default/a1', TEAM_A, ['c1', C2]),
        entity('component:default/a2', TEAM_A, ['c1']),
        entity('component:default/b1', TEAM_B, [C2, 'c3']),
        entity('resource:default/b2', TEAM_B, ['c4']),
        entity('component:default/x1', TEAM_C, ['c5']),
        {
          ...entity('component:default/orphan', undefined, ['c5']),
          annotationErrors: [{ token: 'nope', reason: 'not an EKS ARN' }],
        },
      ],
      [
        evaluation('c1', {
          environment: 'prod',
          evaluatedAt: '2026-11-27T10:00:00.000Z',
        }),
        evaluation('c2', {
          checks: checks({ 'customer-managed-key': 'fail' }),
          accountId: '444455556666',
          environment: 'dev',
        }),
        evaluation('c3', { checks: checks({ 'key-rotation': 'fail' }) }),
        evaluation('c4', { error: 'eks:DescribeCluster denied' }),
        evaluation('c5', { environment: 'production' }),
      ],
    ),
  );
}

describe('DatabaseEksEncryptionStore queries', () => {
  const databases = createStoreTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let knex: Knex;
    let store: EksEncryptionStore;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      store = await createTestStore(knex);
      await seed(store);
    });

    it('summarises an entity as the worst of its clusters', async () => {
      const a1 = await store.getEntityScorecard('component:default/a1');
      expect(a1).toMatchObject({
        entityRef: 'component:default/a1',
        verdict: 'non-compliant',
        grade: 'D',
        evaluatedAt: '2026-11-27T10:00:00.000Z',
        stale: false,
        annotationErrors: [],
      });
      expect(a1?.score).toBe(Math.min(...a1!.clusters.map(c => c.score)));
      expect(a1?.clusters.map(c => c.name)).toEqual(['c1', 'c2']);

      expect(
        await store.getEntityScorecard('component:default/orphan'),
      ).toMatchObject({
        // Its one cluster passes, but a token could not be checked.
        verdict: 'incomplete',
        annotationErrors: [{ token: 'nope', reason: 'not an EKS ARN' }],
      });
      expect(
        await store.getEntityScorecard('resource:default/b2'),
      ).toMatchObject({
        verdict: 'error',
        score: 0,
      });
      expect(
        await store.getEntityScorecard('component:default/unknown'),
      ).toBeUndefined();
    });

    it('names the other readable entities linking each cluster of a scorecard', async () => {
      const a1 = await store.getEntityScorecard('component:default/a1');
      expect(a1?.clusters.map(c => [c.name, c.alsoLinkedBy])).toEqual([
        ['c1', ['component:default/a2']],
        ['c2', ['component:default/b1']],
      ]);
      const readable = {
        entityRefs: new Set(['component:default/a1', 'component:default/b1']),
      };
      const limited = await store.getEntityScorecard('component:default/a1', {
        readable,
      });
      expect(limited?.clusters.map(c => [c.name, c.alsoLinkedBy])).toEqual([
        ['c1', undefined],
        ['c2', ['component:default/b1']],
      ]);
    });

    it('rolls up owners so that the numbers add up', async () => {
      const owners = await store.listOwners();
      expect(owners).toEqual([
        {
          ownerRef: TEAM_A,
          entities: 2,
          compliantEntities: 1,
          clusters: 2,
          compliantClusters: 1,
          openFindings: { critical: 0, high: 1, medium: 0, low: 0 },
          mttrHours: null,
        },
        {
          ownerRef: TEAM_B,
          entities: 2,
          compliantEntities: 0,
          clusters: 3,
          compliantClusters: 1,
          openFindings: { critical: 0, high: 1, medium: 1, low: 0 },
          mttrHours: null,
        },
        {
          ownerRef: TEAM_C,
          entities: 1,
          compliantEntities: 1,
          clusters: 1,
          compliantClusters: 1,
          openFindings: { critical: 0, high: 0, medium: 0, low: 0 },
          mttrHours: null,
        },
      ]);

      // Entities add up to every owned entity; c2 is shared by a and b.
      const kpis = await store.getKpis();
      expect(owners.reduce((n, o) => n + o.entities, 0)).toBe(5);
      expect(kpis).toMatchObject({
        clusters: 5,
        compliantClusters: 3,
        productionClusters: 2,
        compliantProductionClusters: 2,
        productionCompliancePercent: 100,
        openFindings: { critical: 0, high: 1, medium: 1, low: 0 },
      });
    });

    it('rolls up several owners at once, counting a shared cluster once', async () => {
      const detail = await store.getOwnerDetail([TEAM_A, TEAM_B]);
      expect(detail).toMatchObject({
        ownerRef: TEAM_A,
        ownerRefs: [TEAM_A, TEAM_B],
        entities: 4,
        compliantEntities: 1,
        clusters: 4,
        compliantClusters: 2,
        openFindings: { critical: 0, high: 1, medium: 1, low: 0 },
      });
      expect(
        detail.items.map(i => [i.entityRef, i.verdict, i.clusters]),
      ).toEqual([
        // Worst first: b1 has open findings, a1 none.
        ['component:default/b1', 'non-compliant', 2],
        ['component:default/a1', 'non-compliant', 2],
        ['resource:default/b2', 'error', 1],
        ['component:default/a2', 'compliant', 1],
      ]);
      expect(detail.items[0]).toMatchObject({
        ownerRef: TEAM_B,
        openFindings: { critical: 0, high: 1, medium: 1, low: 0 },
        grade: 'D',
      });
      await expect(store.getOwnerDetail([])).rejects.toThrow(InputError);
    });

    it('pages, sorts and searches the rows while the rollup counts them all', async () => {
      const owners = [TEAM_A, TEAM_B];
      const refsOf = (detail: { items: { entityRef: string }[] }) =>
        detail.items.map(i => i.entityRef);
      const page = await store.getOwnerDetail(owners, { offset: 1, limit: 2 });
      expect(refsOf(page)).toEqual([
        'component:default/a1',
        'resource:default/b2',
      ]);
      expect(page).toMatchObject({ totalCount: 4, entities: 4, clusters: 4 });
      // Past the last row: no rows, and still the count of every match.
      expect(
        await store.getOwnerDetail(owners, { offset: 10, limit: 2 }),
      ).toMatchObject({ items: [], totalCount: 4 });

      expect(
        refsOf(await store.getOwnerDetail(owners, { sort: 'entity' })),
      ).toEqual([
        'component:default/a1',
        'component:default/a2',
        'component:default/b1',
        'resource:default/b2',
      ]);
      // Lowest score first; `desc` turns every order round.
      const byScore = await store.getOwnerDetail(owners, { sort: 'score' });
      const scores = byScore.items.map(i => i.score ?? Infinity);
      expect(scores).toEqual([...scores].sort((a, b) => a - b));
      expect(
        refsOf(
          await store.getOwnerDetail(owners, { sort: 'owner', order: 'desc' }),
        ),
      ).toEqual([
        'resource:default/b2',
        'component:default/b1',
        'component:default/a2',
        'component:default/a1',
      ]);

      // Most open findings first, the most severe counting first.
      const byFindings = await store.getOwnerDetail(owners, {
        sort: 'findings',
      });
      expect(byFindings.items[0].openFindings).toEqual({
        critical: 0,
        high: 1,
        medium: 1,
        low: 0,
      });

      const found = await store.getOwnerDetail(owners, { search: 'B1' });
      expect(refsOf(found)).toEqual(['component:default/b1']);
      expect(found).toMatchObject({ totalCount: 1, entities: 4 });
      // The owner's ref matches too.
      const ofTeamB = await store.getOwnerDetail(owners, {
        search: TEAM_B.slice(-6).toUpperCase(),
      });
      expect(ofTeamB.totalCount).toBe(
        ofTeamB.items.filter(i => i.ownerRef === TEAM_B).length,
      );
      expect(ofTeamB.totalCount).toBeGreaterThan(0);

      await expect(
        store.getOwnerDetail(owners, { limit: 100_000 }),
      ).rejects.toThrow(InputError);
      await expect(
        store.getOwnerDetail(owners, { offset: -1 }),
      ).rejects.toThrow(InputError);
    });

    it('leaves unreadable entities out of every answer', async () => {
      // Many refs the caller may read that are not stored: one bind variable.
      const filler = Array.from(
        { length: 10_000 },
        (_, i) => `component:default/other-${i}`,
      );
      const readable = {
        entityRefs: new Set([
          ...filler,
          'component:default/a2',
          'component:default/b1',
        ]),
      };

      expect(
        await store.getEntityScorecard('component:default/a1', { readable }),
      ).toBeUndefined();
      expect(
        await store.getEntityScorecard('component:default/a2', { readable }),
      ).toBeDefined();

      const owners = await store.listOwners({ readable });
      expect(owners.map(o => [o.ownerRef, o.entities, o.clusters])).toEqual([
        [TEAM_A, 1, 1],
        [TEAM_B, 1, 2],
      ]);

      const clusters = await store.listClusters({ readable, limit: 10 });
      expect(clusters.totalCount).toBe(3);
      expect(clusters.items.map(c => [c.name, c.entityRefs, c.owners])).toEqual(
        [
          ['c1', ['component:default/a2'], [TEAM_A]],
          ['c3', ['component:default/b1'], [TEAM_B]],
          ['c2', ['component:default/b1'], [TEAM_B]],
        ],
      );

      const page = await store.listEntityScorecards({ readable, limit: 10 });
      expect(page.items.map(i => i.entityRef)).toEqual([
        'component:default/a2',
        'component:default/b1',
      ]);

      const kpis = await store.getKpis({ readable });
      expect(kpis).toMatchObject({ clusters: 3, productionClusters: 1 });
      expect(kpis.trend).toEqual([
        {
          day: '2026-11-27',
          clusters: 3,
          compliantClusters: 2,
          productionClusters: 1,
          compliantProductionClusters: 1,
        },
      ]);

      const detail = await store.getOwnerDetail([TEAM_A], { readable });
      expect(detail.items.map(i => i.entityRef)).toEqual([
        'component:default/a2',
      ]);

      const none = await store.listOwners({
        readable: { entityRefs: new Set<string>() },
      });
      expect(none).toEqual([]);
    });

    it('pages entities without duplicates or gaps', async () => {
      const more = Array.from({ length: 20 }, (_, i) =>
        entity(`component:default/page-${String(i).padStart(2, '0')}`, TEAM_C, [
          'c5',
        ]),
      );
      await store.writeRunResults(
        fullRun(more, [evaluation('c5', { environment: 'production' })]),
      );

      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await store.listEntityScorecards({ cursor, limit: 7 });
        seen.push(...page.items.map(i => i.entityRef));
        expect(page.items.every(i => i.clusters.length === 1)).toBe(true);
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toEqual(more.map(e => e.entityRef));

      await expect(
        store.listEntityScorecards({ cursor: 'not-a-cursor', limit: 7 }),
      ).rejects.toThrow(InputError);
      await expect(store.listEntityScorecards({ limit: 0 })).rejects.toThrow(
        InputError,
      );
    });

    it('pages and filters clusters', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.listClusters({ cursor, limit: 2 });
        expect(page.totalCount).toBe(5);
        seen.push(...page.items.map(c => c.name));
        cursor = page.nextCursor;
      } while (cursor);
      // Ordered by ARN: c2 lives in another account.
      expect(seen).toEqual(['c1', 'c3', 'c4', 'c5', 'c2']);

      const byOffset = await store.listClusters({ offset: 3, limit: 10 });
      expect(byOffset.items.map(c => c.name)).toEqual(['c5', 'c2']);

      const names = async (filter: object) =>
        (await store.listClusters({ limit: 10, ...filter })).items.map(
          c => c.name,
        );
      expect(await names({ owner: TEAM_A })).toEqual(['c1', 'c2']);
      expect(await names({ owner: TEAM_B })).toEqual(['c3', 'c4', 'c2']);
      expect(await names({ verdict: 'compliant' })).toEqual(['c1', 'c3', 'c5']);
      expect(await names({ accountId: '444455556666' })).toEqual(['c2']);
      expect(await names({ region: 'us-east-1' })).toEqual([]);
      expect(await names({ environment: 'prod' })).toEqual(['c1']);
      expect(await names({ search: 'C4' })).toEqual(['c4']);
      expect(await names({ search: '444455556666:cluster' })).toEqual(['c2']);
      expect(await names({ search: '%' })).toEqual([]);

      const [c2] = (await store.listClusters({ limit: 10, search: 'c2' }))
        .items;
      expect(c2).toMatchObject({
        arn: C2,
        verdict: 'non-compliant',
        owners: [TEAM_A, TEAM_B],
        entityRefs: ['component:default/a1', 'component:default/b1'],
        openFindings: { critical: 0, high: 1, medium: 0, low: 0 },
      });
      expect(c2).not.toHaveProperty('checks');
    });
  });
});
