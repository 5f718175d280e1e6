import {
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

const validators = makeValidator();

/**
 * A full entity ref for an owner given as a ref or a bare group name, or
 * undefined when it is not one (parseEntityRef alone accepts any characters).
 */
export function toOwnerRef(value: string): string | undefined {
  let ref;
  try {
    ref = parseEntityRef(value.trim(), {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
  } catch {
    return undefined;
  }
  const valid =
    validators.isValidKind(ref.kind) &&
    // Refs compare case-insensitively; a namespace's own rules are lower-case.
    validators.isValidNamespace(ref.namespace.toLocaleLowerCase('en-US')) &&
    validators.isValidEntityName(ref.name);
  return valid ? stringifyEntityRef(ref) : undefined;
}
