import type {
  FlatTechInsightFact,
  TechInsightsStore,
} from '@backstage-community/plugin-tech-insights-node';
import {
  EKS_ENCRYPTION_FACT_RETRIEVER_ID,
  eksEncryptionFactSchema,
  type EksEncryptionFacts,
} from '../retriever/schema';

/**
 * A tech-insights store holding our schema and, when given, the latest facts
 * of the retriever for every entity.
 */
export function storeWithFacts(
  facts: EksEncryptionFacts | undefined,
): TechInsightsStore {
  return {
    insertFacts: jest.fn(),
    insertFactSchema: jest.fn(),
    getEntities: jest.fn(),
    getFactsBetweenTimestampsByIds: jest.fn(),
    getLatestSchemas: jest.fn(async () => [eksEncryptionFactSchema]),
    getLatestFactsByIds: jest.fn(
      async (
        ids: string[],
        entity: string,
      ): Promise<Record<string, FlatTechInsightFact>> =>
        facts && ids.includes(EKS_ENCRYPTION_FACT_RETRIEVER_ID)
          ? {
              [EKS_ENCRYPTION_FACT_RETRIEVER_ID]: {
                id: EKS_ENCRYPTION_FACT_RETRIEVER_ID,
                entity: parseTriplet(entity),
                facts,
              },
            }
          : {},
    ),
  };
}

function parseTriplet(entity: string) {
  const [kind, rest] = entity.split(':');
  const [namespace, name] = rest.split('/');
  return { kind, namespace, name };
}
