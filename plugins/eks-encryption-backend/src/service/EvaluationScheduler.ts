import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { EvaluationRunner } from './EvaluationRunner';

/** Id of the scheduled evaluation task. */
export const EVALUATION_TASK_ID = 'eks-encryption:evaluate';

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { hours: 1 },
  timeout: { minutes: 15 },
  initialDelay: { seconds: 30 },
};

/**
 * Schedules the full evaluation run. The task is global: with several replicas on
 * one database, the scheduler's lock lets exactly one of them run each tick.
 */
export class EvaluationScheduler {
  constructor(
    private readonly options: {
      scheduler: SchedulerService;
      config: Config;
      logger: LoggerService;
      runner: Pick<EvaluationRunner, 'runScheduled'>;
    },
  ) {}

  /** `eksEncryption.schedule`, or every hour with a 15 minute timeout. */
  static readSchedule(config: Config): SchedulerServiceTaskScheduleDefinition {
    const configured = config.getOptionalConfig('eksEncryption.schedule');
    return configured
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(configured)
      : DEFAULT_SCHEDULE;
  }

  async start(): Promise<void> {
    const { scheduler, config, logger, runner } = this.options;
    const schedule = EvaluationScheduler.readSchedule(config);
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
      fn: async () => {
        await runner.runScheduled();
      },
    });
  }
}
