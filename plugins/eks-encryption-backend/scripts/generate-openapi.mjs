// Generates everything that derives from src/schema/openapi.yaml, the only
// hand-written definition of the API:
//
// - src/schema/openapi.generated.ts in this package: the spec module the
//   validated router needs;
// - src/schema/openapi/generated/ in backstage-plugin-eks-encryption-common:
//   the openapi-typescript types of the API (`paths`, `components`), the limits
//   of its parameters as runtime constants, and an index. That package is
//   isomorphic, so the frontend and the Tech Insights module both import them.
//
// Usage: node scripts/generate-openapi.mjs           writes the files
//        node scripts/generate-openapi.mjs --check   writes nothing; exits 1
//                                                     naming every stale file
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import openapiTS, { astToString } from 'openapi-typescript';

const require = createRequire(import.meta.url);
const { parse } = require('yaml');
const prettier = require('prettier');

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(packageDir, '../..');
const specPath = resolve(packageDir, 'src/schema/openapi.yaml');
const commonGeneratedDir = resolve(
  packageDir,
  '../eks-encryption-common/src/schema/openapi/generated',
);

const HEADER = `// Generated from plugins/eks-encryption-backend/src/schema/openapi.yaml by
// plugins/eks-encryption-backend/scripts/generate-openapi.mjs: do not edit.
// Run \`yarn generate\` in plugins/eks-encryption-backend after changing the spec.`;

const spec = parse(readFileSync(specPath, 'utf8'));

/** The spec module of the validated router (backend only: it imports Node code). */
function routerModule() {
  return `${HEADER}
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';

export const spec = ${JSON.stringify(spec, null, 2)} as const;

export const createOpenApiRouter = async (
  options?: Parameters<typeof createValidatedOpenApiRouter>['1'],
) => createValidatedOpenApiRouter<typeof spec>(spec, options);
`;
}

/** `paths`, `components` and `operations` as openapi-typescript writes them. */
async function typesModule() {
  const ast = await openapiTS(structuredClone(spec), { alphabetize: false });
  return `${HEADER}
/* eslint-disable */
${astToString(ast)}`;
}

const LIMIT_KEYWORDS = [
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'pattern',
  'default',
];

function resolveRef(node) {
  if (!node || typeof node.$ref !== 'string') return node;
  const path = node.$ref.replace(/^#\//, '').split('/');
  return resolveRef(path.reduce((at, key) => at?.[key], spec));
}

/**
 * The bounds of every parameter that has some, by operation id and parameter
 * name, so that clients can stay within them without copying numbers.
 */
function parameterLimits() {
  const limits = {};
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    for (const [method, operation] of Object.entries(item)) {
      if (!operation?.operationId) continue;
      const parameters = [
        ...(item.parameters ?? []),
        ...(operation.parameters ?? []),
      ].map(resolveRef);
      const byName = {};
      for (const parameter of parameters) {
        const schema = resolveRef(parameter.schema) ?? {};
        const bounds = Object.fromEntries(
          LIMIT_KEYWORDS.filter(k => schema[k] !== undefined).map(k => [
            k,
            schema[k],
          ]),
        );
        if (Object.keys(bounds).length === 0) continue;
        if (byName[parameter.name]) {
          throw new Error(
            `${method.toUpperCase()} ${path}: parameter ${
              parameter.name
            } is declared twice`,
          );
        }
        byName[parameter.name] = bounds;
      }
      if (Object.keys(byName).length > 0) {
        limits[operation.operationId] = byName;
      }
    }
  }
  return limits;
}

function limitsModule() {
  return `${HEADER}

/**
 * Bounds of the API's parameters, by operation id and parameter name, read
 * from the spec: e.g. \`apiParameterLimits.ListEntityScorecards.limit.maximum\`
 * is the largest page size.
 */
export const apiParameterLimits = ${JSON.stringify(
    parameterLimits(),
    null,
    2,
  )} as const;
`;
}

function indexModule() {
  return `${HEADER}
export type { components, operations, paths } from './types';
export { apiParameterLimits } from './limits';
`;
}

const outputs = [
  [resolve(packageDir, 'src/schema/openapi.generated.ts'), routerModule],
  [resolve(commonGeneratedDir, 'types.ts'), typesModule],
  [resolve(commonGeneratedDir, 'limits.ts'), limitsModule],
  [resolve(commonGeneratedDir, 'index.ts'), indexModule],
];

async function format(target, source) {
  const options = (await prettier.resolveConfig(target)) ?? {};
  return prettier.format(source, { ...options, filepath: target });
}

const check = process.argv.includes('--check');
const stale = [];
for (const [target, render] of outputs) {
  const text = await format(target, await render());
  const current = existsSync(target) ? readFileSync(target, 'utf8') : undefined;
  if (current === text) continue;
  if (check) {
    stale.push(relative(repoRoot, target));
  } else {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
    console.log(`wrote ${relative(repoRoot, target)}`);
  }
}

if (stale.length > 0) {
  console.error(
    `Stale generated code; run \`yarn generate\` in plugins/eks-encryption-backend and commit:\n${stale
      .map(file => `  ${file}`)
      .join('\n')}`,
  );
  process.exit(1);
}
