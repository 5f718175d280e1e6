import { Entity, RELATION_DEPENDS_ON } from '@backstage/catalog-model';
import { EKS_CLUSTER_ARN_ANNOTATION } from 'backstage-plugin-eks-encryption-common';
import { isEksEncryptionAvailable } from './isEksEncryptionAvailable';

function entity(kind: string, extra: Partial<Entity> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: 'example' },
    ...extra,
  };
}

describe('isEksEncryptionAvailable', () => {
  it('is true with the cluster ARN annotation', () => {
    expect(
      isEksEncryptionAvailable(
        entity('Component', {
          metadata: {
            name: 'example',
            annotations: {
              [EKS_CLUSTER_ARN_ANNOTATION]:
                'arn:aws:eks:eu-west-1:111122223333:cluster/prod',
            },
          },
        }),
      ),
    ).toBe(true);
  });

  it('is true for a kubernetes-cluster Resource', () => {
    expect(
      isEksEncryptionAvailable(
        entity('Resource', { spec: { type: 'kubernetes-cluster' } }),
      ),
    ).toBe(true);
    expect(
      isEksEncryptionAvailable(
        entity('Resource', { spec: { type: 'database' } }),
      ),
    ).toBe(false);
  });

  it('is true for an entity that depends on a Resource', () => {
    expect(
      isEksEncryptionAvailable(
        entity('Component', {
          relations: [
            { type: RELATION_DEPENDS_ON, targetRef: 'resource:default/prod' },
          ],
        }),
      ),
    ).toBe(true);
  });

  it('is false for other relations and for an empty annotation', () => {
    expect(
      isEksEncryptionAvailable(
        entity('Component', {
          metadata: {
            name: 'example',
            annotations: { [EKS_CLUSTER_ARN_ANNOTATION]: '' },
          },
          relations: [
            { type: RELATION_DEPENDS_ON, targetRef: 'component:default/db' },
            { type: 'ownedBy', targetRef: 'group:default/team' },
          ],
        }),
      ),
    ).toBe(false);
  });
});
