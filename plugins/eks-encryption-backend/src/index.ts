/**
 * Backstage backend plugin that audits Amazon EKS clusters for KMS envelope encryption
 * of Kubernetes Secrets.
 *
 * @packageDocumentation
 */
export { eksEncryptionPlugin as default } from './plugin';
export { eksEncryptionAwsSourceServiceRef } from './aws/awsSourceServiceRef';
export type {
  AwsAction,
  AwsFailure,
  AwsFailureKind,
  AwsLocation,
  AwsResult,
  EksCluster,
  EksEncryptionAwsSource,
  EksUpdate,
  KmsKey,
  KmsKeyRotation,
} from './aws/types';
