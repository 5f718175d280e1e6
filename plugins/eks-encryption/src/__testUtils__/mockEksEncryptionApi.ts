import type { EksEncryptionApi } from '../api';
import { checkDefinitions } from './fixtures';

/**
 * An {@link EksEncryptionApi} whose every method is a `jest.fn()` to program
 * per test; `listChecks` answers the built-in checks unless told otherwise.
 */
export function mockEksEncryptionApi(): jest.Mocked<EksEncryptionApi> {
  return {
    getEntityScorecard: jest.fn(),
    listEntityScorecards: jest.fn(),
    listClusters: jest.fn(),
    listOwners: jest.fn(),
    listChecks: jest.fn().mockResolvedValue(checkDefinitions),
    getOwner: jest.fn(),
    getKpis: jest.fn(),
    getDiscovery: jest.fn(),
    refresh: jest.fn(),
    getRun: jest.fn(),
  };
}
