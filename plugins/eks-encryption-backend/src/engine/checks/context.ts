import type { EncryptionState } from 'backstage-plugin-eks-encryption-common';
import type {
  EksEncryptionCheckContext,
  EksEncryptionCheckOutcome,
} from 'backstage-plugin-eks-encryption-node';
import { kmsLocation } from '../arns';
import { isResolved, type ResolvedKeyFacts } from '../facts';
import {
  proposedRotationDays,
  type KeyTarget,
  type NewKeyOptions,
} from '../remediation';
import { notApplicable, unknownFromFailure } from '../results';

const NO_KEY_SUMMARY: Record<Exclude<EncryptionState, 'kms-key'>, string> = {
  none: 'No KMS key: Secrets are not envelope-encrypted',
  'aws-owned-default': 'No KMS key: Secrets use the AWS-owned default key',
};

/** The key as remediation names it: its ARN when resolved, else the configured reference. */
export function keyTarget(ctx: EksEncryptionCheckContext): KeyTarget {
  if (ctx.key && isResolved(ctx.key)) {
    return { arn: ctx.key.metadata.value.arn, region: ctx.key.location.region };
  }
  const ref = ctx.keyRef ?? '';
  return { arn: ref, region: kmsLocation(ref, ctx.cluster).region };
}

/** What the builders that propose a new key need from the cluster and the policy. */
export function newKeyOptions(ctx: EksEncryptionCheckContext): NewKeyOptions & {
  version?: string;
} {
  return {
    rotationDays: proposedRotationDays(ctx.policy.maxRotationDays),
    requiredTags: ctx.policy.requiredTags,
    ...(ctx.eks.version ? { version: ctx.eks.version } : {}),
  };
}

/** A key check on a cluster without a KMS key. */
export function noKeyResult(
  ctx: EksEncryptionCheckContext,
): EksEncryptionCheckOutcome {
  const summary =
    ctx.encryptionState && ctx.encryptionState !== 'kms-key'
      ? NO_KEY_SUMMARY[ctx.encryptionState]
      : 'No KMS key is configured';
  return notApplicable(
    summary,
    `${summary}; this check applies only to clusters whose encryption config names a KMS key.`,
  );
}

/**
 * The resolved key a key check looks at, or the check's outcome when there is none:
 * not-applicable without a key, unknown when DescribeKey gave no answer.
 */
export function resolveKey(
  ctx: EksEncryptionCheckContext,
  consequence: string,
): { key: ResolvedKeyFacts } | { result: EksEncryptionCheckOutcome } {
  if (!ctx.key || !ctx.keyRef) return { result: noKeyResult(ctx) };
  if (!isResolved(ctx.key)) {
    return {
      result: unknownFromFailure(
        ctx.key.metadata,
        {
          clusterArn: ctx.cluster.arn,
          clusterName: ctx.cluster.name,
          keyRef: ctx.keyRef,
        },
        consequence,
      ),
    };
  }
  return { key: ctx.key };
}
