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

/**
 * See clusters nobody in the catalog claims (found by discovery): the unclaimed
 * clusters view, `GET /v1/discovery` and the unclaimed counts of the KPIs.
 *
 * @public
 */
export const eksEncryptionUnclaimedReadPermission = createPermission({
  name: 'eks-encryption.unclaimed.read',
  attributes: { action: 'read' },
});

/** @public */
export const eksEncryptionPermissions = [
  eksEncryptionRefreshPermission,
  eksEncryptionUnclaimedReadPermission,
];
