import type { Knex } from 'knex';
import type {
  CheckResult,
  ClusterEvaluation,
} from 'backstage-plugin-eks-encryption-common';
import { createStoreTestDatabases } from '../__testUtils__/databases';
import type { DatabaseEksEncryptionStore } from './DatabaseEksEncryptionStore';
import type {
  EntityRunInput,
  OwnerRowsQuery,
  ReadableEntities,
} from './EksEncryptionStore';
import {
  TestClock,
  check,
  checks,
  createTestStore,
  entity,
  evaluation,
  fullRun,
  refresh,
} from './__testUtils__/storeFixtures';
import { RollupOracle } from './__testUtils__/rollupOracle';
import { TABLES } from './tables';

/**
 * The rollups the store serves (owner rollups, owner detail, organisation KPIs
 * and their trend) must equal a from-scratch aggregation of the raw tables
 * (`__testUtils__/rollupOracle.ts`), after every kind of write and as time
 * passes, whatever way the store computes them.
 */

jest.setTimeout(60_000);

const SORTS: NonNullable<OwnerRowsQuery['sort']>[] = [
  'verdict',
  'entity',
  'score',
  'findings',
  'owner',
];

const HOUR_MS = 3_600_000;
const STALE_AFTER_MS = 48 * HOUR_MS;

const A = 'group:default/a';
const B = 'group:default/b';
const C = 'group:default/c';
const NOBODY = 'group:default/nobody';

const ref = (name: string) => `component:default/${name}`;
const C4 = 'resource:default/c4';
const ORPHAN = ref('orphan');

const D1 = '2026-11-20T12:00:00.000Z';
const D2 = '2026-11-21T12:00:00.000Z';
const D3 = '2026-11-22T18:00:00.000Z';
const D3_REFRESH_LINKS = '2026-11-22T20:00:00.000Z';
const D3_REFRESH_OWNER = '2026-11-22T21:00:00.000Z';
const D3_REFRESH_UNLINK = '2026-11-22T22:00:00.000Z';
const D4 = '2026-11-23T12:00:00.000Z';
const PRUNE_BEFORE = '2026-11-22T00:00:00.000Z';
/** 47 hours after the last evidence (D4): still fresh. */
const D6_EARLY = '2026-11-25T11:00:00.000Z';
/** 72 hours after the last evidence (D4): every compliant cluster is stale. */
const D7 = '2026-11-26T12:00:00.000Z';

const BAD_TOKEN = [{ token: 'nope', reason: 'not an EKS ARN' }];

/** Readable subsets: a1 shares p1 with a2 (A) and b1 (B), neither readable. */
const R1: ReadableEntities = {
  entityRefs: new Set([
    ref('a1'),
    ref('a3'),
    ref('b2'),
    ref('b4'),
    ref('c1'),
    ORPHAN,
    ref('ghost'),
  ]),
};
const R2: ReadableEntities = {
  entityRefs: new Set([ref('a2'), ref('b1'), ref('c2'), ref('c3'), C4]),
};
const NONE: ReadableEntities = { entityRefs: new Set() };

const withOwnershipTags = (
  list: CheckResult[],
  status: CheckResult['status'],
) => [...list, check('ownership-tags', status)];

/** Every cluster of the estate, as read at `at`, by state. */
function cluster(
  name: string,
  at: string,
  state: { checks?: CheckResult[]; error?: string } = {},
): ClusterEvaluation {
  const environments: Record<string, string> = {
    p1: 'prod',
    p2: 'prod',
    p3: 'Production',
    p4: 'production',
    d1: 'dev',
    d2: 'dev',
    d3: 'staging',
    d4: 'dev',
    nx: 'prod',
  };
  return evaluation(name, {
    environment: environments[name],
    evaluatedAt: at,
    ...state,
  });
}

/**
 * The estate as first read (day 1):
 * - a (group:default/a): a1 → p1, p2; a2 → p1; a3 → d3; a4 → p4
 * - b: b1 → p1, d1; b2 → d1; b3 → d2, nx (not stored until day 4: its
 *      evaluation does not fit a column); b4 → nothing (not evaluated)
 * - c: c1 → p2, p3; c2 → p3, d4; c3 → p3 with annotation errors;
 *      resource c4 → nothing, with annotation errors
 * - no owner: orphan → d4
 * p1 is shared by two entities of a and one of b; p2 by a and c; p3 by three
 * entities of c; d1 by two entities of b; d4 by c and the orphan.
 */
function entitiesDay1(): EntityRunInput[] {
  return [
    entity(ref('a1'), A, ['p1', 'p2']),
    entity(ref('a2'), A, ['p1']),
    entity(ref('a3'), A, ['d3']),
    entity(ref('a4'), A, ['p4']),
    entity(ref('b1'), B, ['p1', 'd1']),
    entity(ref('b2'), B, ['d1']),
    entity(ref('b3'), B, ['d2', 'nx']),
    entity(ref('b4'), B, []),
    entity(ref('c1'), C, ['p2', 'p3']),
    entity(ref('c2'), C, ['p3', 'd4']),
    entity(ref('c3'), C, ['p3'], BAD_TOKEN),
    entity(C4, C, [], BAD_TOKEN),
    entity(ORPHAN, undefined, ['d4']),
  ];
}

/** The catalog after the refreshes of day 3 (steps c–e), without a3. */
function entitiesDay4(): EntityRunInput[] {
  return [
    entity(ref('a1'), A, ['p1', 'd2']),
    entity(ref('a2'), A, ['p1']),
    entity(ref('a4'), A, ['p4']),
    entity(ref('b1'), B, ['p1', 'd1']),
    entity(ref('b2'), C, ['d1']),
    entity(ref('b3'), B, ['d2', 'nx']),
    entity(ref('b4'), B, []),
    entity(ref('c1'), C, ['p2', 'p3']),
    entity(ref('c2'), C, ['p3', 'd4']),
    entity(ref('c3'), C, ['p3'], BAD_TOKEN),
    entity(C4, C, [], BAD_TOKEN),
    entity(ORPHAN, undefined, ['d4']),
  ];
}

const FLOAT_KEYS = new Set(['mttrHours', 'productionCompliancePercent']);

/**
 * `served` with its floating-point values replaced by the expected ones when
 * they are equal up to rounding, so that `toEqual` compares everything else
 * exactly and still reports a real difference.
 */
function alignFloats(served: unknown, expected: unknown): unknown {
  if (Array.isArray(served) && Array.isArray(expected)) {
    return served.map((value, i) => alignFloats(value, expected[i]));
  }
  if (
    served !== null &&
    expected !== null &&
    typeof served === 'object' &&
    typeof expected === 'object' &&
    !Array.isArray(expected)
  ) {
    const wanted = expected as Record<string, unknown>;
    return Object.fromEntries(
      Object.entries(served as Record<string, unknown>).map(([key, value]) => {
        const other = wanted[key];
        if (
          FLOAT_KEYS.has(key) &&
          typeof value === 'number' &&
          typeof other === 'number' &&
          Math.abs(value - other) <= 1e-9 * Math.max(1, Math.abs(other))
        ) {
          return [key, other];
        }
        return [key, alignFloats(value, other)];
      }),
    );
  }
  return served;
}

function expectSame(label: string, served: unknown, expected: unknown) {
  try {
    expect(alignFloats(served, expected)).toEqual(expected);
  } catch (error) {
    if (error instanceof Error) error.message = `${label}\n${error.message}`;
    throw error;
  }
}

const describeReadable = (readable?: ReadableEntities) => {
  if (readable === R1) return 'R1';
  if (readable === R2) return 'R2';
  if (readable === NONE) return 'none readable';
  return 'all readable';
};

describe('rollups served by the store equal a from-scratch aggregation', () => {
  const databases = createStoreTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let knex: Knex;
    let store: DatabaseEksEncryptionStore;
    const clock = new TestClock(new Date(D1));

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      store = await createTestStore(knex, clock, {
        staleAfterMs: STALE_AFTER_MS,
      });
    });

    async function oracle(): Promise<RollupOracle> {
      return RollupOracle.load(knex, {
        nowMs: clock.now().getTime(),
        staleAfterMs: STALE_AFTER_MS,
      });
    }

    /** Every rollup read the store serves, against the oracle; returns it. */
    async function expectConsistent(step: string): Promise<RollupOracle> {
      const expected = await oracle();
      const at = `[${step} @ ${clock.now().toISOString()}]`;

      for (const readable of [undefined, R1, R2, NONE]) {
        expectSame(
          `${at} listOwners(${describeReadable(readable)})`,
          await store.listOwners(readable ? { readable } : undefined),
          expected.listOwners(readable),
        );
      }

      const ownerSets = [
        [A],
        [B],
        [C],
        [NOBODY],
        [A, B],
        [A, C],
        [B, C],
        [C, A],
        [A, B, C],
        [B, NOBODY],
      ];
      for (const ownerRefs of ownerSets) {
        for (const readable of [undefined, R1, R2]) {
          expectSame(
            `${at} getOwnerDetail([${ownerRefs}], ${describeReadable(
              readable,
            )})`,
            await store.getOwnerDetail(
              ownerRefs,
              readable ? { readable } : undefined,
            ),
            expected.ownerDetail(ownerRefs, readable),
          );
        }
      }

      // The database pages and sorts the rows: pages read one after another
      // are the whole answer, and `desc` is every order exactly reversed.
      for (const readable of [undefined, R2]) {
        const owners = [A, B, C];
        const whole = await store.getOwnerDetail(owners, { readable });
        const paged = [];
        for (let offset = 0; offset < whole.totalCount; offset += 2) {
          const page = await store.getOwnerDetail(owners, {
            readable,
            offset,
            limit: 2,
          });
          expect(page.totalCount).toBe(whole.totalCount);
          paged.push(...page.items);
        }
        expect(paged).toEqual(whole.items);
        for (const sort of SORTS) {
          const asc = await store.getOwnerDetail(owners, { readable, sort });
          const desc = await store.getOwnerDetail(owners, {
            readable,
            sort,
            order: 'desc',
          });
          expect(desc.items.map(row => row.entityRef)).toEqual(
            asc.items.map(row => row.entityRef).reverse(),
          );
        }
      }

      const allReadable: ReadableEntities = {
        entityRefs: new Set(
          (await knex(TABLES.entities).select('entity_ref')).map(
            (row: { entity_ref: string }) => row.entity_ref,
          ),
        ),
      };
      const kpiScopes: {
        readable?: ReadableEntities;
        ownerRefs?: string[];
        trendSince?: Date;
      }[] = [
        {},
        { readable: R1 },
        { readable: R2 },
        { readable: allReadable },
        { ownerRefs: [A] },
        { ownerRefs: [B] },
        { ownerRefs: [A, C] },
        { ownerRefs: [B], readable: R1 },
        { ownerRefs: [NOBODY] },
        { trendSince: new Date(D2) },
        { readable: R2, trendSince: new Date(D3) },
      ];
      for (const scope of kpiScopes) {
        expectSame(
          `${at} getKpis(${JSON.stringify({
            ...scope,
            readable: scope.readable && [...scope.readable.entityRefs],
          })})`,
          await store.getKpis(scope),
          expected.kpis(scope),
        );
      }
      return expected;
    }

    it('a. day 1: a full run', async () => {
      clock.set(D1);
      const summary = await store.writeRunResults(
        fullRun(
          entitiesDay1(),
          [
            cluster('p1', D1),
            cluster('p2', D1, {
              checks: checks({ 'customer-managed-key': 'fail' }),
            }),
            // Its medium finding stays open, unverified, while it cannot be read.
            cluster('p3', D1, { checks: checks({ 'key-rotation': 'fail' }) }),
            cluster('p4', D1, {
              checks: withOwnershipTags(
                checks({ 'key-rotation': 'fail' }),
                'fail',
              ),
            }),
            cluster('d1', D1, { checks: checks({ 'key-rotation': 'fail' }) }),
            cluster('d2', D1, { checks: checks({ 'key-usable': 'unknown' }) }),
            cluster('d3', D1, { error: 'eks:DescribeCluster denied' }),
            cluster('d4', D1, {
              checks: withOwnershipTags(
                checks({ 'envelope-encryption': 'fail' }),
                'fail',
              ),
            }),
            // Rejected (version too long): b3 links a cluster never stored.
            { ...cluster('nx', D1), version: 'x'.repeat(40) },
          ],
          D1,
        ),
      );
      expect(summary.rejectedClusters).toHaveLength(1);
      const expected = await expectConsistent('a');

      // The oracle itself, against numbers worked out by hand.
      const owners = await store.listOwners();
      expect(owners.map(o => o.ownerRef)).toEqual([A, B, C]);
      expect(owners[0]).toMatchObject({
        // a1 (p1, p2), a2 (p1), a3 (d3), a4 (p4): p1 once.
        entities: 4,
        compliantEntities: 2,
        clusters: 4,
        compliantClusters: 2,
        openFindings: { critical: 0, high: 1, medium: 1, low: 1 },
        mttrHours: null,
      });
      expect(expected.listOwners()[0]).toEqual(owners[0]);
      // A ∪ B: p1, p2, d3, p4 and d1, d2: p1 counts once.
      expect((await store.getOwnerDetail([A, B])).clusters).toBe(6);
      // b1 is not readable in R1: p1 does not count for b.
      expect(
        (await store.listOwners({ readable: R1 })).find(o => o.ownerRef === B),
      ).toMatchObject({ entities: 2, clusters: 1 });
      const c = await store.getOwnerDetail([C]);
      expect(
        Object.fromEntries(c.items.map(i => [i.entityRef, i.verdict])),
      ).toEqual({
        [ref('c1')]: 'non-compliant',
        [ref('c2')]: 'non-compliant',
        [ref('c3')]: 'incomplete',
        [C4]: 'incomplete',
      });
      expect(
        (await store.getOwnerDetail([B])).items.find(
          i => i.entityRef === ref('b4'),
        ),
      ).toMatchObject({ verdict: 'not-evaluated', score: null, clusters: 0 });
    });

    it('b1. day 2: findings resolve (fixed, not applicable), a cluster becomes unreadable', async () => {
      clock.set(D2);
      await store.writeRunResults(
        fullRun(
          entitiesDay1(),
          [
            cluster('p1', D2),
            // Unknown while its finding is open: still counted as failing.
            cluster('p2', D2, {
              checks: checks({ 'customer-managed-key': 'unknown' }),
            }),
            // Unreadable after a successful read: stale, day 1 evidence kept.
            cluster('p3', D2, { error: 'eks:DescribeCluster throttled' }),
            cluster('p4', D2, {
              checks: withOwnershipTags(
                checks({ 'key-rotation': 'fail' }),
                'fail',
              ),
            }),
            cluster('d1', D2, {
              checks: checks({ 'key-rotation': 'not-applicable' }),
            }),
            cluster('d2', D2),
            cluster('d3', D2, { error: 'eks:DescribeCluster denied' }),
            cluster('d4', D2, {
              checks: withOwnershipTags(
                checks({ 'envelope-encryption': 'fail' }),
                'pass',
              ),
            }),
          ],
          D2,
        ),
      );
      const expected = await expectConsistent('b1');
      // d4's low finding was fixed after 24 hours; d1's is not applicable.
      expect(expected.kpis().mttrHours).toBeCloseTo(24);
      expect(expected.findingsResolvedAs('not-applicable')).toBe(1);
      // p3 is stale but its evidence is 24 hours old: still compliant.
      expect(expected.countedVerdict(evaluation('p3').arn)).toBe('compliant');
    });

    it('b2. day 3: more fixes, a check removed, stale evidence past staleAfter', async () => {
      clock.set(D3);
      await store.writeRunResults(
        fullRun(
          entitiesDay1(),
          [
            cluster('p1', D3, { checks: checks({ 'key-policy': 'fail' }) }),
            cluster('p2', D3),
            cluster('p3', D3, { error: 'eks:DescribeCluster throttled' }),
            cluster('p4', D3, {
              checks: withOwnershipTags(checks(), 'fail'),
            }),
            cluster('d1', D3, { checks: checks({ 'key-rotation': 'fail' }) }),
            cluster('d2', D3),
            cluster('d3', D3, { error: 'eks:DescribeCluster denied' }),
            cluster('d4', D3, {
              checks: withOwnershipTags(
                checks().filter(c => c.id !== 'envelope-encryption'),
                'pass',
              ),
            }),
          ],
          D3,
        ),
      );
      const expected = await expectConsistent('b2');
      expect((await store.getKpis()).trend.map(p => p.day)).toEqual([
        '2026-11-20',
        '2026-11-21',
        '2026-11-22',
      ]);
      expect(expected.findingsResolvedAs('check-removed')).toBe(1);
      // p3's day 1 evidence is 54 hours old: counted incomplete.
      expect(expected.countedVerdict(evaluation('p3').arn)).toBe('incomplete');
      const c = await store.getOwnerDetail([C]);
      expect(c.items.find(i => i.entityRef === ref('c1'))).toMatchObject({
        verdict: 'incomplete',
        stale: true,
      });
    });

    it('c. a refresh changes an entity’s links (adds a cluster, drops one)', async () => {
      clock.set(D3_REFRESH_LINKS);
      await store.writeRunResults(
        refresh(
          entity(ref('a1'), A, ['p1', 'd2']),
          [
            cluster('p1', D3_REFRESH_LINKS, {
              checks: checks({ 'key-policy': 'fail' }),
            }),
            cluster('d2', D3_REFRESH_LINKS),
          ],
          D3_REFRESH_LINKS,
        ),
      );
      await expectConsistent('c');
      // a1 dropped p2 (still linked by c1, so kept) and now shares d2 with b3.
      const a = await store.getOwnerDetail([A]);
      expect(a.items.find(i => i.entityRef === ref('a1'))?.clusters).toBe(2);
      expect((await store.getOwnerDetail([A, C])).clusters).toBe(
        a.clusters + (await store.getOwnerDetail([C])).clusters,
      );
    });

    it('d. a refresh changes an entity’s owner', async () => {
      clock.set(D3_REFRESH_OWNER);
      await store.writeRunResults(
        refresh(
          entity(ref('b2'), C, ['d1']),
          [
            cluster('d1', D3_REFRESH_OWNER, {
              checks: checks({ 'key-rotation': 'fail' }),
            }),
          ],
          D3_REFRESH_OWNER,
        ),
      );
      // Read before what is stored: neither this evaluation nor these links
      // are written, and no rollup may move.
      const older = new Date(Date.parse(D3) - HOUR_MS).toISOString();
      const skipped = await store.writeRunResults({
        ...refresh(
          entity(ref('c1'), B, ['d1']),
          [
            cluster('d1', older, {
              checks: checks({ 'customer-managed-key': 'fail' }),
            }),
          ],
          D3_REFRESH_OWNER,
        ),
        linksReadAt: new Date(older),
      });
      expect(skipped).toMatchObject({ entities: 0, olderSkipped: 1 });
      await expectConsistent('d');
      // d1 is now linked from b (b1) and c (b2): it counts for both.
      const owners = await store.listOwners();
      expect(owners.find(o => o.ownerRef === C)?.entities).toBe(5);
    });

    it('e1. a refresh unlinks an entity from its only cluster', async () => {
      clock.set(D3_REFRESH_UNLINK);
      const summary = await store.writeRunResults(
        refresh(entity(ref('a4'), A, []), [], D3_REFRESH_UNLINK),
      );
      expect(summary.clustersRemoved).toBe(1);
      const expected = await expectConsistent('e1');
      expect(expected.findingsResolvedAs('unlinked')).toBe(1);
    });

    it('e2. day 4: a full run without a3 deletes it, a4 links p4 again', async () => {
      clock.set(D4);
      const summary = await store.writeRunResults(
        fullRun(
          entitiesDay4(),
          [
            cluster('p1', D4),
            cluster('p2', D4),
            cluster('p3', D4),
            cluster('p4', D4, {
              checks: withOwnershipTags(checks(), 'pass'),
            }),
            cluster('d1', D4, { checks: checks({ 'key-rotation': 'fail' }) }),
            cluster('d2', D4),
            cluster('nx', D4),
            cluster('d4', D4, {
              checks: withOwnershipTags(
                checks().filter(c => c.id !== 'envelope-encryption'),
                'pass',
              ),
            }),
          ],
          D4,
        ),
      );
      expect(summary.clustersRemoved).toBe(1);
      const expected = await expectConsistent('e2');
      expect(expected.listOwners().find(o => o.ownerRef === A)?.entities).toBe(
        3,
      );
    });

    it('e3. later full runs move b1 to another owner and back, its links unchanged', async () => {
      const runWith = (owner: string) =>
        store.writeRunResults(
          fullRun(
            entitiesDay4().map(e =>
              e.entityRef === ref('b1') ? { ...e, ownerRef: owner } : e,
            ),
            ['p1', 'p2', 'p3', 'p4', 'd1', 'd2', 'nx', 'd4'].map(name =>
              cluster(name, D4),
            ),
            D4,
          ),
        );
      await runWith(C);
      const expected = await expectConsistent('e3, b1 owned by c');
      const served = await store.getOwnerDetail([C]);
      expect(served.items.map(i => i.entityRef)).toContain(ref('b1'));
      expect(served.clusters).toBe(expected.ownerDetail([C]).clusters);

      await runWith(B);
      await expectConsistent('e3, b1 owned by b again');
    });

    it('f. pruning history removes old resolved findings and snapshots', async () => {
      const before = await oracle();
      const pruned = await store.pruneHistory(new Date(PRUNE_BEFORE));
      expect(pruned.findings).toBeGreaterThan(0);
      expect(pruned.snapshots).toBeGreaterThan(0);
      const expected = await expectConsistent('f');
      expect(expected.kpis().mttrHours).not.toBeNull();
      expect(expected.kpis().mttrHours).not.toBeCloseTo(
        before.kpis().mttrHours!,
      );
    });

    it('g. time passes staleAfter without a write', async () => {
      clock.set(D6_EARLY);
      const fresh = await expectConsistent('g, 47 hours');
      expect(fresh.kpis().compliantClusters).toBeGreaterThan(0);

      // Exactly staleAfter: not older than it yet.
      clock.set(new Date(Date.parse(D4) + STALE_AFTER_MS).toISOString());
      const boundary = await expectConsistent('g, 48 hours');
      expect(boundary.kpis().compliantClusters).toBe(
        fresh.kpis().compliantClusters,
      );

      clock.set(D7);
      const stale = await expectConsistent('g, 72 hours');
      expect(stale.kpis().compliantClusters).toBe(0);
      expect((await store.getKpis()).compliantClusters).toBe(0);
      expect(
        (await store.listOwners()).every(o => o.compliantEntities === 0),
      ).toBe(true);
    });

    it('h. the same data read for another set of owners', async () => {
      clock.set(D4);
      const expected = await oracle();
      for (const readable of [undefined, R1, R2]) {
        const options = readable ? { readable } : undefined;
        for (const ownerRefs of [[A, B], [A, C], [B, C], [A]]) {
          expectSame(
            `[h] getOwnerDetail([${ownerRefs}], ${describeReadable(readable)})`,
            await store.getOwnerDetail(ownerRefs, options),
            expected.ownerDetail(ownerRefs, readable),
          );
          expectSame(
            `[h] getKpis({ ownerRefs: [${ownerRefs}] }, ${describeReadable(
              readable,
            )})`,
            await store.getKpis({ ownerRefs, readable }),
            expected.kpis({ ownerRefs, readable }),
          );
        }
      }
      // A and C share no cluster any more (a1 dropped p2): the union is the sum.
      const a = await store.getOwnerDetail([A]);
      const c = await store.getOwnerDetail([C]);
      const ac = await store.getOwnerDetail([A, C]);
      expect(ac.clusters).toBe(a.clusters + c.clusters);
      // A and B share p1 and d2.
      const b = await store.getOwnerDetail([B]);
      const ab = await store.getOwnerDetail([A, B]);
      expect(ab.clusters).toBe(a.clusters + b.clusters - 2);
    });
  });
});
