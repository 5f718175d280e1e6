import type { CheckResult } from 'backstage-plugin-eks-encryption-common';
import { unusableAnswerRemediation } from '../accessRemediation';
import { associateKeyRemediation, newClusterRemediation } from '../remediation';
import { checkResult } from '../results';
import { newKeyOptions, resolveKey, type JudgeContext } from './context';

/** `envelope-encryption`: a KMS key is configured, or Kubernetes 1.28+ (AWS-owned key). */
export function judgeEnvelopeEncryption(ctx: JudgeContext): CheckResult {
  const id = 'envelope-encryption';
  const version = ctx.eks.version ?? 'unknown';
  switch (ctx.state) {
    case 'kms-key':
      return checkResult(
        id,
        'pass',
        'Secrets are envelope-encrypted with a KMS key',
        `The encryption config of ${ctx.cluster.name} names the KMS key ${ctx.keyRef} for Secrets.`,
      );
    case 'aws-owned-default':
      return checkResult(
        id,
        'pass',
        `Secrets are envelope-encrypted with the AWS-owned default key (Kubernetes ${version})`,
        `From Kubernetes 1.28, EKS envelope-encrypts all Kubernetes API data with an AWS-owned key (KMS v2). No customer-managed key is configured, so rotation, access and crypto-erasure stay with AWS.`,
      );
    case 'none':
      return checkResult(
        id,
        'fail',
        `Secrets are not envelope-encrypted (Kubernetes ${version}, no KMS key)`,
        `${ctx.cluster.name} runs Kubernetes ${version}, before the 1.28 default, and has no encryption config: Secrets are stored in etcd only Base64-encoded.`,
        associateKeyRemediation(ctx.cluster, newKeyOptions(ctx)),
      );
    default:
      return checkResult(
        id,
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

/** `customer-managed-key`: the key resolves to `KeyManager: CUSTOMER`. */
export function judgeCustomerManagedKey(ctx: JudgeContext): CheckResult {
  const id = 'customer-managed-key';
  if (ctx.state === 'none' || ctx.state === 'aws-owned-default') {
    const what =
      ctx.state === 'none'
        ? 'Secrets are not envelope-encrypted with any KMS key'
        : 'Secrets are encrypted with the AWS-owned default key';
    return checkResult(
      id,
      'fail',
      'No customer-managed KMS key encrypts Secrets',
      `${what}. Only a customer-managed key gives control over rotation, access (key policy) and crypto-erasure. A key can still be associated with this cluster.`,
      associateKeyRemediation(ctx.cluster, newKeyOptions(ctx)),
    );
  }
  const resolved = resolveKey(
    id,
    ctx,
    'Who manages the key (KeyManager) is unknown.',
  );
  if ('result' in resolved) return resolved.result;
  const key = resolved.key.metadata.value;
  if (key.keyManager === 'CUSTOMER') {
    return checkResult(
      id,
      'pass',
      'Secrets are encrypted with a customer-managed KMS key',
      `${key.arn} is customer-managed (KeyManager CUSTOMER, KeySpec ${
        key.keySpec ?? 'unknown'
      }, Origin ${key.origin ?? 'unknown'}${
        key.multiRegion ? ', multi-Region' : ''
      }).`,
    );
  }
  if (key.keyManager === 'AWS') {
    return checkResult(
      id,
      'fail',
      'Secrets are encrypted with an AWS-managed KMS key',
      `${key.arn} is managed by AWS (KeyManager AWS): its policy, rotation and deletion cannot be controlled by the adopter.`,
      newClusterRemediation(
        ctx.cluster,
        `${ctx.cluster.name} encrypts Secrets with the AWS-managed key ${key.arn}.`,
        newKeyOptions(ctx),
      ),
    );
  }
  return checkResult(
    id,
    'unknown',
    `Not verified: kms:DescribeKey in account ${key.accountId} returned no KeyManager`,
    `DescribeKey on ${ctx.keyRef} answered without a KeyManager ("${
      key.keyManager ?? ''
    }"), so who manages the key is unknown.`,
    unusableAnswerRemediation(
      'kms:DescribeKey',
      resolved.key.location.region,
      { keyRef: key.arn },
      'answered without a known KeyManager',
    ),
  );
}
