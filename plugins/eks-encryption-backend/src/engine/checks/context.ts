import type {
  CheckId,
  CheckResult,
  ClusterArn,
  EncryptionState,
} from 'backstage-plugin-eks-encryption-common';
import type { EksCluster } from '../../aws/types';
import { kmsLocation } from '../arns';
import {
  isResolved,
  type KeyFacts,
  type ResolvedKeyFacts,
  type UpdateHistory,
} from '../facts';
import {
  proposedRotationDays,
  type KeyTarget,
  type NewKeyOptions,
} from '../remediation';
import { notApplicable, unknownFromFailure } from '../results';
import type { ClusterTarget, EvaluationPolicy } from '../types';

/** What every check of one cluster reads. */
export interface JudgeContext {
  target: ClusterTarget;
  cluster: ClusterArn;
  eks: EksCluster;
  state?: EncryptionState;
  keyRef?: string;
  key?: KeyFacts;
  updates?: UpdateHistory;
  policy: EvaluationPolicy;
  now: Date;
}

const NO_KEY_SUMMARY: Record<Exclude<EncryptionState, 'kms-key'>, string> = {
  none: 'No KMS key: Secrets are not envelope-encrypted',
  'aws-owned-default': 'No KMS key: Secrets use the AWS-owned default key',
};

/** The key as remediation names it: its ARN when resolved, else the configured reference. */
export function keyTarget(ctx: JudgeContext): KeyTarget {
  if (ctx.key && isResolved(ctx.key)) {
    return { arn: ctx.key.metadata.value.arn, region: ctx.key.location.region };
  }
  const ref = ctx.keyRef ?? '';
  return { arn: ref, region: kmsLocation(ref, ctx.cluster).region };
}

export function newKeyOptions(ctx: JudgeContext): NewKeyOptions & {
  version?: string;
} {
  return {
    rotationDays: proposedRotationDays(ctx.policy.maxRotationDays),
    requiredTags: ctx.policy.requiredTags,
    ...(ctx.eks.version ? { version: ctx.eks.version } : {}),
  };
}

/** A key check on a cluster without a KMS key. */
export function noKeyResult(id: CheckId, ctx: JudgeContext): CheckResult {
  const summary =
    ctx.state && ctx.state !== 'kms-key'
      ? NO_KEY_SUMMARY[ctx.state]
      : 'No KMS key is configured';
  return notApplicable(
    id,
    summary,
    `${summary}; this check applies only to clusters whose encryption config names a KMS key.`,
  );
}

/**
 * The resolved key a key check looks at, or the check's result when there is none:
 * not-applicable without a key, unknown when DescribeKey gave no answer.
 */
export function resolveKey(
  id: CheckId,
  ctx: JudgeContext,
  consequence: string,
): { key: ResolvedKeyFacts } | { result: CheckResult } {
  if (!ctx.key || !ctx.keyRef) return { result: noKeyResult(id, ctx) };
  if (!isResolved(ctx.key)) {
    return {
      result: unknownFromFailure(
        id,
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
