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
     * A cluster not read successfully for this long counts as `incomplete` in every
     * answer (entity verdict, rollups, KPIs, trend, Tech Insights facts); a last known
     * `non-compliant` stays `non-compliant`. Its card keeps the last evidence, its time
     * and why it is stale. A duration like the schedule's (`{ hours: 3 }`, `'3h'`,
     * `'PT3H'`). Default: 3 × the schedule frequency when that is a duration, else 48 hours.
     *
     * @visibility backend
     */
    staleAfter?: HumanDuration | string;

    /**
     * Time kept from a run's deadline (its task timeout, or `refresh.timeout`) for
     * writing its results: AWS reading stops this long before the deadline and what is
     * not read by then is `unknown`. At most a quarter of the run's time is kept.
     * Default: 60 seconds.
     *
     * @visibility backend
     */
    writeReserve?: HumanDuration | string;

    /**
     * On-demand refreshes of one entity (`POST /v1/refresh`). The budgets are kept in
     * the database, so they hold across replicas; beyond them the API answers 429 with
     * `Retry-After`.
     */
    refresh?: {
      /**
       * Longest a refresh may take before it writes what it has. Default: 5 minutes.
       *
       * @visibility backend
       */
      timeout?: HumanDuration | string;
      /**
       * A refresh of the same entity started this recently (or still running) is
       * returned instead of starting another. Default: 60 seconds.
       *
       * @visibility backend
       */
      debounce?: HumanDuration | string;
      /**
       * Refreshes one caller (user or service) may start per window.
       * Default: 10 per minute.
       */
      perCaller?: {
        /** @visibility backend */
        limit?: number;
        /** @visibility backend */
        window?: HumanDuration | string;
      };
      /**
       * Refresh runs running at once, over all callers and replicas. Default: 4.
       *
       * @visibility backend
       */
      maxRunning?: number;
    };

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
       * The only AWS accounts (12-digit ids) that catalog annotations may make the
       * plugin call. A cluster ARN in any other account, named by an entity or by a
       * Resource it depends on, is an annotation error on that entity and is never
       * called: zero AWS calls. A KMS key in any other account (named by a cluster's
       * encryption config) is reported as `no-credentials` without a call.
       * Default: any account with credentials, or,
       * when `aws.accountDefaults.roleName` is set, only the accounts listed in
       * `aws.mainAccount` and `aws.accounts[]`.
       *
       * @visibility backend
       */
      allowedAccounts?: string[];
      /**
       * How patient one AWS call is. Throttling, 5xx answers and hung attempts are
       * retried with exponential backoff and full jitter, under one adaptive rate
       * limit per account and region; access denied, not found, missing credentials
       * and unreadable answers are not. Durations are milliseconds, an object such as
       * `{ seconds: 10 }`, a string such as `'10s'`, or ISO 8601 (`'PT10S'`).
       *
       * @visibility backend
       */
      retry?: {
        /**
         * One attempt without an answer for this long is aborted and retried.
         * Default: 10 seconds.
         *
         * @visibility backend
         */
        attemptTimeout?: number | HumanDuration | string;
        /**
         * Longest one call may take, retries and waits included; the run's own
         * deadline may end it sooner. What still fails then is reported as failed.
         * Default: 2 minutes.
         *
         * @visibility backend
         */
        callBudget?: number | HumanDuration | string;
        /**
         * Backoff before the first retry; it doubles with every retry (each delay is
         * drawn at random between zero and that bound). Default: 200 milliseconds.
         *
         * @visibility backend
         */
        baseDelay?: number | HumanDuration | string;
        /**
         * Longest single backoff. Default: 20 seconds.
         *
         * @visibility backend
         */
        maxDelay?: number | HumanDuration | string;
      };
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
      /**
       * Cluster tag whose ISO 8601 date attests that existing Secrets were rewritten
       * after encryption was enabled (`secrets-rewritten`): only those with rights on
       * the cluster can set it. The annotation `aws.amazon.com/eks-secrets-rewritten-at`
       * counts only when every entity naming the cluster has one owner.
       * Default: `secrets-rewritten-at`.
       *
       * @visibility backend
       */
      rewriteAttestationTag?: string;
    };

    /**
     * Discovery: every scheduled run lists the clusters of these accounts and
     * regions (`eks:ListClusters`) and evaluates those no entity links too
     * ("unclaimed", visible with the `eks-encryption.unclaimed.read` permission).
     * A cluster missing from a complete listing is marked deleted and its findings
     * resolved as `cluster-deleted`. Off by default.
     */
    discovery?: {
      /**
       * Default: false.
       *
       * @visibility backend
       */
      enabled?: boolean;
      /**
       * 12-digit account ids to list. Default: `aws.allowedAccounts`, else the
       * accounts of the root `aws` config (`aws.mainAccount`, `aws.accounts[]`).
       *
       * @visibility backend
       */
      accounts?: string[];
      /**
       * Regions to list in each account, e.g. `['eu-west-1', 'us-east-1']`.
       *
       * @visibility backend
       */
      regions?: string[];
      /**
       * Cluster tag naming the owner of an unclaimed cluster: a group or user ref
       * (`group:default/payments`, or `payments` for a group). Default: `owner`.
       *
       * @visibility backend
       */
      ownerTag?: string;
    };

    /**
     * The change log (findings opened and resolved, verdict changes), written with
     * each run and handed to consumers (the events service, topic
     * `eks-encryption.findings`, and modules such as the notifications module).
     */
    changes?: {
      /**
       * How often consumers are drained besides right after each run. Default: 1 minute.
       *
       * @visibility backend
       */
      drainFrequency?: number | HumanDuration | string;
      /**
       * Changes handed to a consumer at once. Default: 200.
       *
       * @visibility backend
       */
      batchSize?: number;
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

    /**
     * In-memory caches, per replica, that keep catalog and permission reads off API
     * requests. Durations are milliseconds, an object such as `{ seconds: 30 }`, a
     * string such as `'30s'`, or ISO 8601 (`'PT30S'`).
     */
    cache?: {
      /**
       * The copy of every catalog group (parents and children) and user, read with
       * the plugin's own credentials, that expands an owner into its child groups
       * (`includeChildren`).
       */
      groupHierarchy?: {
        /**
         * How long the copy is kept: a group moved in the catalog shows in rollups
         * at most this late. Default: 30 seconds.
         *
         * @visibility backend
         */
        ttl?: number | HumanDuration | string;
      };
      /**
       * Each caller's read decision for catalog entities (and, when the decision is
       * conditional, the entities the catalog lets the caller read), keyed by the
       * user and its ownership claims, or by the service.
       */
      readableEntities?: {
        /**
         * How long one caller's decision and readable entities are kept. This is the
         * longest a revoked read (a changed permission policy, an entity moved out of
         * the caller's reach) can still count in lists and rollups; a change of the
         * user's ownership claims takes effect at once. Default: 60 seconds.
         *
         * @visibility backend
         */
        ttl?: number | HumanDuration | string;
        /**
         * Callers kept at once; beyond it the least recently used is dropped.
         * Default: 100.
         *
         * @visibility backend
         */
        maxEntries?: number;
      };
    };
  };
}
