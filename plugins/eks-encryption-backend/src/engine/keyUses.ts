import type { ClusterArn } from 'backstage-plugin-eks-encryption-common';
import type { KeyUse } from 'backstage-plugin-eks-encryption-node';
import type { ResolvedKeyFacts } from './facts';

/** A cluster's use of its resolved key. */
export function keyUseOf(
  cluster: ClusterArn,
  key: ResolvedKeyFacts,
  environment: string | undefined,
): KeyUse {
  return {
    clusterArn: cluster.arn,
    keyArn: key.metadata.value.arn,
    accountId: cluster.accountId,
    ...(environment ? { environment } : {}),
  };
}

/**
 * Key uses by key ARN: this run's, plus stored uses of clusters not described in
 * this run (a described cluster's own answer replaces what was stored for it).
 */
export function indexKeyUses(
  runUses: readonly KeyUse[],
  storedUses: readonly KeyUse[],
  describedClusters: ReadonlySet<string>,
): Map<string, KeyUse[]> {
  const byCluster = new Map<string, KeyUse>();
  for (const use of storedUses) {
    if (!describedClusters.has(use.clusterArn))
      byCluster.set(use.clusterArn, use);
  }
  for (const use of runUses) byCluster.set(use.clusterArn, use);
  const byKey = new Map<string, KeyUse[]>();
  for (const use of byCluster.values()) {
    const uses = byKey.get(use.keyArn) ?? [];
    uses.push(use);
    byKey.set(use.keyArn, uses);
  }
  return byKey;
}
