import { mockServices } from '@backstage/backend-test-utils';
import {
  JsonRulesEngineFactCheckerFactory,
  type TechInsightJsonRuleCheck,
} from '@backstage-community/plugin-tech-insights-backend-module-jsonfc';
import { eksEncryptionChecks } from './checks';
import { toEksEncryptionFacts } from './retriever/facts';
import {
  EKS_ENCRYPTION_FACT_RETRIEVER_ID,
  type EksEncryptionFacts,
} from './retriever/schema';
import {
  BUILT_IN_CHECK_IDS,
  buildCluster,
  checkResult,
  buildScorecard,
  noKeyChecks,
  passingChecks,
} from './__testUtils__/scorecards';
import { storeWithFacts } from './__testUtils__/techInsightsStore';

const ENTITY = 'component:default/payments';

const COMPLIANT: EksEncryptionFacts = {
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
  eksClusterCount: 1,
  eksNonCompliantClusterCount: 0,
  eksCheckStatuses: { 'envelope-encryption': 'pass' },
};

/** The facts of a scorecard, with the built-in checks registered. */
function factsOf(scorecard: Parameters<typeof toEksEncryptionFacts>[0]) {
  return toEksEncryptionFacts(scorecard, BUILT_IN_CHECK_IDS);
}

/** Which fact each check reads, and a value of it that fails the check. */
const FAILING_VALUE: Record<string, Partial<EksEncryptionFacts>> = {
  'eks-envelope-encryption': { eksEnvelopeEncryption: false },
  'eks-customer-managed-key': { eksCustomerManagedKey: false },
  'eks-key-usable': { eksKeyUsable: false },
  'eks-key-rotation': { eksKeyRotationCompliant: false },
  'eks-key-dedicated': { eksKeyDedicated: false },
  'eks-key-policy': { eksKeyPolicyScoped: false },
  'eks-compliant': { eksVerdict: 'non-compliant' },
};

const ALL_PASS = Object.fromEntries(eksEncryptionChecks.map(c => [c.id, true]));

function checkerWith(facts: EksEncryptionFacts | undefined) {
  // The fact checker writes into the checks it is given: hand it copies.
  const checks: TechInsightJsonRuleCheck[] =
    structuredClone(eksEncryptionChecks);
  return new JsonRulesEngineFactCheckerFactory({
    checks,
    logger: mockServices.logger.mock(),
  }).construct(storeWithFacts(facts));
}

async function results(facts: EksEncryptionFacts | undefined) {
  const outcome = await checkerWith(facts).runChecks(ENTITY);
  return Object.fromEntries(outcome.map(r => [r.check.id, r.result]));
}

describe('eksEncryptionChecks', () => {
  it('defines the eks-* checks on the fact retriever', () => {
    expect(eksEncryptionChecks.map(c => c.id)).toEqual(
      Object.keys(FAILING_VALUE),
    );
    for (const check of eksEncryptionChecks) {
      expect(check.type).toBe('json-rules-engine');
      expect(check.factIds).toEqual([EKS_ENCRYPTION_FACT_RETRIEVER_ID]);
      expect(check.rule.conditions.all[0]).toEqual({
        fact: 'eksEvaluationComplete',
        operator: 'equal',
        value: true,
      });
    }
  });

  it('are valid for the json-rules-engine fact checker and its schema', async () => {
    const checker = checkerWith(COMPLIANT);
    for (const check of await checker.getChecks()) {
      await expect(checker.validate(check)).resolves.toEqual({ valid: true });
    }
  });

  it('all pass on the facts of a compliant entity', async () => {
    expect(await results(COMPLIANT)).toEqual(ALL_PASS);
    const published = factsOf(
      buildScorecard(ENTITY, [buildCluster('a', passingChecks())]),
    );
    expect(await results(published)).toEqual(ALL_PASS);
  });

  it.each(Object.entries(FAILING_VALUE))(
    '%s fails on its own fact and only there',
    async (checkId, failing) => {
      expect(await results({ ...COMPLIANT, ...failing })).toEqual({
        ...ALL_PASS,
        [checkId]: false,
      });
    },
  );

  it('judge the facts published for a cluster without a KMS key', async () => {
    const facts = factsOf(
      buildScorecard(ENTITY, [
        buildCluster('a', noKeyChecks('pass'), {
          encryptionState: 'aws-owned-default',
        }),
      ]),
    );
    expect(await results(facts)).toEqual({
      ...ALL_PASS,
      'eks-customer-managed-key': false,
      'eks-compliant': false,
    });
  });

  it('all fail when the evaluation is not complete', async () => {
    expect(
      await results({ ...COMPLIANT, eksEvaluationComplete: false }),
    ).toEqual(Object.fromEntries(eksEncryptionChecks.map(c => [c.id, false])));
  });

  it('give no result for an entity without facts', async () => {
    expect(await results(undefined)).toEqual({});
  });

  it('lets an adopter check a custom check through eksCheckStatuses', async () => {
    const custom: TechInsightJsonRuleCheck = {
      id: 'eks-data-classification',
      type: 'json-rules-engine',
      name: 'EKS data classification tag',
      description: 'The custom data-classification check passes.',
      factIds: [EKS_ENCRYPTION_FACT_RETRIEVER_ID],
      rule: {
        conditions: {
          all: [
            { fact: 'eksEvaluationComplete', operator: 'equal', value: true },
            {
              fact: 'eksCheckStatuses',
              path: "$['data-classification']",
              operator: 'equal',
              value: 'pass',
            },
          ],
        },
      },
    };
    const factsWith = (status: 'pass' | 'fail') =>
      toEksEncryptionFacts(
        buildScorecard(ENTITY, [
          buildCluster('a', [
            ...passingChecks(),
            checkResult('data-classification', status, 'high'),
          ]),
        ]),
        [...BUILT_IN_CHECK_IDS, 'data-classification'],
      );
    const run = async (facts: EksEncryptionFacts) => {
      const checker = new JsonRulesEngineFactCheckerFactory({
        checks: [structuredClone(custom)],
        logger: mockServices.logger.mock(),
      }).construct(storeWithFacts(facts));
      await expect(checker.validate(structuredClone(custom))).resolves.toEqual({
        valid: true,
      });
      const [outcome] = await checker.runChecks(ENTITY);
      return outcome.result;
    };
    expect(await run(factsWith('pass'))).toBe(true);
    expect(await run(factsWith('fail'))).toBe(false);
  });
});
