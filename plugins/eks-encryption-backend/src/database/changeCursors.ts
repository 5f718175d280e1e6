import type { Knex } from 'knex';
import type { EksEncryptionChange } from 'backstage-plugin-eks-encryption-node';
import { ChangeCursorRow, ChangeRow, TABLES } from './tables';
import { isPostgres } from './sql';
import { toIso, toNumber } from './values';

/** A consumer's cursor, created after the changes logged so far when it has none. */
export async function startCursor(
  db: Knex,
  consumerId: string,
): Promise<void> {
  const [{ last }] = await db(TABLES.changes).max({ last: 'id' });
  await db<ChangeCursorRow>(TABLES.changeCursors)
    .insert({ consumer_id: consumerId, last_id: toNumber(last) })
    .onConflict('consumer_id')
    .ignore();
}

function toChange(row: ChangeRow): EksEncryptionChange {
  const optional = <K extends keyof EksEncryptionChange>(
    key: K,
    value: unknown,
  ) => (value === null ? {} : { [key]: value });
  return {
    id: toNumber(row.id),
    ...optional('runId', row.run_id),
    type: row.type as EksEncryptionChange['type'],
    at: toIso(row.at),
    ...optional('clusterArn', row.cluster_arn),
    entityRefs: JSON.parse(row.entity_refs),
    ...optional('checkId', row.check_id),
    ...optional('severity', row.severity),
    ...optional('resolution', row.resolution),
    ...optional('previousVerdict', row.previous_verdict),
    ...optional('verdict', row.verdict),
    initial: Boolean(row.initial),
    ...optional('summary', row.summary),
    ...optional('remediation', row.remediation),
  };
}

/**
 * Hands the consumer its next batch of changes (after its cursor) and moves the
 * cursor past them once `consume` resolves; on PostgreSQL in one transaction that
 * holds the cursor row, so replicas sharing a database drain one batch at a time.
 * A batch whose `consume` throws stays for the next drain. A consumer seen for the first
 * time starts after the changes already logged. Returns how many were consumed.
 */
export async function drainChangeBatch(
  db: Knex,
  consumerId: string,
  batchSize: number,
  consume: (changes: EksEncryptionChange[]) => Promise<void>,
): Promise<number> {
  const drain = async (query: Knex, lock: boolean) => {
    await startCursor(query, consumerId);
    const cursor = query<ChangeCursorRow>(TABLES.changeCursors)
      .where({ consumer_id: consumerId })
      .first('last_id');
    // The row lock holds other replicas back until this batch is consumed.
    if (lock) cursor.forUpdate();
    const lastId = toNumber((await cursor)!.last_id);
    const rows: ChangeRow[] = await query(TABLES.changes)
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(batchSize);
    if (rows.length === 0) return 0;
    await consume(rows.map(toChange));
    await query<ChangeCursorRow>(TABLES.changeCursors)
      .where({ consumer_id: consumerId })
      .update({ last_id: toNumber(rows[rows.length - 1].id) });
    return rows.length;
  };
  // SQLite has one connection, which a consumer may need itself, and serves one
  // replica, whose drains ChangeDrainer runs one at a time: no lock to hold.
  return isPostgres(db)
    ? db.transaction(trx => drain(trx, true))
    : drain(db, false);
}
