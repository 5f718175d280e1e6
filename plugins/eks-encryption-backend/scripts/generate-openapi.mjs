// Writes src/schema/openapi.generated.ts, the spec module the validated router needs,
// from src/schema/openapi.yaml (the only hand-written definition of the API).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { parse } = require('yaml');
const prettier = require('prettier');

const schemaDir = resolve(dirname(fileURLToPath(import.meta.url)), '../src/schema');
const spec = parse(readFileSync(resolve(schemaDir, 'openapi.yaml'), 'utf8'));
const source = `// Generated from openapi.yaml by scripts/generate-openapi.mjs: do not edit.
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';

export const spec = ${JSON.stringify(spec, null, 2)} as const;

export const createOpenApiRouter = async (
  options?: Parameters<typeof createValidatedOpenApiRouter>['1'],
) => createValidatedOpenApiRouter<typeof spec>(spec, options);
`;
const target = resolve(schemaDir, 'openapi.generated.ts');
const options = (await prettier.resolveConfig(target)) ?? {};
writeFileSync(
  target,
  await prettier.format(source, { ...options, filepath: target }),
);
