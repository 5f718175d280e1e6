import { createPermission } from '@backstage/plugin-permission-common';
import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';

/**
 * Re-evaluate one entity's clusters now.
 *
 * @public
 */
export const eksEncryptionRefreshPermission = createPermission({
  name: 'eks-encryption.refresh',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** @public */
export const eksEncryptionPermissions = [eksEncryptionRefreshPermission];
