import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/**
 * The catalog owner a cluster's owner tag names: `group:default/payments`,
 * `user:default/jane` or a bare group name. Undefined when the tag is not a group
 * or user ref, or names nothing `exists` knows.
 */
export async function ownerRefFromTag(
  value: string | undefined,
  exists: (ref: string) => Promise<boolean>,
): Promise<string | undefined> {
  if (!value) return undefined;
  let ref: string;
  try {
    const parsed = parseEntityRef(value.trim(), {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
    if (!['group', 'user'].includes(parsed.kind.toLocaleLowerCase('en-US'))) {
      return undefined;
    }
    ref = stringifyEntityRef(parsed).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
  return (await exists(ref)) ? ref : undefined;
}
