import type {
  ClusterScorecard,
  EntityScorecard,
} from 'backstage-plugin-eks-encryption-common';
import { isFreshlyEvaluated, toCheckStatuses } from './checkStatuses';
import type {
  EksEncryptionFactName,
  EksEncryptionFacts,
  EksEncryptionStateFact,
} from './schema';

/** The facts that mirror one check of the scorecard. */
type CheckFactName = Extract<
  EksEncryptionFactName,
  | 'eksEnvelopeEncryption'
  | 'eksCustomerManagedKey'
  | 'eksKeyUsable'
  | 'eksKeyRotationCompliant'
  | 'eksKeyDedicated'
  | 'eksKeyPolicyScoped'
  | 'eksApprovedKey'
>;

interface CheckFactRule {
  /** The id of a built-in check. */
  check: string;
  /**
   * Whether `not-applicable` counts as passing. Key checks are not applicable
   * to a cluster without a KMS key; that gap is what `customer-managed-key`
   * reports, so it should not fail every key fact as well.
   */
  notApplicablePasses: boolean;
  /** Whether every evaluated cluster must carry a result for this check. */
  required: boolean;
}

const CHECK_FACTS: Record<CheckFactName, CheckFactRule> = {
  eksEnvelopeEncryption: {
    check: 'envelope-encryption',
    notApplicablePasses: false,
    required: true,
  },
  eksCustomerManagedKey: {
    check: 'customer-managed-key',
    notApplicablePasses: false,
    required: true,
  },
  eksKeyUsable: {
    check: 'key-usable',
    notApplicablePasses: true,
    required: true,
  },
  eksKeyRotationCompliant: {
    check: 'key-rotation',
    notApplicablePasses: true,
    required: true,
  },
  eksKeyDedicated: {
    check: 'key-dedicated',
    notApplicablePasses: true,
    required: true,
  },
  eksKeyPolicyScoped: {
    check: 'key-policy',
    notApplicablePasses: true,
    required: true,
  },
  // Judged only when approved key ARNs are configured: absent otherwise.
  eksApprovedKey: {
    check: 'approved-key',
    notApplicablePasses: true,
    required: false,
  },
};

function isClusterComplete(cluster: ClusterScorecard): boolean {
  if (!isFreshlyEvaluated(cluster)) return false;
  if (cluster.checks.some(c => c.status === 'unknown')) return false;
  return Object.values(CHECK_FACTS).every(
    ({ check, required }) =>
      !required || cluster.checks.some(c => c.id === check),
  );
}

function passesOnCluster(
  cluster: ClusterScorecard,
  rule: CheckFactRule,
): boolean {
  if (!isFreshlyEvaluated(cluster)) return false;
  const result = cluster.checks.find(c => c.id === rule.check);
  if (!result) return !rule.required;
  if (result.status === 'pass') return true;
  return result.status === 'not-applicable' && rule.notApplicablePasses;
}

function encryptionStateOf(
  clusters: readonly ClusterScorecard[],
): EksEncryptionStateFact {
  const states = new Set(clusters.map(c => c.encryptionState));
  if (states.size === 0 || states.has(undefined)) return 'unknown';
  if (states.size > 1) return 'mixed';
  const [state] = states;
  return state ?? 'unknown';
}

/**
 * The facts of one entity. A check fact is true only when that check passed
 * on every cluster of the entity in its latest evaluation, so an entity without
 * clusters, or whose evaluation could not finish, never reports a check it
 * could not verify as passing. `checkIds` are the registered checks
 * (`GET /v1/checks`), the keys of `eksCheckStatuses`.
 */
export function toEksEncryptionFacts(
  scorecard: EntityScorecard,
  checkIds: readonly string[],
): EksEncryptionFacts {
  const { clusters } = scorecard;
  const hasClusters = clusters.length > 0;

  const passes = (fact: CheckFactName) =>
    hasClusters &&
    clusters.every(cluster => passesOnCluster(cluster, CHECK_FACTS[fact]));

  const evaluationComplete =
    hasClusters &&
    scorecard.annotationErrors.length === 0 &&
    scorecard.verdict !== 'error' &&
    scorecard.verdict !== 'incomplete' &&
    scorecard.verdict !== 'not-evaluated' &&
    clusters.every(isClusterComplete);

  return {
    eksEvaluationComplete: evaluationComplete,
    eksEncryptionState: encryptionStateOf(clusters),
    eksEnvelopeEncryption: passes('eksEnvelopeEncryption'),
    eksCustomerManagedKey: passes('eksCustomerManagedKey'),
    eksKeyUsable: passes('eksKeyUsable'),
    eksKeyRotationCompliant: passes('eksKeyRotationCompliant'),
    eksKeyDedicated: passes('eksKeyDedicated'),
    eksKeyPolicyScoped: passes('eksKeyPolicyScoped'),
    eksApprovedKey: passes('eksApprovedKey'),
    eksVerdict: scorecard.verdict,
    eksScore: Math.round(scorecard.score ?? 0),
    eksClusterCount: clusters.length,
    eksNonCompliantClusterCount: clusters.filter(
      c => c.verdict === 'non-compliant',
    ).length,
    eksCheckStatuses: toCheckStatuses(clusters, checkIds),
  };
}
