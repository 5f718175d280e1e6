import {
  CHECK_IDS,
  summarizeCluster,
  type CheckId,
  type CheckResult,
  type ClusterEvaluation,
} from 'backstage-plugin-eks-encryption-common';
import { judgeApprovedKey } from './checks/approvedKey';
import { newKeyOptions, type JudgeContext } from './checks/context';
import {
  judgeCustomerManagedKey,
  judgeEnvelopeEncryption,
} from './checks/encryption';
import {
  judgeKeyDedicated,
  prepareKeyDedicated,
  type PendingKeySharing,
} from './checks/keyDedicated';
import { judgeKeyPolicy } from './checks/keyPolicy';
import { judgeKeyRotation } from './checks/keyRotation';
import { judgeKeyUsable } from './checks/keyUsable';
import { judgeOwnershipTags } from './checks/ownershipTags';
import { judgeSecretsRewritten } from './checks/secretsRewritten';
import { encryptionState } from './encryptionState';
import { environmentOf } from './environment';
import { clusterReadError } from './failures';
import type { ClusterFacts } from './facts';
import type {
  ClusterTarget,
  EvaluationPolicy,
  KeySharingScope,
  KeyUse,
} from './types';

/** A cluster judged on every check but `key-dedicated`, which needs every key use first. */
export interface JudgedCluster {
  evaluation: Omit<ClusterEvaluation, 'verdict' | 'score' | 'grade'>;
  /** Absent when the cluster could not be read. */
  keySharing?: CheckResult | PendingKeySharing;
  /** True when DescribeCluster answered, so its key use replaces a stored one. */
  described: boolean;
}

function baseOf(target: ClusterTarget, now: Date) {
  const { arn, accountId, region, name } = target.cluster;
  return { arn, accountId, region, name, evaluatedAt: now.toISOString() };
}

/** A cluster that could not be evaluated at all. */
export function erroredCluster(
  target: ClusterTarget,
  now: Date,
  error: string,
): JudgedCluster {
  return {
    evaluation: { ...baseOf(target, now), error, checks: [] },
    described: false,
  };
}

/** Judges one cluster from what was read about it. */
export function judgeCluster(
  facts: ClusterFacts,
  policy: EvaluationPolicy,
  now: Date,
): JudgedCluster {
  if (!facts.ok) {
    return erroredCluster(
      facts.target,
      now,
      clusterReadError(facts.failure, facts.target.cluster.name),
    );
  }
  const { cluster: eks, target } = facts;
  const ctx: JudgeContext = {
    target,
    cluster: target.cluster,
    eks,
    state: encryptionState(eks),
    ...(facts.keyRef ? { keyRef: facts.keyRef } : {}),
    ...(facts.key ? { key: facts.key } : {}),
    ...(facts.updates ? { updates: facts.updates } : {}),
    policy,
    now,
  };
  const environment = environmentOf(eks.tags, policy.environmentTagKeys);
  const keyArn = facts.key?.metadata.ok
    ? facts.key.metadata.value.arn
    : undefined;
  const checks = [
    judgeEnvelopeEncryption(ctx),
    judgeCustomerManagedKey(ctx),
    judgeKeyUsable(ctx),
    judgeKeyRotation(ctx),
    judgeKeyPolicy(ctx),
    judgeApprovedKey(ctx),
    judgeSecretsRewritten(ctx),
    judgeOwnershipTags(ctx),
  ];
  return {
    evaluation: {
      ...baseOf(target, now),
      ...(eks.version ? { version: eks.version } : {}),
      ...(ctx.state ? { encryptionState: ctx.state } : {}),
      ...(facts.keyRef ? { keyRef: facts.keyRef } : {}),
      ...(keyArn ? { keyArn } : {}),
      ...(environment ? { environment } : {}),
      checks,
    },
    keySharing: prepareKeyDedicated(ctx, environment, newKeyOptions(ctx)),
    described: true,
  };
}

function isPending(
  value: CheckResult | PendingKeySharing,
): value is PendingKeySharing {
  return 'use' in value;
}

/** The key use a judged cluster adds to the run, if its key was resolved. */
export function keyUseOf(judged: JudgedCluster): KeyUse | undefined {
  return judged.keySharing && isPending(judged.keySharing)
    ? judged.keySharing.use
    : undefined;
}

const ORDER = new Map<CheckId, number>(CHECK_IDS.map((id, i) => [id, i]));

/** Adds `key-dedicated`, orders the checks as the catalogue does, and scores. */
export function finishCluster(
  judged: JudgedCluster,
  usesByKey: ReadonlyMap<string, readonly KeyUse[]>,
  scope: KeySharingScope,
): ClusterEvaluation {
  const { evaluation, keySharing } = judged;
  const checks = [...evaluation.checks];
  if (keySharing) {
    checks.push(
      isPending(keySharing)
        ? judgeKeyDedicated(
            keySharing,
            usesByKey.get(keySharing.use.keyArn) ?? [keySharing.use],
            scope,
          )
        : keySharing,
    );
  }
  checks.sort((a, b) => ORDER.get(a.id)! - ORDER.get(b.id)!);
  return {
    ...evaluation,
    checks,
    ...summarizeCluster(checks, evaluation.error),
  };
}
