import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { LINK_FIELDS } from './annotations';
import { CatalogLinkCollector } from './CatalogLinkCollector';

const ARN_A = 'arn:aws:eks:eu-west-1:111122223333:cluster/alpha';
const ARN_B = 'arn:aws:eks:us-east-1:111122223333:cluster/bravo';
const ARN_C = 'arn:aws:eks:eu-west-1:444455556666:cluster/charlie';
const NOW = new Date('2025-06-01T00:00:00Z');

function entity(
  kind: string,
  name: string,
  options: {
    annotations?: Record<string, string>;
    spec?: JsonObject;
    dependsOn?: string[];
    ownedBy?: string;
  } = {},
): Entity {
  const relations = [
    ...(options.dependsOn ?? []).map(targetRef => ({
      type: 'dependsOn',
      targetRef,
    })),
    ...(options.ownedBy
      ? [{ type: 'ownedBy', targetRef: options.ownedBy }]
      : []),
  ];
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: {
      name,
      namespace: 'default',
      annotations: options.annotations ?? {},
    },
    spec: options.spec ?? {},
    relations,
  };
}

function collector(entities: Entity[]) {
  const catalog = catalogServiceMock({ entities });
  return {
    catalog,
    links: new CatalogLinkCollector({
      catalog,
      auth: mockServices.auth(),
      now: () => NOW,
    }),
  };
}

describe('CatalogLinkCollector', () => {
  it('links annotated entities and keeps bad tokens away from the targets', async () => {
    const { links } = collector([
      entity('Component', 'payments', {
        annotations: {
          'aws.amazon.com/amazon-eks-cluster-arn': `${ARN_A}, arn:aws:s3:::bucket ${ARN_B}`,
        },
        spec: { owner: 'team-a' },
      }),
      entity('Component', 'unlinked', { spec: { owner: 'team-a' } }),
    ]);

    const result = await links.collectAll();

    expect(result.entities).toEqual([
      {
        entityRef: 'component:default/payments',
        ownerRef: 'group:default/team-a',
        clusterArns: [ARN_A, ARN_B],
        annotationErrors: [
          { token: 'arn:aws:s3:::bucket', reason: expect.any(String) },
        ],
      },
    ]);
    expect(result.targets.map(t => t.cluster.arn)).toEqual([ARN_A, ARN_B]);
  });

  it('reports an annotation with only bad tokens on the entity without a target', async () => {
    const { links } = collector([
      entity('Component', 'typo', {
        annotations: { 'aws.amazon.com/amazon-eks-cluster-arn': 'not-an-arn' },
        ownedBy: 'group:default/team-b',
      }),
    ]);

    const result = await links.collectAll();

    expect(result.targets).toEqual([]);
    expect(result.entities).toEqual([
      {
        entityRef: 'component:default/typo',
        ownerRef: 'group:default/team-b',
        clusterArns: [],
        annotationErrors: [{ token: 'not-an-arn', reason: expect.any(String) }],
      },
    ]);
  });

  it('inherits the clusters of Resources an entity depends on', async () => {
    const { links } = collector([
      entity('Resource', 'eks-alpha', {
        annotations: { 'amazonaws.com/arn': ARN_A },
        spec: { type: 'kubernetes-cluster', owner: 'group:default/platform' },
      }),
      entity('Resource', 'eks-bravo', {
        annotations: { 'aws.amazon.com/amazon-eks-cluster-arn': ARN_B },
        spec: { type: 'database', owner: 'platform' },
      }),
      entity('Resource', 'bucket', {
        annotations: { 'amazonaws.com/arn': 'arn:aws:s3:::logs' },
        spec: { type: 's3-bucket', owner: 'platform' },
      }),
      entity('Component', 'checkout', {
        dependsOn: ['resource:default/eks-alpha', 'resource:default/bucket'],
        spec: { owner: 'user:jane' },
      }),
      entity('Component', 'search', {
        dependsOn: ['resource:default/eks-bravo'],
        annotations: { 'aws.amazon.com/amazon-eks-cluster-arn': ARN_C },
        spec: { owner: 'group:search/team-s' },
      }),
    ]);

    const result = await links.collectAll();

    expect(result.entities).toEqual([
      {
        entityRef: 'component:default/checkout',
        ownerRef: 'user:default/jane',
        clusterArns: [ARN_A],
        annotationErrors: [],
      },
      {
        entityRef: 'component:default/search',
        ownerRef: 'group:search/team-s',
        clusterArns: [ARN_C, ARN_B],
        annotationErrors: [],
      },
      // Carries the annotation itself, so it has a scorecard whatever its type.
      {
        entityRef: 'resource:default/eks-alpha',
        ownerRef: 'group:default/platform',
        clusterArns: [ARN_A],
        annotationErrors: [],
      },
      {
        entityRef: 'resource:default/eks-bravo',
        ownerRef: 'group:default/platform',
        clusterArns: [ARN_B],
        annotationErrors: [],
      },
    ]);
    expect(result.targets.map(t => t.cluster.arn)).toEqual([
      ARN_A,
      ARN_C,
      ARN_B,
    ]);
  });

  it('names every entity and Resource that links a cluster in its target', async () => {
    const { links } = collector([
      entity('Resource', 'eks-alpha', {
        annotations: {
          'amazonaws.com/arn': ARN_A,
          'aws.amazon.com/eks-secrets-rewritten-at': '2025-03-01',
        },
        spec: { type: 'other', owner: 'platform' },
      }),
      entity('Component', 'one', {
        dependsOn: ['resource:default/eks-alpha'],
        annotations: {
          'aws.amazon.com/eks-secrets-rewritten-at': '2025-04-15T10:00:00Z',
        },
        spec: { owner: 'platform' },
      }),
      entity('Component', 'two', {
        annotations: {
          'aws.amazon.com/amazon-eks-cluster-arn': `${ARN_A} ${ARN_B}`,
          'aws.amazon.com/eks-secrets-rewritten-at': 'last tuesday',
        },
      }),
      entity('Component', 'three', {
        annotations: {
          'aws.amazon.com/amazon-eks-cluster-arn': ARN_B,
          'aws.amazon.com/eks-secrets-rewritten-at': '2030-01-01',
        },
        ownedBy: 'group:default/team-b',
      }),
    ]);

    const result = await links.collectAll();

    expect(result.targets).toEqual([
      {
        cluster: expect.objectContaining({ arn: ARN_A }),
        namedBy: [
          {
            entityRef: 'component:default/one',
            ownerRef: 'group:default/platform',
            secretsRewrittenAt: '2025-04-15T10:00:00.000Z',
          },
          { entityRef: 'component:default/two' },
          // The Resource names the cluster without a scorecard of its own.
          {
            entityRef: 'resource:default/eks-alpha',
            ownerRef: 'group:default/platform',
            secretsRewrittenAt: '2025-03-01T00:00:00.000Z',
          },
        ],
      },
      {
        cluster: expect.objectContaining({ arn: ARN_B }),
        namedBy: [
          {
            entityRef: 'component:default/three',
            ownerRef: 'group:default/team-b',
          },
          { entityRef: 'component:default/two' },
        ],
      },
    ]);
    const byRef = Object.fromEntries(
      result.entities.map(e => [e.entityRef, e]),
    );
    expect(byRef['component:default/one'].secretsRewrittenAt).toBe(
      '2025-04-15T10:00:00.000Z',
    );
    expect(byRef['component:default/two'].annotationErrors).toEqual([
      { token: 'last tuesday', reason: expect.stringContaining('ISO 8601') },
    ]);
    expect(byRef['component:default/two']).not.toHaveProperty(
      'secretsRewrittenAt',
    );
    expect(byRef['component:default/three'].annotationErrors).toEqual([
      { token: '2030-01-01', reason: expect.stringContaining('future') },
    ]);
  });

  it('names a cluster once per entity, even when linked twice', async () => {
    const { links } = collector([
      entity('Resource', 'eks-alpha', {
        annotations: {
          'amazonaws.com/arn': ARN_A,
          'aws.amazon.com/amazon-eks-cluster-arn': ARN_A,
        },
        spec: { type: 'kubernetes-cluster', owner: 'platform' },
        dependsOn: ['resource:default/eks-alpha'],
      }),
    ]);

    const result = await links.collectAll();

    expect(result.targets).toEqual([
      {
        cluster: expect.objectContaining({ arn: ARN_A }),
        namedBy: [
          {
            entityRef: 'resource:default/eks-alpha',
            ownerRef: 'group:default/platform',
          },
        ],
      },
    ]);
  });

  it('keeps at most 20 annotation errors per entity, then counts the rest', async () => {
    const bad = Array.from({ length: 300 }, (_, i) => `bad-${i}`).join(' ');
    const { links } = collector([
      entity('Component', 'hostile', {
        annotations: {
          'aws.amazon.com/amazon-eks-cluster-arn': `${bad} ${ARN_A}`,
          'aws.amazon.com/eks-secrets-rewritten-at': 'soon',
        },
      }),
    ]);

    const [hostile] = (await links.collectAll()).entities;

    expect(hostile.clusterArns).toEqual([ARN_A]);
    expect(hostile.annotationErrors).toHaveLength(21);
    expect(hostile.annotationErrors[0].token).toBe('bad-0');
    expect(hostile.annotationErrors[20]).toEqual({
      token: '…',
      reason: 'and 281 more invalid tokens, not listed',
    });
  });

  describe('allowedAccounts', () => {
    const DISALLOWED = 'arn:aws:eks:eu-west-1:999988887777:cluster/rogue';
    const allowed = ['111122223333'];
    const catalogEntities = () => [
      entity('Component', 'direct', {
        annotations: {
          'aws.amazon.com/amazon-eks-cluster-arn': `${DISALLOWED} ${ARN_A}`,
        },
        spec: { owner: 'team-a' },
      }),
      entity('Resource', 'rogue-eks', {
        annotations: { 'amazonaws.com/arn': DISALLOWED },
        spec: { type: 'kubernetes-cluster', owner: 'platform' },
      }),
      entity('Component', 'dependent', {
        dependsOn: ['resource:default/rogue-eks'],
        spec: { owner: 'team-a' },
      }),
    ];
    const NOT_ALLOWED = {
      token: DISALLOWED,
      reason:
        'account 999988887777 is not in eksEncryption.aws.allowedAccounts',
    };
    const NOT_INHERITED = {
      token: DISALLOWED,
      reason:
        'resource:default/rogue-eks, which this entity depends on, names a cluster in account 999988887777, which is not in eksEncryption.aws.allowedAccounts; it is not inherited',
    };

    function allowing(entities: Entity[]) {
      const catalog = catalogServiceMock({ entities });
      return new CatalogLinkCollector({
        catalog,
        auth: mockServices.auth(),
        allowedAccounts: allowed,
        now: () => NOW,
      });
    }

    it('reports a cluster in another account on the entity naming it, and never targets it', async () => {
      const result = await allowing(catalogEntities()).collectAll();

      expect(result.targets.map(t => t.cluster.arn)).toEqual([ARN_A]);
      expect(result.entities).toEqual([
        {
          entityRef: 'component:default/dependent',
          ownerRef: 'group:default/team-a',
          clusterArns: [],
          annotationErrors: [NOT_INHERITED],
        },
        {
          entityRef: 'component:default/direct',
          ownerRef: 'group:default/team-a',
          clusterArns: [ARN_A],
          annotationErrors: [NOT_ALLOWED],
        },
        {
          entityRef: 'resource:default/rogue-eks',
          ownerRef: 'group:default/platform',
          clusterArns: [],
          annotationErrors: [NOT_ALLOWED],
        },
      ]);
    });

    it('does the same for a refresh of one entity', async () => {
      const links = allowing(catalogEntities());

      await expect(
        links.collectEntity('component:default/dependent'),
      ).resolves.toEqual({
        entities: [
          {
            entityRef: 'component:default/dependent',
            ownerRef: 'group:default/team-a',
            clusterArns: [],
            annotationErrors: [NOT_INHERITED],
          },
        ],
        targets: [],
      });
      await expect(
        links.collectEntity('component:default/direct'),
      ).resolves.toEqual({
        entities: [
          expect.objectContaining({ annotationErrors: [NOT_ALLOWED] }),
        ],
        targets: [
          {
            cluster: expect.objectContaining({ arn: ARN_A }),
            namedBy: [
              {
                entityRef: 'component:default/direct',
                ownerRef: 'group:default/team-a',
              },
            ],
          },
        ],
      });
    });

    it('links any account when allowedAccounts is not set', async () => {
      const { links } = collector(catalogEntities());

      const result = await links.collectAll();

      expect(result.targets.map(t => t.cluster.arn)).toEqual([
        ARN_A,
        DISALLOWED,
      ]);
      expect(result.entities.flatMap(e => e.annotationErrors)).toEqual([]);
    });
  });

  it('pages through the catalog and asks only for the fields it reads', async () => {
    const { catalog, links } = collector([
      entity('Component', 'payments', {
        annotations: { 'aws.amazon.com/amazon-eks-cluster-arn': ARN_A },
      }),
    ]);
    const stream = jest.spyOn(catalog, 'streamEntities');
    const getEntities = jest.spyOn(catalog, 'getEntities');

    await links.collectAll();

    expect(getEntities).not.toHaveBeenCalled();
    expect(stream).toHaveBeenCalled();
    for (const [request, options] of stream.mock.calls) {
      expect(request?.fields).toEqual(LINK_FIELDS);
      expect(request?.pageSize).toBeGreaterThan(0);
      expect(options).toEqual({
        credentials: expect.objectContaining({
          principal: expect.objectContaining({ type: 'service' }),
        }),
      });
    }
  });

  describe('collectEntity', () => {
    const entities = [
      entity('Resource', 'eks-alpha', {
        annotations: {
          'amazonaws.com/arn': ARN_A,
          'aws.amazon.com/eks-secrets-rewritten-at': '2025-04-01',
        },
        spec: { type: 'kubernetes-cluster', owner: 'platform' },
      }),
      entity('Component', 'checkout', {
        dependsOn: ['resource:default/eks-alpha'],
        annotations: { 'aws.amazon.com/amazon-eks-cluster-arn': ARN_C },
        spec: { owner: 'team-a' },
      }),
      entity('Component', 'attesting', {
        annotations: {
          'aws.amazon.com/amazon-eks-cluster-arn': `${ARN_A} ${ARN_B}`,
          'aws.amazon.com/eks-secrets-rewritten-at': '2025-05-01',
        },
      }),
    ];

    it('collects one entity and the Resources it depends on, nothing else', async () => {
      const { catalog, links } = collector(entities);
      const stream = jest.spyOn(catalog, 'streamEntities');
      const byRefs = jest.spyOn(catalog, 'getEntitiesByRefs');

      const result = await links.collectEntity('Component:default/checkout');

      expect(result).toEqual({
        entities: [
          {
            entityRef: 'component:default/checkout',
            ownerRef: 'group:default/team-a',
            clusterArns: [ARN_C, ARN_A],
            annotationErrors: [],
          },
        ],
        // Only what it read: the attesting entity is the caller's to add from storage.
        targets: [
          {
            cluster: expect.objectContaining({ arn: ARN_A }),
            namedBy: [
              {
                entityRef: 'component:default/checkout',
                ownerRef: 'group:default/team-a',
              },
              {
                entityRef: 'resource:default/eks-alpha',
                ownerRef: 'group:default/platform',
                secretsRewrittenAt: '2025-04-01T00:00:00.000Z',
              },
            ],
          },
          {
            cluster: expect.objectContaining({ arn: ARN_C }),
            namedBy: [
              {
                entityRef: 'component:default/checkout',
                ownerRef: 'group:default/team-a',
              },
            ],
          },
        ],
      });
      expect(stream).not.toHaveBeenCalled();
      expect(byRefs.mock.calls.map(([request]) => request.entityRefs)).toEqual([
        ['component:default/checkout'],
        ['resource:default/eks-alpha'],
      ]);
      for (const [request] of byRefs.mock.calls) {
        expect(request.fields).toEqual(LINK_FIELDS);
      }
    });

    it("keeps the entity's own valid attestation for the caller to store", async () => {
      const { links } = collector(entities);

      const result = await links.collectEntity('component:default/attesting');

      expect(result?.entities).toEqual([
        {
          entityRef: 'component:default/attesting',
          clusterArns: [ARN_A, ARN_B],
          annotationErrors: [],
          secretsRewrittenAt: '2025-05-01T00:00:00.000Z',
        },
      ]);
      expect(result?.targets.map(t => t.namedBy)).toEqual([
        [
          {
            entityRef: 'component:default/attesting',
            secretsRewrittenAt: '2025-05-01T00:00:00.000Z',
          },
        ],
        [
          {
            entityRef: 'component:default/attesting',
            secretsRewrittenAt: '2025-05-01T00:00:00.000Z',
          },
        ],
      ]);
    });

    it('returns an entity without links with no clusters, so its old links go', async () => {
      const { links } = collector([entity('Component', 'plain')]);

      await expect(
        links.collectEntity('component:default/plain'),
      ).resolves.toEqual({
        entities: [
          {
            entityRef: 'component:default/plain',
            clusterArns: [],
            annotationErrors: [],
          },
        ],
        targets: [],
      });
    });

    it('returns undefined for an entity the catalog does not know', async () => {
      const { links } = collector(entities);

      await expect(
        links.collectEntity('component:default/missing'),
      ).resolves.toBeUndefined();
    });
  });
});
