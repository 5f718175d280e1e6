import type {
  AnnotationError,
  ClusterEvaluation,
  ClusterListPage,
  ClusterVerdict,
  Discovery,
  EntityScorecard,
  EntityScorecardPage,
  OrgKpis,
  OwnerDetail,
  OwnerRollup,
  RunInfo,
  UnclaimedKpis,
} from 'backstage-plugin-eks-encryption-common';
import type {
  EksEncryptionChange,
  EksUpdate,
} from 'backstage-plugin-eks-encryption-node';
import type { ClusterNamer, KeyUse } from '../engine/types';

/**
 * The entities a caller may read. `undefined` wherever it is accepted means the
 * caller may read everything; when given, only these entities count: others are
 * left out of every answer and rollup.
 */
export interface ReadableEntities {
  entityRefs: ReadonlySet<string>;
}

/** Options shared by every read that respects the caller's catalog access. */
export interface ReadOptions {
  readable?: ReadableEntities;
}

/** Which of an owner's rows a read returns; the rollup counts them all. */
export interface OwnerRowsQuery {
  /** Part of the entity ref or owner ref, case-insensitive. */
  search?: string;
  /** `verdict` (worst first) by default. */
  sort?: 'verdict' | 'entity' | 'score' | 'findings' | 'owner';
  order?: 'asc' | 'desc';
  offset?: number;
  /** Every matching row when undefined. */
  limit?: number;
}

export type GetOwnerDetailOptions = ReadOptions & OwnerRowsQuery;

export type RunKind = RunInfo['kind'];

/** A run as stored, with the counts written when it finished. */
export interface StoredRun extends RunInfo {
  /** Entities written by the run. */
  entities?: number;
  /** Clusters of the run that could not be read (verdict `error`). */
  clusterErrors?: number;
}

export interface CreateRunOptions {
  kind: RunKind;
  /** The refreshed entity (refresh runs only). */
  entityRef?: string;
  /** Who asked for a refresh: its rate limit counts by this. */
  requestedBy?: string;
}

export interface RunProgress {
  clustersTotal: number;
  clustersDone: number;
}

export interface FinishRunOptions {
  status: 'succeeded' | 'failed';
  /** Why the run failed. */
  error?: string;
  clustersTotal?: number;
  clustersDone?: number;
  entities?: number;
  clusterErrors?: number;
}

/** How a refresh may start: debounce per entity, budget per caller and overall. */
export interface StartRefreshOptions {
  /** A refresh of the entity started at or after this is returned instead of a new one. */
  since: Date;
  requestedBy: string;
  /** At most `limit` refreshes started by the caller since `since`. */
  perCaller: { limit: number; since: Date; windowMs: number };
  /** At most this many refreshes running at once (alive), across replicas. */
  maxRunning: number;
}

/** The answer of {@link EksEncryptionStore.startRefresh} when it may start. */
export interface StartRefreshResult {
  run: StoredRun;
  /** False when a running or recent refresh of the entity was returned instead. */
  created: boolean;
}

/** A refresh refused by its budget: try again after `retryAfterMs`. */
export interface RefreshRefused {
  refused: 'caller-rate' | 'running-cap';
  message: string;
  retryAfterMs: number;
}

/** One catalog entity as a run saw it. */
export interface EntityRunInput {
  entityRef: string;
  /** `spec.owner` / `ownedBy`, as an entity ref; rollups group by it. */
  ownerRef?: string;
  /** Every cluster the entity names or inherits, after parsing. */
  clusterArns: readonly string[];
  annotationErrors: readonly AnnotationError[];
  /** The entity's own valid rewrite attestation (ISO 8601), kept for later refreshes. */
  secretsRewrittenAt?: string;
}

/** One cluster a listing showed. */
interface DiscoveredClusterInput {
  arn: string;
  accountId: string;
  region: string;
  name: string;
  /** An entity other than a discovery Resource links it. */
  claimed: boolean;
  ownerTag?: string;
  /** The catalog group or user the owner tag names. */
  ownerRef?: string;
  /** The evaluation of an unclaimed cluster. */
  evaluation?: ClusterEvaluation;
}

/** What a scheduled run's discovery found. */
export interface DiscoveryResults {
  listings: readonly {
    accountId: string;
    region: string;
    complete: boolean;
    reason?: string;
  }[];
  clusters: readonly DiscoveredClusterInput[];
}

/** Everything one run learnt, written by {@link EksEncryptionStore.writeRunResults}. */
export interface RunResults {
  /** The run these results belong to; its counts are updated in the same transaction. */
  runId?: string;
  /**
   * `all`: the entities listed are the whole catalog selection; every other stored
   * entity and its links are deleted (a scheduled run).
   * `listed`: only the entities listed are replaced (a refresh).
   * In both cases clusters no stored entity links to any more are deleted.
   */
  replace: 'all' | 'listed';
  entities: readonly EntityRunInput[];
  /** One evaluation per unique cluster of the run. */
  clusters: readonly ClusterEvaluation[];
  /** Updates seen finished in this run. */
  finishedUpdates: readonly EksUpdate[];
  /**
   * Environment values that count as production (`policy.productionValues`,
   * compared case-insensitively); stored per cluster and per daily snapshot.
   */
  productionValues: readonly string[];
  /** When the results are written: resolves findings and picks the snapshot day (UTC). */
  now: Date;
  /**
   * When the catalog was read for `entities` (default `now`). An entity stored
   * from a later read keeps its links; a full run deletes only entities read before.
   */
  linksReadAt?: Date;
  /**
   * A scheduled run's discovery: the listings replace the stored ones; a stored
   * cluster of a complete listing that the listing lacks is marked deleted and its
   * open findings are resolved as `cluster-deleted`.
   */
  discovery?: DiscoveryResults;
}

/** What {@link EksEncryptionStore.writeRunResults} changed. */
export interface RunWriteSummary {
  entities: number;
  clusters: number;
  /** Clusters that failed to read and kept their previous evaluation, marked stale. */
  staleClusters: number;
  /** Evaluations not written because a later one is stored (newest wins). */
  olderSkipped: number;
  /** Evaluations not written because a value does not fit its column ("<arn> (<column>)"). */
  rejectedClusters: string[];
  findingsOpened: number;
  findingsResolved: number;
  /** Clusters removed because no entity links to them any more. */
  clustersRemoved: number;
  /** Clusters found deleted by a complete listing. */
  clustersDeleted: number;
}

export interface ListEntityScorecardsOptions extends ReadOptions {
  /** Opaque cursor from a previous page's `nextCursor`. */
  cursor?: string;
  limit: number;
}

export interface ListClustersOptions extends ReadOptions {
  /** Only clusters linked to a readable entity owned by this owner ref. */
  owner?: string;
  verdict?: ClusterVerdict;
  accountId?: string;
  region?: string;
  environment?: string;
  /** Case-insensitive substring of the cluster name or ARN. */
  search?: string;
  /** Opaque cursor from a previous page's `nextCursor` (keyset by ARN); wins over `offset`. */
  cursor?: string;
  /** Rows to skip, for page-numbered tables. */
  offset?: number;
  limit: number;
}

/**
 * A caller who may read every stored entity gets the organisation's KPIs and
 * trend (every cluster stored each day); otherwise clusters count when linked
 * now to an entity in scope (access and ownership are known for today only).
 */
export interface GetKpisOptions extends ReadOptions {
  /** Restrict to clusters of entities owned by these refs (a team's trend). */
  ownerRefs?: readonly string[];
  /** First day of the trend; defaults to every stored day. */
  trendSince?: Date;
}

export interface PruneHistoryResult {
  findings: number;
  snapshots: number;
  runs: number;
  /** Change log entries past retention. */
  changes: number;
}

/**
 * Persistence of the eks-encryption plugin: runs, latest evaluations, links,
 * finding history and daily snapshots. Every rollup is aggregated by the database.
 *
 * Instants come back as ISO 8601 strings.
 */
export interface EksEncryptionStore {
  /**
   * Records a new run in status `running`. Refreshes should go through
   * {@link EksEncryptionStore.startRefresh}: a second running refresh of the
   * same entity is rejected by the database.
   */
  createRun(options: CreateRunOptions): Promise<StoredRun>;

  /** Stores progress; also serves as the run's heartbeat. */
  updateRunProgress(runId: string, progress: RunProgress): Promise<void>;

  /** Marks a run `succeeded` or `failed`. */
  finishRun(runId: string, options: FinishRunOptions): Promise<void>;

  /**
   * A run by id. A `running` run whose heartbeat is older than the store's run
   * timeout is reported as `failed` (its process died).
   */
  getRun(runId: string): Promise<StoredRun | undefined>;

  /**
   * The newest refresh run of `entityRef` that is still running (within the run
   * timeout) or that started at or after `since`, whatever its outcome.
   * Reads the runs table, so it debounces across replicas.
   */
  findActiveOrRecentRefresh(
    entityRef: string,
    since: Date,
  ): Promise<StoredRun | undefined>;

  /**
   * Debounced, budgeted start of a refresh: returns the running or recent
   * refresh of the entity when there is one; otherwise refuses beyond the
   * caller's rate or the cap on running refreshes; otherwise creates a refresh
   * run. Decided in one transaction serialized across replicas, so at most one
   * refresh per entity runs and the budgets hold when replicas race.
   */
  startRefresh(
    entityRef: string,
    options: StartRefreshOptions,
  ): Promise<StartRefreshResult | RefreshRefused>;

  /**
   * Writes a run's results in one transaction: on any failure nothing changes and
   * the previous results stay readable.
   *
   * - Newest wins: an evaluation older than the stored one (`evaluatedAt`) and
   *   links read before the stored ones (`linksReadAt`) are not written.
   * - The latest evaluation of each cluster is replaced, except that an `error`
   *   evaluation of a cluster with an earlier successful evaluation keeps that
   *   evaluation, marked stale with the new error.
   * - Findings follow evidence: `fail` opens, `pass`/`warn` resolve as `fixed`,
   *   `not-applicable` as `not-applicable`, a check no longer judged as
   *   `check-removed`; `unknown` and `error` leave them open, unverified since now.
   * - Clusters no stored entity links to any more are deleted; their open
   *   findings resolve as `unlinked`.
   * - Today's (UTC) verdict snapshot of every stored cluster is upserted.
   * - Finished updates are remembered by id.
   *
   * Writes of concurrent runs (other replicas) are serialized.
   */
  writeRunResults(results: RunResults): Promise<RunWriteSummary>;

  /** Key uses of the stored clusters with one of these keys, except the clusters named. */
  listKeyUses(
    keyArns: readonly string[],
    excludingClusterArns: readonly string[],
  ): Promise<KeyUse[]>;

  /** The stored entities linked to these clusters, with their owner and attestation. */
  listClusterNamers(
    clusterArns: readonly string[],
  ): Promise<(ClusterNamer & { clusterArn: string })[]>;

  /** Finished updates already stored, by id, among those asked for. */
  getFinishedUpdates(ids: readonly string[]): Promise<Map<string, EksUpdate>>;

  /**
   * Deletes resolved findings, daily snapshots and finished runs older than
   * `olderThan`; open findings are kept.
   */
  pruneHistory(olderThan: Date): Promise<PruneHistoryResult>;

  /** An entity's scorecard; undefined when it is not stored or not readable. */
  getEntityScorecard(
    entityRef: string,
    options?: ReadOptions,
  ): Promise<EntityScorecard | undefined>;

  /**
   * Stored entities ordered by ref, with their scorecards. `limit` is within
   * the spec's bounds (`eksEncryptionApiLimits.ListEntityScorecards.limit`);
   * a bad limit or cursor throws `InputError`.
   */
  listEntityScorecards(
    options: ListEntityScorecardsOptions,
  ): Promise<EntityScorecardPage>;

  /**
   * Clusters linked to readable entities, ordered by ARN; `totalCount` counts
   * every match. A bad limit, offset or cursor throws `InputError`.
   */
  listClusters(options: ListClustersOptions): Promise<ClusterListPage>;

  /**
   * One rollup per owner of readable entities, ordered by owner ref; entities
   * without an owner are left out. MTTR covers the stored resolved findings,
   * that is the retention window.
   */
  listOwners(options?: ReadOptions): Promise<OwnerRollup[]>;

  /**
   * One rollup over the entities owned by any of `ownerRefs` (the first is the
   * owner asked for; the caller adds child groups), with the rows `options`
   * selects (every row, worst verdict first, by default) and `totalCount`
   * matching rows. An empty `ownerRefs` or a bad limit or offset throws
   * `InputError`.
   */
  getOwnerDetail(
    ownerRefs: readonly string[],
    options?: GetOwnerDetailOptions,
  ): Promise<OwnerDetail>;

  /**
   * Organisation KPIs and the daily trend from the snapshots. Production is as
   * judged when each evaluation was written (`RunResults.productionValues`).
   * Unrestricted, a trend day counts every cluster stored that day; with
   * `readable` or `ownerRefs`, only the clusters now linked to those entities.
   */
  getKpis(options?: GetKpisOptions): Promise<OrgKpis>;

  /** The discovered clusters not deleted, and the last listing of each account and region. */
  getDiscovery(options: {
    claimed?: boolean;
  }): Promise<Omit<Discovery, 'enabled'>>;

  /** Unclaimed production clusters and how many comply (on fresh evidence). */
  getUnclaimedKpis(): Promise<UnclaimedKpis>;

  /** Starts each consumer's position after the changes logged so far, unless it has one. */
  startChangeCursors(consumerIds: readonly string[]): Promise<void>;

  /**
   * Hands one consumer its next batch of the change log; see `drainChangeBatch`.
   * Resolves to the number of changes consumed (0: none left, or none yet).
   */
  drainChanges(
    consumerId: string,
    batchSize: number,
    consume: (changes: EksEncryptionChange[]) => Promise<void>,
  ): Promise<number>;
}
