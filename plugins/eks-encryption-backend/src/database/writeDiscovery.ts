import type { Knex } from 'knex';
import type { DiscoveryResults } from './EksEncryptionStore';
import {
  ClusterRow,
  DiscoveredClusterRow,
  DiscoveryListingRow,
  FindingRow,
  TABLES,
} from './tables';
import { chunk, rowsPerInsert, valueList } from './sql';
import { toMillis } from './values';
import { updateFindingsLogged, type ChangeLog } from './changeLog';

/** Columns a listing always refreshes; `first_seen_at` is kept from the first. */
const LISTED_COLUMNS = [
  'account_id',
  'region',
  'name',
  'claimed',
  'owner_tag',
  'owner_ref',
  'listed_at',
  'deleted_at',
] as const;

/** Columns of an unclaimed cluster's evaluation. */
const EVALUATION_COLUMNS = [
  'environment',
  'is_production',
  'verdict',
  'score',
  'grade',
  'evaluated_at',
  'checks',
] as const;

/**
 * Stores a scheduled run's discovery in the run's transaction: the listings,
 * each listed cluster (with an unclaimed cluster's evaluation; an unreadable one
 * keeps its last evidence), and the deletions a complete listing proves: a stored
 * cluster of that account and region missing from it is marked deleted and its
 * open findings are resolved as `cluster-deleted`. An incomplete listing deletes
 * nothing. Returns how many clusters were found deleted.
 */
export async function writeDiscovery(
  trx: Knex.Transaction,
  discovery: DiscoveryResults,
  options: {
    nowMs: number;
    productionValues: readonly string[];
    changes: ChangeLog;
  },
): Promise<number> {
  const { nowMs } = options;
  await writeListings(trx, discovery, nowMs);
  await writeClusters(trx, discovery, nowMs, options.productionValues);
  const deleted = await findDeleted(trx, discovery);
  await markDeleted(trx, deleted, nowMs);
  await resolveDeletedFindings(trx, deleted, nowMs, options.changes);
  return deleted.length;
}

/** A cluster as a listing shows it, without an evaluation. */
function listedRow(
  listed: Pick<
    DiscoveredClusterRow,
    | 'arn'
    | 'account_id'
    | 'region'
    | 'name'
    | 'claimed'
    | 'owner_tag'
    | 'owner_ref'
  >,
  nowMs: number,
): DiscoveredClusterRow {
  return {
    ...listed,
    environment: null,
    is_production: false,
    verdict: null,
    score: null,
    grade: null,
    evaluated_at: null,
    checks: null,
    first_seen_at: nowMs,
    listed_at: nowMs,
    deleted_at: null,
  };
}

async function writeListings(
  trx: Knex.Transaction,
  discovery: DiscoveryResults,
  nowMs: number,
): Promise<void> {
  const rows: DiscoveryListingRow[] = discovery.listings.map(l => ({
    account_id: l.accountId,
    region: l.region,
    listed_at: nowMs,
    complete: l.complete,
    reason: l.complete ? null : l.reason ?? 'unknown reason',
  }));
  for (const batch of chunk(rows, rowsPerInsert(trx, 5))) {
    await trx(TABLES.discoveryListings)
      .insert(batch)
      .onConflict(['account_id', 'region'])
      .merge();
  }
}

async function writeClusters(
  trx: Knex.Transaction,
  discovery: DiscoveryResults,
  nowMs: number,
  productionValues: readonly string[],
): Promise<void> {
  const production = new Set(productionValues.map(v => v.toLowerCase()));
  const withEvaluation: DiscoveredClusterRow[] = [];
  const listedOnly: DiscoveredClusterRow[] = [];
  const withEvidence = await storedEvidence(
    trx,
    discovery.clusters.map(c => c.arn),
  );
  for (const c of discovery.clusters) {
    const row = listedRow(
      {
        arn: c.arn,
        account_id: c.accountId,
        region: c.region,
        name: c.name,
        claimed: c.claimed,
        owner_tag: c.ownerTag ?? null,
        owner_ref: c.ownerRef ?? null,
      },
      nowMs,
    );
    const e = c.evaluation;
    // An unclaimed cluster that could not be read keeps its last evidence.
    if (e && (e.verdict !== 'error' || !withEvidence.has(c.arn))) {
      const environment = e.environment ?? null;
      withEvaluation.push({
        ...row,
        environment,
        is_production:
          environment !== null && production.has(environment.toLowerCase()),
        verdict: e.verdict,
        score: e.score,
        grade: e.grade,
        evaluated_at: toMillis(e.evaluatedAt),
        checks: JSON.stringify(e.checks),
      });
    } else if (c.claimed) {
      // A claimed cluster's evaluation lives in `clusters`, behind its entities.
      withEvaluation.push(row);
    } else {
      listedOnly.push(row);
    }
  }
  const upsert = async (
    rows: DiscoveredClusterRow[],
    columns: readonly string[],
  ) => {
    for (const batch of chunk(rows, rowsPerInsert(trx, 19))) {
      await trx(TABLES.discoveredClusters)
        .insert(batch)
        .onConflict('arn')
        .merge([...columns]);
    }
  };
  await upsert(withEvaluation, [...LISTED_COLUMNS, ...EVALUATION_COLUMNS]);
  await upsert(listedOnly, LISTED_COLUMNS);
}

/** Discovered clusters whose stored evaluation holds evidence (not only an error). */
async function storedEvidence(
  trx: Knex.Transaction,
  arns: readonly string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  for (const batch of chunk(arns, 5000)) {
    const rows: Pick<DiscoveredClusterRow, 'arn'>[] = await trx(
      TABLES.discoveredClusters,
    )
      .whereIn('arn', valueList(trx, batch))
      .whereNotNull('verdict')
      .whereNot('verdict', 'error')
      .select('arn');
    for (const r of rows) found.add(r.arn);
  }
  return found;
}

/** Stored clusters of completely listed accounts and regions that the listing lacks. */
async function findDeleted(
  trx: Knex.Transaction,
  discovery: DiscoveryResults,
): Promise<Pick<ClusterRow, 'arn' | 'account_id' | 'region' | 'name'>[]> {
  const listed = new Set(discovery.clusters.map(c => c.arn));
  const complete = discovery.listings.filter(l => l.complete);
  if (complete.length === 0) return [];
  const locations = complete.map(l => [l.accountId, l.region]);
  const columns = ['arn', 'account_id', 'region', 'name'];
  const known: Pick<ClusterRow, 'arn' | 'account_id' | 'region' | 'name'>[] = [
    ...(await trx(TABLES.discoveredClusters)
      .whereIn(['account_id', 'region'], locations)
      .whereNull('deleted_at')
      .select(columns)),
    ...(await trx(TABLES.clusters)
      .whereIn(['account_id', 'region'], locations)
      .whereNotExists(
        trx(TABLES.discoveredClusters)
          .select(trx.raw('1'))
          .whereRaw('??.arn = ??.arn', [
            TABLES.discoveredClusters,
            TABLES.clusters,
          ])
          .whereNotNull('deleted_at'),
      )
      .select(columns)),
  ];
  const gone = new Map(
    known.filter(c => !listed.has(c.arn)).map(c => [c.arn, c]),
  );
  return [...gone.values()];
}

async function markDeleted(
  trx: Knex.Transaction,
  deleted: readonly Pick<
    ClusterRow,
    'arn' | 'account_id' | 'region' | 'name'
  >[],
  nowMs: number,
): Promise<void> {
  const rows: DiscoveredClusterRow[] = deleted.map(c => ({
    ...listedRow(
      {
        ...c,
        // Only a stored cluster of `clusters` (behind an entity) is new here.
        claimed: true,
        owner_tag: null,
        owner_ref: null,
      },
      nowMs,
    ),
    deleted_at: nowMs,
  }));
  for (const batch of chunk(rows, rowsPerInsert(trx, 19))) {
    await trx(TABLES.discoveredClusters)
      .insert(batch)
      .onConflict('arn')
      .merge(['deleted_at']);
  }
}

/** A deleted cluster's open findings close as `cluster-deleted`: never `fixed`. */
async function resolveDeletedFindings(
  trx: Knex.Transaction,
  deleted: readonly Pick<ClusterRow, 'arn'>[],
  nowMs: number,
  changes: ChangeLog,
): Promise<void> {
  for (const batch of chunk(
    deleted.map(c => c.arn),
    5000,
  )) {
    await updateFindingsLogged(
      () =>
        trx<FindingRow>(TABLES.findings)
          .whereNull('resolved_at')
          .whereIn('cluster_arn', valueList(trx, batch)),
      { resolved_at: nowMs, resolution: 'cluster-deleted' },
      changes,
      'finding-resolved',
    );
  }
}
