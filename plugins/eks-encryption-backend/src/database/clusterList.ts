import type { Knex } from 'knex';
import type {
  ClusterListItem,
  ClusterListPage,
} from 'backstage-plugin-eks-encryption-common';
import type { ListClustersOptions } from './EksEncryptionStore';
import { TABLES } from './tables';
import { decodeCursor, encodeCursor } from './cursor';
import { likePattern, valueList } from './sql';
import { EntityScope, isUnrestricted, scopedClusters } from './scope';
import { SEVERITIES, toFindingCounts } from './findingCounts';
import { toClusterSummary, type ClusterRowAsRead } from './scorecards';
import { toNumber } from './values';
import { groupBy } from './collections';
import { assertLimit, assertOffset } from './limits';
import { clustersAsRead, type Freshness } from './freshness';

const SUMMARY_COLUMNS = [
  'arn',
  'account_id',
  'region',
  'name',
  'version',
  'encryption_state',
  'key_ref',
  'key_arn',
  'environment',
  'is_production',
  'verdict',
  'score',
  'grade',
  'evaluated_at',
  'error',
  'stale',
  'stored_verdict',
  'attempted_at',
  ...SEVERITIES.map(severity => `open_${severity}`),
].map(column => `c.${column}`);

export async function listClusters(
  db: Knex,
  freshness: Freshness,
  options: ListClustersOptions,
): Promise<ClusterListPage> {
  assertLimit(options.limit);
  assertOffset(options.offset);
  const scope: EntityScope = {
    readable: options.readable,
    ownerRefs: options.owner ? [options.owner] : undefined,
  };

  const base = db.from(clustersAsRead(db, freshness).as('c'));
  if (!isUnrestricted(scope)) {
    base.whereIn('c.arn', scopedClusters(db, scope, false));
  }
  if (options.verdict) base.where('c.verdict', options.verdict);
  if (options.accountId) base.where('c.account_id', options.accountId);
  if (options.region) base.where('c.region', options.region);
  if (options.environment) base.where('c.environment', options.environment);
  if (options.search) {
    const pattern = likePattern(options.search);
    base.where(search =>
      search
        .whereRaw(`lower(c.name) like ? escape '\\'`, [pattern])
        .orWhereRaw(`lower(c.arn) like ? escape '\\'`, [pattern]),
    );
  }

  const total = await base.clone().count({ n: '*' }).first();
  const pageQuery = base
    .clone()
    .select(SUMMARY_COLUMNS)
    .orderBy('c.arn')
    .limit(options.limit + 1);
  if (options.cursor) {
    pageQuery.where('c.arn', '>', decodeCursor(options.cursor));
  } else if (options.offset) {
    pageQuery.offset(options.offset);
  }
  const rows: Omit<ClusterRowAsRead, 'checks'>[] = await pageQuery;
  const page = rows.slice(0, options.limit);
  const items = await withLinksAndFindings(db, freshness, page, options);

  const result: ClusterListPage = {
    items,
    totalCount: toNumber(total?.n),
  };
  if (rows.length > options.limit) {
    result.nextCursor = encodeCursor(page[page.length - 1].arn);
  }
  return result;
}

async function withLinksAndFindings(
  db: Knex,
  freshness: Freshness,
  page: readonly Omit<ClusterRowAsRead, 'checks'>[],
  options: ListClustersOptions,
): Promise<ClusterListItem[]> {
  if (page.length === 0) return [];
  const arns = page.map(c => c.arn);

  // A page's links are few: filtering them here spares the database a join
  // with the (possibly long) list of readable entities.
  const readable = options.readable?.entityRefs;
  const links: {
    cluster_arn: string;
    entity_ref: string;
    owner_ref: string | null;
  }[] = (
    await db
      .from({ l: TABLES.entityClusters })
      .join({ e: TABLES.entities }, 'e.entity_ref', 'l.entity_ref')
      .whereIn('l.cluster_arn', valueList(db, arns))
      .select('l.cluster_arn', 'l.entity_ref', 'e.owner_ref')
      .orderBy('l.entity_ref')
  ).filter(
    (link: { entity_ref: string }) =>
      !readable || readable.has(link.entity_ref),
  );

  const linksByArn = groupBy(links, l => l.cluster_arn);

  return page.map(row => {
    const own = linksByArn.get(row.arn) ?? [];
    return {
      ...toClusterSummary(row, freshness),
      owners: [
        ...new Set(
          own.flatMap(l => (l.owner_ref === null ? [] : [l.owner_ref])),
        ),
      ].sort(),
      entityRefs: own.map(l => l.entity_ref),
      openFindings: toFindingCounts(row),
    };
  });
}
