import { createPlugin } from '@backstage/core-plugin-api';

/**
 * The EKS Secrets encryption frontend plugin (legacy frontend system).
 *
 * @public
 */
export const eksEncryptionPlugin = createPlugin({
  id: 'eks-encryption',
});
