import { toError } from '@backstage/errors';
import {
  summarizeCluster,
  type CheckResult,
  type CheckStatus,
  type ClusterEvaluation,
} from 'backstage-plugin-eks-encryption-common';
import type {
  EksEncryptionCheck,
  EksEncryptionCheckContext,
  EksEncryptionCheckOutcome,
  KeyUse,
} from 'backstage-plugin-eks-encryption-node';
import { encryptionState } from './encryptionState';
import { environmentOf } from './environment';
import { clusterReadError } from './failures';
import { isResolved, type ClusterFacts } from './facts';
import { keyUseOf } from './keyUses';
import type { ClusterTarget, EvaluationPolicy } from './types';

/** The clusters a run read: described ones carry what every check reads. */
type DescribedFacts = Extract<ClusterFacts, { ok: true }>;

const STATUSES = new Set<CheckStatus>([
  'pass',
  'fail',
  'warn',
  'unknown',
  'not-applicable',
]);

function baseOf(target: ClusterTarget, now: Date) {
  const { arn, accountId, region, name } = target.cluster;
  return { arn, accountId, region, name, evaluatedAt: now.toISOString() };
}

/** A cluster that could not be evaluated at all. */
export function erroredCluster(
  target: ClusterTarget,
  now: Date,
  error: string,
): ClusterEvaluation {
  return {
    ...baseOf(target, now),
    error,
    checks: [],
    ...summarizeCluster([], error),
  };
}

function environmentOfFacts(facts: DescribedFacts, policy: EvaluationPolicy) {
  return environmentOf(facts.cluster.tags, policy.environmentTagKeys);
}

/** The key use a described cluster adds to the run, if its key was resolved. */
export function runKeyUse(
  facts: ClusterFacts,
  policy: EvaluationPolicy,
): KeyUse | undefined {
  if (!facts.ok || !facts.keyRef || !facts.key || !isResolved(facts.key)) {
    return undefined;
  }
  return keyUseOf(
    facts.target.cluster,
    facts.key,
    environmentOfFacts(facts, policy),
  );
}

/** What every check of one described cluster reads. */
function checkContext(
  facts: DescribedFacts,
  policy: EvaluationPolicy,
  now: Date,
  keyUses: ReadonlyMap<string, readonly KeyUse[]>,
): EksEncryptionCheckContext {
  const state = encryptionState(facts.cluster);
  const environment = environmentOfFacts(facts, policy);
  return {
    cluster: facts.target.cluster,
    namedBy: facts.target.namedBy ?? [],
    eks: facts.cluster,
    ...(state ? { encryptionState: state } : {}),
    ...(environment ? { environment } : {}),
    ...(facts.keyRef ? { keyRef: facts.keyRef } : {}),
    ...(facts.key ? { key: facts.key } : {}),
    ...(facts.updates ? { updates: facts.updates } : {}),
    keyUses,
    policy,
    now,
  };
}

function errorMessage(error: unknown): string {
  return toError(error).message;
}

/** Why an outcome is not one, or undefined when it is. */
function invalidOutcome(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return 'it returned no outcome';
  const { status, summary, details } = value as EksEncryptionCheckOutcome;
  if (!STATUSES.has(status)) {
    return `it returned the unknown status ${JSON.stringify(status)}`;
  }
  if (typeof summary !== 'string' || summary.trim() === '') {
    return 'it returned no summary';
  }
  if (details !== undefined && typeof details !== 'string') {
    return 'it returned details that are not text';
  }
  return undefined;
}

/** Called when a check throws or returns something that is not an outcome. */
export type CheckErrorListener = (checkId: string, message: string) => void;

/**
 * One check on one cluster. A check that throws or answers nonsense is `unknown` with
 * the reason: it never crashes the run and never passes.
 */
function runCheck(
  check: EksEncryptionCheck,
  ctx: EksEncryptionCheckContext,
  onError?: CheckErrorListener,
): CheckResult {
  const { id, severity } = check;
  let outcome: EksEncryptionCheckOutcome;
  let problem: string | undefined;
  try {
    outcome = check.judge(ctx);
    problem = invalidOutcome(outcome);
  } catch (error) {
    outcome = { status: 'unknown', summary: '' };
    problem = `it threw: ${errorMessage(error)}`;
  }
  if (problem) {
    onError?.(id, problem);
    return {
      id,
      severity,
      status: 'unknown',
      summary: `Not verified: the check failed (${problem})`,
      details: `The check ${id} could not judge ${ctx.cluster.name}: ${problem}. It stays unknown until the check judges the cluster again.`,
    };
  }
  const { status, summary, details, remediation } = outcome;
  return {
    id,
    severity,
    status,
    summary,
    details: details ?? summary,
    ...(remediation ? { remediation } : {}),
  };
}

/**
 * Judges one cluster on every registered check, in their order, and scores it. A
 * cluster that could not be described is an error and is judged on nothing.
 */
export function judgeCluster(options: {
  facts: ClusterFacts;
  checks: readonly EksEncryptionCheck[];
  policy: EvaluationPolicy;
  now: Date;
  keyUses: ReadonlyMap<string, readonly KeyUse[]>;
  onCheckError?: CheckErrorListener;
}): ClusterEvaluation {
  const { facts, policy, now } = options;
  if (!facts.ok) {
    return erroredCluster(
      facts.target,
      now,
      clusterReadError(facts.failure, facts.target.cluster.name),
    );
  }
  const ctx = checkContext(facts, policy, now, options.keyUses);
  const checks = options.checks.map(check =>
    runCheck(check, ctx, options.onCheckError),
  );
  const keyArn =
    facts.key && isResolved(facts.key)
      ? facts.key.metadata.value.arn
      : undefined;
  const { eks } = ctx;
  return {
    ...baseOf(facts.target, now),
    ...(eks.version ? { version: eks.version } : {}),
    ...(ctx.encryptionState ? { encryptionState: ctx.encryptionState } : {}),
    ...(facts.keyRef ? { keyRef: facts.keyRef } : {}),
    ...(keyArn ? { keyArn } : {}),
    ...(ctx.environment ? { environment: ctx.environment } : {}),
    checks,
    ...summarizeCluster(checks),
  };
}
