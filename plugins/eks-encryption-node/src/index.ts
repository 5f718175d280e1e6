/**
 * Node library of the EKS Secrets encryption backend plugin: the check and AWS source
 * interfaces, and the extension points through which modules add checks or replace the
 * AWS source.
 *
 * @packageDocumentation
 */
export type {
  AwsAction,
  AwsCallOptions,
  AwsFailure,
  AwsFailureKind,
  AwsLocation,
  AwsResult,
  EksCluster,
  EksEncryptionAwsSource,
  EksUpdate,
  KmsKey,
  KmsKeyRotation,
} from './aws';
export type {
  ClusterNamer,
  EksEncryptionCheck,
  EksEncryptionCheckContext,
  EksEncryptionCheckOutcome,
  EvaluationPolicy,
  KeyFacts,
  KeySharingScope,
  KeyUse,
  ResolvedKeyFacts,
  UnresolvedKeyFacts,
  UpdateHistory,
} from './checks';
export type {
  EksEncryptionChange,
  EksEncryptionChangeConsumer,
} from './changes';
export {
  eksEncryptionAwsSourceExtensionPoint,
  eksEncryptionChangesExtensionPoint,
  eksEncryptionChecksExtensionPoint,
  type EksEncryptionAwsSourceExtensionPoint,
  type EksEncryptionChangesExtensionPoint,
  type EksEncryptionChecksExtensionPoint,
} from './extensions';
