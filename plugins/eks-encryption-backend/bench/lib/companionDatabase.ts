import knexFactory, { type Knex } from 'knex';
import { withDatabase } from './databases';

/** A second database next to `knex`, for another plugin of the same backend. */
export interface CompanionDatabase {
  knex: Knex;
  /** Closes it and, on PostgreSQL, drops it. */
  drop(): Promise<void>;
}

/**
 * A throwaway database of the same kind as `knex` (one that `measureOnDatabases`
 * gave): another SQLite database in memory, or on PostgreSQL another database
 * `name` created with BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING.
 */
export async function companionDatabase(
  knex: Knex,
  name: string,
): Promise<CompanionDatabase> {
  const client = String(knex.client.config.client);
  if (client !== 'pg') {
    const sqlite = knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    return { knex: sqlite, drop: () => sqlite.destroy() };
  }
  const connectionString =
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (!connectionString) {
    throw new Error(
      'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is not set',
    );
  }
  const admin = knexFactory({ client: 'pg', connection: connectionString });
  await admin.raw('create database ??', [name]);
  const pg = knexFactory({
    client: 'pg',
    connection: withDatabase(connectionString, name),
  });
  return {
    knex: pg,
    drop: async () => {
      await pg.destroy();
      await admin.raw('drop database ??', [name]);
      await admin.destroy();
    },
  };
}
