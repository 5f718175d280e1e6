// The entities of the example catalog (examples/entities.yaml, and with `includeOrg`
// examples/org.yaml), read without a YAML library: each file is a plain list of
// documents with `kind:` and `metadata.name`.
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const EXAMPLES_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'examples',
);

function entitiesOf(fileName) {
  return readFileSync(join(EXAMPLES_DIR, fileName), 'utf8')
    .split(/^---$/m)
    .map(doc => ({
      kind: doc.match(/^kind:\s*(\S+)/m)?.[1],
      name: doc.match(/^metadata:\n(?:\s{2}.*\n)*?\s{2}name:\s*(\S+)/m)?.[1],
    }))
    .filter(entity => entity.kind && entity.name);
}

/**
 * `{ kind, name }` of every entity in examples/entities.yaml, and also of
 * examples/org.yaml (groups and users) with `includeOrg`.
 */
export function exampleEntities({ includeOrg = false } = {}) {
  return [
    ...entitiesOf('entities.yaml'),
    ...(includeOrg ? entitiesOf('org.yaml') : []),
  ];
}
