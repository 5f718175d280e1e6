import type { FactSchema } from '@backstage-community/plugin-tech-insights-common';
import type {
  EksEncryptionApiSchemas,
  EntityVerdict,
} from 'backstage-plugin-eks-encryption-common';

/**
 * Id of the fact retriever, and the key of its entry under
 * `techInsights.factRetrievers` in the app config.
 *
 * @public
 */
export const EKS_ENCRYPTION_FACT_RETRIEVER_ID = 'eksEncryptionFactRetriever';

/**
 * Version of the retriever and its fact schema; 0.2.0 added `eksCheckStatuses`.
 *
 * @public
 */
export const EKS_ENCRYPTION_FACT_RETRIEVER_VERSION = '0.2.0';

/**
 * The status of one check over an entity's clusters.
 *
 * @public
 */
export type EksCheckStatusFact = EksEncryptionApiSchemas['CheckStatus'];

/**
 * How an entity's clusters encrypt Secrets: the common state of all of them,
 * `mixed` when they differ, `unknown` when a cluster's state is not known.
 *
 * @public
 */
export type EksEncryptionStateFact =
  | 'none'
  | 'aws-owned-default'
  | 'kms-key'
  | 'mixed'
  | 'unknown';

/**
 * The facts published for one entity. Every fact is always present.
 *
 * @public
 */
export type EksEncryptionFacts = {
  eksEvaluationComplete: boolean;
  eksEncryptionState: EksEncryptionStateFact;
  eksEnvelopeEncryption: boolean;
  eksCustomerManagedKey: boolean;
  eksKeyUsable: boolean;
  eksKeyRotationCompliant: boolean;
  eksKeyDedicated: boolean;
  eksKeyPolicyScoped: boolean;
  eksApprovedKey: boolean;
  eksVerdict: EntityVerdict;
  eksScore: number;
  eksClusterCount: number;
  eksNonCompliantClusterCount: number;
  /**
   * Check id to the worst status of that check over the entity's clusters,
   * for every check registered in the eks-encryption backend (custom ones
   * included); empty for an entity without clusters.
   */
  eksCheckStatuses: Record<string, EksCheckStatusFact>;
};

/**
 * Name of one published fact.
 *
 * @public
 */
export type EksEncryptionFactName = keyof EksEncryptionFacts;

const KEY_NOT_APPLICABLE =
  'A cluster without a KMS key counts as passing here: that gap is reported by eksCustomerManagedKey.';

/**
 * Schema of the facts of {@link EksEncryptionFacts}.
 *
 * @public
 */
export const eksEncryptionFactSchema: {
  [name in EksEncryptionFactName]: FactSchema[string];
} = {
  eksEvaluationComplete: {
    type: 'boolean',
    description:
      'Every cluster of the entity was evaluated with no error, no stale result and no check left unknown, and its annotation has no invalid token. Checks require it.',
  },
  eksEncryptionState: {
    type: 'string',
    description:
      'How Secrets are encrypted: none, aws-owned-default, kms-key; mixed when the clusters differ, unknown when a cluster state is not known or the entity has no evaluated cluster.',
  },
  eksEnvelopeEncryption: {
    type: 'boolean',
    description:
      'Secrets are envelope-encrypted on every cluster (check envelope-encryption passed on each).',
  },
  eksCustomerManagedKey: {
    type: 'boolean',
    description:
      'Every cluster encrypts Secrets with a customer-managed KMS key (check customer-managed-key passed on each).',
  },
  eksKeyUsable: {
    type: 'boolean',
    description: `No cluster KMS key is disabled, pending deletion or otherwise unusable (check key-usable). ${KEY_NOT_APPLICABLE}`,
  },
  eksKeyRotationCompliant: {
    type: 'boolean',
    description: `Automatic rotation is enabled within the allowed period on every cluster key (check key-rotation). ${KEY_NOT_APPLICABLE}`,
  },
  eksKeyDedicated: {
    type: 'boolean',
    description: `No cluster key is shared beyond the configured scope (check key-dedicated). ${KEY_NOT_APPLICABLE}`,
  },
  eksKeyPolicyScoped: {
    type: 'boolean',
    description: `No cluster key policy grants a wildcard principal without a restricting condition (check key-policy). ${KEY_NOT_APPLICABLE}`,
  },
  eksApprovedKey: {
    type: 'boolean',
    description: `Every cluster key is one of the approved key ARNs (check approved-key); true when no approved keys are configured. ${KEY_NOT_APPLICABLE}`,
  },
  eksVerdict: {
    type: 'string',
    description:
      'Entity verdict: compliant, non-compliant, incomplete, error or not-evaluated.',
  },
  eksScore: {
    type: 'integer',
    description:
      'Entity score 0-100 (the lowest of its clusters); 0 when not evaluated.',
  },
  eksClusterCount: {
    type: 'integer',
    description: 'Number of EKS clusters linked to the entity.',
  },
  eksNonCompliantClusterCount: {
    type: 'integer',
    description: 'Number of those clusters with the verdict non-compliant.',
  },
  eksCheckStatuses: {
    type: 'object',
    since: '0.2.0',
    description:
      'Check id to status (fail, unknown, warn, pass, not-applicable) for every check the eks-encryption backend lists at retrieval time, custom checks included: the worst status over the clusters (fail, then unknown, warn, pass). A cluster whose latest read failed counts as unknown; a check no cluster judged is not-applicable; an entity without clusters has no entry.',
  },
};
