import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { RiLockLine } from '@remixicon/react';
import { EksEncryptionClient, eksEncryptionApiRef } from '../api';
import {
  EKS_CLUSTER_ARN_ANNOTATION,
  KUBERNETES_CLUSTER_RESOURCE_TYPE,
} from 'backstage-plugin-eks-encryption-common';
import { rootRouteRef } from '../routes';

/** @alpha */
export const eksEncryptionApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: eksEncryptionApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new EksEncryptionClient({ discoveryApi, fetchApi }),
    }),
});

/** @alpha */
export const eksEncryptionEntityCard = EntityCardBlueprint.make({
  name: 'scorecard',
  params: {
    // Components and Resources that name a cluster, are a `kubernetes-cluster`
    // Resource, or depend on a Resource (as isEksEncryptionAvailable decides for the
    // legacy system). Declarative, so app-config can override it:
    // app.extensions: [{ entity-card:eks-encryption/scorecard: { config: { filter: … } } }]
    filter: {
      $all: [
        { kind: { $in: ['component', 'resource'] } },
        {
          $any: [
            {
              [`metadata.annotations.${EKS_CLUSTER_ARN_ANNOTATION}`]: {
                $exists: true,
              },
            },
            { kind: 'resource', 'spec.type': KUBERNETES_CLUSTER_RESOURCE_TYPE },
            {
              relations: {
                $contains: {
                  type: 'dependsOn',
                  targetRef: { $hasPrefix: 'resource:' },
                },
              },
            },
          ],
        },
      ],
    },
    loader: () =>
      import('../components/EntityEksEncryptionCard').then(m => (
        <m.EntityEksEncryptionCard />
      )),
  },
});

/** @alpha */
export const eksEncryptionOwnershipEntityCard = EntityCardBlueprint.make({
  name: 'ownership',
  params: {
    filter: { kind: { $in: ['group', 'user'] } },
    // The wide main column of the entity page; the blueprint has no
    // full-width type, and 'info' would squeeze the tables into the sidebar.
    type: 'content',
    loader: () =>
      import('../components/EntityEksEncryptionOwnershipCard').then(m => (
        <m.EntityEksEncryptionOwnershipCard />
      )),
  },
});

/** @alpha */
export const eksEncryptionPage = PageBlueprint.make({
  params: {
    path: '/eks-encryption',
    title: 'EKS Encryption',
    icon: <RiLockLine size="1em" aria-hidden />,
    routeRef: rootRouteRef,
    loader: () =>
      import('../components/EksEncryptionPage/EksEncryptionPageContent').then(
        m => <m.EksEncryptionPageContent />,
      ),
  },
});

/**
 * The EKS Secrets encryption plugin for the new frontend system.
 *
 * @alpha
 */
export const eksEncryptionPlugin = createFrontendPlugin({
  pluginId: 'eks-encryption',
  title: 'EKS Encryption',
  icon: <RiLockLine size="1em" aria-hidden />,
  info: { packageJson: () => import('../../package.json') },
  routes: { root: rootRouteRef },
  extensions: [
    eksEncryptionApi,
    eksEncryptionEntityCard,
    eksEncryptionOwnershipEntityCard,
    eksEncryptionPage,
  ],
});
