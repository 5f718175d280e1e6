import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import type { HumanDuration } from '@backstage/types';

export interface Config {
  /**
   * EKS Secrets encryption audit (backend plugin `eks-encryption`).
   */
  eksEncryption?: {
    /**
     * When the scheduled evaluation of every linked cluster runs (`frequency`,
     * `timeout`, `initialDelay`); one replica runs it at a time.
     * Default: every hour, with a timeout of 15 minutes.
     *
     * @visibility backend
     */
    schedule?: SchedulerServiceTaskScheduleDefinitionConfig;

    /**
     * How EKS and KMS are read. Credentials come from the root `aws` config
     * (`aws.mainAccount`, `aws.accounts[]`, `aws.accountDefaults`); the region comes
     * from each cluster or key ARN.
     */
    aws?: {
      /**
       * `sdk` calls AWS with the AWS SDK v3; `snapshot` reads AWS CLI outputs from
       * `snapshotDir` (offline audits, demos). Default: `sdk`.
       *
       * @visibility backend
       */
      source?: 'sdk' | 'snapshot';
      /**
       * Folder written by `scripts/export-aws-snapshot.sh`, absolute or relative to the
       * backend's working directory. Required when `source` is `snapshot`.
       *
       * @visibility backend
       */
      snapshotDir?: string;
      /**
       * One endpoint for both EKS and KMS, e.g. a LocalStack-compatible emulator at
       * `http://localhost:4566`. Default: the AWS endpoint of each region.
       *
       * @visibility backend
       */
      endpoint?: string;
      /**
       * AWS calls in flight at once per account and region. Default: 4.
       *
       * @visibility backend
       */
      concurrency?: number;
      /**
       * Longest one AWS call may take, retries included, before it is aborted and
       * reported as failed: milliseconds, or a duration such as `{ seconds: 10 }` or
       * `'10s'`. Default: 10 seconds.
       *
       * @visibility backend
       */
      callTimeout?: number | HumanDuration | string;
      /**
       * Attempts per call (the first included) under the SDK's adaptive retry mode.
       * Default: 5.
       *
       * @visibility backend
       */
      maxAttempts?: number;
    };

    /**
     * What the checks demand.
     */
    policy?: {
      /**
       * Longest automatic rotation period, in days, that `key-rotation` accepts.
       * Default: 365.
       *
       * @visibility backend
       */
      maxRotationDays?: number;
      /**
       * Scope within which clusters may share one KMS key before `key-dedicated` fails:
       * `cluster` (no sharing), `environment` or `account`. Default: `environment`.
       *
       * @visibility backend
       */
      keySharing?: 'cluster' | 'environment' | 'account';
      /**
       * KMS key ARNs that `approved-key` accepts. When unset, `approved-key` is not
       * judged. Default: unset.
       *
       * @visibility backend
       */
      approvedKeyArns?: string[];
      /**
       * Tags that `ownership-tags` requires on the cluster and on its key.
       * Default: `['owner']`.
       *
       * @visibility backend
       */
      requiredTags?: string[];
      /**
       * Cluster tag keys naming its environment, the first present wins.
       * Default: `['environment', 'env']`.
       *
       * @visibility backend
       */
      environmentTagKeys?: string[];
      /**
       * Environment tag values that count as production in KPIs.
       * Default: `['production', 'prod']`.
       *
       * @visibility backend
       */
      productionValues?: string[];
    };

    /**
     * Finding and verdict history.
     */
    history?: {
      /**
       * How long resolved findings and daily verdicts are kept, e.g. `{ days: 180 }`.
       * Default: 180 days.
       *
       * @visibility backend
       */
      retention?: HumanDuration | string;
    };
  };
}
