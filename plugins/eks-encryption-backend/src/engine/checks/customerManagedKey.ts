import type {
  EksEncryptionCheck,
  EksEncryptionCheckContext,
  EksEncryptionCheckOutcome,
} from 'backstage-plugin-eks-encryption-node';
import { unusableAnswerRemediation } from '../accessRemediation';
import { associateKeyRemediation, newClusterRemediation } from '../remediation';
import { outcome } from '../results';
import { newKeyOptions, resolveKey } from './context';

/** `customer-managed-key`: the key resolves to `KeyManager: CUSTOMER`. */
function judgeCustomerManagedKey(
  ctx: EksEncryptionCheckContext,
): EksEncryptionCheckOutcome {
  if (
    ctx.encryptionState === 'none' ||
    ctx.encryptionState === 'aws-owned-default'
  ) {
    const what =
      ctx.encryptionState === 'none'
        ? 'Secrets are not envelope-encrypted with any KMS key'
        : 'Secrets are encrypted with the AWS-owned default key';
    return outcome(
      'fail',
      'No customer-managed KMS key encrypts Secrets',
      `${what}. Only a customer-managed key gives control over rotation, access (key policy) and crypto-erasure. A key can still be associated with this cluster.`,
      associateKeyRemediation(ctx.cluster, newKeyOptions(ctx)),
    );
  }
  const resolved = resolveKey(
    ctx,
    'Who manages the key (KeyManager) is unknown.',
  );
  if ('result' in resolved) return resolved.result;
  const key = resolved.key.metadata.value;
  if (key.keyManager === 'CUSTOMER') {
    return outcome(
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
    return outcome(
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
  return outcome(
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

export const customerManagedKeyCheck: EksEncryptionCheck = {
  id: 'customer-managed-key',
  title: 'Customer-managed key',
  severity: 'high',
  description:
    'The configured key resolves to a customer-managed KMS key (KeyManager CUSTOMER). The AWS-owned default and AWS-managed keys fail.',
  judge: judgeCustomerManagedKey,
};
