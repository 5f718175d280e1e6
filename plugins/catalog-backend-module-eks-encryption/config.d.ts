import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /**
       * The EKS clusters found by the discovery of the `eks-encryption`
       * backend plugin, as catalog Resources
       * (`backstage-plugin-catalog-backend-module-eks-encryption`).
       */
      eksEncryption?: {
        /**
         * Emit the discovered clusters. Default: false.
         *
         * @visibility backend
         */
        enabled?: boolean;
        /**
         * When the discovered clusters are read (`frequency`, `timeout`,
         * `initialDelay`). Default: every 30 minutes, timeout 3 minutes,
         * initial delay 15 seconds.
         *
         * @visibility backend
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        owner?: {
          /**
           * Owner of a cluster whose owner tag names no catalog group or
           * user: an entity ref, a bare name meaning a group in the default
           * namespace. Default: `group:default/unknown`.
           *
           * @visibility backend
           */
          fallback?: string;
        };
      };
    };
  };
}
