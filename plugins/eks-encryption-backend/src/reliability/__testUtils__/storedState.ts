import type { Knex } from 'knex';
import {
  TABLES,
  type ClusterRow,
  type EntityClusterRow,
  type FindingRow,
  type RunRow,
} from '../../database/tables';
import { toBoolean, toNumber } from '../../database/values';

/*
 * Read-only views of the plugin's tables, as the tests compare them: the same
 * numbers on SQLite and PostgreSQL (bigints come back as strings there).
 */

/** One row of `runs`, as stored (a dead run still says `running` here). */
export interface RunState {
  id: string;
  kind: string;
  status: string;
  entityRef: string | null;
  requestedBy: string | null;
  startedAt: number;
  heartbeatAt: number;
  clustersTotal: number;
  clustersDone: number;
  error: string | null;
}

export async function storedRuns(
  knex: Knex,
  kind?: 'scheduled' | 'refresh',
): Promise<RunState[]> {
  const rows = await knex<RunRow>(TABLES.runs)
    .where(kind ? { kind } : {})
    .orderBy('started_at');
  return rows.map(row => ({
    id: row.id,
    kind: row.kind,
    status: row.status,
    entityRef: row.entity_ref,
    requestedBy: row.requested_by,
    startedAt: toNumber(row.started_at),
    heartbeatAt: toNumber(row.heartbeat_at),
    clustersTotal: row.clusters_total,
    clustersDone: row.clusters_done,
    error: row.error,
  }));
}

/** When the stored evaluation of each cluster was read (epoch ms), by ARN. */
export async function evaluatedAt(knex: Knex): Promise<Record<string, number>> {
  const rows = await knex<ClusterRow>(TABLES.clusters).select(
    'arn',
    'evaluated_at',
  );
  return Object.fromEntries(
    rows.map(r => [r.arn, toNumber(r.evaluated_at)] as const),
  );
}

/** The clusters each entity is linked to, by entity ref. */
async function storedLinks(knex: Knex): Promise<Record<string, string[]>> {
  const rows = await knex<EntityClusterRow>(TABLES.entityClusters).orderBy([
    'entity_ref',
    'cluster_arn',
  ]);
  const links: Record<string, string[]> = {};
  for (const { entity_ref, cluster_arn } of rows) {
    (links[entity_ref] ??= []).push(cluster_arn);
  }
  return links;
}

/** Everything a run's results consist of: verdicts, evidence times, findings, links. */
export interface StoredEvidence {
  clusters: Record<
    string,
    { verdict: string; evaluatedAt: number; stale: boolean }
  >;
  /** `<cluster ARN> <check>` of every open finding, with when it was opened. */
  openFindings: Record<string, number>;
  links: Record<string, string[]>;
}

export async function storedEvidence(knex: Knex): Promise<StoredEvidence> {
  const clusters = await knex<ClusterRow>(TABLES.clusters).select(
    'arn',
    'verdict',
    'evaluated_at',
    'stale',
  );
  const findings = await knex<FindingRow>(TABLES.findings)
    .whereNull('resolved_at')
    .select('cluster_arn', 'check_id', 'opened_at');
  return {
    clusters: Object.fromEntries(
      clusters.map(c => [
        c.arn,
        {
          verdict: c.verdict,
          evaluatedAt: toNumber(c.evaluated_at),
          stale: toBoolean(c.stale),
        },
      ]),
    ),
    openFindings: Object.fromEntries(
      findings.map(f => [
        `${f.cluster_arn} ${f.check_id}`,
        toNumber(f.opened_at),
      ]),
    ),
    links: await storedLinks(knex),
  };
}
