import { createStoreTestDatabases } from '../__testUtils__/databases';
import {
  createTestStore,
  entity,
  evaluation,
  fullRun,
  refresh,
  TEAM_A,
  TEAM_B,
} from './__testUtils__/storeFixtures';
import { ReadCoverage, type Coverage } from './readCoverage';

jest.setTimeout(60_000);

const A1 = 'component:default/a1';
const A2 = 'component:default/a2';

describe('ReadCoverage', () => {
  const databases = createStoreTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    it('reads again with a new coverage when a write landed since the kept one', async () => {
      const knex = await databases.init(databaseId);
      const store = await createTestStore(knex);
      await store.writeRunResults(
        fullRun(
          [entity(A1, TEAM_A, ['c1']), entity(A2, TEAM_B, ['c1'])],
          [evaluation('c1')],
        ),
      );
      const coverage = new ReadCoverage();
      const readable = new Set([A1]);
      const owners = (c: Coverage) => ({
        full: [...c.fullyReadable],
        part: [...c.partlyReadable],
      });

      const first: Coverage[] = [];
      await coverage.read(knex, readable, async c => first.push(c));
      expect(first.map(owners)).toEqual([{ full: [TEAM_A], part: [] }]);

      // a2 moves to team-a: team-a is now read only in part.
      await store.writeRunResults(refresh(entity(A2, TEAM_A, ['c1']), []));
      const second: Coverage[] = [];
      const served = await coverage.read(knex, readable, async c => {
        second.push(c);
        return owners(c);
      });
      expect(served).toEqual({ full: [], part: [TEAM_A] });
      // The kept coverage was tried first, and its answer dropped.
      expect(second.map(owners)).toEqual([
        { full: [TEAM_A], part: [] },
        { full: [], part: [TEAM_A] },
      ]);

      // Nothing written since: the kept coverage serves at once.
      const third: Coverage[] = [];
      await coverage.read(knex, readable, async c => third.push(c));
      expect(third).toEqual([second[1]]);
    });
  });
});
