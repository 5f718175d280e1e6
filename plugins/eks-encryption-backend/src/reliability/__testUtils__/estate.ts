import type { Entity } from '@backstage/catalog-model';
import { EKS_CLUSTER_ARN_ANNOTATION } from 'backstage-plugin-eks-encryption-common';
import {
  aliasArnOf,
  clusterArnOf,
  clusterFixture,
  fixture,
  keyFixture,
  type AwsFixture,
  type ClusterFixture,
  type KeyFixture,
} from '../../__testUtils__/awsEstate';

/*
 * The small estate of the reliability tests: four clusters, three compliant (each with
 * its own rotated customer-managed key, associated by a successful update) and one,
 * `ledger`, with no key of its own (only the AWS-owned default: a `customer-managed-key`
 * finding).
 * A fifth cluster, `spare`, exists in AWS but no entity names it until a test adds
 * the link.
 */

const CLUSTER_NAMES = [
  'payments',
  'orders',
  'search',
  'ledger',
  'spare',
] as const;
export type ClusterName = (typeof CLUSTER_NAMES)[number];

function encryptedCluster(
  name: ClusterName,
  index: number,
): { cluster: ClusterFixture; key: KeyFixture } {
  const key = keyFixture({
    keyId: `0000000${index}-aaaa-4bbb-8ccc-00000000000${index}`,
    aliases: [`alias/eks/${name}`],
  });
  const cluster = clusterFixture({
    name,
    encryptionKeyRef: aliasArnOf(key),
    updates: [
      {
        id: `0000000${index}-1111-4222-8333-444444444444`,
        type: 'AssociateEncryptionConfig',
        status: 'Successful',
        createdAt: '2024-03-01T12:00:00.000Z',
      },
    ],
  });
  return { cluster, key };
}

const encrypted = CLUSTER_NAMES.filter(name => name !== 'ledger').map(
  (name, i) => encryptedCluster(name, i + 1),
);
const allClusters = [
  ...encrypted.map(e => e.cluster),
  clusterFixture({ name: 'ledger' }),
];

/** ARN of each cluster. */
export const ARN = Object.fromEntries(
  allClusters.map(cluster => [cluster.name, clusterArnOf(cluster)]),
) as Record<ClusterName, string>;

/** The AWS side: every cluster and key, no failures. */
export function estateAws(): AwsFixture {
  return fixture({ clusters: allClusters, keys: encrypted.map(e => e.key) });
}

/** A component owned by `owner` naming `clusters` by ARN. */
export function component(
  name: string,
  owner: string,
  clusters: readonly ClusterName[],
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        [EKS_CLUSTER_ARN_ANNOTATION]: clusters.map(c => ARN[c]).join(','),
      },
    },
    spec: { type: 'service', lifecycle: 'production', owner },
    relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
  };
}

function group(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [] },
  };
}

/** The catalog: three components over the four linked clusters, and their teams. */
export function estateCatalog(): Entity[] {
  return [
    component('checkout', 'team-a', ['payments', 'orders']),
    component('search', 'team-b', ['search']),
    component('ledger', 'team-a', ['ledger']),
    group('team-a'),
    group('team-b'),
  ];
}
