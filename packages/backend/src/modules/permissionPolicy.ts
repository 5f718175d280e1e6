import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { eksEncryptionUnclaimedReadPermission } from 'backstage-plugin-eks-encryption-common';

const PLATFORM_TEAM = 'group:default/platform';

/**
 * The example app's policy: everything is allowed, except that only members of
 * the platform team see the clusters nobody in the catalog claims.
 */
class ExamplePolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (request.permission.name === eksEncryptionUnclaimedReadPermission.name) {
      const platform = user?.info.ownershipEntityRefs.includes(PLATFORM_TEAM);
      return {
        result: platform ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
      };
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'example-policy',
  register(env) {
    env.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new ExamplePolicy());
      },
    });
  },
});
