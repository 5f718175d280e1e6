import knexFactory, { type Knex } from 'knex';

type Measure<T> = (dialect: string, knex: Knex) => Promise<T>;

async function onSqlite<T>(measure: Measure<T>): Promise<T> {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  try {
    return await measure('SQLite (better-sqlite3, in memory)', knex);
  } finally {
    await knex.destroy();
  }
}

/**
 * `connectionString` naming database `name` instead. (With pg, a
 * `connectionString` wins over a separate `database` option: that would
 * connect to the string's database, `postgres` when it names none.)
 */
export function withDatabase(connectionString: string, name: string): string {
  const url = new URL(connectionString);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}

/** On a throwaway database, created and dropped. */
async function onPostgres<T>(
  connectionString: string,
  name: string,
  measure: Measure<T>,
): Promise<T> {
  const admin = knexFactory({ client: 'pg', connection: connectionString });
  await admin.raw('create database ??', [name]);
  const knex = knexFactory({
    client: 'pg',
    connection: withDatabase(connectionString, name),
  });
  try {
    const { rows } = await knex.raw<{ rows: { server_version: string }[] }>(
      'show server_version',
    );
    return await measure(
      `PostgreSQL ${rows[0].server_version.split(' ')[0]} (local)`,
      knex,
    );
  } finally {
    await knex.destroy();
    await admin.raw('drop database ??', [name]);
    await admin.destroy();
  }
}

/**
 * Measures on SQLite in memory (as the example app runs it), then on
 * PostgreSQL when BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING names a
 * role allowed to create databases; `databasePrefix` names the throwaway one.
 */
export async function measureOnDatabases<T>(
  databasePrefix: string,
  measure: Measure<T>,
): Promise<T[]> {
  const results = [await onSqlite(measure)];
  const connectionString =
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (connectionString) {
    results.push(
      await onPostgres(
        connectionString,
        `${databasePrefix}_${process.pid}`,
        measure,
      ),
    );
  }
  return results;
}
