import type {
  CheckResult,
  ClusterVerdict,
  EntityVerdict,
  Grade,
  Severity,
} from './types';

/** @public */
export const SEVERITY_WEIGHTS: Record<Severity, number> = {
  critical: 40,
  high: 20,
  medium: 10,
  low: 5,
};

const CREDIT = { pass: 1, warn: 0.5, fail: 0, unknown: 0 } as const;

/**
 * Score 0–100: weighted credit over the judged checks (`not-applicable` left out).
 *
 * @public
 */
export function scoreChecks(
  checks: readonly Pick<CheckResult, 'severity' | 'status'>[],
): number {
  let weight = 0;
  let credit = 0;
  for (const check of checks) {
    if (check.status === 'not-applicable') continue;
    const w = SEVERITY_WEIGHTS[check.severity];
    weight += w;
    credit += w * CREDIT[check.status];
  }
  return weight === 0 ? 0 : Math.round((credit / weight) * 100);
}

/**
 * Grade of a score; a non-compliant result is graded D at best.
 *
 * @public
 */
export function gradeFor(score: number, verdict?: EntityVerdict): Grade {
  let grade: Grade;
  if (score >= 90) grade = 'A';
  else if (score >= 80) grade = 'B';
  else if (score >= 70) grade = 'C';
  else if (score >= 60) grade = 'D';
  else grade = 'F';
  if (verdict === 'non-compliant' && grade !== 'F') return 'D';
  return grade;
}

const isBlocking = (c: Pick<CheckResult, 'severity'>) =>
  c.severity === 'critical' || c.severity === 'high';

/**
 * Cluster verdict, first that applies: error, non-compliant, incomplete, compliant.
 *
 * @public
 */
export function clusterVerdict(
  checks: readonly Pick<CheckResult, 'severity' | 'status'>[],
  error?: string,
): ClusterVerdict {
  if (error) return 'error';
  if (checks.some(c => isBlocking(c) && c.status === 'fail'))
    return 'non-compliant';
  if (checks.some(c => isBlocking(c) && c.status === 'unknown'))
    return 'incomplete';
  return 'compliant';
}

/**
 * Verdicts from worst to best, as entities and rollups order them.
 *
 * @public
 */
export const VERDICT_ORDER: readonly EntityVerdict[] = [
  'non-compliant',
  'error',
  'incomplete',
  'not-evaluated',
  'compliant',
];

/**
 * Worst of a set of verdicts; `not-evaluated` when there are none.
 *
 * @public
 */
export function worstVerdict(
  verdicts: readonly EntityVerdict[],
): EntityVerdict {
  let worst = VERDICT_ORDER.length - 1;
  if (verdicts.length === 0) return 'not-evaluated';
  for (const v of verdicts) worst = Math.min(worst, VERDICT_ORDER.indexOf(v));
  return VERDICT_ORDER[worst];
}

/**
 * Score, grade and verdict of one cluster from its check results.
 *
 * @public
 */
export function summarizeCluster(
  checks: readonly Pick<CheckResult, 'severity' | 'status'>[],
  error?: string,
): { verdict: ClusterVerdict; score: number; grade: Grade } {
  const verdict = clusterVerdict(checks, error);
  const score = error ? 0 : scoreChecks(checks);
  return { verdict, score, grade: gradeFor(score, verdict) };
}

/**
 * Verdict, score and grade of an entity: the worst of its clusters. An entity
 * with annotation errors (bad tokens, clusters over the cap) is only as good as
 * what could be checked: `incomplete` at best.
 *
 * @public
 */
export function summarizeEntity(
  clusters: readonly { verdict: ClusterVerdict; score: number }[],
  options: { annotationErrors?: number } = {},
): { verdict: EntityVerdict; score: number | null; grade: Grade | null } {
  const capped: EntityVerdict[] =
    (options.annotationErrors ?? 0) > 0 ? ['incomplete'] : [];
  if (clusters.length === 0) {
    return capped.length > 0
      ? { verdict: 'incomplete', score: null, grade: null }
      : { verdict: 'not-evaluated', score: null, grade: null };
  }
  const verdict = worstVerdict([...clusters.map(c => c.verdict), ...capped]);
  const score = Math.min(...clusters.map(c => c.score));
  return { verdict, score, grade: gradeFor(score, verdict) };
}
