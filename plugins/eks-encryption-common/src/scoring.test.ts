import type { CheckResult, Severity, CheckStatus } from './types';
import {
  clusterVerdict,
  gradeFor,
  scoreChecks,
  summarizeCluster,
  summarizeEntity,
  worstVerdict,
} from './scoring';

const check = (severity: Severity, status: CheckStatus) => ({
  severity,
  status,
});

describe('scoreChecks', () => {
  it('weights credit by severity and leaves not-applicable out', () => {
    // critical pass 40, high warn 10 of 20, medium fail 0 of 10, low n/a
    expect(
      scoreChecks([
        check('critical', 'pass'),
        check('high', 'warn'),
        check('medium', 'fail'),
        check('low', 'not-applicable'),
      ]),
    ).toBe(Math.round((50 / 70) * 100));
  });

  it('gives no credit for unknown', () => {
    expect(
      scoreChecks([check('critical', 'pass'), check('critical', 'unknown')]),
    ).toBe(50);
  });

  it('scores 0 when nothing was judged', () => {
    expect(scoreChecks([check('low', 'not-applicable')])).toBe(0);
  });
});

describe('gradeFor', () => {
  it.each([
    [100, 'A'],
    [90, 'A'],
    [89, 'B'],
    [80, 'B'],
    [79, 'C'],
    [70, 'C'],
    [69, 'D'],
    [60, 'D'],
    [59, 'F'],
    [0, 'F'],
  ] as const)('grades %i as %s', (score, grade) => {
    expect(gradeFor(score)).toBe(grade);
  });

  it('grades a non-compliant result D at best', () => {
    expect(gradeFor(95, 'non-compliant')).toBe('D');
    expect(gradeFor(40, 'non-compliant')).toBe('F');
  });
});

describe('clusterVerdict', () => {
  it('is error when the cluster could not be read', () => {
    expect(
      clusterVerdict([check('critical', 'fail')], 'cluster not found'),
    ).toBe('error');
  });

  it('is non-compliant when a critical or high check fails', () => {
    expect(
      clusterVerdict([check('high', 'fail'), check('critical', 'unknown')]),
    ).toBe('non-compliant');
  });

  it('is incomplete when a critical or high check is unknown', () => {
    expect(
      clusterVerdict([check('critical', 'pass'), check('high', 'unknown')]),
    ).toBe('incomplete');
  });

  it('is compliant when only medium or low checks fail', () => {
    expect(
      clusterVerdict([
        check('critical', 'pass'),
        check('medium', 'fail'),
        check('low', 'unknown'),
        check('high', 'warn'),
      ]),
    ).toBe('compliant');
  });
});

describe('summaries', () => {
  const results: Pick<CheckResult, 'severity' | 'status'>[] = [
    check('critical', 'pass'),
    check('high', 'fail'),
  ];

  it('caps the grade of a non-compliant cluster', () => {
    expect(summarizeCluster(results)).toEqual({
      verdict: 'non-compliant',
      score: 67,
      grade: 'D',
    });
  });

  it('scores an error cluster 0', () => {
    expect(summarizeCluster([], 'boom')).toEqual({
      verdict: 'error',
      score: 0,
      grade: 'F',
    });
  });

  it('takes the worst verdict and lowest score for an entity', () => {
    expect(
      summarizeEntity([
        { verdict: 'compliant', score: 100 },
        { verdict: 'incomplete', score: 70 },
        { verdict: 'error', score: 0 },
      ]),
    ).toEqual({ verdict: 'error', score: 0, grade: 'F' });
  });

  it('is not-evaluated without clusters', () => {
    expect(summarizeEntity([])).toEqual({
      verdict: 'not-evaluated',
      score: null,
      grade: null,
    });
  });

  it('orders verdicts non-compliant > error > incomplete > not-evaluated > compliant', () => {
    expect(worstVerdict(['compliant', 'not-evaluated'])).toBe('not-evaluated');
    expect(worstVerdict(['not-evaluated', 'incomplete'])).toBe('incomplete');
    expect(worstVerdict(['incomplete', 'error'])).toBe('error');
    expect(worstVerdict(['error', 'non-compliant', 'compliant'])).toBe(
      'non-compliant',
    );
  });
});

describe('checks added by modules', () => {
  const result = (id: string, status: CheckStatus): CheckResult => ({
    id,
    severity: 'high',
    status,
    summary: id,
    details: id,
  });

  it('weigh a custom check like a built-in check of the same severity', () => {
    const builtIn = summarizeCluster([
      result('envelope-encryption', 'pass'),
      result('key-policy', 'fail'),
    ]);
    const custom = summarizeCluster([
      result('envelope-encryption', 'pass'),
      result('data-classification', 'fail'),
    ]);
    expect(custom).toEqual(builtIn);
    expect(custom.verdict).toBe('non-compliant');
  });
});
