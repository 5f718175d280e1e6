import {
  EntityVerdict,
  FindingCounts,
  VERDICT_ORDER,
} from 'backstage-plugin-eks-encryption-common';

/** Position of a verdict from worst (0) to best. */
export function verdictRank(verdict: EntityVerdict): number {
  const rank = VERDICT_ORDER.indexOf(verdict);
  return rank === -1 ? VERDICT_ORDER.length : rank;
}

/** Orders open findings by the most severe first: more critical, then more high, ... */
export function compareFindings(a: FindingCounts, b: FindingCounts): number {
  return (
    b.critical - a.critical ||
    b.high - a.high ||
    b.medium - a.medium ||
    b.low - a.low
  );
}

/** Worst first: verdict, then open findings, then lower score; unscored last. */
export function compareWorstFirst(
  a: {
    verdict: EntityVerdict;
    openFindings: FindingCounts;
    score: number | null;
  },
  b: {
    verdict: EntityVerdict;
    openFindings: FindingCounts;
    score: number | null;
  },
): number {
  return (
    verdictRank(a.verdict) - verdictRank(b.verdict) ||
    compareFindings(a.openFindings, b.openFindings) ||
    (a.score ?? Number.MAX_SAFE_INTEGER) - (b.score ?? Number.MAX_SAFE_INTEGER)
  );
}
