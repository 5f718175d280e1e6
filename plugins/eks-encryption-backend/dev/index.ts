import { createBackend } from '@backstage/backend-defaults';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { exampleCatalog } from '../src/__testUtils__/exampleCatalog';

// The plugin alone (`yarn start` in this folder): the repo's app-config.yaml (offline
// AWS snapshot), the demo catalog in memory, and every request made as a signed-in
// user, so `curl localhost:7007/api/eks-encryption/v1/kpis` answers without a token.
const backend = createBackend();
backend.add(catalogServiceMock.factory({ entities: exampleCatalog() }));
backend.add(mockServices.auth.factory());
backend.add(
  mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.user() }),
);
backend.add(
  mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
);
backend.add(import('../src'));
backend.start();
