// The entities of the example catalog (examples/entities.yaml), read without a YAML
// library: the file is a plain list of documents with `kind:` and `metadata.name`.
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ENTITIES_FILE = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'examples',
  'entities.yaml',
);

/** `{ kind, name }` of every entity in examples/entities.yaml. */
export function exampleEntities() {
  return readFileSync(ENTITIES_FILE, 'utf8')
    .split(/^---$/m)
    .map(doc => ({
      kind: doc.match(/^kind:\s*(\S+)/m)?.[1],
      name: doc.match(/^metadata:\n(?:\s{2}.*\n)*?\s{2}name:\s*(\S+)/m)?.[1],
    }))
    .filter(entity => entity.kind && entity.name);
}
