export { eksEncryptionApiRef } from './EksEncryptionApi';
export type {
  ClusterListQuery,
  EksEncryptionApi,
  EntityRefInput,
  OwnerQuery,
} from './EksEncryptionApi';
export { EksEncryptionClient } from './EksEncryptionClient';
export type * from './types';
