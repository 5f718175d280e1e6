import { createBackend } from '@backstage/backend-defaults';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

// The module alone (`yarn start` in this folder): the repo's app-config.yaml (offline AWS
// snapshot, its example catalog locations, the eks-* checks), the real catalog, the EKS
// encryption backend, Tech Insights with the json-rules-engine checker, and every request
// made as a signed-in user, so `curl localhost:7007/api/tech-insights/checks` answers
// without a token.
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
backend.add(import('@backstage-community/plugin-tech-insights-backend'));
backend.add(
  import('@backstage-community/plugin-tech-insights-backend-module-jsonfc'),
);
backend.add(import('../src'));
backend.start();
