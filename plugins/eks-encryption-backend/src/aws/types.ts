/** The AWS source types live in the node package, which modules depend on. */
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
} from 'backstage-plugin-eks-encryption-node';
