/**
 * A cluster's environment: the value of the first tag named in `tagKeys` (tag keys
 * compared without case), trimmed; undefined when none is set.
 */
export function environmentOf(
  tags: Readonly<Record<string, string>>,
  tagKeys: readonly string[],
): string | undefined {
  const byLowerKey = new Map(
    Object.entries(tags).map(([k, v]) => [k.toLowerCase(), v]),
  );
  for (const key of tagKeys) {
    const value = (tags[key] ?? byLowerKey.get(key.toLowerCase()))?.trim();
    if (value) return value;
  }
  return undefined;
}

/** Environments compare without case or surrounding space. */
export function sameEnvironment(a?: string, b?: string): boolean {
  return (
    a !== undefined &&
    b !== undefined &&
    a.trim().toLowerCase() === b.trim().toLowerCase()
  );
}
