import type { EksEncryptionApi } from '../src/api';
import {
  buildClusterItem,
  buildOwnerDetail,
  buildRun,
  checkDefinitions,
  compliantCluster,
  compliantScorecard,
  incompleteCluster,
  nonCompliantCluster,
  orgKpis,
  ownerRollups,
  unclaimedClusters,
} from '../src/__testUtils__/fixtures';

const clusters = [compliantCluster, nonCompliantCluster, incompleteCluster].map(
  c => buildClusterItem(c),
);

/** The plugin's API answered from the test fixtures: the dev app needs no backend. */
export const fixtureEksEncryptionApi: EksEncryptionApi = {
  getEntityScorecard: async () => compliantScorecard,
  listEntityScorecards: async () => ({ items: [compliantScorecard] }),
  listClusters: async () => ({ items: clusters, totalCount: clusters.length }),
  listOwners: async () => ownerRollups,
  listChecks: async () => checkDefinitions,
  getOwner: async () => buildOwnerDetail([]),
  getKpis: async () => ({
    ...orgKpis,
    unclaimed: { productionClusters: 1, compliantProductionClusters: 0 },
  }),
  getDiscovery: async () => ({
    enabled: true,
    clusters: unclaimedClusters,
    listings: [
      {
        accountId: '444455556666',
        region: 'eu-west-1',
        listedAt: new Date().toISOString(),
        complete: false,
        reason: 'eks:ListClusters denied in account 444455556666',
      },
    ],
  }),
  refresh: async () => buildRun(),
  getRun: async () => buildRun({ status: 'succeeded' }),
};
