import type {
  CheckStatus,
  ClusterScorecard,
} from 'backstage-plugin-eks-encryption-common';

/**
 * From worst to best: a failure anywhere is the entity's status; then a result
 * that could not be read (it may hide a failure); then a warning; a pass; and
 * `not-applicable` only when the check applies to none of the clusters.
 */
const WORST_FIRST: readonly CheckStatus[] = [
  'fail',
  'unknown',
  'warn',
  'pass',
  'not-applicable',
];

const UNKNOWN_RANK = WORST_FIRST.indexOf('unknown');

/** A cluster whose latest read failed carries nothing verified now. */
export function isFreshlyEvaluated(cluster: ClusterScorecard): boolean {
  return !cluster.stale && !cluster.error && cluster.verdict !== 'error';
}

/**
 * The status of each check over an entity's clusters: for every id in
 * `checkIds` (the checks `GET /v1/checks` lists, custom ones included), the
 * worst status of that check over the clusters.
 *
 * - A cluster whose latest read failed (verdict `error`, or stale) counts as
 *   `unknown` for every check: its last known results are not verified now.
 * - A freshly evaluated cluster without a result for the check (not judged
 *   there, e.g. `approved-key` without approved keys configured) adds nothing;
 *   a check no cluster judged is `not-applicable`.
 * - An entity without clusters has no entry at all: nothing was evaluated.
 */
export function toCheckStatuses(
  clusters: readonly ClusterScorecard[],
  checkIds: readonly string[],
): Record<string, CheckStatus> {
  if (clusters.length === 0) return {};
  const statuses: Record<string, CheckStatus> = {};
  for (const id of checkIds) {
    let worst = WORST_FIRST.length - 1;
    for (const cluster of clusters) {
      const status = isFreshlyEvaluated(cluster)
        ? cluster.checks.find(check => check.id === id)?.status
        : 'unknown';
      if (status !== undefined) {
        // A status this module does not know is no evidence of a pass.
        const rank = WORST_FIRST.indexOf(status);
        worst = Math.min(worst, rank >= 0 ? rank : UNKNOWN_RANK);
      }
    }
    statuses[id] = WORST_FIRST[worst];
  }
  return statuses;
}
