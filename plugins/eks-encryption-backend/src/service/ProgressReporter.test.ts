import { mockServices } from '@backstage/backend-test-utils';
import { ProgressReporter } from './ProgressReporter';

describe('ProgressReporter', () => {
  it('writes at most once per interval and the latest progress on flush', async () => {
    let clock = 0;
    const updateRunProgress = jest.fn(async () => {});
    const reporter = new ProgressReporter({
      store: { updateRunProgress },
      runId: 'run-1',
      logger: mockServices.logger.mock(),
      intervalMs: 1000,
      now: () => clock,
    });

    clock = 5000;
    reporter.report(0, 10);
    reporter.report(1, 10);
    reporter.report(2, 10);
    clock = 5500;
    reporter.report(3, 10);
    await reporter.flush();

    expect(updateRunProgress.mock.calls).toEqual([
      ['run-1', { clustersDone: 0, clustersTotal: 10 }],
      ['run-1', { clustersDone: 3, clustersTotal: 10 }],
    ]);
  });

  it('carries on when a write fails', async () => {
    const logger = mockServices.logger.mock();
    const reporter = new ProgressReporter({
      store: {
        updateRunProgress: jest.fn().mockRejectedValue(new Error('locked')),
      },
      runId: 'run-1',
      logger,
      intervalMs: 0,
      now: () => 1,
    });

    reporter.report(1, 2);
    await expect(reporter.flush()).resolves.toBeUndefined();
    expect(logger.warn).toHaveBeenCalled();
  });

  it('beats while started, without progress, and stops when stopped', async () => {
    jest.useFakeTimers();
    try {
      const updateRunProgress = jest.fn(async () => {});
      const reporter = new ProgressReporter({
        store: { updateRunProgress },
        runId: 'run-1',
        logger: mockServices.logger.mock(),
        intervalMs: 1000,
        heartbeatIntervalMs: 15_000,
        now: () => Date.now(),
      });
      reporter.start();
      await jest.advanceTimersByTimeAsync(45_000);
      expect(updateRunProgress).toHaveBeenCalledTimes(3);
      reporter.stop();
      await jest.advanceTimersByTimeAsync(60_000);
      expect(updateRunProgress).toHaveBeenCalledTimes(3);
    } finally {
      jest.useRealTimers();
    }
  });
});
