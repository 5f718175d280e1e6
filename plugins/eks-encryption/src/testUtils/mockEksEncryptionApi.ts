import type { EksEncryptionApi } from '../api';

/** An {@link EksEncryptionApi} whose every method is a `jest.fn()` to program per test. */
export function mockEksEncryptionApi(): jest.Mocked<EksEncryptionApi> {
  return {
    getEntityScorecard: jest.fn(),
    listEntityScorecards: jest.fn(),
    listClusters: jest.fn(),
    listOwners: jest.fn(),
    getOwner: jest.fn(),
    getKpis: jest.fn(),
    refresh: jest.fn(),
    getRun: jest.fn(),
  };
}
