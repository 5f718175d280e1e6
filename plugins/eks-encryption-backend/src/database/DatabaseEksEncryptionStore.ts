import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { durationToMilliseconds, type HumanDuration } from '@backstage/types';
import type { Knex } from 'knex';
import type {
  ClusterListPage,
  EntityScorecard,
  EntityScorecardPage,
  OrgKpis,
  OwnerDetail,
  OwnerRollup,
  Discovery,
  UnclaimedKpis,
} from 'backstage-plugin-eks-encryption-common';
import type {
  EksEncryptionChange,
  EksUpdate,
} from 'backstage-plugin-eks-encryption-node';
import type { ClusterNamer, KeyUse } from '../engine/types';
import type {
  CreateRunOptions,
  EksEncryptionStore,
  FinishRunOptions,
  GetKpisOptions,
  ListClustersOptions,
  ListEntityScorecardsOptions,
  PruneHistoryResult,
  GetOwnerDetailOptions,
  ReadOptions,
  RunProgress,
  RunResults,
  RunWriteSummary,
  RefreshRefused,
  StartRefreshOptions,
  StartRefreshResult,
  StoredRun,
} from './EksEncryptionStore';
import * as runs from './runs';
import { serializeWriters, writeRunResults } from './writeRunResults';
import { buildAggregatesOnce } from './aggregates';
import { ReadCoverage } from './readCoverage';
import { utcDay } from './values';
import { getEntityScorecard, listEntityScorecards } from './scorecards';
import { listClusters } from './clusterList';
import { listOwners } from './rollups';
import { getOwnerDetail } from './ownerDetail';
import { getKpis } from './kpis';
import {
  getFinishedUpdates,
  listClusterNamers,
  listKeyUses,
} from './engineInputs';
import { pruneHistory } from './history';
import { getDiscovery, getUnclaimedKpis } from './discovery';
import { drainChangeBatch, startCursor } from './changeCursors';
import type { Freshness } from './freshness';

const migrationsDir = resolvePackagePath(
  'backstage-plugin-eks-encryption-backend',
  'migrations',
);

/** A running run without a heartbeat for this long is considered dead. */
const DEFAULT_RUN_TIMEOUT: HumanDuration = { minutes: 1 };
const DEFAULT_STALE_AFTER: HumanDuration = { hours: 48 };

export interface DatabaseEksEncryptionStoreOptions {
  database: DatabaseService;
  /** How long a running run may go without a heartbeat before it counts as failed. */
  runTimeout?: HumanDuration;
  /** Evidence older than this counts as `incomplete` (`eksEncryption.staleAfter`). */
  staleAfterMs?: number;
  /** The current time; tests pin it. */
  now?: () => Date;
}

/** {@link EksEncryptionStore} on the plugin's own knex database (SQLite or PostgreSQL). */
export class DatabaseEksEncryptionStore implements EksEncryptionStore {
  static async create(
    options: DatabaseEksEncryptionStoreOptions,
  ): Promise<DatabaseEksEncryptionStore> {
    const { database } = options;
    const client = await database.getClient();

    if (!database.migrations?.skip) {
      await client.migrate.latest({
        directory: migrationsDir,
      });
    }
    const now = options.now ?? (() => new Date());
    await buildAggregatesOnce(client, utcDay(now()), serializeWriters);

    return new DatabaseEksEncryptionStore(
      client,
      {
        now,
        runTimeoutMs: durationToMilliseconds(
          options.runTimeout ?? DEFAULT_RUN_TIMEOUT,
        ),
      },
      options.staleAfterMs ?? durationToMilliseconds(DEFAULT_STALE_AFTER),
    );
  }

  private constructor(
    private readonly db: Knex,
    private readonly clock: runs.RunClock,
    private readonly staleAfterMs: number,
  ) {}

  /** Which stored rollups each caller's readable set covers, until the next write. */
  private readonly coverage = new ReadCoverage();

  /** What "stale" means for a read made now. */
  private freshness(): Freshness {
    return {
      nowMs: this.clock.now().getTime(),
      staleAfterMs: this.staleAfterMs,
    };
  }

  createRun(options: CreateRunOptions): Promise<StoredRun> {
    return runs.createRun(this.db, this.clock, options);
  }

  updateRunProgress(runId: string, progress: RunProgress): Promise<void> {
    return runs.updateRunProgress(this.db, this.clock, runId, progress);
  }

  finishRun(runId: string, options: FinishRunOptions): Promise<void> {
    return runs.finishRun(this.db, this.clock, runId, options);
  }

  getRun(runId: string): Promise<StoredRun | undefined> {
    return runs.getRun(this.db, this.clock, runId);
  }

  findActiveOrRecentRefresh(
    entityRef: string,
    since: Date,
  ): Promise<StoredRun | undefined> {
    return runs.findActiveOrRecentRefresh(
      this.db,
      this.clock,
      entityRef,
      since,
    );
  }

  startRefresh(
    entityRef: string,
    options: StartRefreshOptions,
  ): Promise<StartRefreshResult | RefreshRefused> {
    return runs.startRefresh(this.db, this.clock, entityRef, options);
  }

  writeRunResults(results: RunResults): Promise<RunWriteSummary> {
    return writeRunResults(this.db, results);
  }

  listKeyUses(
    keyArns: readonly string[],
    excludingClusterArns: readonly string[],
  ): Promise<KeyUse[]> {
    return listKeyUses(this.db, keyArns, excludingClusterArns);
  }

  listClusterNamers(
    clusterArns: readonly string[],
  ): Promise<(ClusterNamer & { clusterArn: string })[]> {
    return listClusterNamers(this.db, clusterArns);
  }

  getFinishedUpdates(ids: readonly string[]): Promise<Map<string, EksUpdate>> {
    return getFinishedUpdates(this.db, ids);
  }

  pruneHistory(olderThan: Date): Promise<PruneHistoryResult> {
    return pruneHistory(this.db, this.clock, olderThan);
  }

  getEntityScorecard(
    entityRef: string,
    options?: ReadOptions,
  ): Promise<EntityScorecard | undefined> {
    return getEntityScorecard(this.db, this.freshness(), entityRef, options);
  }

  listEntityScorecards(
    options: ListEntityScorecardsOptions,
  ): Promise<EntityScorecardPage> {
    return listEntityScorecards(this.db, this.freshness(), options);
  }

  listClusters(options: ListClustersOptions): Promise<ClusterListPage> {
    return listClusters(this.db, this.freshness(), options);
  }

  listOwners(options: ReadOptions = {}): Promise<OwnerRollup[]> {
    return listOwners(this.db, this.freshness(), this.coverage, {
      readable: options.readable,
    });
  }

  getOwnerDetail(
    ownerRefs: readonly string[],
    options: GetOwnerDetailOptions = {},
  ): Promise<OwnerDetail> {
    return getOwnerDetail(
      this.db,
      this.freshness(),
      this.coverage,
      ownerRefs,
      options,
    );
  }

  getKpis(options: GetKpisOptions = {}): Promise<OrgKpis> {
    return getKpis(this.db, this.freshness(), this.coverage, options);
  }

  getDiscovery(options: {
    claimed?: boolean;
  }): Promise<Omit<Discovery, 'enabled'>> {
    return getDiscovery(this.db, this.freshness(), options);
  }

  getUnclaimedKpis(): Promise<UnclaimedKpis> {
    return getUnclaimedKpis(this.db, this.freshness());
  }

  async startChangeCursors(consumerIds: readonly string[]): Promise<void> {
    for (const id of consumerIds) await startCursor(this.db, id);
  }

  drainChanges(
    consumerId: string,
    batchSize: number,
    consume: (changes: EksEncryptionChange[]) => Promise<void>,
  ): Promise<number> {
    return drainChangeBatch(this.db, consumerId, batchSize, consume);
  }
}
