import { ConfigReader } from '@backstage/config';
import { readHistoryRetentionMs } from './historyRetention';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('readHistoryRetentionMs', () => {
  it.each([
    ['absent', {}, 180 * DAY_MS],
    ['an object', { retention: { days: 30 } }, 30 * DAY_MS],
    ['a string', { retention: '90d' }, 90 * DAY_MS],
    ['an ISO duration', { retention: 'P1Y' }, 365 * DAY_MS],
  ])('reads %s', (_, history, expected) => {
    expect(
      readHistoryRetentionMs(new ConfigReader({ eksEncryption: { history } })),
    ).toBe(expected);
  });

  it('refuses a duration that is not positive', () => {
    expect(() =>
      readHistoryRetentionMs(
        new ConfigReader({
          eksEncryption: { history: { retention: { days: 0 } } },
        }),
      ),
    ).toThrow(/positive/);
  });
});
