import type { Knex } from 'knex';
import type { ClusterEvaluation } from 'backstage-plugin-eks-encryption-common';
import { createStoreTestDatabases } from '../__testUtils__/databases';
import type { EksEncryptionStore } from './EksEncryptionStore';
import {
  TestClock,
  createTestStore,
  evaluation,
  fullRun,
} from './__testUtils__/storeFixtures';

/*
 * Unclaimed clusters follow the staleness rule of every other read: evidence past
 * staleAfter no longer counts as compliant, in the list and in the KPI counts.
 */

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 1);
const at = (hours: number) => new Date(T0 + hours * HOUR).toISOString();

describe('discovered clusters', () => {
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

    /** A full run at `hours` whose listing finds `found`, claimed by no entity. */
    function unclaimedRun(hours: number, found: ClusterEvaluation) {
      return store.writeRunResults({
        ...fullRun([], [], at(hours)),
        discovery: {
          listings: [
            {
              accountId: found.accountId,
              region: found.region,
              complete: true,
            },
          ],
          clusters: [
            {
              arn: found.arn,
              accountId: found.accountId,
              region: found.region,
              name: found.name,
              claimed: false,
              evaluation: found,
            },
          ],
        },
      });
    }

    it('counts an unclaimed cluster compliant only while its evidence is fresh', async () => {
      await unclaimedRun(
        0,
        evaluation('orphan', { environment: 'production', evaluatedAt: at(0) }),
      );
      const verdicts = async () =>
        (await store.getDiscovery({ claimed: false })).clusters.map(
          c => c.verdict,
        );
      expect(await verdicts()).toEqual(['compliant']);
      expect(await store.getUnclaimedKpis()).toEqual({
        productionClusters: 1,
        compliantProductionClusters: 1,
      });

      // A later run that cannot read it keeps the evidence (and its age).
      await unclaimedRun(
        1,
        evaluation('orphan', {
          error: 'eks:DescribeCluster denied',
          evaluatedAt: at(1),
        }),
      );
      expect(await verdicts()).toEqual(['compliant']);

      clock.set(at(4));
      expect(await verdicts()).toEqual(['incomplete']);
      expect(await store.getUnclaimedKpis()).toEqual({
        productionClusters: 1,
        compliantProductionClusters: 0,
      });
    });
  });
});
