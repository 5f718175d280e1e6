import type { CheckResult } from 'backstage-plugin-eks-encryption-common';
import { keyRotationRemediation, proposedRotationDays } from '../remediation';
import { AWS_DEFAULT_ROTATION_DAYS } from '../awsDefaults';
import { checkResult, unknownFromFailure } from '../results';
import { keyTarget, resolveKey, type JudgeContext } from './context';

/** `key-rotation`: automatic rotation on, period <= `policy.maxRotationDays`. */
export function judgeKeyRotation(ctx: JudgeContext): CheckResult {
  const id = 'key-rotation';
  const resolved = resolveKey(id, ctx, 'Whether the key rotates is unknown.');
  if ('result' in resolved) return resolved.result;
  const key = resolved.key.metadata.value;
  const rotation = resolved.key.rotation;
  const target = keyTarget(ctx);
  if (!rotation.ok) {
    return unknownFromFailure(
      id,
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
    return checkResult(
      id,
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
    return checkResult(
      id,
      'fail',
      `The KMS key rotates every ${days} days, longer than the ${max}-day maximum`,
      `Automatic rotation is on for ${key.arn} with a period of ${days} days${periodSource}; the policy allows at most ${max}.${next}`,
      remediation,
    );
  }
  return checkResult(
    id,
    'pass',
    `The KMS key rotates automatically every ${days} days`,
    `Automatic rotation is on for ${key.arn} with a period of ${days} days${periodSource}, within the ${max}-day maximum.${next}`,
  );
}
