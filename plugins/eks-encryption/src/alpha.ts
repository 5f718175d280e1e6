import { createFrontendPlugin } from '@backstage/frontend-plugin-api';

/**
 * The EKS Secrets encryption plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'eks-encryption',
  extensions: [],
});
