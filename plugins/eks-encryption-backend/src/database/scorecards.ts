import type { Knex } from 'knex';
import {
  summarizeEntity,
  type AnnotationError,
  type CheckResult,
  type ClusterScorecard,
  type ClusterVerdict,
  type EncryptionState,
  type EntityScorecard,
  type EntityScorecardPage,
  type Grade,
} from 'backstage-plugin-eks-encryption-common';
import type {
  ListEntityScorecardsOptions,
  ReadOptions,
} from './EksEncryptionStore';
import { ClusterRow, EntityRow, TABLES } from './tables';
import { decodeCursor, encodeCursor } from './cursor';
import { valueList } from './sql';
import { whereEntityInScope } from './scope';
import { orUndefined, toBoolean, toIso } from './values';
import { assertLimit } from './limits';
import { groupBy } from './collections';

/** The cluster columns every listing returns, without the check results. */
export function toClusterSummary(
  row: Omit<ClusterRow, 'checks'>,
): Omit<ClusterScorecard, 'checks'> {
  const summary: Omit<ClusterScorecard, 'checks'> = {
    arn: row.arn,
    accountId: row.account_id,
    region: row.region,
    name: row.name,
    verdict: row.verdict as ClusterVerdict,
    score: row.score,
    grade: row.grade as Grade,
    evaluatedAt: toIso(row.evaluated_at),
    stale: toBoolean(row.stale),
  };
  const optional = {
    version: orUndefined(row.version),
    encryptionState: orUndefined(row.encryption_state) as
      | EncryptionState
      | undefined,
    keyRef: orUndefined(row.key_ref),
    keyArn: orUndefined(row.key_arn),
    environment: orUndefined(row.environment),
    error: orUndefined(row.error),
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) Object.assign(summary, { [key]: value });
  }
  return summary;
}

export function toClusterScorecard(row: ClusterRow): ClusterScorecard {
  return {
    ...toClusterSummary(row),
    checks: JSON.parse(row.checks) as CheckResult[],
  };
}

/** An entity's scorecard from its row and its stored clusters. */
export function toEntityScorecard(
  entity: EntityRow,
  clusterRows: readonly ClusterRow[],
): EntityScorecard {
  const clusters = [...clusterRows]
    .sort((a, b) => a.arn.localeCompare(b.arn))
    .map(toClusterScorecard);
  const summary = summarizeEntity(clusters);
  const evaluatedAt = clusters.reduce<string | null>(
    (oldest, c) =>
      oldest === null || c.evaluatedAt < oldest ? c.evaluatedAt : oldest,
    null,
  );
  return {
    entityRef: entity.entity_ref,
    ...summary,
    evaluatedAt,
    stale: clusters.some(c => c.stale),
    annotationErrors: JSON.parse(entity.annotation_errors) as AnnotationError[],
    clusters,
  };
}

async function loadScorecards(
  db: Knex,
  entities: readonly EntityRow[],
): Promise<EntityScorecard[]> {
  if (entities.length === 0) return [];
  const links = await db
    .from({ l: TABLES.entityClusters })
    .join({ c: TABLES.clusters }, 'c.arn', 'l.cluster_arn')
    .whereIn(
      'l.entity_ref',
      valueList(
        db,
        entities.map(e => e.entity_ref),
      ),
    )
    .select<(ClusterRow & { entity_ref: string })[]>('l.entity_ref', 'c.*');
  const byEntity = groupBy(links, l => l.entity_ref);
  return entities.map(e =>
    toEntityScorecard(e, byEntity.get(e.entity_ref) ?? []),
  );
}

export async function getEntityScorecard(
  db: Knex,
  entityRef: string,
  options: ReadOptions = {},
): Promise<EntityScorecard | undefined> {
  if (options.readable && !options.readable.entityRefs.includes(entityRef)) {
    return undefined;
  }
  const entity = await db<EntityRow>(TABLES.entities)
    .where({ entity_ref: entityRef })
    .first();
  if (!entity) return undefined;
  const [scorecard] = await loadScorecards(db, [entity]);
  return scorecard;
}

export async function listEntityScorecards(
  db: Knex,
  options: ListEntityScorecardsOptions,
): Promise<EntityScorecardPage> {
  assertLimit(options.limit);
  const query = db
    .from({ e: TABLES.entities })
    .select<EntityRow[]>('e.*')
    .orderBy('e.entity_ref')
    .limit(options.limit + 1);
  if (options.cursor) {
    query.where('e.entity_ref', '>', decodeCursor(options.cursor));
  }
  const rows: EntityRow[] = await whereEntityInScope(db, query, 'e', {
    readable: options.readable,
  });
  const page = rows.slice(0, options.limit);
  const items = await loadScorecards(db, page);
  return rows.length > options.limit
    ? { items, nextCursor: encodeCursor(page[page.length - 1].entity_ref) }
    : { items };
}
