import { usePermission } from '@backstage/plugin-permission-react';
import { eksEncryptionUnclaimedReadPermission } from 'backstage-plugin-eks-encryption-common';

/**
 * Whether the user may see clusters no catalog entity claims; false while the
 * permission is being asked, so nothing flashes up and no request is sent for
 * users who would get a 403.
 */
export function useCanReadUnclaimed(): boolean {
  const { allowed } = usePermission({
    permission: eksEncryptionUnclaimedReadPermission,
  });
  return allowed;
}
