import { ConfigReader } from '@backstage/config';
import { readNotificationsConfig } from './config';

const read = (notifications?: object) =>
  readNotificationsConfig(
    new ConfigReader(notifications ? { eksEncryption: { notifications } } : {}),
  );

describe('readNotificationsConfig', () => {
  it('defaults to high and 24 hours, without a platform group', () => {
    expect(read()).toEqual({
      minimumSeverity: 'high',
      quietPeriodMs: 24 * 60 * 60 * 1000,
    });
    expect(read({})).toEqual({
      platformGroup: undefined,
      minimumSeverity: 'high',
      quietPeriodMs: 24 * 60 * 60 * 1000,
    });
  });

  it('reads every key', () => {
    expect(
      read({
        platformGroup: 'platform-team',
        minimumSeverity: 'medium',
        quietPeriod: { hours: 2, minutes: 30 },
      }),
    ).toEqual({
      platformGroup: 'group:default/platform-team',
      minimumSeverity: 'medium',
      quietPeriodMs: 2.5 * 60 * 60 * 1000,
    });
    expect(read({ quietPeriod: 'PT1H' }).quietPeriodMs).toBe(60 * 60 * 1000);
    expect(read({ quietPeriod: { days: 0 } }).quietPeriodMs).toBe(0);
    expect(read({ platformGroup: 'group:ops/sre' }).platformGroup).toBe(
      'group:ops/sre',
    );
  });

  it('rejects bad values at startup', () => {
    expect(() => read({ minimumSeverity: 'urgent' })).toThrow(
      /minimumSeverity must be one of critical, high, medium, low/,
    );
    expect(() => read({ quietPeriod: 'soon' })).toThrow(/quietPeriod/);
    expect(() => read({ quietPeriod: { hours: -1 } })).toThrow(
      /must not be negative/,
    );
    expect(() => read({ platformGroup: 'group:' })).toThrow(/platformGroup/);
  });
});
