import type {
  FactRetriever,
  TechInsightFact,
} from '@backstage-community/plugin-tech-insights-node';
import {
  parseEntityRef,
  stringifyEntityRef,
  type CompoundEntityRef,
} from '@backstage/catalog-model';
import { EksEncryptionEntitiesClient } from '../client/EksEncryptionEntitiesClient';
import { toEksEncryptionFacts } from './facts';
import {
  EKS_ENCRYPTION_FACT_RETRIEVER_ID,
  eksEncryptionFactSchema,
} from './schema';

/** Kinds that can carry the cluster annotation or depend on a cluster Resource. */
const EVALUATED_KINDS = ['component', 'resource', 'system', 'api'];

/**
 * Options of {@link createEksEncryptionFactRetriever}.
 *
 * @public
 */
export interface EksEncryptionFactRetrieverOptions {
  /** Entities asked per page of the eks-encryption API; 100 by default. */
  pageSize?: number;
}

/**
 * The fact retriever publishing one fact set per entity known to the
 * eks-encryption backend, entities without clusters included, so that no
 * entity keeps facts of an earlier run as its latest ones.
 *
 * @public
 */
export function createEksEncryptionFactRetriever(
  options: EksEncryptionFactRetrieverOptions = {},
): FactRetriever {
  return {
    id: EKS_ENCRYPTION_FACT_RETRIEVER_ID,
    version: '0.1.0',
    title: 'EKS Secrets encryption',
    description:
      'Envelope encryption of Kubernetes Secrets on the EKS clusters of an entity, from the eks-encryption scorecards.',
    entityFilter: [{ kind: EVALUATED_KINDS }],
    schema: eksEncryptionFactSchema,
    async handler({ discovery, auth, logger }) {
      const client = new EksEncryptionEntitiesClient({
        discovery,
        auth,
        pageSize: options.pageSize,
      });
      const scorecards = await client.listAllEntityScorecards();

      // Keyed by normalized ref: one row per entity and run.
      const factsByEntity = new Map<string, TechInsightFact>();
      for (const scorecard of scorecards) {
        let entity: CompoundEntityRef;
        try {
          entity = parseEntityRef(scorecard.entityRef);
        } catch (error) {
          logger.warn(
            `Skipping EKS encryption scorecard with invalid entity ref '${scorecard.entityRef}': ${error}`,
          );
          continue;
        }
        if (!EVALUATED_KINDS.includes(entity.kind.toLocaleLowerCase('en-US'))) {
          continue;
        }
        factsByEntity.set(stringifyEntityRef(entity), {
          entity,
          facts: toEksEncryptionFacts(scorecard),
        });
      }
      logger.info(
        `Read ${scorecards.length} EKS encryption scorecards, publishing facts for ${factsByEntity.size} entities`,
      );
      return [...factsByEntity.values()];
    },
  };
}
