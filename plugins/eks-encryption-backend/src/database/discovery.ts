import type { Knex } from 'knex';
import type {
  CheckResult,
  ClusterVerdict,
  DiscoveredCluster,
  Discovery,
  Grade,
  UnclaimedKpis,
} from 'backstage-plugin-eks-encryption-common';
import type { Freshness } from './freshness';
import {
  DiscoveredClusterRow,
  DiscoveryListingRow,
  TABLES,
} from './tables';
import { toBoolean, toIso, toNumber } from './values';

/** Evidence older than the cutoff no longer proves compliance (freshness.ts). */
function countedVerdict(
  row: DiscoveredClusterRow,
  freshness: Freshness,
): ClusterVerdict | undefined {
  if (!row.verdict) return undefined;
  const cutoff = freshness.nowMs - freshness.staleAfterMs;
  return row.verdict === 'compliant' && toNumber(row.evaluated_at) < cutoff
    ? 'incomplete'
    : (row.verdict as ClusterVerdict);
}

function toDiscoveredCluster(
  row: DiscoveredClusterRow,
  freshness: Freshness,
): DiscoveredCluster {
  const verdict = countedVerdict(row, freshness);
  return {
    arn: row.arn,
    accountId: row.account_id,
    region: row.region,
    name: row.name,
    claimed: toBoolean(row.claimed),
    ...(row.owner_tag !== null ? { ownerTag: row.owner_tag } : {}),
    ...(row.owner_ref !== null ? { ownerRef: row.owner_ref } : {}),
    ...(row.environment !== null ? { environment: row.environment } : {}),
    isProduction: toBoolean(row.is_production),
    ...(verdict ? { verdict } : {}),
    ...(row.score !== null ? { score: row.score } : {}),
    ...(row.grade !== null ? { grade: row.grade as Grade } : {}),
    ...(row.evaluated_at !== null
      ? { evaluatedAt: toIso(row.evaluated_at) }
      : {}),
    ...(row.checks !== null
      ? { checks: JSON.parse(row.checks) as CheckResult[] }
      : {}),
    firstSeenAt: toIso(row.first_seen_at),
    listedAt: toIso(row.listed_at),
  };
}

/** The discovered clusters not deleted (ordered by ARN) and every listing. */
export async function getDiscovery(
  db: Knex,
  freshness: Freshness,
  options: { claimed?: boolean },
): Promise<Omit<Discovery, 'enabled'>> {
  const clusters = db<DiscoveredClusterRow>(TABLES.discoveredClusters)
    .whereNull('deleted_at')
    .orderBy('arn');
  if (options.claimed !== undefined) clusters.where('claimed', options.claimed);
  const listings: DiscoveryListingRow[] = await db(TABLES.discoveryListings)
    .select()
    .orderBy(['account_id', 'region']);
  return {
    clusters: (await clusters.select()).map(row =>
      toDiscoveredCluster(row, freshness),
    ),
    listings: listings.map(l => ({
      accountId: l.account_id,
      region: l.region,
      listedAt: toIso(l.listed_at),
      complete: toBoolean(l.complete),
      ...(l.reason !== null ? { reason: l.reason } : {}),
    })),
  };
}

/** Unclaimed production clusters, and how many comply on fresh evidence. */
export async function getUnclaimedKpis(
  db: Knex,
  freshness: Freshness,
): Promise<UnclaimedKpis> {
  const cutoff = freshness.nowMs - freshness.staleAfterMs;
  const [row] = await db(TABLES.discoveredClusters)
    .whereNull('deleted_at')
    .where({ claimed: false, is_production: true })
    .select(
      db.raw('count(*) as production'),
      db.raw(
        `coalesce(sum(case when verdict = 'compliant' and evaluated_at >= ? then 1 else 0 end), 0) as compliant`,
        [cutoff],
      ),
    );
  return {
    productionClusters: toNumber(row.production),
    compliantProductionClusters: toNumber(row.compliant),
  };
}
