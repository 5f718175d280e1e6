import type { DbBigInt, DbBoolean } from './tables';

/**
 * The one place where driver values become JavaScript values: PostgreSQL returns
 * bigints, counts and averages as strings and booleans as booleans; SQLite
 * returns numbers for all of them.
 */

/** A bigint, count or average column as a number. */
export function toNumber(value: DbBigInt | null | undefined): number {
  return value === null || value === undefined ? 0 : Number(value);
}

/** A nullable aggregate as a number, or null. */
export function toNumberOrNull(
  value: DbBigInt | null | undefined,
): number | null {
  return value === null || value === undefined ? null : Number(value);
}

export function toBoolean(
  value: DbBoolean | DbBigInt | null | undefined,
): boolean {
  return value === true || Number(value) === 1;
}

/** Epoch milliseconds, as stored, from an instant. */
export function toMillis(instant: Date | string): number {
  const millis =
    typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(millis)) {
    throw new TypeError(`Invalid instant ${String(instant)}`);
  }
  return millis;
}

/** An instant column as ISO 8601. */
export function toIso(value: DbBigInt): string {
  return new Date(Number(value)).toISOString();
}

export function toIsoOrUndefined(
  value: DbBigInt | null | undefined,
): string | undefined {
  return value === null || value === undefined ? undefined : toIso(value);
}

/** The UTC day of an instant, YYYY-MM-DD. */
export function utcDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

export function orUndefined<T>(value: T | null | undefined): T | undefined {
  return value === null ? undefined : value;
}

const MILLIS_PER_HOUR = 3_600_000;

/** A mean duration in milliseconds (as aggregated) in hours. */
export function millisToHours(
  value: DbBigInt | null | undefined,
): number | null {
  const millis = toNumberOrNull(value);
  return millis === null ? null : millis / MILLIS_PER_HOUR;
}
