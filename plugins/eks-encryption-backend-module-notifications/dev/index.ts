import { createBackend } from '@backstage/backend-defaults';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

// The module alone (`yarn start` in this folder): the repo's app-config.yaml (offline AWS
// snapshot, its example catalog locations, the platform group), the real catalog (owners
// and group members are resolved through it), the EKS encryption backend, the
// notifications backend, and every request made as user:default/guest, a member of
// group:default/platform in examples/org.yaml, so
// `curl localhost:7007/api/notifications/notifications` shows the platform alerts.
const backend = createBackend();
backend.add(mockServices.auth.factory());
backend.add(
  mockServices.httpAuth.factory({
    defaultCredentials: mockCredentials.user('user:default/guest'),
  }),
);
// The notifications backend asks who the caller is; the mock reads it from the credentials.
backend.add(mockServices.userInfo.factory());
backend.add(
  mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
);
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('backstage-plugin-eks-encryption-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('../src'));
backend.start();
