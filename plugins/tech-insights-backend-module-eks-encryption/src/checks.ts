import type { Check } from '@backstage-community/plugin-tech-insights-common';
import {
  EKS_ENCRYPTION_FACT_RETRIEVER_ID,
  type EksEncryptionFactName,
} from './retriever/schema';

/**
 * A json-rules-engine condition on one fact.
 *
 * @public
 */
export interface EksEncryptionCheckCondition {
  fact: EksEncryptionFactName;
  operator: 'equal';
  value: boolean | string;
}

/**
 * A check for the json-rules-engine fact checker
 * (`@backstage-community/plugin-tech-insights-backend-module-jsonfc`); the
 * shape of its `TechInsightJsonRuleCheck`.
 *
 * @public
 */
export interface EksEncryptionCheck extends Check {
  type: 'json-rules-engine';
  rule: { conditions: { all: EksEncryptionCheckCondition[] } };
}

function eksCheck(
  id: string,
  name: string,
  description: string,
  condition: EksEncryptionCheckCondition,
): EksEncryptionCheck {
  return {
    id,
    type: 'json-rules-engine',
    name,
    description,
    factIds: [EKS_ENCRYPTION_FACT_RETRIEVER_ID],
    rule: {
      conditions: {
        // An entity whose evaluation did not finish fails every check.
        all: [
          { fact: 'eksEvaluationComplete', operator: 'equal', value: true },
          condition,
        ],
      },
    },
  };
}

/**
 * Ready checks on the facts of the `eksEncryptionFactRetriever`, the same as
 * the `techInsights.factChecker.checks` configuration in the README.
 *
 * @public
 */
export const eksEncryptionChecks: EksEncryptionCheck[] = [
  eksCheck(
    'eks-envelope-encryption',
    'EKS Secrets envelope encryption',
    'Kubernetes Secrets are envelope-encrypted on every EKS cluster of the entity.',
    { fact: 'eksEnvelopeEncryption', operator: 'equal', value: true },
  ),
  eksCheck(
    'eks-customer-managed-key',
    'EKS customer-managed KMS key',
    'Every EKS cluster of the entity encrypts Secrets with a customer-managed KMS key.',
    { fact: 'eksCustomerManagedKey', operator: 'equal', value: true },
  ),
  eksCheck(
    'eks-key-usable',
    'EKS KMS key usable',
    'No KMS key of the EKS clusters is disabled, pending deletion or otherwise unusable.',
    { fact: 'eksKeyUsable', operator: 'equal', value: true },
  ),
  eksCheck(
    'eks-key-rotation',
    'EKS KMS key rotation',
    'Automatic rotation is enabled within the allowed period on every KMS key of the EKS clusters.',
    { fact: 'eksKeyRotationCompliant', operator: 'equal', value: true },
  ),
  eksCheck(
    'eks-key-dedicated',
    'EKS KMS key not shared',
    'No KMS key of the EKS clusters is shared beyond the configured scope.',
    { fact: 'eksKeyDedicated', operator: 'equal', value: true },
  ),
  eksCheck(
    'eks-key-policy',
    'EKS KMS key policy scoped',
    'No key policy grants a wildcard principal without a condition pinning the caller to the organisation or account.',
    { fact: 'eksKeyPolicyScoped', operator: 'equal', value: true },
  ),
  eksCheck(
    'eks-compliant',
    'EKS Secrets encryption compliant',
    'Every EKS cluster of the entity is compliant: no critical or high check fails.',
    { fact: 'eksVerdict', operator: 'equal', value: 'compliant' },
  ),
];
