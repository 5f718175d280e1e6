import type { Entity } from '@backstage/catalog-model';
import {
  createExtensionTester,
  mockApis,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen } from '@testing-library/react';
import { EKS_CLUSTER_ARN_ANNOTATION } from 'backstage-plugin-eks-encryption-common';
import { eksEncryptionApiRef } from '../api';
import { isEksEncryptionAvailable } from '../isEksEncryptionAvailable';
import { PAYMENTS_PROD_ARN, orgKpis } from '../__testUtils__/fixtures';
import { mockEksEncryptionApi } from '../__testUtils__/mockEksEncryptionApi';
import {
  eksEncryptionEntityCard,
  eksEncryptionOwnershipEntityCard,
  eksEncryptionPage,
  eksEncryptionPlugin,
} from './plugin';

function entity(kind: string, extra: Partial<Entity> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: 'example' },
    ...extra,
  };
}

const annotated = {
  metadata: {
    name: 'example',
    annotations: { [EKS_CLUSTER_ARN_ANNOTATION]: PAYMENTS_PROD_ARN },
  },
};

describe('eks-encryption new frontend system plugin', () => {
  it('has the API, both entity cards and the page', () => {
    expect(eksEncryptionPlugin.pluginId).toBe('eks-encryption');
    for (const id of [
      'api:eks-encryption',
      'entity-card:eks-encryption/scorecard',
      'entity-card:eks-encryption/ownership',
      'page:eks-encryption',
    ] as const) {
      expect(eksEncryptionPlugin.getExtension(id)).toBeDefined();
    }
  });

  it('shows the scorecard card on Components and Resources linked to clusters', () => {
    const filter = createExtensionTester(eksEncryptionEntityCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    );
    expect(filter).toBeDefined();
    expect(filter!(entity('Component', annotated))).toBe(true);
    expect(filter!(entity('Resource', annotated))).toBe(true);
    expect(
      filter!(entity('Resource', { spec: { type: 'kubernetes-cluster' } })),
    ).toBe(true);
    expect(filter!(entity('Component'))).toBe(false);
    expect(filter!(entity('System', annotated))).toBe(false);
    // Linked through a Resource it depends on.
    const dependsOn = (targetRef: string) =>
      entity('Component', {
        relations: [{ type: 'dependsOn', targetRef }],
      });
    expect(filter!(dependsOn('resource:default/orders-eks'))).toBe(true);
    expect(filter!(dependsOn('component:default/other'))).toBe(false);
    // The same decisions as the legacy system's isEksEncryptionAvailable.
    for (const candidate of [
      entity('Component', annotated),
      entity('Resource', { spec: { type: 'kubernetes-cluster' } }),
      dependsOn('resource:default/orders-eks'),
      dependsOn('component:default/other'),
      entity('Component'),
    ]) {
      expect(filter!(candidate)).toBe(isEksEncryptionAvailable(candidate));
    }
  });

  it('takes the scorecard card filter from app-config', () => {
    const filter = createExtensionTester(eksEncryptionEntityCard, {
      config: { filter: { kind: 'resource' } },
    }).get(EntityCardBlueprint.dataRefs.filterFunction);
    expect(filter!(entity('Resource'))).toBe(true);
    expect(filter!(entity('Component', annotated))).toBe(false);
  });

  it('shows the ownership card on Groups and Users', () => {
    const tester = createExtensionTester(eksEncryptionOwnershipEntityCard);
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction);
    expect(filter).toBeDefined();
    expect(filter!(entity('Group'))).toBe(true);
    expect(filter!(entity('User'))).toBe(true);
    expect(filter!(entity('Component'))).toBe(false);
    expect(tester.get(EntityCardBlueprint.dataRefs.type)).toBe('content');
  });

  it('renders the page content, unclaimed clusters included', async () => {
    const api = mockEksEncryptionApi();
    api.getKpis.mockResolvedValue(orgKpis);
    api.listOwners.mockResolvedValue([]);
    api.listClusters.mockResolvedValue({ items: [], totalCount: 0 });
    api.getDiscovery.mockResolvedValue({
      enabled: true,
      clusters: [],
      listings: [],
    });
    renderInTestApp(createExtensionTester(eksEncryptionPage).reactElement(), {
      apis: [
        [eksEncryptionApiRef, api],
        mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    expect(
      await screen.findAllByText('Production clusters compliant'),
    ).not.toHaveLength(0);
    expect(
      await screen.findByText('No cluster matches these filters.'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(/^No unclaimed clusters/),
    ).toBeInTheDocument();
    expect(api.getDiscovery).toHaveBeenCalledWith({ claimed: false });
  });
});
