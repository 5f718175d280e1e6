import {
  BUILT_IN_CHECK_IDS,
  buildCluster,
  checkResult,
  noKeyChecks,
  passingChecks,
} from '../__testUtils__/scorecards';
import { toCheckStatuses } from './checkStatuses';

const CUSTOM = 'data-classification';
const IDS = [...BUILT_IN_CHECK_IDS, CUSTOM];

describe('toCheckStatuses', () => {
  it('gives every registered check its status, a custom check included', () => {
    const statuses = toCheckStatuses(
      [
        buildCluster('a', [
          ...passingChecks({ 'key-rotation': 'warn' }),
          checkResult(CUSTOM, 'fail', 'high'),
        ]),
      ],
      IDS,
    );
    expect(Object.keys(statuses)).toEqual(IDS);
    expect(statuses).toMatchObject({
      'envelope-encryption': 'pass',
      'key-rotation': 'warn',
      [CUSTOM]: 'fail',
    });
  });

  it('takes the worst status over the clusters: fail, unknown, warn, pass', () => {
    const cluster = (name: string, status: 'fail' | 'unknown' | 'warn') =>
      buildCluster(name, [
        checkResult(CUSTOM, 'pass'),
        checkResult('key-policy', status),
      ]);
    const statusOf = (...clusters: ReturnType<typeof cluster>[]) =>
      toCheckStatuses(clusters, ['key-policy', CUSTOM]);

    expect(statusOf(cluster('a', 'warn'), cluster('b', 'fail'))).toEqual({
      'key-policy': 'fail',
      [CUSTOM]: 'pass',
    });
    expect(statusOf(cluster('a', 'warn'), cluster('b', 'unknown'))).toEqual({
      'key-policy': 'unknown',
      [CUSTOM]: 'pass',
    });
    expect(statusOf(cluster('a', 'warn'))['key-policy']).toBe('warn');
  });

  it('is not-applicable only when no cluster judged the check', () => {
    const noKey = buildCluster('a', noKeyChecks('pass'), {
      encryptionState: 'aws-owned-default',
    });
    const withKey = buildCluster('b', passingChecks());
    expect(toCheckStatuses([noKey], IDS)).toMatchObject({
      'key-usable': 'not-applicable',
      // Not judged anywhere (no approved keys configured; custom check not run yet).
      'approved-key': 'not-applicable',
      [CUSTOM]: 'not-applicable',
    });
    expect(toCheckStatuses([noKey, withKey], IDS)['key-usable']).toBe('pass');
  });

  it('counts a cluster whose latest read failed as unknown for every check', () => {
    const statuses = toCheckStatuses(
      [
        buildCluster('a', passingChecks()),
        buildCluster('b', passingChecks(), { stale: true }),
      ],
      IDS,
    );
    expect(new Set(Object.values(statuses))).toEqual(new Set(['unknown']));
  });

  it('lists only registered checks, and nothing for an entity without clusters', () => {
    const cluster = buildCluster('a', [checkResult('retired-check', 'fail')]);
    expect(toCheckStatuses([cluster], [CUSTOM])).toEqual({
      [CUSTOM]: 'not-applicable',
    });
    expect(toCheckStatuses([], IDS)).toEqual({});
  });
});
