import type {
  CheckId,
  ClusterEvaluation,
  ClusterVerdict,
} from 'backstage-plugin-eks-encryption-common';
import {
  aliasArnOf,
  clusterFixture,
  clusterTargetOf,
  fixture,
  keyFixture,
} from '../__testUtils__/awsEstate';
import {
  FakeAwsEndpoint,
  type FakeFault,
} from '../__testUtils__/fakeAwsEndpoint';
import type { AwsAction } from 'backstage-plugin-eks-encryption-node';
import { DEFAULT_EVALUATION_POLICY, type AwsRetrySettings } from '../config';
import { NOW } from './__testUtils__/evaluationHarness';
import { DefaultClusterEvaluator } from './DefaultClusterEvaluator';
import type { EvaluationInput } from './types';

/*
 * The fault matrix: one cluster whose evaluation reads all seven calls, over a fake AWS
 * endpoint with the real SDK clients and retries. Each fault class on each call must
 * leave exactly the checks that depend on that call `unknown` (naming the call), and
 * every other check as it is on a clean read; transient faults must not show at all.
 */

const key = keyFixture({
  keyId: '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0',
  aliases: ['alias/eks/payments'],
});
const cluster = clusterFixture({
  name: 'payments',
  encryptionKeyRef: aliasArnOf(key),
  // No association among the updates: every one is described to learn that.
  updates: [
    {
      id: 'c1d2e3f4-0000-4000-8000-000000000001',
      type: 'VersionUpdate',
      status: 'Successful',
      createdAt: '2024-06-01T00:00:00.000Z',
    },
  ],
});

/** Milliseconds everywhere, so persistent faults give up in well under a second. */
const RETRY: AwsRetrySettings = {
  attemptTimeoutMs: 300,
  callBudgetMs: 900,
  baseDelayMs: 2,
  maxDelayMs: 20,
};

/**
 * For faults that pass: budgets no loaded CI machine runs into, so that only the
 * fault can make a difference.
 */
const PATIENT: AwsRetrySettings = {
  attemptTimeoutMs: 1000,
  callBudgetMs: 10_000,
  baseDelayMs: 2,
  maxDelayMs: 20,
};

const KEY_CHECKS: CheckId[] = [
  'customer-managed-key',
  'key-usable',
  'key-rotation',
  'key-dedicated',
  'key-policy',
  'ownership-tags',
];

/**
 * The checks that read each call's answer, and the cluster's verdict when that call
 * gives none: `incomplete` when a blocking (critical or high) check is unknown, else
 * still `compliant` (DescribeCluster: no checks at all, the cluster is in `error`).
 */
const DEPENDS_ON: Record<
  // An evaluation lists no clusters: discovery does.
  Exclude<AwsAction, 'eks:DescribeCluster' | 'eks:ListClusters'>,
  { checks: CheckId[]; verdict: ClusterVerdict }
> = {
  'eks:ListUpdates': { checks: ['secrets-rewritten'], verdict: 'compliant' },
  'eks:DescribeUpdate': { checks: ['secrets-rewritten'], verdict: 'compliant' },
  'kms:DescribeKey': { checks: KEY_CHECKS, verdict: 'incomplete' },
  'kms:GetKeyRotationStatus': {
    checks: ['key-rotation'],
    verdict: 'compliant',
  },
  'kms:GetKeyPolicy': { checks: ['key-policy'], verdict: 'incomplete' },
  'kms:ListResourceTags': { checks: ['ownership-tags'], verdict: 'compliant' },
};

const ACTIONS: AwsAction[] = [
  'eks:DescribeCluster',
  ...(Object.keys(DEPENDS_ON) as AwsAction[]),
];

const RECOVERING: [string, FakeFault][] = [
  ['a throttling burst', { kind: 'throttle', times: 2 }],
  ['a 5xx burst', { kind: 'server-error', times: 2 }],
  ['one hung attempt', { kind: 'hang', times: 1 }],
];

/** Persistent faults, with what the failure's message (in `details`) says. */
const PERSISTENT: [string, FakeFault, RegExp][] = [
  ['access denied', { kind: 'access-denied' }, /AccessDeniedException: /],
  ['not found', { kind: 'not-found' }, /NotFoundException: /],
  [
    'a throttling storm',
    { kind: 'throttle' },
    /throttled \d+ times in [\d.]+ m?s \(ThrottlingException: Rate exceeded\); gave up at the call budget of 900 ms/,
  ],
  [
    'persistent 5xx',
    { kind: 'server-error' },
    /failed (twice|\d+ times) with a server error in [\d.]+ m?s \((ServiceUnavailable|KMSInternal)Exception: .*\); gave up at the call budget of 900 ms/,
  ],
  [
    'a hang',
    { kind: 'hang' },
    /timed out (once|twice|\d times) in [\d.]+ m?s \(TimeoutError: no answer within 300 ms; the attempt was aborted\); gave up at the call budget of 900 ms/,
  ],
  [
    'a malformed answer',
    { kind: 'malformed' },
    /unreadable answer \(SyntaxError: /,
  ],
];

/** Every fault class on every call, as `it.each` rows. */
function matrix<R extends [string, FakeFault, ...unknown[]]>(faults: R[]) {
  return ACTIONS.flatMap(action =>
    faults
      // A key that does not exist is an answer, not a gap: see its own test.
      .filter(
        ([, f]) => !(action === 'kms:DescribeKey' && f.kind === 'not-found'),
      )
      .map(row => [action, ...row] as [AwsAction, ...R]),
  );
}

describe('DefaultClusterEvaluator under AWS faults', () => {
  let aws: FakeAwsEndpoint;
  let clean: ClusterEvaluation;

  async function evaluate(
    input: Partial<EvaluationInput> = {},
    retry: AwsRetrySettings = RETRY,
  ): Promise<ClusterEvaluation> {
    const evaluator = new DefaultClusterEvaluator({
      source: aws.sdkSource({ retry }),
      policy: DEFAULT_EVALUATION_POLICY,
    });
    const { clusters } = await evaluator.evaluate({
      targets: [{ cluster: clusterTargetOf(cluster) }],
      now: NOW,
      ...input,
    });
    expect(clusters).toHaveLength(1);
    return clusters[0];
  }

  beforeAll(async () => {
    aws = await FakeAwsEndpoint.start(
      fixture({ clusters: [cluster], keys: [key] }),
    );
    clean = await evaluate({}, PATIENT);
  });
  afterAll(() => aws.stop());
  beforeEach(() => aws.clearFaults());

  it('reads every call on a clean estate, and passes where the estate is right', () => {
    expect(clean.error).toBeUndefined();
    expect(clean.verdict).toBe('compliant');
    expect(
      clean.checks.filter(c => c.status !== 'pass').map(c => c.id),
    ).toEqual(['approved-key']);
  });

  it.each(matrix(RECOVERING))(
    '%s recovering from %s: exactly the clean result',
    async (action, _, fault) => {
      aws.fault(action, fault);
      const before = aws.calls(action);
      await expect(evaluate({}, PATIENT)).resolves.toEqual(clean);
      expect(aws.calls(action) - before).toBeGreaterThan(1);
    },
  );

  /** The clean checks, with those of `unread` unknown: summary and details as given. */
  function cleanChecksExcept(
    unread: readonly CheckId[],
    summary: RegExp,
    details: RegExp,
  ) {
    return clean.checks.map(check =>
      unread.includes(check.id)
        ? {
            ...check,
            status: 'unknown',
            summary: expect.stringMatching(summary),
            details: expect.stringMatching(details),
            remediation: expect.anything(),
          }
        : check,
    );
  }

  it.each(PERSISTENT.filter(([, fault]) => fault.kind !== 'not-found'))(
    'eks:DescribeCluster failing with %s: the cluster is in error, naming the call',
    async (_, fault, says) => {
      aws.fault('eks:DescribeCluster', fault);
      const result = await evaluate();
      expect(result).toMatchObject({ verdict: 'error', checks: [] });
      expect(result.error).toMatch(
        /^eks:DescribeCluster (denied|failed) in account 111122223333/,
      );
      expect(result.error).toMatch(says);
    },
  );

  it('eks:DescribeCluster answering not found: the cluster is in error, not found', async () => {
    aws.fault('eks:DescribeCluster', { kind: 'not-found' });
    await expect(evaluate()).resolves.toMatchObject({
      verdict: 'error',
      checks: [],
      error: expect.stringMatching(
        /^cluster not found: no EKS cluster named payments in account 111122223333/,
      ),
    });
  });

  it.each(
    matrix(PERSISTENT).filter(([action]) => action !== 'eks:DescribeCluster'),
  )(
    '%s failing with %s: only what depends on it is unknown',
    async (action, _, fault, says) => {
      aws.fault(action, fault);
      const result = await evaluate();
      const { checks, verdict } = DEPENDS_ON[action as keyof typeof DEPENDS_ON];
      expect(result.verdict).toBe(verdict);
      expect(result.checks).toEqual(
        cleanChecksExcept(
          checks,
          new RegExp(`^Not verified: ${action} (denied|found nothing|failed) `),
          says,
        ),
      );
    },
  );

  it('a key that does not exist is an answer: key-usable fails, the other key checks are unknown', async () => {
    aws.fault('kms:DescribeKey', { kind: 'not-found' });
    const result = await evaluate();
    expect(result.verdict).toBe('non-compliant');
    const statuses = Object.fromEntries(
      result.checks.map(c => [c.id, c.status]),
    );
    expect(statuses).toEqual({
      ...Object.fromEntries(clean.checks.map(c => [c.id, c.status])),
      ...Object.fromEntries(KEY_CHECKS.map(id => [id, 'unknown'])),
      'key-usable': 'fail',
    });
  });

  it('a run deadline already passed fails every call fast, naming the deadline', async () => {
    const before = aws.calls();
    const started = Date.now();
    const result = await evaluate({ deadline: Date.now() - 1 });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(result.verdict).toBe('error');
    expect(result.error).toContain("the run's deadline had passed");
    expect(aws.calls()).toBe(before);
  });

  it('a deadline reached mid-run leaves unknown only what it cut, naming the deadline', async () => {
    aws.fault('kms:GetKeyPolicy', { kind: 'hang' });
    const started = Date.now();
    const result = await evaluate({ deadline: started + 200 });
    expect(Date.now() - started).toBeLessThan(200 + 150);
    expect(result.checks).toEqual(
      cleanChecksExcept(
        ['key-policy'],
        /^Not verified: kms:GetKeyPolicy failed /,
        /(timed out (once|twice) in \d+ ms .*|no answer in \d+ ms); gave up at the run's deadline/,
      ),
    );
  });

  it('a cancelled run finishes quickly and passes nothing it did not read', async () => {
    aws.fault('kms:GetKeyPolicy', { kind: 'hang' });
    aws.fault('kms:ListResourceTags', { kind: 'throttle' });
    const run = new AbortController();
    const evaluation = evaluate({ signal: run.signal });
    // Cancel once the key policy call hangs: the cluster and key were read by then.
    const cancelWhenHanging = setInterval(() => {
      if (aws.hangingRequests > 0) {
        clearInterval(cancelWhenHanging);
        run.abort();
      }
    }, 5);
    const started = Date.now();
    const result = await evaluation;
    clearInterval(cancelWhenHanging);
    expect(Date.now() - started).toBeLessThan(RETRY.callBudgetMs);
    // The faulted calls never answer; the others may or may not have answered by
    // the time the run is cancelled (a loaded machine): each check is either its
    // clean result or unknown because of the cancellation, never anything else.
    const cancelled = (id: CheckId) =>
      cleanChecksExcept(
        [id],
        /^Not verified: kms:\w+ failed /,
        /the run was cancelled after \d+ ms/,
      ).find(check => check.id === id);
    const statuses = new Map(result.checks.map(c => [c.id, c.status]));
    expect(statuses.get('key-policy')).toBe('unknown');
    expect(statuses.get('ownership-tags')).toBe('unknown');
    expect(result.checks).toEqual(
      clean.checks.map(check =>
        statuses.get(check.id) === 'unknown' ? cancelled(check.id) : check,
      ),
    );
  });
});

describe('DefaultClusterEvaluator under a throttling burst over the whole estate', () => {
  // Six clusters, each with its own key: about as many calls as the estate where
  // a burst of 40 throttles over some 70 calls once turned compliant clusters
  // `incomplete`. Retrying within the call budget must leave no trace.
  const estate = Array.from({ length: 6 }, (_, i) => {
    const ownKey = keyFixture({
      keyId: `0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f${i}`,
      aliases: [`alias/eks/service-${i}`],
    });
    return {
      key: ownKey,
      cluster: clusterFixture({
        name: `service-${i}`,
        encryptionKeyRef: aliasArnOf(ownKey),
      }),
    };
  });
  let aws: FakeAwsEndpoint;

  async function evaluateEstate(): Promise<ClusterEvaluation[]> {
    const evaluator = new DefaultClusterEvaluator({
      source: aws.sdkSource({ retry: PATIENT }),
      policy: DEFAULT_EVALUATION_POLICY,
    });
    const { clusters } = await evaluator.evaluate({
      targets: estate.map(e => ({ cluster: clusterTargetOf(e.cluster) })),
      now: NOW,
    });
    return clusters;
  }

  beforeAll(async () => {
    aws = await FakeAwsEndpoint.start(
      fixture({
        clusters: estate.map(e => e.cluster),
        keys: estate.map(e => e.key),
      }),
    );
  });
  afterAll(() => aws.stop());

  it('gives every cluster exactly its clean result', async () => {
    const clean = await evaluateEstate();
    expect(clean.map(c => c.verdict)).toEqual(estate.map(() => 'compliant'));
    const cleanCalls = aws.calls();
    const called = ACTIONS.filter(action => aws.calls(action) > 0);

    // The first six requests of every call the estate makes are throttled: 36
    // throttles over 36 calls.
    for (const action of called) {
      aws.fault(action, { kind: 'throttle', times: estate.length });
    }
    const before = aws.calls();
    const burst = await evaluateEstate();
    aws.clearFaults();

    expect(called).toHaveLength(6);
    expect(aws.calls() - before).toBe(cleanCalls + called.length * 6);
    expect(burst).toEqual(clean);
  });
});
