import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { EksEncryptionClient, eksEncryptionApiRef } from './api';
import { rootRouteRef } from './routes';

/**
 * The EKS Secrets encryption frontend plugin (legacy frontend system).
 *
 * @public
 */
export const eksEncryptionPlugin = createPlugin({
  id: 'eks-encryption',
  apis: [
    createApiFactory({
      api: eksEncryptionApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new EksEncryptionClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
  },
});

/**
 * Scorecard card for Component and Resource pages.
 *
 * @public
 */
export const EntityEksEncryptionCard = eksEncryptionPlugin.provide(
  createComponentExtension({
    name: 'EntityEksEncryptionCard',
    component: {
      lazy: () =>
        import('./components/EntityEksEncryptionCard').then(
          m => m.EntityEksEncryptionCard,
        ),
    },
  }),
);

/**
 * Rollup card for Group and User pages.
 *
 * @public
 */
export const EntityEksEncryptionOwnershipCard = eksEncryptionPlugin.provide(
  createComponentExtension({
    name: 'EntityEksEncryptionOwnershipCard',
    component: {
      lazy: () =>
        import('./components/EntityEksEncryptionOwnershipCard').then(
          m => m.EntityEksEncryptionOwnershipCard,
        ),
    },
  }),
);

/**
 * The organisation page: KPIs, trend, owners and clusters.
 *
 * @public
 */
export const EksEncryptionPage = eksEncryptionPlugin.provide(
  createRoutableExtension({
    name: 'EksEncryptionPage',
    component: () =>
      import('./components/EksEncryptionPage').then(m => m.EksEncryptionPage),
    mountPoint: rootRouteRef,
  }),
);
