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
} from 'backstage-plugin-eks-encryption-common';
import type { EksUpdate } from '../aws/types';
import type { KeyUse } from '../engine/types';
import type {
  CreateRunOptions,
  EksEncryptionStore,
  FinishRunOptions,
  GetKpisOptions,
  ListClustersOptions,
  ListEntityScorecardsOptions,
  PruneHistoryResult,
  ReadOptions,
  RunProgress,
  RunResults,
  RunWriteSummary,
  StartRefreshResult,
  StoredRun,
} from './EksEncryptionStore';
import * as runs from './runs';
import { writeRunResults } from './writeRunResults';
import { getEntityScorecard, listEntityScorecards } from './scorecards';
import { listClusters } from './clusterList';
import { listOwners } from './rollups';
import { getOwnerDetail } from './ownerDetail';
import { getKpis } from './kpis';
import { getFinishedUpdates, listKeyUses } from './engineInputs';
import { pruneHistory } from './history';

const migrationsDir = resolvePackagePath(
  'backstage-plugin-eks-encryption-backend',
  'migrations',
);

/** A running run without progress for this long is considered dead. */
const DEFAULT_RUN_TIMEOUT: HumanDuration = { minutes: 30 };

export interface DatabaseEksEncryptionStoreOptions {
  database: DatabaseService;
  /** How long a running run may go without progress before it counts as failed. */
  runTimeout?: HumanDuration;
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

    return new DatabaseEksEncryptionStore(client, {
      now: options.now ?? (() => new Date()),
      runTimeoutMs: durationToMilliseconds(
        options.runTimeout ?? DEFAULT_RUN_TIMEOUT,
      ),
    });
  }

  private constructor(
    private readonly db: Knex,
    private readonly clock: runs.RunClock,
  ) {}

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

  startRefresh(entityRef: string, since: Date): Promise<StartRefreshResult> {
    return runs.startRefresh(this.db, this.clock, entityRef, since);
  }

  writeRunResults(results: RunResults): Promise<RunWriteSummary> {
    return writeRunResults(this.db, results);
  }

  listKeyUses(excludingClusterArns: readonly string[]): Promise<KeyUse[]> {
    return listKeyUses(this.db, excludingClusterArns);
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
    return getEntityScorecard(this.db, entityRef, options);
  }

  listEntityScorecards(
    options: ListEntityScorecardsOptions,
  ): Promise<EntityScorecardPage> {
    return listEntityScorecards(this.db, options);
  }

  listClusters(options: ListClustersOptions): Promise<ClusterListPage> {
    return listClusters(this.db, options);
  }

  listOwners(options: ReadOptions = {}): Promise<OwnerRollup[]> {
    return listOwners(this.db, { readable: options.readable });
  }

  getOwnerDetail(
    ownerRefs: readonly string[],
    options: ReadOptions = {},
  ): Promise<OwnerDetail> {
    return getOwnerDetail(this.db, ownerRefs, options);
  }

  getKpis(options: GetKpisOptions = {}): Promise<OrgKpis> {
    return getKpis(this.db, options);
  }
}
