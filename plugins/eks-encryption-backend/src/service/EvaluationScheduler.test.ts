import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { EVALUATION_TASK_ID, EvaluationScheduler } from './EvaluationScheduler';

describe('EvaluationScheduler', () => {
  function start(config: object) {
    const scheduler = mockServices.scheduler.mock();
    const runner = { runScheduled: jest.fn(async () => undefined) };
    const started = new EvaluationScheduler({
      scheduler,
      config: new ConfigReader(config),
      logger: mockServices.logger.mock(),
      runner,
    }).start();
    return { scheduler, runner, started };
  }

  it('runs every hour by default, globally, after a short delay', async () => {
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
    await scheduler.scheduleTask.mock.calls[0][0].fn(
      new AbortController().signal,
    );
    expect(runner.runScheduled).toHaveBeenCalledTimes(1);
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
