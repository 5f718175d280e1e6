import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { eksEncryptionUnclaimedReadPermission } from 'backstage-plugin-eks-encryption-common';

/**
 * Who may see unclaimed clusters (`eks-encryption.unclaimed.read`): they are
 * behind no catalog entity, so catalog read access cannot decide it.
 */
export class UnclaimedAccess {
  constructor(private readonly permissions: PermissionsService) {}

  async canRead(credentials: BackstageCredentials): Promise<boolean> {
    const [decision] = await this.permissions.authorize(
      [{ permission: eksEncryptionUnclaimedReadPermission }],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  }
}
