/**
 * Tech Insights module publishing EKS Secrets encryption facts, and ready checks.
 *
 * @packageDocumentation
 */
export { techInsightsModuleEksEncryption as default } from './module';
export {
  createEksEncryptionFactRetriever,
  type EksEncryptionFactRetrieverOptions,
} from './retriever/eksEncryptionFactRetriever';
export {
  EKS_ENCRYPTION_FACT_RETRIEVER_ID,
  EKS_ENCRYPTION_FACT_RETRIEVER_VERSION,
  eksEncryptionFactSchema,
  type EksCheckStatusFact,
  type EksEncryptionFactName,
  type EksEncryptionFacts,
  type EksEncryptionStateFact,
} from './retriever/schema';
export {
  eksEncryptionChecks,
  type EksEncryptionCheck,
  type EksEncryptionCheckCondition,
} from './checks';
