import { fork } from 'node:child_process';
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

/** Which database a child process measures (see {@link measureOnDatabases}). */
const DIALECT_ENV = 'EKS_BENCH_DIALECT';

/**
 * Runs this same script again as a child process that measures on `dialect`
 * alone, and resolves with what it measured: each database gets a fresh
 * process, whose heap holds nothing from the other database's run.
 */
function inChildProcess<T>(dialect: 'sqlite' | 'postgres'): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    const child = fork(process.argv[1], process.argv.slice(2), {
      execArgv: process.execArgv,
      env: { ...process.env, [DIALECT_ENV]: dialect },
    });
    let result: { value: T } | undefined;
    child.on('message', value => {
      result = { value: value as T };
    });
    child.on('error', reject);
    child.on('exit', code =>
      result
        ? resolvePromise(result.value)
        : reject(new Error(`The ${dialect} benchmark exited with ${code}`)),
    );
  });
}

/**
 * Measures on SQLite in memory (as the example app runs it), then on
 * PostgreSQL when BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING names a
 * role allowed to create databases; `databasePrefix` names the throwaway one.
 * Each database is measured in a child process of its own; `measure`'s result
 * must survive JSON.
 */
export async function measureOnDatabases<T>(
  databasePrefix: string,
  measure: Measure<T>,
): Promise<T[]> {
  const connectionString =
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  const dialect = process.env[DIALECT_ENV];
  if (dialect) {
    const result =
      dialect === 'sqlite'
        ? await onSqlite(measure)
        : await onPostgres(
            connectionString!,
            `${databasePrefix}_${process.pid}`,
            measure,
          );
    // Hand the result to the parent and end here: the parent reports.
    process.send!(result, () => process.exit(0));
    return new Promise<never>(() => {});
  }
  const results = [await inChildProcess<T>('sqlite')];
  if (connectionString) results.push(await inChildProcess<T>('postgres'));
  return results;
}
