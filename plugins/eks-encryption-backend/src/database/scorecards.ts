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
import {
  ClusterRow,
  EntityClusterRow,
  EntityRow,
  FindingRow,
  TABLES,
} from './tables';
import type { FindingTotalColumns } from './findingCounts';
import { clustersAsRead, type Freshness } from './freshness';
import { decodeCursor, encodeCursor } from './cursor';
import { valueList } from './sql';
import { whereEntityInScope } from './scope';
import { orUndefined, toBoolean, toIso, toNumber } from './values';
import { assertLimit } from './limits';
import { groupBy } from './collections';

/** A cluster row as {@link clustersAsRead} returns it. */
export type ClusterRowAsRead = ClusterRow &
  FindingTotalColumns & { stored_verdict?: string };

/** Why a cluster's evidence is stale, for the card. */
function staleReason(
  row: Omit<ClusterRowAsRead, 'checks'>,
  freshness: Freshness,
): string | undefined {
  const evaluatedAt = toNumber(row.evaluated_at);
  const pastLimit = evaluatedAt < freshness.nowMs - freshness.staleAfterMs;
  const failed = row.error !== null && row.stored_verdict !== 'error';
  if (!pastLimit && !failed) return undefined;
  const since = `Last read successfully ${toIso(row.evaluated_at)}`;
  const limit = pastLimit
    ? `; older than the ${formatHours(
        freshness.staleAfterMs,
      )} limit, so it counts as incomplete`
    : '';
  const why = failed ? `. Latest attempt: ${row.error}` : '';
  return `${since}${limit}${why}`;
}

function formatHours(ms: number): string {
  const hours = ms / 3_600_000;
  return hours >= 1
    ? `${Number(hours.toFixed(1))} h`
    : `${Math.round(ms / 60_000)} min`;
}

/** The cluster columns every listing returns, without the check results. */
export function toClusterSummary(
  row: Omit<ClusterRowAsRead, 'checks'>,
  freshness: Freshness,
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
    lastVerdict:
      row.stored_verdict && row.stored_verdict !== row.verdict
        ? (row.stored_verdict as ClusterVerdict)
        : undefined,
    staleReason: staleReason(row, freshness),
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) Object.assign(summary, { [key]: value });
  }
  return summary;
}

/** An open finding of a cluster, as the card shows it beside its check. */
type OpenFindingRow = Pick<
  FindingRow,
  'cluster_arn' | 'check_id' | 'opened_at' | 'unverified_since'
>;

function withOpenFindings(
  checks: CheckResult[],
  findings: readonly OpenFindingRow[],
): CheckResult[] {
  if (findings.length === 0) return checks;
  const byCheck = new Map(findings.map(f => [f.check_id, f]));
  return checks.map(check => {
    const finding = byCheck.get(check.id);
    if (!finding) return check;
    return {
      ...check,
      openFinding: {
        openedAt: toIso(finding.opened_at),
        ...(finding.unverified_since === null
          ? {}
          : { unverifiedSince: toIso(finding.unverified_since) }),
      },
    };
  });
}

function toClusterScorecard(
  row: ClusterRowAsRead,
  freshness: Freshness,
  findings: readonly OpenFindingRow[] = [],
): ClusterScorecard {
  return {
    ...toClusterSummary(row, freshness),
    checks: withOpenFindings(JSON.parse(row.checks) as CheckResult[], findings),
  };
}

/** An entity's scorecard from its row and its stored clusters. */
function toEntityScorecard(
  entity: EntityRow,
  clusterRows: readonly ClusterRowAsRead[],
  freshness: Freshness,
  findings: ReadonlyMap<string, OpenFindingRow[]> = new Map(),
): EntityScorecard {
  const clusters = [...clusterRows]
    .sort((a, b) => a.arn.localeCompare(b.arn))
    .map(row =>
      toClusterScorecard(row, freshness, findings.get(row.arn) ?? []),
    );
  const annotationErrors = JSON.parse(
    entity.annotation_errors,
  ) as AnnotationError[];
  const summary = summarizeEntity(clusters, {
    annotationErrors: annotationErrors.length,
  });
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
    annotationErrors,
    clusters,
  };
}

/*
 * Scorecards are read in two steps: the links, then what they name, keyed by
 * entity ref or cluster ARN. Each query is then an index lookup that
 * PostgreSQL plans in microseconds; a join or an `in (select …)` over the
 * links costs it more to plan than to run.
 */

/** The links of these entities. */
function linksOf(
  db: Knex,
  entityRefs: readonly string[],
): Promise<EntityClusterRow[]> {
  return db(TABLES.entityClusters)
    .whereIn('entity_ref', valueList(db, entityRefs))
    .select('entity_ref', 'cluster_arn');
}

const arnsOf = (links: readonly EntityClusterRow[]) => [
  ...new Set(links.map(link => link.cluster_arn)),
];

/** The stored clusters and open findings behind `links`, read together. */
async function linkedClustersAndFindings(
  db: Knex,
  freshness: Freshness,
  links: readonly EntityClusterRow[],
) {
  const arns = arnsOf(links);
  const [clusters, findings]: [ClusterRowAsRead[], OpenFindingRow[]] =
    arns.length === 0
      ? [[], []]
      : await Promise.all([
          clustersAsRead(db, freshness).whereIn('r.arn', valueList(db, arns)),
          db<FindingRow>(TABLES.findings)
            .whereNull('resolved_at')
            .whereIn('cluster_arn', valueList(db, arns))
            .select('cluster_arn', 'check_id', 'opened_at', 'unverified_since'),
        ]);
  const clusterOf = new Map(clusters.map(row => [row.arn, row]));
  const clustersByEntity = new Map<string, ClusterRowAsRead[]>();
  for (const [entityRef, entityLinks] of groupBy(links, l => l.entity_ref)) {
    clustersByEntity.set(
      entityRef,
      entityLinks.flatMap(link => clusterOf.get(link.cluster_arn) ?? []),
    );
  }
  return {
    clustersByEntity,
    findingsByArn: groupBy(findings, f => f.cluster_arn),
  };
}

function toEntityScorecards(
  entities: readonly EntityRow[],
  freshness: Freshness,
  linked: Awaited<ReturnType<typeof linkedClustersAndFindings>>,
): EntityScorecard[] {
  return entities.map(e =>
    toEntityScorecard(
      e,
      linked.clustersByEntity.get(e.entity_ref) ?? [],
      freshness,
      linked.findingsByArn,
    ),
  );
}

export async function getEntityScorecard(
  db: Knex,
  freshness: Freshness,
  entityRef: string,
  options: ReadOptions = {},
): Promise<EntityScorecard | undefined> {
  if (options.readable && !options.readable.entityRefs.has(entityRef)) {
    return undefined;
  }
  const [entity, links] = await Promise.all([
    db<EntityRow>(TABLES.entities).where({ entity_ref: entityRef }).first(),
    linksOf(db, [entityRef]),
  ]);
  if (!entity) return undefined;
  const [linked, otherLinks] = await Promise.all([
    linkedClustersAndFindings(db, freshness, links),
    otherLinksOf(db, entityRef, arnsOf(links)),
  ]);
  const [scorecard] = toEntityScorecards([entity], freshness, linked);
  return withOtherLinks(scorecard, otherLinks, options);
}

/** The other entities linking these clusters of `entityRef`. */
async function otherLinksOf(
  db: Knex,
  entityRef: string,
  arns: readonly string[],
): Promise<EntityClusterRow[]> {
  if (arns.length === 0) return [];
  return db(TABLES.entityClusters)
    .whereIn('cluster_arn', valueList(db, arns))
    .whereNot('entity_ref', entityRef)
    .orderBy('entity_ref')
    .select('entity_ref', 'cluster_arn');
}

/**
 * Names, on each cluster of one entity's scorecard, the other readable entities
 * linking it: several Resources may stand for one ARN, and all of them show it.
 */
function withOtherLinks(
  scorecard: EntityScorecard,
  rows: readonly EntityClusterRow[],
  options: ReadOptions,
): EntityScorecard {
  if (scorecard.clusters.length === 0) return scorecard;
  const readable = options.readable?.entityRefs;
  const others = groupBy(
    rows.filter(r => !readable || readable.has(r.entity_ref)),
    r => r.cluster_arn,
  );
  return {
    ...scorecard,
    clusters: scorecard.clusters.map(cluster => {
      const refs = others.get(cluster.arn)?.map(r => r.entity_ref);
      return refs ? { ...cluster, alsoLinkedBy: refs } : cluster;
    }),
  };
}

export async function listEntityScorecards(
  db: Knex,
  freshness: Freshness,
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
  const items =
    page.length === 0
      ? []
      : toEntityScorecards(
          page,
          freshness,
          await linkedClustersAndFindings(
            db,
            freshness,
            await linksOf(
              db,
              page.map(e => e.entity_ref),
            ),
          ),
        );
  return rows.length > options.limit
    ? { items, nextCursor: encodeCursor(page[page.length - 1].entity_ref) }
    : { items };
}
