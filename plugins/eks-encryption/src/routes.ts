import { createRouteRef } from '@backstage/core-plugin-api';

/** The org-wide EKS Secrets encryption page. */
export const rootRouteRef = createRouteRef({
  id: 'eks-encryption',
});
