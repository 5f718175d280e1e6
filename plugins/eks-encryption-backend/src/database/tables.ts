/**
 * Table names and row shapes of `migrations/`. Instants are epoch milliseconds;
 * drivers hand bigints and booleans back differently (PostgreSQL: strings and
 * booleans, SQLite: numbers), so reads go through `values.ts`.
 */

export const TABLES = {
  runs: 'runs',
  clusters: 'clusters',
  entities: 'entities',
  entityClusters: 'entity_clusters',
  findings: 'findings',
  dailyVerdicts: 'cluster_daily_verdicts',
  finishedUpdates: 'finished_updates',
  ownerClusters: 'owner_clusters',
  ownerRollups: 'owner_rollups',
  dailyTotals: 'daily_totals',
  orgRollup: 'org_rollup',
  aggregateState: 'aggregate_state',
  discoveredClusters: 'discovered_clusters',
  discoveryListings: 'discovery_listings',
  changes: 'changes',
  changeCursors: 'change_cursors',
} as const;

/** A bigint as the drivers return it. */
export type DbBigInt = number | string;

/** A boolean as the drivers return it. */
export type DbBoolean = boolean | number;

export interface RunRow {
  id: string;
  kind: string;
  status: string;
  entity_ref: string | null;
  started_at: DbBigInt;
  heartbeat_at: DbBigInt;
  finished_at: DbBigInt | null;
  clusters_total: number;
  clusters_done: number;
  entities: number | null;
  cluster_errors: number | null;
  error: string | null;
  requested_by: string | null;
}

export interface ClusterRow {
  arn: string;
  account_id: string;
  region: string;
  name: string;
  version: string | null;
  encryption_state: string | null;
  key_ref: string | null;
  key_arn: string | null;
  environment: string | null;
  is_production: DbBoolean;
  verdict: string;
  score: number;
  grade: string;
  evaluated_at: DbBigInt;
  error: string | null;
  stale: DbBoolean;
  /** JSON array of `CheckResult`. */
  checks: string;
  attempted_at: DbBigInt;
}

export interface EntityRow {
  entity_ref: string;
  owner_ref: string | null;
  /** JSON array of `AnnotationError`. */
  annotation_errors: string;
  /** When the catalog was read for this row: a write never replaces a later read. */
  updated_at: DbBigInt;
  /** The entity's own rewrite attestation (ISO 8601). */
  secrets_rewritten_at: string | null;
}

export interface EntityClusterRow {
  entity_ref: string;
  cluster_arn: string;
}

export interface FindingRow {
  id: DbBigInt;
  cluster_arn: string;
  check_id: string;
  severity: string;
  opened_at: DbBigInt;
  resolved_at: DbBigInt | null;
  resolution: FindingResolution | null;
  /** Set while the check cannot be read; the finding stays open. */
  unverified_since: DbBigInt | null;
}

/**
 * Why a finding was resolved. Only `fixed` is a fix (MTTR); the others close a
 * finding that can no longer be judged the same way.
 */
export type FindingResolution =
  | 'fixed'
  | 'not-applicable'
  | 'cluster-deleted'
  | 'unlinked'
  | 'check-removed';

export interface FinishedUpdateRow {
  id: string;
  type: string | null;
  status: string | null;
  created_at: DbBigInt | null;
  recorded_at: DbBigInt;
}

export interface DiscoveredClusterRow {
  arn: string;
  account_id: string;
  region: string;
  name: string;
  claimed: DbBoolean;
  owner_tag: string | null;
  owner_ref: string | null;
  environment: string | null;
  is_production: DbBoolean;
  /** The evaluation of an unclaimed cluster (a claimed one's is in `clusters`). */
  verdict: string | null;
  score: number | null;
  grade: string | null;
  evaluated_at: DbBigInt | null;
  /** JSON array of `CheckResult`. */
  checks: string | null;
  first_seen_at: DbBigInt;
  listed_at: DbBigInt;
  deleted_at: DbBigInt | null;
}

export interface DiscoveryListingRow {
  account_id: string;
  region: string;
  listed_at: DbBigInt;
  complete: DbBoolean;
  reason: string | null;
}

export interface ChangeRow {
  id: DbBigInt;
  run_id: string | null;
  type: string;
  at: DbBigInt;
  cluster_arn: string | null;
  /** JSON array of entity refs. */
  entity_refs: string;
  check_id: string | null;
  severity: string | null;
  resolution: string | null;
  previous_verdict: string | null;
  verdict: string | null;
  /** From a cluster's or entity's first evaluation: not a regression. */
  initial: DbBoolean;
  summary: string | null;
  remediation: string | null;
}

export interface ChangeCursorRow {
  consumer_id: string;
  last_id: DbBigInt;
}
