import type {
  EksEncryptionCheck,
  EksEncryptionCheckOutcome,
} from 'backstage-plugin-eks-encryption-node';
import { DEFAULT_EVALUATION_POLICY } from '../config';
import { BUILT_IN_CHECKS } from './checks';
import {
  awsFailure,
  clusterArn,
  NOW,
  resolvedKey,
} from './checks/__testUtils__/checkContext';
import type { ClusterFacts } from './facts';
import { judgeCluster } from './judge';

const cluster = clusterArn('payments');
const facts: ClusterFacts = {
  ok: true,
  target: { cluster },
  cluster: {
    arn: cluster.arn,
    name: cluster.name,
    version: '1.29',
    encryptionKeyRefs: [resolvedKey().ref],
    healthIssues: [],
    tags: { owner: 'team-a', 'data-classification': 'confidential' },
  },
  keyRef: resolvedKey().ref,
  key: resolvedKey(),
  updates: { ok: true },
};

const check = (
  judge: EksEncryptionCheck['judge'],
  severity: EksEncryptionCheck['severity'] = 'high',
): EksEncryptionCheck => ({
  id: 'custom',
  title: 'Custom',
  severity,
  description: 'A check a module added.',
  judge,
});

const judge = (checks: EksEncryptionCheck[], onCheckError = jest.fn()) =>
  judgeCluster({
    facts,
    checks,
    policy: DEFAULT_EVALUATION_POLICY,
    now: NOW,
    keyUses: new Map(),
    onCheckError,
  });

describe('judgeCluster', () => {
  it('judges every check in registry order and scores by severity', () => {
    const out = judge([
      ...BUILT_IN_CHECKS,
      check(() => ({ status: 'fail', summary: 'No' })),
    ]);
    expect(out.checks.map(c => c.id)).toEqual([
      ...BUILT_IN_CHECKS.map(c => c.id),
      'custom',
    ]);
    expect(out.checks[9]).toEqual({
      id: 'custom',
      severity: 'high',
      status: 'fail',
      summary: 'No',
      details: 'No',
    });
    // A failing custom high check makes the cluster non-compliant like a built-in one.
    expect(out.verdict).toBe('non-compliant');
    expect(out.grade).toBe('D');
  });

  it('gives the check what was read, as a plain context', () => {
    const seen = jest.fn(
      (): EksEncryptionCheckOutcome => ({ status: 'pass', summary: 'ok' }),
    );
    judge([check(seen)]);
    expect(seen).toHaveBeenCalledWith(
      expect.objectContaining({
        cluster,
        namedBy: [],
        encryptionState: 'kms-key',
        keyRef: resolvedKey().ref,
        eks: expect.objectContaining({
          tags: expect.objectContaining({
            'data-classification': 'confidential',
          }),
        }),
        policy: DEFAULT_EVALUATION_POLICY,
        now: NOW,
      }),
    );
  });

  it('makes a check that throws unknown with the message, never pass, and judges the others', () => {
    const onCheckError = jest.fn();
    const out = judge(
      [
        check(() => {
          throw new Error('tag service down');
        }),
        ...BUILT_IN_CHECKS,
      ],
      onCheckError,
    );
    expect(out.checks[0]).toMatchObject({
      id: 'custom',
      severity: 'high',
      status: 'unknown',
      summary: 'Not verified: the check failed (it threw: tag service down)',
    });
    expect(out.checks[0].details).toContain('could not judge payments');
    expect(out.checks.slice(1).every(c => c.status !== 'unknown')).toBe(true);
    expect(out.verdict).toBe('incomplete');
    expect(onCheckError).toHaveBeenCalledWith(
      'custom',
      'it threw: tag service down',
    );
  });

  it.each([
    ['no outcome', undefined, 'it returned no outcome'],
    [
      'an unknown status',
      { status: 'ok', summary: 'fine' },
      'it returned the unknown status "ok"',
    ],
    ['no summary', { status: 'pass', summary: '' }, 'it returned no summary'],
  ])('makes a check that returns %s unknown', (_case, value, problem) => {
    const out = judge([check(() => value as never)]);
    expect(out.checks[0]).toMatchObject({
      status: 'unknown',
      summary: `Not verified: the check failed (${problem})`,
    });
  });

  it('judges nothing for a cluster that could not be described', () => {
    const seen = jest.fn();
    const out = judgeCluster({
      facts: {
        ok: false,
        target: { cluster },
        failure: awsFailure('eks:DescribeCluster'),
      },
      checks: [check(seen)],
      policy: DEFAULT_EVALUATION_POLICY,
      now: NOW,
      keyUses: new Map(),
    });
    expect(seen).not.toHaveBeenCalled();
    expect(out).toMatchObject({ verdict: 'error', checks: [], score: 0 });
  });
});
