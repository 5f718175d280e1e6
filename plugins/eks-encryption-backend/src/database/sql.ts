import type { Knex } from 'knex';
import { VERDICT_ORDER } from 'backstage-plugin-eks-encryption-common';

/** Lists up to this long are bound value by value: simpler to plan. */
const INLINE_VALUES = 100;

/**
 * The values of a `whereIn`. Short lists are bound value by value. Long lists
 * (10,000 readable entity refs) become the rows of one text column `value`
 * from a single bound array instead of one bind variable per value, which
 * SQLite and PostgreSQL both limit; the database joins them like a table.
 */
export function valueList(
  db: Knex,
  values: readonly string[],
): string[] | Knex.QueryBuilder {
  if (values.length <= INLINE_VALUES) return [...values];
  if (isPostgres(db)) {
    // A text[] parameter: PostgreSQL plans `unnest` with the array's real
    // length (a JSON function would be estimated at 100 rows).
    return db.select(db.raw('unnest(?::text[]) as value', [[...values]]));
  }
  return db
    .from(db.raw('json_each(?)', [JSON.stringify(values)]))
    .select('value');
}

/** Restricts `column` to `values`; undefined `values` means every row. */
export function whereInUnlessAll(
  db: Knex,
  query: Knex.QueryBuilder,
  column: string,
  values: readonly string[] | undefined,
): Knex.QueryBuilder {
  return values === undefined
    ? query
    : query.whereIn(column, valueList(db, values));
}

export function isPostgres(db: Knex): boolean {
  const client = String(db.client.config.client);
  return client === 'pg' || client === 'postgres' || client === 'postgresql';
}

/**
 * Rows per multi-row insert of `columns` columns. knex writes a multi-row
 * insert on SQLite as a compound select, limited to 500 terms; PostgreSQL
 * takes up to 65,535 bind variables per statement, and fewer round trips
 * matter there.
 */
export function rowsPerInsert(db: Knex, columns: number): number {
  if (!isPostgres(db)) return 200;
  return Math.min(5000, Math.floor(60_000 / columns));
}

/**
 * Inserts `rows` (all with the keys of the first) in multi-row `values` statements,
 * updating on a conflict over `conflict.key` when given. knex writes a
 * multi-row insert on SQLite as a compound select, whose preparing costs more
 * than running it; `values` rows are cheap to prepare on both databases.
 */
export async function insertRows<Row extends object>(
  trx: Knex.Transaction,
  table: string,
  rows: readonly Row[],
  conflict?: { key: keyof Row & string },
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]) as (keyof Row & string)[];
  const quoted = (name: string) => `"${name}"`;
  const placeholders = `(${columns.map(() => '?').join(', ')})`;
  const upsert = conflict
    ? ` on conflict (${quoted(conflict.key)}) do update set ${columns
        .filter(column => column !== conflict.key)
        .map(column => `${quoted(column)} = excluded.${quoted(column)}`)
        .join(', ')}`
    : '';
  for (const batch of chunk(rows, rowsPerInsert(trx, columns.length))) {
    await trx.raw(
      `insert into ${quoted(table)} (${columns
        .map(quoted)
        .join(', ')}) values ${batch
        .map(() => placeholders)
        .join(', ')}${upsert}`,
      batch.flatMap(row => columns.map(column => row[column] ?? null)),
    );
  }
}

/** Splits rows for multi-row statements that stay under the bind limits. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    chunks.push(items.slice(i, i + size));
  }
  return chunks;
}

/**
 * Rank of a cluster verdict column in `VERDICT_ORDER` (0 = worst), so that an
 * entity's verdict is the `MIN` of its clusters' ranks.
 */
export function verdictRank(db: Knex, column: string): Knex.Raw {
  // Ranks are inlined integers so that PostgreSQL types the result as integer.
  const cases = VERDICT_ORDER.map((_, rank) => `when ? then ${rank}`).join(' ');
  return db.raw(`case ?? ${cases} end`, [column, ...VERDICT_ORDER]);
}

/** The `compliant` rank of {@link verdictRank}. */
export const COMPLIANT_RANK = VERDICT_ORDER.indexOf('compliant');

/** The `incomplete` rank: the best an entity with annotation errors or stale evidence gets. */
export const INCOMPLETE_RANK = VERDICT_ORDER.indexOf('incomplete');

/** Escapes `%`, `_` and `\` for `like ... escape '\'`. */
export function likePattern(search: string): string {
  return `%${search.toLowerCase().replace(/[\\%_]/g, c => `\\${c}`)}%`;
}

/**
 * `expression` compared by code point, as JavaScript compares strings, on
 * either database (PostgreSQL's default collation may follow a locale).
 */
export function byteOrder(db: Knex, expression: string): string {
  return isPostgres(db) ? `${expression} collate "C"` : expression;
}
