import type { Knex } from 'knex';
import {
  VERDICT_ORDER,
  type CheckResult,
  type EntityVerdict,
} from 'backstage-plugin-eks-encryption-common';
import type { EksEncryptionChange } from 'backstage-plugin-eks-encryption-node';
import { ChangeRow, EntityClusterRow, EntityRow, TABLES } from './tables';
import { chunk, rowsPerInsert, valueList } from './sql';
import { groupBy } from './collections';

/** A change before it has an id, a time, a run and (for clusters) its entities. */
export type ChangeInput = Omit<
  EksEncryptionChange,
  'id' | 'at' | 'runId' | 'entityRefs' | 'initial'
> & { entityRefs?: string[]; initial?: boolean };

const COLUMNS_PER_ROW = 14;

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
    for (const batch of chunk(rows, rowsPerInsert(trx, COLUMNS_PER_ROW))) {
      await trx(TABLES.changes).insert(batch);
    }
  }
}

/** Entities' stored verdicts (`entities.verdict_rank`), all or only `entityRefs`. */
export async function entityVerdicts(
  trx: Knex.Transaction,
  entityRefs: readonly string[] | undefined,
): Promise<Map<string, EntityVerdict>> {
  const verdicts = new Map<string, EntityVerdict>();
  const read = async (batch?: readonly string[]) => {
    const query = trx<EntityRow & { verdict_rank: number | null }>(
      TABLES.entities,
    ).select('entity_ref', 'verdict_rank');
    if (batch) query.whereIn('entity_ref', valueList(trx, batch));
    for (const row of await query) {
      verdicts.set(
        row.entity_ref,
        row.verdict_rank === null
          ? 'not-evaluated'
          : VERDICT_ORDER[Number(row.verdict_rank)],
      );
    }
  };
  if (!entityRefs) await read();
  else for (const batch of chunk(entityRefs, 5000)) await read(batch);
  return verdicts;
}

/** An `entity-verdict` change for every entity whose stored verdict moved. */
export function logEntityVerdicts(
  log: ChangeLog,
  before: ReadonlyMap<string, EntityVerdict>,
  after: ReadonlyMap<string, EntityVerdict>,
): void {
  for (const [entityRef, verdict] of after) {
    const previous = before.get(entityRef);
    if (previous === verdict) continue;
    if (previous === undefined && verdict === 'not-evaluated') continue;
    log.add({
      type: 'entity-verdict',
      entityRefs: [entityRef],
      verdict,
      ...(previous ? { previousVerdict: previous } : { initial: true }),
    });
  }
}
