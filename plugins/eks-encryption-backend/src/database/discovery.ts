import type { Knex } from 'knex';
import type {
  CheckResult,
  ClusterVerdict,
  DiscoveredCluster,
  Discovery,
  Grade,
  UnclaimedKpis,
} from 'backstage-plugin-eks-encryption-common';
import { countedVerdict, evidenceCutoff, type Freshness } from './freshness';
import { DiscoveredClusterRow, DiscoveryListingRow, TABLES } from './tables';
import { toBoolean, toIso, toNumber } from './values';

/** A row with its verdict as counted now (freshness.ts). */
type DiscoveredClusterAsRead = DiscoveredClusterRow & {
  counted_verdict: string | null;
};

function toDiscoveredCluster(row: DiscoveredClusterAsRead): DiscoveredCluster {
  const verdict = row.counted_verdict as ClusterVerdict | null;
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
  const clusters = db
    .from({ d: TABLES.discoveredClusters })
    .whereNull('d.deleted_at')
    .orderBy('d.arn')
    .select(
      'd.*',
      db.raw('? as counted_verdict', [
        countedVerdict(db, 'd', evidenceCutoff(db, freshness)),
      ]),
    );
  if (options.claimed !== undefined) {
    clusters.where('d.claimed', options.claimed);
  }
  const listings: DiscoveryListingRow[] = await db(TABLES.discoveryListings)
    .select()
    .orderBy(['account_id', 'region']);
  return {
    clusters: ((await clusters) as DiscoveredClusterAsRead[]).map(
      toDiscoveredCluster,
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
  const counted = countedVerdict(db, 'd', evidenceCutoff(db, freshness));
  const [row] = await db
    .from({ d: TABLES.discoveredClusters })
    .whereNull('d.deleted_at')
    .where({ 'd.claimed': false, 'd.is_production': true })
    .select(
      db.raw('count(*) as production'),
      db.raw(
        `coalesce(sum(case when ? = 'compliant' then 1 else 0 end), 0) as compliant`,
        [counted],
      ),
    );
  return {
    productionClusters: toNumber(row.production),
    compliantProductionClusters: toNumber(row.compliant),
  };
}
