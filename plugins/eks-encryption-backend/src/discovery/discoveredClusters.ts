import type { ClusterEvaluation } from 'backstage-plugin-eks-encryption-common';
import type { CatalogLinks } from '../catalog/types';
import type { DiscoveryResults } from '../database/EksEncryptionStore';
import type { ClusterTarget, EvaluationOutput } from '../engine/types';
import type { DiscoveryListing } from './ClusterDiscovery';
import { ownerRefFromTag } from './ownerTag';

/** The run's targets plus every listed cluster no entity links, each once. */
export function withDiscoveredTargets(
  targets: readonly ClusterTarget[],
  listings: readonly DiscoveryListing[],
): ClusterTarget[] {
  const linked = new Set(targets.map(t => t.cluster.arn));
  const added = new Map<string, ClusterTarget>();
  for (const cluster of listings.flatMap(l => l.clusters)) {
    if (!linked.has(cluster.arn)) added.set(cluster.arn, { cluster });
  }
  return [...targets, ...added.values()];
}

/**
 * Splits a run's evaluations: those of linked clusters are written as usual;
 * every listed cluster is recorded as discovered, claimed when an entity other
 * than a discovery Resource links it, with an unclaimed one's evaluation and
 * the owner its tag names.
 */
export async function splitDiscovered(options: {
  links: CatalogLinks;
  listings: readonly DiscoveryListing[];
  output: EvaluationOutput;
  ownerTag: string;
  ownerExists: (ref: string) => Promise<boolean>;
}): Promise<{ linked: ClusterEvaluation[]; discovery: DiscoveryResults }> {
  const { links, listings, output } = options;
  const linkedArns = new Set(links.targets.map(t => t.cluster.arn));
  const claimedArns = new Set(
    links.entities.filter(e => e.claims !== false).flatMap(e => e.clusterArns),
  );
  const evaluations = new Map(output.clusters.map(c => [c.arn, c]));
  const listed = new Map(
    listings.flatMap(l => l.clusters).map(c => [c.arn, c]),
  );
  const clusters: DiscoveryResults['clusters'][number][] = [];
  for (const cluster of listed.values()) {
    const claimed = claimedArns.has(cluster.arn);
    const ownerTag = output.clusterTags?.get(cluster.arn)?.[options.ownerTag];
    const ownerRef = await ownerRefFromTag(ownerTag, options.ownerExists);
    const evaluation = claimed ? undefined : evaluations.get(cluster.arn);
    clusters.push({
      arn: cluster.arn,
      accountId: cluster.accountId,
      region: cluster.region,
      name: cluster.name,
      claimed,
      ...(ownerTag ? { ownerTag } : {}),
      ...(ownerRef ? { ownerRef } : {}),
      ...(evaluation ? { evaluation } : {}),
    });
  }
  return {
    linked: output.clusters.filter(c => linkedArns.has(c.arn)),
    discovery: {
      listings: listings.map(({ clusters: _, ...listing }) => listing),
      clusters,
    },
  };
}
