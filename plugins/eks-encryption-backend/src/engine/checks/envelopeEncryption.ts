import type {
  EksEncryptionCheck,
  EksEncryptionCheckContext,
  EksEncryptionCheckOutcome,
} from 'backstage-plugin-eks-encryption-node';
import { unusableAnswerRemediation } from '../accessRemediation';
import { associateKeyRemediation } from '../remediation';
import { outcome } from '../results';
import { newKeyOptions } from './context';

/** `envelope-encryption`: a KMS key is configured, or Kubernetes 1.28+ (AWS-owned key). */
function judgeEnvelopeEncryption(
  ctx: EksEncryptionCheckContext,
): EksEncryptionCheckOutcome {
  const version = ctx.eks.version ?? 'unknown';
  switch (ctx.encryptionState) {
    case 'kms-key':
      return outcome(
        'pass',
        'Secrets are envelope-encrypted with a KMS key',
        `The encryption config of ${ctx.cluster.name} names the KMS key ${ctx.keyRef} for Secrets.`,
      );
    case 'aws-owned-default':
      return outcome(
        'pass',
        `Secrets are envelope-encrypted with the AWS-owned default key (Kubernetes ${version})`,
        `From Kubernetes 1.28, EKS envelope-encrypts all Kubernetes API data with an AWS-owned key (KMS v2). No customer-managed key is configured, so rotation, access and crypto-erasure stay with AWS.`,
      );
    case 'none':
      return outcome(
        'fail',
        `Secrets are not envelope-encrypted (Kubernetes ${version}, no KMS key)`,
        `${ctx.cluster.name} runs Kubernetes ${version}, before the 1.28 default, and has no encryption config: Secrets are stored in etcd only Base64-encoded.`,
        associateKeyRemediation(ctx.cluster, newKeyOptions(ctx)),
      );
    default:
      return outcome(
        'unknown',
        `Not verified: eks:DescribeCluster in account ${ctx.cluster.accountId} returned no readable Kubernetes version`,
        `The cluster has no KMS key and its version "${version}" could not be read, so whether EKS encrypts Secrets by default (1.28 and later) is unknown.`,
        unusableAnswerRemediation(
          'eks:DescribeCluster',
          ctx.cluster.region,
          { clusterName: ctx.cluster.name },
          'answered without a readable Kubernetes version',
        ),
      );
  }
}

export const envelopeEncryptionCheck: EksEncryptionCheck = {
  id: 'envelope-encryption',
  title: 'Secrets envelope encryption',
  severity: 'critical',
  description:
    'Secrets are envelope-encrypted: a KMS key is configured, or the cluster runs Kubernetes 1.28 or later (AWS-owned default key).',
  judge: judgeEnvelopeEncryption,
};
