import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { JsonRulesEngineFactCheckerFactory } from '@backstage-community/plugin-tech-insights-backend-module-jsonfc';
import { parse } from 'yaml';
import { eksEncryptionChecks } from './checks';
import { EKS_ENCRYPTION_FACT_RETRIEVER_ID } from './retriever/schema';
import { storeWithFacts } from './__testUtils__/techInsightsStore';

const START = '<!-- tech-insights-config:start -->';
const END = '<!-- tech-insights-config:end -->';

/** The app config the README documents, built from the exported checks. */
const appConfig: JsonObject = toConfigData({
  techInsights: {
    factRetrievers: {
      [EKS_ENCRYPTION_FACT_RETRIEVER_ID]: {
        cadence: '*/15 * * * *',
        lifecycle: { timeToLive: { weeks: 2 } },
      },
    },
    factChecker: {
      checks: Object.fromEntries(
        eksEncryptionChecks.map(({ id, ...check }) => [id, check]),
      ),
    },
  },
});

/** Config is plain JSON data, as YAML would give it. */
function toConfigData(value: object): JsonObject {
  return JSON.parse(JSON.stringify(value));
}

function documentedYaml(): string {
  const readme = readFileSync(resolve(__dirname, '../README.md'), 'utf8');
  const block = readme.split(START)[1]?.split(END)[0];
  const yaml = block?.match(/```yaml\n([\s\S]*?)```/)?.[1];
  if (yaml === undefined) {
    throw new Error(`README.md has no yaml block between ${START} and ${END}`);
  }
  return yaml;
}

describe('README configuration', () => {
  it('is the exported checks, written as app config', () => {
    // On failure, write the received config into the README's yaml block.
    expect(parse(documentedYaml())).toEqual(appConfig);
  });

  it('is read by the json-rules-engine fact checker as the exported checks', async () => {
    const checker = JsonRulesEngineFactCheckerFactory.fromConfig(
      new ConfigReader(appConfig),
      { logger: mockServices.logger.mock() },
    ).construct(storeWithFacts(undefined));
    expect(await checker.getChecks()).toEqual(eksEncryptionChecks);
  });
});
