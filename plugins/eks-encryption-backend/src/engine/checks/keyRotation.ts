import type { Remediation } from 'backstage-plugin-eks-encryption-common';
import type {
  EksEncryptionCheck,
  EksEncryptionCheckContext,
  EksEncryptionCheckOutcome,
} from 'backstage-plugin-eks-encryption-node';
import { proposedRotationDays, type KeyTarget } from '../remediation';
import { AWS_DEFAULT_ROTATION_DAYS } from '../awsDefaults';
import { outcome, unknownFromFailure } from '../results';
import { keyTarget, resolveKey } from './context';

/** Rotation disabled or too slow. */
function keyRotationRemediation(
  key: KeyTarget,
  rotationDays: number,
): Remediation {
  return {
    steps: [
      `Open the AWS KMS console in ${key.region}, choose the key, open the "Key rotation" tab, choose Edit, turn on automatic rotation every ${rotationDays} days and save.`,
    ],
    snippets: [
      {
        title: 'AWS CLI',
        language: 'shell',
        code: `aws kms enable-key-rotation --region ${key.region} --key-id ${key.arn} --rotation-period-in-days ${rotationDays}`,
      },
      {
        title: 'Terraform',
        language: 'hcl',
        code: [
          'resource "aws_kms_key" "eks" {',
          '  # ... existing arguments ...',
          '  enable_key_rotation     = true',
          `  rotation_period_in_days = ${rotationDays}`,
          '}',
        ].join('\n'),
      },
    ],
  };
}

/** `key-rotation`: automatic rotation on, period <= `policy.maxRotationDays`. */
function judgeKeyRotation(
  ctx: EksEncryptionCheckContext,
): EksEncryptionCheckOutcome {
  const resolved = resolveKey(ctx, 'Whether the key rotates is unknown.');
  if ('result' in resolved) return resolved.result;
  const key = resolved.key.metadata.value;
  const rotation = resolved.key.rotation;
  const target = keyTarget(ctx);
  if (!rotation.ok) {
    return unknownFromFailure(
      rotation,
      { keyRef: key.arn, clusterName: ctx.cluster.name },
      'Whether the key rotates automatically is unknown.',
    );
  }
  const max = ctx.policy.maxRotationDays;
  const days = rotation.value.periodInDays ?? AWS_DEFAULT_ROTATION_DAYS;
  const periodSource =
    rotation.value.periodInDays === undefined
      ? ' (no RotationPeriodInDays: the AWS default)'
      : '';
  const remediation = keyRotationRemediation(target, proposedRotationDays(max));
  if (!rotation.value.enabled) {
    const origin =
      key.origin && key.origin !== 'AWS_KMS'
        ? ` Keys with Origin ${key.origin} do not support automatic rotation; since the key of a cluster cannot be changed, a cluster with a rotating key is the lasting fix.`
        : '';
    return outcome(
      'fail',
      'Automatic rotation of the KMS key is off',
      `GetKeyRotationStatus on ${key.arn} reports KeyRotationEnabled false; the policy wants rotation at least every ${max} days.${origin}`,
      remediation,
    );
  }
  const next = rotation.value.nextRotationDate
    ? ` Next rotation: ${rotation.value.nextRotationDate.slice(0, 10)}.`
    : '';
  if (days > max) {
    return outcome(
      'fail',
      `The KMS key rotates every ${days} days, longer than the ${max}-day maximum`,
      `Automatic rotation is on for ${key.arn} with a period of ${days} days${periodSource}; the policy allows at most ${max}.${next}`,
      remediation,
    );
  }
  return outcome(
    'pass',
    `The KMS key rotates automatically every ${days} days`,
    `Automatic rotation is on for ${key.arn} with a period of ${days} days${periodSource}, within the ${max}-day maximum.${next}`,
  );
}

export const keyRotationCheck: EksEncryptionCheck = {
  id: 'key-rotation',
  title: 'Key rotation',
  severity: 'medium',
  description:
    'Automatic key rotation is enabled with a period no longer than the configured maximum (365 days by default).',
  judge: judgeKeyRotation,
};
