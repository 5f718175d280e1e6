import { mockServices } from '@backstage/backend-test-utils';
import {
  makeValidator,
  resourceEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import { discoveredEntities } from './discoveredEntities';
import {
  discoveredCluster,
  DISCOVERY,
  LEGACY_ARN,
  PAYMENTS_ARN,
} from './__testUtils__/fixtures';

const OWNER_FALLBACK = 'group:default/unknown';

function build(clusters = DISCOVERY.clusters) {
  const logger = mockServices.logger.mock();
  const entities = discoveredEntities(clusters, {
    ownerFallback: OWNER_FALLBACK,
    logger,
  });
  return { entities, logger };
}

describe('discoveredEntities', () => {
  it('emits every cluster, claimed or not, as a valid kubernetes-cluster Resource', async () => {
    const { entities } = build();
    expect(entities).toHaveLength(2);
    const validators = makeValidator();
    for (const { entity } of entities) {
      expect(await resourceEntityV1alpha1Validator.check(entity)).toBe(true);
      expect(validators.isValidEntityName(entity.metadata.name)).toBe(true);
      for (const [key, value] of Object.entries(entity.metadata.labels!)) {
        expect(validators.isValidLabelKey(key)).toBe(true);
        expect(validators.isValidLabelValue(value)).toBe(true);
      }
      for (const key of Object.keys(entity.metadata.annotations!)) {
        expect(validators.isValidAnnotationKey(key)).toBe(true);
      }
    }
  });

  it('describes the cluster and where it comes from', () => {
    const [payments] = build().entities;
    expect(payments).toEqual({
      locationKey: `eks-encryption-discovery:${PAYMENTS_ARN}`,
      entity: {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: {
          name: 'eks.123456789012.eu-west-1.payments',
          namespace: 'default',
          title: 'payments',
          description:
            'EKS cluster payments in AWS account 123456789012, region eu-west-1, found by the EKS Secrets encryption discovery.',
          annotations: {
            'backstage.io/managed-by-location': `eks-encryption-discovery:${PAYMENTS_ARN}`,
            'backstage.io/managed-by-origin-location': `eks-encryption-discovery:${PAYMENTS_ARN}`,
            'amazonaws.com/arn': PAYMENTS_ARN,
            'amazonaws.com/account-id': '123456789012',
          },
          labels: {
            'amazonaws.com/account-id': '123456789012',
            'amazonaws.com/region': 'eu-west-1',
          },
        },
        spec: { type: 'kubernetes-cluster', owner: 'group:default/payments' },
      },
    });
  });

  it('gives a cluster without ownerRef the fallback owner, whatever its owner tag', () => {
    const legacy = build().entities[1].entity;
    expect(legacy.metadata.annotations!['amazonaws.com/arn']).toBe(LEGACY_ARN);
    expect(legacy.spec!.owner).toBe(OWNER_FALLBACK);
  });

  it('gives the fallback owner, with a warning, for an ownerRef that is no entity ref', () => {
    const { entities, logger } = build([
      discoveredCluster(PAYMENTS_ARN, { ownerRef: 'not a ref' }),
    ]);
    expect(entities[0].entity.spec!.owner).toBe(OWNER_FALLBACK);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining("has owner 'not a ref'"),
    );
  });

  it('leaves out, with a warning, a cluster whose ARN is not an EKS cluster ARN', () => {
    const { entities, logger } = build([
      discoveredCluster('arn:aws:eks:eu-west-1:123:cluster/short-account'),
      discoveredCluster(PAYMENTS_ARN),
    ]);
    expect(entities.map(e => e.entity.metadata.title)).toEqual(['payments']);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('must be 12 digits'),
    );
  });

  it('emits a cluster listed twice once', () => {
    const { entities, logger } = build([
      discoveredCluster(PAYMENTS_ARN),
      discoveredCluster(PAYMENTS_ARN, { ownerRef: 'group:default/other' }),
    ]);
    expect(entities).toHaveLength(1);
    expect(logger.warn).not.toHaveBeenCalled();
  });
});
