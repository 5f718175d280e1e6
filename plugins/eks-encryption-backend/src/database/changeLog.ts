import type { Knex } from 'knex';
import {
  VERDICT_ORDER,
  type CheckResult,
  type EntityVerdict,
} from 'backstage-plugin-eks-encryption-common';
import type { EksEncryptionChange } from 'backstage-plugin-eks-encryption-node';
import { ChangeRow, EntityClusterRow, FindingRow, TABLES } from './tables';
import { chunk, insertRows, rowsPerInsert, valueList } from './sql';
import { groupBy } from './collections';

/** A change before it has an id, a time, a run and (for clusters) its entities. */
export type ChangeInput = Omit<
  EksEncryptionChange,
  'id' | 'at' | 'runId' | 'entityRefs' | 'initial'
> & { entityRefs?: string[]; initial?: boolean };

/**
 * Updates the findings `findings()` selects with `values` and logs each as a
 * change of `type` (with the resolution `values` sets, if any).
 */
export async function updateFindingsLogged(
  findings: () => Knex.QueryBuilder,
  values: Partial<FindingRow>,
  log: ChangeLog,
  type: 'finding-resolved' | 'finding-unverified',
): Promise<void> {
  const rows: Pick<FindingRow, 'cluster_arn' | 'check_id' | 'severity'>[] =
    await findings().select('cluster_arn', 'check_id', 'severity');
  if (rows.length === 0) return;
  for (const row of rows) {
    log.add({
      type,
      clusterArn: row.cluster_arn,
      checkId: row.check_id,
      severity: row.severity as CheckResult['severity'],
      ...(values.resolution ? { resolution: values.resolution } : {}),
    });
  }
  await findings().update(values);
}

/** The first remediation of a failing check, as one line of text. */
export function firstRemediation(check: CheckResult): string | undefined {
  return check.remediation?.steps[0] ?? check.remediation?.snippets[0]?.code;
}

/**
 * The changes of one write, collected as the write makes them and stored in the
 * same transaction (the outbox): nothing is published before the write commits,
 * and nothing committed is lost.
 */
export class ChangeLog {
  private readonly changes: ChangeInput[] = [];

  add(change: ChangeInput): void {
    this.changes.push(change);
  }

  get size(): number {
    return this.changes.length;
  }

  /** Clusters with a finding opened or resolved in this write. */
  clustersWithFindingChanges(): string[] {
    const arns = new Set<string>();
    for (const change of this.changes) {
      const opensOrResolves =
        change.type === 'finding-opened' || change.type === 'finding-resolved';
      if (opensOrResolves && change.clusterArn) arns.add(change.clusterArn);
    }
    return [...arns];
  }

  /** Stores the changes; a cluster's change names the entities linking it now. */
  async write(
    trx: Knex.Transaction,
    options: { runId?: string; nowMs: number },
  ): Promise<void> {
    if (this.changes.length === 0) return;
    const arns = [
      ...new Set(
        this.changes
          .filter(c => !c.entityRefs && c.clusterArn)
          .map(c => c.clusterArn!),
      ),
    ];
    const linked = new Map<string, string[]>();
    for (const batch of chunk(arns, 5000)) {
      const rows: EntityClusterRow[] = await trx<EntityClusterRow>(
        TABLES.entityClusters,
      )
        .whereIn('cluster_arn', valueList(trx, batch))
        .select('entity_ref', 'cluster_arn');
      for (const [arn, links] of groupBy(rows, r => r.cluster_arn)) {
        linked.set(
          arn,
          links.map(l => l.entity_ref),
        );
      }
    }
    const rows: Omit<ChangeRow, 'id'>[] = this.changes.map(c => ({
      run_id: options.runId ?? null,
      type: c.type,
      at: options.nowMs,
      cluster_arn: c.clusterArn ?? null,
      entity_refs: JSON.stringify(
        c.entityRefs ?? (c.clusterArn ? linked.get(c.clusterArn) : []) ?? [],
      ),
      check_id: c.checkId ?? null,
      severity: c.severity ?? null,
      resolution: c.resolution ?? null,
      previous_verdict: c.previousVerdict ?? null,
      verdict: c.verdict ?? null,
      initial: c.initial ?? false,
      summary: c.summary ?? null,
      remediation: c.remediation ?? null,
    }));
    await insertRows(trx, TABLES.changes, rows);
  }
}

const NOT_EVALUATED_RANK = -1;

const verdictOfRank = (rank: number): EntityVerdict =>
  rank === NOT_EVALUATED_RANK ? 'not-evaluated' : VERDICT_ORDER[rank];

/**
 * An `entity-verdict` change for every entity (all, or only `entityRefs`) whose
 * stored verdict moved since it was last logged; compared in SQL, so a full run
 * reads only the entities that changed.
 */
export async function logEntityVerdicts(
  trx: Knex.Transaction,
  log: ChangeLog,
  entityRefs: readonly string[] | undefined,
): Promise<void> {
  const current = `coalesce(verdict_rank, ${NOT_EVALUATED_RANK})`;
  const moved = (batch?: readonly string[]) => {
    const query = trx(TABLES.entities).where(function changed() {
      this.whereRaw(`logged_verdict_rank is null and ${current} <> ?`, [
        NOT_EVALUATED_RANK,
      ]).orWhereRaw(`logged_verdict_rank <> ${current}`);
    });
    if (batch) query.whereIn('entity_ref', valueList(trx, batch));
    return query;
  };
  const batches = entityRefs ? chunk(entityRefs, 5000) : [undefined];
  for (const batch of batches) {
    const rows: {
      entity_ref: string;
      logged: number | null;
      current: number;
    }[] = await moved(batch).select(
      'entity_ref',
      'logged_verdict_rank as logged',
      trx.raw(`${current} as current`),
    );
    if (rows.length === 0) continue;
    for (const row of rows) {
      const logged = row.logged === null ? undefined : Number(row.logged);
      log.add({
        type: 'entity-verdict',
        entityRefs: [row.entity_ref],
        verdict: verdictOfRank(Number(row.current)),
        ...(logged === undefined
          ? { initial: true }
          : { previousVerdict: verdictOfRank(logged) }),
      });
    }
    for (const refs of chunk(
      rows.map(r => r.entity_ref),
      rowsPerInsert(trx, 1),
    )) {
      await trx(TABLES.entities)
        .whereIn('entity_ref', refs)
        .update({ logged_verdict_rank: trx.raw(current) });
    }
  }
}
