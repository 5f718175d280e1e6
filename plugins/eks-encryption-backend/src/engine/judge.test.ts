import type {
  EksEncryptionCheck,
  EksEncryptionCheckContext,
  EksEncryptionCheckOutcome,
  EksUpdate,
  KeyUse,
} from 'backstage-plugin-eks-encryption-node';
import { DEFAULT_EVALUATION_POLICY } from '../config';
import { BUILT_IN_CHECKS } from './checks';
import {
  awsFailure,
  checkContext,
  clusterArn,
  KEY_ARN,
  NOW,
  OTHER_ACCOUNT,
  resolvedKey,
  unresolvedKey,
} from './checks/__testUtils__/checkContext';
import type { ClusterFacts } from './facts';
import { judgeCluster } from './judge';
import { allPassExcept } from './__testUtils__/checkStatuses';

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

/** Judges, on the built-in checks, the cluster a pure check context describes. */
function judgeContext(ctx: EksEncryptionCheckContext) {
  return judgeCluster({
    facts: {
      ok: true,
      target: { cluster: ctx.cluster, namedBy: [...ctx.namedBy] },
      cluster: ctx.eks,
      ...(ctx.keyRef ? { keyRef: ctx.keyRef } : {}),
      ...(ctx.key ? { key: ctx.key } : {}),
      ...(ctx.updates ? { updates: ctx.updates } : {}),
    },
    checks: BUILT_IN_CHECKS,
    policy: ctx.policy,
    now: ctx.now,
    keyUses: ctx.keyUses,
  });
}

const statusesOf = (out: ReturnType<typeof judgeContext>) =>
  Object.fromEntries(out.checks.map(c => [c.id, c.status]));

const association: EksUpdate = {
  id: 'c1b2c3d4-0000-4000-8000-000000000001',
  type: 'AssociateEncryptionConfig',
  status: 'Successful',
  createdAt: '2024-06-01T00:00:00.000Z',
};

describe('judgeCluster verdicts, scores and grades on the built-in checks', () => {
  // Judged weights of a cluster with a key, approved-key aside:
  // 40+20+40+10+10+20+10+5 = 155.

  it('is compliant with score 100 and grade A when every judged check passes', () => {
    const out = judgeContext(checkContext());
    expect(statusesOf(out)).toEqual(allPassExcept());
    expect(out).toMatchObject({ verdict: 'compliant', score: 100, grade: 'A' });
  });

  it('gives half credit for a warning and stays compliant', () => {
    const out = judgeContext(
      checkContext({ updates: { ok: true, association } }),
    );
    expect(statusesOf(out)).toEqual(
      allPassExcept({ 'secrets-rewritten': 'warn' }),
    );
    // The medium warning earns 5 of 10.
    expect(out).toMatchObject({
      verdict: 'compliant',
      score: Math.round((150 / 155) * 100),
      grade: 'A',
    });
  });

  it('is non-compliant when a critical check fails', () => {
    const out = judgeContext(
      checkContext({ key: 'none', eks: { version: '1.26' } }),
    );
    // Only envelope (40, fail), customer-managed-key (20, fail) and tags (5, pass) are judged.
    expect(
      out.checks.filter(c => c.status !== 'not-applicable').map(c => c.id),
    ).toEqual([
      'envelope-encryption',
      'customer-managed-key',
      'ownership-tags',
    ]);
    expect(out).toMatchObject({
      verdict: 'non-compliant',
      score: Math.round((5 / 65) * 100),
      grade: 'F',
    });
  });

  it('grades a non-compliant cluster D at best', () => {
    const out = judgeContext(
      checkContext({ key: resolvedKey({ metadata: { keyManager: 'AWS' } }) }),
    );
    // customer-managed-key (20) fails; the AWS key's tags are not judged, the cluster's pass.
    expect(statusesOf(out)).toEqual(
      allPassExcept({ 'customer-managed-key': 'fail' }),
    );
    expect(out.score).toBe(Math.round((135 / 155) * 100));
    expect(out).toMatchObject({ verdict: 'non-compliant', grade: 'D' });
  });

  it('is incomplete when a high check is unknown and nothing blocking fails', () => {
    const out = judgeContext(
      checkContext({
        key: resolvedKey({ policy: awsFailure('kms:GetKeyPolicy') }),
      }),
    );
    expect(statusesOf(out)).toEqual(allPassExcept({ 'key-policy': 'unknown' }));
    expect(out).toMatchObject({
      verdict: 'incomplete',
      score: Math.round((135 / 155) * 100),
      grade: 'B',
    });
  });
});

describe('judgeCluster findings', () => {
  const OTHER_KEY = `arn:aws:kms:eu-west-1:${OTHER_ACCOUNT}:key/9abc0def-12ab-34cd-56ef-1234567890ab`;
  const sharing: KeyUse = {
    clusterArn: clusterArn('b').arn,
    keyArn: KEY_ARN,
    accountId: clusterArn('b').accountId,
  };
  const broken = resolvedKey({
    metadata: { keyManager: 'AWS', keyState: 'Disabled' },
    rotation: { enabled: false },
    policy: {
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' },
        {
          Effect: 'Deny',
          NotPrincipal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` },
          Action: 'kms:*',
          Resource: '*',
        },
      ],
    },
    tags: {},
  });
  // Between them, these clusters fail, warn or leave unknown every built-in check.
  const contexts = [
    checkContext({
      name: 'old',
      key: 'none',
      eks: { version: '1.25', tags: {} },
    }),
    checkContext({
      name: 'unversioned',
      key: 'none',
      eks: { version: 'latest' },
    }),
    checkContext({
      name: 'bad',
      key: broken,
      eks: { tags: {} },
      updates: { ok: true, association },
      otherKeyUses: [sharing],
      policy: { approvedKeyArns: [OTHER_KEY], keySharing: 'cluster' },
    }),
    checkContext({
      name: 'shared',
      key: resolvedKey({
        policy: {
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` },
              Action: 'kms:DescribeKey',
              Resource: '*',
            },
          ],
        },
      }),
    }),
    checkContext({
      name: 'denied',
      key: resolvedKey({
        rotation: awsFailure('kms:GetKeyRotationStatus'),
        policy: awsFailure('kms:GetKeyPolicy'),
        tags: awsFailure('kms:ListResourceTags'),
      }),
      updates: { ok: false, failure: awsFailure('eks:ListUpdates') },
    }),
    checkContext({
      name: 'undescribed',
      key: unresolvedKey(),
      policy: { approvedKeyArns: [OTHER_KEY] },
    }),
  ];

  it('gives every finding a one-line summary, details and a remediation', () => {
    const results = contexts.flatMap(ctx => judgeContext(ctx).checks);
    const findings = results.filter(
      c => c.status !== 'pass' && c.status !== 'not-applicable',
    );
    expect(new Set(findings.map(f => f.status))).toEqual(
      new Set(['fail', 'warn', 'unknown']),
    );
    // Each built-in check has a finding to read, not only some of them.
    expect(new Set(findings.map(f => f.id))).toEqual(
      new Set(BUILT_IN_CHECKS.map(c => c.id)),
    );
    for (const result of results) {
      expect(result.summary).toMatch(/^[^\n]+$/);
      expect(result.details.length).toBeGreaterThan(0);
    }
    for (const finding of findings) {
      expect(finding.remediation?.steps.length).toBeGreaterThan(0);
    }
  });
});
