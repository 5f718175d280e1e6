import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

// Kinds, namespaces and names of the catalog: letters, digits and [-_.], no separators.
const PART = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,252}$/;

function checked(kind: string, namespace: string, name: string): string {
  for (const [label, value] of [
    ['kind', kind],
    ['namespace', namespace],
    ['name', name],
  ]) {
    if (!PART.test(value)) {
      throw new InputError(
        `Invalid entity ref: ${label} "${value.slice(
          0,
          100,
        )}" must be letters, digits, "-", "_" or "."`,
      );
    }
  }
  return stringifyEntityRef({ kind, namespace, name });
}

/** The lower-cased entity ref of `/:namespace/:kind/:name` path parameters. */
export function entityRefFromPath(params: {
  namespace: string;
  kind: string;
  name: string;
}): string {
  return checked(params.kind, params.namespace, params.name);
}

/**
 * A lower-cased full entity ref from a string such as `component:default/payments`.
 * `defaultKind` allows shorthand such as `team-a` for owners.
 */
export function parseEntityRefParam(
  value: string,
  options?: { defaultKind?: string },
): string {
  let ref;
  try {
    ref = parseEntityRef(value.trim(), {
      defaultKind: options?.defaultKind,
      defaultNamespace: 'default',
    });
  } catch {
    throw new InputError(
      `Invalid entity ref "${value.slice(
        0,
        100,
      )}": expected <kind>:<namespace>/<name>`,
    );
  }
  return checked(ref.kind, ref.namespace, ref.name);
}
