import type { Knex } from 'knex';
import type { ReadableEntities } from './EksEncryptionStore';
import { TABLES } from './tables';
import { valueList, verdictRank } from './sql';
import { clustersAsRead, type Freshness } from './freshness';
import { VERDICT_ORDER } from 'backstage-plugin-eks-encryption-common';

const INCOMPLETE_RANK = VERDICT_ORDER.indexOf('incomplete');

/** Which entities a read covers. */
export interface EntityScope {
  /** Undefined: every entity. */
  readable?: ReadableEntities;
  /** Only entities owned by one of these refs. */
  ownerRefs?: readonly string[];
  /** Leave out entities without an owner (owner rollups). */
  ownedOnly?: boolean;
}

export function isUnrestricted(scope: EntityScope): boolean {
  return !scope.readable && !scope.ownerRefs && !scope.ownedOnly;
}

/** Restricts a query joined to `entities` under `alias` to the scope. */
export function whereEntityInScope(
  db: Knex,
  query: Knex.QueryBuilder,
  alias: string,
  scope: EntityScope,
): Knex.QueryBuilder {
  if (scope.readable) {
    query.whereIn(
      `${alias}.entity_ref`,
      valueList(db, [...scope.readable.entityRefs]),
    );
  }
  if (scope.ownerRefs) {
    query.whereIn(`${alias}.owner_ref`, valueList(db, scope.ownerRefs));
  }
  if (scope.ownedOnly) {
    query.whereNotNull(`${alias}.owner_ref`);
  }
  return query;
}

/**
 * Distinct stored clusters linked to an entity in scope: `cluster_arn`, and
 * `owner_ref` too when `byOwner` (a cluster counts once per owner).
 */
export function scopedClusters(
  db: Knex,
  scope: EntityScope,
  byOwner: boolean,
): Knex.QueryBuilder {
  const query = db
    .from({ l: TABLES.entityClusters })
    .join({ e: TABLES.entities }, 'e.entity_ref', 'l.entity_ref')
    .join({ c: TABLES.clusters }, 'c.arn', 'l.cluster_arn')
    .distinct(byOwner ? ['e.owner_ref', 'l.cluster_arn'] : ['l.cluster_arn']);
  return whereEntityInScope(db, query, 'e', scope);
}

/**
 * One row per entity in scope, aggregated over its stored clusters as read
 * (see freshness.ts): `entity_ref`, `owner_ref`, `clusters` (count),
 * `worst_rank` (null without clusters; `incomplete` at best with annotation
 * errors: an entity is only as good as what could be checked), `min_score`,
 * `evaluated_at` (oldest), `stale` (0/1).
 */
export function entitySummaries(
  db: Knex,
  freshness: Freshness,
  scope: EntityScope,
): Knex.QueryBuilder {
  const grouped = db
    .from({ e: TABLES.entities })
    .leftJoin({ l: TABLES.entityClusters }, 'l.entity_ref', 'e.entity_ref')
    .leftJoin(clustersAsRead(db, freshness).as('c'), 'c.arn', 'l.cluster_arn')
    .groupBy('e.entity_ref', 'e.owner_ref')
    .select(
      'e.entity_ref',
      'e.owner_ref',
      db.raw('count(c.arn) as clusters'),
      db.raw('min(?) as cluster_rank', [verdictRank(db, 'c.verdict')]),
      db.raw(
        `max(case when e.annotation_errors <> '[]' then 1 else 0 end) as has_errors`,
      ),
      db.raw('min(c.score) as min_score'),
      db.raw('min(c.evaluated_at) as evaluated_at'),
      db.raw('max(case when c.stale then 1 else 0 end) as stale'),
    );
  whereEntityInScope(db, grouped, 'e', scope);
  return db
    .from(grouped.as('es'))
    .select(
      'es.entity_ref',
      'es.owner_ref',
      'es.clusters',
      db.raw(
        `case when es.has_errors = 1 and (es.cluster_rank is null or es.cluster_rank > ${INCOMPLETE_RANK}) then ${INCOMPLETE_RANK} else es.cluster_rank end as worst_rank`,
      ),
      'es.min_score',
      'es.evaluated_at',
      'es.stale',
    );
}
