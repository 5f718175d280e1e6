import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { readEksEncryptionConfig } from '../config';
import { EVALUATION_TASK_ID, EvaluationScheduler } from './EvaluationScheduler';

describe('EvaluationScheduler', () => {
  const NOW = 1_000_000;

  function start(config: object) {
    const scheduler = mockServices.scheduler.mock();
    const runner = { runScheduled: jest.fn(async () => undefined) };
    const started = new EvaluationScheduler({
      scheduler,
      schedule: readEksEncryptionConfig(new ConfigReader(config)).schedule,
      logger: mockServices.logger.mock(),
      runner,
      now: () => NOW,
    }).start();
    return { scheduler, runner, started };
  }

  it('runs every hour by default, globally, with the task signal and a deadline at its timeout', async () => {
    const { scheduler, runner, started } = start({});
    await started;

    expect(scheduler.scheduleTask).toHaveBeenCalledWith({
      id: EVALUATION_TASK_ID,
      frequency: { hours: 1 },
      timeout: { minutes: 15 },
      initialDelay: { seconds: 30 },
      scope: 'global',
      fn: expect.any(Function),
    });
    const signal = new AbortController().signal;
    await scheduler.scheduleTask.mock.calls[0][0].fn(signal);
    expect(runner.runScheduled).toHaveBeenCalledWith({
      signal,
      deadline: NOW + 15 * 60_000,
    });
  });

  it('reads eksEncryption.schedule and keeps the task global', async () => {
    const { scheduler, started } = start({
      eksEncryption: {
        schedule: {
          frequency: { cron: '0 */6 * * *' },
          timeout: 'PT30M',
          scope: 'local',
        },
      },
    });
    await started;

    const task = scheduler.scheduleTask.mock.calls[0][0];
    expect(task.frequency).toEqual({ cron: '0 */6 * * *' });
    expect(task.timeout).toEqual(expect.objectContaining({ minutes: 30 }));
    expect(task.initialDelay).toBeUndefined();
    expect(task.scope).toBe('global');
  });
});
