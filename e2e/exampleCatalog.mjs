// The entities of the example catalog (examples/entities.yaml, and with `includeOrg`
// examples/org.yaml): each file is a stream of YAML documents, one entity each.
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

const EXAMPLES_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'examples',
);

function entitiesOf(fileName) {
  const documents = parseAllDocuments(
    readFileSync(join(EXAMPLES_DIR, fileName), 'utf8'),
  );
  return documents
    .map(document => {
      if (document.errors.length > 0) {
        throw new Error(`examples/${fileName}: ${document.errors[0].message}`);
      }
      const entity = document.toJS();
      return { kind: entity?.kind, name: entity?.metadata?.name };
    })
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
