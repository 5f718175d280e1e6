import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { OwnerHierarchy } from './OwnerHierarchy';

function group(
  name: string,
  children: string[],
  parentOf: string[] = [],
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children },
    relations: parentOf.map(targetRef => ({ type: 'parentOf', targetRef })),
  };
}

describe('OwnerHierarchy', () => {
  const credentials = mockCredentials.user();

  it('expands children from spec.children and parentOf, breadth-first, once each', async () => {
    const owners = new OwnerHierarchy(
      catalogServiceMock({
        entities: [
          group('org', ['eng'], ['group:default/sales']),
          group('eng', ['backend', 'org']),
          group('sales', []),
          group('backend', []),
        ],
      }),
    );

    await expect(
      owners.withChildren('group:default/org', credentials),
    ).resolves.toEqual([
      'group:default/org',
      'group:default/sales',
      'group:default/eng',
      'group:default/backend',
    ]);
  });

  it('expands nothing for a user or an unknown group', async () => {
    const owners = new OwnerHierarchy(catalogServiceMock({ entities: [] }));

    await expect(
      owners.withChildren('user:default/jane', credentials),
    ).resolves.toEqual(['user:default/jane']);
    await expect(
      owners.withChildren('group:default/ghost', credentials),
    ).resolves.toEqual(['group:default/ghost']);
  });
});
