export interface Config {
  eksEncryption?: {
    /**
     * Drift alerts as Backstage notifications (module
     * `backstage-plugin-eks-encryption-backend-module-notifications`).
     */
    notifications?: {
      /**
       * Entity ref (default kind `group`) that receives access and staleness problems
       * (findings that could not be re-checked, verdicts becoming `error` or
       * `incomplete`), one notification per run. Unset: these are not sent.
       *
       * @visibility backend
       */
      platformGroup?: string;

      /**
       * Findings below this severity notify nobody. Default: `high`.
       *
       * @visibility backend
       */
      minimumSeverity?: 'critical' | 'high' | 'medium' | 'low';

      /**
       * No repeat for the same entity and finding (cluster ARN and check id) within
       * this long: `{ hours: 24 }`, `'24h'` or `'PT24H'`. Kept in the plugin's
       * database, so it survives restarts and holds across replicas.
       * Default: 24 hours.
       *
       * @visibility backend
       */
      quietPeriod?:
        | {
            years?: number;
            months?: number;
            weeks?: number;
            days?: number;
            hours?: number;
            minutes?: number;
            seconds?: number;
            milliseconds?: number;
          }
        | string;
    };
  };
}
