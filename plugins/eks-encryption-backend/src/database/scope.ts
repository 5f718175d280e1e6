import type { Knex } from 'knex';
import type { ReadableEntities } from './EksEncryptionStore';
import { TABLES } from './tables';
import { valueList } from './sql';
import { entitiesAsRead, type Freshness } from './freshness';

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

/** One row per entity in scope, as {@link entitiesAsRead} reads it. */
export function entitySummaries(
  db: Knex,
  freshness: Freshness,
  scope: EntityScope,
): Knex.QueryBuilder {
  return whereEntityInScope(
    db,
    db.from(entitiesAsRead(db, freshness).as('e')).select('e.*'),
    'e',
    scope,
  );
}
