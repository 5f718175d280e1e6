import { createHash } from 'node:crypto';
import type { DatabaseService } from '@backstage/backend-plugin-api';

type Knex = Awaited<ReturnType<DatabaseService['getClient']>>;

/** Prefixed: this table lives in the eks-encryption plugin's own database. */
export const SENT_TABLE = 'notifications_sent';
/**
 * Separate from the plugin's `knex_migrations`: sharing it would make each side see
 * the other's migrations as missing files and refuse to start.
 */
export const MIGRATIONS_TABLE = 'notifications_knex_migrations';

/** Below SQLite's bound-variable limit and friendly to every engine. */
const CHUNK = 500;

/**
 * Knex migrations kept in code: versioned and run under knex's migration lock, so
 * replicas starting together do not race on `CREATE TABLE`, and no migration files
 * need to ship with the package.
 */
const MIGRATIONS: Record<
  string,
  { up(knex: Knex): Promise<void>; down(knex: Knex): Promise<void> }
> = {
  '20261130000000_notifications_sent': {
    async up(knex) {
      await knex.schema.createTable(SENT_TABLE, table => {
        table.comment(
          'What the eks-encryption notifications module sent, for its quiet period and retries',
        );
        // sha256 of recipient and key: fixed width, whatever the length of an ARN.
        table.string('id', 64).primary();
        table.text('recipient_ref').notNullable();
        table.text('item_key').notNullable();
        table.bigInteger('change_id').notNullable();
        table.bigInteger('sent_at').notNullable();
        table.index(['sent_at'], 'notifications_sent_sent_at_idx');
      });
    },
    async down(knex) {
      await knex.schema.dropTable(SENT_TABLE);
    },
  },
};

/** An item as the log knows it: its quiet-period key and the change it came from. */
export interface SentLogItem {
  key: string;
  changeId: number;
}

function rowId(recipientRef: string, key: string): string {
  return createHash('sha256').update(`${recipientRef}\n${key}`).digest('hex');
}

function chunks<T>(values: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let at = 0; at < values.length; at += CHUNK) {
    result.push(values.slice(at, at + CHUNK));
  }
  return result;
}

/**
 * What was sent to whom and when, in the database, so the quiet period survives
 * restarts and holds across replicas.
 *
 * @public
 */
export class DatabaseSentLog {
  /** Runs the module's migrations (unless the database service skips them). */
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseSentLog> {
    const knex = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await knex.migrate.latest({
        tableName: MIGRATIONS_TABLE,
        migrationSource: {
          getMigrations: async () => Object.keys(MIGRATIONS).sort(),
          getMigrationName: (name: string) => name,
          getMigration: async (name: string) => MIGRATIONS[name],
        },
      });
    }
    return new DatabaseSentLog(knex);
  }

  private constructor(private readonly knex: Knex) {}

  /**
   * The keys of `items` that may be sent to `recipientRef` now: not sent within the
   * quiet period, and not already sent for this change or a later one (a retried
   * batch, even with a quiet period of zero).
   */
  async unsent(
    recipientRef: string,
    items: readonly SentLogItem[],
    options: { now: number; quietPeriodMs: number },
  ): Promise<Set<string>> {
    const ids = new Map(
      items.map(item => [rowId(recipientRef, item.key), item]),
    );
    const sent = new Map<string, { changeId: number; sentAt: number }>();
    for (const chunk of chunks([...ids.keys()])) {
      const rows: Array<{ id: string; change_id: unknown; sent_at: unknown }> =
        await this.knex(SENT_TABLE)
          .select('id', 'change_id', 'sent_at')
          .whereIn('id', chunk);
      for (const row of rows) {
        // PostgreSQL returns bigint columns as strings.
        sent.set(row.id, {
          changeId: Number(row.change_id),
          sentAt: Number(row.sent_at),
        });
      }
    }

    const result = new Set<string>();
    for (const [id, item] of ids) {
      const previous = sent.get(id);
      const quiet =
        previous !== undefined &&
        options.now - previous.sentAt < options.quietPeriodMs;
      const done = previous !== undefined && previous.changeId >= item.changeId;
      if (!quiet && !done) result.add(item.key);
    }
    return result;
  }

  /** Records a send; only after it succeeded, so a failed one is tried again. */
  async record(
    recipientRef: string,
    items: readonly SentLogItem[],
    options: { now: number },
  ): Promise<void> {
    // One row per key: PostgreSQL refuses to upsert the same row twice in one statement.
    const latest = new Map(items.map(item => [item.key, item]));
    const rows = [...latest.values()].map(item => ({
      id: rowId(recipientRef, item.key),
      recipient_ref: recipientRef,
      item_key: item.key,
      change_id: item.changeId,
      sent_at: options.now,
    }));
    for (const chunk of chunks(rows)) {
      await this.knex(SENT_TABLE)
        .insert(chunk)
        .onConflict('id')
        .merge(['change_id', 'sent_at']);
    }
  }

  /** Forgets sends older than `before` (epoch ms): they no longer hold anything back. */
  async prune(before: number): Promise<void> {
    await this.knex(SENT_TABLE).where('sent_at', '<', before).delete();
  }
}
