import type {
  FactRetriever,
  TechInsightFact,
} from '@backstage-community/plugin-tech-insights-node';
import {
  parseEntityRef,
  stringifyEntityRef,
  type CompoundEntityRef,
} from '@backstage/catalog-model';
import {
  checkPageSize,
  EksEncryptionBackendClient,
  ENTITY_PAGE_SIZE,
} from '../client/EksEncryptionBackendClient';
import { toEksEncryptionFacts } from './facts';
import {
  EKS_ENCRYPTION_FACT_RETRIEVER_ID,
  EKS_ENCRYPTION_FACT_RETRIEVER_VERSION,
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
  /**
   * Entities asked per page of the eks-encryption API: within the bounds of
   * its spec, the largest it accepts by default.
   */
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
  // Refused now, at startup, rather than at every run.
  const pageSize = checkPageSize(options.pageSize ?? ENTITY_PAGE_SIZE.maximum);
  return {
    id: EKS_ENCRYPTION_FACT_RETRIEVER_ID,
    version: EKS_ENCRYPTION_FACT_RETRIEVER_VERSION,
    title: 'EKS Secrets encryption',
    description:
      'Envelope encryption of Kubernetes Secrets on the EKS clusters of an entity, from the eks-encryption scorecards.',
    entityFilter: [{ kind: EVALUATED_KINDS }],
    schema: eksEncryptionFactSchema,
    async handler({ discovery, auth, logger }) {
      const client = new EksEncryptionBackendClient({
        discovery,
        auth,
        pageSize,
      });
      // The checks registered now, custom ones included: the keys of eksCheckStatuses.
      const checkIds = (await client.listChecks()).map(check => check.id);
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
          facts: toEksEncryptionFacts(scorecard, checkIds),
        });
      }
      logger.info(
        `Read ${scorecards.length} EKS encryption scorecards and ${checkIds.length} checks, publishing facts for ${factsByEntity.size} entities`,
      );
      return [...factsByEntity.values()];
    },
  };
}
