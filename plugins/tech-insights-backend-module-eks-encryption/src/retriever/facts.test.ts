import {
  BUILT_IN_CHECK_IDS,
  buildCluster,
  buildScorecard,
  noKeyChecks,
  passingChecks,
} from '../__testUtils__/scorecards';
import { toEksEncryptionFacts } from './facts';
import { eksEncryptionFactSchema } from './schema';

const REF = 'component:default/payments';

const CHECK_FACTS = [
  'eksEnvelopeEncryption',
  'eksCustomerManagedKey',
  'eksKeyUsable',
  'eksKeyRotationCompliant',
  'eksKeyDedicated',
  'eksKeyPolicyScoped',
  'eksApprovedKey',
] as const;

/** The facts of a scorecard, with the built-in checks registered. */
function factsOf(scorecard: Parameters<typeof toEksEncryptionFacts>[0]) {
  return toEksEncryptionFacts(scorecard, BUILT_IN_CHECK_IDS);
}

function everyCheck(status: string) {
  return Object.fromEntries(BUILT_IN_CHECK_IDS.map(id => [id, status]));
}

function allFalse() {
  return Object.fromEntries(CHECK_FACTS.map(fact => [fact, false]));
}

describe('toEksEncryptionFacts', () => {
  it('gives every fact of the schema, with its declared type', () => {
    const facts = factsOf(
      buildScorecard(REF, [buildCluster('a', passingChecks())]),
    );
    expect(Object.keys(facts).sort()).toEqual(
      Object.keys(eksEncryptionFactSchema).sort(),
    );
    const typeOf = (value: unknown) =>
      Number.isInteger(value) ? 'integer' : typeof value;
    expect(
      Object.fromEntries(
        Object.entries(facts).map(([name, value]) => [name, typeOf(value)]),
      ),
    ).toEqual(
      Object.fromEntries(
        Object.entries(eksEncryptionFactSchema).map(([name, { type }]) => [
          name,
          type,
        ]),
      ),
    );
  });

  it('reports a compliant entity with every check fact true', () => {
    const facts = factsOf(
      buildScorecard(REF, [
        buildCluster('a', passingChecks()),
        buildCluster('b', passingChecks({ 'approved-key': 'pass' })),
      ]),
    );
    expect(facts).toEqual({
      eksEvaluationComplete: true,
      eksEncryptionState: 'kms-key',
      eksEnvelopeEncryption: true,
      eksCustomerManagedKey: true,
      eksKeyUsable: true,
      eksKeyRotationCompliant: true,
      eksKeyDedicated: true,
      eksKeyPolicyScoped: true,
      eksApprovedKey: true,
      eksVerdict: 'compliant',
      eksScore: 100,
      eksClusterCount: 2,
      eksNonCompliantClusterCount: 0,
      eksCheckStatuses: everyCheck('pass'),
    });
  });

  it('makes a check fact false when the check fails on one cluster only', () => {
    const facts = factsOf(
      buildScorecard(REF, [
        buildCluster('a', passingChecks()),
        buildCluster('b', passingChecks({ 'key-policy': 'fail' })),
      ]),
    );
    expect(facts).toMatchObject({
      eksEvaluationComplete: true,
      eksKeyPolicyScoped: false,
      eksKeyUsable: true,
      eksVerdict: 'non-compliant',
      eksClusterCount: 2,
      eksNonCompliantClusterCount: 1,
    });
    expect(facts.eksScore).toBeLessThan(100);
  });

  it('counts a warning as not passed', () => {
    const facts = factsOf(
      buildScorecard(REF, [
        buildCluster('a', passingChecks({ 'key-rotation': 'warn' })),
      ]),
    );
    expect(facts.eksKeyRotationCompliant).toBe(false);
    expect(facts.eksEvaluationComplete).toBe(true);
  });

  it('judges a cluster without a KMS key only on envelope and customer key', () => {
    const facts = factsOf(
      buildScorecard(REF, [
        buildCluster('a', noKeyChecks('pass'), {
          encryptionState: 'aws-owned-default',
        }),
      ]),
    );
    expect(facts).toMatchObject({
      eksEvaluationComplete: true,
      eksEncryptionState: 'aws-owned-default',
      eksEnvelopeEncryption: true,
      eksCustomerManagedKey: false,
      eksKeyUsable: true,
      eksKeyRotationCompliant: true,
      eksKeyDedicated: true,
      eksKeyPolicyScoped: true,
      eksApprovedKey: true,
      eksVerdict: 'non-compliant',
    });
  });

  it('never counts not-applicable as passing envelope encryption', () => {
    const facts = factsOf(
      buildScorecard(REF, [
        buildCluster('a', noKeyChecks('not-applicable'), {
          encryptionState: 'none',
        }),
      ]),
    );
    expect(facts.eksEnvelopeEncryption).toBe(false);
    expect(facts.eksEncryptionState).toBe('none');
  });

  it('fails the approved key fact only when the check ran and failed', () => {
    const failed = factsOf(
      buildScorecard(REF, [
        buildCluster('a', passingChecks({ 'approved-key': 'fail' })),
      ]),
    );
    expect(failed.eksApprovedKey).toBe(false);
  });

  it('marks an entity with an unknown check incomplete and that fact false', () => {
    const facts = factsOf(
      buildScorecard(REF, [
        buildCluster('a', passingChecks()),
        buildCluster('b', passingChecks({ 'key-policy': 'unknown' })),
      ]),
    );
    expect(facts).toMatchObject({
      eksEvaluationComplete: false,
      eksVerdict: 'incomplete',
      eksKeyPolicyScoped: false,
      eksEnvelopeEncryption: true,
    });
  });

  it('marks an entity incomplete for an unknown medium check too', () => {
    const facts = factsOf(
      buildScorecard(REF, [
        buildCluster('a', passingChecks({ 'key-rotation': 'unknown' })),
      ]),
    );
    expect(facts.eksVerdict).toBe('compliant');
    expect(facts.eksEvaluationComplete).toBe(false);
    expect(facts.eksKeyRotationCompliant).toBe(false);
  });

  it('reports nothing as passing for a cluster in error with stale results', () => {
    const facts = factsOf(
      buildScorecard(REF, [
        buildCluster('a', passingChecks()),
        buildCluster('b', passingChecks(), {
          error: 'eks:DescribeCluster denied in account 111122223333',
          stale: true,
        }),
      ]),
    );
    expect(facts).toEqual({
      eksEvaluationComplete: false,
      eksEncryptionState: 'kms-key',
      ...allFalse(),
      eksVerdict: 'error',
      eksScore: 0,
      eksClusterCount: 2,
      eksNonCompliantClusterCount: 0,
      eksCheckStatuses: everyCheck('unknown'),
    });
  });

  it('treats a stale result without error as not verified', () => {
    const facts = factsOf(
      buildScorecard(REF, [
        buildCluster('a', passingChecks(), { stale: true }),
      ]),
    );
    expect(facts.eksEvaluationComplete).toBe(false);
    expect(facts.eksEnvelopeEncryption).toBe(false);
  });

  it('marks a cluster without a required check result incomplete', () => {
    const checks = passingChecks().filter(c => c.id !== 'key-dedicated');
    const facts = factsOf(buildScorecard(REF, [buildCluster('a', checks)]));
    expect(facts.eksEvaluationComplete).toBe(false);
    expect(facts.eksKeyDedicated).toBe(false);
    expect(facts.eksKeyPolicyScoped).toBe(true);
  });

  it('marks an entity with an invalid annotation token incomplete', () => {
    const facts = factsOf(
      buildScorecard(
        REF,
        [buildCluster('a', passingChecks())],
        [{ token: 'arn:aws:eks:nowhere', reason: 'not an EKS cluster ARN' }],
      ),
    );
    expect(facts.eksEvaluationComplete).toBe(false);
  });

  it('reports an entity without clusters as not evaluated, every check false', () => {
    expect(factsOf(buildScorecard(REF, []))).toEqual({
      eksEvaluationComplete: false,
      eksEncryptionState: 'unknown',
      ...allFalse(),
      eksVerdict: 'not-evaluated',
      eksScore: 0,
      eksClusterCount: 0,
      eksNonCompliantClusterCount: 0,
      eksCheckStatuses: {},
    });
  });

  it('reports mixed and unknown encryption states', () => {
    const mixed = factsOf(
      buildScorecard(REF, [
        buildCluster('a', passingChecks()),
        buildCluster('b', noKeyChecks('pass'), {
          encryptionState: 'aws-owned-default',
        }),
      ]),
    );
    expect(mixed.eksEncryptionState).toBe('mixed');

    const unknown = factsOf(
      buildScorecard(REF, [
        buildCluster('a', passingChecks()),
        buildCluster('b', [], {
          encryptionState: undefined,
          error: 'eks:DescribeCluster denied',
        }),
      ]),
    );
    expect(unknown.eksEncryptionState).toBe('unknown');
  });
});
