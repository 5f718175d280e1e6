import type {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { scheduleDurationMs } from '../config';
import type { EvaluationRunner } from './EvaluationRunner';

/** Id of the scheduled evaluation task. */
export const EVALUATION_TASK_ID = 'eks-encryption:evaluate';

/**
 * Schedules the full evaluation run. The task is global: with several replicas on
 * one database, the scheduler's lock lets exactly one of them run each tick. The
 * run gets the task's abort signal and a deadline at the task's timeout, so it
 * writes what it has before the scheduler gives up on it.
 */
export class EvaluationScheduler {
  constructor(
    private readonly options: {
      scheduler: SchedulerService;
      schedule: SchedulerServiceTaskScheduleDefinition;
      logger: LoggerService;
      runner: Pick<EvaluationRunner, 'runScheduled'>;
      now?: () => number;
    },
  ) {}

  async start(): Promise<void> {
    const { scheduler, schedule, logger, runner } = this.options;
    const now = this.options.now ?? Date.now;
    const timeoutMs = scheduleDurationMs(schedule.timeout);
    logger.info(
      `Scheduling ${EVALUATION_TASK_ID} with ${JSON.stringify(
        schedule.frequency,
      )}`,
    );
    await scheduler.scheduleTask({
      ...schedule,
      // Runs write shared tables: one replica at a time, whatever the config says.
      scope: 'global',
      id: EVALUATION_TASK_ID,
      fn: async signal => {
        await runner.runScheduled({
          signal,
          ...(timeoutMs ? { deadline: now() + timeoutMs } : {}),
        });
      },
    });
  }
}
