import { createBackend } from '@backstage/backend-defaults';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

// The module alone (`yarn start` in this folder): the repo's app-config.yaml (offline AWS
// snapshot with discovery on, its example catalog locations) and dev/app-config.yaml
// (the provider on), the real catalog, the EKS encryption backend, and every request
// made as a signed-in user, so
// `curl 'localhost:7007/api/catalog/entities?filter=kind=resource'` answers without a token.
const backend = createBackend();
backend.add(mockServices.auth.factory());
backend.add(
  mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.user() }),
);
backend.add(
  mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
);
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('backstage-plugin-eks-encryption-backend'));
backend.add(import('../src'));
backend.start();
