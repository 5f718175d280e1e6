import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
// `yaml` is installed with the Backstage CLI, not yet declared in devDependencies.
// eslint-disable-next-line @backstage/no-undeclared-imports
import { parse } from 'yaml';
import { spec } from './openapi.generated';

describe('openapi.generated', () => {
  it('is the object openapi.yaml describes', () => {
    const yaml = parse(
      readFileSync(resolve(__dirname, 'openapi.yaml'), 'utf8'),
    );
    expect(spec).toEqual(yaml);
  });
});
